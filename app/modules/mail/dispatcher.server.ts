import { and, asc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { outboxEmails, type OutboxEmail } from "#db/schema/mail";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { log } from "~/log.server";
import { createMailTransport, type MailTransport } from "./transport.server";

export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * Temporary: SMTP 4xx and connection trouble; retried with backoff.
 * Permanent: SMTP 5xx and malformed messages; marked failed at once.
 */
export function isTemporaryFailure(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === "number") return e.responseCode >= 400 && e.responseCode < 500;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNREFUSED", "ECONNRESET", "EDNS", "ETLS", "EPROTOCOL"].includes(
    e?.code ?? "",
  ) || e?.code === undefined;
}

/**
 * Claims due rows for this dispatcher: pending and due, or held by a dispatcher whose lease ran
 * out (it crashed). SKIP LOCKED lets several instances claim side by side, each row once.
 */
export async function claimDueEmails(limit: number): Promise<OutboxEmail[]> {
  // A message whose dispatcher died on it MAX_ATTEMPTS times is not retried forever.
  await db
    .update(outboxEmails)
    .set({ status: "failed", leaseUntil: null, lastError: "Zustellung mehrfach abgebrochen" })
    .where(and(eq(outboxEmails.status, "sending"), lte(outboxEmails.leaseUntil, sql`now()`), gte(outboxEmails.attempts, MAX_ATTEMPTS)));
  const due = db
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(
      or(
        and(eq(outboxEmails.status, "pending"), lte(outboxEmails.nextAttemptAt, sql`now()`)),
        and(eq(outboxEmails.status, "sending"), lte(outboxEmails.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(outboxEmails.createdAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(outboxEmails)
    .set({
      status: "sending",
      leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      attempts: sql`${outboxEmails.attempts} + 1`,
    })
    .where(inArray(outboxEmails.id, due))
    .returning();
}

/**
 * Text that looks like an RFC 2047 encoded word ("=?UTF-8?B?…?=") in a name or subject would go
 * out as plain ASCII (nodemailer only quotes it), and mail clients decode it anyway: the person
 * would see another name than the one typed, and Python's email flags a defect (ACCEPTANCE E22).
 * An invisible word joiner (U+2060) between "=" and "?" keeps the text as typed on screen and
 * makes the text non-ASCII, so nodemailer sends it as an encoded word of its own.
 */
export function defuseEncodedWords(text: string): string {
  return text.replaceAll("=?", "=\u2060?");
}

function toMessage(row: OutboxEmail) {
  const env = getEnv();
  const calendar = row.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  const others = row.attachments.filter((a) => a !== calendar);
  return {
    outboxId: row.id,
    from: env.MAIL_FROM,
    to: { name: defuseEncodedWords(row.toName ?? ""), address: row.toAddress },
    subject: defuseEncodedWords(row.subject),
    html: row.html,
    text: row.text,
    // Every mail the portal sends is automatic (RFC 3834): no out-of-office replies to it. Set here,
    // on the one path to both transports, so the SMTP and the mailbox copy carry it alike.
    headers: { ...row.headers, "Auto-Submitted": "auto-generated" },
    attachments: others.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "base64") })),
    // nodemailer puts the method on the MIME part too: text/calendar; method=REQUEST (ACCEPTANCE F28).
    icalEvent: calendar
      ? { method: calendar.method ?? "REQUEST", filename: calendar.filename, content: Buffer.from(calendar.content, "base64").toString("utf8") }
      : undefined,
  };
}

async function deliver(row: OutboxEmail, transport: MailTransport) {
  try {
    const info = await transport.send(toMessage(row));
    // Marked sent only after the server accepted it; a crash before this line means at most this
    // one message is sent again (ACCEPTANCE E26).
    await db
      .update(outboxEmails)
      .set({ status: "sent", sentAt: new Date(), messageId: info.messageId, leaseUntil: null, lastError: null })
      .where(and(eq(outboxEmails.id, row.id), eq(outboxEmails.status, "sending")));
    return "sent" as const;
  } catch (error) {
    const temporary = isTemporaryFailure(error) && row.attempts < MAX_ATTEMPTS;
    const message = String((error as Error)?.message ?? error).slice(0, 500);
    log.warn("mail delivery failed", { outboxId: row.id, attempts: row.attempts, temporary, error: message });
    await db
      .update(outboxEmails)
      .set(
        temporary
          ? { status: "pending", leaseUntil: null, lastError: message, nextAttemptAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000) }
          : { status: "failed", leaseUntil: null, lastError: message },
      )
      .where(and(eq(outboxEmails.id, row.id), eq(outboxEmails.status, "sending")));
    return temporary ? ("retry" as const) : ("failed" as const);
  }
}

/** Delivers everything that is due, throttled to MAIL_RATE_PER_SECOND. Returns counts. */
export async function dispatchDueEmails({ batchSize = 20, transport }: { batchSize?: number; transport?: MailTransport } = {}) {
  const own = transport ?? createMailTransport();
  const interval = 1000 / getEnv().MAIL_RATE_PER_SECOND;
  const counts = { sent: 0, retry: 0, failed: 0 };
  try {
    for (;;) {
      const rows = await claimDueEmails(batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const started = Date.now();
        counts[await deliver(row, own)]++;
        const wait = interval - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }
  } finally {
    if (!transport) own.close();
  }
  return counts;
}
