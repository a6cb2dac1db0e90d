import { Link } from "@remix-run/react";
import { Badge } from "~/components/badge";
import { LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ProgressBar } from "~/components/progress";
import type { StartPanelView } from "~/modules/start/panel";
import { SEMINAR_STATUS_LABELS } from "./labels";
import type { mySeminarsPanel, nextTaughtSeminarsPanel } from "./start-panels.server";

export const MySeminarsView: StartPanelView<typeof mySeminarsPanel> = ({ data }) =>
  data.seminars.length ? (
    <>
      <ul className="ticket-brief-list">
        {data.seminars.map((s) => (
          <li key={s.id}>
            <Link to={`/schulungen/${s.id}`}>{s.title}</Link>
            <br />
            {s.startsAt ? <time dateTime={s.startsAt}>{s.when}</time> : s.when} · Zentrum {s.centre} ·{" "}
            {s.status === "bestaetigt" ? <Badge tone="success">Platz bestätigt</Badge> : <Badge tone="warning">Warteliste, Platz {s.waitingPosition}</Badge>}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/schulungen">Zum Schulungskalender</Link>
      </p>
    </>
  ) : (
    <EmptyState title="Sie sind zu keiner anstehenden Schulung angemeldet.">
      <p>
        Im <Link to="/schulungen">Schulungskalender</Link> finden Sie alle Schulungen und Informations&shy;veranstaltungen und können sich anmelden.
      </p>
    </EmptyState>
  );

export const NextTaughtSeminarsView: StartPanelView<typeof nextTaughtSeminarsPanel> = ({ data }) => (
  <>
    {data.seminars.length ? (
      <ul className="ticket-brief-list">
        {data.seminars.map((s) => (
          <li key={s.id}>
            <Link to={`/schulungen/${s.id}`}>{s.title}</Link> <Badge tone={s.status === "veroeffentlicht" ? "success" : "info"}>{SEMINAR_STATUS_LABELS[s.status]}</Badge>
            <br />
            {s.startsAt ? <time dateTime={s.startsAt}>{s.when}</time> : s.when} · Anmeldeschluss {s.deadline}
            <ProgressBar label="Belegt" value={s.confirmedSeats} max={s.capacity} unit="Plätzen" />
            {s.waitingPeople ? <p>Warteliste: {s.waitingPeople} {s.waitingPeople === 1 ? "Person" : "Personen"}</p> : null}
          </li>
        ))}
      </ul>
    ) : (
      <EmptyState title="Sie haben keine anstehende Schulung." />
    )}
    <p className="button-row">
      <LinkButton to="/schulungen/neu">Neue Schulung</LinkButton> <Link to="/schulungen/planung">Zur Planung</Link>
    </p>
  </>
);
