import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** What every in-house request mail names (issue 8, item 3). */
export interface InhouseRequestRef {
  topic: string;
  municipality: string;
  procedure: string | null;
  /** Already formatted, e.g. "01.03.2027 bis 31.03.2027". */
  period: string;
  participants: number;
  link: string;
}

function Summary({ request }: { request: InhouseRequestRef }) {
  return (
    <Text style={paragraph}>
      Thema: {request.topic}
      <br />
      Kommune: {request.municipality}
      <br />
      Verfahren: {request.procedure ?? "keine Angabe"}
      <br />
      Gewünschter Zeitraum: {request.period}
      <br />
      Teilnehmende: {request.participants}
    </Text>
  );
}

/** To the trainers and the centre's managers: a municipality asks for an in-house seminar. */
export function InhouseRequestNoticeEmail(props: { name: string; requester: string; request: InhouseRequestRef; note: string | null }) {
  return (
    <EmailLayout preview={`Inhouse-Anfrage: ${props.request.topic}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.requester} hat für {props.request.municipality} eine Inhouse-Schulung angefragt.
      </Text>
      <Summary request={props.request} />
      {props.note ? <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" }}>{props.note}</Text> : null}
      <Text style={paragraph}>
        Zur Anfrage im KAI-Portal, um sie als Schulung zu planen oder abzusagen: <Link href={props.request.link}>{props.request.link}</Link>
      </Text>
    </EmailLayout>
  );
}

/** To the requester: the request was declined, with the reason. */
export function InhouseDeclinedEmail(props: { name: string; decidedBy: string; request: InhouseRequestRef; reason: string }) {
  return (
    <EmailLayout preview={`Ihre Inhouse-Anfrage „${props.request.topic}“ wurde abgelehnt`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        Ihre Anfrage für eine Inhouse-Schulung „{props.request.topic}“ können wir leider nicht einplanen. {props.decidedBy} hat sie mit
        folgender Begründung abgelehnt:
      </Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" }}>{props.reason}</Text>
      <Summary request={props.request} />
      <Text style={paragraph}>
        Zur Anfrage im KAI-Portal: <Link href={props.request.link}>{props.request.link}</Link>
      </Text>
    </EmailLayout>
  );
}
