import { and, eq, inArray } from "drizzle-orm";
import { berlinToday } from "~/format";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { outboxEmails } from "#db/schema/mail";
import { userRoles, users } from "#db/schema/auth";
import { adviserAbsences, tickets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { runReroutingOffers } from "~/modules/tickets/absences.server";

import * as absences from "~/routes/betreuung.abwesenheiten";
import * as rerouting from "~/routes/betreuung.abwesenheiten_.$id.umverteilen";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { fileTestTicket, ticketPeople } from "../ticket-fixtures";

const getDb = useTestDatabase();

const PAGE = "/betreuung/abwesenheiten";
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function setup(prefix: string) {
  const people = await ticketPeople(getDb().db, prefix);
  const cookies = {
    adviser: await sessionCookieFor(people.adviser.id),
    manager: await sessionCookieFor(people.manager.id),
    westManager: await sessionCookieFor(people.westManager.id),
    reporter: await sessionCookieFor(people.reporter.id),
  };
  return { people, cookies };
}

/** The advisers of the tests before leave, so that routing sees only the current test's people. */
async function advisersOfEarlierTestsLeave() {
  const advisers = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "adviser"));
  await db.update(users).set({ active: false }).where(inArray(users.id, advisers));
}

const record = (cookie: string, form: Record<string, string>) => call(absences.action, makeRequest(PAGE, { cookie, form: { intent: "record", ...form } }));

