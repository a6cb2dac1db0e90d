import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordForm } from "~/components/set-password-form";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { findValidToken, setPasswordWithToken } from "~/modules/auth/account.server";
import { setPasswordSchema } from "~/modules/auth/validation";

// Public: the link is the authorisation. The GET only looks the token up, never consumes it
// (ACCEPTANCE B11): mail scanners open links too.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findValidToken(params.token ?? "", "reset");
  if (!link) return data({ valid: false as const }, { status: 410 });
  return { valid: true as const, email: link.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: setPasswordSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  try {
    await setPasswordWithToken({
      token: params.token ?? "",
      purpose: "reset",
      password: submission.value.password,
      ip: contextOf(context).clientIp ?? null,
    });
  } catch (error) {
    if (error instanceof PublicError) return data(submission.reply({ formErrors: [error.message], hideFields }), { status: error.status });
    throw error;
  }
  return redirect("/anmelden?passwort-gesetzt=1");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.valid ? "Neues Passwort festlegen – KAI-Portal" : "Link ungültig – KAI-Portal" },
];

export default function ResetPassword() {
  const link = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (!link.valid) {
    return (
      <>
        <h1>Dieser Link ist nicht mehr gültig</h1>
        <p>
          Der Link zum Zurücksetzen des Passworts ist ungültig, abgelaufen (er gilt eine Stunde) oder wurde bereits
          verwendet.
        </p>
        <p>
          <Link to="/passwort-vergessen">Neuen Link anfordern</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Neues Passwort festlegen</h1>
      <p>Nach dem Speichern werden alle Sitzungen dieses Kontos beendet. Melden Sie sich dann mit dem neuen Passwort an.</p>
      <SetPasswordForm email={link.email} lastResult={lastResult} submitLabel="Passwort speichern" />
    </>
  );
}
