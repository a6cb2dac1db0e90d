import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentUser } from "~/modules/auth/guards.server";

/**
 * Time left in the session, read without extending it. The expiry warning asks before it warns
 * or signs out, so a tab left alone does not end a session that another tab keeps busy.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, { touch: false });
  return Response.json(
    { idleRemainingMs: user ? user.session.idleExpiresAt.getTime() - Date.now() : 0 },
    { headers: { "Cache-Control": "no-store" } },
  );
}
