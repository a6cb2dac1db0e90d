import { describe, expect, it } from "vitest";
import {
  isPresent,
  proposeRerouting,
  routeTicket,
  weightedLoad,
  type RoutingAdviser,
  type RoutingConfig,
  type RoutingInput,
  type RoutingProcedure,
  type RoutingTicket,
} from "./routing";

const CENTRES = [
  { id: "nord", name: "Nord", sortOrder: 1 },
  { id: "mitte", name: "Mitte", sortOrder: 2 },
  { id: "west", name: "West", sortOrder: 3 },
  { id: "sued", name: "Süd", sortOrder: 4 },
];
const EWOS: RoutingProcedure = { id: 1, code: "EWOS", name: "KAI-Einwohnerwesen", kind: "core" };
const FINAS: RoutingProcedure = { id: 2, code: "FINAS", name: "KAI-Finanzwesen", kind: "core" };
const PERSOS: RoutingProcedure = { id: 3, code: "PERSOS", name: "KAI-Personalwesen (Marktprodukt LOGA 2000)", kind: "core" };
const PROKIT: RoutingProcedure = { id: 20, code: "RV-KINDERTAGESSTAETTENVERWALTUNG-PROKIT", name: "Kindertagesstättenverwaltung PROKIT", kind: "framework" };
const TODAY = "2026-12-01";

function adviser(id: string, over: Partial<RoutingAdviser> = {}): RoutingAdviser {
  return {
    id,
    name: `Betreuung ${id}`,
    centreIds: ["west"],
    procedureIds: [EWOS.id],
    absences: [],
    openTickets: {},
    lastAssignedAt: new Date("2026-11-30T09:00:00Z"),
    ...over,
  };
}

const NO_CONFIG: RoutingConfig = { overrides: [], partner: null, productContacts: [] };
const PARTNER = { name: "KRZ Minden-Ravensberg/Lippe", supportAddress: "loga-support@krz.example", procedureCodes: ["PERSOS"] };

function input(advisers: RoutingAdviser[], ticket: Partial<RoutingTicket> = {}, config: Partial<RoutingConfig> = {}): RoutingInput {
  return {
    ticket: { municipalityId: 7, centreId: "west", procedure: EWOS, moduleId: null, priority: "normal", ...ticket },
    centres: CENTRES,
    advisers,
    centreManagers: [
      { userId: "gf-west", centreId: "west" },
      { userId: "gf-nord", centreId: "nord" },
    ],
    config: { ...NO_CONFIG, partner: PARTNER, ...config },
    today: TODAY,
  };
}

