import { z } from "zod";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { PublicError } from "~/errors";
import { text } from "~/validation";
import { isTicketStaff } from "./access.server";
import { addTicketReply, changeTicket, mergeTicket } from "./commands.server";
import { TICKET_STATUSES, type TicketStatus } from "./lifecycle";
import { parseTicketNumber, ticketNumberExample } from "./ticket-number";
import { readTicketForm } from "./uploads.server";
import { multilineText, ticketReplySchema } from "./validation";

const INTENTS = ["take", "hand_over", "escalate", "solve", "reopen", "close", "merge", "reply"] as const;
export type TicketIntent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS), expectedStatus: z.enum(TICKET_STATUSES) });
const noteSchema = multilineText({ required_error: "Bitte schreiben Sie eine Notiz." }).pipe(z.string().min(1, "Bitte schreiben Sie eine Notiz.").max(5000, "Höchstens 5.000 Zeichen."));

/** What the ticket page shows after a refused form: the message above, and per field (by the field's id). */
export interface TicketFormFailure {
  intent: TicketIntent | null;
  error: string;
  fieldErrors: Record<string, string>;
}

export type TicketFormResult = { redirectTo: string } | { status: number; failure: TicketFormFailure };

interface Submission {
  user: CurrentUser;
  number: string;
  ip: string | null;
  expectedStatus: TicketStatus;
  form: Awaited<ReturnType<typeof readTicketForm>>;
  fail: (error: string, fieldErrors?: Record<string, string>) => TicketFormResult;
}

const page = (number: string, query: string) => ({ redirectTo: `/betreuung/tickets/${number}?${query}` });

/** One handler per form on the ticket page (issue 7): checks its fields, runs the command, names the page to go to. */
const HANDLERS: Record<TicketIntent, (s: Submission) => Promise<TicketFormResult>> = {
  async reply({ user, number, ip, form: { formData, attachments, fileErrors }, fail }) {
    if (fileErrors.length) return fail(fileErrors.join(" "), { anhang: fileErrors.join(" ") });
    const reply = ticketReplySchema.safeParse({ body: formData.get("body") ?? "", visibility: formData.get("visibility") ?? "public" });
    if (!reply.success) return fail(reply.error.issues[0].message, { body: reply.error.issues[0].message });
    const askBack = formData.get("askBack") === "on";
    await addTicketReply({ user, number, body: reply.data.body, visibility: isTicketStaff(user) ? reply.data.visibility : "public", attachments, askBack, ip });
    return page(number, `gespeichert=${reply.data.visibility === "internal" ? "notiz" : askBack ? "rueckfrage" : "antwort"}#verlauf`);
  },
  async take({ user, number, ip, expectedStatus }) {
    await changeTicket({ user, number, action: { type: "take", expectedStatus }, ip });
    return page(number, "gespeichert=uebernommen");
  },
  async hand_over({ user, number, ip, expectedStatus, form: { formData }, fail }) {
    const assigneeId = z.string().uuid().safeParse(formData.get("assigneeId"));
    if (!assigneeId.success) return fail("Bitte wählen Sie, wem Sie das Ticket übergeben.", { assigneeId: "Bitte wählen Sie, wem Sie das Ticket übergeben." });
    const note = noteSchema.safeParse(formData.get("note") ?? "");
    if (!note.success) return fail("Bitte schreiben Sie zur Übergabe eine Notiz.", { handOverNote: "Bitte schreiben Sie zur Übergabe eine Notiz." });
    await changeTicket({ user, number, action: { type: "hand_over", expectedStatus, assigneeId: assigneeId.data, note: note.data }, ip });
    return page(number, "gespeichert=uebergeben");
  },
  async escalate({ user, number, ip, expectedStatus, form: { formData }, fail }) {
    const note = noteSchema.safeParse(formData.get("note") ?? "");
    if (!note.success) return fail("Bitte begründen Sie die Eskalation.", { escalateNote: "Bitte begründen Sie die Eskalation." });
    await changeTicket({ user, number, action: { type: "escalate", expectedStatus, note: note.data }, ip });
    return page(number, "gespeichert=eskaliert");
  },
  solve: (s) => simpleChange("solve", s),
  reopen: (s) => simpleChange("reopen", s),
  close: (s) => simpleChange("close", s),
  async merge({ user, number, ip, form: { formData }, fail }) {
    const into = text().safeParse(formData.get("intoNumber") ?? "");
    const intoNumber = into.success ? into.data.toUpperCase() : "";
    if (!parseTicketNumber(intoNumber)) {
      const message = `Bitte geben Sie die Nummer des Ziel-Tickets an, z. B. ${ticketNumberExample()}.`;
      return fail(message, { intoNumber: message });
    }
    const target = await mergeTicket({ user, number, intoNumber, ip });
    return { redirectTo: `/betreuung/tickets/${target.number}?zusammengefuehrt=${number}` };
  },
};

async function simpleChange(type: "solve" | "reopen" | "close", { user, number, ip, expectedStatus }: Submission): Promise<TicketFormResult> {
  await changeTicket({ user, number, action: { type, expectedStatus }, ip });
  return page(number, `gespeichert=${type}`);
}

/**
 * A form posted on the ticket page: reads it (attachments included), picks the intent's handler
 * and answers where to go, or what to show at the form. An unknown intent or status is 400; a
 * PublicError from a command (a changed status, no permission) is shown at its field.
 */
export async function submitTicketForm({ user, number, request, ip }: { user: CurrentUser; number: string; request: Request; ip: string | null }): Promise<TicketFormResult> {
  const form = await readTicketForm(request);
  const parsed = intentSchema.safeParse({ intent: form.formData.get("intent"), expectedStatus: form.formData.get("expectedStatus") });
  if (!parsed.success) return { status: 400, failure: { intent: null, error: "Diese Aktion gibt es nicht.", fieldErrors: {} } };
  const { intent, expectedStatus } = parsed.data;
  const fail = (error: string, fieldErrors: Record<string, string> = {}, status = 400): TicketFormResult => ({ status, failure: { intent, error, fieldErrors } });
  try {
    return await HANDLERS[intent]({ user, number, ip, expectedStatus, form, fail });
  } catch (error) {
    if (error instanceof PublicError) return fail(error.message, error.field ? { [error.field]: error.message } : {}, error.status);
    throw error;
  }
}
