import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordForm } from "~/components/set-password-form";
import { findValidToken } from "~/modules/auth/account.server";
import { setPasswordFromLink } from "~/modules/auth/link-password.server";
import { pageTitle } from "~/components/areas";

// Public: the link is the authorisation. The GET only looks the token up, never consumes it
// (ACCEPTANCE B11): mail scanners open links too.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findValidToken(params.token ?? "", "reset");
  if (!link) return data({ valid: false as const }, { status: 410 });
  return { valid: true as const, email: link.email };
}

export const action = (args: ActionFunctionArgs) => setPasswordFromLink(args, "reset");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.valid ? "Neues Passwort festlegen" : "Link zum Zurücksetzen ungültig") },
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
      <p>Nach dem Speichern ist dieses Konto auf allen Geräten abgemeldet. Melden Sie sich dann mit dem neuen Passwort an.</p>
      <SetPasswordForm email={link.email} lastResult={lastResult} submitLabel="Passwort speichern" />
    </>
  );
}
