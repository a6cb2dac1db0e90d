import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { extendSession } from "~/modules/auth/sessions.server";

/** The one-click extension in the expiry warning (ACCEPTANCE A4). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(request, context, { touch: false });
  if (!user) return data({ idleRemainingMs: null }, { status: 401 });
  const row = await extendSession(user.session.id);
  return { idleRemainingMs: row ? row.idleExpiresAt.getTime() - Date.now() : null };
}
