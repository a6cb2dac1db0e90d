import { z } from "zod";
import { AUDIENCES, LOCATION_KINDS, SEMINAR_TYPES, type Audience, type SeminarType } from "#db/schema/training";
import { multilineText } from "~/modules/tickets/validation";
import { text } from "~/validation";
import { defaultDeadline, endOfBerlinDay, expandSeminarDates, type Slot } from "./series";

/**
 * The planning forms (issue 8, items 1 and 2), shared by the routes and the commands. The form
 * schema checks what can be checked without the database and turns the rows into instants; the
 * commands check the rest (catalogue, room, trainers, clashes) and answer with a PublicError on
 * the field concerned.
 */
export const SEMINAR_TITLE_MAX = 200;
export const SEMINAR_TEXT_MAX = 20_000;
export const DATE_ROWS = 5;
/** Defaults: registration closes 7 days before the first date, cancelling without the trainer 3 days before. */
export const REGISTRATION_DAYS_BEFORE = 7;
export const CANCELLATION_DAYS_BEFORE = 3;

const empty = (v: unknown) => (v === "" || v == null ? undefined : v);
/** "12", "1.000" → a number; blank → undefined (the required message); anything else → NaN (the type message). */
const wholeNumber = (v: unknown) => (v === "" || v == null ? undefined : typeof v === "string" ? Number(v.trim().replace(/\./g, "")) : v);
const id = (message: string) => z.preprocess(empty, z.coerce.number({ invalid_type_error: message }).int(message).positive(message).optional());
const optionalText = (max: number, label: string) => z.preprocess(empty, text().max(max, `${label} darf höchstens ${max} Zeichen lang sein.`).optional());
const isoDate = z.preprocess(
  empty,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben.")
    .optional(),
);

const dateRow = z
  .object({
    id: id("Dieser Termin gehört nicht zur Veranstaltung."),
    date: z.preprocess(empty, z.string().optional()),
    start: z.preprocess(empty, z.string().optional()),
    end: z.preprocess(empty, z.string().optional()),
  })
  .optional();

/** A link participants open: https only (no javascript:, no plain http). */
export const httpsUrl = text({
  required_error: "Bitte den Link zur Online-Veranstaltung angeben.",
})
  .max(500, "Der Link darf höchstens 500 Zeichen lang sein.")
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === "https:" && !!url.hostname && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Bitte einen vollständigen Link angeben, der mit https:// beginnt.");

export const seminarFormSchema = z.object({
  title: text({ required_error: "Bitte einen Titel angeben." })
    .min(3, "Bitte einen Titel mit mindestens 3 Zeichen angeben.")
    .max(SEMINAR_TITLE_MAX, `Der Titel darf höchstens ${SEMINAR_TITLE_MAX} Zeichen lang sein.`),
  description: multilineText()
    .optional()
    .transform((v) => v ?? "")
    // A refine, not a pipe into z.string(): conform's coercion would turn the "" of an empty field back into "missing".
    .refine((v) => v.length <= SEMINAR_TEXT_MAX, `Die Beschreibung darf höchstens ${SEMINAR_TEXT_MAX.toLocaleString("de-DE")} Zeichen lang sein.`),
  type: z.enum(SEMINAR_TYPES, {
    errorMap: () => ({
      message: "Bitte die Art wählen: Schulung oder Informationsveranstaltung.",
    }),
  }),
  procedureId: id("Bitte ein Verfahren aus der Liste wählen."),
  moduleId: id("Bitte ein Modul aus der Liste wählen."),
  audience: z.enum(AUDIENCES, {
    errorMap: () => ({ message: "Bitte die Zielgruppe wählen." }),
  }),
  dates: z.array(dateRow).max(60, "Höchstens 60 Termine.").default([]),
  seriesDate: isoDate,
  seriesStart: z.preprocess(empty, z.string().optional()),
  seriesEnd: z.preprocess(empty, z.string().optional()),
  seriesWeeks: z.preprocess(
    empty,
    z.coerce
      .number({
        invalid_type_error: "Bitte die Zahl der Wochen als Zahl angeben.",
      })
      .optional(),
  ),
  locationKind: z.enum(LOCATION_KINDS, {
    errorMap: () => ({
      message: "Bitte den Ort wählen: Raum, Inhouse oder online.",
    }),
  }),
  roomId: id("Bitte einen Raum aus der Liste wählen."),
  hostMunicipalityId: id("Bitte eine Kommune aus der Liste wählen."),
  address: optionalText(300, "Die Adresse"),
  onlineUrl: z.preprocess(empty, httpsUrl.optional()),
  centreId: z.preprocess(empty, z.string().max(20).optional()),
  trainerIds: z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("Bitte Personen aus der Liste wählen."))),
  capacity: z.preprocess(
    wholeNumber,
    z
      .number({
        required_error: "Bitte die Zahl der Plätze angeben.",
        invalid_type_error: "Bitte die Zahl der Plätze als ganze Zahl angeben.",
      })
      .int("Bitte die Zahl der Plätze als ganze Zahl angeben.")
      .min(1, "Es muss mindestens einen Platz geben.")
      .max(1000, "Höchstens 1.000 Plätze."),
  ),
  registrationDeadline: isoDate,
  cancellationDeadline: isoDate,
});
export type SeminarForm = z.infer<typeof seminarFormSchema>;

