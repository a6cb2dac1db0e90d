import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, type ExpectStatic } from "vitest";
import {
  DEMO_PASSWORD,
  assertNoConsoleErrors,
  expectAccessible,
  expectCaptionsSpanTables,
  expectNoHorizontalScroll,
  expectNoLetterPerLine,
  findLetterPerLine,
  findNarrowCaptions,
  newPage,
  signIn,
  useBrowser,
} from "./browser";
import { DEMO_ROLES, ROLE_IDS, WIDTHS, pagesFor, resolvePath, type PageSpec } from "./page-list";

// ACCEPTANCE H38–H41, issue 5 item 16: every page (tests/e2e/page-list.ts), for each demo role that
// can open it, at 1280 and 320 px: axe finds nothing (WCAG 2.1 AA), lang="de", a title
// "… – KAI-Portal" that no other page uses, landmarks, one h1, a skip link, the accessibility
// statement and the Leichte-Sprache page linked in the footer, and no console errors; at 320 px no
// horizontal scroll and no text narrower than its longest word; at 1280 px no horizontal scroll, and
// on pages with a data table none at 1024, 800 and 641 px either (just above the 40rem where the
// stacked layout used to start: a wide table scrolls in its own region, the page never does).
const baseUrl = inject("baseUrl");
const browser = useBrowser();

/** The statuses some listed pages answer with on purpose (invalid tokens, bad filters, errors). */
const EXPECTED_STATUSES = [400, 404, 410];
const HEIGHT = 800;
/** Widths between the two listed ones, checked for sideways scrolling on pages with a data table. */
const TABLE_WIDTHS = [1024, 800, 641] as const;

/** Title per page (`PageSpec.page`), for the uniqueness check at the end. */
const titles = new Map<string, Set<string>>();

async function checkPage(page: Page, spec: PageSpec, label: string, expect: ExpectStatic) {
  expect(await page.getAttribute("html", "lang"), `${label}: lang`).toBe("de");
  const title = await page.title();
  expect(title, `${label}: title "… – KAI-Portal"`).toMatch(/^\S.* – KAI-Portal$/);
  if (!titles.has(title)) titles.set(title, new Set());
  titles.get(title)!.add(spec.page);
  expect(await page.locator("main#inhalt").count(), `${label}: one main landmark`).toBe(1);
  expect(await page.locator("header").count(), `${label}: header`).toBeGreaterThan(0);
  expect(await page.locator("footer").count(), `${label}: footer`).toBeGreaterThan(0);
  expect(await page.locator("h1").count(), `${label}: one h1`).toBe(1);
  expect(await page.locator('a.skip-link[href="#inhalt"]').count(), `${label}: skip link`).toBe(1);
  expect(await page.locator('footer a[href="/barrierefreiheit"]').count(), `${label}: accessibility statement linked`).toBe(1);
  expect(await page.locator('footer a[href^="mailto:"]').count(), `${label}: feedback contact`).toBeGreaterThan(0);
  await expectAccessible(page, label);
  // BITV 2.0 §4: the explanation in Leichte Sprache, linked from every page (the footer lives in
  // app/components/layout.tsx). Soft, and after axe, so a missing link does not hide other findings.
  expect.soft(await page.locator('footer a[href="/leichte-sprache"]').count(), `${label}: Leichte Sprache linked in the footer`).toBe(1);
}

/**
 * Loads the page at 1280 px and brings it into its state; resolved paths are kept per role. The
 * other widths are the same document with the viewport changed: no script in the portal reacts to
 * the viewport (only CSS does), so a resized page shows what a page loaded at that width shows.
 */
