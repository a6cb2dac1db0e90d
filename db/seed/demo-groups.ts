import { DateTime } from "luxon";
import type { Database } from "../client";
import type { WorkingGroup } from "../schema/auth";
import { userRoles } from "../schema/auth";
import { meetings } from "../schema/groups";
import { rooms } from "../schema/training";
import { requestToJoin } from "~/modules/groups/membership.server";
import { answerRsvp, scheduleMeeting } from "~/modules/groups/meetings.server";
import { addActionItem, addDecision, addGuest, approveMinutes, releaseMinutes, saveAttendance, saveNotes } from "~/modules/groups/minutes.server";
import type { MeetingInput } from "~/modules/groups/meeting-validation";
import { createUser, DEMO_PASSWORD } from "../../tests/factories";
import { personOf } from "./demo-training";

/**
 * Working-groups demo (issue 9 item 11): the three groups with members from several centres; in
 * FINAS a past meeting with released minutes, numbered decisions and open action items, a later
 * special meeting whose draft minutes approve them, and an upcoming meeting whose invites sit in
 * the mailbox (its "Offene Aufgaben" list the open items); a past and an upcoming EWOS meeting,
 * the upcoming one with the approval item; an upcoming online PERSOS meeting; an open join request. Everything goes through the real commands. Only once: a
 * database with meetings gets none. All people fictional, @kai.example.
 */

/** Members beyond the training demo's clerks (accounts with the demo password). */
const MEMBERS: { email: string; name: string; municipality: string }[] = [
  { email: "fak.einwohner@kai.example", name: "Elke Meldewitz", municipality: "Verden (Aller)" },
  { email: "fak.personal@kai.example", name: "Paul Personke", municipality: "Rheine" },
  { email: "k.vahle@kai.example", name: "Katrin Vahle", municipality: "Höxter" },
  { email: "b.meyerhoff@kai.example", name: "Bernd Meyerhoff", municipality: "Walsrode" },
  { email: "u.sievers@kai.example", name: "Ute Sievers", municipality: "Zeven" },
];

/** Who belongs where: the first of each list is a chair (fak.finanzen chairs FINAS from the people seed). */
const GROUPS: Record<WorkingGroup, { chairs: string[]; members: string[] }> = {
  EWOS: { chairs: ["fak.einwohner@kai.example"], members: ["m.albers@kai.example", "h.oltmanns@kai.example", "k.vahle@kai.example", "u.sievers@kai.example"] },
  FINAS: { chairs: ["fak.finanzen@kai.example"], members: ["j.kroeger@kai.example", "t.lueken@kai.example", "b.meyerhoff@kai.example", "k.vahle@kai.example"] },
  PERSOS: { chairs: ["fak.personal@kai.example"], members: ["s.brueggemann@kai.example", "a.wessels@kai.example", "b.meyerhoff@kai.example"] },
};

/** A weekday `days` from today (Berlin) at `time`, as an instant. */
function weekday(days: number, time: string) {
  let day = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ days });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const [h, m] = time.split(":").map(Number);
  return day.set({ hour: h, minute: m }).toJSDate();
}

const hours = (from: Date, h: number) => new Date(from.getTime() + h * 3_600_000);
const isoDay = (date: Date, plusDays: number) => DateTime.fromJSDate(date).setZone("Europe/Berlin").plus({ days: plusDays }).toISODate()!;

