import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { userRoles, users, type WorkingGroup } from "#db/schema/auth";
import { actionItems, agendaDocuments, agendaItems, meetingRsvps, meetings, workingGroups, type AgendaItemKind, type RsvpAnswer } from "#db/schema/groups";
import { centres, municipalities } from "#db/schema/members";
import { rooms } from "#db/schema/training";
import { db, jsonArray, jsonObject, runPrepared, subquery } from "~/db.server";
import { formatDate, formatDateTime, formatRange, formatTime } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { notFound } from "~/errors";
import { GROUP_MEMBER_ROLES, isChairOf, isMemberOf } from "./access";
import { agendaTimes, describeMinutes } from "./agenda-times";
import { groupSlug } from "./group-access.server";
import { describeMeetingPlace, onePerPerson } from "./meetings.server";
import { OPEN_ACTION_ITEM_STATUSES } from "./minutes-labels";
import { minutesPath } from "./paths";
import { isRowId } from "~/validation";

/**
 * What a meeting page shows (issue 9, items 2–4), in one statement whatever the agenda's or the
 * history's size (the bench has 50 items and 200 action items): the meeting
 * with its place, the agenda with documents, the group's open action items for "Offene Aufgaben",
 * the previous minutes for "Genehmigung", and the answers. No per-row queries.
 */
type Viewer = Pick<CurrentUser, "id" | "roles">;

export interface AgendaRead {
  items: {
    id: number;
    position: number;
    kind: AgendaItemKind;
    title: string;
    presenter: string;
    durationMinutes: number | null;
    startsAt: Date;
    endsAt: Date;
    documents: { id: string; name: string; size: number; mimeType: string }[];
  }[];
  warning: string | null;
  totalMinutes: number;
  /** The group's open action items (offen or vertagt) from meetings with released minutes. */
  openTasks: { id: number; title: string; owner: string; dueOn: string; status: string }[];
  /** The meeting whose minutes the "Genehmigung" item approves. */
  previous: { id: number; title: string; startsAt: Date; approvedOn: string | null } | null;
}

/** One open action item as the agenda lists it, on the page, in the email and in the PDF. */
export function openTaskLine(t: AgendaRead["openTasks"][number]): string {
  return `${t.title} – ${t.owner}, fällig am ${formatDate(t.dueOn)}${t.status === "vertagt" ? " (vertagt)" : ""}`;
}

type AgendaItemRow = Omit<AgendaRead["items"][number], "startsAt" | "endsAt">;
type AnswerRow = { id: string; name: string; municipality: string | null; answer: RsvpAnswer | null; role: string };
type PreviousRow = { id: number; title: string; startsAt: string; approvedOn: string | null };

/** Meetings as the open tasks' source and as the previous meeting, beside the meeting itself. */
const source = alias(meetings, "source_meeting");
const previousMeeting = alias(meetings, "previous_meeting");

/** Every active member of the meeting's group with their answer (null: none yet), as one JSON array; inside a select from `meetings`. */
const MEMBERS_WITH_ANSWERS = sql`
  select ${jsonArray(jsonObject({ id: users.id, name: users.name, municipality: municipalities.name, answer: meetingRsvps.answer, role: userRoles.role }))}
  from ${userRoles}
  join ${users} on ${users.id} = ${userRoles.userId}
  left join ${municipalities} on ${municipalities.id} = ${users.municipalityId}
  left join ${meetingRsvps} on ${meetingRsvps.meetingId} = ${meetings.id} and ${meetingRsvps.userId} = ${users.id}
  where ${userRoles.workingGroup} = ${meetings.groupId} and ${inArray(userRoles.role, [...GROUP_MEMBER_ROLES])} and ${users.active}`;

/**
 * The meeting with its group, place and agenda, in one statement: the items with their documents,
 * the group's open action items from earlier meetings with released minutes ("Offene Aufgaben"),
 * the minutes the "Genehmigung" item approves, on request every member with their answer, and
 * the answer of `viewerId` (null: none or no viewer).
 * Each list comes as one JSON value, so the page costs one round trip to the database whatever
 * the agenda's or the history's size (issue 9 item 10: 50 items and 200 action items in the bench).
 * Another group's meeting, or none, is 404.
 */
