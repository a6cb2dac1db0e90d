import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DatabaseHandle } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { auditEvents } from "#db/schema/audit";
import { centres, municipalities } from "#db/schema/members";
import { seedKaiData } from "#db/seed/kai-data";
import { formatEuro } from "~/modules/members/levy";
import { action as centreAction, loader as centreLoader } from "~/routes/admin.zentren.$id";
import { loader as centresLoader } from "~/routes/admin.zentren._index";
import { action as editAction, loader as editLoader } from "~/routes/mitglieder.$id.bearbeiten";
import MembersPage, { loader as membersLoader } from "~/routes/mitglieder._index";
import { action as newAction, loader as newLoader } from "~/routes/mitglieder.neu";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { renderRoute } from "../render";

const getDb = useTestDatabase();

/** Sums of db/seed/kai-members.csv per centre (the brochure's ~203k, ~164k, ~125k, ~141k; issue 5 item 12). */
const SEED_INHABITANTS = { nord: 202_000, mitte: 164_600, west: 126_000, sued: 140_100 };
const SEED_TOTAL = 632_700;

let adminCookie: string;
let itCookie: string;
let managerCookie: string;
let adminId: string;

beforeAll(async () => {
  const admin = await createUser(getDb().db, { email: "admin.mitglieder@kai.example", name: "Ada Admin", roles: [{ role: "admin" }] });
  const it = await createUser(getDb().db, {
    email: "it.mitglieder@kai.example",
    name: "Ivo Informatik",
    roles: [{ role: "municipal_it", municipality: "Jemgum" }],
  });
  const manager = await createUser(getDb().db, {
    email: "leitung.mitglieder@kai.example",
    name: "Lena Leitung",
    phone: "04161 555-0199",
    roles: [{ role: "centre_manager", centre: "nord" }],
  });
  adminId = admin.id;
  adminCookie = await sessionCookieFor(admin.id);
  itCookie = await sessionCookieFor(it.id);
  managerCookie = await sessionCookieFor(manager.id);
});

/** Renders /mitglieder as a visitor without JavaScript gets it. */
async function membersHtml(path: string, cookie?: string) {
  const res = await call(membersLoader, makeRequest(path, { cookie }));
  return { res, html: await renderRoute(MembersPage, path, res.data) };
}

async function auditFor(entityId: number) {
  return getDb()
    .db.select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "municipality"), eq(auditEvents.entityId, String(entityId))));
}

describe("/mitglieder (public member list)", () => {
  it("groups the 37 members by centre and reproduces the seed's inhabitants, levy and joining fee in cents", async () => {
    const res = await call(membersLoader, makeRequest("/mitglieder"));
    expect(res.status).toBe(200);
    const { centres, total, canEdit } = res.data;
    expect(canEdit).toBe(false);
    expect(centres.map((c: { id: string }) => c.id)).toEqual(["nord", "mitte", "west", "sued"]);
    for (const c of centres) {
      const expected = SEED_INHABITANTS[c.id as keyof typeof SEED_INHABITANTS];
      expect(c.inhabitants).toBe(expected);
      expect(c.yearlyLevyCents).toBe(expected * 150);
      expect(c.joiningFeeCents).toBe(expected * 50);
      expect(c.members.reduce((s: number, m: { inhabitants: number }) => s + m.inhabitants, 0)).toBe(expected);
    }
    expect(centres.map((c: { members: unknown[] }) => c.members.length)).toEqual([13, 10, 5, 9]);
    expect(total).toEqual({ members: 37, inhabitants: SEED_TOTAL, yearlyLevyCents: 94_905_000, joiningFeeCents: 31_635_000 });
    expect(formatEuro(total.yearlyLevyCents)).toBe("949.050,00\u00a0€");
  });

  it("shows each member's facts, levy and a null member-since date for the founding members", async () => {
    const res = await call(membersLoader, makeRequest("/mitglieder"));
    const west = res.data.centres.find((c: { id: string }) => c.id === "west");
    const jemgum = west.members.find((m: { name: string }) => m.name === "Jemgum");
    expect(jemgum).toMatchObject({
      kind: "Gemeinde",
      state: "Niedersachsen",
      district: "Landkreis Leer",
      inhabitants: 3700,
      memberSince: null,
      yearlyLevyCents: 555_000,
      joiningFeeCents: 185_000,
    });
  });

  it("offers the edit and add links only to admins (canEdit), and a status after saving", async () => {
    expect((await call(membersLoader, makeRequest("/mitglieder", { cookie: itCookie }))).data.canEdit).toBe(false);
    const jemgum = await getMunicipalityByName(getDb().db, "Jemgum");
    const asAdmin = await call(membersLoader, makeRequest(`/mitglieder?gespeichert=${jemgum.id}`, { cookie: adminCookie }));
    expect(asAdmin.data.canEdit).toBe(true);
    expect(asAdmin.data.done).toEqual({ memberId: jemgum.id, text: "Jemgum gespeichert. Umlage pro Jahr: 5.550,00\u00a0€." });
    // Garbage or unknown ids show no message rather than an error.
    for (const v of ["abc", "999999", "1e3", ""]) {
      const res = await call(membersLoader, makeRequest(`/mitglieder?gespeichert=${v}`));
      expect(res.status).toBe(200);
      expect(res.data.done).toBeNull();
    }
  });
});


