import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** To every member when the chair releases a meeting's minutes (issue 9, item 6), with a link. */
export function GroupsMinutesReleasedEmail(props: {
  name: string;
  groupName: string;
  meetingTitle: string;
  /** "12.03.2026, 10:00–12:00 Uhr" */
  when: string;
  /** The numbers the release gave the decisions, "FINAS-2026-07". */
  decisions: string[];
  minutesUrl: string;
}) {
  return (
    <EmailLayout preview={`Das Protokoll der Sitzung „${props.meetingTitle}“ ist freigegeben.`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        das Protokoll der Sitzung des Facharbeitskreises {props.groupName} ist freigegeben:
      </Text>
      <Text style={{ ...paragraph, fontWeight: "bold" }}>{props.meetingTitle}</Text>
      <Text style={paragraph}>Sitzung: {props.when}</Text>
      {props.decisions.length ? <Text style={paragraph}>Beschlüsse: {props.decisions.join(", ")}</Text> : <Text style={paragraph}>In dieser Sitzung wurden keine Beschlüsse gefasst.</Text>}
      <Text style={paragraph}>
        Zum Protokoll: <Link href={props.minutesUrl}>{props.minutesUrl}</Link>
      </Text>
      <Text style={paragraph}>In der nächsten Sitzung wird das Protokoll zur Genehmigung vorgelegt.</Text>
    </EmailLayout>
  );
}
