import { and, isNotNull, lt, or } from "drizzle-orm";
import { userTokens } from "#db/schema/auth";
import { mailboxMessages } from "#db/schema/mail";
import { db } from "~/db.server";
import { deleteOldLoginAttempts } from "~/modules/auth/throttle.server";
import { deleteExpiredSessions } from "~/modules/auth/sessions.server";

/** Retention periods in days (ACCEPTANCE I43); configurable through the environment. */
export function retentionDays() {
  const days = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    loginAttempts: days("RETENTION_LOGIN_ATTEMPTS_DAYS", 30),
    usedTokens: days("RETENTION_TOKENS_DAYS", 30),
    mailbox: days("RETENTION_MAILBOX_DAYS", 90),
  };
}

export async function runRetention() {
  const days = retentionDays();
  const ago = (d: number) => new Date(Date.now() - d * 86_400_000);
  const sessions = await deleteExpiredSessions();
  const loginAttempts = await deleteOldLoginAttempts(days.loginAttempts);
  const tokens = (
    await db
      .delete(userTokens)
      .where(or(lt(userTokens.expiresAt, ago(days.usedTokens)), and(isNotNull(userTokens.usedAt), lt(userTokens.usedAt, ago(days.usedTokens)))))
      .returning({ h: userTokens.tokenHash })
  ).length;
  const mailbox = (await db.delete(mailboxMessages).where(lt(mailboxMessages.receivedAt, ago(days.mailbox))).returning({ id: mailboxMessages.id })).length;
  return { sessions, loginAttempts, tokens, mailbox };
}
