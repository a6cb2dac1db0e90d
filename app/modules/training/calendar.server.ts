import { createHash } from "node:crypto";
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, max, or, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { calendarEvents } from "#db/schema/calendar";
import { centres } from "#db/schema/members";
import { seminarDates, seminars, type SeminarStatus, type SeminarType } from "#db/schema/training";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { buildFeed, type IcsEventInput } from "~/modules/calendar/ics";
import { mayPlanSeminars } from "./access";

/**
 * The public seminar calendar and the public ICS feeds (issue 8, item 9): reads only.
 *
 * What is listed: seminars that were published (`published_at` set) and are now `veroeffentlicht`
 * or `abgesagt` (shown as abgesagt). Drafts never appear.
 *
 * Seminars restricted to one municipality (`restricted_to_municipality_id`, made from an in-house
 * request) are listed only to the people of that municipality (their home municipality, or a role
 * grant for it, e.g. its municipal IT) and to trainers and admins. Everyone else, signed out people
 * and the public feeds included, does not see them at all: they are not open to them, and listing
 * them would only invite registrations that must be refused.
 */

export const CENTRE_IDS = ["nord", "mitte", "west", "sued"] as const;
export type CalendarCentreId = (typeof CENTRE_IDS)[number];

export interface CalendarFilter {
  centreId?: CalendarCentreId;
  procedureId?: number;
  type?: SeminarType;
}

export type CalendarViewer = Pick<CurrentUser, "roles" | "municipalityId"> | null;

export const CALENDAR_PAGE_SIZE = 20;
/** The month view lists at most this many dates; a month with more says so (none comes close). */
export const MONTH_VIEW_LIMIT = 500;
const TIME_ZONE = "Europe/Berlin";
/** "2027-01-12": the Berlin day of an instant. Intl, not luxon: this runs once per listed date. */
const berlinDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
/** "Dienstag, 12. Januar" for a day given as UTC midnight. */
const dayLabel = new Intl.DateTimeFormat("de-DE", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });

/** Published, or cancelled after publishing. */
const wasPublished = and(isNotNull(seminars.publishedAt), inArray(seminars.status, ["veroeffentlicht", "abgesagt"]));

/** The municipalities whose restricted seminars the viewer may see, or "all" for trainers and admins. */
function municipalitiesOf(viewer: CalendarViewer): number[] | "all" {
  if (!viewer) return [];
  if (mayPlanSeminars(viewer)) return "all";
  const ids = new Set<number>();
  if (viewer.municipalityId) ids.add(viewer.municipalityId);
  for (const grant of viewer.roles) if (grant.municipalityId) ids.add(grant.municipalityId);
  return [...ids];
}

/** The visibility rule above, as a where clause. */
export function visibleSeminars(viewer: CalendarViewer): SQL {
  const allowed = municipalitiesOf(viewer);
  const restriction =
    allowed === "all"
      ? undefined
      : allowed.length
        ? or(isNull(seminars.restrictedToMunicipalityId), inArray(seminars.restrictedToMunicipalityId, allowed))
        : isNull(seminars.restrictedToMunicipalityId);
  return and(wasPublished, restriction)!;
}

function filterClause(filter: CalendarFilter): SQL | undefined {
  return and(
    filter.centreId ? eq(seminars.centreId, filter.centreId) : undefined,
    filter.procedureId ? eq(seminars.procedureId, filter.procedureId) : undefined,
    filter.type ? eq(seminars.type, filter.type) : undefined,
  );
}

/** Only what the calendar shows. */
const listedFields = {
  id: seminars.id,
  title: seminars.title,
  type: seminars.type,
  status: seminars.status,
  centreId: seminars.centreId,
  centreName: centres.name,
  locationKind: seminars.locationKind,
  capacity: seminars.capacity,
  confirmedSeats: seminars.confirmedSeats,
};

