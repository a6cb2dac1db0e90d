import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { adviserCompetences, sessions, userRoles, userTokens, users } from "#db/schema/auth";
import { outboxEmails } from "#db/schema/mail";
import { procedures } from "#db/schema/procedures";
import { login, LOGIN_FAILED_MESSAGE } from "~/modules/auth/account.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { createFeedToken } from "~/modules/calendar/feed-token.server";
import { action as personAction, loader as personLoader } from "~/routes/admin.personen.$id";
import { loader as peopleLoader } from "~/routes/admin.personen._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/admin.personen.einladen";
import { action as acceptAction, loader as acceptLoader } from "~/routes/einladung.$token";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();
const db = () => getDb().db;
const PASSWORD = "Test-Passwort-2026";
const NEW = "Mein erstes Portal-Passwort";

let admin: { id: string; email: string };
let adminCookie: string;
let outsiderCookie: string;

beforeAll(async () => {
  admin = await createUser(db(), { email: "people.admin@kai.example", name: "Adele Admin", roles: [{ role: "admin" }] });
  adminCookie = await sessionCookieFor(admin.id);
  // A centre manager: powerful elsewhere, but no admin (ACCEPTANCE C14).
  const outsider = await createUser(db(), { email: "people.manager@kai.example", name: "Manfred Manager", roles: [{ role: "centre_manager", centre: "nord" }] });
  outsiderCookie = await sessionCookieFor(outsider.id);
});

const invite = (form: Record<string, string>, cookie = adminCookie) => call(inviteAction, makeRequest("/admin/personen/einladen", { cookie, form }));
const personPost = (id: string, form: Record<string, string | string[]>, cookie = adminCookie) =>
  call(personAction, makeRequest(`/admin/personen/${id}`, { cookie, form }), { id });
const personPage = (id: string, cookie = adminCookie) => call(personLoader, makeRequest(`/admin/personen/${id}`, { cookie }), { id });
const peoplePage = (query = "", cookie = adminCookie) => call(peopleLoader, makeRequest(`/admin/personen${query}`, { cookie }));

async function byEmail(email: string) {
  const [row] = await db().select().from(users).where(eq(users.email, email));
  return row;
}
async function rolesOf(userId: string) {
  return db().select().from(userRoles).where(eq(userRoles.userId, userId));
}
async function outboxFor(address: string) {
  return db().select().from(outboxEmails).where(eq(outboxEmails.toAddress, address));
}
async function auditFor(userId: string, action: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, action)));
}
async function procedureId(code: string) {
  const [row] = await db().select({ id: procedures.id }).from(procedures).where(eq(procedures.code, code));
  return row.id;
}
const isSignedIn = async (cookie: string) => (await getCurrentUser(makeRequest("/", { cookie }))) !== null;

