import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { pageTitle } from "~/components/areas";
import { Button } from "~/components/button";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { readSessionToken, serializeSessionCookie } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { signInCodeSchema } from "~/modules/auth/second-factor";
import { clearPendingSignInCookie, completeSignIn, demoCodeFor, readPendingSignIn } from "~/modules/auth/second-factor.server";

/** Without a valid pending state (expired after 5 minutes, or never there) the sign-in starts over. */
function startOver(redirectTo: string) {
  return redirect(`/anmelden?redirectTo=${encodeURIComponent(redirectTo)}&abgelaufen=1`, { headers: { "Set-Cookie": clearPendingSignInCookie() } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/start");
  if (await getCurrentUser(request, context)) throw redirect(redirectTo);
  const pending = await readPendingSignIn(request);
  if (!pending) throw startOver(redirectTo);
  return { redirectTo, demoCode: await demoCodeFor(pending.userId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = formData.get("intent") === "recovery" ? ("recovery" as const) : ("totp" as const);
  const submission = parseWithZod(formData, { schema: signInCodeSchema });
  const redirectTo = safeRedirectPath(submission.status === "success" ? submission.value.redirectTo : formData.get("redirectTo"), "/start");
  const pending = await readPendingSignIn(request);
  if (!pending) throw startOver(redirectTo);
  if (submission.status !== "success") return data({ form, result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  const result = await completeSignIn({
    pending,
    code: submission.value.code,
    ip: contextOf(context).clientIp ?? null,
    userAgent: request.headers.get("user-agent"),
    previousToken: readSessionToken(request),
  });
  if (!result.ok) {
    return data({ form, result: submission.reply({ fieldErrors: { code: [result.message] }, hideFields: ["code"] }) }, { status: result.status });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", serializeSessionCookie(result.token));
  headers.append("Set-Cookie", clearPendingSignInCookie());
  return redirect(redirectTo, { headers });
}

export const meta: MetaFunction = () => [{ title: pageTitle("Code eingeben") }];

export default function SignInCode() {
  const { redirectTo, demoCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Code eingeben</h1>
      <p>Ihr Passwort ist richtig. Geben Sie jetzt den 6-stelligen Code ein, den Ihre Authentifizierungs-App für das KAI-Portal zeigt.</p>
      {demoCode ? (
        <Alert tone="info" title="Demo-Zugang">
          <p className="kern-body">
            Im Demo-Betrieb steht hier der aktuelle Code dieses Kontos: <strong className="demo-code">{demoCode}</strong>. Der Code wechselt alle 30
            Sekunden. Im echten Betrieb zeigt ihn nur Ihre App.
          </p>
        </Alert>
      ) : null}
      <CodeForm id="code-app" intent="totp" redirectTo={redirectTo} lastResult={actionData?.form === "totp" ? actionData.result : undefined} />
      <section aria-labelledby="wiederherstellung-titel" className="stack">
        <h2 id="wiederherstellung-titel">Kein Zugriff auf die App?</h2>
        <p>Geben Sie einen Ihrer Wiederherstellungscodes ein. Jeder Code gilt nur einmal; wir schicken Ihnen danach eine E-Mail.</p>
        <CodeForm id="code-wiederherstellung" intent="recovery" redirectTo={redirectTo} lastResult={actionData?.form === "recovery" ? actionData.result : undefined} />
        <p>
          Haben Sie keine Wiederherstellungscodes mehr? Wenden Sie sich an die Administration der KAI-Gruppe: Sie kann Ihre
          Zwei-Faktor-Anmeldung zurücksetzen.
        </p>
      </section>
      <p>
        <Link to={`/anmelden?redirectTo=${encodeURIComponent(redirectTo)}`}>Abbrechen und neu anmelden</Link>
      </p>
    </>
  );
}

function CodeForm({ id, intent, redirectTo, lastResult }: { id: string; intent: "totp" | "recovery"; redirectTo: string; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(signInCodeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInCodeSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.code])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {intent === "totp" ? (
          <TextField field={fields.code} label="Code aus der App" hint="6 Ziffern, zum Beispiel 123 456" inputMode="numeric" autoComplete="one-time-code" width="numeric" required />
        ) : (
          <TextField field={fields.code} label="Wiederherstellungscode" hint="16 Zeichen, zum Beispiel abcd-efgh-ijkl-mnop" autoComplete="off" required />
        )}
        <Button variant={intent === "totp" ? "primary" : "secondary"} disabled={busy}>
          {intent === "totp" ? "Anmelden" : "Mit Wiederherstellungscode anmelden"}
        </Button>
      </Form>
    </>
  );
}
