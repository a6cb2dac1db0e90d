import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { attachmentHeaders } from "~/modules/files/attachments";
import { getTicketAttachment } from "~/modules/tickets/queries.server";

/** One attachment of a ticket, with the ticket's own authorization (C14), always as a download (D20). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const file = await getTicketAttachment(user, params.number ?? "", params.id ?? "");
  return new Response(Buffer.from(file.content), { headers: attachmentHeaders({ name: file.name, mimeType: file.mimeType, size: file.size }) });
}
