import { describe, expect, it } from "vitest";
import {
  dueForAutoClose,
  OPEN_TICKET_STATUSES,
  reopenDeadline,
  STALE_STATUS_MESSAGE,
  TICKET_STATUS_TABLE,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  transition,
  withinReopenWindow,
  type LifecycleTicket,
  type TicketAction,
  type TicketActionType,
  type TicketActor,
  type TicketActorKind,
  type TicketStatus,
} from "./lifecycle";
import { SLA_PAUSE_STATUSES } from "./sla";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-03-10T09:00:00Z");
const SOLVED = at("2026-03-02T09:00:00Z");

const ACTORS: Record<TicketActorKind, TicketActor> = {
  adviser: { kind: "adviser", userId: "u-adviser" },
  centre_manager: { kind: "centre_manager", userId: "u-manager" },
  admin: { kind: "admin", userId: "u-admin" },
  municipal_it: { kind: "municipal_it", userId: "u-it" },
  system: { kind: "system" },
};

function ticket(status: TicketStatus, extra: Partial<LifecycleTicket> = {}): LifecycleTicket {
  const solved = status === "geloest" || status === "geschlossen";
  return { id: 7, number: "KAI-2026-00042", status, assigneeId: status === "neu" ? null : "u-first", resolvedAt: solved ? SOLVED : null, ...extra };
}

/** A well-formed action of each type, from the status the person saw. */
function action(type: TicketActionType, expectedStatus: TicketStatus): TicketAction {
  switch (type) {
    case "assign":
      return { type, expectedStatus, assigneeId: "u-routed" };
    case "hand_over":
      return { type, expectedStatus, assigneeId: "u-second", note: "Bitte übernehmen, ich bin ab morgen im Urlaub." };
    case "escalate":
      return { type, expectedStatus, note: "Betrifft alle Standesämter." };
    case "merge":
      return { type, expectedStatus, into: { id: 8, number: "KAI-2026-00043", status: "in_bearbeitung" } };
    default:
      return { type, expectedStatus };
  }
}

/** `auto_close` is due long after SOLVED; the other actions at NOW, within the reopen window. */
const when = (type: TicketActionType) => (type === "auto_close" ? at("2026-04-01T00:00:00Z") : NOW);

describe("statuses and types (issue 7, item 7 and item 1)", () => {
  it("six statuses in lifecycle order with German labels", () => {
    expect(TICKET_STATUSES.map((s) => [s, TICKET_STATUS_TABLE[s].label])).toEqual([
      ["neu", "neu"],
      ["zugewiesen", "zugewiesen"],
      ["in_bearbeitung", "in Bearbeitung"],
      ["rueckfrage", "Rückfrage"],
      ["geloest", "gelöst"],
      ["geschlossen", "geschlossen"],
    ]);
    expect(OPEN_TICKET_STATUSES).toEqual(["neu", "zugewiesen", "in_bearbeitung", "rueckfrage"]);
  });

  it("the SLA clock runs exactly in the statuses that sla.ts does not pause", () => {
    expect(TICKET_STATUSES.filter((s) => !TICKET_STATUS_TABLE[s].slaRuns)).toEqual([...SLA_PAUSE_STATUSES]);
  });

  it("three types: Störung, Frage, Änderungswunsch", () => {
    expect(TICKET_TYPES.map((t) => TICKET_TYPE_LABELS[t])).toEqual(["Störung", "Frage", "Änderungswunsch"]);
  });
});

