import type { BrowserContext } from "playwright-core";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, expectAccessible, newPage, useBrowser, signIn, signOut } from "./browser";

const baseUrl = inject("baseUrl");
const browser = useBrowser();
let context: BrowserContext;

beforeEach(async () => {
  context = await browser().newContext();
});
afterEach(async () => {
  await context.close();
});

describe("sign in and out in Chromium", () => {
  it("signs in with a demo account, shows the start page, and signs out (A5)", async () => {
    const { page, errors } = await newPage(context);
    await signIn(page, baseUrl, "admin@kai.example");
    expect(new URL(page.url()).pathname).toBe("/start");
    // The header's user menu carries the person's name; "Abmelden" sits inside it.
    // count() does not wait: under load the start page may still be painting when the URL changed.
    const userMenu = page.locator("header summary:visible", { hasText: "Anna Admin" });
    await userMenu.first().waitFor({ state: "visible" });
    await expect(userMenu.count()).resolves.toBe(1);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__Host-kai_session");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    await signOut(page);
    await page.goto(`${baseUrl}/konto`);
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    assertNoConsoleErrors(errors);
  });

  it("shows a German error summary that takes focus after a failed sign-in (H39)", async () => {
    const { page, errors } = await newPage(context);
    await page.goto(`${baseUrl}/anmelden`);
    await page.getByLabel("E-Mail-Adresse").fill("admin@kai.example");
    await page.getByLabel(/^Passwort/).fill("falsches-Passwort-123");
    await page.getByRole("button", { name: "Anmelden" }).last().click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain("E-Mail-Adresse oder Passwort ist falsch.");
    await expect(page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).resolves.toBe(true);
    await expectAccessible(page, "Anmelden mit Fehler");
    assertNoConsoleErrors(errors, { expectStatus: [400] });
  });

  it("works without JavaScript (progressive enhancement)", async () => {
    const noJs = await browser().newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await signIn(page, baseUrl, "it.jemgum@kai.example");
    expect(new URL(page.url()).pathname).toBe("/start");
    await noJs.close();
  });
});
