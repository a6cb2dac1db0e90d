import { and, asc, desc, eq, gt, ilike, inArray, isNull, or } from "drizzle-orm";
import { createElement } from "react";
import type { z } from "zod";
import { adviserCompetences, userRoles, userTokens, users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import type { Executor } from "#db/client";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { revokeFeedToken } from "~/modules/calendar/feed-token.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { AccountExistsEmail } from "#emails/account-exists";
import { InvitationEmail } from "#emails/invitation";
import type { CurrentUser } from "./guards.server";
import { hasRole, scopeOfRole } from "./roles";
import { invalidateUserSessions } from "./sessions.server";
import { generateToken, hashToken } from "./tokens.server";
import { assertEmailFree, requestEmailChange } from "./email-change.server";
import type { inviteSchema, personDetailsSchema, roleGrantSchema } from "./validation";
import { CHAIRS_FULL_MESSAGE, lockGroupForChairSeat } from "~/modules/groups/chair-seats.server";
import { lockGroupRow } from "~/modules/groups/group-access.server";
import { syncUpcomingInvites } from "~/modules/groups/meetings.server";

export const INVITE_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

function assertAdmin(actor: CurrentUser) {
  if (!hasRole(actor.roles, "admin")) notFound();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id would make PostgreSQL raise (a 500); it is simply someone who does not exist. */
function assertPersonId(id: string) {
  if (!UUID.test(id)) notFound();
}

const byNumber = (a: number, b: number) => a - b;

/** The scope a role needs; a wrong combination is a clear German error, not a database error. */
export function normaliseGrant(input: z.infer<typeof roleGrantSchema>) {
  const scope = scopeOfRole(input.role);
  const needsCentre = scope === "centre";
  const needsGroup = scope === "workingGroup";
  const needsMunicipality = scope === "municipality";
  // Without JavaScript every scope field is on the form, so the message names the one this role needs.
  if (needsCentre && !input.centreId) throw new PublicError("Bitte wählen Sie das Zentrum aus.", 400, "centreId");
  if (needsGroup && !input.workingGroup) throw new PublicError("Bitte wählen Sie den Facharbeitskreis aus.", 400, "workingGroup");
  if (needsMunicipality && !input.municipalityId) throw new PublicError("Bitte wählen Sie die Kommune aus.", 400, "municipalityId");
  return {
    role: input.role,
    centreId: needsCentre ? input.centreId! : null,
    workingGroup: needsGroup ? input.workingGroup! : null,
    municipalityId: needsMunicipality ? input.municipalityId! : null,
  };
}

/** A municipality id from a hand-made request would otherwise be a foreign-key error (a 500). */
async function assertGrantTargetsExist(grant: ReturnType<typeof normaliseGrant>, tx: Executor) {
  // At most two chairs per working group (issue 9 item 1), under the group's row lock; a member
  // grant takes the same lock, so a meeting scheduled at the same time invites the person.
  if (grant.role === "wg_chair" && grant.workingGroup && (await lockGroupForChairSeat(grant.workingGroup, tx)).full) {
    throw new PublicError(CHAIRS_FULL_MESSAGE, 409, "workingGroup");
  }
  if (grant.role !== "wg_chair" && grant.workingGroup) await lockGroupRow(grant.workingGroup, tx);
  if (grant.municipalityId === null) return;
  const [row] = await tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, grant.municipalityId));
  if (!row) throw new PublicError("Bitte eine Kommune aus der Liste wählen.", 400, "municipalityId");
}

/**
 * Invites a person: creates the account without a password and mails a single-use link valid
 * 7 days. An address that already has an account gets a note instead, and the admin sees the
 * same answer either way (ACCEPTANCE A9).
 */
