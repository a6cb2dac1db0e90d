import { and, desc, eq, like } from "drizzle-orm";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { mailboxMessages, outboxEmails } from "#db/schema/mail";
import { procedures } from "#db/schema/procedures";
import { heldInboundMails, ticketAttachments, ticketReplies, tickets } from "#db/schema/tickets";
import { resetEnvCache } from "~/env.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import { inboundListenerSettings, startInboundListener, type InboundListener } from "~/modules/tickets/inbound.server";
import { replyAddress } from "~/modules/tickets/reply-address";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { action as mailboxAction, loader as mailboxLoader } from "~/routes/admin.postfach.$id";
import { action as heldAction, loader as heldLoader } from "~/routes/betreuung.eingang";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

/**
 * Inbound mail (issue 7 items 3 and 9, item 17): real SMTP, sent with nodemailer, to the listener
 * on a free port. ACCEPTANCE D20 (attachments by magic bytes), E23 (the confirmation mail is in
 * the outbox in the same transaction), C14 (held mail and tickets out of scope are 404), I44.
 */
const getDb = useTestDatabase();
const server = useTestServer();
const DOMAIN = "kai.example";
const SUPPORT = `support@${DOMAIN}`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

let listener: InboundListener;
const people = {
  it: { id: "", email: "it.inbound@kai.example" },
  otherIt: { id: "", email: "it.inbound.rheine@kai.example" },
  adviserWest: { id: "", email: "betreuung.inbound.west@kai.example" },
  adviserNord: { id: "", email: "betreuung.inbound.nord@kai.example" },
  inactive: { id: "", email: "it.inbound.inaktiv@kai.example" },
};
const cookies = { adviserWest: "", adviserNord: "", it: "", admin: "" };

function transport(port = listener.port) {
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });
}

async function send(message: Mail.Options, port?: number) {
  const t = transport(port);
  try {
    return await t.sendMail(message);
  } finally {
    t.close();
  }
}

/** The SMTP reply code of a refused send. */
async function refusal(message: Mail.Options, port?: number): Promise<number | undefined> {
  const error = await send(message, port).then(
    () => null,
    (e: { responseCode?: number }) => e,
  );
  expect(error, "the listener should have refused the mail").not.toBeNull();
  return error?.responseCode;
}

async function counts() {
  const db = getDb().db;
  return {
    tickets: (await db.select({ id: tickets.id }).from(tickets)).length,
    held: (await db.select({ id: heldInboundMails.id }).from(heldInboundMails)).length,
    replies: (await db.select({ id: ticketReplies.id }).from(ticketReplies)).length,
  };
}

async function newTicket(title = "Meldebescheinigung druckt nicht") {
  const municipality = await getMunicipalityByName(getDb().db, "Jemgum");
  const filed = await fileTicket({
    municipalityId: municipality.id,
    procedureId: null,
    moduleId: null,
    type: "stoerung",
    priority: "normal",
    title,
    description: "Seit heute früh.",
    reporter: { id: people.it.id, name: "Ina Inbound", email: people.it.email },
    filedById: people.it.id,
    channel: "portal",
  });
  const [ticket] = await getDb().db.select().from(tickets).where(eq(tickets.id, filed.id));
  return { ...ticket, replyTo: replyAddress(ticket.replyToken, DOMAIN) };
}

