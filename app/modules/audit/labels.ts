import { formatDateTime } from "~/format";
import { ROLE_LABELS, WORKING_GROUP_LABELS } from "~/modules/auth/roles";

/**
 * German names for audit actions, object types and the fields an entry records, and the readable
 * form of their values. A key missing here is shown as it is, so a new action or field is visible
 * in the trail before anyone gives it a label; `labels.test.ts` fails for any key the code writes
 * without one.
 */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "Anmeldung",
  "auth.logout": "Abmeldung",
  "auth.password_changed": "Passwort geändert",
  "auth.password_reset": "Passwort zurückgesetzt",
  "auth.reset_requested": "Passwort-Zurücksetzen angefordert",
  "auth.session_revoked": "Anmeldung beendet (Gerät abgemeldet)",
  "auth.other_sessions_revoked": "Auf allen anderen Geräten abgemeldet",
  "auth.invitation_accepted": "Einladung angenommen",
  "auth.second_factor_enabled": "Zwei-Faktor-Anmeldung eingerichtet",
  "auth.second_factor_disabled": "Zwei-Faktor-Anmeldung ausgeschaltet",
  "auth.second_factor_reset": "Zwei-Faktor-Anmeldung zurückgesetzt (selbst)",
  "auth.second_factor_reset_by_admin": "Zwei-Faktor-Anmeldung durch die Administration zurückgesetzt",
  "auth.recovery_code_used": "Wiederherstellungscode verwendet",
  "auth.recovery_codes_renewed": "Neue Wiederherstellungscodes erzeugt",
  "calendar.event_created": "Termin angelegt und eingeladen",
  "calendar.event_updated": "Termin geändert",
  "calendar.event_cancelled": "Termin abgesagt",
  "calendar.attendee_added": "Teilnehmende Person eingeladen",
  "calendar.attendee_removed": "Teilnehmende Person ausgeladen",
  "calendar.feed_created": "Kalender-Abonnement eingerichtet",
  "calendar.feed_replaced": "Kalender-Abonnement erneuert",
  "calendar.feed_revoked": "Kalender-Abonnement beendet",
  "user.admin_invited_by_operator": "Administration eingeladen (Betrieb)",
  "member.created": "Mitglied angelegt",
  "member.updated": "Mitglied geändert",
  "member.seed_corrected": "Mitgliedsdaten aus der korrigierten Stammliste übernommen",
  "centre.updated": "Kontaktdaten des Zentrums geändert",
  "user.invited": "Person eingeladen",
  "user.invite_existing": "Einladung an bestehendes Konto",
  "user.activated": "Person aktiviert",
  "user.deactivated": "Person deaktiviert",
  "user.role_added": "Rolle vergeben",
  "user.role_removed": "Rolle entzogen",
  "user.competences_set": "Zuständigkeiten geändert",
  "user.updated": "Person geändert",
  "user.invitation_resent": "Einladung erneut gesendet",
  "user.invitation_withdrawn": "Einladung zurückgezogen",
  "user.email_change_requested": "Änderung der E-Mail-Adresse angestoßen",
  "user.email_changed": "E-Mail-Adresse bestätigt und geändert",
  "ticket.created": "Ticket angelegt",
  "ticket.assigned": "Ticket zugewiesen",
  "ticket.taken": "Ticket übernommen",
  "ticket.handed_over": "Ticket übergeben",
  "ticket.escalated": "Ticket eskaliert",
  "ticket.asked_back": "Rückfrage an die Kommune",
  "ticket.reopened_by_reply": "Durch Antwort der Kommune wieder in Bearbeitung",
  "ticket.solved": "Ticket gelöst",
  "ticket.reopened": "Ticket wieder geöffnet",
  "ticket.closed": "Ticket geschlossen",
  "ticket.auto_closed": "Ticket automatisch geschlossen (14 Tage nach der Lösung)",
  "ticket.merged": "Ticket zusammengeführt (Duplikat)",
  "ticket.merged_from": "Duplikat übernommen",
  "ticket.replied": "Antwort geschrieben",
  "ticket.note_added": "Interne Notiz geschrieben",
  "ticket.handed_off": "An das Partner-Rechenzentrum übergeben",
  "ticket.sla_warning": "SLA-Warnung (80 %)",
  "ticket.sla_escalated": "SLA überschritten: an die Geschäftsführung eskaliert",
  "email.answered_in_mailbox": "Antwort aus dem Postfach per E-Mail gesendet",
  "inbound_mail.held": "Eingegangene E-Mail zurückgehalten",
  "inbound_mail.accepted": "Zurückgehaltene E-Mail angenommen",
  "inbound_mail.discarded": "Zurückgehaltene E-Mail verworfen",
  "ticket.visit_scheduled": "Vor-Ort-Termin vereinbart",
  "ticket.visit_moved": "Vor-Ort-Termin verschoben",
  "ticket.visit_cancelled": "Vor-Ort-Termin abgesagt",
  "training.seminar_created": "Schulung angelegt (Entwurf)",
  "training.seminar_published": "Schulung veröffentlicht",
  "training.seminar_updated": "Schulung geändert",
  "training.seminar_cancelled": "Schulung abgesagt",
  "training.registered": "Zur Schulung angemeldet",
  "training.waitlisted": "Auf die Warteliste gesetzt",
  "training.promoted": "Von der Warteliste nachgerückt",
  "training.cancelled_seat": "Von der Schulung abgemeldet",
  "training.room_created": "Raum angelegt",
  "training.room_updated": "Raum geändert",
  "training.room_deactivated": "Raum stillgelegt",
  "training.room_activated": "Raum wieder buchbar",
  "training.inhouse_requested": "Inhouse-Schulung angefragt",
  "training.inhouse_planned": "Inhouse-Anfrage als Schulung geplant",
  "training.inhouse_declined": "Inhouse-Anfrage abgelehnt",
  "training.attendance_saved": "Anwesenheit erfasst",
  "training.feedback_given": "Rückmeldung zur Schulung gegeben",
  "training.feedback_changed": "Rückmeldung zur Schulung geändert",
  "settings.sla_target_changed": "SLA-Ziel geändert",
  "settings.routing_override_added": "Zuordnungsvorgabe angelegt",
  "settings.routing_override_removed": "Zuordnungsvorgabe entfernt",
  "settings.product_contact_set": "Ansprechperson für ein Produkt festgelegt",
  "settings.product_contact_removed": "Ansprechperson für ein Produkt entfernt",
  "settings.closing_day_added": "Schließtag eingetragen",
  "settings.closing_day_removed": "Schließtag entfernt",
  "canned_reply.created": "Textbaustein angelegt",
  "canned_reply.updated": "Textbaustein geändert",
  "canned_reply.deleted": "Textbaustein gelöscht",
  "absence.recorded": "Abwesenheit eingetragen",
  "absence.deleted": "Abwesenheit gelöscht",
  "absence.rerouting_offered": "Umverteilung der offenen Tickets angeboten",
  // Working groups: members (issue 9, item 1)
  "groups.join_requested": "Um Aufnahme in einen Facharbeitskreis gebeten",
  "groups.join_accepted": "Beitrittsanfrage angenommen",
  "groups.join_declined": "Beitrittsanfrage abgelehnt",
  "groups.chair_appointed": "Vorsitz eines Facharbeitskreises bestimmt",
  "groups.chair_dismissed": "Vorsitz eines Facharbeitskreises beendet",
  "groups.member_removed": "Mitglied aus dem Facharbeitskreis entfernt",
  "groups.member_left": "Aus dem Facharbeitskreis ausgetreten",
  "groups.description_updated": "Beschreibung des Facharbeitskreises geändert",
  // Working-group meetings and agendas (issue 9, items 2–4).
  "groups.meeting_scheduled": "Sitzung geplant und eingeladen",
  "groups.meeting_updated": "Sitzung geändert",
  "groups.meeting_cancelled": "Sitzung abgesagt",
  "groups.rsvp_answered": "Zu- oder Absage zur Sitzung",
  "groups.agenda_item_added": "Tagesordnungspunkt hinzugefügt",
  "groups.agenda_item_updated": "Tagesordnungspunkt geändert",
  "groups.agenda_item_removed": "Tagesordnungspunkt entfernt",
  "groups.agenda_item_moved": "Tagesordnungspunkt verschoben",
  "groups.agenda_documents_added": "Unterlagen zum Tagesordnungspunkt hochgeladen",
  "groups.agenda_document_removed": "Unterlage zum Tagesordnungspunkt entfernt",
  "groups.agenda_sent": "Tagesordnung an die Mitglieder versandt",
  // Working groups, issue 9 items 5–7: minutes and action items
  "groups.attendance_saved": "Anwesenheit der Sitzung erfasst",
  "groups.guest_added": "Gast der Sitzung eingetragen",
  "groups.guest_removed": "Gast der Sitzung entfernt",
  "groups.notes_saved": "Protokollnotiz gespeichert",
  "groups.decision_added": "Beschluss ins Protokoll aufgenommen",
  "groups.decision_updated": "Beschluss im Protokoll geändert",
  "groups.decision_removed": "Beschluss aus dem Protokoll entfernt",
  "groups.action_item_added": "Aufgabe ins Protokoll aufgenommen",
  "groups.action_item_updated": "Aufgabe im Protokoll geändert",
  "groups.action_item_removed": "Aufgabe aus dem Protokoll entfernt",
  "groups.minutes_released": "Protokoll freigegeben",
  "groups.minutes_approved": "Protokoll genehmigt",
  "groups.action_item_status_changed": "Stand einer Aufgabe geändert",
  "groups.action_item_ticket_linked": "Aufgabe mit einem Ticket verknüpft",
  "groups.action_item_ticket_unlinked": "Verknüpfung einer Aufgabe mit einem Ticket gelöst",
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: "Person",
  municipality: "Mitglied",
  centre: "Zentrum",
  calendar_event: "Termin",
  session: "Anmeldung",
  email: "E-Mail",
  ticket: "Ticket",
  inbound_mail: "Eingegangene E-Mail",
  absence: "Abwesenheit",
  setting: "Einstellung der Betreuung",
  canned_reply: "Textbaustein",
  // Working groups (issue 9)
  working_group: "Facharbeitskreis",
  meeting: "Sitzung eines Facharbeitskreises",
  action_item: "Aufgabe",
};