export async function invitePerson(args: { actor: CurrentUser; data: z.infer<typeof inviteSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  const grant = normaliseGrant(args.data);
  const env = getEnv();
  await db.transaction(async (tx) => {
    await assertGrantTargetsExist(grant, tx);
    const [existing] = await tx
      .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, active: users.active })
      .from(users)
      .where(eq(users.email, args.data.email));
    // Only the admin sees this answer, so it does not reveal accounts to outsiders (A9).
    if (existing && !existing.active) {
      throw new PublicError("Diese Person ist deaktiviert. Aktivieren Sie sie zuerst auf ihrer Personenseite.", 409, "email");
    }
    if (existing?.passwordHash) {
      await sendEmail(
        {
          to: { address: args.data.email, name: existing.name },
          template: "account-exists",
          subject: "KAI-Portal: Sie haben bereits ein Konto",
          body: createElement(AccountExistsEmail, {
            name: existing.name,
            loginLink: `${env.APP_URL}/anmelden`,
            resetLink: `${env.APP_URL}/passwort-vergessen`,
          }),
        },
        tx,
      );
      await recordAudit({ actorId: args.actor.id, action: "user.invite_existing", entityType: "user", entityId: existing.id, ip: args.ip }, tx);
      return;
    }
    const userId =
      existing?.id ??
      (
        await tx
          .insert(users)
          .values({ email: args.data.email, name: args.data.name, municipalityId: grant.municipalityId })
          // Two admins inviting the same new address at once: both get the one account, no 500.
          .onConflictDoUpdate({ target: users.email, set: { updatedAt: new Date() } })
          .returning({ id: users.id })
      )[0].id;
    await tx.insert(userRoles).values({ userId, ...grant }).onConflictDoNothing();
    if (grant.workingGroup) await syncUpcomingInvites({ groupId: grant.workingGroup, userId, actorId: args.actor.id }, tx);
    await issueInvitation({ userId, name: args.data.name, email: args.data.email, invitedBy: args.actor.name }, tx);
    await recordAudit(
      { actorId: args.actor.id, action: "user.invited", entityType: "user", entityId: userId, after: { email: args.data.email, name: args.data.name, ...grant }, ip: args.ip },
      tx,
    );
  });
}

/**
 * A fresh single-use invitation link: every older invitation link of the person dies, the person
 * record remembers until when it is valid, and the mail goes through the outbox.
 */
async function issueInvitation(person: { userId: string; name: string; email: string; invitedBy: string }, tx: Executor) {
  const now = new Date();
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, person.userId), eq(userTokens.purpose, "invite"), isNull(userTokens.usedAt)));
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITE_VALIDITY_MS);
  await tx.insert(userTokens).values({ tokenHash: hashToken(token), userId: person.userId, purpose: "invite", expiresAt });
  await tx.update(users).set({ invitationExpiresAt: expiresAt, invitationWithdrawnAt: null, updatedAt: now }).where(eq(users.id, person.userId));
  await sendEmail(
    {
      to: { address: person.email, name: person.name },
      template: "invitation",
      subject: "Einladung in das KAI-Portal",
      body: createElement(InvitationEmail, {
        name: person.name,
        link: `${getEnv().APP_URL}/einladung/${token}`,
        invitedBy: person.invitedBy,
        expiresAt: formatDateTime(expiresAt),
      }),
    },
    tx,
  );
  return expiresAt;
}

/** The person row of a pending invitation, locked; a German error when there is none to act on. */
async function lockInvitee(userId: string, tx: Executor) {
  const [person] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      passwordHash: users.passwordHash,
      invitationExpiresAt: users.invitationExpiresAt,
      invitationWithdrawnAt: users.invitationWithdrawnAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!person) notFound();
  if (person.passwordHash) throw new PublicError("Die Person hat ihre Einladung bereits angenommen und meldet sich mit ihrem Passwort an.", 409);
  if (!person.active) throw new PublicError("Die Person ist deaktiviert. Aktivieren Sie sie zuerst.", 409);
  return person;
}

