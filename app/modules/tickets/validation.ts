import { z } from "zod";
import { text } from "~/validation";
import { TICKET_TYPES } from "./lifecycle";
import { TICKET_PRIORITIES } from "./priorities";

export const TICKET_TITLE_MAX = 200;
export const TICKET_TEXT_MAX = 20_000;

const id = (message: string) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number({ invalid_type_error: message }).int(message).positive(message));

/** Line breaks and tabs belong in a description; the other control characters do not (D16). */
export const multilineText = (params?: Parameters<typeof z.string>[0]) =>
  z
    .string(params)
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    // eslint-disable-next-line no-control-regex -- control characters except tab and line feed are refused
    .refine((v) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(v), "Bitte keine Steuerzeichen verwenden.");

export const ticketFilingSchema = z.object({
  /** Only staff choose; municipal IT files for its own municipality. */
  municipalityId: id("Bitte eine Kommune wählen.").optional(),
  procedureId: id("Bitte ein Verfahren oder Produkt wählen.").optional(),
  moduleId: id("Bitte ein gültiges Modul wählen.").optional(),
  type: z.enum(TICKET_TYPES, { errorMap: () => ({ message: "Bitte die Art des Anliegens wählen." }) }),
  priority: z.enum(TICKET_PRIORITIES, { errorMap: () => ({ message: "Bitte eine Priorität wählen." }) }),
  title: text({ required_error: "Bitte geben Sie einen Titel an." })
    .min(3, "Bitte geben Sie einen Titel mit mindestens 3 Zeichen an.")
    .max(TICKET_TITLE_MAX, `Der Titel darf höchstens ${TICKET_TITLE_MAX} Zeichen lang sein.`),
  description: multilineText({ required_error: "Bitte beschreiben Sie das Anliegen." })
    .pipe(z.string().min(10, "Bitte beschreiben Sie das Anliegen in mindestens 10 Zeichen.").max(TICKET_TEXT_MAX, `Höchstens ${TICKET_TEXT_MAX.toLocaleString("de-DE")} Zeichen.`)),
});

export const ticketReplySchema = z.object({
  body: multilineText({ required_error: "Bitte geben Sie einen Text ein." }).pipe(
    z.string().min(1, "Bitte geben Sie einen Text ein.").max(TICKET_TEXT_MAX, `Höchstens ${TICKET_TEXT_MAX.toLocaleString("de-DE")} Zeichen.`),
  ),
  visibility: z.enum(["public", "internal"]).default("public"),
});