describe("routing: the municipality's centre (issue 7 item 4)", () => {
  it("gives the ticket to the competent, present adviser of the centre with the lowest load", () => {
    const decision = routeTicket(
      input([
        adviser("a", { openTickets: { normal: 3 } }),
        adviser("b", { openTickets: { normal: 1 } }),
        adviser("c", { centreIds: ["nord"], openTickets: {} }),
        adviser("d", { procedureIds: [FINAS.id], openTickets: {} }),
      ]),
    );
    expect(decision).toEqual({
      kind: "adviser",
      centreId: "west",
      adviserId: "b",
      adviserName: "Betreuung b",
      reasons: ["zentrum-der-kommune", "zustaendig-anwesend", "geringste-auslastung"],
      summary: "Zentrum West · EWOS · geringste Auslastung",
    });
  });

  it("weights the load by priority: one kritisch ticket outweighs one normal ticket", () => {
    expect(weightedLoad({ kritisch: 1, hoch: 1, normal: 1, niedrig: 1 })).toBe(10);
    const decision = routeTicket(input([adviser("a", { openTickets: { kritisch: 1 } }), adviser("b", { openTickets: { normal: 1 } })]));
    expect(decision).toMatchObject({ kind: "adviser", adviserId: "b", summary: "Zentrum West · EWOS · geringste Auslastung" });
    // Two niedrig (2) weigh less than one hoch (3), however many tickets that is.
    const byWeight = routeTicket(input([adviser("a", { openTickets: { hoch: 1 } }), adviser("b", { openTickets: { niedrig: 2 } })]));
    expect(byWeight).toMatchObject({ adviserId: "b" });
  });

  it("breaks a tie round-robin: who waited longest, never assigned first, then by id", () => {
    const tied = [
      adviser("c", { openTickets: { normal: 1 }, lastAssignedAt: new Date("2026-11-30T10:00:00Z") }),
      adviser("a", { openTickets: { normal: 1 }, lastAssignedAt: new Date("2026-11-30T08:00:00Z") }),
      adviser("b", { openTickets: { niedrig: 2 }, lastAssignedAt: new Date("2026-11-29T08:00:00Z") }),
    ];
    const decision = routeTicket(input(tied));
    expect(decision).toMatchObject({
      kind: "adviser",
      adviserId: "b",
      reasons: ["zentrum-der-kommune", "zustaendig-anwesend", "gleichstand-reihum"],
      summary: "Zentrum West · EWOS · Gleichstand, reihum",
    });

    const never = routeTicket(input([...tied, adviser("z", { openTickets: { normal: 1 }, lastAssignedAt: null })]));
    expect(never).toMatchObject({ adviserId: "z" });

    const sameMoment = [adviser("y"), adviser("x"), adviser("w", { centreIds: ["nord"] })];
    for (const order of [sameMoment, [...sameMoment].reverse()]) {
      expect(routeTicket(input(order))).toMatchObject({ adviserId: "x", summary: "Zentrum West · EWOS · Gleichstand, reihum" });
    }
  });

  it("counts absences by day: one starting today or spanning today keeps the adviser out, one that ended yesterday does not", () => {
    expect(isPresent([{ from: "2026-12-01", to: "2026-12-05" }], TODAY)).toBe(false);
    expect(isPresent([{ from: "2026-11-20", to: "2026-12-10" }], TODAY)).toBe(false);
    expect(isPresent([{ from: "2026-12-01", to: "2026-12-01" }], TODAY)).toBe(false);
    expect(isPresent([{ from: "2026-11-25", to: "2026-11-30" }], TODAY)).toBe(true);
    expect(isPresent([{ from: "2026-12-02", to: "2026-12-04" }], TODAY)).toBe(true);

    const advisers = [
      adviser("starts-today", { absences: [{ from: "2026-12-01", to: "2026-12-05" }] }),
      adviser("spans-today", { absences: [{ from: "2026-11-20", to: "2026-12-10" }] }),
      adviser("ended-yesterday", { openTickets: { kritisch: 3 }, absences: [{ from: "2026-11-25", to: "2026-11-30" }] }),
    ];
    expect(routeTicket(input(advisers))).toMatchObject({ kind: "adviser", adviserId: "ended-yesterday" });
  });

  it("refuses a 'today' that is not a date", () => {
    expect(() => routeTicket({ ...input([adviser("a")]), today: "1.12.2026" })).toThrow(RangeError);
  });
});

describe("routing: fallbacks (issue 7 item 4)", () => {
  it("uses the competent, present advisers of the other centres when none is in the centre", () => {
    const decision = routeTicket(
      input(
        [
          adviser("nord-absent", { centreIds: ["nord"], absences: [{ from: TODAY, to: TODAY }] }),
          adviser("nord-finas", { centreIds: ["nord"], procedureIds: [FINAS.id] }),
          adviser("mitte", { centreIds: ["mitte"], openTickets: { normal: 1 } }),
          adviser("sued", { centreIds: ["sued"], openTickets: { hoch: 1 } }),
        ],
        { centreId: "nord" },
      ),
    );
    expect(decision).toEqual({
      kind: "adviser",
      centreId: "mitte",
      adviserId: "mitte",
      adviserName: "Betreuung mitte",
      reasons: ["zentrum-der-kommune", "zentrum-nicht-besetzt", "anderes-zentrum", "zustaendig-anwesend", "geringste-auslastung"],
      summary: "Zentrum Nord nicht besetzt · Zentrum Mitte · EWOS · geringste Auslastung",
    });
  });

  it("names the adviser's centre: the ticket's when they hold several, else the first in the centres' order", () => {
    const twoCentres = adviser("two", { centreIds: ["sued", "mitte"] });
    expect(routeTicket(input([twoCentres]))).toMatchObject({
      centreId: "mitte",
      summary: "Zentrum West nicht besetzt · Zentrum Mitte · EWOS · geringste Auslastung",
    });
    expect(routeTicket(input([twoCentres], { centreId: "sued" }))).toMatchObject({ centreId: "sued", summary: "Zentrum Süd · EWOS · geringste Auslastung" });
  });

  it("falls back to the queue of the municipality's centre manager when no one anywhere is competent and present", () => {
    const decision = routeTicket(
      input([
        adviser("away", { absences: [{ from: "2026-11-30", to: "2026-12-02" }] }),
        adviser("finas", { procedureIds: [FINAS.id] }),
        adviser("nord-away", { centreIds: ["nord"], absences: [{ from: TODAY, to: "2026-12-24" }] }),
      ]),
    );
    expect(decision).toEqual({
      kind: "centre_queue",
      centreId: "west",
      managerIds: ["gf-west"],
      reasons: ["zentrum-der-kommune", "zentrum-nicht-besetzt", "keine-betreuung-anwesend", "warteschlange-geschaeftsfuehrung"],
      summary: "Zentrum West · keine zuständige Betreuung anwesend · Warteschlange der Geschäftsführung",
    });
  });

  it("sends a ticket without a procedure (a mail that named none) to the centre's queue", () => {
    expect(routeTicket(input([adviser("a")], { procedure: null }))).toMatchObject({
      kind: "centre_queue",
      centreId: "west",
      summary: "Zentrum West · ohne Verfahren · Warteschlange der Geschäftsführung",
    });
  });
});

