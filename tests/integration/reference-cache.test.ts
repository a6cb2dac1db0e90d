import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { REFERENCE_TTL_MS, referenceCache } from "~/cache.server";
import { catalogueCache, centresCache, membersCache } from "~/modules/members/queries.server";
import { action as centreAction } from "~/routes/admin.zentren.$id";
import { action as editAction } from "~/routes/mitglieder.$id.bearbeiten";
import { loader as membersLoader } from "~/routes/mitglieder._index";
import { action as newAction } from "~/routes/mitglieder.neu";
import { loader as proceduresLoader } from "~/routes/verfahren";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

// Issue 6, item 12: centres, members and the procedure catalogue are kept in memory for a short
// TTL, cleared by every change made through the app; another instance's change shows within the TTL.

const getDb = useTestDatabase();
let adminCookie: string;

beforeAll(async () => {
  const admin = await createUser(getDb().db, { email: "admin.cache@kai.example", name: "Ada Admin", roles: [{ role: "admin" }] });
  adminCookie = await sessionCookieFor(admin.id);
});

afterEach(() => {
  vi.useRealTimers();
  // Entries loaded while the clock was moved on would outlive the real clock's next TTL.
  for (const cache of [centresCache, membersCache, catalogueCache]) cache.clear();
});

type Centre = { id: string; phone: string | null; inhabitants: number; members: { name: string; inhabitants: number }[] };

async function membersPage() {
  const res = await call<{ centres: Centre[]; total: { members: number } }>(membersLoader, makeRequest("/mitglieder"));
  expect(res.status).toBe(200);
  return res.data;
}

function memberOn(page: { centres: Centre[] }, name: string) {
  return page.centres.flatMap((c) => c.members).find((m) => m.name === name);
}

/** Moves the clock past the TTL, as if another instance's change had been made that long ago. */
function afterTtl() {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + REFERENCE_TTL_MS + 1000 });
}

describe("issue 6, item 12: changes made through the app show at once", () => {
  it("editing a member (mitglieder/:id/bearbeiten) clears the members cache", async () => {
    const member = await getMunicipalityByName(getDb().db, "Jemgum");
    expect(memberOn(await membersPage(), "Jemgum")?.inhabitants).toBe(member.inhabitants);
    const res = await call(
      editAction,
      makeRequest(`/mitglieder/${member.id}/bearbeiten`, {
        cookie: adminCookie,
        form: { name: "Jemgum", inhabitants: String(member.inhabitants + 11), centreId: member.centreId, memberSince: member.memberSince ?? "" },
      }),
      { id: String(member.id) },
    );
    expect(res.status).toBe(302);
    expect(memberOn(await membersPage(), "Jemgum")?.inhabitants).toBe(member.inhabitants + 11);
  });

  it("adding a member (mitglieder/neu) clears the members cache", async () => {
    const before = (await membersPage()).total.members;
    const form = { name: "Cachedorf", kind: "Gemeinde", state: "Niedersachsen", district: "Landkreis Stade", centreId: "nord", inhabitants: "1200", memberSince: "2026-01-01" };
    expect((await call(newAction, makeRequest("/mitglieder/neu", { cookie: adminCookie, form }))).status).toBe(302);
    const after = await membersPage();
    expect(after.total.members).toBe(before + 1);
    expect(memberOn(after, "Cachedorf")?.inhabitants).toBe(1200);
  });

  it("editing a centre's contact data (admin/zentren/:id) clears the centres cache", async () => {
    expect((await membersPage()).centres.find((c) => c.id === "sued")?.phone).not.toBe("+49 5271 555-0999");
    const form = { street: "Am Markt 2", postalCode: "37671", city: "Höxter", phone: "+49 5271 555-0999", email: "sued@kai.example" };
    expect((await call(centreAction, makeRequest("/admin/zentren/sued", { cookie: adminCookie, form }), { id: "sued" })).status).toBe(302);
    expect((await membersPage()).centres.find((c) => c.id === "sued")?.phone).toBe("+49 5271 555-0999");
  });
});

describe("issue 6, item 12: a change from elsewhere (another instance) shows within the TTL", () => {
  it("members", async () => {
    const member = await getMunicipalityByName(getDb().db, "Rheine");
    expect(memberOn(await membersPage(), "Rheine")?.inhabitants).toBe(member.inhabitants);
    await getDb().db.update(municipalities).set({ inhabitants: member.inhabitants + 7 }).where(eq(municipalities.id, member.id));
    expect(memberOn(await membersPage(), "Rheine")?.inhabitants, "cached within the TTL").toBe(member.inhabitants);
    afterTtl();
    expect(memberOn(await membersPage(), "Rheine")?.inhabitants).toBe(member.inhabitants + 7);
  });

  it("centres", async () => {
    expect((await membersPage()).centres.find((c) => c.id === "mitte")?.phone).not.toBe("+49 4231 555-0777");
    await getDb().db.update(centres).set({ phone: "+49 4231 555-0777" }).where(eq(centres.id, "mitte"));
    expect((await membersPage()).centres.find((c) => c.id === "mitte")?.phone, "cached within the TTL").not.toBe("+49 4231 555-0777");
    afterTtl();
    expect((await membersPage()).centres.find((c) => c.id === "mitte")?.phone).toBe("+49 4231 555-0777");
  });

  it("the procedure catalogue", async () => {
    const names = async () => {
      const res = await call<{ core: { code: string; name: string }[] }>(proceduresLoader, makeRequest("/verfahren"));
      return res.data.core.map((p) => p.name);
    };
    const before = await names();
    const [first] = await getDb().db.select().from(procedures).where(eq(procedures.kind, "core")).orderBy(procedures.sortOrder).limit(1);
    await getDb().db.update(procedures).set({ name: "Umbenanntes Verfahren" }).where(eq(procedures.id, first.id));
    expect(await names(), "cached within the TTL").toEqual(before);
    afterTtl();
    expect(await names()).toContain("Umbenanntes Verfahren");
  });
});

describe("the cache helper (app/cache.server.ts)", () => {
  it("shares one load between concurrent callers, and forgets a failed load", async () => {
    let loads = 0;
    let fail = true;
    const cache = referenceCache(async () => {
      loads++;
      if (fail) throw new Error("database gone");
      return { value: loads };
    });
    await expect(Promise.all([cache.get(), cache.get()])).rejects.toThrow("database gone");
    expect(loads).toBe(1);
    fail = false;
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(loads).toBe(2);
    expect(a).toBe(b);
    cache.clear();
    expect(await cache.get()).toEqual({ value: 3 });
  });

  it("hands out a frozen value, so one caller cannot change it for the others", async () => {
    const cache = referenceCache(async () => ({ rows: [{ name: "Nord" }] }));
    const value = await cache.get();
    expect(() => value.rows.push({ name: "Süd" })).toThrow(TypeError);
    expect(() => {
      value.rows[0].name = "West";
    }).toThrow(TypeError);
  });

  it("clears after a change, also when the change fails", async () => {
    let loads = 0;
    const cache = referenceCache(async () => ({ loads: ++loads }));
    await cache.get();
    await expect(cache.clearAfter(() => Promise.reject(new Error("rolled back")))).rejects.toThrow("rolled back");
    expect(await cache.get()).toEqual({ loads: 2 });
  });
});