/** How a field's value is shown. Fields without a kind are shown by their JSON type. */
export type FieldKind =
  | "text"
  | "number"
  | "boolean"
  | "datetime"
  | "date"
  | "role"
  | "centre"
  | "workingGroup"
  | "municipality"
  | "procedures"
  | "eventKind"
  | "eventStatus"
  | "person"
  | "ticketChannel"
  | "ticketType"
  | "slaTarget";

/** Every field key an audit entry in the code base writes (before/after), with its German label. */
export const FIELD_LABELS: Record<string, { label: string; kind?: FieldKind }> = {
  absent: { label: "Abwesend", kind: "text" },
  addedDates: { label: "Hinzugefügte Termine", kind: "number" },
  removedDates: { label: "Entfernte Termine", kind: "number" },
  movedDates: { label: "Verschobene Termine", kind: "number" },
  calendarUpdates: { label: "Versandte Kalenderänderungen", kind: "number" },
  audience: { label: "Zielgruppe", kind: "text" },
  bookingId: { label: "Buchung", kind: "number" },
  cancellationDeadline: { label: "Abmeldefrist", kind: "datetime" },
  registrationDeadline: { label: "Anmeldeschluss", kind: "datetime" },
  capacity: { label: "Plätze", kind: "number" },
  dateId: { label: "Termin", kind: "number" },
  dates: { label: "Termine", kind: "text" },
  events: { label: "Kalendertermine", kind: "number" },
  directions: { label: "Wegbeschreibung", kind: "text" },
  hostMunicipalityId: { label: "Gastgebende Kommune", kind: "municipality" },
  locationKind: { label: "Art des Orts", kind: "text" },
  moduleId: { label: "Modul", kind: "number" },
  procedureId: { label: "Verfahren", kind: "number" },
  municipality: { label: "Kommune", kind: "text" },
  notified: { label: "Benachrichtigt", kind: "text" },
  onlineUrl: { label: "Link (online)", kind: "text" },
  participant: { label: "Teilnehmende Person", kind: "text" },
  participants: { label: "Teilnehmende", kind: "text" },
  position: { label: "Platz auf der Warteliste", kind: "number" },
  present: { label: "Anwesend", kind: "text" },
  restrictedToMunicipalityId: { label: "Nur für die Kommune", kind: "municipality" },
  roomBookingsReleased: { label: "Freigegebene Raumbuchungen", kind: "number" },
  roomId: { label: "Raum", kind: "number" },
  seminarId: { label: "Schulung", kind: "number" },
  topic: { label: "Thema", kind: "text" },
  trainerIds: { label: "Leitung", kind: "text" },
  type: { label: "Art", kind: "text" },
  wishedFrom: { label: "Gewünscht ab", kind: "date" },
  wishedTo: { label: "Gewünscht bis", kind: "date" },
  active: { label: "Aktiv", kind: "boolean" },
  address: { label: "Adresse", kind: "text" },
  assigneeId: { label: "Zuständig", kind: "person" },
  attachments: { label: "Anhänge", kind: "text" },
  channel: { label: "Eingangsweg", kind: "ticketChannel" },
  mergedFrom: { label: "Übernommen aus", kind: "text" },
  mergedInto: { label: "Zusammengeführt in", kind: "text" },
  note: { label: "Notiz", kind: "text" },
  number: { label: "Ticketnummer", kind: "text" },
  partner: { label: "Partner", kind: "text" },
  priority: { label: "Priorität", kind: "text" },
  replies: { label: "Übernommene Antworten", kind: "number" },
  routing: { label: "Zuordnung", kind: "text" },
  source: { label: "Eingang über", kind: "ticketChannel" },
  ticketType: { label: "Art des Anliegens", kind: "ticketType" },
  reason: { label: "Grund", kind: "text" },
  sender: { label: "Absender", kind: "text" },
  recipient: { label: "Empfänger", kind: "text" },
  subject: { label: "Betreff", kind: "text" },
  target: { label: "SLA-Ziel", kind: "slaTarget" },
  percent: { label: "Verbraucht (Prozent)", kind: "number" },
  recipients: { label: "Benachrichtigt", kind: "text" },
  adviser: { label: "Person der Betreuung", kind: "text" },
  absence: { label: "Abwesenheit", kind: "text" },
  startsOn: { label: "Erster Tag", kind: "date" },
  endsOn: { label: "Letzter Tag", kind: "date" },
  openTickets: { label: "Offene Tickets", kind: "number" },
  responseMinutes: { label: "Reaktionszeit (Minuten Geschäftszeit)", kind: "number" },
  resolutionMinutes: { label: "Lösungszeit (Minuten Geschäftszeit)", kind: "number" },
  procedure: { label: "Verfahren oder Produkt", kind: "text" },
  routingTarget: { label: "Geht an", kind: "text" },
  contact: { label: "Ansprechperson", kind: "text" },
  day: { label: "Tag", kind: "date" },
  body: { label: "Text", kind: "text" },
  attendee: { label: "Teilnehmende Person", kind: "text" },
  attendees: { label: "Anzahl Eingeladene", kind: "number" },
  browser: { label: "Browser", kind: "text" },
  centreId: { label: "Zentrum", kind: "centre" },
  city: { label: "Ort", kind: "text" },
  description: { label: "Beschreibung", kind: "text" },
  district: { label: "Kreis", kind: "text" },
  email: { label: "E-Mail-Adresse", kind: "text" },
  ended: { label: "Abgemeldete Geräte", kind: "number" },
  endsAt: { label: "Ende", kind: "datetime" },
  expiresAt: { label: "Gültig bis", kind: "datetime" },
  inhabitants: { label: "Einwohnerzahl", kind: "number" },
  invitationExpiresAt: { label: "Einladung gültig bis", kind: "datetime" },
  invitationWithdrawnAt: { label: "Einladung zurückgezogen am", kind: "datetime" },
  kind: { label: "Art", kind: "eventKind" },
  location: { label: "Ort", kind: "text" },
  memberSince: { label: "Mitglied seit", kind: "date" },
  municipalityId: { label: "Kommune", kind: "municipality" },
  name: { label: "Name", kind: "text" },
  phone: { label: "Telefon", kind: "text" },
  postalCode: { label: "Postleitzahl", kind: "text" },
  procedures: { label: "Zuständige Verfahren", kind: "procedures" },
  recoveryCodesLeft: { label: "Unbenutzte Wiederherstellungscodes", kind: "number" },
  role: { label: "Rolle", kind: "role" },
  sequence: { label: "Änderungsnummer (Kalender)", kind: "number" },
  session: { label: "Anmeldung", kind: "text" },
  startsAt: { label: "Beginn", kind: "datetime" },
  state: { label: "Bundesland", kind: "text" },
  street: { label: "Straße und Hausnummer", kind: "text" },
  status: { label: "Status", kind: "eventStatus" },
  title: { label: "Titel", kind: "text" },
  workingGroup: { label: "Facharbeitskreis", kind: "workingGroup" },
  // Working groups: members (issue 9, item 1)
  requestId: { label: "Beitrittsanfrage", kind: "number" },
  message: { label: "Nachricht", kind: "text" },
  member: { label: "Mitglied", kind: "text" },
  chair: { label: "Vorsitz", kind: "text" },
  meetingsInvited: { label: "Zu geplanten Sitzungen eingeladen", kind: "number" },
  meetingsCancelled: { label: "Aus geplanten Sitzungen ausgeladen", kind: "number" },
  // Working-group meetings and agendas (issue 9, items 2–4).
  agendaItems: { label: "Tagesordnungspunkte", kind: "number" },
  agendaItemId: { label: "Tagesordnungspunkt (Nr. intern)", kind: "number" },
  agendaPosition: { label: "Stelle in der Tagesordnung", kind: "number" },
  agendaSentAt: { label: "Tagesordnung versandt am", kind: "datetime" },
  answer: { label: "Antwort", kind: "text" },
  presenter: { label: "Vortrag", kind: "text" },
  durationMinutes: { label: "Dauer (Minuten)", kind: "number" },
  documents: { label: "Unterlagen", kind: "text" },
  document: { label: "Unterlage", kind: "text" },
  // Working groups, issue 9 items 5–7: minutes and action items
  excused: { label: "Entschuldigt", kind: "number" },
  guest: { label: "Gast", kind: "text" },
  organisation: { label: "Organisation", kind: "text" },
  agendaItem: { label: "Tagesordnungspunkt", kind: "text" },
  notes: { label: "Protokollnotiz", kind: "text" },
  decision: { label: "Beschluss", kind: "text" },
  votesYes: { label: "Stimmen dafür", kind: "number" },
  votesNo: { label: "Stimmen dagegen", kind: "number" },
  votesAbstain: { label: "Enthaltungen", kind: "number" },
  actionItem: { label: "Aufgabe", kind: "text" },
  owner: { label: "Übernommen von", kind: "text" },
  ownerId: { label: "Übernommen von", kind: "person" },
  dueOn: { label: "Fällig am", kind: "date" },
  decisionNumbers: { label: "Beschlussnummern", kind: "text" },
  approvedOn: { label: "Genehmigt am", kind: "date" },
  approvedInId: { label: "Genehmigt in Sitzung Nr.", kind: "number" },
  actionItemStatus: { label: "Stand der Aufgabe", kind: "text" },
  ticket: { label: "Ticket", kind: "text" },
  ticketId: { label: "Ticket (intern)", kind: "number" },
};

