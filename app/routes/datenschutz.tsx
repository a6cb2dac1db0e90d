import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/components/areas";

export const meta: MetaFunction = () => [
  { title: pageTitle("Datenschutzhinweise") },
  { name: "description", content: "Welche personenbezogenen Daten das KAI-Portal verarbeitet, wozu, wie lange, und welche Rechte Sie haben." },
];

/** Static text; plain anchors so the page renders without router context (and in tests). */
export default function PrivacyNotice() {
  return (
    <>
      <h1>Datenschutzhinweise</h1>
      <p>
        Hier erfahren Sie, welche personenbezogenen Daten das KAI-Portal verarbeitet, zu welchem Zweck und wie lange, und welche Rechte Sie
        nach der Datenschutz-Grundverordnung (DSGVO) haben.
      </p>

      <h2>Verantwortliche Stelle</h2>
      <p>
        KAI-Gruppe – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik
        <br />
        Musterstraße 1, 21614 Buxtehude
        <br />
        E-Mail: <a href="mailto:datenschutz@kai.example">datenschutz@kai.example</a>
      </p>
      <p>
        Die oder der Datenschutzbeauftragte der KAI-Gruppe ist unter derselben Anschrift und unter{" "}
        <a href="mailto:dsb@kai.example">dsb@kai.example</a> erreichbar.
      </p>

      <h2>Öffentliche Seiten</h2>
      <p>
        Auf den öffentlichen Seiten (Startseite, Mitglieder, Verfahren, Konditionen und diese Hinweise) setzen wir kein Cookie und erheben
        keine Daten über Sie. Der Umlagerechner rechnet nur mit der eingegebenen Zahl und speichert sie nicht.
      </p>

      <h2>Was wir nach der Anmeldung verarbeiten</h2>
      <h3>Konto</h3>
      <p>
        Für Ihr Konto speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Rollen im Portal und die Kommune, für die Sie tätig sind. Ihr
        Passwort speichern wir nicht im Klartext, sondern nur als Argon2id-Hash. Ein Konto legt die KAI-Gruppe per Einladung an; die
        Einladung ist sieben Tage gültig und nur einmal verwendbar.
      </p>

      <h3>Anmelde-Cookie</h3>
      <p>
        Nach der Anmeldung setzt das Portal ein einziges Cookie mit dem Namen <code>__Host-kai_session</code>. Es enthält eine zufällige
        Kennung Ihrer Anmeldung; in der Datenbank liegt nur deren Prüfsumme. Das Cookie ist technisch unbedingt erforderlich, damit Sie
        angemeldet bleiben, und braucht daher keine Einwilligung (§&nbsp;25 Abs.&nbsp;2 Nr.&nbsp;2 TDDDG). Die Anmeldung endet nach
        30&nbsp;Minuten ohne Aktivität, spätestens nach 12&nbsp;Stunden oder wenn Sie sich abmelden. Zu jeder Anmeldung speichern wir
        IP-Adresse, Browserkennung und Zeitpunkte, damit Sie unter „Mein Konto“ sehen, auf welchen Geräten Sie angemeldet sind, und
        sich dort abmelden können. Abgelaufene Anmeldungen werden automatisch gelöscht.
      </p>

      <h3>Anmeldeversuche</h3>
      <p>
        Um Ihr Konto vor dem Erraten von Passwörtern zu schützen, speichern wir bei jedem Anmeldeversuch die eingegebene E-Mail-Adresse,
        die IP-Adresse, den Zeitpunkt und ob der Versuch erfolgreich war. Diese Einträge werden nach 30&nbsp;Tagen automatisch gelöscht.
      </p>

      <h3>Änderungsprotokoll</h3>
      <p>
        Jede Änderung im Portal wird protokolliert: wer wann was geändert hat, mit dem Stand vorher und nachher und der IP-Adresse. Das
        Protokoll dient dem Nachweis ordnungsgemäßer Verwaltung und ist nur für die Administration der KAI-Gruppe einsehbar. Wird ein Konto
        gelöscht, bleiben die Einträge ohne Bezug zur Person erhalten.
      </p>

      <h3>E-Mails</h3>
      <p>
        Das Portal schickt Ihnen E-Mails, etwa Einladungen, Links zum Zurücksetzen des Passworts und Hinweise auf Änderungen an Ihrem Konto.
        Dazu speichern wir Empfänger, Betreff, Inhalt und den Stand der Zustellung. Läuft das Portal ohne angebundenen Mailserver, landen die
        Nachrichten in einem internen Postfach, das nur die Administration einsehen kann und das nach 90&nbsp;Tagen geleert wird.
      </p>

      <h3>Kalender-Abonnement</h3>
      <p>
        Wenn Sie unter „Mein Konto“ einen persönlichen Kalender-Link erzeugen, speichern wir nur die Prüfsumme des darin enthaltenen
        Schlüssels. Sie können den Link jederzeit widerrufen.
      </p>

      <h2>Rechtsgrundlage</h2>
      <p>
        Wir verarbeiten diese Daten, um die gemeinsame Betreuung, Schulung und Information der Mitgliedskommunen zu organisieren – eine
        Aufgabe im öffentlichen Interesse (Art.&nbsp;6 Abs.&nbsp;1 Buchst.&nbsp;e DSGVO). Der Schutz vor Missbrauch und das
        Änderungsprotokoll dienen zugleich der Sicherheit der Verarbeitung (Art.&nbsp;32 DSGVO).
      </p>

      <h2>Keine Weitergabe, kein Tracking</h2>
      <p>
        Das Portal verwendet keine Analyse- oder Tracking-Werkzeuge, keine Werbung und keine Inhalte von Drittanbietern; Schriften und
        Skripte kommen vom eigenen Server. Wir geben Ihre Daten nicht an Dritte weiter und übermitteln sie nicht in Länder außerhalb der
        Europäischen Union. Betreibt ein Rechenzentrum das Portal in unserem Auftrag, ist es als Auftragsverarbeiter vertraglich gebunden (Art.&nbsp;28 DSGVO).
      </p>

      <h2>Ihre Rechte</h2>
      <p>Sie haben gegenüber der KAI-Gruppe das Recht auf</p>
      <ul>
        <li>Auskunft über die zu Ihnen gespeicherten Daten (Art.&nbsp;15 DSGVO),</li>
        <li>Berichtigung unrichtiger Daten (Art.&nbsp;16 DSGVO),</li>
        <li>Löschung (Art.&nbsp;17 DSGVO),</li>
        <li>Einschränkung der Verarbeitung (Art.&nbsp;18 DSGVO),</li>
        <li>Unterrichtung der Empfänger über Berichtigung, Löschung oder Einschränkung (Art.&nbsp;19 DSGVO),</li>
        <li>Datenübertragbarkeit (Art.&nbsp;20 DSGVO) und</li>
        <li>Widerspruch gegen die Verarbeitung aus Gründen, die sich aus Ihrer besonderen Situation ergeben (Art.&nbsp;21 DSGVO).</li>
      </ul>
      <p>
        Schreiben Sie dazu an <a href="mailto:datenschutz@kai.example">datenschutz@kai.example</a>. Außerdem können Sie sich bei einer
        Datenschutz-Aufsichtsbehörde beschweren (Art.&nbsp;77 DSGVO), etwa bei der oder dem Landesbeauftragten für den Datenschutz
        Niedersachsen.
      </p>
    </>
  );
}
