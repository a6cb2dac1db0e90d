import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { procedures } from "#db/schema/procedures";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/guards.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import type { TicketPriority } from "~/modules/tickets/priorities";
import { createUser, getMunicipalityByName } from "./factories";
import { makeRequest, sessionCookieFor } from "./http";

/** Signs the person in and returns what the guards would see. */
export async function currentUserOf(userId: string): Promise<{ user: CurrentUser; cookie: string }> {
  const cookie = await sessionCookieFor(userId);
  const user = (await getCurrentUser(makeRequest("/", { cookie }), {}))!;
  return { user, cookie };
}

/**
 * People of centre Nord and West for ticket tests (all fictional, @kai.example): an EWOS adviser and a
 * manager in Nord, a manager in West, municipal IT of Buxtehude (Nord) and of a West municipality.
 */
export async function ticketPeople(db: Database, prefix = "t") {
  const adviser = await createUser(db, { email: `${prefix}.berater.nord@kai.example`, name: "Bea Beraterin", roles: [{ role: "adviser", centre: "nord" }], competences: ["EWOS"] });
  const manager = await createUser(db, { email: `${prefix}.leitung.nord@kai.example`, name: "Niklas Nordleitung", roles: [{ role: "centre_manager", centre: "nord" }] });
  const westManager = await createUser(db, { email: `${prefix}.leitung.west@kai.example`, name: "Wanda Westleitung", roles: [{ role: "centre_manager", centre: "west" }] });
  const reporter = await createUser(db, { email: `${prefix}.it.buxtehude@kai.example`, name: "Ida IT-Buxtehude", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
  const municipality = await getMunicipalityByName(db, "Buxtehude");
  const [ewos] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, "EWOS"));
  return { adviser, manager, westManager, reporter, municipality, ewosId: ewos.id };
}

export async function fileTestTicket(
  people: Awaited<ReturnType<typeof ticketPeople>>,
  opts: { priority: TicketPriority; now: Date; title?: string; procedureId?: number | null },
) {
  return fileTicket({
    municipalityId: people.municipality.id,
    procedureId: opts.procedureId === undefined ? people.ewosId : opts.procedureId,
    moduleId: null,
    type: "stoerung",
    priority: opts.priority,
    title: opts.title ?? "Meldewesen startet nicht",
    description: "Seit heute früh kommt beim Start eine Fehlermeldung.",
    reporter: { id: people.reporter.id, name: people.reporter.name, email: people.reporter.email },
    filedById: people.reporter.id,
    channel: "portal",
    now: opts.now,
  });
}
