import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/errors";
import { requireUser } from "~/modules/auth/guards.server";
import { findEventForAttendee } from "~/modules/calendar/attendee-events.server";
import { toIcsEvent } from "~/modules/calendar/events.server";
import { buildFeed } from "~/modules/calendar/ics";

const params = z.object({
  id: z
    .string()
    .regex(/\.ics$/)
    .transform((v) => v.slice(0, -4).toLowerCase())
    .pipe(z.string().uuid()),
});

/**
 * One event as an .ics file, /kalender/termin/<id>.ics, for the signed-in attendee only. Anyone
 * else — not invited, removed, unknown id — gets the same 404 (ACCEPTANCE C14). It is a download
 * for the person's own calendar (METHOD:PUBLISH), not an invitation.
 */
export async function loader({ request, params: raw, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw notFound();
  const event = await findEventForAttendee({ eventId: parsed.data.id, person: user });
  if (!event) throw notFound();
  const body = buildFeed({ name: event.title, events: [toIcsEvent(event)], now: new Date() });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="kai-termin.ics"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
