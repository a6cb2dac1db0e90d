import { and, count, eq, isNull } from "drizzle-orm";
import { users } from "../schema/auth";
import type { Database } from "../client";
import { calendarEvents } from "../schema/calendar";
import { createCalendarEvent } from "~/modules/calendar/events.server";
import { createUser, DEMO_PASSWORD, DEMO_PEOPLE } from "../../tests/factories";

/** Demo accounts and one sample invitation; never run against production (the script refuses). */
export async function seedDemoPeople(db: Database) {
  const people = [];
  for (const person of DEMO_PEOPLE) people.push(await createUser(db, { ...person, password: DEMO_PASSWORD }));
  // Demo databases made before people had phone numbers get them; a number set since stays.
  for (const person of DEMO_PEOPLE) {
    if (person.phone) await db.update(users).set({ phone: person.phone }).where(and(eq(users.email, person.email), isNull(users.phone)));
  }
  const [{ n }] = await db.select({ n: count() }).from(calendarEvents);
  if (n > 0) return;
  // One information event with invites, so the mailbox and the calendar feed show the engine.
  const start = nextWeekday(14, 10);
  const invitees = people.filter((p) => ["it.jemgum@kai.example", "it.rheine@kai.example", "betreuung.west@kai.example"].includes(p.email));
  await db.transaction((tx) =>
    createCalendarEvent(
      {
        event: {
          kind: "info_event",
          title: "Informationsveranstaltung: Neuerungen in KAI-EWOS",
          description: "Für Systembetreuerinnen und -betreuer der Mitgliedskommunen im Zentrum West.",
          location: "Zentrum West, Rheine",
          startsAt: start,
          endsAt: new Date(start.getTime() + 3 * 3_600_000),
        },
        attendees: invitees.map((p) => ({ email: p.email, name: p.name, userId: p.id })),
      },
      tx,
    ),
  );
}

/** A weekday about `days` ahead at `hour`:00 Berlin time (10:00 Berlin is 08:00 or 09:00 UTC). */
function nextWeekday(days: number, hour: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const berlinOffset = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Berlin", timeZoneName: "shortOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")!.value.replace("GMT", "") || 0);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - berlinOffset));
}