export async function readMeeting(groupId: WorkingGroup, meetingId: number, { answers = false, viewerId = null as string | null } = {}, tx: Executor = db) {
  if (!isRowId(meetingId)) notFound();
  const [row] = await runPrepared(
    "meeting-read",
    (d) =>
      d
        .select({
          meeting: meetings,
          groupName: workingGroups.name,
          roomName: rooms.name,
          roomDirections: rooms.directions,
          centreName: centres.name,
          street: centres.street,
          postalCode: centres.postalCode,
          city: centres.city,
          items: subquery<AgendaItemRow[]>(sql`
            select ${jsonArray(
              jsonObject({
                id: agendaItems.id,
                position: agendaItems.position,
                kind: agendaItems.kind,
                title: agendaItems.title,
                presenter: agendaItems.presenter,
                durationMinutes: agendaItems.durationMinutes,
                documents: subquery(sql`
                  select ${jsonArray(jsonObject({ id: agendaDocuments.id, name: agendaDocuments.name, size: agendaDocuments.size, mimeType: agendaDocuments.mimeType }), sql`${agendaDocuments.createdAt}, ${agendaDocuments.name}`)}
                  from ${agendaDocuments} where ${agendaDocuments.agendaItemId} = ${agendaItems.id}`),
              }),
              sql`${agendaItems.position}, ${agendaItems.id}`,
            )}
            from ${agendaItems} where ${agendaItems.meetingId} = ${meetings.id}`),
          // The same items as openActionItemsOf(group, { before: meeting }) lists for the minutes (a test compares them).
          openTasks: subquery<AgendaRead["openTasks"]>(sql`
            select ${jsonArray(jsonObject({ id: actionItems.id, title: actionItems.title, owner: users.name, dueOn: actionItems.dueOn, status: actionItems.status }), sql`${actionItems.dueOn}, ${actionItems.id}`)}
            from ${actionItems}
            join ${meetings} ${source} on ${source.id} = ${actionItems.meetingId}
            join ${users} on ${users.id} = ${actionItems.ownerId}
            where ${actionItems.groupId} = ${meetings.groupId} and ${source.minutesStatus} = 'freigegeben'
              and ${inArray(actionItems.status, [...OPEN_ACTION_ITEM_STATUSES])}
              and ${source.id} <> ${meetings.id} and ${source.startsAt} < ${meetings.startsAt}`),
          previous: subquery<PreviousRow | null>(sql`
            select ${jsonObject({ id: previousMeeting.id, title: previousMeeting.title, startsAt: previousMeeting.startsAt, approvedOn: previousMeeting.minutesApprovedOn })}
            from ${meetings} ${previousMeeting}
            where ${previousMeeting.groupId} = ${meetings.groupId} and ${previousMeeting.minutesStatus} = 'freigegeben' and ${previousMeeting.id} <> ${meetings.id}
              and (${previousMeeting.minutesApprovedInId} = ${meetings.id} or ${previousMeeting.startsAt} < ${meetings.startsAt})
            order by coalesce(${previousMeeting.minutesApprovedInId} = ${meetings.id}, false) desc, ${previousMeeting.startsAt} desc, ${previousMeeting.id} desc
            limit 1`),
          ownAnswer: subquery<RsvpAnswer | null>(sql`
            select ${meetingRsvps.answer} from ${meetingRsvps} where ${meetingRsvps.meetingId} = ${meetings.id} and ${meetingRsvps.userId} = ${sql.placeholder("viewerId")}`),
          answers: subquery<AnswerRow[] | null>(sql`case when ${sql.placeholder("answers")}::boolean then (${MEMBERS_WITH_ANSWERS}) end`),
        })
        .from(meetings)
        .innerJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
        .leftJoin(rooms, eq(rooms.id, meetings.roomId))
        .leftJoin(centres, eq(centres.id, sql`coalesce(${rooms.centreId}, case when ${meetings.locationKind} = 'zentral' then 'nord' end)`))
        .where(eq(meetings.id, sql.placeholder("meetingId")))
        .prepare("meeting_read"),
    { meetingId, answers, viewerId },
    tx,
  );
  if (!row || row.meeting.groupId !== groupId) notFound();
  const place = describeMeetingPlace({ locationKind: row.meeting.locationKind, onlineUrl: row.meeting.onlineUrl, roomName: row.roomName, centreName: row.centreName, street: row.street, postalCode: row.postalCode, city: row.city });
  const meeting = row.meeting;
  const list = row.items;
  const timing = agendaTimes(meeting, list);
  const agenda: AgendaRead = {
    items: list.map((item, i) => ({ ...item, ...timing.items[i] })),
    warning: timing.warning,
    totalMinutes: timing.totalMinutes,
    openTasks: list.some((i) => i.kind === "offene_aufgaben") ? row.openTasks : [],
    previous: row.previous && list.some((i) => i.kind === "protokoll_genehmigung") ? { ...row.previous, startsAt: new Date(row.previous.startsAt) } : null,
  };
  return { meeting, groupName: row.groupName, place, roomDirections: row.roomDirections, agenda, members: answers ? onePerPerson(row.answers ?? []) : [], ownAnswer: row.ownAnswer };
}

function editorOf(item: AgendaRead["items"][number] | undefined) {
  return item ? { id: item.id, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes } : null;
}

