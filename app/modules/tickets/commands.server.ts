import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { ticketAttachments, ticketReplies, tickets, ticketStatusChanges, type Ticket } from "#db/schema/tickets";
import { db } from "~/db.server";
import { log } from "~/log.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { TicketNoticeEmail, TicketReplyEmail } from "#emails/tickets";
import { isTicketStaff, ticketActor, ticketScope } from "./access.server";
import { ticketLink, ticketReplyAddress, type NewAttachment } from "./filing.server";
import { ticketStatusLabel, transition, STALE_STATUS_MESSAGE, type TicketAction, type TicketActor, type TicketStatus } from "./lifecycle";

/** The ticket by number, locked, within what the person may see (C14); 404 otherwise. */
export async function lockTicket(user: Pick<CurrentUser, "id" | "roles"> | null, number: string, tx: Executor): Promise<Ticket> {
  const scope = user ? ticketScope(user) : sql`true`;
  if (!scope) notFound();
  const [ticket] = await tx.select().from(tickets).where(and(eq(tickets.number, number), scope)).for("update");
  if (!ticket) notFound();
  return ticket;
}

type Person = { id: string; name: string; email: string };

async function people(ids: (string | null | undefined)[], tx: Executor): Promise<Person[]> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return [];
  return tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(inArray(users.id, wanted), eq(users.active, true)));
}

async function centreManagers(centreId: string, tx: Executor): Promise<Person[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "centre_manager"), eq(userRoles.centreId, centreId), eq(users.active, true)));
}

/** A notice to KAI staff about a ticket. */
export async function noticeStaff(ticket: Pick<Ticket, "number" | "title">, to: Person[], template: string, subject: string, headline: string, lines: string[], tx: Executor) {
  const ref = { number: ticket.number, title: ticket.title, link: ticketLink(ticket.number) };
  for (const person of to) {
    await sendEmail(
      { to: { address: person.email, name: person.name }, template, subject: `[${ticket.number}] ${subject}`, body: TicketNoticeEmail({ name: person.name, ticket: ref, headline, lines }) },
      tx,
    );
  }
}

/**
 * Applies a status change or assignment (items 6, 7, 10) as the lifecycle decides it. The update
 * is conditional on the status read under the row lock, so of two advisers who take the same
 * ticket at once exactly one wins (G35); the other gets the German "changed meanwhile" message.
 */
export async function changeTicket(
  args: { user: CurrentUser | null; actor?: TicketActor; number: string; action: TicketAction; ip?: string | null; now?: Date },
  outer?: Executor,
) {
  const now = args.now ?? new Date();
  const run = async (tx: Executor) => {
    const ticket = await lockTicket(args.user, args.number, tx);
    const actor = args.actor ?? (args.user ? ticketActor(args.user) : ({ kind: "system" } as const));
    if (args.user && !isTicketStaff(args.user) && actor.kind !== "municipal_it") notFound();
    if ((args.action.type === "assign" || args.action.type === "hand_over") && args.action.assigneeId) {
      await assertAssignable(args.action.assigneeId, tx);
    }
    const result = transition(ticket, args.action, actor, now);
    if (!result.ok) throw new PublicError(result.error, result.code === "stale" ? 409 : 400);
    const [updated] = await tx
      .update(tickets)
      .set({
        status: result.status,
        assigneeId: result.assigneeId,
        assignedAt: result.assigneeId !== ticket.assigneeId ? now : ticket.assignedAt,
        resolvedAt: result.resolvedAt,
        closedAt: result.status === "geschlossen" ? now : null,
        escalatedAt: args.action.type === "escalate" ? now : ticket.escalatedAt,
        mergedIntoId: args.action.type === "merge" ? args.action.into.id : ticket.mergedIntoId,
        lastActivityAt: now,
        updatedAt: now,
      })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.status, result.from)))
      .returning();
    if (!updated) throw new PublicError(STALE_STATUS_MESSAGE, 409);
    if (result.status !== ticket.status) await tx.insert(ticketStatusChanges).values({ ticketId: ticket.id, status: result.status, at: now });
    await recordAudit({ at: now, ...result.history, entityId: String(ticket.id), ip: args.ip }, tx);
    await notifyChange(ticket, updated, args.action, actor, tx);
    return updated;
  };
  return outer ? run(outer) : db.transaction(run);
}

async function assertAssignable(userId: string, tx: Executor) {
  const [row] = await tx
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.userId, userId), inArray(userRoles.role, ["adviser", "centre_manager"]), eq(users.active, true)))
    .limit(1);
  if (!row) throw new PublicError("Bitte eine Person der Betreuung wählen.", 400, "assigneeId");
}

