import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { adviserCompetences, sessions, userRoles, userTokens, users } from "#db/schema/auth";
import { outboxEmails } from "#db/schema/mail";
import { procedures } from "#db/schema/procedures";
import { login, LOGIN_FAILED_MESSAGE } from "~/modules/auth/account.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { formatDate } from "~/format";
import { renderEmail } from "~/modules/mail/outbox.server";
import { PasswordResetEmail } from "#emails/password-reset";
import { createElement } from "react";
import { createFeedToken } from "~/modules/calendar/feed-token.server";
import { action as personAction, loader as personLoader } from "~/routes/admin.personen.$id";
import { loader as peopleLoader } from "~/routes/admin.personen._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/admin.personen.einladen";
import { action as acceptAction, loader as acceptLoader } from "~/routes/einladung.$token";
import { loader as feedLoader } from "~/routes/kalender.$feed";
import { loader as confirmLoader } from "~/routes/admin.personen.$id_.bestaetigen";
import { action as emailConfirmAction, loader as emailConfirmLoader } from "~/routes/e-mail-bestaetigen.$token";
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
const confirmPage = (id: string, query: string, cookie = adminCookie) =>
  call(confirmLoader, makeRequest(`/admin/personen/${id}/bestaetigen${query}`, { cookie }), { id });
