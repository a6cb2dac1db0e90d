import { and, count, eq, gt, isNull } from "drizzle-orm";
import { createElement } from "react";
import { loginAttempts, userTokens, users } from "#db/schema/auth";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { renderEmail, sendEmail } from "~/modules/mail/outbox.server";
import { PasswordChangedEmail } from "#emails/password-changed";
import { PasswordResetEmail } from "#emails/password-reset";
import { getDummyHash, hashPassword, verifyPassword } from "./passwords.server";
import { hasSecondFactor } from "./second-factor.server";
import { createSession, invalidateSession, invalidateUserSessions, type SessionMeta } from "./sessions.server";
import { isLoginThrottled, lockAccountAttempts, recordLoginAttempt } from "./throttle.server";
import { generateToken, hashToken } from "./tokens.server";

export const RESET_VALIDITY_MS = 60 * 60 * 1000;
export const MAX_RESET_MAILS_PER_HOUR = 3;
export const LOGIN_FAILED_MESSAGE = "E-Mail-Adresse oder Passwort ist falsch.";
export const LOGIN_THROTTLED_MESSAGE =
  "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten oder setzen Sie Ihr Passwort zurück.";

export type LoginResult =
  | { ok: true; secondFactor?: false; token: string; userId: string }
  /** The password was right; the session waits for the second factor (second-factor.server.ts). */
  | { ok: true; secondFactor: true; userId: string }
  | { ok: false; message: string; status: number };

/**
 * Same answer, in about the same time, for unknown addresses, wrong passwords and inactive
 * accounts (ACCEPTANCE A9). A fresh session every time (A3).
 */
export async function login(args: { email: string; password: string; previousToken?: string | null } & SessionMeta): Promise<LoginResult> {
  const ip = args.ip ?? null;
  return db.transaction(async (tx) => {
    await lockAccountAttempts(args.email, tx);
    if (await isLoginThrottled(args.email, ip, tx)) {
      await recordLoginAttempt(args.email, ip, false, tx);
      return { ok: false as const, message: LOGIN_THROTTLED_MESSAGE, status: 429 };
    }
    const [user] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
      .from(users)
      .where(eq(users.email, args.email));
    const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), args.password);
    if (!user || !user.passwordHash || !user.active || !valid) {
      await recordLoginAttempt(args.email, ip, false, tx);
      return { ok: false as const, message: LOGIN_FAILED_MESSAGE, status: 400 };
    }
    // With a second factor the password only opens the code step. Nothing is recorded yet: a
    // success here would clear the account's failures, wrong codes included.
    if (await hasSecondFactor(user.id, tx)) return { ok: true as const, secondFactor: true as const, userId: user.id };
    await recordLoginAttempt(args.email, ip, true, tx);
    // The session the browser came with (someone else's, or a planted one) ends here (A3).
    if (args.previousToken) await invalidateSession(hashToken(args.previousToken), tx);
    const { token } = await createSession(user.id, args, tx);
    await recordAudit({ actorId: user.id, action: "auth.login", entityType: "user", entityId: user.id, ip }, tx);
    return { ok: true as const, token, userId: user.id };
  });
}

export async function logout(args: { sessionId: string; userId: string; ip?: string | null }) {
  await db.transaction(async (tx) => {
    await invalidateSession(args.sessionId, tx);
    await recordAudit({ actorId: args.userId, action: "auth.logout", entityType: "user", entityId: args.userId, ip: args.ip }, tx);
  });
}

