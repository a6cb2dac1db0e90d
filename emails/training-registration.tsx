import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph } from "./layout";

/** Messages about one person's seat in a seminar (issue 8 items 4 and 5). */
interface SeatProps {
  name: string;
  title: string;
  /** "Di., 12.01.2027, 09:00–16:00 Uhr; Mi., 13.01.2027, …" */
  dates: string[];
  location: string;
  link: string;
  /** Who registered the person, when not themselves. */
  registeredBy?: string | null;
}

function Dates({ dates }: { dates: string[] }) {
  return (
    <>
      {dates.map((d) => (
        <Text key={d} style={{ ...paragraph, margin: "0 0 4px" }}>
          {d}
        </Text>
      ))}
    </>
  );
}

function SeminarLink({ link }: { link: string }) {
  return (
    <Button href={link} style={button}>
      Zur Schulung im KAI-Portal
    </Button>
  );
}

/** Confirmed at once: the invites for each date follow as separate messages. */
export function RegistrationConfirmedEmail(props: SeatProps) {
  return (
    <EmailLayout preview={`Anmeldung bestätigt: ${props.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.registeredBy ? `${props.registeredBy} hat Sie angemeldet. ` : ""}Ihre Anmeldung zu „{props.title}“ ist bestätigt. Ihr Platz ist reserviert.
      </Text>
      <Dates dates={props.dates} />
      <Text style={paragraph}>Ort: {props.location}</Text>
      <Text style={paragraph}>Für jeden Termin erhalten Sie eine eigene Kalendereinladung.</Text>
      <SeminarLink link={props.link} />
    </EmailLayout>
  );
}

/** Full: on the waiting list with a position. */
export function WaitlistedEmail(props: SeatProps & { position: number }) {
  return (
    <EmailLayout preview={`Warteliste: ${props.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.registeredBy ? `${props.registeredBy} hat Sie angemeldet. ` : ""}„{props.title}“ ist ausgebucht. Sie stehen auf der Warteliste, auf Platz {props.position}.
      </Text>
      <Dates dates={props.dates} />
      <Text style={paragraph}>
        Wird ein Platz frei, rücken Sie automatisch nach und erhalten eine Bestätigung mit Kalendereinladung. Wenn Sie nicht mehr teilnehmen möchten, melden Sie sich im Portal ab.
      </Text>
      <SeminarLink link={props.link} />
    </EmailLayout>
  );
}

/** Moved up from the waiting list. */
export function PromotedEmail(props: SeatProps) {
  return (
    <EmailLayout preview={`Nachgerückt: ${props.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>Ein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt. Ihre Teilnahme an „{props.title}“ ist bestätigt.</Text>
      <Dates dates={props.dates} />
      <Text style={paragraph}>Ort: {props.location}</Text>
      <Text style={paragraph}>Für jeden Termin erhalten Sie eine eigene Kalendereinladung.</Text>
      <SeminarLink link={props.link} />
    </EmailLayout>
  );
}

/** The person no longer takes part (they cancelled, or a trainer or their municipality's IT did). */
export function ParticipationCancelledEmail(props: SeatProps & { cancelledBy?: string | null; wasWaiting: boolean }) {
  return (
    <EmailLayout preview={`Abmeldung: ${props.title}`}>
      <Text style={paragraph}>Guten Tag {props.name},</Text>
      <Text style={paragraph}>
        {props.cancelledBy ? `${props.cancelledBy} hat Sie` : "Sie haben sich"} von „{props.title}“ abgemeldet
        {props.wasWaiting ? " (Warteliste)." : ". Die Kalendereinträge werden mit eigenen Nachrichten entfernt."}
      </Text>
      <Dates dates={props.dates} />
      <SeminarLink link={props.link} />
    </EmailLayout>
  );
}
