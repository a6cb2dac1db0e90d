import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DateField, ErrorSummary, SelectField, summariseErrors } from "~/components/forms";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Pagination } from "~/components/pagination";
import { DataTable } from "~/components/table";
import { Alert } from "~/components/alert";
import { Button } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { listAuditFacets } from "~/modules/audit/audit.server";
import { actionLabel, entityTypeLabel } from "~/modules/audit/labels";
import { describeEntityRef, listReadableAuditEvents, toAuditFilter } from "~/modules/audit/trail.server";
import { auditFilterSchema, isFiltered, SYSTEM_ACTOR } from "~/modules/audit/validation";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  const facets = await listAuditFacets();
  const options = {
    entityTypes: facets.entityTypes.map((v) => ({ value: v, label: entityTypeLabel(v) })),
    actions: facets.actions.map((v) => ({ value: v, label: actionLabel(v) })),
    actors: [...facets.actors.map((a) => ({ value: a.id, label: a.name })), { value: SYSTEM_ACTOR, label: "System" }],
  };
  if (submission.status !== "success") {
    return data({ result: submission.reply(), options, events: [], hasMore: false, page: 1, filtered: true, entityFilter: null }, { status: 400 });
  }
  const f = submission.value;
  const { events, hasMore, page } = await listReadableAuditEvents(toAuditFilter(f));
  // One object's history: say which one by name, so the filter is readable.
  const entityFilter = f.entityType && f.entityId ? await describeEntityRef({ entityType: f.entityType, entityId: f.entityId }) : null;
  return { result: submission.reply(), options, events, hasMore, page, filtered: isFiltered(f), entityFilter };
}

export const handle: PageHandle = { area: "verwaltung", breadcrumb: { label: "Protokoll" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Protokoll", "verwaltung") }];

const ORDER_OPTIONS = [
  { value: "newest", label: "Neueste zuerst" },
  { value: "oldest", label: "Älteste zuerst" },
];

/** The current query without `page` and with the given changes (for the object links and the CSV link). */
function querySearch(search: string, changes: Record<string, string | null>) {
  const params = new URLSearchParams(search);
  params.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function AuditTrail() {
  const { result, options, events, hasMore, page, filtered, entityFilter } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const [form, fields] = useForm({ lastResult: result, constraint: getZodConstraint(auditFilterSchema), shouldValidate: "onSubmit" });
  const sortedOldest = new URLSearchParams(search).get("order") === "oldest";
  return (
    <>
      <h1>Protokoll</h1>
      <p>Wer hat wann was geändert: Jede Änderung im Portal und jede Anmeldung wird hier festgehalten.</p>

      <ErrorSummary
        errors={summariseErrors(form.errors, [fields.entityType, fields.entityId, fields.action, fields.actorId, fields.actor, fields.from, fields.to, fields.order, fields.page])}
      />
      <Form method="get" className="filters" aria-label="Protokoll filtern" {...getFormProps(form)}>
        <SelectField field={fields.actorId} label="Person" options={options.actors} placeholder="Alle" />
        <SelectField field={fields.entityType} label="Objektart" options={options.entityTypes} placeholder="Alle" />
        <SelectField field={fields.action} label="Aktion" options={options.actions} placeholder="Alle" />
        <DateField field={fields.from} label="Von (Datum)" />
        <DateField field={fields.to} label="Bis (Datum, einschließlich)" />
        <SelectField field={fields.order} label="Sortierung" options={ORDER_OPTIONS} placeholder="Neueste zuerst" />
        {/* Set by the "Verlauf" links and e-mail bookmarks; kept when the other filters change. */}
        {fields.entityId.initialValue ? <input type="hidden" name={fields.entityId.name} value={String(fields.entityId.initialValue)} /> : null}
        {fields.actor.initialValue ? <input type="hidden" name={fields.actor.name} value={String(fields.actor.initialValue)} /> : null}
        <div className="button-row">
          <Button>Filtern</Button>
          {filtered ? <Link to="/admin/audit">Filter zurücksetzen</Link> : null}
        </div>
      </Form>
      {entityFilter ? (
        <Alert tone="info" title="Gefiltert nach Objekt">
          <p className="kern-body">
            Nur Einträge zu {entityFilter.type}: {entityFilter.href ? <Link to={entityFilter.href}>{entityFilter.name}</Link> : entityFilter.name}.{" "}
            <Link to={`/admin/audit${querySearch(search, { entityId: null })}`}>Alle Objekte dieser Art zeigen</Link>
          </p>
        </Alert>
      ) : null}

      {events.length === 0 ? (
        <EmptyState title={filtered ? "Keine Einträge für diesen Filter." : "Noch keine Einträge."}>
          {filtered ? <p>Ändern Sie den Filter oder setzen Sie ihn zurück.</p> : null}
        </EmptyState>
      ) : (
        <>
          <p>
            <a href={`/admin/audit.csv${querySearch(search, {})}`} download>
              Als CSV herunterladen
            </a>{" "}
            (alle Einträge dieses Filters, höchstens 10.000)
          </p>
          <DataTable
            caption={`Protokolleinträge, ${sortedOldest ? "älteste" : "neueste"} zuerst${page > 1 ? ` (Seite ${page})` : ""}`}
            rows={events}
            rowKey={(e) => e.id}
            columns={[
              { key: "time", header: "Zeitpunkt", cell: (e) => <time dateTime={e.timeIso}>{e.time}</time> },
              { key: "actor", header: "Person", cell: (e) => (e.actor.href ? <Link to={e.actor.href}>{e.actor.name}</Link> : e.actor.name) },
              { key: "action", header: "Aktion", cell: (e) => e.action },
              {
                key: "entity",
                header: "Objekt",
                cell: (e) => (
                  <>
                    {e.entity.name === e.entity.type ? (
                      e.entity.type
                    ) : (
                      <>
                        {e.entity.type}: {e.entity.href ? <Link to={e.entity.href}>{e.entity.name}</Link> : e.entity.name}
                      </>
                    )}
                    {e.entity.filter && !entityFilter ? (
                      <>
                        {" "}
                        <Link to={`/admin/audit${querySearch(search, { entityType: e.entity.filter.entityType, entityId: e.entity.filter.entityId })}`}>
                          Verlauf<span className="visually-hidden"> von {e.entity.name}</span>
                        </Link>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: "changes",
                header: "Änderung",
                cell: (e) =>
                  e.changes.length === 0 ? (
                    "–"
                  ) : (
                    <dl className="changes">
                      {e.changes.map((c) => (
                        <div key={c.key}>
                          <dt>{c.label}</dt>
                          <dd>
                            {c.before} → {c.after}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ),
              },
            ]}
          />
        </>
      )}
      <Pagination page={page} hasMore={hasMore} label="Seiten des Protokolls" />
    </>
  );
}
