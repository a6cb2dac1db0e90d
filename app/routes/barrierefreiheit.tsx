import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/components/areas";
import { DescriptionList } from "~/components/description-list";

export const meta: MetaFunction = () => [
  { title: pageTitle("Erklärung zur Barrierefreiheit") },
  { name: "description", content: "Erklärung zur Barrierefreiheit des KAI-Portals nach BITV 2.0 (WCAG 2.1 AA): was wir wie prüfen, was noch fehlt, Feedback und Schlichtung." },
];

/**
 * Static text; plain anchors so the page renders without router context (and in tests).
 * It says only what is checked and how (issue 5, item 15): the checks are tests/e2e/pages.test.ts.
 */
export default function AccessibilityStatement() {
  return (
    <>
      <h1>Erklärung zur Barrierefreiheit</h1>
      <p>
        Die KAI-Gruppe möchte das KAI-Portal für alle Menschen zugänglich machen. Maßgeblich sind die Barrierefreie-Informationstechnik-Verordnung
        (BITV&nbsp;2.0) und die Web Content Accessibility Guidelines (WCAG) 2.1 auf der Konformitätsstufe AA.
      </p>
      <p>
        Diese Erklärung gilt für das KAI-Portal mit allen öffentlichen Seiten und den Seiten nach der Anmeldung. Eine Erklärung in Leichter
        Sprache finden Sie auf der Seite <a href="/leichte-sprache">Das KAI-Portal in Leichter Sprache</a>.
      </p>

      <h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
      <p>
        Das KAI-Portal ist mit den Anforderungen der BITV&nbsp;2.0 <strong>teilweise vereinbar</strong>. Wir haben es selbst geprüft, nicht
        durch eine externe Prüfstelle. Wir schreiben hier nur auf, was wir tatsächlich prüfen und wie.
      </p>

      <h3>Was wir prüfen und wie</h3>
      <ul>
        <li>
          <strong>Automatische Prüfung mit axe-core:</strong> Bei jeder Änderung am Portal (in jedem Lauf der automatischen Tests) öffnet ein
          Browser (Chromium) jede Seite des Portals – öffentlich und mit jeder Demo-Rolle angemeldet, auch Detailseiten, gefilterte Listen und
          Formulare mit Fehlermeldungen. Jede Seite wird bei einer Breite von 1280 und von 320 Pixeln mit dem Prüfwerkzeug axe-core gegen die
          Regeln der WCAG 2.0 und 2.1 der Stufen A und AA geprüft. Eine Änderung mit einem Verstoß wird nicht übernommen.
        </li>
        <li>
          <strong>Aufbau jeder Seite:</strong> Dieselben Tests prüfen auf jeder Seite die Sprache Deutsch, einen eindeutigen Seitentitel,
          genau eine Hauptüberschrift, die Bereiche Kopf, Hauptinhalt und Fuß, einen Link „Zum Inhalt springen“ und die Links zu dieser
          Erklärung und zur Rückmeldung.
        </li>
        <li>
          <strong>Schmale Bildschirme:</strong> Bei 320 Pixeln Breite prüfen die Tests, dass keine Seite waagerecht scrollt und dass kein
          Textbereich schmaler ist als sein längstes Wort. Breite Tabellen lassen sich einzeln waagerecht verschieben.
        </li>
        <li>
          <strong>Bedienung mit der Tastatur:</strong> Automatische Tests in Chromium bedienen diese Abläufe nur mit der Tastatur: „Zum
          Inhalt springen“, die Anmeldung, die Fehlermeldung nach einer falschen Anmeldung, den Umlagerechner unter „Konditionen“, den Hinweis
          vor dem automatischen Abmelden und das Abmelden.
        </li>
        <li>
          <strong>Ohne JavaScript:</strong> Die Formulare funktionieren auch ohne JavaScript; ein Test meldet sich so an.
        </li>
      </ul>

      <h3>Was wir noch nicht geprüft haben</h3>
      <ul>
        <li>
          Eine Prüfung von Hand mit Screenreadern (zum Beispiel NVDA, JAWS oder VoiceOver) hat noch nicht stattgefunden. Wir können daher
          nicht zusagen, dass alle Seiten mit einem Screenreader gut bedienbar sind.
        </li>
        <li>Eine Prüfung nach dem BITV-Test oder durch eine externe Prüfstelle hat noch nicht stattgefunden.</li>
        <li>
          Automatische Prüfungen finden nur einen Teil der möglichen Barrieren, zum Beispiel keine unverständlichen Texte und keine
          unpassenden Alternativtexte. Abläufe außerhalb der oben genannten haben wir nicht mit der Tastatur geprüft.
        </li>
        <li>
          E-Mails, die das Portal versendet, und Kalendereinladungen prüfen wir nicht automatisch auf Barrierefreiheit.
        </li>
      </ul>
      <p>Wenn Ihnen eine Barriere auffällt, freuen wir uns über Ihre Rückmeldung.</p>

      <h2>Erstellung dieser Erklärung</h2>
      <p>
        Diese Erklärung wurde am 01.12.2026 erstellt und zuletzt am 01.12.2026 überprüft. Grundlage ist eine Selbstbewertung der KAI-Gruppe
        mit den oben beschriebenen Prüfungen.
      </p>

      <h2>Feedback und Kontakt</h2>
      <p>
        Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten des KAI-Portals aufgefallen? Oder benötigen Sie Informationen in einer
        barrierefreien Form? Dann schreiben Sie uns:
      </p>
      <DescriptionList
        items={[
          { term: "E-Mail", value: <><a href="mailto:barrierefreiheit@kai.example">barrierefreiheit@kai.example</a></> },
          { term: "Post", value: "KAI-Gruppe, Stichwort „Barrierefreiheit“, Musterstraße 1, 21614 Buxtehude" },
        ]}
      />
      <p>Wir beantworten Ihre Rückmeldung so schnell wie möglich, spätestens innerhalb von sechs Wochen.</p>

      <h2>Schlichtungsverfahren</h2>
      <p>
        Wenn Sie auf Ihre Rückmeldung innerhalb von sechs Wochen keine oder keine zufriedenstellende Antwort erhalten haben, können Sie ein
        Schlichtungsverfahren einleiten. Die Schlichtungsstelle hat die Aufgabe, Streitigkeiten zwischen Menschen mit Behinderungen und
        öffentlichen Stellen zum Thema Barrierefreiheit außergerichtlich beizulegen. Das Schlichtungsverfahren ist kostenlos. Sie brauchen
        keinen Rechtsbeistand.
      </p>
      <p>
        Nach der BITV&nbsp;2.0 ist das die Schlichtungsstelle nach §&nbsp;16 des Behinderten&shy;gleich&shy;stellungs&shy;gesetzes (BGG) bei dem Beauftragten
        der Bundesregierung für die Belange von Menschen mit Behinderungen. Auf ihrer Internetseite{" "}
        <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a> finden Sie das Antragsformular, auch in Leichter
        Sprache, und alle Kontaktdaten.
      </p>
      <DescriptionList
        items={[
          { term: "Post", value: "Schlichtungsstelle nach dem Behinderten\u00ADgleich\u00ADstellungs\u00ADgesetz, Mauerstraße 53, 10117 Berlin" },
        ]}
      />
    </>
  );
}