const emailLinkPage = (token: string) => call(emailConfirmLoader, makeRequest(`/e-mail-bestaetigen/${token}`), { token });
const emailLinkPost = (token: string) => call(emailConfirmAction, makeRequest(`/e-mail-bestaetigen/${token}`, { form: {} }), { token });
const acceptPage = (token: string) => call(acceptLoader, makeRequest(`/einladung/${token}`), { token });
const tokenIn = (text: string, path: string) => text.match(new RegExp(`/${path}/([a-z2-7]{32})`))![1];

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
const isSignedIn = async (cookie: string) => (await getCurrentUser(makeRequest("/", { cookie }), {})) !== null;

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
      { id: user.id, name: "Ines Eingeladen", email: user.email, roles: ["Betreuung, Zentrum West"], status: `Einladung offen bis ${formatDate(link.expiresAt)}` },
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
      [{ role: "adviser" }, "Bitte wählen Sie das Zentrum aus."],
      [{ role: "wg_chair" }, "Bitte wählen Sie den Facharbeitskreis aus."],
      [{ role: "municipal_it" }, "Bitte wählen Sie die Kommune aus."],
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
    const pending = await createUser(db(), { email: "c14.pending@kai.example", name: "Pia Pending", password: null, roles: [{ role: "trainer" }] });
    const [role] = await rolesOf(target.id);
    const before = await snapshot();
    const loaders = [
      await peoplePage("", outsiderCookie),
      await peoplePage("?q=admin", outsiderCookie),
      await call(inviteLoader, makeRequest("/admin/personen/einladen", { cookie: outsiderCookie })),
      await personPage(target.id, outsiderCookie),
      await personPage(admin.id, outsiderCookie),
      await confirmPage(target.id, "?aktion=deaktivieren", outsiderCookie),
      await confirmPage(target.id, `?aktion=rolle-entfernen&rolle=${role.id}`, outsiderCookie),
      await confirmPage(pending.id, "?aktion=einladung-zurueckziehen", outsiderCookie),
    ];
    for (const res of loaders) expect(res.status).toBe(404);
    const actions = [
      await invite({ name: "Eve Einbruch", email: "eve@kai.example", role: "admin" }, outsiderCookie),
      await personPost(target.id, { intent: "add-role", role: "admin" }, outsiderCookie),
      await personPost(target.id, { intent: "remove-role", roleId: String(role.id) }, outsiderCookie),
      await personPost(target.id, { intent: "set-competences", procedureIds: [String(await procedureId("EWOS"))] }, outsiderCookie),
      await personPost(admin.id, { intent: "set-active", active: "false" }, outsiderCookie),
      await personPost(target.id, { intent: "gibt-es-nicht" }, outsiderCookie),
      // Issue 5 item 11: the new intents are admin-only too.
      await personPost(target.id, { intent: "edit-details", name: "Eve", email: "eve@kai.example", phone: "0" }, outsiderCookie),
      await personPost(pending.id, { intent: "resend-invitation" }, outsiderCookie),
      await personPost(pending.id, { intent: "withdraw-invitation" }, outsiderCookie),
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
      expect((await personPost(id, { intent: "edit-details", name: "Niemand Da", email: "niemand@kai.example" })).status).toBe(404);
      expect((await personPost(id, { intent: "resend-invitation" })).status).toBe(404);
      expect((await personPost(id, { intent: "withdraw-invitation" })).status).toBe(404);
      expect((await confirmPage(id, "?aktion=deaktivieren")).status).toBe(404);
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

  it("issue 6 item 5: deactivation revokes the calendar feed for good; after reactivation the old URL stays 404, a new one works", async () => {
    const target = await createUser(db(), { email: "deact.feed@kai.example", name: "Fenja Feed", password: PASSWORD });
    const old = await createFeedToken(target.id);
    const feed = (token: string) => call(feedLoader, makeRequest(`/kalender/${token}.ics`), { feed: `${token}.ics` });
    expect((await feed(old)).status).toBe(200);
    await personPost(target.id, { intent: "set-active", active: "false" });
    expect((await feed(old)).status).toBe(404);
    await personPost(target.id, { intent: "set-active", active: "true" });
    expect((await feed(old)).status).toBe(404);
    expect((await byEmail(target.email)).calendarFeedTokenHash).toBeNull();
    expect(await auditFor(target.id, "calendar.feed_revoked")).toHaveLength(1);
    const fresh = await createFeedToken(target.id);
    expect((await feed(fresh)).status).toBe(200);
    expect((await feed(old)).status).toBe(404);
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
    expect(JSON.stringify(missing.data)).toContain("Bitte wählen Sie die Kommune aus.");
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

describe("role form scope (issue 5 item 11, ACCEPTANCE D16, C15)", () => {
  const needs: [string, string, string][] = [
    ["centre_manager", "centreId", "Bitte wählen Sie das Zentrum aus."],
    ["adviser", "centreId", "Bitte wählen Sie das Zentrum aus."],
    ["wg_member", "workingGroup", "Bitte wählen Sie den Facharbeitskreis aus."],
    ["wg_chair", "workingGroup", "Bitte wählen Sie den Facharbeitskreis aus."],
    ["municipal_it", "municipalityId", "Bitte wählen Sie die Kommune aus."],
  ];

  it("each scoped role without its scope gets the error on exactly that field, on invite and on add-role", async () => {
    const target = await createUser(db(), { email: "scope.target@kai.example", name: "Susanne Scope", roles: [{ role: "editor" }] });
    for (const [role, field, message] of needs) {
      for (const res of [
        await invite({ name: "Scope Fehlt", email: "scope.fehlt@kai.example", role }),
        await personPost(target.id, { intent: "add-role", role }),
      ]) {
        expect(res.status).toBe(400);
        const result = "result" in (res.data as object) ? (res.data as { result: { error: Record<string, string[]> } }).result : (res.data as { error: Record<string, string[]> });
        expect(result.error).toEqual({ [field]: [message] });
      }
    }
    expect(await byEmail("scope.fehlt@kai.example")).toBeUndefined();
    expect((await rolesOf(target.id)).map((r) => r.role)).toEqual(["editor"]);
  });

  it("C15: scope fields a role does not take are ignored (without JavaScript every select is submitted)", async () => {
    const target = await createUser(db(), { email: "scope.extra@kai.example", name: "Egon Extra", roles: [{ role: "editor" }] });
    const municipality = (await call(inviteLoader, makeRequest("/admin/personen/einladen", { cookie: adminCookie }))).data.municipalities[0].id;
    const all = { centreId: "nord", workingGroup: "EWOS", municipalityId: String(municipality) };
    for (const role of ["admin", "trainer"]) expect((await personPost(target.id, { intent: "add-role", role, ...all })).status).toBe(302);
    expect((await personPost(target.id, { intent: "add-role", role: "wg_member", ...all })).status).toBe(302);
    const roles = await rolesOf(target.id);
    expect(roles.find((r) => r.role === "admin")).toMatchObject({ centreId: null, workingGroup: null, municipalityId: null });
    expect(roles.find((r) => r.role === "trainer")).toMatchObject({ centreId: null, workingGroup: null, municipalityId: null });
    expect(roles.find((r) => r.role === "wg_member")).toMatchObject({ centreId: null, workingGroup: "EWOS", municipalityId: null });
  });
});

describe("invitations: resend, withdraw, expiry (issue 5 item 11, ACCEPTANCE I44, B11)", () => {
  async function invited(email: string, name: string) {
    expect((await invite({ name, email, role: "trainer" })).status).toBe(302);
    const user = await byEmail(email);
    const [mail] = await outboxFor(email);
    return { user, token: tokenIn(mail.text, "einladung") };
  }

  it("resend: a new link by mail through the outbox, the old link stops working, audited", async () => {
    const { user, token: first } = await invited("resend@kai.example", "Rena Resend");
    const res = await personPost(user.id, { intent: "resend-invitation" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/admin/personen/${user.id}?erledigt=einladung-erneut`);
    const mails = await outboxFor(user.email);
    expect(mails.map((m) => m.template)).toEqual(["invitation", "invitation"]);
    const second = tokenIn(mails[1].text, "einladung");
    expect(second).not.toBe(first);
    expect((await acceptPage(first)).status).toBe(410);
    expect((await acceptPage(second)).data).toEqual({ valid: true, name: "Rena Resend", email: user.email });
    expect(await auditFor(user.id, "user.invitation_resent")).toEqual([expect.objectContaining({ actorId: admin.id })]);
    // The old link cannot set a password either, the new one can.
    const accept = (t: string) => call(acceptAction, makeRequest(`/einladung/${t}`, { form: { password: NEW, confirm: NEW } }), { token: t });
    expect((await accept(first)).status).toBe(410);
    expect((await accept(second)).status).toBe(302);
    // Accepted: nothing left to resend.
    const again = await personPost(user.id, { intent: "resend-invitation" });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.data)).toContain("bereits angenommen");
    expect(await outboxFor(user.email)).toHaveLength(2);
  });

  it("withdraw: confirmation page, then the link stops working; the person stays, marked withdrawn; resend revives", async () => {
    const { user, token } = await invited("withdraw@kai.example", "Willi Withdraw");
    const page = await confirmPage(user.id, "?aktion=einladung-zurueckziehen");
    expect(page.status).toBe(200);
    expect(page.data.confirmation).toMatchObject({ action: `/admin/personen/${user.id}`, fields: { intent: "withdraw-invitation" }, confirmLabel: "Einladung zurückziehen" });
    expect((await acceptPage(token)).status).toBe(200); // B11: the page changed nothing

    const res = await personPost(user.id, page.data.confirmation.fields);
    expect(res.location).toBe(`/admin/personen/${user.id}?erledigt=einladung-zurueckgezogen`);
    expect((await acceptPage(token)).status).toBe(410);
    expect(await byEmail(user.email)).toBeDefined();
    const status = `Einladung zurückgezogen am ${formatDate(new Date())}`;
    expect((await peoplePage("?q=withdraw@")).data.people[0].status).toBe(status);
    const detail = await personPage(user.id);
    expect(detail.data.person.status).toBe(status);
    expect(detail.data.invitation).toEqual({ canResend: true, canWithdraw: false });
    expect(await auditFor(user.id, "user.invitation_withdrawn")).toHaveLength(1);
    expect((await personPost(user.id, { intent: "withdraw-invitation" })).status).toBe(409);
    expect((await confirmPage(user.id, "?aktion=einladung-zurueckziehen")).status).toBe(404);

    expect((await personPost(user.id, { intent: "resend-invitation" })).status).toBe(302);
    const mails = await outboxFor(user.email);
    expect((await acceptPage(tokenIn(mails.at(-1)!.text, "einladung"))).status).toBe(200);
    expect((await personPage(user.id)).data.person.status).toMatch(/^Einladung offen bis \d\d\.\d\d\.\d{4}$/);
  });

  it("an expired invitation says 'abgelaufen' with its date, not 'Einladung offen', and can be re-sent", async () => {
    const { user, token } = await invited("expired@kai.example", "Erik Expired");
    const past = new Date("2026-01-05T10:00:00Z");
    await db().update(users).set({ invitationExpiresAt: past }).where(eq(users.id, user.id));
    await db().update(userTokens).set({ expiresAt: past }).where(eq(userTokens.userId, user.id));
    expect((await peoplePage("?q=expired@")).data.people[0].status).toBe("Einladung abgelaufen am 05.01.2026");
    expect((await personPage(user.id)).data.person.status).toBe("Einladung abgelaufen am 05.01.2026");
    expect((await acceptPage(token)).status).toBe(410);
    expect((await personPost(user.id, { intent: "resend-invitation" })).status).toBe(302);
    expect((await personPage(user.id)).data.person.status).toMatch(/^Einladung offen bis/);
  });

  it("deactivating an invitee ends the invitation, so after reactivation it does not claim to be open", async () => {
    const { user, token } = await invited("deact.invitee@kai.example", "Dora Deaktiv");
    expect((await personPost(user.id, { intent: "set-active", active: "false" })).status).toBe(302);
    expect((await personPost(user.id, { intent: "set-active", active: "true" })).status).toBe(302);
    expect((await acceptPage(token)).status).toBe(410);
    expect((await personPage(user.id)).data.person.status).toMatch(/^Einladung abgelaufen am/);
  });
});

describe("confirmation before removing a role or deactivating (issue 5 item 11, ACCEPTANCE B11)", () => {
  it("the GET page shows what will happen and changes nothing; its POST does the change", async () => {
    const target = await createUser(db(), { email: "confirm.target@kai.example", name: "Cora Confirm", roles: [{ role: "adviser", centre: "sued" }], competences: ["EWOS"] });
    const [role] = await rolesOf(target.id);
    const page = await confirmPage(target.id, `?aktion=rolle-entfernen&rolle=${role.id}`);
    expect(page.status).toBe(200);
    const { confirmation } = page.data;
    expect(confirmation).toMatchObject({ title: "Rolle entfernen?", action: `/admin/personen/${target.id}`, fields: { intent: "remove-role", roleId: String(role.id) }, danger: true });
    expect(confirmation.text.join(" ")).toContain("„Betreuung, Zentrum Süd“");
    expect(confirmation.text.join(" ")).toContain("Zuständigkeiten in der Betreuung werden dabei gelöscht");
    expect(await rolesOf(target.id)).toHaveLength(1);
    expect((await personPost(target.id, confirmation.fields)).location).toBe(`/admin/personen/${target.id}?erledigt=rolle-entfernt`);
    expect(await rolesOf(target.id)).toHaveLength(0);

    const cookie = await sessionCookieFor(target.id);
    const deact = await confirmPage(target.id, "?aktion=deaktivieren");
    expect(deact.data.confirmation).toMatchObject({ title: "Cora Confirm deaktivieren?", fields: { intent: "set-active", active: "false" } });
    expect(await isSignedIn(cookie)).toBe(true);
    expect((await personPost(target.id, deact.data.confirmation.fields)).location).toBe(`/admin/personen/${target.id}?erledigt=deaktiviert`);
    expect(await isSignedIn(cookie)).toBe(false);
    // Nothing left to confirm: an inactive person cannot be deactivated again.
    expect((await confirmPage(target.id, "?aktion=deaktivieren")).status).toBe(404);
  });

  it("unknown actions, another person's role and the admin's own deactivation are 404", async () => {
    const other = await createUser(db(), { email: "confirm.other@kai.example", name: "Oskar Other", roles: [{ role: "trainer" }] });
    const owner = await createUser(db(), { email: "confirm.owner@kai.example", name: "Olivia Owner", roles: [{ role: "editor" }] });
    const [foreign] = await rolesOf(owner.id);
    expect((await confirmPage(other.id, `?aktion=rolle-entfernen&rolle=${foreign.id}`)).status).toBe(404);
    expect((await confirmPage(other.id, "?aktion=rolle-entfernen")).status).toBe(404);
    expect((await confirmPage(other.id, "?aktion=loeschen")).status).toBe(404);
    expect((await confirmPage(other.id, "")).status).toBe(404);
    expect((await confirmPage(admin.id, "?aktion=deaktivieren")).status).toBe(404);
    // A person who accepted has no invitation to withdraw.
    expect((await confirmPage(other.id, "?aktion=einladung-zurueckziehen")).status).toBe(404);
  });
});

describe("name, address and phone (issue 5 item 11, ACCEPTANCE B11, C15, I44)", () => {
  const edit = (id: string, form: Record<string, string>) => personPost(id, { intent: "edit-details", ...form });

  it("a new address is confirmed by a single-use link to the NEW address; the old one stays the login until then and gets a notice", async () => {
    const target = await createUser(db(), { email: "alt.adresse@kai.example", name: "Anna Adresse", password: PASSWORD, roles: [{ role: "adviser", centre: "nord" }] });
    const res = await edit(target.id, { name: "Anna Adresse-Neu", email: "Neu.Adresse@kai.example", phone: "04161 555-0100" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/admin/personen/${target.id}?erledigt=e-mail-bestaetigen`);
    // Name and phone apply at once; the address does not.
    expect(await byEmail("alt.adresse@kai.example")).toMatchObject({ name: "Anna Adresse-Neu", phone: "04161 555-0100" });
    expect(await byEmail("neu.adresse@kai.example")).toBeUndefined();
    expect((await login({ email: "alt.adresse@kai.example", password: PASSWORD })).ok).toBe(true);

    const [confirmMail] = await outboxFor("neu.adresse@kai.example");
    expect(confirmMail.template).toBe("email-change-confirm");
    const token = tokenIn(confirmMail.text, "e-mail-bestaetigen");
    const notices = (await outboxFor("alt.adresse@kai.example")).filter((m) => m.template === "email-change-notice");
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain("neu.adresse@kai.example");
    expect(notices[0].text).not.toContain(token);
    const [stored] = await db().select().from(userTokens).where(and(eq(userTokens.userId, target.id), eq(userTokens.purpose, "email_change")));
    expect(stored).toMatchObject({ tokenHash: hashToken(token), newEmail: "neu.adresse@kai.example", usedAt: null });
    expect(token.length * 5).toBeGreaterThanOrEqual(128); // base32: 5 bits a character
    expect(Math.abs(stored.expiresAt.getTime() - (Date.now() + 48 * 3_600_000))).toBeLessThan(60_000);

    // The admin sees what is pending, never the link (C15).
    const detail = await personPage(target.id);
    expect(detail.data.person).toMatchObject({ email: "alt.adresse@kai.example", pendingEmail: { address: "neu.adresse@kai.example" } });
    expect(JSON.stringify(detail.data)).not.toContain(token);
    expect(JSON.stringify(detail.data)).not.toContain(stored.tokenHash);

    // B11: opening the link changes nothing, however often.
    for (let i = 0; i < 2; i++) expect(await emailLinkPage(token)).toMatchObject({ status: 200, data: { valid: true, newEmail: "neu.adresse@kai.example" } });
    expect((await byEmail("alt.adresse@kai.example")).id).toBe(target.id);

    const confirmed = await emailLinkPost(token);
    expect(confirmed).toMatchObject({ status: 200, data: { ok: true, email: "neu.adresse@kai.example" } });
    expect((await byEmail("neu.adresse@kai.example")).id).toBe(target.id);
    expect((await login({ email: "neu.adresse@kai.example", password: PASSWORD })).ok).toBe(true);
    expect((await login({ email: "alt.adresse@kai.example", password: PASSWORD })).ok).toBe(false);
    // Single use.
    expect((await emailLinkPost(token)).status).toBe(410);
    expect((await emailLinkPage(token)).status).toBe(410);
    expect((await personPage(target.id)).data.person.pendingEmail).toBeNull();

    expect(await auditFor(target.id, "user.updated")).toEqual([
      expect.objectContaining({ actorId: admin.id, before: { name: "Anna Adresse", phone: null }, after: { name: "Anna Adresse-Neu", phone: "04161 555-0100" } }),
    ]);
    expect(await auditFor(target.id, "user.email_change_requested")).toEqual([
      expect.objectContaining({ actorId: admin.id, before: { email: "alt.adresse@kai.example" } }),
    ]);
    expect(await auditFor(target.id, "user.email_changed")).toEqual([
      expect.objectContaining({ actorId: target.id, before: { email: "alt.adresse@kai.example" }, after: { email: "neu.adresse@kai.example" } }),
    ]);
  });

  it("an expired link is refused and the old address stays; a newer request replaces the older link", async () => {
    const target = await createUser(db(), { email: "ablauf.alt@kai.example", name: "Albert Ablauf", password: PASSWORD });
    await edit(target.id, { name: "Albert Ablauf", email: "ablauf.eins@kai.example" });
    const first = tokenIn((await outboxFor("ablauf.eins@kai.example"))[0].text, "e-mail-bestaetigen");
    await edit(target.id, { name: "Albert Ablauf", email: "ablauf.zwei@kai.example" });
    const second = tokenIn((await outboxFor("ablauf.zwei@kai.example"))[0].text, "e-mail-bestaetigen");
    expect((await emailLinkPost(first)).status).toBe(410);

    await db().update(userTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userTokens.tokenHash, hashToken(second)));
    expect((await emailLinkPage(second)).status).toBe(410);
    const refused = await emailLinkPost(second);
    expect(refused.status).toBe(410);
    expect(JSON.stringify(refused.data)).toContain("ungültig, abgelaufen oder wurde bereits verwendet");
    expect((await byEmail("ablauf.alt@kai.example")).id).toBe(target.id);
    expect(await auditFor(target.id, "user.email_changed")).toHaveLength(0);
  });

  it("an address of another person is a German field error, at request and at confirmation time", async () => {
    const target = await createUser(db(), { email: "doppelt.a@kai.example", name: "Doris Doppelt", password: PASSWORD });
    await createUser(db(), { email: "doppelt.b@kai.example", name: "Bernd Belegt" });
    const res = await edit(target.id, { name: "Doris Doppelt", email: "Doppelt.B@kai.example" });
    expect(res.status).toBe(409);
    expect((res.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({ email: ["Diese E-Mail-Adresse gehört bereits zu einer anderen Person."] });
    expect(await outboxFor("doppelt.b@kai.example")).toHaveLength(0);
    expect(await db().select().from(userTokens).where(eq(userTokens.userId, target.id))).toHaveLength(0);

    // Free when requested, taken by the time the link is used: refused, nothing changes.
    await edit(target.id, { name: "Doris Doppelt", email: "doppelt.c@kai.example" });
    const token = tokenIn((await outboxFor("doppelt.c@kai.example"))[0].text, "e-mail-bestaetigen");
    await createUser(db(), { email: "doppelt.c@kai.example", name: "Carl Schneller" });
    const late = await emailLinkPost(token);
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.data)).toContain("gehört inzwischen zu einem anderen Konto");
    expect((await byEmail("doppelt.a@kai.example")).id).toBe(target.id);
  });

  it("someone who never accepted the invitation: the address is corrected at once and the invitation goes to the new address", async () => {
    expect((await invite({ name: "Tim Tippfehler", email: "tim.tipfeler@kai.example", role: "trainer" })).status).toBe(302);
    const user = await byEmail("tim.tipfeler@kai.example");
    const oldLink = tokenIn((await outboxFor(user.email))[0].text, "einladung");
    const res = await edit(user.id, { name: "Tim Tippfehler", email: "tim.tippfehler@kai.example" });
    expect(res.location).toBe(`/admin/personen/${user.id}?erledigt=einladung-an-neue-adresse`);
    expect((await byEmail("tim.tippfehler@kai.example")).id).toBe(user.id);
    expect((await acceptPage(oldLink)).status).toBe(410);
    const [mail] = await outboxFor("tim.tippfehler@kai.example");
    expect(mail.template).toBe("invitation");
    expect((await acceptPage(tokenIn(mail.text, "einladung"))).data).toMatchObject({ valid: true, email: "tim.tippfehler@kai.example" });
    // Nothing more to the mistyped address.
    expect(await outboxFor("tim.tipfeler@kai.example")).toHaveLength(1);
    expect(await auditFor(user.id, "user.updated")).toEqual([expect.objectContaining({ before: { email: "tim.tipfeler@kai.example" }, after: { email: "tim.tippfehler@kai.example" } })]);
  });

  it("phone: digits, spaces, + - / ( ), at most 40 characters; empty clears it", async () => {
    const target = await createUser(db(), { email: "telefon@kai.example", name: "Tessa Telefon" });
    const base = { name: "Tessa Telefon", email: "telefon@kai.example" };
    const bad: [string, string][] = [
      ["0416 abc", "nur Ziffern, Leerzeichen und die Zeichen + - / ( ) enthalten"],
      ["04161 555-0100; DROP", "nur Ziffern, Leerzeichen und die Zeichen + - / ( ) enthalten"],
      ["1".repeat(41), "höchstens 40 Zeichen"],
      ["+ ( ) -", "muss Ziffern enthalten"],
    ];
    for (const [phone, message] of bad) {
      const res = await edit(target.id, { ...base, phone });
      expect(res.status).toBe(400);
      expect((res.data as { result: { error: Record<string, string[]> } }).result.error.phone[0]).toContain(message);
    }
    expect((await byEmail(target.email)).phone).toBeNull();
    expect((await edit(target.id, { ...base, phone: " +49 (4161) 555/0100 " })).location).toBe(`/admin/personen/${target.id}?erledigt=angaben`);
    expect((await byEmail(target.email)).phone).toBe("+49 (4161) 555/0100");
    expect((await personPage(target.id)).data.person.phone).toBe("+49 (4161) 555/0100");
    expect((await edit(target.id, { ...base, phone: "" })).status).toBe(302);
    expect((await byEmail(target.email)).phone).toBeNull();
  });

  it("C15: extra fields (active, role, passwordHash, municipalityId) are ignored by the edit", async () => {
    const target = await createUser(db(), { email: "extra.felder@kai.example", name: "Xaver Extra", password: PASSWORD, roles: [{ role: "editor" }] });
    const before = await byEmail(target.email);
    const res = await edit(target.id, {
      name: "Xaver Extra",
      email: "extra.felder@kai.example",
      phone: "04161 555-0199",
      active: "false",
      role: "admin",
      passwordHash: "x",
      municipalityId: "1",
      invitationWithdrawnAt: "2026-01-01",
    });
    expect(res.status).toBe(302);
    const after = await byEmail(target.email);
    expect(after).toMatchObject({ active: true, passwordHash: before.passwordHash, municipalityId: before.municipalityId, invitationWithdrawnAt: null, phone: "04161 555-0199" });
    expect((await rolesOf(target.id)).map((r) => r.role)).toEqual(["editor"]);
  });
});

describe("wording (issue 5 item 14)", () => {
  it("the invite form speaks about the person's address, not 'Ihre'", async () => {
    const res = await invite({ name: "Ohne Adresse", role: "trainer" });
    expect(res.status).toBe(400);
    const json = JSON.stringify(res.data);
    expect(json).toContain("Bitte geben Sie die E-Mail-Adresse der Person an.");
    expect(json).not.toContain("Ihre");
    expect(JSON.stringify((await invite({ email: "ohne.name@kai.example", role: "trainer" })).data)).toContain("Bitte geben Sie den Namen der Person an.");
  });

  it("invitation and reset mails do not say 'Knopf'", async () => {
    await invite({ name: "Klara Klick", email: "klara.klick@kai.example", role: "trainer" });
    const [mail] = await outboxFor("klara.klick@kai.example");
    const reset = await renderEmail(createElement(PasswordResetEmail, { name: "Klara Klick", link: "https://portal.kai.example/x", expiresAt: "01.01.2026, 10:00 Uhr" }));
    for (const text of [mail.text, mail.html, reset.text, reset.html]) {
      expect(text).not.toMatch(/Knopf/);
      expect(text).toContain("kopieren Sie diese Adresse in die Adresszeile Ihres Browsers");
    }
  });
});
