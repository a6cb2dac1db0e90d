import type { Page } from "playwright-core";
import { berlinDay } from "../dates";

/**
 * Every page of the portal, for every demo role that can open it (issue 5, items 16 and 17).
 * `tests/e2e/pages.test.ts` checks each one (page checks, axe, letter-per-line) at both widths, and
 * `npm run screenshots` photographs each one: one list, so both cover the same pages.
 *
 * Adding a page: append a `PageSpec` with the roles that can open it. Pages whose content is the
 * same for everyone (footer pages, sign-in, errors) are listed for `anonymous`; signed-in roles get
 * the pages of their navigation, because the header differs when signed in.
 */

export const WIDTHS = [1280, 320] as const;
export type Width = (typeof WIDTHS)[number];
/**
 * The header switches to its compact bar at 72rem (app/styles/app.css): 1152 px at the browser's
 * 16 px. The narrowest wide header (1153 px) and the widest compact one (1152 px).
 */
export const HEADER_SWITCH_WIDTHS = [1153, 1152] as const;

export const DEMO_ROLES = {
  anonymous: null,
  admin: "admin@kai.example",
  "leitung.nord": "leitung.nord@kai.example",
  "leitung.west": "leitung.west@kai.example",
  "betreuung.nord": "betreuung.nord@kai.example",
  "betreuung.west": "betreuung.west@kai.example",
  schulung: "schulung@kai.example",
  "fak.finanzen": "fak.finanzen@kai.example",
  // A plain member of FINAS (from the working-groups demo, db/seed/demo-groups.ts).
  "fak.mitglied": "j.kroeger@kai.example",
  redaktion: "redaktion@kai.example",
  "it.jemgum": "it.jemgum@kai.example",
} as const;
export type RoleId = keyof typeof DEMO_ROLES;
export const ROLE_IDS = Object.keys(DEMO_ROLES) as RoleId[];
/**
 * The roles whose every page is listed (the header differs per role). The plain FINAS member's
 * header is the chair's, so that role lists only the working-group pages it sees differently.
 */
const SIGNED_IN = ROLE_IDS.filter((r) => r !== "anonymous" && r !== "fak.mitglied");
/** The roles of the Betreuung area (issue 7). */
const SUPPORT: RoleId[] = ["admin", "leitung.nord", "leitung.west", "betreuung.nord", "betreuung.west", "it.jemgum"];

export interface PageSpec {
  /** Unique, file-name safe: `<role>__<id>__<width>.png`. */
  id: string;
  /** The page this is a state of; pages with different `page` must have different titles. */
  page: string;
  /** A path, or how to find it (detail pages are reached through their list). */
  path: string | ((page: Page, baseUrl: string) => Promise<string>);
  roles: readonly RoleId[];
  /** The HTTP status the page answers with (default: below 400). */
  status?: number;
  /** Brings the page into the state to check after loading, e.g. a form sent with errors. */
  prepare?: (page: Page) => Promise<void>;
}

/** The first link in `main` matching `selector` on `listPath`, as a path. */
function firstLink(listPath: string, selector: string) {
  return async (page: Page, baseUrl: string) => {
    await page.goto(`${baseUrl}${listPath}`);
    const href = await page.locator(`main ${selector}`).first().getAttribute("href", { timeout: 5_000 });
    if (!href) throw new Error(`no link ${selector} on ${listPath}`);
    return new URL(href, baseUrl).pathname;
  };
}

/**
 * Opens a page whose form the helper fills in next, once the network has settled: by then the
 * scripts and web fonts have arrived and React has hydrated the form. Before that the layout can
 * still move: under the load of the page checks, a click meant for the "online" radio button hit
 * its neighbour while the form was moving ("Clicking the checkbox did not change its state").
 */
async function openForm(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
}

