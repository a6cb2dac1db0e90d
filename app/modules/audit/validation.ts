import { z } from "zod";
import { pageNumber, text } from "~/validation";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "system" selects the entries nobody signed in made (jobs, operator scripts). */
export const SYSTEM_ACTOR = "system";

/**
 * The orders the list can be sorted in. The value picks a fixed column and direction in the
 * query; user text never becomes SQL (ACCEPTANCE D18).
 */
export const AUDIT_ORDERS = ["newest", "oldest"] as const;
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

/** The audit trail's filter (GET), shared by the page and its CSV export. Empty fields arrive as undefined (conform). */
export const auditFilterSchema = z
  .object({
    entityType: facet("Bitte eine Objektart aus der Liste wählen.").optional(),
    /** One object of that type (a person's id, a member's number); set by the "Verlauf" links. */
    entityId: text()
      .max(64, "Bitte ein Objekt aus dem Protokoll wählen.")
      .regex(/^[a-z0-9_.:@-]+$/i, "Bitte ein Objekt aus dem Protokoll wählen.")
      .optional(),
    action: facet("Bitte eine Aktion aus der Liste wählen.").optional(),
    /** The person who acted, from the select list (their id), or "system". */
    actorId: z
      .string()
      .refine((v) => v === SYSTEM_ACTOR || UUID.test(v), "Bitte eine Person aus der Liste wählen.")
      .optional(),
    /** The person who acted, by e-mail address (for links and bookmarks). */
    actor: text().max(254, "Höchstens 254 Zeichen.").email("Bitte eine gültige E-Mail-Adresse eingeben.").optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    order: z.enum(AUDIT_ORDERS, { errorMap: () => ({ message: "Bitte eine Sortierung aus der Liste wählen." }) }).default("newest"),
    page: pageNumber,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "Das Enddatum darf nicht vor dem Anfangsdatum liegen.", path: ["to"] })
  .refine((v) => !v.entityId || v.entityType, { message: "Bitte zuerst eine Objektart wählen.", path: ["entityType"] });

export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

/** Whether any filter narrows the list (the order and page do not). */
export function isFiltered(f: AuditFilterInput) {
  return Boolean(f.entityType || f.entityId || f.action || f.actorId || f.actor || f.from || f.to);
}
