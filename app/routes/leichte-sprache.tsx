import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/components/areas";

export const meta: MetaFunction = () => [
  { title: pageTitle("Leichte Sprache") },
  { name: "description", content: "Das KAI-Portal in Leichter Sprache: Was ist das Portal? Was können Sie hier machen? Wen können Sie fragen?" },
];

/**
 * BITV 2.0 § 4 (issue 5, item 15): what the portal is, what one can do here, how to find one's way,
 * and whom to ask, in Leichte Sprache: short sentences, one statement each, hard words explained,
 * active voice, lists. Static text with plain anchors, like the other footer pages.
 */
export default function EasyLanguage() {
  return (
    <>
      <h1>Das KAI-Portal in Leichter Sprache</h1>
      <p>Hier erklären wir das KAI-Portal in Leichter Sprache.</p>

      <h2>Was ist KAI?</h2>
      <p>KAI ist eine Gruppe von Städten und Gemeinden.</p>
      <p>Die Städte und Gemeinden heißen: Mitglieder.</p>
      <p>Die Mitglieder liegen im Norden und Westen von Deutschland.</p>
      <p>Die Mitglieder brauchen Computer-Programme für ihre Arbeit.</p>
      <p>Zum Beispiel ein Programm für das Melde-Amt.</p>
      <p>Im Melde-Amt melden sich Menschen an, wenn sie umziehen.</p>
      <p>KAI macht diese Programme selbst.</p>
      <p>Und KAI hilft den Mitgliedern mit den Programmen.</p>

      <h2>Was ist das KAI-Portal?</h2>
      <p>Das KAI-Portal ist eine Internet-Seite.</p>
      <p>Hier arbeiten die Mitarbeiterinnen und Mitarbeiter der Mitglieder zusammen.</p>
      <p>Und die Mitarbeiterinnen und Mitarbeiter von KAI.</p>

      <h2>Was können Sie im KAI-Portal machen?</h2>
      <p>Alle Menschen können diese Seiten lesen:</p>
      <ul>
        <li>
          Wer ist Mitglied bei KAI? Das steht auf der Seite <a href="/mitglieder">Mitglieder</a>.
        </li>
        <li>
          Welche Programme hat KAI? Das steht auf der Seite <a href="/verfahren">Verfahren</a>. Verfahren ist ein anderes Wort für
          Programm.
        </li>
        <li>
          Was kostet KAI für ein Mitglied? Das steht auf der Seite <a href="/konditionen">Konditionen</a>. Dort können Sie den Preis
          ausrechnen.
        </li>
      </ul>
      <p>Manche Menschen haben ein Konto im KAI-Portal.</p>
      <p>Ein Konto ist ein eigener Zugang zum Portal.</p>
      <p>Mit einem Konto können Sie mehr machen. Zum Beispiel:</p>
      <ul>
        <li>Sie stellen eine Frage zu einem Programm.</li>
        <li>Sie melden sich für eine Schulung an. In einer Schulung lernen Sie ein Programm kennen.</li>
        <li>Sie arbeiten in einer Arbeits-Gruppe mit. Eine Arbeits-Gruppe plant, was ein Programm können soll.</li>
        <li>Sie lesen die Zeitung von KAI. Die Zeitung heißt: NeuigKAIten.</li>
      </ul>

      <h2>Wie bekommen Sie ein Konto?</h2>
      <p>Ein Konto bekommen nur Mitarbeiterinnen und Mitarbeiter der Mitglieder und von KAI.</p>
      <p>KAI legt das Konto für Sie an.</p>
      <p>Dann schickt KAI Ihnen eine E-Mail.</p>
      <p>In der E-Mail ist ein Link.</p>
      <p>Mit dem Link legen Sie Ihr Passwort fest.</p>
      <p>Ein Passwort ist ein geheimes Wort. Nur Sie kennen das Passwort.</p>

      <h2>So melden Sie sich an</h2>
      <ol>
        <li>
          Gehen Sie auf die Seite <a href="/anmelden">Anmelden</a>.
        </li>
        <li>Schreiben Sie Ihre E-Mail-Adresse in das erste Feld.</li>
        <li>Schreiben Sie Ihr Passwort in das zweite Feld.</li>
        <li>Drücken Sie auf den Knopf „Anmelden“.</li>
      </ol>
      <p>
        Haben Sie Ihr Passwort vergessen? Dann gehen Sie auf die Seite <a href="/passwort-vergessen">Passwort vergessen</a>. Dort können Sie
        ein neues Passwort festlegen.
      </p>
      <p>Nach 30 Minuten ohne Arbeit meldet das Portal Sie ab. Das ist sicherer.</p>
      <p>Vorher zeigt das Portal Ihnen einen Hinweis. Dann können Sie angemeldet bleiben.</p>

      <h2>So finden Sie sich zurecht</h2>
      <ul>
        <li>Oben auf jeder Seite steht das Menü. Das Menü ist eine Liste mit Links zu den wichtigen Seiten.</li>
        <li>In der Mitte steht der Inhalt der Seite.</li>
        <li>Unten auf jeder Seite stehen Links zu Seiten über das Portal. Dort ist auch der Link zu dieser Seite.</li>
        <li>Sie können das Portal auch nur mit der Tastatur benutzen. Mit der Taste „Tab“ gehen Sie zum nächsten Link.</li>
        <li>Sie können die Schrift größer machen. Drücken Sie dafür die Taste „Strg“ und die Taste „Plus“ zusammen. „Strg“ steht für Steuerung.</li>
      </ul>

      <h2>Wen können Sie fragen?</h2>
      <p>Haben Sie eine Frage zum KAI-Portal? Dann schreiben Sie eine E-Mail an:</p>
      <p>
        <a href="mailto:info@kai.example">info@kai.example</a>
      </p>
      <p>Haben Sie ein Problem beim Benutzen vom Portal? Zum Beispiel: Sie können etwas schlecht lesen. Dann schreiben Sie an:</p>
      <p>
        <a href="mailto:barrierefreiheit@kai.example">barrierefreiheit@kai.example</a>
      </p>
      <p>Sie können uns auch einen Brief schreiben. Das ist die Adresse:</p>
      <p>
        KAI-Gruppe
        <br />
        Musterstraße 1
        <br />
        21614 Buxtehude
      </p>
      <p>Wir antworten Ihnen so schnell wie möglich.</p>
      <p>
        Mehr über die Barriere-Freiheit vom Portal steht in der <a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a>. Diese Seite ist
        in schwerer Sprache.
      </p>
    </>
  );
}