/** A message in the built-in mailbox; on a fresh database it first asks for a password reset, which sends one. */
async function mailboxMessage(page: Page, baseUrl: string) {
  const link = 'main a[href^="/admin/postfach/"]';
  await page.goto(`${baseUrl}/admin/postfach`);
  if ((await page.locator(link).count()) === 0) {
    await openForm(page, `${baseUrl}/passwort-vergessen`);
    await page.getByLabel("E-Mail-Adresse").fill("it.buxtehude@kai.example");
    await page.locator('main button[type="submit"]').first().click();
    await page.waitForURL(/gesendet=1/);
    for (let i = 0; i < 50; i++) {
      await page.goto(`${baseUrl}/admin/postfach`);
      if (await page.locator(link).count()) break;
      await page.waitForTimeout(200);
    }
  }
  const href = await page.locator(link).first().getAttribute("href", { timeout: 5_000 });
  if (!href) throw new Error("no message in the mailbox");
  return new URL(href, baseUrl).pathname;
}

/** The confirmation page (no JavaScript) for deactivating the first person found by `q`. */
function confirmationPage(q: string, action: string) {
  return async (page: Page, baseUrl: string) => `${await firstLink(`/admin/personen?q=${q}`, 'a[href^="/admin/personen/"]:not([href$="/einladen"])')(page, baseUrl)}/bestaetigen?aktion=${action}`;
}

/**
 * The re-routing page of an absence that starts today: as the centre manager, records one for
 * Nord's adviser (who has open demo tickets) unless there is one, and follows the offer's link.
 */
async function reroutingPage(page: Page, baseUrl: string) {
  const link = page.locator('main a[href*="/umverteilen"]').first();
  await openForm(page, `${baseUrl}/betreuung/abwesenheiten`);
  if ((await link.count()) === 0) {
    const today = berlinDay();
    await page.getByLabel(/^Person/).selectOption({ label: "Bernd Berater" });
    await page.getByLabel("Schulung", { exact: true }).check();
    await page.getByLabel(/^Erster Tag/).fill(today);
    await page.getByLabel(/^Letzter Tag/).fill(today);
    await page.getByRole("button", { name: "Abwesenheit eintragen" }).click();
    await link.waitFor();
  }
  return new URL((await link.getAttribute("href"))!, baseUrl).pathname;
}

/** A postal code that is not five digits: the form answers with field errors. */
async function submitBadPostalCode(page: Page) {
  await page.getByLabel(/^Postleitzahl/).fill("123");
  await page.locator('main button[type="submit"]').first().click();
  await page.getByRole("alert").first().waitFor();
}

/** The sign-in's code step: the password step of an enrolled demo account (no code is used up). */
async function codeStep(page: Page, baseUrl: string) {
  await openForm(page, `${baseUrl}/anmelden`);
  await page.getByLabel("E-Mail-Adresse").fill("leitung.west@kai.example");
  await page.getByLabel(/^Passwort/).fill("Demo-Passwort-2026");
  await page.getByRole("button", { name: "Anmelden" }).last().click();
  await page.waitForURL((url) => url.pathname === "/anmelden/code");
  return "/anmelden/code?redirectTo=%2Fstart";
}

/** The enrolment page with its QR code (starts, or starts over, the enrolment). */
async function startEnrolment(page: Page) {
  await page.locator("main form button", { hasText: /Einrichtung beginnen|Neu beginnen/ }).first().click();
  await page.locator("svg.qr-code").waitFor();
}

async function submitEmpty(page: Page) {
  await page.locator('main button[type="submit"]').first().click();
  await page.getByRole("alert").first().waitFor();
}

// ---- Training, issue 8 items 3 and 10 (in-house requests, planning overview) -------------------
/**
 * An in-house request's page: the first in the list; on a fresh database the person (admin runs
 * first and may ask for any municipality) files one for Jemgum through the form.
 */
async function inhouseRequestPage(page: Page, baseUrl: string) {
  const link = 'main a[href^="/schulungen/anfragen/"]:not([href$="/neu"])';
  await page.goto(`${baseUrl}/schulungen/anfragen`);
  if ((await page.locator(link).count()) === 0) {
    await openForm(page, `${baseUrl}/schulungen/anfragen/neu`);
    const municipality = page.getByLabel(/^Kommune/);
    if (await municipality.count()) await municipality.selectOption({ label: "Jemgum (Zentrum West)" });
    await page.getByLabel(/^Thema/).fill("Einführung in KAI-EWOS für die neue Sachbearbeitung");
    await page.getByLabel(/frühestens am/).fill(berlinDay(30));
    await page.getByLabel(/spätestens am/).fill(berlinDay(60));
    await page.getByLabel(/^Zahl der Teilnehmenden/).fill("12");
    await page.getByRole("button", { name: "Anfrage senden" }).click();
    await page.waitForURL(/\/schulungen\/anfragen\/\d+/);
    return new URL(page.url()).pathname;
  }
  const href = await page.locator(link).first().getAttribute("href", { timeout: 5_000 });
  return new URL(href!, baseUrl).pathname;
}
// ---- end of training (items 3 and 10) -----------------------------------------------------------

