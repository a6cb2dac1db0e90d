/**
 * The SLA clock of a ticket (issue 7, item 11): a response and a resolution target per priority,
 * measured in business time of the ticket's centre (see ./business-hours.ts).
 *
 * **What "1 business day" (Arbeitstag) means here:** 8 hours of business time, the length of the
 * default opening day 08:00–16:00. With the default hours this is "the same time on the next
 * business day" for a ticket filed during business hours (Mon 10:00 → Tue 10:00, Fri 14:00 →
 * Mon 14:00, Thu before a holiday → the day after it), and "the next business day's closing time"
 * for a ticket filed outside them (Sat → Mon 16:00). A duration rather than a calendar step,
 * because the clock pauses: 3 h used before a Rückfrage and 5 h after it are one business day.
 * A centre with other opening hours keeps 8 h per business day unless it passes its own targets.
 *
 * **When the clock runs:** from the ticket's creation (or the next opening, if filed outside
 * business hours) until the first response (response target) or until it is solved (resolution
 * target). It stands still outside business hours and while the ticket is in a status of
 * SLA_PAUSE_STATUSES: Rückfrage (waiting on the municipality), and gelöst/geschlossen, which
 * matters only for a ticket reopened after being solved (item 7): its days in gelöst do not count.
 *
 * The escalation job (item 12) warns at 80 % and escalates at 100 % of `fraction`; the queue shows
 * `slaDisplay(clock)`, a level for the colour and a German text, so that colour is not alone.
 */
import { addBusinessTime, businessTimeBetween, HOUR, type BusinessHoursConfig } from "./business-hours";

import type { TicketPriority } from "./priorities";

/** 8 hours of business time; see the module comment. */
export const BUSINESS_DAY = 8 * HOUR;

/** Targets in milliseconds of business time. */
export type SlaTarget = { response: number; resolution: number };
export type SlaTargets = Readonly<Record<TicketPriority, SlaTarget>>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  kritisch: { response: 1 * HOUR, resolution: 1 * BUSINESS_DAY },
  hoch: { response: 4 * HOUR, resolution: 3 * BUSINESS_DAY },
  normal: { response: 1 * BUSINESS_DAY, resolution: 5 * BUSINESS_DAY },
  niedrig: { response: 2 * BUSINESS_DAY, resolution: 10 * BUSINESS_DAY },
};

/** Statuses in which the clock stands still (ticket status slugs). */
export const SLA_PAUSE_STATUSES: readonly string[] = ["rueckfrage", "geloest", "geschlossen"];

/** One entry of a ticket's status history; `to` is missing for the current status. */
export type StatusInterval = { status: string; from: Date; to?: Date | null };

export type SlaClockState = "running" | "paused" | "met" | "breached";

export type SlaClock = {
  /** The target, ms of business time. */
  target: number;
  /** When the target is (or was) reached; null while paused before reaching it (not knowable yet). */
  dueAt: Date | null;
  /** Business time the clock has run, ms. */
  used: number;
  /** used / target: 0.8 is the warning, 1 the escalation (item 12). */
  fraction: number;
  /** target − used, ms of business time; negative once overdue. */
  remaining: number;
  state: SlaClockState;
  /** The clock has stopped: first response given (response) or solved (resolution). */
  stopped: boolean;
};

export type TicketSla = { response: SlaClock; resolution: SlaClock };

export type TicketSlaInput = {
  createdAt: Date;
  priority: TicketPriority;
  statusHistory: readonly StatusInterval[];
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  now: Date;
  businessHours: BusinessHoursConfig;
  targets?: SlaTargets;
};

export function ticketSla(input: TicketSlaInput): TicketSla {
  const target = (input.targets ?? DEFAULT_SLA_TARGETS)[input.priority];
  if (!target) throw new Error(`Unbekannte Priorität „${input.priority}“.`);
  const pauses = input.statusHistory.filter((entry) => SLA_PAUSE_STATUSES.includes(entry.status));
  const clock = (targetMs: number, stoppedAt: Date | null | undefined) =>
    slaClock({ createdAt: input.createdAt, stoppedAt: stoppedAt ?? null, now: input.now, pauses, target: targetMs, businessHours: input.businessHours });
  return { response: clock(target.response, input.firstResponseAt), resolution: clock(target.resolution, input.resolvedAt) };
}

type Span = { from: number; to: number };

