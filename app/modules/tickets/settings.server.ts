import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { berlinToday } from "~/format";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { userRoles, users } from "#db/schema/auth";
import { centres } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { cannedReplies, centreClosingDays, productContacts, routingOverrides, slaTargets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { slaSettingsCache } from "./queries.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { text } from "~/validation";
import { germanInteger } from "~/validation/numbers";
import { TICKET_PRIORITIES } from "./priorities";
import { loadSlaTargets } from "./routing-input.server";
import { multilineText } from "./validation";

/**
 * The support settings (issue 7, items 4, 8 and 11): admins set routing overrides per centre,
 * contacts for framework products, SLA targets and closing days; centre managers keep their
 * centre's canned replies (admins every centre's). Every change is in the audit trail.
 */

type Actor = Pick<CurrentUser, "id" | "roles">;

const id = (message: string) => z.coerce.number({ invalid_type_error: message }).int(message).positive(message);
const minutes = (p: string, target: "Reaktionszeit" | "Lösungszeit") =>
  germanInteger({ accusative: `die ${target} für „${p}“`, nominative: `Die ${target} für „${p}“` }, { min: 1, max: 28_800 });

export const slaTargetsSchema = z.object(
  Object.fromEntries(TICKET_PRIORITIES.flatMap((p) => [[`${p}_response`, minutes(p, "Reaktionszeit")], [`${p}_resolution`, minutes(p, "Lösungszeit")]])) as Record<string, ReturnType<typeof minutes>>,
);
export const overrideSchema = z
  .object({
    centreId: text().min(1, "Bitte das Zentrum wählen."),
    procedureId: id("Bitte das Verfahren wählen."),
    moduleId: z.preprocess((v) => (v === "" ? undefined : v), id("Bitte ein Modul wählen.").optional()),
    target: text().regex(/^(adviser|centre):.+$/, "Bitte wählen, wohin die Tickets gehen."),
  })
  .transform((v) => ({ ...v, targetKind: v.target.split(":")[0] as "adviser" | "centre", targetId: v.target.slice(v.target.indexOf(":") + 1) }));
export const productContactSchema = z.object({ procedureId: id("Bitte das Produkt wählen."), userId: text().uuid("Bitte die Ansprechperson wählen.") });
export const closingDaySchema = z.object({
  centreId: text().min(1, "Bitte das Zentrum wählen."),
  day: text().regex(/^\d{4}-\d{2}-\d{2}$/, "Bitte ein Datum im Format TT.MM.JJJJ angeben."),
  note: text().max(200, "Die Notiz darf höchstens 200 Zeichen lang sein.").optional(),
});
export const cannedReplySchema = z.object({
  id: z.preprocess((v) => (v === "" ? undefined : v), id("Ungültiger Textbaustein.").optional()),
  centreId: text().min(1, "Bitte das Zentrum wählen."),
  title: text({ required_error: "Bitte einen Titel angeben." }).min(1, "Bitte einen Titel angeben.").max(100, "Der Titel darf höchstens 100 Zeichen lang sein."),
  body: multilineText({ required_error: "Bitte den Text angeben." }).pipe(z.string().min(1, "Bitte den Text angeben.").max(5000, "Der Text darf höchstens 5.000 Zeichen lang sein.")),
});

const sqlConcat = sql<string>`'Zentrum ' || ${centres.name}`;

function requireAdmin(actor: Actor) {
  if (!hasRole(actor.roles, "admin")) notFound();
}

/** The centres whose canned replies the person keeps. */
export function cannedReplyCentres(actor: Actor): string[] | "all" {
  if (hasRole(actor.roles, "admin")) return "all";
  return centresOf(actor.roles, "centre_manager");
}

function mayKeep(actor: Actor, centreId: string) {
  const allowed = cannedReplyCentres(actor);
  return allowed === "all" || allowed.includes(centreId);
}

export async function settingsPage(actor: Actor) {
  const admin = hasRole(actor.roles, "admin");
  const keep = cannedReplyCentres(actor);
  if (!admin && keep !== "all" && !keep.length) notFound();
  const centreRows = await db.select({ id: centres.id, name: centres.name }).from(centres).orderBy(asc(centres.sortOrder));
  const replies = await db
    .select({ id: cannedReplies.id, centreId: cannedReplies.centreId, title: cannedReplies.title, body: cannedReplies.body })
    .from(cannedReplies)
    .where(keep === "all" ? undefined : inArray(cannedReplies.centreId, keep.length ? keep : [""]))
    .orderBy(asc(cannedReplies.centreId), asc(cannedReplies.title));
  const replyCentres = centreRows.filter((c) => keep === "all" || keep.includes(c.id));
  if (!admin) return { admin: false as const, centres: replyCentres, replies };

  const targetAdviser = alias(users, "target_adviser");
  const [targets, overrides, contacts, closing, procs, mods, staff] = await Promise.all([
    loadSlaTargets(),
    db
      .select({
        id: routingOverrides.id,
        centreId: routingOverrides.centreId,
        procedure: procedures.name,
        module: procedureModules.name,
        adviser: targetAdviser.name,
        targetCentreId: routingOverrides.targetCentreId,
      })
      .from(routingOverrides)
      .innerJoin(procedures, eq(procedures.id, routingOverrides.procedureId))
      .leftJoin(procedureModules, eq(procedureModules.id, routingOverrides.moduleId))
      .leftJoin(targetAdviser, eq(targetAdviser.id, routingOverrides.targetAdviserId))
      .orderBy(asc(routingOverrides.centreId), asc(procedures.name)),
    db
      .select({ procedureId: productContacts.procedureId, product: procedures.name, userId: productContacts.userId, name: users.name })
      .from(productContacts)
      .innerJoin(procedures, eq(procedures.id, productContacts.procedureId))
      .innerJoin(users, eq(users.id, productContacts.userId))
      .orderBy(asc(procedures.name)),
    db.select().from(centreClosingDays).where(gte(centreClosingDays.day, berlinToday())).orderBy(asc(centreClosingDays.day)),
    db.select({ id: procedures.id, name: procedures.name, kind: procedures.kind }).from(procedures).orderBy(asc(procedures.sortOrder), asc(procedures.name)),
    db.select({ id: procedureModules.id, procedureId: procedureModules.procedureId, name: procedureModules.name }).from(procedureModules).orderBy(asc(procedureModules.name)),
    db
      .select({ id: users.id, name: users.name, role: userRoles.role })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(inArray(userRoles.role, ["adviser", "centre_manager"]), eq(users.active, true)))
      .orderBy(asc(users.name)),
  ]);
  const people = [...new Map(staff.map((s) => [s.id, { id: s.id, name: s.name }])).values()];
  const advisers = [...new Map(staff.filter((s) => s.role === "adviser").map((s) => [s.id, { id: s.id, name: s.name }])).values()];
  return {
    admin: true as const,
    centres: replyCentres,
    allCentres: centreRows,
    replies,
    targets: TICKET_PRIORITIES.map((p) => ({ priority: p, responseMinutes: targets[p].response / 60_000, resolutionMinutes: targets[p].resolution / 60_000 })),
    overrides,
    contacts,
    closing,
    procedures: procs,
    modules: mods,
    advisers,
    people,
  };
}

