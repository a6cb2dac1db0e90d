import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

export function PasswordChangedEmail(props: { name: string; changedAt: string; how: "changed" | "reset"; resetLink: string }) {
  return (
    <EmailLayout preview="Ihr Passwort wurde geändert">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        das Passwort Ihres Kontos im KAI-Portal wurde am {props.changedAt}{" "}
        {props.how === "reset" ? "über einen Link zum Zurücksetzen" : "in Ihren Kontoeinstellungen"} geändert. Auf allen
        anderen Geräten wurden Sie dabei abgemeldet.
      </Text>
      <Text style={paragraph}>
        Waren Sie das nicht? Setzen Sie Ihr Passwort sofort zurück: <Link href={props.resetLink}>{props.resetLink}</Link>{" "}
        und informieren Sie die KAI-Gruppe.
      </Text>
    </EmailLayout>
  );
}
