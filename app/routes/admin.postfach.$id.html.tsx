import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { getMailboxMessage } from "~/modules/mail/mailbox.server";

/**
 * The HTML body of a mailbox message, for the sandboxed frame on the message page. The mail is
 * foreign content: the CSP sandboxes it even when opened directly (no scripts, no forms, an opaque
 * origin), loads nothing from outside (no tracking pixels) and lets only our own pages frame it.
 */
const MAIL_HTML_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const message = await getMailboxMessage(params.id ?? "");
  if (!message || message.html == null) throw new Response("Nicht gefunden", { status: 404 });
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": MAIL_HTML_CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
