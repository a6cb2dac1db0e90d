import type { Audience, InhouseStatus, LocationKind, ParticipantStatus, SeminarStatus, SeminarType } from "#db/schema/training";

/** German labels for the training enums, shared by pages, emails, PDFs and feeds. */
export const SEMINAR_TYPE_LABELS: Record<SeminarType, string> = { schulung: "Schulung", info: "Informationsveranstaltung" };
export const AUDIENCE_LABELS: Record<Audience, string> = { sysadmins: "Systemadministration", clerks: "Sachbearbeitung", all: "Alle" };
export const LOCATION_KIND_LABELS: Record<LocationKind, string> = { room: "Raum eines Zentrums", inhouse: "Inhouse bei einer Mitgliedskommune", online: "Online" };
export const SEMINAR_STATUS_LABELS: Record<SeminarStatus, string> = { entwurf: "Entwurf", veroeffentlicht: "Veröffentlicht", abgesagt: "Abgesagt" };
export const PARTICIPANT_STATUS_LABELS: Record<ParticipantStatus, string> = { bestaetigt: "Bestätigt", wartend: "Warteliste", storniert: "Storniert" };
export const INHOUSE_STATUS_LABELS: Record<InhouseStatus, string> = { offen: "offen", geplant: "geplant", abgelehnt: "abgelehnt" };