describe("issue 5 item 12: seed data", () => {
  const handles: DatabaseHandle[] = [];
  async function freshDatabase() {
    const handle = await openPglite("memory://");
    handles.push(handle);
    await applyMigrations(handle);
    await seedKaiData(handle.db);
    return handle.db;
  }
  afterAll(async () => {
    for (const h of handles) await h.close();
  });
  async function sumsByCentre(db: DatabaseHandle["db"]) {
    const rows = await db
      .select({ centreId: municipalities.centreId, n: sql<number>`sum(${municipalities.inhabitants})::int` })
      .from(municipalities)
      .groupBy(municipalities.centreId);
    return Object.fromEntries(rows.map((r) => [r.centreId, Number(r.n)]));
  }

  it("a freshly seeded database reproduces the brochure's centres within 1 %", async () => {
    const db = await freshDatabase();
    const sums = await sumsByCentre(db);
    expect(sums).toEqual(SEED_INHABITANTS);
    expect(Object.values(sums).reduce((a, b) => a + b, 0)).toBe(SEED_TOTAL);
    const brochure = { nord: 203_000, mitte: 164_000, west: 125_000, sued: 141_000 };
    for (const [centre, approx] of Object.entries(brochure)) expect(Math.abs(sums[centre] - approx) / approx, centre).toBeLessThan(0.01);
    expect(Math.abs(SEED_TOTAL - 630_000) / 630_000).toBeLessThan(0.01);
    // A fresh database has nothing to correct and so no seed audit entries.
    expect(await db.select().from(auditEvents)).toHaveLength(0);
    const nord = (await db.select().from(centres).where(eq(centres.id, "nord")))[0];
    expect(nord).toMatchObject({ street: "Am Fleth 12", postalCode: "21614", phone: "04161 555-0100", email: "zentrum.nord@kai.example" });
  });

  it("upgrades an old database: rows still holding the old Süd value are corrected, admin edits stay, and a rerun changes nothing", async () => {
    const db = await freshDatabase();
    // What a database seeded from the previous kai-members.csv holds (values from that file).
    const old = { Höxter: 28_500, Borgentreich: 8_600, Brakel: 16_000, Marienmünster: 4_900, Nieheim: 6_000, Steinheim: 12_500, Drensteinfurt: 15_500, Ennigerloh: 19_800, Telgte: 20_000 };
    for (const [name, inhabitants] of Object.entries(old)) await db.update(municipalities).set({ inhabitants }).where(eq(municipalities.name, name));
    // An admin edited two of them since: Höxter's figure and Telgte's (back to the corrected value's neighbour).
    await db.update(municipalities).set({ inhabitants: 30_000 }).where(eq(municipalities.name, "Höxter"));
    await db.update(municipalities).set({ inhabitants: 19_999 }).where(eq(municipalities.name, "Telgte"));
    // Centre contacts: Nord never had any (old database), Mitte was edited by an admin, West was emptied by an admin.
    await db.update(centres).set({ street: null, postalCode: null, phone: null, email: null }).where(inArray(centres.id, ["nord", "west"]));
    await db.update(centres).set({ phone: "04231 555-0999", email: "mitte.neu@kai.example" }).where(eq(centres.id, "mitte"));
    await db.insert(auditEvents).values({ actorId: null, action: "centre.updated", entityType: "centre", entityId: "west", before: {}, after: {} });

    await seedKaiData(db);
    const byName = async (name: string) => (await db.select().from(municipalities).where(eq(municipalities.name, name)))[0].inhabitants;
    expect(await byName("Höxter")).toBe(30_000);
    expect(await byName("Telgte")).toBe(19_999);
    expect(await byName("Brakel")).toBe(17_300);
    expect(await byName("Drensteinfurt")).toBe(15_400);
    expect((await sumsByCentre(db)).sued).toBe(SEED_INHABITANTS.sued - 32_500 + 30_000 - 19_500 + 19_999);
    const corrections = await db.select().from(auditEvents).where(eq(auditEvents.action, "member.seed_corrected"));
    expect(corrections).toHaveLength(7);
    const brakel = await db.select().from(municipalities).where(eq(municipalities.name, "Brakel"));
    expect(corrections.find((e) => e.entityId === String(brakel[0].id))).toMatchObject({ actorId: null, before: { inhabitants: 16_000 }, after: { inhabitants: 17_300 } });

    const contact = async (id: string) => (await db.select().from(centres).where(eq(centres.id, id)))[0];
    expect(await contact("nord")).toMatchObject({ street: "Am Fleth 12", phone: "04161 555-0100", email: "zentrum.nord@kai.example" });
    expect(await contact("mitte")).toMatchObject({ phone: "04231 555-0999", email: "mitte.neu@kai.example" });
    expect(await contact("west")).toMatchObject({ street: null, postalCode: null, phone: null, email: null });

    // Idempotent: a second run corrects nothing more and writes no audit entries.
    const before = await db.select().from(municipalities).orderBy(municipalities.id);
    await seedKaiData(db);
    expect(await db.select().from(municipalities).orderBy(municipalities.id)).toEqual(before);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "member.seed_corrected"))).toHaveLength(7);
  });
});

