import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [
  { title: "Erklärung zur Barrierefreiheit – KAI-Portal" },
  { name: "description", content: "Erklärung zur Barrierefreiheit des KAI-Portals nach BITV 2.0 (WCAG 2.1 AA), mit Feedback-Kontakt." },
];

/** Static text; plain anchors so the page renders without router context (and in tests). */
export default function AccessibilityStatement() {
  return (
    <>
      <h1>Erklärung zur Barrierefreiheit</h1>
      <p>
        Die KAI-Gruppe ist bemüht, das KAI-Portal barrierefrei zugänglich zu machen. Maßgeblich sind die Barrierefreie-Informationstechnik-Verordnung
        (BITV&nbsp;2.0) und die Web Content Accessibility Guidelines (WCAG) 2.1 auf der Konformitätsstufe AA.
      </p>
      <p>Diese Erklärung gilt für das KAI-Portal mit allen öffentlichen Seiten und den Seiten nach der Anmeldung.</p>

      <h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
      <p>
        Das KAI-Portal ist nach unserer Selbstbewertung mit den Anforderungen der BITV&nbsp;2.0 vollständig vereinbar. Barrieren sind uns
        derzeit nicht bekannt.
      </p>
      <p>So prüfen wir:</p>
      <ul>
        <li>
          Jede Seite wird bei jeder Änderung automatisch mit dem Prüfwerkzeug axe gegen die Regeln der WCAG 2.0 und 2.1 auf den Stufen A und
          AA geprüft – für jede Rolle und in verschiedenen Zuständen, etwa mit Fehlermeldungen im Formular. Eine Änderung mit Verstößen wird
          nicht übernommen.
        </li>
        <li>Alle Formulare funktionieren ohne JavaScript und lassen sich vollständig mit der Tastatur bedienen.</li>
        <li>Die Seiten sind bis zu einer Breite von 320 Pixeln ohne waagerechtes Scrollen nutzbar; breite Tabellen lassen sich einzeln verschieben.</li>
      </ul>
      <p>
        Automatische Prüfungen finden nicht jede Barriere, und eine Prüfung durch eine externe Prüfstelle hat noch nicht stattgefunden. Wenn
        Ihnen eine Barriere auffällt, freuen wir uns über Ihre Rückmeldung.
      </p>

      <h2>Erstellung dieser Erklärung</h2>
      <p>Diese Erklärung wurde am 21.11.2026 erstellt. Grundlage ist eine Selbstbewertung der KAI-Gruppe.</p>

      <h2>Feedback und Kontakt</h2>
      <p>
        Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten des KAI-Portals aufgefallen? Oder benötigen Sie Informationen in einer
        barrierefreien Form? Dann schreiben Sie uns:
      </p>
      <dl className="facts">
        <dt>E-Mail</dt>
        <dd>
          <a href="mailto:barrierefreiheit@kai.example">barrierefreiheit@kai.example</a>
        </dd>
        <dt>Post</dt>
        <dd>KAI-Gruppe, Stichwort „Barrierefreiheit“, Musterstraße 1, 21614 Buxtehude</dd>
      </dl>
      <p>Wir beantworten Ihre Rückmeldung so schnell wie möglich, spätestens innerhalb von sechs Wochen.</p>

      <h2>Schlichtungsverfahren</h2>
      <p>
        Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten haben, können Sie ein Schlichtungsverfahren einleiten. Zuständig
        ist die Schlichtungsstelle bei der oder dem Landesbeauftragten für Menschen mit Behinderungen in Niedersachsen, dem Sitz der
        KAI-Gruppe. Die Schlichtungsstelle hat die Aufgabe, Streitigkeiten zwischen Menschen mit Behinderungen und öffentlichen Stellen zum
        Thema Barrierefreiheit außergerichtlich beizulegen.
      </p>
      <p>Das Schlichtungsverfahren ist kostenlos. Sie brauchen keinen Rechtsbeistand.</p>
    </>
  );
}
