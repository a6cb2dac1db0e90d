import { and, asc, eq, gte, inArray, isNull, lte, type SQL } from "drizzle-orm";
import { berlinToday } from "~/format";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { adviserAbsences, tickets, type AdviserAbsence } from "#db/schema/tickets";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { sendEmail } from "~/modules/mail/outbox.server";
import { ReroutingOfferEmail } from "#emails/absences";
import { describeAbsence, type AbsenceKind } from "./absences";
import { changeTicket } from "./commands.server";
import { OPEN_TICKET_STATUSES, type TicketStatus } from "./lifecycle";
import type { TicketPriority } from "./priorities";
import { proposeRerouting, type RoutingDecision } from "./routing";
import { loadRoutingContext, loadRoutingProcedure } from "./routing-input.server";

/**
 * Absences (issue 7, item 5). Who sees and records whose: an adviser their own; a centre manager
 * those of the advisers of their centre(s); an admin everyone's. Routing leaves absent advisers
 * out (loadRoutingContext). On an absence's first day the centre managers are offered to re-route
 * the adviser's open tickets, once (`rerouting_offered_at`).
 */

type Viewer = Pick<CurrentUser, "id" | "roles">;

/** The advisers whose absences the person may see and record. */
export async function absencePeople(viewer: Viewer, tx: Executor = db) {
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "adviser"), eq(users.active, true), peopleScope(viewer)))
    .orderBy(asc(users.name));
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** The condition on `user_roles` (role adviser) for the advisers a person may manage. */
function peopleScope(viewer: Viewer): SQL | undefined {
  if (hasRole(viewer.roles, "admin")) return undefined;
  const managed = centresOf(viewer.roles, "centre_manager");
  if (managed.length) return inArray(userRoles.centreId, managed);
  return eq(userRoles.userId, viewer.id);
}

async function mayManage(viewer: Viewer, userId: string, tx: Executor) {
  if (userId === viewer.id && hasRole(viewer.roles, "adviser")) return true;
  return (await absencePeople(viewer, tx)).some((p) => p.id === userId);
}

/** Absences that have not ended before today, of the people the person may see. */
export async function listUpcomingAbsences(viewer: Viewer, now = new Date()) {
  const people = await absencePeople(viewer);
  if (!people.length) return [];
  return db
    .select({ id: adviserAbsences.id, userId: adviserAbsences.userId, name: users.name, kind: adviserAbsences.kind, startsOn: adviserAbsences.startsOn, endsOn: adviserAbsences.endsOn, note: adviserAbsences.note })
    .from(adviserAbsences)
    .innerJoin(users, eq(users.id, adviserAbsences.userId))
    .where(and(inArray(adviserAbsences.userId, people.map((p) => p.id)), gte(adviserAbsences.endsOn, berlinToday(now))))
    .orderBy(asc(adviserAbsences.startsOn), asc(users.name));
}

export async function recordAbsence(args: {
  viewer: Viewer;
  data: { userId: string; kind: AbsenceKind; startsOn: string; endsOn: string; note?: string };
  ip?: string | null;
  now?: Date;
}) {
  const now = args.now ?? new Date();
  const today = berlinToday(now);
  const absence = await db.transaction(async (tx) => {
    if (!(await mayManage(args.viewer, args.data.userId, tx))) throw new PublicError("Bitte eine Person aus der Liste wählen.", 400, "userId");
    if (args.data.endsOn < today) throw new PublicError("Die Abwesenheit liegt in der Vergangenheit. Bitte einen Zeitraum ab heute angeben.", 400, "endsOn");
    const [row] = await tx
      .insert(adviserAbsences)
      .values({ userId: args.data.userId, kind: args.data.kind, startsOn: args.data.startsOn, endsOn: args.data.endsOn, note: args.data.note || null, createdById: args.viewer.id, createdAt: now })
      .returning();
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
    await recordAudit(
      {
        actorId: args.viewer.id,
        action: "absence.recorded",
        entityType: "absence",
        entityId: row.id,
        after: { adviser: person?.name ?? "", absence: describeAbsence(row), startsOn: row.startsOn, endsOn: row.endsOn, note: row.note },
        ip: args.ip,
      },
      tx,
    );
    return row;
  });
  // Starts today (or already has): the offer goes now rather than with the next job run.
  if (absence.startsOn <= today) await offerReroutingFor(absence, now);
  return absence;
}

