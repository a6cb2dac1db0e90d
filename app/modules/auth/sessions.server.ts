import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { endedSessions, sessions } from "#db/schema/auth";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { generateToken, hashToken } from "./tokens.server";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** 30 minutes; browser tests shorten it with KAI_TEST_IDLE_TIMEOUT_SECONDS (refused in production). */
export function idleTimeoutMs(): number {
  const seconds = getEnv().KAI_TEST_IDLE_TIMEOUT_SECONDS;
  return seconds ? seconds * 1000 : IDLE_TIMEOUT_MS;
}
/** Refresh the idle expiry at most this often, so every request does not write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export async function createSession(userId: string, meta: SessionMeta = {}, tx: Executor = db) {
  const token = generateToken();
  const now = Date.now();
  const [session] = await tx
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      idleExpiresAt: new Date(now + idleTimeoutMs()),
      absoluteExpiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .returning();
  return { token, session };
}

/** The session fields the expiry check needs; the sign-in lookup (guards.server.ts) reads them joined with the person. */
export interface SessionTimes {
  id: string;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/**
 * Checks a session that was just read: an expired one is deleted on sight (and by the retention
 * job) and gives null. `touch` extends the idle expiry, at most once a minute so that not every
 * request writes; the session-status poll passes false so it does not keep a session alive by
 * itself. At most one statement.
 */
export async function checkSession<T extends SessionTimes>(session: T, { touch = true } = {}): Promise<T | null> {
  const now = Date.now();
  if (session.idleExpiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  if (touch && now - session.lastSeenAt.getTime() >= Math.min(TOUCH_INTERVAL_MS, idleTimeoutMs() / 4)) {
    const idleExpiresAt = new Date(Math.min(now + idleTimeoutMs(), session.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ lastSeenAt: new Date(now), idleExpiresAt }).where(eq(sessions.id, session.id));
    return { ...session, lastSeenAt: new Date(now), idleExpiresAt };
  }
  return session;
}

/** One click in the expiry warning: extends the idle time, never past the absolute limit. */
export async function extendSession(sessionId: string) {
  const now = Date.now();
  const [row] = await db
    .update(sessions)
    .set({
      lastSeenAt: new Date(now),
      idleExpiresAt: sql`least(${new Date(now + idleTimeoutMs()).toISOString()}::timestamptz, ${sessions.absoluteExpiresAt})`,
    })
    .where(eq(sessions.id, sessionId))
    .returning({ idleExpiresAt: sessions.idleExpiresAt, absoluteExpiresAt: sessions.absoluteExpiresAt });
  return row ?? null;
}

export async function invalidateSession(sessionId: string, tx: Executor = db) {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Why a cookie no longer signs anyone in: "ended" when its session was ended from elsewhere
 * (revoked, password changed or reset, person deactivated), "expired" otherwise.
 *
 * Decision: a tombstone of the ended session's id (its token's SHA-256) is kept in
 * `ended_sessions` for the cookie's lifetime. Expiry timestamps alone cannot tell the two apart,
 * since expired sessions are deleted (on sight and by the retention job, ACCEPTANCE A4) just like
 * revoked ones. Only the presented token's own hash is looked up, so the answer says nothing about
 * other accounts; an unknown or forged token reads as "expired".
 */
export async function sessionEndReason(token: string): Promise<"expired" | "ended"> {
  const row = await db.query.endedSessions.findFirst({ where: eq(endedSessions.id, hashToken(token)), columns: { id: true } });
  return row ? "ended" : "expired";
}

/** Remembers sessions ended from elsewhere (see sessionEndReason). Not for the person's own logout. */
async function recordEndedSessions(ids: string[], tx: Executor) {
  if (ids.length === 0) return;
  await tx
    .insert(endedSessions)
    .values(ids.map((id) => ({ id })))
    .onConflictDoNothing();
}

/** Ends every session of a person, or every one but `exceptSessionId`. */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string, tx: Executor = db) {
  const deleted = await tx
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  await recordEndedSessions(
    deleted.map((d) => d.id),
    tx,
  );
  return deleted.length;
}

/** The person's own sessions, newest first; only their own (the where carries the owner). */
export function listUserSessions(userId: string) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.idleExpiresAt} > now()`, sql`${sessions.absoluteExpiresAt} > now()`))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

/** Revokes one of the person's own sessions; someone else's session id changes nothing. */
export async function revokeOwnSession(userId: string, sessionId: string, tx: Executor = db) {
  const deleted = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  await recordEndedSessions(
    deleted.map((d) => d.id),
    tx,
  );
  return deleted.length > 0;
}

export async function deleteExpiredSessions(tx: Executor = db) {
  const now = new Date();
  // No cookie outlives the absolute timeout, so neither does its tombstone.
  await tx.delete(endedSessions).where(lt(endedSessions.endedAt, new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)));
  const deleted = await tx
    .delete(sessions)
    .where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .returning({ id: sessions.id });
  return deleted.length;
}
