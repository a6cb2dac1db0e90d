import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z, type ZodTypeAny } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DateField, ErrorSummary, NumberField, plainField, SelectField, StatusMessage, TextareaField, TextField } from "~/components/forms";
import { DataTable } from "~/components/table";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { formatDate } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import {
  addClosingDay,
  addRoutingOverride,
  cannedReplySchema,
  closingDaySchema,
  deleteCannedReply,
  overrideSchema,
  productContactSchema,
  removeClosingDay,
  removeProductContact,
  removeRoutingOverride,
  saveCannedReply,
  saveSlaTargets,
  settingsPage,
  setProductContact,
  slaTargetsSchema,
} from "~/modules/tickets/settings.server";
import { doneMessage, rowIdField } from "~/validation";

const DONE: Record<string, string> = {
  sla: "Die SLA-Ziele sind gespeichert. Sie gelten ab sofort für alle offenen Tickets.",
  vorgabe: "Die Zuordnungsvorgaben sind geändert.",
  ansprechperson: "Die Ansprechpersonen sind geändert.",
  schliesstag: "Die Schließtage sind geändert.",
  textbaustein: "Die Textbausteine sind geändert.",
};
const idOnly = z.object({ id: rowIdField() });
const closingKey = z.object({ centreId: z.string().min(1), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const productOnly = z.object({ procedureId: rowIdField() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "admin", "centre_manager");
  const done = new URL(request.url).searchParams.get("erledigt");
  return { ...(await settingsPage(user)), done: doneMessage(DONE, done) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin", "centre_manager");
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  const ip = contextOf(context).clientIp ?? null;
  const intent = form.intent ?? "";
  const run = async <S extends ZodTypeAny>(schema: S, done: string, change: (value: z.infer<S>) => Promise<void>) => {
    const parsed = schema.safeParse(form);
    if (!parsed.success) return data({ intent, errors: [...new Set(parsed.error.issues.map((i) => i.message))] }, { status: 400 });
    try {
      await change(parsed.data);
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      return data({ intent, errors: [error.message] }, { status: error.status });
    }
    return redirect(`/betreuung/einstellungen?erledigt=${done}`);
  };
  switch (intent) {
    case "sla":
      return run(slaTargetsSchema, "sla", (values) => saveSlaTargets({ actor, values, ip }));
    case "add-override":
      return run(overrideSchema, "vorgabe", (value) => addRoutingOverride({ actor, value, ip }));
    case "remove-override":
      return run(idOnly, "vorgabe", (v) => removeRoutingOverride({ actor, id: v.id, ip }));
    case "set-contact":
      return run(productContactSchema, "ansprechperson", (value) => setProductContact({ actor, value, ip }));
    case "remove-contact":
      return run(productOnly, "ansprechperson", (v) => removeProductContact({ actor, procedureId: v.procedureId, ip }));
    case "add-closing":
      return run(closingDaySchema, "schliesstag", (value) => addClosingDay({ actor, value, ip }));
    case "remove-closing":
      return run(closingKey, "schliesstag", (v) => removeClosingDay({ actor, centreId: v.centreId, day: v.day, ip }));
    case "save-reply":
      return run(cannedReplySchema, "textbaustein", (value) => saveCannedReply({ actor, value, ip }));
    case "delete-reply":
      return run(idOnly, "textbaustein", (v) => deleteCannedReply({ actor, id: v.id, ip }));
    default:
      throw new Response("Unbekannte Aktion", { status: 400 });
  }
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: { label: "Einstellungen" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Einstellungen", "betreuung") }];

const f = (name: string, value?: string | number | null, id = name) => plainField({ name, id, value: value == null ? undefined : String(value) });

function Errors({ intents }: { intents: string[] }) {
  const actionData = useActionData<typeof action>();
  return actionData && intents.includes(actionData.intent) ? <ErrorSummary errors={(actionData.errors ?? []).map((message) => ({ message }))} /> : null;
}

function RemoveButton({ intent, fields, label }: { intent: string; fields: Record<string, string | number>; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button variant="secondary" aria-label={label}>
        Entfernen
      </Button>
    </Form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="stack" aria-labelledby={`abschnitt-${title}`}>
      <h2 id={`abschnitt-${title}`}>{title}</h2>
      {children}
    </section>
  );
}

export default function SupportSettings() {
  const page = useLoaderData<typeof loader>();
  const known: { id: string; name: string }[] = page.admin ? page.allCentres : page.centres;
  const centreName = (id: string) => known.find((c) => c.id === id)?.name ?? id;
  const centreOptions = page.centres.map((c) => ({ value: c.id, label: `Zentrum ${c.name}` }));
  return (
    <>
      <h1>Einstellungen der Betreuung</h1>
      {page.done ? <StatusMessage>{page.done}</StatusMessage> : null}
      {page.admin ? (
        <>
          <Section title="SLA-Ziele">
            <p>Minuten Geschäftszeit je Priorität; ein Arbeitstag sind 480 Minuten.</p>
            <Errors intents={["sla"]} />
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="sla" />
              {page.targets.map((t) => (
                <fieldset key={t.priority} className="kern-fieldset">
                  <legend className="kern-label">Priorität {t.priority}</legend>
                  <NumberField field={f(`${t.priority}_response`, t.responseMinutes)} label="Reaktionszeit in Minuten" required />
                  <NumberField field={f(`${t.priority}_resolution`, t.resolutionMinutes)} label="Lösungszeit in Minuten" required />
                </fieldset>
              ))}
              <div className="button-row">
                <Button>SLA-Ziele speichern</Button>
              </div>
            </Form>
          </Section>

          <Section title="Zuordnungsvorgaben">
            <p>Tickets eines Zentrums zu einem Verfahren (oder Modul) gehen an eine bestimmte Person oder ein anderes Zentrum.</p>
            <Errors intents={["add-override", "remove-override"]} />
            {page.overrides.length ? (
              <DataTable
                caption="Zuordnungsvorgaben"
                rows={page.overrides}
                rowKey={(o) => o.id}
                columns={[
                  { key: "centre", header: "Zentrum", rowHeader: true, cell: (o) => `Zentrum ${centreName(o.centreId)}` },
                  { key: "procedure", header: "Verfahren", cell: (o) => (o.module ? `${o.procedure} – ${o.module}` : o.procedure) },
                  { key: "target", header: "Geht an", cell: (o) => o.adviser ?? `Zentrum ${centreName(o.targetCentreId ?? "")}` },
                  { key: "remove", header: "Aktion", cell: (o) => <RemoveButton intent="remove-override" fields={{ id: o.id }} label={`Vorgabe für ${o.procedure} in Zentrum ${centreName(o.centreId)} entfernen`} /> },
                ]}
              />
            ) : (
              <p>Keine Vorgaben: die Zuordnung entscheidet allein nach Zuständigkeit und Auslastung.</p>
            )}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="add-override" />
              <SelectField field={f("centreId", null, "override-centre")} label="Zentrum der Kommune" options={page.allCentres.map((c) => ({ value: c.id, label: `Zentrum ${c.name}` }))} required />
              <SelectField field={f("procedureId", null, "override-procedure")} label="Verfahren" options={page.procedures.filter((p) => p.kind === "core").map((p) => ({ value: String(p.id), label: p.name }))} required />
              <SelectField
                field={f("moduleId", null, "override-module")}
                label="Modul"
                optional
                placeholder="Alle Module"
                options={page.modules.map((m) => ({ value: String(m.id), label: `${page.procedures.find((p) => p.id === m.procedureId)?.name ?? ""} – ${m.name}` }))}
              />
              <SelectField
                field={f("target", null, "override-target")}
                label="Geht an"
                required
                options={[
                  ...page.advisers.map((a) => ({ value: `adviser:${a.id}`, label: a.name })),
                  ...page.allCentres.map((c) => ({ value: `centre:${c.id}`, label: `Zentrum ${c.name}` })),
                ]}
              />
              <div className="button-row">
                <Button variant="secondary">Vorgabe anlegen</Button>
              </div>
            </Form>
          </Section>

          <Section title="Ansprechpersonen für Rahmenvertragsprodukte">
            <Errors intents={["set-contact", "remove-contact"]} />
            {page.contacts.length ? (
              <DataTable
                caption="Ansprechpersonen"
                rows={page.contacts}
                rowKey={(c) => c.procedureId}
                columns={[
                  { key: "product", header: "Produkt", rowHeader: true, cell: (c) => c.product },
                  { key: "name", header: "Ansprechperson", cell: (c) => c.name },
                  { key: "remove", header: "Aktion", cell: (c) => <RemoveButton intent="remove-contact" fields={{ procedureId: c.procedureId }} label={`Ansprechperson für ${c.product} entfernen`} /> },
                ]}
              />
            ) : (
              <p>Keine Ansprechpersonen: Tickets zu Rahmenvertragsprodukten gehen an die Geschäftsführung.</p>
            )}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="set-contact" />
              <SelectField field={f("procedureId", null, "contact-product")} label="Produkt" options={page.procedures.filter((p) => p.kind === "framework").map((p) => ({ value: String(p.id), label: p.name }))} required />
              <SelectField field={f("userId", null, "contact-person")} label="Ansprechperson" options={page.people.map((p) => ({ value: p.id, label: p.name }))} required />
              <div className="button-row">
                <Button variant="secondary">Ansprechperson festlegen</Button>
              </div>
            </Form>
          </Section>

          <Section title="Schließtage der Zentren">
            <p>Zusätzlich zu den gesetzlichen Feiertagen des Bundeslandes; an diesen Tagen steht die SLA-Uhr.</p>
            <Errors intents={["add-closing", "remove-closing"]} />
            {page.closing.length ? (
              <DataTable
                caption="Anstehende Schließtage"
                rows={page.closing}
                rowKey={(d) => `${d.centreId}-${d.day}`}
                columns={[
                  { key: "day", header: "Tag", rowHeader: true, cell: (d) => formatDate(`${d.day}T12:00:00Z`) },
                  { key: "centre", header: "Zentrum", cell: (d) => `Zentrum ${centreName(d.centreId)}` },
                  { key: "note", header: "Anlass", cell: (d) => d.note ?? "–" },
                  { key: "remove", header: "Aktion", cell: (d) => <RemoveButton intent="remove-closing" fields={{ centreId: d.centreId, day: d.day }} label={`Schließtag ${d.day} in Zentrum ${centreName(d.centreId)} entfernen`} /> },
                ]}
              />
            ) : (
              <p>Keine anstehenden Schließtage.</p>
            )}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="add-closing" />
              <SelectField field={f("centreId", null, "closing-centre")} label="Zentrum" options={page.allCentres.map((c) => ({ value: c.id, label: `Zentrum ${c.name}` }))} required />
              <DateField field={f("day", null, "closing-day")} label="Tag" required />
              <TextField field={f("note", null, "closing-note")} label="Anlass" optional />
              <div className="button-row">
                <Button variant="secondary">Schließtag eintragen</Button>
              </div>
            </Form>
          </Section>
        </>
      ) : null}

      <Section title="Textbausteine">
        <p>Textbausteine stehen beim Antworten auf Tickets des Zentrums zur Auswahl.</p>
        <Errors intents={["save-reply", "delete-reply"]} />
        {page.replies.length ? (
          <ul className="stack">
            {page.replies.map((r) => (
              <li key={r.id}>
                <Form method="post" className="stack" aria-label={`Textbaustein „${r.title}“ bearbeiten`}>
                  <input type="hidden" name="intent" value="save-reply" />
                  <input type="hidden" name="id" value={r.id} />
                  <input type="hidden" name="centreId" value={r.centreId} />
                  <p className="kern-body">Zentrum {centreName(r.centreId)}</p>
                  <TextField field={f("title", r.title, `reply-${r.id}-title`)} label="Titel" required />
                  <TextareaField field={f("body", r.body, `reply-${r.id}-body`)} label="Text" rows={4} required />
                  <div className="button-row">
                    <Button variant="secondary">Änderungen speichern</Button>
                  </div>
                </Form>
                <RemoveButton intent="delete-reply" fields={{ id: r.id }} label={`Textbaustein „${r.title}“ löschen`} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Noch keine Textbausteine.</p>
        )}
        <h3>Neuer Textbaustein</h3>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="save-reply" />
          {centreOptions.length === 1 ? (
            <input type="hidden" name="centreId" value={centreOptions[0].value} />
          ) : (
            <SelectField field={f("centreId", null, "new-reply-centre")} label="Zentrum" options={centreOptions} required />
          )}
          <TextField field={f("title", null, "new-reply-title")} label="Titel" required />
          <TextareaField field={f("body", null, "new-reply-body")} label="Text" rows={4} required />
          <div className="button-row">
            <Button variant="secondary">Textbaustein anlegen</Button>
          </div>
        </Form>
      </Section>
    </>
  );
}
