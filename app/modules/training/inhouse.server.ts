import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { inhouseRequests, seminars, type InhouseStatus } from "#db/schema/training";
import { InhouseDeclinedEmail, InhouseRequestNoticeEmail, type InhouseRequestRef } from "#emails/training-inhouse";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatWishedPeriod } from "./inhouse-status";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { sendEmail } from "~/modules/mail/outbox.server";
import { mayPlanSeminars, mayRequestInhouse } from "./access";
import type { InhouseRequestInput } from "./inhouse-validation";
import { isRowId } from "~/validation";

/**
 * In-house requests (issue 8, item 3): a municipality asks for a seminar in its own rooms. Filed by
 * its municipal IT, a manager of its centre, or an admin; trainers plan or decline it; the
 * requester, the municipality's IT and the centre's managers follow its status.
 */

type Person = Pick<CurrentUser, "id" | "name" | "email" | "roles">;

const ownMunicipalities = (user: Pick<CurrentUser, "roles">) => [...new Set(user.roles.filter((g) => g.role === "municipal_it" && g.municipalityId).map((g) => g.municipalityId!))];

/**
 * Which requests a person may see, as a condition (the query joins `municipalities`): admins and
 * trainers all; municipal IT its municipality's; centre managers their centres' municipalities';
 * everyone the ones they filed. Never null: a person who filed nothing simply sees nothing.
 */
export function inhouseScope(user: Pick<CurrentUser, "id" | "roles">): SQL {
  if (hasRole(user.roles, "admin", "trainer")) return sql`true`;
  const parts: SQL[] = [eq(inhouseRequests.requestedBy, user.id)];
  const own = ownMunicipalities(user);
  if (own.length) parts.push(inArray(inhouseRequests.municipalityId, own));
  const managed = centresOf(user.roles, "centre_manager");
  if (managed.length) parts.push(inArray(municipalities.centreId, managed));
  return or(...parts)!;
}

/** The municipalities a person may ask for: their own (municipal IT), their centres' (managers), all (admins). */
export async function requestableMunicipalities(user: Pick<CurrentUser, "roles">, tx: Executor = db) {
  if (!mayRequestInhouse(user)) return [];
  const parts: SQL[] = [];
  if (!hasRole(user.roles, "admin")) {
    const own = ownMunicipalities(user);
    if (own.length) parts.push(inArray(municipalities.id, own));
    const managed = centresOf(user.roles, "centre_manager");
    if (managed.length) parts.push(inArray(municipalities.centreId, managed));
    if (!parts.length) return [];
  }
  return tx
    .select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId, centreName: centres.name })
    .from(municipalities)
    .innerJoin(centres, eq(centres.id, municipalities.centreId))
    .where(parts.length ? or(...parts) : undefined)
    .orderBy(asc(municipalities.name));
}

/** The procedures of the catalogue, for the optional choice on the form. */
export async function inhouseProcedureOptions(tx: Executor = db) {
  return tx.select({ id: procedures.id, name: procedures.name, kind: procedures.kind }).from(procedures).orderBy(asc(procedures.sortOrder), asc(procedures.name));
}

export function inhouseLink(id: number): string {
  return `${getEnv().APP_URL}/schulungen/anfragen/${id}`;
}

const formatPeriod = formatWishedPeriod;

const requester = alias(users, "requester");
const decider = alias(users, "decider");

const REQUEST_COLUMNS = {
  id: inhouseRequests.id,
  status: inhouseRequests.status,
  topic: inhouseRequests.topic,
  wishedFrom: inhouseRequests.wishedFrom,
  wishedTo: inhouseRequests.wishedTo,
  participants: inhouseRequests.participants,
  note: inhouseRequests.note,
  reason: inhouseRequests.reason,
  createdAt: inhouseRequests.createdAt,
  decidedAt: inhouseRequests.decidedAt,
  municipalityId: inhouseRequests.municipalityId,
  municipality: municipalities.name,
  centreId: municipalities.centreId,
  centre: centres.name,
  procedureId: inhouseRequests.procedureId,
  procedure: procedures.name,
  requestedBy: inhouseRequests.requestedBy,
  requester: requester.name,
  decidedBy: decider.name,
  seminarId: inhouseRequests.seminarId,
  seminarTitle: seminars.title,
};

function requestQuery(tx: Executor) {
  return tx
    .select(REQUEST_COLUMNS)
    .from(inhouseRequests)
    .innerJoin(municipalities, eq(municipalities.id, inhouseRequests.municipalityId))
    .innerJoin(centres, eq(centres.id, municipalities.centreId))
    .leftJoin(procedures, eq(procedures.id, inhouseRequests.procedureId))
    .leftJoin(requester, eq(requester.id, inhouseRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, inhouseRequests.decidedBy))
    .leftJoin(seminars, eq(seminars.id, inhouseRequests.seminarId));
}

export type InhouseRequestRow = Awaited<ReturnType<typeof getInhouseRequest>>;

/** The requests a person may see: open ones first (oldest first, the queue), then the decided, newest first. */
export async function listInhouseRequests(user: Pick<CurrentUser, "id" | "roles">, opts: { status?: InhouseStatus; limit?: number } = {}, tx: Executor = db) {
  const where = and(inhouseScope(user), opts.status ? eq(inhouseRequests.status, opts.status) : undefined);
  return requestQuery(tx)
    .where(where)
    .orderBy(
      sql`case when ${inhouseRequests.status} = 'offen' then 0 else 1 end`,
      sql`case when ${inhouseRequests.status} = 'offen' then ${inhouseRequests.createdAt} end asc`,
      desc(inhouseRequests.createdAt),
      desc(inhouseRequests.id),
    )
    .limit(opts.limit ?? 200);
}

