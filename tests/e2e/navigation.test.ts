import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, expectAccessible, expectNoHorizontalScroll, newPage, openUserMenu, signIn, useBrowser } from "./browser";
import { DEMO_ROLES, HEADER_SWITCH_WIDTHS, ROLE_IDS } from "./page-list";

// Issue 5 items 4–6: the app shell. Work areas and the user menu in one header row, one menu
// button on narrow screens that works without JavaScript, breadcrumbs and titles, and focus on the
// new page's <h1> after every client-side navigation and every redirect after a form.
const baseUrl = inject("baseUrl");
const browser = useBrowser();

const focusedHeading = () => {
  const el = document.activeElement;
  return el?.tagName === "H1" ? el.textContent : `${el?.tagName ?? "none"}: ${el?.textContent?.slice(0, 40) ?? ""}`;
};

describe("focus after navigation (item 6)", () => {
  it("moves focus to the new page's h1 and announces its title after a link and after a form redirect", async () => {
    const context = await browser().newContext();
    const { page, errors } = await newPage(context);
    await signIn(page, baseUrl, "admin@kai.example");
    await page.goto(`${baseUrl}/verwaltung`);
    await page.waitForLoadState("networkidle");

    // A client-side link navigation (the side navigation).
    await page.locator("nav.side-nav").getByRole("link", { name: "Personen" }).click();
    await page.waitForURL(`${baseUrl}/admin/personen`);
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.evaluate(focusedHeading)).toBe("Personen");
    await expect.poll(() => page.getByTestId("route-announcer").textContent()).toBe("Personen – Verwaltung – KAI-Portal");
    expect(await page.title()).toBe("Personen – Verwaltung – KAI-Portal");

    // A form whose action redirects (sign out → sign-in page), handled client-side by Remix.
    await openUserMenu(page);
    await page.locator("header").getByRole("button", { name: "Abmelden" }).locator("visible=true").first().click();
    await page.waitForURL((url) => url.pathname === "/anmelden");
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.evaluate(focusedHeading)).toBe("Anmelden");
    await expect.poll(() => page.getByTestId("route-announcer").textContent()).toMatch(/^Anmelden – KAI-Portal$/);
    assertNoConsoleErrors(errors);
    await context.close();
  });
});

