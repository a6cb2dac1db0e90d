import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildFeed } from "~/modules/calendar/ics";
import { listEventsForFeed } from "~/modules/calendar/events.server";
import { findUserByFeedToken } from "~/modules/calendar/feed-token.server";
import { notFound } from "~/errors";

/**
 * The personal ICS feed, /kalender/<token>.ics. Calendar apps cannot sign in: the secret token
 * in the URL is the key, and an unknown, revoked or replaced token is a plain 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.feed ?? "").replace(/\.ics$/, "");
  const user = await findUserByFeedToken(token);
  if (!user) notFound();
  const body = buildFeed({ name: `KAI-Termine – ${user.name}`, events: await listEventsForFeed(user.id), now: new Date() });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="kai-termine.ics"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
