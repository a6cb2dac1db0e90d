import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "../client";
import { userRoles, users } from "../schema/auth";
import { municipalities } from "../schema/members";
import { procedureModules, procedures } from "../schema/procedures";
import { rooms, seminars, type Room } from "../schema/training";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { createSeminar, publishSeminar } from "~/modules/training/commands.server";
import { fileInhouseRequest } from "~/modules/training/inhouse.server";
import { registerForSeminar } from "~/modules/training/registrations.server";
import type { SeminarInput } from "~/modules/training/validation";
import { createUser, DEMO_PASSWORD } from "../../tests/factories";

/**
 * Training demo (issue 8 item 13): rooms in all four centres, past and upcoming seminars in each,
 * one full with a waiting list (a group among the waiting), a weekly series, an online
 * information event for system administrators, a draft, and an open in-house request. Everything
 * goes through the real commands, so rooms are booked, invites sit in the mailbox and the
 * waiting list has its positions. Only once: a database with seminars gets none. All fictional.
 */

const ROOMS: { centre: string; name: string; capacity: number; directions: string }[] = [
  { centre: "nord", name: "Schulungsraum Elbe", capacity: 16, directions: "Haupteingang, 1. Obergeschoss links. Parkplätze im Hof, Zufahrt über die Bahnhofstraße." },
  { centre: "nord", name: "Besprechungsraum Este", capacity: 8, directions: "Erdgeschoss, gegenüber dem Empfang." },
  { centre: "mitte", name: "Schulungsraum Aller", capacity: 14, directions: "Eingang B, 2. Obergeschoss. Vom Bahnhof Verden 10 Minuten zu Fuß." },
  { centre: "west", name: "Schulungsraum Ems", capacity: 12, directions: "Seiteneingang an der Emsstraße, Raum 104. Besucherparkplätze vor dem Haus." },
  { centre: "sued", name: "Schulungsraum Weser", capacity: 12, directions: "Erdgeschoss, Raum 012, barrierefrei über die Rampe am Haupteingang." },
];

/** Fictional clerks who take part in the demo seminars (accounts with the demo password). */
const PARTICIPANTS: { email: string; name: string; municipality: string }[] = [
  { email: "m.albers@kai.example", name: "Marta Albers", municipality: "Buxtehude" },
  { email: "j.kroeger@kai.example", name: "Jörn Kröger", municipality: "Buxtehude" },
  { email: "h.oltmanns@kai.example", name: "Hilke Oltmanns", municipality: "Jemgum" },
  { email: "s.brueggemann@kai.example", name: "Sönke Brüggemann", municipality: "Rheine" },
  { email: "a.wessels@kai.example", name: "Antje Weßels", municipality: "Rheine" },
  { email: "t.lueken@kai.example", name: "Tobias Lüken", municipality: "Jemgum" },
];

type Planner = Pick<CurrentUser, "id" | "name" | "email" | "roles" | "municipalityId">;

/** Berlin wall-clock time `days` from today (a weekday), as an instant. */
function berlin(days: number, time: string, weekday = true) {
  let day = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ days });
  while (weekday && day.weekday > 5) day = day.plus({ days: 1 });
  const [h, m] = time.split(":").map(Number);
  return day.set({ hour: h, minute: m }).toJSDate();
}

/** The weekday after `date` (Berlin), for a seminar's second day. */
function dayAfter(date: Date) {
  const days = Math.round((DateTime.fromJSDate(date).setZone("Europe/Berlin").startOf("day").toMillis() - DateTime.now().setZone("Europe/Berlin").startOf("day").toMillis()) / 86_400_000);
  return days + 1;
}

function slot(days: number, from: string, to: string) {
  const startsAt = berlin(days, from);
  const end = DateTime.fromJSDate(startsAt).setZone("Europe/Berlin");
  const [h, m] = to.split(":").map(Number);
  return { startsAt, endsAt: end.set({ hour: h, minute: m }).toJSDate() };
}

/** A demo person as the commands see them (grants included). */
export async function personOf(db: Database, email: string): Promise<Planner> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const grants = await db.select().from(userRoles).where(eq(userRoles.userId, user.id));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    municipalityId: user.municipalityId,
    roles: grants.map((g) => ({ role: g.role, centreId: g.centreId, workingGroup: g.workingGroup, municipalityId: g.municipalityId })),
  };
}