export async function seedDemoGroups(db: Database) {
  if ((await db.$count(meetings)) > 0) return;
  for (const m of MEMBERS) await createUser(db, { ...m, password: DEMO_PASSWORD });
  for (const [group, { chairs, members }] of Object.entries(GROUPS) as [WorkingGroup, (typeof GROUPS)[WorkingGroup]][]) {
    const people = await Promise.all([...chairs, ...members].map((email) => personOf(db, email)));
    for (const [i, person] of people.entries()) {
      const roles = i < chairs.length ? (["wg_chair", "wg_member"] as const) : (["wg_member"] as const);
      for (const role of roles) await db.insert(userRoles).values({ userId: person.id, role, workingGroup: group }).onConflictDoNothing();
    }
  }
  const person = async (email: string) => personOf(db, email);
  const nordRooms = await db.select({ id: rooms.id, name: rooms.name }).from(rooms);
  const room = (name: string) => nordRooms.find((r) => r.name === name)?.id ?? null;

  // Municipal IT of Jemgum asks to join FINAS; the chair has not decided yet.
  await requestToJoin({ user: await person("it.jemgum@kai.example"), groupId: "FINAS", message: "Wir stellen 2027 auf die doppische Anlagenbuchhaltung um und möchten mitarbeiten." });

  // FINAS: a past meeting with released minutes (decisions, open action items), then the next one.
  const finasChair = await person("fak.finanzen@kai.example");
  const finasPastStart = weekday(-42, "10:00");
  const finasPast = await scheduleMeeting({
    user: finasChair,
    groupId: "FINAS",
    now: new Date(finasPastStart.getTime() - 21 * 86_400_000),
    input: meetingInput({
      title: "Sitzung des Facharbeitskreises Finanzwesen",
      startsAt: finasPastStart,
      hours: 3,
      location: { kind: "zentral", roomId: room("Besprechungsraum Este") },
      items: [
        { title: "Jahresabschluss 2025: Erfahrungen der Kommunen", presenter: "Friedrich Finanzmann", durationMinutes: 45 },
        { title: "Anforderungen an die Anlagenbuchhaltung", presenter: "Bernd Meyerhoff", durationMinutes: 60 },
        { title: "Verschiedenes", presenter: "", durationMinutes: 15 },
      ],
    }),
  });
  await writeMinutes(db, finasPast.id, finasChair, hours(finasPastStart, 3), {
    present: ["fak.finanzen@kai.example", "j.kroeger@kai.example", "b.meyerhoff@kai.example", "k.vahle@kai.example"],
    excused: ["t.lueken@kai.example"],
    guest: { name: "Dr. Gerda Prüfer", organisation: "Gemeindeprüfungsanstalt (Gast)" },
    items: [
      {
        notes: "Die Kommunen berichten über den **Jahresabschluss 2025**. Drei Kommunen haben die Frist eingehalten; die Abstimmung der Anlagenbuchhaltung kostete die meiste Zeit.",
        decisions: [{ text: "Der Facharbeitskreis empfiehlt, den Jahresabschluss künftig mit der Prüfliste aus KAI-FINAS vorzubereiten.", votesYes: 4, votesNo: 0, votesAbstain: 0 }],
        actions: [{ title: "Prüfliste Jahresabschluss als Entwurf an alle Mitglieder senden", owner: "j.kroeger@kai.example", dueInDays: 60 }],
      },
      {
        notes: "Erste Anforderungen an die Anlagenbuchhaltung: Sammelposten, Abschreibung nach Monaten, Schnittstelle zur Kasse.",
        decisions: [{ text: "Die Anforderungen an Sammelposten werden in das Pflichtenheft KAI-FINAS aufgenommen." }],
        actions: [
          { title: "Beispiele für Sammelposten aus drei Kommunen zusammentragen", owner: "b.meyerhoff@kai.example", dueInDays: 55 },
          { title: "Schnittstelle Anlagenbuchhaltung–Kasse mit dem Partnerhersteller klären", owner: "k.vahle@kai.example", dueInDays: 75 },
        ],
      },
      { notes: "Die nächste Sitzung findet in Buxtehude statt.", decisions: [], actions: [] },
    ],
  });

  // A special online meeting nine days ago: its chair has recorded attendance, approved the
  // previous minutes and started the notes; the minutes are still a draft.
  const finasSpecialStart = weekday(-9, "14:00");
  const finasSpecial = await scheduleMeeting({
    user: finasChair,
    groupId: "FINAS",
    now: new Date(finasSpecialStart.getTime() - 14 * 86_400_000),
    input: meetingInput({
      title: "Online-Sondersitzung E-Rechnung",
      startsAt: finasSpecialStart,
      hours: 1.5,
      location: { kind: "online", onlineUrl: "https://video.kai.example/fak-finas" },
      items: [{ title: "E-Rechnung: Pflichtfelder im Rechnungseingang", presenter: "Jörn Kröger", durationMinutes: 45 }],
    }),
  });
  await writeMinutes(db, finasSpecial.id, finasChair, hours(finasSpecialStart, 1.5), {
    present: ["fak.finanzen@kai.example", "j.kroeger@kai.example", "t.lueken@kai.example"],
    excused: ["b.meyerhoff@kai.example"],
    approvePrevious: true,
    release: false,
    items: [{ notes: "Herr Kröger stellt die Pflichtfelder vor. Die Diskussion wird in der nächsten Sitzung fortgesetzt.", decisions: [], actions: [] }],
  });

  const finasNextStart = weekday(21, "10:00");
  const finasNext = await scheduleMeeting({
    user: finasChair,
    groupId: "FINAS",
    input: meetingInput({
      title: "Sitzung des Facharbeitskreises Finanzwesen",
      startsAt: finasNextStart,
      hours: 3,
      location: { kind: "zentral", roomId: room("Besprechungsraum Este") },
      items: [
        { title: "Pflichtenheft Anlagenbuchhaltung: Entwurf", presenter: "Bernd Meyerhoff", durationMinutes: 60 },
        { title: "Umstellung auf die E-Rechnung", presenter: "Jörn Kröger", durationMinutes: 30 },
      ],
    }),
  });
  await answerRsvp({ user: await person("j.kroeger@kai.example"), meetingId: finasNext.id, answer: "zusage" });
  await answerRsvp({ user: await person("b.meyerhoff@kai.example"), meetingId: finasNext.id, answer: "zusage" });
  await answerRsvp({ user: await person("t.lueken@kai.example"), meetingId: finasNext.id, answer: "vielleicht" });
  await answerRsvp({ user: await person("k.vahle@kai.example"), meetingId: finasNext.id, answer: "absage" });

  // EWOS: a past online meeting with released minutes, the next one in centre Mitte.
  const ewosChair = await person("fak.einwohner@kai.example");
  const ewosPastStart = weekday(-28, "14:00");
  const ewosPast = await scheduleMeeting({
    user: ewosChair,
    groupId: "EWOS",
    now: new Date(ewosPastStart.getTime() - 14 * 86_400_000),
    input: meetingInput({
      title: "Online-Sitzung Einwohnermeldewesen",
      startsAt: ewosPastStart,
      hours: 2,
      location: { kind: "online", onlineUrl: "https://video.kai.example/fak-ewos" },
      items: [{ title: "Neues Passgesetz: Auswirkungen auf das Bürgerbüro", presenter: "Elke Meldewitz", durationMinutes: 60 }],
    }),
  });
  await writeMinutes(db, ewosPast.id, ewosChair, hours(ewosPastStart, 2), {
    present: ["fak.einwohner@kai.example", "m.albers@kai.example", "h.oltmanns@kai.example"],
    excused: ["k.vahle@kai.example"],
    items: [
      {
        notes: "Die Änderungen am Passgesetz betreffen die Antragsstrecke. Die Mitglieder wünschen eine Übersicht der Pflichtfelder.",
        decisions: [{ text: "Der Facharbeitskreis bittet KAI, die Pflichtfelder der Antragsstrecke im Pflichtenheft KAI-EWOS zu ergänzen.", votesYes: 3, votesNo: 0, votesAbstain: 1 }],
        actions: [{ title: "Übersicht der Pflichtfelder für Passanträge erstellen", owner: "m.albers@kai.example", dueInDays: 35 }],
      },
    ],
  });
  const mitte = room("Schulungsraum Aller");
  await scheduleMeeting({
    user: ewosChair,
    groupId: "EWOS",
    input: meetingInput({
      title: "Sitzung des Facharbeitskreises Einwohnermeldewesen",
      startsAt: weekday(45, "09:30"),
      hours: 4,
      location: mitte ? { kind: "zentrum", roomId: mitte } : { kind: "zentral", roomId: null },
      items: [{ title: "Wahlscheinverfahren: Wünsche für 2027", presenter: "Hilke Oltmanns", durationMinutes: 45 }],
    }),
  });

  // PERSOS: an upcoming online meeting.
  await scheduleMeeting({
    user: await person("fak.personal@kai.example"),
    groupId: "PERSOS",
    input: meetingInput({
      title: "Online-Sitzung Personalwesen",
      startsAt: weekday(14, "13:00"),
      hours: 2,
      location: { kind: "online", onlineUrl: "https://video.kai.example/fak-persos" },
      items: [{ title: "LOGA 2000: neue Entgelttabellen", presenter: "Paul Personke", durationMinutes: 45 }],
    }),
  });
}