export interface CalendarEntry {
  id: number;
  title: string;
  type: SeminarType;
  status: SeminarStatus;
  centreId: string;
  centreName: string;
  locationKind: string;
  capacity: number;
  confirmedSeats: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Upcoming seminars (not yet over), soonest first, one row per seminar with its first start, its
 * last end and how many dates it has; paged by `page` (1-based).
 */
export async function listUpcomingSeminars(
  args: { viewer: CalendarViewer; filter?: CalendarFilter; page?: number; now?: Date },
  tx: Executor = db,
): Promise<{ rows: (CalendarEntry & { dateCount: number })[]; page: number; hasMore: boolean }> {
  const page = Math.max(1, Math.floor(args.page ?? 1));
  const now = args.now ?? new Date();
  const rows = await tx
    .select({
      ...listedFields,
      startsAt: seminars.startsAt,
      endsAt: seminars.endsAt,
      dateCount: sql<number>`(select count(*)::int from ${seminarDates} where ${seminarDates.seminarId} = ${seminars.id})`,
    })
    .from(seminars)
    .innerJoin(centres, eq(centres.id, seminars.centreId))
    .where(and(visibleSeminars(args.viewer), filterClause(args.filter ?? {}), isNotNull(seminars.startsAt), gte(seminars.endsAt, now)))
    .orderBy(asc(seminars.startsAt), asc(seminars.id))
    .limit(CALENDAR_PAGE_SIZE + 1)
    .offset((page - 1) * CALENDAR_PAGE_SIZE);
  const hasMore = rows.length > CALENDAR_PAGE_SIZE;
  return {
    rows: rows.slice(0, CALENDAR_PAGE_SIZE).map((r) => ({ ...r, startsAt: r.startsAt!, endsAt: r.endsAt!, dateCount: Number(r.dateCount) })),
    page,
    hasMore,
  };
}

/** The months a four-digit year can name: 1000-01 … 9999-12. */
const FIRST_MONTH_YEAR = 1000;
const LAST_MONTH_YEAR = 9999;

/** "2027-01" → the month in Berlin time, for any four-digit year; anything else → null. */
export function parseMonth(value: string | null | undefined): DateTime | null {
  if (!value || !/^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(value)) return null;
  const month = DateTime.fromFormat(value, "yyyy-MM", { zone: TIME_ZONE });
  return month.isValid ? month : null;
}

/** The month before and after `month` as yyyy-MM, or null past the first or last one the format can name. */
export function neighbourMonths(month: DateTime): { previous: string | null; next: string | null } {
  const previous = month.minus({ months: 1 });
  const next = month.plus({ months: 1 });
  return {
    previous: previous.year >= FIRST_MONTH_YEAR ? previous.toFormat("yyyy-MM") : null,
    next: next.year <= LAST_MONTH_YEAR ? next.toFormat("yyyy-MM") : null,
  };
}

export function currentMonth(now = new Date()): DateTime {
  return DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf("month");
}

/**
 * The seminar dates of one month (Berlin time), grouped by day: a multi-day seminar appears on
 * each of its days. `days` lists every day of the month, with or without dates.
 */
export async function listMonth(args: { viewer: CalendarViewer; month: DateTime; filter?: CalendarFilter }, tx: Executor = db) {
  const start = args.month.setZone(TIME_ZONE).startOf("month");
  const end = start.plus({ months: 1 });
  const rows = await tx
    .select({ ...listedFields, dateId: seminarDates.id, startsAt: seminarDates.startsAt, endsAt: seminarDates.endsAt })
    .from(seminarDates)
    .innerJoin(seminars, eq(seminars.id, seminarDates.seminarId))
    .innerJoin(centres, eq(centres.id, seminars.centreId))
    .where(
      and(
        visibleSeminars(args.viewer),
        filterClause(args.filter ?? {}),
        gte(seminarDates.startsAt, start.toJSDate()),
        lt(seminarDates.startsAt, end.toJSDate()),
      ),
    )
    .orderBy(asc(seminarDates.startsAt), asc(seminars.id))
    .limit(MONTH_VIEW_LIMIT + 1);
  const byDay = new Map<string, (CalendarEntry & { dateId: number })[]>();
  for (const row of rows.slice(0, MONTH_VIEW_LIMIT)) {
    const day = berlinDay.format(row.startsAt);
    const list = byDay.get(day) ?? [];
    list.push(row);
    byDay.set(day, list);
  }
  const days: { date: string; weekday: number; label: string; entries: (CalendarEntry & { dateId: number })[] }[] = [];
  for (let d = 1; d <= start.daysInMonth!; d++) {
    const utc = new Date(Date.UTC(start.year, start.month - 1, d));
    const iso = utc.toISOString().slice(0, 10);
    days.push({ date: iso, weekday: utc.getUTCDay() || 7, label: dayLabel.format(utc), entries: byDay.get(iso) ?? [] });
  }
  return { month: start.toFormat("yyyy-MM"), days, truncated: rows.length > MONTH_VIEW_LIMIT };
}

/** "3 von 12 Plätzen frei", "ausgebucht – Warteliste", or "abgesagt". */
export function fillLevelText(entry: { status: SeminarStatus; capacity: number; confirmedSeats: number }): string {
  if (entry.status === "abgesagt") return "abgesagt";
  const free = Math.max(0, entry.capacity - entry.confirmedSeats);
  if (free === 0) return "ausgebucht – Warteliste";
  return `${free} von ${entry.capacity} ${entry.capacity === 1 ? "Platz" : "Plätzen"} frei`;
}

/** Feeds reach this far back, like the personal feed. */
const FEED_PAST_DAYS = 90;
/** A cancelled seminar stays in the feeds (as STATUS:CANCELLED) this long after its cancellation. */
export const FEED_CANCELLED_DAYS = 30;

function feedWhere(centreId: CalendarCentreId | undefined, now: Date): SQL {
  const cancelledSince = new Date(now.getTime() - FEED_CANCELLED_DAYS * 86_400_000);
  return and(
    visibleSeminars(null),
    centreId ? eq(seminars.centreId, centreId) : undefined,
    gte(seminarDates.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000)),
    or(eq(seminars.status, "veroeffentlicht"), gte(seminars.cancelledAt, cancelledSince)),
  )!;
}

