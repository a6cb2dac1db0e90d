import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { tickets, ticketSlaNotifications, ticketStatusChanges, type Ticket } from "#db/schema/tickets";
import { db } from "~/db.server";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { changeTicket, noticeStaff } from "./commands.server";
import { dueSlaNotifications, type DueSlaNotification, type SentSlaNotifications, type SlaTargetKind } from "./escalation";
import { dueForAutoClose, OPEN_TICKET_STATUSES, REOPEN_WINDOW_DAYS } from "./lifecycle";
import type { TicketPriority } from "./priorities";
import { loadBusinessHours, loadSlaTargets } from "./routing-input.server";
import { formatBusinessDuration, SLA_PAUSE_STATUSES, ticketSla, type StatusInterval, type TicketSla } from "./sla";

/**
 * The scheduled SLA job (issue 7, item 12): warns at 80 % of a target, escalates to the centre
 * managers at 100 %, each once per ticket and target. "Once" holds across concurrent job runs
 * (two app instances, a retried job) through the primary key of `ticket_sla_notifications`:
 * a run inserts the row with ON CONFLICT DO NOTHING and writes the history entry and the mails
 * in the same transaction only when its insert made the row. The loser's insert waits for the
 * winner's transaction and then finds the row; nothing is sent twice.
 */

const TARGET_LABELS: Record<SlaTargetKind, { noun: string; short: string }> = {
  response: { noun: "Reaktionszeit", short: "Reaktion" },
  resolution: { noun: "Lösungszeit", short: "Lösung" },
};

/** Statuses whose clock can run now: open and not paused (Rückfrage stands still). */
const RUNNING_STATUSES = OPEN_TICKET_STATUSES.filter((s) => !SLA_PAUSE_STATUSES.includes(s));

type Person = { id: string; name: string; email: string };

async function activePeople(ids: string[], tx: Executor): Promise<Person[]> {
  if (!ids.length) return [];
  return tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(inArray(users.id, ids), eq(users.active, true)));
}

async function centreManagersOf(centreId: string, tx: Executor): Promise<Person[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "centre_manager"), eq(userRoles.centreId, centreId), eq(users.active, true)));
}

/** The SLA clocks of open, running tickets, read in a few queries. */
async function openTicketClocks(now: Date, tx: Executor) {
  const rows = await tx
    .select()
    .from(tickets)
    .where(and(inArray(tickets.status, [...RUNNING_STATUSES]), isNull(tickets.mergedIntoId)))
    .orderBy(asc(tickets.id));
  if (!rows.length) return [];
  const ids = rows.map((t) => t.id);
  const [changes, sentRows, targets, hours] = await Promise.all([
    tx
      .select({ ticketId: ticketStatusChanges.ticketId, status: ticketStatusChanges.status, at: ticketStatusChanges.at })
      .from(ticketStatusChanges)
      .where(inArray(ticketStatusChanges.ticketId, ids))
      .orderBy(asc(ticketStatusChanges.ticketId), asc(ticketStatusChanges.at), asc(ticketStatusChanges.id)),
    tx.select().from(ticketSlaNotifications).where(inArray(ticketSlaNotifications.ticketId, ids)),
    loadSlaTargets(tx),
    loadBusinessHours(tx),
  ]);
  const history = new Map<number, StatusInterval[]>();
  for (const c of changes) {
    const list = history.get(c.ticketId) ?? [];
    const last = list.at(-1);
    if (last) last.to = c.at;
    list.push({ status: c.status, from: c.at, to: null });
    history.set(c.ticketId, list);
  }
  const sent = new Map<number, Record<string, Record<string, boolean>>>();
  for (const s of sentRows) {
    const entry = sent.get(s.ticketId) ?? {};
    entry[s.target] = { ...entry[s.target], [s.kind]: true };
    sent.set(s.ticketId, entry);
  }
  return rows.flatMap((ticket) => {
    const businessHours = hours.get(ticket.centreId);
    if (!businessHours) return [];
    const sla = ticketSla({
      createdAt: ticket.createdAt,
      priority: ticket.priority as TicketPriority,
      statusHistory: history.get(ticket.id) ?? [{ status: ticket.status, from: ticket.createdAt }],
      firstResponseAt: ticket.firstResponseAt,
      resolvedAt: ticket.resolvedAt,
      now,
      businessHours,
      targets,
    });
    return [{ ticket, sla, sent: (sent.get(ticket.id) ?? {}) as SentSlaNotifications }];
  });
}

