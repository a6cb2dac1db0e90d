import { and, count, eq, gte, lt } from "drizzle-orm";
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
 * Records the attempt as a failure *before* the password is checked, then counts. Parallel
 * attempts therefore each see the others: at most the limit ever reaches the password check,
 * however many arrive at once. Returns true when this attempt is over the limit.
 */
export async function claimLoginAttempt(email: string, ip: string | null): Promise<boolean> {
  await db.insert(loginAttempts).values({ email, ip, success: false });
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const [account] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, since)));
  if (account.n > MAX_FAILURES_PER_ACCOUNT) return true;
  if (!ip) return false;
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, since)));
  return byIp.n > MAX_FAILURES_PER_IP;
}

/** The password was right: the account's failures (including this attempt's) are cleared. */
export async function recordLoginSuccess(email: string, ip: string | null, tx: Executor = db) {
  await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false)));
  await tx.insert(loginAttempts).values({ email, ip, success: true });
}

export async function deleteOldLoginAttempts(olderThanDays: number, tx: Executor = db) {
  const deleted = await tx
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(Date.now() - olderThanDays * 86_400_000)))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