async function open(page: Page, spec: PageSpec, paths: Map<string, string>) {
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  let path = paths.get(spec.id);
  if (!path) {
    path = await resolvePath(spec, page, baseUrl);
    paths.set(spec.id, path);
  }
  const response = await page.goto(`${baseUrl}${path}`);
  const status = response?.status() ?? 0;
  if (spec.status) expect(status, `${spec.id}: HTTP status`).toBe(spec.status);
  else expect(status, `${spec.id}: HTTP status`).toBeLessThan(400);
  // Let Remix finish discovering the page's links; the next navigation would cancel it (a console error).
  await page.waitForLoadState("networkidle");
  await spec.prepare?.(page);
  return path;
}

async function resize(page: Page, width: number) {
  await page.setViewportSize({ width, height: HEIGHT });
  // One frame, so layout and the media queries have caught up before anything is measured.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

describe("expectNoLetterPerLine (the check itself)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser().newContext({ viewport: { width: 320, height: HEIGHT } });
    page = await context.newPage();
  });
  afterAll(() => context.close());
  const html = (body: string) =>
    `<!doctype html><html lang="de"><head><style>body{margin:0;font:16px/1.5 sans-serif} .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style></head><body>${body}</body></html>`;

  it("fails on a column narrower than its longest word (the word breaks letter by letter)", async () => {
    await page.setContent(html(`<div style="display:flex"><p style="overflow-wrap:anywhere">Mitgliedskommune</p><p>${"Text ".repeat(60)}</p></div>`));
    const { problems } = await findLetterPerLine(page);
    expect(problems.map((p) => p.word)).toContain("Mitgliedskommune");
    await expect(expectNoLetterPerLine(page, "too narrow")).rejects.toThrow(/Mitgliedskommune/);
  });

  it("fails when the page is wider than the viewport", async () => {
    await page.setContent(html(`<div style="width:400px">breit</div>`));
    await expect(expectNoLetterPerLine(page, "too wide")).rejects.toThrow(/wider than the viewport/);
    await expect(expectNoHorizontalScroll(page, "too wide")).rejects.toThrow(/horizontal scroll/);
    // Wide content in its own scroll region does not widen the page.
    await page.setContent(html(`<div style="overflow-x:auto"><div style="width:400px">breit</div></div>`));
    await expectNoHorizontalScroll(page, "scroll region");
  });

  it("fails on a visually hidden text that escaped its scroll region", async () => {
    // The region scrolls, but the hidden span's containing block is outside it, so nothing clips it.
    await page.setContent(
      html(`<div style="overflow-x:auto"><table><tr><td style="white-space:nowrap">${"Spalte ".repeat(20)}<span class="vh">versteckt</span></td></tr></table></div>`),
    );
    const { problems } = await findLetterPerLine(page);
    expect(problems.map((p) => p.word)).toContain("(visually hidden, outside the viewport)");
  });

  it("passes on text that fits, hidden text, a wide table in its scroll region, and words broken at hyphens", async () => {
    await page.setContent(
      html(
        `<main><h1>Erklärung zur Barrierefreiheit</h1><p>Die Barrierefreie-Informationstechnik-Verordnung gilt.</p>` +
          `<p hidden>Unsichtbarerlangerwortbandwurmohnejedeumbruchmoeglichkeit</p>` +
          `<div style="overflow-x:auto;position:relative"><table><tr>${"<td>Einwohnerinnen</td>".repeat(8)}<td><span class="vh">versteckt</span></td></tr></table></div>` +
          `<button><span class="vh">Beenden (Anmeldung vom 01.02.2026)</span>Beenden</button></main>`,
      ),
    );
    expect(await findLetterPerLine(page)).toEqual({ overflowPx: 0, problems: [] });
    await expectNoLetterPerLine(page, "fits");
  });

  it("finds a caption narrower than its table (KERN's table-caption in a table shown as a block), not a full-width one", async () => {
    const table = (captionStyle: string) =>
      `<table style="display:block;width:300px"><caption style="${captionStyle}">Offene Tickets von Bernd Berater</caption><tbody style="display:block"><tr style="display:block"><td style="display:block">KAI-2026-00004</td></tr></tbody></table>`;
    await page.setContent(html(table("display:table-caption")));
    expect(await findNarrowCaptions(page)).toEqual([expect.stringMatching(/^"Offene Tickets von Bernd Berater": \d+ px wide in a table of 300 px$/)]);
    await expect(expectCaptionsSpanTables(page, "narrow")).rejects.toThrow(/Offene Tickets/);
    await page.setContent(html(table("display:block") + `<table><caption>Normal</caption><tr><td>${"Spalte ".repeat(6)}</td></tr></table>`));
    expect(await findNarrowCaptions(page)).toEqual([]);
  });
});

