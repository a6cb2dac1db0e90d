import { DateTime } from "luxon";

/**
 * A seminar's dates from the planning form (issue 8, item 1): explicit dates (multi-day
 * seminars) and a weekly series ("jeden Dienstag, 4 Wochen"). Everything is Berlin wall-clock
 * time: a series at 09:00 stays at 09:00 across the switch to and from summer time, so the
 * instants differ by 7 days ± 1 hour there. Pure: no database, no clock.
 */
export const ZONE = "Europe/Berlin";
export const MAX_DATES = 60;
export const MAX_SERIES_WEEKS = 52;

/** One row of the form; `id` is the seminar date being edited, absent for a new one. */
export interface DateRowInput {
  id?: number;
  date?: string | null;
  start?: string | null;
  end?: string | null;
}

export interface SeriesInput {
  firstDate?: string | null;
  start?: string | null;
  end?: string | null;
  weeks?: number | null;
}

export interface Slot {
  id?: number;
  startsAt: Date;
  endsAt: Date;
}

/** A message for one form field (conform's path, e.g. `dates[1].start`, `seriesWeeks`). */
export interface SeriesIssue {
  path: string;
  message: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "9:00", "09.00", "0900" are typed often; all become "09:00". Anything else stays as it is. */
export function normaliseTime(value: string): string {
  const v = value.trim().replace(".", ":");
  const m = v.match(/^(\d{1,2}):?(\d{2})$/);
  return m ? `${m[1].padStart(2, "0")}:${m[2]}` : v;
}

const timeLabel = (time: string) => `${time} Uhr`;
const dateLabel = (date: string) => DateTime.fromISO(date).toFormat("dd.MM.yyyy");

/**
 * The instant of a Berlin wall-clock time, or the German reason why there is none: a date that
 * does not exist (31.02.) or a time the clocks skip (02:30 on the last Sunday of March).
 */
export function berlinInstant(date: string, time: string): { ok: true; value: DateTime } | { ok: false; message: string; on: "date" | "time" } {
  if (!DATE_RE.test(date)) return { ok: false, on: "date", message: "Bitte ein Datum im Format TT.MM.JJJJ angeben." };
  if (!DateTime.fromISO(date, { zone: ZONE }).isValid) return { ok: false, on: "date", message: `Den ${date.split("-").reverse().join(".")} gibt es nicht.` };
  if (!TIME_RE.test(time)) return { ok: false, on: "time", message: "Bitte eine Uhrzeit wie 09:00 angeben." };
  const value = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!value.isValid) return { ok: false, on: "date", message: "Dieses Datum gibt es nicht." };
  // Luxon moves a skipped wall-clock time forward (02:30 → 03:30); such a time does not exist.
  if (value.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) {
    return { ok: false, on: "time", message: `Am ${dateLabel(date)} gibt es ${timeLabel(time)} nicht: In dieser Nacht wird die Uhr von 02:00 auf 03:00 Uhr vorgestellt.` };
  }
  return { ok: true, value };
}

function slotOf(date: string, start: string, end: string, paths: { date: string; start: string; end: string }, issues: SeriesIssue[]): { startsAt: Date; endsAt: Date } | null {
  const s = berlinInstant(date, start);
  if (!s.ok) {
    issues.push({ path: s.on === "date" ? paths.date : paths.start, message: s.message });
    return null;
  }
  const e = berlinInstant(date, end);
  if (!e.ok) {
    issues.push({ path: paths.end, message: e.message });
    return null;
  }
  if (e.value <= s.value) {
    issues.push({ path: paths.end, message: "Das Ende muss nach dem Beginn liegen." });
    return null;
  }
  return { startsAt: s.value.toJSDate(), endsAt: e.value.toJSDate() };
}

const blank = (v: string | null | undefined) => v == null || v.trim() === "";

/** The dates of a weekly series: the same weekday and wall-clock times, `weeks` times. */
export function expandWeekly(series: { firstDate: string; start: string; end: string; weeks: number }, issues: SeriesIssue[] = []): Slot[] {
  const first = DateTime.fromISO(series.firstDate, { zone: ZONE });
  const slots: Slot[] = [];
  for (let i = 0; i < series.weeks; i++) {
    const day = first.isValid ? first.plus({ weeks: i }).toISODate()! : series.firstDate;
    const before = issues.length;
    const slot = slotOf(day, series.start, series.end, { date: "seriesDate", start: "seriesStart", end: "seriesEnd" }, issues);
    if (!slot) {
      // Name the week in which a time does not exist (02:30 in week 3 of the series).
      for (let k = before; k < issues.length; k++) if (i > 0 && !issues[k].message.includes(dateLabel(day))) issues[k].message = `${dateLabel(day)}: ${issues[k].message}`;
      break;
    }
    slots.push(slot);
  }
  return slots;
}

/**
 * All dates of the form, sorted, with the issues by field. Blank rows are ignored; a partly
 * filled row is an error. At least one date is required, and no two may overlap.
 */
