/**
 * Which SLA notifications are due for a ticket now (issue 7, item 12), for the scheduled job:
 * at 80 % of a target a warning to the assignee, at 100 % an escalation to the centre manager,
 * each once per target (response and resolution) and ticket.
 *
 * - "Once" is decided from what was sent, read from the ticket's history (`sentFromHistory`).
 *   Two job runs at once are kept apart by the job, not here: it writes the history entry in the
 *   notification's transaction, guarded by a unique key or a lock on the ticket.
 * - A clock that has stopped (first response given, ticket solved) or stands still (Rückfrage)
 *   sends nothing; a paused clock does not advance, and once it runs again the job catches up.
 * - A job that first sees a target at 100 % (the job was down, or a kritisch target is short)
 *   sends both: the escalation, and the warning the assignee has not had yet.
 * - A ticket without an assignee sends its warning to the centre manager as well.
 */
import type { TicketHistoryEntry } from "./lifecycle";
import type { SlaClock, TicketSla } from "./sla";

export const SLA_WARNING_FRACTION = 0.8;
export const SLA_ESCALATION_FRACTION = 1;

export type SlaTargetKind = keyof TicketSla;
export type SlaNotificationKind = "warning" | "escalation";
export type SentSlaNotifications = Readonly<Partial<Record<SlaTargetKind, Readonly<Partial<Record<SlaNotificationKind, boolean>>>>>>;

export const SLA_HISTORY_ACTIONS: Readonly<Record<SlaNotificationKind, string>> = {
  warning: "ticket.sla_warning",
  escalation: "ticket.sla_escalated",
};

export type DueSlaNotification = {
  kind: SlaNotificationKind;
  target: SlaTargetKind;
  /** The assignee's user id, or the centre manager(s) of the ticket's centre. */
  recipient: { kind: "assignee"; userId: string } | { kind: "centre_manager" };
  history: TicketHistoryEntry;
};

const TARGETS: readonly SlaTargetKind[] = ["response", "resolution"];

/** What was already sent, from the ticket's history entries (any order). */
export function sentFromHistory(entries: readonly Pick<TicketHistoryEntry, "action" | "after">[]): SentSlaNotifications {
  const sent: Partial<Record<SlaTargetKind, Partial<Record<SlaNotificationKind, boolean>>>> = {};
  for (const entry of entries) {
    const kind = (Object.keys(SLA_HISTORY_ACTIONS) as SlaNotificationKind[]).find((k) => SLA_HISTORY_ACTIONS[k] === entry.action);
    const target = entry.after?.target as SlaTargetKind | undefined;
    if (kind && target && TARGETS.includes(target)) sent[target] = { ...sent[target], [kind]: true };
  }
  return sent;
}

function reached(clock: SlaClock, fraction: number): boolean {
  return !clock.stopped && clock.state !== "paused" && clock.fraction >= fraction;
}

export function dueSlaNotifications(args: {
  ticket: { id: number; assigneeId: string | null };
  sla: TicketSla;
  sent: SentSlaNotifications;
}): DueSlaNotification[] {
  const { ticket, sla, sent } = args;
  const due: DueSlaNotification[] = [];
  for (const target of TARGETS) {
    const clock = sla[target];
    const add = (kind: SlaNotificationKind, recipient: DueSlaNotification["recipient"]) =>
      due.push({
        kind,
        target,
        recipient,
        history: {
          action: SLA_HISTORY_ACTIONS[kind],
          entityType: "ticket",
          entityId: ticket.id,
          actorId: null,
          before: {},
          after: { target, percent: Math.floor(clock.fraction * 100) },
        },
      });
    if (!sent[target]?.warning && reached(clock, SLA_WARNING_FRACTION)) {
      add("warning", ticket.assigneeId ? { kind: "assignee", userId: ticket.assigneeId } : { kind: "centre_manager" });
    }
    if (!sent[target]?.escalation && reached(clock, SLA_ESCALATION_FRACTION)) add("escalation", { kind: "centre_manager" });
  }
  return due;
}
