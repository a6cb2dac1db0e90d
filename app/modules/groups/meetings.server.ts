import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { userRoles, users, type WorkingGroup } from "#db/schema/auth";
import { calendarEvents } from "#db/schema/calendar";
import { agendaItems, meetingRsvps, meetings, type Meeting, type RsvpAnswer, type WorkingGroupRow } from "#db/schema/groups";
import { centres, municipalities } from "#db/schema/members";
import { rooms } from "#db/schema/training";
import { MeetingCancelledEmail, type MeetingRef } from "#emails/groups-meetings";
import { db, runPrepared } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatRange } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { addAttendee, cancelCalendarEvent, createCalendarEvent, removeAttendee, updateCalendarEvent, type EventInput } from "~/modules/calendar/events.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { bookRoom, releaseMeetingBooking } from "~/modules/training/rooms.server";
import { GROUP_MEMBER_ROLES } from "./access";
import { loadGroup, loadMeeting, lockGroupRow } from "./group-access.server";
import { MEETING_STARTED_CANNOT_CANCEL, type MeetingInput, type MeetingLocationInput } from "./meeting-validation";
import { meetingPath } from "./paths";

/**
 * Scheduling working-group meetings (issue 9, items 2 and 3): schedule, change, cancel, and the
 * members' answers. Each command runs in one transaction; authorization is inside (loadGroup /
 * loadMeeting with chair or member: 404 for anyone else). One calendar event per meeting, every
 * member invited through the calendar engine (ACCEPTANCE F28–F32).
 */
type Actor = Pick<CurrentUser, "id" | "name" | "roles">;

function run<T>(tx: Executor | undefined, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.transaction((t) => fn(t));
}

export function meetingLink(groupId: WorkingGroup, meetingId: number) {
  return `${getEnv().APP_URL.replace(/\/+$/, "")}${meetingPath(groupId, meetingId)}`;
}

/** What a room clash message names: `Sitzung des Facharbeitskreises Finanzwesen „Titel“`. */
export function meetingBookingLabel(group: Pick<WorkingGroupRow, "name">, title: string) {
  return `Sitzung des Facharbeitskreises ${group.name} „${title}“`;
}

const byName = new Intl.Collator("de-DE");

/** The group's members (chairs included), active people only, in German alphabetical order. */
export async function groupMembers(groupId: WorkingGroup, tx: Executor = db) {
  const rows = await runPrepared(
    "group-members",
    (d) =>
      d
        .select({ id: users.id, name: users.name, email: users.email, municipalityId: users.municipalityId, municipality: municipalities.name, state: municipalities.state, role: userRoles.role })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
        .where(and(eq(userRoles.workingGroup, sql.placeholder("groupId")), inArray(userRoles.role, [...GROUP_MEMBER_ROLES]), eq(users.active, true)))
        .prepare("group_members"),
    { groupId },
    tx,
  );
  return onePerPerson(rows);
}

