import { and, eq, isNull } from "drizzle-orm";
import { users } from "../schema/auth";
import type { Database } from "../client";
import { calendarEvents } from "../schema/calendar";
import { createCalendarEvent, type EventInput } from "~/modules/calendar/events.server";
import { createUser, DEMO_PASSWORD, DEMO_PEOPLE, enrolKnownSecondFactor } from "../../tests/factories";
import { SECOND_FACTOR_ROLES } from "~/modules/auth/second-factor.server";

/**
 * Sample events, invited through the calendar engine, so the mailbox, the calendar feed and
 * "Meine nächsten Termine" on /start show something. All fictional.
 */
const DEMO_EVENTS: { event: () => EventInput; invitees: string[] }[] = [
  {
    event: () => {
      const start = nextWeekday(14, 10);
      return {
        kind: "info_event",
        title: "Informationsveranstaltung: Neuerungen in KAI-EWOS",
        description: "Für Systembetreuerinnen und -betreuer der Mitgliedskommunen im Zentrum West.",
        location: "Zentrum West, Rheine",
        startsAt: start,
        endsAt: new Date(start.getTime() + 3 * 3_600_000),
      };
    },
    invitees: ["it.jemgum@kai.example", "it.rheine@kai.example", "betreuung.west@kai.example"],
  },
  {
    event: () => {
      const start = nextWeekday(21, 9);
      return {
        kind: "seminar",
        title: "Schulung KAI-FINAS: Jahresabschluss",
        description: "Grundlagen des Jahresabschlusses in KAI-FINAS. Bitte eigenen Laptop mitbringen.",
        location: "Zentrum Nord, Buxtehude",
        startsAt: start,
        endsAt: new Date(start.getTime() + 6 * 3_600_000),
      };
    },
    invitees: ["it.jemgum@kai.example", "it.buxtehude@kai.example", "betreuung.nord@kai.example", "schulung@kai.example", "fak.finanzen@kai.example"],
  },
];

/** Demo accounts and sample invitations; never run against production (the script refuses). */
export async function seedDemoPeople(db: Database) {
  const people = [];
  for (const person of DEMO_PEOPLE) people.push(await createUser(db, { ...person, password: DEMO_PASSWORD }));
  // The demo's admin and centre managers have fixed demo secrets (tests/second-factor.ts), also in
  // demo databases made before the second factor existed.
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    if (person.roles?.some((g) => SECOND_FACTOR_ROLES.includes(g.role))) await enrolKnownSecondFactor(db, people[i]);
  }
  // Demo databases made before people had phone numbers get them; a number set since stays.
  for (const person of DEMO_PEOPLE) {
    if (person.phone) await db.update(users).set({ phone: person.phone }).where(and(eq(users.email, person.email), isNull(users.phone)));
  }
  // Idempotent per event title: running the seed again invites nobody twice.
  for (const sample of DEMO_EVENTS) {
    const event = sample.event();
    const [existing] = await db.select({ id: calendarEvents.id }).from(calendarEvents).where(eq(calendarEvents.title, event.title));
    if (existing) continue;
    const invitees = people.filter((p) => sample.invitees.includes(p.email));
    await db.transaction((tx) => createCalendarEvent({ event, attendees: invitees.map((p) => ({ email: p.email, name: p.name, userId: p.id })) }, tx));
  }
}

/** A weekday about `days` ahead at `hour`:00 Berlin time (10:00 Berlin is 08:00 or 09:00 UTC). */
function nextWeekday(days: number, hour: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const berlinOffset = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Berlin", timeZoneName: "shortOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")!.value.replace("GMT", "") || 0);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - berlinOffset));
}