beforeAll(async () => {
  process.env.INBOUND_MAIL_DOMAIN = DOMAIN;
  delete process.env.SUPPORT_ADDRESS;
  resetEnvCache();
  const db = getDb().db;
  people.it.id = (await createUser(db, { email: people.it.email, name: "Ina Inbound", roles: [{ role: "municipal_it", municipality: "Jemgum" }] })).id;
  people.otherIt.id = (await createUser(db, { email: people.otherIt.email, name: "Rolf Rheine", roles: [{ role: "municipal_it", municipality: "Rheine" }] })).id;
  people.adviserWest.id = (await createUser(db, { email: people.adviserWest.email, name: "Wera West", roles: [{ role: "adviser", centre: "west" }], competences: ["EWOS"] })).id;
  people.adviserNord.id = (await createUser(db, { email: people.adviserNord.email, name: "Nora Nord", roles: [{ role: "adviser", centre: "nord" }] })).id;
  people.inactive.id = (await createUser(db, { email: people.inactive.email, name: "Inge Inaktiv", active: false, roles: [{ role: "municipal_it", municipality: "Jemgum" }] })).id;
  cookies.adviserWest = await sessionCookieFor(people.adviserWest.id);
  cookies.adviserNord = await sessionCookieFor(people.adviserNord.id);
  cookies.it = await sessionCookieFor(people.it.id);
  cookies.admin = await sessionCookieFor((await createUser(db, { email: "admin.inbound@kai.example", name: "Adam Admin", roles: [{ role: "admin" }] })).id);
  listener = await startInboundListener({ port: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  await listener?.close();
  delete process.env.INBOUND_MAIL_DOMAIN;
  resetEnvCache();
});

beforeEach(() => {
  delete process.env.SMTP_URL;
  resetEnvCache();
});

describe("filing by email (item 3)", () => {
  it("opens a ticket from known municipal IT: subject is the title, text the description, procedure guessed, attachment kept, confirmation queued (D20, E23)", async () => {
    await send({
      from: `"Ina Inbound" <${people.it.email}>`,
      to: SUPPORT,
      subject: "AW: KAI-Einwohnerwesen: Wahlscheine lassen sich nicht drucken",
      text: "Guten Tag,\n\nim Wahlscheinverfahren kommt beim Druck ein Fehler. Screenshot anbei.\n\nViele Grüße\nIna Inbound",
      attachments: [
        { filename: "fehler.png", content: PNG, contentType: "image/png" },
        { filename: "werkzeug.exe", content: Buffer.from("MZ\x90\x00binary"), contentType: "application/octet-stream" },
      ],
    });
    const db = getDb().db;
    const [ticket] = await db.select().from(tickets).where(eq(tickets.title, "KAI-Einwohnerwesen: Wahlscheine lassen sich nicht drucken"));
    expect(ticket).toBeDefined();
    expect(ticket.channel).toBe("email");
    expect(ticket.reporterId).toBe(people.it.id);
    expect(ticket.type).toBe("frage");
    expect(ticket.priority).toBe("normal");
    expect(ticket.description).toContain("im Wahlscheinverfahren kommt beim Druck ein Fehler.");
    // The refused attachment is named at the end of the description, in German.
    expect(ticket.description).toMatch(/Nicht übernommene Anhänge: werkzeug\.exe \(Format nicht erlaubt\)$/);
    const [ewos] = await db.select().from(procedures).where(eq(procedures.code, "EWOS"));
    expect(ticket.procedureId).toBe(ewos.id);
    expect(ticket.moduleId).not.toBeNull();
    const files = await db.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticket.id));
    expect(files.map((f) => [f.name, f.mimeType, f.size])).toEqual([["fehler.png", "image/png", PNG.length]]);
    expect(Buffer.from(files[0].content)).toEqual(PNG);
    const [confirmation] = await db.select().from(outboxEmails).where(and(eq(outboxEmails.template, "ticket-confirmation"), eq(outboxEmails.toAddress, people.it.email))).orderBy(desc(outboxEmails.createdAt));
    expect(confirmation.subject).toContain(ticket.number);
    expect(confirmation.headers["Reply-To"]).toBe(replyAddress(ticket.replyToken, DOMAIN));
  });

  it("leaves the procedure to the adviser when the text names none", async () => {
    await send({ from: people.it.email, to: SUPPORT, subject: "Allgemeine Frage zum Portal", text: "Wie ändere ich meine Telefonnummer?" });
    const [ticket] = await getDb().db.select().from(tickets).where(eq(tickets.title, "Allgemeine Frage zum Portal"));
    expect(ticket.procedureId).toBeNull();
  });

  it("holds mail from an unknown or inactive sender and opens no ticket", async () => {
    const before = await counts();
    await send({ from: "Unbekannt <fremd@example.org>", to: SUPPORT, subject: "Bitte Rückruf", text: "Rufen Sie mich an." });
    await send({ from: people.inactive.email, to: SUPPORT, subject: "Inaktiv schreibt", text: "Hallo" });
    const after = await counts();
    expect(after.tickets).toBe(before.tickets);
    expect(after.held).toBe(before.held + 2);
    const held = await getDb().db.select().from(heldInboundMails).where(eq(heldInboundMails.subject, "Bitte Rückruf"));
    expect(held).toMatchObject([{ reason: "unknown_sender", fromAddress: "fremd@example.org", fromName: "Unbekannt", status: "offen", ticketId: null }]);
  });

  it("ignores automatic mail (Auto-Submitted), so out-of-office answers open nothing", async () => {
    const before = await counts();
    const info = await send({ from: people.it.email, to: SUPPORT, subject: "Abwesenheitsnotiz", text: "Ich bin bis Montag nicht im Haus.", headers: { "Auto-Submitted": "auto-replied" } });
    expect(info.accepted).toEqual([SUPPORT]);
    expect(await counts()).toEqual(before);
  });
});

