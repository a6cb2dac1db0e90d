import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { notFound } from "~/errors";
import { groupIdFromSlug } from "~/modules/groups/group-access.server";
import { getMeetingAnswers } from "~/modules/groups/meeting-page.server";
import { rowIdOrNotFound } from "~/validation";

/**
 * The members' answers to a meeting, for its chairs (issue 9, item 3), as JSON: the open meeting
 * page asks again while it is visible. Read without extending the session, so a chair's open tab
 * does not keep the session alive past its idle timeout (ACCEPTANCE A4). Anyone else: 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context, { touch: false });
  if (!user) notFound();
  const answers = await getMeetingAnswers(user, groupIdFromSlug(params.gruppe), rowIdOrNotFound(params.id));
  return Response.json(answers, { headers: { "Cache-Control": "no-store" } });
}
