import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { centres, municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import { diffFields, recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { centresCache, membersCache } from "./queries.server";
import type { centreContactSchema, memberCreateSchema, memberUpdateSchema } from "./validation";

const DUPLICATE_NAME = "Ein Mitglied mit diesem Namen gibt es bereits.";

/** PostgreSQL's unique_violation, from postgres.js or PGlite, whether or not the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

function assertAdmin(actor: CurrentUser) {
  // The route guards too; the command does not trust it (ACCEPTANCE C14).
  if (!hasRole(actor.roles, "admin")) notFound();
}

/** `data.name` is optional: a caller that does not edit the name leaves it as it is. */
export async function updateMember(args: {
  actor: CurrentUser;
  id: number;
  data: z.infer<typeof memberUpdateSchema> & { name?: string };
  ip?: string | null;
}) {
  assertAdmin(args.actor);
  try {
    return await membersCache.clearAfter(() => updateMemberInTransaction(args));
  } catch (error) {
    // Two admins renaming to the same name at once: the unique key decides.
    if (isUniqueViolation(error)) throw new PublicError(DUPLICATE_NAME, 409, "name");
    throw error;
  }
}

function updateMemberInTransaction(args: Parameters<typeof updateMember>[0]) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(municipalities).where(eq(municipalities.id, args.id)).for("update");
    if (!current) notFound();
    const name = args.data.name ?? current.name;
    if (name !== current.name) {
      const [taken] = await tx
        .select({ id: municipalities.id })
        .from(municipalities)
        .where(and(eq(municipalities.name, name), ne(municipalities.id, args.id)));
      if (taken) throw new PublicError(DUPLICATE_NAME, 409, "name");
    }
    const next = {
      name,
      inhabitants: args.data.inhabitants,
      centreId: args.data.centreId,
      memberSince: args.data.memberSince ?? current.memberSince,
    };
    const diff = diffFields(current, next);
    if (!diff.changed) return current;
    const [updated] = await tx
      .update(municipalities)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(municipalities.id, args.id))
      .returning();
    await recordAudit(
      { actorId: args.actor.id, action: "member.updated", entityType: "municipality", entityId: args.id, before: diff.before, after: diff.after, ip: args.ip },
      tx,
    );
    return updated;
  });
}

export async function createMember(args: { actor: CurrentUser; data: z.infer<typeof memberCreateSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  return membersCache.clearAfter(() =>
    db.transaction(async (tx) => {
      // The unique key decides, so a double submit or two admins at once create one member.
      const [created] = await tx.insert(municipalities).values(args.data).onConflictDoNothing({ target: municipalities.name }).returning();
      if (!created) throw new PublicError(DUPLICATE_NAME, 409, "name");
      await recordAudit(
        { actorId: args.actor.id, action: "member.created", entityType: "municipality", entityId: created.id, after: args.data, ip: args.ip },
        tx,
      );
      return created;
    }),
  );
}

/** Admins edit a centre's address, phone and email; empty fields become "not given" (null). */
export async function updateCentreContact(args: { actor: CurrentUser; id: string; data: z.infer<typeof centreContactSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  return centresCache.clearAfter(() =>
    db.transaction(async (tx) => {
      const [current] = await tx.select().from(centres).where(eq(centres.id, args.id)).for("update");
      if (!current) notFound();
      const next = {
        street: args.data.street || null,
        postalCode: args.data.postalCode || null,
        city: args.data.city,
        phone: args.data.phone || null,
        email: args.data.email || null,
      };
      const diff = diffFields(current, next);
      if (!diff.changed) return current;
      const [updated] = await tx.update(centres).set(next).where(eq(centres.id, args.id)).returning();
      await recordAudit(
        { actorId: args.actor.id, action: "centre.updated", entityType: "centre", entityId: args.id, before: diff.before, after: diff.after, ip: args.ip },
        tx,
      );
      return updated;
    }),
  );
}
