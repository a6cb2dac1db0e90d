import { formatRange } from "~/format";
import { defineStartPanel } from "~/modules/start/panel";
import { eventIcsPath, listUpcomingEventsForAttendee } from "./attendee-events.server";
import { hyphenate } from "~/modules/text/hyphenate.server";

const KIND_LABELS: Record<string, string> = {
  seminar: "Schulung",
  meeting: "Sitzung",
  visit: "Vor-Ort-Termin",
  info_event: "Informationsveranstaltung",
};

/** "Meine nächsten Termine": the next five events the person is invited to, from the invite ledger. */
export const nextEventsPanel = defineStartPanel({
  id: "termine",
  title: "Meine nächsten Termine",
  order: 10,
  kind: "personal",
  appliesTo: () => true,
  async load({ user, now }) {
    const events = await listUpcomingEventsForAttendee({ person: user, now, limit: 5 });
    return {
      events: events.map((e) => ({
        id: e.id,
        title: hyphenate(e.title),
        kind: KIND_LABELS[e.kind] ?? null,
        startsAt: e.startsAt.toISOString(),
        when: formatRange(e.startsAt, e.endsAt),
        location: hyphenate(e.location),
        icsPath: eventIcsPath(e.id),
      })),
    };
  },
});