describe("issue 5 item 12: filters and search on /mitglieder (GET form)", () => {
  type Centre = { id: string; members: { name: string }[]; memberCount: number; inhabitants: number; shown: { members: number; inhabitants: number } };
  const names = (centresList: Centre[]) => centresList.flatMap((c) => c.members.map((m) => m.name));

  it("hides the 'Mitglied seit' column while no member has a date", async () => {
    const { res, html } = await membersHtml("/mitglieder");
    expect(res.data.showMemberSince).toBe(false);
    expect(html).not.toContain("Mitglied seit");
    expect(html).not.toContain("nicht erfasst");
  });

  it("filters by centre, keeping every centre's totals and summing the shown members", async () => {
    const { res, html } = await membersHtml("/mitglieder?zentrum=sued");
    expect(res.status).toBe(200);
    expect(res.data.filter).toEqual({ zentrum: "sued" });
    expect(res.data.shown).toBe(9);
    const list: Centre[] = res.data.centres;
    expect(list.filter((c) => c.members.length > 0).map((c) => c.id)).toEqual(["sued"]);
    expect(list.map((c) => c.inhabitants)).toEqual(Object.values(SEED_INHABITANTS));
    expect(html).toContain("9 von 37 Mitgliedern");
    expect(html).toContain('<option value="sued" selected="">');
    expect(html).toContain('href="/mitglieder">Filter zurücksetzen</a>');
    expect(html).not.toContain('id="zentrum-nord"');
  });

  it("filters by state and combines filters", async () => {
    const sh = await call(membersLoader, makeRequest("/mitglieder?bundesland=Schleswig-Holstein"));
    expect(names(sh.data.centres)).toEqual(["Wedel"]);
    const both = await call(membersLoader, makeRequest("/mitglieder?zentrum=nord&bundesland=Niedersachsen&q=bux"));
    expect(names(both.data.centres)).toEqual(["Buxtehude"]);
    expect(both.data.centres[0].shown).toMatchObject({ members: 1, inhabitants: 40_500 });
  });

  it("searches names case-insensitively, with ue for ü", async () => {
    expect(names((await call(membersLoader, makeRequest("/mitglieder?q=HOEXTER"))).data.centres)).toEqual(["Höxter"]);
    expect(names((await call(membersLoader, makeRequest(`/mitglieder?q=${encodeURIComponent("münster")}`))).data.centres)).toEqual(["Marienmünster"]);
    expect(names((await call(membersLoader, makeRequest("/mitglieder?q=%20rheine%20"))).data.centres)).toEqual(["Rheine"]);
  });

  it("shows a clear empty state with a reset link when nothing matches", async () => {
    const { res, html } = await membersHtml("/mitglieder?q=zzz-niemand&zentrum=west");
    expect(res.status).toBe(200);
    expect(res.data.shown).toBe(0);
    expect(html).toContain("0 von 37 Mitgliedern");
    expect(html).toContain("Kein Mitglied passt zu den gewählten Filtern.");
    expect(html).toContain('value="zzz-niemand"');
    expect(html).not.toContain("<section");
    expect((html.match(/<h1>/g) ?? []).length).toBe(1);
  });

  it("D16/D18: unknown centre or state and an overlong search are German errors; the bad filter is not applied", async () => {
    const { res, html } = await membersHtml("/mitglieder?zentrum=ost&bundesland=Bayern&q=" + "x".repeat(101));
    expect(res.status).toBe(400);
    expect(res.data.filter).toEqual({});
    expect(res.data.shown).toBe(37);
    expect(res.data.filterErrors.map((e: { message: string }) => e.message)).toEqual([
      "Dieses Zentrum gibt es nicht. Es wird nicht danach gefiltert.",
      "Dieses Bundesland gibt es nicht. Es wird nicht danach gefiltert.",
      "Der Suchbegriff darf höchstens 100 Zeichen lang sein.",
    ]);
    expect(html).toContain('href="#zentrum-filter"');
    // SQL-looking input is just a name that matches nothing.
    const injected = await call(membersLoader, makeRequest(`/mitglieder?q=${encodeURIComponent("' or 1=1 --")}`));
    expect(injected.status).toBe(200);
    expect(injected.data.shown).toBe(0);
  });
});

