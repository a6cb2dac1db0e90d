import { Link } from "@remix-run/react";
import { Badge } from "~/components/badge";
import { EmptyState } from "~/components/empty-state";
import type { StartPanelView } from "~/modules/start/panel";
import type { myActionItemsPanel } from "./start-panels.server";

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
