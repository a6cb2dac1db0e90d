import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { ScrollableTable } from "~/components/table";
import { requireRole } from "~/modules/auth/guards.server";
import { listCentreManagers, listCentres } from "~/modules/members/queries.server";
import { pageTitle, type PageHandle } from "~/components/areas";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const [centres, managers] = await Promise.all([listCentres(), listCentreManagers()]);
  const saved = new URL(request.url).searchParams.get("gespeichert");
  const savedCentre = centres.find((c) => c.id === saved);
  return {
    saved: savedCentre ? `Die Kontaktdaten des Zentrums ${savedCentre.name} sind gespeichert.` : null,
    centres: centres.map((c) => ({
      id: c.id,
      name: c.name,
      address: [c.street, [c.postalCode, c.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      phone: c.phone,
      email: c.email,
      managers: managers.filter((m) => m.centreId === c.id).map((m) => m.name),
    })),
  };
}

export const handle: PageHandle = { area: "verwaltung", breadcrumb: { label: "Zentren" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Zentren", "verwaltung") }];

export default function Centres() {
  const { saved, centres } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Zentren</h1>
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      <p>
        Die Kontaktdaten der Zentren stehen auf der Startseite und bei den Mitgliedern. Die Geschäftsführung ergibt sich aus der Rolle
        „Geschäftsführung des Zentrums“ unter <Link to="/admin/personen">Personen</Link>.
      </p>
      <ScrollableTable label="Zentren" caption="Zentren und ihre Kontaktdaten">
        <thead>
          <tr>
            <th scope="col">Zentrum</th>
            <th scope="col">Anschrift</th>
            <th scope="col">Telefon</th>
            <th scope="col">E-Mail-Adresse</th>
            <th scope="col">Geschäftsführung</th>
            <th scope="col">Aktion</th>
          </tr>
        </thead>
        <tbody>
          {centres.map((c) => (
            <tr key={c.id}>
              <th scope="row">Zentrum {c.name}</th>
              <td>{c.address || "nicht erfasst"}</td>
              <td>{c.phone ?? "nicht erfasst"}</td>
              <td>{c.email ?? "nicht erfasst"}</td>
              <td>{c.managers.length ? c.managers.join(", ") : "keine"}</td>
              <td>
                <Link to={`/admin/zentren/${c.id}`}>
                  Bearbeiten<span className="visually-hidden">: Zentrum {c.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  );
}
