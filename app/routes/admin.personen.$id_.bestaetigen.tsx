import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ConfirmForm } from "~/components/confirm-dialog";
import { requireRole } from "~/modules/auth/guards.server";
import { getPerson } from "~/modules/auth/people.server";
import { CONFIRM_KINDS, describeConfirmation, type ConfirmKind } from "~/modules/auth/person-confirmations";
import { invitationActions } from "~/modules/auth/person-status";
import { hasSecondFactor } from "~/modules/auth/second-factor.server";
import { describeGrant } from "~/modules/auth/roles";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { pageTitle, type PageHandle } from "~/components/areas";
import { notFound } from "~/errors";

/**
 * The confirmation page for visitors without JavaScript: it only shows what will happen (no state
 * change in a loader, ACCEPTANCE B11); its button posts to the person page's action, the same one
 * the dialog uses.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const person = await getPerson({ actor, id: params.id ?? "" });
  if (!person) throw notFound();
  const url = new URL(request.url);
  const kind = url.searchParams.get("aktion") as ConfirmKind | null;
  if (!kind || !CONFIRM_KINDS.includes(kind)) throw notFound();
  const base = { personId: person.id, personName: person.name, email: person.email };
  let confirmation;
  if (kind === "rolle-entfernen") {
    const role = person.roles.find((r) => String(r.id) === url.searchParams.get("rolle"));
    if (!role) throw notFound();
    const [centres, municipalities] = await Promise.all([listCentres(), listMunicipalityNames()]);
    const roleLabel = describeGrant(role, {
      centres: new Map(centres.map((c) => [c.id, c.name])),
      municipalities: new Map(municipalities.map((m) => [m.id, m.name])),
    });
    const lastAdviserRole = role.role === "adviser" && person.roles.filter((r) => r.role === "adviser").length === 1;
    confirmation = describeConfirmation({ ...base, kind, roleId: role.id, roleLabel, lastAdviserRole });
  } else if (kind === "deaktivieren") {
    if (!person.active || person.id === actor.id) throw notFound();
    confirmation = describeConfirmation({ ...base, kind });
  } else if (kind === "zwei-faktor-zuruecksetzen") {
    if (person.id === actor.id || !(await hasSecondFactor(person.id))) throw notFound();
    confirmation = describeConfirmation({ ...base, kind });
  } else {
    if (!invitationActions(person).canWithdraw) throw notFound();
    confirmation = describeConfirmation({ ...base, kind });
  }
  return { personId: person.id, personName: person.name, confirmation };
}

export const handle: PageHandle = {
  area: "verwaltung",
  breadcrumb: (data: { personId?: string; personName?: string; confirmation?: { title: string } } | undefined) => [
    { label: "Personen", to: "/admin/personen" },
    { label: data?.personName ?? "Person", to: data?.personId ? `/admin/personen/${data.personId}` : undefined },
    { label: data?.confirmation?.title ?? "Bestätigen" },
  ],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`${data?.confirmation.title ?? "Bestätigen"} – ${data?.personName ?? "Person"}`, "verwaltung") },
];

export default function ConfirmPersonChange() {
  const { personId, personName, confirmation } = useLoaderData<typeof loader>();
  const { title, text, ...action } = confirmation;
  const back = `/admin/personen/${personId}`;
  return (
    <>
      <p>
        <Link to={back}>Zurück zu {personName}</Link>
      </p>
      <h1>{title}</h1>
      {text.map((t) => (
        <p key={t}>{t}</p>
      ))}
      <ConfirmForm {...action} cancel={{ href: back }} />
    </>
  );
}
