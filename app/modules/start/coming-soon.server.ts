import type { Role } from "#db/schema/auth";
import { getArea, type AreaId } from "~/components/areas";
import { WORKING_GROUP_LABELS } from "~/modules/auth/roles";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { defineStartPanel } from "./panel";

/**
 * Work areas the portal does not have yet, per role, so a role without one sees what is coming
 * instead of a dead end. Once an area is `available` in app/components/areas.ts it drops out here.
 */
const COMING_AREAS: { area: AreaId; roles: Role[]; text: (user: CurrentUser) => string }[] = [
  {
    area: "facharbeitskreise",
    roles: ["wg_chair", "wg_member"],
    text: (user) => {
      const groups = [...new Set(user.roles.filter((g) => g.workingGroup).map((g) => WORKING_GROUP_LABELS[g.workingGroup!]))];
      const which = groups.length ? ` (${groups.join(", ")})` : "";
      return `Hier planen Sie bald die Sitzungen Ihres Facharbeitskreises${which} mit Einladung, Tagesordnung und Protokoll und bearbeiten das Pflichtenheft gemeinsam, Version für Version bis zur freigegebenen Fassung.`;
    },
  },
  {
    area: "neuigkaiten",
    roles: ["editor"],
    text: () =>
      "Hier stellen Sie bald die Ausgaben des Newsletters NeuigKAIten zusammen und versenden sie, einschließlich der Ankündigungen veröffentlichter Pflichtenhefte.",
  },
];

function comingFor(user: CurrentUser) {
  // An area that exists (available in app/components/areas.ts) is no longer "coming".
  return COMING_AREAS.filter((a) => !getArea(a.area).available && a.roles.some((r) => user.roles.some((g) => g.role === r)));
}

/** "Was bald kommt": the work areas that are on their way for this person's roles. */
export const comingSoonPanel = defineStartPanel({
  id: "bald",
  title: "Was bald kommt",
  order: 70,
  kind: "work",
  appliesTo: (user) => comingFor(user).length > 0,
  async load({ user }) {
    return { areas: comingFor(user).map((a) => ({ area: getArea(a.area).label, text: a.text(user) })) };
  },
});
