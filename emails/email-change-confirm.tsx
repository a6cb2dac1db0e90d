import { Link, Text } from "@react-email/components";
import { EmailLayout, button, paragraph } from "./layout";

/** Sent to the NEW address: only a click from that mailbox makes it the login (issue 5 item 11). */
export function EmailChangeConfirmEmail(props: { name: string; newEmail: string; link: string; expiresAt: string; changedBy: string }) {
  return (
    <EmailLayout preview="Bitte bestätigen Sie Ihre neue E-Mail-Adresse">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.changedBy} hat im KAI-Portal Ihre E-Mail-Adresse auf {props.newEmail} geändert. Damit die neue Adresse
        gilt, bestätigen Sie sie bitte über diesen Link:
      </Text>
      <Link href={props.link} style={button}>
        Neue E-Mail-Adresse bestätigen
      </Link>
      <Text style={paragraph}>
        Lässt sich der Link nicht anklicken, kopieren Sie diese Adresse in die Adresszeile Ihres Browsers: {props.link}
      </Text>
      <Text style={paragraph}>
        Der Link gilt bis {props.expiresAt} und nur einmal. Bis zur Bestätigung melden Sie sich weiter mit Ihrer
        bisherigen Adresse an. Haben Sie diese Änderung nicht erwartet, ignorieren Sie diese Nachricht.
      </Text>
    </EmailLayout>
  );
}