describe("issue 5 item 12: back to the saved member", () => {
  it("redirects to the member's row, which names it and its new levy and can take focus", async () => {
    const nieheim = await getMunicipalityByName(getDb().db, "Nieheim");
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${nieheim.id}/bearbeiten`, { cookie: adminCookie, form: { name: "Nieheim", inhabitants: "12500", centreId: "sued" } }),
      { id: String(nieheim.id) },
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/mitglieder?gespeichert=${nieheim.id}#mitglied-${nieheim.id}`);
    const { html } = await membersHtml(res.location!.split("#")[0], adminCookie);
    expect(html).toContain("Nieheim gespeichert. Umlage pro Jahr: 18.750,00\u00a0€.");
    // The row header names the member; for admins its edit link sits under the name (no "Aktion" column).
    expect(html).toMatch(new RegExp(`<tr id="mitglied-${nieheim.id}" tabindex="-1"[^>]*><th scope="row"[^>]*>Nieheim <a [^>]*href="/mitglieder/${nieheim.id}/bearbeiten"[^>]*>Bearbeiten<span class="visually-hidden">: Nieheim</span></a></th>`));
    expect(html).not.toContain(">Aktion</th>");
  });
});

describe("/mitglieder/:id/bearbeiten (admin)", () => {
  it("loads the member with the levy for its current inhabitants", async () => {
    const rheine = await getMunicipalityByName(getDb().db, "Rheine");
    const res = await call(editLoader, makeRequest(`/mitglieder/${rheine.id}/bearbeiten`, { cookie: adminCookie }), { id: String(rheine.id) });
    expect(res.status).toBe(200);
    expect(res.data.member).toMatchObject({ name: "Rheine", centreId: "west", inhabitants: 76_500, yearlyLevyCents: 11_475_000, joiningFeeCents: 3_825_000 });
    expect(res.data.centres).toHaveLength(4);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of ["999999", "abc", "1.5", "-1"]) {
      const loaded = await call(editLoader, makeRequest(`/mitglieder/${id}/bearbeiten`, { cookie: adminCookie }), { id });
      expect(loaded.status).toBe(404);
      const posted = await call(
        editAction,
        makeRequest(`/mitglieder/${id}/bearbeiten`, { cookie: adminCookie, form: { inhabitants: "5000", centreId: "nord" } }),
        { id },
      );
      expect(posted.status).toBe(404);
    }
  });

  it("I44/C15: changes inhabitants and centre, ignores posted id and kind, and audits before/after", async () => {
    const before = await getMunicipalityByName(getDb().db, "Uplengen");
    const other = await getMunicipalityByName(getDb().db, "Apensen");
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${before.id}/bearbeiten`, {
        cookie: adminCookie,
        form: { inhabitants: "12345", centreId: "nord", memberSince: "2024-01-01", name: "Uplengen", id: String(other.id), kind: "Landkreis" },
      }),
      { id: String(before.id) },
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/mitglieder?gespeichert=${before.id}#mitglied-${before.id}`);

    const [after] = await getDb().db.select().from(municipalities).where(eq(municipalities.id, before.id));
    expect(after).toMatchObject({ name: "Uplengen", kind: before.kind, inhabitants: 12_345, centreId: "nord", memberSince: "2024-01-01" });
    const untouched = await getMunicipalityByName(getDb().db, "Apensen");
    expect(untouched).toEqual(other);

    const events = await auditFor(before.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "member.updated",
      actorId: adminId,
      before: { inhabitants: 12_000, centreId: "west", memberSince: null },
      after: { inhabitants: 12_345, centreId: "nord", memberSince: "2024-01-01" },
      ip: "127.0.0.1",
    });

    const list = await call(membersLoader, makeRequest("/mitglieder"));
    const nord = list.data.centres.find((c: { id: string }) => c.id === "nord");
    expect(nord.inhabitants).toBe(SEED_INHABITANTS.nord + 12_345);
    expect(nord.yearlyLevyCents).toBe((SEED_INHABITANTS.nord + 12_345) * 150);
  });

  it("D16: invalid input gets German field errors and changes nothing", async () => {
    const m = await getMunicipalityByName(getDb().db, "Hesel");
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${m.id}/bearbeiten`, { cookie: adminCookie, form: { inhabitants: "viele", centreId: "ost", memberSince: "gestern" } }),
      { id: String(m.id) },
    );
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.data);
    expect(text).toContain("Die Einwohnerzahl ist keine ganze Zahl.");
    expect(text).toContain("Bitte ein Zentrum wählen.");
    expect(text).toContain("Bitte ein Datum angeben.");
    expect(await getMunicipalityByName(getDb().db, "Hesel")).toEqual(m);
    expect(await auditFor(m.id)).toHaveLength(0);
  });

  it("issue 5 item 3: “12.500” and “12 500” are stored as 12500; empty and garbage get named messages", async () => {
    const m = await getMunicipalityByName(getDb().db, "Hesel");
    for (const inhabitants of ["12.500", "12 500", "12\u00a0500"]) {
      await getDb().db.update(municipalities).set({ inhabitants: 1 }).where(eq(municipalities.id, m.id));
      const res = await call(
        editAction,
        makeRequest(`/mitglieder/${m.id}/bearbeiten`, { cookie: adminCookie, form: { name: m.name, inhabitants, centreId: m.centreId } }),
        { id: String(m.id) },
      );
      expect(res.status, inhabitants).toBe(302);
      expect((await getMunicipalityByName(getDb().db, "Hesel")).inhabitants, inhabitants).toBe(12_500);
    }
    const cases: [string, string][] = [
      ["", "Bitte geben Sie die Einwohnerzahl an."],
      ["12,5", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["1.23.4", "Die Einwohnerzahl ist keine ganze Zahl."],
      ["abc", "Die Einwohnerzahl ist keine ganze Zahl."],
    ];
    for (const [inhabitants, message] of cases) {
      const res = await call(
        editAction,
        makeRequest(`/mitglieder/${m.id}/bearbeiten`, { cookie: adminCookie, form: { name: m.name, inhabitants, centreId: m.centreId } }),
        { id: String(m.id) },
      );
      expect(res.status, inhabitants).toBe(400);
      expect(res.data.error.inhabitants, inhabitants).toEqual([message]);
    }
    expect((await getMunicipalityByName(getDb().db, "Hesel")).inhabitants).toBe(12_500);
  });

  it("C14: municipal IT gets 404 on the loader and the action, and no row changes", async () => {
    const m = await getMunicipalityByName(getDb().db, "Jemgum");
    const loaded = await call(editLoader, makeRequest(`/mitglieder/${m.id}/bearbeiten`, { cookie: itCookie }), { id: String(m.id) });
    expect(loaded.status).toBe(404);
    const posted = await call(
      editAction,
      makeRequest(`/mitglieder/${m.id}/bearbeiten`, { cookie: itCookie, form: { inhabitants: "99999", centreId: "nord" } }),
      { id: String(m.id) },
    );
    expect(posted.status).toBe(404);
    expect(await getMunicipalityByName(getDb().db, "Jemgum")).toEqual(m);
    expect(await auditFor(m.id)).toHaveLength(0);
  });

  it("sends a signed-out visitor to the sign-in page and changes nothing", async () => {
    const m = await getMunicipalityByName(getDb().db, "Jemgum");
    const posted = await call(editAction, makeRequest(`/mitglieder/${m.id}/bearbeiten`, { form: { inhabitants: "1", centreId: "nord" } }), {
      id: String(m.id),
    });
    expect(posted.status).toBe(302);
    expect(posted.location).toMatch(/^\/anmelden\?redirectTo=/);
    expect(await getMunicipalityByName(getDb().db, "Jemgum")).toEqual(m);
  });
});

describe("/mitglieder/neu (admin)", () => {
  const valid = {
    name: "Neustadt am Testbach",
    kind: "Stadt",
    state: "Niedersachsen",
    district: "Landkreis Stade",
    centreId: "nord",
    inhabitants: "8200",
    memberSince: "2026-01-01",
  };

  it("creates a member and audits it", async () => {
    expect((await call(newLoader, makeRequest("/mitglieder/neu", { cookie: adminCookie }))).data.centres).toHaveLength(4);
    const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: valid }));
    expect(res.status).toBe(302);
    const created = await getMunicipalityByName(getDb().db, valid.name);
    expect(res.location).toBe(`/mitglieder?angelegt=${created.id}#mitglied-${created.id}`);
    expect(created).toMatchObject({ centreId: "nord", inhabitants: 8200, memberSince: "2026-01-01", kind: "Stadt" });
    const events = await auditFor(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "member.created", actorId: adminId });
    const list = await call(membersLoader, makeRequest("/mitglieder"));
    expect(list.data.total.members).toBe(38);
  });

  it("issue 5 item 3: a new member's inhabitants may be typed “12.500” or “12 500”", async () => {
    for (const [i, inhabitants] of ["12.500", "12 500"].entries()) {
      const name = `Tausenderstadt ${i + 1}`;
      const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: { ...valid, name, inhabitants } }));
      expect(res.status, inhabitants).toBe(302);
      expect((await getMunicipalityByName(getDb().db, name)).inhabitants).toBe(12_500);
    }
    const empty = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: { ...valid, name: "Leerstadt", inhabitants: "" } }));
    expect(empty.data.error.inhabitants).toEqual(["Bitte geben Sie die Einwohnerzahl an."]);
  });

  it("refuses a duplicate name with a German error on the name field and no second row", async () => {
    const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: { ...valid, name: "Buxtehude" } }));
    expect(res.status).toBe(409);
    expect(res.data.error.name).toEqual(["Ein Mitglied mit diesem Namen gibt es bereits."]);
    const rows = await getDb().db.select().from(municipalities).where(eq(municipalities.name, "Buxtehude"));
    expect(rows).toHaveLength(1);
  });

  it("D16: a day that does not exist is a field error, not a server error", async () => {
    for (const memberSince of ["2024-02-30", "2023-02-29", "0000-01-01"]) {
      const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: { ...valid, name: `Falschdatum ${memberSince}`, memberSince } }));
      expect(res.status).toBe(400);
      expect(res.data.error.memberSince).toEqual(["Bitte ein gültiges Datum angeben."]);
    }
  });

  it("D16: requires every field, with German messages", async () => {
    const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form: { name: "", inhabitants: "0" } }));
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.data);
    for (const message of ["Bitte den Namen angeben.", "Bitte die Art wählen.", "Bitte das Bundesland wählen.", "Bitte den Kreis angeben.", "Die Einwohnerzahl muss mindestens 1 sein.", "Bitte das Beitrittsdatum angeben."]) {
      expect(text).toContain(message);
    }
  });

  it("C14: municipal IT gets 404 on the loader and the action, and no row is created", async () => {
    expect((await call(newLoader, makeRequest("/mitglieder/neu", { cookie: itCookie }))).status).toBe(404);
    const res = await call(newAction, makeRequest("/mitglieder/neu", { cookie: itCookie, form: { ...valid, name: "Schattenhausen" } }));
    expect(res.status).toBe(404);
    expect(await getMunicipalityByName(getDb().db, "Schattenhausen")).toBeUndefined();
  });
});