describe("routing: per-centre overrides (issue 7 item 4)", () => {
  const advisers = [
    adviser("a", { openTickets: {} }),
    adviser("named", { name: "Erika Beispiel", procedureIds: [], openTickets: { kritisch: 5 } }),
    adviser("mitte-1", { centreIds: ["mitte"], openTickets: { normal: 2 } }),
    adviser("mitte-2", { centreIds: ["mitte"], openTickets: { normal: 1 } }),
  ];
  const toNamed = [{ centreId: "west", procedureId: EWOS.id, target: { kind: "adviser" as const, adviserId: "named" } }];

  it("sends the procedure to the adviser the centre named, whatever their load", () => {
    const decision = routeTicket(
      input(advisers, {}, { overrides: toNamed }),
    );
    expect(decision).toEqual({
      kind: "adviser",
      centreId: "west",
      adviserId: "named",
      adviserName: "Erika Beispiel",
      reasons: ["zentrum-der-kommune", "vorgabe-betreuung"],
      summary: "Zentrum West · EWOS · Vorgabe des Zentrums: Erika Beispiel",
    });
  });

  it("routes as usual when the named adviser is absent", () => {
    const away = advisers.map((a) => (a.id === "named" ? { ...a, absences: [{ from: TODAY, to: TODAY }] } : a));
    const decision = routeTicket(
      input(away, {}, { overrides: toNamed }),
    );
    expect(decision).toMatchObject({
      kind: "adviser",
      adviserId: "a",
      reasons: ["zentrum-der-kommune", "vorgegebene-betreuung-abwesend", "zustaendig-anwesend", "geringste-auslastung"],
      summary: "vorgegebene Betreuung Erika Beispiel abwesend · Zentrum West · EWOS · geringste Auslastung",
    });
  });

  it("sends the procedure to another centre, and only for the centre that set it", () => {
    const overrides = [{ centreId: "west", procedureId: EWOS.id, target: { kind: "centre" as const, centreId: "mitte" } }];
    expect(routeTicket(input(advisers, {}, { overrides }))).toMatchObject({
      kind: "adviser",
      centreId: "mitte",
      adviserId: "mitte-2",
      reasons: ["zentrum-der-kommune", "vorgabe-zentrum", "zustaendig-anwesend", "geringste-auslastung"],
      summary: "Vorgabe Zentrum West · Zentrum Mitte · EWOS · geringste Auslastung",
    });
    expect(routeTicket(input(advisers, { centreId: "mitte" }, { overrides }))).toMatchObject({
      centreId: "mitte",
      adviserId: "mitte-2",
      summary: "Zentrum Mitte · EWOS · geringste Auslastung",
    });
  });

  it("routes as usual when the named adviser is no longer among the advisers", () => {
    const gone = advisers.filter((a) => a.id !== "named");
    expect(routeTicket(input(gone, {}, { overrides: toNamed }))).toMatchObject({
      adviserId: "a",
      summary: "vorgegebene Betreuung nicht verfügbar · Zentrum West · EWOS · geringste Auslastung",
    });
  });

  it("falls back to all other centres, the municipality's own included, when the centre the override names is not staffed", () => {
    const overrides = [{ centreId: "west", procedureId: EWOS.id, target: { kind: "centre" as const, centreId: "nord" } }];
    expect(routeTicket(input(advisers, {}, { overrides }))).toMatchObject({
      centreId: "west",
      adviserId: "a",
      reasons: ["zentrum-der-kommune", "vorgabe-zentrum", "zentrum-nicht-besetzt", "anderes-zentrum", "zustaendig-anwesend", "geringste-auslastung"],
      summary: "Vorgabe Zentrum West · Zentrum Nord nicht besetzt · Zentrum West · EWOS · geringste Auslastung",
    });
  });

  it("prefers an override for the ticket's module to one for the whole procedure", () => {
    const overrides = [
      { centreId: "west", procedureId: EWOS.id, target: { kind: "centre" as const, centreId: "mitte" } },
      { centreId: "west", procedureId: EWOS.id, moduleId: 4, target: { kind: "adviser" as const, adviserId: "named" } },
    ];
    expect(routeTicket(input(advisers, { moduleId: 4 }, { overrides }))).toMatchObject({ adviserId: "named" });
    expect(routeTicket(input(advisers, { moduleId: 5 }, { overrides }))).toMatchObject({ adviserId: "mitte-2" });
  });
});