describe("reply by email (item 9)", () => {
  it("turns a reply with Outlook history into a public reply without the quote, attachments kept", async () => {
    const ticket = await newTicket();
    await send({
      from: people.it.email,
      to: ticket.replyTo,
      subject: `AW: [${ticket.number}] Antwort: ${ticket.title}`,
      text: [
        "Danke, nach dem Neustart geht es wieder.",
        "",
        "Ina Inbound",
        "",
        "Von: KAI-Portal <portal@kai.example>",
        "Gesendet: Montag, 30. November 2026 14:03",
        `An: ${people.it.email}`,
        `Betreff: [${ticket.number}] Antwort: ${ticket.title}`,
        "",
        "Bitte starten Sie den Druckdienst neu.",
      ].join("\r\n"),
      attachments: [{ filename: "nachher.png", content: PNG }],
    });
    const replies = await getDb().db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ visibility: "public", source: "email", authorId: people.it.id, body: "Danke, nach dem Neustart geht es wieder.\n\nIna Inbound" });
    const files = await getDb().db.select().from(ticketAttachments).where(eq(ticketAttachments.replyId, replies[0].id));
    expect(files.map((f) => f.name)).toEqual(["nachher.png"]);
  });

  it("strips Gmail history ('Am … schrieb …') and takes a reply from staff of the centre as a public reply that goes to the reporter", async () => {
    const ticket = await newTicket("Gmail-Antwort");
    await send({
      from: `Wera West <${people.adviserWest.email}>`,
      to: ticket.replyTo,
      subject: `Re: [${ticket.number}] ${ticket.title}`,
      text: [
        "Bitte installieren Sie das Update 4.2.",
        "",
        `Am Mo., 30. Nov. 2026 um 14:03 Uhr schrieb Ina Inbound <${people.it.email}>:`,
        "> Seit heute früh.",
        ">",
      ].join("\n"),
    });
    const db = getDb().db;
    const [reply] = await db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id));
    expect(reply).toMatchObject({ visibility: "public", source: "email", authorId: people.adviserWest.id, body: "Bitte installieren Sie das Update 4.2." });
    const mails = await db.select().from(outboxEmails).where(and(eq(outboxEmails.template, "ticket-reply"), eq(outboxEmails.toAddress, people.it.email)));
    expect(mails.some((m) => m.subject.includes(ticket.number) && m.text.includes("Update 4.2"))).toBe(true);
  });

  it("holds a reply from a stranger (also municipal IT of another municipality) and adds nothing to the ticket", async () => {
    const ticket = await newTicket("Fremde Antwort");
    await send({ from: "Zaungast <zaungast@example.org>", to: ticket.replyTo, subject: "Re: etwas", text: "Ich weiß da was." });
    await send({ from: people.otherIt.email, to: ticket.replyTo, subject: "Re: Rheine", text: "Bei uns auch." });
    const db = getDb().db;
    expect(await db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id))).toEqual([]);
    const held = await db.select().from(heldInboundMails).where(eq(heldInboundMails.ticketId, ticket.id));
    expect(held.map((h) => [h.reason, h.fromAddress]).sort()).toEqual([
      ["not_participant", people.otherIt.email],
      ["not_participant", "zaungast@example.org"],
    ]);
  });

  it("refuses a municipality's reply to a closed ticket with 550 (the sender's server bounces it) and stores nothing", async () => {
    const ticket = await newTicket("Schon geschlossen");
    await getDb().db.update(tickets).set({ status: "geschlossen", closedAt: new Date() }).where(eq(tickets.id, ticket.id));
    const before = await counts();
    expect(await refusal({ from: people.it.email, to: ticket.replyTo, subject: "Re: zu", text: "Noch eine Frage" })).toBe(550);
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown ticket token at RCPT (550)", async () => {
    const token = "a".repeat(32);
    expect(await refusal({ from: people.it.email, to: `ticket+${token}@${DOMAIN}`, subject: "x", text: "x" })).toBe(550);
  });
});

