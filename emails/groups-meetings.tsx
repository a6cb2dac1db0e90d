import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/**
 * Working-group meeting mails (issue 9, items 2 and 4), one component per message. Each names the
 * group, the meeting with its time and place, and links to the meeting page in the portal. The
 * calendar invites themselves come from the calendar engine (emails/calendar-invite.tsx).
 */
export type MeetingRef = { groupName: string; title: string; when: string; place: string; link: string };

function MeetingFooter({ meeting }: { meeting: MeetingRef }) {
  return (
    <Text style={paragraph}>
      Zur Sitzung im KAI-Portal: <Link href={meeting.link}>{meeting.link}</Link>
    </Text>
  );
}

/** The meeting is cancelled: to every member, with the chair's reason. */
export function MeetingCancelledEmail(props: { name: string; meeting: MeetingRef; reason: string }) {
  return (
    <EmailLayout preview={`Abgesagt: ${props.meeting.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        die Sitzung „{props.meeting.title}“ des Facharbeitskreises {props.meeting.groupName} am {props.meeting.when} ({props.meeting.place}) ist abgesagt. Der
        Kalendereintrag wird mit einer eigenen Nachricht abgesagt.
      </Text>
      <Text style={paragraph}>Grund der Absage:</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" }}>{props.reason}</Text>
      <MeetingFooter meeting={props.meeting} />
    </EmailLayout>
  );
}

export type AgendaMailItem = { number: number; time: string; title: string; presenter: string; duration: string; documents: string[]; notes: string[] };

/** The agenda, sent by the chair to every member: times, presenters, documents. */
export function MeetingAgendaEmail(props: { name: string; meeting: MeetingRef; items: AgendaMailItem[]; warning: string | null }) {
  return (
    <EmailLayout preview={`Tagesordnung: ${props.meeting.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        hier ist die Tagesordnung der Sitzung „{props.meeting.title}“ des Facharbeitskreises {props.meeting.groupName}.
        <br />
        Termin: {props.meeting.when}
        <br />
        Ort: {props.meeting.place}
      </Text>
      {props.items.length ? (
        props.items.map((item) => (
          <Text key={item.number} style={paragraph}>
            <strong>
              TOP {item.number}, {item.time}: {item.title}
            </strong>
            {item.presenter ? (
              <>
                <br />
                Vortrag: {item.presenter}
              </>
            ) : null}
            {item.duration ? (
              <>
                <br />
                Dauer: {item.duration}
              </>
            ) : null}
            {item.documents.length ? (
              <>
                <br />
                Unterlagen: {item.documents.join(", ")}
              </>
            ) : null}
            {item.notes.map((n) => (
              <span key={n}>
                <br />– {n}
              </span>
            ))}
          </Text>
        ))
      ) : (
        <Text style={paragraph}>Die Tagesordnung hat noch keine Punkte.</Text>
      )}
      {props.warning ? <Text style={paragraph}>Hinweis: {props.warning}</Text> : null}
      <Text style={paragraph}>Die Unterlagen laden Sie auf der Seite der Sitzung herunter; dort geben Sie auch Ihre Zu- oder Absage.</Text>
      <MeetingFooter meeting={props.meeting} />
    </EmailLayout>
  );
}