describe("issue 5 item 12: admins edit a member's name", () => {
  it("renames, audits before/after, and shows the new name in the message", async () => {
    const hesel = await getMunicipalityByName(getDb().db, "Hesel");
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${hesel.id}/bearbeiten`, {
        cookie: adminCookie,
        form: { name: "  Hesel (Ostfriesland) ", inhabitants: String(hesel.inhabitants), centreId: hesel.centreId },
      }),
      { id: String(hesel.id) },
    );
    expect(res.status).toBe(302);
    const [after] = await getDb().db.select().from(municipalities).where(eq(municipalities.id, hesel.id));
    expect(after.name).toBe("Hesel (Ostfriesland)");
    const events = await auditFor(hesel.id);
    expect(events.at(-1)).toMatchObject({ action: "member.updated", actorId: adminId, before: { name: "Hesel" }, after: { name: "Hesel (Ostfriesland)" } });
    const list = await call(membersLoader, makeRequest(`/mitglieder?gespeichert=${hesel.id}`));
    expect(list.data.done.text).toMatch(/^Hesel \(Ostfriesland\) gespeichert\. Umlage pro Jahr: /);
  });

  it("refuses a name another member has, with a German field error, no change and no audit entry", async () => {
    const jemgum = await getMunicipalityByName(getDb().db, "Jemgum");
    const auditBefore = (await auditFor(jemgum.id)).length;
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${jemgum.id}/bearbeiten`, { cookie: adminCookie, form: { name: "Buxtehude", inhabitants: "3700", centreId: "west" } }),
      { id: String(jemgum.id) },
    );
    expect(res.status).toBe(409);
    expect(res.data.error.name).toEqual(["Ein Mitglied mit diesem Namen gibt es bereits."]);
    expect(await getMunicipalityByName(getDb().db, "Jemgum")).toEqual(jemgum);
    expect(await auditFor(jemgum.id)).toHaveLength(auditBefore);
  });

  it("D16: an empty or overlong name is a German field error", async () => {
    const jemgum = await getMunicipalityByName(getDb().db, "Jemgum");
    for (const [name, message] of [
      ["", "Bitte den Namen angeben."],
      [" x ", "Bitte den Namen angeben."],
      ["y".repeat(121), "Höchstens 120 Zeichen."],
    ]) {
      const res = await call(
        editAction,
        makeRequest(`/mitglieder/${jemgum.id}/bearbeiten`, { cookie: adminCookie, form: { name, inhabitants: "3700", centreId: "west" } }),
        { id: String(jemgum.id) },
      );
      expect(res.status).toBe(400);
      expect(res.data.error.name).toEqual([message]);
    }
    expect(await getMunicipalityByName(getDb().db, "Jemgum")).toEqual(jemgum);
  });

  it("shows the 'Mitglied seit' column once a member has a date", async () => {
    // Earlier tests in this file gave Uplengen and the new member a date.
    const { res, html } = await membersHtml("/mitglieder");
    expect(res.data.showMemberSince).toBe(true);
    expect(html).toMatch(/<th scope="col"[^>]*>Mitglied seit<\/th>/);
    expect(html).toContain("01.01.2024");
    expect(html).toContain("nicht erfasst");
  });
});

