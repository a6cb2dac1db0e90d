import { z } from "zod";
import { rowIdField } from "~/validation";

/** The membership forms of the group page (issue 9, item 1); shared by the route and its tests. */
export const JOIN_MESSAGE_MAX = 2000;
export const DECLINE_REASON_MAX = 2000;
export const DESCRIPTION_MAX = 20_000;

/** Shown to a chair instead of the leave button, and the command's answer if they try anyway. */
export const CHAIR_CANNOT_LEAVE_MESSAGE =
  "Als Vorsitz können Sie nicht selbst austreten. Bitten Sie die Administration, Ihren Vorsitz zu beenden; danach können Sie austreten.";

export const joinSchema = z.object({
  message: z.string().trim().max(JOIN_MESSAGE_MAX, `Die Nachricht darf höchstens ${JOIN_MESSAGE_MAX} Zeichen lang sein.`).optional().default(""),
});

export const requestIdSchema = z.object({ requestId: rowIdField() });

export const declineSchema = requestIdSchema.extend({
  reason: z
    .string({ required_error: "Bitte begründen Sie die Ablehnung." })
    .trim()
    .min(1, "Bitte begründen Sie die Ablehnung; die anfragende Person erhält die Begründung per E-Mail.")
    .max(DECLINE_REASON_MAX, `Die Begründung darf höchstens ${DECLINE_REASON_MAX} Zeichen lang sein.`),
});

export const personSchema = z.object({ userId: z.string({ required_error: "Bitte eine Person auswählen." }).uuid("Bitte eine Person auswählen.") });

export const descriptionSchema = z.object({
  description: z.string().trim().max(DESCRIPTION_MAX, `Die Beschreibung darf höchstens ${DESCRIPTION_MAX.toLocaleString("de-DE")} Zeichen lang sein.`).optional().default(""),
});