/** Calendar event kinds; a municipality's kind ("Stadt", "Gemeinde") is German already and passes through. */
const EVENT_KIND_LABELS: Record<string, string> = {
  seminar: "Schulung",
  room: "Raum",
  inhouse_request: "Inhouse-Anfrage",
  meeting: "Sitzung",
  visit: "Vor-Ort-Termin",
  info_event: "Informationsveranstaltung",
};

const EVENT_STATUS_LABELS: Record<string, string> = {
  confirmed: "bestätigt",
  cancelled: "abgesagt",
  // Ticket statuses share the `status` key.
  neu: "neu",
  zugewiesen: "zugewiesen",
  in_bearbeitung: "in Bearbeitung",
  rueckfrage: "Rückfrage",
  geloest: "gelöst",
  geschlossen: "geschlossen",
};

const TICKET_CHANNEL_LABELS: Record<string, string> = { portal: "Portal", telefon: "Telefon", email: "E-Mail" };
const SLA_TARGET_LABELS: Record<string, string> = { response: "Reaktionszeit", resolution: "Lösungszeit" };
const TICKET_TYPE_LABELS: Record<string, string> = { stoerung: "Störung", frage: "Frage", aenderungswunsch: "Änderungswunsch" };

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPE_LABELS[entityType] ?? entityType;
}