const ALL = ROLE_IDS.filter((r) => r !== "fak.mitglied");
const ANON = ["anonymous"] as const;
const ADMIN = ["admin"] as const;
const ADMINISTRATION = ["admin", "leitung.nord", "leitung.west"] as const;

export const PAGES: PageSpec[] = [
  // Public pages (the navigation pages are listed for every role: the header differs).
  { id: "startseite", page: "startseite", path: "/", roles: ANON },
  { id: "mitglieder", page: "mitglieder", path: "/mitglieder", roles: ALL },
  { id: "verfahren", page: "verfahren", path: "/verfahren", roles: ALL },
  { id: "mitglieder-gefiltert", page: "mitglieder", path: "/mitglieder?zentrum=sued&q=hoe", roles: ANON },
  { id: "mitglieder-leer", page: "mitglieder", path: "/mitglieder?q=zzz-keine", roles: ANON },
  { id: "konditionen", page: "konditionen", path: "/konditionen", roles: ALL },
  { id: "konditionen-3700", page: "konditionen", path: "/konditionen?einwohner=3700", roles: ANON },
  { id: "konditionen-fehler", page: "konditionen", path: "/konditionen?einwohner=abc", roles: ANON, status: 400 },
  { id: "barrierefreiheit", page: "barrierefreiheit", path: "/barrierefreiheit", roles: ANON },
  { id: "leichte-sprache", page: "leichte-sprache", path: "/leichte-sprache", roles: ANON },
  { id: "datenschutz", page: "datenschutz", path: "/datenschutz", roles: ANON },
  { id: "impressum", page: "impressum", path: "/impressum", roles: ANON },
  { id: "leistung-leer", page: "leistung-leer", path: "/leistung/leer", roles: ANON },
  { id: "anmelden", page: "anmelden", path: "/anmelden", roles: ANON },
  { id: "anmelden-fehler", page: "anmelden", path: "/anmelden", roles: ANON, prepare: submitEmpty },
  { id: "anmelden-code", page: "anmelden-code", path: codeStep, roles: ANON },
  { id: "anmelden-code-fehler", page: "anmelden-code", path: codeStep, roles: ANON, prepare: submitEmpty },
  { id: "passwort-vergessen", page: "passwort-vergessen", path: "/passwort-vergessen", roles: ANON },
  { id: "passwort-vergessen-gesendet", page: "passwort-vergessen", path: "/passwort-vergessen?gesendet=1", roles: ANON },
  { id: "passwort-zuruecksetzen-ungueltig", page: "passwort-zuruecksetzen", path: "/passwort-zuruecksetzen/ungueltigertokenungueltigertoken", roles: ANON, status: 410 },
  { id: "einladung-ungueltig", page: "einladung", path: "/einladung/ungueltigertokenungueltigertoken", roles: ANON, status: 410 },
  { id: "abmelden", page: "abmelden", path: "/abmelden", roles: ANON },
  { id: "e-mail-bestaetigen-ungueltig", page: "e-mail-bestaetigen", path: "/e-mail-bestaetigen/ungueltigertokenungueltigertoken", roles: ANON, status: 410 },
  { id: "nicht-gefunden", page: "nicht-gefunden", path: "/gibt-es-nicht", roles: ANON, status: 404 },

  // Signed in, every role.
  { id: "uebersicht", page: "uebersicht", path: "/start", roles: SIGNED_IN },
  { id: "konto", page: "konto", path: "/konto", roles: SIGNED_IN },
  // The second factor: set up for admin and centre managers, not (yet) for the others.
  { id: "zwei-faktor", page: "zwei-faktor", path: "/konto/zwei-faktor", roles: SIGNED_IN },
  { id: "zwei-faktor-einrichten", page: "zwei-faktor", path: "/konto/zwei-faktor", roles: ["schulung"], prepare: startEnrolment },

  // Betreuung (issue 7): the queues, the filing form and a ticket, as staff and as municipal IT.
  { id: "betreuung", page: "betreuung", path: "/betreuung", roles: SUPPORT },
  { id: "tickets", page: "tickets", path: "/betreuung/tickets", roles: SUPPORT },
  { id: "tickets-zentrum", page: "tickets-zentrum", path: "/betreuung/tickets?ansicht=zentrum", roles: ["betreuung.west", "leitung.west"] },
  { id: "tickets-suche", page: "tickets-alle", path: "/betreuung/tickets?ansicht=alle&q=Meldebescheinigung", roles: ["betreuung.west", "admin"] },
  { id: "auswertung", page: "auswertung", path: "/betreuung/auswertung", roles: ["admin", "leitung.west"] },
  { id: "tickets-fehler", page: "tickets", path: "/betreuung/tickets?sortierung=passwort", roles: ["betreuung.west", "it.jemgum"], status: 400 },
  { id: "ticket-neu", page: "ticket-neu", path: "/betreuung/neu", roles: SUPPORT },
  { id: "ticket-neu-fehler", page: "ticket-neu", path: "/betreuung/neu", roles: ["it.jemgum", "betreuung.west"], prepare: submitEmpty },
  { id: "ticket", page: "ticket", path: firstLink("/betreuung/tickets?ansicht=alle&q=Meldebescheinigungen", 'a[href^="/betreuung/tickets/KAI-"]'), roles: ["admin", "leitung.west", "betreuung.west", "it.jemgum"] },
  { id: "eingang", page: "eingang", path: "/betreuung/eingang", roles: ["admin", "leitung.nord", "betreuung.nord", "betreuung.west"] },
  { id: "abwesenheiten", page: "abwesenheiten", path: "/betreuung/abwesenheiten", roles: ["admin", "leitung.nord", "betreuung.nord"] },
  { id: "einstellungen", page: "einstellungen", path: "/betreuung/einstellungen", roles: ["admin", "leitung.west"] },
  { id: "umverteilen", page: "umverteilen", path: reroutingPage, roles: ["leitung.nord"] },
  { id: "vor-ort", page: "vor-ort", path: async (page, baseUrl) => `${await firstLink("/betreuung/tickets?ansicht=alle&q=Meldebescheinigungen", 'a[href^="/betreuung/tickets/KAI-"]')(page, baseUrl)}/vor-ort`, roles: ["betreuung.west"] },

  // Administration.
  { id: "verwaltung", page: "verwaltung", path: "/verwaltung", roles: ADMINISTRATION },
  { id: "zentren", page: "zentren", path: "/admin/zentren", roles: ADMIN },
  { id: "zentrum-bearbeiten", page: "zentrum-bearbeiten", path: "/admin/zentren/nord", roles: ADMIN },
  { id: "zentrum-bearbeiten-fehler", page: "zentrum-bearbeiten", path: "/admin/zentren/nord", roles: ADMIN, prepare: submitBadPostalCode },
  { id: "person-bestaetigen", page: "person-bestaetigen", path: confirmationPage("Jemgumer", "deaktivieren"), roles: ADMIN },
  { id: "mitglied-neu", page: "mitglied-neu", path: "/mitglieder/neu", roles: ADMIN },
  { id: "mitglied-neu-fehler", page: "mitglied-neu", path: "/mitglieder/neu", roles: ADMIN, prepare: submitEmpty },
  { id: "mitglied-bearbeiten", page: "mitglied-bearbeiten", path: firstLink("/mitglieder", 'a[href$="/bearbeiten"]'), roles: ADMIN },
  { id: "personen", page: "personen", path: "/admin/personen", roles: ADMIN },
  { id: "personen-leer", page: "personen", path: "/admin/personen?q=zzz-niemand", roles: ADMIN },
  { id: "person", page: "person", path: firstLink("/admin/personen?q=Jemgumer", 'a[href^="/admin/personen/"]:not([href$="/einladen"])'), roles: ADMIN },
  { id: "person-zwei-faktor", page: "person", path: firstLink("/admin/personen?q=Nordmann", 'a[href^="/admin/personen/"]:not([href$="/einladen"])'), roles: ADMIN },
  { id: "person-zwei-faktor-bestaetigen", page: "person-bestaetigen", path: confirmationPage("Nordmann", "zwei-faktor-zuruecksetzen"), roles: ADMIN },
  { id: "person-einladen", page: "person-einladen", path: "/admin/personen/einladen", roles: ADMIN },
  { id: "person-einladen-fehler", page: "person-einladen", path: "/admin/personen/einladen", roles: ADMIN, prepare: submitEmpty },
  { id: "postfach", page: "postfach", path: "/admin/postfach", roles: ADMIN },
  { id: "postfach-nachricht", page: "postfach-nachricht", path: mailboxMessage, roles: ADMIN },
  { id: "protokoll", page: "protokoll", path: "/admin/audit", roles: ADMIN },
  { id: "protokoll-gefiltert", page: "protokoll", path: "/admin/audit?entityType=session&action=auth.login", roles: ADMIN },
  { id: "protokoll-fehler", page: "protokoll", path: "/admin/audit?from=kein-datum", roles: ADMIN, status: 400 },
  // ---- Training, issue 8 items 3 and 10 (in-house requests, planning overview); the start page
  // with the training panels is "uebersicht" above (schulung, it.jemgum). ----
  { id: "inhouse-anfragen", page: "inhouse-anfragen", path: "/schulungen/anfragen", roles: ["admin", "leitung.west", "schulung", "it.jemgum"] },
  { id: "inhouse-anfrage-neu", page: "inhouse-anfrage-neu", path: "/schulungen/anfragen/neu", roles: ["admin", "leitung.west", "it.jemgum"] },
  { id: "inhouse-anfrage-neu-fehler", page: "inhouse-anfrage-neu", path: "/schulungen/anfragen/neu", roles: ["it.jemgum"], prepare: submitEmpty },
  { id: "inhouse-anfrage", page: "inhouse-anfrage", path: inhouseRequestPage, roles: ["admin", "leitung.west", "schulung", "it.jemgum"] },
  { id: "schulungen-planung", page: "schulungen-planung", path: "/schulungen/planung", roles: ["admin", "schulung"] },
  // With a seminar in the table (a draft made through the planning helper's form, below).
  { id: "schulungen-planung-mit-schulung", page: "schulungen-planung", path: async (page, baseUrl) => (await draftSeminarEditPage(page, baseUrl), "/schulungen/planung"), roles: ["schulung"] },
  // ---- end of training (items 3 and 10) ----
];

