import type { AddressInfo } from "node:net";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Email } from "postal-mime";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { heldInboundMails, tickets, type Ticket } from "#db/schema/tickets";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { PublicError } from "~/errors";
import { log } from "~/log.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { checkAttachment, MAX_ATTACHMENT_BYTES } from "~/modules/files/attachments";
import { attachmentBytes, attachmentName, parseMail } from "~/modules/mail/parsed-mail";
import { addTicketReply } from "./commands.server";
import { fileTicket, filingCatalogue, type NewAttachment } from "./filing.server";
import { guessProcedure, mailBodyText, ticketFromMail, type InboundAttachment } from "./inbound-text";
import { isSupportAddress, parseReplyAddress } from "./reply-address";

/**
 * The inbound SMTP listener (issue 7 items 3 and 9): mail to the support address files a ticket
 * when a known, active municipal IT person sends it; mail to a ticket's reply address
 * (`ticket+<token>@domain`) becomes a public reply when a participant sends it. Everything else
 * for our domain is held for an adviser (held_inbound_mails); mail for any other domain is refused
 * at RCPT (never a relay). Off unless INBOUND_SMTP_PORT is set (or the demo).
 */

export const INBOUND_MAX_BYTES = 25 * 1024 * 1024;
/** Connections per client IP and window, and messages per client IP and window. */
export const INBOUND_RATE = { windowMs: 60_000, connections: 60, messages: 30 };
const MAX_RECIPIENTS = 20;

export type InboundOutcome =
  | { kind: "ticket"; number: string; refused: string[] }
  | { kind: "reply"; number: string; refused: string[] }
  | { kind: "held"; reason: "unknown_sender" | "not_participant"; id: string }
  | { kind: "ignored"; why: "auto_submitted" };

type Recipient = { kind: "support" } | { kind: "reply"; token: string };

/** An SMTP error with its reply code, as smtp-server wants it. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function inboundConfig() {
  const env = getEnv();
  return { domain: env.INBOUND_MAIL_DOMAIN.toLowerCase(), supportAddress: env.SUPPORT_ADDRESS };
}

/** Which of our addresses a recipient is; null for anything else (another domain, an unknown local part). */
export function classifyRecipient(address: string): Recipient | null {
  const { domain, supportAddress } = inboundConfig();
  if (isSupportAddress(address, supportAddress)) return { kind: "support" };
  const token = parseReplyAddress(address, domain);
  return token ? { kind: "reply", token } : null;
}

function sameDomain(address: string): boolean {
  const at = address.lastIndexOf("@");
  return at > 0 && address.slice(at + 1).toLowerCase() === inboundConfig().domain;
}

/** The ticket behind a reply token; a merged duplicate's replies go to the ticket it was merged into. */
async function ticketByToken(token: string, tx: Executor): Promise<Ticket | null> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.replyToken, token));
  if (!ticket) return null;
  if (ticket.mergedIntoId) {
    const [target] = await tx.select().from(tickets).where(eq(tickets.id, ticket.mergedIntoId));
    return target ?? ticket;
  }
  return ticket;
}

/** Whether a mail is an automatic one (RFC 3834): out-of-office notes, bounces, our own notices. */
function isAutoSubmitted(parsed: Email): boolean {
  const value = parsed.headers.find((h) => h.key.toLowerCase() === "auto-submitted")?.value.trim().toLowerCase();
  return !!value && !value.startsWith("no");
}

/** The reasons as the held-mail page and the audit trail show them. */
export const HELD_REASON_LABELS = { unknown_sender: "Unbekannter Absender", not_participant: "Absender ist am Ticket nicht beteiligt" } as const;

