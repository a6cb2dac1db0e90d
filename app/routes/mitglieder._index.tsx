import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { formatDate } from "~/format";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { formatEuro, formatNumber } from "~/modules/members/levy";
import { listMembersByCentre } from "~/modules/members/queries.server";
import { ScrollableTable } from "~/components/table";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page; signing in only adds the admin links.
  const viewer = await getCurrentUser(request);
  const { centres, total } = await listMembersByCentre();
  const url = new URL(request.url);
  return {
    canEdit: viewer ? hasRole(viewer.roles, "admin") : false,
    saved: url.searchParams.has("gespeichert"),
    created: url.searchParams.has("angelegt"),
    centres: centres.map((c) => ({
      id: c.id,
      name: c.name,
      city: c.city,
      inhabitants: c.inhabitants,
      yearlyLevyCents: c.yearlyLevyCents,
      joiningFeeCents: c.joiningFeeCents,
      members: c.members.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        state: m.state,
        district: m.district,
        inhabitants: m.inhabitants,
        memberSince: m.memberSince,
        yearlyLevyCents: m.yearlyLevyCents,
        joiningFeeCents: m.joiningFeeCents,
      })),
    })),
    total,
  };
}

export const meta: MetaFunction = () => [
  { title: "Mitglieder – KAI-Portal" },
  { name: "description", content: "Die Mitgliedskommunen der KAI nach Zentren, mit Einwohnerzahl und Umlage." },
];

export default function Members() {
  const { canEdit, saved, created, centres, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mitglieder</h1>
      {saved ? <StatusMessage>Die Änderungen am Mitglied sind gespeichert.</StatusMessage> : null}
      {created ? <StatusMessage>Das neue Mitglied ist angelegt.</StatusMessage> : null}
      <p>
        Die KAI hat {total.members} Mitglieder mit zusammen rund {formatNumber(total.inhabitants)} Einwohnerinnen und Einwohnern. Jedes
        Mitglied zahlt eine jährliche Umlage von 1,50&nbsp;€ je Einwohner; bei Beitritt einmalig 0,50&nbsp;€ je Einwohner. Mehr dazu
        unter <a href="/konditionen">Konditionen</a>.
      </p>
      {canEdit ? (
        <p>
          <Link to="/mitglieder/neu" className="button">
            Mitglied hinzufügen
          </Link>
        </p>
      ) : null}

      <h2>Übersicht nach Zentren</h2>
      <ScrollableTable label="Übersicht nach Zentren" caption="Einwohner, Umlage und Beitrittsgeld je Zentrum">
          <thead>
            <tr>
              <th scope="col">Zentrum</th>
              <th scope="col" className="num">
                Mitglieder
              </th>
              <th scope="col" className="num">
                Einwohner
              </th>
              <th scope="col" className="num">
                Umlage pro Jahr
              </th>
              <th scope="col" className="num">
                Beitrittsgeld (einmalig)
              </th>
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`#zentrum-${c.id}`}>
                    Zentrum {c.name} ({c.city})
                  </a>
                </th>
                <td className="num">{c.members.length}</td>
                <td className="num">{formatNumber(c.inhabitants)}</td>
                <td className="num">{formatEuro(c.yearlyLevyCents)}</td>
                <td className="num">{formatEuro(c.joiningFeeCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Gesamt</th>
              <td className="num">{total.members}</td>
              <td className="num">{formatNumber(total.inhabitants)}</td>
              <td className="num">{formatEuro(total.yearlyLevyCents)}</td>
              <td className="num">{formatEuro(total.joiningFeeCents)}</td>
            </tr>
          </tfoot>
        </ScrollableTable>

      {centres.map((c) => {
        const label = `Zentrum ${c.name} (${c.city})`;
        return (
          <section key={c.id} aria-labelledby={`zentrum-${c.id}`}>
            <h2 id={`zentrum-${c.id}`}>{label}</h2>
            <ScrollableTable label={`Mitglieder ${label}`} caption={label}>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Art</th>
                    <th scope="col">Bundesland</th>
                    <th scope="col">Kreis</th>
                    <th scope="col" className="num">
                      Einwohner
                    </th>
                    <th scope="col">Mitglied seit</th>
                    <th scope="col" className="num">
                      Umlage pro Jahr
                    </th>
                    <th scope="col" className="num">
                      Beitrittsgeld (einmalig)
                    </th>
                    {canEdit ? <th scope="col">Aktion</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {c.members.map((m) => (
                    <tr key={m.id} id={`mitglied-${m.id}`}>
                      <th scope="row">{m.name}</th>
                      <td>{m.kind}</td>
                      <td>{m.state}</td>
                      <td>{m.district}</td>
                      <td className="num">{formatNumber(m.inhabitants)}</td>
                      <td>{m.memberSince ? formatDate(m.memberSince) : "nicht erfasst"}</td>
                      <td className="num">{formatEuro(m.yearlyLevyCents)}</td>
                      <td className="num">{formatEuro(m.joiningFeeCents)}</td>
                      {canEdit ? (
                        <td>
                          <Link to={`/mitglieder/${m.id}/bearbeiten`}>
                            Bearbeiten<span className="visually-hidden">: {m.name}</span>
                          </Link>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={4}>
                      Summe {label}: {c.members.length} Mitglieder
                    </th>
                    <td className="num">{formatNumber(c.inhabitants)}</td>
                    <td />
                    <td className="num">{formatEuro(c.yearlyLevyCents)}</td>
                    <td className="num">{formatEuro(c.joiningFeeCents)}</td>
                    {canEdit ? <td /> : null}
                  </tr>
                </tfoot>
              </ScrollableTable>
          </section>
        );
      })}
    </>
  );
}
