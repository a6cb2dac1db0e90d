import { Link } from "@remix-run/react";
import { Card, CardGrid } from "~/components/card";
import type { StartPanelView } from "~/modules/start/panel";
import type { accountPanel, administrationPanel, competencesPanel, rolesPanel } from "./start-panels.server";

export const AdministrationView: StartPanelView<typeof administrationPanel> = ({ data }) => (
  <>
    <CardGrid>
      {data.pages.map((p) => (
        <li key={p.to}>
          <Card title={p.title} to={p.to}>
            <p className="kern-body">{p.text}</p>
          </Card>
        </li>
      ))}
    </CardGrid>
    {data.isAdmin ? null : <p>Personen, Rollen und Mitgliedsdaten pflegt die Administration der KAI-Gruppe.</p>}
  </>
);

export const CompetencesView: StartPanelView<typeof competencesPanel> = ({ data }) => (
  <>
    {data.procedures.length ? (
      <ul>
        {data.procedures.map((p) => (
          <li key={p.code}>
            KAI-{p.code}: {p.name}
          </li>
        ))}
      </ul>
    ) : (
      <p>Ihnen sind noch keine Verfahren zugeordnet. Wenden Sie sich an die Geschäftsführung Ihres Zentrums.</p>
    )}
    <p>
      Module und Hinweise zur Betreuung stehen im <Link to="/verfahren">Verfahrenskatalog</Link>.
    </p>
  </>
);

export const RolesView: StartPanelView<typeof rolesPanel> = ({ data }) =>
  data.roles.length ? (
    <ul>
      {data.roles.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  ) : (
    <p>Ihnen ist noch keine Rolle zugewiesen. Wenden Sie sich bei Bedarf an die KAI-Gruppe.</p>
  );

export const AccountView: StartPanelView<typeof accountPanel> = () => (
  <CardGrid>
    <li>
      <Card title="Konto und Sicherheit" to="/konto">
        <p className="kern-body">Passwort ändern, angemeldete Geräte sehen und abmelden, Kalender-Abonnement verwalten.</p>
      </Card>
    </li>
  </CardGrid>
);
