import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, StatusMessage, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { requestPasswordReset } from "~/modules/auth/account.server";
import { forgotPasswordSchema } from "~/modules/auth/validation";
import { Button } from "~/components/button";
import { pageTitle } from "~/components/areas";

export const RESET_SENT_MESSAGE =
  "Wenn zu dieser Adresse ein Konto besteht, haben wir eine E-Mail mit einem Link zum Zurücksetzen gesendet. Der Link gilt eine Stunde.";

// Public page: anyone may ask; the answer never says whether the address has an account (A9).
export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("gesendet") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await requestPasswordReset({ email: submission.value.email, ip: contextOf(context).clientIp ?? null });
  // Redirect after POST: a reload shows the answer again instead of sending another mail.
  return redirect("/passwort-vergessen?gesendet=1");
}

export const meta: MetaFunction = () => [{ title: pageTitle("Passwort vergessen") }];

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <>
      <h1>Passwort vergessen</h1>
      {sent ? (
        <StatusMessage>{RESET_SENT_MESSAGE}</StatusMessage>
      ) : (
        <p>Geben Sie die E-Mail-Adresse Ihres Kontos an. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.</p>
      )}
      <ErrorSummary errors={summariseErrors(form.errors, [fields.email])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.email} label="E-Mail-Adresse" type="email" autoComplete="username" required />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>
            {sent ? "Link erneut anfordern" : "Link anfordern"}
          </Button>
          <Link to="/anmelden">Zur Anmeldung</Link>
        </div>
      </Form>
    </>
  );
}
