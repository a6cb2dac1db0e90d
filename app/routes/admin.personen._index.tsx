import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusMessage, TextField, plainField } from "~/components/forms";
import { requireRole } from "~/modules/auth/guards.server";
import { listPeople } from "~/modules/auth/people.server";
import { personStatus } from "~/modules/auth/person-status";
import { describeGrant } from "~/modules/auth/roles";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { DataTable } from "~/components/table";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { pageTitle, type PageHandle } from "~/components/areas";
import { EmailText } from "~/components/contact-links";

// The same answer whether the address was new or already had an account (ACCEPTANCE A9).
const INVITED_MESSAGE =
  "Die Einladung ist verschickt. Hat die Adresse bereits ein Konto, erhält die Person stattdessen einen Hinweis zur Anmeldung.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
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

export const handle: PageHandle = { area: "verwaltung", breadcrumb: { label: "Personen" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Personen", "verwaltung") }];

export default function People() {
  const { q, invited, people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Personen</h1>
      {invited ? <StatusMessage>{INVITED_MESSAGE}</StatusMessage> : null}
      <ButtonRow>
        <LinkButton to="/admin/personen/einladen">Person einladen</LinkButton>
      </ButtonRow>
      <Form method="get" role="search" aria-label="Personen suchen" className="filters">
        <TextField field={plainField({ name: "q", value: q, maxLength: 100 })} label="Name oder E-Mail-Adresse" type="search" />
        <ButtonRow>
          <Button>Suchen</Button>
          {q ? <Link to="/admin/personen">Suche zurücksetzen</Link> : null}
        </ButtonRow>
      </Form>
      {people.length === 0 ? (
        <EmptyState title={q ? `Keine Person passt zu „${q}“.` : "Noch keine Personen."}>
          {q ? <p>Prüfen Sie die Schreibweise oder suchen Sie nach einem Teil des Namens oder der E-Mail-Adresse.</p> : null}
        </EmptyState>
      ) : (
        <DataTable
          caption={`${q ? `Personen passend zu „${q}“` : "Alle Personen"} (${people.length})`}
          rows={people}
          rowKey={(p) => p.id}
          columns={[
            { key: "name", header: "Name", rowHeader: true, cell: (p) => <Link to={`/admin/personen/${p.id}`}>{p.name}</Link> },
            { key: "email", header: "E-Mail-Adresse", cell: (p) => <EmailText email={p.email} /> },
            { key: "roles", header: "Rollen", cell: (p) => (p.roles.length ? p.roles.join("; ") : "keine") },
            { key: "status", header: "Status", cell: (p) => p.status },
          ]}
        />
      )}
    </>
  );
}
