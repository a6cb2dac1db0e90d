import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

export type SecondFactorChange = "enabled" | "disabled" | "reset" | "reset-by-admin" | "recovery-code-used" | "recovery-codes-renewed";

const WHAT: Record<SecondFactorChange, string> = {
  enabled: "wurde die Zwei-Faktor-Anmeldung für Ihr Konto eingerichtet. Bei der Anmeldung fragt das Portal nach dem Passwort jetzt nach einem Code aus Ihrer Authentifizierungs-App.",
  disabled: "wurde die Zwei-Faktor-Anmeldung für Ihr Konto ausgeschaltet. Bei der Anmeldung genügt jetzt wieder das Passwort.",
  reset: "wurde die Zwei-Faktor-Anmeldung für Ihr Konto zurückgesetzt. Richten Sie sie neu ein, bevor Sie die Verwaltung wieder öffnen.",
  "reset-by-admin":
    "hat die Administration die Zwei-Faktor-Anmeldung für Ihr Konto zurückgesetzt. Ihre bisherige App und Ihre Wiederherstellungscodes gelten nicht mehr, und Sie wurden auf allen Geräten abgemeldet.",
  "recovery-code-used": "wurde bei der Anmeldung in Ihr Konto einer Ihrer Wiederherstellungscodes verwendet. Jeder Code gilt nur einmal.",
  "recovery-codes-renewed": "wurden neue Wiederherstellungscodes für Ihr Konto erzeugt. Die bisherigen Codes gelten nicht mehr.",
};

export function SecondFactorChangedEmail(props: { name: string; changedAt: string; change: SecondFactorChange; codesLeft?: number; accountLink: string }) {
  return (
    <EmailLayout preview="Änderung an Ihrer Zwei-Faktor-Anmeldung">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        am {props.changedAt} {WHAT[props.change]}
      </Text>
      {props.codesLeft !== undefined ? (
        <Text style={paragraph}>
          Sie haben noch {props.codesLeft} unbenutzte Wiederherstellungscodes. Neue Codes erzeugen Sie unter „Mein Konto“:{" "}
          <Link href={props.accountLink}>{props.accountLink}</Link>
        </Text>
      ) : null}
      <Text style={paragraph}>
        Waren Sie das nicht? Ändern Sie sofort Ihr Passwort unter <Link href={props.accountLink}>{props.accountLink}</Link> und
        informieren Sie die KAI-Gruppe.
      </Text>
    </EmailLayout>
  );
}
