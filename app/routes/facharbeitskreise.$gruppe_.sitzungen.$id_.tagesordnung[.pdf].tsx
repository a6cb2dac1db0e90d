import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { agendaPdf } from "~/modules/groups/agenda.server";
import { groupIdFromSlug } from "~/modules/groups/group-access.server";
import { pdfResponse } from "~/modules/pdf/document.server";
import { rowIdOrNotFound } from "~/validation";

/** The agenda as a PDF (issue 9, item 4): like the meeting page, for every signed-in person. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { pdf, meeting } = await agendaPdf({ groupId: groupIdFromSlug(params.gruppe), meetingId: rowIdOrNotFound(params.id) });
  return pdfResponse(pdf, `Tagesordnung-${meeting.groupId}-${meeting.id}.pdf`);
}
