import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, checkBothWidths, newPage, signIn, useBrowser } from "./browser";

// Issue 7 item 17: a ticket's life as the people do it, in Chromium on the demo server (with its
// inbound SMTP listener): file → routed → reply by email → Rückfrage → answer → gelöst. The axe
// scan runs on every ticket page state at 1280 and 320 px.
const baseUrl = inject("baseUrl");
const browser = useBrowser();

const status = (page: Page) => page.locator("main .badge-row").textContent();

describe("a ticket from filing to gelöst", () => {
  it("municipal IT files, the adviser answers, the reply comes back by email, Rückfrage, answer, gelöst", async () => {
    const it_ = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    const adviser = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    const admin = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));

    // Filing, as Kommunale IT Jemgum (Zentrum West).
    await signIn(it_.page, baseUrl, "it.jemgum@kai.example");
    await it_.page.goto(`${baseUrl}/betreuung/neu`);
    await it_.page.getByLabel(/^Verfahren oder Produkt/).selectOption({ label: "KAI-Einwohnerwesen (Kernverfahren)" });
    await it_.page.getByLabel(/^Art des Anliegens/).selectOption("stoerung");
    await it_.page.getByLabel(/^Priorität/).selectOption("hoch");
    await it_.page.getByLabel(/^Titel/).fill("Browsertest: Wohnungsgeberbestätigung fehlt im Druck");
    await it_.page.getByLabel(/^Beschreibung/).fill("Beim Druck der Anmeldung fehlt seit gestern die **Wohnungsgeberbestätigung**.");
    await it_.page.locator('main button[type="submit"]').click();
    await it_.page.waitForURL(/\/betreuung\/tickets\/KAI-\d{4}-\d{5}\?angelegt=1$/);
    const ticketPath = new URL(it_.page.url()).pathname;
    const number = ticketPath.split("/").pop()!;
    // Routed: the centre of the municipality, the competent adviser, and why.
    await expect.poll(() => it_.page.locator("main").getByRole("alert").or(it_.page.locator("main [role=status]")).first().textContent()).toContain("Zentrum West · EWOS");
    await expect.poll(() => status(it_.page)).toContain("Status: zugewiesen");
    await checkBothWidths(it_.page, "ticket filed");

    // The adviser finds it in "Meine Tickets", starts, and answers publicly.
    await signIn(adviser.page, baseUrl, "betreuung.west@kai.example");
    await adviser.page.goto(`${baseUrl}/betreuung/tickets?ansicht=meine`);
    await adviser.page.locator(`main a[href="${ticketPath}"]`).click();
    await adviser.page.waitForURL((u) => u.pathname === ticketPath);
    await checkBothWidths(adviser.page, "ticket as adviser");
    await adviser.page.getByRole("button", { name: "Bearbeitung beginnen" }).click();
    await adviser.page.waitForURL(/gespeichert=uebernommen/);
    await expect.poll(() => status(adviser.page)).toContain("Status: in Bearbeitung");
    await adviser.page.locator("#body").fill("Guten Tag, welche Version von KAI-EWOS ist installiert?");
    await adviser.page.getByRole("button", { name: "Speichern" }).click();
    await adviser.page.waitForURL(/gespeichert=antwort/);

    // The reporter answers the mail: from the built-in mailbox, as real SMTP to the listener.
    await signIn(admin.page, baseUrl, "admin@kai.example");
    const deadline = Date.now() + 60_000;
    for (;;) {
      await admin.page.goto(`${baseUrl}/admin/postfach?to=it.jemgum%40kai.example`);
      const mail = admin.page.locator(`main a[href^="/admin/postfach/"]:has-text("${number}] Antwort")`).first();
      if (await mail.count()) {
        await mail.click();
        break;
      }
      if (Date.now() > deadline) throw new Error(`no reply mail for ${number} in the mailbox`);
      await admin.page.waitForTimeout(1000);
    }
    await admin.page.waitForURL(/\/admin\/postfach\/[0-9a-f-]{36}$/);
    await admin.page.locator("#antwort-text").fill("Wir haben Version 8.2 installiert.");
    await admin.page.getByRole("button", { name: "Antwort senden" }).click();
    await admin.page.waitForURL(/beantwortet=1/);

    // The mail is a reply on the ticket, without the quoted history.
    await expect
      .poll(async () => {
        await adviser.page.goto(`${baseUrl}${ticketPath}`);
        return adviser.page.locator("main .ticket-replies").textContent();
      }, { timeout: 30_000 })
      .toContain("Wir haben Version 8.2 installiert.");
    await expect(adviser.page.locator("main .ticket-replies").textContent()).resolves.toContain("(per E-Mail)");
    await expect(adviser.page.locator("main .ticket-replies").textContent()).resolves.not.toContain("welche Version von KAI-EWOS ist installiert?\nWir");

    // Rückfrage: the ticket waits on the municipality.
    await adviser.page.locator("#body").fill("Bitte senden Sie uns ein Bildschirmfoto des Ausdrucks.");
    await adviser.page.getByLabel(/Als Rückfrage senden/).check();
    await adviser.page.getByRole("button", { name: "Speichern" }).click();
    await adviser.page.waitForURL(/gespeichert=rueckfrage/);
    await expect.poll(() => status(adviser.page)).toContain("Status: Rückfrage");
    await checkBothWidths(adviser.page, "ticket in Rückfrage");

    // The municipality answers in the portal: back in work.
    await it_.page.goto(`${baseUrl}${ticketPath}`);
    await it_.page.waitForLoadState("networkidle");
    await it_.page.locator("#body").fill("Das Bildschirmfoto reichen wir nach; der Fehler tritt bei allen Anmeldungen auf.");
    await it_.page.getByRole("button", { name: "Antwort senden" }).click();
    await it_.page.waitForURL(/gespeichert=antwort/);
    await expect.poll(() => status(it_.page)).toContain("Status: in Bearbeitung");

    // Solved.
    await adviser.page.goto(`${baseUrl}${ticketPath}`);
    await adviser.page.waitForLoadState("networkidle");
    await adviser.page.getByRole("button", { name: "Als gelöst markieren" }).click();
    await adviser.page.waitForURL(/gespeichert=solve/);
    await expect.poll(() => status(adviser.page)).toContain("Status: gelöst");
    await it_.page.goto(`${baseUrl}${ticketPath}`);
    await expect.poll(() => status(it_.page)).toContain("Status: gelöst");
    await checkBothWidths(it_.page, "ticket gelöst as municipal IT");
    // The internal history is not shown to the municipality, the public one is.
    await expect(it_.page.locator("main").textContent()).resolves.toContain("Ticket gelöst");

    assertNoConsoleErrors(it_.errors);
    assertNoConsoleErrors(adviser.errors);
    assertNoConsoleErrors(admin.errors);
  }, 240_000);
});
