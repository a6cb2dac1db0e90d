import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { actionItems, actionItemUpdates } from "#db/schema/groups";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { changeActionItemStatus, openActionItemsOf, runActionItemReminders } from "~/modules/groups/action-items.server";
import { myActionItemsPanel } from "~/modules/groups/start-panels.server";
import * as myItems from "~/routes/facharbeitskreise.aufgaben._index";
import * as itemPage from "~/routes/facharbeitskreise.aufgaben.$id";
import * as ticketPage from "~/routes/betreuung.tickets.$number";
import { useTestDatabase } from "../db";
import { renderRoute } from "../render";
import { createUser, getMunicipalityByName } from "../factories";
import { createActionItemFixture, createGroupPeople, createMeetingFixture } from "../group-fixtures";
import { call, makeRequest } from "../http";
import { currentUserOf, fileTestTicket, ticketPeople } from "../ticket-fixtures";
import { addDays, berlin, berlinDay, firstDayAhead, germanDate, isPublicHoliday, weekday } from "../dates";

/**
 * Action items (issue 9, item 7): status changes with notes by the owner or a chair (anyone else
 * 404, ACCEPTANCE C14), the history, the ticket link shown on the ticket, "Meine Aufgaben" and its
 * start-page panel, and the reminder three working days before the due date in the owner's state.
 */
const getDb = useTestDatabase();

/**
 * Internationaler Frauentag, 8 March, is a public holiday in Mecklenburg-Vorpommern and not in
 * Schleswig-Holstein: the next time it falls on a Monday, at least four weeks ahead, so that the
 * reminder runs of that test meet none of the other tests' open items (due within two weeks).
 */
const frauentag = firstDayAhead(28, (day) => weekday(day) === 1 && isPublicHoliday(day, "MV") && !isPublicHoliday(day, "SH"));
/** An item is carried over to this day; the ticket-linked item is due on this one. */
const carriedTo = berlinDay(7);
const ticketItemDue = berlinDay(14);

let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const d = getDb().db;
  const people = await createGroupPeople(d, "FINAS", "ga"); // chair Buxtehude, member Verden (NI), second Rheine (NW)
  const sh = await createUser(d, { email: "ga.wedel@kai.example", name: "Svea Schleswig", municipality: "Wedel", roles: [{ role: "wg_member", group: "FINAS" }] });
  const mv = await createUser(d, { email: "ga.ribnitz@kai.example", name: "Malte Mecklenburg", municipality: "Ribnitz-Damgarten", roles: [{ role: "wg_member", group: "FINAS" }] });
  const nowhere = await createUser(d, { email: "ga.ohne@kai.example", name: "Nora Ohnekommune", roles: [{ role: "wg_member", group: "FINAS" }] });
  const it = await createUser(d, { email: "ga.it@kai.example", name: "Ines IT-Mitglied", municipality: "Buxtehude", roles: [{ role: "wg_member", group: "FINAS" }, { role: "municipal_it", municipality: "Buxtehude" }] });
  const released = await createMeetingFixture(d, { group: "FINAS", title: "FINAS im Oktober", date: "2025-10-01", minutesStatus: "freigegeben" });
  const draft = await createMeetingFixture(d, { group: "FINAS", title: "FINAS-Entwurf", date: "2025-10-02", minutesStatus: "entwurf" });
  const item = (meeting: typeof released, ownerId: string, title: string, dueOn: string, status?: "erledigt") =>
    createActionItemFixture(d, { group: "FINAS", meetingId: meeting.meeting.id, agendaItemId: meeting.items[0].id, ownerId, title, dueOn, status });
  const reminders = {
    ni: await item(released, people.member.id, "Niedersachsen", "2025-11-04"),
    sh: await item(released, sh.id, "Schleswig-Holstein", "2025-11-04"),
    nw: await item(released, people.second.id, "Nordrhein-Westfalen", "2025-11-04"),
    mv: await item(released, mv.id, "Mecklenburg-Vorpommern", "2025-11-04"),
    nowhere: await item(released, nowhere.id, "Ohne Kommune", "2025-11-04"),
    closed: await item(released, people.member.id, "Schon erledigt", "2025-11-04", "erledigt"),
    draft: await item(draft, people.member.id, "Im Entwurf", "2025-11-04"),
    frauentagMv: await item(released, mv.id, "Frauentag MV", addDays(frauentag, 3)),
    frauentagSh: await item(released, sh.id, "Frauentag SH", addDays(frauentag, 3)),
  };
  const status = {
    done: await item(released, people.member.id, "Stellungnahme zum Mahnwesen schreiben", "2026-11-20"),
    carried: await item(released, people.member.id, "Testfälle für das Kassenmodul sammeln", "2026-11-25"),
    ticket: await item(released, it.id, "Änderungswunsch zur Schnittstelle prüfen", ticketItemDue),
  };
  const sessions = {
    chair: await currentUserOf(people.chair.id),
    member: await currentUserOf(people.member.id),
    second: await currentUserOf(people.second.id),
    outsider: await currentUserOf(people.outsider.id),
    it: await currentUserOf(it.id),
  };
  return { ...people, sh, mv, nowhere, it, released, draft, reminders, status, sessions };
}

