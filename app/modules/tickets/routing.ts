/**
 * Ticket routing (issue 7 items 4 and 5): a pure function, inputs in, decision and reasons out.
 * No database, no clock: the caller loads the inputs and passes "today" (the Europe/Berlin date).
 *
 * Rules, in this order:
 * 1. A procedure handed to the partner data centre (KAI-PERSOS on LOGA) goes there by email.
 * 2. A framework-contract product goes to the product's contact, else to the queue of the
 *    municipality's centre manager.
 * 3. Otherwise the municipality's centre (or the centre its override names, or the adviser it
 *    names): among its advisers competent for the procedure and present today, the lowest load
 *    weighted by priority wins; a tie goes to the one who waited longest for a ticket, then by id.
 * 4. No one there: the competent, present advisers of all other centres, by the same rule.
 * 5. No one anywhere: the queue of the municipality's centre manager.
 */

import { TICKET_PRIORITIES, type TicketPriority } from "./priorities";

/**
 * Weight of one open ticket in an adviser's load. One kritisch ticket (4) outweighs one normal
 * ticket (2) and equals two; a niedrig ticket counts half of a normal one.
 */
export const PRIORITY_WEIGHTS: Readonly<Record<TicketPriority, number>> = { kritisch: 4, hoch: 3, normal: 2, niedrig: 1 };

/** A calendar date, `YYYY-MM-DD` (Europe/Berlin), as a `date` column gives it in string mode. */
export type IsoDate = string;

/** An absence (vacation, illness, training day) from `from` to `to`, both days included. */
export type Absence = { from: IsoDate; to: IsoDate };

/** A row of `centres`: id is the slug (nord, mitte, west, sued), name the short name ("West"). */
export type RoutingCentre = { id: string; name: string; sortOrder: number };

/** The procedure of the ticket, a row of `procedures` (kind `core` or `framework`). */
export type RoutingProcedure = { id: number; code: string; name: string; kind: "core" | "framework" };

export type RoutingTicket = {
  municipalityId: number;
  /** `municipalities.centre_id` of the ticket's municipality. */
  centreId: string;
  /** The core procedure or the framework-contract product; null when a mail named none (item 3). */
  procedure: RoutingProcedure | null;
  /** `procedure_modules.id`, only for core procedures; used by module-specific overrides. */
  moduleId?: number | null;
  priority: TicketPriority;
};

export type RoutingAdviser = {
  /** `users.id` */
  id: string;
  name: string;
  /** The centres of the person's `adviser` roles (`user_roles.centre_id`); usually one. */
  centreIds: readonly string[];
  /** `adviser_competences.procedure_id` */
  procedureIds: readonly number[];
  absences: readonly Absence[];
  /** Open tickets assigned to the adviser, counted per priority (a `group by priority`). */
  openTickets: Readonly<Partial<Record<TicketPriority, number>>>;
  /** When the adviser was last assigned a ticket (round-robin state); null = never. */
  lastAssignedAt: Date | null;
};

/** A person holding `centre_manager` for a centre: told about the centre's queue. */
export type RoutingCentreManager = { userId: string; centreId: string };

/**
 * Set by admins per centre: the centre sends a procedure (or one of its modules) to a named
 * adviser or to another centre. A module-specific override wins over one for the whole procedure.
 */
export type CentreOverride = {
  centreId: string;
  procedureId: number;
  moduleId?: number | null;
  target: { kind: "adviser"; adviserId: string } | { kind: "centre"; centreId: string };
};

/** The person configured as contact for a framework-contract product. */
export type ProductContact = { procedureId: number; userId: string; name: string; absences: readonly Absence[] };

/** The partner data centre that supports some procedures itself (KRZ Minden-Ravensberg/Lippe). */
export type PartnerDataCentre = {
  name: string;
  /** The external support address that receives the ticket by email. Empty = not configured. */
  supportAddress: string;
  /** Procedure codes handed over; KAI-PERSOS runs on LOGA, so `["PERSOS"]`. */
  procedureCodes: readonly string[];
};

export type RoutingConfig = {
  overrides: readonly CentreOverride[];
  partner: PartnerDataCentre | null;
  productContacts: readonly ProductContact[];
};

export type RoutingInput = {
  ticket: RoutingTicket;
  centres: readonly RoutingCentre[];
  advisers: readonly RoutingAdviser[];
  centreManagers: readonly RoutingCentreManager[];
  config: RoutingConfig;
  today: IsoDate;
  /** People who must not get the ticket (item 5: the absent adviser whose tickets are re-routed). */
  excludeUserIds?: readonly string[];
};

/** Short German reason codes; the ticket shows the summary, the codes are for filters and tests. */
export type RoutingReason =
  | "partner-uebergabe"
  | "partner-nicht-eingerichtet"
  | "rahmenvertrag"
  | "ansprechperson"
  | "keine-ansprechperson"
  | "ansprechperson-abwesend"
  | "kein-verfahren"
  | "zentrum-der-kommune"
  | "vorgabe-betreuung"
  | "vorgegebene-betreuung-abwesend"
  | "vorgabe-zentrum"
  | "zustaendig-anwesend"
  | "zentrum-nicht-besetzt"
  | "anderes-zentrum"
  | "geringste-auslastung"
  | "gleichstand-reihum"
  | "keine-betreuung-anwesend"
  | "warteschlange-geschaeftsfuehrung";

