import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { updateCentreContact } from "~/modules/members/commands.server";
import { getCentre } from "~/modules/members/queries.server";
import { CENTRE_IDS, centreContactSchema } from "~/modules/members/validation";
import { Button } from "~/components/button";
import { pageTitle, type PageHandle } from "~/components/areas";

/** Centre ids are the four slugs; anything else is a page that does not exist. */
function centreIdFrom(params: { id?: string }): string {
  const id = params.id ?? "";
  if (!(CENTRE_IDS as readonly string[]).includes(id)) throw notFound();
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const centre = await getCentre(centreIdFrom(params));
  if (!centre) throw notFound();
  return {
    centre: {
      id: centre.id,
      name: centre.name,
      city: centre.city,
      street: centre.street,
      postalCode: centre.postalCode,
      phone: centre.phone,
      email: centre.email,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const id = centreIdFrom(params);
  if (!(await getCentre(id))) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: centreContactSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateCentreContact({ actor, id, data: submission.value, ip: contextOf(context).clientIp ?? null });
  return redirect(`/admin/zentren?gespeichert=${id}`);
}

export const handle: PageHandle = {
  area: "verwaltung",
  breadcrumb: (data: { centre?: { name: string } } | undefined) => [{ label: "Zentren", to: "/admin/zentren" }, { label: data?.centre ? `Zentrum ${data.centre.name}` : "Zentrum" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Zentrum ${data.centre.name} bearbeiten` : "Zentrum bearbeiten", "verwaltung") },
];

export default function EditCentre() {
  const { centre } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      street: centre.street ?? "",
      postalCode: centre.postalCode ?? "",
      city: centre.city,
      phone: centre.phone ?? "",
      email: centre.email ?? "",
    },
    constraint: getZodConstraint(centreContactSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: centreContactSchema }),
  });
  return (
    <>
      <h1>Zentrum {centre.name} bearbeiten</h1>
      <p>
        Diese Kontaktdaten sind öffentlich: Sie stehen auf der Startseite und bei den Mitgliedern. Leere Felder werden dort nicht
        angezeigt. Pflichtfelder sind mit * markiert.
      </p>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.street, fields.postalCode, fields.city, fields.phone, fields.email])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.street} label="Straße und Hausnummer" autoComplete="street-address" />
        <TextField field={fields.postalCode} label="Postleitzahl" inputMode="numeric" autoComplete="postal-code" hint="Fünf Ziffern, z. B. 21614." />
        <TextField field={fields.city} label="Ort" autoComplete="address-level2" required />
        <TextField field={fields.phone} label="Telefon" type="tel" autoComplete="tel" hint="Zum Beispiel 04161 555-0100." />
        <TextField field={fields.email} label="E-Mail-Adresse" type="email" autoComplete="email" />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            Speichern
          </Button>
          <Link to="/admin/zentren">Abbrechen</Link>
        </div>
      </Form>
    </>
  );
}
