import { Link, Text } from "@react-email/components";
import { EmailLayout, button, paragraph } from "./layout";

export function InvitationEmail(props: { name: string; link: string; invitedBy: string; expiresAt: string }) {
  return (
    <EmailLayout preview="Ihre Einladung in das KAI-Portal">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.invitedBy} hat Sie in das KAI-Portal eingeladen. Über den folgenden Link legen Sie Ihr Passwort fest
        und melden sich an:
      </Text>
      <Link href={props.link} style={button}>
        Passwort festlegen
      </Link>
      <Text style={paragraph}>
        Lässt sich der Link nicht anklicken, kopieren Sie diese Adresse in die Adresszeile Ihres Browsers: {props.link}
      </Text>
      <Text style={paragraph}>
        Der Link gilt bis {props.expiresAt} und nur einmal. Wenn Sie keine Einladung erwartet haben, können Sie diese
        Nachricht ignorieren.
      </Text>
    </EmailLayout>
  );
}
