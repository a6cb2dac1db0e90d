import type { Role } from "#db/schema/auth";
import type { Crumb } from "./breadcrumbs";

// The portal's work areas and their sections: one table that the header, the side navigation,
// the breadcrumbs, the titles and the start page all read. A work area appears once it exists
// (`available`) and only to the roles that use it.

export type AreaId = "betreuung" | "schulungen" | "facharbeitskreise" | "neuigkaiten" | "verwaltung";

export interface AreaSection {
  to: string;
  label: string;
  /** What the section is for, on the area's overview and the start page. */
  description: string;
  roles: Role[];
}

export interface Area {
  id: AreaId;
  label: string;
  to: string;
  roles: Role[];
  available: boolean;
  sections: AreaSection[];
}

const EVERYONE: Role[] = ["admin", "centre_manager", "adviser", "trainer", "wg_member", "wg_chair", "municipal_it", "editor"];

export const AREAS: Area[] = [
  {
    id: "betreuung",
    label: "Betreuung",
    to: "/betreuung",
    roles: ["municipal_it", "adviser", "centre_manager", "admin"],
    available: true,
    sections: [
      { to: "/betreuung/tickets", label: "Tickets", roles: ["municipal_it", "adviser", "centre_manager", "admin"], description: "Die Warteschlangen und alle Tickets: suchen, filtern, beantworten, lösen." },
      { to: "/betreuung/neu", label: "Ticket anlegen", roles: ["municipal_it", "adviser", "centre_manager", "admin"], description: "Ein neues Anliegen melden; Betreuung und Geschäftsführung auch für Anrufe einer Kommune." },
      {
        to: "/betreuung/eingang",
        label: "Eingang",
        roles: ["adviser", "centre_manager", "admin"],
        description: "Zurückgehaltene E-Mails an die Support-Adresse und an Ticket-Antwortadressen annehmen oder verwerfen.",
      },
      {
        to: "/betreuung/abwesenheiten",
        label: "Abwesenheiten",
        roles: ["adviser", "centre_manager", "admin"],
        description: "Urlaub, Krankheit und Schulungstage eintragen; wer abwesend ist, bekommt keine neuen Tickets.",
      },
      {
        to: "/betreuung/einstellungen",
        label: "Einstellungen",
        roles: ["centre_manager", "admin"],
        description: "Textbausteine des Zentrums; für die Administration auch SLA-Ziele, Zuordnungsvorgaben, Ansprechpersonen und Schließtage.",
      },
      {
        to: "/betreuung/auswertung",
        label: "Auswertung",
        roles: ["centre_manager", "admin"],
        description: "Offene Tickets je Zentrum und Verfahren, Tickets je Woche, SLA-Einhaltung und die ältesten offenen Tickets, auch als CSV.",
      },
    ],
  },
  {
    id: "schulungen",
    label: "Schulungen",
    to: "/schulungen",
    roles: EVERYONE,
    available: true,
    sections: [
      { to: "/schulungen", label: "Kalender", roles: EVERYONE, description: "Alle veröffentlichten Schulungen und Informationsveranstaltungen, nach Zentrum, Verfahren und Art." },
      { to: "/schulungen/planung", label: "Planung", roles: ["trainer", "admin"], description: "Kommende Schulungen mit Auslastung und Warteliste, offene Inhouse-Anfragen, neue Schulung anlegen." },
      { to: "/schulungen/anfragen", label: "Inhouse-Anfragen", roles: ["municipal_it", "centre_manager", "trainer", "admin"], description: "Eine Schulung in den eigenen Räumen anfragen und den Stand der Anfragen sehen." },
      { to: "/schulungen/raeume", label: "Räume", roles: ["admin"], description: "Die Schulungsräume der vier Zentren mit ihrer Kapazität pflegen." },
    ],
  },
  {
    id: "facharbeitskreise",
    label: "Facharbeitskreise",
    to: "/facharbeitskreise",
    roles: EVERYONE,
    available: true,
    sections: [
      {
        to: "/facharbeitskreise",
        label: "Übersicht",
        roles: EVERYONE,
        description: "Die drei Facharbeitskreise EWOS, FINAS und PERSOS mit Mitgliedern, Sitzungen und Beschlüssen; um Aufnahme bitten.",
      },
      {
        to: "/facharbeitskreise/aufgaben",
        label: "Meine Aufgaben",
        roles: ["wg_member", "wg_chair"],
        description: "Die Aufgaben aus den Protokollen, die Ihnen zugewiesen sind, mit Fälligkeit und Stand.",
      },
    ],
  },
  {
    id: "neuigkaiten",
    label: "NeuigKAIten",
    to: "/neuigkaiten",
    roles: EVERYONE,
    available: false,
    sections: [],
  },
  {
    id: "verwaltung",
    label: "Verwaltung",
    to: "/verwaltung",
    roles: ["admin", "centre_manager"],
    available: true,
    sections: [
      { to: "/admin/personen", label: "Personen", roles: ["admin"], description: "Personen einladen, Rollen vergeben, Einladungen erneut senden und Konten deaktivieren." },
      { to: "/mitglieder", label: "Mitglieder", roles: ["admin", "centre_manager"], description: "Die Mitgliedskommunen nach Zentren, mit Einwohnerzahl, Umlage und Ansprechpersonen." },
      { to: "/admin/zentren", label: "Zentren", roles: ["admin"], description: "Anschrift, Telefon und E-Mail der vier Zentren pflegen." },
      { to: "/admin/postfach", label: "Postfach", roles: ["admin"], description: "Vom Portal versandte E-Mails lesen, solange kein Mailserver angebunden ist." },
      { to: "/admin/audit", label: "Protokoll", roles: ["admin"], description: "Nachvollziehen, wer wann was geändert hat, und das Protokoll als CSV exportieren." },
    ],
  },
];

const areaById = new Map(AREAS.map((a) => [a.id, a]));

export function getArea(id: AreaId): Area {
  return areaById.get(id)!;
}

const allowed = (roles: Role[], mine: Role[]) => roles.some((r) => mine.includes(r));

/** The work areas a person sees in the header: those that exist and that their roles use. */
export function areasFor(roles: Role[]): Area[] {
  return AREAS.filter((a) => a.available && allowed(a.roles, roles));
}

export function sectionsFor(area: Area, roles: Role[]): AreaSection[] {
  return area.sections.filter((s) => allowed(s.roles, roles));
}

/** "Page – Area – KAI-Portal" (ACCEPTANCE H40: a unique title per page). */
export function pageTitle(page: string, area?: AreaId | string): string {
  const areaLabel = area ? (areaById.get(area as AreaId)?.label ?? area) : undefined;
  return [page, areaLabel, "KAI-Portal"].filter(Boolean).join(" – ");
}

/**
 * What a route module exports as `handle`: the area it belongs to, and its own breadcrumb (a
 * function of its loader data for pages named after a record). The area's crumb comes first.
 */
export interface PageHandle {
  /** A page shared by the public and an area (the members list) decides from its data. */
  area?: AreaId | ((data: any) => AreaId | undefined);
  breadcrumb?: Crumb | Crumb[] | ((data: any) => Crumb | Crumb[] | null);
}