/** Always the same outcome for the caller; only a known, active account gets a mail. */
export async function requestPasswordReset(args: { email: string; ip?: string | null }) {
  const user = await db.query.users.findFirst({
    where: eq(users.email, args.email),
    columns: { id: true, name: true, email: true, active: true, passwordHash: true },
  });
  const token = generateToken();
  const expiresAt = new Date(Date.now() + RESET_VALIDITY_MS);
  const link = `${getEnv().APP_URL}/passwort-zuruecksetzen/${token}`;
  if (!user || !user.active) {
    // Spend comparable time to the known case so timing says nothing (ACCEPTANCE A9): rendering
    // the mail is the expensive part there, so render one here too and throw it away.
    await renderEmail(createElement(PasswordResetEmail, { name: "", link, expiresAt: formatDateTime(expiresAt) }));
    return;
  }
  await db.transaction(async (tx) => {
    // At most a few reset mails an hour per account, so nobody can flood someone's mailbox; the
    // caller sees the same answer either way.
    const [{ recent }] = await tx
      .select({ recent: count() })
      .from(userTokens)
      .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, "reset"), gt(userTokens.createdAt, new Date(Date.now() - RESET_VALIDITY_MS))));
    if (recent >= MAX_RESET_MAILS_PER_HOUR) return;
    await tx.insert(userTokens).values({ tokenHash: hashToken(token), userId: user.id, purpose: "reset", expiresAt });
    await sendEmail(
      {
        to: { address: user.email, name: user.name },
        template: "password-reset",
        subject: "KAI-Portal: Passwort zurücksetzen",
        body: createElement(PasswordResetEmail, { name: user.name, link, expiresAt: formatDateTime(expiresAt) }),
      },
      tx,
    );
    await recordAudit({ actorId: null, action: "auth.reset_requested", entityType: "user", entityId: user.id, ip: args.ip }, tx);
  });
}

/** A valid, unused, unexpired link of the given purpose, or null. */
export async function findValidToken(token: string, purpose: "invite" | "reset") {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .select({ userId: userTokens.userId, name: users.name, email: users.email, active: users.active })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    );
  return row && row.active ? row : null;
}

/**
 * Sets a new password through a single-use link (reset or invitation): the token is consumed
 * with a conditional update, so a double submit or a race uses it once. All sessions end.
 */
export async function setPasswordWithToken(args: { token: string; purpose: "invite" | "reset"; password: string; ip?: string | null }) {
  // Look the link up before the (deliberately expensive) hashing, so made-up links cost nothing;
  // the conditional update below still decides races.
  if (!(await findValidToken(args.token, args.purpose))) {
    throw new PublicError("Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.", 410);
  }
  const passwordHash = await hashPassword(args.password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(args.token)),
          eq(userTokens.purpose, args.purpose),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: userTokens.userId });
    if (!used) throw new PublicError("Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.", 410);
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, used.userId), eq(users.active, true)))
      .returning({ id: users.id, name: users.name, email: users.email });
    if (!user) throw new PublicError("Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.", 410);
    // Every other open link dies with this one, whatever its purpose: a leftover invitation must
    // not overwrite a password set through a reset link, nor the other way round.
    await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt)));
    await invalidateUserSessions(user.id, undefined, tx);
    // The throttle message tells a locked-out person to reset their password; a link from their
    // mailbox proves they own the account, so their failed attempts no longer count.
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, user.email), eq(loginAttempts.success, false)));
    if (args.purpose === "reset") await notifyPasswordChanged(user, "reset", tx);
    await recordAudit(
      { actorId: user.id, action: args.purpose === "reset" ? "auth.password_reset" : "auth.invitation_accepted", entityType: "user", entityId: user.id, ip: args.ip },
      tx,
    );
    return user;
  });
}

/** Needs the current password; ends every other session and notifies by email (ACCEPTANCE A6). */
export async function changePassword(args: { userId: string; sessionId: string; current: string; password: string; ip?: string | null }) {
  const user = await db.query.users.findFirst({ where: eq(users.id, args.userId), columns: { id: true, name: true, email: true, passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, args.current))) {
    throw new PublicError("Das aktuelle Passwort ist nicht richtig.", 400, "current");
  }
  const passwordHash = await hashPassword(args.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    await invalidateUserSessions(user.id, args.sessionId, tx);
    await notifyPasswordChanged(user, "changed", tx);
    await recordAudit({ actorId: user.id, action: "auth.password_changed", entityType: "user", entityId: user.id, ip: args.ip }, tx);
  });
}

async function notifyPasswordChanged(user: { name: string; email: string }, how: "changed" | "reset", tx: Parameters<typeof sendEmail>[1]) {
  await sendEmail(
    {
      to: { address: user.email, name: user.name },
      template: "password-changed",
      subject: "KAI-Portal: Ihr Passwort wurde geändert",
      body: createElement(PasswordChangedEmail, {
        name: user.name,
        changedAt: formatDateTime(new Date()),
        how,
        resetLink: `${getEnv().APP_URL}/passwort-vergessen`,
      }),
    },
    tx,
  );
}
