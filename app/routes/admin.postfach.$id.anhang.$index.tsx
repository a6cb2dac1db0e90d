import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { attachmentHeaders } from "~/modules/files/attachments";
import { getMailboxAttachment } from "~/modules/mail/mailbox.server";
import { notFound } from "~/errors";

/** Downloads one attachment of a mailbox message; never shown inline (ACCEPTANCE D20). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const index = /^\d{1,4}$/.test(params.index ?? "") ? Number(params.index) : -1;
  const attachment = index < 0 ? null : await getMailboxAttachment(params.id ?? "", index);
  if (!attachment) notFound();
  return new Response(attachment.content, {
    headers: attachmentHeaders({ name: attachment.filename, mimeType: attachment.mimeType, size: attachment.content.byteLength }),
  });
}