describe("the transition table (issue 7, items 6 and 7)", () => {
  it("is this table", () => {
    const rows = Object.entries(TICKET_TRANSITIONS).map(([type, rule]) => `${type}: ${Object.entries(rule.from).map(([f, t]) => `${f}→${t}`).join(" ")} [${rule.actors.join(",")}]`);
    expect(rows).toEqual([
      "assign: neu→zugewiesen [system,adviser,centre_manager,admin]",
      "take: neu→in_bearbeitung zugewiesen→in_bearbeitung [adviser,centre_manager,admin]",
      "hand_over: zugewiesen→zugewiesen in_bearbeitung→zugewiesen rueckfrage→rueckfrage [adviser,centre_manager,admin]",
      "escalate: neu→neu zugewiesen→zugewiesen in_bearbeitung→in_bearbeitung rueckfrage→rueckfrage [adviser,centre_manager,admin]",
      "ask_back: in_bearbeitung→rueckfrage [adviser,centre_manager,admin]",
      "reporter_reply: rueckfrage→in_bearbeitung geloest→in_bearbeitung [municipal_it]",
      "solve: neu→geloest zugewiesen→geloest in_bearbeitung→geloest rueckfrage→geloest [adviser,centre_manager,admin,municipal_it]",
      "reopen: geloest→in_bearbeitung [adviser,centre_manager,admin]",
      "close: geloest→geschlossen [adviser,centre_manager,admin]",
      "auto_close: geloest→geschlossen [system]",
      "merge: neu→geschlossen zugewiesen→geschlossen in_bearbeitung→geschlossen rueckfrage→geschlossen geloest→geschlossen [adviser,centre_manager,admin]",
    ]);
  });

  // Every action × every status × every actor: allowed exactly where the table says so.
  const cases = (Object.keys(TICKET_TRANSITIONS) as TicketActionType[]).flatMap((type) =>
    TICKET_STATUSES.flatMap((status) => (Object.keys(ACTORS) as TicketActorKind[]).map((actor) => ({ type, status, actor }))),
  );
  it.each(cases)("$type from $status by $actor", ({ type, status, actor }) => {
    const rule = TICKET_TRANSITIONS[type];
    const result = transition(ticket(status), action(type, status), ACTORS[actor], when(type));
    if (!rule.actors.includes(actor)) {
      expect(result).toMatchObject({ ok: false, code: "not_allowed" });
    } else if (type === "reporter_reply" && status === "geschlossen") {
      expect(result).toMatchObject({ ok: false, code: "follow_up" });
    } else if (!rule.from[status]) {
      expect(result).toMatchObject({ ok: false, code: "wrong_status" });
    } else {
      expect(result).toMatchObject({ ok: true, from: status, status: rule.from[status] });
    }
  });

  it("refusals say why in German", () => {
    const adviser = ACTORS.adviser;
    expect(transition(ticket("geloest"), action("solve", "geloest"), adviser, NOW)).toMatchObject({ error: "Das Ticket ist bereits gelöst." });
    expect(transition(ticket("geschlossen"), action("take", "geschlossen"), adviser, NOW)).toMatchObject({ error: "Das Ticket ist bereits geschlossen." });
    expect(transition(ticket("zugewiesen"), action("ask_back", "zugewiesen"), adviser, NOW)).toMatchObject({
      error: "Diese Änderung ist nur aus dem Status „in Bearbeitung“ möglich.",
    });
    expect(transition(ticket("in_bearbeitung"), action("take", "in_bearbeitung"), adviser, NOW)).toMatchObject({
      error: "Diese Änderung ist nur aus den Status „neu“ oder „zugewiesen“ möglich.",
    });
    expect(transition(ticket("in_bearbeitung"), action("ask_back", "in_bearbeitung"), ACTORS.municipal_it, NOW)).toMatchObject({
      error: "Diese Änderung kann nur die Betreuung oder die Geschäftsführung oder die Administration vornehmen.",
    });
    expect(transition(ticket("rueckfrage"), action("reporter_reply", "rueckfrage"), adviser, NOW)).toMatchObject({
      error: "Diese Änderung kann nur die kommunale IT vornehmen.",
    });
  });
});

