import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { tickets, ticketStatusChanges } from "#db/schema/tickets";
import { supportDashboardCsv } from "~/modules/tickets/dashboard-csv.server";
import { loadSupportDashboard } from "~/modules/tickets/dashboard.server";
import { loader as csvLoader } from "~/routes/betreuung.auswertung[.csv]";
import { loader as pageLoader } from "~/routes/betreuung.auswertung";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

// Issue 7, item 14: the support overview. Numbers on a small seeded set, the denial matrix
// (ACCEPTANCE C14: 404), the CSV bytes and the chart in the server-rendered HTML.

const getDb = useTestDatabase();
const app = useTestServer();
const cookies: Record<"admin" | "managerWest" | "adviser" | "municipalIt" | "trainer", string> = {} as never;

/** Wednesday 18 Nov 2026, 11:00 in Berlin: the dashboard's "now" for the numbers. */
const NOW = new Date("2026-11-18T10:00:00Z");
const at = (iso: string) => new Date(iso);

let seq = 0;
type Seed = {
  centre: "west" | "nord";
  status: (typeof tickets.$inferInsert)["status"];
  procedure?: "EWOS" | "FINAS" | null;
  priority?: "niedrig" | "normal" | "hoch" | "kritisch";
  createdAt: Date;
  resolvedAt?: Date;
  closedAt?: Date;
  /** Status changes after "neu" at creation: [status, at]. */
  history?: [string, Date][];
};

beforeAll(async () => {
  const db = getDb().db;
  const make = async (email: string, name: string, roles: Parameters<typeof createUser>[1]["roles"]) => sessionCookieFor((await createUser(db, { email, name, roles })).id);
  cookies.admin = await make("admin.auswertung@kai.example", "Anna Auswertung", [{ role: "admin" }]);
  cookies.managerWest = await make("leitung.auswertung@kai.example", "Wiebke Westfeld", [{ role: "centre_manager", centre: "west" }]);
  cookies.adviser = await make("betreuung.auswertung@kai.example", "Bernd Berater", [{ role: "adviser", centre: "west" }]);
  cookies.municipalIt = await make("it.auswertung@kai.example", "Iris Informatik", [{ role: "municipal_it", municipality: "Jemgum" }]);
  cookies.trainer = await make("schulung.auswertung@kai.example", "Tina Trainer", [{ role: "trainer" }]);

  const [west] = await db.select().from(municipalities).where(inArray(municipalities.centreId, ["west"])).limit(1);
  const [nord] = await db.select().from(municipalities).where(inArray(municipalities.centreId, ["nord"])).limit(1);
  const procs = await db.select({ id: procedures.id, code: procedures.code }).from(procedures).where(inArray(procedures.code, ["EWOS", "FINAS"]));
  const procId = (code: string) => procs.find((p) => p.code === code)!.id;

  const insert = async (s: Seed) => {
    seq += 1;
    const [t] = await db
      .insert(tickets)
      .values({
        year: 2026,
        sequence: seq,
        number: `KAI-2026-${String(seq).padStart(5, "0")}`,
        municipalityId: s.centre === "west" ? west.id : nord.id,
        homeCentreId: s.centre,
        centreId: s.centre,
        procedureId: s.procedure === null ? null : procId(s.procedure ?? "EWOS"),
        type: "stoerung",
        priority: s.priority ?? "normal",
        title: `Testticket ${seq}`,
        description: "Beschreibung",
        status: s.status,
        reporterName: "Iris Informatik",
        reporterEmail: "it.auswertung@kai.example",
        routingKind: "adviser",
        routingSummary: "Test",
        replyToken: `token-${seq}`,
        createdAt: s.createdAt,
        resolvedAt: s.resolvedAt ?? null,
        closedAt: s.closedAt ?? null,
      })
      .returning({ id: tickets.id });
    await db.insert(ticketStatusChanges).values([
      { ticketId: t.id, status: "neu", at: s.createdAt },
      ...(s.history ?? []).map(([status, when]) => ({ ticketId: t.id, status, at: when })),
    ]);
  };

  // Open: West 3 (2 EWOS, 1 FINAS), Nord 1 (without procedure). The oldest open one is West's from 2025.
  await insert({ centre: "west", status: "neu", createdAt: at("2025-06-02T08:00:00Z") });
  await insert({ centre: "west", status: "in_bearbeitung", createdAt: at("2026-11-16T09:00:00Z") });
  await insert({ centre: "west", status: "rueckfrage", procedure: "FINAS", createdAt: at("2026-11-17T09:00:00Z") });
  await insert({ centre: "nord", status: "zugewiesen", procedure: null, createdAt: at("2026-11-10T09:00:00Z") });

  // Solved in November, West: one quickly (met), one after a 14-day Rückfrage with 2 h of
  // business time (met: the pause does not count), one after six weeks (breached; closed since).
  await insert({ centre: "west", status: "geloest", createdAt: at("2026-11-02T08:00:00Z"), resolvedAt: at("2026-11-03T08:00:00Z"), history: [["geloest", at("2026-11-03T08:00:00Z")]] });
  await insert({
    centre: "west",
    status: "geloest",
    createdAt: at("2026-11-02T07:00:00Z"),
    resolvedAt: at("2026-11-16T09:00:00Z"),
    history: [
      ["rueckfrage", at("2026-11-02T08:00:00Z")],
      ["in_bearbeitung", at("2026-11-16T08:00:00Z")],
      ["geloest", at("2026-11-16T09:00:00Z")],
    ],
  });
  await insert({
    centre: "west",
    status: "geschlossen",
    createdAt: at("2026-10-01T08:00:00Z"),
    resolvedAt: at("2026-11-10T08:00:00Z"),
    closedAt: at("2026-11-12T08:00:00Z"),
    history: [
      ["geloest", at("2026-11-10T08:00:00Z")],
      ["geschlossen", at("2026-11-12T08:00:00Z")],
    ],
  });
  // Nord, October: a critical one solved in 2 business hours (met).
  await insert({ centre: "nord", status: "geschlossen", priority: "kritisch", createdAt: at("2026-10-05T08:00:00Z"), resolvedAt: at("2026-10-05T10:00:00Z"), closedAt: at("2026-10-20T08:00:00Z") });
  // Solved before the six months: counts in no month (closed then, too: not in the weeks either).
  await insert({ centre: "west", status: "geschlossen", createdAt: at("2026-01-05T08:00:00Z"), resolvedAt: at("2026-01-06T08:00:00Z"), closedAt: at("2026-01-20T08:00:00Z") });
}, 120_000);