/** Re-sends an invitation: a new link (7 days), the old one stops working (issue 5 item 11). */
export async function resendInvitation(args: { actor: CurrentUser; userId: string; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  await db.transaction(async (tx) => {
    const person = await lockInvitee(args.userId, tx);
    const expiresAt = await issueInvitation({ userId: person.id, name: person.name, email: person.email, invitedBy: args.actor.name }, tx);
    await recordAudit(
      {
        actorId: args.actor.id,
        action: "user.invitation_resent",
        entityType: "user",
        entityId: person.id,
        before: { invitationExpiresAt: person.invitationExpiresAt?.toISOString() ?? null, invitationWithdrawnAt: person.invitationWithdrawnAt?.toISOString() ?? null },
        after: { invitationExpiresAt: expiresAt.toISOString() },
        ip: args.ip,
      },
      tx,
    );
  });
}

/**
 * Withdraws an invitation: the link stops working. The person record stays (marked withdrawn), so
 * the list shows what happened, the audit trail keeps its subject, and the invitation can be sent
 * again later; it holds no password and cannot sign in.
 */
export async function withdrawInvitation(args: { actor: CurrentUser; userId: string; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  await db.transaction(async (tx) => {
    const person = await lockInvitee(args.userId, tx);
    if (person.invitationWithdrawnAt) throw new PublicError("Die Einladung ist bereits zurückgezogen.", 409);
    const now = new Date();
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, person.id), eq(userTokens.purpose, "invite"), isNull(userTokens.usedAt)));
    await tx.update(users).set({ invitationWithdrawnAt: now, updatedAt: now }).where(eq(users.id, person.id));
    await recordAudit(
      {
        actorId: args.actor.id,
        action: "user.invitation_withdrawn",
        entityType: "user",
        entityId: person.id,
        before: { invitationExpiresAt: person.invitationExpiresAt?.toISOString() ?? null },
        after: { invitationWithdrawnAt: now.toISOString() },
        ip: args.ip,
      },
      tx,
    );
  });
}

export async function listPeople(args: { actor: CurrentUser; search?: string }) {
  assertAdmin(args.actor);
  const term = args.search?.trim();
  const rows = await db.query.users.findMany({
    columns: { id: true, email: true, name: true, active: true, passwordHash: true, invitationExpiresAt: true, invitationWithdrawnAt: true },
    where: term ? or(ilike(users.name, `%${escapeLike(term)}%`), ilike(users.email, `%${escapeLike(term)}%`)) : undefined,
    with: { roles: { columns: { role: true, centreId: true, workingGroup: true, municipalityId: true } } },
    orderBy: [asc(users.name)],
  });
  // Never hand the hash to the page (ACCEPTANCE C15): only whether a password is set.
  return rows.map(({ passwordHash, ...rest }) => ({ ...rest, hasPassword: passwordHash !== null }));
}

function escapeLike(s: string) {
  // Cut before escaping: cutting after could split an escape pair and change what is searched.
  return s.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getPerson(args: { actor: CurrentUser; id: string }) {
  assertAdmin(args.actor);
  if (!UUID.test(args.id)) return null;
  const row = await db.query.users.findFirst({
    where: eq(users.id, args.id),
    columns: {
      id: true,
      email: true,
      name: true,
      phone: true,
      active: true,
      municipalityId: true,
      createdAt: true,
      passwordHash: true,
      invitationExpiresAt: true,
      invitationWithdrawnAt: true,
    },
    with: {
      roles: { columns: { id: true, role: true, centreId: true, workingGroup: true, municipalityId: true } },
      competences: { columns: { procedureId: true } },
    },
  });
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  // The address waiting for confirmation, if any: only the address, never the link (C15).
  const [pending] = await db
    .select({ newEmail: userTokens.newEmail, expiresAt: userTokens.expiresAt })
    .from(userTokens)
    .where(and(eq(userTokens.userId, row.id), eq(userTokens.purpose, "email_change"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())))
    .orderBy(desc(userTokens.createdAt))
    .limit(1);
  return { ...rest, hasPassword: passwordHash !== null, pendingEmail: pending?.newEmail ? { address: pending.newEmail, expiresAt: pending.expiresAt } : null };
}

export async function addRole(args: { actor: CurrentUser; userId: string; grant: z.infer<typeof roleGrantSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  const grant = normaliseGrant(args.grant);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, args.userId));
    if (!user) notFound();
    await assertGrantTargetsExist(grant, tx);
    const inserted = await tx.insert(userRoles).values({ userId: user.id, ...grant }).onConflictDoNothing().returning({ id: userRoles.id });
    if (inserted.length === 0) throw new PublicError("Diese Rolle hat die Person bereits.", 409);
    // A member or chair of a working group is invited to its upcoming meetings (issue 9 item 2).
    if (grant.workingGroup) await syncUpcomingInvites({ groupId: grant.workingGroup, userId: user.id, actorId: args.actor.id }, tx);
    await recordAudit({ actorId: args.actor.id, action: "user.role_added", entityType: "user", entityId: user.id, after: grant, ip: args.ip }, tx);
  });
}

