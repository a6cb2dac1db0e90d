import ICAL from "ical.js";
import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, checkBothWidths, newPage, signIn, useBrowser } from "./browser";

// Issue 8 item 11: the waiting list as people use it, in Chromium on the demo server: the trainer
// plans and publishes a seminar with one seat → two people register, the second waits → the first
// cancels → the second moves up and finds the invite in the mailbox. axe at 1280 and 320 px on
// the full seminar and the seminar with a waiting list (ACCEPTANCE H38).
const baseUrl = inject("baseUrl");
const browser = useBrowser();

/** A Berlin date `days` ahead on a weekday, as the date field takes it. */
function weekdayAhead(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const TITLE = `Browsertest: KAI-Einwohnerwesen Auswertungen ${Date.now().toString(36)}`;

describe("a seminar with a waiting list, from planning to moving up", () => {
  it("the trainer publishes, two register, the second waits, the first cancels, the second moves up with an invite", async () => {
    const open = async () => newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    const [trainer, first, second, admin] = [await open(), await open(), await open(), await open()];

    // Planning: a draft with one seat in a room of Zentrum Mitte, then published.
    await signIn(trainer.page, baseUrl, "schulung@kai.example");
    await trainer.page.goto(`${baseUrl}/schulungen/neu`);
    await trainer.page.getByLabel(/^Titel/).fill(TITLE);
    await trainer.page.getByLabel("Schulung", { exact: true }).check();
    await trainer.page.getByLabel("Sachbearbeitung").check();
    await trainer.page.locator("[name='dates[0].date']").fill(weekdayAhead(35));
    await trainer.page.locator("[name='dates[0].start']").fill("09:00");
    await trainer.page.locator("[name='dates[0].end']").fill("12:30");
    await trainer.page.getByLabel("Raum eines Zentrums").check();
    const roomSelect = trainer.page.getByLabel(/^Raum \(bei einem Zentrum\)/);
    await roomSelect.selectOption((await roomSelect.locator("option", { hasText: "Schulungsraum Aller" }).getAttribute("value"))!);
    await trainer.page.getByLabel(/^Plätze/).fill("1");
    await trainer.page.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await trainer.page.waitForURL(/\/schulungen\/\d+$/);
    await trainer.page.waitForLoadState("networkidle");
    const seminarPath = new URL(trainer.page.url()).pathname;
    await trainer.page.goto(`${baseUrl}${seminarPath}/bearbeiten`);
    await trainer.page.getByRole("button", { name: "Veröffentlichen" }).click();
    await trainer.page.waitForURL((u) => u.pathname.startsWith(seminarPath));
    await trainer.page.waitForLoadState("networkidle");
    await trainer.page.goto(`${baseUrl}${seminarPath}`);
    await expect.poll(() => trainer.page.locator("main").textContent()).toContain("Noch keine Anmeldungen.");

    // The first person registers and is confirmed.
    await signIn(first.page, baseUrl, "m.albers@kai.example");
    await first.page.goto(`${baseUrl}${seminarPath}`);
    await first.page.getByRole("button", { name: "Verbindlich anmelden" }).click();
    await first.page.waitForURL(/erledigt=angemeldet/);
    await first.page.waitForLoadState("networkidle");
    await expect.poll(() => first.page.locator("main").textContent()).toContain("Sie sind angemeldet. Ihr Platz ist bestätigt.");

    // The second finds it full and goes on the waiting list, position 1.
    await signIn(second.page, baseUrl, "j.kroeger@kai.example");
    await second.page.goto(`${baseUrl}${seminarPath}`);
    await expect.poll(() => second.page.locator("main").textContent()).toContain("Ausgebucht");
    await checkBothWidths(second.page, "full seminar, before joining the waiting list");
    await second.page.getByRole("button", { name: "Auf die Warteliste setzen" }).click();
    await second.page.waitForURL(/erledigt=warteliste/);
    await second.page.waitForLoadState("networkidle");
    await expect.poll(() => second.page.locator("main").textContent()).toContain("Sie stehen auf der Warteliste, auf Platz 1.");
    await checkBothWidths(second.page, "seminar with the person on its waiting list");

    // The trainer sees both, with the position.
    await trainer.page.reload();
    await expect.poll(() => trainer.page.locator("main table").textContent()).toContain("Warteliste, Platz 1");
    await checkBothWidths(trainer.page, "full seminar with a waiting list, as trainer");

    // The first cancels; the second moves up.
    await first.page.reload();
    await first.page.getByRole("button", { name: "Von der Schulung abmelden" }).click();
    await first.page.waitForURL(/erledigt=storniert/);
    await first.page.waitForLoadState("networkidle");
    await second.page.reload();
    await expect.poll(() => second.page.locator("main").textContent()).toContain("Sie sind angemeldet. Ihr Platz ist bestätigt.");

    // The promoted person's invite is in the mailbox: a REQUEST for the seminar's date, for them only.
    await signIn(admin.page, baseUrl, "admin@kai.example");
    const deadline = Date.now() + 60_000;
    for (;;) {
      await admin.page.goto(`${baseUrl}/admin/postfach?to=j.kroeger%40kai.example`);
      const mail = admin.page.locator(`main a[href^="/admin/postfach/"]:has-text("Einladung: ${TITLE}")`).first();
      if (await mail.count()) {
        await mail.click();
        break;
      }
      if (Date.now() > deadline) throw new Error("no invite for the promoted person in the mailbox");
      await admin.page.waitForTimeout(1000);
    }
    await admin.page.waitForURL(/\/admin\/postfach\/[0-9a-f-]{36}$/);
    await admin.page.waitForLoadState("networkidle");
    const attachment = admin.page.locator('main a[href*="/anhang/"]', { hasText: "invite.ics" }).first();
    const href = await attachment.getAttribute("href");
    const ics = await (await admin.page.request.get(`${baseUrl}${href}`)).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(String(vevent.getFirstPropertyValue("summary"))).toContain(TITLE);
    expect(vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(["mailto:j.kroeger@kai.example"]);

    for (const p of [trainer, first, second, admin]) assertNoConsoleErrors(p.errors);
  });
});
