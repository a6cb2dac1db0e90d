import { z } from "zod";
import { text } from "~/validation";
import { multilineText } from "./validation";

/** Absences of advisers (issue 7, item 5). */
export const ABSENCE_KINDS = ["urlaub", "krankheit", "schulung", "sonstiges"] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
export const ABSENCE_KIND_LABELS: Readonly<Record<AbsenceKind, string>> = {
  urlaub: "Urlaub",
  krankheit: "Krankheit",
  schulung: "Schulung",
  sonstiges: "Sonstiges",
};

const isoDate = (required: string) =>
  z
    .string({ required_error: required })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Dieses Datum gibt es nicht.");

export const absenceSchema = z
  .object({
    userId: text({ required_error: "Bitte die Person wählen." }).pipe(z.string().uuid("Bitte die Person wählen.")),
    kind: z.enum(ABSENCE_KINDS, { errorMap: () => ({ message: "Bitte die Art der Abwesenheit wählen." }) }),
    startsOn: isoDate("Bitte den ersten Tag angeben."),
    endsOn: isoDate("Bitte den letzten Tag angeben."),
    note: multilineText().pipe(z.string().max(500, "Die Notiz darf höchstens 500 Zeichen lang sein.")).optional(),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "Der letzte Tag darf nicht vor dem ersten liegen." });

/** "Urlaub, 01.12.2026–05.12.2026" */
export function describeAbsence(a: { kind: string; startsOn: string; endsOn: string }): string {
  const de = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
  const label = ABSENCE_KIND_LABELS[a.kind as AbsenceKind] ?? a.kind;
  return a.startsOn === a.endsOn ? `${label}, ${de(a.startsOn)}` : `${label}, ${de(a.startsOn)}–${de(a.endsOn)}`;
}
