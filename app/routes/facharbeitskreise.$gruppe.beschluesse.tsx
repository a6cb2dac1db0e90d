import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { plainField, SelectField, TextField } from "~/components/forms";
import { DataTable } from "~/components/table";
import { berlinYear } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { formatDecisionNumber } from "~/modules/groups/decision-number";
import { decisionRegister } from "~/modules/groups/decisions.server";
import { groupIdFromSlug, groupSlug } from "~/modules/groups/group-access.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { text } from "~/validation";

/** The decisions register of a group (issue 9, item 8): every numbered decision, searchable by text or number, by year; every signed-in person. */
const filterSchema = z.object({
  q: text().max(200, "Höchstens 200 Zeichen.").default(""),
  jahr: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1000).max(9999).optional()),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const url = new URL(request.url);
  const parsed = filterSchema.safeParse({ q: url.searchParams.get("q") ?? "", jahr: url.searchParams.get("jahr") ?? "" });
  const filter = parsed.success ? parsed.data : { q: "", jahr: undefined };
  const register = await decisionRegister({ user, groupId, q: filter.q, year: filter.jahr });
  const body = {
    group: { ...register.group, slug: groupSlug(groupId) },
    years: register.years,
    decisions: register.decisions.map((d) => ({ ...d, text: hyphenate(d.text) })),
    filter: { q: filter.q, jahr: filter.jahr ? String(filter.jahr) : "" },
    error: parsed.success ? null : "Die Suche ist ungültig; es werden alle Beschlüsse gezeigt.",
    numberExample: formatDecisionNumber(groupId, berlinYear(), 7),
  };
  return parsed.success ? body : data(body, { status: 400 });
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { group?: { name: string; slug: string } } | undefined) => (d?.group ? [{ label: d.group.name, to: `/facharbeitskreise/${d.group.slug}` }, { label: "Beschlüsse" }] : [{ label: "Beschlüsse" }]),
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Beschlüsse: ${d.group.name}` : "Beschlüsse", "facharbeitskreise") }];

type Row = ReturnType<typeof useLoaderData<typeof loader>>["decisions"][number];

export default function DecisionRegister() {
  const { group, years, decisions, filter, error, numberExample } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q || filter.jahr);
  return (
    <>
      <h1>Beschlüsse: {group.name}</h1>
      <p>Alle Beschlüsse des Facharbeitskreises aus freigegebenen Protokollen, die neuesten zuerst.</p>
      <Form method="get" className="filters stack" role="search" aria-label="Beschlüsse durchsuchen">
        <TextField field={plainField({ name: "q", id: "q", value: filter.q, error: error ?? undefined })} label="Suche" type="search" hint={`Im Text oder nach Nummer, z. B. ${numberExample}.`} />
        <SelectField field={plainField({ name: "jahr", id: "jahr", value: filter.jahr })} label="Jahr" placeholder="Alle Jahre" options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <div className="button-row">
          <Button variant="secondary">Suchen</Button>
          {filtered ? <Link to={`/facharbeitskreise/${group.slug}/beschluesse`}>Alle zeigen</Link> : null}
        </div>
      </Form>
      {decisions.length ? (
        <DataTable<Row>
          caption={filtered ? `${decisions.length} ${decisions.length === 1 ? "Beschluss" : "Beschlüsse"} gefunden` : `${decisions.length} ${decisions.length === 1 ? "Beschluss" : "Beschlüsse"}`}
          rows={decisions}
          rowKey={(d) => d.id}
          columns={[
            { key: "number", header: "Nummer", rowHeader: true, cell: (d) => <Link to={d.item.path}>{d.number}</Link> },
            { key: "text", header: "Beschluss", cell: (d) => <span className="pre-line">{d.text}</span> },
            { key: "votes", header: "Abstimmung", cell: (d) => d.votes ?? "–" },
            { key: "date", header: "Datum", cell: (d) => d.date },
            {
              key: "meeting",
              header: "Sitzung",
              cell: (d) => (
                <>
                  <Link to={d.meeting.path}>{d.meeting.title}</Link>, <Link to={d.item.path}>TOP {d.item.position}: {d.item.title}</Link>
                </>
              ),
            },
          ]}
        />
      ) : (
        <EmptyState title={filtered ? "Keine Beschlüsse gefunden." : "Der Facharbeitskreis hat noch keine Beschlüsse."} />
      )}
    </>
  );
}
