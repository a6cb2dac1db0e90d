import { eq, inArray, sql } from "drizzle-orm";
import { berlinToday, berlinYear } from "~/format";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { procedureModules } from "#db/schema/procedures";
import { ticketAttachments, ticketCounters, tickets, ticketStatusChanges } from "#db/schema/tickets";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken } from "~/modules/auth/tokens.server";
import type { CheckedAttachment } from "~/modules/files/attachments";
import { sendEmail } from "~/modules/mail/outbox.server";
import { catalogueCache, loadCatalogue } from "~/modules/members/queries.server";
import { PartnerHandoffEmail, TicketConfirmationEmail, TicketNoticeEmail } from "#emails/tickets";
import { TICKET_TYPE_LABELS, type TicketType } from "./lifecycle";
import type { TicketPriority } from "./priorities";
import { replyAddress } from "./reply-address";
import { routeTicket, type RoutingDecision } from "./routing";
import { loadRoutingContext, loadRoutingProcedure } from "./routing-input.server";
import { formatTicketNumber } from "./ticket-number";

export const PRIORITY_LABELS: Record<TicketPriority, string> = { niedrig: "niedrig", normal: "normal", hoch: "hoch", kritisch: "kritisch" };

export type NewAttachment = CheckedAttachment & { bytes: Uint8Array };

export type FileTicketInput = {
  municipalityId: number;
  procedureId: number | null;
  moduleId: number | null;
  type: TicketType;
  priority: TicketPriority;
  title: string;
  description: string;
  /** The person the ticket is for (municipal IT of the municipality). */
  reporter: { id: string | null; name: string; email: string };
  /** Who typed it in; differs from the reporter when staff file on behalf (a phone call). */
  filedById: string | null;
  channel: "portal" | "telefon" | "email";
  attachments?: NewAttachment[];
  ip?: string | null;
  now?: Date;
};

export function ticketLink(number: string): string {
  return `${getEnv().APP_URL}/betreuung/tickets/${number}`;
}

export function ticketReplyAddress(token: string): string {
  return replyAddress(token, getEnv().INBOUND_MAIL_DOMAIN);
}

/**
 * The next number of the year (item 2): the counter row is locked by the update until the
 * transaction ends, so concurrent filings take turns, and a rolled-back filing gives its number
 * back. Gap-free per year.
 */
async function nextSequence(year: number, tx: Executor): Promise<number> {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: ticketCounters.year, set: { last: sql`${ticketCounters.last} + 1` } })
    .returning({ last: ticketCounters.last });
  return row.last;
}


/** Status and assignee that follow from the routing decision. */
function assignmentOf(decision: RoutingDecision): { status: "neu" | "zugewiesen"; assigneeId: string | null } {
  if (decision.kind === "adviser") return { status: "zugewiesen", assigneeId: decision.adviserId };
  if (decision.kind === "product_contact") return { status: "zugewiesen", assigneeId: decision.contactId };
  return { status: "neu", assigneeId: null };
}

/**
 * Files a ticket (items 1–4): number, routing decision, attachments, history and the mails, all
 * in one transaction. Returns the new ticket's id and number.
 */
