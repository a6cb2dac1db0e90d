import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { nextSecondFactorCode } from "../second-factor";

export const DEMO_PASSWORD = "Demo-Passwort-2026";

/** Debian's Chromium, headless, with the flags this network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One Chromium for the test file, closed at its end. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/**
 * A page that records every console.error and page error; `assertNoConsoleErrors` fails the test
 * on any (ACCEPTANCE: a browser test fails on any console.error).
 */
export async function newPage(context: BrowserContext) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return { page, errors };
}

/**
 * `expectStatus` names HTTP error statuses the test itself provokes (e.g. 400 for a form sent with
 * invalid input): Chromium logs those responses as console errors, but they are the expected answer.
 */
export function assertNoConsoleErrors(errors: string[], { expectStatus = [] as number[] } = {}) {
  const expected = (e: string) => expectStatus.some((s) => e === `Failed to load resource: the server responded with a status of ${s} (${STATUS_TEXT[s] ?? ""})`);
  const unexpected = errors.filter((e) => !expected(e));
  expect(unexpected, `console errors:\n${unexpected.join("\n")}`).toEqual([]);
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 409: "Conflict", 410: "Gone", 429: "Too Many Requests" };

/** axe with the WCAG 2.1 A/AA rule sets: zero violations (ACCEPTANCE H38). */
export async function expectAccessible(page: Page, label = page.url()) {
  // The sandboxed mail preview frame holds a received message, not our UI, and axe cannot enter
  // a frame without scripts; everything around it is scanned.
  // Legacy mode runs axe.run in the page itself; the default opens a blank page per scan to merge
  // the frames' partial results, which doubles the time of a scan (1.0 s against 0.5 s on /start)
  // and buys nothing here: the portal has no cross-origin frames.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("iframe.mail-html")
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/anmelden`);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel(/^Passwort/).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith("/anmelden") || url.pathname === "/anmelden/code");
  // Admins and centre managers: the second step, with the code their app would show.
  if (new URL(page.url()).pathname === "/anmelden/code") await enterSecondFactorCode(page, baseUrl, email);
  // Let the landing page finish its own requests (Remix's route-manifest fetch), so a test's next
  // page.goto does not abort one and log "Failed to fetch manifest patches".
  await page.waitForLoadState("networkidle");
}

/** The code step of the sign-in: types the account's current code as from an authenticator app. */
export async function enterSecondFactorCode(page: Page, baseUrl: string, email: string) {
  await page.getByLabel("Code aus der App").fill(await nextSecondFactorCode(email, baseUrl));
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/anmelden"));
  await page.waitForLoadState("networkidle");
}

/** Opens the visible header menu that holds "Abmelden" (the user menu, or "Menü" on narrow screens). */
export async function openUserMenu(page: Page) {
  await page.locator('header details.menu:has(button:text-is("Abmelden")) > summary:visible').first().click();
}

export async function signOut(page: Page) {
  await openUserMenu(page);
  await page.locator("header").getByRole("button", { name: "Abmelden" }).locator("visible=true").first().click();
  await page.waitForURL((url) => url.pathname.startsWith("/anmelden"));
}

export interface LetterPerLineProblem {
  element: string;
  word: string;
  wordPx: number;
  availablePx: number;
}

/**
 * Text that cannot show its longest word on one line (issue 5, item 16): at 320 px a column that
 * is narrower than its longest word breaks words letter by letter. Fails when
 * - the page is wider than the viewport (document scrollWidth > clientWidth), or
 * - a rendered text's block (the nearest non-inline box around it) is narrower, inside its padding,
 *   than the widest unbreakable piece of that text, measured with the text's computed font; or
 * - a visually hidden element lies outside the viewport without a scroll region that clips it
 *   (it escaped its container and can widen the page).
 * Skipped: text that is not rendered, form-control internals, and text inside a region that scrolls
 * sideways by design (a wide table in its ScrollableTable), unless it escapes that region.
 */
export async function findLetterPerLine(page: Page): Promise<{ overflowPx: number; problems: LetterPerLineProblem[] }> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(() => {
    const doc = document.documentElement;
    const viewportWidth = doc.clientWidth;
    const overflowPx = doc.scrollWidth - doc.clientWidth;
    const problems: LetterPerLineProblem[] = [];
    const canvas = document.createElement("canvas").getContext("2d")!;
    const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TITLE", "SELECT", "OPTION", "OPTGROUP", "TEXTAREA", "svg"]);

    const describe = (el: Element): string => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).filter(Boolean) : [];
      if (cls.length) s += `.${cls.join(".")}`;
      const parent = el.parentElement;
      return parent && parent !== document.body ? `${describe(parent).split(" > ").slice(-2).join(" > ")} > ${s}` : s;
    };
    const isVisuallyHidden = (el: Element, style: CSSStyleDeclaration) => {
      if (style.position !== "absolute" && style.position !== "fixed") return false;
      const r = el.getBoundingClientRect();
      return (style.clip !== "auto" && style.clip !== "") || style.clipPath !== "none" || r.width <= 1 || r.height <= 1;
    };
    /** The nearest ancestor that scrolls sideways now (its content is wider than it, by design). */
    const scrollRegionOf = (el: Element): Element | null => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if ((ox === "auto" || ox === "scroll") && a.scrollWidth > a.clientWidth + 1) return a;
      }
      return null;
    };
    /** The box whose width the text has to fit in: the nearest ancestor-or-self that is not inline. */
    const blockOf = (el: Element): Element => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const d = getComputedStyle(a).display;
        if (d !== "inline" && d !== "contents") return a;
      }
      return doc;
    };
    const widthCache = new Map<string, number>();
    const wordWidth = (word: string, style: CSSStyleDeclaration) => {
      const text = style.textTransform === "uppercase" ? word.toUpperCase() : style.textTransform === "lowercase" ? word.toLowerCase() : word;
      const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const key = `${font}|${style.letterSpacing}|${text}`;
      let w = widthCache.get(key);
      if (w === undefined) {
        canvas.font = font;
        const spacing = style.letterSpacing === "normal" ? 0 : parseFloat(style.letterSpacing) || 0;
        w = canvas.measureText(text).width + spacing * Math.max(0, [...text].length - 1);
        widthCache.set(key, w);
      }
      return w;
    };
    /** Unbreakable pieces: split at white space, zero-width spaces and soft hyphens, and after a hyphen or dash. */
    const piecesOf = (text: string) =>
      text
        .split(/[\s\u200B\u00AD]+/)
        .flatMap((w) => w.split(/(?<=[-\u2010\u2013\u2014])/))
        .filter((w) => w.length > 1);

    const hiddenChecked = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      if (!text.trim()) continue;
      const el = node.parentElement;
      if (!el || el.closest("script,style,noscript,template,select,textarea,svg")) continue;
      if (SKIP.has(el.tagName)) continue;
      if (!el.checkVisibility({ visibilityProperty: true }) || el.getClientRects().length === 0) continue;

      // Visually hidden text is 1 px wide on purpose; it only must not escape its container.
      let hidden: Element | null = null;
      for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
        if (isVisuallyHidden(a, getComputedStyle(a))) {
          hidden = a;
          break;
        }
      }
      if (hidden) {
        if (hiddenChecked.has(hidden)) continue;
        hiddenChecked.add(hidden);
        const region = scrollRegionOf(hidden);
        const offsetParent = (hidden as HTMLElement).offsetParent;
        const clippedByRegion = region && offsetParent && (region === offsetParent || region.contains(offsetParent));
        if (clippedByRegion) continue;
        const r = hidden.getBoundingClientRect();
        if (r.right > viewportWidth + 0.5 || r.left < -0.5) {
          problems.push({ element: describe(hidden), word: "(visually hidden, outside the viewport)", wordPx: Math.round(r.left), availablePx: viewportWidth });
        }
        continue;
      }
      if (scrollRegionOf(el)) continue;

      const block = blockOf(el);
      const blockStyle = getComputedStyle(block);
      const available = block.clientWidth - parseFloat(blockStyle.paddingLeft) - parseFloat(blockStyle.paddingRight);
      const style = getComputedStyle(el);
      let longest = "";
      let longestPx = 0;
      for (const piece of piecesOf(text)) {
        const w = wordWidth(piece, style);
        if (w > longestPx) [longest, longestPx] = [piece, w];
      }
      if (longestPx > available + 1) {
        problems.push({ element: describe(el), word: longest, wordPx: Math.round(longestPx), availablePx: Math.round(available) });
      }
    }
    return { overflowPx, problems };
  });
}

/**
 * Fails when the page scrolls sideways: the document is wider than the viewport's layout width
 * (`clientWidth`, the viewport without a classic vertical scroll bar, so at least as strict as
 * `innerWidth`). Wide content (a table) must scroll inside its own region instead (issue 5 item 2a).
 */
export async function expectNoHorizontalScroll(page: Page, label = page.url()) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const { scrollWidth, clientWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: the page is ${scrollWidth} px wide at a viewport of ${innerWidth} px (${clientWidth} px without scroll bar): horizontal scroll`).toBeLessThanOrEqual(clientWidth);
}