export async function deleteAbsence(args: { viewer: Viewer; id: number; ip?: string | null; now?: Date }) {
  const today = berlinToday(args.now ?? new Date());
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(adviserAbsences).where(eq(adviserAbsences.id, args.id)).for("update");
    if (!row || row.endsOn < today || !(await mayManage(args.viewer, row.userId, tx))) notFound();
    await tx.delete(adviserAbsences).where(eq(adviserAbsences.id, row.id));
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
    await recordAudit(
      { actorId: args.viewer.id, action: "absence.deleted", entityType: "absence", entityId: row.id, before: { adviser: person?.name ?? "", absence: describeAbsence(row) }, ip: args.ip },
      tx,
    );
  });
}

export function reroutingPath(absenceId: number) {
  return `/betreuung/abwesenheiten/${absenceId}/umverteilen`;
}

async function managersOfAdviser(userId: string, tx: Executor) {
  const centres = await tx.select({ centreId: userRoles.centreId }).from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, "adviser")));
  const ids = centres.map((c) => c.centreId).filter((c): c is string => !!c);
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "centre_manager"), inArray(userRoles.centreId, ids), eq(users.active, true)));
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

async function openTicketsOf(userId: string, tx: Executor) {
  return tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.assigneeId, userId), inArray(tickets.status, [...OPEN_TICKET_STATUSES])))
    .orderBy(asc(tickets.createdAt));
}

/** Offers the re-routing of one absence once: the mark is set under a conditional update. */
async function offerReroutingFor(absence: AdviserAbsence, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [marked] = await tx
      .update(adviserAbsences)
      .set({ reroutingOfferedAt: now })
      .where(and(eq(adviserAbsences.id, absence.id), isNull(adviserAbsences.reroutingOfferedAt)))
      .returning();
    if (!marked) return false;
    const open = await openTicketsOf(absence.userId, tx);
    if (!open.length) return true;
    const [adviser] = await tx.select({ name: users.name }).from(users).where(eq(users.id, absence.userId));
    const managers = await managersOfAdviser(absence.userId, tx);
    const link = `${getEnv().APP_URL}${reroutingPath(absence.id)}`;
    for (const m of managers) {
      await sendEmail(
        {
          to: { address: m.email, name: m.name },
          template: "absence-rerouting-offer",
          subject: `Abwesenheit von ${adviser.name}: ${open.length === 1 ? "1 offenes Ticket" : `${open.length} offene Tickets`} umverteilen`,
          body: createElement(ReroutingOfferEmail, { name: m.name, adviser: adviser.name, absence: describeAbsence(absence), openTickets: open.length, link }),
        },
        tx,
      );
    }
    await recordAudit(
      { actorId: null, action: "absence.rerouting_offered", entityType: "absence", entityId: absence.id, after: { adviser: adviser.name, openTickets: open.length, recipients: managers.map((m) => m.name).join(", ") } },
      tx,
    );
    return true;
  });
}

/** The daily part of the housekeeping job: offers for absences that have begun and were not offered yet. */
export async function runReroutingOffers(opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const today = berlinToday(now);
  const due = await db
    .select()
    .from(adviserAbsences)
    .where(and(lte(adviserAbsences.startsOn, today), gte(adviserAbsences.endsOn, today), isNull(adviserAbsences.reroutingOfferedAt)));
  let offered = 0;
  for (const absence of due) if (await offerReroutingFor(absence, now)) offered++;
  return { offered };
}