describe("routing: partner data centre and framework contracts (issue 7 item 4)", () => {
  it("hands KAI-PERSOS (LOGA) tickets to the partner data centre and records the address", () => {
    expect(routeTicket(input([adviser("a", { procedureIds: [PERSOS.id] })], { procedure: PERSOS }))).toEqual({
      kind: "partner_handoff",
      centreId: "west",
      partnerName: "KRZ Minden-Ravensberg/Lippe",
      address: "loga-support@krz.example",
      reasons: ["partner-uebergabe"],
      summary: "KAI-PERSOS · Übergabe an das Partner-Rechenzentrum",
    });
  });

  it("puts a PERSOS ticket in the centre manager's queue when no partner address is configured", () => {
    const decision = routeTicket(input([adviser("a")], { procedure: PERSOS }, { partner: { ...PARTNER, supportAddress: "" } }));
    expect(decision).toMatchObject({
      kind: "centre_queue",
      centreId: "west",
      reasons: ["partner-nicht-eingerichtet", "warteschlange-geschaeftsfuehrung"],
      summary: "KAI-PERSOS · Partner-Rechenzentrum nicht eingerichtet · Zentrum West · Warteschlange der Geschäftsführung",
    });
  });

  const contact = { procedureId: PROKIT.id, userId: "contact", name: "Max Muster", absences: [] };

  it("gives a framework-contract product to its configured contact", () => {
    expect(routeTicket(input([adviser("a", { procedureIds: [PROKIT.id] })], { procedure: PROKIT }, { productContacts: [contact] }))).toEqual({
      kind: "product_contact",
      centreId: "west",
      contactId: "contact",
      contactName: "Max Muster",
      reasons: ["rahmenvertrag", "ansprechperson"],
      summary: "Rahmenvertrag Kindertagesstättenverwaltung PROKIT · Ansprechperson Max Muster",
    });
  });

  it("puts a framework-contract product without a contact in the queue of the municipality's centre manager", () => {
    expect(routeTicket(input([adviser("a", { procedureIds: [PROKIT.id] })], { procedure: PROKIT, centreId: "nord" }))).toEqual({
      kind: "centre_queue",
      centreId: "nord",
      managerIds: ["gf-nord"],
      reasons: ["rahmenvertrag", "keine-ansprechperson", "warteschlange-geschaeftsfuehrung"],
      summary: "Rahmenvertrag Kindertagesstättenverwaltung PROKIT · keine Ansprechperson · Zentrum Nord · Warteschlange der Geschäftsführung",
    });
  });

  it("puts it in the queue when the contact is absent today", () => {
    const away = { ...contact, absences: [{ from: "2026-11-30", to: TODAY }] };
    expect(routeTicket(input([], { procedure: PROKIT }, { productContacts: [away] }))).toMatchObject({
      kind: "centre_queue",
      reasons: ["rahmenvertrag", "ansprechperson-abwesend", "warteschlange-geschaeftsfuehrung"],
      summary: "Rahmenvertrag Kindertagesstättenverwaltung PROKIT · Ansprechperson Max Muster abwesend · Zentrum West · Warteschlange der Geschäftsführung",
    });
  });
});

