import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** Sent to the OLD address when an admin asks to change it, so a mistake or misuse is noticed. */
export function EmailChangeNoticeEmail(props: { name: string; newEmail: string; changedBy: string; requestedAt: string }) {
  return (
    <EmailLayout preview="Ihre E-Mail-Adresse im KAI-Portal soll geändert werden">
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.changedBy} hat am {props.requestedAt} die E-Mail-Adresse Ihres Kontos im KAI-Portal auf {props.newEmail}{" "}
        geändert. Die Änderung wird erst wirksam, wenn sie über einen Link an die neue Adresse bestätigt wird; bis dahin
        gilt diese Adresse weiter.
      </Text>
      <Text style={paragraph}>
        Ist das nicht in Ihrem Sinne, wenden Sie sich bitte an die Administration des KAI-Portals.
      </Text>
    </EmailLayout>
  );
}
