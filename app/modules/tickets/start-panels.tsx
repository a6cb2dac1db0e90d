import { Link } from "@remix-run/react";
import { Badge, PriorityBadge } from "~/components/badge";
import { LinkButton } from "~/components/button";
import type { StartPanelView } from "~/modules/start/panel";
import { ticketStatusLabel } from "./lifecycle";
import { slaBadgeTone } from "./sla-badge";
import type { centreBacklogPanel, municipalityTicketsPanel, myTicketsPanel } from "./start-panels.server";

type Brief = Awaited<ReturnType<(typeof myTicketsPanel)["load"]>>["tickets"];

function TicketList({ tickets, withSla = true }: { tickets: Brief; withSla?: boolean }) {
  return (
    <ul className="ticket-brief-list">
      {tickets.map((t) => (
        <li key={t.number}>
          <Link to={`/betreuung/tickets/${t.number}`}>
            {t.number}: {t.title}
          </Link>
          <br />
          {t.municipality} · {ticketStatusLabel(t.status)} · <PriorityBadge priority={t.priority} />
          {withSla && t.sla ? (
            <>
              {" "}
              <Badge tone={slaBadgeTone(t.sla.level, t.sla.paused)}>{t.sla.text}</Badge>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export const MyTicketsView: StartPanelView<typeof myTicketsPanel> = ({ data }) => (
  <>
    <p>
      Ihnen zugewiesen: {data.mine} offene {data.mine === 1 ? "Ticket" : "Tickets"}. Nicht zugewiesen in Ihrem Zentrum:{" "}
      <Link to="/betreuung/tickets?ansicht=offen">{data.unassigned}</Link>.
    </p>
    {data.tickets.length ? <TicketList tickets={data.tickets} /> : <p>Ihnen ist gerade kein offenes Ticket zugewiesen.</p>}
    <p>
      <Link to="/betreuung/tickets?ansicht=meine">Alle meine Tickets</Link>
    </p>
  </>
);

export const CentreBacklogView: StartPanelView<typeof centreBacklogPanel> = ({ data }) => (
  <>
    <p>
      Offen: <Link to="/betreuung/tickets?ansicht=zentrum">{data.open}</Link> · nicht zugewiesen: <Link to="/betreuung/tickets?ansicht=offen">{data.unassigned}</Link> · mit
      SLA-Risiko{data.scannedAll ? "" : " (unter den ältesten)"}: {data.atRiskCount}
    </p>
    {data.atRisk.length ? <TicketList tickets={data.atRisk} /> : <p>Kein offenes Ticket ist in Gefahr, sein Ziel zu verfehlen.</p>}
  </>
);

export const MunicipalityTicketsView: StartPanelView<typeof municipalityTicketsPanel> = ({ data }) => (
  <>
    {data.tickets.length ? <TicketList tickets={data.tickets} withSla={false} /> : <p>Ihre Kommune hat gerade kein offenes Ticket.</p>}
    <p className="button-row">
      <LinkButton to="/betreuung/neu">Ticket anlegen</LinkButton> <Link to="/betreuung/tickets">Alle Tickets meiner Kommune</Link>
    </p>
  </>
);
