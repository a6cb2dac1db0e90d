import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seminarBookings, seminarParticipants, seminars } from "#db/schema/training";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { PublicError } from "~/errors";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { cancelParticipation, registerForSeminar } from "~/modules/training/registrations.server";
import { useTestDatabase } from "../db";
import { createUser, type UserSpec } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";
import { queuedInvites, queuedMessages } from "../invites";
import { createTestSeminar } from "../seminar-fixtures";
import { parseMail, useSmtpSink } from "../smtp-sink";

const getDb = useTestDatabase();
const smtp = useSmtpSink();

let counter = 0;
async function person(spec: Partial<UserSpec> & { name: string }) {
  const created = await createUser(getDb().db, { email: `p${++counter}.${spec.name.split(" ")[0].toLowerCase()}@kai.example`, municipality: "Buxtehude", ...spec });
  return (await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor(created.id) }), undefined))!;
}
const trainer = () => person({ name: "Sabine Schulz", roles: [{ role: "trainer" }] });

async function seatsOf(seminarId: number) {
  return db
    .select({ email: seminarParticipants.email, status: seminarParticipants.status, bookingId: seminarParticipants.bookingId })
    .from(seminarParticipants)
    .where(eq(seminarParticipants.seminarId, seminarId))
    .orderBy(asc(seminarParticipants.id));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof PublicError) return error.message;
  if (error instanceof Response) return `HTTP ${error.status}`;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