describe("the listener's limits", () => {
  it("is off unless configured; the demo listens on 127.0.0.1:2525 by default", () => {
    expect(inboundListenerSettings({ INBOUND_SMTP_PORT: undefined, INBOUND_SMTP_HOST: "0.0.0.0", KAI_DEMO: false })).toBeNull();
    expect(inboundListenerSettings({ INBOUND_SMTP_PORT: undefined, INBOUND_SMTP_HOST: "0.0.0.0", KAI_DEMO: true })).toEqual({ port: 2525, host: "127.0.0.1" });
    expect(inboundListenerSettings({ INBOUND_SMTP_PORT: 2626, INBOUND_SMTP_HOST: "0.0.0.0", KAI_DEMO: true })).toEqual({ port: 2626, host: "0.0.0.0" });
  });

  it("refuses a mail over 25 MB with 552 and stores nothing", async () => {
    const before = await counts();
    const big = Buffer.alloc(26 * 1024 * 1024, 0x41);
    expect(await refusal({ from: people.it.email, to: SUPPORT, subject: "Riesig", text: "Anbei", attachments: [{ filename: "gross.txt", content: big }] })).toBe(552);
    expect(await counts()).toEqual(before);
  });

  it("never relays: a recipient in another domain or an unknown local part is refused at RCPT (550)", async () => {
    const before = await counts();
    expect(await refusal({ from: people.it.email, to: "jemand@example.org", subject: "Relay?", text: "x" })).toBe(550);
    expect(await refusal({ from: people.it.email, to: `postmaster@${DOMAIN}`, subject: "Wer?", text: "x" })).toBe(550);
    expect(await refusal({ from: people.it.email, to: `support@sub.${DOMAIN}`, subject: "Sub?", text: "x" })).toBe(550);
    expect(await counts()).toEqual(before);
  });

  it("limits messages per client IP: above the window's allowance it answers 450", async () => {
    const limited = await startInboundListener({ port: 0, host: "127.0.0.1", rate: { messages: 2 } });
    try {
      const auto = { from: people.it.email, to: SUPPORT, subject: "Auto", text: "x", headers: { "Auto-Submitted": "auto-generated" } };
      await send(auto, limited.port);
      await send(auto, limited.port);
      expect(await refusal(auto, limited.port)).toBe(450);
    } finally {
      await limited.close();
    }
  });

  it("offers no AUTH and no STARTTLS, and advertises SIZE", async () => {
    const net = await import("node:net");
    const ehlo = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(listener.port, "127.0.0.1");
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        text += chunk;
        if (text.startsWith("220") && !text.includes("EHLO sent")) {
          text += "EHLO sent\n";
          socket.write("EHLO test.example\r\n");
        }
        if (/\n250 [^\n]*\r?\n$/.test(text)) {
          socket.end("QUIT\r\n");
          resolve(text);
        }
      });
      socket.on("error", reject);
    });
    expect(ehlo).toMatch(/250[- ]SIZE 26214400/);
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
  });
});

