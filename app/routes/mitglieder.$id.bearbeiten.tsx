import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, NumberField, SelectField, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { formatDate } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { updateMember } from "~/modules/members/commands.server";
import { formatEuro, formatNumber, joiningFeeCents, yearlyLevyCents } from "~/modules/members/levy";
import { getMember, listCentres } from "~/modules/members/queries.server";
import { memberEditSchema } from "~/modules/members/validation";
import { Button } from "~/components/button";
import { pageTitle, type PageHandle } from "~/components/areas";
import { DescriptionList } from "~/components/description-list";
import { rowIdOrNotFound } from "~/validation";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const member = await getMember(rowIdOrNotFound(params.id));
  if (!member) throw notFound();
  const centres = await listCentres();
  return {
    member: {
      id: member.id,
      name: member.name,
      kind: member.kind,
      district: member.district,
      centreId: member.centreId,
      inhabitants: member.inhabitants,
      memberSince: member.memberSince,
      yearlyLevyCents: yearlyLevyCents(member.inhabitants),
      joiningFeeCents: joiningFeeCents(member.inhabitants),
    },
    centres: centres.map((c) => ({ value: c.id, label: `Zentrum ${c.name} (${c.city})` })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const id = rowIdOrNotFound(params.id);
  // An unknown member is a 404 whatever was posted, not a list of validation errors.
  if (!(await getMember(id))) throw notFound();
  const formData = await request.formData();
  // The schema knows only name, inhabitants, centre and date: posted `id`, `kind` etc. are dropped (C15).
  const submission = parseWithZod(formData, { schema: memberEditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await updateMember({ actor, id, data: submission.value, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error);
    return data(reply, { status: error.status });
  }
  // Back to the member's row in the list, which names it and its new levy.
  return redirect(`/mitglieder?gespeichert=${id}#mitglied-${id}`);
}

export const handle: PageHandle = {
  area: "verwaltung",
  breadcrumb: (data: { member?: { name: string } } | undefined) => [{ label: "Mitglieder", to: "/mitglieder" }, { label: data?.member ? `${data.member.name} bearbeiten` : "Mitglied bearbeiten" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.member.name} bearbeiten` : "Mitglied bearbeiten", "verwaltung") },
];

export default function EditMember() {
  const { member, centres } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { name: member.name, inhabitants: formatNumber(member.inhabitants), centreId: member.centreId, memberSince: member.memberSince ?? "" },
    constraint: getZodConstraint(memberEditSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberEditSchema }),
  });
  return (
    <>
      <h1>{member.name} bearbeiten</h1>
      <p>
        {member.kind}, {member.district}
      </p>
      <section aria-labelledby="umlage-aktuell">
        <h2 id="umlage-aktuell">Aktuelle Werte und Umlage</h2>
        <DescriptionList
          items={[
            { term: "Einwohner", value: formatNumber(member.inhabitants) },
            { term: "Mitglied seit", value: member.memberSince ? formatDate(member.memberSince) : "nicht erfasst" },
            { term: "Umlage pro Jahr", value: formatEuro(member.yearlyLevyCents) },
            { term: "Beitrittsgeld (einmalig)", value: formatEuro(member.joiningFeeCents) },
          ]}
        />
        <p>Nach dem Speichern berechnet das Portal die Umlage aus der neuen Einwohnerzahl (1,50&nbsp;€ je Einwohner und Jahr).</p>
      </section>

      <h2>Angaben ändern</h2>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.name, fields.inhabitants, fields.centreId, fields.memberSince])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.name} label="Name der Kommune" autoComplete="off" required />
        <NumberField field={fields.inhabitants} label="Einwohnerzahl" hint="Ganze Zahl, auch mit Tausenderpunkten, z. B. 12.500." required />
        <SelectField field={fields.centreId} label="Zentrum" options={centres} required />
        <TextField
          field={fields.memberSince}
          label="Mitglied seit (optional)"
          type="date"
          hint="Leer lassen, wenn das Beitrittsdatum nicht bekannt ist. Ein bereits erfasstes Datum bleibt dann erhalten."
        />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            Speichern
          </Button>
          <Link to={`/mitglieder#mitglied-${member.id}`}>Abbrechen</Link>
        </div>
      </Form>
    </>
  );
}
