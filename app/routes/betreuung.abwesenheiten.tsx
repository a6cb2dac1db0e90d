import { getFormProps, useForm } from "@conform-to/react";
import { berlinToday } from "~/format";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ChoiceGroup, DateField, ErrorSummary, SelectField, StatusMessage, summariseErrors, TextareaField } from "~/components/forms";
import { DataTable } from "~/components/table";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { ABSENCE_KIND_LABELS, ABSENCE_KINDS, absenceSchema, describeAbsence, type AbsenceKind } from "~/modules/tickets/absences";
import { absencePeople, deleteAbsence, listUpcomingAbsences, recordAbsence, reroutingPath } from "~/modules/tickets/absences.server";
import { doneMessage, rowIdField } from "~/validation";

const DONE = { eingetragen: "Die Abwesenheit ist eingetragen.", geloescht: "Die Abwesenheit ist gelöscht." } as const;
const deleteSchema = z.object({ id: rowIdField() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "adviser", "centre_manager", "admin");
  const [people, absences] = await Promise.all([absencePeople(user), listUpcomingAbsences(user)]);
  const done = new URL(request.url).searchParams.get("erledigt");
  const manages = hasRole(user.roles, "admin", "centre_manager");
  return {
    self: { id: user.id, name: user.name },
    people: manages ? people : people.filter((p) => p.id === user.id),
    manages,
    today: berlinToday(),
    absences: absences.map((a) => ({ ...a, text: describeAbsence(a), reroutingLink: manages ? reroutingPath(a.id) : null })),
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "adviser", "centre_manager", "admin");
  const formData = await request.formData();
  const ip = contextOf(context).clientIp ?? null;
  if (formData.get("intent") === "delete") {
    const parsed = deleteSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) notFound();
    await deleteAbsence({ viewer: user, id: parsed.data.id, ip });
    return redirect("/betreuung/abwesenheiten?erledigt=geloescht");
  }
  const submission = parseWithZod(formData, { schema: absenceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await recordAbsence({ viewer: user, data: submission.value, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data(replyWithError(submission, error), { status: error.status });
  }
  return redirect("/betreuung/abwesenheiten?erledigt=eingetragen");
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: { label: "Abwesenheiten" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Abwesenheiten", "betreuung") }];

export default function Absences() {
  const { self, people, manages, today, absences, done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { userId: self.id, startsOn: today, endsOn: today },
    constraint: getZodConstraint(absenceSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: absenceSchema }),
  });
  return (
    <>
      <h1>Abwesenheiten</h1>
      <p>
        Wer abwesend ist, bekommt keine neuen Tickets. Am ersten Tag einer Abwesenheit erhält die Geschäftsführung des Zentrums ein Angebot,
        die offenen Tickets umzuverteilen.
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}

      <h2>Anstehende Abwesenheiten</h2>
      {absences.length ? (
        <DataTable
          caption={manages ? "Anstehende und laufende Abwesenheiten" : "Ihre anstehenden und laufenden Abwesenheiten"}
          rows={absences}
          rowKey={(a) => a.id}
          columns={[
            { key: "name", header: "Person", rowHeader: true, cell: (a) => a.name },
            { key: "text", header: "Abwesenheit", cell: (a) => a.text },
            { key: "note", header: "Notiz", cell: (a) => a.note ?? "–" },
            {
              key: "actions",
              header: "Aktionen",
              cell: (a) => (
                <div className="button-row">
                  {a.reroutingLink && a.startsOn <= today ? <Link to={a.reroutingLink}>Offene Tickets umverteilen</Link> : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={a.id} />
                    <Button variant="secondary" aria-label={`Abwesenheit von ${a.name} (${a.text}) löschen`}>
                      Löschen
                    </Button>
                  </Form>
                </div>
              ),
            },
          ]}
        />
      ) : (
        <EmptyState title="Keine Abwesenheiten eingetragen">Es sind keine anstehenden Abwesenheiten eingetragen.</EmptyState>
      )}

      <h2>Abwesenheit eintragen</h2>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.userId, fields.kind, fields.startsOn, fields.endsOn, fields.note])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="record" />
        {manages ? (
          <SelectField field={fields.userId} label="Person" options={people.map((p) => ({ value: p.id, label: p.name }))} required />
        ) : (
          <input type="hidden" name={fields.userId.name} value={self.id} />
        )}
        <ChoiceGroup
          field={fields.kind}
          legend="Art der Abwesenheit"
          type="radio"
          required
          horizontal
          options={ABSENCE_KINDS.map((k: AbsenceKind) => ({ value: k, label: ABSENCE_KIND_LABELS[k] }))}
        />
        <DateField field={fields.startsOn} label="Erster Tag" required />
        <DateField field={fields.endsOn} label="Letzter Tag" hint="Beide Tage zählen mit." required />
        <TextareaField field={fields.note} label="Notiz" optional rows={3} />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>Abwesenheit eintragen</Button>
        </div>
      </Form>
    </>
  );
}
