import { and, asc, desc, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { seminarAttendance, seminarDates, seminarFeedback, seminarParticipants, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { FEEDBACK_MIN_RESPONSES, FEEDBACK_WINDOW_DAYS, feedbackSchema } from "./feedback";
import { loadSeminar } from "./seminar-access.server";

/**
 * The short survey after a seminar (issue 8, item 8): 1–5 stars and an optional comment, one answer
 * per confirmed participant with an account, changeable while the survey is open: from the start of
 * the first date until FEEDBACK_WINDOW_DAYS after the last one ends.
 *
 * Anonymous to the trainers: the summary has counts, the average, the distribution and the comments,
 * never names, and the comments are ordered by stars and text, not by when they came in. Below
 * FEEDBACK_MIN_RESPONSES answers it shows only the count. The audit trail records that someone
 * answered (a state change, ACCEPTANCE I44), not what they answered.
 */

type Viewer = Pick<CurrentUser, "id" | "roles">;

export type SurveyState = "noch-nicht" | "offen" | "geschlossen";

export interface FeedbackSummary {
  count: number;
  /** Null while fewer than FEEDBACK_MIN_RESPONSES answers exist. */
  average: number | null;
  distribution: { stars: number; count: number }[] | null;
  comments: string[] | null;
}

async function surveyWindow(seminar: Seminar, tx: Executor) {
  const [span] = await tx
    .select({ first: sql<string | null>`min(${seminarDates.startsAt})`, last: sql<string | null>`max(${seminarDates.endsAt})` })
    .from(seminarDates)
    .where(eq(seminarDates.seminarId, seminar.id));
  if (!span?.first || !span.last) return null;
  const lastEndsAt = new Date(span.last);
  return { opensAt: new Date(span.first), lastEndsAt, closesAt: DateTime.fromJSDate(lastEndsAt).plus({ days: FEEDBACK_WINDOW_DAYS }).toJSDate() };
}

function stateAt(window: { opensAt: Date; closesAt: Date } | null, now: Date): SurveyState {
  if (!window || now < window.opensAt) return "noch-nicht";
  return now <= window.closesAt ? "offen" : "geschlossen";
}

/** The signed-in person's confirmed seat, if the seminar took place (a cancelled one has no survey). */
async function ownSeat(user: Viewer, seminar: Seminar, tx: Executor) {
  if (seminar.status === "abgesagt") return null;
  const [seat] = await tx
    .select({ id: seminarParticipants.id })
    .from(seminarParticipants)
    .where(and(eq(seminarParticipants.seminarId, seminar.id), eq(seminarParticipants.userId, user.id), eq(seminarParticipants.status, "bestaetigt")));
  return seat ?? null;
}

export async function feedbackSummary(seminarId: number, tx: Executor = db): Promise<FeedbackSummary> {
  const rows = await tx
    .select({ stars: seminarFeedback.stars, comment: seminarFeedback.comment })
    .from(seminarFeedback)
    .where(eq(seminarFeedback.seminarId, seminarId))
    .orderBy(desc(seminarFeedback.stars), asc(seminarFeedback.comment));
  const count = rows.length;
  if (count < FEEDBACK_MIN_RESPONSES) return { count, average: null, distribution: null, comments: null };
  return {
    count,
    average: Math.round((rows.reduce((sum, r) => sum + r.stars, 0) / count) * 10) / 10,
    distribution: [5, 4, 3, 2, 1].map((stars) => ({ stars, count: rows.filter((r) => r.stars === stars).length })),
    comments: rows.map((r) => r.comment).filter((c): c is string => !!c),
  };
}

/**
 * What /schulungen/:id/rueckmeldung shows: the person's own answer form (participants) and the
 * summary (managers). Neither: 404.
 */
export async function feedbackPage({ user, seminarId, now = new Date() }: { user: Viewer; seminarId: number; now?: Date }) {
  const { seminar, manages } = await loadSeminar(user, seminarId);
  const seat = await ownSeat(user, seminar, db);
  if (!seat && !manages) notFound();
  const window = await surveyWindow(seminar, db);
  const [own] = seat ? await db.select({ stars: seminarFeedback.stars, comment: seminarFeedback.comment }).from(seminarFeedback).where(eq(seminarFeedback.participantId, seat.id)) : [];
  // The certificate (certificates.server.ts) is there once the last date has ended, for those present.
  const attended =
    seat && window && window.lastEndsAt <= now
      ? (await db.select({ dateId: seminarAttendance.dateId }).from(seminarAttendance).where(and(eq(seminarAttendance.participantId, seat.id), eq(seminarAttendance.present, true))).limit(1)).length > 0
      : false;
  return {
    seminar: { id: seminar.id, title: seminar.title },
    participant: seat ? { state: stateAt(window, now), opensAt: window?.opensAt ?? null, closesAt: window?.closesAt ?? null, own: own ?? null, certificate: attended } : null,
    summary: manages ? await feedbackSummary(seminar.id) : null,
  };
}

/** Gives or changes the person's answer (one row per participant). */
export async function giveFeedback({
  user,
  seminarId,
  input,
  ip = null,
  now = new Date(),
}: {
  user: Viewer;
  seminarId: number;
  input: { stars: unknown; comment?: unknown };
  ip?: string | null;
  now?: Date;
}) {
  const parsed = feedbackSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PublicError(issue.message, 400, String(issue.path[0] ?? ""));
  }
  const comment = parsed.data.comment ? parsed.data.comment : null;
  return db.transaction(async (tx) => {
    const { seminar } = await loadSeminar(user, seminarId, {}, tx);
    const seat = await ownSeat(user, seminar, tx);
    if (!seat) notFound();
    const state = stateAt(await surveyWindow(seminar, tx), now);
    if (state === "noch-nicht") throw new PublicError("Eine Rückmeldung ist ab dem Beginn der Veranstaltung möglich.", 409);
    if (state === "geschlossen") throw new PublicError("Die Umfrage zu dieser Veranstaltung ist geschlossen.", 409);
    const [existing] = await tx.select({ participantId: seminarFeedback.participantId }).from(seminarFeedback).where(eq(seminarFeedback.participantId, seat.id));
    await tx
      .insert(seminarFeedback)
      .values({ participantId: seat.id, seminarId: seminar.id, stars: parsed.data.stars, comment, createdAt: now })
      .onConflictDoUpdate({ target: seminarFeedback.participantId, set: { stars: parsed.data.stars, comment } });
    await recordAudit({ actorId: user.id, action: existing ? "training.feedback_changed" : "training.feedback_given", entityType: "seminar", entityId: seminar.id, ip }, tx);
    return { changed: !!existing };
  });
}
