import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { formatEuro } from "~/modules/members/levy";
import * as accessibility from "~/routes/barrierefreiheit";
import * as privacy from "~/routes/datenschutz";
import * as imprint from "~/routes/impressum";
import * as easyLanguage from "~/routes/leichte-sprache";
import * as conditions from "~/routes/konditionen";
import * as members from "~/routes/mitglieder._index";
import * as newMember from "~/routes/mitglieder.neu";
import * as editMember from "~/routes/mitglieder.$id.bearbeiten";
import * as start from "~/routes/start";
import * as procedures from "~/routes/verfahren";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();

function render(Component: ComponentType) {
  return renderToStaticMarkup(createElement(Component));
}

describe("/konditionen (levy calculator, GET form)", () => {
  it("computes the one-off joining fee and the yearly levy in cents", async () => {
    const res = await call(conditions.loader, makeRequest("/konditionen?einwohner=3700"));
    expect(res.status).toBe(200);
    expect(res.data.result).toEqual({ inhabitants: 3700, joiningFeeCents: 185_000, yearlyLevyCents: 555_000 });
    expect(formatEuro(res.data.result.joiningFeeCents)).toBe("1.850,00\u00a0€");
    expect(formatEuro(res.data.result.yearlyLevyCents)).toBe("5.550,00\u00a0€");
  });

  it("is exact for the largest member and odd numbers", async () => {
    const big = await call(conditions.loader, makeRequest("/konditionen?einwohner=76500"));
    expect(formatEuro(big.data.result.yearlyLevyCents)).toBe("114.750,00\u00a0€");
    const odd = await call(conditions.loader, makeRequest("/konditionen?einwohner=12345"));
    expect(odd.data.result).toMatchObject({ joiningFeeCents: 617_250, yearlyLevyCents: 1_851_750 });
  });

  it("shows the empty calculator without errors when nothing was entered yet", async () => {
    const res = await call(conditions.loader, makeRequest("/konditionen"));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ lastResult: null, result: null });
  });

  it("D16: invalid input answers 400 with a German message and no result", async () => {
    const cases: [string, string][] = [
      ["abc", "Bitte eine ganze Zahl eingeben."],
      ["", "Bitte eine ganze Zahl eingeben."],
      ["3.5", "Bitte eine ganze Zahl eingeben."],
      ["0", "Die Einwohnerzahl muss mindestens 1 sein."],
      ["-5", "Die Einwohnerzahl muss mindestens 1 sein."],
      ["99999999", "Die Einwohnerzahl ist zu groß."],
    ];
    for (const [input, message] of cases) {
      const res = await call(conditions.loader, makeRequest(`/konditionen?einwohner=${encodeURIComponent(input)}`));
      expect(res.status, input).toBe(400);
      expect(res.data.result).toBeNull();
      expect(res.data.lastResult.error.einwohner).toContain(message);
    }
  });

  it("B11: has no action (the calculator changes nothing)", () => {
    expect("action" in conditions).toBe(false);
  });
});

describe("/verfahren (procedure catalogue)", () => {
  it("lists the three core procedures with their modules and the LOGA support note in German", async () => {
    const res = await call(procedures.loader, makeRequest("/verfahren"));
    expect(res.status).toBe(200);
    const { core, framework } = res.data;
    expect(core.map((p: { code: string }) => p.code)).toEqual(["EWOS", "FINAS", "PERSOS"]);
    expect(core.map((p: { modules: unknown[] }) => p.modules.length)).toEqual([7, 5, 4]);
    const [ewos, finas, persos] = core;
    expect(ewos.supportNote).toBeNull();
    expect(finas.supportNote).toBeNull();
    expect(ewos.modules.map((m: { name: string }) => m.name)).toContain("Meldewesen");
    expect(persos.name).toBe("KAI-Personalwesen (Marktprodukt LOGA 2000)");
    expect(persos.supportNote).toBe("Betreuung und Schulung für LOGA übernimmt das Partnerrechenzentrum KRZ Minden-Ravensberg/Lippe in Lemgo.");
    // The modules share the procedure's note; it is shown once, at the procedure.
    expect(persos.modules.every((m: { supportNote: string | null }) => m.supportNote === null)).toBe(true);

    expect(framework).toHaveLength(25); // the RV rows of db/seed/kai-procedures.csv
    const oracle = framework.find((p: { name: string }) => p.name === "Oracle");
    expect(oracle.supportNote).toBe("Betreuung durch den Hersteller im Rahmen des Rahmenvertrags.");
    expect(framework.filter((p: { supportNote: string | null }) => p.supportNote)).toHaveLength(1);
    expect(JSON.stringify(res.data)).not.toMatch(/market product|data centre|vendor support/);
  });
});

