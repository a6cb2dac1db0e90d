import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge, PriorityBadge } from "~/components/badge";
import { Button, LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, plainField, SelectField, TextField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { DataTable } from "~/components/table";
import { Tabs } from "~/components/tabs";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { listMembersByCentre } from "~/modules/members/queries.server";
import { isTicketStaff } from "~/modules/tickets/access.server";
import { filingCatalogue } from "~/modules/tickets/filing.server";
import { TICKET_STATUSES, ticketStatusLabel, type TicketStatus } from "~/modules/tickets/lifecycle";
import { TICKET_PRIORITIES } from "~/modules/tickets/priorities";
import { TICKET_SORT_KEYS, TICKET_VIEWS, type TicketView } from "~/modules/tickets/list-options";
import { assignableStaff, listTickets, ticketCounts } from "~/modules/tickets/queries.server";
import { slaBadgeTone } from "~/modules/tickets/sla-badge";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { parseQueryFilters, text, rowIdField } from "~/validation";

const id = rowIdField();
/** Every filter is checked against an allow-list (D18); a bad one is dropped and named. */
const FILTERS = {
  ansicht: z.enum(TICKET_VIEWS),
  status: z.enum(TICKET_STATUSES),
  zentrum: z.enum(["nord", "mitte", "west", "sued"]),
  verfahren: id,
  prioritaet: z.enum(TICKET_PRIORITIES),
  zustaendig: z.string().uuid(),
  kommune: id,
  q: text().max(200, "Der Suchbegriff darf höchstens 200 Zeichen lang sein."),
  sortierung: z.enum(TICKET_SORT_KEYS),
  richtung: z.enum(["asc", "desc"]),
  page: z.coerce.number().int().min(1).max(100_000),
} as const;
const FILTER_MESSAGES: Record<keyof typeof FILTERS, string> = {
  ansicht: "Diese Ansicht gibt es nicht.",
  status: "Diesen Status gibt es nicht.",
  zentrum: "Dieses Zentrum gibt es nicht.",
  verfahren: "Dieses Verfahren gibt es nicht.",
  prioritaet: "Diese Priorität gibt es nicht.",
  zustaendig: "Diese Person gibt es nicht.",
  kommune: "Diese Kommune gibt es nicht.",
  q: "Bitte einen gültigen Suchbegriff eingeben.",
  sortierung: "Nach dieser Spalte kann nicht sortiert werden.",
  richtung: "Ungültige Sortierrichtung.",
  page: "Bitte eine gültige Seitenzahl angeben.",
};

function parseFilters(params: URLSearchParams) {
  // The search term's own message (length, control characters) says more than the generic one.
  return parseQueryFilters(params, FILTERS, (key, error) => (key === "q" ? (error.issues[0]?.message ?? FILTER_MESSAGES.q) : FILTER_MESSAGES[key]));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const staff = isTicketStaff(user);
  const { value, errors } = parseFilters(new URL(request.url).searchParams);
  const view: TicketView = staff ? (value.ansicht ?? "meine") : "alle";
  const [list, counts, catalogue, members, people] = await Promise.all([
    listTickets(user, {
      view,
      status: value.status as TicketStatus | undefined,
      centreId: value.zentrum,
      procedureId: value.verfahren,
      priority: value.prioritaet,
      assigneeId: value.zustaendig,
      municipalityId: value.kommune,
      q: value.q,
      sort: value.sortierung,
      direction: value.richtung,
      page: value.page,
    }),
    staff ? ticketCounts(user) : null,
    filingCatalogue(),
    staff ? listMembersByCentre() : null,
    staff ? assignableStaff("") : [],
  ]);
  const body = {
    staff,
    view,
    filters: { ...value, ansicht: view },
    errors,
    counts,
    rows: list.rows.map((r) => ({ ...r, title: hyphenate(r.title) })),
    page: list.page,
    hasMore: list.hasMore,
    procedures: catalogue.map((p) => ({ value: String(p.id), label: p.name })),
    municipalities: members ? members.centres.flatMap((c) => c.members.map((m) => ({ value: String(m.id), label: m.name }))) : [],
    people: people.map((p) => ({ value: p.id, label: p.name })),
  };
  return errors.length ? data(body, { status: 400 }) : body;
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: { label: "Tickets" } };

const VIEW_LABELS: Record<TicketView, string> = { meine: "Meine Tickets", zentrum: "Mein Zentrum", offen: "Nicht zugewiesen", alle: "Alle Tickets" };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d?.staff ? VIEW_LABELS[d.view] : "Tickets meiner Kommune", "betreuung") }];

