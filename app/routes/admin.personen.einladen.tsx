import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { RoleGrantFields } from "~/components/role-grant-fields";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { invitePerson } from "~/modules/auth/people.server";
import { inviteSchema } from "~/modules/auth/validation";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { Button } from "~/components/button";
import { pageTitle, type PageHandle } from "~/components/areas";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const [centres, municipalities] = await Promise.all([listCentres(), listMunicipalityNames()]);
  return {
    centres: centres.map((c) => ({ id: c.id, name: c.name })),
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const submission = parseWithZod(await request.formData(), { schema: inviteSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await invitePerson({ actor, data: submission.value, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error);
    return data(reply, { status: error.status });
  }
  // New address or existing account: the admin sees the same answer (ACCEPTANCE A9).
  return redirect("/admin/personen?eingeladen=1");
}

export const handle: PageHandle = { area: "verwaltung", breadcrumb: [{ label: "Personen", to: "/admin/personen" }, { label: "Person einladen" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Person einladen", "verwaltung") }];

export default function InvitePerson() {
  const options = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <>
      <h1>Person einladen</h1>
      <p>
        Die Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt. Der Link gilt sieben Tage und nur
        einmal. Weitere Rollen vergeben Sie danach auf der Seite der Person.
      </p>
      <ErrorSummary
        errors={summariseErrors(form.errors, [fields.name, fields.email, fields.role, fields.centreId, fields.workingGroup, fields.municipalityId])}
      />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.name} label="Name" autoComplete="off" required />
        <TextField field={fields.email} label="E-Mail-Adresse" type="email" autoComplete="off" required />
        <RoleGrantFields fields={fields} options={options} />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            Einladung senden
          </Button>
          <Link to="/admin/personen">Abbrechen</Link>
        </div>
      </Form>
    </>
  );
}
