import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { CentreContact, centreContactFields } from "~/components/centre-contact";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, plainField, SelectField, StatusMessage, TextField } from "~/components/forms";
import { DataTable, TotalCell } from "~/components/table";
import { pageTitle, type PageHandle } from "~/components/areas";
import { formatDate } from "~/format";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { formatEuro, formatNumber, joiningFeeCents, yearlyLevyCents } from "~/modules/members/levy";
import { getMember, listMembersByCentre } from "~/modules/members/queries.server";
import { memberFilterSchema, STATES } from "~/modules/members/validation";
import { parseRowId } from "~/validation";

const FILTER_FIELDS = { zentrum: "zentrum-filter", bundesland: "bundesland-filter", q: "suche" } as const;
type FilterKey = keyof typeof FILTER_FIELDS;

/** Each filter on its own: a bad value drops only that filter, and the page says so (D16, D18). */
function parseFilter(params: URLSearchParams) {
  const value: { zentrum?: string; bundesland?: string; q?: string } = {};
  const errors: { id: string; message: string }[] = [];
  for (const key of Object.keys(FILTER_FIELDS) as FilterKey[]) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = memberFilterSchema.shape[key].safeParse(raw);
    if (parsed.success) value[key] = parsed.data || undefined;
    else errors.push({ id: FILTER_FIELDS[key], message: parsed.error.issues[0].message });
  }
  return { value, errors };
}