/**
 * The public feed of all centres or of one: one VEVENT per seminar date, with the UID and SEQUENCE
 * of its calendar-engine event, so a subscribed calendar and an invite name the same event. Only
 * seminars open to everyone (not restricted to a municipality); cancelled ones for a while.
 */
export async function listFeedEvents(args: { centreId?: CalendarCentreId; appUrl: string; now?: Date }, tx: Executor = db): Promise<IcsEventInput[]> {
  const now = args.now ?? new Date();
  const rows = await tx
    .select({
      seminarId: seminars.id,
      status: seminars.status,
      uid: calendarEvents.uid,
      sequence: calendarEvents.sequence,
      title: calendarEvents.title,
      description: calendarEvents.description,
      location: calendarEvents.location,
      startsAt: calendarEvents.startsAt,
      endsAt: calendarEvents.endsAt,
      eventStatus: calendarEvents.status,
    })
    .from(seminarDates)
    .innerJoin(seminars, eq(seminars.id, seminarDates.seminarId))
    .innerJoin(calendarEvents, eq(calendarEvents.id, seminarDates.eventId))
    .where(feedWhere(args.centreId, now))
    .orderBy(asc(seminarDates.startsAt), asc(seminarDates.id));
  const base = args.appUrl.replace(/\/$/, "");
  return rows.map((r) => ({
    uid: r.uid,
    sequence: r.sequence,
    title: r.title,
    description: r.description,
    location: r.location,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    cancelled: r.status === "abgesagt" || r.eventStatus === "cancelled",
    url: `${base}/schulungen/${r.seminarId}`,
  }));
}

/**
 * What a feed's content depends on, in one aggregate row: its dates, and the last change of their
 * events and seminars (every engine change bumps `calendar_events.updated_at`, every command the
 * seminar's). The time windows move with the clock, so the hour is part of it too.
 */
async function feedFingerprint(centreId: CalendarCentreId | undefined, hour: Date, tx: Executor) {
  const [row] = await tx
    .select({
      dates: count(),
      events: max(calendarEvents.updatedAt),
      seminars: max(seminars.updatedAt),
      sequences: sql<string>`coalesce(sum(${calendarEvents.sequence}), 0)::text`,
    })
    .from(seminarDates)
    .innerJoin(seminars, eq(seminars.id, seminarDates.seminarId))
    .innerJoin(calendarEvents, eq(calendarEvents.id, seminarDates.eventId))
    .where(feedWhere(centreId, hour));
  return JSON.stringify([centreId ?? "alle", hour.toISOString(), row?.dates, row?.events, row?.seminars, row?.sequences]);
}

/**
 * The public feeds, rendered once per change: building 1,000 VEVENTs costs about 0.2 s of CPU,
 * while the fingerprint is one aggregate query. The ETag is the fingerprint's hash, so every app
 * instance gives the same one and a calendar app that polls gets a 304 without a rebuild.
 */
const feedCache = new Map<string, { etag: string; body: string }>();

export async function loadPublicFeed(args: { centreId?: CalendarCentreId; name: string; appUrl: string; now?: Date }, tx: Executor = db) {
  const now = args.now ?? new Date();
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const fingerprint = await feedFingerprint(args.centreId, hour, tx);
  const etag = `"${createHash("sha256").update(`${args.appUrl}|${args.name}|${fingerprint}`).digest("base64url").slice(0, 27)}"`;
  const key = args.centreId ?? "alle";
  return {
    etag,
    async body() {
      const cached = feedCache.get(key);
      if (cached?.etag === etag) return cached.body;
      const body = buildFeed({ name: args.name, events: await listFeedEvents({ centreId: args.centreId, appUrl: args.appUrl, now: hour }, tx), now });
      feedCache.set(key, { etag, body });
      return body;
    },
  };
}
