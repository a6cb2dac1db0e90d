import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { recordAudit } from "~/modules/audit/audit.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { updateMember } from "~/modules/members/commands.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();
const cookies = { admin: "", it: "", adviser: "" };
let jemgumId = 0;
let inhabitantsBefore = 0;

interface EventRow {
  id: number;
  actor: string;
  action: string;
  object: string;
  changes: { key: string; before: string | null; after: string | null }[];
}

beforeAll(async () => {
  const db = getDb().db;
  const admin = await createUser(db, { email: "admin.protokoll@kai.example", name: "Arne Aufsicht", roles: [{ role: "admin" }] });
  const it = await createUser(db, { email: "it.protokoll@kai.example", name: "Iris Informatik", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  const adviser = await createUser(db, { email: "betreuung.protokoll@kai.example", name: "Boris Betreuung", roles: [{ role: "adviser", centre: "west" }] });
  cookies.admin = await sessionCookieFor(admin.id);
  cookies.it = await sessionCookieFor(it.id);
  cookies.adviser = await sessionCookieFor(adviser.id);

  // A real change through the members command: it writes its audit event in its transaction.
  const jemgum = await getMunicipalityByName(db, "Jemgum");
  jemgumId = jemgum.id;
  inhabitantsBefore = jemgum.inhabitants;
  const actor = (await getCurrentUser(makeRequest("/", { cookie: cookies.admin })))!;
  await updateMember({ actor, id: jemgum.id, data: { inhabitants: jemgum.inhabitants + 25, centreId: jemgum.centreId as "west" }, ip: "127.0.0.1" });

  // A system event, with markup in a value that must stay text.
  await recordAudit({ actorId: null, action: "retention.cleanup", entityType: "session", after: { deleted: 3, note: "<img src=x onerror=alert(1)>" } });
});

const list = (query = "", cookie = cookies.admin) => call<{ events: EventRow[]; hasMore: boolean; page: number; options: any; result: any }>(auditLoader, makeRequest(`/admin/audit${query}`, { cookie }));

describe("audit trail (ACCEPTANCE I44, C14, D16, D17)", () => {
  it("I44: a member change shows who changed what, with German labels and the changed fields", async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const event = res.data.events.find((e) => e.action === "Mitglied geändert");
    expect(event).toBeDefined();
    expect(event!.actor).toBe("Arne Aufsicht");
    expect(event!.object).toBe(`Mitglied ${jemgumId}`);
    expect(event!.changes).toEqual([{ key: "inhabitants", before: String(inhabitantsBefore), after: String(inhabitantsBefore + 25) }]);
    // The loader hands out display data only: no actor e-mail, no raw JSON, no IP.
    expect(Object.keys(event!).sort()).toEqual(["action", "actor", "changes", "createdAt", "id", "object"]);
  });

  it("system events show 'System'; unknown actions show their key; markup stays a plain string (D17)", async () => {
    const res = await list();
    const event = res.data.events.find((e) => e.action === "retention.cleanup");
    // Sign-in sessions are "Anmeldung" in the UI; "Sitzung" is a working-group meeting (issue 5, item 14).
    expect(event).toMatchObject({ actor: "System", object: "Anmeldung" });
    expect(event!.changes).toEqual([
      { key: "deleted", before: null, after: "3" },
      { key: "note", before: null, after: "<img src=x onerror=alert(1)>" },
    ]);
  });

  it("offers the entity types and actions that occur, labelled in German", async () => {
    const { options } = (await list()).data;
    expect(options.actions).toContainEqual({ value: "member.updated", label: "Mitglied geändert" });
    expect(options.actions).toContainEqual({ value: "retention.cleanup", label: "retention.cleanup" });
    expect(options.entityTypes).toContainEqual({ value: "municipality", label: "Mitglied" });
  });

  it("filters by entity type, action and actor e-mail (bound parameters)", async () => {
    const byType = await list("?entityType=municipality");
    expect(byType.data.events.length).toBeGreaterThan(0);
    expect(byType.data.events.every((e) => e.object.startsWith("Mitglied"))).toBe(true);

    const byAction = await list("?action=retention.cleanup");
    expect(byAction.data.events.map((e) => e.action)).toEqual(["retention.cleanup"]);

    const byActor = await list("?actor=ADMIN.PROTOKOLL%40kai.example");
    expect(byActor.data.events.length).toBeGreaterThan(0);
    expect(byActor.data.events.every((e) => e.actor === "Arne Aufsicht")).toBe(true);

    const nobody = await list("?actor=niemand%40kai.example");
    expect(nobody.status).toBe(200);
    expect(nobody.data.events).toEqual([]);

    const both = await list("?entityType=session&action=member.updated");
    expect(both.data.events).toEqual([]);
  });

  it("date filters are Berlin calendar days, also across the DST switch", async () => {
    const at = (iso: string) => ({ action: "test.dst", entityType: "test", createdAt: new Date(iso) });
    await getDb().db.insert(auditEvents).values([
      { ...at("2025-03-29T22:59:59Z"), entityId: "sa-23:59" }, // Sat 29.03. 23:59:59 CET
      { ...at("2025-03-29T23:00:00Z"), entityId: "so-00:00" }, // Sun 30.03. 00:00 CET
      { ...at("2025-03-30T21:59:59Z"), entityId: "so-23:59" }, // Sun 30.03. 23:59:59 CEST
      { ...at("2025-03-30T22:00:00Z"), entityId: "mo-00:00" }, // Mon 31.03. 00:00 CEST
    ]);
    const ids = async (query: string) => (await list(`?action=test.dst${query}`)).data.events.map((e) => e.object.split(" ")[1]).sort();
    expect(await ids("&from=2025-03-30&to=2025-03-30")).toEqual(["so-00:00", "so-23:59"]);
    expect(await ids("&to=2025-03-29")).toEqual(["sa-23:59"]);
    expect(await ids("&from=2025-03-31")).toEqual(["mo-00:00"]);
    expect(await ids("")).toHaveLength(4);
  });

  it("D16: an invalid date, a reversed range or a bad e-mail is a 400 with a German message and no events", async () => {
    for (const [query, message] of [
      ["?from=2026-02-30", "Bitte ein gültiges Datum angeben."],
      ["?to=gestern", "Bitte ein gültiges Datum angeben."],
      ["?from=2026-03-10&to=2026-03-01", "Das Enddatum darf nicht vor dem Anfangsdatum liegen."],
      ["?actor=kein-at-zeichen", "Bitte eine gültige E-Mail-Adresse eingeben."],
      ["?action=member.updated'%3B--", "Bitte eine Aktion aus der Liste wählen."],
      ["?page=abc", "Bitte eine gültige Seitenzahl angeben."],
    ] as const) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.data.result.error), query).toContain(message);
      expect(res.data.events).toEqual([]);
    }
  });

  it("pages 50 events at a time, newest first", async () => {
    await getDb().db.insert(auditEvents).values(Array.from({ length: 55 }, (_, i) => ({ action: "test.bulk", entityType: "test", entityId: String(i + 1) })));
    const first = await list("?action=test.bulk");
    expect(first.data.events).toHaveLength(50);
    expect(first.data.hasMore).toBe(true);
    expect(first.data.events[0].object).toBe("test 55");
    const second = await list("?action=test.bulk&page=2");
    expect(second.data.page).toBe(2);
    expect(second.data.events.map((e) => e.object)).toEqual(["test 5", "test 4", "test 3", "test 2", "test 1"]);
    expect(second.data.hasMore).toBe(false);
  });

  it("C14: municipal IT and advisers get 404, with or without filters", async () => {
    for (const cookie of [cookies.it, cookies.adviser]) {
      for (const query of ["", "?action=member.updated", "?from=kaputt"]) {
        const res = await list(query, cookie);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.data)).not.toContain("Arne Aufsicht");
      }
    }
    const anonymous = await call(auditLoader, makeRequest("/admin/audit"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/anmelden?redirectTo=%2Fadmin%2Faudit");
  });
});
