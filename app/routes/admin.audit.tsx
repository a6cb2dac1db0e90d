import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, summariseErrors, TextField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { formatDateTime } from "~/format";
import { berlinDayStart, listAuditEvents, listAuditFacets } from "~/modules/audit/audit.server";
import { actionLabel, changedFields, entityTypeLabel } from "~/modules/audit/labels";
import { auditFilterSchema } from "~/modules/audit/validation";
import { requireRole } from "~/modules/auth/guards.server";
import { ScrollableTable } from "~/components/table";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  const facets = await listAuditFacets();
  const options = {
    entityTypes: facets.entityTypes.map((v) => ({ value: v, label: entityTypeLabel(v) })),
    actions: facets.actions.map((v) => ({ value: v, label: actionLabel(v) })),
  };
  if (submission.status !== "success") {
    return data({ result: submission.reply(), options, events: [], hasMore: false, page: 1, filtered: true }, { status: 400 });
  }
  const f = submission.value;
  const { rows, hasMore, page } = await listAuditEvents({
    entityType: f.entityType,
    action: f.action,
    actorEmail: f.actor,
    from: f.from ? berlinDayStart(f.from) : undefined,
    before: f.to ? berlinDayStart(f.to, 1) : undefined,
    page: f.page,
  });
  const events = rows.map((e) => ({
    id: e.id,
    createdAt: e.createdAt,
    actor: e.actorName ?? "System",
    action: actionLabel(e.action),
    object: `${entityTypeLabel(e.entityType)}${e.entityId ? ` ${e.entityId}` : ""}`,
    changes: changedFields(e.before, e.after),
  }));
  const filtered = Boolean(f.entityType || f.action || f.actor || f.from || f.to);
  return { result: submission.reply(), options, events, hasMore, page, filtered };
}

export const meta: MetaFunction = () => [{ title: "Protokoll – KAI-Portal" }];

export default function AuditTrail() {
  const { result, options, events, hasMore, page, filtered } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ lastResult: result, constraint: getZodConstraint(auditFilterSchema), shouldValidate: "onSubmit" });
  return (
    <>
      <h1>Protokoll</h1>
      <p>Wer hat wann was geändert: Jede Änderung im Portal und jede Anmeldung wird hier festgehalten.</p>

      <ErrorSummary errors={summariseErrors(form.errors, [fields.entityType, fields.action, fields.actor, fields.from, fields.to, fields.page])} />
      <Form method="get" className="filters" aria-label="Protokoll filtern" {...getFormProps(form)}>
        <SelectField field={fields.entityType} label="Objektart" options={options.entityTypes} placeholder="Alle" />
        <SelectField field={fields.action} label="Aktion" options={options.actions} placeholder="Alle" />
        <TextField field={fields.actor} label="Person (E-Mail-Adresse)" type="email" autoComplete="off" />
        <TextField field={fields.from} label="Von (Datum)" type="date" />
        <TextField field={fields.to} label="Bis (Datum)" type="date" />
        <div className="button-row">
          <button type="submit" className="button">
            Filtern
          </button>
          {filtered ? <Link to="/admin/audit">Filter zurücksetzen</Link> : null}
        </div>
      </Form>

      {events.length === 0 ? (
        <p>{filtered ? "Keine Einträge für diesen Filter." : "Noch keine Einträge."}</p>
      ) : (
        <ScrollableTable label="Protokolleinträge" caption={<>Protokolleinträge, neueste zuerst{page > 1 ? ` (Seite ${page})` : ""}</>}>
            <thead>
              <tr>
                <th scope="col">Zeitpunkt</th>
                <th scope="col">Person</th>
                <th scope="col">Aktion</th>
                <th scope="col">Objekt</th>
                <th scope="col">Änderung</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.object}</td>
                  <td>
                    {e.changes.length === 0 ? (
                      "–"
                    ) : (
                      <dl className="changes">
                        {e.changes.map((c) => (
                          <div key={c.key}>
                            <dt>{c.key}</dt>
                            <dd>
                              {c.before ?? "–"} → {c.after ?? "–"}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollableTable>
      )}
      <Pagination page={page} hasMore={hasMore} label="Seiten des Protokolls" />
    </>
  );
}
