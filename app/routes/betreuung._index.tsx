import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getArea, pageTitle, sectionsFor, type PageHandle } from "~/components/areas";
import { Card, CardGrid } from "~/components/card";
import { requireRole } from "~/modules/auth/guards.server";
import { isTicketStaff } from "~/modules/tickets/access.server";
import { ticketCounts } from "~/modules/tickets/queries.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const roles = [...new Set(user.roles.map((r) => r.role))];
  const staff = isTicketStaff(user);
  return {
    staff,
    counts: staff ? await ticketCounts(user) : null,
    sections: sectionsFor(getArea("betreuung"), roles).map((s) => ({ to: s.to, label: s.label, description: s.description })),
  };
}

export const handle: PageHandle = { area: "betreuung" };

export const meta: MetaFunction = () => [{ title: pageTitle("Übersicht", "betreuung") }];

export default function SupportIndex() {
  const { staff, counts, sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Betreuung</h1>
      <p>
        {staff
          ? "Support für die Mitgliedskommunen: Tickets annehmen, beantworten und lösen, bei Bedarf vor Ort."
          : "Haben Sie ein Problem mit einem Verfahren? Legen Sie ein Ticket an; die Betreuung Ihres Zentrums meldet sich."}
      </p>
      {counts ? (
        <p>
          Ihnen zugewiesen: {counts.mine} offene Tickets · nicht zugewiesen: {counts.unassigned}
        </p>
      ) : null}
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