/** A chair usually holds a member grant too: one entry per person, in German alphabetical order. */
export function onePerPerson<R extends { id: string; name: string; role: string }>(rows: R[]): (Omit<R, "role"> & { chair: boolean })[] {
  const byId = new Map<string, Omit<R, "role"> & { chair: boolean }>();
  for (const { role, ...r } of rows) {
    const known = byId.get(r.id);
    if (known) known.chair ||= role === "wg_chair";
    else byId.set(r.id, { ...r, chair: role === "wg_chair" });
  }
  return [...byId.values()].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export interface ResolvedMeetingLocation {
  locationKind: MeetingLocationInput["kind"];
  centreId: string | null;
  roomId: number | null;
  onlineUrl: string | null;
  /** The calendar entry's LOCATION and what emails say. */
  text: string;
}

const address = (c: { street: string | null; postalCode: string | null; city: string }) => [c.street, [c.postalCode, c.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");

/** The place in German, with the address of the centre (central meetings: the KAI-Gruppe at the Nord centre in Buxtehude). */
export function describeMeetingPlace(m: {
  locationKind: string;
  onlineUrl: string | null;
  roomName: string | null;
  centreName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
}) {
  if (m.locationKind === "online") return m.onlineUrl ? `Online: ${m.onlineUrl}` : "Online";
  const place = address({ street: m.street, postalCode: m.postalCode, city: m.city ?? "" });
  if (m.locationKind === "zentral") return ["KAI-Gruppe", m.roomName, place || "Buxtehude"].filter(Boolean).join(", ");
  return [m.roomName, m.centreName ? `KAI-Zentrum ${m.centreName}` : null, place].filter(Boolean).join(", ");
}

async function resolveLocation(loc: MeetingLocationInput, tx: Executor): Promise<ResolvedMeetingLocation> {
  if (loc.kind === "online") return { locationKind: "online", centreId: null, roomId: null, onlineUrl: loc.onlineUrl, text: loc.onlineUrl };
  if (loc.kind === "zentral" && loc.roomId === null) {
    const [nord] = await tx.select({ name: centres.name, street: centres.street, postalCode: centres.postalCode, city: centres.city }).from(centres).where(eq(centres.id, "nord"));
    return { locationKind: "zentral", centreId: null, roomId: null, onlineUrl: null, text: describeMeetingPlace({ locationKind: "zentral", onlineUrl: null, roomName: null, centreName: null, ...(nord ?? { street: null, postalCode: null, city: "Buxtehude" }) }) };
  }
  const [room] = await tx
    .select({ id: rooms.id, name: rooms.name, active: rooms.active, centreId: rooms.centreId, centreName: centres.name, street: centres.street, postalCode: centres.postalCode, city: centres.city })
    .from(rooms)
    .innerJoin(centres, eq(centres.id, rooms.centreId))
    .where(eq(rooms.id, loc.roomId!));
  if (!room) throw new PublicError("Bitte einen Raum aus der Liste wählen.", 400, "roomId");
  if (loc.kind === "zentral" && room.centreId !== "nord") {
    throw new PublicError("Eine zentrale Sitzung findet in Buxtehude statt: Bitte einen Raum des Zentrums Nord wählen oder keinen Raum.", 400, "roomId");
  }
  return { locationKind: loc.kind, centreId: room.centreId, roomId: room.id, onlineUrl: null, text: describeMeetingPlace({ locationKind: loc.kind, onlineUrl: null, roomName: room.name, ...room }) };
}

function eventFor(group: WorkingGroupRow, meetingId: number, m: { title: string; startsAt: Date; endsAt: Date }, locationText: string): EventInput {
  return {
    kind: "meeting",
    title: `${m.title} (Facharbeitskreis ${group.name})`,
    description: `Sitzung des Facharbeitskreises ${group.name}. Tagesordnung, Unterlagen und Zu- oder Absage: ${meetingLink(group.id, meetingId)}`,
    location: locationText,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
  };
}

/** The two items every new meeting starts with (issue 9, item 4). */
export const APPROVAL_ITEM_TITLE = "Genehmigung des Protokolls der letzten Sitzung";
export const OPEN_TASKS_ITEM_TITLE = "Offene Aufgaben";
/** The automatic approval item, as scheduling puts it on a new agenda and a release on the next one. */
export const APPROVAL_ITEM = { kind: "protokoll_genehmigung" as const, title: APPROVAL_ITEM_TITLE, presenter: "", durationMinutes: 5 };

/**
 * A chair schedules a meeting: the room is booked (clash check), the calendar event invites every
 * member, the agenda starts with the automatic items and the rows the chair typed.
 */
export async function scheduleMeeting(args: { user: Actor; groupId: WorkingGroup; input: MeetingInput; ip?: string | null; now?: Date }, tx?: Executor): Promise<Meeting> {
  const { input } = args;
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { group } = await loadGroup(args.user, args.groupId, { chair: true }, tx);
    // The members read below are the ones invited: no membership change may slip in between.
    await lockGroupRow(group.id, tx);
    if (input.startsAt <= now) throw new PublicError("Die Sitzung muss in der Zukunft liegen. Bitte ein späteres Datum oder eine spätere Uhrzeit wählen.", 400, "date");
    const loc = await resolveLocation(input.location, tx);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        groupId: group.id,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        locationKind: loc.locationKind,
        centreId: loc.centreId,
        roomId: loc.roomId,
        onlineUrl: loc.onlineUrl,
        createdById: args.user.id,
      })
      .returning();
    if (loc.roomId) await bookRoom({ roomId: loc.roomId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, label: meetingBookingLabel(group, meeting.title), meetingId: meeting.id }, tx);

    // Approval of the last minutes: when the group's latest earlier meeting has released minutes not yet approved.
    const [previous] = await tx
      .select({ id: meetings.id, minutesStatus: meetings.minutesStatus, minutesApprovedOn: meetings.minutesApprovedOn })
      .from(meetings)
      .where(and(eq(meetings.groupId, group.id), eq(meetings.status, "geplant"), lt(meetings.startsAt, meeting.startsAt), sql`${meetings.id} <> ${meeting.id}`))
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(1);
    const withApproval = !!previous && previous.minutesStatus === "freigegeben" && previous.minutesApprovedOn === null;
    const items = [
      ...(withApproval ? [APPROVAL_ITEM] : []),
      { kind: "offene_aufgaben" as const, title: OPEN_TASKS_ITEM_TITLE, presenter: "", durationMinutes: 15 },
      ...input.items.map((i) => ({ kind: "eintrag" as const, ...i })),
    ];
    await tx.insert(agendaItems).values(items.map((item, i) => ({ meetingId: meeting.id, position: i + 1, ...item })));

    const members = await groupMembers(group.id, tx);
    const event = await createCalendarEvent(
      { event: eventFor(group, meeting.id, meeting, loc.text), attendees: members.map((m) => ({ email: m.email, name: m.name, userId: m.id })), createdBy: args.user.id },
      tx,
    );
    const [scheduled] = await tx.update(meetings).set({ eventId: event.id }).where(eq(meetings.id, meeting.id)).returning();
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.meeting_scheduled",
        entityType: "meeting",
        entityId: meeting.id,
        after: { workingGroup: group.id, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: loc.text, agendaItems: items.length, attendees: members.length },
        ip: args.ip,
      },
      tx,
    );
    return scheduled;
  });
}

