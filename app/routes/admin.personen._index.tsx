import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { requireRole } from "~/modules/auth/guards.server";
import { listPeople } from "~/modules/auth/people.server";
import { personStatus } from "~/modules/auth/person-status";
import { describeGrant } from "~/modules/auth/roles";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { ScrollableTable } from "~/components/table";

// The same answer whether the address was new or already had an account (ACCEPTANCE A9).
const INVITED_MESSAGE =
  "Die Einladung ist verschickt. Hat die Adresse bereits ein Konto, erhält die Person stattdessen einen Hinweis zur Anmeldung.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const [people, centres, municipalities] = await Promise.all([listPeople({ actor, search: q }), listCentres(), listMunicipalityNames()]);
  const names = {
    centres: new Map(centres.map((c) => [c.id, c.name])),
    municipalities: new Map(municipalities.map((m) => [m.id, m.name])),
  };
  return {
    q,
    invited: url.searchParams.has("eingeladen"),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      roles: p.roles.map((r) => describeGrant(r, names)),
      status: personStatus(p),
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "Personen – KAI-Portal" }];

export default function People() {
  const { q, invited, people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Personen</h1>
      {invited ? <StatusMessage>{INVITED_MESSAGE}</StatusMessage> : null}
      <p>
        <Link className="button" to="/admin/personen/einladen">
          Person einladen
        </Link>
      </p>
      <Form method="get" role="search" aria-label="Personen suchen" className="filters">
        <div className="field">
          <label htmlFor="q">Name oder E-Mail-Adresse</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <div className="field">
          <button type="submit" className="button">
            Suchen
          </button>
        </div>
      </Form>
      {people.length === 0 ? (
        <p>{q ? `Keine Person passt zu „${q}“.` : "Noch keine Personen."}</p>
      ) : (
        <ScrollableTable label="Personen" caption={<>{q ? `Personen passend zu „${q}“` : "Alle Personen"} ({people.length})</>}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-Mail-Adresse</th>
                <th scope="col">Rollen</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/admin/personen/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>{p.email}</td>
                  <td>{p.roles.length ? p.roles.join("; ") : "keine"}</td>
                  <td>{p.status}</td>
                </tr>
              ))}
            </tbody>
          </ScrollableTable>
      )}
    </>
  );
}
