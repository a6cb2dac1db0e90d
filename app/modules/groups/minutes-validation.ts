import { z } from "zod";
import type { AttendanceStatus } from "#db/schema/groups";
import { ACTION_ITEM_CHANGES, ATTENDANCE_ORDER } from "./minutes-labels";
import { text } from "~/validation";

/** The minutes' and action items' forms (issue 9, items 5–7): one schema per form, shared by route and module. */

const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum angeben.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Bitte ein gültiges Datum angeben.");

/** An optional count of votes: empty is "not counted". */
const votes = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce.number({ invalid_type_error: "Bitte eine ganze Zahl angeben." }).int("Bitte eine ganze Zahl angeben.").min(0, "Bitte eine Zahl ab 0 angeben.").max(1000, "Höchstens 1000 Stimmen.").optional(),
);

/** The attendance form: one `status-<person id>` field per member; other fields and unknown values are left out. */
export const attendanceSchema = z.record(z.string(), z.unknown()).transform((fields) => {
  const statuses: Record<string, AttendanceStatus> = {};
  for (const [key, value] of Object.entries(fields)) {
    const status = ATTENDANCE_ORDER.find((s) => s === value);
    if (key.startsWith("status-") && status) statuses[key.slice("status-".length)] = status;
  }
  return { statuses };
});

export const guestSchema = z.object({
  name: text().min(1, "Bitte den Namen des Gasts angeben.").max(200, "Höchstens 200 Zeichen."),
  organisation: text().max(200, "Höchstens 200 Zeichen.").default(""),
});

// Notes keep their line breaks: only NUL is refused (PostgreSQL cannot store it).
export const notesSchema = z.object({
  notes: z
    .string()
    .max(20_000, "Höchstens 20.000 Zeichen.")
    .refine((v) => !v.includes("\u0000"), "Bitte keine Steuerzeichen verwenden.")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .default(""),
});

export const decisionSchema = z.object({
  text: z
    .string()
    .max(4000, "Höchstens 4000 Zeichen.")
    .refine((v) => !v.includes("\u0000"), "Bitte keine Steuerzeichen verwenden.")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "Bitte den Beschluss angeben.")),
  votesYes: votes,
  votesNo: votes,
  votesAbstain: votes,
});

export const actionItemSchema = z.object({
  title: text().min(1, "Bitte angeben, was zu tun ist.").max(500, "Höchstens 500 Zeichen."),
  ownerId: z.string({ required_error: "Bitte angeben, wer die Aufgabe übernimmt." }).uuid("Bitte angeben, wer die Aufgabe übernimmt."),
  dueOn: isoDate,
});

export const statusChangeSchema = z
  .object({
    status: z.enum(ACTION_ITEM_CHANGES, { errorMap: () => ({ message: "Bitte erledigt, vertagt oder verworfen wählen." }) }),
    note: text().min(1, "Bitte eine Notiz angeben.").max(2000, "Höchstens 2000 Zeichen."),
    dueOn: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  })
  .refine((v) => v.status !== "vertagt" || v.dueOn, { message: "Bitte das neue Fälligkeitsdatum angeben.", path: ["dueOn"] });

export const ticketLinkSchema = z.object({
  ticketNumber: text().min(1, "Bitte eine Ticketnummer angeben.").max(40, "Höchstens 40 Zeichen."),
});