export async function saveSlaTargets(args: { actor: Actor; values: Record<string, number>; ip?: string | null }) {
  requireAdmin(args.actor);
  // The SLA clock reads these through a 30-second cache (ADR 016): cleared once the change is done.
  await slaSettingsCache.clearAfter(() => db.transaction(async (tx) => {
    const before = await loadSlaTargets(tx);
    for (const p of TICKET_PRIORITIES) {
      const row = { priority: p, responseMinutes: args.values[`${p}_response`], resolutionMinutes: args.values[`${p}_resolution`] };
      await tx.insert(slaTargets).values(row).onConflictDoUpdate({ target: slaTargets.priority, set: { responseMinutes: row.responseMinutes, resolutionMinutes: row.resolutionMinutes } });
      const old = { responseMinutes: before[p].response / 60_000, resolutionMinutes: before[p].resolution / 60_000 };
      if (old.responseMinutes !== row.responseMinutes || old.resolutionMinutes !== row.resolutionMinutes) {
        await recordAudit(
          {
            actorId: args.actor.id,
            action: "settings.sla_target_changed",
            entityType: "setting",
            entityId: `sla:${p}`,
            before: { priority: p, responseMinutes: old.responseMinutes, resolutionMinutes: old.resolutionMinutes },
            after: { priority: p, responseMinutes: row.responseMinutes, resolutionMinutes: row.resolutionMinutes },
            ip: args.ip,
          },
          tx,
        );
      }
    }
  }));
}