describe("registration and the waiting list (issue 8 items 4–6)", () => {
  it("confirms while seats are free, sends a confirmation and one REQUEST per date; then waits with a visible position", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 1 });
    const erika = await person({ name: "Erika Ämtler" });
    const max = await person({ name: "Max Müßig" });

    const first = await registerForSeminar({ user: erika, seminarId: seminar.id });
    expect(first).toMatchObject({ status: "bestaetigt", position: null, seats: 1 });
    const invites = await queuedInvites();
    expect(invites.map((i) => [i.to, i.method, i.sequence])).toEqual([
      [erika.email, "REQUEST", 0],
      [erika.email, "REQUEST", 0],
    ]);
    expect(new Set(invites.map((i) => i.uid)).size).toBe(2);
    expect((await queuedMessages()).map((m) => m.subject)).toEqual(["Anmeldung bestätigt: OK.EWO Grundlagen"]);

    await db.delete(outboxEmails);
    const second = await registerForSeminar({ user: max, seminarId: seminar.id });
    expect(second).toMatchObject({ status: "wartend", position: 1 });
    expect(await queuedInvites()).toHaveLength(0);
    const [waitMail] = await queuedMessages();
    expect(waitMail.subject).toBe("Warteliste (Platz 1): OK.EWO Grundlagen");
    expect(waitMail.text).toContain("auf Platz 1");

    const [row] = await db.select({ seats: seminars.confirmedSeats }).from(seminars).where(eq(seminars.id, seminar.id));
    expect(row.seats).toBe(1);
  });

  it("refuses a second registration of the same person, also while waiting", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 1 });
    const a = await person({ name: "Anna Doppelt" });
    const b = await person({ name: "Bert Doppelt" });
    await registerForSeminar({ user: a, seminarId: seminar.id });
    expect(await refusal(registerForSeminar({ user: a, seminarId: seminar.id }))).toBe("Sie sind bereits angemeldet.");
    await registerForSeminar({ user: b, seminarId: seminar.id });
    expect(await refusal(registerForSeminar({ user: b, seminarId: seminar.id }))).toBe("Sie stehen bereits auf der Warteliste.");
    expect(await seatsOf(seminar.id)).toHaveLength(2);
  });

  it("closes at the registration deadline, for drafts (404), for other municipalities on in-house seminars, and for people without a municipality", async () => {
    const t = await trainer();
    const now = new Date();
    const late = await createTestSeminar(getDb().db, { trainerId: t.id, registrationDeadline: new Date(now.getTime() - 1000), now });
    const draft = await createTestSeminar(getDb().db, { trainerId: t.id, published: false });
    const [rheine] = await getDb().db.query.municipalities.findMany({ where: (m, { eq }) => eq(m.name, "Rheine") });
    const inhouse = await createTestSeminar(getDb().db, { trainerId: t.id, restrictedToMunicipalityId: rheine.id });
    const p = await person({ name: "Paula Pünktlich" });
    expect(await refusal(registerForSeminar({ user: p, seminarId: late.id }))).toBe("Anmeldung nicht möglich: Der Anmeldeschluss ist vorbei.");
    expect(await refusal(registerForSeminar({ user: p, seminarId: draft.id }))).toBe("HTTP 404");
    expect(await refusal(registerForSeminar({ user: p, seminarId: inhouse.id }))).toBe("Diese Inhouse-Schulung ist nur für die Beschäftigten der gastgebenden Kommune.");
    const noMunicipality = await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor((await createUser(getDb().db, { email: "ohne.kommune@kai.example", name: "Otto Ohne" })).id) }), undefined);
    expect(await refusal(registerForSeminar({ user: noMunicipality!, seminarId: inhouse.id }))).toMatch(/keine Kommune zugeordnet/);
    expect(await seatsOf(late.id)).toHaveLength(0);
  });

  it("municipal IT registers colleagues by name and email, also without an account; others may not register groups", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 5 });
    const it = await person({ name: "Bodo Buxte", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
    const colleague = await person({ name: "Carla Kollegin" });
    const result = await registerForSeminar({ user: it, seminarId: seminar.id, people: [{ name: "Carla Kollegin", email: colleague.email }, { name: "Dieter Ohnekonto", email: "Dieter.Ohnekonto@kai.example" }] });
    expect(result).toMatchObject({ status: "bestaetigt", seats: 2 });
    const seats = await db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, seminar.id)).orderBy(asc(seminarParticipants.id));
    expect(seats.map((s) => [s.email, s.userId === colleague.id, s.userId === null])).toEqual([
      [colleague.email, true, false],
      ["dieter.ohnekonto@kai.example", false, true],
    ]);
    const confirmations = await queuedMessages();
    expect(confirmations.every((m) => m.text.includes("Bodo Buxte hat Sie angemeldet"))).toBe(true);
    expect(await refusal(registerForSeminar({ user: colleague, seminarId: seminar.id, people: [{ name: "X Y", email: "xy@kai.example" }] }))).toMatch(/nur die kommunale IT/);
    expect(await refusal(registerForSeminar({ user: it, seminarId: seminar.id, people: [{ name: "Carla Kollegin", email: colleague.email }] }))).toBe(
      `Bereits angemeldet: ${colleague.email}. Bitte diese Personen aus der Liste nehmen.`,
    );
  });

  it("G33/F31: a cancellation frees the seat, promotes the first waiting person once, with a confirmation and invites; the leaver gets a CANCEL with the same UID and a higher SEQUENCE", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 1 });
    const leaver = await person({ name: "Lena Leaver" });
    const next = await person({ name: "Nico Nachrücker" });
    const third = await person({ name: "Tina Dritte" });
    await registerForSeminar({ user: leaver, seminarId: seminar.id });
    const requests = await queuedInvites();
    await registerForSeminar({ user: next, seminarId: seminar.id });
    await registerForSeminar({ user: third, seminarId: seminar.id });
    await db.delete(outboxEmails);

    const [seat] = await db.select().from(seminarParticipants).where(and(eq(seminarParticipants.seminarId, seminar.id), eq(seminarParticipants.email, leaver.email)));
    const { promoted } = await cancelParticipation({ user: leaver, seminarId: seminar.id, participantId: seat.id });
    expect(promoted).toHaveLength(1);

    const invites = await queuedInvites();
    const cancels = invites.filter((i) => i.to === leaver.email);
    expect(cancels.map((c) => c.method)).toEqual(["CANCEL", "CANCEL"]);
    for (const c of cancels) {
      const request = requests.find((r) => r.uid === c.uid)!;
      expect(c.sequence).toBeGreaterThan(request.sequence);
      expect(c.attendees).toEqual([`mailto:${leaver.email}`]);
    }
    const nextInvites = invites.filter((i) => i.to === next.email);
    expect(nextInvites.map((i) => i.method)).toEqual(["REQUEST", "REQUEST"]);
    expect(new Set(nextInvites.map((i) => i.uid))).toEqual(new Set(requests.map((r) => r.uid)));
    expect(invites.filter((i) => i.to === third.email)).toHaveLength(0);
    expect((await queuedMessages()).map((m) => [m.to, m.subject]).sort((x, y) => x[1].localeCompare(y[1]))).toEqual([
      [leaver.email, "Abmeldung: OK.EWO Grundlagen"],
      [next.email, "Nachgerückt – Teilnahme bestätigt: OK.EWO Grundlagen"],
    ]);
    expect((await seatsOf(seminar.id)).map((s) => s.status)).toEqual(["storniert", "bestaetigt", "wartend"]);

    // What arrives by SMTP: the promoted person's invite carries METHOD:REQUEST on the MIME part too (F28).
    await dispatchDueEmails();
    const delivered = await Promise.all(smtp().received.filter((m) => m.envelopeTo.includes(next.email)).map((m) => parseMail(m.raw)));
    const withIcs = delivered.filter((m) => m.attachments.some((a) => a.mimeType === "text/calendar"));
    expect(withIcs).toHaveLength(2);
  });

  it("a participant may cancel until the cancellation deadline; after it only the trainer can, and promotion stops once the seminar has started", async () => {
    const t = await trainer();
    const now = new Date();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 1, cancellationDeadline: new Date(now.getTime() + 60_000), now });
    const p = await person({ name: "Frida Fristlos" });
    const w = await person({ name: "Willi Warte" });
    await registerForSeminar({ user: p, seminarId: seminar.id });
    await registerForSeminar({ user: w, seminarId: seminar.id });
    const [seat] = await db.select().from(seminarParticipants).where(and(eq(seminarParticipants.seminarId, seminar.id), eq(seminarParticipants.email, p.email)));
    const afterDeadline = new Date(now.getTime() + 120_000);
    expect(await refusal(cancelParticipation({ user: p, seminarId: seminar.id, participantId: seat.id, now: afterDeadline }))).toMatch(/Abmeldefrist ist vorbei/);
    // Someone else: the seat does not exist for them.
    expect(await refusal(cancelParticipation({ user: w, seminarId: seminar.id, participantId: seat.id, now: afterDeadline }))).toBe("HTTP 404");
    // The trainer cancels for them after the start: the seat is freed, nobody moves up any more.
    const afterStart = new Date(seminar.startsAt!.getTime() + 60_000);
    const { promoted } = await cancelParticipation({ user: t, seminarId: seminar.id, participantId: seat.id, now: afterStart });
    expect(promoted).toEqual([]);
    expect((await seatsOf(seminar.id)).map((s) => s.status)).toEqual(["storniert", "wartend"]);
    const [cancelMail] = (await queuedMessages()).filter((m) => m.subject.startsWith("Abmeldung"));
    expect(cancelMail.text).toContain("Sabine Schulz hat Sie");
  });

  it("a group at the head of the waiting list moves up only when enough seats are free; the single person behind it does not jump the queue (ADR 018)", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 3 });
    const [a, b, c] = [await person({ name: "Ada Eins" }), await person({ name: "Ben Zwei" }), await person({ name: "Cem Drei" })];
    for (const p of [a, b, c]) await registerForSeminar({ user: p, seminarId: seminar.id });
    const it = await person({ name: "Ina IT", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
    const group = await registerForSeminar({ user: it, seminarId: seminar.id, people: [{ name: "G Eins", email: "g1@kai.example" }, { name: "G Zwei", email: "g2@kai.example" }] });
    expect(group).toMatchObject({ status: "wartend", position: 1, seats: 2 });
    const single = await person({ name: "Sina Solo" });
    expect(await registerForSeminar({ user: single, seminarId: seminar.id })).toMatchObject({ status: "wartend", position: 2 });

    const seatOf = async (email: string) => (await db.select().from(seminarParticipants).where(and(eq(seminarParticipants.seminarId, seminar.id), eq(seminarParticipants.email, email))))[0];
    // One seat free: the group needs two, so nobody moves up; Sina waits behind the group.
    expect((await cancelParticipation({ user: a, seminarId: seminar.id, participantId: (await seatOf(a.email)).id })).promoted).toEqual([]);
    expect((await seatOf(single.email)).status).toBe("wartend");
    // A new registration joins the queue even though a seat is free.
    const late = await person({ name: "Lutz Später" });
    expect(await registerForSeminar({ user: late, seminarId: seminar.id })).toMatchObject({ status: "wartend", position: 3 });
    // Two seats free: the group moves up as a whole; Sina now heads the queue.
    expect((await cancelParticipation({ user: b, seminarId: seminar.id, participantId: (await seatOf(b.email)).id })).promoted).toEqual([group.bookingId]);
    expect((await seatOf("g1@kai.example")).status).toBe("bestaetigt");
    expect((await seatOf("g2@kai.example")).status).toBe("bestaetigt");
    const [booking] = await db.select().from(seminarBookings).where(eq(seminarBookings.id, group.bookingId));
    expect(booking.status).toBe("bestaetigt");
    expect((await seatOf(single.email)).status).toBe("wartend");
    const [row] = await db.select({ seats: seminars.confirmedSeats }).from(seminars).where(eq(seminars.id, seminar.id));
    expect(row.seats).toBe(3);
  });

  it("a rollback writes nothing: a failing registration leaves no booking, seat or email", async () => {
    const t = await trainer();
    const seminar = await createTestSeminar(getDb().db, { trainerId: t.id, capacity: 2 });
    const it = await person({ name: "Ida IT", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
    const error = await refusal(registerForSeminar({ user: it, seminarId: seminar.id, people: [{ name: "A", email: "dup@kai.example" }, { name: "B", email: "DUP@kai.example" }] }));
    expect(error).toBe("dup@kai.example steht zweimal in der Liste.");
    expect(await seatsOf(seminar.id)).toHaveLength(0);
    expect(await db.select().from(outboxEmails)).toHaveLength(0);
  });
});
