import { z } from "zod";
import { MEETING_LOCATION_KINDS, RSVP_ANSWERS, type MeetingLocationKind, type RsvpAnswer } from "#db/schema/groups";
import { httpsUrl } from "~/modules/training/validation";
import { berlinInstant, normaliseTime } from "~/modules/training/series";
import { text } from "~/validation";

/**
 * The meeting forms (issue 9, items 2–4), shared by the routes and the commands. The schema checks
 * what can be checked without the database and turns date, time and duration into instants; the
 * commands check the rest (room, centre, clashes) and answer with a PublicError on the field.
 * Plain .ts: the labels are used in the browser too.
 */
export const MEETING_TITLE_MAX = 200;
export const AGENDA_TITLE_MAX = 200;
export const PRESENTER_MAX = 120;
/** How many agenda rows the scheduling form offers (without JavaScript, a fixed number). */
export const AGENDA_FORM_ROWS = 3;
export const MAX_MEETING_MINUTES = 600;
/** Shown on the edit page of a meeting that has begun, and the answer to cancelling it (shared with the page, so not in a .server module). */
export const MEETING_STARTED_CANNOT_CANCEL = "Die Sitzung hat bereits begonnen und lässt sich nicht mehr absagen.";

export const LOCATION_LABELS: Record<MeetingLocationKind, string> = {
  zentral: "Zentral bei der KAI-Gruppe in Buxtehude",
  zentrum: "In einem der vier Zentren",
  online: "Online",
};

export const RSVP_LABELS: Record<RsvpAnswer, string> = { zusage: "Zusage", absage: "Absage", vielleicht: "Vielleicht" };

const empty = (v: unknown) => (v === "" || v == null ? undefined : v);
const wholeNumber = (v: unknown) => (v === "" || v == null ? undefined : typeof v === "string" ? Number(v.trim()) : v);

const minutes = (label: string, max: number) =>
  z.preprocess(
    wholeNumber,
    z
      .number({ invalid_type_error: `Bitte ${label} als ganze Zahl von Minuten angeben.` })
      .int(`Bitte ${label} als ganze Zahl von Minuten angeben.`)
      .min(1, `Bitte ${label} mit mindestens einer Minute angeben.`)
      .max(max, `${label[0].toUpperCase()}${label.slice(1)} darf höchstens ${max} Minuten betragen.`)
      .optional(),
  );

/** One agenda item as the chair types it. */
export const agendaItemSchema = z.object({
  title: text({ required_error: "Bitte den Titel des Tagesordnungspunkts angeben." })
    .min(2, "Bitte den Titel des Tagesordnungspunkts angeben.")
    .max(AGENDA_TITLE_MAX, `Der Titel darf höchstens ${AGENDA_TITLE_MAX} Zeichen lang sein.`),
  presenter: z.preprocess(empty, text().max(PRESENTER_MAX, `Die vortragende Person darf höchstens ${PRESENTER_MAX} Zeichen lang sein.`).optional()),
  durationMinutes: minutes("die Dauer", MAX_MEETING_MINUTES),
});
export type AgendaItemInput = { title: string; presenter: string; durationMinutes: number | null };

export function toAgendaItemInput(v: z.infer<typeof agendaItemSchema>): AgendaItemInput {
  return { title: v.title, presenter: v.presenter ?? "", durationMinutes: v.durationMinutes ?? null };
}

const agendaRow = z
  .object({
    title: z.preprocess(empty, text().max(AGENDA_TITLE_MAX, `Der Titel darf höchstens ${AGENDA_TITLE_MAX} Zeichen lang sein.`).optional()),
    presenter: z.preprocess(empty, text().max(PRESENTER_MAX, `Die vortragende Person darf höchstens ${PRESENTER_MAX} Zeichen lang sein.`).optional()),
    durationMinutes: minutes("die Dauer", MAX_MEETING_MINUTES),
  })
  .optional();