function meetingInput(spec: { title: string; startsAt: Date; hours: number; location: MeetingInput["location"]; items: MeetingInput["items"] }): MeetingInput {
  return { title: spec.title, startsAt: spec.startsAt, endsAt: hours(spec.startsAt, spec.hours), location: spec.location, items: spec.items };
}

interface MinutesSpec {
  present: string[];
  excused: string[];
  guest?: { name: string; organisation: string };
  /** Approve the previous meeting's minutes through this meeting's approval item. */
  approvePrevious?: boolean;
  /** Release the minutes (default) or leave them a draft. */
  release?: boolean;
  /** Per typed agenda item, in order (the automatic items come first and are skipped). */
  items: {
    notes: string;
    decisions: { text: string; votesYes?: number; votesNo?: number; votesAbstain?: number }[];
    actions: { title: string; owner: string; dueInDays: number }[];
  }[];
}

/** Writes and releases the minutes of a past meeting, as its chair did on the day after. */
async function writeMinutes(db: Database, meetingId: number, chair: Awaited<ReturnType<typeof personOf>>, endsAt: Date, spec: MinutesSpec) {
  const now = hours(endsAt, 1);
  const statuses: Record<string, "anwesend" | "entschuldigt"> = {};
  for (const email of spec.present) statuses[(await personOf(db, email)).id] = "anwesend";
  for (const email of spec.excused) statuses[(await personOf(db, email)).id] = "entschuldigt";
  const args = { user: chair, meetingId, now };
  await saveAttendance({ ...args, statuses });
  if (spec.guest) await addGuest({ ...args, ...spec.guest });
  const agenda = await db.query.agendaItems.findMany({ where: (a, { eq }) => eq(a.meetingId, meetingId), orderBy: (a, { asc }) => [asc(a.position)] });
  const approval = agenda.find((i) => i.kind === "protokoll_genehmigung");
  if (spec.approvePrevious && approval) await approveMinutes({ ...args, agendaItemId: approval.id });
  const items = agenda.filter((i) => i.kind === "eintrag");
  for (const [i, item] of spec.items.entries()) {
    const agendaItemId = items[i].id;
    await saveNotes({ ...args, agendaItemId, notes: item.notes });
    for (const d of item.decisions) await addDecision({ ...args, agendaItemId, input: d });
    for (const a of item.actions) {
      const owner = await personOf(db, a.owner);
      await addActionItem({ ...args, agendaItemId, input: { title: a.title, ownerId: owner.id, dueOn: isoDay(endsAt, a.dueInDays) } });
    }
  }
  if (spec.release !== false) await releaseMinutes({ ...args, now: hours(endsAt, 20) });
}
