import { and, asc, desc, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { WorkingGroup } from "#db/schema/auth";
import { agendaDocuments, agendaItems, meetingRsvps, meetings, workingGroups, type AgendaItemKind, type Meeting } from "#db/schema/groups";
import { centres } from "#db/schema/members";
import { rooms } from "#db/schema/training";
import { db, runPrepared } from "~/db.server";
import { formatDate, formatDateTime, formatRange, formatTime } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { isChairOf, isMemberOf } from "./access";
import { agendaTimes, describeMinutes } from "./agenda-times";
import { groupSlug } from "./group-access.server";
import { describeMeetingPlace, groupMembersWithAnswers } from "./meetings.server";
import { openActionItemsOf } from "./action-items.server";
import { minutesPath } from "./paths";

/**
 * What a meeting page shows (issue 9, items 2–4), in a fixed small number of statements whatever
 * the agenda's or the history's size (the bench has 50 items and 200 action items): the meeting
 * with its place, the agenda with documents, the group's open action items for "Offene Aufgaben",
 * the previous minutes for "Genehmigung", and the answers. No per-row queries.
 */
type Viewer = Pick<CurrentUser, "id" | "roles">;

function notFound(): never {
  throw new Response("Nicht gefunden", { status: 404 });
}

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

/** The agenda of a meeting with times, documents and what its automatic items list: at most three statements. */
export async function readAgenda(meeting: Pick<Meeting, "id" | "groupId" | "startsAt" | "endsAt">, tx: Executor = db): Promise<AgendaRead> {
  const rows = await runPrepared(
    "agenda-items",
    (d) =>
      d
        .select({
          id: agendaItems.id,
          position: agendaItems.position,
          kind: agendaItems.kind,
          title: agendaItems.title,
          presenter: agendaItems.presenter,
          durationMinutes: agendaItems.durationMinutes,
          documentId: agendaDocuments.id,
          documentName: agendaDocuments.name,
          documentSize: agendaDocuments.size,
          documentType: agendaDocuments.mimeType,
        })
        .from(agendaItems)
        .leftJoin(agendaDocuments, eq(agendaDocuments.agendaItemId, agendaItems.id))
        .where(eq(agendaItems.meetingId, sql.placeholder("meetingId")))
        .orderBy(asc(agendaItems.position), asc(agendaItems.id), asc(agendaDocuments.createdAt), asc(agendaDocuments.name))
        .prepare("agenda_items"),
    { meetingId: meeting.id },
    tx,
  );
  const byId = new Map<number, Omit<AgendaRead["items"][number], "startsAt" | "endsAt">>();
  for (const r of rows) {
    let item = byId.get(r.id);
    if (!item) {
      item = { id: r.id, position: r.position, kind: r.kind, title: r.title, presenter: r.presenter, durationMinutes: r.durationMinutes, documents: [] };
      byId.set(r.id, item);
    }
    if (r.documentId) item.documents.push({ id: r.documentId, name: r.documentName!, size: r.documentSize!, mimeType: r.documentType! });
  }
  const list = [...byId.values()];
  const timing = agendaTimes(meeting, list);

  const openTasks = list.some((i) => i.kind === "offene_aufgaben") ? await openActionItemsOf(meeting.groupId, { before: meeting }, tx) : [];

  const [previous] = list.some((i) => i.kind === "protokoll_genehmigung")
    ? await runPrepared(
        "agenda-previous-minutes",
        (d) =>
          d
            .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, approvedOn: meetings.minutesApprovedOn })
            .from(meetings)
            .where(
              and(
                eq(meetings.groupId, sql.placeholder("groupId")),
                eq(meetings.minutesStatus, "freigegeben"),
                ne(meetings.id, sql.placeholder("meetingId")),
                or(eq(meetings.minutesApprovedInId, sql.placeholder("meetingId")), lt(meetings.startsAt, sql.placeholder("startsAt"))),
              ),
            )
            .orderBy(desc(sql`coalesce(${meetings.minutesApprovedInId} = ${sql.placeholder("meetingId")}, false)`), desc(meetings.startsAt), desc(meetings.id))
            .limit(1)
            .prepare("agenda_previous_minutes"),
        { groupId: meeting.groupId, meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
        tx,
      )
    : [];

  return {
    items: list.map((item, i) => ({ ...item, ...timing.items[i] })),
    warning: timing.warning,
    totalMinutes: timing.totalMinutes,
    openTasks,
    previous: previous ?? null,
  };
}

