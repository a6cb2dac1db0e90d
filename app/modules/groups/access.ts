import type { WorkingGroup } from "#db/schema/auth";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";

type WithRoles = Pick<CurrentUser, "roles">;

/** The role grants that make a person a member of a group (a chair is a member too). */
export const GROUP_MEMBER_ROLES = ["wg_member", "wg_chair"] as const;

/**
 * Who may do what in a working group (issue 9). Membership is the role grant scoped to the group:
 * wg_member, or wg_chair (a chair is a member too). Only chairs schedule meetings, keep the agenda
 * and write the minutes; admins appoint the chairs.
 */
export function isChairOf(user: WithRoles | null | undefined, group: WorkingGroup): boolean {
  return !!user && user.roles.some((g) => g.role === "wg_chair" && g.workingGroup === group);
}

export function isMemberOf(user: WithRoles | null | undefined, group: WorkingGroup): boolean {
  return !!user && user.roles.some((g) => (g.role === "wg_member" || g.role === "wg_chair") && g.workingGroup === group);
}

export function mayAppointChairs(user: WithRoles | null | undefined): boolean {
  return !!user && hasRole(user.roles, "admin");
}

/** Any signed-in person of a member municipality may ask to join (item 1). */
export function mayAskToJoin(user: (WithRoles & { municipalityId: number | null }) | null | undefined, group: WorkingGroup): boolean {
  return !!user && user.municipalityId !== null && !isMemberOf(user, group);
}

/** The groups a person chairs or belongs to. */
export function groupsOf(user: WithRoles | null | undefined): WorkingGroup[] {
  if (!user) return [];
  return [...new Set(user.roles.filter((g) => (g.role === "wg_member" || g.role === "wg_chair") && g.workingGroup).map((g) => g.workingGroup!))];
}

/** The most chairs a group has (item 1: "one or two"). */
export const MAX_CHAIRS = 2;
