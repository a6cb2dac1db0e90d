import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { contextOf } from "~/context";
import { logout } from "~/modules/auth/account.server";
import { clearSessionCookie } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/modules/auth/guards.server";

// POST only (ACCEPTANCE A5, B11): a GET here is a 405 from Remix, there is no loader.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(request, { touch: false });
  if (user) await logout({ sessionId: user.session.id, userId: user.id, ip: contextOf(context).clientIp });
  return redirect("/anmelden?abgemeldet=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}