// The roles run side by side (each in its own browser context, at most `maxConcurrency` at once,
// see vitest.e2e.config.ts); one role's pages run in order (`it.sequential`), because they share
// its tab. The role suites must not be `describe.sequential`: vitest then runs the suites one after
// the other too. The roles with the most pages start first, so no long one is left running alone
// at the end. The waits for the network to settle leave the machine idle much of the time.
const ROLES_LONGEST_FIRST = [...ROLE_IDS].sort((a, b) => pagesFor(b).length - pagesFor(a).length);
describe.concurrent("every page, per role", () => {
  for (const role of ROLES_LONGEST_FIRST) {
    const email = DEMO_ROLES[role];
    describe(`${role}: every page it can open, at ${WIDTHS.join(" and ")} px`, () => {
      let context: BrowserContext;
      let tab: Page;
      const errors: string[] = [];
      const paths = new Map<string, string>();
      /** The tab shows this spec in its state (so the later checks need not load it again). */
      let shows: string | undefined;
      beforeAll(async () => {
        context = await browser().newContext();
        tab = await context.newPage();
        tab.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
        tab.on("pageerror", (err) => errors.push(err.message));
        if (email) await signIn(tab, baseUrl, email);
      });
      afterAll(() => context.close());
      const label = (spec: PageSpec, width: number) => `${role} ${new URL(tab.url()).pathname} (${spec.id}) at ${width} px`;
      /** Shows the spec at this width, loading it only when the tab shows something else. */
      async function show(spec: PageSpec, width: number) {
        if (shows !== spec.id) {
          shows = undefined;
          await open(tab, spec, paths);
          shows = spec.id;
        }
        await resize(tab, width);
      }

      for (const spec of pagesFor(role)) {
        it.sequential(`${spec.id}: page checks and axe at both widths`, async ({ expect }) => {
          errors.length = 0;
          shows = undefined;
          for (const width of WIDTHS) {
            await show(spec, width);
            await checkPage(tab, spec, label(spec, width), expect);
          }
          assertNoConsoleErrors(errors, { expectStatus: EXPECTED_STATUSES });
        });

        it.sequential(`${spec.id}: at 320 px no horizontal scroll, no letter per line, no caption narrower than its table`, async () => {
          await show(spec, 320);
          await expectNoLetterPerLine(tab, label(spec, 320));
          await expectCaptionsSpanTables(tab, label(spec, 320));
        });

        it.sequential(`${spec.id}: no horizontal scroll at 1280 px (with a data table also at ${TABLE_WIDTHS.join(", ")} px)`, async () => {
          errors.length = 0;
          await show(spec, 1280);
          await expectNoHorizontalScroll(tab, label(spec, 1280));
          if ((await tab.locator(".data-table").count()) === 0) return;
          for (const width of TABLE_WIDTHS) {
            await resize(tab, width);
            await expectNoHorizontalScroll(tab, label(spec, width));
          }
          assertNoConsoleErrors(errors, { expectStatus: EXPECTED_STATUSES });
        });
      }

      if (role !== "anonymous" && role !== "admin") {
        it.sequential("administration pages do not exist for this role", async () => {
          errors.length = 0;
          shows = undefined;
          for (const path of ["/admin/personen", "/admin/audit", "/mitglieder/neu"]) {
            const res = await tab.goto(`${baseUrl}${path}`);
            expect(res?.status(), path).toBe(404);
            // Let Remix finish discovering the page's links; the next navigation would cancel it (a console error).
            await tab.waitForLoadState("networkidle");
          }
          assertNoConsoleErrors(errors, { expectStatus: [404] });
        });
      }
    });
  }
});

