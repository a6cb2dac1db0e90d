/**
 * Pure iCalendar (RFC 5545 / iTIP RFC 5546) builder for the calendar engine.
 *
 * No DB, no I/O: the caller passes stored event rows and gets the VCALENDAR text back.
 * See docs/decisions/004-calendar-engine.md for why the output looks the way it does.
 */
import ical, {
  escape as escapeText,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEventData,
} from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";

export type IcsMethod = "REQUEST" | "CANCEL";

export interface IcsEventInput {
  uid: string; // stable UID, e.g. "3f2c…@kai.example" — stored, never changes
  sequence: number; // stored SEQUENCE, rises with every change
  title: string; // user text: may contain commas, semicolons, newlines, non-ASCII, '<script>'
  description?: string | null;
  location?: string | null;
  startsAt: Date; // an instant (UTC in the DB)
  endsAt: Date;
  cancelled: boolean; // whole event cancelled
  url?: string | null;
}

export interface IcsPerson {
  email: string;
  name?: string | null;
}

/** All KAI events are local to Germany; every DTSTART/DTEND is written in this zone. */
export const CALENDAR_TIME_ZONE = "Europe/Berlin";

/** Written as `PRODID:-//KAI//KAI-Portal//DE` (ical-generator adds the leading "-"). */
const PRODUCT_ID = { company: "KAI", product: "KAI-Portal", language: "DE" } as const;

/** How often subscribed clients should re-fetch the feed (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const FEED_REFRESH_SECONDS = 60 * 60;

/** RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, excluding the CRLF. */
const MAX_LINE_OCTETS = 75;

const CRLF = "\r\n";

export function buildInvite(args: {
  event: IcsEventInput;
  method: IcsMethod;
  organizer: IcsPerson; // the sending mailbox (MAIL_FROM)
  attendee: IcsPerson; // the one recipient of this message
  now: Date; // DTSTAMP
}): string {
  const { event, method, organizer, attendee, now } = args;

  if (method !== "REQUEST" && method !== "CANCEL") {
    throw new Error(`Unsupported iTIP method: ${String(method)}`);
  }
  // A REQUEST for a cancelled event would re-add it in the recipient's calendar; that is a
  // caller bug, so fail loudly instead of guessing which of the two was meant.
  if (method === "REQUEST" && event.cancelled) {
    throw new Error(`Event ${event.uid} is cancelled; send it with method CANCEL, not REQUEST.`);
  }
  assertMailbox(organizer.email, "organizer.email");
  assertMailbox(attendee.email, "attendee.email");

  const calendar = newCalendar();
  calendar.method(method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);

  const organizerName = cleanName(organizer.name);
  const attendeeName = cleanName(attendee.name);

  calendar.createEvent({
    ...eventData(event, now),
    // CANCEL also covers "this one attendee was removed" (event.cancelled=false): for that
    // recipient's copy the event is gone, so their VEVENT must say CANCELLED (RFC 5546 §3.2.5).
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // ical-generator insists on a name; dropOrganizerCommonName removes the placeholder again.
    organizer: { email: organizer.email, name: organizerName ?? organizer.email },
    attendees: [
      {
        email: attendee.email,
        name: attendeeName,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        // Only a REQUEST asks for a reply; a cancellation expects none.
        rsvp: method === "REQUEST" ? true : null,
      },
    ],
  });

  return render(calendar, organizerName === null ? dropOrganizerCommonName : undefined);
}