describe("invitation (issue 2 item 8, ACCEPTANCE A9, B11)", () => {
  it("creates the account without a password, its role, and mails a single-use link valid 7 days", async () => {
    const res = await invite({ name: "Ines Eingeladen", email: "Ines.Neu@kai.example", role: "adviser", centreId: "west" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/admin/personen?eingeladen=1");

    const user = await byEmail("ines.neu@kai.example");
    expect(user).toMatchObject({ name: "Ines Eingeladen", passwordHash: null, active: true });
    expect(await rolesOf(user.id)).toEqual([expect.objectContaining({ role: "adviser", centreId: "west", workingGroup: null, municipalityId: null })]);
    const [mail] = await outboxFor(user.email);
    expect(mail.template).toBe("invitation");
    const token = mail.text.match(/\/einladung\/([a-z2-7]{32})/)![1];
    const [link] = await db().select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(link).toMatchObject({ purpose: "invite", tokenHash: hashToken(token), usedAt: null });
    expect(Math.abs(link.expiresAt.getTime() - (Date.now() + 7 * 24 * 60 * 60 * 1000))).toBeLessThan(60_000);
    expect(await auditFor(user.id, "user.invited")).toHaveLength(1);

    const list = await peoplePage("?eingeladen=1&q=ines.neu");
    expect(list.data.invited).toBe(true);
    expect(list.data.people).toEqual([
      { id: user.id, name: "Ines Eingeladen", email: user.email, roles: ["Betreuung, Zentrum West"], status: "Einladung offen" },
    ]);

    // B11: opening the link does not use it.
    for (let i = 0; i < 2; i++) {
      const page = await call(acceptLoader, makeRequest(`/einladung/${token}`), { token });
      expect(page.status).toBe(200);
      expect(page.data).toEqual({ valid: true, name: "Ines Eingeladen", email: user.email });
    }
    const accept = (pw: string) => call(acceptAction, makeRequest(`/einladung/${token}`, { form: { password: pw, confirm: pw } }), { token });
    const short = await accept("zu kurz");
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.data)).toContain("mindestens 12 Zeichen");
    const done = await accept(NEW);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/anmelden?passwort-gesetzt=1");
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
    expect(await auditFor(user.id, "auth.invitation_accepted")).toHaveLength(1);

    const twice = await accept("Ein anderes Passwort 2026");
    expect(twice.status).toBe(410);
    expect(JSON.stringify(twice.data)).toContain("ungültig, abgelaufen oder wurde bereits verwendet");
    expect((await call(acceptLoader, makeRequest(`/einladung/${token}`), { token })).status).toBe(410);
    expect((await peoplePage("?q=ines.neu")).data.people[0].status).toBe("aktiv");
  });

  it("A9: an address that already has an account gets the same answer and an 'account-exists' mail", async () => {
    const existing = await createUser(db(), { email: "schon.da@kai.example", name: "Sven Schonda", roles: [{ role: "trainer" }] });
    const fresh = await invite({ name: "Frida Frisch", email: "frida.frisch@kai.example", role: "editor" });
    const again = await invite({ name: "Irgendwer", email: "Schon.Da@kai.example", role: "admin" });
    expect(again.status).toBe(fresh.status);
    expect(again.location).toBe(fresh.location);
    expect(again.data).toEqual(fresh.data);
    const mails = await outboxFor(existing.email);
    expect(mails.map((m) => m.template)).toEqual(["account-exists"]);
    expect(mails[0].text).not.toMatch(/\/einladung\//);
    // Nothing about the existing account changed: no admin role, no link, same name.
    expect((await rolesOf(existing.id)).map((r) => r.role)).toEqual(["trainer"]);
    expect(await db().select().from(userTokens).where(eq(userTokens.userId, existing.id))).toHaveLength(0);
    expect((await byEmail(existing.email)).name).toBe("Sven Schonda");
  });

  it("inviting a deactivated person tells the admin to reactivate first, and creates no link", async () => {
    const off = await createUser(db(), { email: "ruht@kai.example", name: "Ruth Ruhend", password: null, active: false });
    const res = await invite({ name: "Ruth Ruhend", email: "ruht@kai.example", role: "editor" });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain("Diese Person ist deaktiviert");
    expect(await db().select().from(userTokens).where(eq(userTokens.userId, off.id))).toHaveLength(0);
    expect(await outboxFor(off.email)).toHaveLength(0);
  });

  it("D16: a role without its scope, or an unknown one, is a German field error and creates nobody", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ role: "adviser" }, "Für diese Rolle bitte ein Zentrum wählen."],
      [{ role: "wg_chair" }, "Für diese Rolle bitte einen Facharbeitskreis wählen."],
      [{ role: "municipal_it" }, "Für diese Rolle bitte eine Kommune wählen."],
      [{ role: "municipal_it", municipalityId: "999999" }, "Bitte eine Kommune aus der Liste wählen."],
      [{ role: "superuser" }, "Bitte eine Rolle wählen."],
      [{ role: "adviser", centreId: "mond" }, "Bitte ein Zentrum aus der Liste wählen."],
    ];
    for (const [extra, message] of cases) {
      const res = await invite({ name: "Fehl Versuch", email: "fehl.versuch@kai.example", ...extra });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.data)).toContain(message);
    }
    expect(await byEmail("fehl.versuch@kai.example")).toBeUndefined();
    expect(await outboxFor("fehl.versuch@kai.example")).toHaveLength(0);
  });

  it("the invite form offers centres, municipalities and nothing private", async () => {
    const page = await call(inviteLoader, makeRequest("/admin/personen/einladen", { cookie: adminCookie }));
    expect(page.status).toBe(200);
    expect(page.data.centres.map((c: { id: string }) => c.id).sort()).toEqual(["mitte", "nord", "sued", "west"]);
    expect(page.data.municipalities).toHaveLength(37);
  });
});