describe("what each change records (issue 7, items 6 and 10)", () => {
  it("routing assigns a new ticket; the system is the actor", () => {
    const result = transition(ticket("neu"), action("assign", "neu"), ACTORS.system, NOW);
    expect(result).toEqual({
      ok: true,
      from: "neu",
      status: "zugewiesen",
      assigneeId: "u-routed",
      resolvedAt: null,
      history: {
        action: "ticket.assigned",
        entityType: "ticket",
        entityId: 7,
        actorId: null,
        before: { status: "neu", assigneeId: null },
        after: { status: "zugewiesen", assigneeId: "u-routed" },
      },
    });
  });

  it("taking makes the adviser the assignee", () => {
    const result = transition(ticket("zugewiesen"), action("take", "zugewiesen"), ACTORS.adviser, NOW);
    expect(result).toMatchObject({ ok: true, status: "in_bearbeitung", assigneeId: "u-adviser" });
    expect(result.ok && result.history).toMatchObject({ action: "ticket.taken", actorId: "u-adviser", before: { assigneeId: "u-first" } });
  });

  it("handing over needs a note and another person; in Rückfrage the ticket keeps waiting", () => {
    const over = transition(ticket("in_bearbeitung"), action("hand_over", "in_bearbeitung"), ACTORS.adviser, NOW);
    expect(over).toMatchObject({ ok: true, status: "zugewiesen", assigneeId: "u-second" });
    expect(over.ok && over.history.after).toEqual({ status: "zugewiesen", assigneeId: "u-second", note: "Bitte übernehmen, ich bin ab morgen im Urlaub." });
    expect(transition(ticket("rueckfrage"), action("hand_over", "rueckfrage"), ACTORS.adviser, NOW)).toMatchObject({ ok: true, status: "rueckfrage" });
    const noNote = { type: "hand_over", expectedStatus: "in_bearbeitung", assigneeId: "u-second", note: "  " } as const;
    expect(transition(ticket("in_bearbeitung"), noNote, ACTORS.adviser, NOW)).toEqual({
      ok: false,
      code: "invalid",
      error: "Bitte schreiben Sie zur Übergabe eine Notiz.",
    });
    const same = { ...noNote, assigneeId: "u-first", note: "x" };
    expect(transition(ticket("in_bearbeitung"), same, ACTORS.adviser, NOW)).toMatchObject({ error: "Das Ticket ist dieser Person bereits zugewiesen." });
  });

  it("escalating keeps status and assignee and records the note", () => {
    const result = transition(ticket("in_bearbeitung"), action("escalate", "in_bearbeitung"), ACTORS.adviser, NOW);
    expect(result).toMatchObject({ ok: true, status: "in_bearbeitung", assigneeId: "u-first" });
    expect(result.ok && result.history.after).toEqual({ status: "in_bearbeitung", note: "Betrifft alle Standesämter." });
    const noNote = { type: "escalate", expectedStatus: "neu", note: "" } as const;
    expect(transition(ticket("neu"), noNote, ACTORS.adviser, NOW)).toMatchObject({ error: "Bitte begründen Sie die Eskalation in einer Notiz." });
  });

  it("solving sets the solved time (municipal IT may solve too); reopening clears it", () => {
    const solved = transition(ticket("rueckfrage"), action("solve", "rueckfrage"), ACTORS.municipal_it, NOW);
    expect(solved).toMatchObject({ ok: true, status: "geloest", resolvedAt: NOW });
    expect(solved.ok && solved.history).toMatchObject({ action: "ticket.solved", actorId: "u-it" });
    expect(transition(ticket("geloest"), action("reopen", "geloest"), ACTORS.adviser, NOW)).toMatchObject({ status: "in_bearbeitung", resolvedAt: null });
    expect(transition(ticket("geloest"), action("close", "geloest"), ACTORS.adviser, NOW)).toMatchObject({ status: "geschlossen", resolvedAt: SOLVED });
  });

  it("merging closes the duplicate and names the ticket it went into; not into itself or a closed one", () => {
    const merged = transition(ticket("neu"), action("merge", "neu"), ACTORS.adviser, NOW);
    expect(merged).toMatchObject({ ok: true, status: "geschlossen" });
    expect(merged.ok && merged.history).toMatchObject({ action: "ticket.merged", after: { status: "geschlossen", mergedInto: "KAI-2026-00043" } });
    const self = { type: "merge", expectedStatus: "neu", into: { id: 7, number: "KAI-2026-00042", status: "neu" } } as const;
    expect(transition(ticket("neu"), self, ACTORS.adviser, NOW)).toMatchObject({ error: "Ein Ticket kann nicht mit sich selbst zusammengeführt werden." });
    const closed = { ...self, into: { id: 8, number: "KAI-2026-00043", status: "geloest" as const } };
    expect(transition(ticket("neu"), closed, ACTORS.adviser, NOW)).toMatchObject({ error: "Das Ziel-Ticket KAI-2026-00043 ist bereits gelöst." });
  });
});

describe("status changes apply only from the expected status (issue 7, item 7; G35)", () => {
  it("a stale expected status is refused, for every action, before anything else", () => {
    for (const type of Object.keys(TICKET_TRANSITIONS) as TicketActionType[]) {
      // The person saw "neu"; meanwhile a colleague took it.
      const result = transition(ticket("in_bearbeitung"), action(type, "neu"), ACTORS.adviser, NOW);
      expect(result, type).toEqual({ ok: false, code: "stale", error: STALE_STATUS_MESSAGE });
    }
  });

  it("two advisers take the same ticket: the second, acting on what it saw, is refused", () => {
    const seen = ticket("zugewiesen");
    const first = transition(seen, action("take", "zugewiesen"), ACTORS.adviser, NOW);
    expect(first).toMatchObject({ ok: true, from: "zugewiesen" });
    const afterFirst = { ...seen, status: first.ok ? first.status : seen.status, assigneeId: first.ok ? first.assigneeId : null };
    const second = transition(afterFirst, action("take", "zugewiesen"), ACTORS.centre_manager, NOW);
    expect(second).toMatchObject({ ok: false, code: "stale" });
  });
});