export function buildFeed(args: {
  name: string; // calendar name, e.g. "KAI-Termine – Erika Beispiel"
  events: IcsEventInput[];
  now: Date;
}): string {
  const calendar = newCalendar();
  // PUBLISH marks the feed as a read-only publication, never a scheduling message.
  calendar.method(ICalCalendarMethod.PUBLISH);
  // ical-generator writes NAME / X-WR-CALNAME verbatim, but both are TEXT values.
  calendar.name(escapeText(cleanText(args.name), false));
  calendar.ttl(FEED_REFRESH_SECONDS);

  for (const event of args.events) {
    // No ORGANIZER/ATTENDEE: the feed URL may be shared, and without them clients show plain
    // events instead of meetings someone could "reply" to from the subscription.
    calendar.createEvent({
      ...eventData(event, args.now),
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }

  return render(calendar);
}

/** The calendar shell shared by invites and the feed. */
function newCalendar(): ICalCalendar {
  const calendar = ical({ prodId: PRODUCT_ID });
  // Only the VTIMEZONE generator is set here, with no calendar-level zone name: a named
  // calendar zone would make ical-generator write DTSTAMP as local time without the "Z".
  // The zone itself is set per event (see eventData).
  calendar.timezone({ name: null, generator: vtimezoneBlock });
  return calendar;
}

/** The properties every VEVENT gets, in invites and in the feed. */
function eventData(event: IcsEventInput, now: Date): ICalEventData {
  assertUid(event.uid);
  assertSequence(event.sequence);
  assertValidDate(now, "now");
  assertValidDate(event.startsAt, "startsAt");
  assertValidDate(event.endsAt, "endsAt");
  // ical-generator would silently swap start and end; a reversed event is a data bug.
  if (event.endsAt.getTime() <= event.startsAt.getTime()) {
    throw new RangeError(`Event ${event.uid}: endsAt must be after startsAt.`);
  }

  const description = optionalText(event.description);
  const location = optionalText(event.location);
  const url = optionalUrl(event.url);

  return {
    id: event.uid,
    sequence: event.sequence,
    stamp: now, // a Date with no calendar zone is written as UTC with "Z"
    // Luxon DateTimes plus an event-level zone: ical-generator formats them with
    // setZone(CALENDAR_TIME_ZONE), independent of the process's TZ. Plain Dates would be
    // formatted with the server's local clock under the TZID.
    timezone: CALENDAR_TIME_ZONE,
    start: DateTime.fromJSDate(event.startsAt, { zone: CALENDAR_TIME_ZONE }),
    end: DateTime.fromJSDate(event.endsAt, { zone: CALENDAR_TIME_ZONE }),
    summary: cleanText(event.title),
    // A plain string becomes DESCRIPTION only; never the HTML variant (X-ALT-DESC).
    ...(description !== null ? { description } : {}),
    ...(location !== null ? { location } : {}),
    ...(url !== null ? { url } : {}),
  };
}

let cachedVtimezone: { zone: string; block: string } | null = null;

/** The VTIMEZONE component for `zone`, from timezones-ical-library's bundled tz data. */
export function vtimezoneBlock(zone: string): string {
  if (cachedVtimezone?.zone === zone) return cachedVtimezone.block;
  const result = tzlib_get_ical_block(zone);
  const block = Array.isArray(result) ? result[0] : undefined;
  // A TZID without its VTIMEZONE makes strict clients (Outlook) reject the invite.
  if (typeof block !== "string" || !block.startsWith("BEGIN:VTIMEZONE")) {
    throw new Error(`No VTIMEZONE definition available for ${zone}`);
  }
  cachedVtimezone = { zone, block };
  return block;
}

/**
 * Serialises the calendar, optionally rewriting logical lines, and folds it ourselves.
 *
 * ical-generator already folds by octets, but we refold after unfolding so that line edits
 * are possible and the 75-octet guarantee lives in this module, and we add the final CRLF
 * that ical-generator leaves off (RFC 5545 ends every content line with CRLF).
 */
function render(calendar: ICalCalendar, rewriteLine?: (line: string) => string): string {
  // Safe to unfold: every value is escaped, so a CRLF inside the text is always a fold.
  const logicalLines = calendar.toString().replace(/\r\n[ \t]/g, "").split(CRLF);
  const rewritten = rewriteLine ? logicalLines.map(rewriteLine) : logicalLines;
  return rewritten.map(foldLine).join(CRLF) + CRLF;
}

/** Without an organizer name, ORGANIZER carries no CN (CN values are quoted and contain no '"'). */
function dropOrganizerCommonName(line: string): string {
  return line.replace(/^ORGANIZER;CN="[^"]*"/, "ORGANIZER");
}

/**
 * Folds one logical line so that no physical line exceeds 75 octets of UTF-8 (the leading
 * space of a continuation line counts). Iterating by code point keeps multi-byte sequences
 * and surrogate pairs (emoji) whole.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let currentOctets = 0;
  for (const codePoint of line) {
    const octets = Buffer.byteLength(codePoint, "utf8");
    if (currentOctets + octets > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " "; // continuation lines start with a single space
      currentOctets = 1;
    }
    current += codePoint;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/**
 * Removes control characters, which RFC 5545 TEXT does not allow (C0 and DEL; C1 go too, they
 * only garble the display). TAB is allowed, CR/LF are kept because ical-generator escapes them.
 */
function cleanText(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) => ("\t\r\n".includes(char) ? char : ""));
}

function optionalText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = cleanText(text);
  return cleaned.trim() === "" ? null : cleaned;
}

function cleanName(name: string | null | undefined): string | null {
  const cleaned = optionalText(name);
  return cleaned === null ? null : cleaned.trim();
}

/**
 * URL is a URI value, which RFC 5545 does not escape, but ical-generator runs it through the
 * TEXT escaper; percent-encoding ',' and ';' keeps the written value a valid, equivalent URI.
 * Only http(s) links are accepted so a stored value can never become e.g. a javascript: link.
 */
function optionalUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === "") return null;
  const parsed = new URL(url.trim());
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Event URL must be http(s), got ${parsed.protocol}`);
  }
  return parsed.href.replace(/,/g, "%2C").replace(/;/g, "%3B");
}

/**
 * ical-generator writes the UID unescaped, so restrict it to printable ASCII without the
 * characters TEXT would need to escape; the recommended "<uuid>@<host>" form always fits.
 */
function assertUid(uid: string): void {
  if (!/^[\x21-\x7E]+$/.test(uid) || /[,;\\"]/.test(uid)) {
    throw new Error(`Invalid event UID: ${JSON.stringify(uid)}`);
  }
}

function assertSequence(sequence: number): void {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`SEQUENCE must be a non-negative integer, got ${sequence}`);
  }
}

function assertValidDate(date: Date, field: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${field} must be a valid Date`);
  }
}

/** A cheap sanity check only; real address validation happens where addresses are stored. */
function assertMailbox(email: string, field: string): void {
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new Error(`${field} is not a mail address: ${JSON.stringify(email)}`);
  }
}
