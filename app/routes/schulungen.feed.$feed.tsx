import type { LoaderFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { getEnv } from "~/env.server";
import { buildFeed } from "~/modules/calendar/ics";
import { CENTRE_IDS, listFeedEvents, type CalendarCentreId } from "~/modules/training/calendar.server";

const FEED_NAMES: Record<"alle" | CalendarCentreId, string> = {
  alle: "KAI-Schulungen – alle Zentren",
  nord: "KAI-Schulungen – Zentrum Nord",
  mitte: "KAI-Schulungen – Zentrum Mitte",
  west: "KAI-Schulungen – Zentrum West",
  sued: "KAI-Schulungen – Zentrum Süd",
};

/**
 * The public seminar feeds, /schulungen/feed/alle.ics and /schulungen/feed/<centre>.ics (issue 8,
 * item 9): published seminars open to everyone, one VEVENT per date with the invite's UID and
 * SEQUENCE. Public and the same for everyone, so it may be cached briefly; the ETag lets calendar
 * apps that poll often get a 304.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^(alle|nord|mitte|west|sued)\.ics$/.exec(params.feed ?? "");
  if (!match) throw new Response("Nicht gefunden", { status: 404 });
  const feed = match[1] as keyof typeof FEED_NAMES;
  const centreId = feed === "alle" ? undefined : (CENTRE_IDS.find((c) => c === feed) as CalendarCentreId);
  const now = new Date();
  const events = await listFeedEvents({ centreId, appUrl: getEnv().APP_URL, now });
  // DTSTAMP is the time of writing; the ETag covers the content, so it stays the same until an event changes.
  const etag = `"${createHash("sha256")
    .update(JSON.stringify(events))
    .digest("base64url")
    .slice(0, 27)}"`;
  const headers = {
    "Cache-Control": "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return new Response(null, { status: 304, headers });
  }
  const body = buildFeed({ name: FEED_NAMES[feed], events, now });
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="kai-schulungen-${feed}.ics"`,
    },
  });
}
