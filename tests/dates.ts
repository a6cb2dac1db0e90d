import { DateTime } from "luxon";
import { berlinToday } from "~/format";
import { publicHolidays, type HolidayState } from "~/modules/tickets/business-hours";

/**
 * Dates for tests, counted from today in Europe/Berlin, so that no test runs out of future: the app
 * refuses to plan anything in the past, and a fixed "2027-01-12" is in the past one day. A day is
 * an ISO date ("2027-01-12"); arithmetic on days is calendar arithmetic, without a time zone.
 *
 * What a test expects the app to show for a date (the German date, the UTC offset in an invite, a
 * month's name) is computed here by explicit rules, not by the app's formatting or a time-zone
 * library, so that a test of that formatting still tests it.
 */

/** A Berlin wall-clock time as an instant, for fixtures: `berlin("2026-03-12", "09:00")`. */
export function berlin(date: string, time: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: "Europe/Berlin" }).toJSDate();
}

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not an ISO date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The day `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Berlin calendar day `days` from today, as yyyy-mm-dd (negative: in the past). */
export function berlinDay(days = 0): string {
  return addDays(berlinToday(), days);
}

/** ISO weekday of a day: 1 Monday … 7 Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The first day from `start` on (that day included) for which `test` holds. */
export function firstDayFrom(start: string, test: (date: string) => boolean): string {
  for (let day = start, i = 0; i < 20 * 366; day = addDays(day, 1), i++) if (test(day)) return day;
  throw new Error(`No such day in the twenty years from ${start}.`);
}

/** The first day from `days` days ahead of today on (that day included) for which `test` holds. */
export function firstDayAhead(days: number, test: (date: string) => boolean): string {
  return firstDayFrom(berlinDay(days), test);
}

/** The first `isoWeekday` (1 Monday … 7 Sunday) at least `days` days ahead of today. */
export function weekdayAhead(isoWeekday: number, days: number): string {
  return firstDayAhead(days, (day) => weekday(day) === isoWeekday);
}

/** The last Sunday of a month ("2027-03" → "2027-03-28"). */
export function lastSunday(month: string): string {
  const last = `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;
  return addDays(last, -(weekday(last) % 7));
}

/**
 * The next day the clocks change in Berlin, at least `days` days ahead of today: the last Sunday
 * of March (02:00 becomes 03:00, summer time) or of October (03:00 becomes 02:00 again).
 */
export function clockChangeAhead(change: "summer" | "winter", days: number): string {
  const month = change === "summer" ? "03" : "10";
  return firstDayAhead(days, (day) => day.slice(5, 7) === month && day === lastSunday(day.slice(0, 7)));
}

/**
 * Berlin's UTC offset at a wall-clock time, "+01:00" or "+02:00", by the EU rule (summer time from
 * 02:00 on the last Sunday of March to 03:00 on the last Sunday of October). A time that the clocks
 * skip or pass twice has no single offset: an error.
 */
export function berlinOffset(date: string, time = "12:00"): string {
  const year = date.slice(0, 4);
  const summerFrom = lastSunday(`${year}-03`);
  const summerTo = lastSunday(`${year}-10`);
  if ((date === summerFrom || date === summerTo) && time >= "02:00" && time < "03:00") throw new Error(`${date} ${time} is not one instant in Berlin.`);
  const afterStart = date > summerFrom || (date === summerFrom && time >= "03:00");
  const beforeEnd = date < summerTo || (date === summerTo && time < "02:00");
  return afterStart && beforeEnd ? "+02:00" : "+01:00";
}

/** "2027-01-12" → "12.01.2027". */
export function germanDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`;
}

/** The month `months` months after this one in Berlin, "yyyy-mm" (0: this month). */
export function monthAhead(months: number): string {
  const [y, m] = parts(berlinToday());
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 7);
}

/** How many days a month ("yyyy-mm") has. */
export function daysInMonth(month: string): number {
  const [y, m] = parts(`${month}-01`);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

/** "2027-01" → "Januar 2027". */
export function germanMonth(month: string): string {
  const [y, m] = parts(`${month}-01`);
  return `${GERMAN_MONTHS[m - 1]} ${y}`;
}

/** Whether a day is a public holiday of the state, by the holiday table the app uses. */
export function isPublicHoliday(date: string, state: HolidayState): boolean {
  return publicHolidays(state, Number(date.slice(0, 4))).has(date);
}

/** Monday to Friday and not a public holiday of the state. */
export function isWorkingDay(date: string, state: HolidayState): boolean {
  return weekday(date) <= 5 && !isPublicHoliday(date, state);
}