export function pagesFor(role: RoleId): PageSpec[] {
  return PAGES.filter((p) => p.roles.includes(role));
}

export async function resolvePath(spec: PageSpec, page: Page, baseUrl: string): Promise<string> {
  return typeof spec.path === "string" ? spec.path : spec.path(page, baseUrl);
}

// ---- Training: the public seminar calendar (issue 8, item 9) ----
// Public: signed out, and with the Schulungen area in the header for a trainer and municipal IT.
{
  const CALENDAR_ROLES: RoleId[] = ["anonymous", "schulung", "it.jemgum"];
  PAGES.push(
    { id: "schulungskalender", page: "schulungskalender", path: "/schulungen", roles: CALENDAR_ROLES },
    { id: "schulungskalender-monat", page: "schulungskalender", path: "/schulungen?ansicht=monat", roles: CALENDAR_ROLES },
    { id: "schulungskalender-gefiltert", page: "schulungskalender", path: "/schulungen?zentrum=nord&art=schulung", roles: ["anonymous"] },
    { id: "schulungskalender-monat-gefiltert", page: "schulungskalender", path: "/schulungen?ansicht=monat&zentrum=west&art=info", roles: ["anonymous"] },
    { id: "schulungskalender-leer", page: "schulungskalender", path: "/schulungen?ansicht=monat&monat=2099-01", roles: ["anonymous"] },
    { id: "schulungskalender-fehler", page: "schulungskalender", path: "/schulungen?zentrum=ost", roles: ["anonymous"], status: 400 },
  );
}
// ---- end Training calendar ----

