import type { Role, WorkingGroup } from "#db/schema/auth";

export interface RoleGrant {
  role: Role;
  centreId: string | null;
  workingGroup: WorkingGroup | null;
  municipalityId: number | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administration (KAI-Gruppe)",
  centre_manager: "Geschäftsführung des Zentrums",
  adviser: "Betreuung",
  trainer: "Schulung",
  wg_member: "Facharbeitskreis",
  wg_chair: "Vorsitz Facharbeitskreis",
  municipal_it: "Kommunale IT",
  editor: "Redaktion NeuigKAIten",
};

export const WORKING_GROUP_LABELS: Record<WorkingGroup, string> = {
  EWOS: "Einwohnermeldewesen",
  FINAS: "Finanzwesen",
  PERSOS: "Personalwesen",
};

export function hasRole(grants: RoleGrant[], ...roles: Role[]): boolean {
  return grants.some((g) => roles.includes(g.role));
}

/** Centres where the person manages or advises: the scope of centre queues. */
export function centresOf(grants: RoleGrant[], ...roles: Role[]): string[] {
  return [...new Set(grants.filter((g) => roles.includes(g.role) && g.centreId).map((g) => g.centreId!))];
}

export function describeGrant(grant: RoleGrant, names: { centres: Map<string, string>; municipalities: Map<number, string> }) {
  const label = ROLE_LABELS[grant.role];
  if (grant.centreId) return `${label}, Zentrum ${names.centres.get(grant.centreId) ?? grant.centreId}`;
  if (grant.workingGroup) return `${label}, ${WORKING_GROUP_LABELS[grant.workingGroup]}`;
  if (grant.municipalityId) return `${label}, ${names.municipalities.get(grant.municipalityId) ?? ""}`;
  return label;
}

export type GrantScope = "centre" | "workingGroup" | "municipality" | null;

/** Which scope field a role needs (mirrors the user_roles_scope_check constraint). */
export function scopeOfRole(role: string | undefined | null): GrantScope {
  switch (role) {
    case "centre_manager":
    case "adviser":
      return "centre";
    case "wg_member":
    case "wg_chair":
      return "workingGroup";
    case "municipal_it":
      return "municipality";
    default:
      return null;
  }
}
