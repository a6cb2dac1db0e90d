import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordForm } from "~/components/set-password-form";
import { findValidToken } from "~/modules/auth/account.server";
import { setPasswordFromLink } from "~/modules/auth/link-password.server";
import { pageTitle } from "~/components/areas";

// Public: the invitation link is the authorisation. The GET never consumes it (ACCEPTANCE B11).
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findValidToken(params.token ?? "", "invite");
  if (!link) return data({ valid: false as const }, { status: 410 });
  return { valid: true as const, name: link.name, email: link.email };
}

export const action = (args: ActionFunctionArgs) => setPasswordFromLink(args, "invite");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.valid ? "Einladung annehmen" : "Einladung ungültig") },
];

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (!invitation.valid) {
    return (
      <>
        <h1>Diese Einladung ist nicht mehr gültig</h1>
        <p>
          Der Einladungslink ist ungültig, abgelaufen (er gilt sieben Tage) oder wurde bereits verwendet. Bitten Sie die
          Person, die Sie eingeladen hat, um eine neue Einladung.
        </p>
        <p>
          Haben Sie Ihr Passwort schon festgelegt? Dann <Link to="/anmelden">melden Sie sich an</Link> oder{" "}
          <Link to="/passwort-vergessen">setzen Sie Ihr Passwort zurück</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Willkommen im KAI-Portal</h1>
      <p>
        Guten Tag {invitation.name}, Sie wurden in das KAI-Portal eingeladen. Legen Sie jetzt Ihr Passwort fest; danach
        melden Sie sich damit an.
      </p>
      <SetPasswordForm email={invitation.email} lastResult={lastResult} submitLabel="Passwort festlegen" />
    </>
  );
}