describe("admin only (ACCEPTANCE C14)", () => {
  async function snapshot() {
    const tables = [users, userRoles, userTokens, adviserCompetences, outboxEmails, auditEvents, sessions] as const;
    return Promise.all(tables.map(async (t) => (await db().select({ n: count() }).from(t))[0].n));
  }

  it("a non-admin gets 404 from every admin loader and every action intent, and no row changes", async () => {
    const target = await createUser(db(), { email: "c14.target@kai.example", name: "Tina Target", roles: [{ role: "adviser", centre: "nord" }] });
    const [role] = await rolesOf(target.id);
    const before = await snapshot();
    const loaders = [
      await peoplePage("", outsiderCookie),
      await peoplePage("?q=admin", outsiderCookie),
      await call(inviteLoader, makeRequest("/admin/personen/einladen", { cookie: outsiderCookie })),
      await personPage(target.id, outsiderCookie),
      await personPage(admin.id, outsiderCookie),
    ];
    for (const res of loaders) expect(res.status).toBe(404);
    const actions = [
      await invite({ name: "Eve Einbruch", email: "eve@kai.example", role: "admin" }, outsiderCookie),
      await personPost(target.id, { intent: "add-role", role: "admin" }, outsiderCookie),
      await personPost(target.id, { intent: "remove-role", roleId: String(role.id) }, outsiderCookie),
      await personPost(target.id, { intent: "set-competences", procedureIds: [String(await procedureId("EWOS"))] }, outsiderCookie),
      await personPost(admin.id, { intent: "set-active", active: "false" }, outsiderCookie),
      await personPost(target.id, { intent: "gibt-es-nicht" }, outsiderCookie),
    ];
    for (const res of actions) expect(res.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect(await isSignedIn(adminCookie)).toBe(true);
  });

  it("anonymous visitors are sent to sign in", async () => {
    const res = await peoplePage("", "");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/anmelden?redirectTo=%2Fadmin%2Fpersonen");
  });

  it("an unknown or malformed person id is a 404, for the page and every intent", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "-".repeat(36), "abc", "' or 1=1 --"]) {
      expect((await personPage(id)).status).toBe(404);
      expect((await personPost(id, { intent: "add-role", role: "trainer" })).status).toBe(404);
      expect((await personPost(id, { intent: "set-active", active: "false" })).status).toBe(404);
      expect((await personPost(id, { intent: "set-competences", procedureIds: [] })).status).toBe(404);
      expect((await personPost(id, { intent: "remove-role", roleId: "1" })).status).toBe(404);
    }
  });
});

