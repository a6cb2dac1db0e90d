import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CentreContact, centreContactFields } from "~/components/centre-contact";
import { formatNumber } from "~/modules/members/levy";
import { listMembersByCentre } from "~/modules/members/queries.server";
import { pageTitle } from "~/components/areas";
import { Card, CardGrid } from "~/components/card";
import { ButtonRow, LinkButton } from "~/components/button";

export async function loader() {
  const { centres, total } = await listMembersByCentre();
  return {
    centres: centres.map((c) => ({
      ...centreContactFields(c),
      members: c.memberCount,
      inhabitants: c.inhabitants,
    })),
    total: { members: total.members, inhabitants: total.inhabitants },
  };
}

const SERVICES = [
  {
    title: "Betreuung",
    preline: "Bald im Portal",
    text: "Systembetreuerinnen und -betreuer aus den Mitgliedskommunen helfen schnell – regional aus vier Zentren, bei Bedarf vor Ort.",
  },
  {
    title: "Schulung und Information",
    preline: "Bald im Portal",
    text: "Schulungen zu allen Kernverfahren in den Räumen der Zentren oder als Inhouse-Schulung, dazu Informationsveranstaltungen.",
  },
  {
    title: "Facharbeitskreise",
    preline: "Bald im Portal",
    text: "Je ein Facharbeitskreis für Einwohnermeldewesen, Finanzwesen und Personalwesen erarbeitet die Pflichtenhefte.",
  },
  { title: "NeuigKAIten", preline: "Bald im Portal", text: "Der interne Newsletter berichtet zeitnah über Entwicklungen, Trends und offene Fragen." },
];

export const meta: MetaFunction = () => [
  { title: pageTitle("Startseite") },
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
      <ButtonRow>
        <LinkButton to="/anmelden">Im Portal anmelden</LinkButton>
        <a href="#zentren">Ansprechpersonen in Ihrem Zentrum</a>
      </ButtonRow>
      <h2>Unsere Leistungen</h2>
      <p>Im Portal finden Mitarbeiterinnen und Mitarbeiter der Mitgliedskommunen nach der Anmeldung die vier Leistungen der KAI:</p>
      <CardGrid>
        {SERVICES.map((service) => (
          <li key={service.title}>
            <Card title={service.title} preline={service.preline}>
              <p className="kern-body">{service.text}</p>
            </Card>
          </li>
        ))}
      </CardGrid>
      <h2 id="zentren">Die vier Zentren</h2>
      <p>Betreuung und Schulung sind regional organisiert: Ihr Zentrum ist Ihre erste Anlaufstelle.</p>
      <CardGrid>
        {centres.map((c) => (
          <li key={c.id}>
            <Card title={`Zentrum ${c.name} (${c.city})`} preline={`${c.members} Mitglieder, rund ${formatNumber(c.inhabitants)} Einwohner`}>
              <CentreContact centre={c} headingLevel={4} />
            </Card>
          </li>
        ))}
      </CardGrid>
      <p>
        Die KAI-Gruppe mit Sitz in Buxtehude steuert die Gemeinschaft. Mehr zu den <a href="/mitglieder">Mitgliedern</a>, den{" "}
        <a href="/verfahren">Verfahren</a> und den <a href="/konditionen">Konditionen einer Mitgliedschaft</a>.
      </p>
    </>
  );
}
