import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, StatusMessage, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { login } from "~/modules/auth/account.server";
import { readSessionToken, serializeSessionCookie } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { pendingSignInCookie } from "~/modules/auth/second-factor.server";
import { loginSchema } from "~/modules/auth/validation";
import { Button } from "~/components/button";
import { pageTitle } from "~/components/areas";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "/start");
  if (await getCurrentUser(request, context)) throw redirect(redirectTo);
  return {
    redirectTo,
    // Set by the guard (or the expiry warning) when the cookie's session was gone (issue 5, item 9).
    ended: url.searchParams.has("beendet"),
    expired: url.searchParams.has("abgelaufen") && !url.searchParams.has("beendet"),
    passwordSet: url.searchParams.has("passwort-gesetzt"),
    loggedOut: url.searchParams.has("abgemeldet"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const result = await login({
    email,
    password,
    ip: contextOf(context).clientIp ?? null,
    userAgent: request.headers.get("user-agent"),
    previousToken: readSessionToken(request),
  });
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), { status: result.status });
  }
  const target = safeRedirectPath(redirectTo, "/start");
  if (result.secondFactor) {
    // The second step: a signed, short-lived cookie names the person until the code is right.
    return redirect(`/anmelden/code?redirectTo=${encodeURIComponent(target)}`, { headers: { "Set-Cookie": await pendingSignInCookie(result.userId) } });
  }
  return redirect(target, { headers: { "Set-Cookie": serializeSessionCookie(result.token) } });
}

export const meta: MetaFunction = () => [{ title: pageTitle("Anmelden") }];

export default function Login() {
  const { redirectTo, expired, ended, passwordSet, loggedOut } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  return (
    <>
      <h1>Anmelden</h1>
      {expired ? <StatusMessage>Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.</StatusMessage> : null}
      {ended ? <StatusMessage>Sie wurden abgemeldet, weil Ihre Anmeldung an anderer Stelle beendet wurde. Bitte melden Sie sich erneut an.</StatusMessage> : null}
      {passwordSet ? <StatusMessage>Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.</StatusMessage> : null}
      {loggedOut ? <StatusMessage>Sie haben sich abgemeldet.</StatusMessage> : null}
      <ErrorSummary errors={summariseErrors(form.errors, [fields.email, fields.password])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label="E-Mail-Adresse" type="email" autoComplete="username" required />
        <TextField field={fields.password} label="Passwort" type="password" autoComplete="current-password" required />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            Anmelden
          </Button>
          <Link to="/passwort-vergessen">Passwort vergessen?</Link>
        </div>
      </Form>
    </>
  );
}
