import { DateTime } from "luxon";
import { workingDaysBefore, type HolidayState } from "~/modules/tickets/business-hours";

/**
 * When a seminar's reminder is due (issue 8, item 7): two working days before the day of its
 * first date, at 08:00 Berlin time (when the centres open). Working days are Monday to Friday
 * without the public holidays of the centre's state, counted by the tickets' business-day function
 * (`workingDaysBefore`). A seminar on Thursday is reminded on Tuesday, one on Monday the Thursday
 * before, and one on the Tuesday after Easter on the Wednesday before Good Friday.
 */
export const REMINDER_WORKING_DAYS = 2;
const TIME_ZONE = "Europe/Berlin";
const SEND_HOUR = 8;

export function reminderDueAt(firstStart: Date, state: HolidayState): Date {
  const firstDay = DateTime.fromJSDate(firstStart, { zone: TIME_ZONE }).toISODate()!;
  const dueDay = workingDaysBefore(firstDay, REMINDER_WORKING_DAYS, state);
  return DateTime.fromISO(dueDay, { zone: TIME_ZONE }).set({ hour: SEND_HOUR }).toJSDate();
}

/** How far ahead the job looks: two working days never span more than this (Easter, Christmas). */
export const REMINDER_LOOKAHEAD_DAYS = 14;
