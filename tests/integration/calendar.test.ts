import ICAL from "ical.js";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { calendarEvents } from "#db/schema/calendar";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { addAttendee, cancelCalendarEvent, createCalendarEvent, removeAttendee, updateCalendarEvent } from "~/modules/calendar/events.server";
import { createFeedToken, revokeFeedToken } from "~/modules/calendar/feed-token.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { loader as feedLoader } from "~/routes/kalender.$feed";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest } from "../http";
import { parseMail, useSmtpSink } from "../smtp-sink";

const getDb = useTestDatabase();
const smtp = useSmtpSink();

/** The ICS of each queued message, parsed with ical.js, with the recipient. */
async function queuedInvites() {
  const rows = await db.select().from(outboxEmails).orderBy(asc(outboxEmails.createdAt));
  return rows.map((r) => {
    const att = r.attachments.find((a) => a.contentType === "text/calendar")!;
    const text = Buffer.from(att.content, "base64").toString("utf8");
    const cal = new ICAL.Component(ICAL.parse(text));
    const vevent = cal.getFirstSubcomponent("vevent")!;
    return {
      to: r.toAddress,
      template: r.template,
      mimeMethod: att.method,
      text,
      method: cal.getFirstPropertyValue("method"),
      uid: vevent.getFirstPropertyValue("uid"),
      sequence: Number(vevent.getFirstPropertyValue("sequence")),
      status: vevent.getFirstPropertyValue("status"),
      attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase()),
      start: vevent.getFirstPropertyValue("dtstart") as unknown as ICAL.Time,
      startTzid: vevent.getFirstProperty("dtstart")!.getParameter("tzid"),
    };
  });
}

const seminar = {
  kind: "seminar" as const,
  title: "KAI-FINAS: Jahresabschluss, Teil 1",
  description: "Bitte eigenen Laptop mitbringen.",
  location: "Zentrum Süd, Höxter",
  // 29 March 2026 is the DST switch day: 09:00 Berlin = 07:00 UTC.
  startsAt: new Date("2026-03-29T07:00:00Z"),
  endsAt: new Date("2026-03-29T10:00:00Z"),
};

