import { z } from "zod";
import { berlinToday } from "~/format";
import { multilineText } from "~/modules/tickets/validation";
import { text } from "~/validation";
import { germanInteger } from "~/validation/numbers";

/** In-house requests (issue 8, item 3): the form shared by the route and the module. */
export const INHOUSE_MIN_PARTICIPANTS = 1;
export const INHOUSE_MAX_PARTICIPANTS = 200;
export const INHOUSE_TOPIC_MAX = 200;
export const INHOUSE_NOTE_MAX = 2000;
export const INHOUSE_REASON_MAX = 2000;

/** A calendar day that exists ("2027-02-30" does not). */
function isRealDay(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const isoDate = (required: string) =>
  text({ required_error: required })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben.")
    .refine(isRealDay, "Dieses Datum gibt es nicht.");

const optionalId = (message: string) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number({ invalid_type_error: message }).int(message).positive(message)).optional();

/** `today` is passed in so that tests and the server agree on the day. */
export function inhouseRequestSchema(today: string = berlinToday()) {
  return z
    .object({
      /** Chosen when the person may ask for more than one municipality; otherwise their own. */
      municipalityId: optionalId("Bitte eine Kommune wählen."),
      topic: text({ required_error: "Bitte geben Sie das Thema an." })
        .min(3, "Bitte geben Sie das Thema mit mindestens 3 Zeichen an.")
        .max(INHOUSE_TOPIC_MAX, `Das Thema darf höchstens ${INHOUSE_TOPIC_MAX} Zeichen lang sein.`),
      procedureId: optionalId("Bitte ein Verfahren aus dem Katalog wählen."),
      wishedFrom: isoDate("Bitte geben Sie an, ab wann die Schulung stattfinden kann.").refine((v) => !isRealDay(v) || v >= today, "Der Zeitraum darf nicht in der Vergangenheit beginnen."),
      wishedTo: isoDate("Bitte geben Sie an, bis wann die Schulung stattfinden soll."),
      participants: germanInteger({ accusative: "die Zahl der Teilnehmenden", nominative: "Die Zahl der Teilnehmenden" }, { min: INHOUSE_MIN_PARTICIPANTS, max: INHOUSE_MAX_PARTICIPANTS }),
      note: multilineText()
        .pipe(z.string().max(INHOUSE_NOTE_MAX, `Die Anmerkung darf höchstens ${INHOUSE_NOTE_MAX.toLocaleString("de-DE")} Zeichen lang sein.`))
        .optional(),
    })
    .superRefine((value, ctx) => {
      if (value.wishedTo < value.wishedFrom) ctx.addIssue({ code: "custom", path: ["wishedTo"], message: "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen." });
    });
}

export type InhouseRequestInput = z.infer<ReturnType<typeof inhouseRequestSchema>>;

export const inhouseDeclineSchema = z.object({
  reason: multilineText({ required_error: "Bitte begründen Sie die Absage." }).pipe(
    z.string().min(3, "Bitte begründen Sie die Absage.").max(INHOUSE_REASON_MAX, `Die Begründung darf höchstens ${INHOUSE_REASON_MAX.toLocaleString("de-DE")} Zeichen lang sein.`),
  ),
});