function slaClock(args: {
  createdAt: Date;
  stoppedAt: Date | null;
  now: Date;
  pauses: readonly StatusInterval[];
  target: number;
  businessHours: BusinessHoursConfig;
}): SlaClock {
  const { target, businessHours } = args;
  if (!(target > 0)) throw new Error("Ein SLA-Ziel muss länger als null sein.");
  const start = args.createdAt.getTime();
  const stopped = args.stoppedAt !== null;
  const end = Math.max(start, Math.min(args.stoppedAt?.getTime() ?? Infinity, args.now.getTime()));
  const paused = mergedPauses(args.pauses, start, end);
  // Paused now: a pause reaches `end` and has not ended by then (a stopped clock is never paused).
  const pausedNow = !stopped && args.pauses.some((p) => p.from.getTime() <= end && (p.to == null || p.to.getTime() > end));

  const runs: Span[] = [];
  let cursor = start;
  for (const pause of paused) {
    if (pause.from > cursor) runs.push({ from: cursor, to: pause.from });
    cursor = Math.max(cursor, pause.to);
  }
  if (cursor < end) runs.push({ from: cursor, to: end });

  let used = 0;
  let dueAt: Date | null = null;
  for (const run of runs) {
    const inRun = businessTimeBetween(new Date(run.from), new Date(run.to), businessHours);
    if (dueAt === null && used + inRun >= target) dueAt = addBusinessTime(new Date(run.from), target - used, businessHours);
    used += inRun;
  }
  // Not reached yet: it is reached as far ahead as is left, unless the clock stands still now.
  if (dueAt === null && !pausedNow) dueAt = addBusinessTime(new Date(end), target - used, businessHours);

  const state: SlaClockState = stopped
    ? used <= target
      ? "met"
      : "breached"
    : used >= target
      ? "breached"
      : pausedNow
        ? "paused"
        : "running";
  return { target, dueAt, used, fraction: used / target, remaining: target - used, state, stopped };
}

/** Pause intervals clipped to [start, end], sorted and merged. */
function mergedPauses(pauses: readonly StatusInterval[], start: number, end: number): Span[] {
  const clipped = pauses
    .map((p) => ({ from: Math.max(start, p.from.getTime()), to: Math.min(end, p.to?.getTime() ?? Infinity) }))
    .filter((p) => p.from < p.to)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const p of clipped) {
    const last = merged.at(-1);
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

export type SlaLevel = "ok" | "warnung" | "ueberschritten";

/** "ok" below 80 %, "warnung" from 80 %, "ueberschritten" from 100 %; a met target is "ok". */
export function slaLevel(clock: SlaClock): SlaLevel {
  if (clock.state === "met") return "ok";
  if (clock.state === "breached" || clock.fraction >= 1) return "ueberschritten";
  return clock.fraction >= 0.8 ? "warnung" : "ok";
}

const MINUTE = 60_000;

/** German business duration, whole minutes: "3 Std. 20 Min.", "2 Arbeitstage 1 Std.", "0 Min.". */
export function formatBusinessDuration(ms: number, round: "up" | "down" = "down"): string {
  const minutes = round === "up" ? Math.ceil(ms / MINUTE) : Math.floor(ms / MINUTE);
  const perDay = BUSINESS_DAY / MINUTE;
  const days = Math.floor(minutes / perDay);
  const hours = Math.floor((minutes % perDay) / 60);
  const mins = minutes % 60;
  const parts = [
    days > 0 ? `${days} ${days === 1 ? "Arbeitstag" : "Arbeitstage"}` : "",
    hours > 0 ? `${hours} Std.` : "",
    mins > 0 || minutes === 0 ? `${mins} Min.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

/** The queue's SLA cell: a level for the colour and a text that says the same without colour. */
export function slaDisplay(clock: SlaClock): { level: SlaLevel; text: string } {
  return { level: slaLevel(clock), text: slaText(clock) };
}

function slaText(clock: SlaClock): string {
  const overdue = -clock.remaining;
  switch (clock.state) {
    case "met":
      return "eingehalten";
    case "breached":
      if (clock.stopped) return `nicht eingehalten, ${formatBusinessDuration(overdue, "up")} zu spät`;
      if (overdue < MINUTE) return "überschritten seit weniger als 1 Min.";
      return `überschritten seit ${formatBusinessDuration(overdue)}`;
    case "paused":
      return `pausiert, noch ${formatBusinessDuration(clock.remaining, "up")}`;
    case "running":
      return `noch ${formatBusinessDuration(clock.remaining, "up")}`;
  }
}