export async function seedDemoTraining(db: Database) {
  if ((await db.$count(seminars)) > 0) return;
  const trainer = await personOf(db, "schulung@kai.example");
  for (const p of PARTICIPANTS) await createUser(db, { ...p, password: DEMO_PASSWORD });
  for (const r of ROOMS) await db.insert(rooms).values({ centreId: r.centre, name: r.name, capacity: r.capacity, directions: r.directions }).onConflictDoNothing();
  const roomList = await db.select().from(rooms);
  const room = (name: string): Room => roomList.find((r) => r.name === name)!;
  const procs = await db.select().from(procedures);
  const mods = await db.select().from(procedureModules);
  const proc = (code: string, module?: string) => {
    const p = procs.find((x) => x.code === code)!;
    return { procedureId: p.id, moduleId: module ? (mods.find((m) => m.procedureId === p.id && m.name.startsWith(module))?.id ?? null) : null };
  };

  /** A seminar planned and published `plannedDaysAgo` days before today, or 30 days before its first date if that is earlier (past seminars were planned in their past). */
  async function plan(input: Omit<SeminarInput, "trainerIds" | "registrationDeadline" | "cancellationDeadline" | "description"> & { description?: string }, opts: { publish?: boolean; plannedDaysAgo?: number } = {}) {
    const now = new Date(Math.min(Date.now() - (opts.plannedDaysAgo ?? 0) * 86_400_000, input.slots[0].startsAt.getTime() - 30 * 86_400_000));
    const first = input.slots[0].startsAt.getTime();
    const full: SeminarInput = {
      description: "",
      ...input,
      trainerIds: [trainer.id],
      registrationDeadline: new Date(first - 7 * 86_400_000),
      cancellationDeadline: new Date(first - 3 * 86_400_000),
    };
    const seminar = await createSeminar({ user: trainer, input: full, now });
    if (opts.publish !== false) await publishSeminar({ user: trainer, seminarId: seminar.id, now });
    return { seminar, now };
  }

  const everyone = [...PARTICIPANTS.map((p) => p.email), "it.buxtehude@kai.example", "it.jemgum@kai.example", "it.rheine@kai.example"];
  const people = new Map<string, Planner>();
  for (const email of everyone) people.set(email, await personOf(db, email));
  const register = (seminarId: number, email: string, now: Date) => registerForSeminar({ user: people.get(email)!, seminarId, now });

  // Past seminars, one per centre, with their participants.
  const past = [
    { title: "KAI-Einwohnerwesen: Meldewesen kompakt", room: "Schulungsraum Elbe", code: "EWOS", module: "Meldewesen", days: -40, who: ["m.albers@kai.example", "j.kroeger@kai.example", "it.buxtehude@kai.example"] },
    { title: "KAI-Finanzwesen: Haushaltsüberwachung im Alltag", room: "Schulungsraum Aller", code: "FINAS", module: "Haushaltsüberwachung", days: -30, who: ["h.oltmanns@kai.example", "t.lueken@kai.example"] },
    { title: "KAI-Personalwesen: Bescheinigungen erstellen", room: "Schulungsraum Ems", code: "PERSOS", module: "Bescheinigungen", days: -21, who: ["s.brueggemann@kai.example", "a.wessels@kai.example", "it.rheine@kai.example"] },
    { title: "KAI-Einwohnerwesen: Wahlscheinverfahren", room: "Schulungsraum Weser", code: "EWOS", module: "Wahlscheinverfahren", days: -14, who: ["m.albers@kai.example", "h.oltmanns@kai.example"] },
  ];
  for (const p of past) {
    const { seminar, now } = await plan(
      {
        title: p.title,
        description: "Praxisnahe Schulung mit Übungen am eigenen Mandanten. Bitte Zugangsdaten zum Schulungsmandanten mitbringen.",
        type: "schulung",
        ...proc(p.code, p.module),
        audience: "clerks",
        slots: [slot(p.days, "09:00", "16:00")],
        location: { kind: "room", roomId: room(p.room).id },
        capacity: 10,
      },
      { plannedDaysAgo: 30 },
    );
    for (const email of p.who) await register(seminar.id, email, now);
  }

  // Upcoming, Nord: full, with a waiting list (a single person, then a group of two, then one more).
  const full = await plan(
    {
      title: "KAI-Finanzwesen: Jahresabschluss Schritt für Schritt",
      description: "Vom Abschluss der Konten bis zur Übergabe an die Prüfung. **Bitte eigenen Laptop mitbringen.**",
      type: "schulung",
      ...proc("FINAS", "NKF"),
      audience: "clerks",
      slots: [slot(24, "09:00", "16:00"), slot(dayAfter(berlin(24, "09:00")), "09:00", "13:00")],
      location: { kind: "room", roomId: room("Besprechungsraum Este").id },
      capacity: 6,
    },
    { plannedDaysAgo: 10 },
  );
  const fullNow = new Date(full.now.getTime() + 86_400_000);
  for (const email of ["m.albers@kai.example", "j.kroeger@kai.example", "it.buxtehude@kai.example", "h.oltmanns@kai.example", "t.lueken@kai.example", "it.jemgum@kai.example"]) {
    await register(full.seminar.id, email, fullNow);
  }
  await register(full.seminar.id, "s.brueggemann@kai.example", fullNow);
  await registerForSeminar({
    user: people.get("it.rheine@kai.example")!,
    seminarId: full.seminar.id,
    people: [
      { name: "Gerda Hölscher", email: "g.hoelscher@kai.example" },
      { name: "Piotr Łukasik", email: "p.lukasik@kai.example" },
    ],
    now: fullNow,
  });
  await register(full.seminar.id, "a.wessels@kai.example", fullNow);

  // Upcoming, West: a weekly series (every Tuesday for four weeks).
  const tuesday = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ weeks: 3 }).set({ weekday: 2 });
  const series = [0, 1, 2, 3].map((w) => {
    const day = tuesday.plus({ weeks: w });
    return { startsAt: day.set({ hour: 13 }).toJSDate(), endsAt: day.set({ hour: 16, minute: 30 }).toJSDate() };
  });
  const weekly = await plan(
    {
      title: "KAI-Personalwesen: LOGA-Abrechnung für Einsteiger (4 Termine)",
      description: "Vier Nachmittage, jeweils dienstags. Gemeinsam mit dem Partner-Rechenzentrum.",
      type: "schulung",
      ...proc("PERSOS", "Abrechnungsverfahren"),
      audience: "clerks",
      slots: series,
      location: { kind: "room", roomId: room("Schulungsraum Ems").id },
      capacity: 12,
    },
    { plannedDaysAgo: 7 },
  );
  for (const email of ["s.brueggemann@kai.example", "a.wessels@kai.example"]) await register(weekly.seminar.id, email, new Date(weekly.now.getTime() + 3_600_000));

  // Upcoming, Mitte: plenty of seats.
  const mitte = await plan(
    {
      title: "KAI-Finanzwesen: Kassenbuchführung",
      description: "Zahlbarmachung, Tagesabschluss und typische Fehler.",
      type: "schulung",
      ...proc("FINAS", "Kassenbuchführung"),
      audience: "clerks",
      slots: [slot(38, "09:00", "15:30")],
      location: { kind: "room", roomId: room("Schulungsraum Aller").id },
      capacity: 14,
    },
    { plannedDaysAgo: 5 },
  );
  await register(mitte.seminar.id, "t.lueken@kai.example", new Date(mitte.now.getTime() + 3_600_000));

  // Upcoming, Süd: an online information event for system administrators.
  const info = await plan(
    {
      title: "Informationsveranstaltung: Neuerungen im Release 2027.1",
      description: "Was sich für die Systembetreuung ändert: Updates, Schnittstellen, Berechtigungen. Mit Fragerunde.",
      type: "info",
      ...proc("EWOS"),
      audience: "sysadmins",
      slots: [slot(12, "10:00", "11:30")],
      location: { kind: "online", centreId: "sued", onlineUrl: "https://konferenz.kai.example/release-2027-1" },
      capacity: 80,
    },
    { plannedDaysAgo: 4 },
  );
  for (const email of ["it.jemgum@kai.example", "it.rheine@kai.example", "it.buxtehude@kai.example"]) await register(info.seminar.id, email, new Date(info.now.getTime() + 3_600_000));

  // Süd: a draft, visible to its trainer only.
  await plan(
    {
      title: "KAI-Einwohnerwesen: Pässe und Ausweise (Entwurf)",
      description: "Noch in Planung.",
      type: "schulung",
      ...proc("EWOS", "Pässe"),
      audience: "clerks",
      slots: [slot(60, "09:00", "16:00")],
      location: { kind: "room", roomId: room("Schulungsraum Weser").id },
      capacity: 12,
    },
    { publish: false },
  );

  // An open in-house request from Jemgum.
  const [jemgum] = await db.select().from(municipalities).where(eq(municipalities.name, "Jemgum"));
  const from = DateTime.now().setZone("Europe/Berlin").plus({ weeks: 8 });
  await fileInhouseRequest({
    user: people.get("it.jemgum@kai.example")!,
    input: {
      municipalityId: jemgum.id,
      topic: "Einführung KAI-Einwohnerwesen für neue Kolleginnen im Bürgerbüro",
      procedureId: proc("EWOS").procedureId,
      wishedFrom: from.toISODate()!,
      wishedTo: from.plus({ weeks: 4 }).toISODate()!,
      participants: 6,
      note: "Gern an zwei Vormittagen im Rathaus Jemgum, Sitzungssaal.",
    },
  });
}