/** One request, if the person may see it; 404 otherwise (ACCEPTANCE C14). */
export async function getInhouseRequest(user: Pick<CurrentUser, "id" | "roles">, id: number, tx: Executor = db) {
  if (!isRowId(id)) notFound();
  const [row] = await requestQuery(tx).where(and(eq(inhouseRequests.id, id), inhouseScope(user)));
  if (!row) notFound();
  return row;
}

/** The people told about a new request: every active trainer and the managers of the municipality's centre. */
async function notificationRecipients(centreId: string, tx: Executor) {
  const rows = await tx
    .select({ email: users.email, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(users.active, true), or(eq(userRoles.role, "trainer"), and(eq(userRoles.role, "centre_manager"), eq(userRoles.centreId, centreId)))))
    .orderBy(asc(users.email));
  // A trainer who also manages the centre gets one mail.
  return rows.filter((r, i) => i === 0 || rows[i - 1].email !== r.email);
}

/**
 * Files a request for one municipality the person may ask for (otherwise a field error), and in
 * the same transaction tells the trainers and the centre's managers by email.
 */
export async function fileInhouseRequest(args: { user: Person; input: InhouseRequestInput & { municipalityId: number }; ip?: string | null }) {
  const { user, input } = args;
  if (!mayRequestInhouse(user)) notFound();
  return db.transaction(async (tx) => {
    const allowed = await requestableMunicipalities(user, tx);
    const municipality = allowed.find((m) => m.id === input.municipalityId);
    if (!municipality) throw new PublicError("Für diese Kommune können Sie keine Inhouse-Schulung anfragen.", 400, "municipalityId");
    let procedure: string | null = null;
    if (input.procedureId) {
      const [row] = await tx.select({ name: procedures.name }).from(procedures).where(eq(procedures.id, input.procedureId));
      if (!row) throw new PublicError("Bitte ein Verfahren aus dem Katalog wählen.", 400, "procedureId");
      procedure = row.name;
    }
    const [created] = await tx
      .insert(inhouseRequests)
      .values({
        municipalityId: municipality.id,
        requestedBy: user.id,
        topic: input.topic,
        procedureId: input.procedureId ?? null,
        wishedFrom: input.wishedFrom,
        wishedTo: input.wishedTo,
        participants: input.participants,
        note: input.note ? input.note : null,
      })
      .returning();
    await recordAudit(
      {
        actorId: user.id,
        action: "training.inhouse_requested",
        entityType: "inhouse_request",
        entityId: created.id,
        after: { municipality: municipality.name, topic: created.topic, procedure, wishedFrom: created.wishedFrom, wishedTo: created.wishedTo, participants: created.participants },
        ip: args.ip ?? null,
      },
      tx,
    );
    const ref: InhouseRequestRef = {
      topic: created.topic,
      municipality: municipality.name,
      procedure,
      period: formatPeriod(created.wishedFrom, created.wishedTo),
      participants: created.participants,
      link: inhouseLink(created.id),
    };
    for (const person of await notificationRecipients(municipality.centreId, tx)) {
      if (person.email === user.email.toLowerCase()) continue;
      await sendEmail(
        {
          to: { address: person.email, name: person.name },
          template: "training-inhouse-requested",
          subject: `Inhouse-Anfrage von ${municipality.name}: ${created.topic}`,
          body: InhouseRequestNoticeEmail({ name: person.name, requester: user.name, request: ref, note: created.note }),
        },
        tx,
      );
    }
    return created;
  });
}

/**
 * A trainer (or an admin) declines an open request with a reason; the requester is told by email.
 * Others who may see the request get 403; those who may not, 404.
 */
export async function declineInhouseRequest(args: { user: Person; id: number; reason: string; ip?: string | null; now?: Date }) {
  const { user } = args;
  return db.transaction(async (tx) => {
    const visible = await getInhouseRequest(user, args.id, tx);
    if (!mayPlanSeminars(user)) throw new PublicError("Nur das Schulungsteam kann eine Inhouse-Anfrage ablehnen.", 403);
    const now = args.now ?? new Date();
    const [updated] = await tx
      .update(inhouseRequests)
      .set({ status: "abgelehnt", reason: args.reason, decidedBy: user.id, decidedAt: now })
      .where(and(eq(inhouseRequests.id, visible.id), eq(inhouseRequests.status, "offen")))
      .returning();
    if (!updated) throw new PublicError("Diese Anfrage ist bereits entschieden.", 409);
    await recordAudit(
      {
        actorId: user.id,
        action: "training.inhouse_declined",
        entityType: "inhouse_request",
        entityId: updated.id,
        before: { status: "offen" },
        after: { status: "abgelehnt", reason: args.reason },
        ip: args.ip ?? null,
        at: now,
      },
      tx,
    );
    if (updated.requestedBy) {
      const [person] = await tx.select({ email: users.email, name: users.name, active: users.active }).from(users).where(eq(users.id, updated.requestedBy));
      if (person?.active) {
        await sendEmail(
          {
            to: { address: person.email, name: person.name },
            template: "training-inhouse-declined",
            subject: `Ihre Inhouse-Anfrage „${updated.topic}“ wurde abgelehnt`,
            body: InhouseDeclinedEmail({
              name: person.name,
              decidedBy: user.name,
              reason: args.reason,
              request: {
                topic: updated.topic,
                municipality: visible.municipality,
                procedure: visible.procedure,
                period: formatPeriod(updated.wishedFrom, updated.wishedTo),
                participants: updated.participants,
                link: inhouseLink(updated.id),
              },
            }),
          },
          tx,
        );
      }
    }
    return updated;
  });
}
