import { DateTime } from "luxon";
import { publicHolidays, type HolidayState } from "~/modules/tickets/business-hours";

/**
 * When a seminar's reminder is due (issue 8, item 7): two working days before the day of its
 * first date, at 08:00 Berlin time (when the centres open). Working days are Monday to Friday
 * without the public holidays of the centre's state (the same holiday table as the tickets' business
 * hours). A seminar on Thursday is reminded on Tuesday, one on Monday the Thursday before, and one
 * on the Tuesday after Easter on the Wednesday before Good Friday.
 */
export const REMINDER_WORKING_DAYS = 2;
const TIME_ZONE = "Europe/Berlin";
const SEND_HOUR = 8;

export function isWorkingDay(day: DateTime, state: HolidayState): boolean {
  return day.weekday <= 5 && !publicHolidays(state, day.year).has(day.toISODate()!);
}

export function reminderDueAt(firstStart: Date, state: HolidayState): Date {
  let day = DateTime.fromJSDate(firstStart, { zone: TIME_ZONE }).startOf("day");
  let counted = 0;
  while (counted < REMINDER_WORKING_DAYS) {
    day = day.minus({ days: 1 });
    if (isWorkingDay(day, state)) counted += 1;
  }
  return day.set({ hour: SEND_HOUR }).toJSDate();
}

/** How far ahead the job looks: two working days never span more than this (Easter, Christmas). */
export const REMINDER_LOOKAHEAD_DAYS = 14;
