import { and, count, desc, eq, gte, lt, max, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { loginAttempts } from "#db/schema/auth";
import { db } from "~/db.server";

/**
 * Throttling of password checks (ACCEPTANCE A8, ASVS 2.2.1): sign-in and every check of the
 * current password (/konto) share one counter per account. Counted for every address, known or
 * not, so throttling does not reveal accounts.
 *
 * Per account, whatever the client IP:
 * - 5 failures in a row are free; then the account's checks are refused for 1 minute after the
 *   latest failure, and each further failure doubles that: 2, 4, 8, then 15 minutes at most.
 *   Failure 5 → 1 min, 6 → 2, 7 → 4, 8 → 8, 9 and later → 15.
 * - A refused attempt checks no password: it is not recorded, so it neither counts as a failure
 *   nor extends the lock. Trying once a minute cannot keep an account locked.
 * - A success, or a used password-reset link, clears the account's failures; failures older than
 *   24 hours are forgotten.
 * - So a guesser gets at most 12 passwords an hour on one account (5, then after 1+2+4+8+15+15+15
 *   minutes one each), well under ASVS's 100.
 *
 * Per IP: failed checks from one IP on 100 distinct accounts within the last hour refuse that
 * IP's checks until the oldest of them is an hour old. Many failures on few accounts do not count
 * against the IP (the account lock handles them), so a town hall's staff behind one NAT, each
 * mistyping their own password, does not lock out the building; spraying one password over many
 * accounts does hit it.
 */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_LOCK_MINUTES = 15;
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
export const MAX_ACCOUNTS_PER_IP = 100;
export const IP_WINDOW_MS = 60 * 60 * 1000;

/** Minutes an account stays locked after its `failures`-th failure in a row (0: not locked). */
export function lockMinutes(failures: number): number {
  if (failures < MAX_FAILURES_PER_ACCOUNT) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - MAX_FAILURES_PER_ACCOUNT));
}

export interface ThrottleLock {
  /** What is locked: the account (any IP) or the client IP (any account). */
  scope: "account" | "ip";
  until: Date;
}

/** The lock that refuses a check on this address from this IP now, or null. */
export async function findThrottleLock(email: string, ip: string | null, tx: Executor = db): Promise<ThrottleLock | null> {
  const now = Date.now();
  const [account] = await tx
    .select({ failures: count(), latest: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, new Date(now - FAILURE_MEMORY_MS))));
  const minutes = lockMinutes(account.failures);
  if (minutes > 0 && account.latest) {
    const until = new Date(new Date(account.latest).getTime() + minutes * 60_000);
    if (until.getTime() > now) return { scope: "account", until };
  }
  if (!ip) return null;
  // The IP's 100th most recently failed account, if there are 100: the lock lasts until that
  // account's latest failure from here is an hour old.
  const latest = max(loginAttempts.createdAt);
  const [hundredth] = await tx
    .select({ latest })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gte(loginAttempts.createdAt, new Date(now - IP_WINDOW_MS))))
    .groupBy(loginAttempts.email)
    .orderBy(desc(latest))
    .offset(MAX_ACCOUNTS_PER_IP - 1)
    .limit(1);
  return hundredth?.latest ? { scope: "ip", until: new Date(new Date(hundredth.latest).getTime() + IP_WINDOW_MS) } : null;
}

/** The German answer to a refused check, with the wait rounded up to whole minutes. */
export function throttledMessage(lock: ThrottleLock): string {
  const minutes = Math.max(1, Math.ceil((lock.until.getTime() - Date.now()) / 60_000));
  const wait = minutes === 1 ? "1 Minute" : `${minutes} Minuten`;
  return lock.scope === "account"
    ? `Zu viele falsche Passwörter oder Codes für dieses Konto. Bitte warten Sie ${wait} oder setzen Sie Ihr Passwort zurück.`
    : `Zu viele fehlgeschlagene Anmeldeversuche aus Ihrem Netzwerk. Bitte versuchen Sie es in ${wait} erneut.`;
}

export type ThrottledCheck = { outcome: "valid" } | { outcome: "invalid" } | { outcome: "throttled"; lock: ThrottleLock };

/**
 * What a check found: the secret was right (true), wrong (false), or right but only the first of
 * two steps ("first-step": the password of a person with a second factor). A first step records
 * nothing: as a success it would clear the account's failures, and a known password would then
 * buy unlimited guesses at the code.
 */
export type CheckResult = boolean | "first-step";

/**
 * The one way to check a secret of an account (its password, its second factor) under the
 * throttle: refuses while the account or the IP is locked, otherwise runs `check` and records its
 * outcome. Must run inside a transaction: parallel checks on one address, or from one IP, then run
 * one after another, so no more than the limits ever reach `check` (A8, tested on PostgreSQL with
 * concurrent connections).
 */
export async function checkThrottled(args: { email: string; ip: string | null }, check: () => Promise<CheckResult>, tx: Executor): Promise<ThrottledCheck> {
  // Always the account first, then the IP: no two checks wait on each other in a circle.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${args.email}`}))`);
  if (args.ip) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login-ip:${args.ip}`}))`);
  const lock = await findThrottleLock(args.email, args.ip, tx);
  if (lock) return { outcome: "throttled", lock };
  const result = await check();
  if (result === "first-step") return { outcome: "valid" };
  await recordLoginAttempt(args.email, args.ip, result, tx);
  return { outcome: result ? "valid" : "invalid" };
}

async function recordLoginAttempt(email: string, ip: string | null, success: boolean, tx: Executor) {
  // A success clears the account's failures, so the owner is not locked out later.
  if (success) await clearAccountFailures(email, tx);
  // The app's clock, like the lock's arithmetic above, so both agree whatever the database's clock says.
  await tx.insert(loginAttempts).values({ email, ip, success, createdAt: new Date() });
}

/** A used reset link proves the mailbox, so the account's failures no longer count. */
export async function clearAccountFailures(email: string, tx: Executor = db) {
  await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false)));
}

export async function deleteOldLoginAttempts(olderThanDays: number, tx: Executor = db) {
  const deleted = await tx
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(Date.now() - olderThanDays * 86_400_000)))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
