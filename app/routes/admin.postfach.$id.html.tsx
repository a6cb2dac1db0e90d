import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { getMailboxMessage } from "~/modules/mail/mailbox.server";
import { notFound } from "~/errors";

/**
 * The HTML body of a mailbox message, for the sandboxed frame on the message page. The mail is
 * foreign content: the CSP sandboxes it even when opened directly (no scripts, no forms, an opaque
 * origin), loads nothing from outside (no tracking pixels) and lets only our own pages frame it.
 * Popups are the one thing allowed: the mail's links and buttons open in a new tab (a `<base
 * target="_blank">` is put into the HTML), outside the sandbox so the linked page works.
 */
export const MAIL_HTML_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Every link of the message opens in a new tab: a base target right after <head> (or first). */
export function withNewTabLinks(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length);
  return base + html;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const message = await getMailboxMessage(params.id ?? "");
  if (!message || message.html == null) notFound();
  return new Response(withNewTabLinks(message.html), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": MAIL_HTML_CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
