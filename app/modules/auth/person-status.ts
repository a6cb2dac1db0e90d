/** The status column of the people list: deactivation wins, then a pending invitation. */
export function personStatus(person: { active: boolean; hasPassword: boolean }): string {
  if (!person.active) return "deaktiviert";
  if (!person.hasPassword) return "Einladung offen";
  return "aktiv";
}
