import { and, eq, ne } from "drizzle-orm";
import { sessions } from "#db/schema/auth";
import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { invalidateUserSessions, listUserSessions, revokeOwnSession } from "./sessions.server";
import { hashToken } from "./tokens.server";
import { describeUserAgent } from "./user-agent";

/**
 * The "Angemeldete Geräte" section of /konto (ACCEPTANCE A6). A session's id is the SHA-256 of its cookie token:
 * not a credential, but still a hash the page need not carry (C15). The page gets a short
 * reference derived from it instead, and a reference is only ever looked up among the person's
 * own sessions, so someone else's reference (or id) matches nothing.
 */
export function sessionRef(sessionId: string): string {
  return hashToken(`kai-session-ref:${sessionId}`).slice(0, 24);
}

export async function listOwnSessions(args: { userId: string; currentSessionId: string }) {
  const rows = await listUserSessions(args.userId);
  return rows.map((row) => ({
    ref: sessionRef(row.id),
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    browser: describeUserAgent(row.userAgent),
    ip: row.ip,
    current: row.id === args.currentSessionId,
  }));
}

/**
 * Ends one of the person's other sessions. The current one is not offered (that is "Abmelden").
 * Returns false when the reference matches none of their other sessions.
 */
export async function revokeSession(args: { userId: string; currentSessionId: string; ref: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const own = await tx
      .select({ id: sessions.id, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.userId, args.userId), ne(sessions.id, args.currentSessionId)));
    const target = own.find((s) => sessionRef(s.id) === args.ref);
    if (!target) return false;
    if (!(await revokeOwnSession(args.userId, target.id, tx))) return false;
    await recordAudit(
      {
        actorId: args.userId,
        action: "auth.session_revoked",
        entityType: "user",
        entityId: args.userId,
        before: { session: args.ref, browser: describeUserAgent(target.userAgent) },
        ip: args.ip,
      },
      tx,
    );
    return true;
  });
}

/** "Auf allen anderen Geräten abmelden": every session but the current one. Returns how many ended. */
export async function revokeOtherSessions(args: { userId: string; currentSessionId: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const ended = await invalidateUserSessions(args.userId, args.currentSessionId, tx);
    await recordAudit(
      { actorId: args.userId, action: "auth.other_sessions_revoked", entityType: "user", entityId: args.userId, after: { ended }, ip: args.ip },
      tx,
    );
    return ended;
  });
}