/** The absence for its re-routing page: centre managers of the adviser's centre and admins; 404 otherwise. */
async function reroutableAbsence(viewer: Viewer, id: number, tx: Executor) {
  if (!hasRole(viewer.roles, "admin", "centre_manager")) notFound();
  const [absence] = await tx.select().from(adviserAbsences).where(eq(adviserAbsences.id, id));
  if (!absence) notFound();
  if (!hasRole(viewer.roles, "admin")) {
    const managers = await managersOfAdviser(absence.userId, tx);
    if (!managers.some((m) => m.id === viewer.id)) notFound();
  }
  return absence;
}

export type ReroutingRow = {
  number: string;
  title: string;
  priority: TicketPriority;
  status: TicketStatus;
  proposal: { assigneeId: string; name: string; summary: string } | { assigneeId: null; summary: string };
};

function proposalOf(decision: RoutingDecision): ReroutingRow["proposal"] {
  if (decision.kind === "adviser") return { assigneeId: decision.adviserId, name: decision.adviserName, summary: decision.summary };
  if (decision.kind === "product_contact") return { assigneeId: decision.contactId, name: decision.contactName, summary: decision.summary };
  return { assigneeId: null, summary: decision.summary };
}

/** The absence, the adviser's open tickets and, for each, the routing function's proposal. */
export async function reroutingProposals(viewer: Viewer, id: number, now = new Date()) {
  const absence = await reroutableAbsence(viewer, id, db);
  const [adviser] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, absence.userId));
  const open = await openTicketsOf(absence.userId, db);
  // Routing as on the first day of the absence (or today, once it has begun): the adviser is away.
  const today = berlinToday(now);
  const context = await loadRoutingContext(absence.startsOn > today ? absence.startsOn : today);
  const procedures = new Map<number, Awaited<ReturnType<typeof loadRoutingProcedure>>>();
  for (const t of open) if (t.procedureId != null && !procedures.has(t.procedureId)) procedures.set(t.procedureId, await loadRoutingProcedure(t.procedureId));
  const proposals = proposeRerouting({
    ...context,
    absentAdviserId: absence.userId,
    tickets: open.map((t) => ({
      ticketId: t.id,
      municipalityId: t.municipalityId,
      centreId: t.homeCentreId,
      procedure: t.procedureId != null ? (procedures.get(t.procedureId) ?? null) : null,
      moduleId: t.moduleId,
      priority: t.priority as TicketPriority,
    })),
  });
  const rows: ReroutingRow[] = open.map((t, i) => ({
    number: t.number,
    title: t.title,
    priority: t.priority as TicketPriority,
    status: t.status as TicketStatus,
    proposal: proposalOf(proposals[i].decision),
  }));
  return { absence: { id: absence.id, kind: absence.kind, startsOn: absence.startsOn, endsOn: absence.endsOn, text: describeAbsence(absence) }, adviser, rows };
}

/**
 * Hands the chosen tickets over (one click for all, or one at a time). Each is its own change,
 * from the status the manager saw: one that changed meanwhile is reported and the others go on.
 */
export async function applyRerouting(args: {
  user: CurrentUser;
  id: number;
  items: { number: string; expectedStatus: TicketStatus; assigneeId: string }[];
  ip?: string | null;
  now?: Date;
}) {
  const absence = await reroutableAbsence(args.user, args.id, db);
  const [adviser] = await db.select({ name: users.name }).from(users).where(eq(users.id, absence.userId));
  const note = `Umverteilt wegen Abwesenheit von ${adviser.name} (${describeAbsence(absence)}).`;
  const own = new Set((await openTicketsOf(absence.userId, db)).map((t) => t.number));
  const done: string[] = [];
  const failed: { number: string; message: string }[] = [];
  for (const item of args.items) {
    if (!own.has(item.number)) {
      failed.push({ number: item.number, message: `Das Ticket ${item.number} ist nicht mehr ${adviser.name} zugewiesen.` });
      continue;
    }
    try {
      await changeTicket({ user: args.user, number: item.number, action: { type: "hand_over", expectedStatus: item.expectedStatus, assigneeId: item.assigneeId, note }, ip: args.ip, now: args.now });
      done.push(item.number);
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      failed.push({ number: item.number, message: error.message });
    }
  }
  return { done, failed };
}
