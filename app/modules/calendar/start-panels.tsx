import { Link } from "@remix-run/react";
import type { StartPanelView } from "~/modules/start/panel";
import type { nextEventsPanel } from "./start-panels.server";

export const NextEventsView: StartPanelView<typeof nextEventsPanel> = ({ data }) => (
  <>
    {data.events.length ? (
      <ul className="cards">
        {data.events.map((e) => (
          <li key={e.id} className="card">
            <h3>{e.title}</h3>
            <dl className="facts">
              {e.kind ? (
                <>
                  <dt>Art</dt>
                  <dd>{e.kind}</dd>
                </>
              ) : null}
              <dt>Wann</dt>
              <dd>
                <time dateTime={e.startsAt}>{e.when}</time>
              </dd>
              {e.location ? (
                <>
                  <dt>Ort</dt>
                  <dd>{e.location}</dd>
                </>
              ) : null}
            </dl>
            <p>
              {/* A file download, not a page: a plain link, no client-side navigation. */}
              <a href={e.icsPath} download>
                In den Kalender übernehmen (.ics)<span className="visually-hidden">: {e.title}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
    ) : (
      <p>Keine anstehenden Termine.</p>
    )}
    <p>
      Alle Termine laufend im eigenen Kalender: Das persönliche Kalender-Abonnement richten Sie unter{" "}
      <Link to="/konto">Mein Konto</Link> ein.
    </p>
  </>
);