// ── Issue 8, planning seminars (helper "plan"): new seminar, its edit page, the rooms ──────────

/** A fresh online draft made through the new-seminar form; its edit page. */
async function draftSeminarEditPage(page: Page, baseUrl: string) {
  await openForm(page, `${baseUrl}/schulungen/neu`);
  await page.locator('main [name="title"]').fill("Seitenprüfung: Entwurf");
  await page.locator('main [name="dates[0].date"]').fill(berlinDay(60));
  await page.locator('main input[name="locationKind"][value="online"]').check();
  await page.locator('main [name="onlineUrl"]').fill("https://konferenz.kai.example/entwurf");
  await page.locator('main select[name="centreId"]').selectOption("nord");
  await page.locator('main [name="capacity"]').fill("20");
  await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
  await page.waitForURL(/\/schulungen\/\d+$/);
  return `${new URL(page.url()).pathname}/bearbeiten`;
}

PAGES.push(
  { id: "schulung-neu", page: "schulung-neu", path: "/schulungen/neu", roles: ["schulung", "admin"] },
  { id: "schulung-neu-fehler", page: "schulung-neu", path: "/schulungen/neu", roles: ["schulung"], prepare: submitEmpty },
  { id: "schulung-bearbeiten", page: "schulung-bearbeiten", path: draftSeminarEditPage, roles: ["schulung"] },
  { id: "schulung-absagen", page: "schulung-bearbeiten", path: async (page, baseUrl) => `${await draftSeminarEditPage(page, baseUrl)}?absagen=1`, roles: ["schulung"] },
  { id: "schulungsraeume", page: "schulungsraeume", path: "/schulungen/raeume", roles: ADMIN },
);

