import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { outboxEmails } from "#db/schema/mail";
import { adviserAbsences, ticketVisits } from "#db/schema/tickets";
import { db } from "~/db.server";

import * as visitsPage from "~/routes/betreuung.tickets.$number_.vor-ort";
import { useTestServer } from "../app";
import { queuedInvites } from "../invites";
import { addDays, berlinDay, clockChangeAhead } from "../dates";
import { useTestDatabase } from "../db";
import { call, makeRequest, sessionCookieFor } from "../http";
import { fileTestTicket, ticketPeople } from "../ticket-fixtures";

const getDb = useTestDatabase();
const server = useTestServer();

describe("on-site visits (issue 7, item 13; ACCEPTANCE F28–F32)", () => {
  it("invites reporter and adviser, moves with the same UID and a higher SEQUENCE, cancels with CANCEL; all in the ticket's history", async () => {
    const people = await ticketPeople(getDb().db, "vor");
    const ticket = await fileTestTicket(people, { priority: "normal", now: new Date(), title: "Drucker im Bürgerbüro" });
    const cookie = await sessionCookieFor(people.adviser.id);
    const path = `/betreuung/tickets/${ticket.number}/vor-ort`;
    const params = { number: ticket.number };

    const empty = await call(visitsPage.loader, makeRequest(path, { cookie }), params);
    expect(empty.data.ticket.defaultAddress).toBe("Hansestadt Buxtehude");
    expect(empty.data.visits).toEqual([]);

    // In the past: refused with a German message.
    const past = await call(visitsPage.action, makeRequest(path, { cookie, form: { intent: "schedule", date: berlinDay(-1), time: "10:00", durationMinutes: "60", address: "Rathaus" } }), params);
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.data)).toContain("Der Termin liegt in der Vergangenheit.");

    await db.delete(outboxEmails);
    // On the next day the clocks go forward (a Sunday at the end of March): 10:00 Berlin is 08:00 UTC (CEST).
    const day = clockChangeAhead("summer", 1);
    const address = "Hansestadt Buxtehude, Rathaus, Bahnhofstraße 7, Raum 12";
    const scheduled = await call(visitsPage.action, makeRequest(path, { cookie, form: { intent: "schedule", date: day, time: "10:00", durationMinutes: "90", address } }), params);
    expect(scheduled).toMatchObject({ status: 302, location: `${path}?erledigt=vereinbart` });
    const invites = await queuedInvites();
    expect(invites.map((i) => i.to).sort()).toEqual([people.adviser.email, people.reporter.email].sort());
    for (const invite of invites) {
      expect(invite).toMatchObject({ method: "REQUEST", mimeMethod: "REQUEST", sequence: 0, location: address, startTzid: "Europe/Berlin", startLocal: `${day}T10:00:00`, startUtc: `${day}T08:00:00.000Z` });
      expect(invite.attendees).toEqual([`mailto:${invite.to}`]);
      expect(invite.text).toMatch(/\r\n/);
      expect(invite.text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    }
    const uid = invites[0].uid;
    expect(invites[1].uid).toBe(uid);

    const listed = await call(visitsPage.loader, makeRequest(path, { cookie }), params);
    expect(listed.data.visits).toHaveLength(1);
    const visit = listed.data.visits[0];
    expect(visit).toMatchObject({ address, status: "confirmed", sequence: 0, date: day, time: "10:00", durationMinutes: 90 });

    // Moved to the Tuesday: an update to both, same UID, SEQUENCE 1.
    const movedTo = addDays(day, 2);
    await db.delete(outboxEmails);
    const moved = await call(
      visitsPage.action,
      makeRequest(path, { cookie, form: { intent: "move", visitId: String(visit.id), expectedSequence: "0", date: movedTo, time: "13:30", durationMinutes: "60", address } }),
      params,
    );
    expect(moved.status).toBe(302);
    const updates = await queuedInvites();
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(u).toMatchObject({ uid, method: "REQUEST", sequence: 1, startLocal: `${movedTo}T13:30:00` });
    // The same form sent again (a second tab, an old page): refused, nothing sent.
    await db.delete(outboxEmails);
    const stale = await call(
      visitsPage.action,
      makeRequest(path, { cookie, form: { intent: "move", visitId: String(visit.id), expectedSequence: "0", date: addDays(day, 3), time: "09:00", durationMinutes: "60", address } }),
      params,
    );
    expect(stale.status).toBe(409);
    expect(stale.data.errors).toEqual(["Der Termin wurde inzwischen geändert. Bitte laden Sie die Seite neu."]);
    expect(await queuedInvites()).toHaveLength(0);

    // Cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2, to both.
    const cancelled = await call(visitsPage.action, makeRequest(path, { cookie, form: { intent: "cancel", visitId: String(visit.id) } }), params);
    expect(cancelled.status).toBe(302);
    const cancels = await queuedInvites();
    expect(cancels.map((c) => c.to).sort()).toEqual([people.adviser.email, people.reporter.email].sort());
    for (const c of cancels) expect(c).toMatchObject({ uid, method: "CANCEL", mimeMethod: "CANCEL", status: "CANCELLED", sequence: 2 });
    const again = await call(visitsPage.action, makeRequest(path, { cookie, form: { intent: "cancel", visitId: String(visit.id) } }), params);
    expect(again.data.errors).toEqual(["Dieser Termin ist bereits abgesagt."]);

    const history = await db.select().from(auditEvents).where(eq(auditEvents.entityId, String(ticket.id))).orderBy(asc(auditEvents.id));
    expect(history.filter((e) => e.entityType === "ticket" && e.action.startsWith("ticket.visit_")).map((e) => e.action)).toEqual([
      "ticket.visit_scheduled",
      "ticket.visit_moved",
      "ticket.visit_cancelled",
    ]);
    expect(await db.select().from(ticketVisits).where(eq(ticketVisits.id, visit.id))).toMatchObject([{ adviserId: people.adviser.id, address }]);
  });

  it("is 404 for municipal IT, for a manager of another centre and for an unknown ticket", async () => {
    const people = await ticketPeople(getDb().db, "vor404");
    const ticket = await fileTestTicket(people, { priority: "normal", now: new Date() });
    const path = `/betreuung/tickets/${ticket.number}/vor-ort`;
    const form = { intent: "schedule", date: berlinDay(30), time: "10:00", durationMinutes: "60", address: "Rathaus" };
    for (const userId of [people.reporter.id, people.westManager.id]) {
      const cookie = await sessionCookieFor(userId);
      expect((await call(visitsPage.loader, makeRequest(path, { cookie }), { number: ticket.number })).status).toBe(404);
      expect((await call(visitsPage.action, makeRequest(path, { cookie, form }), { number: ticket.number })).status).toBe(404);
    }
    const cookie = await sessionCookieFor(people.adviser.id);
    expect((await call(visitsPage.loader, makeRequest("/x", { cookie }), { number: "KAI-2026-99999" })).status).toBe(404);
    expect(await db.select().from(ticketVisits).where(eq(ticketVisits.ticketId, ticket.id))).toHaveLength(0);
  });

  it("renders the visit, absence, re-routing and settings pages through the app, not nested inside another page", async () => {
    const people = await ticketPeople(getDb().db, "seite");
    const ticket = await fileTestTicket(people, { priority: "normal", now: new Date() });
    const cookie = await sessionCookieFor(people.adviser.id);
    const visits = await server.request(`/betreuung/tickets/${ticket.number}/vor-ort`, { headers: { Cookie: cookie } });
    expect(visits.status).toBe(200);
    const html = await visits.text();
    expect(html).toContain(`<h1>Vor-Ort-Termin zu ${ticket.number}</h1>`);
    expect(html).toContain(`<title>Vor-Ort-Termin zu ${ticket.number} – Betreuung – KAI-Portal</title>`);
    expect(html).toContain('value="Hansestadt Buxtehude"');
    const absences = await server.request("/betreuung/abwesenheiten", { headers: { Cookie: cookie } });
    expect(absences.status).toBe(200);
    expect(await absences.text()).toContain("<h1>Abwesenheiten</h1>");

    // The manager records an absence starting today, then opens the re-routing page and the settings.
    const manager = await sessionCookieFor(people.manager.id);
    const today = berlinDay();
    const form = new URLSearchParams({ intent: "record", userId: people.adviser.id, kind: "urlaub", startsOn: today, endsOn: today });
    const recorded = await server.request("/betreuung/abwesenheiten", { method: "POST", body: form, headers: { Cookie: manager, "Content-Type": "application/x-www-form-urlencoded" } });
    expect(recorded.status).toBe(302);
    const [absence] = await db.select().from(adviserAbsences).where(eq(adviserAbsences.userId, people.adviser.id));
    const rerouting = await server.request(`/betreuung/abwesenheiten/${absence.id}/umverteilen`, { headers: { Cookie: manager } });
    expect(rerouting.status).toBe(200);
    const reroutingHtml = await rerouting.text();
    expect(reroutingHtml).toContain(`Tickets von ${people.adviser.name} umverteilen`);
    expect(reroutingHtml).toContain(ticket.number);
    const settingsPage = await server.request("/betreuung/einstellungen", { headers: { Cookie: manager } });
    expect(settingsPage.status).toBe(200);
    expect(await settingsPage.text()).toContain("<h1>Einstellungen der Betreuung</h1>");
  });
});