describe("issue 5 item 8: /admin/zentren (centre contacts, admin)", () => {
  const valid = { street: "Neue Straße 1", postalCode: "21614", city: "Buxtehude", phone: "+49 4161 555-0101", email: "Zentrum.Nord.Neu@kai.example" };
  const centreRow = async (id: string) => (await getDb().db.select().from(centres).where(eq(centres.id, id)))[0];
  const centreAudit = (id: string) =>
    getDb().db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "centre"), eq(auditEvents.entityId, id)));

  it("lists the four centres with their contacts and managers", async () => {
    const res = await call(centresLoader, makeRequest("/admin/zentren", { cookie: adminCookie }));
    expect(res.status).toBe(200);
    expect(res.data.centres.map((c: { id: string }) => c.id)).toEqual(["nord", "mitte", "west", "sued"]);
    expect(res.data.centres[0]).toMatchObject({
      address: "Am Fleth 12, 21614 Buxtehude",
      phone: "04161 555-0100",
      email: "zentrum.nord@kai.example",
      managers: ["Lena Leitung"],
    });
    const form = await call(centreLoader, makeRequest("/admin/zentren/sued", { cookie: adminCookie }), { id: "sued" });
    expect(form.data.centre).toMatchObject({ id: "sued", city: "Höxter", postalCode: "37671", email: "zentrum.sued@kai.example" });
  });

  it("I44: saves the contact data, audits before/after and says so", async () => {
    const before = await centreRow("nord");
    const res = await call(centreAction, makeRequest("/admin/zentren/nord", { cookie: adminCookie, form: valid }), { id: "nord" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/admin/zentren?gespeichert=nord");
    expect(await centreRow("nord")).toMatchObject({ ...valid, email: "zentrum.nord.neu@kai.example", name: "Nord", sortOrder: 1 });
    const [event] = await centreAudit("nord");
    expect(event).toMatchObject({
      action: "centre.updated",
      actorId: adminId,
      before: { street: before.street, phone: before.phone, email: before.email },
      after: { street: "Neue Straße 1", phone: "+49 4161 555-0101", email: "zentrum.nord.neu@kai.example" },
    });
    const list = await call(centresLoader, makeRequest("/admin/zentren?gespeichert=nord", { cookie: adminCookie }));
    expect(list.data.saved).toBe("Die Kontaktdaten des Zentrums Nord sind gespeichert.");
    // The public page shows the new contact data.
    const page = await call(membersLoader, makeRequest("/mitglieder"));
    expect(page.data.centres[0]).toMatchObject({ phone: "+49 4161 555-0101", email: "zentrum.nord.neu@kai.example" });
  });

  it("empty optional fields are stored as not given; the city stays required", async () => {
    const res = await call(centreAction, makeRequest("/admin/zentren/mitte", { cookie: adminCookie, form: { street: "", postalCode: "", city: "Verden", phone: "", email: "" } }), {
      id: "mitte",
    });
    expect(res.status).toBe(302);
    expect(await centreRow("mitte")).toMatchObject({ street: null, postalCode: null, phone: null, email: null, city: "Verden" });
  });

  it("D16: bad postal code, phone, email or a missing city are German field errors and change nothing", async () => {
    const before = await centreRow("west");
    const auditBefore = (await centreAudit("west")).length;
    const res = await call(
      centreAction,
      makeRequest("/admin/zentren/west", { cookie: adminCookie, form: { street: "Emsuferstraße 31", postalCode: "4843", city: "", phone: "05971 call me", email: "zentrum@" } }),
      { id: "west" },
    );
    expect(res.status).toBe(400);
    expect(res.data.error).toMatchObject({
      postalCode: ["Bitte eine fünfstellige Postleitzahl angeben."],
      city: ["Bitte den Ort angeben."],
      phone: ["Bitte eine Telefonnummer aus Ziffern angeben (erlaubt sind auch Leerzeichen, +, /, - und Klammern)."],
      email: ["Bitte eine gültige E-Mail-Adresse angeben."],
    });
    const long = await call(centreAction, makeRequest("/admin/zentren/west", { cookie: adminCookie, form: { ...valid, street: "s".repeat(121), postalCode: "ABCDE" } }), {
      id: "west",
    });
    expect(long.data.error).toMatchObject({ street: ["Höchstens 120 Zeichen."], postalCode: ["Bitte eine fünfstellige Postleitzahl angeben."] });
    expect(await centreRow("west")).toEqual(before);
    expect(await centreAudit("west")).toHaveLength(auditBefore);
  });

  it("C14: municipal IT and a centre manager get 404 on the list, the form and the action, and no row changes", async () => {
    const before = await centreRow("west");
    for (const cookie of [itCookie, managerCookie]) {
      expect((await call(centresLoader, makeRequest("/admin/zentren", { cookie }))).status).toBe(404);
      expect((await call(centreLoader, makeRequest("/admin/zentren/west", { cookie }), { id: "west" })).status).toBe(404);
      expect((await call(centreAction, makeRequest("/admin/zentren/west", { cookie, form: valid }), { id: "west" })).status).toBe(404);
    }
    const anonymous = await call(centreAction, makeRequest("/admin/zentren/west", { form: valid }), { id: "west" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden\?redirectTo=/);
    expect(await centreRow("west")).toEqual(before);
    expect(await centreAudit("west")).toHaveLength(0);
  });

  it("answers 404 for a centre that does not exist", async () => {
    for (const id of ["ost", "NORD", "1", ""]) {
      expect((await call(centreLoader, makeRequest(`/admin/zentren/${id}`, { cookie: adminCookie }), { id })).status).toBe(404);
      expect((await call(centreAction, makeRequest(`/admin/zentren/${id}`, { cookie: adminCookie, form: valid }), { id })).status).toBe(404);
    }
  });
});
