import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** What every ticket mail names: the number and title, the link, and how to answer by mail. */
type TicketRef = { number: string; title: string; link: string; replyByMail?: boolean };

function TicketFooter({ ticket }: { ticket: TicketRef }) {
  return (
    <>
      <Text style={paragraph}>
        Zum Ticket im KAI-Portal: <Link href={ticket.link}>{ticket.link}</Link>
      </Text>
      {ticket.replyByMail ? (
        <Text style={paragraph}>
          Sie können auf diese E-Mail antworten: Ihre Antwort wird dem Ticket {ticket.number} angefügt. Bitte lassen Sie die
          Ticketnummer im Betreff stehen.
        </Text>
      ) : null}
    </>
  );
}

export function TicketConfirmationEmail(props: { name: string; ticket: TicketRef; routing: string; filedBy?: string | null }) {
  return (
    <EmailLayout preview={`Ihr Ticket ${props.ticket.number} ist eingegangen`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.filedBy ? `${props.filedBy} hat für Sie` : "Sie haben"} das Ticket {props.ticket.number} „{props.ticket.title}“ angelegt.
        Es ist bei uns eingegangen und wird bearbeitet.
      </Text>
      <Text style={paragraph}>Zuständig: {props.routing}</Text>
      <TicketFooter ticket={props.ticket} />
    </EmailLayout>
  );
}

export function TicketReplyEmail(props: { name: string; ticket: TicketRef; author: string; body: string; status: string }) {
  return (
    <EmailLayout preview={`Neue Antwort zu ${props.ticket.number}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.author} hat auf das Ticket {props.ticket.number} „{props.ticket.title}“ geantwortet:
      </Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #cccccc", paddingLeft: "12px" }}>{props.body}</Text>
      <Text style={paragraph}>Stand des Tickets: {props.status}</Text>
      <TicketFooter ticket={props.ticket} />
    </EmailLayout>
  );
}

/** A notice to KAI staff: a new ticket for them, a hand-over, an escalation, an SLA warning. */
export function TicketNoticeEmail(props: { name: string; ticket: TicketRef; headline: string; lines: string[] }) {
  return (
    <EmailLayout preview={props.headline}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>{props.headline}</Text>
      {props.lines.map((line, i) => (
        <Text key={i} style={{ ...paragraph, whiteSpace: "pre-wrap" }}>
          {line}
        </Text>
      ))}
      <TicketFooter ticket={props.ticket} />
    </EmailLayout>
  );
}

/** The hand-off to the partner data centre (PERSOS/LOGA): the whole ticket, attachments attached. */
export function PartnerHandoffEmail(props: {
  partnerName: string;
  ticket: TicketRef;
  municipality: string;
  reporter: string;
  procedure: string;
  priority: string;
  description: string;
}) {
  return (
    <EmailLayout preview={`Übergabe ${props.ticket.number}`}>
      <Text style={paragraph}>Guten Tag,</Text>
      <Text style={paragraph}>
        die KAI-Betreuung übergibt Ihnen als {props.partnerName} das folgende Ticket zur Bearbeitung. Bitte antworten Sie der
        meldenden Person direkt; eine Antwort auf diese E-Mail wird dem Ticket angefügt.
      </Text>
      <Text style={paragraph}>
        Ticket: {props.ticket.number} – {props.ticket.title}
        <br />
        Kommune: {props.municipality}
        <br />
        Meldende Person: {props.reporter}
        <br />
        Verfahren: {props.procedure}
        <br />
        Priorität: {props.priority}
      </Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap" }}>{props.description}</Text>
    </EmailLayout>
  );
}
