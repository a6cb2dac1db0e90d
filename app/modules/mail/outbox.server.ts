import { render } from "@react-email/components";
import type { ReactElement } from "react";
import type { Executor } from "#db/client";
import type { OutboxAttachment } from "#db/schema/mail";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { nudgeMailDispatcher } from "~/modules/jobs/boss.server";

export interface EmailInput {
  to: { address: string; name?: string | null };
  template: string;
  subject: string;
  body: ReactElement;
  attachments?: OutboxAttachment[];
  headers?: Record<string, string>;
}

/** CR/LF in a header value must never start a new header or add a recipient (ACCEPTANCE D19). */
export function headerSafe(value: string, max = 250): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  return value.replace(/[\r\n\u2028\u2029\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max);
}

export async function renderEmail(body: ReactElement) {
  const [html, text] = await Promise.all([render(body), render(body, { plainText: true })]);
  // react-email's <Preview> padding can contain NUL characters, which PostgreSQL text refuses and
  // no mail client needs.
  return { html: html.replaceAll("\u0000", ""), text: text.replaceAll("\u0000", "") };
}

/**
 * The one way to send an email: queue it in the outbox inside the caller's transaction
 * (ACCEPTANCE E23). Nothing leaves before that transaction commits; a rollback sends nothing.
 */
export async function sendEmail(input: EmailInput, tx: Executor = db) {
  const { html, text } = await renderEmail(input.body);
  const [row] = await tx
    .insert(outboxEmails)
    .values({
      template: input.template,
      toAddress: input.to.address.toLowerCase(),
      toName: input.to.name ? headerSafe(input.to.name, 120) : null,
      subject: headerSafe(input.subject),
      html,
      text,
      attachments: input.attachments ?? [],
      headers: input.headers ?? {},
    })
    .returning({ id: outboxEmails.id });
  // Not awaited: it runs after the caller's transaction has settled. If that rolled back, the
  // dispatcher simply finds nothing to do; if the nudge is lost, the scheduled run picks it up.
  setTimeout(() => void nudgeMailDispatcher(), 20);
  return row.id;
}