/** The meeting with its group and place, checked against the slug's group (another group's slug is 404). */
export async function loadMeetingWithPlace(groupId: WorkingGroup, meetingId: number, tx: Executor = db) {
  if (!Number.isSafeInteger(meetingId) || meetingId <= 0) notFound();
  const [row] = await runPrepared(
    "meeting-with-place",
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
        })
        .from(meetings)
        .innerJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
        .leftJoin(rooms, eq(rooms.id, meetings.roomId))
        .leftJoin(centres, eq(centres.id, sql`coalesce(${rooms.centreId}, case when ${meetings.locationKind} = 'zentral' then 'nord' end)`))
        .where(eq(meetings.id, sql.placeholder("meetingId")))
        .prepare("meeting_with_place"),
    { meetingId },
    tx,
  );
  if (!row || row.meeting.groupId !== groupId) notFound();
  const place = describeMeetingPlace({ locationKind: row.meeting.locationKind, onlineUrl: row.meeting.onlineUrl, roomName: row.roomName, centreName: row.centreName, street: row.street, postalCode: row.postalCode, city: row.city });
  return { meeting: row.meeting, groupName: row.groupName, place, roomDirections: row.roomDirections };
}

function editorOf(item: AgendaRead["items"][number] | undefined) {
  return item ? { id: item.id, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes } : null;
}

const EMPTY_COUNTS = { zusage: 0, absage: 0, vielleicht: 0, keine: 0 };

/**
 * The meeting page. Every signed-in person sees the meeting and its agenda; members also their
 * own answer; chairs the counts and every member's answer ("keine Antwort" when none).
 */
export async function getMeetingPage(user: Viewer, groupId: WorkingGroup, meetingId: number, { editing = null as number | null, now = new Date() } = {}) {
  const { meeting, groupName, place, roomDirections } = await loadMeetingWithPlace(groupId, meetingId);
  const chair = isChairOf(user, groupId);
  const member = isMemberOf(user, groupId);
  const agenda = await readAgenda(meeting);
  // Chairs: every member with their answer, in one statement; members: their own answer.
  const people = chair ? await groupMembersWithAnswers(groupId, meeting.id) : [];
  const [own] = chair
    ? people.filter((p) => p.id === user.id)
    : member
      ? await runPrepared(
          "meeting-answer-of",
          (d) =>
            d
              .select({ answer: meetingRsvps.answer })
              .from(meetingRsvps)
              .where(and(eq(meetingRsvps.meetingId, sql.placeholder("meetingId")), eq(meetingRsvps.userId, sql.placeholder("userId"))))
              .prepare("meeting_answer_of"),
          { meetingId: meeting.id, userId: user.id },
        )
      : [];
  // Chairs: the members by answer, each list as one line "Name (Kommune), …" in alphabetical order.
  let rsvp: { counts: typeof EMPTY_COUNTS; lists: Record<keyof typeof EMPTY_COUNTS, string> } | null = null;
  if (chair) {
    const counts = { ...EMPTY_COUNTS };
    const names: Record<keyof typeof EMPTY_COUNTS, string[]> = { zusage: [], absage: [], vielleicht: [], keine: [] };
    for (const m of people) {
      const answer = m.answer ?? "keine";
      counts[answer]++;
      names[answer].push(m.municipality ? `${m.name} (${m.municipality})` : m.name);
    }
    rsvp = { counts, lists: { zusage: names.zusage.join(", "), absage: names.absage.join(", "), vielleicht: names.vielleicht.join(", "), keine: names.keine.join(", ") } };
  }
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
    viewer: { chair, member, answer: member ? (own?.answer ?? null) : null },
    rsvp,
  };
}
export type MeetingPageData = Awaited<ReturnType<typeof getMeetingPage>>;