describe("deactivation (issue 2 item 8, ACCEPTANCE I44)", () => {
  it("ends the person's sessions at once, stops sign-in and open links, and is audited; reactivation restores sign-in", async () => {
    const target = await createUser(db(), { email: "deact.target@kai.example", name: "Detlef Deaktiv", password: PASSWORD, roles: [{ role: "trainer" }] });
    const cookie = await sessionCookieFor(target.id);
    const second = await sessionCookieFor(target.id);
    expect(await isSignedIn(cookie)).toBe(true);
    const link = "abcdefghijklmnopqrstuvwxyz234567";
    await db().insert(userTokens).values({ tokenHash: hashToken(link), userId: target.id, purpose: "reset", expiresAt: new Date(Date.now() + 3_600_000) });

    const res = await personPost(target.id, { intent: "set-active", active: "false" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/admin/personen/${target.id}?erledigt=deaktiviert`);
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    expect(await db().select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect(await login({ email: target.email, password: PASSWORD })).toMatchObject({ ok: false, message: LOGIN_FAILED_MESSAGE });
    const [event] = await auditFor(target.id, "user.deactivated");
    expect(event).toMatchObject({ actorId: admin.id, before: { active: true }, after: { active: false } });
    expect((await peoplePage("?q=deact.target")).data.people[0].status).toBe("deaktiviert");
    const page = await personPage(target.id);
    expect(page.data.person.active).toBe(false);

    const back = await personPost(target.id, { intent: "set-active", active: "true" });
    expect(back.location).toBe(`/admin/personen/${target.id}?erledigt=aktiviert`);
    expect((await login({ email: target.email, password: PASSWORD })).ok).toBe(true);
    expect(await auditFor(target.id, "user.activated")).toHaveLength(1);
    // The reset link from before the deactivation stays dead.
    const [token] = await db().select().from(userTokens).where(eq(userTokens.tokenHash, hashToken(link)));
    expect(token.usedAt).not.toBeNull();
  });

  it("an admin cannot deactivate themself", async () => {
    const res = await personPost(admin.id, { intent: "set-active", active: "false" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("Sie können sich nicht selbst deaktivieren.");
    expect((await byEmail(admin.email)).active).toBe(true);
    expect(await isSignedIn(adminCookie)).toBe(true);
  });
});

describe("roles and competences (issue 2 item 8, ACCEPTANCE I44)", () => {
  it("adds and removes roles with German errors and audit events; competences follow the adviser role", async () => {
    const target = await createUser(db(), { email: "roles.target@kai.example", name: "Rolf Rollen", roles: [{ role: "trainer" }] });
    expect((await personPost(target.id, { intent: "add-role", role: "adviser", centreId: "mitte" })).location).toBe(
      `/admin/personen/${target.id}?erledigt=rolle-hinzugefuegt`,
    );
    const duplicate = await personPost(target.id, { intent: "add-role", role: "adviser", centreId: "mitte" });
    expect(duplicate.status).toBe(409);
    expect(JSON.stringify(duplicate.data)).toContain("Diese Rolle hat die Person bereits.");
    const missing = await personPost(target.id, { intent: "add-role", role: "municipal_it" });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.data)).toContain("Für diese Rolle bitte eine Kommune wählen.");
    expect((await rolesOf(target.id)).map((r) => r.role).sort()).toEqual(["adviser", "trainer"]);
    expect(await auditFor(target.id, "user.role_added")).toHaveLength(1);

    const ewos = await procedureId("EWOS");
    const persos = await procedureId("PERSOS");
    const saved = await personPost(target.id, { intent: "set-competences", procedureIds: [String(persos), String(ewos)] });
    expect(saved.location).toBe(`/admin/personen/${target.id}?erledigt=kompetenzen`);
    const page = await personPage(target.id);
    expect(page.data.isAdviser).toBe(true);
    expect(page.data.competences.sort()).toEqual([ewos, persos].sort());
    expect(page.data.procedures.map((p: { code: string }) => p.code)).toEqual(["EWOS", "FINAS", "PERSOS"]);
    expect(page.data.roles.map((r: { label: string }) => r.label).sort()).toEqual(["Betreuung, Zentrum Mitte", "Schulung"]);
    expect((await personPost(target.id, { intent: "set-competences", procedureIds: ["999999"] })).status).toBe(400);
    expect(await db().select().from(adviserCompetences).where(eq(adviserCompetences.userId, target.id))).toHaveLength(2);

    const adviser = (await rolesOf(target.id)).find((r) => r.role === "adviser")!;
    expect((await personPost(target.id, { intent: "remove-role", roleId: String(adviser.id) })).location).toBe(
      `/admin/personen/${target.id}?erledigt=rolle-entfernt`,
    );
    expect((await rolesOf(target.id)).map((r) => r.role)).toEqual(["trainer"]);
    expect(await db().select().from(adviserCompetences).where(eq(adviserCompetences.userId, target.id))).toHaveLength(0);
    expect(await auditFor(target.id, "user.role_removed")).toHaveLength(1);
    expect(await auditFor(target.id, "user.competences_set")).toHaveLength(1);
    // Without the adviser role there is nothing to be competent for.
    const notAdviser = await personPost(target.id, { intent: "set-competences", procedureIds: [String(ewos)] });
    expect(notAdviser.status).toBe(400);
    expect(JSON.stringify(notAdviser.data)).toContain("nur für Personen mit der Rolle Betreuung");
    expect(await db().select().from(adviserCompetences).where(eq(adviserCompetences.userId, target.id))).toHaveLength(0);
  });

  it("C14: a role id of another person is a 404 and removes nothing", async () => {
    const owner = await createUser(db(), { email: "roles.owner@kai.example", name: "Olga Owner", roles: [{ role: "editor" }] });
    const other = await createUser(db(), { email: "roles.other@kai.example", name: "Otto Other", roles: [{ role: "trainer" }] });
    const [role] = await rolesOf(owner.id);
    expect((await personPost(other.id, { intent: "remove-role", roleId: String(role.id) })).status).toBe(404);
    expect(await rolesOf(owner.id)).toHaveLength(1);
  });

  it("an admin cannot take away their own admin role", async () => {
    const [own] = (await rolesOf(admin.id)).filter((r) => r.role === "admin");
    const res = await personPost(admin.id, { intent: "remove-role", roleId: String(own.id) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("Administrationsrolle nicht selbst entziehen");
    expect((await rolesOf(admin.id)).map((r) => r.role)).toContain("admin");
  });
});

describe("people list and detail data (ACCEPTANCE C15, D18)", () => {
  it("C15: loader data never holds password hashes, token hashes or session ids", async () => {
    const target = await createUser(db(), { email: "c15.target@kai.example", name: "Carla Cfuenfzehn", password: PASSWORD, roles: [{ role: "editor" }] });
    await createFeedToken(target.id);
    await sessionCookieFor(target.id);
    await invite({ name: "Paul Pending", email: "c15.pending@kai.example", role: "trainer" });
    const secrets = [
      ...(await db().select({ h: users.calendarFeedTokenHash }).from(users)).map((r) => r.h).filter((h): h is string => h !== null),
      ...(await db().select({ h: userTokens.tokenHash }).from(userTokens)).map((r) => r.h),
      ...(await db().select({ id: sessions.id }).from(sessions)).map((r) => r.id),
    ];
    expect(secrets.length).toBeGreaterThan(3);
    const pages = [await peoplePage(), await peoplePage("?q=c15"), await personPage(target.id), await personPage((await byEmail("c15.pending@kai.example")).id)];
    for (const page of pages) {
      expect(page.status).toBe(200);
      const json = JSON.stringify(page.data);
      expect(json).not.toContain("$argon2");
      expect(json).not.toMatch(/passwordHash|calendarFeedTokenHash|tokenHash/);
      for (const secret of secrets) expect(json).not.toContain(secret);
    }
  });

  it("search matches name or email; LIKE wildcards and backslashes are plain text (D18)", async () => {
    await createUser(db(), { email: "suche.findbar@kai.example", name: "Susi Findbar" });
    expect((await peoplePage("?q=findbar")).data.people.map((p: { name: string }) => p.name)).toEqual(["Susi Findbar"]);
    expect((await peoplePage("?q=SUSI")).data.people).toHaveLength(1);
    expect((await peoplePage(`?q=${encodeURIComponent("%")}`)).data.people).toHaveLength(0);
    expect((await peoplePage(`?q=${encodeURIComponent("_")}`)).data.people).toHaveLength(0);
    await createUser(db(), { email: "suche.backslash@kai.example", name: "Bea Back\\slash 100%" });
    expect((await peoplePage(`?q=${encodeURIComponent("k\\s")}`)).data.people.map((p: { name: string }) => p.name)).toEqual(["Bea Back\\slash 100%"]);
    expect((await peoplePage(`?q=${encodeURIComponent("100%")}`)).data.people).toHaveLength(1);
    const long = await peoplePage(`?q=${encodeURIComponent(`${"a".repeat(99)}\\`)}`);
    expect(long.status).toBe(200);
    expect(long.data.people).toHaveLength(0);
    expect((await peoplePage()).data.people.length).toBeGreaterThan(3);
  });
});
