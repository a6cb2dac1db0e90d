import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { seminarAttendance, seminarDates, seminarParticipants } from "#db/schema/training";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createPdf } from "~/modules/pdf/document.server";
import { loadSeminar } from "./seminar-access.server";
import { municipalityNames, seminarFacts, type SeminarFacts } from "./seminar-documents.server";

/**
 * Attendance per date (issue 8, item 8): the trainers who manage a seminar tick who was there, one
 * date at a time, for its confirmed participants; the list also prints as a PDF to sign.
 * Everyone else gets 404 (through `loadSeminar(…, { manage: true })`).
 */

type Manager = Pick<CurrentUser, "id" | "roles">;

export interface AttendanceSheet {
  facts: SeminarFacts;
  cancelled: boolean;
  participants: { id: number; name: string; municipality: string; present: Record<number, boolean | null> }[];
  /** Per date id: may attendance be recorded yet (from the date's day on, Berlin time). */
  recordable: Record<number, boolean>;
}

/** From the start of the date's day in Berlin: a trainer may tick the list in the morning. */
export function attendanceOpens(startsAt: Date): Date {
  return DateTime.fromJSDate(startsAt).setZone("Europe/Berlin").startOf("day").toJSDate();
}

const byName = new Intl.Collator("de-DE");

/** In German alphabetical order ("Änne" with the A's), whatever the database's collation. */
async function confirmedParticipants(seminarId: number, tx: Executor) {
  const rows = await tx
    .select({ id: seminarParticipants.id, name: seminarParticipants.name, municipalityId: seminarParticipants.municipalityId })
    .from(seminarParticipants)
    .where(and(eq(seminarParticipants.seminarId, seminarId), eq(seminarParticipants.status, "bestaetigt")))
    .orderBy(asc(seminarParticipants.id));
  return rows.sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id);
}

export async function attendanceSheet({ user, seminarId, now = new Date() }: { user: Manager; seminarId: number; now?: Date }, tx: Executor = db): Promise<AttendanceSheet> {
  const { seminar } = await loadSeminar(user, seminarId, { manage: true }, tx);
  const facts = await seminarFacts(seminar, tx);
  const people = await confirmedParticipants(seminar.id, tx);
  const names = await municipalityNames(
    people.map((p) => p.municipalityId),
    tx,
  );
  const marks = people.length
    ? await tx
        .select({ participantId: seminarAttendance.participantId, dateId: seminarAttendance.dateId, present: seminarAttendance.present })
        .from(seminarAttendance)
        .where(
          inArray(
            seminarAttendance.participantId,
            people.map((p) => p.id),
          ),
        )
    : [];
  return {
    facts,
    cancelled: seminar.status === "abgesagt",
    participants: people.map((p) => ({
      id: p.id,
      name: p.name,
      municipality: p.municipalityId ? (names.get(p.municipalityId) ?? "") : "",
      present: Object.fromEntries(facts.dates.map((d) => [d.id, marks.find((m) => m.participantId === p.id && m.dateId === d.id)?.present ?? null])),
    })),
    recordable: Object.fromEntries(facts.dates.map((d) => [d.id, attendanceOpens(d.startsAt) <= now])),
  };
}

/**
 * Saves one date's attendance as a whole: every confirmed participant is present if listed in
 * `presentIds`, absent otherwise. Ids that are not confirmed participants of this seminar are ignored.
 */
export async function saveAttendance({
  user,
  seminarId,
  dateId,
  presentIds,
  ip = null,
  now = new Date(),
}: {
  user: Manager;
  seminarId: number;
  dateId: number;
  presentIds: number[];
  ip?: string | null;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const { seminar } = await loadSeminar(user, seminarId, { manage: true, lock: true }, tx);
    const [date] = await tx
      .select()
      .from(seminarDates)
      .where(and(eq(seminarDates.id, dateId), eq(seminarDates.seminarId, seminar.id)));
    if (!date) notFound();
    if (seminar.status === "abgesagt") throw new PublicError("Die Veranstaltung ist abgesagt; eine Anwesenheit lässt sich nicht mehr erfassen.", 409);
    if (attendanceOpens(date.startsAt) > now) throw new PublicError("Die Anwesenheit lässt sich erst ab dem Tag des Termins erfassen.", 409);
    const people = await confirmedParticipants(seminar.id, tx);
    if (!people.length) throw new PublicError("Es gibt keine bestätigten Teilnehmenden, deren Anwesenheit sich erfassen ließe.", 409);
    const present = new Set(presentIds);
    await tx
      .insert(seminarAttendance)
      .values(people.map((p) => ({ participantId: p.id, dateId: date.id, present: present.has(p.id), recordedBy: user.id, recordedAt: now })))
      .onConflictDoUpdate({
        target: [seminarAttendance.participantId, seminarAttendance.dateId],
        set: { present: sql`excluded.present`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`excluded.recorded_at` },
      });
    const presentCount = people.filter((p) => present.has(p.id)).length;
    await recordAudit(
      {
        actorId: user.id,
        action: "training.attendance_saved",
        entityType: "seminar",
        entityId: seminar.id,
        after: { dateId: date.id, present: presentCount, absent: people.length - presentCount },
        ip,
      },
      tx,
    );
    return { present: presentCount, absent: people.length - presentCount };
  });
}

/**
 * The attendance list to sign: name, municipality and one empty signature box per date. Dates beyond
 * what fits across an A4 landscape page (more than six) continue in further tables of six dates.
 */
export async function attendanceListPdf({ user, seminarId }: { user: Manager; seminarId: number }): Promise<{ pdf: Buffer; title: string }> {
  const sheet = await attendanceSheet({ user, seminarId });
  const { facts } = sheet;
  const period = facts.dates.length ? `${facts.dates[0].label}${facts.dates.length > 1 ? ` (${facts.dates.length} Termine)` : ""}` : "Noch ohne Termin";
  const pdf = createPdf({ title: `Anwesenheitsliste: ${facts.title}`, subtitle: period, landscape: true });
  pdf.heading(`Anwesenheitsliste: ${facts.title}`).facts([
    ["Art", facts.typeLabel],
    ["Termine", facts.dates.map((d) => d.label).join("\n") || "–"],
    ["Ort", facts.location || "–"],
    ["Leitung", facts.trainers.join(", ") || "–"],
  ]);
  const chunks: (typeof facts.dates)[] = [];
  for (let i = 0; i < Math.max(facts.dates.length, 1); i += 6) chunks.push(facts.dates.slice(i, i + 6));
  for (const dates of chunks) {
    pdf.table({
      columns: [
        { header: "Nr.", width: 0.5, align: "right" },
        { header: "Name", width: 3 },
        { header: "Kommune", width: 2.5 },
        ...dates.map((d) => ({ header: `Unterschrift ${d.shortLabel}`, width: 2 })),
      ],
      rows: sheet.participants.map((p, i) => [String(i + 1), p.name, p.municipality, ...dates.map(() => "")]),
      minRowHeight: 30,
    });
  }
  if (!sheet.participants.length) pdf.paragraph("Es gibt noch keine bestätigten Teilnehmenden.", { muted: true });
  return { pdf: await pdf.toBuffer(), title: facts.title };
}
