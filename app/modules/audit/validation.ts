import { z } from "zod";
import { pageNumber } from "~/validation";

/** A calendar date from `<input type="date">` (YYYY-MM-DD) that exists, e.g. not 2026-02-30. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein gültiges Datum angeben.")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "Bitte ein gültiges Datum angeben.");

/** Facet values come from the database; the shape check keeps junk out of the query and the page. */
const facet = (message: string) => z.string().max(64, message).regex(/^[a-z0-9_.-]+$/i, message);

/** The audit trail's filter (GET). Empty fields arrive as undefined (conform). */
export const auditFilterSchema = z
  .object({
    entityType: facet("Bitte eine Objektart aus der Liste wählen.").optional(),
    action: facet("Bitte eine Aktion aus der Liste wählen.").optional(),
    actor: z.string().trim().max(254, "Höchstens 254 Zeichen.").email("Bitte eine gültige E-Mail-Adresse eingeben.").optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    page: pageNumber,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "Das Enddatum darf nicht vor dem Anfangsdatum liegen.", path: ["to"] });

export type AuditFilterInput = z.infer<typeof auditFilterSchema>;