describe("held mail page /betreuung/eingang (items 3, 9; C14, I44)", () => {
  const page = "/betreuung/eingang";
  const get = (cookie: string) => call(heldLoader, makeRequest(page, { cookie }));
  const post = (cookie: string, form: Record<string, string>) => call(heldAction, makeRequest(page, { cookie, form }));

  it("is 404 for municipal IT, for the loader and every action", async () => {
    const [held] = await getDb().db.select().from(heldInboundMails).where(eq(heldInboundMails.status, "offen")).limit(1);
    expect((await get(cookies.it)).status).toBe(404);
    expect((await post(cookies.it, { intent: "discard", id: held.id })).status).toBe(404);
    expect((await post(cookies.it, { intent: "accept", id: held.id, municipalityId: "1" })).status).toBe(404);
    const [still] = await getDb().db.select().from(heldInboundMails).where(eq(heldInboundMails.id, held.id));
    expect(still.status).toBe("offen");
  });

  it("accepts an unknown sender's mail as a ticket for the chosen municipality, the sender as reporter (channel email)", async () => {
    await send({ from: "Carla Contact <carla@example.org>", to: SUPPORT, subject: "Frage zu KAI-Einwohnerwesen", text: "Wie geht das?", attachments: [{ filename: "bild.png", content: PNG }] });
    const db = getDb().db;
    const [held] = await db.select().from(heldInboundMails).where(eq(heldInboundMails.fromAddress, "carla@example.org"));
    const list = await get(cookies.adviserNord);
    expect(list.status).toBe(200);
    const shown = list.data.mails.find((m: { id: string }) => m.id === held.id);
    expect(shown).toMatchObject({ fromAddress: "carla@example.org", subject: "Frage zu KAI-Einwohnerwesen", reasonLabel: "Unbekannter Absender", text: "Wie geht das?" });
    // Nord's adviser may file for Nord's municipalities only: Jemgum is West's.
    const jemgum = await getMunicipalityByName(db, "Jemgum");
    const buxtehude = await getMunicipalityByName(db, "Buxtehude");
    const refused = await post(cookies.adviserNord, { intent: "accept", id: held.id, municipalityId: String(jemgum.id) });
    expect(refused.status).toBe(400);
    expect(refused.data.error).toBe("Für diese Kommune können Sie kein Ticket anlegen.");
    const missing = await post(cookies.adviserNord, { intent: "accept", id: held.id });
    expect(missing.data.error).toBe("Bitte wählen Sie die Kommune, für die das Ticket angelegt wird.");
    const accepted = await post(cookies.adviserNord, { intent: "accept", id: held.id, municipalityId: String(buxtehude.id) });
    expect(accepted.status).toBe(302);
    const number = decodeURIComponent(accepted.location!.split("angenommen=")[1]);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(ticket).toMatchObject({ municipalityId: buxtehude.id, channel: "email", reporterEmail: "carla@example.org", reporterName: "Carla Contact", filedById: people.adviserNord.id, title: "Frage zu KAI-Einwohnerwesen" });
    expect((await db.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticket.id))).map((a) => a.name)).toEqual(["bild.png"]);
    const [decided] = await db.select().from(heldInboundMails).where(eq(heldInboundMails.id, held.id));
    expect(decided).toMatchObject({ status: "angenommen", decidedById: people.adviserNord.id });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "inbound_mail.accepted"), eq(auditEvents.entityId, held.id)));
    expect(audit.after).toMatchObject({ sender: "carla@example.org", number });
    // Decided once: a second accept is a conflict, and the mail is off the list.
    expect((await post(cookies.adviserNord, { intent: "accept", id: held.id, municipalityId: String(buxtehude.id) })).status).toBe(409);
    expect((await get(cookies.adviserNord)).data.mails.some((m: { id: string }) => m.id === held.id)).toBe(false);
  });

  it("shows a stranger's reply only to staff of the ticket's centre; accepted, it becomes a public reply", async () => {
    const ticket = await newTicket("Antwort eines Dritten");
    await send({ from: "Dieter Dritter <dritter@example.org>", to: ticket.replyTo, subject: `Re: [${ticket.number}]`, text: "Ich habe dieselbe Meldung." });
    const db = getDb().db;
    const [held] = await db.select().from(heldInboundMails).where(eq(heldInboundMails.ticketId, ticket.id));
    // Jemgum is West's: Nord's adviser neither sees nor decides it (C14).
    expect((await get(cookies.adviserNord)).data.mails.some((m: { id: string }) => m.id === held.id)).toBe(false);
    expect((await post(cookies.adviserNord, { intent: "accept", id: held.id })).status).toBe(404);
    const west = await get(cookies.adviserWest);
    expect(west.data.mails.find((m: { id: string }) => m.id === held.id)).toMatchObject({ ticketNumber: ticket.number, reasonLabel: "Absender ist am Ticket nicht beteiligt" });
    expect((await post(cookies.adviserWest, { intent: "accept", id: held.id })).status).toBe(302);
    const replies = await db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id));
    expect(replies).toMatchObject([{ visibility: "public", source: "email", authorEmail: "dritter@example.org", body: "Ich habe dieselbe Meldung." }]);
  });

  it("discards a held mail, audit-logged, and nothing else changes", async () => {
    await send({ from: "spam@example.org", to: SUPPORT, subject: "Gewinnspiel", text: "Sie haben gewonnen!" });
    const db = getDb().db;
    const [held] = await db.select().from(heldInboundMails).where(eq(heldInboundMails.fromAddress, "spam@example.org"));
    const before = await counts();
    const res = await post(cookies.adviserWest, { intent: "discard", id: held.id });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/betreuung/eingang?verworfen=1");
    expect(await counts()).toEqual(before);
    const [decided] = await db.select().from(heldInboundMails).where(eq(heldInboundMails.id, held.id));
    expect(decided).toMatchObject({ status: "verworfen", decidedById: people.adviserWest.id });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "inbound_mail.discarded"), eq(auditEvents.entityId, held.id)));
    expect(audit.actorId).toBe(people.adviserWest.id);
  });
});

