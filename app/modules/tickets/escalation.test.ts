import { describe, expect, it } from "vitest";
import { centreBusinessHours } from "./business-hours";
import { dueSlaNotifications, sentFromHistory, type DueSlaNotification, type SentSlaNotifications } from "./escalation";
import { ticketSla, type StatusInterval } from "./sla";

const at = (iso: string) => new Date(iso);
// hoch, filed Mon 9 March 2026 09:00 CET: response target 4 h → 80 % at 12:12 CET, 100 % at 13:00 CET.
const createdAt = at("2026-03-09T08:00:00Z");
const WARN = at("2026-03-09T11:12:00Z");
const DUE = at("2026-03-09T12:00:00Z");
const ticket = { id: 7, assigneeId: "u-adviser" };

function due(now: Date, sent: SentSlaNotifications = {}, extra: { statusHistory?: StatusInterval[]; firstResponseAt?: Date; assigneeId?: string | null } = {}) {
  const sla = ticketSla({
    createdAt,
    priority: "hoch",
    statusHistory: extra.statusHistory ?? [],
    firstResponseAt: extra.firstResponseAt,
    now,
    businessHours: centreBusinessHours("nord"),
  });
  const assigneeId = extra.assigneeId === undefined ? ticket.assigneeId : extra.assigneeId;
  return dueSlaNotifications({ ticket: { ...ticket, assigneeId }, sla, sent });
}

const summary = (list: DueSlaNotification[]) =>
  list.map((n) => `${n.target} ${n.kind} → ${n.recipient.kind === "assignee" ? n.recipient.userId : "centre_manager"}`);

describe("SLA warnings and escalations (issue 7, item 12)", () => {
  it("nothing below 80 %", () => {
    expect(due(new Date(WARN.getTime() - 1))).toEqual([]);
  });

  it("at 80 % the assignee is warned, with a history entry", () => {
    const list = due(WARN);
    expect(summary(list)).toEqual(["response warning → u-adviser"]);
    expect(list[0].history).toEqual({
      action: "ticket.sla_warning",
      entityType: "ticket",
      entityId: 7,
      actorId: null,
      before: {},
      after: { target: "response", percent: 80 },
    });
  });

  it("at 100 % the centre manager is told, once the warning has gone out", () => {
    expect(summary(due(new Date(DUE.getTime() - 1), { response: { warning: true } }))).toEqual([]);
    const list = due(DUE, { response: { warning: true } });
    expect(summary(list)).toEqual(["response escalation → centre_manager"]);
    expect(list[0].history).toMatchObject({ action: "ticket.sla_escalated", after: { target: "response", percent: 100 } });
  });

  it("each only once: nothing more when both were sent", () => {
    expect(due(at("2026-03-09T14:00:00Z"), { response: { warning: true, escalation: true } })).toEqual([]);
  });

  it("a job that first looks after 100 % sends both", () => {
    expect(summary(due(at("2026-03-09T14:00:00Z")))).toEqual(["response warning → u-adviser", "response escalation → centre_manager"]);
  });

  it("the resolution target has its own warning and escalation", () => {
    // 3 business days = 24 h: 80 % after 19 h 12 min of business time (Mon 7 h, Tue 8 h, Wed 4 h 12 min): Wed 11 March 12:12 CET.
    const list = due(at("2026-03-11T11:12:00Z"), { response: { warning: true, escalation: true } });
    expect(summary(list)).toEqual(["resolution warning → u-adviser"]);
  });

  it("without an assignee, the warning goes to the centre manager", () => {
    expect(summary(due(WARN, {}, { assigneeId: null }))).toEqual(["response warning → centre_manager"]);
  });

  it("a stopped clock sends nothing: answered in time, then late", () => {
    expect(due(at("2026-03-09T14:00:00Z"), {}, { firstResponseAt: at("2026-03-09T09:00:00Z") })).toEqual([]);
  });

  it("a clock paused in Rückfrage sends nothing until it runs again", () => {
    // Rückfrage from 12:30 CET, after 3 h 30 min = 87.5 % of the response target; answered Tue 10:00 CET.
    const paused: StatusInterval[] = [
      { status: "in_bearbeitung", from: createdAt, to: at("2026-03-09T11:30:00Z") },
      { status: "rueckfrage", from: at("2026-03-09T11:30:00Z") },
    ];
    expect(due(at("2026-03-10T09:00:00Z"), {}, { statusHistory: paused })).toEqual([]);
    const resumed: StatusInterval[] = [paused[0], { ...paused[1], to: at("2026-03-10T09:00:00Z") }, { status: "in_bearbeitung", from: at("2026-03-10T09:00:00Z") }];
    expect(summary(due(at("2026-03-10T09:00:00Z"), {}, { statusHistory: resumed }))).toEqual(["response warning → u-adviser"]);
  });

  it("what was sent is read from the ticket's history, entries from the job included", () => {
    const first = due(WARN);
    const sent = sentFromHistory([
      { action: "ticket.taken", after: { status: "in_bearbeitung" } },
      ...first.map((n) => n.history),
    ]);
    expect(sent).toEqual({ response: { warning: true } });
    expect(due(WARN, sent)).toEqual([]);
    const later = due(at("2026-03-09T14:00:00Z"), sent);
    expect(summary(later)).toEqual(["response escalation → centre_manager"]);
    expect(sentFromHistory([...first, ...later].map((n) => n.history))).toEqual({ response: { warning: true, escalation: true } });
  });
});