export async function removeRole(args: { actor: CurrentUser; userId: string; roleId: number; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  await db.transaction(async (tx) => {
    // A working-group grant: the group's row first, as every membership change takes it.
    const [target] = await tx.select({ workingGroup: userRoles.workingGroup }).from(userRoles).where(and(eq(userRoles.id, args.roleId), eq(userRoles.userId, args.userId)));
    if (target?.workingGroup) await lockGroupRow(target.workingGroup, tx);
    const [removed] = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.id, args.roleId), eq(userRoles.userId, args.userId)))
      .returning();
    if (!removed) notFound();
    if (removed.role === "admin" && removed.userId === args.actor.id) {
      throw new PublicError("Sie können sich die Administrationsrolle nicht selbst entziehen.", 400);
    }
    if (removed.role === "adviser") {
      const stillAdviser = await tx.select({ id: userRoles.id }).from(userRoles).where(and(eq(userRoles.userId, args.userId), eq(userRoles.role, "adviser")));
      if (stillAdviser.length === 0) await tx.delete(adviserCompetences).where(eq(adviserCompetences.userId, args.userId));
    }
    // No longer a member or chair of the group: a CANCEL for each of its upcoming meetings (F31).
    if (removed.workingGroup) await syncUpcomingInvites({ groupId: removed.workingGroup, userId: args.userId, actorId: args.actor.id }, tx);
    const { id: _id, userId: _u, ...before } = removed;
    await recordAudit({ actorId: args.actor.id, action: "user.role_removed", entityType: "user", entityId: args.userId, before, ip: args.ip }, tx);
  });
}

export async function setCompetences(args: { actor: CurrentUser; userId: string; procedureIds: number[]; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, args.userId));
    if (!user) notFound();
    const [adviser] = await tx.select({ id: userRoles.id }).from(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.role, "adviser")));
    if (!adviser && args.procedureIds.length > 0) {
      throw new PublicError("Zuständigkeiten gibt es nur für Personen mit der Rolle Betreuung.", 400);
    }
    const before = (await tx.select({ p: adviserCompetences.procedureId }).from(adviserCompetences).where(eq(adviserCompetences.userId, user.id))).map((r) => r.p).sort(byNumber);
    const unique = [...new Set(args.procedureIds)].sort(byNumber);
    // An unknown procedure id would be a foreign-key error (a 500); say it in German instead.
    if (unique.length) {
      const known = await tx.select({ id: procedures.id }).from(procedures).where(inArray(procedures.id, unique));
      if (known.length !== unique.length) throw new PublicError("Bitte nur Verfahren aus der Liste wählen.", 400, "procedureIds");
    }
    await tx.delete(adviserCompetences).where(eq(adviserCompetences.userId, user.id));
    if (unique.length) await tx.insert(adviserCompetences).values(unique.map((procedureId) => ({ userId: user.id, procedureId })));
    await recordAudit({ actorId: args.actor.id, action: "user.competences_set", entityType: "user", entityId: user.id, before: { procedures: before }, after: { procedures: unique }, ip: args.ip }, tx);
  });
}

