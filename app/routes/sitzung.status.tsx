import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentUser, signedOutReason } from "~/modules/auth/guards.server";

/**
 * Time left in the session, read without extending it. The expiry warning asks before it warns
 * or signs out, so a tab left alone does not end a session that another tab keeps busy.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context, { touch: false });
  // Signed out: whether it expired or was ended elsewhere, so the page says the right thing.
  const body = user ? { idleRemainingMs: user.session.idleExpiresAt.getTime() - Date.now() } : { idleRemainingMs: 0, ended: (await signedOutReason(request)) === "ended" };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
