import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { loadStartPage } from "~/modules/auth/start-page.server";
import { formatEuro, formatNumber } from "~/modules/members/levy";
import { ScrollableTable } from "~/components/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadStartPage({ user });
}

export const meta: MetaFunction = () => [{ title: "Übersicht – KAI-Portal" }];

/** Only pages that exist today; later issues add tickets, seminars, working groups, newsletter. */
const ADMIN_CARDS = [
  { to: "/admin/personen", title: "Personen", text: "Personen einladen, Rollen vergeben und Konten deaktivieren." },
  { to: "/mitglieder", title: "Mitglieder", text: "Mitgliedskommunen bearbeiten und neue Mitglieder aufnehmen." },
  { to: "/admin/postfach", title: "Postfach", text: "Vom Portal versandte E-Mails lesen, wenn kein Mailserver angebunden ist." },
  { to: "/admin/audit", title: "Protokoll", text: "Nachvollziehen, wer wann was geändert hat." },
];

export default function Start() {
  const { name, roles, isAdmin, centres, competences, municipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Willkommen, {name}</h1>
      <section aria-labelledby="rollen">
        <h2 id="rollen">Ihre Rollen</h2>
        {roles.length ? (
          <ul>
            {roles.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p>Ihnen ist noch keine Rolle zugewiesen. Wenden Sie sich bei Bedarf an die KAI-Gruppe.</p>
        )}
      </section>

      {isAdmin ? (
        <section aria-labelledby="verwaltung">
          <h2 id="verwaltung">Verwaltung</h2>
          <ul className="cards">
            {ADMIN_CARDS.map((c) => (
              <li key={c.to} className="card">
                <h3>
                  <Link to={c.to}>{c.title}</Link>
                </h3>
                <p>{c.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {competences.length ? (
        <section aria-labelledby="kompetenzen">
          <h2 id="kompetenzen">Ihre Verfahren in der Betreuung</h2>
          <ul>
            {competences.map((p) => (
              <li key={p.code}>
                KAI-{p.code}: {p.name}
              </li>
            ))}
          </ul>
          <p>
            Module und Hinweise zur Betreuung stehen im <Link to="/verfahren">Verfahrenskatalog</Link>.
          </p>
        </section>
      ) : null}

      {centres.map((c) => {
        const label = `Zentrum ${c.name} (${c.city})`;
        return (
          <section key={c.id} aria-labelledby={`zentrum-${c.id}`}>
            <h2 id={`zentrum-${c.id}`}>Mitglieder im {label}</h2>
            <ScrollableTable label={`Mitglieder im ${label}`} caption={<>{c.members.length} Mitglieder, zusammen {formatNumber(c.inhabitants)} Einwohner</>}>
                <thead>
                  <tr>
                    <th scope="col">Kommune</th>
                    <th scope="col" className="num">
                      Einwohner
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.name}</th>
                      <td className="num">{formatNumber(m.inhabitants)}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollableTable>
          </section>
        );
      })}

      {municipalities.map((m) => (
        <section key={m.id} aria-labelledby={`kommune-${m.id}`}>
          <h2 id={`kommune-${m.id}`}>Ihre Kommune: {m.name}</h2>
          <dl className="facts">
            <dt>Art</dt>
            <dd>{m.kind}</dd>
            <dt>Kreis</dt>
            <dd>{m.district}</dd>
            <dt>Zentrum</dt>
            <dd>
              Zentrum {m.centreName} ({m.centreCity})
            </dd>
            <dt>Einwohner</dt>
            <dd>{formatNumber(m.inhabitants)}</dd>
            <dt>Mitglied seit</dt>
            <dd>{m.memberSince ? formatDate(m.memberSince) : "nicht erfasst"}</dd>
            <dt>Umlage pro Jahr</dt>
            <dd>{formatEuro(m.yearlyLevyCents)}</dd>
          </dl>
        </section>
      ))}

      <section aria-labelledby="konto">
        <h2 id="konto">Mein Konto</h2>
        <ul className="cards">
          <li className="card">
            <h3>
              <Link to="/konto">Konto und Sicherheit</Link>
            </h3>
            <p>Passwort ändern, angemeldete Geräte sehen und dort abmelden, Kalender-Abonnement verwalten.</p>
          </li>
        </ul>
      </section>
    </>
  );
}
