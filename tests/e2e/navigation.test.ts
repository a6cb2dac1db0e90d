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

  // The 72rem switch: the widest header (four work areas, "Über KAI", a long name in the user
  // menu) must still fit in one row just above it, and the compact bar takes over at it.
  const [aboveSwitch, atSwitch] = HEADER_SWITCH_WIDTHS;
  it.each(ROLE_IDS)(`%s: one header row at ${aboveSwitch} px, the compact bar at ${atSwitch} px; axe clean at both`, async (role) => {
    const context = await browser().newContext({ viewport: { width: aboveSwitch, height: 800 } });
    const { page, errors } = await newPage(context);
    const email = DEMO_ROLES[role];
    if (email) await signIn(page, baseUrl, email);
    else await page.goto(`${baseUrl}/`);
    await page.waitForLoadState("networkidle");
    const header = page.locator("header.site-header");
    /** How far the header's parts reach beyond the viewport, and whether the wide or the compact navigation shows. */
    const layout = () =>
      page.evaluate(() => {
        const parts = [...document.querySelectorAll("header.site-header .site-header__bar *")].filter((el) => el.getClientRects().length > 0);
        const visible = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].some((el) => el.offsetParent !== null);
        return {
          overflow: Math.max(0, ...parts.map((el) => Math.ceil(el.getBoundingClientRect().right) - document.documentElement.clientWidth)),
          wide: visible("header .nav-wide"),
          compact: visible("header .nav-narrow"),
        };
      });

    expect(await layout(), `${role} at ${aboveSwitch} px`).toEqual({ overflow: 0, wide: true, compact: false });
    expect((await header.boundingBox())!.height, `${role} at ${aboveSwitch} px: one row`).toBeLessThan(90);
    await expectNoHorizontalScroll(page, `${role} at ${aboveSwitch} px`);
    await expectAccessible(page, `${role} at ${aboveSwitch} px`);

    await page.setViewportSize({ width: atSwitch, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    expect(await layout(), `${role} at ${atSwitch} px`).toEqual({ overflow: 0, wide: false, compact: true });
    expect((await header.boundingBox())!.height, `${role} at ${atSwitch} px: the compact bar`).toBeLessThan(80);
    await expectNoHorizontalScroll(page, `${role} at ${atSwitch} px`);
    await expectAccessible(page, `${role} at ${atSwitch} px`);
    assertNoConsoleErrors(errors);
    await context.close();
  });
});