describe("/start (signed-in start page per role)", () => {
  let adminCookie: string;
  let itCookie: string;
  let adviserCookie: string;
  let plainCookie: string;

  beforeAll(async () => {
    const db = getDb().db;
    const admin = await createUser(db, { email: "admin.start@kai.example", name: "Alma Admin", roles: [{ role: "admin" }] });
    const it = await createUser(db, { email: "it.start@kai.example", name: "Jana Jemgum", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
    const adviser = await createUser(db, {
      email: "betreuung.start@kai.example",
      name: "Bruno Betreuer",
      roles: [{ role: "adviser", centre: "nord" }],
      competences: ["EWOS", "FINAS"],
      municipality: "Buxtehude",
    });
    // Another adviser's competences must not leak into Bruno's page.
    await createUser(db, { email: "betreuung.west.start@kai.example", name: "Wolf West", roles: [{ role: "adviser", centre: "west" }], competences: ["PERSOS"] });
    const trainer = await createUser(db, { email: "schulung.start@kai.example", name: "Tina Trainer", roles: [{ role: "trainer" }] });
    adminCookie = await sessionCookieFor(admin.id);
    itCookie = await sessionCookieFor(it.id);
    adviserCookie = await sessionCookieFor(adviser.id);
    plainCookie = await sessionCookieFor(trainer.id);
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    const res = await call(start.loader, makeRequest("/start"));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/anmelden?redirectTo=%2Fstart");
  });

  it("admin: greets by name, names the role and offers the admin pages; no people data", async () => {
    const res = await call(start.loader, makeRequest("/start", { cookie: adminCookie }));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ name: "Alma Admin", roles: ["Administration (KAI-Gruppe)"], isAdmin: true, centres: [], competences: [], municipalities: [] });
  });

  it("municipal IT: its own municipality's facts only, no admin area", async () => {
    const res = await call(start.loader, makeRequest("/start", { cookie: itCookie }));
    expect(res.data.isAdmin).toBe(false);
    expect(res.data.roles).toEqual(["Kommunale IT, Jemgum"]);
    expect(res.data.centres).toEqual([]);
    expect(res.data.competences).toEqual([]);
    expect(res.data.municipalities).toHaveLength(1);
    expect(res.data.municipalities[0]).toMatchObject({
      name: "Jemgum",
      kind: "Gemeinde",
      district: "Landkreis Leer",
      centreName: "West",
      centreCity: "Rheine",
      inhabitants: 3700,
      memberSince: null,
      yearlyLevyCents: 555_000,
    });
  });

  it("adviser: their centre's members and their own competences only", async () => {
    const res = await call(start.loader, makeRequest("/start", { cookie: adviserCookie }));
    expect(res.data.roles).toEqual(["Betreuung, Zentrum Nord"]);
    expect(res.data.competences).toEqual([
      { code: "EWOS", name: "KAI-Einwohnerwesen" },
      { code: "FINAS", name: "KAI-Finanzwesen" },
    ]);
    expect(res.data.centres).toHaveLength(1);
    const [nord] = res.data.centres;
    expect(nord).toMatchObject({ id: "nord", name: "Nord", city: "Buxtehude", inhabitants: 202_000 });
    expect(nord.members).toHaveLength(13);
    expect(nord.members.map((m: { name: string }) => m.name)).toContain("Buxtehude");
    expect(nord.members.map((m: { name: string }) => m.name)).not.toContain("Rheine");
    expect(res.data.municipalities).toEqual([]);
  });

  it("a role without pages yet (trainer): just the role, nothing invented", async () => {
    const res = await call(start.loader, makeRequest("/start", { cookie: plainCookie }));
    expect(res.data).toEqual({ name: "Tina Trainer", roles: ["Schulung"], isAdmin: false, centres: [], competences: [], municipalities: [] });
  });

  it("C15: serialized data holds no hashes, tokens, emails or other people", async () => {
    for (const cookie of [adminCookie, itCookie, adviserCookie, plainCookie]) {
      const text = JSON.stringify((await call(start.loader, makeRequest("/start", { cookie }))).data);
      expect(text).not.toContain("passwordHash");
      expect(text).not.toContain("$argon2");
      expect(text).not.toMatch(/token/i);
      expect(text).not.toContain("@kai.example");
      expect(text).not.toContain("Wolf West");
      expect(text).not.toContain("PERSOS");
    }
  });
});

