import { eq } from "drizzle-orm";
import type { z } from "zod";
import { municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import { PublicError } from "~/errors";
import { diffFields, recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import type { memberCreateSchema, memberUpdateSchema } from "./validation";

function assertAdmin(actor: CurrentUser) {
  // The route guards too; the command does not trust it (ACCEPTANCE C14).
  if (!hasRole(actor.roles, "admin")) throw new Response("Nicht gefunden", { status: 404 });
}

export async function updateMember(args: { actor: CurrentUser; id: number; data: z.infer<typeof memberUpdateSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(municipalities).where(eq(municipalities.id, args.id)).for("update");
    if (!current) throw new Response("Nicht gefunden", { status: 404 });
    const next = {
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
  return db.transaction(async (tx) => {
    // The unique key decides, so a double submit or two admins at once create one member.
    const [created] = await tx.insert(municipalities).values(args.data).onConflictDoNothing({ target: municipalities.name }).returning();
    if (!created) throw new PublicError("Ein Mitglied mit diesem Namen gibt es bereits.", 409, "name");
    await recordAudit(
      { actorId: args.actor.id, action: "member.created", entityType: "municipality", entityId: created.id, after: args.data, ip: args.ip },
      tx,
    );
    return created;
  });
}
