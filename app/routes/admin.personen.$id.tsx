import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, StatusMessage, summariseErrors } from "~/components/forms";
import { RoleGrantFields, type GrantOptions } from "~/components/role-grant-fields";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { requireRole, type CurrentUser } from "~/modules/auth/guards.server";
import { addRole, getPerson, listCompetenceOptions, removeRole, setActive, setCompetences } from "~/modules/auth/people.server";
import { personStatus } from "~/modules/auth/person-status";
import { describeGrant } from "~/modules/auth/roles";
import { roleGrantSchema } from "~/modules/auth/validation";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";

const removeRoleSchema = z.object({ roleId: z.number().int().positive() });
const competencesSchema = z.object({ procedureIds: z.array(z.number().int().positive()).max(50).default([]) });
const setActiveSchema = z.object({ active: z.enum(["true", "false"]) });

const DONE_MESSAGES = {
  "rolle-hinzugefuegt": "Die Rolle ist hinzugefügt.",
  "rolle-entfernt": "Die Rolle ist entfernt.",
  kompetenzen: "Die Zuständigkeiten sind gespeichert.",
  deaktiviert: "Die Person ist deaktiviert. Sie ist auf allen Geräten abgemeldet und kann sich nicht mehr anmelden.",
  aktiviert: "Die Person ist wieder aktiv und kann sich anmelden.",
} as const;
type Done = keyof typeof DONE_MESSAGES;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const person = await getPerson({ actor, id: params.id ?? "" });
  if (!person) throw new Response("Nicht gefunden", { status: 404 });
  const [centres, municipalities, procedures] = await Promise.all([listCentres(), listMunicipalityNames(), listCompetenceOptions()]);
  const names = { centres: new Map(centres.map((c) => [c.id, c.name])), municipalities: new Map(municipalities.map((m) => [m.id, m.name])) };
  const done = new URL(request.url).searchParams.get("erledigt");
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      active: person.active,
      status: personStatus(person),
      createdAt: person.createdAt,
      municipality: person.municipalityId ? (names.municipalities.get(person.municipalityId) ?? null) : null,
    },
    isSelf: person.id === actor.id,
    roles: person.roles.map((r) => ({ id: r.id, label: describeGrant(r, names) })),
    isAdviser: person.roles.some((r) => r.role === "adviser"),
    competences: person.competences.map((c) => c.procedureId),
    procedures,
    options: { centres: centres.map((c) => ({ id: c.id, name: c.name })), municipalities } satisfies GrantOptions,
    done: done && done in DONE_MESSAGES ? (done as Done) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const formData = await request.formData();
  const args = { actor, userId: params.id ?? "", ip: contextOf(context).clientIp ?? null };
  switch (formData.get("intent")) {
    case "add-role":
      return addRoleIntent(args, formData);
    case "remove-role": {
      const parsed = parseWithZod(formData, { schema: removeRoleSchema });
      if (parsed.status !== "success") throw new Response("Nicht gefunden", { status: 404 });
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
    default:
      throw new Response("Unbekannte Aktion", { status: 400 });
  }
}

type IntentArgs = { actor: CurrentUser; userId: string; ip: string | null };

async function addRoleIntent(args: IntentArgs, formData: FormData) {
  const submission = parseWithZod(formData, { schema: roleGrantSchema });
  if (submission.status !== "success") return data({ intent: "add-role" as const, result: submission.reply() }, { status: 400 });
  try {
    await addRole({ ...args, grant: submission.value });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const result = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.message] } }) : submission.reply({ formErrors: [error.message] });
    return data({ intent: "add-role" as const, result }, { status: error.status });
  }
  return redirect(`/admin/personen/${args.userId}?erledigt=rolle-hinzugefuegt`);
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} – Personen – KAI-Portal` }];

export default function PersonDetail() {
  const { person, isSelf, roles, isAdviser, competences, procedures, options, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/personen">Zurück zu den Personen</Link>
      </p>
      <h1>{person.name}</h1>
      {done ? <StatusMessage>{DONE_MESSAGES[done]}</StatusMessage> : null}
      {actionData?.intent === "other" ? <ErrorSummary errors={[{ message: actionData.message }]} /> : null}
      <dl className="facts">
        <dt>E-Mail-Adresse</dt>
        <dd>{person.email}</dd>
        <dt>Status</dt>
        <dd>{person.status}</dd>
        <dt>Kommune</dt>
        <dd>{person.municipality ?? "keine"}</dd>
        <dt>Angelegt am</dt>
        <dd>{formatDateTime(person.createdAt)}</dd>
      </dl>

      <section aria-labelledby="rollen-titel">
        <h2 id="rollen-titel">Rollen</h2>
        {roles.length === 0 ? <p>Die Person hat keine Rolle.</p> : null}
        <ul>
          {roles.map((r) => (
            <li key={r.id}>
              <Form method="post" className="button-row">
                <span>{r.label}</span>
                <input type="hidden" name="intent" value="remove-role" />
                <input type="hidden" name="roleId" value={r.id} />
                <button type="submit" className="link-button">
                  Entfernen<span className="visually-hidden">: {r.label}</span>
                </button>
              </Form>
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
            <fieldset className="checkbox-list">
              <legend>Für welche Kernverfahren ist die Person zuständig?</legend>
              {procedures.map((p) => (
                <div key={p.id} className="checkbox">
                  <input type="checkbox" id={`verfahren-${p.id}`} name="procedureIds" value={p.id} defaultChecked={competences.includes(p.id)} />
                  <label htmlFor={`verfahren-${p.id}`}>{p.name}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button">
              Zuständigkeiten speichern
            </button>
          </Form>
        ) : (
          <p>Zuständigkeiten gibt es nur für die Rolle „Betreuung“. Fügen Sie diese Rolle zuerst hinzu.</p>
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
            <Form method="post">
              <input type="hidden" name="intent" value="set-active" />
              <input type="hidden" name="active" value="false" />
              <button type="submit" className="button button--danger">
                Person deaktivieren
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>Die Person ist deaktiviert. Nach dem Aktivieren kann sie sich wieder mit ihrem Passwort anmelden.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="set-active" />
              <input type="hidden" name="active" value="true" />
              <button type="submit" className="button">
                Person wieder aktivieren
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

function AddRoleForm({ options, lastResult }: { options: GrantOptions; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "add-role",
    lastResult,
    constraint: getZodConstraint(roleGrantSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roleGrantSchema }),
  });
  return (
    <>
      <h3>Rolle hinzufügen</h3>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.role, fields.centreId, fields.workingGroup, fields.municipalityId])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-role" />
        <RoleGrantFields fields={fields} options={options} />
        <button type="submit" className="button">
          Rolle hinzufügen
        </button>
      </Form>
    </>
  );
}
