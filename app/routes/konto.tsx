import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, StatusMessage, summariseErrors, TextField } from "~/components/forms";
import { PASSWORD_HINT } from "~/components/set-password-form";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { formatDateTime } from "~/format";
import { changePassword } from "~/modules/auth/account.server";
import { listOwnSessions, revokeOtherSessions, revokeSession } from "~/modules/auth/account-sessions.server";
import { requireUser, type CurrentUser } from "~/modules/auth/guards.server";
import { changePasswordSchema } from "~/modules/auth/validation";
import { secondFactorRequired, secondFactorStatus } from "~/modules/auth/second-factor.server";
import { SecondFactorSummary } from "~/components/second-factor";
import { createFeedToken, feedUrl, hasFeedToken, revokeFeedToken } from "~/modules/calendar/feed-token.server";
import { DataTable } from "~/components/table";
import { pageTitle } from "~/components/areas";
import { Button } from "~/components/button";
import { Badge } from "~/components/badge";
import { doneKey } from "~/validation";

/** What a finished action says after its redirect; `?erledigt=` only picks from this list. */
const DONE_MESSAGES = {
  passwort: "Ihr Passwort ist geändert. Auf allen anderen Geräten wurden Sie abgemeldet, und wir haben Ihnen eine Bestätigung per E-Mail gesendet.",
  sitzung: "Das Gerät ist abgemeldet.",
  "andere-sitzungen": "Sie sind jetzt auf allen anderen Geräten abgemeldet.",
  "kalender-beendet": "Das Kalender-Abonnement ist beendet. Der bisherige Link funktioniert nicht mehr.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const done = new URL(request.url).searchParams.get("erledigt");
  const [sessions, hasFeed, secondFactor] = await Promise.all([
    listOwnSessions({ userId: user.id, currentSessionId: user.session.id }),
    hasFeedToken(user.id),
    secondFactorStatus(user.id),
  ]);
  return {
    name: user.name,
    email: user.email,
    sessions,
    hasFeed,
    secondFactor: { enrolled: secondFactor.enrolled, required: secondFactorRequired(user) },
    done: doneKey(DONE_MESSAGES, done),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await request.formData();
  const ip = contextOf(context).clientIp ?? null;
  // Only the fields each intent names are read; anything else in the form (role, active, …) is ignored (C15).
  switch (formData.get("intent")) {
    case "change-password":
      return changeOwnPassword(user, formData, ip);
    case "revoke-session":
      return revokeOne(user, formData, ip);
    case "revoke-other-sessions":
      await revokeOtherSessions({ userId: user.id, currentSessionId: user.session.id, ip });
      return redirect("/konto?erledigt=andere-sitzungen");
    case "create-feed":
      // Shown once, straight from the action: the token is never stored in plain text.
      return { intent: "create-feed" as const, feedUrl: feedUrl(await createFeedToken(user.id, { ip })) };
    case "revoke-feed":
      await revokeFeedToken(user.id, { ip });
      return redirect("/konto?erledigt=kalender-beendet");
    default:
      throw new Response("Unbekannte Aktion", { status: 400 });
  }
}

async function changeOwnPassword(user: CurrentUser, formData: FormData, ip: string | null) {
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  const hideFields = ["current", "password", "confirm"];
  if (submission.status !== "success") {
    return data({ intent: "change-password" as const, result: submission.reply({ hideFields }) }, { status: 400 });
  }
  try {
    await changePassword({ userId: user.id, sessionId: user.session.id, current: submission.value.current, password: submission.value.password, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error, hideFields);
    return data({ intent: "change-password" as const, result: reply }, { status: error.status });
  }
  return redirect("/konto?erledigt=passwort");
}

async function revokeOne(user: CurrentUser, formData: FormData, ip: string | null) {
  const ref = formData.get("session");
  if (typeof ref !== "string" || !/^[0-9a-f]{24}$/.test(ref)) throw notFound();
  const revoked = await revokeSession({ userId: user.id, currentSessionId: user.session.id, ref, ip });
  // Not one of the person's other sessions: the same 404 whether it exists elsewhere or not (C14).
  if (!revoked) throw notFound();
  return redirect("/konto?erledigt=sitzung");
}

export const meta: MetaFunction = () => [{ title: pageTitle("Mein Konto") }];

export default function Account() {
  const { name, email, sessions, hasFeed, secondFactor, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Mein Konto</h1>
      <p>
        Angemeldet als {name} ({email}).
      </p>
      {done ? <StatusMessage>{DONE_MESSAGES[done]}</StatusMessage> : null}
      <ChangePasswordSection lastResult={actionData?.intent === "change-password" ? actionData.result : undefined} />
      <SecondFactorSummary {...secondFactor} />
      <SessionsSection sessions={sessions} />
      <CalendarFeedSection hasFeed={hasFeed} newUrl={actionData?.intent === "create-feed" ? actionData.feedUrl : null} />
    </>
  );
}

function ChangePasswordSection({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "change-password";
  return (
    <section aria-labelledby="passwort-titel">
      <h2 id="passwort-titel">Passwort ändern</h2>
      <p>Nach der Änderung bleiben Sie hier angemeldet; auf allen anderen Geräten werden Sie abgemeldet.</p>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.current, fields.password, fields.confirm])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-password" />
        <TextField field={fields.current} label="Aktuelles Passwort" type="password" autoComplete="current-password" required />
        <TextField field={fields.password} label="Neues Passwort" type="password" hint={PASSWORD_HINT} autoComplete="new-password" required />
        <TextField field={fields.confirm} label="Neues Passwort wiederholen" type="password" autoComplete="new-password" required />
        <Button disabled={busy}>
          Passwort ändern
        </Button>
      </Form>
    </section>
  );
}

type SessionRow = ReturnType<typeof useLoaderData<typeof loader>>["sessions"][number];

function SessionsSection({ sessions }: { sessions: SessionRow[] }) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="anmeldungen-titel">
      <h2 id="anmeldungen-titel">Angemeldete Geräte</h2>
      <p>Hier sehen Sie, auf welchen Geräten und in welchen Browsern Sie angemeldet sind. Beenden Sie jede Anmeldung, die Sie nicht kennen, und ändern Sie dann Ihr Passwort.</p>
      <DataTable
        caption={`Ihre Anmeldungen (${sessions.length})`}
        rows={sessions}
        rowKey={(s) => s.ref}
        columns={[
          { key: "since", header: "Beginn", cell: (s) => formatDateTime(s.createdAt) },
          { key: "seen", header: "Zuletzt aktiv", cell: (s) => formatDateTime(s.lastSeenAt) },
          { key: "browser", header: "Browser", cell: (s) => s.browser },
          { key: "ip", header: "IP-Adresse", cell: (s) => s.ip ?? "unbekannt" },
          {
            key: "action",
            header: "Aktion",
            cell: (s) =>
              s.current ? (
                <Badge tone="success">dieses Gerät</Badge>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="session" value={s.ref} />
                  <Button variant="secondary">
                    Gerät abmelden<span className="visually-hidden"> (angemeldet seit {formatDateTime(s.createdAt)}, {s.browser})</span>
                  </Button>
                </Form>
              ),
          },
        ]}
      />
      {others > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-other-sessions" />
          <Button variant="danger">
            Auf allen anderen Geräten abmelden
          </Button>
        </Form>
      ) : (
        <p>Sie sind nirgendwo sonst angemeldet.</p>
      )}
    </section>
  );
}

