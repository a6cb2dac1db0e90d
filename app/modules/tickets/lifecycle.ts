/**
 * The life of a ticket (issue 7, items 6, 7 and 10): its statuses and types, who may move it
 * from which status to which, reopening and closing automatically. Pure: no database, no clock;
 * the caller passes the ticket as read, the action, who acts and "now".
 *
 * **Expected status.** Every action names the status the person saw (`expectedStatus`, a hidden
 * form field). A ticket that has moved on since is refused here, and the command writes with
 * `update … where id = … and status = result.from`, so two people acting at once cannot both
 * win (G35): the loser's update matches no row and is shown `STALE_STATUS_MESSAGE`.
 *
 * **Reopen window and automatic closing: 14 calendar days in Europe/Berlin.** A ticket solved on
 * Monday 10:00 may be reopened by a reply until Monday two weeks later, 10:00 wall-clock time,
 * and is closed from that instant on. Calendar days rather than 14 × 24 h, because that is what
 * the sentence "14 Tage nach der Lösung" means to a reader: across a change to or from summer
 * time the window is 335 or 337 hours, not a time that has shifted by an hour. A solved time
 * that does not exist on the closing day (02:30 on the day clocks go forward) moves on to 03:30.
 *
 * **A reply after the window, or to a closed ticket,** does not reopen it: it becomes a new
 * ticket that refers to the old one (`reporter_reply` is refused with code `follow_up`, and the
 * caller files the follow-up with `followUpOf`). A closed ticket stays closed, also when an
 * adviser closed it before the 14 days were over: closing is final.
 */
import { DateTime } from "luxon";

