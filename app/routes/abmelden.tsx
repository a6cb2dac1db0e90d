import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { contextOf } from "~/context";
import { logout } from "~/modules/auth/account.server";
import { clearSessionCookie } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { Button } from "~/components/button";
import { pageTitle } from "~/components/areas";

// A GET never signs out (ACCEPTANCE A5, B11): it only offers the button that POSTs.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context, { touch: false });
  return { signedIn: Boolean(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(request, context, { touch: false });
  if (user) await logout({ sessionId: user.session.id, userId: user.id, ip: contextOf(context).clientIp });
  return redirect("/anmelden?abgemeldet=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export const meta: MetaFunction = () => [{ title: pageTitle("Abmelden") }];

export default function Logout() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Abmelden</h1>
      {signedIn ? (
        <Form method="post">
          <p>Möchten Sie sich vom KAI-Portal abmelden?</p>
          <Button>Jetzt abmelden</Button>
        </Form>
      ) : (
        <p>
          Sie sind nicht angemeldet. <a href="/anmelden">Zur Anmeldung</a>
        </p>
      )}
    </>
  );
}
