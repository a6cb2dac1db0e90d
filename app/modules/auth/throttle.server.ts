import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { loginAttempts } from "#db/schema/auth";
import { db } from "~/db.server";

/**
 * Login throttling (ACCEPTANCE A8): per account whatever the client IP, and per IP whatever the
 * account. Counted for every address, known or not, so throttling does not reveal accounts.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Whether this address or IP is over its limit. Call it inside the login transaction after
 * `lockAccountAttempts`, so parallel attempts on one account are counted one after another.
 */
export async function isLoginThrottled(email: string, ip: string | null, tx: Executor = db) {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const [account] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, since)));
  if (account.n >= MAX_FAILURES_PER_ACCOUNT) return true;
  if (!ip) return false;
  const [byIp] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, since)));
  return byIp.n >= MAX_FAILURES_PER_IP;
}

/**
 * Serialises sign-in attempts on one address until the transaction ends: N parallel guesses are
 * checked one after another, so no more than the limit ever reach the password check (A8).
 */
export async function lockAccountAttempts(email: string, tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${email}`}))`);
}

export async function recordLoginAttempt(email: string, ip: string | null, success: boolean, tx: Executor = db) {
  // A successful sign-in clears the account's failures, so the owner is not locked out later.
  if (success) await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false)));
  await tx.insert(loginAttempts).values({ email, ip, success });
}

export async function deleteOldLoginAttempts(olderThanDays: number, tx: Executor = db) {
  const deleted = await tx
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(Date.now() - olderThanDays * 86_400_000)))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