describe("reopening by the reporter's reply (issue 7, item 7)", () => {
  const reply = (t: LifecycleTicket, now: Date) => transition(t, action("reporter_reply", t.status), ACTORS.municipal_it, now);

  it("an answer in Rückfrage puts the ticket back in Bearbeitung", () => {
    const result = reply(ticket("rueckfrage"), NOW);
    expect(result).toMatchObject({ ok: true, status: "in_bearbeitung", assigneeId: "u-first" });
    expect(result.ok && result.history.action).toBe("ticket.reopened_by_reply");
  });

  it("reopens until the last instant of the 14 days, and not at it", () => {
    const solved = ticket("geloest", { resolvedAt: at("2026-01-12T09:00:00Z") }); // Mon 10:00 CET
    const deadline = at("2026-01-26T09:00:00Z");
    expect(reopenDeadline(solved.resolvedAt!)).toEqual(deadline);
    expect(reply(solved, new Date(deadline.getTime() - 1))).toMatchObject({ ok: true, status: "in_bearbeitung", resolvedAt: null });
    expect(reply(solved, deadline)).toEqual({
      ok: false,
      code: "follow_up",
      error: "Das Ticket KAI-2026-00042 ist abgeschlossen. Ihre Antwort wird als neues Ticket mit Bezug auf KAI-2026-00042 aufgenommen.",
      followUpOf: { id: 7, number: "KAI-2026-00042" },
    });
    expect(withinReopenWindow(solved, new Date(deadline.getTime() - 1))).toBe(true);
    expect(withinReopenWindow(solved, deadline)).toBe(false);
  });

  it("a reply to a closed ticket becomes a follow-up ticket, even within the 14 days", () => {
    const closed = ticket("geschlossen", { resolvedAt: at("2026-03-09T09:00:00Z") });
    expect(reply(closed, NOW)).toMatchObject({ ok: false, code: "follow_up", followUpOf: { number: "KAI-2026-00042" } });
  });
});

describe("closing automatically 14 days after gelöst (issue 7, item 7)", () => {
  it("at the same Berlin wall-clock time 14 days later, to the millisecond", () => {
    const solved = ticket("geloest", { resolvedAt: at("2026-01-12T09:00:00Z") });
    expect(dueForAutoClose(solved, at("2026-01-26T08:59:59.999Z"))).toBe(false);
    expect(dueForAutoClose(solved, at("2026-01-26T09:00:00Z"))).toBe(true);
    expect(dueForAutoClose(ticket("in_bearbeitung"), at("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("across the change to summer time the 14 days are 335 hours (Mon 10:00 CET → Mon 10:00 CEST)", () => {
    const solved = ticket("geloest", { resolvedAt: at("2026-03-23T09:00:00Z") }); // clocks go forward 29 March
    expect(reopenDeadline(solved.resolvedAt!)).toEqual(at("2026-04-06T08:00:00Z"));
    expect(dueForAutoClose(solved, at("2026-04-06T07:59:59.999Z"))).toBe(false);
    expect(dueForAutoClose(solved, at("2026-04-06T08:00:00Z"))).toBe(true);
    // 14 × 24 h would be 11:00 Berlin time: already closed by then.
    expect(dueForAutoClose(solved, at("2026-04-06T09:00:00Z"))).toBe(true);
  });

  it("across the change to winter time the 14 days are 337 hours (Mon 10:00 CEST → Mon 10:00 CET)", () => {
    const solved = ticket("geloest", { resolvedAt: at("2026-10-19T08:00:00Z") }); // clocks go back 25 October
    expect(reopenDeadline(solved.resolvedAt!)).toEqual(at("2026-11-02T09:00:00Z"));
    expect(dueForAutoClose(solved, at("2026-11-02T08:59:59.999Z"))).toBe(false);
    expect(dueForAutoClose(solved, at("2026-11-02T09:00:00Z"))).toBe(true);
  });

  it("a solved time that does not exist on the closing day (02:30 on 29 March) moves on to 03:30 CEST", () => {
    expect(reopenDeadline(at("2026-03-15T01:30:00Z"))).toEqual(at("2026-03-29T01:30:00Z")); // 02:30 CET → 03:30 CEST
  });

  it("the job's auto_close is refused before the 14 days are over", () => {
    const solved = ticket("geloest", { resolvedAt: at("2026-01-12T09:00:00Z") });
    expect(transition(solved, action("auto_close", "geloest"), ACTORS.system, at("2026-01-26T08:59:59Z"))).toMatchObject({
      ok: false,
      error: "Das Ticket wird erst 14 Tage nach der Lösung automatisch geschlossen.",
    });
    const closed = transition(solved, action("auto_close", "geloest"), ACTORS.system, at("2026-01-26T09:00:00Z"));
    expect(closed).toMatchObject({ ok: true, status: "geschlossen", history: { action: "ticket.auto_closed", actorId: null } });
  });
});