describe("support overview numbers (issue 7, item 14)", () => {
  it("open tickets per centre and per procedure, for all centres (admin scope)", async () => {
    const d = await loadSupportDashboard({ scope: { centreIds: null }, now: NOW });
    expect(d.openByCentre.map((c) => [c.centre, c.open])).toEqual([
      ["Zentrum Nord", 1],
      ["Zentrum Mitte", 0],
      ["Zentrum West", 3],
      ["Zentrum Süd", 0],
    ]);
    expect(d.openByProcedure.map((p) => [p.procedure, p.open])).toEqual([
      [expect.stringMatching(/EWOS|Einwohner/), 2],
      [expect.any(String), 1],
      [expect.any(String), 1],
    ]);
    expect(d.openByProcedure.map((p) => p.procedure)).toContain("Ohne Verfahren");
  });

  it("opened and closed per Berlin week, the last 12 weeks", async () => {
    const d = await loadSupportDashboard({ scope: { centreIds: null }, now: NOW });
    expect(d.weeks).toHaveLength(12);
    expect(d.weeks[0].week).toBe("2026-08-31");
    expect(d.weeks.at(-1)).toMatchObject({ week: "2026-11-16", label: "KW 47 (16.11.)", opened: 2, closed: 0 });
    const byWeek = Object.fromEntries(d.weeks.map((w) => [w.week, [w.opened, w.closed]]));
    expect(byWeek["2026-11-09"]).toEqual([1, 1]);
    expect(byWeek["2026-11-02"]).toEqual([2, 0]);
    expect(byWeek["2026-10-19"]).toEqual([0, 1]);
    expect(byWeek["2026-09-28"]).toEqual([1, 0]);
    expect(byWeek["2026-10-05"]).toEqual([1, 0]);
  });

  it("SLA compliance per centre and month with ticketSla: pauses in Rückfrage do not count", async () => {
    const d = await loadSupportDashboard({ scope: { centreIds: null }, now: NOW });
    expect(d.months.map((m) => m.key)).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    const west = d.sla.find((c) => c.centreId === "west")!;
    expect(west.months[5]).toEqual({ solved: 3, met: 2, share: 2 / 3 });
    expect(west.total).toEqual({ solved: 3, met: 2, share: 2 / 3 });
    const nord = d.sla.find((c) => c.centreId === "nord")!;
    expect(nord.months[4]).toEqual({ solved: 1, met: 1, share: 1 });
    expect(d.sla.find((c) => c.centreId === "sued")!.total.share).toBeNull();
  });

  it("the oldest open tickets first, and a centre manager's scope is their centre", async () => {
    const all = await loadSupportDashboard({ scope: { centreIds: null }, now: NOW });
    expect(all.oldest.map((t) => t.number)).toEqual(["KAI-2026-00001", "KAI-2026-00004", "KAI-2026-00002", "KAI-2026-00003"]);
    const west = await loadSupportDashboard({ scope: { centreIds: ["west"] }, now: NOW });
    expect(west.centres.map((c) => c.id)).toEqual(["west"]);
    expect(west.openByCentre).toEqual([{ centreId: "west", centre: "Zentrum West", open: 3 }]);
    expect(west.oldest.map((t) => t.number)).toEqual(["KAI-2026-00001", "KAI-2026-00002", "KAI-2026-00003"]);
    expect(west.sla.map((c) => c.centreId)).toEqual(["west"]);
  });
});