export const TICKET_STATUSES = ["neu", "zugewiesen", "in_bearbeitung", "rueckfrage", "geloest", "geschlossen"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * One row per status: its German label, whether the ticket counts as open (queues, load,
 * start page) and whether the SLA clock runs (the same statuses as `SLA_PAUSE_STATUSES` in
 * ./sla.ts, where it does not).
 */
export const TICKET_STATUS_TABLE: Readonly<Record<TicketStatus, { label: string; open: boolean; slaRuns: boolean }>> = {
  neu: { label: "neu", open: true, slaRuns: true },
  zugewiesen: { label: "zugewiesen", open: true, slaRuns: true },
  in_bearbeitung: { label: "in Bearbeitung", open: true, slaRuns: true },
  rueckfrage: { label: "Rückfrage", open: true, slaRuns: false },
  geloest: { label: "gelöst", open: false, slaRuns: false },
  geschlossen: { label: "geschlossen", open: false, slaRuns: false },
};

export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((s) => TICKET_STATUS_TABLE[s].open);

export const TICKET_TYPES = ["stoerung", "frage", "aenderungswunsch"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_TYPE_LABELS: Readonly<Record<TicketType, string>> = {
  stoerung: "Störung",
  frage: "Frage",
  aenderungswunsch: "Änderungswunsch",
};

export function ticketStatusLabel(status: TicketStatus): string {
  return TICKET_STATUS_TABLE[status].label;
}

/** Who acts. KAI staff (adviser, centre manager, admin) act alike here; whether they may see the
 * ticket at all is decided by the query (their centre, C14). */
export type TicketActor =
  | { kind: "adviser" | "centre_manager" | "admin"; userId: string }
  | { kind: "municipal_it"; userId: string }
  | { kind: "system" };
export type TicketActorKind = TicketActor["kind"];

const STAFF: readonly TicketActorKind[] = ["adviser", "centre_manager", "admin"];

export type LifecycleTicket = {
  id: number;
  /** `KAI-2026-00042` */
  number: string;
  status: TicketStatus;
  assigneeId: string | null;
  /** When the ticket was last solved; set while it is gelöst or geschlossen. */
  resolvedAt: Date | null;
};

/** A ticket that another one is merged into (item 10). */
export type MergeTarget = { id: number; number: string; status: TicketStatus };

export type TicketAction = { expectedStatus: TicketStatus } & (
  | { type: "assign"; assigneeId: string }
  | { type: "take" }
  | { type: "hand_over"; assigneeId: string; note: string }
  | { type: "escalate"; note: string }
  | { type: "ask_back" }
  | { type: "reporter_reply" }
  | { type: "solve" }
  | { type: "reopen" }
  | { type: "close" }
  | { type: "auto_close" }
  | { type: "merge"; into: MergeTarget }
);
export type TicketActionType = TicketAction["type"];

/**
 * The transition table: per action, from which status it leads to which, and who may do it.
 * An action that keeps the status (escalate) lists the status as its own target.
 */
export const TICKET_TRANSITIONS: Readonly<
  Record<TicketActionType, { actors: readonly TicketActorKind[]; from: Partial<Record<TicketStatus, TicketStatus>> }>
> = {
  // Routing (system) or a centre manager from the queue gives the ticket an assignee.
  assign: { actors: ["system", ...STAFF], from: { neu: "zugewiesen" } },
  // An adviser takes the ticket for themself and starts.
  take: { actors: STAFF, from: { neu: "in_bearbeitung", zugewiesen: "in_bearbeitung" } },
  // Another adviser gets it and must take it; while waiting on the municipality it keeps waiting.
  hand_over: { actors: STAFF, from: { zugewiesen: "zugewiesen", in_bearbeitung: "zugewiesen", rueckfrage: "rueckfrage" } },
  // Draws the centre manager in; the status stays.
  escalate: { actors: STAFF, from: { neu: "neu", zugewiesen: "zugewiesen", in_bearbeitung: "in_bearbeitung", rueckfrage: "rueckfrage" } },
  ask_back: { actors: STAFF, from: { in_bearbeitung: "rueckfrage" } },
  // The reporter's answer (in the portal or by email); after gelöst only within the window.
  reporter_reply: { actors: ["municipal_it"], from: { rueckfrage: "in_bearbeitung", geloest: "in_bearbeitung" } },
  solve: {
    actors: [...STAFF, "municipal_it"],
    from: { neu: "geloest", zugewiesen: "geloest", in_bearbeitung: "geloest", rueckfrage: "geloest" },
  },
  reopen: { actors: STAFF, from: { geloest: "in_bearbeitung" } },
  close: { actors: STAFF, from: { geloest: "geschlossen" } },
  // The daily job, once the 14 days are over (dueForAutoClose).
  auto_close: { actors: ["system"], from: { geloest: "geschlossen" } },
  merge: {
    actors: STAFF,
    from: { neu: "geschlossen", zugewiesen: "geschlossen", in_bearbeitung: "geschlossen", rueckfrage: "geschlossen", geloest: "geschlossen" },
  },
};

/** The audit action each transition writes (entity type `ticket`); labels live in audit/labels.ts. */
export const TICKET_HISTORY_ACTIONS: Readonly<Record<TicketActionType, string>> = {
  assign: "ticket.assigned",
  take: "ticket.taken",
  hand_over: "ticket.handed_over",
  escalate: "ticket.escalated",
  ask_back: "ticket.asked_back",
  reporter_reply: "ticket.reopened_by_reply",
  solve: "ticket.solved",
  reopen: "ticket.reopened",
  close: "ticket.closed",
  auto_close: "ticket.auto_closed",
  merge: "ticket.merged",
};

/** An entry for the audit trail, shaped as `recordAudit` takes it. */
export type TicketHistoryEntry = {
  action: string;
  entityType: "ticket";
  entityId: number;
  actorId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

export type TransitionResult =
  | {
      ok: true;
      /** For `update … where status = from`. */
      from: TicketStatus;
      status: TicketStatus;
      assigneeId: string | null;
      resolvedAt: Date | null;
      history: TicketHistoryEntry;
    }
  | { ok: false; code: "stale" | "not_allowed" | "wrong_status" | "invalid"; error: string }
  | { ok: false; code: "follow_up"; error: string; followUpOf: { id: number; number: string } };

export const REOPEN_WINDOW_DAYS = 14;
export const STALE_STATUS_MESSAGE = "Das Ticket wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie den aktuellen Stand.";

const ZONE = "Europe/Berlin";

/** The first instant at which a ticket solved at `resolvedAt` can no longer be reopened and is closed. */
export function reopenDeadline(resolvedAt: Date): Date {
  return DateTime.fromJSDate(resolvedAt, { zone: ZONE }).plus({ days: REOPEN_WINDOW_DAYS }).toJSDate();
}

/** Whether a reply at `now` still reopens the solved ticket. */
export function withinReopenWindow(ticket: Pick<LifecycleTicket, "status" | "resolvedAt">, now: Date): boolean {
  return ticket.status === "geloest" && ticket.resolvedAt !== null && now < reopenDeadline(ticket.resolvedAt);
}

/** True once a solved ticket is 14 Berlin calendar days past its solution (the job closes it). */
export function dueForAutoClose(ticket: Pick<LifecycleTicket, "status" | "resolvedAt">, now: Date): boolean {
  return ticket.status === "geloest" && ticket.resolvedAt !== null && now >= reopenDeadline(ticket.resolvedAt);
}

const ACTOR_LABELS: Readonly<Record<TicketActorKind, string>> = {
  adviser: "die Betreuung",
  centre_manager: "die Geschäftsführung",
  admin: "die Administration",
  municipal_it: "die kommunale IT",
  system: "das System",
};

function quoteList(statuses: readonly TicketStatus[]): string {
  const quoted = statuses.map((s) => `„${ticketStatusLabel(s)}“`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} oder ${quoted.at(-1)}`;
}

function refuse(code: "stale" | "not_allowed" | "wrong_status" | "invalid", error: string): TransitionResult {
  return { ok: false, code, error };
}

/** Decides one status change. Refusals carry a German message for the person who acted. */
export function transition(ticket: LifecycleTicket, action: TicketAction, actor: TicketActor, now: Date): TransitionResult {
  if (action.expectedStatus !== ticket.status) return refuse("stale", STALE_STATUS_MESSAGE);
  const rule = TICKET_TRANSITIONS[action.type];
  if (!rule.actors.includes(actor.kind)) {
    const allowed = [...new Set(rule.actors.map((kind) => ACTOR_LABELS[kind]))];
    return refuse("not_allowed", `Diese Änderung kann nur ${allowed.join(" oder ")} vornehmen.`);
  }
  if (action.type === "reporter_reply" && (ticket.status === "geschlossen" || (ticket.status === "geloest" && !withinReopenWindow(ticket, now)))) {
    return {
      ok: false,
      code: "follow_up",
      error: `Das Ticket ${ticket.number} ist abgeschlossen. Ihre Antwort wird als neues Ticket mit Bezug auf ${ticket.number} aufgenommen.`,
      followUpOf: { id: ticket.id, number: ticket.number },
    };
  }
  const to = rule.from[ticket.status];
  if (!to) {
    if (ticket.status === "geschlossen") return refuse("wrong_status", "Das Ticket ist bereits geschlossen.");
    if (ticket.status === "geloest" && action.type === "solve") return refuse("wrong_status", "Das Ticket ist bereits gelöst.");
    const froms = TICKET_STATUSES.filter((s) => rule.from[s]);
    const noun = froms.length === 1 ? "dem Status" : "den Status";
    return refuse("wrong_status", `Diese Änderung ist nur aus ${noun} ${quoteList(froms)} möglich.`);
  }

  const actorId = actor.kind === "system" ? null : actor.userId;
  let assigneeId = ticket.assigneeId;
  const extra: Record<string, unknown> = {};
  switch (action.type) {
    case "assign":
      assigneeId = action.assigneeId;
      break;
    case "take":
      assigneeId = actorId;
      break;
    case "hand_over":
      if (action.assigneeId === ticket.assigneeId) return refuse("invalid", "Das Ticket ist dieser Person bereits zugewiesen.");
      if (!action.note.trim()) return refuse("invalid", "Bitte schreiben Sie zur Übergabe eine Notiz.");
      assigneeId = action.assigneeId;
      extra.note = action.note.trim();
      break;
    case "escalate":
      if (!action.note.trim()) return refuse("invalid", "Bitte begründen Sie die Eskalation in einer Notiz.");
      extra.note = action.note.trim();
      break;
    case "auto_close":
      if (!dueForAutoClose(ticket, now)) return refuse("invalid", `Das Ticket wird erst ${REOPEN_WINDOW_DAYS} Tage nach der Lösung automatisch geschlossen.`);
      break;
    case "merge":
      if (action.into.id === ticket.id) return refuse("invalid", "Ein Ticket kann nicht mit sich selbst zusammengeführt werden.");
      if (!TICKET_STATUS_TABLE[action.into.status].open) {
        return refuse("invalid", `Das Ziel-Ticket ${action.into.number} ist bereits ${ticketStatusLabel(action.into.status)}.`);
      }
      extra.mergedInto = action.into.number;
      break;
  }

  const resolvedAt = to === "geloest" ? now : TICKET_STATUS_TABLE[to].open ? null : ticket.resolvedAt;
  const before: Record<string, unknown> = { status: ticket.status };
  const after: Record<string, unknown> = { status: to, ...extra };
  if (assigneeId !== ticket.assigneeId) {
    before.assigneeId = ticket.assigneeId;
    after.assigneeId = assigneeId;
  }
  return {
    ok: true,
    from: ticket.status,
    status: to,
    assigneeId,
    resolvedAt,
    history: { action: TICKET_HISTORY_ACTIONS[action.type], entityType: "ticket", entityId: ticket.id, actorId, before, after },
  };
}