const same = (a: Date, b: Date) => a.getTime() === b.getTime();

/**
 * Changes title, time, duration or place. The room is booked again for the new time (or freed);
 * the calendar event gets an update (same UID, SEQUENCE + 1) to everyone invited. The agenda is
 * kept as it is. A cancelled meeting cannot be changed.
 */
export async function updateMeeting(args: { user: Actor; meetingId: number; input: Omit<MeetingInput, "items">; ip?: string | null; now?: Date }, tx?: Executor): Promise<Meeting> {
  const { input } = args;
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { meeting: before, group } = await loadMeeting(args.user, args.meetingId, { chair: true, lock: true }, tx);
    if (before.status === "abgesagt") throw new PublicError("Eine abgesagte Sitzung kann nicht mehr geändert werden.", 409);
    const moved = !same(before.startsAt, input.startsAt) || !same(before.endsAt, input.endsAt);
    if (moved && input.startsAt <= now) throw new PublicError("Die Sitzung muss in der Zukunft liegen. Bitte ein späteres Datum oder eine spätere Uhrzeit wählen.", 400, "date");
    const loc = await resolveLocation(input.location, tx);
    const [meeting] = await tx
      .update(meetings)
      .set({ title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, locationKind: loc.locationKind, centreId: loc.centreId, roomId: loc.roomId, onlineUrl: loc.onlineUrl, updatedAt: now })
      .where(eq(meetings.id, before.id))
      .returning();
    let released = 0;
    if (loc.roomId) await bookRoom({ roomId: loc.roomId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, label: meetingBookingLabel(group, meeting.title), meetingId: meeting.id }, tx);
    else released = await releaseMeetingBooking(meeting.id, tx);

    let calendarUpdates = 0;
    if (meeting.eventId) {
      const [current] = await tx.select().from(calendarEvents).where(eq(calendarEvents.id, meeting.eventId));
      const wanted = eventFor(group, meeting.id, meeting, loc.text);
      const changes: Partial<EventInput> = {};
      if (current && current.status !== "cancelled") {
        if (!same(current.startsAt, wanted.startsAt)) changes.startsAt = wanted.startsAt;
        if (!same(current.endsAt, wanted.endsAt)) changes.endsAt = wanted.endsAt;
        if (current.location !== wanted.location) changes.location = wanted.location;
        if (current.title !== wanted.title) changes.title = wanted.title;
        if (Object.keys(changes).length) {
          await updateCalendarEvent({ eventId: current.id, changes, actorId: args.user.id }, tx);
          calendarUpdates = 1;
        }
      }
    }
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.meeting_updated",
        entityType: "meeting",
        entityId: meeting.id,
        before: { title: before.title, startsAt: before.startsAt, endsAt: before.endsAt, locationKind: before.locationKind, roomId: before.roomId, onlineUrl: before.onlineUrl },
        after: { title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, locationKind: meeting.locationKind, roomId: meeting.roomId, onlineUrl: meeting.onlineUrl, location: loc.text, calendarUpdates, roomBookingsReleased: released },
        ip: args.ip,
      },
      tx,
    );
    return meeting;
  });
}

