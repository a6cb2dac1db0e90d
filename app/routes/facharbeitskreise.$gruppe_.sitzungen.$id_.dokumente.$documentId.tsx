import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { attachmentHeaders } from "~/modules/files/attachments";
import { getAgendaDocument } from "~/modules/groups/agenda.server";
import { groupIdFromSlug } from "~/modules/groups/group-access.server";
import { rowIdOrNotFound } from "~/validation";

/** One document of an agenda item, with the meeting's authorization (signed in, the slug's group), always as a download (D20). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const file = await getAgendaDocument(groupIdFromSlug(params.gruppe), rowIdOrNotFound(params.id), params.documentId ?? "");
  return new Response(Buffer.from(file.content), { headers: attachmentHeaders({ name: file.name, mimeType: file.mimeType, size: file.size }) });
}
