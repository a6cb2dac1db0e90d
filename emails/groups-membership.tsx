import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/**
 * Membership mails of the working groups (issue 9, item 1), one component per message. Each names
 * the group and links to its page in the portal.
 */
export type GroupRef = { name: string; link: string };

const quote = { ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" } as const;

function GroupFooter({ group }: { group: GroupRef }) {
  return (
    <Text style={paragraph}>
      Zum Facharbeitskreis im KAI-Portal: <Link href={group.link}>{group.link}</Link>
    </Text>
  );
}

/** To every chair of the group: someone asks to join. */
export function JoinRequestedEmail(props: { name: string; requester: string; municipality: string; message: string; group: GroupRef }) {
  return (
    <EmailLayout preview={`Beitrittsanfrage: Facharbeitskreis ${props.group.name}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.requester} ({props.municipality}) möchte im Facharbeitskreis {props.group.name} mitarbeiten. Bitte nehmen Sie die Anfrage auf der Seite des
        Facharbeitskreises an oder lehnen Sie sie mit einer Begründung ab.
      </Text>
      {props.message ? (
        <>
          <Text style={paragraph}>Nachricht:</Text>
          <Text style={quote}>{props.message}</Text>
        </>
      ) : null}
      <GroupFooter group={props.group} />
    </EmailLayout>
  );
}

/** To the person who asked: accepted. */
export function JoinAcceptedEmail(props: { name: string; group: GroupRef; upcomingMeetings: number }) {
  return (
    <EmailLayout preview={`Willkommen im Facharbeitskreis ${props.group.name}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>Ihre Beitrittsanfrage ist angenommen: Sie sind jetzt Mitglied im Facharbeitskreis {props.group.name}.</Text>
      <Text style={paragraph}>
        {props.upcomingMeetings > 0
          ? `Für ${props.upcomingMeetings === 1 ? "die geplante Sitzung" : `die ${props.upcomingMeetings} geplanten Sitzungen`} erhalten Sie eine Kalendereinladung mit eigener Nachricht.`
          : "Zu den nächsten Sitzungen erhalten Sie eine Kalendereinladung."}
      </Text>
      <GroupFooter group={props.group} />
    </EmailLayout>
  );
}

/** To the person who asked: declined, with the chair's reason. */
export function JoinDeclinedEmail(props: { name: string; group: GroupRef; reason: string }) {
  return (
    <EmailLayout preview={`Beitrittsanfrage abgelehnt: Facharbeitskreis ${props.group.name}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>Ihre Beitrittsanfrage für den Facharbeitskreis {props.group.name} wurde leider abgelehnt.</Text>
      <Text style={paragraph}>Begründung:</Text>
      <Text style={quote}>{props.reason}</Text>
      <Text style={paragraph}>Bei Fragen wenden Sie sich bitte an den Vorsitz des Facharbeitskreises.</Text>
      <GroupFooter group={props.group} />
    </EmailLayout>
  );
}

/** To the person the administration appointed or dismissed as chair. */
export function ChairChangedEmail(props: { name: string; group: GroupRef; appointed: boolean }) {
  return (
    <EmailLayout preview={`${props.appointed ? "Vorsitz übernommen" : "Vorsitz beendet"}: Facharbeitskreis ${props.group.name}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      {props.appointed ? (
        <Text style={paragraph}>
          die Administration der KAI-Gruppe hat Sie zur oder zum Vorsitzenden des Facharbeitskreises {props.group.name} bestimmt. Sie planen jetzt die Sitzungen, nehmen
          Beitrittsanfragen an und pflegen die Beschreibung des Facharbeitskreises.
        </Text>
      ) : (
        <Text style={paragraph}>
          die Administration der KAI-Gruppe hat Ihren Vorsitz im Facharbeitskreis {props.group.name} beendet. Sie bleiben Mitglied des Facharbeitskreises.
        </Text>
      )}
      <GroupFooter group={props.group} />
    </EmailLayout>
  );
}

/** To a member whom a chair took off the group. */
export function MemberRemovedEmail(props: { name: string; group: GroupRef; removedBy: string }) {
  return (
    <EmailLayout preview={`Mitgliedschaft beendet: Facharbeitskreis ${props.group.name}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.removedBy} hat Ihre Mitgliedschaft im Facharbeitskreis {props.group.name} beendet. Die Kalendereinträge der geplanten Sitzungen werden mit einer eigenen
        Nachricht abgesagt.
      </Text>
      <Text style={paragraph}>Sie können jederzeit erneut um Aufnahme bitten.</Text>
      <GroupFooter group={props.group} />
    </EmailLayout>
  );
}
