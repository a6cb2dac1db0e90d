import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./layout";

/**
 * The reminder two working days before a seminar's first date (issue 8, item 7): the dates, the
 * place and how to get there, or the online link.
 */
export function TrainingReminderEmail(props: {
  name: string;
  title: string;
  typeLabel: string;
  /** "Do., 14.01.2027, 09:00–16:00 Uhr", one per date. */
  dates: string[];
  /** Where: the room and centre, the host municipality, or "Online". */
  place: string;
  /** How to get there (room directions, the address at the host municipality); null when none is known. */
  directions: string | null;
  onlineUrl: string | null;
  seminarUrl: string;
}) {
  return (
    <EmailLayout preview={`Erinnerung: ${props.title} beginnt am ${props.dates[0] ?? ""}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>wir erinnern Sie an Ihre Teilnahme an dieser Veranstaltung ({props.typeLabel}):</Text>
      <Text style={{ ...paragraph, fontWeight: "bold" }}>{props.title}</Text>
      <Text style={paragraph}>{props.dates.length > 1 ? "Termine:" : "Termin:"}</Text>
      {props.dates.map((d) => (
        <Text key={d} style={{ ...paragraph, margin: "0 0 0 16px" }}>
          {d}
        </Text>
      ))}
      <Text style={paragraph}>Ort: {props.place}</Text>
      {props.directions ? <Text style={{ ...paragraph, whiteSpace: "pre-line" }}>Anfahrt: {props.directions}</Text> : null}
      {props.onlineUrl ? (
        <Text style={paragraph}>
          Zugang zur Online-Veranstaltung: <Link href={props.onlineUrl}>{props.onlineUrl}</Link>
        </Text>
      ) : null}
      <Text style={paragraph}>
        Einzelheiten und Ihre Anmeldung: <Link href={props.seminarUrl}>{props.seminarUrl}</Link>
      </Text>
      <Text style={paragraph}>Wenn Sie nicht teilnehmen können, melden Sie sich bitte auf dieser Seite ab oder geben Sie der Schulungsleitung Bescheid, damit jemand von der Warteliste nachrücken kann.</Text>
    </EmailLayout>
  );
}
