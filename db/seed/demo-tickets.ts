import { eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { users } from "../schema/auth";
import { municipalities } from "../schema/members";
import { procedureModules, procedures } from "../schema/procedures";
import { cannedReplies, tickets } from "../schema/tickets";
import { addTicketReply, changeTicket } from "~/modules/tickets/commands.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import type { TicketType } from "~/modules/tickets/lifecycle";
import type { TicketPriority } from "~/modules/tickets/priorities";

type Step =
  | { do: "take" | "solve" | "close" }
  | { do: "reply"; body: string; askBack?: boolean; internal?: boolean }
  | { do: "answer"; body: string };

/** A fictional ticket: who files it, how many hours ago, and what happened since. */
interface DemoTicket {
  reporter: string;
  hoursAgo: number;
  procedure: string | null;
  module?: string;
  type: TicketType;
  priority: TicketPriority;
  title: string;
  description: string;
  steps: Step[];
}

const DEMO_TICKETS: DemoTicket[] = [
  {
    reporter: "it.jemgum@kai.example",
    hoursAgo: 80,
    procedure: "EWOS",
    module: "Meldewesen",
    type: "stoerung",
    priority: "hoch",
    title: "Meldebescheinigungen werden nicht gedruckt",
    description: "Seit dem Update am Montag bricht der Druck von **Meldebescheinigungen** mit „Vorlage nicht gefunden“ ab.\n\n- betrifft alle Arbeitsplätze im Bürgerbüro\n- andere Formulare drucken normal",
    steps: [],
  },
  {
    reporter: "it.rheine@kai.example",
    hoursAgo: 30,
    procedure: "EWOS",
    type: "frage",
    priority: "normal",
    title: "Schnittstelle zum Personalausweisregister: Zertifikat läuft ab",
    description: "Unser Zertifikat für die Schnittstelle läuft Ende des Monats ab. Wie beantragen wir das neue, und wer spielt es ein?",
    steps: [{ do: "take" }, { do: "reply", body: "Guten Tag Frau Rheinländer, bitte senden Sie uns den Antrag aus dem Anhang der letzten Rundmail. Welche Version ist bei Ihnen installiert?", askBack: true }],
  },
  {
    reporter: "it.rheine@kai.example",
    hoursAgo: 200,
    procedure: "EWOS",
    type: "stoerung",
    priority: "kritisch",
    title: "Anmeldungen können nicht gespeichert werden",
    description: "Beim Speichern einer Anmeldung erscheint ein Datenbankfehler. Das Bürgerbüro kann keine Anmeldungen annehmen.",
    steps: [
      { do: "take" },
      { do: "reply", body: "Interner Hinweis: Tablespace voll, mit dem Rechenzentrum geklärt.", internal: true },
      { do: "reply", body: "Der Speicherplatz der Datenbank war erschöpft. Wir haben ihn erweitert; bitte versuchen Sie es noch einmal." },
      { do: "solve" },
    ],
  },
  {
    reporter: "it.buxtehude@kai.example",
    hoursAgo: 6,
    procedure: "FINAS",
    type: "frage",
    priority: "normal",
    title: "Jahresabschluss: Abgrenzung der Rückstellungen",
    description: "Wie buchen wir in KAI-FINAS die Abgrenzung der Urlaubsrückstellungen zum Jahresende?",
    steps: [{ do: "take" }],
  },
  {
    reporter: "it.buxtehude@kai.example",
    hoursAgo: 400,
    procedure: "FINAS",
    type: "aenderungswunsch",
    priority: "niedrig",
    title: "Export der Haushaltsstellen als CSV",
    description: "Wir wünschen uns einen CSV-Export der Haushaltsstellen mit Ansatz und Ist für die Ratsvorlagen.",
    steps: [{ do: "take" }, { do: "reply", body: "Danke, wir geben den Wunsch an den Facharbeitskreis Finanzwesen weiter." }, { do: "solve" }, { do: "close" }],
  },
  {
    reporter: "it.jemgum@kai.example",
    hoursAgo: 3,
    procedure: "PERSOS",
    type: "stoerung",
    priority: "hoch",
    title: "Lohnabrechnung Dezember bricht ab",
    description: "Die Probeabrechnung für Dezember bricht bei drei Beschäftigten mit einer Meldung zur Zusatzversorgung ab.",
    steps: [],
  },
  {
    reporter: "it.jemgum@kai.example",
    hoursAgo: 1,
    procedure: null,
    type: "frage",
    priority: "niedrig",
    title: "Neue Kollegin braucht Zugang zum Portal",
    description: "Unsere neue Kollegin in der IT soll ebenfalls Tickets anlegen können. Wie bekommt sie einen Zugang?",
    steps: [],
  },
];

const CANNED: { centre: string; title: string; body: string }[] = [
  { centre: "west", title: "Bitte Version nennen", body: "Bitte nennen Sie uns die installierte Version (Menü Hilfe › Info) und senden Sie ein Bildschirmfoto der Meldung." },
  { centre: "west", title: "Fernwartung", body: "Wir würden uns gern per Fernwartung aufschalten. Bitte nennen Sie uns einen Zeitraum, in dem der Arbeitsplatz frei ist." },
  { centre: "nord", title: "Bitte Version nennen", body: "Bitte nennen Sie uns die installierte Version (Menü Hilfe › Info) und senden Sie ein Bildschirmfoto der Meldung." },
];

/**
 * Sample tickets across centres, procedures and statuses, with one at SLA risk, so a newcomer sees
 * support at work (issue 7 item 19). Only once: a database that has tickets gets none.
 */
export async function seedDemoTickets(db: Database) {
  if ((await db.$count(tickets)) > 0) return;
  const emails = [...new Set(DEMO_TICKETS.map((t) => t.reporter))];
  const people = await db.select({ id: users.id, name: users.name, email: users.email, municipalityId: users.municipalityId }).from(users).where(inArray(users.email, emails));
  const procs = await db.select().from(procedures);
  const mods = await db.select().from(procedureModules);
  const allMunicipalities = await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities);
  const municipalityOf: Record<string, string> = { "it.jemgum@kai.example": "Jemgum", "it.rheine@kai.example": "Rheine", "it.buxtehude@kai.example": "Buxtehude" };
  for (const sample of DEMO_TICKETS) {
    const reporter = people.find((p) => p.email === sample.reporter);
    const municipality = allMunicipalities.find((m) => m.name === municipalityOf[sample.reporter]);
    if (!reporter || !municipality) continue;
    const procedure = sample.procedure ? procs.find((p) => p.code === sample.procedure) : undefined;
    const module = procedure && sample.module ? mods.find((m) => m.procedureId === procedure.id && m.name === sample.module) : undefined;
    let at = new Date(Date.now() - sample.hoursAgo * 3_600_000);
    const later = () => (at = new Date(at.getTime() + Math.min(2, sample.hoursAgo / (sample.steps.length + 1)) * 3_600_000));
    await db.transaction(async (tx) => {
      const created = await fileTicket(
        {
          municipalityId: municipality.id,
          procedureId: procedure?.id ?? null,
          moduleId: module?.id ?? null,
          type: sample.type,
          priority: sample.priority,
          title: sample.title,
          description: sample.description,
          reporter: { id: reporter.id, name: reporter.name, email: reporter.email },
          filedById: reporter.id,
          channel: "portal",
          now: at,
        },
        tx,
      );
      for (const step of sample.steps) {
        const [row] = await tx.select().from(tickets).where(eq(tickets.number, created.number));
        const adviserId = row.assigneeId;
        if (!adviserId) break;
        const [adviser] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, adviserId));
        const staff = { kind: "adviser" as const, userId: adviser.id };
        if (step.do === "take" || step.do === "solve" || step.do === "close") {
          await changeTicket({ user: null, actor: staff, number: created.number, action: { type: step.do, expectedStatus: row.status }, now: later() }, tx);
        } else if (step.do === "reply") {
          await addTicketReply(
            { user: null, author: { ...adviser, kind: "staff" }, number: created.number, body: step.body, visibility: step.internal ? "internal" : "public", askBack: step.askBack, now: later() },
            tx,
          );
        } else if (step.do === "answer") {
          await addTicketReply({ user: null, author: { id: reporter.id, name: reporter.name, email: reporter.email, kind: "municipal_it" }, number: created.number, body: step.body, visibility: "public", now: later() }, tx);
        }
      }
    });
  }
  for (const c of CANNED) await db.insert(cannedReplies).values({ centreId: c.centre, title: c.title, body: c.body }).onConflictDoNothing();
}