// --- Training, issue 8 item 8: attendance and feedback (helper "pdf") -------------------------
// The past demo seminar of db/seed/demo-attendance.ts, found by its title among the first seminar
// ids as its trainer sees them (no list page links to it yet; once /schulungen/planung lists past
// seminars, a `firstLink` there is simpler).
const DEMO_ATTENDANCE_TITLE = "KAI-EWOS: Meldewesen kompakt (Rückblick)";
export function demoAttendanceSeminar(suffix: "anwesenheit" | "rueckmeldung") {
  return async (page: Page, baseUrl: string) => {
    for (let id = 1; id <= 200; id++) {
      const response = await page.request.get(`${baseUrl}/schulungen/${id}/rueckmeldung`, { maxRedirects: 0 });
      if (response.status() === 200 && (await response.text()).includes(DEMO_ATTENDANCE_TITLE)) return `/schulungen/${id}/${suffix}`;
    }
    throw new Error(`demo seminar "${DEMO_ATTENDANCE_TITLE}" not found`);
  };
}
PAGES.push(
  { id: "schulung-anwesenheit", page: "schulung-anwesenheit", path: demoAttendanceSeminar("anwesenheit"), roles: ["schulung"] },
  { id: "schulung-rueckmeldung-formular", page: "schulung-rueckmeldung", path: demoAttendanceSeminar("rueckmeldung"), roles: ["it.jemgum"] },
  {
    id: "schulung-rueckmeldung-fehler",
    page: "schulung-rueckmeldung",
    path: demoAttendanceSeminar("rueckmeldung"),
    roles: ["it.jemgum"],
    prepare: async (page) => {
      // Sent without stars.
      await page.locator('main button[type="submit"]').first().click();
      await page.locator(".error-summary").first().waitFor({ timeout: 5_000 });
    },
  },
  { id: "schulung-rueckmeldung-auswertung", page: "schulung-rueckmeldung", path: demoAttendanceSeminar("rueckmeldung"), roles: ["schulung"] },
);
// --- end of training attendance and feedback ------------------------------------------------------

// --- Training, issue 8 items 4 and 5: the seminar page (lead) -------------------------------------
// The demo's full seminar with a waiting list (db/seed/demo-training.ts), reached through the
// calendar: signed out, as its trainer (participants with positions), as municipal IT with a seat
// of its own; and an online information event with seats free.
const fullDemoSeminar = firstLink("/schulungen?zentrum=nord", 'a:has-text("Jahresabschluss Schritt für Schritt")');
PAGES.push(
  { id: "schulung-voll-warteliste", page: "schulung-seite", path: fullDemoSeminar, roles: ["anonymous", "schulung", "it.jemgum", "admin"] },
  { id: "schulung-info-online", page: "schulung-seite", path: firstLink("/schulungen?art=info", 'a:has-text("Neuerungen im Release")'), roles: ["anonymous", "it.jemgum"] },
);
// --- end of the seminar page ----------------------------------------------------------------------

