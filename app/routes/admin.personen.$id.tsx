import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { ChoiceGroup, ErrorSummary, StatusMessage, plainField } from "~/components/forms";
import { AddRoleForm, PersonDetailsForm } from "~/components/person-admin";
import type { GrantOptions } from "~/components/role-grant-fields";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import {
  addRole,
  getPerson,
  listCompetenceOptions,
  removeRole,
  resendInvitation,
  setActive,
  setCompetences,
  updatePersonDetails,
  withdrawInvitation,
} from "~/modules/auth/people.server";
import { describeConfirmation, type Confirmation } from "~/modules/auth/person-confirmations";
import { resetSecondFactorByAdmin, secondFactorStatus } from "~/modules/auth/second-factor.server";
import { invitationActions, personStatus } from "~/modules/auth/person-status";
import { describeGrant } from "~/modules/auth/roles";
import { personDetailsSchema, roleGrantSchema } from "~/modules/auth/validation";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { Button, type ButtonVariant } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { pageTitle, type PageHandle } from "~/components/areas";
import { doneKey } from "~/validation";

const removeRoleSchema = z.object({ roleId: z.number().int().positive() });
const competencesSchema = z.object({ procedureIds: z.array(z.number().int().positive()).max(50).default([]) });
const setActiveSchema = z.object({ active: z.enum(["true", "false"]) });

