/**
 * Business hours of a centre (Geschäftszeiten): opening hours per weekday in the centre's local
 * time, the public holidays of the centre's state (from `date-holidays`) and the centre's own
 * closing days. Pure functions over plain config objects; no database.
 *
 * Durations are milliseconds of business time. Opening hours are local wall-clock times
 * (Europe/Berlin by default), so a day 08:00–16:00 is 8 h on the days of the DST changes too.
 */
import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { berlinYear } from "~/format";

/** The four centres (db/schema/members.ts `centres.id`). */
export type CentreId = "nord" | "mitte" | "west" | "sued";

/**
 * States whose public holidays the portal knows: the centres follow Niedersachsen and
 * Nordrhein-Westfalen; members (and so working-group members, issue 9) are also in
 * Schleswig-Holstein and Mecklenburg-Vorpommern.
 */
export type HolidayState = "NI" | "NW" | "SH" | "MV";

/** `municipalities.state` holds the state's German name; anything unknown (or none) is Niedersachsen, KAI's seat. */
const STATE_CODES: Readonly<Record<string, HolidayState>> = {
  Niedersachsen: "NI",
  "Nordrhein-Westfalen": "NW",
  "Schleswig-Holstein": "SH",
  "Mecklenburg-Vorpommern": "MV",
};

export function holidayStateOf(stateName: string | null | undefined): HolidayState {
  return (stateName && STATE_CODES[stateName.trim()]) || "NI";
}

export const CENTRE_HOLIDAY_STATE: Readonly<Record<CentreId, HolidayState>> = {
  nord: "NI",
  mitte: "NI",
  west: "NW",
  sued: "NW",
};

/** ISO weekday as luxon counts it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local wall-clock times "HH:MM"; `opens` before `closes`, both on the same day. */
export type OpeningHours = { opens: string; closes: string };

export type BusinessHoursConfig = {
  timeZone: string;
  holidayState: HolidayState;
  /** Weekdays missing here are closed. */
  openingHours: Partial<Record<Weekday, OpeningHours>>;
  /** The centre's own closing days, ISO dates ("2026-12-24"), in its local time. */
  closingDays: readonly string[];
};

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const MON_TO_FRI_8_TO_16: OpeningHours = { opens: "08:00", closes: "16:00" };

