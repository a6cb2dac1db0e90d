import { z } from "zod";
import { notFound, PublicError } from "~/errors";
import type { WorkingGroup } from "#db/schema/auth";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { formValues, invalidFields, refused, type FormFailure } from "./form-failure";
import { loadMeeting } from "./group-access.server";
import { actionItemSchema, attendanceSchema, decisionSchema, guestSchema, notesSchema } from "./minutes-validation";
import * as minutes from "./minutes.server";
import { actionItemAnchor, ATTENDANCE_ANCHOR, decisionAnchor, itemAnchor } from "./paths";
import { parseRowId } from "~/validation";

/**
 * The chairs' forms on the minutes page (issue 9, items 5 and 6): one named handler per hidden
 * `intent`. Each names the id field it acts on, the schema of its other fields, the command it
 * runs, the message key of the page it returns to, and the anchor there.
 */

type Base = { user: Pick<CurrentUser, "id" | "roles">; meetingId: number; ip: string | null };

type RefField = "agendaItemId" | "decisionId" | "actionItemId" | "guestId";

interface Handler {
  /** The id field the intent acts on. */
  ref?: RefField;
  /** Checks the other fields and runs the command: the fields' errors, or null once done. */
  submit: (base: Base, id: number, values: Record<string, string>) => Promise<z.ZodError | null>;
  /** The message key (`?erledigt=`) and the anchor of the page it returns to. */
  done: string;
  anchor?: (id: number) => string;
}

/** The intents that send nothing but their id. */
const noInput = z.object({});

/** One entry: its schema's output is what its command takes. */
function handler<S extends z.ZodTypeAny>(h: { ref?: RefField; schema: S; run: (base: Base, id: number, input: z.output<S>) => Promise<unknown>; done: string; anchor?: (id: number) => string }): Handler {
  return {
    ref: h.ref,
    done: h.done,
    anchor: h.anchor,
    async submit(base, id, values) {
      const input = h.schema.safeParse(values);
      if (!input.success) return input.error;
      await h.run(base, id, input.data);
      return null;
    },
  };
}
const toAttendance = () => ATTENDANCE_ANCHOR;

const HANDLERS: Record<string, Handler> = {
  attendance: handler({ schema: attendanceSchema, run: (b, _, { statuses }) => minutes.saveAttendance({ ...b, statuses }), done: "anwesenheit", anchor: toAttendance }),
  "add-guest": handler({ schema: guestSchema, run: (b, _, guest) => minutes.addGuest({ ...b, ...guest }), done: "gast", anchor: toAttendance }),
  "remove-guest": handler({ ref: "guestId", schema: noInput, run: (b, guestId) => minutes.removeGuest({ ...b, guestId }), done: "gast-entfernt", anchor: toAttendance }),
  "save-notes": handler({ ref: "agendaItemId", schema: notesSchema, run: (b, agendaItemId, { notes }) => minutes.saveNotes({ ...b, agendaItemId, notes }), done: "notizen", anchor: itemAnchor }),
  "add-decision": handler({ ref: "agendaItemId", schema: decisionSchema, run: (b, agendaItemId, input) => minutes.addDecision({ ...b, agendaItemId, input }), done: "beschluss", anchor: itemAnchor }),
  "update-decision": handler({ ref: "decisionId", schema: decisionSchema, run: (b, decisionId, input) => minutes.updateDecision({ ...b, decisionId, input }), done: "beschluss", anchor: decisionAnchor }),
  "remove-decision": handler({ ref: "decisionId", schema: noInput, run: (b, decisionId) => minutes.removeDecision({ ...b, decisionId }), done: "beschluss-entfernt" }),
  "add-action-item": handler({ ref: "agendaItemId", schema: actionItemSchema, run: (b, agendaItemId, input) => minutes.addActionItem({ ...b, agendaItemId, input }), done: "aufgabe", anchor: itemAnchor }),
  "update-action-item": handler({ ref: "actionItemId", schema: actionItemSchema, run: (b, actionItemId, input) => minutes.updateActionItem({ ...b, actionItemId, input }), done: "aufgabe", anchor: actionItemAnchor }),
  "remove-action-item": handler({ ref: "actionItemId", schema: noInput, run: (b, actionItemId) => minutes.removeActionItem({ ...b, actionItemId }), done: "aufgabe-entfernt" }),
  approve: handler({ ref: "agendaItemId", schema: noInput, run: (b, agendaItemId) => minutes.approveMinutes({ ...b, agendaItemId }), done: "genehmigt", anchor: itemAnchor }),
  release: handler({ schema: noInput, run: (b) => minutes.releaseMinutes(b), done: "freigegeben" }),
};


/**
 * One post of the minutes page. Only the group's chairs write minutes, and only of a meeting of
 * the group in the URL: anyone else, and a missing or malformed id, is 404 (ACCEPTANCE C14), before
 * any field is checked. Invalid fields and a PublicError of the command come back as a failure.
 */
export async function submitMinutesForm(
  args: Base & { groupId: WorkingGroup; readForm: () => Promise<FormData> },
): Promise<{ ok: true; done: string; anchor?: string } | { ok: false; status: number; failure: FormFailure }> {
  const { meeting } = await loadMeeting(args.user, args.meetingId, { chair: true });
  if (meeting.groupId !== args.groupId) notFound();
  const values = formValues(await args.readForm());
  const intent = values.intent ?? "";
  const h = Object.hasOwn(HANDLERS, intent) ? HANDLERS[intent] : undefined;
  if (!h) return { ok: false, status: 400, failure: { intent, target: null, formErrors: ["Diese Aktion gibt es nicht."], values } };
  const target = h.ref ? (values[h.ref] ?? null) : null;
  const id = h.ref ? parseRowId(values[h.ref]) : 0;
  if (id === null) notFound();
  try {
    const invalid = await h.submit({ user: args.user, meetingId: args.meetingId, ip: args.ip }, id, values);
    if (invalid) return { ok: false, status: 400, failure: invalidFields(invalid, { intent, target, values }) };
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return { ok: false, status: error.status, failure: refused(error, { intent, target, values }) };
  }
  return { ok: true, done: h.done, anchor: h.anchor?.(id) };
}
