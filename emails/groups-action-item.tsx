import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** To the owner of an action item three working days before it is due (issue 9, item 7). */
export function GroupsActionItemReminderEmail(props: {
  name: string;
  groupName: string;
  title: string;
  /** "13.03.2026" */
  dueOn: string;
  meetingTitle: string;
  itemUrl: string;
}) {
  return (
    <EmailLayout preview={`Erinnerung: Aufgabe „${props.title}“ ist am ${props.dueOn} fällig.`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        wir erinnern Sie an Ihre Aufgabe aus dem Facharbeitskreis {props.groupName} (Sitzung „{props.meetingTitle}“):
      </Text>
      <Text style={{ ...paragraph, fontWeight: "bold" }}>{props.title}</Text>
      <Text style={paragraph}>Fällig am {props.dueOn}.</Text>
      <Text style={paragraph}>
        Wenn die Aufgabe erledigt ist, vertagt werden muss oder entfällt, tragen Sie das bitte mit einer kurzen Notiz ein:{" "}
        <Link href={props.itemUrl}>{props.itemUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
