import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getArea, pageTitle, sectionsFor, type PageHandle } from "~/components/areas";
import { Card, CardGrid } from "~/components/card";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "admin", "centre_manager");
  const roles = [...new Set(user.roles.map((r) => r.role))];
  return { sections: sectionsFor(getArea("verwaltung"), roles).map((s) => ({ to: s.to, label: s.label, description: s.description })) };
}

export const handle: PageHandle = { area: "verwaltung" };

export const meta: MetaFunction = () => [{ title: pageTitle("Übersicht", "verwaltung") }];

export default function AdministrationIndex() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Verwaltung</h1>
      <p>Hier pflegen Sie die Stammdaten des Portals. Jede Änderung wird im Protokoll festgehalten.</p>
      <CardGrid>
        {sections.map((s) => (
          <li key={s.to}>
            <Card title={s.label} to={s.to} level={2}>
              <p className="kern-body">{s.description}</p>
            </Card>
          </li>
        ))}
      </CardGrid>
    </>
  );
}