type Explained = { reasons: RoutingReason[]; summary: string };

export type RoutingDecision =
  | ({ kind: "adviser"; centreId: string; adviserId: string; adviserName: string } & Explained)
  | ({ kind: "centre_queue"; centreId: string; managerIds: string[] } & Explained)
  | ({ kind: "partner_handoff"; centreId: string; partnerName: string; address: string } & Explained)
  | ({ kind: "product_contact"; centreId: string; contactId: string; contactName: string } & Explained);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Present today: no absence covers `today` (an absence ending yesterday or starting tomorrow does not). */
export function isPresent(absences: readonly Absence[], today: IsoDate): boolean {
  return !absences.some((a) => a.from <= today && today <= a.to);
}

/** The adviser's load: open tickets weighted by priority (PRIORITY_WEIGHTS). */
export function weightedLoad(openTickets: RoutingAdviser["openTickets"]): number {
  let load = 0;
  for (const p of TICKET_PRIORITIES) load += (openTickets[p] ?? 0) * PRIORITY_WEIGHTS[p];
  return load;
}

export function routeTicket(input: RoutingInput): RoutingDecision {
  if (!ISO_DATE.test(input.today)) throw new RangeError(`today must be YYYY-MM-DD, got "${input.today}"`);
  const { ticket, config } = input;
  const home = centreLabel(input, ticket.centreId);
  const excluded = new Set(input.excludeUserIds ?? []);
  const queue = (reasons: RoutingReason[], parts: string[]): RoutingDecision => ({
    kind: "centre_queue",
    centreId: ticket.centreId,
    managerIds: input.centreManagers.filter((m) => m.centreId === ticket.centreId).map((m) => m.userId),
    reasons: [...reasons, "warteschlange-geschaeftsfuehrung"],
    summary: [...parts, "Warteschlange der Geschäftsführung"].join(" · "),
  });

  const procedure = ticket.procedure;
  if (!procedure) return queue(["zentrum-der-kommune", "kein-verfahren"], [home, "ohne Verfahren"]);

  if (config.partner?.procedureCodes.includes(procedure.code)) {
    const partnerParts = [`KAI-${procedure.code}`];
    if (!config.partner.supportAddress) {
      return queue(["partner-nicht-eingerichtet"], [...partnerParts, "Partner-Rechenzentrum nicht eingerichtet", home]);
    }
    return {
      kind: "partner_handoff",
      centreId: ticket.centreId,
      partnerName: config.partner.name,
      address: config.partner.supportAddress,
      reasons: ["partner-uebergabe"],
      summary: [...partnerParts, "Übergabe an das Partner-Rechenzentrum"].join(" · "),
    };
  }

  if (procedure.kind === "framework") {
    const product = `Rahmenvertrag ${procedure.name}`;
    const contact = config.productContacts.find((c) => c.procedureId === procedure.id);
    if (!contact) return queue(["rahmenvertrag", "keine-ansprechperson"], [product, "keine Ansprechperson", home]);
    if (excluded.has(contact.userId) || !isPresent(contact.absences, input.today)) {
      return queue(["rahmenvertrag", "ansprechperson-abwesend"], [product, `Ansprechperson ${contact.name} abwesend`, home]);
    }
    return {
      kind: "product_contact",
      centreId: ticket.centreId,
      contactId: contact.userId,
      contactName: contact.name,
      reasons: ["rahmenvertrag", "ansprechperson"],
      summary: [product, `Ansprechperson ${contact.name}`].join(" · "),
    };
  }

  const reasons: RoutingReason[] = ["zentrum-der-kommune"];
  const parts: string[] = [];
  const available = (a: RoutingAdviser) => !excluded.has(a.id) && isPresent(a.absences, input.today);

  const override = findOverride(config.overrides, ticket.centreId, procedure.id, ticket.moduleId ?? null);
  let primaryCentreId = ticket.centreId;
  if (override?.target.kind === "adviser") {
    const targetId = override.target.adviserId;
    const named = input.advisers.find((a) => a.id === targetId);
    if (named && available(named)) {
      return {
        kind: "adviser",
        centreId: centreOf(input, named, ticket.centreId),
        adviserId: named.id,
        adviserName: named.name,
        reasons: [...reasons, "vorgabe-betreuung"],
        summary: [home, procedure.code, `Vorgabe des Zentrums: ${named.name}`].join(" · "),
      };
    }
    reasons.push("vorgegebene-betreuung-abwesend");
    // An adviser who is no longer active (or no adviser any more) is not among the inputs.
    parts.push(named ? `vorgegebene Betreuung ${named.name} abwesend` : "vorgegebene Betreuung nicht verfügbar");
  } else if (override?.target.kind === "centre" && override.target.centreId !== ticket.centreId) {
    primaryCentreId = override.target.centreId;
    reasons.push("vorgabe-zentrum");
    parts.push(`Vorgabe ${home}`);
  }

  const competent = input.advisers.filter((a) => a.procedureIds.includes(procedure.id) && available(a));
  const primary = competent.filter((a) => a.centreIds.includes(primaryCentreId));
  const primaryLabel = centreLabel(input, primaryCentreId);
  let pool = primary;
  if (primary.length === 0) {
    pool = competent;
    reasons.push("zentrum-nicht-besetzt");
    parts.push(`${primaryLabel} nicht besetzt`);
    if (pool.length === 0) {
      return queue([...reasons, "keine-betreuung-anwesend"], [home, "keine zuständige Betreuung anwesend"]);
    }
    reasons.push("anderes-zentrum");
  }
  reasons.push("zustaendig-anwesend");

  const { chosen, tie } = leastLoaded(pool);
  const chosenCentreId = centreOf(input, chosen, primaryCentreId);
  reasons.push(tie ? "gleichstand-reihum" : "geringste-auslastung");
  return {
    kind: "adviser",
    centreId: chosenCentreId,
    adviserId: chosen.id,
    adviserName: chosen.name,
    reasons,
    summary: [...parts, centreLabel(input, chosenCentreId), procedure.code, tie ? "Gleichstand, reihum" : "geringste Auslastung"].join(" · "),
  };
}