const REFUSAL_TEXT = { empty: "leer", "too-large": `größer als ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, type: "Format nicht erlaubt", macros: "enthält Makros" } as const;

/** The attachments that pass checkAttachment (magic bytes, 10 MiB), and the names of those that do not. */
export function checkMailAttachments(list: InboundAttachment[]): { kept: NewAttachment[]; refused: string[] } {
  const kept: NewAttachment[] = [];
  const refused: string[] = [];
  for (const a of list) {
    const checked = checkAttachment({ name: a.name, bytes: a.content });
    if (checked.ok) kept.push({ ...checked.file, bytes: a.content });
    else refused.push(`${a.name} (${REFUSAL_TEXT[checked.reason]})`);
  }
  return { kept, refused };
}

/** The German note at the end of a description or reply that names the refused attachments. */
export function withRefusedNote(text: string, refused: string[]): string {
  const body = text.trim() === "" ? "(ohne Text)" : text;
  return refused.length ? `${body}\n\nNicht übernommene Anhänge: ${refused.join(", ")}` : body;
}

function senderOf(parsed: Email, envelopeFrom: string | null): { address: string; name: string | null } | null {
  const address = (parsed.from?.address ?? envelopeFrom ?? "").trim().toLowerCase();
  if (!address.includes("@")) return null;
  const name = parsed.from?.name?.trim() || null;
  return { address, name };
}

/** A known, active municipal IT person by address, with the municipality they file for. */
async function municipalItPerson(address: string, tx: Executor) {
  const rows = await tx
    .select({ id: users.id, name: users.name, email: users.email, home: users.municipalityId, municipalityId: userRoles.municipalityId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.email, address), eq(users.active, true), eq(userRoles.role, "municipal_it"), isNotNull(userRoles.municipalityId)))
    .orderBy(asc(userRoles.municipalityId));
  if (!rows.length) return null;
  const row = rows.find((r) => r.municipalityId === r.home) ?? rows[0];
  return { id: row.id, name: row.name, email: row.email, municipalityId: row.municipalityId! };
}

/**
 * Who a sender is on a ticket: staff (the assignee, advisers and centre managers of the ticket's
 * centre or its municipality's centre, admins), municipal IT (the reporter, any municipal IT of
 * the ticket's municipality), or nobody (null).
 */
export async function participantOf(ticket: Ticket, address: string, tx: Executor) {
  if (ticket.reporterEmail.toLowerCase() === address && !ticket.reporterId) {
    return { id: null, name: ticket.reporterName, email: ticket.reporterEmail, kind: "municipal_it" as const };
  }
  const [person] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(eq(users.email, address), eq(users.active, true)));
  if (!person) return null;
  const grants = await tx.select().from(userRoles).where(eq(userRoles.userId, person.id));
  const centres = [ticket.centreId, ticket.homeCentreId];
  const staff =
    person.id === ticket.assigneeId ||
    grants.some((g) => g.role === "admin" || ((g.role === "adviser" || g.role === "centre_manager") && g.centreId != null && centres.includes(g.centreId)));
  if (staff) return { ...person, kind: "staff" as const };
  const municipalIt = person.id === ticket.reporterId || grants.some((g) => g.role === "municipal_it" && g.municipalityId === ticket.municipalityId);
  return municipalIt ? { ...person, kind: "municipal_it" as const } : null;
}

async function hold(
  args: { reason: "unknown_sender" | "not_participant"; ticketId: number | null; sender: { address: string; name: string | null }; subject: string; raw: string; now: Date },
  tx: Executor,
) {
  const [row] = await tx
    .insert(heldInboundMails)
    .values({ reason: args.reason, ticketId: args.ticketId, fromAddress: args.sender.address, fromName: args.sender.name, subject: args.subject, raw: args.raw, receivedAt: args.now })
    .returning({ id: heldInboundMails.id });
  await recordAudit({ actorId: null, action: "inbound_mail.held", entityType: "inbound_mail", entityId: row.id, after: { reason: HELD_REASON_LABELS[args.reason], sender: args.sender.address, subject: args.subject } }, tx);
  return row.id;
}

/** Files a ticket from a parsed mail for a known person of municipal IT (item 3); also the held-mail page's "accept". */
export async function fileTicketFromMail(
  args: { parsed: Email; municipalityId: number; reporter: { id: string | null; name: string; email: string }; filedById: string | null; ip?: string | null; now?: Date },
  tx: Executor,
) {
  const fields = ticketFromMail(args.parsed);
  const guess = guessProcedure(`${fields.title}\n${fields.description}`, await filingCatalogue(tx));
  const { kept, refused } = checkMailAttachments(fields.attachments);
  const ticket = await fileTicket(
    {
      municipalityId: args.municipalityId,
      procedureId: guess?.procedureId ?? null,
      moduleId: guess?.moduleId ?? null,
      type: "frage",
      priority: "normal",
      title: fields.title,
      description: withRefusedNote(fields.description, refused),
      reporter: args.reporter,
      filedById: args.filedById,
      channel: "email",
      attachments: kept,
      ip: args.ip,
      now: args.now,
    },
    tx,
  );
  return { ...ticket, refused };
}

/** Adds a parsed mail as a public reply on a ticket (item 9): the quoted history stripped, attachments kept. */
export async function replyFromMail(
  args: { parsed: Email; ticket: Ticket; author: { id: string | null; name: string; email: string; kind: "staff" | "municipal_it" }; ip?: string | null; now?: Date },
  tx: Executor,
) {
  const attachments = args.parsed.attachments.map((a, i) => ({ name: attachmentName(a, i), mimeType: a.mimeType, content: attachmentBytes(a) }));
  const { kept, refused } = checkMailAttachments(attachments);
  await addTicketReply(
    { user: null, number: args.ticket.number, body: withRefusedNote(mailBodyText(args.parsed), refused), visibility: "public", attachments: kept, author: args.author, source: "email", ip: args.ip, now: args.now },
    tx,
  );
  return refused;
}

/**
 * One received mail for one of our recipients: a ticket, a reply, held, or ignored. Each
 * recipient is handled in its own transaction. Throws an SMTP error for an unknown token or a
 * closed ticket.
 */
export async function receiveInboundMail(args: { raw: Buffer | string; recipient: string; envelopeFrom: string | null; clientIp?: string | null; now?: Date }): Promise<InboundOutcome> {
  const now = args.now ?? new Date();
  const raw = typeof args.raw === "string" ? args.raw : args.raw.toString("utf8");
  const parsed = await parseMail(raw);
  if (isAutoSubmitted(parsed)) return { kind: "ignored", why: "auto_submitted" };
  const recipient = classifyRecipient(args.recipient);
  if (!recipient) throw smtpError(550, "5.1.1 No such recipient here");
  const sender = senderOf(parsed, args.envelopeFrom);
  if (!sender) throw smtpError(550, "5.1.7 A sender address is required");
  const subject = (parsed.subject ?? "").slice(0, 500);

  return db.transaction(async (tx): Promise<InboundOutcome> => {
    if (recipient.kind === "support") {
      const person = await municipalItPerson(sender.address, tx);
      if (!person) return { kind: "held", reason: "unknown_sender", id: await hold({ reason: "unknown_sender", ticketId: null, sender, subject, raw, now }, tx) };
      const ticket = await fileTicketFromMail({ parsed, municipalityId: person.municipalityId, reporter: person, filedById: person.id, ip: args.clientIp, now }, tx);
      return { kind: "ticket", number: ticket.number, refused: ticket.refused };
    }
    const ticket = await ticketByToken(recipient.token, tx);
    if (!ticket) throw smtpError(550, "5.1.1 No such ticket address");
    const author = await participantOf(ticket, sender.address, tx);
    if (!author) return { kind: "held", reason: "not_participant", id: await hold({ reason: "not_participant", ticketId: ticket.id, sender, subject, raw, now }, tx) };
    try {
      const refused = await replyFromMail({ parsed, ticket, author, ip: args.clientIp, now }, tx);
      return { kind: "reply", number: ticket.number, refused };
    } catch (error) {
      if (error instanceof PublicError) throw smtpError(550, `5.7.1 Ticket ${ticket.number} ist geschlossen; bitte ein neues Ticket anlegen`);
      throw error;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The listener

export type InboundListenerOptions = {
  port: number;
  host?: string;
  maxBytes?: number;
  rate?: Partial<typeof INBOUND_RATE>;
};

export type InboundListener = { port: number; host: string; close: () => Promise<void> };

/** A fixed window per client IP: counts and refuses above `limit`. */
function windowCounter(windowMs: number, limit: number) {
  const counts = new Map<string, { start: number; n: number }>();
  return (key: string, now = Date.now()): boolean => {
    const entry = counts.get(key);
    if (!entry || now - entry.start >= windowMs) {
      if (counts.size > 10_000) for (const [k, v] of counts) if (now - v.start >= windowMs) counts.delete(k);
      counts.set(key, { start: now, n: 1 });
      return true;
    }
    entry.n += 1;
    return entry.n <= limit;
  };
}

export async function startInboundListener(options: InboundListenerOptions): Promise<InboundListener> {
  const maxBytes = options.maxBytes ?? INBOUND_MAX_BYTES;
  const rate = { ...INBOUND_RATE, ...options.rate };
  const connection = windowCounter(rate.windowMs, rate.connections);
  const message = windowCounter(rate.windowMs, rate.messages);
  const host = options.host ?? "0.0.0.0";

  const server = new SMTPServer({
    name: inboundConfig().domain,
    banner: "KAI-Portal inbound",
    size: maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    hideSTARTTLS: true,
    logger: false,
    // Shutdown (SIGTERM) must not wait for idle clients longer than server.js allows.
    closeTimeout: 5_000,
    // Each client may hold a message of up to 25 MB in memory: bound how many at once.
    maxClients: 50,
    onConnect(session: SMTPServerSession, callback) {
      if (!connection(session.remoteAddress)) return callback(smtpError(421, "4.7.0 Too many connections, try again later"));
      callback();
    },
    onMailFrom(_address: SMTPServerAddress, session: SMTPServerSession, callback) {
      if (!message(session.remoteAddress)) return callback(smtpError(450, "4.7.1 Too many messages, try again later"));
      callback();
    },
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, "4.5.3 Too many recipients"));
      if (!sameDomain(address.address)) return callback(smtpError(550, "5.7.1 Relaying denied"));
      const recipient = classifyRecipient(address.address);
      if (!recipient) return callback(smtpError(550, "5.1.1 No such recipient here"));
      if (recipient.kind === "support") return callback();
      ticketByToken(recipient.token, db).then(
        (ticket) => callback(ticket ? undefined : smtpError(550, "5.1.1 No such ticket address")),
        (error: unknown) => {
          log.error("inbound rcpt lookup failed", { error: String(error) });
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message exceeds the maximum size of ${maxBytes} bytes`));
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const recipients = [...new Set(session.envelope.rcptTo.map((r) => r.address.toLowerCase()))];
        void (async () => {
          try {
            for (const recipient of recipients) {
              const outcome = await receiveInboundMail({ raw, recipient, envelopeFrom: from, clientIp: session.remoteAddress });
              log.info("inbound mail", { recipient: recipient.replace(/\+.*@/, "+…@"), outcome: outcome.kind });
            }
            callback();
          } catch (error) {
            if (error instanceof Error && "responseCode" in error) return callback(error);
            log.error("inbound mail failed", { error: String(error) });
            callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
          }
        })();
      });
    },
  });
  server.on("error", (error) => log.error("inbound smtp error", { error: String(error) }));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  const listener: InboundListener = {
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        running.delete(listener);
        server.close(() => resolve());
      }),
  };
  running.add(listener);
  return listener;
}

const running = new Set<InboundListener>();

/** The listener this process runs (the first started that still runs), if any: the demo mailbox sends its answers there. */
export function activeInboundListener(): InboundListener | undefined {
  return running.values().next().value;
}

/** Where the runtime starts the listener: INBOUND_SMTP_PORT/HOST; in the demo 127.0.0.1:2525 when no port is set; else off. */
export function inboundListenerSettings(env: Pick<ReturnType<typeof getEnv>, "INBOUND_SMTP_PORT" | "INBOUND_SMTP_HOST" | "KAI_DEMO">): { port: number; host: string } | null {
  if (env.INBOUND_SMTP_PORT) return { port: env.INBOUND_SMTP_PORT, host: env.INBOUND_SMTP_HOST };
  if (env.KAI_DEMO) return { port: DEMO_INBOUND_PORT, host: "127.0.0.1" };
  return null;
}

export const DEMO_INBOUND_PORT = 2525;
