import { Link } from "@remix-run/react";
import type { StartPanelView } from "~/modules/start/panel";
import type { accountPanel, administrationPanel, competencesPanel, rolesPanel } from "./start-panels.server";

export const AdministrationView: StartPanelView<typeof administrationPanel> = ({ data }) => (
  <>
    <ul className="cards">
      {data.pages.map((p) => (
        <li key={p.to} className="card">
          <h3>
            <Link to={p.to}>{p.title}</Link>
          </h3>
          <p>{p.text}</p>
        </li>
      ))}
    </ul>
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
      <p>Ihnen sind noch keine Verfahren zugeordnet. Wenden Sie sich an Ihre Zentrumsleitung.</p>
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
  <ul className="cards">
    <li className="card">
      <h3>
        <Link to="/konto">Konto und Sicherheit</Link>
      </h3>
      <p>Passwort ändern, angemeldete Sitzungen sehen und beenden, Kalender-Abonnement verwalten.</p>
    </li>
  </ul>
);
