import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** Sent instead of an invitation when the address already has an account (ACCEPTANCE A9). */
export function AccountExistsEmail(props: { name: string; loginLink: string; resetLink: string }) {
  return (
    <EmailLayout preview="Sie haben bereits ein Konto im KAI-Portal">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        Sie wurden in das KAI-Portal eingeladen, haben dort aber bereits ein Konto. Melden Sie sich wie gewohnt an:{" "}
        <Link href={props.loginLink}>{props.loginLink}</Link>
      </Text>
      <Text style={paragraph}>
        Passwort vergessen? Hier setzen Sie es zurück: <Link href={props.resetLink}>{props.resetLink}</Link>
      </Text>
    </EmailLayout>
  );
}