export type SeminarLocation =
  { kind: "room"; roomId: number } | { kind: "inhouse"; hostMunicipalityId: number; address: string } | { kind: "online"; centreId: string; onlineUrl: string };

/** What the commands take: the form, checked and turned into instants. */
export interface SeminarInput {
  title: string;
  description: string;
  type: SeminarType;
  procedureId: number | null;
  moduleId: number | null;
  audience: Audience;
  slots: Slot[];
  location: SeminarLocation;
  trainerIds: string[];
  capacity: number;
  registrationDeadline: Date;
  cancellationDeadline: Date;
}

/** "dates[1].start" → ["dates", 1, "start"], the path conform shows an error on. */
function toPath(path: string): (string | number)[] {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export const seminarSchema = seminarFormSchema.transform((form, ctx): SeminarInput => {
  const fail = (path: string, message: string) =>
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: toPath(path),
      message,
    });
  const { slots, issues } = expandSeminarDates({
    dates: form.dates,
    series: {
      firstDate: form.seriesDate,
      start: form.seriesStart,
      end: form.seriesEnd,
      weeks: form.seriesWeeks,
    },
  });
  for (const issue of issues) fail(issue.path, issue.message);

  let location: SeminarLocation | null = null;
  if (form.locationKind === "room") {
    if (!form.roomId) fail("roomId", "Bitte einen Raum wählen.");
    else location = { kind: "room", roomId: form.roomId };
  } else if (form.locationKind === "inhouse") {
    if (!form.hostMunicipalityId) fail("hostMunicipalityId", "Bitte die gastgebende Kommune wählen.");
    if (!form.address || form.address.length < 3) fail("address", "Bitte die Adresse in der Kommune angeben (Straße, Gebäude, Raum).");
    if (form.hostMunicipalityId && form.address && form.address.length >= 3)
      location = {
        kind: "inhouse",
        hostMunicipalityId: form.hostMunicipalityId,
        address: form.address,
      };
  } else {
    if (!form.onlineUrl) fail("onlineUrl", "Bitte den Link zur Online-Veranstaltung angeben.");
    if (!form.centreId) fail("centreId", "Bitte das ausrichtende Zentrum wählen.");
    if (form.onlineUrl && form.centreId)
      location = {
        kind: "online",
        centreId: form.centreId,
        onlineUrl: form.onlineUrl,
      };
  }
  if (form.moduleId && !form.procedureId) fail("procedureId", "Bitte zum Modul auch das Verfahren wählen.");

  const first = slots[0]?.startsAt;
  const deadline = (field: "registrationDeadline" | "cancellationDeadline", days: number, label: string) => {
    const typed = form[field];
    if (!first) return new Date(0);
    const value = typed ? endOfBerlinDay(typed) : defaultDeadline(first, days);
    if (!value) {
      fail(field, "Dieses Datum gibt es nicht.");
      return new Date(0);
    }
    if (value > first) fail(field, `${label} muss vor dem ersten Termin liegen, spätestens am Vortag.`);
    return value;
  };
  const registrationDeadline = deadline("registrationDeadline", REGISTRATION_DAYS_BEFORE, "Der Anmeldeschluss");
  const cancellationDeadline = deadline("cancellationDeadline", CANCELLATION_DAYS_BEFORE, "Die Frist für Abmeldungen");
  if (!location || issues.length) return z.NEVER;
  return {
    title: form.title,
    description: form.description,
    type: form.type,
    procedureId: form.procedureId ?? null,
    moduleId: form.moduleId ?? null,
    audience: form.audience,
    slots,
    location,
    trainerIds: [...new Set(form.trainerIds)],
    capacity: form.capacity,
    registrationDeadline,
    cancellationDeadline,
  };
});

export const cancelSeminarSchema = z.object({
  reason: text({ required_error: "Bitte den Grund der Absage angeben." })
    .min(5, "Bitte den Grund der Absage in mindestens 5 Zeichen angeben.")
    .max(1000, "Der Grund darf höchstens 1.000 Zeichen lang sein."),
});

export const roomSchema = z.object({
  centreId: z.string({ required_error: "Bitte das Zentrum wählen." }).min(1, "Bitte das Zentrum wählen.").max(20),
  name: text({ required_error: "Bitte den Namen des Raums angeben." })
    .min(2, "Bitte den Namen des Raums angeben.")
    .max(120, "Der Name darf höchstens 120 Zeichen lang sein."),
  capacity: z.preprocess(
    wholeNumber,
    z
      .number({
        required_error: "Bitte angeben, wie viele Personen der Raum fasst.",
        invalid_type_error: "Bitte die Kapazität als ganze Zahl angeben.",
      })
      .int("Bitte die Kapazität als ganze Zahl angeben.")
      .min(1, "Ein Raum fasst mindestens eine Person.")
      .max(1000, "Höchstens 1.000 Personen."),
  ),
  directions: multilineText()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v.length <= 2000, "Die Wegbeschreibung darf höchstens 2.000 Zeichen lang sein."),
});
export type RoomInput = z.infer<typeof roomSchema>;