export async function addRoutingOverride(args: { actor: Actor; value: z.infer<typeof overrideSchema>; ip?: string | null }) {
  requireAdmin(args.actor);
  const v = args.value;
  await db.transaction(async (tx) => {
    const [proc] = await tx.select({ id: procedures.id, name: procedures.name }).from(procedures).where(eq(procedures.id, v.procedureId));
    if (!proc) throw new PublicError("Bitte ein Verfahren aus der Liste wählen.", 400, "procedureId");
    if (v.moduleId != null) {
      const [mod] = await tx.select({ procedureId: procedureModules.procedureId }).from(procedureModules).where(eq(procedureModules.id, v.moduleId));
      if (!mod || mod.procedureId !== v.procedureId) throw new PublicError("Das Modul gehört nicht zum gewählten Verfahren.", 400, "moduleId");
    }
    const [inserted] = await tx
      .insert(routingOverrides)
      .values({
        centreId: v.centreId,
        procedureId: v.procedureId,
        moduleId: v.moduleId ?? null,
        targetAdviserId: v.targetKind === "adviser" ? v.targetId : null,
        targetCentreId: v.targetKind === "centre" ? v.targetId : null,
      })
      .onConflictDoNothing()
      .returning({ id: routingOverrides.id });
    if (!inserted) throw new PublicError("Für dieses Zentrum und Verfahren gibt es schon eine Vorgabe. Bitte entfernen Sie sie zuerst.", 409, "procedureId");
    const [target] =
      v.targetKind === "adviser"
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, v.targetId))
        : await tx.select({ name: sqlConcat }).from(centres).where(eq(centres.id, v.targetId));
    await recordAudit(
      {
        actorId: args.actor.id,
        action: "settings.routing_override_added",
        entityType: "setting",
        entityId: `override:${inserted.id}`,
        after: { centreId: v.centreId, procedure: proc.name, routingTarget: target?.name ?? "" },
        ip: args.ip,
      },
      tx,
    );
  }).catch((error: unknown) => {
    // A centre, adviser or module that does not exist: the foreign keys refuse it.
    if (error instanceof PublicError || error instanceof Response) throw error;
    if (String((error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code) === "23503") throw new PublicError("Bitte nur Einträge aus den Listen wählen.", 400);
    throw error;
  });
}

export async function removeRoutingOverride(args: { actor: Actor; id: number; ip?: string | null }) {
  requireAdmin(args.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(routingOverrides).where(eq(routingOverrides.id, args.id)).returning();
    if (!row) notFound();
    await recordAudit({ actorId: args.actor.id, action: "settings.routing_override_removed", entityType: "setting", entityId: `override:${row.id}`, before: { centreId: row.centreId }, ip: args.ip }, tx);
  });
}

export async function setProductContact(args: { actor: Actor; value: z.infer<typeof productContactSchema>; ip?: string | null }) {
  requireAdmin(args.actor);
  await db.transaction(async (tx) => {
    const [proc] = await tx.select({ name: procedures.name, kind: procedures.kind }).from(procedures).where(eq(procedures.id, args.value.procedureId));
    if (!proc || proc.kind !== "framework") throw new PublicError("Bitte ein Rahmenvertragsprodukt wählen.", 400, "procedureId");
    const [person] = await tx
      .select({ name: users.name })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.userId, args.value.userId), inArray(userRoles.role, ["adviser", "centre_manager"]), eq(users.active, true)))
      .limit(1);
    if (!person) throw new PublicError("Bitte eine Person der Betreuung wählen.", 400, "userId");
    await tx.insert(productContacts).values(args.value).onConflictDoUpdate({ target: productContacts.procedureId, set: { userId: args.value.userId } });
    await recordAudit({ actorId: args.actor.id, action: "settings.product_contact_set", entityType: "setting", entityId: `contact:${args.value.procedureId}`, after: { procedure: proc.name, contact: person.name }, ip: args.ip }, tx);
  });
}

export async function removeProductContact(args: { actor: Actor; procedureId: number; ip?: string | null }) {
  requireAdmin(args.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(productContacts).where(eq(productContacts.procedureId, args.procedureId)).returning();
    if (!row) notFound();
    await recordAudit({ actorId: args.actor.id, action: "settings.product_contact_removed", entityType: "setting", entityId: `contact:${row.procedureId}`, ip: args.ip }, tx);
  });
}

