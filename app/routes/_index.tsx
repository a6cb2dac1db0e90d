import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CentreContact } from "~/components/centre-contact";
import { formatNumber } from "~/modules/members/levy";
import { listMembersByCentre } from "~/modules/members/queries.server";

export async function loader() {
  const { centres, total } = await listMembersByCentre();
  return {
    centres: centres.map((c) => ({
      id: c.id,
      name: c.name,
      city: c.city,
      street: c.street,
      postalCode: c.postalCode,
      phone: c.phone,
      email: c.email,
      managers: c.managers,
      members: c.memberCount,
      inhabitants: c.inhabitants,
    })),
    total: { members: total.members, inhabitants: total.inhabitants },
  };
}

export const meta: MetaFunction = () => [
  { title: "Startseite – KAI-Portal" },
  { name: "description", content: "Das Portal der KAI: Betreuung, Schulung, Facharbeitskreise und NeuigKAIten." },
];

export default function Index() {
  const { centres, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>KAI – von kommunalen Praktikern für kommunale Praktiker</h1>
      <p>
        Die Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik (KAI) ist ein Zusammenschluss von{" "}
        {total.members} Städten, Gemeinden und Samtgemeinden in Niedersachsen, Nordrhein-Westfalen, Schleswig-Holstein und
        Mecklenburg-Vorpommern mit zusammen rund {formatNumber(total.inhabitants)} Einwohnerinnen und Einwohnern. Die
        Mitglieder entwickeln und pflegen ihre kommunale Software selbst und unterstützen sich gegenseitig.
      </p>
      <h2>Unsere Leistungen</h2>
      <ul className="cards">
        <li className="card">
          <h3>Betreuung</h3>
          <p>Systembetreuerinnen und -betreuer aus den Mitgliedskommunen helfen schnell – regional aus vier Zentren, bei Bedarf vor Ort.</p>
        </li>
        <li className="card">
          <h3>Schulung und Information</h3>
          <p>Schulungen zu allen Kernverfahren in den Räumen der Zentren oder als Inhouse-Schulung, dazu Informationsveranstaltungen.</p>
        </li>
        <li className="card">
          <h3>Facharbeitskreise</h3>
          <p>Je ein Facharbeitskreis für Einwohnermeldewesen, Finanzwesen und Personalwesen erarbeitet die Pflichtenhefte.</p>
        </li>
        <li className="card">
          <h3>NeuigKAIten</h3>
          <p>Der interne Newsletter berichtet zeitnah über Entwicklungen, Trends und offene Fragen.</p>
        </li>
      </ul>
      <h2>Die vier Zentren</h2>
      <ul className="cards">
        {centres.map((c) => (
          <li key={c.id} className="card">
            <h3>
              Zentrum {c.name} ({c.city})
            </h3>
            <p>
              {c.members} Mitglieder, rund {formatNumber(c.inhabitants)} Einwohner
            </p>
            <CentreContact centre={c} headingLevel={4} />
          </li>
        ))}
      </ul>
      <p>
        Die KAI-Gruppe mit Sitz in Buxtehude steuert die Gemeinschaft. Mehr zu den <a href="/mitglieder">Mitgliedern</a>, den{" "}
        <a href="/verfahren">Verfahren</a> und den <a href="/konditionen">Konditionen einer Mitgliedschaft</a>.
      </p>
    </>
  );
}
