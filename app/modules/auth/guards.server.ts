import { redirect } from "@remix-run/node";
import { asc, eq, sql } from "drizzle-orm";
import type { Role } from "#db/schema/auth";
import { sessions, userRoles, userSecondFactors, users } from "#db/schema/auth";
import { runPrepared } from "~/db.server";
import { notFound } from "~/errors";
import { clearSessionCookie, readSessionToken } from "./cookie.server";
import type { RoleGrant } from "./roles";
import { hasRole } from "./roles";
import { checkSession, sessionEndReason } from "./sessions.server";
import { hashToken } from "./tokens.server";
import { safeRedirectPath } from "./redirect";
import { requireSecondFactorFor } from "./second-factor.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  municipalityId: number | null;
  roles: RoleGrant[];
  /** Whether the person has a confirmed second factor (required for Verwaltung, issue 6 item 8). */
  secondFactor: boolean;
  session: { id: string; idleExpiresAt: Date; absoluteExpiresAt: Date };
}

/**
 * What the sign-in lookup reads, in one statement: the session, its person and the person's role
 * grants (one row per grant; a person without grants gives one row whose `role` is null). A later
 * column of the person or the session (a second factor, say) is one more field here.
 */
const SIGNED_IN_COLUMNS = {
  session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt, idleExpiresAt: sessions.idleExpiresAt, absoluteExpiresAt: sessions.absoluteExpiresAt },
  user: { id: users.id, email: users.email, name: users.name, municipalityId: users.municipalityId, active: users.active },
  secondFactorConfirmedAt: userSecondFactors.confirmedAt,
  role: { role: userRoles.role, centreId: userRoles.centreId, workingGroup: userRoles.workingGroup, municipalityId: userRoles.municipalityId },
};

/**
 * One lookup per request (issue 6, item 11). Remix creates a new Request for every loader, but
 * hands all of them the same load context, which server/app.js makes fresh for each request; so
 * the context is the key, and the entry goes when the request is done. Only GET and HEAD lookups
 * are kept: an action may change who is signed in, or their name, and the loaders that run after
 * it in the same request must see that.
 */
const perRequest = new WeakMap<object, Map<boolean, Promise<CurrentUser | null>>>();

/**
 * The signed-in person, or null. `context` is the loader's or action's `context`; without one
 * (a direct call in a test) nothing is remembered. Inactive people have no sessions, but we check
 * anyway.
 */
export function getCurrentUser(request: Request, context: object | undefined, { touch = true } = {}): Promise<CurrentUser | null> {
  const remember = context !== undefined && (request.method === "GET" || request.method === "HEAD");
  if (!remember) return lookUpCurrentUser(request, touch);
  let byMode = perRequest.get(context);
  if (!byMode) perRequest.set(context, (byMode = new Map()));
  let lookup = byMode.get(touch);
  if (!lookup) {
    lookup = lookUpCurrentUser(request, touch);
    // A failed lookup (database gone) is not remembered: the next loader may try again.
    lookup.catch(() => byMode.delete(touch));
    byMode.set(touch, lookup);
  }
  return lookup;
}

/** One joined statement, and one more when the session expired (deleted) or is due a touch. */
async function lookUpCurrentUser(request: Request, touch: boolean): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const rows = await runPrepared(
    "signed-in-user",
    (d) =>
      d
        .select(SIGNED_IN_COLUMNS)
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(userSecondFactors, eq(userSecondFactors.userId, users.id))
        .leftJoin(userRoles, eq(userRoles.userId, users.id))
        .where(eq(sessions.id, sql.placeholder("sessionId")))
        .orderBy(asc(userRoles.id))
        .prepare("signed_in_user"),
    { sessionId: hashToken(token) },
  );
  const first = rows[0];
  if (!first || !first.user.active) return null;
  const session = await checkSession(first.session, { touch });
  if (!session) return null;
  const { id, email, name, municipalityId } = first.user;
  return {
    id,
    email,
    name,
    municipalityId,
    roles: rows.flatMap((r) => (r.role ? [r.role] : [])),
    secondFactor: first.secondFactorConfirmedAt !== null,
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
export async function requireUser(request: Request, context: object): Promise<CurrentUser> {
  const user = await getCurrentUser(request, context);
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
export async function requireRole(request: Request, context: object, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser(request, context);
  if (!hasRole(user.roles, ...roles)) notFound();
  requireSecondFactorFor(request, user, roles);
  return user;
}