/** The place of a stored meeting in German (for emails and the PDF). */
export async function meetingPlace(meeting: Pick<Meeting, "locationKind" | "roomId" | "onlineUrl">, tx: Executor = db) {
  const [row] = await tx
    .select({ roomName: rooms.name, centreName: centres.name, street: centres.street, postalCode: centres.postalCode, city: centres.city })
    .from(centres)
    .leftJoin(rooms, eq(rooms.id, sql`${meeting.roomId ?? null}`))
    .where(eq(centres.id, sql`coalesce(${rooms.centreId}, 'nord')`));
  return describeMeetingPlace({ locationKind: meeting.locationKind, onlineUrl: meeting.onlineUrl, roomName: row?.roomName ?? null, centreName: row?.centreName ?? null, street: row?.street ?? null, postalCode: row?.postalCode ?? null, city: row?.city ?? null });
}

export function meetingRef(group: WorkingGroupRow, meeting: Meeting, place: string): MeetingRef {
  return { groupName: group.name, title: meeting.title, when: formatRange(meeting.startsAt, meeting.endsAt), place, link: meetingLink(group.id, meeting.id) };
}

/**
 * Cancels the meeting (only one still ahead): CANCEL + STATUS:CANCELLED to everyone invited, a German email with the
 * reason to every member, the room freed.
 */
export async function cancelMeeting(args: { user: Actor; meetingId: number; reason: string; ip?: string | null; now?: Date }, tx?: Executor): Promise<Meeting> {
  const now = args.now ?? new Date();
  const reason = args.reason.trim();
  if (reason.length < 5) throw new PublicError("Bitte den Grund der Absage angeben.", 400, "reason");
  return run(tx, async (tx) => {
    const { meeting, group } = await loadMeeting(args.user, args.meetingId, { chair: true, lock: true }, tx);
    if (meeting.status === "abgesagt") throw new PublicError("Die Sitzung ist bereits abgesagt.", 409);
    // What took place stays: its attendance, minutes and decisions, and the invites in the calendars.
    if (meeting.startsAt <= now) throw new PublicError(MEETING_STARTED_CANNOT_CANCEL, 409);
    if (meeting.eventId) await cancelCalendarEvent({ eventId: meeting.eventId, actorId: args.user.id }, tx);
    const place = await meetingPlace(meeting, tx);
    const released = await releaseMeetingBooking(meeting.id, tx);
    const members = await groupMembers(group.id, tx);
    const ref = meetingRef(group, meeting, place);
    for (const m of members) {
      await sendEmail(
        {
          to: { address: m.email, name: m.name },
          template: "groups-meeting-cancelled",
          subject: `Abgesagt: Sitzung „${meeting.title}“ (Facharbeitskreis ${group.name})`,
          body: createElement(MeetingCancelledEmail, { name: m.name, meeting: ref, reason }),
        },
        tx,
      );
    }
    const [cancelled] = await tx.update(meetings).set({ status: "abgesagt", cancelReason: reason, updatedAt: now }).where(eq(meetings.id, meeting.id)).returning();
    await recordAudit(
      { actorId: args.user.id, action: "groups.meeting_cancelled", entityType: "meeting", entityId: meeting.id, before: { status: meeting.status }, after: { status: "abgesagt", reason, notified: members.length, roomBookingsReleased: released }, ip: args.ip },
      tx,
    );
    return cancelled;
  });
}

/**
 * A member answers zusage, absage or vielleicht (item 3); changeable until the meeting ends. The
 * chair's view reads the table, so it shows the answer at once. Non-members get 404.
 */
export async function answerRsvp(args: { user: Actor; meetingId: number; answer: RsvpAnswer; ip?: string | null; now?: Date }, tx?: Executor) {
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { meeting } = await loadMeeting(args.user, args.meetingId, { member: true, lock: true }, tx);
    if (meeting.status === "abgesagt") throw new PublicError("Die Sitzung ist abgesagt; eine Antwort ist nicht mehr nötig.", 409);
    if (meeting.endsAt <= now) throw new PublicError("Die Sitzung ist vorbei; die Antwort lässt sich nicht mehr ändern.", 409);
    const [previous] = await tx.select({ answer: meetingRsvps.answer }).from(meetingRsvps).where(and(eq(meetingRsvps.meetingId, meeting.id), eq(meetingRsvps.userId, args.user.id)));
    if (previous?.answer === args.answer) return { answer: args.answer, changed: false };
    await tx
      .insert(meetingRsvps)
      .values({ meetingId: meeting.id, userId: args.user.id, answer: args.answer, answeredAt: now })
      .onConflictDoUpdate({ target: [meetingRsvps.meetingId, meetingRsvps.userId], set: { answer: args.answer, answeredAt: now } });
    await recordAudit(
      { actorId: args.user.id, action: "groups.rsvp_answered", entityType: "meeting", entityId: meeting.id, before: { answer: previous?.answer ?? null }, after: { answer: args.answer }, ip: args.ip },
      tx,
    );
    return { answer: args.answer, changed: true };
  });
}