export function expandSeminarDates(input: { dates?: (DateRowInput | null | undefined)[]; series?: SeriesInput | null }): { slots: Slot[]; issues: SeriesIssue[] } {
  const issues: SeriesIssue[] = [];
  const slots: Slot[] = [];
  (input.dates ?? []).forEach((row, i) => {
    if (!row || (blank(row.date) && blank(row.start) && blank(row.end))) return;
    const paths = { date: `dates[${i}].date`, start: `dates[${i}].start`, end: `dates[${i}].end` };
    if (blank(row.date)) return issues.push({ path: paths.date, message: "Bitte das Datum angeben." });
    if (blank(row.start)) return issues.push({ path: paths.start, message: "Bitte die Anfangszeit angeben." });
    if (blank(row.end)) return issues.push({ path: paths.end, message: "Bitte die Endzeit angeben." });
    const slot = slotOf(row.date!.trim(), normaliseTime(row.start!), normaliseTime(row.end!), paths, issues);
    if (slot) slots.push(row.id ? { id: row.id, ...slot } : slot);
  });
  const s = input.series;
  if (s && !(blank(s.firstDate) && blank(s.start) && blank(s.end) && !s.weeks)) {
    const before = issues.length;
    if (blank(s.firstDate)) issues.push({ path: "seriesDate", message: "Bitte den ersten Termin der Reihe angeben." });
    if (blank(s.start)) issues.push({ path: "seriesStart", message: "Bitte die Anfangszeit der Reihe angeben." });
    if (blank(s.end)) issues.push({ path: "seriesEnd", message: "Bitte die Endzeit der Reihe angeben." });
    if (!s.weeks || !Number.isInteger(s.weeks) || s.weeks < 2 || s.weeks > MAX_SERIES_WEEKS)
      issues.push({ path: "seriesWeeks", message: `Bitte die Zahl der Wochen angeben (2 bis ${MAX_SERIES_WEEKS}).` });
    if (issues.length === before) slots.push(...expandWeekly({ firstDate: s.firstDate!.trim(), start: normaliseTime(s.start!), end: normaliseTime(s.end!), weeks: s.weeks! }, issues));
  }
  slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (issues.length === 0) {
    if (slots.length === 0) issues.push({ path: "dates[0].date", message: "Bitte mindestens einen Termin angeben." });
    if (slots.length > MAX_DATES) issues.push({ path: "dates", message: `Eine Veranstaltung hat höchstens ${MAX_DATES} Termine.` });
    for (let i = 1; i < slots.length; i++) {
      if (slots[i].startsAt < slots[i - 1].endsAt) {
        issues.push({ path: "dates", message: `Zwei Termine überschneiden sich: ${describeSlot(slots[i - 1])} und ${describeSlot(slots[i])}.` });
        break;
      }
    }
  }
  return { slots, issues };
}

/** "12.01.2027, 09:00–16:00" (Berlin), as labels and messages name a date. */
export function describeSlot(slot: { startsAt: Date; endsAt: Date }): string {
  const s = DateTime.fromJSDate(slot.startsAt, { zone: ZONE });
  const e = DateTime.fromJSDate(slot.endsAt, { zone: ZONE });
  return s.hasSame(e, "day") ? `${s.toFormat("dd.MM.yyyy, HH:mm")}–${e.toFormat("HH:mm")}` : `${s.toFormat("dd.MM.yyyy, HH:mm")} – ${e.toFormat("dd.MM.yyyy, HH:mm")}`;
}

/** A slot as the form shows it again: date, start and end in Berlin time. */
export function slotToRow(slot: { id?: number; startsAt: Date | string; endsAt: Date | string }): { id?: string; date: string; start: string; end: string } {
  const s = DateTime.fromJSDate(new Date(slot.startsAt), { zone: ZONE });
  const e = DateTime.fromJSDate(new Date(slot.endsAt), { zone: ZONE });
  return { ...(slot.id ? { id: String(slot.id) } : {}), date: s.toISODate()!, start: s.toFormat("HH:mm"), end: e.toFormat("HH:mm") };
}

/**
 * A deadline typed as a date means "until the end of that day" (Berlin): the instant is the
 * start of the next day. Null if the date does not exist.
 */
export function endOfBerlinDay(date: string): Date | null {
  if (!DATE_RE.test(date)) return null;
  const d = DateTime.fromISO(date, { zone: ZONE });
  return d.isValid ? d.plus({ days: 1 }).startOf("day").toJSDate() : null;
}

/** The date a deadline instant shows in the form (the inverse of endOfBerlinDay). */
export function deadlineToDate(deadline: Date | string): string {
  return DateTime.fromJSDate(new Date(new Date(deadline).getTime() - 1), { zone: ZONE }).toISODate()!;
}

/** Default deadline: the end of the day `days` calendar days before the first date. */
export function defaultDeadline(firstStart: Date, days: number): Date {
  return DateTime.fromJSDate(firstStart, { zone: ZONE }).minus({ days }).endOf("day").plus({ milliseconds: 1 }).toJSDate();
}