describe("header and navigation (items 4 and 5)", () => {
  it("keeps brand, work areas and user menu in one row at 1280 px and a compact bar at 320 px", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await newPage(context);
    await signIn(page, baseUrl, "admin@kai.example");
    await page.goto(`${baseUrl}/admin/personen`);
    const wide = await page.locator("header.site-header").boundingBox();
    expect(wide!.height).toBeLessThan(90);
    await expect(page.locator("header nav[aria-label='Arbeitsbereiche'] a").allTextContents()).resolves.toEqual(["Betreuung", "Schulungen", "Facharbeitskreise", "Verwaltung"]);
    expect(await page.locator("header svg.brand__mark").count()).toBe(1);
    // Breadcrumbs below the area's top, and the area's side navigation.
    await expect(page.locator("nav.breadcrumbs li").allTextContents()).resolves.toEqual(["Verwaltung", "Personen"]);
    expect(await page.locator("nav.side-nav a[aria-current='page']").textContent()).toBe("Personen");

    await page.setViewportSize({ width: 320, height: 640 });
    const narrow = await page.locator("header.site-header").boundingBox();
    expect(narrow!.height).toBeLessThan(80);
    await page.locator("header summary:visible", { hasText: "Menü" }).click();
    await page.locator("header").getByRole("link", { name: "Mein Konto" }).locator("visible=true").click();
    await page.waitForURL(`${baseUrl}/konto`);
    // The menu closes itself after the navigation.
    await expect.poll(() => page.locator("header details.menu[open]").count()).toBe(0);
    assertNoConsoleErrors(errors);
    await context.close();
  });

  it("opens the narrow menu without JavaScript", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const link = page.locator("header").getByRole("link", { name: "Verfahren" }).locator("visible=true");
    expect(await link.count()).toBe(0);
    await page.locator("header summary:visible", { hasText: "Menü" }).click();
    await link.click();
    await page.waitForURL(`${baseUrl}/verfahren`);
    expect(await page.locator("h1").textContent()).toBe("Verfahren");
    await context.close();
  });

  it("shows signed-in people the work areas their roles use, and only those", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await newPage(context);
    await signIn(page, baseUrl, "schulung@kai.example");
    await expect(page.locator("header nav[aria-label='Arbeitsbereiche'] a").allTextContents()).resolves.toEqual(["Schulungen", "Facharbeitskreise"]);
    await expect(page.locator("header summary:visible").allTextContents()).resolves.toEqual(["Über KAI", "Benutzermenü für Sabine Schulz"]);
    assertNoConsoleErrors(errors);
    await context.close();
  });

  // The 72rem switch: the widest header (four work areas, the longest one current and so in bold,
  // "Über KAI", a long name in the user menu) must still fit in one row just above it, with a
  // classic scroll bar taking its share of the width; the compact bar takes over at it.
  const [aboveSwitch, atSwitch] = HEADER_SWITCH_WIDTHS;
  /** The widest classic scroll bar of the desktop browsers (Windows), in CSS px. */
  const CLASSIC_SCROLL_BAR = 17;
  it.each(ROLE_IDS)(`%s: one header row at ${aboveSwitch} px, the compact bar at ${atSwitch} px; axe clean at both`, async (role) => {
    // A low viewport, so every page scrolls (where a browser draws a scroll bar, it narrows the layout).
    const context = await browser().newContext({ viewport: { width: aboveSwitch, height: 400 } });
    const { page, errors } = await newPage(context);
    const email = DEMO_ROLES[role];
    if (email) await signIn(page, baseUrl, email);
    else await page.goto(`${baseUrl}/`);
    // The page of the work area with the longest name, so that link is current (bold).
    const areas = await page.locator("header nav[aria-label='Arbeitsbereiche'] a").evaluateAll((links) => links.map((a) => ({ href: a.getAttribute("href")!, text: a.textContent ?? "" })));
    const longest = areas.sort((a, b) => b.text.length - a.text.length)[0];
    if (longest) await page.goto(`${baseUrl}${longest.href}`);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const header = page.locator("header.site-header");
    /**
     * How far the bar's parts reach past its content box; in the wide header, the room left between
     * the navigation and the menus at the end; whether the wide or the compact navigation shows.
     */
    const layout = () =>
      page.evaluate(() => {
        const bar = document.querySelector<HTMLElement>("header.site-header .site-header__bar")!;
        const limit = bar.getBoundingClientRect().right - parseFloat(getComputedStyle(bar).paddingRight);
        const parts = [...bar.querySelectorAll("*")].filter((el) => el.getClientRects().length > 0);
        const visible = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].some((el) => el.offsetParent !== null);
        const wide = bar.querySelector<HTMLElement>(".nav-wide")!;
        const nav = wide.querySelector("nav")?.getBoundingClientRect();
        const end = wide.querySelector(".header-end")!.getBoundingClientRect();
        return {
          overflow: Math.max(0, ...parts.map((el) => Math.ceil(el.getBoundingClientRect().right - limit))),
          spare: visible("header .nav-wide") ? Math.floor(end.left - (nav ? nav.right + parseFloat(getComputedStyle(wide).columnGap) : wide.getBoundingClientRect().left)) : null,
          wide: visible("header .nav-wide"),
          compact: visible("header .nav-narrow"),
          // A classic scroll bar narrows the layout by its width (headless Chromium draws none).
          scrollBar: window.innerWidth - document.documentElement.clientWidth,
        };
      });

    if (longest) expect(await page.locator("header nav[aria-label='Arbeitsbereiche'] a.active").textContent(), `${role}: the current area`).toBe(longest.text);
    const above = await layout();
    expect(above, `${role} at ${aboveSwitch} px`).toMatchObject({ overflow: 0, wide: true, compact: false });
    // Room for a desktop browser's classic scroll bar (up to 17 px) where this one draws none.
    expect(above.spare! + above.scrollBar, `${role} at ${aboveSwitch} px: px left in the row, scroll bar included`).toBeGreaterThanOrEqual(CLASSIC_SCROLL_BAR);
    expect((await header.boundingBox())!.height, `${role} at ${aboveSwitch} px: one row`).toBeLessThan(90);
    await expectNoHorizontalScroll(page, `${role} at ${aboveSwitch} px`);
    await expectAccessible(page, `${role} at ${aboveSwitch} px`);

    await page.setViewportSize({ width: atSwitch, height: 400 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    expect(await layout(), `${role} at ${atSwitch} px`).toMatchObject({ overflow: 0, spare: null, wide: false, compact: true });
    expect((await header.boundingBox())!.height, `${role} at ${atSwitch} px: the compact bar`).toBeLessThan(80);
    await expectNoHorizontalScroll(page, `${role} at ${atSwitch} px`);
    await expectAccessible(page, `${role} at ${atSwitch} px`);
    assertNoConsoleErrors(errors);
    await context.close();
  });
});