/** The default business hours of a centre: Mon–Fri 08:00–16:00 Europe/Berlin, its state's holidays. */
export function centreBusinessHours(
  centreId: CentreId,
  overrides: Partial<Omit<BusinessHoursConfig, "holidayState">> = {},
): BusinessHoursConfig {
  const config: BusinessHoursConfig = {
    timeZone: "Europe/Berlin",
    holidayState: CENTRE_HOLIDAY_STATE[centreId],
    openingHours: { 1: MON_TO_FRI_8_TO_16, 2: MON_TO_FRI_8_TO_16, 3: MON_TO_FRI_8_TO_16, 4: MON_TO_FRI_8_TO_16, 5: MON_TO_FRI_8_TO_16 },
    closingDays: [],
    ...overrides,
  };
  assertValidConfig(config);
  return config;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new Error(`Ungültige Uhrzeit „${time}“: erwartet wird HH:MM, z. B. 08:00.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Throws a German message for config a person could have typed wrongly. */
export function assertValidConfig(config: BusinessHoursConfig): void {
  if (!DateTime.local().setZone(config.timeZone).isValid) {
    throw new Error(`Unbekannte Zeitzone „${config.timeZone}“.`);
  }
  const days = Object.entries(config.openingHours);
  for (const [, hours] of days) {
    if (hours && minutesOfDay(hours.opens) >= minutesOfDay(hours.closes)) {
      throw new Error(`Die Öffnungszeit ${hours.opens}–${hours.closes} endet nicht nach ihrem Beginn.`);
    }
  }
  if (!days.some(([, hours]) => hours)) throw new Error("Es ist an keinem Wochentag geöffnet.");
  for (const day of config.closingDays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) {
      throw new Error(`Ungültiger Schließtag „${day}“: erwartet wird ein Datum wie ${berlinYear()}-12-24.`);
    }
  }
}

// Constructing a Holidays object and computing a year's rules is slow; once per state and year.
const holidaysByState = new Map<HolidayState, Holidays>();
const holidaysByStateAndYear = new Map<string, ReadonlySet<string>>();

/** The public holidays (type "public" only, no observances) of a state in a year, as ISO dates. */
export function publicHolidays(state: HolidayState, year: number): ReadonlySet<string> {
  const key = `${state}:${year}`;
  let dates = holidaysByStateAndYear.get(key);
  if (!dates) {
    let holidays = holidaysByState.get(state);
    if (!holidays) {
      holidays = new Holidays("DE", state, { types: ["public"] });
      holidaysByState.set(state, holidays);
    }
    // `date` is the local date of the holiday, "2026-10-31 00:00:00".
    dates = new Set(holidays.getHolidays(year).filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    holidaysByStateAndYear.set(key, dates);
  }
  return dates;
}

/** Opening window of one local day, or null when the centre is closed that day. */
function openingWindow(day: DateTime, config: BusinessHoursConfig): { start: number; end: number } | null {
  const hours = config.openingHours[day.weekday as Weekday];
  if (!hours) return null;
  const isoDate = day.toISODate()!;
  if (publicHolidays(config.holidayState, day.year).has(isoDate) || config.closingDays.includes(isoDate)) return null;
  const at = (time: string) => {
    const minutes = minutesOfDay(time);
    return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
  };
  return { start: at(hours.opens), end: at(hours.closes) };
}

/**
 * A year's opening windows of one config, as sorted instants with the business time before each
 * window, so that the functions below binary-search instead of walking day by day (a ticket open
 * for months would otherwise cost milliseconds on every queue row). Built once per config and year.
 */
type YearWindows = { starts: number[]; ends: number[]; before: number[]; through: number[]; total: number };

const windowsByConfigAndYear = new Map<string, YearWindows>();

function yearWindows(config: BusinessHoursConfig, year: number): YearWindows {
  const key = `${config.timeZone}|${config.holidayState}|${JSON.stringify(config.openingHours)}|${config.closingDays.join(",")}|${year}`;
  let windows = windowsByConfigAndYear.get(key);
  if (!windows) {
    windows = { starts: [], ends: [], before: [], through: [], total: 0 };
    const end = DateTime.fromObject({ year: year + 1 }, { zone: config.timeZone });
    for (let day = DateTime.fromObject({ year }, { zone: config.timeZone }); day < end; day = day.plus({ days: 1 })) {
      const window = openingWindow(day, config);
      if (!window) continue;
      windows.starts.push(window.start);
      windows.ends.push(window.end);
      windows.before.push(windows.total);
      windows.total += window.end - window.start;
      windows.through.push(windows.total);
    }
    if (windowsByConfigAndYear.size >= 500) windowsByConfigAndYear.clear(); // configs change rarely; a bound all the same
    windowsByConfigAndYear.set(key, windows);
  }
  return windows;
}

/** Index of the first element of the sorted `values` that is ≥ `target` (values.length if none). */
function firstAtLeast(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Business time of the year before instant `t` (0 before the year, the year's total after it). */
function businessTimeOfYearBefore(windows: YearWindows, t: number): number {
  const started = firstAtLeast(windows.starts, t); // windows that start before t
  if (started === 0) return 0;
  const last = started - 1;
  return windows.before[last] + Math.min(t, windows.ends[last]) - windows.starts[last];
}

/** Business time in milliseconds between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, config: BusinessHoursConfig): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (let year = localYear(from, config); year <= localYear(to, config); year++) {
    const windows = yearWindows(config, year);
    total += businessTimeOfYearBefore(windows, toMs) - businessTimeOfYearBefore(windows, fromMs);
  }
  return total;
}

// A config validated by assertValidConfig is open some weekday, but holidays and closing days could
// still close every day; stop looking after two years rather than loop for ever.
const MAX_YEARS_SEARCHED = 3;

/**
 * The instant at which `duration` ms of business time have passed since `start`. A ticket filed
 * outside business hours (evening, Saturday, holiday) starts its clock at the next opening.
 * A duration of 0 gives `start` itself.
 */
export function addBusinessTime(start: Date, duration: number, config: BusinessHoursConfig): Date {
  if (duration <= 0) return start;
  const firstYear = localYear(start, config);
  // Business time still to find, counted from the beginning of the year being looked at.
  let wanted = businessTimeOfYearBefore(yearWindows(config, firstYear), start.getTime()) + duration;
  for (let year = firstYear; year < firstYear + MAX_YEARS_SEARCHED; year++) {
    const windows = yearWindows(config, year);
    if (wanted <= windows.total) {
      // The first window whose end reaches the wanted amount.
      const index = firstAtLeast(windows.through, wanted);
      return new Date(windows.starts[index] + wanted - windows.before[index]);
    }
    wanted -= windows.total;
  }
  throw new Error("In den nächsten zwei Jahren ist an keinem Tag geöffnet; bitte die Geschäftszeiten prüfen.");
}

function localYear(instant: Date, config: BusinessHoursConfig): number {
  return DateTime.fromJSDate(instant, { zone: config.timeZone }).year;
}

/** Monday to Friday and not a public holiday of the state; `isoDate` is a calendar date ("2026-10-30"). */
export function isWorkingDate(isoDate: string, state: HolidayState): boolean {
  const day = DateTime.fromISO(isoDate, { zone: "UTC" });
  if (!day.isValid) throw new Error(`Ungültiges Datum „${isoDate}“.`);
  return day.weekday <= 5 && !publicHolidays(state, day.year).has(day.toISODate()!);
}

/**
 * The working day `count` working days before the calendar date `isoDate` (the date itself does not
 * count, whether it is a working day or not): three working days before Tuesday 4 November 2025
 * is Wednesday 29 October in Niedersachsen (Reformationstag on Friday 31 October is skipped) and
 * Thursday 30 October in Nordrhein-Westfalen. A pure function over dates, no time zone involved.
 */
export function workingDaysBefore(isoDate: string, count: number, state: HolidayState): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`Ungültige Anzahl Arbeitstage: ${count}`);
  let day = DateTime.fromISO(isoDate, { zone: "UTC" });
  if (!day.isValid) throw new Error(`Ungültiges Datum „${isoDate}“.`);
  let counted = 0;
  while (counted < count) {
    day = day.minus({ days: 1 });
    if (isWorkingDate(day.toISODate()!, state)) counted += 1;
  }
  return day.toISODate()!;
}