describe("re-routing an absent adviser's open tickets (issue 7 item 5)", () => {
  const absent = adviser("absent", { absences: [{ from: TODAY, to: "2026-12-12" }], openTickets: { normal: 3 } });

  it("proposes the routing function's choice with the absent adviser excluded, spreading the load", () => {
    const others = [absent, adviser("b", { openTickets: { normal: 1 } }), adviser("a", { openTickets: { normal: 2 } })];
    const base = input(others);
    const proposals = proposeRerouting({
      ...base,
      absentAdviserId: "absent",
      tickets: [
        { ticketId: 11, ...base.ticket, priority: "normal" },
        { ticketId: 12, ...base.ticket, priority: "kritisch" },
        { ticketId: 13, ...base.ticket, priority: "niedrig" },
      ],
    });
    // Kritisch first: 12 to b (load 2 → 6); then normal 11 to a (4 → 6); then niedrig 13: a tie at 6,
    // and b waited longer (a got 11 after b got 12), though a comes first by id.
    expect(proposals.map((p) => [p.ticketId, p.decision.kind === "adviser" ? p.decision.adviserId : p.decision.kind])).toEqual([
      [11, "a"],
      [12, "b"],
      [13, "b"],
    ]);
    expect(proposals.every((p) => p.decision.kind !== "adviser" || p.decision.adviserId !== "absent")).toBe(true);
  });

  it("excludes the adviser even when the absence is not recorded yet, and when they are the override's or product's named person", () => {
    const present = { ...absent, absences: [] };
    const base = input([present], {}, {
      overrides: [{ centreId: "west", procedureId: EWOS.id, target: { kind: "adviser", adviserId: "absent" } }],
      productContacts: [{ procedureId: PROKIT.id, userId: "absent", name: "Betreuung absent", absences: [] }],
    });
    const proposals = proposeRerouting({
      ...base,
      absentAdviserId: "absent",
      tickets: [
        { ticketId: 21, ...base.ticket },
        { ticketId: 22, ...base.ticket, procedure: PROKIT },
      ],
    });
    expect(proposals).toEqual([
      {
        ticketId: 21,
        decision: expect.objectContaining({ kind: "centre_queue", summary: "Zentrum West · keine zuständige Betreuung anwesend · Warteschlange der Geschäftsführung" }),
      },
      { ticketId: 22, decision: expect.objectContaining({ kind: "centre_queue", reasons: ["rahmenvertrag", "ansprechperson-abwesend", "warteschlange-geschaeftsfuehrung"] }) },
    ]);
  });
});

describe("routing: decision time (issue 7 item 18)", () => {
  it("decides one ticket among 20 advisers with a realistic load", () => {
    const centres = ["nord", "mitte", "west", "sued"];
    const advisers = Array.from({ length: 20 }, (_, i) =>
      adviser(`adviser-${String(i).padStart(2, "0")}`, {
        centreIds: [centres[i % 4]],
        procedureIds: i % 3 === 0 ? [EWOS.id, FINAS.id] : i % 3 === 1 ? [EWOS.id] : [FINAS.id],
        absences: [
          { from: "2026-07-01", to: "2026-07-21" },
          ...(i % 7 === 0 ? [{ from: "2026-11-30", to: "2026-12-04" }] : []),
        ],
        openTickets: { kritisch: i % 2, hoch: i % 4, normal: 5 + (i % 6), niedrig: i % 5 },
        lastAssignedAt: new Date(Date.UTC(2026, 10, 30, 8, i)),
      }),
    );
    const overrides = [{ centreId: "nord", procedureId: FINAS.id, target: { kind: "centre" as const, centreId: "mitte" } }];
    const routing = { ...input(advisers, {}, { overrides }) };
    const runs = 20_000;
    let last = routeTicket(routing);
    const start = performance.now();
    for (let i = 0; i < runs; i++) last = routeTicket(routing);
    const microseconds = ((performance.now() - start) * 1000) / runs;
    console.log(`routing decision, 20 advisers: ${microseconds.toFixed(1)} µs per ticket (${runs} runs)`);
    expect(last.kind).toBe("adviser");
  });
});