// --- Working groups, issue 9 item 1: the overview and a group page (helper "members") ----------
// The overview for every signed-in role (the header differs); the FINAS page as its chair (open
// requests, "Sitzung planen"), as an admin (choosing chairs), as a non-member who may ask to join
// (municipal IT of Jemgum) and as an adviser; the EWOS page as the FINAS chair (not a member
// there: may ask to join), and as a plain member.
PAGES.push(
  { id: "facharbeitskreise", page: "facharbeitskreise", path: "/facharbeitskreise", roles: SIGNED_IN },
  { id: "facharbeitskreis-finas", page: "facharbeitskreis", path: "/facharbeitskreise/finas", roles: ["fak.finanzen", "fak.mitglied", "admin", "it.jemgum", "betreuung.west"] },
  { id: "facharbeitskreis-ewos", page: "facharbeitskreis", path: "/facharbeitskreise/ewos", roles: ["fak.finanzen"] },
  { id: "facharbeitskreis-beschreibung", page: "facharbeitskreis-beschreibung", path: "/facharbeitskreise/finas/beschreibung", roles: ["fak.finanzen"] },
  // The confirmation steps of leaving (a plain member) and of removing a member (the chair).
  { id: "facharbeitskreis-austreten", page: "facharbeitskreis", path: "/facharbeitskreise/finas?austreten=1", roles: ["fak.mitglied"] },
  { id: "facharbeitskreis-entfernen", page: "facharbeitskreis", path: "/facharbeitskreise/finas", roles: ["fak.finanzen"], prepare: chooseMemberToRemove },
);