const EMPTY_COUNTS = { zusage: 0, absage: 0, vielleicht: 0, keine: 0 };
export type AnswersSummary = { counts: typeof EMPTY_COUNTS; lists: Record<keyof typeof EMPTY_COUNTS, string> };

/** The members by answer for the chairs: the counts, and each list as one line "Name (Kommune), …" in alphabetical order. */
function answersSummary(people: { name: string; municipality: string | null; answer: RsvpAnswer | null }[]): AnswersSummary {
  const counts = { ...EMPTY_COUNTS };
  const names: Record<keyof typeof EMPTY_COUNTS, string[]> = { zusage: [], absage: [], vielleicht: [], keine: [] };
  for (const m of people) {
    const answer = m.answer ?? "keine";
    counts[answer]++;
    names[answer].push(m.municipality ? `${m.name} (${m.municipality})` : m.name);
  }
  return { counts, lists: { zusage: names.zusage.join(", "), absage: names.absage.join(", "), vielleicht: names.vielleicht.join(", "), keine: names.keine.join(", ") } };
}

/**
 * The chairs' view of the answers alone, which the open meeting page asks for again while it is
 * visible (item 3: an answer in the app shows in the chair's view at once). Anyone else: 404.
 */
export async function getMeetingAnswers(user: Viewer, groupId: WorkingGroup, meetingId: number): Promise<AnswersSummary> {
  if (!isChairOf(user, groupId)) notFound();
  if (!isRowId(meetingId)) notFound();
  // The answers alone, not the agenda and the history the page reads: this is asked every 15 s.
  const [row] = await runPrepared(
    "meeting-answers",
    (d) =>
      d
        .select({ groupId: meetings.groupId, answers: subquery<AnswerRow[]>(MEMBERS_WITH_ANSWERS) })
        .from(meetings)
        .where(eq(meetings.id, sql.placeholder("meetingId")))
        .prepare("meeting_answers"),
    { meetingId },
  );
  if (!row || row.groupId !== groupId) notFound();
  return answersSummary(onePerPerson(row.answers));
}

/**
 * The meeting page. Every signed-in person sees the meeting and its agenda; members also their
 * own answer; chairs the counts and every member's answer ("keine Antwort" when none).
 */
export async function getMeetingPage(user: Viewer, groupId: WorkingGroup, meetingId: number, { editing = null as number | null, now = new Date() } = {}) {
  const chair = isChairOf(user, groupId);
  const member = isMemberOf(user, groupId);
  // Read with the meeting: chairs every member with their answer, members their own answer.
  const { meeting, groupName, place, roomDirections, agenda, members: people, ownAnswer } = await readMeeting(groupId, meetingId, { answers: chair, viewerId: member ? user.id : null });
  const rsvp = chair ? answersSummary(people) : null;
  const slug = groupSlug(groupId);
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      titleHyphenated: hyphenate(meeting.title),
      groupId,
      groupName,
      slug,
      when: formatRange(meeting.startsAt, meeting.endsAt),
      status: meeting.status,
      cancelReason: meeting.cancelReason,
      locationKind: meeting.locationKind,
      place,
      onlineUrl: meeting.onlineUrl,
      roomDirections,
      agendaSentAt: meeting.agendaSentAt ? formatDateTime(meeting.agendaSentAt) : null,
      started: meeting.startsAt <= now,
      ended: meeting.endsAt <= now,
      minutesStatus: meeting.minutesStatus,
    },
    agenda: {
      // What each item shows, as whole strings: one text per line renders and serializes in a
      // fraction of the time of its parts (50 items and 100 open tasks in the bench, item 10).
      items: agenda.items.map((i, index) => ({
        id: i.id,
        kind: i.kind,
        heading: `TOP ${index + 1}, ${formatTime(i.startsAt)} Uhr: ${hyphenate(i.title)}`,
        details: `${i.presenter ? `Vortrag: ${i.presenter}. ` : ""}${i.durationMinutes ? `Dauer: ${describeMinutes(i.durationMinutes)}.` : "Ohne geplante Dauer."}`,
        documents: i.documents.map((d) => ({ id: d.id, name: d.name, size: d.size })),
      })),
      warning: agenda.warning,
      totalMinutes: agenda.totalMinutes,
      openTasks: agenda.openTasks.map((t) => ({ id: t.id, line: hyphenate(openTaskLine(t)) })),
      previous: agenda.previous ? { title: agenda.previous.title, date: formatDate(agenda.previous.startsAt), path: minutesPath(groupId, agenda.previous.id) } : null,
    },
    /** Chairs: the item whose editor is open (`?bearbeiten=<id>`), with what its form shows; an unknown id opens none. */
    editor: editorOf(chair ? agenda.items.find((i) => i.id === editing) : undefined),
    viewer: { chair, member, answer: member ? ownAnswer : null },
    rsvp,
  };
}
export type MeetingPageData = Awaited<ReturnType<typeof getMeetingPage>>;
