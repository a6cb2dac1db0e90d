import { and, eq, gt, inArray, sql, type AnyColumn } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { userRoles, users, type WorkingGroup } from "#db/schema/auth";
import { groupJoinRequests, meetingRsvps, meetings, workingGroups, type WorkingGroupRow } from "#db/schema/groups";
import { municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { inviteToUpcomingMeetings, removeFromUpcomingMeetings } from "./meetings.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { ChairChangedEmail, JoinAcceptedEmail, JoinDeclinedEmail, JoinRequestedEmail, MemberRemovedEmail } from "#emails/groups-membership";
import { mayAppointChairs, mayAskToJoin } from "./access";
import { CHAIRS_FULL_MESSAGE, lockGroupForChairSeat } from "./chair-seats.server";
import { CHAIR_CANNOT_LEAVE_MESSAGE, DECLINE_REASON_MAX, DESCRIPTION_MAX, JOIN_MESSAGE_MAX } from "./membership-validation";
import { groupSlug, lockGroupRow } from "./group-access.server";
import { isRowId } from "~/validation";

/**
 * Membership of the working groups (issue 9, item 1): join requests, the chairs' decision, chairs
 * appointed by the administration, leaving and removal, the group's description. Membership is the
 * role grant in `user_roles` (wg_member / wg_chair scoped to the group); a chair also holds the
 * member grant, so dismissing a chair leaves a member. Members are attendees of the calendar
 * events of the group's planned meetings, so joining and leaving send REQUEST and CANCEL.
 * Every command runs in one transaction and is audited there.
 */

type Actor = Pick<CurrentUser, "id" | "name" | "email" | "roles" | "municipalityId">;



function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

function groupRef(group: Pick<WorkingGroupRow, "id" | "name">) {
  return { name: group.name, link: new URL(`/facharbeitskreise/${groupSlug(group.id)}`, getEnv().APP_URL).toString() };
}

/** Whether `userId` holds the chair grant of `groupId`, read from the database (not the session). */
function chairGrant(userId: string, groupId: WorkingGroup | AnyColumn) {
  return sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${userId} and ${userRoles.role} = 'wg_chair' and ${userRoles.workingGroup} = ${groupId})`;
}

async function membershipOf(userId: string, groupId: WorkingGroup, tx: Executor) {
  const grants = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.workingGroup, groupId), inArray(userRoles.role, ["wg_member", "wg_chair"])));
  return { member: grants.length > 0, chair: grants.some((g) => g.role === "wg_chair") };
}

async function grantMember(userId: string, groupId: WorkingGroup, tx: Executor) {
  await tx.insert(userRoles).values({ userId, role: "wg_member", workingGroup: groupId }).onConflictDoNothing();
}

/**
 * A signed-in person of a member municipality asks to join (item 1). One open request per person
 * and group (a partial unique index holds it under concurrency too). Every chair gets an email.
 */
export async function requestToJoin(args: { user: Actor; groupId: WorkingGroup; message?: string; ip?: string | null }) {
  const { user } = args;
  const message = (args.message ?? "").trim().slice(0, JOIN_MESSAGE_MAX);
  if (user.municipalityId === null) {
    throw new PublicError("Um Aufnahme bitten können Beschäftigte der Mitgliedskommunen. Ihrem Konto ist keine Kommune zugeordnet.", 403);
  }
  if (!mayAskToJoin(user, args.groupId)) throw new PublicError("Sie sind bereits Mitglied dieses Facharbeitskreises.", 409);
  const duplicate = () => new PublicError("Sie haben bereits um Aufnahme in diesen Facharbeitskreis gebeten. Der Vorsitz entscheidet über Ihre Anfrage.", 409);
  try {
    return await db.transaction(async (tx) => {
      const [group] = await tx.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, args.groupId));
      if (!group) notFound();
      if ((await membershipOf(user.id, group.id, tx)).member) throw new PublicError("Sie sind bereits Mitglied dieses Facharbeitskreises.", 409);
      const [open] = await tx
        .select({ id: groupJoinRequests.id })
        .from(groupJoinRequests)
        .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, user.id), eq(groupJoinRequests.status, "offen")));
      if (open) throw duplicate();
      const [request] = await tx
        .insert(groupJoinRequests)
        .values({ groupId: group.id, userId: user.id, municipalityId: user.municipalityId!, message })
        .returning({ id: groupJoinRequests.id });
      const [municipality] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, user.municipalityId!));
      const chairs = await tx
        .select({ name: users.name, email: users.email })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, "wg_chair"), eq(userRoles.workingGroup, group.id), eq(users.active, true)));
      const ref = groupRef(group);
      for (const chair of chairs) {
        await sendEmail(
          {
            to: { address: chair.email, name: chair.name },
            template: "group-join-requested",
            subject: `Beitrittsanfrage von ${user.name}: Facharbeitskreis ${group.name}`,
            body: createElement(JoinRequestedEmail, { name: chair.name, requester: user.name, municipality: municipality?.name ?? "", message, group: ref }),
          },
          tx,
        );
      }
      await recordAudit(
        { actorId: user.id, ip: args.ip ?? null, action: "groups.join_requested", entityType: "working_group", entityId: group.id, after: { requestId: request.id, municipalityId: user.municipalityId, message } },
        tx,
      );
      return { requestId: request.id, notified: chairs.length };
    });
  } catch (error) {
    // Two requests at once: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/**
 * A chair of the request's group accepts or declines it; anyone else gets 404 (the chair grant is
 * part of the query). Accepting grants wg_member and invites the person to the planned meetings;
 * declining needs a reason. The person gets an email either way.
 */
export async function decideJoinRequest(args: { user: Actor; requestId: number; accept: boolean; reason?: string; now?: Date; ip?: string | null }) {
  const { user } = args;
  const now = args.now ?? new Date();
  const reason = (args.reason ?? "").trim().slice(0, DECLINE_REASON_MAX);
  if (!isRowId(args.requestId)) notFound();
  return db.transaction(async (tx) => {
    // The group first (as scheduling and every membership change take it), then the request.
    const [target] = await tx.select({ groupId: groupJoinRequests.groupId }).from(groupJoinRequests).where(eq(groupJoinRequests.id, args.requestId));
    if (!target) notFound();
    await lockGroupRow(target.groupId, tx);
    const [request] = await tx
      .select({
        id: groupJoinRequests.id,
        groupId: groupJoinRequests.groupId,
        status: groupJoinRequests.status,
        userId: users.id,
        name: users.name,
        email: users.email,
      })
      .from(groupJoinRequests)
      .innerJoin(users, eq(users.id, groupJoinRequests.userId))
      .where(and(eq(groupJoinRequests.id, args.requestId), chairGrant(user.id, groupJoinRequests.groupId)))
      .for("update", { of: groupJoinRequests });
    if (!request) notFound();
    if (request.status !== "offen") throw new PublicError("Über diese Anfrage ist bereits entschieden.", 409);
    if (!args.accept && !reason) throw new PublicError("Bitte begründen Sie die Ablehnung; die anfragende Person erhält die Begründung per E-Mail.", 400, "reason");
    const [group] = await tx.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, request.groupId));
    const ref = groupRef(group);
    await tx
      .update(groupJoinRequests)
      .set({ status: args.accept ? "angenommen" : "abgelehnt", reason: args.accept ? null : reason, decidedById: user.id, decidedAt: now })
      .where(eq(groupJoinRequests.id, request.id));
    const person = { id: request.userId, name: request.name, email: request.email };
    if (args.accept) {
      const wasMember = (await membershipOf(person.id, group.id, tx)).member;
      await grantMember(person.id, group.id, tx);
      const invited = wasMember ? 0 : await inviteToUpcomingMeetings({ groupId: group.id, person, actorId: user.id, now }, tx);
      await sendEmail(
        {
          to: { address: person.email, name: person.name },
          template: "group-join-accepted",
          subject: `Aufgenommen: Facharbeitskreis ${group.name}`,
          body: createElement(JoinAcceptedEmail, { name: person.name, group: ref, upcomingMeetings: invited }),
        },
        tx,
      );
      await recordAudit(
        { actorId: user.id, ip: args.ip ?? null, action: "groups.join_accepted", entityType: "working_group", entityId: group.id, after: { requestId: request.id, member: person.email, meetingsInvited: invited } },
        tx,
      );
      return { status: "angenommen" as const, invited };
    }
    await sendEmail(
      {
        to: { address: person.email, name: person.name },
        template: "group-join-declined",
        subject: `Beitrittsanfrage abgelehnt: Facharbeitskreis ${group.name}`,
        body: createElement(JoinDeclinedEmail, { name: person.name, group: ref, reason }),
      },
      tx,
    );
    await recordAudit(
      { actorId: user.id, ip: args.ip ?? null, action: "groups.join_declined", entityType: "working_group", entityId: group.id, after: { requestId: request.id, member: person.email, reason } },
      tx,
    );
    return { status: "abgelehnt" as const, invited: 0 };
  });
}

/**
 * The administration appoints a chair (item 1: one or two per group). The group row is locked, so
 * two appointments at once cannot make a third chair. The person must belong to a member
 * municipality; they keep or get the member grant (and the invites that come with it).
 */
export async function appointChair(args: { user: Actor; groupId: WorkingGroup; userId: string; now?: Date; ip?: string | null }) {
  const { user } = args;
  const now = args.now ?? new Date();
  if (!mayAppointChairs(user)) notFound();
  return db.transaction(async (tx) => {
    const seats = await lockGroupForChairSeat(args.groupId, tx);
    const { group } = seats;
    const [person] = await tx
      .select({ id: users.id, name: users.name, email: users.email, municipalityId: users.municipalityId, active: users.active })
      .from(users)
      .where(eq(users.id, args.userId));
    if (!person || !person.active) throw new PublicError("Diese Person gibt es nicht oder ihr Konto ist deaktiviert.", 400, "userId");
    if (person.municipalityId === null) throw new PublicError(`${person.name} ist keiner Mitgliedskommune zugeordnet und kann den Vorsitz nicht übernehmen.`, 400, "userId");
    const before = await membershipOf(person.id, group.id, tx);
    if (before.chair) throw new PublicError(`${person.name} hat den Vorsitz bereits.`, 409, "userId");
    if (seats.full) throw new PublicError(CHAIRS_FULL_MESSAGE, 409, "userId");
    await tx.insert(userRoles).values({ userId: person.id, role: "wg_chair", workingGroup: group.id });
    await grantMember(person.id, group.id, tx);
    // An open request of theirs is settled by the appointment.
    await tx
      .update(groupJoinRequests)
      .set({ status: "angenommen", decidedById: user.id, decidedAt: now })
      .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, person.id), eq(groupJoinRequests.status, "offen")));
    const invited = before.member ? 0 : await inviteToUpcomingMeetings({ groupId: group.id, person, actorId: user.id, now }, tx);
    await sendEmail(
      {
        to: { address: person.email, name: person.name },
        template: "group-chair-appointed",
        subject: `Vorsitz im Facharbeitskreis ${group.name}`,
        body: createElement(ChairChangedEmail, { name: person.name, group: groupRef(group), appointed: true }),
      },
      tx,
    );
    await recordAudit(
      { actorId: user.id, ip: args.ip ?? null, action: "groups.chair_appointed", entityType: "working_group", entityId: group.id, after: { chair: person.email, meetingsInvited: invited } },
      tx,
    );
    return { invited };
  });
}

/** The administration ends a chair; the person stays a member of the group. */
export async function dismissChair(args: { user: Actor; groupId: WorkingGroup; userId: string; ip?: string | null }) {
  const { user } = args;
  if (!mayAppointChairs(user)) notFound();
  return db.transaction(async (tx) => {
    const group = await lockGroupRow(args.groupId, tx);
    const removed = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, args.userId), eq(userRoles.role, "wg_chair"), eq(userRoles.workingGroup, group.id)))
      .returning({ id: userRoles.id });
    if (!removed.length) throw new PublicError("Diese Person hat den Vorsitz dieses Facharbeitskreises nicht.", 404, "userId");
    await grantMember(args.userId, group.id, tx);
    const [person] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, args.userId));
    await sendEmail(
      {
        to: { address: person.email, name: person.name },
        template: "group-chair-dismissed",
        subject: `Vorsitz beendet: Facharbeitskreis ${group.name}`,
        body: createElement(ChairChangedEmail, { name: person.name, group: groupRef(group), appointed: false }),
      },
      tx,
    );
    await recordAudit({ actorId: user.id, ip: args.ip ?? null, action: "groups.chair_dismissed", entityType: "working_group", entityId: group.id, before: { chair: person.email } }, tx);
  });
}

/**
 * A chair takes a member off the group, or a member leaves. Both grants for the group go; the
 * person gets a CANCEL for every planned meeting and their answers to those meetings are dropped.
 * Chairs are ended by the administration (dismissChair), not by another chair, and a chair does
 * not leave by themselves: the administration ends the chair first, so no group is left without
 * one unnoticed.
 */
export async function removeMember(args: { user: Actor; groupId: WorkingGroup; userId: string; now?: Date; ip?: string | null }) {
  const { user } = args;
  const now = args.now ?? new Date();
  const self = args.userId === user.id;
  return db.transaction(async (tx) => {
    const group = await lockGroupRow(args.groupId, tx);
    if (!self) {
      const [allowed] = await tx.select({ ok: chairGrant(user.id, group.id) }).from(workingGroups).where(eq(workingGroups.id, group.id));
      if (!allowed?.ok) notFound();
    }
    const target = await membershipOf(args.userId, group.id, tx);
    if (!target.member) {
      if (self) throw new PublicError("Sie sind nicht Mitglied dieses Facharbeitskreises.", 409);
      notFound();
    }
    if (!self && target.chair) throw new PublicError("Einen Vorsitz beruft die Administration ab.", 403);
    // A group keeps its chair until the administration ends it (item 1: one or two chairs).
    if (self && target.chair) throw new PublicError(CHAIR_CANNOT_LEAVE_MESSAGE, 409);
    await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, args.userId), eq(userRoles.workingGroup, group.id), inArray(userRoles.role, ["wg_member", "wg_chair"])));
    const [person] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, args.userId));
    const cancelled = await removeFromUpcomingMeetings({ groupId: group.id, person, actorId: user.id, now }, tx);
    // Their answers to meetings still ahead go with them (the chair's count is of members).
    await tx
      .delete(meetingRsvps)
      .where(and(eq(meetingRsvps.userId, person.id), inArray(meetingRsvps.meetingId, tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.groupId, group.id), gt(meetings.startsAt, now))))));
    if (!self) {
      await sendEmail(
        {
          to: { address: person.email, name: person.name },
          template: "group-member-removed",
          subject: `Mitgliedschaft beendet: Facharbeitskreis ${group.name}`,
          body: createElement(MemberRemovedEmail, { name: person.name, group: groupRef(group), removedBy: user.name }),
        },
        tx,
      );
    }
    await recordAudit(
      {
        actorId: user.id,
        ip: args.ip ?? null,
        action: self ? "groups.member_left" : "groups.member_removed",
        entityType: "working_group",
        entityId: group.id,
        before: { member: person.email, chair: target.chair ? person.email : null },
        after: { meetingsCancelled: cancelled },
      },
      tx,
    );
    return { cancelled };
  });
}

/** The chairs keep the group's description (markdown, rendered with HTML disabled). */
export async function updateGroupDescription(args: { user: Actor; groupId: WorkingGroup; description: string; ip?: string | null }) {
  const { user } = args;
  const description = args.description.trim();
  if (description.length > DESCRIPTION_MAX) throw new PublicError(`Die Beschreibung darf höchstens ${DESCRIPTION_MAX.toLocaleString("de-DE")} Zeichen lang sein.`, 400, "description");
  return db.transaction(async (tx) => {
    const group = await lockGroupRow(args.groupId, tx);
    const [allowed] = await tx.select({ ok: chairGrant(user.id, group.id) }).from(workingGroups).where(eq(workingGroups.id, group.id));
    if (!allowed?.ok) notFound();
    if (group.description === description) return { changed: false };
    await tx.update(workingGroups).set({ description, updatedAt: new Date() }).where(eq(workingGroups.id, group.id));
    await recordAudit(
      { actorId: user.id, ip: args.ip ?? null, action: "groups.description_updated", entityType: "working_group", entityId: group.id, before: { description: group.description }, after: { description } },
      tx,
    );
    return { changed: true };
  });
}