// The flows the accessibility statement names as checked with the keyboard (issue 5, item 15).
describe("keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3)", () => {
  /** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
  async function tabTo(page: Page, selector: string, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${max} presses of Tab`);
  }

  it("skip link, sign-in with a failed attempt, the levy calculator, and sign-out", async () => {
    const context = await browser().newContext();
    const { page, errors } = await newPage(context);
    await page.goto(`${baseUrl}/anmelden`);
    await page.waitForLoadState("networkidle");
    // The skip link is the first stop and moves the focus to the main content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("skip-link"))).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhalt");

    // Sign in: a wrong password first; the error summary takes the focus.
    await tabTo(page, 'main input[autocomplete="username"]');
    await page.keyboard.type("it.buxtehude@kai.example");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("password");
    await page.keyboard.type("falsches-Passwort-123");
    await page.keyboard.press("Enter");
    await page.getByRole("alert").first().waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await tabTo(page, 'main input[type="password"]');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/start");

    // The levy calculator.
    await page.goto(`${baseUrl}/konditionen`);
    await page.waitForLoadState("networkidle");
    await tabTo(page, 'main input[name="einwohner"]');
    await page.keyboard.type("12500");
    await page.keyboard.press("Enter");
    await page.waitForURL(/einwohner=12500/);
    await page.locator("#ergebnis").waitFor();
    await page.waitForLoadState("networkidle");

    // Sign out: the user menu in the header opens with Enter, then "Abmelden".
    await tabTo(page, "header details.menu:has(form[action='/abmelden']) > summary");
    await page.keyboard.press("Enter");
    await tabTo(page, 'header details.menu[open] form[action="/abmelden"] button', 10);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.startsWith("/anmelden"));
    assertNoConsoleErrors(errors, { expectStatus: [400] });
    await context.close();
  });
});

describe("titles", () => {
  it("no two pages share a title", () => {
    const shared = [...titles].filter(([, pages]) => pages.size > 1).map(([title, pages]) => `"${title}": ${[...pages].join(", ")}`);
    expect(shared).toEqual([]);
    expect(titles.size).toBeGreaterThan(10);
  });
});

describe("session expiry warning (ACCEPTANCE A4, WCAG 2.2.1)", () => {
  it("warns before the idle timeout and extends with one click", async () => {
    const context = await browser().newContext();
    const { page, errors } = await newPage(context);
    await page.clock.install();
    await signIn(page, baseUrl, "it.rheine@kai.example");
    await page.goto(`${baseUrl}/start`);
    const dialog = page.getByRole("dialog", { name: "Ihre Anmeldung läuft bald ab" });
    expect(await dialog.isVisible()).toBe(false);
    // The page counts only once it has hydrated: until then the (hidden) warning shows 0:00. Under
    // load the clock could otherwise move on before the countdown starts, which then starts late.
    const timeLeft = page.locator("#session-expiry strong");
    await expect.poll(() => timeLeft.textContent(), { timeout: 15_000 }).not.toBe("0:00 Minuten");
    // 26 minutes later on the page's clock. The page asks the server before warning; the server's
    // clock did not move, so the test answers for it: four minutes left, as it would be by then.
    await page.route("**/sitzung/status", (route) => route.fulfill({ json: { idleRemainingMs: 4 * 60 * 1000 } }));
    await page.clock.fastForward("26:00");
    await dialog.waitFor({ state: "visible" });
    await expectAccessible(page, "session expiry dialog");
    const extend = page.getByRole("button", { name: "Angemeldet bleiben" });
    expect(await extend.evaluate((el) => el === document.activeElement)).toBe(true);
    await extend.click();
    await dialog.waitFor({ state: "hidden" });
    assertNoConsoleErrors(errors);
    await context.close();
  });
});

