import { z } from "zod";
import { NO_CONTROL_CHARACTERS } from "~/validation";

/** The optional short survey after a seminar (issue 8, item 8): shared by the route and the module. */
export const FEEDBACK_COMMENT_MAX = 1000;
/** Below this many answers the trainers see only the count: a single answer would not be anonymous. */
export const FEEDBACK_MIN_RESPONSES = 3;
/** Answers can be given and changed until this many days after the last date. */
export const FEEDBACK_WINDOW_DAYS = 28;

const STARS_MESSAGE = "Bitte wählen Sie zwischen 1 und 5 Sternen.";

export const feedbackSchema = z.object({
  stars: z
    .number({ required_error: STARS_MESSAGE, invalid_type_error: STARS_MESSAGE })
    .int(STARS_MESSAGE)
    .min(1, STARS_MESSAGE)
    .max(5, STARS_MESSAGE),
  comment: z
    .string()
    .trim()
    // Line breaks and tabs are fine in a comment; other control characters are not (ACCEPTANCE D16).
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/, NO_CONTROL_CHARACTERS)
    .max(FEEDBACK_COMMENT_MAX, `Der Kommentar darf höchstens ${FEEDBACK_COMMENT_MAX} Zeichen lang sein.`)
    .optional(),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export function starsLabel(stars: number) {
  return stars === 1 ? "1 Stern" : `${stars} Sterne`;
}
