import type { ReactNode } from "react";
import { Alert } from "~/components/alert";
import { AccountView, AdministrationView, CompetencesView, RolesView } from "~/modules/auth/start-panels";
import { NextEventsView } from "~/modules/calendar/start-panels";
import { CentreMembersView, ContactsView, MunicipalityView } from "~/modules/members/start-panels";
import { CentreBacklogView, MunicipalityTicketsView, MyTicketsView } from "~/modules/tickets/start-panels";
// Training (issue 8, item 10)
import { MySeminarsView, NextTaughtSeminarsView } from "~/modules/training/start-panels";
// Working groups (issue 9)
import { JoinRequestsView, MyActionItemsView, MyGroupsView } from "~/modules/groups/start-panels";
import { ComingSoonView } from "./coming-soon";
import type { LoadedStartPanel } from "./panel";

/** The view of each panel, by the id its server half has in panels.server.ts. */
export const START_PANEL_VIEWS: Record<string, (props: { data: never }) => ReactNode> = {
  "meine-tickets": MyTicketsView,
  "zentrum-tickets": CentreBacklogView,
  "tickets-kommune": MunicipalityTicketsView,
  termine: NextEventsView,
  ansprechpersonen: ContactsView,
  kommune: MunicipalityView,
  verwaltung: AdministrationView,
  zentrum: CentreMembersView,
  verfahren: CompetencesView,
  bald: ComingSoonView,
  rollen: RolesView,
  konto: AccountView,
  // Training (issue 8, item 10)
  "meine-schulungen": MySeminarsView,
  "naechste-schulungen": NextTaughtSeminarsView,
  // Working groups (issue 9)
  beitrittsanfragen: JoinRequestsView,
  "meine-facharbeitskreise": MyGroupsView,
  "meine-aufgaben": MyActionItemsView,
};

export const PANEL_FAILED_MESSAGE = "Dieser Bereich kann gerade nicht geladen werden.";

/** One section per panel, headed by its title; a failed panel keeps its place with a short notice. */
export function StartPanels({ panels }: { panels: LoadedStartPanel[] }) {
  return (
    <>
      {panels.map((panel) => {
        const View = START_PANEL_VIEWS[panel.id] as ((props: { data: unknown }) => ReactNode) | undefined;
        const headingId = `bereich-${panel.id}`;
        return (
          <section key={panel.id} id={panel.id} aria-labelledby={headingId} className="start-panel">
            <h2 id={headingId}>{panel.title}</h2>
            {panel.state === "ready" && View ? (
              <View data={panel.data} />
            ) : (
              <Alert tone="warning" title="Nicht verfügbar">
                {PANEL_FAILED_MESSAGE}
              </Alert>
            )}
          </section>
        );
      })}
    </>
  );
}
