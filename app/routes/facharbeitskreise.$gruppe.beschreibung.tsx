import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button, ButtonRow } from "~/components/button";
import { ErrorSummary, plainField, TextareaField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { requireUser } from "~/modules/auth/guards.server";
import { groupIdFromSlug, groupSlug, loadGroup } from "~/modules/groups/group-access.server";
import { updateGroupDescription } from "~/modules/groups/membership.server";
import { DESCRIPTION_MAX, descriptionSchema } from "~/modules/groups/membership-validation";
import { hyphenate } from "~/modules/text/hyphenate.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { group } = await loadGroup(user, groupIdFromSlug(params.gruppe), { chair: true });
  return { group: { id: group.id, slug: groupSlug(group.id), name: group.name, description: group.description }, heading: hyphenate(`Beschreibung: Facharbeitskreis ${group.name}`) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const form = Object.fromEntries(await request.formData());
  const raw = typeof form.description === "string" ? form.description : "";
  const parsed = descriptionSchema.safeParse(form);
  if (!parsed.success) {
    // Someone who is not a chair learns nothing from a validation error either.
    await loadGroup(user, groupId, { chair: true });
    return data({ error: parsed.error.issues[0].message, description: raw }, { status: 400 });
  }
  try {
    await updateGroupDescription({ user, groupId, description: parsed.data.description, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ error: error.message, description: raw }, { status: error.status });
  }
  return redirect(`/facharbeitskreise/${groupSlug(groupId)}?erledigt=beschreibung#status`);
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { group?: { name: string; slug: string } } | undefined) => [
    { label: "Übersicht", to: "/facharbeitskreise" },
    { label: d?.group?.name ?? "Facharbeitskreis", to: d?.group ? `/facharbeitskreise/${d.group.slug}` : undefined },
    { label: "Beschreibung" },
  ],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Beschreibung: ${d.group.name}` : "Beschreibung", "facharbeitskreise") }];

export default function GroupDescriptionPage() {
  const { group, heading } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{heading}</h1>
      {reply?.error ? <ErrorSummary errors={[{ id: "description", message: reply.error }]} /> : null}
      <Form method="post" className="stack">
        <TextareaField
          field={plainField({ name: "description", value: reply?.description ?? group.description, error: reply?.error, maxLength: DESCRIPTION_MAX })}
          label="Beschreibung"
          hint="Markdown: **fett**, *kursiv*, Listen mit „- “ und Links. Sie steht für alle angemeldeten Personen auf der Seite des Facharbeitskreises."
          rows={12}
        />
        <ButtonRow>
          <Button disabled={busy}>Speichern</Button>
          <Link to={`/facharbeitskreise/${group.slug}`}>Abbrechen</Link>
        </ButtonRow>
      </Form>
    </>
  );
}
