import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/**
 * Training mails (issue 8), one component per message. What every one names: the seminar, its
 * dates and the link to its page in the portal.
 */
export type SeminarRef = { title: string; typeLabel: string; dates: string[]; link: string };

function SeminarDates({ seminar }: { seminar: SeminarRef }) {
  return (
    <Text style={paragraph}>
      {seminar.dates.length === 1 ? "Termin" : "Termine"}:
      {seminar.dates.map((d) => (
        <span key={d}>
          <br />
          {d}
        </span>
      ))}
    </Text>
  );
}

function SeminarFooter({ seminar }: { seminar: SeminarRef }) {
  return (
    <Text style={paragraph}>
      Zur Veranstaltung im KAI-Portal: <Link href={seminar.link}>{seminar.link}</Link>
    </Text>
  );
}

/** The seminar is cancelled: to every confirmed and waiting participant, with the reason. */
export function SeminarCancelledEmail(props: { name: string; seminar: SeminarRef; reason: string; waiting: boolean }) {
  return (
    <EmailLayout preview={`Abgesagt: ${props.seminar.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        leider müssen wir die {props.seminar.typeLabel} „{props.seminar.title}“ absagen.{" "}
        {props.waiting
          ? "Sie standen auf der Warteliste; Ihr Platz auf der Warteliste entfällt damit."
          : "Ihre Anmeldung entfällt damit; die Kalendereinträge werden mit einer eigenen Nachricht abgesagt."}
      </Text>
      <Text style={paragraph}>Grund der Absage:</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" }}>{props.reason}</Text>
      <SeminarDates seminar={props.seminar} />
      <Text style={paragraph}>Wir bitten um Entschuldigung. Weitere Termine finden Sie im Schulungskalender des KAI-Portals.</Text>
      <SeminarFooter seminar={props.seminar} />
    </EmailLayout>
  );
}
