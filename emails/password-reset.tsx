import { Link, Text } from "@react-email/components";
import { EmailLayout, button, paragraph } from "./layout";

export function PasswordResetEmail(props: { name: string; link: string; expiresAt: string }) {
  return (
    <EmailLayout preview="Passwort zurücksetzen">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        für Ihr Konto im KAI-Portal wurde das Zurücksetzen des Passworts angefordert. Über diesen Link legen Sie ein
        neues Passwort fest:
      </Text>
      <Link href={props.link} style={button}>
        Neues Passwort festlegen
      </Link>
      <Text style={paragraph}>
        Lässt sich der Link nicht anklicken, kopieren Sie diese Adresse in die Adresszeile Ihres Browsers: {props.link}
      </Text>
      <Text style={paragraph}>
        Der Link gilt bis {props.expiresAt} und nur einmal. Haben Sie nichts angefordert, ignorieren Sie diese
        Nachricht; Ihr Passwort bleibt unverändert.
      </Text>
    </EmailLayout>
  );
}
