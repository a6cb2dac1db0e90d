import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { userRoles, users, type WorkingGroup } from "#db/schema/auth";
import { groupJoinRequests, meetings, workingGroups, type JoinRequestStatus } from "#db/schema/groups";
import { centres, municipalities } from "#db/schema/members";
import { db, jsonArray, jsonObject, runPrepared, subquery } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { renderMarkdown } from "~/modules/text/markdown.server";
import { notFound } from "~/errors";
import { GROUP_MEMBER_ROLES, groupsOf, isChairOf, isMemberOf, mayAppointChairs, mayAskToJoin } from "./access";
import { groupSlug } from "./group-access.server";

/**
 * What the working-group pages show (issue 9, item 1). Every signed-in person sees the groups,
 * their members and meetings; open join requests only the group's chairs, the people to choose a
 * chair from only admins. A fixed, small number of statements per page, whatever the number of
 * meetings or members (no query per row).
 */

type Viewer = Pick<CurrentUser, "id" | "roles" | "municipalityId">;

/** Past meetings on the group page: the latest ones (the decisions register goes further back). */
export const PAST_MEETINGS_SHOWN = 10;

/** The three groups with their numbers, the next meeting and the viewer's standing (the overview). */
export async function listGroups(user: Viewer, now = new Date()) {
  const [groups, next, mine, total] = await Promise.all([
    db
      .select({
        id: workingGroups.id,
        name: workingGroups.name,
        members: sql<number>`count(distinct ${users.id})::int`,
        municipalities: sql<number>`count(distinct ${users.municipalityId})::int`,
      })
      .from(workingGroups)
      .leftJoin(userRoles, and(eq(userRoles.workingGroup, workingGroups.id), inArray(userRoles.role, [...GROUP_MEMBER_ROLES])))
      .leftJoin(users, and(eq(users.id, userRoles.userId), eq(users.active, true)))
      .groupBy(workingGroups.id, workingGroups.name, workingGroups.sortOrder)
      .orderBy(asc(workingGroups.sortOrder)),
    db
      .selectDistinctOn([meetings.groupId], { groupId: meetings.groupId, id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
      .from(meetings)
      .where(and(eq(meetings.status, "geplant"), gt(meetings.endsAt, now)))
      .orderBy(meetings.groupId, asc(meetings.startsAt)),
    db
      .select({ groupId: groupJoinRequests.groupId, createdAt: groupJoinRequests.createdAt })
      .from(groupJoinRequests)
      .where(and(eq(groupJoinRequests.userId, user.id), eq(groupJoinRequests.status, "offen"))),
    db.$count(municipalities),
  ]);
  const nextOf = new Map(next.map((m) => [m.groupId, m]));
  const requestOf = new Map(mine.map((r) => [r.groupId, r]));
  return {
    totalMunicipalities: total,
    groups: groups.map((g) => {
      const m = nextOf.get(g.id);
      return {
        id: g.id,
        slug: groupSlug(g.id),
        name: g.name,
        members: Number(g.members),
        municipalities: Number(g.municipalities),
        nextMeeting: m ? { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt } : null,
        member: isMemberOf(user, g.id),
        chair: isChairOf(user, g.id),
        openRequestSince: requestOf.get(g.id)?.createdAt ?? null,
      };
    }),
  };
}

/** "Vera Vorsitz (Vorsitz), Moritz Mitglied": a municipality's members as the group page lists them. */
function memberNames(people: { name: string; chair: boolean }[]): string {
  return people.map((m) => (m.chair ? `${m.name} (Vorsitz)` : m.name)).join(", ");
}

export type GroupMeetingRow = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: "geplant" | "abgesagt";
  minutesStatus: "entwurf" | "freigegeben" | null;
  link: string;
};

type MeetingJson = { id: number; title: string; startsAt: string; endsAt: string; status: GroupMeetingRow["status"]; minutesStatus: "entwurf" | "freigegeben" | null };
type JoinRequestJson = { id: number; status: JoinRequestStatus; reason: string | null; createdAt: string; decidedAt: string | null };
type OpenRequestJson = { id: number; name: string; municipality: string; message: string; createdAt: string };

/** A meeting of the group as the page's lists show it, as one JSON object. */
const meetingJson = jsonObject({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, status: meetings.status, minutesStatus: meetings.minutesStatus });

/**
 * Everything the group page reads, in one statement (one round trip, issue 9 item 10): the group,
 * its members, the 37 municipalities by centre, the meetings ahead and the latest behind, the
 * viewer's own join request; for chairs the open requests, for admins the people who may be
 * appointed chair. Each list is one JSON value. No group: undefined.
 */
async function readGroupPage(groupId: WorkingGroup, viewer: { userId: string; now: Date; chair: boolean; admin: boolean }) {
  const [row] = await runPrepared(
    "group-page",
    (d) =>
      d
        .select({
          group: workingGroups,
          members: subquery<{ userId: string; name: string; role: string; municipalityId: number | null }[]>(sql`
            select ${jsonArray(jsonObject({ userId: users.id, name: users.name, role: userRoles.role, municipalityId: users.municipalityId }), sql`${users.name}, ${users.id}`)}
            from ${userRoles} join ${users} on ${users.id} = ${userRoles.userId}
            where ${userRoles.workingGroup} = ${workingGroups.id} and ${inArray(userRoles.role, [...GROUP_MEMBER_ROLES])} and ${users.active}`),
          municipalities: subquery<{ id: number; name: string; centreId: string; centre: string }[]>(sql`
            select ${jsonArray(jsonObject({ id: municipalities.id, name: municipalities.name, centreId: centres.id, centre: centres.name }), sql`${centres.sortOrder}, ${municipalities.name}`)}
            from ${municipalities} join ${centres} on ${centres.id} = ${municipalities.centreId}`),
          upcoming: subquery<MeetingJson[]>(sql`
            select ${jsonArray(meetingJson, sql`${meetings.startsAt}`)}
            from ${meetings} where ${meetings.groupId} = ${workingGroups.id} and ${meetings.endsAt} > ${sql.placeholder("now")}`),
          past: subquery<MeetingJson[]>(sql`
            select ${jsonArray(sql`latest.meeting`, sql`latest.starts_at desc`)}
            from (select ${meetingJson} as meeting, ${meetings.startsAt} as starts_at from ${meetings}
              where ${meetings.groupId} = ${workingGroups.id} and ${meetings.endsAt} <= ${sql.placeholder("now")}
              order by ${meetings.startsAt} desc limit ${PAST_MEETINGS_SHOWN + 1}) latest`),
          myRequests: subquery<JoinRequestJson | null>(sql`
            select ${jsonObject({ id: groupJoinRequests.id, status: groupJoinRequests.status, reason: groupJoinRequests.reason, createdAt: groupJoinRequests.createdAt, decidedAt: groupJoinRequests.decidedAt })}
            from ${groupJoinRequests} where ${groupJoinRequests.groupId} = ${workingGroups.id} and ${groupJoinRequests.userId} = ${sql.placeholder("userId")}
            order by ${groupJoinRequests.id} desc limit 1`),
          openRequests: subquery<OpenRequestJson[] | null>(sql`case when ${sql.placeholder("chair")}::boolean then (
            select ${jsonArray(jsonObject({ id: groupJoinRequests.id, name: users.name, municipality: municipalities.name, message: groupJoinRequests.message, createdAt: groupJoinRequests.createdAt }), sql`${groupJoinRequests.createdAt}, ${groupJoinRequests.id}`)}
            from ${groupJoinRequests} join ${users} on ${users.id} = ${groupJoinRequests.userId} join ${municipalities} on ${municipalities.id} = ${groupJoinRequests.municipalityId}
            where ${groupJoinRequests.groupId} = ${workingGroups.id} and ${groupJoinRequests.status} = 'offen') end`),
          candidates: subquery<{ id: string; name: string; municipality: string }[] | null>(sql`case when ${sql.placeholder("admin")}::boolean then (
            select ${jsonArray(jsonObject({ id: users.id, name: users.name, municipality: municipalities.name }), sql`${users.name}, ${users.id}`)}
            from ${users} join ${municipalities} on ${municipalities.id} = ${users.municipalityId}
            where ${users.active}) end`),
        })
        .from(workingGroups)
        .where(eq(workingGroups.id, sql.placeholder("groupId")))
        .prepare("group_page"),
    { groupId, userId: viewer.userId, now: viewer.now.toISOString(), chair: viewer.chair, admin: viewer.admin },
  );
  return row;
}

/**
 * The group page: description, chairs, members by municipality and centre, which of the member
 * municipalities take part, meetings ahead and behind, the viewer's own request; for chairs the open
 * requests, for admins the people who may be appointed chair.
 */
export async function getGroupPage(user: Viewer, groupId: WorkingGroup, now = new Date()) {
  const viewerChairs = isChairOf(user, groupId);
  const viewerMember = isMemberOf(user, groupId);
  const admin = mayAppointChairs(user);
  const row = await readGroupPage(groupId, { userId: user.id, now, chair: viewerChairs, admin });
  if (!row) notFound();
  const { group, members: memberRows, municipalities: allMunicipalities, myRequests } = row;
  const slug = groupSlug(group.id);
  const meetingRow = (m: MeetingJson) => ({ ...m, startsAt: new Date(m.startsAt), endsAt: new Date(m.endsAt) });
  const upcoming = row.upcoming.map(meetingRow);
  const past = row.past.map(meetingRow);
  const openRequests = (row.openRequests ?? []).map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  const candidates = row.candidates ?? [];

  // One person, one entry: a chair also holds the member grant.
  const people = new Map<string, { id: string; name: string; chair: boolean; municipalityId: number | null }>();
  for (const row of memberRows) {
    const entry = people.get(row.userId) ?? { id: row.userId, name: row.name, chair: false, municipalityId: row.municipalityId };
    if (row.role === "wg_chair") entry.chair = true;
    people.set(row.userId, entry);
  }
  const members = [...people.values()];
  const membersOf = new Map<number, { id: string; name: string; chair: boolean }[]>();
  for (const m of members) {
    if (m.municipalityId === null) continue;
    const list = membersOf.get(m.municipalityId) ?? [];
    list.push({ id: m.id, name: m.name, chair: m.chair });
    membersOf.set(m.municipalityId, list);
  }
  const municipalityName = new Map(allMunicipalities.map((m) => [m.id, m.name]));

  // All member municipalities by centre, each with the members it sends as one line ("" when it does not take part).
  const byCentre: { id: string; name: string; municipalities: { id: number; name: string; members: string }[] }[] = [];
  for (const m of allMunicipalities) {
    let centre = byCentre[byCentre.length - 1];
    if (!centre || centre.id !== m.centreId) byCentre.push((centre = { id: m.centreId, name: m.centre, municipalities: [] }));
    centre.municipalities.push({ id: m.id, name: m.name, members: memberNames(membersOf.get(m.id) ?? []) });
  }

  const seesDrafts = viewerMember || viewerChairs;
  const toRow = (m: (typeof upcoming)[number]): GroupMeetingRow => ({
    ...m,
    // Non-members learn of released minutes only (a draft is the group's own business).
    minutesStatus: m.minutesStatus === "freigegeben" || seesDrafts ? m.minutesStatus : null,
    link: `/facharbeitskreise/${slug}/sitzungen/${m.id}`,
  });
  const withMunicipality = (m: (typeof members)[number]) => ({ id: m.id, name: m.name, municipality: m.municipalityId ? (municipalityName.get(m.municipalityId) ?? null) : null });
  const chairIds = new Set(members.filter((m) => m.chair).map((m) => m.id));
  const memberIds = new Set(members.map((m) => m.id));
  const mine = myRequests ? { ...myRequests, createdAt: new Date(myRequests.createdAt), decidedAt: myRequests.decidedAt ? new Date(myRequests.decidedAt) : null } : null;

  return {
    group: {
      id: group.id,
      slug,
      name: group.name,
      descriptionHtml: renderMarkdown(group.description),
      /** The markdown source, for the chairs' edit form only. */
      description: viewerChairs ? group.description : null,
    },
    viewer: {
      chair: viewerChairs,
      member: viewerMember,
      admin,
      mayAskToJoin: mayAskToJoin(user, group.id) && mine?.status !== "offen",
      hasMunicipality: user.municipalityId !== null,
    },
    chairs: members.filter((m) => m.chair).map(withMunicipality),
    /** Chairs: the members they may take off the group, by name (chairs are ended by the administration). */
    removableMembers: viewerChairs ? members.filter((m) => !m.chair).map(withMunicipality) : [],
    memberCount: members.length,
    /** Members whose account names no municipality (older accounts): listed apart. */
    membersWithoutMunicipality: memberNames(members.filter((m) => m.municipalityId === null)),
    centres: byCentre,
    participatingCount: membersOf.size,
    totalMunicipalities: allMunicipalities.length,
    meetings: {
      upcoming: upcoming.map(toRow),
      past: past.slice(0, PAST_MEETINGS_SHOWN).map(toRow),
      morePast: past.length > PAST_MEETINGS_SHOWN,
    },
    myRequest: mine,
    openRequests,
    /** Admins: who can be appointed chair (a member municipality, not chair already). */
    chairCandidates: candidates.filter((c) => !chairIds.has(c.id)).map((c) => ({ ...c, member: memberIds.has(c.id) })),
    links: {
      newMeeting: `/facharbeitskreise/${slug}/sitzungen/neu`,
      decisions: `/facharbeitskreise/${slug}/beschluesse`,
    },
  };
}

/** Chairs' start panel: the open join requests of the groups they chair, oldest first. */
export async function openJoinRequestsForChair(userId: string, limit = 10) {
  const chaired = db
    .select({ group: userRoles.workingGroup })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, "wg_chair")));
  const rows = await db
    .select({
      id: groupJoinRequests.id,
      groupId: groupJoinRequests.groupId,
      group: workingGroups.name,
      name: users.name,
      municipality: municipalities.name,
      createdAt: groupJoinRequests.createdAt,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(groupJoinRequests)
    .innerJoin(workingGroups, eq(workingGroups.id, groupJoinRequests.groupId))
    .innerJoin(users, eq(users.id, groupJoinRequests.userId))
    .innerJoin(municipalities, eq(municipalities.id, groupJoinRequests.municipalityId))
    .where(and(eq(groupJoinRequests.status, "offen"), inArray(groupJoinRequests.groupId, chaired)))
    .orderBy(asc(groupJoinRequests.createdAt), asc(groupJoinRequests.id))
    .limit(limit);
  return { requests: rows.map(({ total: _total, ...r }) => r), total: rows[0] ? Number(rows[0].total) : 0 };
}

/** The groups a person belongs to, each with its next planned meeting (members' start panel). */
export async function myGroups(user: Pick<CurrentUser, "roles">, now = new Date()) {
  const ids = groupsOf(user);
  if (!ids.length) return [];
  const [groups, next] = await Promise.all([
    db.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(inArray(workingGroups.id, ids)).orderBy(asc(workingGroups.sortOrder)),
    db
      .selectDistinctOn([meetings.groupId], { groupId: meetings.groupId, id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
      .from(meetings)
      .where(and(inArray(meetings.groupId, ids), eq(meetings.status, "geplant"), gt(meetings.endsAt, now)))
      .orderBy(meetings.groupId, asc(meetings.startsAt)),
  ]);
  const nextOf = new Map(next.map((m) => [m.groupId, m]));
  return groups.map((g) => ({ id: g.id, slug: groupSlug(g.id), name: g.name, chair: isChairOf(user, g.id), nextMeeting: nextOf.get(g.id) ?? null }));
}