/** The stored meeting as the edit form's values. */
export function meetingFormValues(meeting: Meeting) {
  const local = (d: Date, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", ...opts }).format(d);
  return {
    title: meeting.title,
    date: local(meeting.startsAt, { year: "numeric", month: "2-digit", day: "2-digit" }),
    time: local(meeting.startsAt, { hour: "2-digit", minute: "2-digit" }),
    durationMinutes: String(Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000)),
    locationKind: meeting.locationKind,
    roomId: meeting.roomId ? String(meeting.roomId) : "",
    onlineUrl: meeting.onlineUrl ?? "",
  };
}

/** Rooms for the form: active ones, by centre; the Nord rooms also serve central meetings. */
export async function meetingRoomOptions(tx: Executor = db) {
  const rows = await tx
    .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity, centreName: centres.name })
    .from(rooms)
    .innerJoin(centres, eq(centres.id, rooms.centreId))
    .where(eq(rooms.active, true))
    .orderBy(asc(centres.sortOrder), asc(rooms.name));
  return rows.map((r) => ({ value: String(r.id), label: `${r.name} (Zentrum ${r.centreName}, ${r.capacity} Plätze)` }));
}

/** Actions on `/facharbeitskreise/<slug>/sitzungen/<id>`: the meeting must belong to the slug's group, else 404. */
export async function requireMeetingInGroup(groupId: WorkingGroup, meetingId: number, tx: Executor = db) {
  const [row] = await tx.select({ groupId: meetings.groupId }).from(meetings).where(eq(meetings.id, meetingId));
  if (!row || row.groupId !== groupId) notFound();
}

/**
 * For the membership commands (join accepted, member removed): a new member is invited to the
 * group's upcoming meetings (REQUEST to them only), a leaving one gets a CANCEL for each (F31).
 * Runs in the caller's transaction; returns how many invites or cancellations went out.
 */
export async function inviteToUpcomingMeetings(args: { groupId: WorkingGroup; person: { id: string; email: string; name: string }; actorId?: string | null; now?: Date }, tx: Executor) {
  let sent = 0;
  for (const m of await upcomingEvents(args.groupId, args.now ?? new Date(), tx)) {
    if (await addAttendee({ eventId: m.eventId, attendee: { email: args.person.email, name: args.person.name, userId: args.person.id }, actorId: args.actorId }, tx)) sent++;
  }
  return sent;
}

export async function removeFromUpcomingMeetings(args: { groupId: WorkingGroup; person: { email: string }; actorId?: string | null; now?: Date }, tx: Executor) {
  let sent = 0;
  for (const m of await upcomingEvents(args.groupId, args.now ?? new Date(), tx)) {
    if (await removeAttendee({ eventId: m.eventId, email: args.person.email, actorId: args.actorId }, tx)) sent++;
  }
  return sent;
}

/**
 * After the people admin changed a person's grants in a group (under the group's row lock): while
 * a member or chair, invited to the group's upcoming meetings; otherwise taken off them with a
 * CANCEL (F31). Safe to repeat: nobody is invited twice or cancelled twice.
 */
export async function syncUpcomingInvites(args: { groupId: WorkingGroup; userId: string; actorId?: string | null; now?: Date }, tx: Executor) {
  const [person] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, args.userId));
  if (!person) return 0;
  const grants = await tx
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(and(eq(userRoles.userId, person.id), eq(userRoles.workingGroup, args.groupId), inArray(userRoles.role, [...GROUP_MEMBER_ROLES])));
  const change = { groupId: args.groupId, person, actorId: args.actorId, now: args.now };
  return grants.length ? inviteToUpcomingMeetings(change, tx) : removeFromUpcomingMeetings(change, tx);
}

async function upcomingEvents(groupId: WorkingGroup, now: Date, tx: Executor) {
  const rows = await tx
    .select({ eventId: meetings.eventId })
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), eq(meetings.status, "geplant"), gt(meetings.startsAt, now), isNotNull(meetings.eventId)))
    .orderBy(asc(meetings.startsAt));
  return rows as { eventId: string }[];
}

