import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/modules/auth/tokens.server";
import { notFound } from "~/errors";

/**
 * The personal calendar feed (/kalender/<token>.ics). Calendar apps cannot sign in, so the URL
 * itself is the secret: 160 random bits, only its SHA-256 stored, shown once, revocable, and a
 * new one replaces the old (ACCEPTANCE A2, C15).
 */
const FEED_TOKEN = /^[a-z2-7]{32}$/;

export function feedUrl(token: string): string {
  return `${getEnv().APP_URL}/kalender/${token}.ics`;
}

/** Creates (or replaces) the person's feed token and returns it; it is not stored in plain text. */
export async function createFeedToken(userId: string, meta: { ip?: string | null } = {}): Promise<string> {
  const token = generateToken();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ hash: users.calendarFeedTokenHash })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) notFound();
    await tx.update(users).set({ calendarFeedTokenHash: hashToken(token), updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(
      {
        actorId: userId,
        action: before.hash ? "calendar.feed_replaced" : "calendar.feed_created",
        entityType: "user",
        entityId: userId,
        ip: meta.ip,
      },
      tx,
    );
  });
  return token;
}

/**
 * Ends the feed: the old URL stops working at once. Returns false when there was none. An admin's
 * deactivation calls it inside its own transaction, so a reactivated person's old URL stays dead.
 */
export async function revokeFeedToken(userId: string, meta: { ip?: string | null; actorId?: string } = {}, tx: Executor = db): Promise<boolean> {
  return tx.transaction(async (inner) => {
    const revoked = await inner
      .update(users)
      .set({ calendarFeedTokenHash: null, updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNotNull(users.calendarFeedTokenHash)))
      .returning({ id: users.id });
    if (revoked.length === 0) return false;
    await recordAudit({ actorId: meta.actorId ?? userId, action: "calendar.feed_revoked", entityType: "user", entityId: userId, ip: meta.ip }, inner);
    return true;
  });
}

export async function hasFeedToken(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.calendarFeedTokenHash)));
  return Boolean(row);
}

/** The active person a feed token belongs to, or null (malformed, revoked, replaced, deactivated). */
export async function findUserByFeedToken(token: string) {
  if (!FEED_TOKEN.test(token)) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.calendarFeedTokenHash, hashToken(token)), eq(users.active, true)));
  return row ?? null;
}