/** Fails with every element that breaks a word for lack of width, and when the page scrolls sideways. */
export async function expectNoLetterPerLine(page: Page, label = page.url()) {
  const { overflowPx, problems } = await findLetterPerLine(page);
  const lines = problems.map((p) => `${p.element}: "${p.word}" needs ${p.wordPx} px, has ${p.availablePx} px`);
  if (overflowPx > 0) lines.unshift(`the page is ${overflowPx} px wider than the viewport (horizontal scroll)`);
  expect(lines.length, `letter per line on ${label}:\n  ${lines.slice(0, 25).join("\n  ")}${lines.length > 25 ? `\n  … ${lines.length - 25} more` : ""}\n`).toBe(0);
}

/**
 * Every visible table caption as wide as its table, less at most 1 px. A caption names the whole
 * table; one that only gets the width of its longest word stands one word per line (a KERN rule
 * kept `display: table-caption` in the stacked tables at 320 px).
 */
export async function findNarrowCaptions(page: Page): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(() =>
    [...document.querySelectorAll("table > caption")].flatMap((caption) => {
      const table = caption.parentElement!;
      const style = getComputedStyle(table);
      const tableWidth = table.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
      const width = caption.getBoundingClientRect().width;
      const hidden = getComputedStyle(caption).position === "absolute" || width <= 1 || table.getClientRects().length === 0;
      return !hidden && width < tableWidth - 1 ? [`"${caption.textContent?.trim()}": ${Math.round(width)} px wide in a table of ${Math.round(tableWidth)} px`] : [];
    }),
  );
}

export async function expectCaptionsSpanTables(page: Page, label = page.url()) {
  const narrow = await findNarrowCaptions(page);
  expect(narrow.length, `captions narrower than their table on ${label}:\n  ${narrow.join("\n  ")}\n`).toBe(0);
}

/**
 * axe at 1280 px, then the page as a phone loads it (320 px, loaded afresh): axe and the letter
 * check; back at 1280 px afterwards. For the walkthroughs' key page states (ACCEPTANCE H38).
 */
export async function checkBothWidths(page: Page, label: string) {
  await expectAccessible(page, `${label} (1280)`);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await expectAccessible(page, `${label} (320)`);
  await expectNoLetterPerLine(page, `${label} (320)`);
  await expectCaptionsSpanTables(page, `${label} (320)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
}
