import { z } from "zod";
import { text } from "~/validation";
import { germanInteger } from "~/validation/numbers";

export const MUNICIPALITY_KINDS = ["Stadt", "Hansestadt", "Gemeinde", "Samtgemeinde", "Flecken", "Landkreis"] as const;
export const STATES = ["Niedersachsen", "Nordrhein-Westfalen", "Schleswig-Holstein", "Mecklenburg-Vorpommern"] as const;
export const CENTRE_IDS = ["nord", "mitte", "west", "sued"] as const;

// Typed the German way: "12.500", "12 500" and "12500" are the same (issue 5, item 3).
const inhabitants = germanInteger({ accusative: "die Einwohnerzahl" }, { min: 1, max: 10_000_000 });

export const levyCalculatorSchema = z.object({ einwohner: inhabitants });

const memberSince = z
  .string({ required_error: "Bitte das Beitrittsdatum angeben." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum angeben.")
  .refine((v) => {
    // A real calendar day (2024-02-30 is not), in a plausible range.
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "1900-01-01" && v <= "2100-12-31";
  }, "Bitte ein gültiges Datum angeben.");

export const memberUpdateSchema = z.object({
  inhabitants,
  centreId: z.enum(CENTRE_IDS, { errorMap: () => ({ message: "Bitte ein Zentrum wählen." }) }),
  memberSince: memberSince.optional(),
});

export const memberCreateSchema = memberUpdateSchema.extend({
  name: text({ required_error: "Bitte den Namen angeben." }).min(2, "Bitte den Namen angeben.").max(120, "Höchstens 120 Zeichen."),
  kind: z.enum(MUNICIPALITY_KINDS, { errorMap: () => ({ message: "Bitte die Art wählen." }) }),
  state: z.enum(STATES, { errorMap: () => ({ message: "Bitte das Bundesland wählen." }) }),
  district: text({ required_error: "Bitte den Kreis angeben." }).min(2, "Bitte den Kreis angeben.").max(120, "Höchstens 120 Zeichen."),
  memberSince,
});

/** Editing a member: the update fields plus its name (admins may correct a name; it stays unique). */
export const memberEditSchema = memberUpdateSchema.extend({ name: memberCreateSchema.shape.name });

/** The public member list's GET filters; values outside the allow-lists are errors, never SQL (D18). */
export const memberFilterSchema = z.object({
  zentrum: z.enum(CENTRE_IDS, { errorMap: () => ({ message: "Dieses Zentrum gibt es nicht. Es wird nicht danach gefiltert." }) }).optional(),
  bundesland: z.enum(STATES, { errorMap: () => ({ message: "Dieses Bundesland gibt es nicht. Es wird nicht danach gefiltert." }) }).optional(),
  q: text().max(100, "Der Suchbegriff darf höchstens 100 Zeichen lang sein.").optional(),
});

const optionalText = (max: number) => text().max(max, `Höchstens ${max} Zeichen.`).optional();

/** A centre's contact data, edited by admins. Empty optional fields are stored as "not given". */
export const centreContactSchema = z.object({
  street: optionalText(120),
  postalCode: text()
    .regex(/^\d{5}$/, "Bitte eine fünfstellige Postleitzahl angeben.")
    .optional(),
  city: text({ required_error: "Bitte den Ort angeben." }).min(2, "Bitte den Ort angeben.").max(80, "Höchstens 80 Zeichen."),
  phone: text()
    .max(30, "Höchstens 30 Zeichen.")
    .regex(/^\+?[0-9][0-9 ()/-]{3,}$/, "Bitte eine Telefonnummer aus Ziffern angeben (erlaubt sind auch Leerzeichen, +, /, - und Klammern).")
    .optional(),
  email: text().max(254, "Höchstens 254 Zeichen.").email("Bitte eine gültige E-Mail-Adresse angeben.").toLowerCase().optional(),
});
