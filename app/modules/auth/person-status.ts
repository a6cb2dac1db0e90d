import { formatDate } from "~/format";

export interface StatusInput {
  active: boolean;
  hasPassword: boolean;
  invitationExpiresAt?: Date | string | null;
  invitationWithdrawnAt?: Date | string | null;
}

/**
 * The status column of the people list: deactivation wins, then a signed-up account, then the
 * state of the invitation with its date (issue 5 item 11).
 */
export function personStatus(person: StatusInput, now: Date = new Date()): string {
  if (!person.active) return "deaktiviert";
  if (person.hasPassword) return "aktiv";
  if (person.invitationWithdrawnAt) return `Einladung zurückgezogen am ${formatDate(person.invitationWithdrawnAt)}`;
  if (!person.invitationExpiresAt) return "Einladung offen";
  const expires = new Date(person.invitationExpiresAt);
  if (expires.getTime() <= now.getTime()) return `Einladung abgelaufen am ${formatDate(expires)}`;
  return `Einladung offen bis ${formatDate(expires)}`;
}

/** What an admin may do with the invitation of this person. */
export function invitationActions(person: StatusInput) {
  const pending = person.active && !person.hasPassword;
  return { canResend: pending, canWithdraw: pending && !person.invitationWithdrawnAt };
}
