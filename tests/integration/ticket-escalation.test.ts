import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { outboxEmails } from "#db/schema/mail";
import { tickets, ticketSlaNotifications } from "#db/schema/tickets";
import { db } from "~/db.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { changeTicket } from "~/modules/tickets/commands.server";
import { runAutoClose, runSlaEscalation } from "~/modules/tickets/escalation.server";
import { useTestDatabase } from "../db";
import { parseMail, useSmtpSink } from "../smtp-sink";
import { currentUserOf, fileTestTicket, ticketPeople } from "../ticket-fixtures";

const getDb = useTestDatabase();
const smtp = useSmtpSink();

/** Tuesday 1 December 2026, a business day in Niedersachsen (centre Nord); Berlin is UTC+1. */
const at = (hhmm: string, day = "2026-12-01") => new Date(`${day}T${hhmm}:00+01:00`);

async function slaMails() {
  await dispatchDueEmails();
  const mails = await Promise.all(smtp().received.map(async (m) => ({ to: m.envelopeTo, mail: await parseMail(m.raw) })));
  return mails.filter((m) => /SLA/.test(m.mail.subject ?? ""));
}

async function history(ticketId: number) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "ticket"), eq(auditEvents.entityId, String(ticketId))));
}

describe("SLA escalation job (issue 7, item 12)", () => {
  it("warns the assignee at 80 %, escalates to the centre manager at 100 %, once each; a ticket in Rückfrage is not warned", async () => {
    const people = await ticketPeople(getDb().db, "sla");
    const { user: adviser } = await currentUserOf(people.adviser.id);
    // kritisch: response target 1 h of business time.
    const assigned = await fileTestTicket(people, { priority: "kritisch", now: at("09:00"), title: "Meldewesen startet nicht" });
    const paused = await fileTestTicket(people, { priority: "kritisch", now: at("09:00"), title: "Rückfrage läuft" });
    const queued = await fileTestTicket(people, { priority: "kritisch", now: at("09:00"), title: "Ohne Verfahren", procedureId: null });
    expect(assigned.decision.kind).toBe("adviser");
    expect(queued.decision.kind).not.toBe("adviser");
    await changeTicket({ user: adviser, number: paused.number, action: { type: "take", expectedStatus: "zugewiesen" }, now: at("09:05") });
    await changeTicket({ user: adviser, number: paused.number, action: { type: "ask_back", expectedStatus: "in_bearbeitung" }, now: at("09:10") });
    await db.delete(outboxEmails);

    // 09:47: 47 of 60 minutes, below 80 %.
    expect(await runSlaEscalation({ now: at("09:47") })).toMatchObject({ warnings: 0, escalations: 0 });

    // 09:49: 49/60 = 81 %: the assignee is warned; the unassigned ticket's warning goes to the manager.
    expect(await runSlaEscalation({ now: at("09:49") })).toMatchObject({ warnings: 2, escalations: 0 });
    expect(await runSlaEscalation({ now: at("09:52") })).toMatchObject({ warnings: 0, escalations: 0 });
    let mails = await slaMails();
    expect(mails.map((m) => [m.to[0], m.mail.subject]).sort()).toEqual(
      [
        [people.adviser.email, `[${assigned.number}] SLA-Warnung (Reaktion 81 %): Meldewesen startet nicht`],
        [people.manager.email, `[${queued.number}] SLA-Warnung (Reaktion 81 %): Ohne Verfahren`],
      ].sort(),
    );
    expect(mails[0].mail.text).toMatch(/Noch \d+ Min\. Geschäftszeit bis zum Ziel \(Reaktionszeit, Priorität kritisch\)/);
    smtp().received.length = 0;

    // 10:00: 100 %: escalated to the centre manager of Nord (not West's).
    expect(await runSlaEscalation({ now: at("10:00") })).toMatchObject({ warnings: 0, escalations: 2 });
    expect(await runSlaEscalation({ now: at("10:30") })).toMatchObject({ warnings: 0, escalations: 0 });
    mails = await slaMails();
    expect(mails.map((m) => m.to[0]).sort()).toEqual([people.manager.email, people.manager.email]);
    expect(mails.map((m) => m.mail.subject).sort()).toEqual([
      `[${assigned.number}] SLA überschritten (Reaktion): Meldewesen startet nicht`,
      `[${queued.number}] SLA überschritten (Reaktion): Ohne Verfahren`,
    ]);

    // Both are in the ticket's history, as the system.
    const entries = await history(assigned.id);
    const sla = entries.filter((e) => e.action.startsWith("ticket.sla_"));
    expect(sla.map((e) => [e.action, e.actorId, (e.after as Record<string, unknown>).target, (e.after as Record<string, unknown>).recipients])).toEqual([
      ["ticket.sla_warning", null, "response", people.adviser.name],
      ["ticket.sla_escalated", null, "response", people.manager.name],
    ]);

    // The paused ticket: nothing sent, nothing recorded, hours later still (its clock stands at 10 min).
    expect(await db.select().from(ticketSlaNotifications).where(eq(ticketSlaNotifications.ticketId, paused.id))).toHaveLength(0);
    // 15:59: the resolution target (8 h of business time) is 87 % used for the two running tickets.
    expect(await runSlaEscalation({ now: at("15:59") })).toMatchObject({ warnings: 2, escalations: 0 });
    expect(await db.select().from(ticketSlaNotifications).where(eq(ticketSlaNotifications.ticketId, paused.id))).toHaveLength(0);
    expect((await history(paused.id)).filter((e) => e.action.startsWith("ticket.sla_"))).toHaveLength(0);

    // The night does not count: Wednesday 08:30 is 7 h 30 min in, 09:00 is the full 8 h.
    expect(await runSlaEscalation({ now: at("08:30", "2026-12-02") })).toMatchObject({ warnings: 0, escalations: 0 });
    expect(await runSlaEscalation({ now: at("09:00", "2026-12-02") })).toMatchObject({ warnings: 0, escalations: 2 });
  });

  it("closes a ticket 14 Berlin days after gelöst as the system, not a minute before", async () => {
    const people = await ticketPeople(getDb().db, "close");
    const { user: adviser } = await currentUserOf(people.adviser.id);
    const ticket = await fileTestTicket(people, { priority: "normal", now: at("09:00", "2026-11-10") });
    await changeTicket({ user: adviser, number: ticket.number, action: { type: "solve", expectedStatus: "zugewiesen" }, now: at("10:00", "2026-11-10") });

    expect(await runAutoClose({ now: at("09:59", "2026-11-24") })).toEqual({ closed: 0 });
    expect(await runAutoClose({ now: at("10:00", "2026-11-24") })).toEqual({ closed: 1 });
    expect(await runAutoClose({ now: at("11:00", "2026-11-24") })).toEqual({ closed: 0 });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.status).toBe("geschlossen");
    const closed = (await history(ticket.id)).find((e) => e.action === "ticket.auto_closed");
    expect(closed).toMatchObject({ actorId: null, before: { status: "geloest" }, after: { status: "geschlossen" } });
  });
});