export default function Tickets() {
  const { staff, view, filters, errors, counts, rows, page, hasMore, procedures, municipalities, people } = useLoaderData<typeof loader>();
  const f = filters as Record<string, string | number | undefined>;
  const field = (name: string) => plainField({ name, id: `filter-${name}`, value: f[name] === undefined ? "" : String(f[name]) });
  const viewCount: Partial<Record<TicketView, number>> = counts ? { meine: counts.mine, offen: counts.unassigned, zentrum: counts.centreOpen } : {};
  return (
    <>
      <h1>{staff ? VIEW_LABELS[view] : "Tickets meiner Kommune"}</h1>
      <p>
        {staff
          ? "Ihre Warteschlangen: die Ihnen zugewiesenen Tickets, die offenen Tickets Ihres Zentrums und die noch nicht zugewiesenen."
          : "Alle Tickets Ihrer Kommune, auch die Ihrer Kolleginnen und Kollegen. Sie können antworten, Dateien anhängen und ein Ticket als gelöst markieren."}
      </p>
      <div className="button-row">
        <LinkButton to="/betreuung/neu">Ticket anlegen</LinkButton>
      </div>
      {staff ? (
        <Tabs
          label="Warteschlangen"
          tabs={TICKET_VIEWS.map((v) => ({ to: `?ansicht=${v}`, label: `${VIEW_LABELS[v]}${viewCount[v] !== undefined ? ` (${viewCount[v]})` : ""}`, current: v === view }))}
        />
      ) : null}

      <h2>Suchen und filtern</h2>
      <ErrorSummary errors={errors} />
      <Form method="get" className="filters">
        {staff ? <input type="hidden" name="ansicht" value={view} /> : null}
        <TextField field={field("q")} label="Suche in Titel, Beschreibung und Antworten" type="search" autoComplete="off" />
        <SelectField field={field("status")} label="Status" options={TICKET_STATUSES.map((s) => ({ value: s, label: ticketStatusLabel(s) }))} placeholder="Alle" />
        <SelectField field={field("prioritaet")} label="Priorität" options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p }))} placeholder="Alle" />
        <SelectField field={field("verfahren")} label="Verfahren" options={procedures} placeholder="Alle" />
        {staff ? (
          <>
            <SelectField
              field={field("zentrum")}
              label="Zentrum"
              options={[
                { value: "nord", label: "Nord" },
                { value: "mitte", label: "Mitte" },
                { value: "west", label: "West" },
                { value: "sued", label: "Süd" },
              ]}
              placeholder="Alle"
            />
            <SelectField field={field("kommune")} label="Kommune" options={municipalities} placeholder="Alle" />
            <SelectField field={field("zustaendig")} label="Zuständig" options={people} placeholder="Alle" />
          </>
        ) : null}
        <div className="button-row">
          <Button>Anwenden</Button>
          <Link to={staff ? `?ansicht=${view}` : "?"}>Filter zurücksetzen</Link>
        </div>
      </Form>

      {rows.length === 0 ? (
        <EmptyState title="Keine Tickets gefunden">
          {f.q || f.status || f.verfahren ? "Zu diesen Filtern gibt es keine Tickets." : view === "meine" ? "Ihnen ist gerade kein offenes Ticket zugewiesen." : "Hier gibt es noch keine Tickets."}
        </EmptyState>
      ) : (
        <DataTable
          caption={`${staff ? VIEW_LABELS[view] : "Tickets meiner Kommune"}${page > 1 ? ` (Seite ${page})` : ""}`}
          rows={rows}
          rowKey={(r) => r.number}
          sort={{ param: "sortierung", key: (f.sortierung as string) ?? null, direction: f.richtung === "asc" ? "asc" : "desc" }}
          columns={[
            {
              key: "nummer",
              header: "Ticket",
              rowHeader: true,
              sortable: true,
              cell: (r) => (
                <>
                  <Link to={`/betreuung/tickets/${r.number}`}>{r.number}</Link>
                  <br />
                  {r.title}
                </>
              ),
            },
            { key: "status", header: "Status", cell: (r) => ticketStatusLabel(r.status) },
            { key: "prioritaet", header: "Priorität", sortable: true, cell: (r) => <PriorityBadge priority={r.priority} /> },
            {
              key: "sla",
              header: "Zeit bis zum Ziel",
              cell: (r) => (r.handedOffAt ? "an Partner übergeben" : r.sla ? <Badge tone={slaBadgeTone(r.sla.level, r.sla.paused)}>{r.sla.text}</Badge> : "–"),
            },
            { key: "kommune", header: "Kommune", cell: (r) => r.municipality },
            { key: "verfahren", header: "Verfahren", cell: (r) => r.procedure ?? "nicht angegeben" },
            { key: "zustaendig", header: "Zuständig", cell: (r) => r.assignee ?? "noch niemand" },
            { key: "aktivitaet", header: "Letzte Änderung", sortable: true, cell: (r) => formatDateTime(r.lastActivityAt) },
          ]}
        />
      )}
      <Pagination page={page} hasMore={hasMore} label="Seiten der Ticketliste" />
    </>
  );
}
