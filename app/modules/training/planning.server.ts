import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { inhouseRequests, rooms, seminarDates, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { mayPlanSeminars } from "./access";
import { loadSeminar } from "./seminar-access.server";
import { deadlineToDate, slotToRow } from "./series";
import { isRowId } from "~/validation";

/** What the planning forms offer (issue 8, item 1): catalogue, rooms, municipalities, centres, trainers. */
export async function planningOptions(tx: Executor = db) {
  const [procs, mods, roomRows, munis, centreRows, trainers] = await Promise.all([
    tx.select({ id: procedures.id, code: procedures.code, name: procedures.name }).from(procedures).orderBy(asc(procedures.sortOrder), asc(procedures.name)),
    tx.select({ id: procedureModules.id, procedureId: procedureModules.procedureId, name: procedureModules.name }).from(procedureModules).orderBy(asc(procedureModules.sortOrder), asc(procedureModules.name)),
    tx
      .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity, centreName: centres.name })
      .from(rooms)
      .innerJoin(centres, eq(centres.id, rooms.centreId))
      .where(eq(rooms.active, true))
      .orderBy(asc(centres.sortOrder), asc(rooms.name)),
    tx.select({ id: municipalities.id, name: municipalities.name, kind: municipalities.kind }).from(municipalities).orderBy(asc(municipalities.name)),
    tx.select({ id: centres.id, name: centres.name }).from(centres).orderBy(asc(centres.sortOrder)),
    tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "trainer")))
      .where(eq(users.active, true))
      .orderBy(asc(users.name)),
  ]);
  const procCode = new Map(procs.map((p) => [p.id, p.code]));
  return {
    procedures: procs.map((p) => ({ value: String(p.id), label: `${p.code} – ${p.name}` })),
    modules: mods.map((m) => ({ value: String(m.id), label: `${procCode.get(m.procedureId) ?? ""}: ${m.name}` })),
    rooms: roomRows.map((r) => ({ value: String(r.id), label: `${r.centreName}: ${r.name} (${r.capacity} Plätze)` })),
    municipalities: munis.map((m) => ({ value: String(m.id), label: `${m.name} (${m.kind})` })),
    centres: centreRows.map((c) => ({ value: c.id, label: c.name })),
    trainers: [...new Map(trainers.map((t) => [t.id, { value: t.id, label: t.name }])).values()],
  };
}

/** An open in-house request as the new-seminar form takes it over (`?anfrage=<id>`); null otherwise. */
export async function inhouseRequestForPlanning(user: Pick<CurrentUser, "roles">, requestId: number, tx: Executor = db) {
  if (!mayPlanSeminars(user) || !isRowId(requestId)) return null;
  const [row] = await tx
    .select({ id: inhouseRequests.id, topic: inhouseRequests.topic, procedureId: inhouseRequests.procedureId, participants: inhouseRequests.participants, status: inhouseRequests.status, wishedFrom: inhouseRequests.wishedFrom, wishedTo: inhouseRequests.wishedTo, note: inhouseRequests.note, municipalityId: municipalities.id, municipality: municipalities.name, kind: municipalities.kind })
    .from(inhouseRequests)
    .innerJoin(municipalities, eq(municipalities.id, inhouseRequests.municipalityId))
    .where(eq(inhouseRequests.id, requestId));
  return row && row.status === "offen" ? row : null;
}

/** The form's values of a stored seminar (edit page). */
export function formValuesOf(seminar: Seminar, trainerIds: string[], dates: { id: number; startsAt: Date; endsAt: Date }[]) {
  return {
    title: seminar.title,
    description: seminar.description,
    type: seminar.type,
    procedureId: seminar.procedureId ? String(seminar.procedureId) : "",
    moduleId: seminar.moduleId ? String(seminar.moduleId) : "",
    audience: seminar.audience,
    dates: dates.map((d) => slotToRow(d)),
    locationKind: seminar.locationKind,
    roomId: seminar.roomId ? String(seminar.roomId) : "",
    hostMunicipalityId: seminar.hostMunicipalityId ? String(seminar.hostMunicipalityId) : "",
    address: seminar.address ?? "",
    onlineUrl: seminar.onlineUrl ?? "",
    centreId: seminar.centreId,
    trainerIds,
    capacity: String(seminar.capacity),
    registrationDeadline: deadlineToDate(seminar.registrationDeadline),
    cancellationDeadline: deadlineToDate(seminar.cancellationDeadline),
  };
}

/** The seminar for its edit page: only those who manage it (404 otherwise). */
export async function seminarForEdit(user: Pick<CurrentUser, "id" | "roles">, seminarId: number) {
  const { seminar, trainerIds } = await loadSeminar(user, seminarId, { manage: true });
  const dates = await db.select().from(seminarDates).where(eq(seminarDates.seminarId, seminar.id)).orderBy(asc(seminarDates.startsAt));
  return { seminar, trainerIds, dates, values: formValuesOf(seminar, trainerIds, dates) };
}
