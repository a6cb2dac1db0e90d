import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { createElement } from "react";
import { userTokens, users } from "#db/schema/auth";
import type { Executor } from "#db/client";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { EmailChangeConfirmEmail } from "#emails/email-change-confirm";
import { EmailChangeNoticeEmail } from "#emails/email-change-notice";
import { generateToken, hashToken } from "./tokens.server";

/** Like a double opt-in (ACCEPTANCE E25): the new address has 48 hours to confirm. */
export const EMAIL_CHANGE_VALIDITY_MS = 48 * 60 * 60 * 1000;
export const EMAIL_TAKEN_MESSAGE = "Diese E-Mail-Adresse gehört bereits zu einer anderen Person.";
const LINK_INVALID_MESSAGE = "Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.";

export async function assertEmailFree(email: string, exceptUserId: string, tx: Executor) {
  const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, exceptUserId)));
  if (taken) throw new PublicError(EMAIL_TAKEN_MESSAGE, 409, "email");
}

/**
 * An admin changed a person's address: the old address stays the login until the new one is
 * confirmed through a single-use link sent there; the old address gets a notice. A newer request
 * replaces an older one. Call inside the transaction that holds the person row.
 */
export async function requestEmailChange(
  args: { person: { id: string; name: string; email: string }; newEmail: string; actor: { id: string; name: string }; ip?: string | null },
  tx: Executor,
) {
  await assertEmailFree(args.newEmail, args.person.id, tx);
  const now = new Date();
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, args.person.id), eq(userTokens.purpose, "email_change"), isNull(userTokens.usedAt)));
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_VALIDITY_MS);
  await tx.insert(userTokens).values({ tokenHash: hashToken(token), userId: args.person.id, purpose: "email_change", newEmail: args.newEmail, expiresAt });
  await sendEmail(
    {
      to: { address: args.newEmail, name: args.person.name },
      template: "email-change-confirm",
      subject: "KAI-Portal: Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
      body: createElement(EmailChangeConfirmEmail, {
        name: args.person.name,
        newEmail: args.newEmail,
        link: `${getEnv().APP_URL}/e-mail-bestaetigen/${token}`,
        expiresAt: formatDateTime(expiresAt),
        changedBy: args.actor.name,
      }),
    },
    tx,
  );
  await sendEmail(
    {
      to: { address: args.person.email, name: args.person.name },
      template: "email-change-notice",
      subject: "KAI-Portal: Ihre E-Mail-Adresse soll geändert werden",
      body: createElement(EmailChangeNoticeEmail, {
        name: args.person.name,
        newEmail: args.newEmail,
        changedBy: args.actor.name,
        requestedAt: formatDateTime(now),
      }),
    },
    tx,
  );
  await recordAudit(
    {
      actorId: args.actor.id,
      action: "user.email_change_requested",
      entityType: "user",
      entityId: args.person.id,
      before: { email: args.person.email },
      after: { email: args.newEmail, expiresAt: expiresAt.toISOString() },
      ip: args.ip,
    },
    tx,
  );
}

function validLink(token: string) {
  return and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, "email_change"),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, new Date()),
  );
}

/** The pending change behind a link, or null. The GET shows it; it never consumes it (B11). */
export async function findEmailChange(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .select({ name: users.name, oldEmail: users.email, newEmail: userTokens.newEmail, active: users.active })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(validLink(token))
    .orderBy(desc(userTokens.createdAt));
  return row && row.active && row.newEmail ? { name: row.name, newEmail: row.newEmail } : null;
}

/** The POST behind the link: uses it once (conditional update), then the new address is the login. */
export async function confirmEmailChange(args: { token: string; ip?: string | null }) {
  if (!/^[a-z2-7]{32}$/.test(args.token)) throw new PublicError(LINK_INVALID_MESSAGE, 410);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(validLink(args.token))
      .returning({ userId: userTokens.userId, newEmail: userTokens.newEmail });
    if (!used?.newEmail) throw new PublicError(LINK_INVALID_MESSAGE, 410);
    const [person] = await tx.select({ id: users.id, email: users.email, active: users.active }).from(users).where(eq(users.id, used.userId)).for("update");
    if (!person?.active) throw new PublicError(LINK_INVALID_MESSAGE, 410);
    // Someone else may have got the address since the request; the rollback keeps the link usable.
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, used.newEmail), ne(users.id, person.id)));
    if (taken) throw new PublicError("Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto. Bitte wenden Sie sich an die Administration.", 409);
    await tx.update(users).set({ email: used.newEmail, updatedAt: new Date() }).where(eq(users.id, person.id));
    await recordAudit(
      { actorId: person.id, action: "user.email_changed", entityType: "user", entityId: person.id, before: { email: person.email }, after: { email: used.newEmail }, ip: args.ip },
      tx,
    );
    return { email: used.newEmail };
  });
}
