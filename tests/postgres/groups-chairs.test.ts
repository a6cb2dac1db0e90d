import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { userRoles } from "#db/schema/auth";
import { calendarAttendees } from "#db/schema/calendar";
import { groupJoinRequests, meetings } from "#db/schema/groups";
import { db } from "~/db.server";
import { PublicError } from "~/errors";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { scheduleMeeting } from "~/modules/groups/meetings.server";
import { appointChair, decideJoinRequest, requestToJoin } from "~/modules/groups/membership.server";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";

// Issue 9 item 1 on real PostgreSQL with concurrent connections (PGlite would serialise and hide
// the race): at most two chairs per group, one open join request per person and group.
const getDb = useTestDatabase();

async function signedIn(spec: Parameters<typeof createUser>[1]) {
  const created = await createUser(getDb().db, spec);
  return (await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor(created.id) }), undefined))!;
}

describe("working-group chairs under concurrency (PostgreSQL)", () => {
  it("two simultaneous appointments for the last chair seat: exactly one wins, the other is told the group is full", async () => {
    const admin = await signedIn({ email: "admin.race.fak@kai.example", name: "Anna Admin", roles: [{ role: "admin" }] });
    const admin2 = await signedIn({ email: "admin2.race.fak@kai.example", name: "Arne Admin", roles: [{ role: "admin" }] });
    for (const [round, group] of (["EWOS", "FINAS", "PERSOS"] as const).entries()) {
      const first = await signedIn({ email: `erster.${round}.race@kai.example`, name: `Erste Vorsitzende ${round}`, municipality: "Buxtehude" });
      const a = await signedIn({ email: `a.${round}.race@kai.example`, name: `Anwärterin A ${round}`, municipality: "Rheine" });
      const b = await signedIn({ email: `b.${round}.race@kai.example`, name: `Anwärter B ${round}`, municipality: "Höxter" });
      await appointChair({ user: admin, groupId: group, userId: first.id });
      const attempts = await Promise.allSettled([appointChair({ user: admin, groupId: group, userId: a.id }), appointChair({ user: admin2, groupId: group, userId: b.id })]);
      const won = attempts.filter((x) => x.status === "fulfilled");
      const lost = attempts.filter((x): x is PromiseRejectedResult => x.status === "rejected");
      expect(won, group).toHaveLength(1);
      expect(lost, group).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(PublicError);
      expect((lost[0].reason as PublicError).message).toBe("Ein Facharbeitskreis hat höchstens 2 Vorsitzende. Bitte berufen Sie zuerst einen Vorsitz ab.");
      const chairs = await db.select().from(userRoles).where(and(eq(userRoles.role, "wg_chair"), eq(userRoles.workingGroup, group)));
      expect(chairs, group).toHaveLength(2);
    }
  });

  it("the same person asking to join five times at once: one open request, the others refused in German", async () => {
    const person = await signedIn({ email: "eilig.race@kai.example", name: "Emil Eilig", municipality: "Telgte" });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => requestToJoin({ user: person, groupId: "FINAS", message: "Bitte aufnehmen" })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
      expect(o.reason).toBeInstanceOf(PublicError);
      expect((o.reason as PublicError).message).toBe("Sie haben bereits um Aufnahme in diesen Facharbeitskreis gebeten. Der Vorsitz entscheidet über Ihre Anfrage.");
    }
    expect(await db.$count(groupJoinRequests, eq(groupJoinRequests.userId, person.id))).toBe(1);
  });
});

describe("scheduling and membership at once (PostgreSQL, issue 9 item 2)", () => {
  it("a meeting scheduled while a chair accepts a join request invites the new member: the group's row serialises both", async () => {
    const chair = await signedIn({ email: "vorsitz.takt@kai.example", name: "Tilda Takt", municipality: "Buxtehude", roles: [{ role: "wg_chair", group: "PERSOS" }] });
    const chair2 = await signedIn({ email: "vorsitz2.takt@kai.example", name: "Theo Takt", municipality: "Verden (Aller)", roles: [{ role: "wg_chair", group: "PERSOS" }] });
    for (let round = 0; round < 6; round++) {
      const person = await signedIn({ email: `neu.${round}.takt@kai.example`, name: `Nele Neu ${round}`, municipality: "Rheine" });
      const request = await requestToJoin({ user: person, groupId: "PERSOS", message: "Bitte aufnehmen" });
      const startsAt = new Date(Date.now() + (10 + round) * 86_400_000);
      const [scheduled] = await Promise.all([
        scheduleMeeting({ user: chair, groupId: "PERSOS", input: { title: `Takt-Sitzung ${round}`, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), location: { kind: "online", onlineUrl: "https://video.kai.example/takt" }, items: [] } }),
        decideJoinRequest({ user: chair2, requestId: request.requestId, accept: true }),
      ]);
      const [meeting] = await db.select({ eventId: meetings.eventId }).from(meetings).where(eq(meetings.id, scheduled.id));
      const invited = await db.select({ email: calendarAttendees.email, status: calendarAttendees.status }).from(calendarAttendees).where(eq(calendarAttendees.eventId, meeting.eventId!));
      expect(invited, `round ${round}`).toContainEqual({ email: person.email, status: "invited" });
    }
  });
});