function CalendarFeedSection({ hasFeed, newUrl }: { hasFeed: boolean; newUrl: string | null }) {
  return (
    <section aria-labelledby="kalender-titel">
      <h2 id="kalender-titel">Kalender-Abonnement</h2>
      <p>
        Mit einer persönlichen Abonnement-Adresse zeigt Ihr Kalenderprogramm Ihre Schulungen, Sitzungen der Facharbeitskreise und weitere Termine aus dem
        KAI-Portal an. Wer die Adresse kennt, sieht Ihre Termine: Geben Sie sie nicht weiter.
      </p>
      {newUrl ? (
        <StatusMessage>
          <p>Ihre neue Abonnement-Adresse:</p>
          <p>
            <code className="token">{newUrl}</code>
          </p>
          <p>
            Kopieren Sie die Adresse jetzt in Ihr Kalenderprogramm. Sie wird nur dieses eine Mal angezeigt. Wenn Sie einen
            neuen Link erzeugen, wird der alte ungültig.
          </p>
        </StatusMessage>
      ) : hasFeed ? (
        <p>Sie haben ein Kalender-Abonnement. Die Adresse wird aus Sicherheitsgründen nur beim Erzeugen angezeigt.</p>
      ) : (
        <p>Sie haben noch kein Kalender-Abonnement.</p>
      )}
      <div className="button-row">
        <Form method="post">
          <input type="hidden" name="intent" value="create-feed" />
          <Button>
            {hasFeed ? "Neuen Link erzeugen (der alte wird ungültig)" : "Abonnement-Adresse erzeugen"}
          </Button>
        </Form>
        {hasFeed ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-feed" />
            <Button variant="danger">
              Abonnement beenden
            </Button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