describe("access (ACCEPTANCE C14: 404 for everyone else)", () => {
  for (const who of ["adviser", "municipalIt", "trainer"] as const) {
    it(`${who}: 404 for the page, its data request and the CSV`, async () => {
      expect((await call(pageLoader, makeRequest("/betreuung/auswertung", { cookie: cookies[who] }))).status).toBe(404);
      expect((await call(csvLoader, makeRequest("/betreuung/auswertung.csv", { cookie: cookies[who] }))).status).toBe(404);
      const data = await app.request("/betreuung/auswertung.data", { headers: { cookie: cookies[who] } });
      expect(data.status).toBe(404);
      expect(await data.text()).not.toContain("Zentrum West");
    });
  }

  it("signed out: to the sign-in page", async () => {
    const res = await call(pageLoader, makeRequest("/betreuung/auswertung"));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/anmelden\?redirectTo=/);
  });

  it("a centre manager sees their own centre only", async () => {
    const res = await call(pageLoader, makeRequest("/betreuung/auswertung", { cookie: cookies.managerWest }));
    expect(res.status).toBe(200);
    expect(res.data.dashboard.centres.map((c: { id: string }) => c.id)).toEqual(["west"]);
    expect(JSON.stringify(res.data)).not.toContain("Zentrum Nord");
  });
});

describe("CSV export", () => {
  it("UTF-8 with BOM, semicolons, CRLF, German headers and numbers", async () => {
    const res = await app.request("/betreuung/auswertung.csv", { headers: { cookie: cookies.admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="kai-betreuung-auswertung-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Auswertung;Zentrum;Verfahren;Zeitraum;Kennzahl;Wert");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(lines).toContain("Offene Tickets je Zentrum;Zentrum West;;aktuell;Offene Tickets;3");
    expect(lines.filter((l) => l.startsWith("Tickets je Woche;")).length).toBe(24);
  });

  it("SLA shares with a decimal comma, the oldest tickets with their age (at a fixed now)", async () => {
    const lines = supportDashboardCsv(await loadSupportDashboard({ scope: { centreIds: null }, now: NOW })).slice(1).split("\r\n");
    expect(lines).toContain("SLA-Einhaltung je Zentrum und Monat;Zentrum West;;November 2026;Gelöste Tickets;3");
    expect(lines).toContain("SLA-Einhaltung je Zentrum und Monat;Zentrum West;;November 2026;Anteil im Lösungsziel (%);66,7");
    expect(lines).toContain("SLA-Einhaltung je Zentrum und Monat;Zentrum Süd;;November 2026;Anteil im Lösungsziel (%);");
    expect(lines.some((l) => l.startsWith("Älteste offene Tickets;Zentrum West;") && l.includes(";seit 02.06.2025;KAI-2026-00001 Testticket 1 (neu);534 Tage"))).toBe(true);
  });

  it("a centre manager's CSV holds their centre only", async () => {
    const res = await app.request("/betreuung/auswertung.csv", { headers: { cookie: cookies.managerWest } });
    const text = await res.text();
    expect(text).toContain("Zentrum West");
    expect(text).not.toContain("Zentrum Nord");
  });
});

describe("charts in the server-rendered HTML (no JavaScript needed)", () => {
  it("each chart is an SVG with role img, a title, a description, bars from visx and a table alternative", async () => {
    const res = await app.request("/betreuung/auswertung", { headers: { cookie: cookies.admin } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const svgs = html.match(/<svg role="img"[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const id of ["chart-offen-zentrum", "chart-offen-verfahren", "chart-wochen", "chart-sla"]) {
      expect(html).toContain(`aria-labelledby="${id}-title"`);
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(html).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
    }
    expect(html).toContain("Die meisten offenen Tickets hat Zentrum West (3).");
    expect(html).toMatch(/class="visx-bar bar-chart__bar bar-chart__bar--0"/);
    // No inline style attribute in the charts: the CSP (style-src 'self') would refuse it.
    const charts = html.slice(html.indexOf("<figure"), html.lastIndexOf("</figure>"));
    expect(charts).not.toMatch(/ style="/);
    expect(html).toContain("Offene Tickets je Zentrum als Tabelle");
    expect(html).toContain('href="/betreuung/tickets/KAI-2026-00001"');
  });
});
