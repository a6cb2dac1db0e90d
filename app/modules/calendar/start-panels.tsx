import { Link } from "@remix-run/react";
import { BreakableText } from "~/components/breakable-text";
import { Card, CardGrid } from "~/components/card";
import { DescriptionList } from "~/components/description-list";
import { EmptyState } from "~/components/empty-state";
import type { StartPanelView } from "~/modules/start/panel";
import type { nextEventsPanel } from "./start-panels.server";

export const NextEventsView: StartPanelView<typeof nextEventsPanel> = ({ data }) => (
  <>
    {data.events.length ? (
      <CardGrid>
        {data.events.map((e) => (
          <li key={e.id}>
            <Card
              title={e.title}
              preline={e.kind ?? undefined}
              footer={
                // A file download, not a page: a plain link, no client-side navigation.
                <a href={e.icsPath} download>
                  In den Kalender übernehmen (.ics)<span className="visually-hidden">: {e.title}</span>
                </a>
              }
            >
              <DescriptionList
                items={[
                  { term: "Wann", value: <time dateTime={e.startsAt}>{e.when}</time> },
                  { term: "Ort", value: e.location ? <BreakableText text={e.location} /> : null },
                ]}
              />
            </Card>
          </li>
        ))}
      </CardGrid>
    ) : (
      <EmptyState title="Keine anstehenden Termine." />
    )}
    <p>
      Alle Termine laufend im eigenen Kalender: Das persönliche Kalender-Abonnement richten Sie unter{" "}
      <Link to="/konto">Mein Konto</Link> ein.
    </p>
  </>
);
