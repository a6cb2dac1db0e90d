import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/** To the centre managers on an absence's first day (issue 7, item 5): re-route the open tickets. */
export function ReroutingOfferEmail(props: { name: string; adviser: string; absence: string; openTickets: number; link: string }) {
  return (
    <EmailLayout preview={`${props.adviser} ist abwesend: ${props.openTickets} offene Tickets umverteilen`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.adviser} ist ab heute abwesend ({props.absence}) und hat {props.openTickets === 1 ? "ein offenes Ticket" : `${props.openTickets} offene Tickets`}.
        Neue Tickets bekommt {props.adviser} in dieser Zeit nicht.
      </Text>
      <Text style={paragraph}>
        Auf der folgenden Seite sehen Sie zu jedem Ticket einen Vorschlag der Zuordnung und können alle mit einem Klick umverteilen:{" "}
        <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}
