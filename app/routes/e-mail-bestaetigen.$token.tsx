import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { confirmEmailChange, findEmailChange } from "~/modules/auth/email-change.server";
import { Button } from "~/components/button";
import { pageTitle } from "~/components/areas";

// Public: the link is the authorisation. The GET only shows the change; the POST makes it (B11).
export async function loader({ params }: LoaderFunctionArgs) {
  const change = await findEmailChange(params.token ?? "");
  if (!change) return data({ valid: false as const }, { status: 410 });
  return { valid: true as const, name: change.name, newEmail: change.newEmail };
}

export async function action({ params, context }: ActionFunctionArgs) {
  try {
    const { email } = await confirmEmailChange({ token: params.token ?? "", ip: contextOf(context).clientIp ?? null });
    return { ok: true as const, email };
  } catch (error) {
    if (error instanceof PublicError) return data({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.valid ? "E-Mail-Adresse bestätigen" : "Bestätigungslink ungültig") },
];

export default function ConfirmEmailChange() {
  const change = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  if (result?.ok) {
    return (
      <>
        <h1>Neue E-Mail-Adresse bestätigt</h1>
        <StatusMessage>
          Ihre E-Mail-Adresse im KAI-Portal ist jetzt {result.email}. Melden Sie sich ab jetzt mit dieser Adresse an.
        </StatusMessage>
        <p>
          <Link to="/anmelden">Zur Anmeldung</Link>
        </p>
      </>
    );
  }
  if (!change.valid) {
    return (
      <>
        <h1>Dieser Link ist nicht mehr gültig</h1>
        <p>
          Der Bestätigungslink ist ungültig, abgelaufen (er gilt 48 Stunden) oder wurde bereits verwendet. Ihre bisherige
          E-Mail-Adresse gilt weiter. Bitten Sie die Administration des KAI-Portals, die Änderung erneut anzustoßen.
        </p>
        <p>
          <Link to="/anmelden">Zur Anmeldung</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Neue E-Mail-Adresse bestätigen</h1>
      {result && !result.ok ? <ErrorSummary errors={[{ message: result.message }]} /> : null}
      <p>
        Guten Tag {change.name}, für Ihr Konto im KAI-Portal soll künftig die Adresse <strong>{change.newEmail}</strong>{" "}
        gelten. Nach der Bestätigung melden Sie sich mit dieser Adresse an; Ihr Passwort bleibt gleich.
      </p>
      <Form method="post">
        <Button disabled={navigation.state === "submitting"}>
          Neue Adresse bestätigen
        </Button>
      </Form>
    </>
  );
}