export type OpenTicketOfAbsentAdviser = { ticketId: number } & RoutingTicket;
export type ReroutingProposal = { ticketId: number; decision: RoutingDecision };

/**
 * Item 5: the proposals for an absent adviser's open tickets, each the routing function's choice
 * with that adviser excluded. The proposals are made one after another, the most urgent first, and
 * each one counts in the next: the receiving adviser's load rises by the ticket's weight and they
 * go to the back of the round-robin, so ten open tickets are not all proposed to one person.
 * The result keeps the order of `tickets`.
 */
export function proposeRerouting(
  args: Omit<RoutingInput, "ticket" | "excludeUserIds"> & {
    absentAdviserId: string;
    tickets: readonly OpenTicketOfAbsentAdviser[];
  },
): ReroutingProposal[] {
  const { absentAdviserId, tickets, ...rest } = args;
  let advisers = rest.advisers;
  let lastStamp = Math.max(0, ...advisers.map((a) => a.lastAssignedAt?.getTime() ?? 0));
  const urgentFirst = tickets
    .map((t, index) => ({ t, index }))
    .sort((x, y) => PRIORITY_WEIGHTS[y.t.priority] - PRIORITY_WEIGHTS[x.t.priority] || x.index - y.index);
  const proposals = new Array<ReroutingProposal>(tickets.length);
  for (const { t, index } of urgentFirst) {
    const { ticketId, ...ticket } = t;
    const decision = routeTicket({ ...rest, advisers, ticket, excludeUserIds: [absentAdviserId] });
    proposals[index] = { ticketId, decision };
    if (decision.kind === "adviser") {
      lastStamp += 1;
      const stamp = new Date(lastStamp);
      advisers = advisers.map((a) =>
        a.id === decision.adviserId
          ? { ...a, lastAssignedAt: stamp, openTickets: { ...a.openTickets, [t.priority]: (a.openTickets[t.priority] ?? 0) + 1 } }
          : a,
      );
    }
  }
  return proposals;
}

function findOverride(overrides: readonly CentreOverride[], centreId: string, procedureId: number, moduleId: number | null) {
  const forProcedure = overrides.filter((o) => o.centreId === centreId && o.procedureId === procedureId);
  return (moduleId !== null && forProcedure.find((o) => o.moduleId === moduleId)) || forProcedure.find((o) => o.moduleId == null);
}

/** Lowest weighted load; a tie goes to who waited longest (never assigned first), then the lower id. */
function leastLoaded(pool: readonly RoutingAdviser[]): { chosen: RoutingAdviser; tie: boolean } {
  const ranked = pool
    .map((a) => ({ a, load: weightedLoad(a.openTickets), waited: a.lastAssignedAt?.getTime() ?? -Infinity }))
    .sort((x, y) => x.load - y.load || x.waited - y.waited || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  return { chosen: ranked[0].a, tie: ranked.length > 1 && ranked[1].load === ranked[0].load };
}

function centreLabel(input: Pick<RoutingInput, "centres">, centreId: string) {
  return `Zentrum ${input.centres.find((c) => c.id === centreId)?.name ?? centreId}`;
}

/** The centre the decision names: `preferred` when the adviser belongs to it, else their first in the centres' order. */
function centreOf(input: Pick<RoutingInput, "centres">, adviser: RoutingAdviser, preferred: string) {
  if (adviser.centreIds.includes(preferred)) return preferred;
  const ordered = [...input.centres].sort((x, y) => x.sortOrder - y.sortOrder);
  return ordered.find((c) => adviser.centreIds.includes(c.id))?.id ?? preferred;
}
