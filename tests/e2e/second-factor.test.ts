import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import type { BrowserContext } from "playwright-core";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { codeAt, timeStep } from "~/modules/auth/second-factor";
import { assertNoConsoleErrors, expectAccessible, newPage, signIn, signOut, useBrowser } from "./browser";

// Issue 6 item 8: the second factor in Chromium. An account without one (it is optional for
// advisers) sets it up from "Mein Konto", signs in with it, and turns it off again, so the other
// browser tests find the demo account as the seed left it.
const baseUrl = inject("baseUrl");
const browser = useBrowser();
const EMAIL = "betreuung.west@kai.example";
let context: BrowserContext;

beforeEach(async () => {
  context = await browser().newContext();
});
afterEach(async () => {
  await context.close();
});

describe("second factor in the browser (issue 6 item 8)", () => {
  it("enrolment with the QR code page, sign-in with the code step, and turning it off with a recovery code (axe on every step)", async () => {
    const { page, errors } = await newPage(context);
    await signIn(page, baseUrl, EMAIL);
    await page.goto(`${baseUrl}/konto`);
    await page.getByRole("link", { name: "Zwei-Faktor-Anmeldung einrichten" }).click();
    await page.waitForURL(/\/konto\/zwei-faktor$/);
    await page.getByRole("button", { name: "Einrichtung beginnen" }).click();
    const qr = page.getByRole("img", { name: "QR-Code zum Einrichten der Authentifizierungs-App" });
    await qr.waitFor();
    // SVG elements, no style attribute (the CSP allows no inline styles).
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase() === "svg" && !svg.outerHTML.includes("style="))).toBe(true);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "enrolment with QR code");

    // The secret as text, typed into an "app" (computed here).
    const secret = decodeBase32IgnorePadding((await page.locator("code.secret-key").textContent())!.replaceAll(" ", ""));
    await page.getByLabel("Code aus der App").fill(codeAt(secret, timeStep()));
    await page.getByRole("button", { name: "Einrichten" }).click();
    await page.getByRole("heading", { name: "Ihre Wiederherstellungscodes" }).waitFor();
    const codes = await page.locator(".recovery-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "recovery codes after enrolment");

    // Sign in again: after the password comes the code step (the demo shows the current code).
    await signOut(page);
    await page.goto(`${baseUrl}/anmelden?redirectTo=%2Fkonto`);
    await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
    await page.getByLabel(/^Passwort/).fill("Demo-Passwort-2026");
    await page.getByRole("button", { name: "Anmelden" }).last().click();
    await page.waitForURL((url) => url.pathname === "/anmelden/code");
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "code step");
    const shown = await page.locator(".demo-code").textContent();
    expect([codeAt(secret, timeStep()), codeAt(secret, timeStep() + 1)]).toContain(shown);
    // The step of the enrolment's code is used up; the next one is fresh.
    await page.getByLabel("Code aus der App").fill(codeAt(secret, timeStep() + 1));
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/konto");

    // Turning it off needs the password and a code: here one of the recovery codes.
    await page.goto(`${baseUrl}/konto/zwei-faktor`);
    const off = page.locator("form", { has: page.getByRole("button", { name: "Zwei-Faktor-Anmeldung ausschalten" }) });
    await off.getByLabel("Ihr Passwort").fill("Demo-Passwort-2026");
    await off.getByLabel("Code aus der App oder Wiederherstellungscode").fill(codes[0]);
    await off.getByRole("button", { name: "Zwei-Faktor-Anmeldung ausschalten" }).click();
    await page.getByText("Die Zwei-Faktor-Anmeldung ist ausgeschaltet.").waitFor();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "turned off");
    assertNoConsoleErrors(errors);
  });

  it("a wrong code gets a German error summary that takes focus; the session waits for the right code", async () => {
    const { page, errors } = await newPage(context);
    await page.goto(`${baseUrl}/anmelden`);
    await page.getByLabel("E-Mail-Adresse").fill("leitung.nord@kai.example");
    await page.getByLabel(/^Passwort/).fill("Demo-Passwort-2026");
    await page.getByRole("button", { name: "Anmelden" }).last().click();
    await page.waitForURL((url) => url.pathname === "/anmelden/code");
    expect((await context.cookies()).some((c) => c.name === "__Host-kai_session")).toBe(false);
    await page.getByLabel("Code aus der App").fill("12");
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expectAccessible(page, "code step with an error");
    assertNoConsoleErrors(errors, { expectStatus: [400] });
  });
});
