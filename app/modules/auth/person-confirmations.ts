import type { ConfirmAction } from "~/components/confirm-dialog";

/** The changes on a person's page that ask first; the query value of the confirmation page. */
export const CONFIRM_KINDS = ["rolle-entfernen", "deaktivieren", "einladung-zurueckziehen", "zwei-faktor-zuruecksetzen"] as const;
export type ConfirmKind = (typeof CONFIRM_KINDS)[number];

export interface Confirmation extends ConfirmAction {
  title: string;
  text: string[];
}

/**
 * The question, the consequences and the POST of one confirmation: the same for the dialog (with
 * JavaScript) and the confirmation page (without), so both say and do exactly the same.
 */
export function describeConfirmation(
  args: { personId: string; personName: string; email: string } & (
    | { kind: "rolle-entfernen"; roleId: number; roleLabel: string; lastAdviserRole: boolean }
    | { kind: "deaktivieren" }
    | { kind: "einladung-zurueckziehen" }
    | { kind: "zwei-faktor-zuruecksetzen" }
  ),
): Confirmation {
  const action = `/admin/personen/${args.personId}`;
  switch (args.kind) {
    case "rolle-entfernen":
      return {
        action,
        fields: { intent: "remove-role", roleId: String(args.roleId) },
        confirmLabel: "Rolle entfernen",
        danger: true,
        title: "Rolle entfernen?",
        text: [
          `${args.personName} verliert die Rolle „${args.roleLabel}“ und mit ihr die zugehörigen Rechte, sobald die nächste Seite geladen wird.`,
          ...(args.lastAdviserRole ? ["Es ist die letzte Rolle „Betreuung“ der Person: Ihre Zuständigkeiten in der Betreuung werden dabei gelöscht."] : []),
          "Sie können die Rolle später wieder hinzufügen.",
        ],
      };
    case "deaktivieren":
      return {
        action,
        fields: { intent: "set-active", active: "false" },
        confirmLabel: "Person deaktivieren",
        danger: true,
        title: `${args.personName} deaktivieren?`,
        text: [
          "Die Person wird sofort auf allen Geräten abgemeldet und kann sich nicht mehr anmelden. Offene Einladungs- und Passwort-Links funktionieren nicht mehr.",
          "Sie können die Person später wieder aktivieren; ihre Rollen bleiben erhalten.",
        ],
      };
    case "einladung-zurueckziehen":
      return {
        action,
        fields: { intent: "withdraw-invitation" },
        confirmLabel: "Einladung zurückziehen",
        danger: true,
        title: "Einladung zurückziehen?",
        text: [
          `Der Einladungslink, den ${args.personName} an ${args.email} erhalten hat, funktioniert danach nicht mehr.`,
          "Die Person bleibt in der Liste, als „Einladung zurückgezogen“. Sie können die Einladung später erneut senden.",
        ],
      };
    case "zwei-faktor-zuruecksetzen":
      return {
        action,
        fields: { intent: "reset-second-factor" },
        confirmLabel: "Zwei-Faktor-Anmeldung zurücksetzen",
        danger: true,
        title: "Zwei-Faktor-Anmeldung zurücksetzen?",
        text: [
          `Die App und die Wiederherstellungscodes von ${args.personName} gelten danach nicht mehr, und die Person wird auf allen Geräten abgemeldet. Sie erhält eine E-Mail an ${args.email}.`,
          "Tun Sie das nur, wenn Sie sicher sind, dass die Person selbst darum bittet (zum Beispiel am Telefon, mit einer Rückfrage). Bei der nächsten Anmeldung genügt ihr Passwort; eine Rolle in der Verwaltung verlangt dann eine neue Einrichtung.",
        ],
      };
  }
}
