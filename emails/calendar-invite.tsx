import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

export type CalendarMessageKind = "invite" | "update" | "cancel" | "removed";

const intro: Record<CalendarMessageKind, string> = {
  invite: "Sie sind zu folgendem Termin eingeladen:",
  update: "Ein Termin, zu dem Sie eingeladen sind, wurde geändert:",
  cancel: "Der folgende Termin wurde abgesagt:",
  removed: "Sie nehmen an folgendem Termin nicht mehr teil:",
};

/** The human-readable part beside the text/calendar part. */
export function CalendarInviteEmail(props: {
  name: string;
  kind: CalendarMessageKind;
  title: string;
  when: string;
  location: string | null;
  description: string | null;
}) {
  return (
    <EmailLayout preview={`${props.title}: ${props.when}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>{intro[props.kind]}</Text>
      <Text style={{ ...paragraph, fontWeight: "bold" }}>{props.title}</Text>
      <Text style={paragraph}>Wann: {props.when}</Text>
      {props.location ? <Text style={paragraph}>Wo: {props.location}</Text> : null}
      {props.description ? <Text style={{ ...paragraph, whiteSpace: "pre-line" }}>{props.description}</Text> : null}
      <Text style={paragraph}>
        {props.kind === "cancel" || props.kind === "removed"
          ? "Die angehängte Kalenderdatei entfernt den Termin aus Ihrem Kalender."
          : "Die angehängte Kalenderdatei (invite.ics) übernimmt den Termin in Ihren Kalender."}
      </Text>
    </EmailLayout>
  );
}