describe("legal pages", () => {
  it("H41: the accessibility statement names BITV 2.0 / WCAG 2.1 AA, axe testing, the feedback contact and arbitration", () => {
    const html = render(accessibility.default);
    expect(html).toContain("BITV\u00a02.0");
    expect(html).toContain("WCAG) 2.1");
    expect(html).toContain("axe");
    expect(html).toContain('href="mailto:barrierefreiheit@kai.example"');
    expect(html).toContain("Schlichtungsverfahren");
    // Issue 5, item 15: only what is checked, and how; what is not checked yet is said plainly.
    expect(html).toContain("teilweise vereinbar");
    expect(html).toMatch(/1280 und von 320\s+Pixeln/);
    expect(html).toContain("Tastatur");
    expect(html).toMatch(/Prüfung von Hand mit Screenreadern[^.]*hat noch nicht stattgefunden/);
    expect(html).toContain("§\u00a016 des Behindertengleichstellungsgesetzes");
    expect(html).toContain('href="/leichte-sprache"');
    expect(html).not.toMatch(/vollständig vereinbar|Barrieren sind uns\s+derzeit nicht bekannt/);
  });

  it("the privacy notice covers the session cookie, retention, the audit trail, GDPR rights and no tracking", () => {
    const html = render(privacy.default);
    expect(html).toContain("__Host-kai_session");
    expect(html).toContain("30\u00a0Tagen");
    expect(html).toContain("Änderungsprotokoll");
    for (const article of [15, 16, 17, 18, 19, 20, 21]) expect(html).toContain(`Art.\u00a0${article} DSGVO`);
    expect(html).toContain("keine Analyse- oder Tracking-Werkzeuge");
  });

  it("all legal pages use fictional @kai.example addresses only and no phone numbers", () => {
    for (const page of [accessibility, privacy, imprint, easyLanguage]) {
      const html = render(page.default);
      const addresses = html.match(/[\w.+-]+@[\w.-]+/g) ?? [];
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect(a).toMatch(/@kai\.example$/);
      expect(html).not.toMatch(/\+49|\b0\d{3,4}[ /-]?\d{3,}/);
      expect(html).not.toMatch(/style=/);
      expect((html.match(/<h1>/g) ?? []).length).toBe(1);
    }
  });
});

describe("H40: unique page titles", () => {
  it("gives every page of this area its own German title", () => {
    const titleOf = (meta: unknown) => {
      const entries = (meta as (args: unknown) => { title?: string }[])({ data: undefined, params: {}, location: {}, matches: [] });
      return entries.find((e) => e.title)?.title;
    };
    const titles = [accessibility, privacy, imprint, conditions, members, newMember, editMember, start, procedures].map((m) => titleOf(m.meta));
    for (const t of titles) expect(t).toMatch(/ – KAI-Portal$/);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