/** Deactivating ends every session at once; the person can no longer sign in. */
export async function setActive(args: { actor: CurrentUser; userId: string; active: boolean; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  if (args.userId === args.actor.id && !args.active) throw new PublicError("Sie können sich nicht selbst deaktivieren.", 400);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ active: users.active }).from(users).where(eq(users.id, args.userId)).for("update");
    if (!before) notFound();
    await tx.update(users).set({ active: args.active, updatedAt: new Date() }).where(eq(users.id, args.userId));
    if (!args.active) {
      await invalidateUserSessions(args.userId, undefined, tx);
      // Open invitation and reset links die too, so reactivating later does not revive them.
      await tx.update(userTokens).set({ usedAt: new Date() }).where(and(eq(userTokens.userId, args.userId), isNull(userTokens.usedAt)));
      // …and a pending invitation shows as ended then, so the list never calls a dead link "open".
      await tx
        .update(users)
        .set({ invitationExpiresAt: new Date() })
        .where(and(eq(users.id, args.userId), isNull(users.passwordHash), gt(users.invitationExpiresAt, new Date())));
      // The calendar feed URL is a secret too: it dies for good, and a reactivated person makes a new one.
      await revokeFeedToken(args.userId, { actorId: args.actor.id, ip: args.ip }, tx);
    }
    await recordAudit(
      { actorId: args.actor.id, action: args.active ? "user.activated" : "user.deactivated", entityType: "user", entityId: args.userId, before, after: { active: args.active }, ip: args.ip },
      tx,
    );
  });
}

/**
 * An admin corrects name, phone and address. Name and phone apply at once. A new address of
 * someone who can sign in applies only once confirmed from the new mailbox (the old one gets a
 * notice). Someone who never accepted their invitation has no login to protect: the address is
 * corrected at once and a pending invitation goes again to the new address, where the
 * invitation link itself proves the mailbox; the old (possibly mistyped) address is not written to.
 */
export async function updatePersonDetails(args: { actor: CurrentUser; userId: string; data: z.infer<typeof personDetailsSchema>; ip?: string | null }) {
  assertAdmin(args.actor);
  assertPersonId(args.userId);
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        phone: users.phone,
        passwordHash: users.passwordHash,
        invitationWithdrawnAt: users.invitationWithdrawnAt,
        invitationExpiresAt: users.invitationExpiresAt,
      })
      .from(users)
      .where(eq(users.id, args.userId))
      .for("update");
    if (!person) notFound();
    const name = args.data.name;
    const phone = args.data.phone ? args.data.phone : null;
    const emailChanged = args.data.email !== person.email;
    const invitee = person.passwordHash === null;
    if (emailChanged) await assertEmailFree(args.data.email, person.id, tx);

    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    const change = (key: "name" | "phone" | "email", from: string | null, to: string | null) => {
      if (from === to) return;
      before[key] = from;
      after[key] = to;
    };
    change("name", person.name, name);
    change("phone", person.phone, phone);
    if (invitee) change("email", person.email, args.data.email);
    if (Object.keys(after).length) {
      await tx.update(users).set({ ...after, updatedAt: new Date() }).where(eq(users.id, person.id));
      await recordAudit({ actorId: args.actor.id, action: "user.updated", entityType: "user", entityId: person.id, before, after, ip: args.ip }, tx);
    }
    if (!emailChanged) return { outcome: "saved" as const };
    if (!invitee) {
      await requestEmailChange({ person: { id: person.id, name, email: person.email }, newEmail: args.data.email, actor: args.actor, ip: args.ip }, tx);
      return { outcome: "email-pending" as const };
    }
    if (person.invitationWithdrawnAt) return { outcome: "saved" as const };
    await issueInvitation({ userId: person.id, name, email: args.data.email, invitedBy: args.actor.name }, tx);
    await recordAudit(
      { actorId: args.actor.id, action: "user.invitation_resent", entityType: "user", entityId: person.id, after: { email: args.data.email }, ip: args.ip },
      tx,
    );
    return { outcome: "invitation-resent" as const };
  });
}

/** The core procedures an adviser can be competent for (EWOS, FINAS, PERSOS). */
export function listCompetenceOptions() {
  return db
    .select({ id: procedures.id, code: procedures.code, name: procedures.name })
    .from(procedures)
    .where(eq(procedures.kind, "core"))
    .orderBy(asc(procedures.sortOrder), asc(procedures.id));
}
