import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { mailboxMessages } from "#db/schema/mail";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";

export interface SentInfo {
  messageId: string;
}
export interface MailTransport {
  send(message: Mail.Options & { outboxId: string }): Promise<SentInfo>;
  close(): void;
}

/** SMTP when SMTP_URL is set; otherwise the built-in mailbox that admins read in the app. */
export function createMailTransport(): MailTransport {
  const env = getEnv();
  if (env.SMTP_URL) {
    const smtp = nodemailer.createTransport(env.SMTP_URL);
    return {
      async send({ outboxId: _outboxId, ...message }) {
        const info = await smtp.sendMail(message);
        return { messageId: info.messageId };
      },
      close: () => smtp.close(),
    };
  }
  // Compose the exact RFC 5322 message an SMTP server would get, and keep it.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send({ outboxId, ...message }) {
      const info = await composer.sendMail(message);
      // nodemailer ends header lines with CRLF but leaves the body parts' own LFs; SMTP sends
      // CRLF throughout (RFC 5322 2.3), so the stored copy does too.
      const raw = (info.message as Buffer).toString("utf8").replace(/\r?\n/g, "\r\n");
      const to = message.to as { address: string };
      await db.insert(mailboxMessages).values({
        outboxId,
        toAddress: to.address,
        subject: String(message.subject ?? ""),
        raw,
      });
      return { messageId: info.messageId };
    },
    close: () => composer.close(),
  };
}
