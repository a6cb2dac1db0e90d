import nodemailer from "nodemailer";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { getMailboxMessage, type MailboxMessageView } from "~/modules/mail/mailbox.server";
import { activeInboundListener, classifyRecipient } from "./inbound.server";

/**
 * The demo's reply by email (issue 7 item 9): in the built-in mailbox, a message whose Reply-To is
 * one of our inbound addresses (a ticket's reply address, the support address) can be answered as
 * its recipient. The answer goes out as real SMTP (nodemailer) from the recipient's address to the
 * Reply-To, through the inbound listener this process runs, so it takes exactly the path a
 * municipality's mail client would.
 */
export const MAILBOX_ANSWER_MAX_LENGTH = 10_000;

/** Whether the message can be answered here: a recipient, a Reply-To of ours, and a running listener. */
export function mayAnswer(message: Pick<MailboxMessageView, "recipient" | "replyTo">): boolean {
  return Boolean(message.recipient && message.replyTo && classifyRecipient(message.replyTo) && activeInboundListener());
}

/** The original as a mail client quotes it below an answer (Gmail's German attribution line). */
function quoted(message: MailboxMessageView): string {
  const when = message.date && !Number.isNaN(Date.parse(message.date)) ? new Date(message.date) : new Date(message.receivedAt);
  const date = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(when);
  const time = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(when);
  const lines = (message.text ?? "").replace(/\r\n?/g, "\n").split("\n").map((l) => (l ? `> ${l}` : ">"));
  return [`Am ${date} um ${time} Uhr schrieb ${message.from}:`, ...lines].join("\n");
}

export async function answerFromMailbox(args: { actorId: string; id: string; text: string; ip?: string | null }) {
  const message = await getMailboxMessage(args.id);
  if (!message) notFound();
  const listener = activeInboundListener();
  if (!message.recipient || !message.replyTo || !classifyRecipient(message.replyTo)) {
    throw new PublicError("Diese E-Mail hat keine Antwortadresse des Portals; sie kann hier nicht beantwortet werden.", 400);
  }
  if (!listener) throw new PublicError("Der Eingangsserver für E-Mails läuft nicht (INBOUND_SMTP_PORT). Ohne ihn kann keine Antwort zugestellt werden.", 503);
  const text = args.text.replace(/\r\n?/g, "\n").trim();
  if (!text) throw new PublicError("Bitte geben Sie den Text der Antwort ein.", 400, "text");
  if (text.length > MAILBOX_ANSWER_MAX_LENGTH) throw new PublicError(`Die Antwort darf höchstens ${MAILBOX_ANSWER_MAX_LENGTH.toLocaleString("de-DE")} Zeichen lang sein.`, 400, "text");

  const subject = /^\s*(AW|Re):/i.test(message.subject) ? message.subject : `AW: ${message.subject}`;
  const transport = nodemailer.createTransport({ host: listener.host === "0.0.0.0" || listener.host === "::" ? "127.0.0.1" : listener.host, port: listener.port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({
      from: { name: message.recipient.name || message.recipient.address, address: message.recipient.address },
      to: message.replyTo,
      subject,
      text: `${text}\n\n${quoted(message)}`,
      ...(message.messageId ? { inReplyTo: message.messageId, references: message.messageId } : {}),
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const response = (error as { response?: string }).response;
    if (code) throw new PublicError(`Der Eingangsserver hat die Antwort abgelehnt (${response ?? code}).`, 502);
    throw error;
  } finally {
    transport.close();
  }
  await recordAudit({ actorId: args.actorId, action: "email.answered_in_mailbox", entityType: "email", entityId: message.id, after: { sender: message.recipient.address, recipient: message.replyTo, subject }, ip: args.ip });
  return { replyTo: message.replyTo };
}