const DONE_MESSAGES = {
  "rolle-hinzugefuegt": "Die Rolle ist hinzugefügt.",
  "rolle-entfernt": "Die Rolle ist entfernt.",
  kompetenzen: "Die Zuständigkeiten sind gespeichert.",
  deaktiviert: "Die Person ist deaktiviert. Sie ist auf allen Geräten abgemeldet und kann sich nicht mehr anmelden.",
  aktiviert: "Die Person ist wieder aktiv und kann sich anmelden.",
  angaben: "Die Angaben sind gespeichert.",
  "e-mail-bestaetigen":
    "Die Angaben sind gespeichert. An die neue E-Mail-Adresse ist ein Bestätigungslink gegangen; bis zur Bestätigung gilt die bisherige Adresse. Die bisherige Adresse hat einen Hinweis erhalten.",
  "einladung-an-neue-adresse": "Die Angaben sind gespeichert. Die Einladung ist neu an die geänderte E-Mail-Adresse gegangen; der bisherige Link funktioniert nicht mehr.",
  "einladung-erneut": "Die Einladung ist erneut verschickt. Der bisherige Einladungslink funktioniert nicht mehr.",
  "einladung-zurueckgezogen": "Die Einladung ist zurückgezogen. Der Einladungslink funktioniert nicht mehr.",
  "zwei-faktor-zurueckgesetzt": "Die Zwei-Faktor-Anmeldung der Person ist zurückgesetzt. Sie ist auf allen Geräten abgemeldet und hat eine E-Mail erhalten.",
} as const;
type Done = keyof typeof DONE_MESSAGES;
const DETAILS_DONE: Record<Awaited<ReturnType<typeof updatePersonDetails>>["outcome"], Done> = {
  saved: "angaben",
  "email-pending": "e-mail-bestaetigen",
  "invitation-resent": "einladung-an-neue-adresse",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const person = await getPerson({ actor, id: params.id ?? "" });
  if (!person) notFound();
  const [centres, municipalities, procedures, secondFactor] = await Promise.all([
    listCentres(),
    listMunicipalityNames(),
    listCompetenceOptions(),
    secondFactorStatus(person.id),
  ]);
  const names = { centres: new Map(centres.map((c) => [c.id, c.name])), municipalities: new Map(municipalities.map((m) => [m.id, m.name])) };
  const done = new URL(request.url).searchParams.get("erledigt");
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      active: person.active,
      hasPassword: person.hasPassword,
      status: personStatus(person),
      createdAt: person.createdAt,
      municipality: person.municipalityId ? (names.municipalities.get(person.municipalityId) ?? null) : null,
      pendingEmail: person.pendingEmail,
    },
    invitation: invitationActions(person),
    isSelf: person.id === actor.id,
    secondFactor: { enrolled: secondFactor.enrolled, since: secondFactor.enrolled ? secondFactor.since : null },
    roles: person.roles.map((r) => ({ id: r.id, role: r.role, label: describeGrant(r, names) })),
    isAdviser: person.roles.some((r) => r.role === "adviser"),
    competences: person.competences.map((c) => c.procedureId),
    procedures,
    options: { centres: centres.map((c) => ({ id: c.id, name: c.name })), municipalities } satisfies GrantOptions,
    done: doneKey(DONE_MESSAGES, done),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, context, "admin");
  const formData = await request.formData();
  const args = { actor, userId: params.id ?? "", ip: contextOf(context).clientIp ?? null };
  switch (formData.get("intent")) {
    case "add-role":
      return formIntent("add-role", formData, roleGrantSchema, async (grant) => {
        await addRole({ ...args, grant });
        return "rolle-hinzugefuegt";
      });
    case "edit-details":
      return formIntent("edit-details", formData, personDetailsSchema, async (details) => DETAILS_DONE[(await updatePersonDetails({ ...args, data: details })).outcome]);
    case "remove-role": {
      const parsed = parseWithZod(formData, { schema: removeRoleSchema });
      if (parsed.status !== "success") notFound();
      return run(args.userId, "rolle-entfernt", () => removeRole({ ...args, roleId: parsed.value.roleId }));
    }
    case "set-competences": {
      const parsed = parseWithZod(formData, { schema: competencesSchema });
      if (parsed.status !== "success") return data({ intent: "other" as const, message: "Bitte nur Verfahren aus der Liste wählen." }, { status: 400 });
      return run(args.userId, "kompetenzen", () => setCompetences({ ...args, procedureIds: parsed.value.procedureIds }));
    }
    case "set-active": {
      const parsed = parseWithZod(formData, { schema: setActiveSchema });
      if (parsed.status !== "success") throw new Response("Ungültige Anfrage", { status: 400 });
      const active = parsed.value.active === "true";
      return run(args.userId, active ? "aktiviert" : "deaktiviert", () => setActive({ ...args, active }));
    }
    case "resend-invitation":
      return run(args.userId, "einladung-erneut", () => resendInvitation(args));
    case "withdraw-invitation":
      return run(args.userId, "einladung-zurueckgezogen", () => withdrawInvitation(args));
    case "reset-second-factor":
      return run(args.userId, "zwei-faktor-zurueckgesetzt", () => resetSecondFactorByAdmin({ actor, userId: args.userId, ip: args.ip }));
    default:
      throw new Response("Unbekannte Aktion", { status: 400 });
  }

  /** A conform form: field errors go back to it, success redirects (no resubmit on reload). */
  async function formIntent<I extends "add-role" | "edit-details", S extends typeof roleGrantSchema | typeof personDetailsSchema>(
    intent: I,
    form: FormData,
    schema: S,
    change: (value: z.infer<S>) => Promise<Done>,
  ) {
    const submission = parseWithZod(form, { schema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    let done: Done;
    try {
      done = await change(submission.value as z.infer<S>);
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      const result = replyWithError(submission, error);
      return data({ intent, result }, { status: error.status });
    }
    return redirect(`/admin/personen/${args.userId}?erledigt=${done}`);
  }
}

/** Runs one change; a German PublicError is shown above the page, success redirects (no resubmit on reload). */
async function run(userId: string, done: Done, change: () => Promise<void>) {
  try {
    await change();
  } catch (error) {
    if (error instanceof PublicError) return data({ intent: "other" as const, message: error.message }, { status: error.status });
    throw error;
  }
  return redirect(`/admin/personen/${userId}?erledigt=${done}`);
}

export const handle: PageHandle = {
  area: "verwaltung",
  breadcrumb: (data: { person?: { name: string } } | undefined) => [{ label: "Personen", to: "/admin/personen" }, { label: data?.person?.name ?? "Person" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`${data?.person.name ?? "Person"} – Personen`, "verwaltung") }];

export default function PersonDetail() {
  const { person, invitation, isSelf, secondFactor, roles, isAdviser, competences, procedures, options, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirmBase = { personId: person.id, personName: person.name, email: person.email };
  const confirmPage = (query: string) => `/admin/personen/${person.id}/bestaetigen?${query}`;
  const adviserRoles = roles.filter((r) => r.role === "adviser").length;
  return (
    <>
      <h1>{person.name}</h1>
      {done ? <StatusMessage>{DONE_MESSAGES[done]}</StatusMessage> : null}
      {actionData?.intent === "other" ? <ErrorSummary errors={[{ message: actionData.message }]} /> : null}
      <DescriptionList
        items={[
          { term: "E-Mail-Adresse", value: <>{person.email}
          {person.pendingEmail ? (
            <>
              {" "}
              (Änderung auf {person.pendingEmail.address} wartet auf Bestätigung bis {formatDateTime(person.pendingEmail.expiresAt)})
            </>
          ) : null}</> },
          { term: "Telefon", value: person.phone ?? "keine Angabe" },
          { term: "Status", value: person.status },
          { term: "Kommune", value: person.municipality ?? "keine" },
          { term: "Angelegt am", value: formatDateTime(person.createdAt) },
        ]}
      />

      {invitation.canResend ? (
        <section aria-labelledby="einladung-titel">
          <h2 id="einladung-titel">Einladung</h2>
          <p>
            {person.status}. Beim erneuten Senden erhält die Person einen neuen Link, der sieben Tage gilt; der bisherige
            Link funktioniert dann nicht mehr.
          </p>
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="resend-invitation" />
              <Button>
                Einladung erneut senden
              </Button>
            </Form>
            {invitation.canWithdraw ? (
              <Confirm
                href={confirmPage("aktion=einladung-zurueckziehen")}
                trigger="Einladung zurückziehen"
                triggerVariant="secondary"
                confirmation={describeConfirmation({ ...confirmBase, kind: "einladung-zurueckziehen" })}
              />
            ) : null}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="angaben-titel">
        <h2 id="angaben-titel">Angaben ändern</h2>
        <PersonDetailsForm person={person} lastResult={actionData?.intent === "edit-details" ? actionData.result : undefined} />
      </section>

      <section aria-labelledby="rollen-titel">
        <h2 id="rollen-titel">Rollen</h2>
        {roles.length === 0 ? <p>Die Person hat keine Rolle.</p> : null}
        <ul>
          {roles.map((r) => (
            <li key={r.id} className="button-row">
              <span>{r.label}</span>
              <Confirm
                href={confirmPage(`aktion=rolle-entfernen&rolle=${r.id}`)}
                triggerVariant="tertiary"
                trigger={
                  <>
                    Entfernen<span className="visually-hidden">: {r.label}</span>
                  </>
                }
                confirmation={describeConfirmation({
                  ...confirmBase,
                  kind: "rolle-entfernen",
                  roleId: r.id,
                  roleLabel: r.label,
                  lastAdviserRole: r.role === "adviser" && adviserRoles === 1,
                })}
              />
            </li>
          ))}
        </ul>
        <AddRoleForm options={options} lastResult={actionData?.intent === "add-role" ? actionData.result : undefined} />
      </section>

      <section aria-labelledby="kompetenzen-titel">
        <h2 id="kompetenzen-titel">Zuständigkeiten in der Betreuung</h2>
        {isAdviser ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="set-competences" />
            <ChoiceGroup
              type="checkbox"
              field={plainField({ name: "procedureIds", id: "verfahren", value: competences.map(String) })}
              legend="Für welche Kernverfahren ist die Person zuständig?"
              options={procedures.map((p) => ({ value: String(p.id), label: p.name }))}
            />
            <Button>
              Zuständigkeiten speichern
            </Button>
          </Form>
        ) : (
          <p>Zuständigkeiten gibt es nur für die Rolle „Betreuung“. Fügen Sie diese Rolle zuerst hinzu.</p>
        )}
      </section>

      <section aria-labelledby="zwei-faktor-titel">
        <h2 id="zwei-faktor-titel">Zwei-Faktor-Anmeldung</h2>
        {!secondFactor.enrolled ? (
          <p>Die Person hat keine Zwei-Faktor-Anmeldung eingerichtet.</p>
        ) : isSelf ? (
          <p>Eingerichtet seit {formatDateTime(secondFactor.since!)}. Ihre eigene setzen Sie unter „Mein Konto“ zurück, mit Passwort und Code.</p>
        ) : (
          <>
            <p>
              Eingerichtet seit {formatDateTime(secondFactor.since!)}. Hat die Person ihr Smartphone und ihre Wiederherstellungscodes verloren, können Sie
              die Zwei-Faktor-Anmeldung zurücksetzen.
            </p>
            <Confirm
              href={confirmPage("aktion=zwei-faktor-zuruecksetzen")}
              trigger="Zwei-Faktor-Anmeldung zurücksetzen"
              triggerVariant="secondary"
              confirmation={describeConfirmation({ ...confirmBase, kind: "zwei-faktor-zuruecksetzen" })}
            />
          </>
        )}
      </section>

      <section aria-labelledby="status-titel">
        <h2 id="status-titel">{person.active ? "Deaktivieren" : "Wieder aktivieren"}</h2>
        {isSelf ? (
          <p>Sie können Ihr eigenes Konto nicht deaktivieren.</p>
        ) : person.active ? (
          <>
            <p>
              Wenn Sie die Person deaktivieren, wird sie sofort auf allen Geräten abgemeldet und sie kann sich nicht mehr
              anmelden. Offene Einladungs- und Passwort-Links funktionieren nicht mehr. Sie können die Person später wieder
              aktivieren; ihre Rollen bleiben erhalten.
            </p>
            <Confirm
              href={confirmPage("aktion=deaktivieren")}
              trigger="Person deaktivieren"
              triggerVariant="danger"
              confirmation={describeConfirmation({ ...confirmBase, kind: "deaktivieren" })}
            />
          </>
        ) : (
          <>
            <p>Die Person ist deaktiviert. Nach dem Aktivieren kann sie sich wieder mit ihrem Passwort anmelden.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="set-active" />
              <input type="hidden" name="active" value="true" />
              <Button>
                Person wieder aktivieren
              </Button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

function Confirm({ confirmation, href, trigger, triggerVariant }: { confirmation: Confirmation; href: string; trigger: React.ReactNode; triggerVariant?: ButtonVariant | "link" }) {
  const { title, text, ...action } = confirmation;
  return (
    <ConfirmDialog href={href} trigger={trigger} triggerVariant={triggerVariant} title={title} {...action}>
      {text.map((t) => (
        <p key={t}>{t}</p>
      ))}
    </ConfirmDialog>
  );
}