async function notifyChange(before: Ticket, after: Ticket, action: TicketAction, actor: TicketActor, tx: Executor) {
  const actorName = actor.kind === "system" ? "Das KAI-Portal" : ((await people([actor.userId], tx))[0]?.name ?? "Die Betreuung");
  switch (action.type) {
    case "assign":
    case "hand_over": {
      if (!after.assigneeId || (actor.kind !== "system" && after.assigneeId === actor.userId)) return;
      const lines = action.type === "hand_over" ? [`Notiz von ${actorName}:\n${action.note.trim()}`] : [];
      await noticeStaff(after, await people([after.assigneeId], tx), "ticket-assigned", `Ticket an Sie übergeben: ${after.title}`, `${actorName} hat Ihnen das Ticket ${after.number} „${after.title}“ übergeben.`, lines, tx);
      return;
    }
    case "escalate": {
      await noticeStaff(after, await centreManagers(after.centreId, tx), "ticket-escalated", `Eskalation: ${after.title}`, `${actorName} hat das Ticket ${after.number} „${after.title}“ an die Geschäftsführung eskaliert.`, [`Begründung:\n${action.note.trim()}`], tx);
      return;
    }
    case "solve":
    case "close":
    case "auto_close": {
      if (actor.kind === "municipal_it") {
        await noticeStaff(after, await people([after.assigneeId], tx), "ticket-solved", `Von der Kommune als gelöst markiert: ${after.title}`, `${actorName} hat das Ticket ${after.number} als gelöst markiert.`, [], tx);
        return;
      }
      await sendEmail(
        {
          to: { address: before.reporterEmail, name: before.reporterName },
          template: "ticket-status",
          subject: `[${after.number}] ${after.status === "geloest" ? "Gelöst" : "Geschlossen"}: ${after.title}`,
          body: TicketNoticeEmail({
            name: before.reporterName,
            ticket: { number: after.number, title: after.title, link: ticketLink(after.number), replyByMail: after.status === "geloest" },
            headline: `Ihr Ticket ${after.number} „${after.title}“ ist jetzt ${ticketStatusLabel(after.status as TicketStatus).toLowerCase()}.`,
            lines:
              after.status === "geloest"
                ? ["Ist das Problem nicht behoben? Antworten Sie innerhalb von 14 Tagen, dann wird das Ticket wieder geöffnet. Danach wird es automatisch geschlossen."]
                : [],
          }),
          headers: { "Reply-To": ticketReplyAddress(after.replyToken) },
        },
        tx,
      );
      return;
    }
    default:
      return;
  }
}

/**
 * A reply or an internal note (item 8). A public reply by staff goes to the reporter by mail and
 * stops the response clock; with `askBack` it also puts the ticket into Rückfrage. A reply by the
 * municipality (portal or mail) brings a ticket in Rückfrage, or solved within 14 days, back into
 * work and tells the assignee.
 */
export async function addTicketReply(
  args: {
    user: CurrentUser | null;
    number: string;
    body: string;
    visibility: "public" | "internal";
    attachments?: NewAttachment[];
    askBack?: boolean;
    /** For mail: who wrote, when no signed-in person did. */
    author?: { id: string | null; name: string; email: string; kind: "staff" | "municipal_it" };
    source?: "portal" | "email";
    ip?: string | null;
    now?: Date;
  },
  outer?: Executor,
) {
  const now = args.now ?? new Date();
  const run = async (tx: Executor) => {
    const ticket = await lockTicket(args.user, args.number, tx);
    const staff = args.author ? args.author.kind === "staff" : isTicketStaff(args.user!);
    if (args.visibility === "internal" && !staff) notFound();
    if (ticket.status === "geschlossen" && !staff) {
      throw new PublicError(`Das Ticket ${ticket.number} ist geschlossen. Bitte legen Sie ein neues Ticket an und nennen Sie darin ${ticket.number}.`, 409);
    }
    const author = args.author ?? { id: args.user!.id, name: args.user!.name, email: args.user!.email, kind: staff ? "staff" : "municipal_it" };
    const [reply] = await tx
      .insert(ticketReplies)
      .values({ ticketId: ticket.id, visibility: args.visibility, authorId: author.id, authorName: author.name, authorEmail: author.email, source: args.source ?? "portal", body: args.body, createdAt: now })
      .returning();
    if (args.attachments?.length) {
      await tx.insert(ticketAttachments).values(
        args.attachments.map((a) => ({ ticketId: ticket.id, replyId: reply.id, visibility: args.visibility, name: a.name, mimeType: a.mimeType, size: a.size, content: a.bytes, uploadedById: author.id, createdAt: now })),
      );
    }
    await tx
      .update(tickets)
      .set({ lastActivityAt: now, updatedAt: now, ...(staff && args.visibility === "public" && !ticket.firstResponseAt ? { firstResponseAt: now } : {}) })
      .where(eq(tickets.id, ticket.id));
    await recordAudit(
      { at: now,
        actorId: author.id,
        action: args.visibility === "internal" ? "ticket.note_added" : "ticket.replied",
        entityType: "ticket",
        entityId: ticket.id,
        after: { source: args.source ?? "portal", ...(args.attachments?.length ? { attachments: args.attachments.map((a) => a.name).join(", ") } : {}) },
        ip: args.ip,
      },
      tx,
    );

    let current: Ticket = ticket;
    if (staff && args.visibility === "public") {
      if (args.askBack) {
        const actor = args.user ? ticketActor(args.user) : ({ kind: "adviser", userId: author.id! } as const);
        if (ticket.status !== "in_bearbeitung") {
          throw new PublicError("Eine Rückfrage ist nur möglich, während das Ticket in Bearbeitung ist. Bitte übernehmen Sie es zuerst.", 409);
        }
        current = await changeTicket({ user: args.user, actor, number: ticket.number, action: { type: "ask_back", expectedStatus: ticket.status }, ip: args.ip, now }, tx);
      }
      await sendEmail(
        {
          to: { address: ticket.reporterEmail, name: ticket.reporterName },
          template: "ticket-reply",
          subject: `[${ticket.number}] ${args.askBack ? "Rückfrage" : "Antwort"}: ${ticket.title}`,
          body: TicketReplyEmail({
            name: ticket.reporterName,
            ticket: { number: ticket.number, title: ticket.title, link: ticketLink(ticket.number), replyByMail: true },
            author: author.name,
            body: args.body,
            status: ticketStatusLabel(current.status as TicketStatus),
          }),
          headers: { "Reply-To": ticketReplyAddress(ticket.replyToken) },
          attachments: (args.attachments ?? []).map((a) => ({ filename: a.name, contentType: a.mimeType, content: Buffer.from(a.bytes).toString("base64") })),
        },
        tx,
      );
    }
    if (!staff) {
      if (ticket.status === "rueckfrage" || ticket.status === "geloest") {
        current = await changeTicket(
          { user: args.user, actor: { kind: "municipal_it", userId: author.id ?? "" }, number: ticket.number, action: { type: "reporter_reply", expectedStatus: ticket.status }, ip: args.ip, now },
          tx,
        ).catch((error: unknown) => {
          // Solved more than 14 days ago: the reply stays on the ticket, the status does not change.
          if (error instanceof PublicError) {
            log.info("reply left the ticket's status as it was", { number: ticket.number, status: ticket.status, reason: error.message });
            return ticket;
          }
          throw error;
        });
      }
      const to = await people([ticket.assigneeId], tx);
      const recipients = to.length ? to : await centreManagers(ticket.centreId, tx);
      await noticeStaff(ticket, recipients, "ticket-reporter-reply", `Antwort der Kommune: ${ticket.title}`, `${author.name} hat auf das Ticket ${ticket.number} „${ticket.title}“ geantwortet.`, [args.body], tx);
    }
    return { reply, ticket: current };
  };
  return outer ? run(outer) : db.transaction(run);
}