/** `?gespeichert=<id>` / `?angelegt=<id>` after a redirect: a message naming the member and its levy. */
async function doneMessage(params: URLSearchParams) {
  for (const [key, verb] of [["gespeichert", "gespeichert"], ["angelegt", "als Mitglied angelegt"]] as const) {
    const raw = params.get(key);
    const id = parseRowId(raw);
    if (id === null) continue;
    const member = await getMember(id);
    if (!member) continue;
    const levy = `Umlage pro Jahr: ${formatEuro(yearlyLevyCents(member.inhabitants))}.`;
    const fee = key === "angelegt" ? ` Beitrittsgeld (einmalig): ${formatEuro(joiningFeeCents(member.inhabitants))}.` : "";
    return { memberId: member.id, text: `${member.name} ${verb}. ${levy}${fee}` };
  }
  return null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public page; signing in only adds the admin links.
  const viewer = await getCurrentUser(request, context);
  const url = new URL(request.url);
  const filter = parseFilter(url.searchParams);
  const [list, done] = await Promise.all([
    listMembersByCentre({ centreId: filter.value.zentrum, state: filter.value.bundesland, q: filter.value.q }),
    doneMessage(url.searchParams),
  ]);
  const body = {
    canEdit: viewer ? hasRole(viewer.roles, "admin") : false,
    inAdministration: viewer ? hasRole(viewer.roles, "admin", "centre_manager") : false,
    done,
    filter: filter.value,
    filterErrors: filter.errors,
    filtered: list.filtered,
    shown: list.shown,
    showMemberSince: list.anyMemberSince,
    centres: list.centres.map((c) => ({
      ...centreContactFields(c),
      memberCount: c.memberCount,
      inhabitants: c.inhabitants,
      yearlyLevyCents: c.yearlyLevyCents,
      joiningFeeCents: c.joiningFeeCents,
      shown: c.shown,
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
    total: list.total,
  };
  return filter.errors.length ? data(body, { status: 400 }) : body;
}

// For admins and centre managers the list is part of Verwaltung; for everyone else a public page.
export const handle: PageHandle = {
  area: (data: { inAdministration?: boolean } | undefined) => (data?.inAdministration ? "verwaltung" : undefined),
  breadcrumb: { label: "Mitglieder" },
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Mitglieder", data?.inAdministration ? "verwaltung" : "Über KAI") },
  { name: "description", content: "Die Mitgliedskommunen der KAI nach Zentren, mit Einwohnerzahl und Umlage." },
];

export default function Members() {
  const { canEdit, done, filter, filterErrors, filtered, shown, showMemberSince, centres, total } = useLoaderData<typeof loader>();
  // Back from the edit form: the browser scrolls to #mitglied-<id>; focus follows for keyboard users.
  const savedId = done?.memberId;
  useEffect(() => {
    if (savedId) document.getElementById(`mitglied-${savedId}`)?.focus();
  }, [savedId]);
  const visible = filtered ? centres.filter((c) => c.members.length > 0) : centres;
  const errorFor = (id: string) => filterErrors.find((e) => e.id === id)?.message;
  return (
    <>
      <h1>Mitglieder</h1>
      {done ? <StatusMessage>{done.text}</StatusMessage> : null}
      <p>
        Die KAI hat {total.members} Mitglieder mit zusammen rund {formatNumber(total.inhabitants)} Einwohnerinnen und Einwohnern. Jedes
        Mitglied zahlt eine jährliche Umlage von 1,50&nbsp;€ je Einwohner; bei Beitritt einmalig 0,50&nbsp;€ je Einwohner. Mehr dazu
        unter <a href="/konditionen">Konditionen</a>.
      </p>
      {canEdit ? (
        <ButtonRow>
          <LinkButton to="/mitglieder/neu">Mitglied hinzufügen</LinkButton>
        </ButtonRow>
      ) : null}

      <h2>Übersicht nach Zentren</h2>
      <DataTable
        caption="Einwohner, Umlage und Beitrittsgeld je Zentrum"
        rows={centres}
        rowKey={(c) => c.id}
        columns={[
          {
            key: "centre",
            header: "Zentrum",
            rowHeader: true,
            cell: (c) => (
              <a href={`#zentrum-${c.id}`}>
                Zentrum {c.name} ({c.city})
              </a>
            ),
          },
          { key: "members", header: "Mitglieder", numeric: true, cell: (c) => c.memberCount },
          { key: "inhabitants", header: "Einwohner", numeric: true, cell: (c) => formatNumber(c.inhabitants) },
          { key: "levy", header: "Umlage pro Jahr", numeric: true, cell: (c) => formatEuro(c.yearlyLevyCents) },
          { key: "fee", header: "Beitrittsgeld (einmalig)", numeric: true, cell: (c) => formatEuro(c.joiningFeeCents) },
        ]}
        footer={
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__header">
              Gesamt
            </th>
            <TotalCell label="Mitglieder">{total.members}</TotalCell>
            <TotalCell label="Einwohner">{formatNumber(total.inhabitants)}</TotalCell>
            <TotalCell label="Umlage pro Jahr">{formatEuro(total.yearlyLevyCents)}</TotalCell>
            <TotalCell label="Beitrittsgeld (einmalig)">{formatEuro(total.joiningFeeCents)}</TotalCell>
          </tr>
        }
      />

      <h2 id="mitglieder-suchen">Mitglieder suchen</h2>
      <ErrorSummary errors={filterErrors} />
      <Form method="get" role="search" aria-labelledby="mitglieder-suchen" className="filters">
        <SelectField
          field={plainField({ name: "zentrum", id: FILTER_FIELDS.zentrum, value: filter.zentrum, error: errorFor(FILTER_FIELDS.zentrum) })}
          label="Zentrum"
          placeholder="Alle Zentren"
          options={centres.map((c) => ({ value: c.id, label: `Zentrum ${c.name} (${c.city})` }))}
        />
        <SelectField
          field={plainField({ name: "bundesland", id: FILTER_FIELDS.bundesland, value: filter.bundesland, error: errorFor(FILTER_FIELDS.bundesland) })}
          label="Bundesland"
          placeholder="Alle Bundesländer"
          options={STATES.map((s) => ({ value: s, label: s }))}
        />
        <TextField
          field={plainField({ name: "q", id: FILTER_FIELDS.q, value: filter.q, error: errorFor(FILTER_FIELDS.q), maxLength: 100 })}
          label="Name"
          type="search"
        />
        <ButtonRow>
          <Button>Filtern</Button>
          {filtered || filterErrors.length ? <Link to="/mitglieder">Filter zurücksetzen</Link> : null}
        </ButtonRow>
      </Form>
      <p role="status" aria-live="polite">
        {shown} von {total.members} Mitgliedern
      </p>
      {visible.length === 0 ? (
        <EmptyState title="Kein Mitglied passt zu den gewählten Filtern.">
          <p>
            <Link to="/mitglieder">Filter zurücksetzen</Link> und alle Mitglieder anzeigen.
          </p>
        </EmptyState>
      ) : null}

      {visible.map((c) => {
        const label = `Zentrum ${c.name} (${c.city})`;
        return (
          <section key={c.id} aria-labelledby={`zentrum-${c.id}`}>
            <h2 id={`zentrum-${c.id}`}>{label}</h2>
            <CentreContact centre={c} />
            <DataTable
              caption={filtered ? `${label}: ${c.members.length} von ${c.memberCount} Mitgliedern` : `Mitglieder im ${label}`}
              rows={c.members}
              rowKey={(m) => m.id}
              rowId={(m) => `mitglied-${m.id}`}
              rowClassName={(m) => (done?.memberId === m.id ? "member-row--saved" : undefined)}
              columns={[
                {
                  key: "name",
                  header: "Name",
                  rowHeader: true,
                  // The edit link in the name's cell, not in a column of its own: the table stays narrower.
                  cell: (m) =>
                    canEdit ? (
                      <>
                        {m.name}{" "}
                        <Link className="data-table__row-action" to={`/mitglieder/${m.id}/bearbeiten`}>
                          Bearbeiten<span className="visually-hidden">: {m.name}</span>
                        </Link>
                      </>
                    ) : (
                      m.name
                    ),
                },
                { key: "kind", header: "Art", cell: (m) => m.kind },
                { key: "state", header: "Bundesland", cell: (m) => m.state },
                { key: "district", header: "Kreis", cell: (m) => m.district },
                { key: "inhabitants", header: "Einwohner", numeric: true, cell: (m) => formatNumber(m.inhabitants) },
                ...(showMemberSince
                  ? [{ key: "since", header: "Mitglied seit", cell: (m: (typeof c.members)[number]) => (m.memberSince ? formatDate(m.memberSince) : "nicht erfasst") }]
                  : []),
                { key: "levy", header: "Umlage pro Jahr", numeric: true, cell: (m) => formatEuro(m.yearlyLevyCents) },
                { key: "fee", header: "Beitrittsgeld (einmalig)", numeric: true, cell: (m) => formatEuro(m.joiningFeeCents) },
              ]}
              footer={
                <tr className="kern-table__row">
                  <th scope="row" colSpan={4} className="kern-table__header">
                    {filtered ? `Summe der ${c.shown.members} angezeigten Mitglieder` : `Summe ${label}: ${c.memberCount} Mitglieder`}
                  </th>
                  <TotalCell label="Einwohner">{formatNumber(c.shown.inhabitants)}</TotalCell>
                  {showMemberSince ? <td className="kern-table__cell" /> : null}
                  <TotalCell label="Umlage pro Jahr">{formatEuro(c.shown.yearlyLevyCents)}</TotalCell>
                  <TotalCell label="Beitrittsgeld (einmalig)">{formatEuro(c.shown.joiningFeeCents)}</TotalCell>
                </tr>
              }
            />
          </section>
        );
      })}
    </>
  );
}
