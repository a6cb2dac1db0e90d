import { eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { outboxEmails } from "#db/schema/mail";
import { ticketSlaNotifications } from "#db/schema/tickets";
import { db } from "~/db.server";
import { runSlaEscalation } from "~/modules/tickets/escalation.server";
import { useTestDatabase } from "../db";
import { fileTestTicket, ticketPeople } from "../ticket-fixtures";

// Real PostgreSQL with a pool of concurrent connections (PGlite would serialise and hide the race).
const getDb = useTestDatabase();

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`);

describe("SLA job on PostgreSQL (issue 7, item 12)", () => {
  it("two job runs at once send each warning and escalation once", async () => {
    const people = await ticketPeople(getDb().db, "race");
    const filed = [];
    for (let i = 0; i < 8; i++) filed.push(await fileTestTicket(people, { priority: "kritisch", now: at("09:00"), title: `Störung ${i}`, procedureId: i % 2 ? null : undefined }));
    await db.delete(outboxEmails);

    // 10:05: past 100 % of the response target, so each ticket is due a warning and an escalation.
    const runs = await Promise.all([runSlaEscalation({ now: at("10:05") }), runSlaEscalation({ now: at("10:05") }), runSlaEscalation({ now: at("10:05") })]);
    expect(runs.reduce((n, r) => n + r.warnings, 0)).toBe(8);
    expect(runs.reduce((n, r) => n + r.escalations, 0)).toBe(8);

    const ids = filed.map((t) => t.id);
    expect(await db.select().from(ticketSlaNotifications).where(inArray(ticketSlaNotifications.ticketId, ids))).toHaveLength(16);
    const mails = await db.select({ to: outboxEmails.toAddress, subject: outboxEmails.subject }).from(outboxEmails).where(like(outboxEmails.template, "ticket-sla-%"));
    expect(mails).toHaveLength(16);
    expect(new Set(mails.map((m) => `${m.to} ${m.subject}`)).size).toBe(16);
    const entries = await db.select().from(auditEvents).where(inArray(auditEvents.action, ["ticket.sla_warning", "ticket.sla_escalated"]));
    expect(entries).toHaveLength(16);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "ticket.sla_warning"))).toHaveLength(8);
  });
});
