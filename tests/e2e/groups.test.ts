import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, checkBothWidths, expectAccessible, newPage, signIn, useBrowser } from "./browser";

// Issue 9 item 9: the meeting cycle as the people do it, in Chromium on the demo server, in the
// PERSOS group (the demo has one upcoming PERSOS meeting, in two weeks): the chair schedules a
// meeting that starts in a moment → a member answers "Zusage" and the chair's open page shows it → once
// it has begun, the chair records attendance and writes the minutes with a decision and an action
// item → releases them (the decision gets its number) → the next meeting gets the approval item
// and lists the open action item. axe at 1280 and 320 px on each page state (ACCEPTANCE H38).
const baseUrl = inject("baseUrl");
const browser = useBrowser();

/** Berlin wall-clock date and time of an instant, as the form takes them. */
function berlinParts(instant: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

async function scheduleMeeting(page: Page, spec: { title: string; startsAt: Date; minutes: number; item?: { title: string; presenter: string; minutes: number } }) {
  await page.goto(`${baseUrl}/facharbeitskreise/persos`);
  await page.getByRole("link", { name: "Sitzung planen" }).click();
  await page.waitForURL(/\/sitzungen\/neu$/);
  await page.waitForLoadState("networkidle");
  const { date, time } = berlinParts(spec.startsAt);
  await page.locator('main [name="title"]').fill(spec.title);
  await page.locator('main [name="date"]').fill(date);
  await page.locator('main [name="time"]').fill(time);
  await page.locator('main [name="durationMinutes"]').fill(String(spec.minutes));
  if (spec.item) {
    await page.locator('main [name="items[0].title"]').fill(spec.item.title);
    await page.locator('main [name="items[0].presenter"]').fill(spec.item.presenter);
    await page.locator('main [name="items[0].durationMinutes"]').fill(String(spec.item.minutes));
  }
  await page.getByRole("button", { name: "Sitzung planen und einladen" }).click();
  await page.waitForURL(/\/facharbeitskreise\/persos\/sitzungen\/\d+\?erledigt=geplant/);
  await page.waitForLoadState("networkidle");
  // The new page has rendered once the form's heading is gone.
  await expect.poll(() => page.locator("h1").innerText()).not.toContain("Neue Sitzung");
  return new URL(page.url()).pathname;
}

/** What a reader sees in the main region, without the soft hyphens that let long words break at 320 px. */
const main = async (page: Page) => (await page.locator("main").innerText()).replace(/\u00ad/g, "");

describe("a working-group meeting from scheduling to the next meeting", () => {
  it("schedule → RSVP → attendance → minutes with a decision and an action item → release → the next meeting has the approval item and the open action item", async () => {
    const open = async () => newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    const chair = await open();
    const member = await open();
    await signIn(chair.page, baseUrl, "fak.personal@kai.example");
    await signIn(member.page, baseUrl, "s.brueggemann@kai.example");
    const stamp = Date.now().toString(36);

    // The chair schedules a meeting that begins at the first full minute at least 30 s ahead (the
    // form takes minutes; scheduling needs a start in the future, writing minutes a start passed).
    const startsAt = new Date(Math.ceil((Date.now() + 30_000) / 60_000) * 60_000);
    const title = `Sitzung Entgeltordnung ${stamp}`;
    const meetingPath = await scheduleMeeting(chair.page, { title, startsAt, minutes: 90, item: { title: "Entgelttabellen 2027", presenter: "Paul Personke", minutes: 30 } });
    expect(await main(chair.page)).toContain("Entgelttabellen 2027");
    await checkBothWidths(chair.page, "meeting page, chair, just scheduled");

    // A member answers; the chair's list shows it at once.
    await member.page.goto(`${baseUrl}${meetingPath}`);
    await member.page.waitForLoadState("networkidle");
    await member.page.getByRole("radio", { name: "Zusage" }).check();
    await member.page.getByRole("button", { name: "Antwort speichern" }).click();
    await expect.poll(() => main(member.page)).toContain("Ihre Antwort: Zusage.");
    await member.page.waitForLoadState("networkidle");
    await checkBothWidths(member.page, "meeting page, member, answered");
    // Without a reload (the chair's page was loaded before the answer): the open page asks again
    // while visible (every 15 s), and at once when its tab comes back into view, which the event
    // stands in for here.
    await chair.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect.poll(() => main(chair.page)).toMatch(/Zusagen: 1, Absagen: 0, Vielleicht: 0, keine Antwort: \d+\./);
    // The answers by kind: the "Zusagen (1)" entry names the member.
    const yes = chair.page.locator(".kern-description-list-item").filter({ hasText: "Zusagen (1)" });
    expect((await yes.innerText()).replace(/\u00ad/g, "")).toContain("Sönke Brüggemann");

    // Once the meeting has begun: attendance, notes, a decision and an action item.
    while (Date.now() < startsAt.getTime() + 1_000) await chair.page.waitForTimeout(1_000);
    await chair.page.goto(`${baseUrl}${meetingPath}/protokoll`);
    await chair.page.waitForLoadState("networkidle");
    const attendance = chair.page.getByRole("form", { name: "Anwesenheit erfassen" });
    await attendance.getByRole("group", { name: /Sönke Brüggemann/ }).getByLabel("anwesend", { exact: true }).check();
    await attendance.getByRole("group", { name: /Paul Personke/ }).getByLabel("anwesend", { exact: true }).check();
    await attendance.getByRole("group", { name: /Antje Weßels/ }).getByLabel("entschuldigt", { exact: true }).check();
    await attendance.getByRole("button", { name: "Anwesenheit speichern" }).click();
    await chair.page.waitForURL(/erledigt=anwesenheit/);
    await chair.page.waitForLoadState("networkidle");

    const item = chair.page.locator("section.minutes-item", { has: chair.page.getByRole("heading", { name: /Entgelttabellen 2027/ }) });
    await item.getByLabel("Notizen zur Aussprache").fill("Die Tabellen 2027 liegen vor. **Einigkeit** über die Übernahme.");
    await item.getByRole("button", { name: "Notizen speichern" }).click();
    await chair.page.waitForURL(/erledigt=notizen/);
    await chair.page.waitForLoadState("networkidle");
    // The forms for a decision and an action item are folded away until asked for.
    await item.locator("summary", { hasText: "Beschluss aufnehmen" }).click();
    const addDecision = item.getByRole("form", { name: "Beschluss aufnehmen" });
    await addDecision.getByLabel("Beschluss", { exact: true }).fill("Die Entgelttabellen 2027 werden in KAI-PERSOS übernommen.");
    await addDecision.getByLabel("Dafür").fill("3");
    await addDecision.getByLabel("Dagegen").fill("0");
    await addDecision.getByRole("button", { name: "Beschluss aufnehmen" }).click();
    await chair.page.waitForURL(/erledigt=beschluss/);
    await chair.page.waitForLoadState("networkidle");
    const actionTitle = `Tabellen prüfen ${stamp}`;
    await item.locator("summary", { hasText: "Aufgabe aufnehmen" }).click();
    const addAction = item.getByRole("form", { name: "Aufgabe aufnehmen" });
    await addAction.getByLabel("Was ist zu tun?").fill(actionTitle);
    await addAction.getByLabel("Wer übernimmt es?").selectOption({ label: "Antje Weßels (Rheine)" });
    await addAction.getByLabel("Fällig am").fill(berlinParts(new Date(Date.now() + 30 * 86_400_000)).date);
    await addAction.getByRole("button", { name: "Aufgabe aufnehmen" }).click();
    await chair.page.waitForURL(/erledigt=aufgabe/);
    await chair.page.waitForLoadState("networkidle");
    // The URL changes before React has rendered the new page (networkidle was reached long ago on
    // this document), so what the page shows is polled.
    await expect.poll(() => main(chair.page)).toContain(actionTitle);
    expect(await main(chair.page)).toContain("Beschluss (Nummer folgt mit der Freigabe)");
    await checkBothWidths(chair.page, "draft minutes, chair");

    // Release: the dialog asks first; the decision gets its number.
    await chair.page.getByRole("link", { name: "Protokoll freigeben" }).click();
    await chair.page.getByRole("dialog").getByRole("button", { name: "Protokoll freigeben" }).click();
    await chair.page.waitForURL(/erledigt=freigegeben/);
    await chair.page.waitForLoadState("networkidle");
    const year = berlinParts(startsAt).date.slice(0, 4);
    await expect.poll(() => main(chair.page)).toMatch(new RegExp(`Beschluss PERSOS-${year}-\\d{2}`));
    await checkBothWidths(chair.page, "released minutes, chair");

    // The member reads the released minutes.
    await member.page.goto(`${baseUrl}${meetingPath}/protokoll`);
    await member.page.waitForLoadState("networkidle");
    expect(await main(member.page)).toContain("Die Entgelttabellen 2027 werden in KAI-PERSOS übernommen.");

    // The next meeting, in three days (before the demo's PERSOS meeting): approval item and the open action item.
    const nextPath = await scheduleMeeting(chair.page, { title: `Folgesitzung ${stamp}`, startsAt: new Date(Date.now() + 3 * 86_400_000), minutes: 120 });
    const next = await main(chair.page);
    expect(next).toContain("Genehmigung des Protokolls der letzten Sitzung");
    expect(next).toContain("Offene Aufgaben");
    expect(next).toContain(actionTitle);
    await checkBothWidths(chair.page, "next meeting with the approval item and the open action item");
    expect(nextPath).not.toBe(meetingPath);

    assertNoConsoleErrors(chair.errors);
    assertNoConsoleErrors(member.errors);
  });

  it("a member leaves only after a second yes: the dialog says what happens, Abbrechen keeps everything, Austreten ends the membership", async () => {
    const { page, errors } = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    await signIn(page, baseUrl, "a.wessels@kai.example");
    await page.goto(`${baseUrl}/facharbeitskreise/persos`);
    await page.waitForLoadState("networkidle");
    const leave = page.getByRole("link", { name: "Aus dem Facharbeitskreis austreten" });
    await leave.click();
    const dialog = page.getByRole("dialog", { name: "Aus dem Facharbeitskreis austreten?" });
    await expect.poll(() => dialog.innerText()).toMatch(/geplanten Sitzung(en)? (wird|werden) abgesagt/);
    await expectAccessible(page, "group page, leave dialog open");
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await main(page)).toContain("Sie sind Mitglied dieses Facharbeitskreises.");
    await leave.click();
    await dialog.getByRole("button", { name: "Austreten" }).click();
    await page.waitForURL(/erledigt=ausgetreten/);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => main(page)).toContain("Sie sind ausgetreten.");
    expect(await main(page)).not.toContain("Sie sind Mitglied dieses Facharbeitskreises.");
    await expect.poll(() => page.getByRole("button", { name: "Um Aufnahme bitten" }).isVisible()).toBe(true);
    assertNoConsoleErrors(errors);
  });
});