beforeAll(async () => {
  ctx = await setup();
});

type Who = keyof typeof ctx.sessions;
const openItem = (who: Who, id: number) => call(itemPage.loader, makeRequest(`/facharbeitskreise/aufgaben/${id}`, { cookie: ctx.sessions[who].cookie }), { id: String(id) });
const postItem = (who: Who, id: number, form: Record<string, string>) => call(itemPage.action, makeRequest(`/facharbeitskreise/aufgaben/${id}`, { cookie: ctx.sessions[who].cookie, form }), { id: String(id) });
const postList = (who: Who, form: Record<string, string>) => call(myItems.action, makeRequest("/facharbeitskreise/aufgaben", { cookie: ctx.sessions[who].cookie, form }));
const row = async (id: number) => (await db.select().from(actionItems).where(eq(actionItems.id, id)))[0];

describe("status changes with a note (issue 9, item 7)", () => {
  it("lets the owner mark an item done from Meine Aufgaben, kept in the history and the audit trail", async () => {
    const id = ctx.status.done.id;
    const done = await postList("member", { intent: "status", actionItemId: String(id), status: "erledigt", note: "Stellungnahme liegt im Laufwerk." });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/facharbeitskreise/aufgaben?gespeichert=${id}`);
    expect((await row(id)).status).toBe("erledigt");
    const history = await db.select().from(actionItemUpdates).where(eq(actionItemUpdates.actionItemId, id));
    expect(history.map((h) => [h.status, h.note, h.byId, h.dueOn])).toEqual([["erledigt", "Stellungnahme liegt im Laufwerk.", ctx.member.id, null]]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "groups.action_item_status_changed"));
    expect(audit).toMatchObject({ actorId: ctx.member.id, entityType: "action_item", entityId: String(id) });
    expect(audit.after).toMatchObject({ actionItemStatus: "erledigt", note: "Stellungnahme liegt im Laufwerk." });
    // Closed is closed.
    const again = await postList("member", { intent: "status", actionItemId: String(id), status: "verworfen", note: "doch nicht" });
    expect(again.status).toBe(409);
    expect(again.data.formErrors).toEqual(["Die Aufgabe ist bereits abgeschlossen."]);
  });

  it("lets a chair carry an item over to a new due date; the page shows the history", async () => {
    const id = ctx.status.carried.id;
    const noDate = await postItem("chair", id, { intent: "status", status: "vertagt", note: "Testfälle fehlen noch." });
    expect(noDate.status).toBe(400);
    expect(noDate.data.fieldErrors.dueOn).toEqual(["Bitte das neue Fälligkeitsdatum angeben."]);
    const noNote = await postItem("chair", id, { intent: "status", status: "vertagt", note: " ", dueOn: carriedTo });
    expect(noNote.status).toBe(400);
    expect(noNote.data.fieldErrors.note).toEqual(["Bitte eine Notiz angeben."]);
    const past = await postItem("chair", id, { intent: "status", status: "vertagt", note: "x", dueOn: berlinDay(-1) });
    expect(past.status).toBe(400);
    expect(past.data.fieldErrors.dueOn).toEqual(["Das neue Fälligkeitsdatum muss in der Zukunft liegen."]);
    const carried = await postItem("chair", id, { intent: "status", status: "vertagt", note: "Testfälle fehlen noch.", dueOn: carriedTo });
    expect(carried.status).toBe(302);
    expect(await row(id)).toMatchObject({ status: "vertagt", dueOn: carriedTo });
    const page = await openItem("member", id);
    expect(page.status).toBe(200);
    expect(page.data.item).toMatchObject({ status: "vertagt", due: germanDate(carriedTo), group: "Finanzwesen", owner: "Moritz Mitglied FINAS" });
    expect(page.data.history).toEqual([expect.objectContaining({ status: "vertagt", note: "Testfälle fehlen noch.", due: germanDate(carriedTo), by: "Vera Vorsitz FINAS" })]);
    // Still open: the owner can close it.
    expect(page.data.mayChange).toBe(true);
    const html = await renderRoute(itemPage.default, `/facharbeitskreise/aufgaben/${id}`, JSON.parse(JSON.stringify(page.data)));
    expect(html).toContain("Testfälle fehlen noch.");
    expect(html).toContain('value="status"');
    expect(html).toContain('value="link-ticket"');
  });

  it("answers 404 to anyone neither owner nor chair, on both pages, and changes nothing (ACCEPTANCE C14)", async () => {
    const id = ctx.status.carried.id;
    const before = await row(id);
    for (const who of ["second", "outsider"] as const) {
      expect((await postItem(who, id, { intent: "status", status: "erledigt", note: "fremd" })).status, who).toBe(404);
      expect((await postList(who, { intent: "status", actionItemId: String(id), status: "erledigt", note: "fremd" })).status, who).toBe(404);
      // Invalid input does not tell them more.
      expect((await postList(who, { intent: "status", actionItemId: String(id), status: "erledigt", note: "" })).status, who).toBe(404);
      expect((await postItem(who, id, { intent: "link-ticket", ticketNumber: "KAI-2026-00001" })).status, who).toBe(404);
      // They may read it (released minutes), without the forms.
      const page = await openItem(who, id);
      expect(page.status).toBe(200);
      expect([page.data.mayChange, page.data.mayLink]).toEqual([false, false]);
    }
    expect(await row(id)).toEqual(before);
    expect((await openItem("member", 999_999)).status).toBe(404);
  });

  it("keeps the items of draft minutes to the chairs: 404 for the owner; the chair changes them in the minutes", async () => {
    const id = ctx.reminders.draft.id;
    expect((await openItem("member", id)).status).toBe(404);
    expect((await postList("member", { intent: "status", actionItemId: String(id), status: "erledigt", note: "x" })).status).toBe(404);
    expect((await openItem("chair", id)).status).toBe(200);
    const chair = await postItem("chair", id, { intent: "status", status: "erledigt", note: "x" });
    expect(chair.status).toBe(409);
    expect((await row(id)).status).toBe("offen");
  });

  it("lists my open and recently closed items on Meine Aufgaben and the open ones in the start-page panel, overdue marked", async () => {
    const page = await call(myItems.loader, makeRequest("/facharbeitskreise/aufgaben", { cookie: ctx.sessions.member.cookie }));
    const titles = page.data.items.map((i: { plainTitle: string; open: boolean }) => [i.plainTitle, i.open]);
    expect(titles).toContainEqual(["Testfälle für das Kassenmodul sammeln", true]);
    expect(titles).toContainEqual(["Stellungnahme zum Mahnwesen schreiben", false]);
    expect(titles.map((t: [string]) => t[0])).not.toContain("Im Entwurf");
    const html = await renderRoute(myItems.default, "/facharbeitskreise/aufgaben", JSON.parse(JSON.stringify(page.data)));
    expect(html).toContain("<h1>Meine Aufgaben</h1>");
    expect(html).toContain("Kürzlich abgeschlossen");
    const panel = await myActionItemsPanel.load({ user: ctx.sessions.member.user, now: new Date() });
    expect(panel.items.map((i) => i.path)).toContain(`/facharbeitskreise/aufgaben/${ctx.status.carried.id}`);
    expect(panel.items.find((i) => i.id === ctx.reminders.ni.id)).toMatchObject({ overdue: true, due: "04.11.2025" });
    expect(panel.items.find((i) => i.id === ctx.status.carried.id)).toMatchObject({ overdue: false });
    expect(panel.items.map((i) => i.id)).not.toContain(ctx.status.done.id);
    expect(myActionItemsPanel.appliesTo(ctx.sessions.outsider.user)).toBe(false);
    // What the next meeting's "Offene Aufgaben" item lists: open items of released minutes only.
    const open = (await openActionItemsOf("FINAS")).map((a) => a.title);
    expect(open).toContain("Testfälle für das Kassenmodul sammeln");
    expect(open).not.toContain("Stellungnahme zum Mahnwesen schreiben");
    expect(open).not.toContain("Im Entwurf");
    expect(await openActionItemsOf("EWOS")).toEqual([]);
  });
});

describe("link to a ticket (issue 9, item 7)", () => {
  it("links only a ticket the person may see, and the ticket page shows the linked item", async () => {
    const tp = await ticketPeople(getDb().db, "ga");
    const ticket = await fileTestTicket(tp, { priority: "normal", now: new Date(), title: "Änderungswunsch: Schnittstelle Kasse" });
    const rheine = await getMunicipalityByName(getDb().db, "Rheine");
    const foreign = await fileTestTicket({ ...tp, municipality: rheine }, { priority: "normal", now: new Date(), title: "Ticket aus Rheine" });
    const id = ctx.status.ticket.id;
    const unknown = "Ein Ticket mit dieser Nummer gibt es nicht, oder Sie dürfen es nicht sehen.";
    // The examples name a number of the current year, on the page and in the message.
    const thisYear = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", year: "numeric" }).format(new Date());
    expect((await openItem("it", id)).data.ticketExample).toBe(`KAI-${thisYear}-00042`);
    const other = await postItem("it", id, { intent: "link-ticket", ticketNumber: foreign.number });
    expect(other.status).toBe(400);
    expect(other.data.fieldErrors.ticketNumber).toEqual([unknown]);
    expect((await postItem("it", id, { intent: "link-ticket", ticketNumber: "KAI-2026-99999" })).data.fieldErrors.ticketNumber).toEqual([unknown]);
    expect((await postItem("it", id, { intent: "link-ticket", ticketNumber: "Ticket 42" })).data.fieldErrors.ticketNumber).toEqual([`Bitte eine Ticketnummer wie KAI-${thisYear}-00042 angeben.`]);
    // A chair without access to tickets cannot link one either.
    expect((await postItem("chair", id, { intent: "link-ticket", ticketNumber: ticket.number })).data.fieldErrors.ticketNumber).toEqual([unknown]);
    expect((await row(id)).ticketId).toBeNull();

    const linked = await postItem("it", id, { intent: "link-ticket", ticketNumber: ticket.number.toLowerCase() });
    expect(linked.status).toBe(302);
    expect((await row(id)).ticketId).toBe(ticket.id);
    expect((await openItem("it", id)).data.item.ticket).toEqual({ number: ticket.number, title: "Änderungswunsch: Schnittstelle Kasse" });
    // Someone who may not see the ticket learns only that there is one.
    expect((await openItem("chair", id)).data.item.ticket).toEqual({ number: null, title: null });

    const reporter = await currentUserOf(tp.reporter.id);
    const page = await call(ticketPage.loader, makeRequest(`/betreuung/tickets/${ticket.number}`, { cookie: reporter.cookie }), { number: ticket.number });
    expect(page.status).toBe(200);
    expect(page.data.actionItems).toEqual([expect.objectContaining({ id, group: "Finanzwesen", status: "offen", path: `/facharbeitskreise/aufgaben/${id}`, due: germanDate(ticketItemDue) })]);
    expect(page.data.actionItems[0].title.replace(/\u00ad/g, "")).toBe("Änderungswunsch zur Schnittstelle prüfen");
    const otherPage = await call(ticketPage.loader, makeRequest(`/betreuung/tickets/${foreign.number}`, { cookie: (await currentUserOf(tp.adviser.id)).cookie }), { number: foreign.number });
    expect(otherPage.data.actionItems).toEqual([]);

    expect((await postItem("it", id, { intent: "unlink-ticket" })).status).toBe(302);
    expect((await row(id)).ticketId).toBeNull();
    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, String(id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["groups.action_item_ticket_linked", "groups.action_item_ticket_unlinked"]));
  });
});

describe("reminders three working days before the due date (issue 9, item 7)", () => {
  const remindedTo = async () => (await db.select().from(outboxEmails).where(eq(outboxEmails.template, "groups-action-item-reminder"))).map((m) => m.toAddress).sort();

  it("sends each open item of released minutes one reminder, on the owner's state's working day; never for closed items or drafts; safe to run twice", async () => {
    await db.delete(outboxEmails);
    // Tuesday 4 November 2025 is due; Reformationstag (Friday 31 October) is a holiday in NI, SH and MV, not in NW.
    expect(await runActionItemReminders({ now: berlin("2025-10-28", "10:00") })).toEqual({ reminded: 0 });
    expect(await runActionItemReminders({ now: berlin("2025-10-29", "08:11") })).toEqual({ reminded: 4 });
    expect(await remindedTo()).toEqual([ctx.member.email, ctx.sh.email, ctx.mv.email, ctx.nowhere.email].sort());
    // Again the same day, and an hour later: nothing more.
    expect(await runActionItemReminders({ now: berlin("2025-10-29", "08:11") })).toEqual({ reminded: 0 });
    expect(await runActionItemReminders({ now: berlin("2025-10-29", "09:11") })).toEqual({ reminded: 0 });
    // Nordrhein-Westfalen works on Reformationstag: its owner's day is Thursday.
    expect(await runActionItemReminders({ now: berlin("2025-10-30", "08:11") })).toEqual({ reminded: 1 });
    expect(await remindedTo()).toEqual([ctx.member.email, ctx.sh.email, ctx.mv.email, ctx.nowhere.email, ctx.second.email].sort());
    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, ctx.second.email));
    expect(mail.subject).toBe("Erinnerung: Aufgabe fällig am 04.11.2025: Nordrhein-Westfalen");
    expect(mail.text).toContain(`/facharbeitskreise/aufgaben/${ctx.reminders.nw.id}`);
    const rows = await db.select().from(actionItems).where(inArray(actionItems.id, [ctx.reminders.closed.id, ctx.reminders.draft.id, ctx.reminders.ni.id]));
    expect(Object.fromEntries(rows.map((r) => [r.title, r.remindedForDueOn]))).toEqual({ "Schon erledigt": null, "Im Entwurf": null, Niedersachsen: "2025-11-04" });
    // After the due date, nothing is sent any more.
    expect(await runActionItemReminders({ now: berlin("2025-11-05", "08:11") })).toEqual({ reminded: 0 });
  });

  it("reminds again for a new due date after carrying over", async () => {
    await db.delete(outboxEmails);
    await changeActionItemStatus({ user: ctx.sessions.chair.user, actionItemId: ctx.reminders.sh.id, status: "vertagt", note: "Neue Frist", dueOn: "2025-11-20", now: berlin("2025-11-03", "12:00") });
    // Thursday 20 November: three working days before is Monday 17 November.
    expect(await runActionItemReminders({ now: berlin("2025-11-14", "08:11") })).toEqual({ reminded: 0 });
    expect(await runActionItemReminders({ now: berlin("2025-11-17", "08:11") })).toEqual({ reminded: 1 });
    expect(await remindedTo()).toEqual([ctx.sh.email]);
  });

  it("skips Internationaler Frauentag in Mecklenburg-Vorpommern only", async () => {
    await db.delete(outboxEmails);
    // Due on the Thursday after; Frauentag on the Monday is a holiday in MV: its owner is reminded on the Friday before.
    // (Neither that Friday nor the Tuesday and Wednesday are ever holidays: Good Friday is 20 March at the earliest.)
    expect(await runActionItemReminders({ now: berlin(addDays(frauentag, -3), "08:11") })).toEqual({ reminded: 1 });
    expect(await remindedTo()).toEqual([ctx.mv.email]);
    expect(await runActionItemReminders({ now: berlin(frauentag, "08:11") })).toEqual({ reminded: 1 });
    expect(await remindedTo()).toEqual([ctx.mv.email, ctx.sh.email].sort());
  });
});
