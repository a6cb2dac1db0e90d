import { and, asc, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { centres, municipalities } from "#db/schema/members";
import { rooms, seminarDates, seminarParticipants, seminars } from "#db/schema/training";
import { TrainingReminderEmail } from "#emails/training-reminder";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { formatRange } from "~/format";
import { sendEmail } from "~/modules/mail/outbox.server";
import { CENTRE_HOLIDAY_STATE, type CentreId } from "~/modules/tickets/business-hours";
import { SEMINAR_TYPE_LABELS } from "./labels";
import { REMINDER_LOOKAHEAD_DAYS, reminderDueAt } from "./reminders";

/**
 * The reminder job (issue 8, item 7), run hourly by pg-boss: every published seminar whose
 * reminder is due (two working days before its first date, `reminderDueAt`) and that has not
 * started gets one reminder to each confirmed participant, with the dates, the place and the
 * directions or the online link. A seminar published after its due time is reminded at the next
 * run, as long as it has not started.
 *
 * "Exactly once" (ACCEPTANCE G37): each seminar is claimed with a conditional update
 * (`reminder_sent_at is null`) in the transaction that queues its emails. Two job runs at once (two
 * app instances, a retry) both try the update; the second waits for the first's row lock and then
 * matches no row, so it sends nothing. A rollback un-claims the seminar and queues nothing.
 */
export async function runSeminarReminders(opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const candidates = await db
    .select({ id: seminars.id, centreId: seminars.centreId, startsAt: seminars.startsAt })
    .from(seminars)
    .where(
      and(
        eq(seminars.status, "veroeffentlicht"),
        isNull(seminars.reminderSentAt),
        gt(seminars.startsAt, now),
        lte(seminars.startsAt, new Date(now.getTime() + REMINDER_LOOKAHEAD_DAYS * 86_400_000)),
      ),
    )
    .orderBy(asc(seminars.startsAt));
  const due = candidates.filter((s) => s.startsAt && reminderDueAt(s.startsAt, CENTRE_HOLIDAY_STATE[s.centreId as CentreId] ?? "NI") <= now);
  let reminded = 0;
  let emails = 0;
  for (const seminar of due) {
    const sent = await db.transaction((tx) => remindSeminar(seminar.id, now, tx));
    if (sent !== null) {
      reminded += 1;
      emails += sent;
    }
  }
  return { reminded, emails };
}

/** Claims one seminar and queues its reminders; null when another run claimed it first. */
async function remindSeminar(seminarId: number, now: Date, tx: Executor): Promise<number | null> {
  const [claimed] = await tx
    .update(seminars)
    .set({ reminderSentAt: now })
    .where(and(eq(seminars.id, seminarId), isNull(seminars.reminderSentAt), eq(seminars.status, "veroeffentlicht")))
    .returning();
  if (!claimed) return null;
  const [dates, participants, [room], [host], [centre]] = await Promise.all([
    tx.select({ startsAt: seminarDates.startsAt, endsAt: seminarDates.endsAt }).from(seminarDates).where(eq(seminarDates.seminarId, seminarId)).orderBy(asc(seminarDates.startsAt)),
    tx
      .select({ name: seminarParticipants.name, email: seminarParticipants.email })
      .from(seminarParticipants)
      .where(and(eq(seminarParticipants.seminarId, seminarId), inArray(seminarParticipants.status, ["bestaetigt"])))
      .orderBy(asc(seminarParticipants.id)),
    claimed.roomId ? tx.select({ name: rooms.name, directions: rooms.directions }).from(rooms).where(eq(rooms.id, claimed.roomId)) : Promise.resolve([]),
    claimed.hostMunicipalityId
      ? tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, claimed.hostMunicipalityId))
      : Promise.resolve([]),
    tx.select({ name: centres.name, city: centres.city, street: centres.street, postalCode: centres.postalCode }).from(centres).where(eq(centres.id, claimed.centreId)),
  ]);
  const where = placeOf(claimed, room, host, centre);
  const seminarUrl = `${getEnv().APP_URL}/schulungen/${seminarId}`;
  const dateTexts = dates.map((d) => formatRange(d.startsAt, d.endsAt));
  for (const p of participants) {
    await sendEmail(
      {
        to: { address: p.email, name: p.name },
        template: "training-reminder",
        subject: `Erinnerung: ${claimed.title} am ${dateTexts[0] ?? ""}`,
        body: createElement(TrainingReminderEmail, {
          name: p.name,
          title: claimed.title,
          typeLabel: SEMINAR_TYPE_LABELS[claimed.type],
          dates: dateTexts,
          place: where.place,
          directions: where.directions,
          onlineUrl: where.onlineUrl,
          seminarUrl,
        }),
      },
      tx,
    );
  }
  return participants.length;
}

type Place = { place: string; directions: string | null; onlineUrl: string | null };

/** Where and how to get there: the room's directions, the address at the host municipality, or the online link. */
function placeOf(
  seminar: { locationKind: string; address: string | null; onlineUrl: string | null },
  room: { name: string; directions: string | null } | undefined,
  host: { name: string } | undefined,
  centre: { name: string; city: string; street: string | null; postalCode: string | null } | undefined,
): Place {
  if (seminar.locationKind === "online") return { place: "Online", directions: null, onlineUrl: seminar.onlineUrl };
  if (seminar.locationKind === "inhouse") {
    return { place: `Inhouse bei ${host?.name ?? "der gastgebenden Kommune"}`, directions: seminar.address?.trim() || null, onlineUrl: seminar.onlineUrl };
  }
  const centreAddress = centre ? [centre.street, [centre.postalCode, centre.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") : "";
  const place = [room?.name, centre ? `Zentrum ${centre.name}` : null, centreAddress || null].filter(Boolean).join(", ");
  return { place, directions: room?.directions?.trim() || null, onlineUrl: seminar.onlineUrl };
}