/** The chair picks the first member in the removal list and goes on to the confirmation step. */
async function chooseMemberToRemove(page: Page) {
  const choice = page.locator("main #mitglied-entfernen");
  await choice.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Entfernen …" }).click();
  await page.waitForURL(/\?entfernen=[0-9a-f-]{36}#mitglied-entfernen-bereich$/);
  await page.getByRole("button", { name: "Aus dem Facharbeitskreis entfernen" }).waitFor();
}
// --- end of the working-group overview and page ---------------------------------------------------
// --- Working groups, issue 9 items 2–4: scheduling, the meeting page, editing (helper "meetings") --
/**
 * A fresh FINAS meeting scheduled through the form by its chair (fak.finanzen), central in
 * Buxtehude without a room (no clash with anything); its page.
 */
async function scheduledMeetingPage(page: Page, baseUrl: string) {
  const day = berlinDay(75);
  await openForm(page, `${baseUrl}/facharbeitskreise/finas/sitzungen/neu`);
  await page.locator('main [name="title"]').fill("Seitenprüfung: Sitzung des Facharbeitskreises");
  await page.locator('main [name="date"]').fill(day);
  await page.locator('main [name="items[0].title"]').fill("Anforderungen an die Anlagenbuchhaltung");
  await page.locator('main [name="items[0].presenter"]').fill("Friedrich Finanzmann");
  await page.locator('main [name="items[0].durationMinutes"]').fill("45");
  await page.getByRole("button", { name: "Sitzung planen und einladen" }).click();
  await page.waitForURL(/\/facharbeitskreise\/finas\/sitzungen\/\d+\?/);
  return new URL(page.url()).pathname;
}

/** A scheduled meeting with the chair's editor open for its last agenda item (`?bearbeiten=<id>`). */
async function agendaItemEditor(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}${await scheduledMeetingPage(page, baseUrl)}`);
  const href = await page.locator('main a[href*="?bearbeiten="]').last().getAttribute("href", { timeout: 5_000 });
  if (!href) throw new Error("no agenda item to edit");
  const url = new URL(href, baseUrl);
  return url.pathname + url.search;
}

/**
 * A FINAS meeting's page as someone who is not a member: the first meeting id that answers 200
 * (the demo seed's upcoming meeting, or one the chair scheduled above). Meetings are visible to
 * every signed-in person; no list links to them from a page these roles open yet.
 */
const someFinasMeeting = firstLink("/facharbeitskreise/finas", 'a[href*="/sitzungen/"]');

// A member sees the answer form and no agenda editing; the first meeting the group page links to is
// the next one.
PAGES.push(
  { id: "sitzung-neu", page: "sitzung-neu", path: "/facharbeitskreise/finas/sitzungen/neu", roles: ["fak.finanzen"] },
  { id: "sitzung-neu-fehler", page: "sitzung-neu", path: "/facharbeitskreise/finas/sitzungen/neu", roles: ["fak.finanzen"], prepare: submitEmpty },
  { id: "sitzung-vorsitz", page: "sitzung", path: scheduledMeetingPage, roles: ["fak.finanzen"] },
  { id: "sitzung-vorsitz-top-bearbeiten", page: "sitzung", path: agendaItemEditor, roles: ["fak.finanzen"] },
  { id: "sitzung-aussenstehend", page: "sitzung", path: someFinasMeeting, roles: ["it.jemgum", "schulung"] },
  { id: "sitzung-mitglied", page: "sitzung", path: someFinasMeeting, roles: ["fak.mitglied"] },
  { id: "sitzung-bearbeiten", page: "sitzung-bearbeiten", path: async (page, baseUrl) => `${await scheduledMeetingPage(page, baseUrl)}/bearbeiten`, roles: ["fak.finanzen"] },
  { id: "sitzung-absagen", page: "sitzung-bearbeiten", path: async (page, baseUrl) => `${await scheduledMeetingPage(page, baseUrl)}/bearbeiten?absagen=1`, roles: ["fak.finanzen"] },
  // A meeting that took place: no cancelling (the page says so), the rest stays editable.
  { id: "sitzung-vergangen-bearbeiten", page: "sitzung-bearbeiten", path: async (page, baseUrl) => `${await firstLink("/facharbeitskreise/finas", 'a:has-text("Online-Sondersitzung E-Rechnung")')(page, baseUrl)}/bearbeiten`, roles: ["fak.finanzen"] },
);
// --- end of working-group meetings ----------------------------------------------------------------
// --- Working groups, issue 9 items 5–8: minutes, action items, decisions register (helper C) --------
// The demo's FINAS meetings (issue 9 item 11: a past meeting with released minutes, decisions and
// open action items). Released minutes are reached through the decisions register; the chair's
// draft through the demo's special meeting on the group page; an action item
// through the released minutes.
const releasedDemoMinutes = firstLink("/facharbeitskreise/finas/beschluesse", 'a[href*="/protokoll#"]');
async function draftDemoMinutes(page: Page, baseUrl: string) {
  return `${await firstLink("/facharbeitskreise/finas", 'a:has-text("Online-Sondersitzung E-Rechnung")')(page, baseUrl)}/protokoll`;
}
async function demoActionItem(page: Page, baseUrl: string) {
  const minutes = await releasedDemoMinutes(page, baseUrl);
  return firstLink(minutes, 'a[href^="/facharbeitskreise/aufgaben/"]')(page, baseUrl);
}
PAGES.push(
  { id: "protokoll-entwurf", page: "protokoll", path: draftDemoMinutes, roles: ["fak.finanzen"] },
  { id: "protokoll-freigegeben", page: "protokoll", path: releasedDemoMinutes, roles: ["fak.finanzen", "it.jemgum"] },
  { id: "meine-aufgaben", page: "meine-aufgaben", path: "/facharbeitskreise/aufgaben", roles: ["fak.finanzen", "fak.mitglied", "it.jemgum"] },
  { id: "aufgabe", page: "aufgabe", path: demoActionItem, roles: ["fak.finanzen", "fak.mitglied", "it.jemgum"] },
  { id: "beschluesse", page: "beschluesse", path: "/facharbeitskreise/finas/beschluesse", roles: ["fak.finanzen", "it.jemgum"] },
  { id: "beschluesse-leer", page: "beschluesse", path: "/facharbeitskreise/finas/beschluesse?q=nichts-gefunden-xyz", roles: ["fak.finanzen"] },
);
// --- end of minutes, action items and decisions register --------------------------------------------
