import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DateField, ErrorSummary, NumberField, SelectField, summariseErrors, TextareaField, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { fileInhouseRequest, inhouseProcedureOptions, requestableMunicipalities } from "~/modules/training/inhouse.server";
import { INHOUSE_MAX_PARTICIPANTS, inhouseRequestSchema } from "~/modules/training/inhouse-validation";

const ROLES = ["municipal_it", "centre_manager", "admin"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const [municipalities, procedures] = await Promise.all([requestableMunicipalities(user), inhouseProcedureOptions()]);
  return {
    municipalities: municipalities.map((m) => ({ value: String(m.id), label: `${m.name} (Zentrum ${m.centreName})` })),
    procedures: procedures.map((p) => ({ value: String(p.id), label: p.name })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: inhouseRequestSchema() });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  let municipalityId = submission.value.municipalityId;
  if (!municipalityId) {
    const options = await requestableMunicipalities(user);
    if (options.length !== 1) return data({ result: submission.reply({ fieldErrors: { municipalityId: ["Bitte eine Kommune wählen."] } }) }, { status: 400 });
    municipalityId = options[0].id;
  }
  try {
    const created = await fileInhouseRequest({ user, input: { ...submission.value, municipalityId }, ip: contextOf(context).clientIp ?? null });
    return redirect(`/schulungen/anfragen/${created.id}?angefragt=1`);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ result: replyWithError(submission, error) }, { status: error.status });
  }
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: [{ label: "Inhouse-Anfragen", to: "/schulungen/anfragen" }, { label: "Inhouse-Schulung anfragen" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Inhouse-Schulung anfragen", "schulungen") }];

export default function NewInhouseRequest() {
  const { municipalities, procedures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(inhouseRequestSchema()),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inhouseRequestSchema() }),
  });
  const single = municipalities.length === 1 ? municipalities[0] : null;
  const all = [fields.municipalityId, fields.topic, fields.procedureId, fields.wishedFrom, fields.wishedTo, fields.participants, fields.note];
  return (
    <>
      <h1>Inhouse-Schulung anfragen</h1>
      <p>
        Sie wünschen eine Schulung in den Räumen Ihrer Kommune? Nennen Sie Thema, Zeitraum und die ungefähre Zahl der Teilnehmenden. Das
        Schulungsteam und die Geschäftsführung Ihres Zentrums erhalten die Anfrage per E-Mail; den Stand sehen Sie jederzeit unter{" "}
        <Link to="/schulungen/anfragen">Inhouse-Anfragen</Link>. Pflichtfelder sind mit * markiert.
      </p>
      <ErrorSummary errors={summariseErrors(form.errors, all)} />
      {municipalities.length === 0 ? (
        <p>Ihnen ist keine Kommune zugeordnet, für die Sie anfragen können. Bitte wenden Sie sich an die Geschäftsstelle.</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          {single ? (
            <p>
              Kommune: <strong>{single.label}</strong>
            </p>
          ) : (
            <SelectField field={fields.municipalityId} label="Kommune" options={municipalities} required />
          )}
          <TextField field={fields.topic} label="Thema" autoComplete="off" required hint="Zum Beispiel „Einführung in das neue Kassenmodul für die Sachbearbeitung“." />
          <SelectField field={fields.procedureId} label="Verfahren" options={procedures} placeholder="Kein bestimmtes Verfahren" optional />
          <DateField field={fields.wishedFrom} label="Gewünschter Zeitraum: frühestens am" required />
          <DateField field={fields.wishedTo} label="Gewünschter Zeitraum: spätestens am" required />
          <NumberField field={fields.participants} label="Zahl der Teilnehmenden" required hint={`Ungefähr; zwischen 1 und ${INHOUSE_MAX_PARTICIPANTS}.`} />
          <TextareaField field={fields.note} label="Anmerkung" optional rows={5} hint="Räume und Technik vor Ort, Vorkenntnisse, Wunschtage." />
          <div className="button-row">
            <Button disabled={navigation.state === "submitting"}>Anfrage senden</Button>
            <Link to="/schulungen/anfragen">Abbrechen</Link>
          </div>
        </Form>
      )}
    </>
  );
}
