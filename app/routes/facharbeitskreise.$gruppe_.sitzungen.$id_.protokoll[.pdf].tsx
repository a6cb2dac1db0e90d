import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { groupIdFromSlug, loadMeeting } from "~/modules/groups/group-access.server";
import { minutesPdf } from "~/modules/groups/minutes.server";
import { pdfResponse } from "~/modules/pdf/document.server";
import { notFound } from "~/errors";
import { rowIdOrNotFound } from "~/validation";

/** The minutes as a PDF (issue 9, item 6): for whoever may read them (drafts only for the chairs, else 404). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const meetingId = rowIdOrNotFound(params.id);
  const { meeting } = await loadMeeting(user, meetingId);
  if (meeting.groupId !== groupId) notFound();
  const { pdf } = await minutesPdf({ user, meetingId });
  return pdfResponse(pdf, `Protokoll-${groupId}-${meetingId}.pdf`);
}
