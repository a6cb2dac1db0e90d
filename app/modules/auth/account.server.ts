import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { createElement } from "react";
import { userTokens, users } from "#db/schema/auth";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { PasswordChangedEmail } from "#emails/password-changed";
import { PasswordResetEmail } from "#emails/password-reset";
import { getDummyHash, hashPassword, verifyPassword } from "./passwords.server";
import { hasSecondFactor } from "./second-factor.server";
import { createSession, invalidateSession, invalidateUserSessions, type SessionMeta } from "./sessions.server";
import { checkThrottled, clearAccountFailures, throttledMessage } from "./throttle.server";
import { generateToken, hashToken } from "./tokens.server";

export const RESET_VALIDITY_MS = 60 * 60 * 1000;
export const MAX_RESET_MAILS_PER_HOUR = 3;
export const LOGIN_FAILED_MESSAGE = "E-Mail-Adresse oder Passwort ist falsch.";
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
    let user: { id: string } | undefined;
    let secondFactor = false;
    const checked = await checkThrottled(
      { email: args.email, ip },
      async () => {
        const [found] = await tx
          .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
          .from(users)
          .where(eq(users.email, args.email));
        const valid = await verifyPassword(found?.passwordHash ?? (await getDummyHash()), args.password);
        user = found;
        if (!found?.passwordHash || !found.active || !valid) return false;
        // With a second factor the password only opens the code step.
        secondFactor = await hasSecondFactor(found.id, tx);
        return secondFactor ? "first-step" : true;
      },
      tx,
    );
    if (checked.outcome === "throttled") return { ok: false as const, message: throttledMessage(checked.lock), status: 429 };
    if (checked.outcome === "invalid" || !user) return { ok: false as const, message: LOGIN_FAILED_MESSAGE, status: 400 };
    if (secondFactor) return { ok: true as const, secondFactor: true as const, userId: user.id };
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

/** Thrown to roll back the savepoint of a reset request that sends nothing. */
const NO_RESET_MAIL = Symbol("no reset mail");

/**
 * Always the same answer, and the same work, whatever the address (ACCEPTANCE A9): every request
 * looks the account up, renders the mail and runs the same writes (link, outbox, audit) in a
 * savepoint. Only a known, active account under its hourly limit keeps them; for an unknown
 * address, an inactive account or a fourth mail within the hour the savepoint is rolled back.
 * So timing tells neither whether an account exists nor whether it has hit the limit.
 */
export async function requestPasswordReset(args: { email: string; ip?: string | null }) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + RESET_VALIDITY_MS);
  const link = `${getEnv().APP_URL}/passwort-zuruecksetzen/${token}`;
  const since = new Date(Date.now() - RESET_VALIDITY_MS);
  await db.transaction(async (tx) => {
    // At most a few reset mails an hour per account, so nobody can flood someone's mailbox.
    const [account] = await tx
      .select({ id: users.id, name: users.name, active: users.active, recent: count(userTokens.tokenHash) })
      .from(users)
      .leftJoin(userTokens, and(eq(userTokens.userId, users.id), eq(userTokens.purpose, "reset"), gt(userTokens.createdAt, since)))
      .where(eq(users.email, args.email))
      .groupBy(users.id);
    const sends = Boolean(account?.active && account.recent < MAX_RESET_MAILS_PER_HOUR);
    try {
      await tx.transaction(async (sp) => {
        // An INSERT … SELECT, so that it runs for an unknown address too (and inserts nothing).
        await sp.execute(
          sql`insert into ${userTokens} (token_hash, user_id, purpose, expires_at) select ${hashToken(token)}, ${users.id}, 'reset', ${expiresAt.toISOString()}::timestamptz from ${users} where ${users.email} = ${args.email}`,
        );
        await sendEmail(
          {
            to: { address: args.email, name: account?.name ?? null },
            template: "password-reset",
            subject: "KAI-Portal: Passwort zurücksetzen",
            body: createElement(PasswordResetEmail, { name: account?.name ?? "", link, expiresAt: formatDateTime(expiresAt) }),
          },
          sp,
        );
        await recordAudit({ actorId: null, action: "auth.reset_requested", entityType: "user", entityId: account?.id ?? null, ip: args.ip }, sp);
        if (!sends) throw NO_RESET_MAIL;
      });
    } catch (error) {
      if (error !== NO_RESET_MAIL) throw error;
    }
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
    await clearAccountFailures(user.email, tx);
    if (args.purpose === "reset") await notifyPasswordChanged(user, "reset", tx);
    await recordAudit(
      { actorId: user.id, action: args.purpose === "reset" ? "auth.password_reset" : "auth.invitation_accepted", entityType: "user", entityId: user.id, ip: args.ip },
      tx,
    );
    return user;
  });
}

/**
 * Checks a signed-in person's current password before a change that asks for it, under the same
 * throttle and the same counter as sign-in (A8): guessing it on /konto is no faster than on
 * /anmelden. Throws a German error for `field` when it is wrong or the account is locked; the
 * failure is recorded first (its own transaction, so the throw does not roll it back).
 */
export async function verifyCurrentPassword(args: { userId: string; password: string; ip?: string | null; field?: string }) {
  const field = args.field ?? "current";
  const checked = await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, args.userId));
    if (!user) return { outcome: "invalid" as const };
    return checkThrottled(
      { email: user.email, ip: args.ip ?? null },
      async () => Boolean(user.passwordHash && (await verifyPassword(user.passwordHash, args.password))),
      tx,
    );
  });
  if (checked.outcome === "throttled") throw new PublicError(throttledMessage(checked.lock), 429, field);
  if (checked.outcome === "invalid") throw new PublicError("Das aktuelle Passwort ist nicht richtig.", 400, field);
}

/** Needs the current password; ends every other session and notifies by email (ACCEPTANCE A6). */
export async function changePassword(args: { userId: string; sessionId: string; current: string; password: string; ip?: string | null }) {
  await verifyCurrentPassword({ userId: args.userId, password: args.current, ip: args.ip });
  const passwordHash = await hashPassword(args.password);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, args.userId))
      .returning({ id: users.id, name: users.name, email: users.email });
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
