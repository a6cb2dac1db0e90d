import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { CENTRE_IDS, loadPublicFeed, type CalendarCentreId } from "~/modules/training/calendar.server";
import { notFound } from "~/errors";

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
 * apps that poll often get a 304, and the module keeps the rendered feed until it changes.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^(alle|nord|mitte|west|sued)\.ics$/.exec(params.feed ?? "");
  if (!match) notFound();
  const feed = match[1] as keyof typeof FEED_NAMES;
  const centreId = CENTRE_IDS.find((c) => c === feed);
  const result = await loadPublicFeed({ centreId, name: FEED_NAMES[feed], appUrl: getEnv().APP_URL });
  const headers = {
    "Cache-Control": "public, max-age=300",
    ETag: result.etag,
    "X-Content-Type-Options": "nosniff",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === result.etag || t.trim() === `W/${result.etag}`)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(await result.body(), {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="kai-schulungen-${feed}.ics"`,
    },
  });
}