/** The German label of a field; an unknown key is shown as it is. */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[key]?.label ?? key;
}

/** Names the values refer to (ids of centres, members, procedures), looked up once per page. */
export interface AuditNames {
  centres: ReadonlyMap<string, string>;
  municipalities: ReadonlyMap<number, string>;
  procedures: ReadonlyMap<number, string>;
  /** People named by id in values (a ticket's assignee); without it they read "eine Person". */
  people?: ReadonlyMap<string, string>;
}

export const NO_NAMES: AuditNames = { centres: new Map(), municipalities: new Map(), procedures: new Map() };

export const EMPTY_VALUE = "leer";

const numberFormat = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isEmpty(value: unknown) {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function formatByType(value: unknown, names: AuditNames): string {
  if (isEmpty(value)) return EMPTY_VALUE;
  if (typeof value === "boolean") return value ? "ja" : "nein";
  if (typeof value === "number") return numberFormat.format(value);
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatByType(v, names)).join(", ");
  return JSON.stringify(value);
}

function asNumber(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * A stored value as a person reads it: Berlin times, German numbers, ja/nein, names instead of ids,
 * "leer" for nothing. Plain text: React (and the CSV writer) escape it, so it never becomes markup.
 */
export function formatAuditValue(key: string, value: unknown, names: AuditNames = NO_NAMES): string {
  if (isEmpty(value)) return EMPTY_VALUE;
  const kind = FIELD_LABELS[key]?.kind;
  switch (kind) {
    case "number": {
      const n = asNumber(value);
      return n === null ? formatByType(value, names) : numberFormat.format(n);
    }
    case "boolean":
      return typeof value === "boolean" ? (value ? "ja" : "nein") : formatByType(value, names);
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : formatByType(value, names);
    case "date": {
      const m = typeof value === "string" ? ISO_DATE.exec(value) : null;
      return m ? `${m[3]}.${m[2]}.${m[1]}` : formatByType(value, names);
    }
    case "role":
      return typeof value === "string" ? (ROLE_LABELS[value as keyof typeof ROLE_LABELS] ?? value) : formatByType(value, names);
    case "workingGroup":
      return typeof value === "string" ? (WORKING_GROUP_LABELS[value as keyof typeof WORKING_GROUP_LABELS] ?? value) : formatByType(value, names);
    case "centre":
      return typeof value === "string" ? (names.centres.get(value) ?? value) : formatByType(value, names);
    case "municipality": {
      const n = asNumber(value);
      return n === null ? formatByType(value, names) : (names.municipalities.get(n) ?? `Kommune Nr. ${n} (nicht mehr vorhanden)`);
    }
    case "procedures": {
      const list = Array.isArray(value) ? value : [value];
      return list
        .map((v) => {
          const n = asNumber(v);
          return n === null ? formatByType(v, names) : (names.procedures.get(n) ?? `Verfahren Nr. ${n}`);
        })
        .join(", ");
    }
    case "eventKind":
      return typeof value === "string" ? (EVENT_KIND_LABELS[value] ?? value) : formatByType(value, names);
    case "eventStatus":
      return typeof value === "string" ? (EVENT_STATUS_LABELS[value] ?? value) : formatByType(value, names);
    case "ticketChannel":
      return typeof value === "string" ? (TICKET_CHANNEL_LABELS[value] ?? value) : formatByType(value, names);
    case "ticketType":
      return typeof value === "string" ? (TICKET_TYPE_LABELS[value] ?? value) : formatByType(value, names);
    case "slaTarget":
      return typeof value === "string" ? (SLA_TARGET_LABELS[value] ?? value) : formatByType(value, names);
    case "person":
      return typeof value === "string" ? (names.people?.get(value) ?? "eine Person") : formatByType(value, names);
    default:
      return formatByType(value, names);
  }
}

export interface FieldChange {
  key: string;
  /** The German label (or the key, when it has none). */
  label: string;
  /** Display text; "leer" when the field had no value on that side (created or removed). */
  before: string;
  after: string;
}

const MAX_VALUE_LENGTH = 200;

function clip(text: string, max: number | null) {
  return max !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The keys that appear on either side, each with its label and readable before and after value.
 * Sorted by label: jsonb does not keep the order the keys were written in. `maxLength: null`
 * keeps long values whole (the CSV export).
 */
export function changedFields(before: unknown, after: unknown, names: AuditNames = NO_NAMES, { maxLength = MAX_VALUE_LENGTH as number | null } = {}): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .map((key) => ({
      key,
      label: fieldLabel(key),
      before: clip(formatAuditValue(key, b[key], names), maxLength),
      after: clip(formatAuditValue(key, a[key], names), maxLength),
    }))
    .sort((x, y) => x.label.localeCompare(y.label, "de") || x.key.localeCompare(y.key));
}

/** Collects the ids in values that need a name (members, procedures), so they are looked up in one query each. */
export function referencedIds(values: unknown[]): { municipalities: Set<number>; procedures: Set<number> } {
  const municipalities = new Set<number>();
  const procedures = new Set<number>();
  for (const side of values) {
    const record = asRecord(side);
    for (const [key, value] of Object.entries(record)) {
      const kind = FIELD_LABELS[key]?.kind;
      if (kind === "municipality") {
        const n = asNumber(value);
        if (n !== null) municipalities.add(n);
      } else if (kind === "procedures") {
        for (const v of Array.isArray(value) ? value : [value]) {
          const n = asNumber(v);
          if (n !== null) procedures.add(n);
        }
      }
    }
  }
  return { municipalities, procedures };
}
