import { describe, expect, it } from "vitest";
import { centreBusinessHours, HOUR } from "./business-hours";
import type { TicketPriority } from "./priorities";
import {
  BUSINESS_DAY,
  DEFAULT_SLA_TARGETS,
  formatBusinessDuration,
  slaDisplay,
  ticketSla,
  type StatusInterval,
  type TicketSlaInput,
} from "./sla";

const MINUTE = 60_000;
const nord = centreBusinessHours("nord");
const at = (iso: string) => new Date(iso);

function sla(input: Partial<TicketSlaInput> & { createdAt: Date; now: Date; priority: TicketPriority }) {
  return ticketSla({ statusHistory: [], businessHours: nord, ...input });
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("SLA targets (issue 7, item 11)", () => {
  it("defaults per priority: kritisch 1 h / 1 day, hoch 4 h / 3 days, normal 1 / 5 days, niedrig 2 / 10 days", () => {
    expect(BUSINESS_DAY).toBe(8 * HOUR);
    expect(DEFAULT_SLA_TARGETS).toEqual({
      kritisch: { response: 1 * HOUR, resolution: 8 * HOUR },
      hoch: { response: 4 * HOUR, resolution: 24 * HOUR },
      normal: { response: 8 * HOUR, resolution: 40 * HOUR },
      niedrig: { response: 16 * HOUR, resolution: 80 * HOUR },
    });
  });

  it("one business day is the same time on the next business day when filed in business hours", () => {
    // Mon 9 March 2026 10:00 CET → Tue 10:00; Fri 6 March 14:00 CET → Mon 14:00.
    const monday = sla({ priority: "normal", createdAt: at("2026-03-09T09:00:00Z"), now: at("2026-03-09T09:00:00Z") });
    expect(iso(monday.response.dueAt)).toBe("2026-03-10T09:00:00.000Z");
    expect(iso(monday.resolution.dueAt)).toBe("2026-03-16T09:00:00.000Z"); // 5 days: next Monday 10:00
    const friday = sla({ priority: "kritisch", createdAt: at("2026-03-06T13:00:00Z"), now: at("2026-03-06T13:00:00Z") });
    expect(iso(friday.resolution.dueAt)).toBe("2026-03-09T13:00:00.000Z");
    expect(iso(friday.response.dueAt)).toBe("2026-03-06T14:00:00.000Z");
  });

  it("starts the clock at the next opening for a ticket filed on Saturday or in the evening", () => {
    // Sat 7 March 2026 11:00 CET, normal: one business day = Monday's whole opening, due Mon 16:00 CET.
    const saturday = sla({ priority: "normal", createdAt: at("2026-03-07T10:00:00Z"), now: at("2026-03-09T06:30:00Z") });
    expect(iso(saturday.response.dueAt)).toBe("2026-03-09T15:00:00.000Z");
    expect(saturday.response).toMatchObject({ used: 0, fraction: 0, remaining: 8 * HOUR, state: "running" });
    // Tue 10 March 19:00 CET, hoch: response 4 h from Wed 08:00 CET, due Wed 12:00 CET; at Wed 07:30 nothing used.
    const evening = sla({ priority: "hoch", createdAt: at("2026-03-10T18:00:00Z"), now: at("2026-03-11T06:30:00Z") });
    expect(iso(evening.response.dueAt)).toBe("2026-03-11T11:00:00.000Z");
    expect(iso(evening.resolution.dueAt)).toBe("2026-03-13T15:00:00.000Z"); // 3 days: Fri 16:00 CET
    expect(evening.response.used).toBe(0);
  });

  it("reports used, fraction and remaining business time of a running clock", () => {
    // Mon 9 March 10:00 CET, now 12:00 CET.
    const { response, resolution } = sla({ priority: "normal", createdAt: at("2026-03-09T09:00:00Z"), now: at("2026-03-09T11:00:00Z") });
    expect(response).toMatchObject({ target: 8 * HOUR, used: 2 * HOUR, fraction: 0.25, remaining: 6 * HOUR, state: "running", stopped: false });
    expect(resolution).toMatchObject({ used: 2 * HOUR, fraction: 0.05, remaining: 38 * HOUR, state: "running" });
  });

  it("counts business time, not wall-clock time, across the spring and autumn DST changes", () => {
    // Fri 27 March 2026 15:00 CET, hoch; clocks go forward on Sunday; now Mon 30 March 10:00 CEST.
    const spring = sla({ priority: "hoch", createdAt: at("2026-03-27T14:00:00Z"), now: at("2026-03-30T08:00:00Z") });
    expect(iso(spring.response.dueAt)).toBe("2026-03-30T09:00:00.000Z");
    expect(spring.response.used).toBe(3 * HOUR);
    // Fri 23 October 2026 14:00 CEST, normal; clocks go back on Sunday.
    const autumn = sla({ priority: "normal", createdAt: at("2026-10-23T12:00:00Z"), now: at("2026-10-26T08:00:00Z") });
    expect(iso(autumn.response.dueAt)).toBe("2026-10-26T13:00:00.000Z"); // Mon 14:00 CET
    expect(iso(autumn.resolution.dueAt)).toBe("2026-10-30T13:00:00.000Z"); // Fri 14:00 CET
    expect(autumn.response.used).toBe(3 * HOUR); // Fri 14–16 CEST, Mon 08–09 CET
  });

  it("follows the centre's state: Fronleichnam stops the clock in West, not in Nord", () => {
    // Wed 3 June 2026 15:00 CEST, hoch: response due Thu 11:00 in Nord, Fri 11:00 in West.
    const filed = { priority: "hoch" as const, createdAt: at("2026-06-03T13:00:00Z"), now: at("2026-06-04T12:00:00Z") };
    const inNord = sla({ ...filed, businessHours: centreBusinessHours("nord") });
    const inWest = sla({ ...filed, businessHours: centreBusinessHours("west") });
    expect(iso(inNord.response.dueAt)).toBe("2026-06-04T09:00:00.000Z");
    expect(iso(inWest.response.dueAt)).toBe("2026-06-05T09:00:00.000Z");
    expect(inNord.response.state).toBe("breached");
    expect(inWest.response).toMatchObject({ used: 1 * HOUR, state: "running" });
  });

  it("follows the centre's own closing days and Christmas", () => {
    // Wed 23 Dec 2026 14:00 CET, kritisch (1 day): 2 h on the 23rd, then 24th closed, 25th holiday, weekend.
    const closed = centreBusinessHours("mitte", { closingDays: ["2026-12-24"] });
    const filed = { priority: "kritisch" as const, createdAt: at("2026-12-23T13:00:00Z"), now: at("2026-12-23T13:00:00Z") };
    expect(iso(sla({ ...filed, businessHours: closed }).resolution.dueAt)).toBe("2026-12-28T13:00:00.000Z");
    expect(iso(sla(filed).resolution.dueAt)).toBe("2026-12-24T13:00:00.000Z");
  });
});

describe("SLA pauses in Rückfrage (issue 7, items 7 and 11)", () => {
  // hoch, filed Fri 6 March 2026 09:00 CET; Rückfrage (the first response) from Fri 11:00 CET.
  const createdAt = at("2026-03-06T08:00:00Z");
  const askedAt = at("2026-03-06T10:00:00Z");
  const history = (answeredAt?: Date): StatusInterval[] => [
    { status: "neu", from: createdAt, to: at("2026-03-06T08:30:00Z") },
    { status: "in_bearbeitung", from: at("2026-03-06T08:30:00Z"), to: askedAt },
    { status: "rueckfrage", from: askedAt, to: answeredAt ?? null },
    ...(answeredAt ? [{ status: "in_bearbeitung", from: answeredAt }] : []),
  ];

  it("does not count a Rückfrage that spans a weekend", () => {
    // Answered Tue 10 March 10:00 CET. 2 h before the pause, then from Tue 10:00: 6 + 8 + 8 → Thu 16:00 CET.
    const answeredAt = at("2026-03-10T09:00:00Z");
    const { response, resolution } = sla({
      priority: "hoch",
      createdAt,
      statusHistory: history(answeredAt),
      firstResponseAt: askedAt,
      now: at("2026-03-11T11:00:00Z"), // Wed 12:00 CET
    });
    expect(response).toMatchObject({ used: 2 * HOUR, state: "met", stopped: true });
    expect(iso(resolution.dueAt)).toBe("2026-03-12T15:00:00.000Z");
    expect(resolution).toMatchObject({ used: 12 * HOUR, fraction: 0.5, remaining: 12 * HOUR, state: "running" });
  });

  it("stands still while the Rückfrage is still open: no due instant yet, remaining stays", () => {
    const { resolution } = sla({
      priority: "hoch",
      createdAt,
      statusHistory: history(),
      firstResponseAt: askedAt,
      now: at("2026-03-10T11:00:00Z"), // Tue 12:00 CET
    });
    expect(resolution).toMatchObject({ dueAt: null, used: 2 * HOUR, remaining: 22 * HOUR, state: "paused", stopped: false });
    expect(slaDisplay(resolution)).toEqual({ level: "ok", text: "pausiert, noch 2 Arbeitstage 6 Std." });
  });

  /** Filed Mon 9 March 2026 10:00 CET, answered at 10:30, in Bearbeitung apart from one pause. */
  function resolutionWithOnePause(args: { priority: TicketPriority; pause: StatusInterval; now: Date }) {
    const filedAt = at("2026-03-09T09:00:00Z");
    const { pause } = args;
    return sla({
      priority: args.priority,
      createdAt: filedAt,
      statusHistory: [
        { status: "in_bearbeitung", from: filedAt, to: pause.from },
        pause,
        ...(pause.to ? [{ status: "in_bearbeitung", from: pause.to }] : []),
      ],
      firstResponseAt: at("2026-03-09T09:30:00Z"),
      now: args.now,
    }).resolution;
  }

  it("keeps a target breached before an open Rückfrage began breached, with its due instant", () => {
    // kritisch, Mon 9 March 10:00 CET, Rückfrage from Tue 11:00 CET still open: 6 + 3 h used of 8 h.
    const resolution = resolutionWithOnePause({
      priority: "kritisch",
      pause: { status: "rueckfrage", from: at("2026-03-10T10:00:00Z") },
      now: at("2026-03-12T09:00:00Z"),
    });
    expect(resolution).toMatchObject({ used: 9 * HOUR, remaining: -1 * HOUR, state: "breached" });
    expect(iso(resolution.dueAt)).toBe("2026-03-10T09:00:00.000Z");
  });

  it("does not count the days in gelöst of a ticket reopened by a reply", () => {
    // normal, Mon 9 March 10:00 CET; gelöst Mon 12:00 CET, reopened Thu 12 March 12:00 CET.
    const resolution = resolutionWithOnePause({
      priority: "normal",
      pause: { status: "geloest", from: at("2026-03-09T11:00:00Z"), to: at("2026-03-12T11:00:00Z") },
      now: at("2026-03-12T13:00:00Z"), // Thu 14:00 CET
    });
    expect(resolution).toMatchObject({ used: 4 * HOUR, remaining: 36 * HOUR, state: "running" });
    // 38 h left from Thu 12:00 CET: Thu 4 h, Fri 8, Mon–Wed 24, Thu 19 March 08:00 + 2 h.
    expect(iso(resolution.dueAt)).toBe("2026-03-19T09:00:00.000Z");
  });

  it("stops the resolution clock when solved, and counts a pause only up to then", () => {
    const { resolution } = sla({
      priority: "hoch",
      createdAt,
      statusHistory: history(at("2026-03-10T09:00:00Z")),
      firstResponseAt: askedAt,
      resolvedAt: at("2026-03-10T13:00:00Z"), // Tue 14:00 CET: 2 h + 4 h
      now: at("2026-03-20T12:00:00Z"),
    });
    expect(resolution).toMatchObject({ used: 6 * HOUR, fraction: 0.25, state: "met", stopped: true });
    expect(iso(resolution.dueAt)).toBe("2026-03-12T15:00:00.000Z");
    expect(slaDisplay(resolution)).toEqual({ level: "ok", text: "eingehalten" });
  });
});

describe("SLA warning at 80 % and escalation at 100 % (issue 7, item 12)", () => {
  // hoch, Mon 9 March 2026 08:00 CET: response target 4 h, due 12:00 CET.
  const createdAt = at("2026-03-09T07:00:00Z");
  const response = (nowIso: string, firstResponseAt?: string) =>
    sla({ priority: "hoch", createdAt, now: at(nowIso), firstResponseAt: firstResponseAt ? at(firstResponseAt) : null }).response;

  it("is ok below 80 %, with the remaining time as text", () => {
    expect(slaDisplay(response("2026-03-09T07:40:00Z"))).toEqual({ level: "ok", text: "noch 3 Std. 20 Min." });
    const justBelow = response("2026-03-09T10:11:00Z"); // 3 h 11 min of 4 h
    expect(justBelow.fraction).toBeLessThan(0.8);
    expect(slaDisplay(justBelow)).toEqual({ level: "ok", text: "noch 49 Min." });
  });

  it("warns from 80 %", () => {
    const atEighty = response("2026-03-09T10:12:00Z"); // 3 h 12 min of 4 h
    expect(atEighty.fraction).toBe(0.8);
    expect(slaDisplay(atEighty)).toEqual({ level: "warnung", text: "noch 48 Min." });
    expect(slaDisplay(response("2026-03-09T10:59:30Z"))).toEqual({ level: "warnung", text: "noch 1 Min." });
  });

  it("is overdue from 100 %, with the time since as text", () => {
    const atHundred = response("2026-03-09T11:00:00Z");
    expect(atHundred).toMatchObject({ fraction: 1, remaining: 0, state: "breached" });
    expect(iso(atHundred.dueAt)).toBe("2026-03-09T11:00:00.000Z");
    expect(slaDisplay(atHundred)).toEqual({ level: "ueberschritten", text: "überschritten seit weniger als 1 Min." });
    expect(slaDisplay(response("2026-03-09T12:05:00Z"))).toEqual({ level: "ueberschritten", text: "überschritten seit 1 Std. 5 Min." });
    // Overdue time is business time too: Mon 16:00 CET to Tue 09:00 CET adds only 1 h.
    expect(slaDisplay(response("2026-03-10T08:00:00Z")).text).toBe("überschritten seit 5 Std.");
  });

  it("counts a first response at the due instant as met, and a later one as missed", () => {
    expect(slaDisplay(response("2026-03-09T15:00:00Z", "2026-03-09T11:00:00Z"))).toEqual({ level: "ok", text: "eingehalten" });
    const late = response("2026-03-09T15:00:00Z", "2026-03-09T12:05:00Z");
    expect(late).toMatchObject({ state: "breached", stopped: true, used: 5 * HOUR + 5 * MINUTE });
    expect(slaDisplay(late)).toEqual({ level: "ueberschritten", text: "nicht eingehalten, 1 Std. 5 Min. zu spät" });
  });
});

describe("German business durations", () => {
  it("writes hours and minutes, and business days of 8 h", () => {
    expect(formatBusinessDuration(3 * HOUR + 20 * MINUTE)).toBe("3 Std. 20 Min.");
    expect(formatBusinessDuration(1 * HOUR)).toBe("1 Std.");
    expect(formatBusinessDuration(5 * MINUTE)).toBe("5 Min.");
    expect(formatBusinessDuration(0)).toBe("0 Min.");
    expect(formatBusinessDuration(8 * HOUR)).toBe("1 Arbeitstag");
    expect(formatBusinessDuration(17 * HOUR + 5 * MINUTE)).toBe("2 Arbeitstage 1 Std. 5 Min.");
  });

  it("rounds down by default and up on request", () => {
    expect(formatBusinessDuration(59_999)).toBe("0 Min.");
    expect(formatBusinessDuration(30_000, "up")).toBe("1 Min.");
    expect(formatBusinessDuration(8 * HOUR - 1, "up")).toBe("1 Arbeitstag");
  });
});
