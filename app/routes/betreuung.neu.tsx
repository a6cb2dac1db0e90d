import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { ErrorSummary, FileField, SelectField, summariseErrors, TextareaField, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { listMembersByCentre } from "~/modules/members/queries.server";
import { mayFileFor, municipalitiesOf } from "~/modules/tickets/access.server";
import { fileTicket, filingCatalogue } from "~/modules/tickets/filing.server";
import { TICKET_TYPE_LABELS, TICKET_TYPES } from "~/modules/tickets/lifecycle";
import { TICKET_PRIORITIES } from "~/modules/tickets/priorities";
import { readTicketForm } from "~/modules/tickets/uploads.server";
import { ticketFilingSchema } from "~/modules/tickets/validation";
import { text } from "~/validation";

/** Staff filing on the phone name the caller; municipal IT files as itself. */
const onBehalfSchema = ticketFilingSchema.extend({
  reporterName: text({ required_error: "Bitte den Namen der anrufenden Person angeben." }).min(2, "Bitte den Namen der anrufenden Person angeben.").max(120, "Höchstens 120 Zeichen."),
  reporterEmail: text({ required_error: "Bitte die E-Mail-Adresse der anrufenden Person angeben." }).email("Bitte eine gültige E-Mail-Adresse der anrufenden Person angeben.").max(254, "Höchstens 254 Zeichen."),
});

async function municipalityOptions(user: Awaited<ReturnType<typeof requireRole>>) {
  const { centres } = await listMembersByCentre();
  const staffCentres = centresOf(user.roles, "adviser", "centre_manager");
  const own = municipalitiesOf(user);
  const admin = hasRole(user.roles, "admin");
  return centres.flatMap((c) =>
    c.members.filter((m) => admin || own.includes(m.id) || staffCentres.includes(c.id)).map((m) => ({ value: String(m.id), label: `${m.name} (Zentrum ${c.name})`, centreId: c.id })),
  );
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const onBehalf = hasRole(user.roles, "adviser", "centre_manager", "admin");
  const [municipalities, catalogue] = await Promise.all([municipalityOptions(user), filingCatalogue()]);
  return { onBehalf, municipalities: municipalities.map(({ value, label }) => ({ value, label })), catalogue };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const onBehalf = hasRole(user.roles, "adviser", "centre_manager", "admin");
  const { formData, attachments, fileErrors } = await readTicketForm(request);
  const schema = onBehalf ? onBehalfSchema : ticketFilingSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), fileErrors }, { status: 400 });
  if (fileErrors.length) return data({ result: submission.reply({ formErrors: fileErrors }), fileErrors }, { status: 400 });
  const own = municipalitiesOf(user);
  const municipalityId = submission.value.municipalityId ?? (own.length === 1 ? own[0] : undefined);
  if (!municipalityId) return data({ result: submission.reply({ fieldErrors: { municipalityId: ["Bitte eine Kommune wählen."] } }), fileErrors }, { status: 400 });
  const options = await municipalityOptions(user);
  const municipality = options.find((m) => m.value === String(municipalityId));
  if (!municipality || !mayFileFor(user, { id: municipalityId, centreId: municipality.centreId })) {
    return data({ result: submission.reply({ fieldErrors: { municipalityId: ["Für diese Kommune können Sie kein Ticket anlegen."] } }), fileErrors }, { status: 400 });
  }
  const value = submission.value as z.infer<typeof onBehalfSchema>;
  try {
    const created = await fileTicket({
      municipalityId,
      procedureId: value.procedureId ?? null,
      moduleId: value.moduleId ?? null,
      type: value.type,
      priority: value.priority,
      title: value.title,
      description: value.description,
      reporter: onBehalf ? { id: null, name: value.reporterName, email: value.reporterEmail } : { id: user.id, name: user.name, email: user.email },
      filedById: user.id,
      channel: onBehalf ? "telefon" : "portal",
      attachments,
      ip: contextOf(context).clientIp ?? null,
    });
    return redirect(`/betreuung/tickets/${created.number}?angelegt=1`);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ result: replyWithError(submission, error), fileErrors }, { status: error.status });
  }
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: [{ label: "Tickets", to: "/betreuung/tickets" }, { label: "Ticket anlegen" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Ticket anlegen", "betreuung") }];

export default function NewTicket() {
  const { onBehalf, municipalities, catalogue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = onBehalf ? onBehalfSchema : ticketFilingSchema;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const f = fields as unknown as Record<keyof z.infer<typeof onBehalfSchema>, (typeof fields)["title"]>;
  const procedureOptions = [
    ...catalogue.filter((p) => p.kind === "core").map((p) => ({ value: String(p.id), label: `${p.name} (Kernverfahren)` })),
    ...catalogue.filter((p) => p.kind === "framework").map((p) => ({ value: String(p.id), label: `${p.name} (Rahmenvertrag)` })),
  ];
  const moduleOptions = catalogue.flatMap((p) => p.modules.map((m) => ({ value: String(m.id), label: `${p.name}: ${m.name}` })));
  const all = [f.municipalityId, f.reporterName, f.reporterEmail, f.procedureId, f.moduleId, f.type, f.priority, f.title, f.description].filter(Boolean);
  return (
    <>
      <h1>Ticket anlegen</h1>
      <p>
        Beschreiben Sie Ihr Anliegen möglichst genau. Das Ticket geht sofort an die zuständige Betreuung Ihres Zentrums; Sie erhalten eine
        Bestätigung mit der Ticketnummer per E-Mail. Pflichtfelder sind mit * markiert.
      </p>
      <ErrorSummary errors={summariseErrors(form.errors, all)} />
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        {municipalities.length > 1 || onBehalf ? <SelectField field={f.municipalityId} label="Kommune" options={municipalities} required /> : null}
        {onBehalf ? (
          <>
            <TextField field={f.reporterName} label="Name der anrufenden Person" autoComplete="off" required hint="Für Anrufe: die Person, für die Sie das Ticket anlegen." />
            <TextField field={f.reporterEmail} label="E-Mail-Adresse der anrufenden Person" type="email" autoComplete="off" required hint="Sie erhält die Bestätigung und die Antworten." />
          </>
        ) : null}
        <SelectField field={f.procedureId} label="Verfahren oder Produkt" options={procedureOptions} placeholder="Weiß ich nicht / Sonstiges" optional />
        <SelectField field={f.moduleId} label="Modul" options={moduleOptions} placeholder="Kein bestimmtes Modul" optional hint="Nur bei Kernverfahren." />
        <SelectField field={f.type} label="Art des Anliegens" options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }))} required />
        <SelectField
          field={f.priority}
          label="Priorität"
          options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p === "kritisch" ? "kritisch (Verfahren steht)" : p }))}
          required
          hint="„kritisch“ nur, wenn ein Verfahren nicht mehr arbeitet, z. B. keine Meldebescheinigungen gedruckt werden können."
        />
        <TextField field={f.title} label="Titel" autoComplete="off" required />
        <TextareaField field={f.description} label="Beschreibung" rows={8} required hint="Was ist passiert, seit wann, bei wem? Markdown ist möglich (z. B. **fett**, Listen mit -)." />
        <FileField name="anhang" label="Anhänge" hint="Bildschirmfotos, Protokolle, PDF oder Office-Dateien; bis zu 5 Dateien, je höchstens 10 MB." errors={actionData?.fileErrors} />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>Ticket anlegen</Button>
          <Link to="/betreuung/tickets">Abbrechen</Link>
        </div>
      </Form>
    </>
  );
}
