import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { Role } from "#db/schema/auth";
import { userRoles, users } from "#db/schema/auth";
import { db } from "~/db.server";
import { clearSessionCookie, readSessionToken } from "./cookie.server";
import type { RoleGrant } from "./roles";
import { hasRole } from "./roles";
import { sessionEndReason, validateSessionToken } from "./sessions.server";
import { safeRedirectPath } from "./redirect";
import { requireSecondFactorFor } from "./second-factor.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  municipalityId: number | null;
  roles: RoleGrant[];
  session: { id: string; idleExpiresAt: Date; absoluteExpiresAt: Date };
}

/**
 * Remix hands the same Request to the root loader and the page's loader; both ask who is signed
 * in. One lookup per request and mode, not one per loader.
 */
const perRequest = new WeakMap<Request, Map<boolean, Promise<CurrentUser | null>>>();

/** The signed-in person, or null. Inactive people have no sessions, but we check anyway. */
export function getCurrentUser(request: Request, { touch = true } = {}): Promise<CurrentUser | null> {
  let byMode = perRequest.get(request);
  if (!byMode) perRequest.set(request, (byMode = new Map()));
  let lookup = byMode.get(touch);
  if (!lookup) {
    lookup = lookUpCurrentUser(request, touch);
    // A failed lookup (database gone) is not remembered: the next loader may try again.
    lookup.catch(() => byMode!.delete(touch));
    byMode.set(touch, lookup);
  }
  return lookup;
}

async function lookUpCurrentUser(request: Request, touch: boolean): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const session = await validateSessionToken(token, { touch });
  if (!session) return null;
  const user = await db.query.users.findFirst({
    where: eq(users.id, session.userId),
    columns: { id: true, email: true, name: true, municipalityId: true, active: true },
  });
  if (!user || !user.active) return null;
  const roles = await db
    .select({
      role: userRoles.role,
      centreId: userRoles.centreId,
      workingGroup: userRoles.workingGroup,
      municipalityId: userRoles.municipalityId,
    })
    .from(userRoles)
    .where(eq(userRoles.userId, user.id));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    municipalityId: user.municipalityId,
    roles,
    session: { id: session.id, idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
  };
}

/**
 * Why the request's cookie signs nobody in: null without a cookie; "expired" after the idle or
 * absolute timeout; "ended" when the session was ended from elsewhere (see sessionEndReason).
 * Call only when getCurrentUser answered null.
 */
export async function signedOutReason(request: Request): Promise<"expired" | "ended" | null> {
  const token = readSessionToken(request);
  return token ? sessionEndReason(token) : null;
}

/** The sign-in page's query parameter for each reason (the page shows the matching message). */
export const SIGNED_OUT_PARAM = { expired: "abgelaufen", ended: "beendet" } as const;

/**
 * The signed-in person, or a redirect to the sign-in page that comes back here afterwards
 * (`redirectTo`, same-origin paths only). When a cookie was sent but its session is gone, the
 * sign-in page learns why (expired or ended elsewhere) and the stale cookie is cleared.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, "/start");
    const reason = await signedOutReason(request);
    const target = `/anmelden?redirectTo=${encodeURIComponent(back)}${reason ? `&${SIGNED_OUT_PARAM[reason]}=1` : ""}`;
    throw redirect(target, reason ? { headers: { "Set-Cookie": clearSessionCookie() } } : undefined);
  }
  return user;
}

/**
 * The person must hold one of `roles`. Otherwise 404: a page someone may not use does not
 * confirm that it exists (ACCEPTANCE C14). Admins and centre managers also need their second
 * factor set up (issue 6 item 8); without it they are led to the enrolment page.
 */
export async function requireRole(request: Request, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasRole(user.roles, ...roles)) throw new Response("Nicht gefunden", { status: 404 });
  await requireSecondFactorFor(request, user, roles);
  return user;
}
