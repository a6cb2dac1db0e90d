import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { heldInboundMails, tickets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { parseMail } from "~/modules/mail/parsed-mail";
import { isTicketStaff, mayFileFor } from "./access.server";
import { HELD_REASON_LABELS, fileTicketFromMail, replyFromMail } from "./inbound.server";
import { mailBodyText } from "./inbound-text";

/**
 * Held inbound mail (issue 7 items 3 and 9): what the listener did not turn into a ticket or a
 * reply by itself. Unknown senders are for any KAI staff; a stranger's reply to a ticket is for
 * the staff who see that ticket (its centre or its municipality's centre; admins all).
 */
export const HELD_PAGE_SIZE = 50;
const TEXT_PREVIEW = 4000;

/** Which held mails a person may decide: null for none (not staff). */
function heldScope(user: Pick<CurrentUser, "id" | "roles">): SQL | null {
  if (!isTicketStaff(user)) return null;
  if (hasRole(user.roles, "admin")) return sql`true`;
  const centres = centresOf(user.roles, "adviser", "centre_manager");
  const ticketVisible = centres.length
    ? or(inArray(tickets.centreId, centres), inArray(tickets.homeCentreId, centres), eq(tickets.assigneeId, user.id))!
    : eq(tickets.assigneeId, user.id);
  return or(eq(heldInboundMails.reason, "unknown_sender"), and(eq(heldInboundMails.reason, "not_participant"), ticketVisible))!;
}

/** The open held mails a person may decide, newest first, with their text. */
export async function listHeldMails(user: Pick<CurrentUser, "id" | "roles">, tx: Executor = db) {
  const scope = heldScope(user);
  if (!scope) notFound();
  const rows = await tx
    .select({
      id: heldInboundMails.id,
      reason: heldInboundMails.reason,
      fromAddress: heldInboundMails.fromAddress,
      fromName: heldInboundMails.fromName,
      subject: heldInboundMails.subject,
      raw: heldInboundMails.raw,
      receivedAt: heldInboundMails.receivedAt,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
    })
    .from(heldInboundMails)
    .leftJoin(tickets, eq(tickets.id, heldInboundMails.ticketId))
    .where(and(eq(heldInboundMails.status, "offen"), scope))
    .orderBy(desc(heldInboundMails.receivedAt), desc(heldInboundMails.id))
    .limit(HELD_PAGE_SIZE);
  return Promise.all(
    rows.map(async ({ raw, ...row }) => {
      const parsed = await parseMail(raw);
      const text = mailBodyText(parsed, { stripHistory: false });
      return {
        ...row,
        reasonLabel: HELD_REASON_LABELS[row.reason],
        text: text.length > TEXT_PREVIEW ? `${text.slice(0, TEXT_PREVIEW)} …` : text,
        attachments: parsed.attachments.map((a, i) => a.filename ?? `anhang-${i + 1}`),
      };
    }),
  );
}

/** The municipalities a person may file an accepted mail for (their centres'; admins all). */
export async function fileableMunicipalities(user: Pick<CurrentUser, "roles">, tx: Executor = db) {
  const all = await tx.select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId }).from(municipalities).orderBy(asc(municipalities.name));
  return all.filter((m) => mayFileFor(user, m));
}

/** Takes the open mail for a decision, locked; 404 when it is not there or not the person's to decide; 409 when decided meanwhile. */
async function takeHeld(user: Pick<CurrentUser, "id" | "roles">, id: string, tx: Executor) {
  const scope = heldScope(user);
  if (!scope || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [row] = await tx
    .select({ held: heldInboundMails })
    .from(heldInboundMails)
    .leftJoin(tickets, eq(tickets.id, heldInboundMails.ticketId))
    .where(and(eq(heldInboundMails.id, id), scope))
    .for("update", { of: heldInboundMails });
  if (!row) notFound();
  if (row.held.status !== "offen") throw new PublicError("Über diese E-Mail wurde inzwischen entschieden.", 409);
  return row.held;
}

async function decide(id: string, status: "angenommen" | "verworfen", userId: string, now: Date, tx: Executor) {
  await tx.update(heldInboundMails).set({ status, decidedById: userId, decidedAt: now }).where(and(eq(heldInboundMails.id, id), eq(heldInboundMails.status, "offen")));
}

/**
 * Accepts a held mail: an unknown sender's mail becomes a ticket for the chosen municipality with
 * the sender as reporter (channel email); a stranger's reply becomes a public reply on its ticket.
 * Returns the ticket number.
 */
export async function acceptHeldMail(args: { user: CurrentUser; id: string; municipalityId?: number | null; ip?: string | null; now?: Date }): Promise<string> {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    const held = await takeHeld(args.user, args.id, tx);
    const parsed = await parseMail(held.raw);
    const sender = { name: held.fromName || held.fromAddress, email: held.fromAddress };
    let number: string;
    if (held.reason === "unknown_sender") {
      if (!args.municipalityId) throw new PublicError("Bitte wählen Sie die Kommune, für die das Ticket angelegt wird.", 400, "municipalityId");
      const [municipality] = await tx.select({ id: municipalities.id, centreId: municipalities.centreId }).from(municipalities).where(eq(municipalities.id, args.municipalityId));
      if (!municipality || !mayFileFor(args.user, municipality)) throw new PublicError("Für diese Kommune können Sie kein Ticket anlegen.", 400, "municipalityId");
      const [known] = await tx.select({ id: users.id }).from(users).where(eq(users.email, held.fromAddress));
      const ticket = await fileTicketFromMail({ parsed, municipalityId: municipality.id, reporter: { id: known?.id ?? null, ...sender }, filedById: args.user.id, ip: args.ip, now }, tx);
      number = ticket.number;
    } else {
      const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, held.ticketId!));
      if (!ticket) notFound();
      try {
        await replyFromMail({ parsed, ticket, author: { id: null, ...sender, kind: "municipal_it" }, ip: args.ip, now }, tx);
      } catch (error) {
        if (error instanceof PublicError) throw new PublicError(`Das Ticket ${ticket.number} ist geschlossen; die Antwort kann nicht mehr angefügt werden. Verwerfen Sie die E-Mail oder legen Sie ein neues Ticket an.`, 409);
        throw error;
      }
      number = ticket.number;
    }
    await decide(held.id, "angenommen", args.user.id, now, tx);
    await recordAudit(
      { actorId: args.user.id, action: "inbound_mail.accepted", entityType: "inbound_mail", entityId: held.id, after: { reason: HELD_REASON_LABELS[held.reason], sender: held.fromAddress, subject: held.subject, number }, ip: args.ip },
      tx,
    );
    return number;
  });
}

export async function discardHeldMail(args: { user: CurrentUser; id: string; ip?: string | null; now?: Date }) {
  const now = args.now ?? new Date();
  await db.transaction(async (tx) => {
    const held = await takeHeld(args.user, args.id, tx);
    await decide(held.id, "verworfen", args.user.id, now, tx);
    await recordAudit(
      { actorId: args.user.id, action: "inbound_mail.discarded", entityType: "inbound_mail", entityId: held.id, after: { reason: HELD_REASON_LABELS[held.reason], sender: held.fromAddress, subject: held.subject }, ip: args.ip },
      tx,
    );
  });
}
