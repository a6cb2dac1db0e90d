import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { formatEuro } from "~/modules/members/levy";
import * as centreEdit from "~/routes/admin.zentren.$id";
import * as centreList from "~/routes/admin.zentren._index";
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
import * as home from "~/routes/_index";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest } from "../http";
import { renderRoute } from "../render";

const getDb = useTestDatabase();

/** What a reader sees: without soft hyphens (U+00AD) and the <wbr> break points in addresses. */
function visible(html: string) {
  return html.replace(/\u00AD/g, "").replace(/<wbr\/>/g, "").replace(/<\/?span>/g, "");
}

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

  it("issue 5 item 3: takes the number the German way, with thousands dots or spaces", async () => {
    for (const input of ["12.500", "12 500", "12\u00a0500", "12\u202f500", "12500"]) {
      const res = await call(conditions.loader, makeRequest(`/konditionen?einwohner=${encodeURIComponent(input)}`));
      expect(res.status, input).toBe(200);
      expect(res.data.result, input).toMatchObject({ inhabitants: 12_500, yearlyLevyCents: 1_875_000, joiningFeeCents: 625_000 });
    }
  });

  it("shows the empty calculator without errors when nothing was entered yet", async () => {
    const res = await call(conditions.loader, makeRequest("/konditionen"));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ lastResult: null, result: null });
  });

  it("D16: invalid input answers 400 with a German message and no result", async () => {
    const cases: [string, string][] = [
      ["abc", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["", "Bitte geben Sie die Einwohnerzahl an."],
      ["3.5", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["12,5", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["1.23.4", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["0", "Die Einwohnerzahl muss mindestens 1 sein."],
      ["-5", "Die Einwohnerzahl muss mindestens 1 sein."],
      ["99999999", "Die Einwohnerzahl darf höchstens 10.000.000 sein."],
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
    // Long words carry soft hyphens for narrow screens (issue 5, item 2); the text is the same.
    expect(visible(persos.name)).toBe("KAI-Personalwesen (Marktprodukt LOGA 2000)");
    expect(visible(persos.supportNote)).toBe("Betreuung und Schulung für LOGA übernimmt das Partnerrechenzentrum KRZ Minden-Ravensberg/Lippe in Lemgo.");
    // The modules share the procedure's note; it is shown once, at the procedure.
    expect(persos.modules.every((m: { supportNote: string | null }) => m.supportNote === null)).toBe(true);

    expect(framework).toHaveLength(25); // the RV rows of db/seed/kai-procedures.csv
    const oracle = framework.find((p: { name: string }) => p.name === "Oracle");
    expect(visible(oracle.supportNote)).toBe("Betreuung durch den Hersteller im Rahmen des Rahmenvertrags.");
    expect(framework.filter((p: { supportNote: string | null }) => p.supportNote)).toHaveLength(1);
    expect(JSON.stringify(res.data)).not.toMatch(/market product|data centre|vendor support/);
  });
});

// /start (signed-in start page per role) is tested panel by panel in start-panels.test.ts.

describe("issue 5 item 8: centre contacts on / and /mitglieder", () => {
  beforeAll(async () => {
    const db = getDb().db;
    await createUser(db, { email: "leitung.sued.seiten@kai.example", name: "Susanne Südmann", phone: "05271 555-0410", roles: [{ role: "centre_manager", centre: "sued" }] });
    // No phone on file: shown without one. Deactivated: not shown at all.
    await createUser(db, { email: "leitung.west.seiten@kai.example", name: "Walter Westkamp", roles: [{ role: "centre_manager", centre: "west" }] });
    await createUser(db, { email: "leitung.alt.seiten@kai.example", name: "Otto Ehemals", phone: "05271 555-0499", active: false, roles: [{ role: "centre_manager", centre: "sued" }] });
  });

  for (const [path, Page, loader] of [
    ["/", home.default, home.loader],
    ["/mitglieder", members.default, members.loader],
  ] as const) {
    it(`${path} shows each centre's address, tel: and mailto: links and its manager`, async () => {
      const res = await call(loader as never, makeRequest(path));
      expect(res.status).toBe(200);
      const html = visible(await renderRoute(Page, path, res.data));
      expect(html).toContain("<address>Zentrum Süd<br/>Corveyer Allee 4<br/>37671 Höxter<br/>");
      expect(html).toContain('Telefon: <a href="tel:+4952715550400">05271 555-0400</a>');
      expect(html).toContain('E-Mail: <a href="mailto:zentrum.sued@kai.example">zentrum.sued@kai.example</a>');
      for (const c of ["nord", "mitte", "west"]) expect(html).toContain(`href="mailto:zentrum.${c}@kai.example"`);
      expect(html).toContain('Susanne Südmann<br/>E-Mail: <a href="mailto:leitung.sued.seiten@kai.example">leitung.sued.seiten@kai.example</a><br/>Telefon: <a href="tel:+4952715550410">05271 555-0410</a>');
      expect(html).toContain('Walter Westkamp<br/>E-Mail: <a href="mailto:leitung.west.seiten@kai.example">leitung.west.seiten@kai.example</a></address>');
      expect(html).not.toContain("Otto Ehemals");
      expect((html.match(/<address>/g) ?? []).length).toBe(4 + 2);
      expect((html.match(/<h1>/g) ?? []).length).toBe(1);
      expect(html).not.toMatch(/style=/);
      // Fictional data only.
      for (const a of html.match(/[\w.+-]+@[\w.-]+/g) ?? []) expect(a).toMatch(/@kai\.example$/);
      const json = JSON.stringify(res.data);
      expect(json).not.toContain("passwordHash");
      expect(json).not.toMatch(/"(id|userId)":"[0-9a-f-]{36}"/);
    });
  }
});

describe("legal pages", () => {
  it("H41: the accessibility statement names BITV 2.0 / WCAG 2.1 AA, axe testing, the feedback contact and arbitration", () => {
    const html = visible(render(accessibility.default));
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
    const titles = [accessibility, privacy, imprint, conditions, members, newMember, editMember, start, procedures, centreList, centreEdit].map((m) =>
      titleOf(m.meta),
    );
    for (const t of titles) expect(t).toMatch(/ – KAI-Portal$/);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
