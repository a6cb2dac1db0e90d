import { Link } from "@remix-run/react";
import { Badge } from "~/components/badge";
import { EmptyState } from "~/components/empty-state";
import type { StartPanelView } from "~/modules/start/panel";
import type { joinRequestsPanel, myActionItemsPanel, myGroupsPanel } from "./start-panels.server";

export const JoinRequestsView: StartPanelView<typeof joinRequestsPanel> = ({ data }) =>
  data.requests.length ? (
    <>
      <ul className="ticket-brief-list">
        {data.requests.map((r) => (
          <li key={r.id}>
            <Link to={r.link}>
              {r.name} ({r.municipality})
            </Link>
            <br />
            Facharbeitskreis {r.group} · angefragt am <time dateTime={r.sinceIso}>{r.since}</time>
          </li>
        ))}
      </ul>
      {data.total > data.requests.length ? <p>Insgesamt {data.total} offene Anfragen.</p> : null}
    </>
  ) : (
    <EmptyState title="Keine offenen Beitrittsanfragen.">
      <p>
        Wer um Aufnahme in Ihren Facharbeitskreis bittet, erscheint hier; Sie erhalten außerdem eine E-Mail. Zu den <Link to="/facharbeitskreise">Facharbeitskreisen</Link>
      </p>
    </EmptyState>
  );

export const MyGroupsView: StartPanelView<typeof myGroupsPanel> = ({ data }) => (
  <ul className="ticket-brief-list">
    {data.groups.map((g) => (
      <li key={g.id}>
        <Link to={g.link}>Facharbeitskreis {g.name}</Link> {g.chair ? <Badge tone="info">Vorsitz</Badge> : null}
        <br />
        {g.next ? (
          <>
            Nächste Sitzung: <Link to={g.next.link}>{g.next.title}</Link>, <time dateTime={g.next.startsAt}>{g.next.when}</time>
          </>
        ) : (
          "Keine Sitzung geplant."
        )}
      </li>
    ))}
  </ul>
);

export const MyActionItemsView: StartPanelView<typeof myActionItemsPanel> = ({ data }) =>
  data.items.length ? (
    <>
      <ul className="ticket-brief-list">
        {data.items.map((a) => (
          <li key={a.id}>
            <Link to={a.path}>{a.title}</Link>
            <br />
            {a.group} · fällig am <time dateTime={a.dueOn}>{a.due}</time> {a.overdue ? <Badge tone="danger">überfällig</Badge> : a.status === "vertagt" ? <Badge tone="warning">vertagt</Badge> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/facharbeitskreise/aufgaben">{data.more ? "Alle meine Aufgaben" : "Zu meinen Aufgaben"}</Link>
      </p>
    </>
  ) : (
    <EmptyState title="Sie haben keine offenen Aufgaben aus einem Facharbeitskreis.">
      <p>
        Aufgaben aus freigegebenen Protokollen, die Sie übernommen haben, erscheinen hier mit ihrem Fälligkeitsdatum. Erledigte finden Sie unter{" "}
        <Link to="/facharbeitskreise/aufgaben">Meine Aufgaben</Link>.
      </p>
    </EmptyState>
  );
