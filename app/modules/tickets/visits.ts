import { DateTime } from "luxon";
import { z } from "zod";
import { text } from "~/validation";

/** On-site visits (issue 7, item 13): the form's fields, in Berlin wall-clock time. */
export const VISIT_DURATIONS = [30, 60, 90, 120, 180, 240, 480] as const;

export const visitSchema = z.object({
  date: z.string({ required_error: "Bitte das Datum angeben." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben."),
  time: z.string({ required_error: "Bitte die Uhrzeit angeben." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Bitte eine Uhrzeit wie 09:30 angeben."),
  durationMinutes: z.coerce
    .number({ required_error: "Bitte die Dauer wählen.", invalid_type_error: "Bitte die Dauer wählen." })
    .int("Bitte die Dauer wählen.")
    .refine((v) => (VISIT_DURATIONS as readonly number[]).includes(v), "Bitte eine Dauer aus der Liste wählen."),
  address: text({ required_error: "Bitte die Adresse angeben." })
    .min(3, "Bitte die Adresse angeben.")
    .max(300, "Die Adresse darf höchstens 300 Zeichen lang sein."),
});
export type VisitInput = z.infer<typeof visitSchema>;

/** Start and end as instants; null when the date does not exist (31.02.). */
export function visitTimes(input: Pick<VisitInput, "date" | "time" | "durationMinutes">): { startsAt: Date; endsAt: Date } | null {
  const start = DateTime.fromISO(`${input.date}T${input.time}`, { zone: "Europe/Berlin" });
  if (!start.isValid) return null;
  return { startsAt: start.toJSDate(), endsAt: start.plus({ minutes: input.durationMinutes }).toJSDate() };
}

export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} Minuten`;
  const hours = minutes / 60;
  return hours === 1 ? "1 Stunde" : `${String(hours).replace(".", ",")} Stunden`;
}
