import { and, eq } from "drizzle-orm";
import { seminarAttendance, seminarParticipants } from "#db/schema/training";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import { formatDate } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { createPdf } from "~/modules/pdf/document.server";
import { loadSeminar } from "./seminar-access.server";
import { hoursLabel, municipalityNames, seminarFacts } from "./seminar-documents.server";

/**
 * The certificate of participation (Teilnahmebescheinigung, issue 8 item 8).
 *
 * Who gets one: a confirmed participant with an account, for themselves, who was marked present on
 * at least one date; the trainers who manage the seminar for any such participant. The hours are
 * the scheduled hours of the dates the person attended (breaks are not modelled), so someone who
 * missed the second day of two gets the first day's hours, and only that date is listed.
 * Anyone else, a cancelled seminar, or a participant never marked present: 404. Before the last date
 * has ended, the participant learns when it will be there (409 with a German message).
 */

type Viewer = Pick<CurrentUser, "id" | "roles">;

export async function certificatePdf({
  user,
  seminarId,
  participantId,
  now = new Date(),
}: {
  user: Viewer;
  seminarId: number;
  /** Only for managers: whose certificate. Without it, the signed-in person's own. */
  participantId?: number | null;
  now?: Date;
}): Promise<{ pdf: Buffer; filename: string }> {
  const { seminar, manages } = await loadSeminar(user, seminarId, {}, db);
  if (seminar.status === "abgesagt") notFound();
  const whose =
    participantId != null
      ? manages
        ? and(eq(seminarParticipants.id, participantId), eq(seminarParticipants.seminarId, seminar.id))
        : notFound()
      : and(eq(seminarParticipants.userId, user.id), eq(seminarParticipants.seminarId, seminar.id));
  const [participant] = await db
    .select({ id: seminarParticipants.id, name: seminarParticipants.name, municipalityId: seminarParticipants.municipalityId })
    .from(seminarParticipants)
    .where(and(whose, eq(seminarParticipants.status, "bestaetigt")));
  if (!participant) notFound();

  const facts = await seminarFacts(seminar, db);
  const attended = await db
    .select({ dateId: seminarAttendance.dateId })
    .from(seminarAttendance)
    .where(and(eq(seminarAttendance.participantId, participant.id), eq(seminarAttendance.present, true)));
  const attendedIds = new Set(attended.map((a) => a.dateId));
  const dates = facts.dates.filter((d) => attendedIds.has(d.id));
  const lastEnd = facts.dates.reduce<Date | null>((latest, d) => (!latest || d.endsAt > latest ? d.endsAt : latest), null);
  if (!lastEnd || lastEnd > now) {
    throw new PublicError(
      lastEnd
        ? `Die Teilnahmebescheinigung gibt es nach dem letzten Termin, ab ${formatDate(lastEnd)}.`
        : "Die Teilnahmebescheinigung gibt es nach dem letzten Termin der Veranstaltung.",
      409,
    );
  }
  if (!dates.length) notFound();

  const municipality = participant.municipalityId ? ((await municipalityNames([participant.municipalityId], db)).get(participant.municipalityId) ?? "") : "";
  const hours = hoursLabel(dates.reduce((sum, d) => sum + (d.endsAt.getTime() - d.startsAt.getTime()), 0));

  const pdf = createPdf({ title: "Teilnahmebescheinigung", subtitle: facts.title });
  pdf.space(30).heading("Teilnahmebescheinigung", 24).space(10);
  pdf.paragraph(municipality ? `${participant.name}, ${municipality},` : `${participant.name}`, { size: 14, bold: true });
  pdf.paragraph(`hat an der ${facts.typeLabel}`, { size: 12 });
  pdf.paragraph(`„${facts.title}“`, { size: 16, bold: true });
  pdf.paragraph(`im Umfang von ${hours} teilgenommen.`, { size: 12 }).space(12);
  pdf.facts([
    ["Art", facts.typeLabel],
    [dates.length > 1 ? "Termine" : "Termin", dates.map((d) => d.label).join("\n")],
    ["Umfang", hours],
    ["Ort", facts.location || "–"],
    ["Leitung", facts.trainers.join(", ") || "–"],
    ["Ausgestellt am", formatDate(now)],
  ]);
  pdf.space(40);
  pdf.paragraph("KAI – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik", { bold: true });
  pdf.paragraph("Diese Bescheinigung wurde maschinell erstellt und ist ohne Unterschrift gültig.", { muted: true, size: 9.5 });
  return { pdf: await pdf.toBuffer(), filename: `Teilnahmebescheinigung-${seminar.id}-${participant.id}.pdf` };
}
