/**
 * German names for audit actions and object types. A key missing here is shown as it is, so a
 * new action is visible in the trail before anyone gives it a label.
 */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "Anmeldung",
  "auth.logout": "Abmeldung",
  "auth.password_changed": "Passwort geändert",
  "auth.password_reset": "Passwort zurückgesetzt",
  "auth.reset_requested": "Passwort-Zurücksetzen angefordert",
  "auth.session_revoked": "Sitzung beendet",
  "auth.other_sessions_revoked": "Alle anderen Sitzungen beendet",
  "auth.invitation_accepted": "Einladung angenommen",
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
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: "Person",
  municipality: "Mitglied",
  calendar_event: "Termin",
  session: "Sitzung",
  email: "E-Mail",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPE_LABELS[entityType] ?? entityType;
}

export interface FieldChange {
  key: string;
  /** Display text; null when the field had no value on that side (created or removed). */
  before: string | null;
  after: string | null;
}

const MAX_VALUE_LENGTH = 200;

/** Plain text for a stored JSON value; React escapes it, so it never becomes markup. */
export function displayValue(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The keys that appear on either side, each with its before and after value. Sorted by name:
 * jsonb does not keep the order the keys were written in.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => x.localeCompare(y, "de"));
  return keys.map((key) => ({ key, before: displayValue(b[key]), after: displayValue(a[key]) }));
}
