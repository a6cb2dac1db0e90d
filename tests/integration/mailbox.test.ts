import { eq } from "drizzle-orm";
import PostalMime from "postal-mime";
import { createElement } from "react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailboxMessages, outboxEmails } from "#db/schema/mail";
import { CalendarInviteEmail } from "#emails/calendar-invite";
import { resetEnvCache } from "~/env.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { loader as attachmentLoader } from "~/routes/admin.postfach.$id.anhang.$index";
import { loader as htmlLoader } from "~/routes/admin.postfach.$id.html";
import { loader as messageLoader } from "~/routes/admin.postfach.$id";
import { loader as listLoader } from "~/routes/admin.postfach._index";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();
const ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//KAI//Portal//DE\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:postfach-test@kai.example\r\nSEQUENCE:0\r\nSUMMARY:EWOS-Grundschulung\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
// Scripts and forms stay off; popups are allowed so the mail's buttons open in a new tab (issue 5, item 13).
const SANDBOX_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const cookies = { admin: "", it: "", adviser: "" };

beforeAll(async () => {
  const db = getDb().db;
  const admin = await createUser(db, { email: "admin.postfach@kai.example", name: "Paula Postfach", roles: [{ role: "admin" }] });
  const it = await createUser(db, { email: "it.postfach@kai.example", name: "Ingo Informatik", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  const adviser = await createUser(db, { email: "betreuung.postfach@kai.example", name: "Berta Betreuung", roles: [{ role: "adviser", centre: "nord" }] });
  cookies.admin = await sessionCookieFor(admin.id);
  cookies.it = await sessionCookieFor(it.id);
  cookies.adviser = await sessionCookieFor(adviser.id);
});

beforeEach(() => {
  // No SMTP server: the dispatcher delivers into the built-in mailbox.
  delete process.env.SMTP_URL;
  process.env.MAIL_RATE_PER_SECOND = "500";
  resetEnvCache();
});

function inviteBody(name: string) {
  return createElement(CalendarInviteEmail, {
    name,
    kind: "invite",
    title: "EWOS-Grundschulung",
    when: "29.03.2026, 09:00–12:00 Uhr",
    location: "Zentrum Nord, Buxtehude",
    description: null,
  });
}

/** Queues a message the way features do and lets the dispatcher deliver it; returns the mailbox row. */
async function deliver(input: Parameters<typeof sendEmail>[0]) {
  const outboxId = await sendEmail(input);
  const counts = await dispatchDueEmails();
  expect(counts.sent).toBeGreaterThanOrEqual(1);
  const [row] = await getDb().db.select().from(mailboxMessages).where(eq(mailboxMessages.outboxId, outboxId));
  expect(row).toBeDefined();
  return row;
}

const get = (path: string, cookie: string | null = cookies.admin) => makeRequest(path, { cookie });

describe("built-in mailbox (ACCEPTANCE E22, F28, D19, D20, C14)", () => {
  let message: typeof mailboxMessages.$inferSelect;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    message = await deliver({
      to: { address: "Erika.Empfang@kai.example", name: "Erika Empfang" },
      template: "calendar-invite",
      subject: "Einladung: EWOS-Grundschulung",
      body: inviteBody("Erika Empfang"),
      attachments: [{ filename: "invite.ics", contentType: "text/calendar", method: "REQUEST", content: Buffer.from(ICS).toString("base64") }],
    });
  });

  it("without SMTP_URL the dispatcher stores the RFC 5322 message and marks the outbox row sent", async () => {
    expect(message.toAddress).toBe("erika.empfang@kai.example");
    expect(message.raw).toMatch(/^MIME-Version: 1\.0$/m);
    const [outbox] = await getDb().db.select({ status: outboxEmails.status }).from(outboxEmails).where(eq(outboxEmails.id, message.outboxId!));
    expect(outbox.status).toBe("sent");
  });

  it("the admin's list shows the message with only the listed fields, and the outbox counts", async () => {
    const res = await call(listLoader, get("/admin/postfach"));
    expect(res.status).toBe(200);
    const row = res.data.messages.find((m: { id: string }) => m.id === message.id);
    // Long words carry soft hyphens for narrow screens (issue 5, item 2); the text reads the same.
    expect(row).toMatchObject({ toAddress: "erika.empfang@kai.example", subject: "Einladung: EWOS-Grund\u00ADschu\u00ADlung" });
    expect(Object.keys(row).sort()).toEqual(["id", "receivedAt", "subject", "toAddress"]);
    // Issue 5, item 13: mail that went into the mailbox counts as "im Postfach abgelegt", not as sent.
    expect(res.data.outbox.stored).toBeGreaterThanOrEqual(1);
    expect(res.data.outbox.sent).toBe(0);
    expect(res.data.outbox).toEqual({ pending: expect.any(Number), sending: expect.any(Number), stored: expect.any(Number), sent: expect.any(Number), failed: expect.any(Number) });
  });

  it("filters by recipient, case-insensitively, with LIKE wildcards taken literally (D18)", async () => {
    const hit = await call(listLoader, get("/admin/postfach?to=ERIKA.empfang"));
    expect(hit.data.messages.map((m: { id: string }) => m.id)).toContain(message.id);
    const miss = await call(listLoader, get("/admin/postfach?to=niemand%40kai.example"));
    expect(miss.data.messages).toEqual([]);
    for (const wildcard of ["%", "_", "\\"]) {
      const res = await call(listLoader, get(`/admin/postfach?to=${encodeURIComponent(wildcard)}`));
      expect(res.status).toBe(200);
      expect(res.data.messages).toEqual([]);
    }
    const tooLong = await call(listLoader, get(`/admin/postfach?to=${"a".repeat(300)}`));
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.data.result)).toContain("Höchstens 254 Zeichen");
  });

  it("pages newest first, 50 per page", async () => {
    const db = getDb().db;
    const base = Date.parse("2020-01-01T00:00:00Z");
    await db.insert(mailboxMessages).values(
      Array.from({ length: 55 }, (_, i) => ({
        toAddress: "viele.mails@kai.example",
        subject: `Nachricht ${i + 1}`,
        raw: `Subject: Nachricht ${i + 1}\r\n\r\nText`,
        receivedAt: new Date(base + i * 60_000),
      })),
    );
    const first = await call(listLoader, get("/admin/postfach?to=viele.mails"));
    expect(first.data.messages).toHaveLength(50);
    expect(first.data.hasMore).toBe(true);
    expect(first.data.messages[0].subject).toBe("Nachricht 55");
    const second = await call(listLoader, get("/admin/postfach?to=viele.mails&page=2"));
    expect(second.data.messages.map((m: { subject: string }) => m.subject)).toEqual(["Nachricht 5", "Nachricht 4", "Nachricht 3", "Nachricht 2", "Nachricht 1"]);
    expect(second.data.hasMore).toBe(false);
    expect((await call(listLoader, get("/admin/postfach?page=0"))).status).toBe(400);
  });

  it("counts the outbox by status", async () => {
    await getDb().db.insert(outboxEmails).values({ template: "t", toAddress: "kaputt@kai.example", subject: "x", html: "x", text: "x", status: "failed" });
    const res = await call(listLoader, get("/admin/postfach"));
    expect(res.data.outbox.failed).toBeGreaterThanOrEqual(1);
  });

  it("the detail shows the header facts, the text and the attachments; the HTML comes from its own route", async () => {
    const res = await call(messageLoader, get(`/admin/postfach/${message.id}`), { id: message.id });
    expect(res.status).toBe(200);
    const view = res.data;
    expect(view.subject).toBe("Einladung: EWOS-Grundschulung");
    expect(view.from).toContain("portal@kai.example");
    expect(view.to).toBe("Erika Empfang <erika.empfang@kai.example>");
    expect(view.messageId).toMatch(/^<.+@.+>$/);
    expect(Date.parse(view.date)).not.toBeNaN();
    expect(view.text).toContain("Guten Tag Erika Empfang");
    expect(view.text).toContain("EWOS-Grundschulung");
    expect(view.hasHtml).toBe(true);
    expect(view).not.toHaveProperty("html");
    const names = view.attachments.map((a: { filename: string }) => a.filename);
    expect(names).toContain("invite.ics");
    for (const a of view.attachments) expect(a.size).toBeGreaterThan(0);
  });

  it("F28: the text/calendar part carries method=REQUEST, the same METHOD as the ICS inside", async () => {
    const res = await call(messageLoader, get(`/admin/postfach/${message.id}`), { id: message.id });
    const calendar = res.data.attachments.find((a: { mimeType: string }) => a.mimeType === "text/calendar");
    expect(calendar).toBeDefined();
    expect(calendar.method).toBe("REQUEST");
    expect(message.raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST\r$/m);
    const part = await call(attachmentLoader, get(`/admin/postfach/${message.id}/anhang/${calendar.index}`), { id: message.id, index: String(calendar.index) });
    expect(part.status).toBe(200);
    expect(part.data).toMatch(/^METHOD:REQUEST\r$/m);
  });

  it("the HTML route returns the message HTML under the sandbox CSP", async () => {
    const res = await call(htmlLoader, get(`/admin/postfach/${message.id}/html`), { id: message.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Security-Policy")).toBe(SANDBOX_CSP);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.data).toContain("Erika Empfang");
    expect(res.data).toContain("EWOS-Grundschulung");
    expect(res.data).toMatch(/<html/i);
    // Issue 5, item 13: every link of the message opens in a new tab.
    expect(res.data).toMatch(/<head[^>]*><base target="_blank">/i);
    expect(res.data).not.toMatch(/<script/i);
  });

  it("issue 5 item 13: the stored message has CRLF line endings throughout, like the SMTP copy", () => {
    expect(message.raw).toContain("\r\n");
    expect(message.raw).not.toMatch(/(?<!\r)\n/);
    expect(message.raw).not.toMatch(/\r(?!\n)/);
  });

  it("issue 5 item 13: the stored message says it was sent automatically (RFC 3834)", async () => {
    const head = message.raw.slice(0, message.raw.indexOf("\r\n\r\n"));
    expect(head).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(head.match(/^Auto-Submitted:/gim)).toHaveLength(1);
    // A caller's own headers do not remove it, nor add a second one.
    const row = await deliver({
      to: { address: "kopf@kai.example", name: "Karl Kopf" },
      template: "test",
      subject: "Mit eigenem Header",
      body: inviteBody("Karl Kopf"),
      headers: { "X-KAI-Test": "1" },
    });
    const rowHead = row.raw.slice(0, row.raw.indexOf("\r\n\r\n"));
    expect(rowHead).toMatch(/^X-KAI-Test: 1\r?$/im);
    expect(rowHead.match(/^Auto-Submitted: auto-generated\r?$/gim)).toHaveLength(1);
  });

  it("D20: the .ics attachment downloads as text/calendar with Content-Disposition attachment", async () => {
    const view = (await call(messageLoader, get(`/admin/postfach/${message.id}`), { id: message.id })).data;
    const ics = view.attachments.find((a: { filename: string }) => a.filename === "invite.ics");
    const res = await call(attachmentLoader, get(`/admin/postfach/${message.id}/anhang/${ics.index}`), { id: message.id, index: String(ics.index) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="invite.ics"; filename*=UTF-8''invite.ics`);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    // The one header builder for downloads (app/modules/files/attachments.ts), as for ticket attachments.
    expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.data).toBe(ICS);
  });

  it("D20: non-ASCII names get an ASCII fallback and an RFC 5987 name; active types download as bytes", async () => {
    const row = await deliver({
      to: { address: "anhang@kai.example", name: "Anke Anhang" },
      template: "test",
      subject: "Unterlagen",
      body: inviteBody("Anke Anhang"),
      attachments: [
        { filename: "Übersicht (März) 2026.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64") },
        { filename: "seite.html", contentType: "text/html", content: Buffer.from("<script>alert(1)</script>").toString("base64") },
      ],
    });
    const view = (await call(messageLoader, get(`/admin/postfach/${row.id}`), { id: row.id })).data;
    const pdf = view.attachments.find((a: { mimeType: string }) => a.mimeType === "application/pdf");
    const pdfRes = await call(attachmentLoader, get(`/admin/postfach/${row.id}/anhang/${pdf.index}`), { id: row.id, index: String(pdf.index) });
    expect(pdfRes.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdfRes.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Ubersicht _Marz_ 2026.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%28M%C3%A4rz%29%202026.pdf`,
    );
    const html = view.attachments.find((a: { filename: string }) => a.filename === "seite.html");
    const htmlRes = await call(attachmentLoader, get(`/admin/postfach/${row.id}/anhang/${html.index}`), { id: row.id, index: String(html.index) });
    expect(htmlRes.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(htmlRes.headers.get("Content-Disposition")).toMatch(/^attachment; /);
  });

  it("unknown messages and bad attachment indexes are 404", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const id of [unknown, "keine-uuid", "' or 1=1 --"]) {
      expect((await call(messageLoader, get(`/admin/postfach/x`), { id })).status).toBe(404);
      expect((await call(htmlLoader, get(`/admin/postfach/x/html`), { id })).status).toBe(404);
      expect((await call(attachmentLoader, get(`/admin/postfach/x/anhang/0`), { id, index: "0" })).status).toBe(404);
    }
    for (const index of ["99", "-1", "abc", "1.5", "1e3", ""]) {
      const res = await call(attachmentLoader, get(`/admin/postfach/${message.id}/anhang/x`), { id: message.id, index });
      expect(res.status).toBe(404);
    }
  });

  it("C14: municipal IT and advisers get 404 on every mailbox loader and resource route", async () => {
    for (const cookie of [cookies.it, cookies.adviser]) {
      const outcomes = await Promise.all([
        call(listLoader, get("/admin/postfach", cookie)),
        call(listLoader, get("/admin/postfach?to=erika", cookie)),
        call(messageLoader, get(`/admin/postfach/${message.id}`, cookie), { id: message.id }),
        call(htmlLoader, get(`/admin/postfach/${message.id}/html`, cookie), { id: message.id }),
        call(attachmentLoader, get(`/admin/postfach/${message.id}/anhang/0`, cookie), { id: message.id, index: "0" }),
      ]);
      for (const res of outcomes) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.data)).not.toContain("EWOS");
      }
    }
    // Signed out: to the sign-in page, nothing of the mailbox.
    const anonymous = await call(htmlLoader, get(`/admin/postfach/${message.id}/html`, null), { id: message.id });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden\?redirectTo=/);
  });

  it("D19: CRLF in the subject and the name stays inside one header; no Bcc appears", async () => {
    const row = await deliver({
      to: { address: "crlf@kai.example", name: "Eva\r\nBcc: evil2@example.com" },
      template: "test",
      subject: "Hallo\r\nBcc: evil@example.com",
      body: inviteBody("Eva"),
    });
    const head = row.raw.slice(0, row.raw.indexOf("\r\n\r\n"));
    expect(head).not.toMatch(/^bcc:/im);
    expect(head.match(/^Subject:/gim)).toHaveLength(1);
    expect(head.match(/^To:/gim)).toHaveLength(1);
    const parsed = await PostalMime.parse(row.raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe("Hallo Bcc: evil@example.com");
    expect(parsed.to).toEqual([{ name: "Eva Bcc: evil2@example.com", address: "crlf@kai.example" }]);
    const view = (await call(messageLoader, get(`/admin/postfach/${row.id}`), { id: row.id })).data;
    expect(view.subject).toBe("Hallo Bcc: evil@example.com");
    expect(view.to).not.toContain("evil2@example.com>");
  });
});