describe("demo: answering in the built-in mailbox (item 9)", () => {
  it("sends the answer as real SMTP from the recipient to the Reply-To; it becomes a reply with the quote stripped", async () => {
    const ticket = await newTicket("Antwort aus dem Postfach");
    // No SMTP_URL: the dispatcher puts the confirmation into the built-in mailbox.
    await dispatchDueEmails();
    const db = getDb().db;
    const [stored] = await db
      .select()
      .from(mailboxMessages)
      .where(and(eq(mailboxMessages.toAddress, people.it.email), like(mailboxMessages.subject, `[${ticket.number}] Ihr Ticket ist eingegangen%`)));
    expect(stored).toBeDefined();
    const path = `/admin/postfach/${stored.id}`;
    const shown = await call(mailboxLoader, makeRequest(path, { cookie: cookies.admin }), { id: stored.id });
    expect(shown.data).toMatchObject({ answerable: true, replyTo: ticket.replyTo, recipient: { address: people.it.email } });

    const empty = await call(mailboxAction, makeRequest(path, { cookie: cookies.admin, form: { text: "  " } }), { id: stored.id });
    expect(empty.status).toBe(400);
    expect(empty.data.error).toBe("Bitte geben Sie den Text der Antwort ein.");
    const denied = await call(mailboxAction, makeRequest(path, { cookie: cookies.adviserWest, form: { text: "Hallo" } }), { id: stored.id });
    expect(denied.status).toBe(404);

    const sent = await call(mailboxAction, makeRequest(path, { cookie: cookies.admin, form: { text: "Danke, das Problem ist weg." } }), { id: stored.id });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`${path}?beantwortet=1`);
    const replies = await db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id));
    expect(replies).toMatchObject([{ source: "email", visibility: "public", authorId: people.it.id, body: "Danke, das Problem ist weg." }]);
  });

  it("renders the answer form on the message page and the held mail on /betreuung/eingang, through the whole stack", async () => {
    const [stored] = await getDb().db.select().from(mailboxMessages).where(like(mailboxMessages.subject, "%Ihr Ticket ist eingegangen%")).limit(1);
    const page = await server.request(`/admin/postfach/${stored.id}`, { headers: { Cookie: cookies.admin } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h2 id="antworten">Antworten</h2>');
    expect(html).toMatch(/<label[^>]*for="antwort-text"/);
    await send({ from: "Renate Render <render@example.org>", to: SUPPORT, subject: "Anzeige im Eingang", text: "Bitte anzeigen." });
    const held = await server.request("/betreuung/eingang", { headers: { Cookie: cookies.adviserWest } });
    expect(held.status).toBe(200);
    const list = await held.text();
    expect(list).toContain("<title>Zurückgehaltene E-Mails – Betreuung – KAI-Portal</title>");
    expect(list).toContain("Anzeige im Eingang");
    expect(list).toContain("Unbekannter Absender");
    expect(list).toContain("Annehmen: Ticket anlegen");
    expect((await server.request("/betreuung/eingang", { headers: { Cookie: cookies.it } })).status).toBe(404);
  });
});
