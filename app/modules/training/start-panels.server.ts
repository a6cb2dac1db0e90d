import { hyphenate } from "~/modules/text/hyphenate.server";
import { formatDate, formatRange } from "~/format";
import { hasRole } from "~/modules/auth/roles";
import { defineStartPanel } from "~/modules/start/panel";
import { mySeminars, NEXT_TAUGHT_LIMIT, upcomingSeminars } from "./overview.server";

const when = (startsAt: string | null, endsAt: string | null) => (startsAt && endsAt ? formatRange(startsAt, endsAt) : "Termin noch offen");

/** "Meine Schulungen" (issue 8, item 10): where the person holds a seat or waits, with the position. */
export const mySeminarsPanel = defineStartPanel({
  id: "meine-schulungen",
  title: "Meine Schulungen",
  order: 12,
  kind: "personal",
  appliesTo: () => true,
  async load({ user, now }) {
    const rows = await mySeminars({ userId: user.id, now });
    return {
      seminars: rows.map((s) => ({ id: s.seminarId, title: hyphenate(s.title), when: when(s.startsAt, s.endsAt), startsAt: s.startsAt, centre: s.centre, status: s.status, waitingPosition: s.waitingPosition })),
    };
  },
});

/** Trainers: the next seminars they teach, with fill level. */
export const nextTaughtSeminarsPanel = defineStartPanel({
  id: "naechste-schulungen",
  title: "Meine nächsten Schulungen",
  order: 7,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "trainer"),
  async load({ user, now }) {
    const rows = await upcomingSeminars({ user, now, mine: true, limit: NEXT_TAUGHT_LIMIT });
    return {
      seminars: rows.map((s) => ({
        id: s.id,
        title: hyphenate(s.title),
        when: when(s.startsAt, s.endsAt),
        startsAt: s.startsAt,
        status: s.status,
        capacity: s.capacity,
        confirmedSeats: s.confirmedSeats,
        waitingPeople: s.waitingPeople,
        deadline: formatDate(s.registrationDeadline),
      })),
    };
  },
});