export async function fileTicket(input: FileTicketInput, outer?: Executor) {
  const now = input.now ?? new Date();
  const run = async (tx: Executor) => {
    const [municipality] = await tx
      .select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId })
      .from(municipalities)
      .where(eq(municipalities.id, input.municipalityId));
    if (!municipality) throw new PublicError("Diese Kommune gibt es nicht.", 400, "municipalityId");
    const procedure = await loadRoutingProcedure(input.procedureId, tx);
    if (input.procedureId != null && !procedure) throw new PublicError("Bitte ein Verfahren oder Produkt aus dem Katalog wählen.", 400, "procedureId");
    let moduleName: string | null = null;
    if (input.moduleId != null) {
      const [mod] = await tx.select().from(procedureModules).where(eq(procedureModules.id, input.moduleId));
      if (!mod || mod.procedureId !== input.procedureId) throw new PublicError("Das Modul gehört nicht zum gewählten Verfahren.", 400, "moduleId");
      moduleName = mod.name;
    }

    const context = await loadRoutingContext(berlinToday(now), tx);
    const decision = routeTicket({
      ...context,
      ticket: { municipalityId: municipality.id, centreId: municipality.centreId, procedure, moduleId: input.moduleId, priority: input.priority },
    });
    const { status, assigneeId } = assignmentOf(decision);

    const year = berlinYear(now);
    const sequence = await nextSequence(year, tx);
    const number = formatTicketNumber(year, sequence);
    const replyToken = generateToken();
    const handoff = decision.kind === "partner_handoff";

    const [ticket] = await tx
      .insert(tickets)
      .values({
        year,
        sequence,
        number,
        municipalityId: municipality.id,
        homeCentreId: municipality.centreId,
        centreId: decision.centreId,
        procedureId: input.procedureId,
        moduleId: input.moduleId,
        type: input.type,
        priority: input.priority,
        title: input.title,
        description: input.description,
        status,
        assigneeId,
        assignedAt: assigneeId ? now : null,
        reporterId: input.reporter.id,
        reporterName: input.reporter.name,
        reporterEmail: input.reporter.email.toLowerCase(),
        filedById: input.filedById,
        channel: input.channel,
        routingKind: decision.kind,
        routingSummary: decision.summary,
        routingReasons: decision.reasons,
        handedOffAt: handoff ? now : null,
        handedOffTo: handoff ? decision.address : null,
        replyToken,
        lastActivityAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: tickets.id, number: tickets.number });

    await tx.insert(ticketStatusChanges).values({ ticketId: ticket.id, status, at: now });
    if (input.attachments?.length) {
      await tx.insert(ticketAttachments).values(
        input.attachments.map((a) => ({
          ticketId: ticket.id,
          name: a.name,
          mimeType: a.mimeType,
          size: a.size,
          content: a.bytes,
          uploadedById: input.filedById ?? input.reporter.id,
          createdAt: now,
        })),
      );
    }

    await recordAudit(
      { at: now,
        actorId: input.filedById ?? input.reporter.id,
        action: "ticket.created",
        entityType: "ticket",
        entityId: ticket.id,
        after: {
          number,
          title: input.title,
          priority: input.priority,
          ticketType: input.type,
          channel: input.channel,
          routing: decision.summary,
          ...(input.attachments?.length ? { attachments: input.attachments.map((a) => a.name).join(", ") } : {}),
        },
        ip: input.ip,
      },
      tx,
    );
    if (assigneeId) {
      await recordAudit(
        { at: now, actorId: null, action: "ticket.assigned", entityType: "ticket", entityId: ticket.id, before: { status: "neu" }, after: { status, assigneeId } },
        tx,
      );
    }

    const ref = { number, title: input.title, link: ticketLink(number) };
    const replyTo = ticketReplyAddress(replyToken);
    const filedBy = input.filedById && input.filedById !== input.reporter.id ? await nameOf(input.filedById, tx) : null;
    await sendEmail(
      {
        to: { address: input.reporter.email, name: input.reporter.name },
        template: "ticket-confirmation",
        subject: `[${number}] Ihr Ticket ist eingegangen: ${input.title}`,
        body: TicketConfirmationEmail({ name: input.reporter.name, ticket: { ...ref, replyByMail: true }, routing: decision.summary, filedBy }),
        headers: { "Reply-To": replyTo },
      },
      tx,
    );

    const procedureLabel = procedure ? `${procedure.name}${moduleName ? ` – ${moduleName}` : ""}` : "nicht angegeben";
    const notice = (headline: string) => [
      headline,
      [`Kommune: ${municipality.name}`, `Verfahren: ${procedureLabel}`, `Art: ${TICKET_TYPE_LABELS[input.type]}`, `Priorität: ${input.priority}`, `Zuordnung: ${decision.summary}`].join("\n"),
    ];
    const recipients = assigneeId ? [assigneeId] : decision.kind === "centre_queue" ? decision.managerIds : [];
    if (recipients.length) {
      const people = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, recipients));
      const [headline, lines] = notice(
        assigneeId ? `Ihnen wurde das Ticket ${number} „${input.title}“ zugewiesen.` : `Das Ticket ${number} „${input.title}“ wartet in der Warteschlange Ihres Zentrums.`,
      );
      for (const person of people) {
        await sendEmail(
          {
            to: { address: person.email, name: person.name },
            template: assigneeId ? "ticket-assigned" : "ticket-queued",
            subject: `[${number}] ${assigneeId ? "Neues Ticket für Sie" : "Neues Ticket in der Warteschlange"}: ${input.title}`,
            body: TicketNoticeEmail({ name: person.name, ticket: ref, headline, lines: [lines] }),
          },
          tx,
        );
      }
    }
    if (handoff) {
      await sendEmail(
        {
          to: { address: decision.address, name: decision.partnerName },
          template: "ticket-partner-handoff",
          subject: `[${number}] Übergabe aus der KAI-Betreuung: ${input.title}`,
          body: PartnerHandoffEmail({
            partnerName: decision.partnerName,
            ticket: ref,
            municipality: municipality.name,
            reporter: `${input.reporter.name} <${input.reporter.email}>`,
            procedure: procedureLabel,
            priority: input.priority,
            description: input.description,
          }),
          headers: { "Reply-To": replyTo },
          attachments: (input.attachments ?? []).map((a) => ({ filename: a.name, contentType: a.mimeType, content: Buffer.from(a.bytes).toString("base64") })),
        },
        tx,
      );
      await recordAudit(
        { at: now, actorId: null, action: "ticket.handed_off", entityType: "ticket", entityId: ticket.id, after: { partner: decision.partnerName, address: decision.address } },
        tx,
      );
    }
    return { id: ticket.id, number, decision };
  };
  return outer ? run(outer) : db.transaction(run);
}

async function nameOf(userId: string, tx: Executor): Promise<string | null> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/**
 * The catalogue for the filing form and the filters: procedures with their modules, from the
 * reference cache (ADR 015). Inside a transaction pass it: on PGlite (one connection) a cache
 * load through the process's database would wait for that very transaction.
 */
export async function filingCatalogue(tx?: Executor) {
  const { core, framework } = tx ? await loadCatalogue(tx) : await catalogueCache.get();
  return [...core, ...framework].map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    modules: p.modules.map((m) => ({ id: m.id, procedureId: m.procedureId, name: m.name })),
  }));
}
