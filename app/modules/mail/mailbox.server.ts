import { count, desc, eq, ilike, sql } from "drizzle-orm";
import type { Address } from "postal-mime";
import type { Executor } from "#db/client";
import { mailboxMessages, outboxEmails, type OutboxEmail } from "#db/schema/mail";
import { db } from "~/db.server";
import { attachmentBytes, attachmentName, isCalendarType, parseMail } from "./parsed-mail";

/**
 * The built-in mailbox: what the dispatcher delivered while no SMTP server was configured. Admins
 * only; the routes guard the role (the mailbox holds everyone's invitations and reset links).
 */
export const MAILBOX_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LIKE wildcards in the search text are literal characters, not patterns. */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first; `to` matches part of the recipient address, case-insensitively. */
export async function listMailbox(args: { page?: number; to?: string }, tx: Executor = db) {
  const page = Math.max(1, Math.trunc(args.page ?? 1));
  const to = args.to?.trim();
  const rows = await tx
    .select({
      id: mailboxMessages.id,
      toAddress: mailboxMessages.toAddress,
      subject: mailboxMessages.subject,
      receivedAt: mailboxMessages.receivedAt,
    })
    .from(mailboxMessages)
    .where(to ? ilike(mailboxMessages.toAddress, `%${escapeLike(to)}%`) : undefined)
    .orderBy(desc(mailboxMessages.receivedAt), desc(mailboxMessages.id))
    .limit(MAILBOX_PAGE_SIZE + 1)
    .offset((page - 1) * MAILBOX_PAGE_SIZE);
  return { rows: rows.slice(0, MAILBOX_PAGE_SIZE), hasMore: rows.length > MAILBOX_PAGE_SIZE, page };
}

/**
 * How the outbox stands: a stuck or failing dispatcher shows here first. Sent mail is split:
 * `stored` went into this mailbox and never left the portal; `sent` was handed to SMTP.
 */
export async function outboxStatusCounts(tx: Executor = db): Promise<Record<OutboxEmail["status"] | "stored", number>> {
  // Spelled out: inside a subquery drizzle would leave the outer column unqualified.
  const stored = sql<boolean>`exists (select 1 from "mailbox_messages" as "mm" where "mm"."outbox_id" = "outbox_emails"."id")`;
  const rows = await tx
    .select({ status: outboxEmails.status, stored, n: count() })
    .from(outboxEmails)
    .groupBy(outboxEmails.status, stored);
  const counts = { pending: 0, sending: 0, stored: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status === "sent" && row.stored ? "stored" : row.status] += Number(row.n);
  return counts;
}

function formatAddress(a: Address): string {
  if (a.group) return `${a.name}: ${a.group.map(formatAddress).join(", ")};`;
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

async function loadParsed(id: string, tx: Executor) {
  if (!UUID.test(id)) return null;
  const [row] = await tx
    .select({ id: mailboxMessages.id, raw: mailboxMessages.raw, receivedAt: mailboxMessages.receivedAt })
    .from(mailboxMessages)
    .where(eq(mailboxMessages.id, id));
  if (!row) return null;
  return { row, email: await parseMail(row.raw) };
}

/** One message as the mail client would show it; null when there is no such message. */
export async function getMailboxMessage(id: string, tx: Executor = db) {
  const loaded = await loadParsed(id, tx);
  if (!loaded) return null;
  const { row, email } = loaded;
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    subject: email.subject ?? "",
    from: email.from ? formatAddress(email.from) : "",
    to: (email.to ?? []).map(formatAddress).join(", "),
    /** The first recipient, bare and with name: who may answer the message (the demo's reply by email). */
    recipient: email.to?.find((a) => !a.group && a.address) ?? null,
    replyTo: email.replyTo?.find((a) => !a.group && a.address)?.address ?? null,
    date: email.date ?? null,
    messageId: email.messageId ?? null,
    html: email.html ?? null,
    text: email.text ?? null,
    attachments: email.attachments.map((a, index) => ({
      index,
      filename: attachmentName(a, index),
      mimeType: a.mimeType,
      size: attachmentBytes(a).byteLength,
      // postal-mime reads this from the part's Content-Type parameter (ACCEPTANCE F28).
      method: a.mimeType === "text/calendar" ? (a.method ?? null) : null,
    })),
  };
}

export type MailboxMessageView = NonNullable<Awaited<ReturnType<typeof getMailboxMessage>>>;

/**
 * One attachment's bytes; null for an unknown message or an index out of range. Calendar parts
 * (also `application/ics` or a bare `.ics` name) are typed `text/calendar` for the download.
 */
export async function getMailboxAttachment(id: string, index: number, tx: Executor = db) {
  if (!Number.isSafeInteger(index) || index < 0) return null;
  const loaded = await loadParsed(id, tx);
  const attachment = loaded?.email.attachments[index];
  if (!attachment) return null;
  const filename = attachmentName(attachment, index);
  const mimeType = isCalendarType(attachment.mimeType) || /\.ics$/i.test(filename) ? "text/calendar" : attachment.mimeType;
  return { filename, mimeType, content: attachmentBytes(attachment) };
}
