import { log } from "~/log.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { accountPanel, administrationPanel, competencesPanel, rolesPanel } from "~/modules/auth/start-panels.server";
import { nextEventsPanel } from "~/modules/calendar/start-panels.server";
import { centreMembersPanel, contactsPanel, municipalityPanel } from "~/modules/members/start-panels.server";
import { centreBacklogPanel, municipalityTicketsPanel, myTicketsPanel } from "~/modules/tickets/start-panels.server";
// Training (issue 8, item 10)
import { mySeminarsPanel, nextTaughtSeminarsPanel } from "~/modules/training/start-panels.server";
// Working groups (issue 9)
import { joinRequestsPanel, myActionItemsPanel, myGroupsPanel } from "~/modules/groups/start-panels.server";
import { comingSoonPanel } from "./coming-soon.server";
import type { LoadedStartPanel, StartPanel } from "./panel";

/**
 * Every panel of "Meine Übersicht". A module adds its panel here (and its view in panels.tsx);
 * the page sorts by `order`, so the position in this list does not matter.
 */
export const START_PANELS: StartPanel[] = [
  myTicketsPanel,
  centreBacklogPanel,
  municipalityTicketsPanel,
  nextEventsPanel,
  contactsPanel,
  municipalityPanel,
  administrationPanel,
  centreMembersPanel,
  competencesPanel,
  comingSoonPanel,
  rolesPanel,
  accountPanel,
  // Training (issue 8, item 10)
  mySeminarsPanel,
  nextTaughtSeminarsPanel,
  // Working groups (issue 9)
  joinRequestsPanel,
  myGroupsPanel,
  myActionItemsPanel,
];

/**
 * Loads the panels that apply to the person, all at once. A panel that fails is logged with the
 * request's correlation id and sent as `failed`; the rest of the page still shows.
 */
export async function loadStartPanels(args: { user: CurrentUser; correlationId?: string; now?: Date; panels?: StartPanel[] }): Promise<LoadedStartPanel[]> {
  const now = args.now ?? new Date();
  const applicable = (args.panels ?? START_PANELS).filter((p) => p.appliesTo(args.user)).sort((a, b) => a.order - b.order);
  return Promise.all(
    applicable.map(async (panel): Promise<LoadedStartPanel> => {
      const head = { id: panel.id, title: panel.title, kind: panel.kind };
      try {
        return { ...head, state: "ready", data: await panel.load({ user: args.user, now }) };
      } catch (error) {
        log.error("start panel failed", { panel: panel.id, correlationId: args.correlationId, userId: args.user.id, error });
        return { ...head, state: "failed" };
      }
    }),
  );
}
