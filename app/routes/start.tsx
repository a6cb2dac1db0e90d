import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/areas";
import { contextOf } from "~/context";
import { requireUser } from "~/modules/auth/guards.server";
import { loadStartPanels } from "~/modules/start/panels.server";
import { StartPanels } from "~/modules/start/panels";

/**
 * "Meine Übersicht": the panels the person's modules contribute (app/modules/start/). Adding a
 * panel never touches this file.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const panels = await loadStartPanels({ user, correlationId: contextOf(context).correlationId });
  return { name: user.name, panels };
}

export const meta: MetaFunction = () => [{ title: pageTitle("Meine Übersicht") }];

export default function Start() {
  const { name, panels } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Meine Übersicht</h1>
      <p>Willkommen, {name}.</p>
      <StartPanels panels={panels} />
    </>
  );
}