describe("absences (issue 7, item 5)", () => {
  it("advisers record and delete their own; centre managers see and record those of their centre; others get 404", async () => {
    const { people, cookies } = await setup("abs");
    const today = berlinToday();
    const other = await createUser(getDb().db, { email: "abs.zweite@kai.example", name: "Zora Zweitberaterin", roles: [{ role: "adviser", centre: "nord" }], competences: ["EWOS"] });

    const own = await record(cookies.adviser, { userId: people.adviser.id, kind: "urlaub", startsOn: addDays(today, 7), endsOn: addDays(today, 11), note: "Sommerurlaub" });
    expect(own).toMatchObject({ status: 302, location: `${PAGE}?erledigt=eingetragen` });
    // Not for someone else, and not in the past or backwards.
    const foreign = await record(cookies.adviser, { userId: other.id, kind: "urlaub", startsOn: today, endsOn: today });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.data)).toContain("Bitte eine Person aus der Liste wählen.");
    const backwards = await record(cookies.adviser, { userId: people.adviser.id, kind: "schulung", startsOn: addDays(today, 3), endsOn: addDays(today, 2) });
    expect(JSON.stringify(backwards.data)).toContain("Der letzte Tag darf nicht vor dem ersten liegen.");
    const past = await record(cookies.adviser, { userId: people.adviser.id, kind: "krankheit", startsOn: addDays(today, -5), endsOn: addDays(today, -3) });
    expect(JSON.stringify(past.data)).toContain("Die Abwesenheit liegt in der Vergangenheit.");

    // The manager of Nord records one for the other adviser and sees both; the adviser sees only theirs.
    expect((await record(cookies.manager, { userId: other.id, kind: "schulung", startsOn: addDays(today, 2), endsOn: addDays(today, 2) })).status).toBe(302);
    const managerView = await call(absences.loader, makeRequest(PAGE, { cookie: cookies.manager }));
    expect(managerView.data.absences.map((a: { name: string; text: string }) => a.name).sort()).toEqual([people.adviser.name, other.name].sort());
    expect(managerView.data.people.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([people.adviser.id, other.id]));
    const adviserView = await call(absences.loader, makeRequest(PAGE, { cookie: cookies.adviser }));
    expect(adviserView.data.absences.map((a: { name: string; note: string }) => [a.name, a.note])).toEqual([[people.adviser.name, "Sommerurlaub"]]);

    // West's manager sees none of Nord's and cannot delete or record them.
    const westView = await call(absences.loader, makeRequest(PAGE, { cookie: cookies.westManager }));
    expect(westView.data.absences).toEqual([]);
    const [nordAbsence] = await db.select().from(adviserAbsences).where(eq(adviserAbsences.userId, other.id));
    expect((await call(absences.action, makeRequest(PAGE, { cookie: cookies.westManager, form: { intent: "delete", id: String(nordAbsence.id) } }))).status).toBe(404);
    expect((await record(cookies.westManager, { userId: other.id, kind: "urlaub", startsOn: today, endsOn: today })).status).toBe(400);
    // The adviser cannot delete the other adviser's absence either.
    expect((await call(absences.action, makeRequest(PAGE, { cookie: cookies.adviser, form: { intent: "delete", id: String(nordAbsence.id) } }))).status).toBe(404);

    // Municipal IT: the page does not exist for them.
    expect((await call(absences.loader, makeRequest(PAGE, { cookie: cookies.reporter }))).status).toBe(404);
    expect((await record(cookies.reporter, { userId: people.reporter.id, kind: "urlaub", startsOn: today, endsOn: today })).status).toBe(404);

    // The adviser deletes their own; it is in the audit trail.
    const ownRow = (await db.select().from(adviserAbsences).where(eq(adviserAbsences.userId, people.adviser.id)))[0];
    expect(await call(absences.action, makeRequest(PAGE, { cookie: cookies.adviser, form: { intent: "delete", id: String(ownRow.id) } }))).toMatchObject({ status: 302 });
    expect(await db.select().from(adviserAbsences).where(eq(adviserAbsences.id, ownRow.id))).toHaveLength(0);
    const trail = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "absence"), eq(auditEvents.entityId, String(ownRow.id))));
    expect(trail.map((e) => e.action)).toEqual(["absence.recorded", "absence.deleted"]);
  });

  it("on the first day the managers are offered to re-route the open tickets once, and one click hands them over", async () => {
    await advisersOfEarlierTestsLeave();
    const { people, cookies } = await setup("umv");
    const today = berlinToday();
    const first = await fileTestTicket(people, { priority: "hoch", now: new Date(), title: "Wahlscheine drucken nicht" });
    const second = await fileTestTicket(people, { priority: "normal", now: new Date(), title: "Auswertung leer" });
    expect([first.decision, second.decision].map((d) => (d.kind === "adviser" ? d.adviserId : d.kind))).toEqual([people.adviser.id, people.adviser.id]);
    // A colleague who is present and competent joins afterwards.
    const colleague = await createUser(getDb().db, { email: "umv.kollege@kai.example", name: "Karl Kollege", roles: [{ role: "adviser", centre: "nord" }], competences: ["EWOS"] });
    await db.delete(outboxEmails);

    // Recorded today, starting today: the offer goes at once, to Nord's manager.
    expect((await record(cookies.manager, { userId: people.adviser.id, kind: "krankheit", startsOn: today, endsOn: addDays(today, 2) })).status).toBe(302);
    const [absence] = await db.select().from(adviserAbsences).where(eq(adviserAbsences.userId, people.adviser.id));
    expect(absence.reroutingOfferedAt).not.toBeNull();
    const offers = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "absence-rerouting-offer"));
    // All of Nord's managers (this file has several), none of West's.
    expect(offers.map((o) => o.toAddress)).toContain(people.manager.email);
    expect(offers.map((o) => o.toAddress).every((a) => a.endsWith(".leitung.nord@kai.example"))).toBe(true);
    expect(offers[0].subject).toBe(`Abwesenheit von ${people.adviser.name}: 2 offene Tickets umverteilen`);
    expect(offers[0].text).toContain(`/betreuung/abwesenheiten/${absence.id}/umverteilen`);
    // The job does not offer it again.
    expect(await runReroutingOffers()).toEqual({ offered: 0 });

    const path = `/betreuung/abwesenheiten/${absence.id}/umverteilen`;
    const params = { id: String(absence.id) };
    // Only Nord's manager (and admins): West's manager, the adviser and municipal IT get 404.
    for (const cookie of [cookies.westManager, cookies.adviser, cookies.reporter]) {
      expect((await call(rerouting.loader, makeRequest(path, { cookie }), params)).status).toBe(404);
    }
    expect((await call(rerouting.action, makeRequest(path, { cookie: cookies.westManager, form: { number: first.number, expectedStatus: "zugewiesen", assigneeId: colleague.id } }), params)).status).toBe(404);

    const page = await call(rerouting.loader, makeRequest(path, { cookie: cookies.manager }), params);
    expect(page.status).toBe(200);
    expect(page.data.rows.map((r: { number: string; proposal: { assigneeId: string } }) => [r.number, r.proposal.assigneeId])).toEqual([
      [first.number, colleague.id],
      [second.number, colleague.id],
    ]);

    // "Alle wie vorgeschlagen zuweisen": the form carries each ticket with the status the manager saw.
    const form = { number: [first.number, second.number], expectedStatus: ["zugewiesen", "zugewiesen"], assigneeId: [colleague.id, colleague.id] };
    const applied = await call(rerouting.action, makeRequest(path, { cookie: cookies.manager, form }), params);
    expect(applied.data).toEqual({ done: [first.number, second.number], failed: [] });
    const rows = await db.select().from(tickets).where(inArray(tickets.id, [first.id, second.id]));
    expect(rows.map((r) => r.assigneeId)).toEqual([colleague.id, colleague.id]);
    const handedOver = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "ticket.handed_over"), eq(auditEvents.entityId, String(first.id))));
    expect(handedOver[0]).toMatchObject({ actorId: people.manager.id, after: { note: `Umverteilt wegen Abwesenheit von ${people.adviser.name} (Krankheit, ${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}–${addDays(today, 2).slice(8, 10)}.${addDays(today, 2).slice(5, 7)}.${addDays(today, 2).slice(0, 4)}).` } });
    // The colleague is told by mail.
    expect((await db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, colleague.email))).map((m) => m.template)).toEqual(["ticket-assigned", "ticket-assigned"]);

    // Sent twice (a double click): nothing changes, the page says why.
    const again = await call(rerouting.action, makeRequest(path, { cookie: cookies.manager, form }), params);
    expect(again.status).toBe(409);
    expect(again.data.failed[0].message).toBe(`Das Ticket ${first.number} ist nicht mehr ${people.adviser.name} zugewiesen.`);
    expect((await call(rerouting.loader, makeRequest(path, { cookie: cookies.manager }), params)).data.rows).toEqual([]);
  });

  it("an absence that starts tomorrow is offered by the job on its first day, not before", async () => {
    await advisersOfEarlierTestsLeave();
    const people = await ticketPeople(getDb().db, "morgen");
    await fileTestTicket(people, { priority: "normal", now: new Date() });
    const cookie = await sessionCookieFor(people.adviser.id);
    const tomorrow = addDays(berlinToday(), 1);
    expect((await record(cookie, { userId: people.adviser.id, kind: "urlaub", startsOn: tomorrow, endsOn: tomorrow })).status).toBe(302);
    await db.delete(outboxEmails);
    expect(await runReroutingOffers()).toEqual({ offered: 0 });
    const firstDay = new Date(`${tomorrow}T06:00:00+01:00`);
    expect(await runReroutingOffers({ now: firstDay })).toEqual({ offered: 1 });
    expect(await runReroutingOffers({ now: firstDay })).toEqual({ offered: 0 });
    const offers = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "absence-rerouting-offer"));
    expect(offers.map((o) => o.toAddress)).toContain(people.manager.email);
    expect(new Set(offers.map((o) => o.subject))).toEqual(new Set([`Abwesenheit von ${people.adviser.name}: 1 offenes Ticket umverteilen`]));
  });
});
