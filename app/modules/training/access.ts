import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";

type WithRoles = Pick<CurrentUser, "roles">;

/** Trainers and admins plan seminars (item 1). */
export function mayPlanSeminars(user: WithRoles | null | undefined): boolean {
  return !!user && hasRole(user.roles, "trainer", "admin");
}

/**
 * Who manages one seminar: admins, and the trainers who created it or are named on it. Everyone
 * else sees a published seminar only, and a draft not at all (404).
 */
export function mayManageSeminar(user: (WithRoles & { id: string }) | null | undefined, seminar: { createdBy: string | null; trainerIds: string[] }): boolean {
  if (!user) return false;
  if (hasRole(user.roles, "admin")) return true;
  return hasRole(user.roles, "trainer") && (seminar.createdBy === user.id || seminar.trainerIds.includes(user.id));
}

/** Rooms are kept by admins (item 2). */
export function mayKeepRooms(user: WithRoles | null | undefined): boolean {
  return !!user && hasRole(user.roles, "admin");
}

/** The municipality whose people municipal IT may register by name (their own). */
export function registeringMunicipalityOf(user: WithRoles & { municipalityId: number | null }): number | null {
  const grant = user.roles.find((g) => g.role === "municipal_it" && g.municipalityId);
  return grant?.municipalityId ?? null;
}

/** Municipal IT and centre managers ask for in-house seminars (item 3). */
export function mayRequestInhouse(user: WithRoles | null | undefined): boolean {
  return !!user && hasRole(user.roles, "municipal_it", "centre_manager", "admin");
}