export const meetingFormSchema = z.object({
  title: text({ required_error: "Bitte einen Titel angeben." })
    .min(3, "Bitte einen Titel mit mindestens 3 Zeichen angeben.")
    .max(MEETING_TITLE_MAX, `Der Titel darf höchstens ${MEETING_TITLE_MAX} Zeichen lang sein.`),
  date: z.string({ required_error: "Bitte das Datum der Sitzung angeben." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben."),
  time: z.string({ required_error: "Bitte die Uhrzeit des Beginns angeben." }).max(10),
  durationMinutes: z.preprocess(
    wholeNumber,
    z
      .number({ required_error: "Bitte die Dauer der Sitzung in Minuten angeben.", invalid_type_error: "Bitte die Dauer als ganze Zahl von Minuten angeben." })
      .int("Bitte die Dauer als ganze Zahl von Minuten angeben.")
      .min(15, "Eine Sitzung dauert mindestens 15 Minuten.")
      .max(MAX_MEETING_MINUTES, `Eine Sitzung dauert höchstens ${MAX_MEETING_MINUTES} Minuten (10 Stunden).`),
  ),
  locationKind: z.enum(MEETING_LOCATION_KINDS, { errorMap: () => ({ message: "Bitte den Ort wählen: zentral, in einem Zentrum oder online." }) }),
  roomId: z.preprocess(empty, z.coerce.number({ invalid_type_error: "Bitte einen Raum aus der Liste wählen." }).int().positive("Bitte einen Raum aus der Liste wählen.").optional()),
  onlineUrl: z.preprocess(empty, httpsUrl.optional()),
  items: z.array(agendaRow).max(20, "Höchstens 20 Tagesordnungspunkte auf einmal.").default([]),
});

export type MeetingLocationInput = { kind: "zentral"; roomId: number | null } | { kind: "zentrum"; roomId: number } | { kind: "online"; onlineUrl: string };

export interface MeetingInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: MeetingLocationInput;
  items: AgendaItemInput[];
}

export const meetingSchema = meetingFormSchema.transform((form, ctx): MeetingInput => {
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const start = berlinInstant(form.date, normaliseTime(form.time));
  if (!start.ok) fail([start.on === "date" ? "date" : "time"], start.message);
  let location: MeetingLocationInput | null = null;
  if (form.locationKind === "zentral") location = { kind: "zentral", roomId: form.roomId ?? null };
  else if (form.locationKind === "zentrum") {
    if (!form.roomId) fail(["roomId"], "Bitte einen Raum des Zentrums wählen.");
    else location = { kind: "zentrum", roomId: form.roomId };
  } else if (!form.onlineUrl) fail(["onlineUrl"], "Bitte den Link zur Online-Sitzung angeben (beginnt mit https://).");
  else location = { kind: "online", onlineUrl: form.onlineUrl };
  const items: AgendaItemInput[] = [];
  form.items.forEach((row, i) => {
    if (!row || (!row.title && !row.presenter && !row.durationMinutes)) return;
    if (!row.title || row.title.length < 2) return fail(["items", i, "title"], "Bitte den Titel des Tagesordnungspunkts angeben oder die Zeile leeren.");
    items.push({ title: row.title, presenter: row.presenter ?? "", durationMinutes: row.durationMinutes ?? null });
  });
  if (!start.ok || !location) return z.NEVER;
  const startsAt = start.value.toJSDate();
  return { title: form.title, startsAt, endsAt: new Date(startsAt.getTime() + form.durationMinutes * 60_000), location, items };
});

export const cancelMeetingSchema = z.object({
  reason: text({ required_error: "Bitte den Grund der Absage angeben." })
    .min(5, "Bitte den Grund der Absage in mindestens 5 Zeichen angeben.")
    .max(1000, "Der Grund darf höchstens 1.000 Zeichen lang sein."),
});

export const rsvpSchema = z.object({
  answer: z.enum(RSVP_ANSWERS, { errorMap: () => ({ message: "Bitte Zusage, Absage oder Vielleicht wählen." }) }),
});