export async function addClosingDay(args: { actor: Actor; value: z.infer<typeof closingDaySchema>; ip?: string | null }) {
  requireAdmin(args.actor);
  if (args.value.day < berlinToday()) throw new PublicError("Der Tag liegt in der Vergangenheit.", 400, "day");
  // The SLA clock reads these through a 30-second cache (ADR 016): cleared once the change is done.
  await slaSettingsCache.clearAfter(() => db.transaction(async (tx) => {
    const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, args.value.centreId));
    if (!centre) throw new PublicError("Bitte ein Zentrum aus der Liste wählen.", 400, "centreId");
    const [row] = await tx.insert(centreClosingDays).values({ centreId: centre.id, day: args.value.day, note: args.value.note || null }).onConflictDoNothing().returning();
    if (!row) throw new PublicError("Dieser Schließtag ist schon eingetragen.", 409, "day");
    await recordAudit({ actorId: args.actor.id, action: "settings.closing_day_added", entityType: "setting", entityId: `closing:${row.centreId}`, after: { centreId: row.centreId, day: row.day, note: row.note }, ip: args.ip }, tx);
  }));
}

export async function removeClosingDay(args: { actor: Actor; centreId: string; day: string; ip?: string | null }) {
  requireAdmin(args.actor);
  // The SLA clock reads these through a 30-second cache (ADR 016): cleared once the change is done.
  await slaSettingsCache.clearAfter(() => db.transaction(async (tx) => {
    const [row] = await tx.delete(centreClosingDays).where(and(eq(centreClosingDays.centreId, args.centreId), eq(centreClosingDays.day, args.day))).returning();
    if (!row) notFound();
    await recordAudit({ actorId: args.actor.id, action: "settings.closing_day_removed", entityType: "setting", entityId: `closing:${row.centreId}`, before: { centreId: row.centreId, day: row.day }, ip: args.ip }, tx);
  }));
}

export async function saveCannedReply(args: { actor: Actor; value: z.infer<typeof cannedReplySchema>; ip?: string | null }) {
  const v = args.value;
  if (!mayKeep(args.actor, v.centreId)) throw new PublicError("Bitte ein Zentrum aus der Liste wählen.", 400, "centreId");
  await db.transaction(async (tx) => {
    if (v.id) {
      const [old] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, v.id)).for("update");
      if (!old || !mayKeep(args.actor, old.centreId)) notFound();
      const [row] = await tx
        .update(cannedReplies)
        .set({ centreId: v.centreId, title: v.title, body: v.body })
        .where(eq(cannedReplies.id, v.id))
        .returning()
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) duplicateTitle();
          throw error;
        });
      await recordAudit(
        { actorId: args.actor.id, action: "canned_reply.updated", entityType: "canned_reply", entityId: row.id, before: { title: old.title, body: old.body }, after: { title: row.title, body: row.body }, ip: args.ip },
        tx,
      );
      return;
    }
    const [row] = await tx.insert(cannedReplies).values({ centreId: v.centreId, title: v.title, body: v.body }).onConflictDoNothing().returning();
    if (!row) duplicateTitle();
    await recordAudit({ actorId: args.actor.id, action: "canned_reply.created", entityType: "canned_reply", entityId: row.id, after: { centreId: row.centreId, title: row.title }, ip: args.ip }, tx);
  });
}

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

function duplicateTitle(): never {
  throw new PublicError("Einen Textbaustein mit diesem Titel gibt es in diesem Zentrum schon.", 409, "title");
}

export async function deleteCannedReply(args: { actor: Actor; id: number; ip?: string | null }) {
  await db.transaction(async (tx) => {
    const [old] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, args.id)).for("update");
    if (!old || !mayKeep(args.actor, old.centreId)) notFound();
    await tx.delete(cannedReplies).where(eq(cannedReplies.id, old.id));
    await recordAudit({ actorId: args.actor.id, action: "canned_reply.deleted", entityType: "canned_reply", entityId: old.id, before: { centreId: old.centreId, title: old.title }, ip: args.ip }, tx);
  });
}

/** For the reply form (item 8): the canned replies of the ticket's centre. */
export async function cannedRepliesFor(centreId: string) {
  return db.select({ id: cannedReplies.id, title: cannedReplies.title, body: cannedReplies.body }).from(cannedReplies).where(eq(cannedReplies.centreId, centreId)).orderBy(asc(cannedReplies.title));
}
