import ICAL from "ical.js";
import { asc } from "drizzle-orm";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";

/** Every queued message with a calendar part, its ICS parsed with ical.js (ACCEPTANCE F28–F32). */
export async function queuedInvites() {
  const rows = await db.select().from(outboxEmails).orderBy(asc(outboxEmails.createdAt), asc(outboxEmails.id));
  return rows
    .filter((r) => r.attachments.some((a) => a.contentType === "text/calendar"))
    .map((r) => {
      const att = r.attachments.find((a) => a.contentType === "text/calendar")!;
      const text = Buffer.from(att.content, "base64").toString("utf8");
      const cal = new ICAL.Component(ICAL.parse(text));
      const vevent = cal.getFirstSubcomponent("vevent")!;
      const start = vevent.getFirstPropertyValue("dtstart") as unknown as ICAL.Time;
      return {
        to: r.toAddress,
        subject: r.subject,
        mimeMethod: att.method,
        text,
        method: cal.getFirstPropertyValue("method"),
        uid: vevent.getFirstPropertyValue("uid"),
        sequence: Number(vevent.getFirstPropertyValue("sequence")),
        status: vevent.getFirstPropertyValue("status"),
        location: vevent.getFirstPropertyValue("location"),
        attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase()),
        startLocal: start.toString(),
        startUtc: start.toJSDate().toISOString(),
        startTzid: vevent.getFirstProperty("dtstart")!.getParameter("tzid"),
      };
    });
}

/** The queued messages without a calendar part (confirmations, waiting-list notices …). */
export async function queuedMessages() {
  const rows = await db.select().from(outboxEmails).orderBy(asc(outboxEmails.createdAt), asc(outboxEmails.id));
  return rows.filter((r) => !r.attachments.some((a) => a.contentType === "text/calendar")).map((r) => ({ to: r.toAddress, subject: r.subject, template: r.template, text: r.text }));
}