/** Sends one due notification unless another run has already; true when this run sent it. */
async function sendSlaNotification(ticket: Ticket, sla: TicketSla, due: DueSlaNotification, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(ticketSlaNotifications)
      .values({ ticketId: ticket.id, target: due.target, kind: due.kind, sentAt: now })
      .onConflictDoNothing()
      .returning({ ticketId: ticketSlaNotifications.ticketId });
    if (!inserted.length) return false;

    const clock = sla[due.target];
    const label = TARGET_LABELS[due.target];
    const assignee = due.recipient.kind === "assignee" ? await activePeople([due.recipient.userId], tx) : [];
    const managers = assignee.length ? [] : await centreManagersOf(ticket.centreId, tx);
    const recipients = assignee.length ? assignee : managers;
    const dueText = clock.dueAt ? `Fällig: ${formatDateTime(clock.dueAt)} Uhr` : null;
    const lines =
      due.kind === "warning"
        ? [`Noch ${formatBusinessDuration(Math.max(0, clock.remaining), "up")} Geschäftszeit bis zum Ziel (${label.noun}, Priorität ${ticket.priority}).`, dueText]
        : [`Das Ziel ist seit ${formatBusinessDuration(Math.max(0, -clock.remaining))} Geschäftszeit überschritten (${label.noun}, Priorität ${ticket.priority}).`, dueText];
    const percent = Math.floor(clock.fraction * 100);
    if (due.kind === "warning") {
      await noticeStaff(
        ticket,
        recipients,
        "ticket-sla-warning",
        `SLA-Warnung (${label.short} ${percent} %): ${ticket.title}`,
        `Beim Ticket ${ticket.number} „${ticket.title}“ sind ${percent} % der ${label.noun} verbraucht.`,
        lines.filter((l): l is string => !!l),
        tx,
      );
    } else {
      await noticeStaff(
        ticket,
        recipients,
        "ticket-sla-escalated",
        `SLA überschritten (${label.short}): ${ticket.title}`,
        `Beim Ticket ${ticket.number} „${ticket.title}“ ist die ${label.noun} überschritten. Es wird an die Geschäftsführung eskaliert.`,
        lines.filter((l): l is string => !!l),
        tx,
      );
    }
    await recordAudit(
      {
        actorId: null,
        action: due.kind === "warning" ? "ticket.sla_warning" : "ticket.sla_escalated",
        entityType: "ticket",
        entityId: ticket.id,
        after: { target: due.target, percent, recipients: recipients.map((p) => p.name).join(", ") || "niemand (keine Geschäftsführung hinterlegt)" },
      },
      tx,
    );
    return true;
  });
}

/** One run of the SLA job. `now` is for tests; the job passes nothing. */
export async function runSlaEscalation(opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const clocks = await openTicketClocks(now, db);
  let warnings = 0;
  let escalations = 0;
  for (const { ticket, sla, sent } of clocks) {
    for (const due of dueSlaNotifications({ ticket, sla, sent })) {
      if (await sendSlaNotification(ticket, sla, due, now)) {
        if (due.kind === "warning") warnings++;
        else escalations++;
      }
    }
  }
  return { checked: clocks.length, warnings, escalations };
}

/**
 * Closes tickets 14 Berlin calendar days after their solution (item 7). The pre-filter is a
 * day wider than the window; `dueForAutoClose` decides the exact instant. A ticket that changed
 * meanwhile (reopened by a reply) is left as it is.
 */
export async function runAutoClose(opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const candidates = await db
    .select({ number: tickets.number, status: tickets.status, resolvedAt: tickets.resolvedAt })
    .from(tickets)
    .where(and(eq(tickets.status, "geloest"), lte(tickets.resolvedAt, new Date(now.getTime() - (REOPEN_WINDOW_DAYS - 1) * 86_400_000))));
  let closed = 0;
  for (const t of candidates) {
    if (!dueForAutoClose({ status: "geloest", resolvedAt: t.resolvedAt }, now)) continue;
    try {
      await changeTicket({ user: null, actor: { kind: "system" }, number: t.number, action: { type: "auto_close", expectedStatus: "geloest" }, now });
      closed++;
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
    }
  }
  return { closed };
}
