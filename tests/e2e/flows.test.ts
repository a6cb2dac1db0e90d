import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, expectAccessible, expectNoHorizontalScroll, expectNoLetterPerLine, newPage, useBrowser, signIn, signOut } from "./browser";

// The invitation and password-reset flows as people do them, reading the links from the built-in
// mailbox (the demo has no SMTP server).
const baseUrl = inject("baseUrl");
const browser = useBrowser();

/**
 * The set-password page behind a valid link is not in the page list (its link comes from a mail):
 * the same checks as there (issue 5 item 16, ACCEPTANCE H38) — axe at 1280 and 320 px, no
 * horizontal scroll at 1280 px, and at 320 px no horizontal scroll and no letter per line.
 * Leaves the page at 1280 px.
 */
async function checkBothWidths(page: Page, label: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await expectAccessible(page, `${label} at ${width} px`);
    if (width === 320) await expectNoLetterPerLine(page, `${label} at ${width} px`);
    else await expectNoHorizontalScroll(page, `${label} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** As admin: waits for the newest mail to `to` in the mailbox and returns the first portal link in its text. */
async function linkFromMailbox(admin: Page, to: string, pathPrefix: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await admin.goto(`${baseUrl}/admin/postfach?to=${encodeURIComponent(to)}`);
    const mail = admin.locator('main a[href^="/admin/postfach/"]').first();
    if (await mail.count()) {
      await mail.click();
      await admin.waitForURL(/\/admin\/postfach\/[0-9a-f-]{36}$/);
      const text = (await admin.locator("pre.mail-text").textContent()) ?? "";
      const match = text.match(new RegExp(`https?://[^\\s]+${pathPrefix}[a-z2-7]{32}`));
      if (match) return new URL(match[0]).pathname;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with ${pathPrefix} in the mailbox`);
    await admin.waitForTimeout(1000);
  }
}

describe("flows read from the mailbox", () => {
  it("an admin invites a person, who sets a password from the mail and signs in", async () => {
    const adminContext = await browser().newContext();
    const { page: admin, errors: adminErrors } = await newPage(adminContext);
    await signIn(admin, baseUrl, "admin@kai.example");
    await admin.goto(`${baseUrl}/admin/personen/einladen`);
    await admin.getByLabel(/^Name/).fill("Ina Neumann");
    await admin.getByLabel(/^E-Mail-Adresse/).fill("ina.neumann@kai.example");
    await admin.getByLabel(/^Rolle/).selectOption("trainer");
    await admin.locator('main button[type="submit"]').click();
    await admin.waitForURL(/\/admin\/personen\?eingeladen=1/);
    await expect.poll(() => admin.locator("main").getByRole("status").first().textContent()).toMatch(/Einladung/);

    const invitePath = await linkFromMailbox(admin, "ina.neumann@kai.example", "/einladung/");
    await expectAccessible(admin, "mailbox message");

    const guestContext = await browser().newContext();
    const { page: guest, errors: guestErrors } = await newPage(guestContext);
    await guest.goto(`${baseUrl}${invitePath}`);
    await guest.waitForLoadState("networkidle");
    expect(await guest.locator("h1").textContent()).toBe("Willkommen im KAI-Portal");
    await checkBothWidths(guest, "invitation page (valid link)");
    const password = "Ein sicheres Passwort für Ina 🌷";
    await guest.getByLabel(/^Neues Passwort$|^Neues Passwort \*/).fill(password);
    await guest.getByLabel(/^Neues Passwort wiederholen/).fill(password);
    await guest.locator('main button[type="submit"]').click();
    await guest.waitForURL(/\/anmelden\?passwort-gesetzt=1/);
    await signIn(guest, baseUrl, "ina.neumann@kai.example", password);
    expect(new URL(guest.url()).pathname).toBe("/start");
    // The link was single-use.
    await guest.goto(`${baseUrl}${invitePath}`);
    await expect(guest.locator("main").textContent()).resolves.toMatch(/ungültig|abgelaufen|bereits verwendet/);
    assertNoConsoleErrors(adminErrors);
    assertNoConsoleErrors(guestErrors, { expectStatus: [410] });
    await Promise.all([adminContext.close(), guestContext.close()]);
  });

  it("a person resets a forgotten password from the mail; other sessions end", async () => {
    const email = "it.buxtehude@kai.example";
    const oldSessionContext = await browser().newContext();
    const { page: oldSession } = await newPage(oldSessionContext);
    await signIn(oldSession, baseUrl, email);

    const guestContext = await browser().newContext();
    const { page: guest, errors } = await newPage(guestContext);
    await guest.goto(`${baseUrl}/passwort-vergessen`);
    await guest.getByLabel(/^E-Mail-Adresse/).fill(email);
    await guest.locator('main button[type="submit"]').click();
    await guest.waitForURL(/gesendet=1/);
    await expect.poll(() => guest.locator("main").getByRole("status").first().textContent()).toMatch(/Wenn zu dieser Adresse ein Konto besteht/);

    const adminContext = await browser().newContext();
    const { page: admin } = await newPage(adminContext);
    await signIn(admin, baseUrl, "admin@kai.example");
    const resetPath = await linkFromMailbox(admin, email, "/passwort-zuruecksetzen/");

    await guest.goto(`${baseUrl}${resetPath}`);
    await guest.waitForLoadState("networkidle");
    expect(await guest.locator("h1").textContent()).toBe("Neues Passwort festlegen");
    await checkBothWidths(guest, "password reset page (valid link)");
    const password = "Neues-Passwort-für-Bodo-2026";
    await guest.getByLabel(/^Neues Passwort$|^Neues Passwort \*/).fill(password);
    await guest.getByLabel(/^Neues Passwort wiederholen/).fill(password);
    await guest.locator('main button[type="submit"]').click();
    await guest.waitForURL(/\/anmelden\?passwort-gesetzt=1/);
    await signIn(guest, baseUrl, email, password);
    expect(new URL(guest.url()).pathname).toBe("/start");
    await signOut(guest);

    // The session opened before the reset no longer authenticates.
    await oldSession.goto(`${baseUrl}/konto`);
    expect(new URL(oldSession.url()).pathname).toBe("/anmelden");
    assertNoConsoleErrors(errors);
    await Promise.all([oldSessionContext.close(), guestContext.close(), adminContext.close()]);
  });
});
