import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { tickets } from "#db/schema/tickets";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import type { TicketActor } from "./lifecycle";

/** KAI staff: they see internal notes and work the queues. */
export function isTicketStaff(user: Pick<CurrentUser, "roles">): boolean {
  return hasRole(user.roles, "admin", "centre_manager", "adviser");
}

/** The municipalities whose tickets a person of municipal IT sees (their own). */
export function municipalitiesOf(user: Pick<CurrentUser, "roles">): number[] {
  return [...new Set(user.roles.filter((g) => g.role === "municipal_it" && g.municipalityId).map((g) => g.municipalityId!))];
}

/**
 * Which tickets a person may see (ACCEPTANCE C14), as a condition for every ticket query:
 * admins all; advisers and centre managers those their centre handles, those of their centre's
 * municipalities and those assigned to them; municipal IT those of its municipality. Null means
 * none: the caller answers 404.
 */
export function ticketScope(user: Pick<CurrentUser, "id" | "roles">): SQL | null {
  if (hasRole(user.roles, "admin")) return sql`true`;
  const parts: SQL[] = [];
  const staffCentres = centresOf(user.roles, "adviser", "centre_manager");
  if (staffCentres.length) {
    parts.push(inArray(tickets.centreId, staffCentres), inArray(tickets.homeCentreId, staffCentres), eq(tickets.assigneeId, user.id));
  }
  const own = municipalitiesOf(user);
  if (own.length) parts.push(inArray(tickets.municipalityId, own));
  if (!parts.length) return null;
  return or(...parts)!;
}

/**
 * The actor for the lifecycle. On a ticket of their own municipality, a person who is also staff
 * (rare) acts as staff.
 */
export function ticketActor(user: Pick<CurrentUser, "id" | "roles">): TicketActor {
  if (hasRole(user.roles, "admin")) return { kind: "admin", userId: user.id };
  if (hasRole(user.roles, "centre_manager")) return { kind: "centre_manager", userId: user.id };
  if (hasRole(user.roles, "adviser")) return { kind: "adviser", userId: user.id };
  return { kind: "municipal_it", userId: user.id };
}

/** The municipalities a person may file for: their own; staff for their centres' (admins all). */
export function mayFileFor(user: Pick<CurrentUser, "roles">, municipality: { id: number; centreId: string }): boolean {
  if (hasRole(user.roles, "admin")) return true;
  if (municipalitiesOf(user).includes(municipality.id)) return true;
  return centresOf(user.roles, "adviser", "centre_manager").includes(municipality.centreId);
}