describe("calendar engine (ACCEPTANCE F28–F31)", () => {
  it("keeps the UID, raises SEQUENCE on every change and addresses each attendee alone", async () => {
    const event = await db.transaction((tx) =>
      createCalendarEvent(
        { event: seminar, attendees: [{ email: "Erika@kai.example", name: "Erika Beispiel" }, { email: "max@kai.example", name: "Max Muster" }] },
        tx,
      ),
    );
    let invites = await queuedInvites();
    expect(invites).toHaveLength(2);
    for (const i of invites) {
      expect(i.method).toBe("REQUEST");
      expect(i.mimeMethod).toBe("REQUEST");
      expect(i.uid).toBe(event.uid);
      expect(i.sequence).toBe(0);
      expect(i.attendees).toEqual([`mailto:${i.to}`]);
      expect(i.start.toString()).toBe("2026-03-29T09:00:00");
      expect(i.startTzid).toBe("Europe/Berlin");
    }

    await db.delete(outboxEmails);
    await updateCalendarEvent({ eventId: event.id, changes: { location: "Zentrum Mitte, Verden" }, expectedSequence: 0 });
    invites = await queuedInvites();
    expect(invites.map((i) => [i.method, i.sequence, i.uid])).toEqual([
      ["REQUEST", 1, event.uid],
      ["REQUEST", 1, event.uid],
    ]);
    // A stale change (expected sequence 0 again) is refused and sends nothing.
    await db.delete(outboxEmails);
    expect(await updateCalendarEvent({ eventId: event.id, changes: { title: "alt" }, expectedSequence: 0 })).toBeNull();
    expect(await queuedInvites()).toHaveLength(0);

    await removeAttendee({ eventId: event.id, email: "max@kai.example" });
    invites = await queuedInvites();
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ to: "max@kai.example", method: "CANCEL", mimeMethod: "CANCEL", sequence: 2, uid: event.uid, status: "CANCELLED" });

    await db.delete(outboxEmails);
    await cancelCalendarEvent({ eventId: event.id });
    invites = await queuedInvites();
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ to: "erika@kai.example", method: "CANCEL", sequence: 3, uid: event.uid, status: "CANCELLED" });
    const [stored] = await db.select().from(calendarEvents).where(eq(calendarEvents.id, event.id));
    expect(stored).toMatchObject({ sequence: 3, status: "cancelled", uid: event.uid });
    // Nothing more can be sent for a cancelled event.
    expect(await addAttendee({ eventId: event.id, attendee: { email: "neu@kai.example" } })).toBeNull();
    // I44: every change is in the audit trail, in order, with the sequence it sent.
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.entityId, event.id)).orderBy(asc(auditEvents.id));
    expect(trail.map((e) => [e.action, (e.after as { sequence: number }).sequence])).toEqual([
      ["calendar.event_created", 0],
      ["calendar.event_updated", 1],
      ["calendar.attendee_removed", 2],
      ["calendar.event_cancelled", 3],
    ]);
    expect(trail[1]).toMatchObject({ before: { location: "Zentrum Süd, Höxter" }, after: { location: "Zentrum Mitte, Verden" } });
  });

  it("F29/F31: inviting a removed attendee again raises SEQUENCE; nothing is taken back from a cancelled event", async () => {
    const event = await createCalendarEvent({ event: seminar, attendees: [{ email: "wieder@kai.example", name: "Wim Wieder" }, { email: "bleibt@kai.example" }] });
    await removeAttendee({ eventId: event.id, email: "wieder@kai.example" });
    await db.delete(outboxEmails);
    await addAttendee({ eventId: event.id, attendee: { email: "wieder@kai.example", name: "Wim Wieder" } });
    const [again] = await queuedInvites();
    expect(again).toMatchObject({ to: "wieder@kai.example", method: "REQUEST", sequence: 2, uid: event.uid });
    await cancelCalendarEvent({ eventId: event.id });
    await db.delete(outboxEmails);
    expect(await removeAttendee({ eventId: event.id, email: "bleibt@kai.example" })).toBeNull();
    expect(await queuedInvites()).toHaveLength(0);
  });

  it("F28: the MIME part carries the same method as the ICS, as delivered over SMTP", async () => {
    const event = await createCalendarEvent({ event: seminar, attendees: [{ email: "smtp@kai.example", name: "Sina SMTP" }] });
    await cancelCalendarEvent({ eventId: event.id });
    await dispatchDueEmails();
    expect(smtp().received).toHaveLength(2);
    const methods = [];
    for (const m of smtp().received) {
      const mimeMethod = m.raw.match(/Content-Type: text\/calendar;[^\r\n]*method=([A-Z]+)/i)?.[1];
      const parsed = await parseMail(m.raw);
      const ics = parsed.attachments.find((a) => a.mimeType === "text/calendar");
      const icsText = typeof ics?.content === "string" ? ics.content : new TextDecoder().decode(ics?.content as ArrayBuffer);
      const icsMethod = icsText.match(/^METHOD:(\w+)/m)?.[1];
      expect(mimeMethod).toBe(icsMethod);
      methods.push(icsMethod);
    }
    expect(methods.sort()).toEqual(["CANCEL", "REQUEST"]);
  });

  it("the personal feed lists the person's events and dies with its token", async () => {
    const user = await createUser(getDb().db, { email: "feed@kai.example", name: "Frieda Feed" });
    const upcoming = { ...seminar, startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: new Date(Date.now() + 7 * 86_400_000 + 3_600_000) };
    await createCalendarEvent({ event: upcoming, attendees: [{ email: user.email, name: user.name, userId: user.id }] });
    const token = await createFeedToken(user.id);
    const res = await call(feedLoader, makeRequest(`/kalender/${token}.ics`), { feed: `${token}.ics` });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const cal = new ICAL.Component(ICAL.parse(res.data as string));
    expect(cal.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("summary"))).toEqual([seminar.title]);
    // Someone else's guess, and the revoked token, are 404.
    expect((await call(feedLoader, makeRequest("/kalender/x.ics"), { feed: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics" })).status).toBe(404);
    await revokeFeedToken(user.id);
    expect((await call(feedLoader, makeRequest(`/kalender/${token}.ics`), { feed: `${token}.ics` })).status).toBe(404);
  });
});