/**
 * Merges a duplicate into another ticket (item 10): its replies and attachments move over (marked
 * with the old number), the duplicate is closed and its number leads to the target.
 */
export async function mergeTicket(args: { user: CurrentUser; number: string; intoNumber: string; ip?: string | null; now?: Date }) {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    if (!isTicketStaff(args.user)) notFound();
    if (args.number === args.intoNumber) throw new PublicError("Ein Ticket kann nicht mit sich selbst zusammengeführt werden.", 400, "intoNumber");
    // Lock both in id order, so two merges in opposite directions cannot deadlock.
    const scope = ticketScope(args.user)!;
    const both = await tx.select().from(tickets).where(and(inArray(tickets.number, [args.number, args.intoNumber]), scope)).orderBy(tickets.id).for("update");
    const source = both.find((t) => t.number === args.number);
    const target = both.find((t) => t.number === args.intoNumber);
    if (!source) notFound();
    if (!target) throw new PublicError(`Ein Ticket ${args.intoNumber} gibt es nicht, oder Sie dürfen es nicht sehen.`, 400, "intoNumber");
    if (target.mergedIntoId) throw new PublicError(`Das Ticket ${target.number} wurde selbst schon zusammengeführt.`, 400, "intoNumber");
    await changeTicket(
      { user: args.user, number: source.number, action: { type: "merge", expectedStatus: source.status, into: { id: target.id, number: target.number, status: target.status } }, ip: args.ip, now },
      tx,
    );
    const moved = await tx.update(ticketReplies).set({ ticketId: target.id, movedFromNumber: source.number }).where(eq(ticketReplies.ticketId, source.id)).returning({ id: ticketReplies.id });
    await tx.update(ticketAttachments).set({ ticketId: target.id }).where(eq(ticketAttachments.ticketId, source.id));
    // The duplicate's own description becomes a reply on the target, so nothing is lost.
    await tx.insert(ticketReplies).values({
      ticketId: target.id,
      visibility: "public",
      authorId: source.reporterId,
      authorName: source.reporterName,
      authorEmail: source.reporterEmail,
      body: `${source.title}\n\n${source.description}`,
      movedFromNumber: source.number,
      createdAt: source.createdAt,
    });
    await tx.update(tickets).set({ lastActivityAt: now, updatedAt: now }).where(eq(tickets.id, target.id));
    await recordAudit({ at: now, actorId: args.user.id, action: "ticket.merged_from", entityType: "ticket", entityId: target.id, after: { mergedFrom: source.number, replies: moved.length } }, tx);
    return target;
  });
}
