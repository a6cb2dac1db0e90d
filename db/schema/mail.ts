import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
  /** For text/calendar parts: the iTIP method, repeated on the MIME part (ACCEPTANCE F28). */
  method?: "REQUEST" | "CANCEL";
}

/**
 * Transactional outbox (ACCEPTANCE E23): the row is written in the same transaction as the change
 * that causes it; the pg-boss dispatcher claims due rows and delivers them.
 */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    attachments: jsonb("attachments").$type<OutboxAttachment[]>().notNull().default([]),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    status: text("status").$type<"pending" | "sending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Not before this time (backoff after a temporary failure). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A dispatcher holds the row until then; a crashed one's lease runs out and another resumes. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_emails_due_idx").on(t.status, t.nextAttemptAt),
    check("outbox_emails_status_check", sql`${t.status} in ('pending','sending','sent','failed')`),
  ],
);

/**
 * The built-in mailbox: without SMTP_URL, the dispatcher delivers the exact RFC 5322 message here
 * instead, and admins read it in the app.
 */
export const mailboxMessages = pgTable(
  "mailbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id").references(() => outboxEmails.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    raw: text("raw").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mailbox_messages_received_idx").on(t.receivedAt), index("mailbox_messages_to_idx").on(t.toAddress)],
);

export type OutboxEmail = typeof outboxEmails.$inferSelect;
export type MailboxMessage = typeof mailboxMessages.$inferSelect;
