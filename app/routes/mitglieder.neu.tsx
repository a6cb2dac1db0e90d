import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, SelectField, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { createMember } from "~/modules/members/commands.server";
import { listCentres } from "~/modules/members/queries.server";
import { memberCreateSchema, MUNICIPALITY_KINDS, STATES } from "~/modules/members/validation";
import { Button } from "~/components/button";
import { pageTitle, type PageHandle } from "~/components/areas";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const centres = await listCentres();
  return { centres: centres.map((c) => ({ value: c.id, label: `Zentrum ${c.name} (${c.city})` })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: memberCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let created;
  try {
    created = await createMember({ actor, data: submission.value, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error);
    return data(reply, { status: error.status });
  }
  return redirect(`/mitglieder?angelegt=${created.id}#mitglied-${created.id}`);
}

export const handle: PageHandle = { area: "verwaltung", breadcrumb: [{ label: "Mitglieder", to: "/mitglieder" }, { label: "Mitglied hinzufügen" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Mitglied hinzufügen", "verwaltung") }];

const kindOptions = MUNICIPALITY_KINDS.map((k) => ({ value: k, label: k }));
const stateOptions = STATES.map((s) => ({ value: s, label: s }));

export default function NewMember() {
  const { centres } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(memberCreateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberCreateSchema }),
  });
  const all = [fields.name, fields.kind, fields.state, fields.district, fields.centreId, fields.inhabitants, fields.memberSince];
  return (
    <>
      <h1>Mitglied hinzufügen</h1>
      <p>
        Ein neues Mitglied zahlt bei Beitritt einmalig 0,50&nbsp;€ je Einwohner und danach jährlich 1,50&nbsp;€ je Einwohner. Pflichtfelder
        sind mit * markiert.
      </p>
      <ErrorSummary errors={summariseErrors(form.errors, all)} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.name} label="Name der Kommune" autoComplete="off" required />
        <SelectField field={fields.kind} label="Art" options={kindOptions} required />
        <SelectField field={fields.state} label="Bundesland" options={stateOptions} required />
        <TextField field={fields.district} label="Kreis" hint="Zum Beispiel „Landkreis Stade“ oder „Kreis Höxter“." required />
        <SelectField field={fields.centreId} label="Zentrum" options={centres} required />
        <TextField field={fields.inhabitants} label="Einwohnerzahl" type="text" inputMode="numeric" hint="Ganze Zahl, auch mit Tausenderpunkten, z. B. 12.500." required />
        <TextField field={fields.memberSince} label="Mitglied seit" type="date" required />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            Mitglied anlegen
          </Button>
          <Link to="/mitglieder">Abbrechen</Link>
        </div>
      </Form>
    </>
  );
}
