import type { MetaFunction } from "@remix-run/node";
import { Alert } from "~/components/alert";
import { pageTitle } from "~/components/areas";
import { DescriptionList } from "~/components/description-list";

export const meta: MetaFunction = () => [
  { title: pageTitle("Impressum") },
  { name: "description", content: "Anbieterkennzeichnung des KAI-Portals." },
];

/**
 * Static text; plain anchors so the page renders without router context (and in tests).
 * Every name, address and contact here is fictional (brief: no real people or numbers).
 */
export default function Imprint() {
  return (
    <>
      <h1>Impressum</h1>
      <Alert tone="info" title="Demonstration">
        Dieses Portal ist eine Demonstration. Alle Personen, Anschriften und Kontaktdaten auf dieser Seite sind frei erfunden.
      </Alert>

      <h2>Anbieter</h2>
      <p>
        KAI-Gruppe – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik
        <br />
        Musterstraße 1
        <br />
        21614 Buxtehude
      </p>

      <h2>Vertreten durch</h2>
      <p>
        den Vorsitzenden der KAI-Gruppe, Bürgermeister Hannes Beispiel, und die stellvertretende Vorsitzende, Bürgermeisterin Petra Muster
        (beide fiktiv).
      </p>

      <h2>Kontakt</h2>
      <DescriptionList
        items={[
          { term: "E-Mail", value: <a href="mailto:info@kai.example">info@kai.example</a> },
          { term: "Barrierefreiheit", value: <a href="mailto:barrierefreiheit@kai.example">barrierefreiheit@kai.example</a> },
          { term: "Datenschutz", value: <a href="mailto:datenschutz@kai.example">datenschutz@kai.example</a> },
        ]}
      />

      <h2>Die vier Zentren</h2>
      <ul>
        <li>Zentrum Nord, Buxtehude</li>
        <li>Zentrum Mitte, Verden</li>
        <li>Zentrum West, Rheine</li>
        <li>Zentrum Süd, Höxter</li>
      </ul>
      <p>Die Zentren erreichen Sie über die Betreuung Ihrer Kommune oder über <a href="mailto:info@kai.example">info@kai.example</a>.</p>

      <h2>Verantwortlich für den Inhalt</h2>
      <p>
        Nach §&nbsp;18 Abs.&nbsp;2 Medienstaatsvertrag: Hannes Beispiel, Anschrift wie oben.
      </p>

      <h2>Haftung für Links</h2>
      <p>
        Für Inhalte fremder Seiten, auf die wir verweisen, sind deren Anbieter verantwortlich. Bei Bekanntwerden von Rechtsverletzungen
        entfernen wir solche Verweise umgehend.
      </p>
    </>
  );
}
