import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { recordAudit } from "~/modules/audit/audit.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { updateMember } from "~/modules/members/commands.server";
import { createCalendarEvent, updateCalendarEvent } from "~/modules/calendar/events.server";
import { setActive } from "~/modules/auth/people.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as csvLoader } from "~/routes/admin.audit[.csv]";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();
const cookies = { admin: "", it: "", adviser: "" };
let jemgumId = 0;
let inhabitantsBefore = 0;
let adminId = "";
let itId = "";
let eventId = "";

interface EventRow {
  id: number;
  time: string;
  timeIso: string;
  actor: { name: string; href: string | null };
  action: string;
  entity: { type: string; name: string; href: string | null; filter: { entityType: string; entityId: string } | null };
  changes: { key: string; label: string; before: string; after: string }[];
}

/** "Mitglied: Jemgum", as the object cell reads. */
const object = (e: EventRow) => (e.entity.name === e.entity.type ? e.entity.type : `${e.entity.type}: ${e.entity.name}`);

beforeAll(async () => {
  const db = getDb().db;
  const admin = await createUser(db, { email: "admin.protokoll@kai.example", name: "Arne Aufsicht", roles: [{ role: "admin" }] });
  const it = await createUser(db, { email: "it.protokoll@kai.example", name: "Iris Informatik", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  const adviser = await createUser(db, { email: "betreuung.protokoll@kai.example", name: "Boris Betreuung", roles: [{ role: "adviser", centre: "west" }] });
  adminId = admin.id;
  itId = it.id;
  cookies.admin = await sessionCookieFor(admin.id);
  cookies.it = await sessionCookieFor(it.id);
  cookies.adviser = await sessionCookieFor(adviser.id);

  // A real change through the members command: it writes its audit event in its transaction.
  const jemgum = await getMunicipalityByName(db, "Jemgum");
  jemgumId = jemgum.id;
  inhabitantsBefore = jemgum.inhabitants;
  const actor = (await getCurrentUser(makeRequest("/", { cookie: cookies.admin }), {}))!;
  await updateMember({ actor, id: jemgum.id, data: { inhabitants: jemgum.inhabitants + 25, centreId: jemgum.centreId as "west" }, ip: "127.0.0.1" });

  // A person deactivated by the admin (a boolean), and a calendar event created and moved by them.
  await setActive({ actor, userId: it.id, active: false, ip: "127.0.0.1" });
  await setActive({ actor, userId: it.id, active: true, ip: "127.0.0.1" });
  cookies.it = await sessionCookieFor(it.id);
  const event = await createCalendarEvent({
    event: { kind: "seminar", title: "EWOS-Grundlagen; Teil 1", startsAt: new Date("2026-12-01T08:00:00Z"), endsAt: new Date("2026-12-01T11:00:00Z") },
    attendees: [],
    createdBy: admin.id,
  });
  eventId = event.id;
  await updateCalendarEvent({
    eventId: event.id,
    actorId: admin.id,
    // Summer time → winter time: the Berlin wall clock differs by the DST offset.
    changes: { startsAt: new Date("2026-07-01T16:05:00Z"), endsAt: new Date("2026-12-01T17:05:00Z"), location: "Zentrum Nord\nRaum 2" },
  });

  // A system event, with markup in a value that must stay text.
  await recordAudit({ actorId: null, action: "retention.cleanup", entityType: "session", after: { deleted: 3, note: "<img src=x onerror=alert(1)>" } });
});

const list = (query = "", cookie = cookies.admin) => call<{ events: EventRow[]; hasMore: boolean; page: number; options: any; result: any; entityFilter: any }>(auditLoader, makeRequest(`/admin/audit${query}`, { cookie }));
const csv = (query = "", cookie: string | null = cookies.admin) => csvLoader({ request: makeRequest(`/admin/audit.csv${query}`, { cookie }), params: {}, context: {} } as never).catch((r: unknown) => r as Response);

describe("audit trail (ACCEPTANCE I44, C14, D16, D17; issue 5, item 10)", () => {
  it("I44: a member change shows who changed what, by name with links, German labels and German numbers", async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const event = res.data.events.find((e) => e.action === "Mitglied geändert");
    expect(event).toBeDefined();
    expect(event!.actor).toEqual({ name: "Arne Aufsicht", href: `/admin/personen/${adminId}` });
    expect(event!.entity).toEqual({ type: "Mitglied", name: "Jemgum", href: `/mitglieder/${jemgumId}/bearbeiten`, filter: { entityType: "municipality", entityId: String(jemgumId) } });
    const n = (v: number) => new Intl.NumberFormat("de-DE").format(v);
    expect(event!.changes).toEqual([{ key: "inhabitants", label: "Einwohnerzahl", before: n(inhabitantsBefore), after: n(inhabitantsBefore + 25) }]);
    expect(event!.time).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr$/);
    // The loader hands out display data only: no actor e-mail, no raw JSON, no IP.
    expect(Object.keys(event!).sort()).toEqual(["action", "actor", "changes", "entity", "id", "time", "timeIso"]);
    expect(JSON.stringify(res.data)).not.toContain("admin.protokoll@kai.example");
    expect(JSON.stringify(res.data)).not.toContain("127.0.0.1");
  });

  it("item 10: a person is shown by name with a link; booleans read ja/nein", async () => {
    const { events } = (await list("?action=user.deactivated")).data;
    expect(events).toHaveLength(1);
    expect(events[0].entity).toMatchObject({ type: "Person", name: "Iris Informatik", href: `/admin/personen/${itId}` });
    expect(events[0].changes).toEqual([{ key: "active", label: "Aktiv", before: "ja", after: "nein" }]);
  });

  it("item 10: a calendar event is shown by its title (no page yet, so no link); times are Berlin time across DST; empty is 'leer'", async () => {
    const { events } = (await list(`?entityType=calendar_event&entityId=${eventId}&order=oldest`)).data;
    expect(events.map((e) => e.action)).toEqual(["Termin angelegt und eingeladen", "Termin geändert"]);
    expect(events[0].entity).toEqual({ type: "Termin", name: "EWOS-Grundlagen; Teil 1", href: null, filter: { entityType: "calendar_event", entityId: eventId } });
    const created = Object.fromEntries(events[0].changes.map((c) => [c.label, c.after]));
    expect(created).toEqual({
      "Änderungsnummer (Kalender)": "0",
      "Anzahl Eingeladene": "0",
      Beginn: "01.12.2026, 09:00 Uhr",
      Ende: "01.12.2026, 12:00 Uhr",
      Ort: "leer",
      Titel: "EWOS-Grundlagen; Teil 1",
    });
    const updated = Object.fromEntries(events[1].changes.map((c) => [c.label, [c.before, c.after]]));
    // 16:05 UTC in July is 18:05 CEST; 17:05 UTC in December is 18:05 CET.
    expect(updated.Beginn).toEqual(["01.12.2026, 09:00 Uhr", "01.07.2026, 18:05 Uhr"]);
    expect(updated.Ende).toEqual(["01.12.2026, 12:00 Uhr", "01.12.2026, 18:05 Uhr"]);
    expect(updated.Ort).toEqual(["leer", "Zentrum Nord\nRaum 2"]);
    expect(updated["Änderungsnummer (Kalender)"]).toEqual(["leer", "1"]);
  });

  it("item 10: deleted or unknown objects fall back to readable German text", async () => {
    await recordAudit({ actorId: adminId, action: "user.updated", entityType: "user", entityId: "00000000-0000-4000-8000-000000000000" });
    await recordAudit({ actorId: adminId, action: "member.updated", entityType: "municipality", entityId: 99999 });
    await recordAudit({ actorId: adminId, action: "calendar.event_updated", entityType: "calendar_event", entityId: "kein-termin" });
    const { events } = (await list("?actor=admin.protokoll%40kai.example")).data;
    const byAction = (a: string) => events.find((e) => e.action === a)!.entity;
    expect(byAction("Person geändert")).toMatchObject({ name: "Person nicht mehr vorhanden", href: null });
    expect(events.find((e) => e.entity.name.startsWith("Mitglied nicht mehr vorhanden"))!.entity).toMatchObject({ name: "Mitglied nicht mehr vorhanden (Nr. 99999)", href: null });
    expect(byAction("Termin geändert")).toMatchObject({ name: "Termin nicht mehr vorhanden", href: null });
  });

  it("system events show 'System'; unknown actions and fields show their key; markup stays a plain string (D17)", async () => {
    const res = await list();
    const event = res.data.events.find((e) => e.action === "retention.cleanup");
    expect(event).toMatchObject({ actor: { name: "System", href: null }, entity: { type: "Anmeldung", name: "Anmeldung", href: null, filter: null } });
    // Sign-in sessions are "Anmeldung" in the UI; "Sitzung" is a working-group meeting (issue 5, item 14).
    expect(event!.changes).toEqual([
      { key: "deleted", label: "deleted", before: "leer", after: "3" },
      { key: "note", label: "Notiz", before: "leer", after: "<img src=x onerror=alert(1)>" },
    ]);
  });

  it("offers the entity types, actions and acting people that occur, labelled in German", async () => {
    const { options } = (await list()).data;
    expect(options.actions).toContainEqual({ value: "member.updated", label: "Mitglied geändert" });
    expect(options.actions).toContainEqual({ value: "retention.cleanup", label: "retention.cleanup" });
    expect(options.entityTypes).toContainEqual({ value: "municipality", label: "Mitglied" });
    expect(options.actors).toContainEqual({ value: adminId, label: "Arne Aufsicht" });
    expect(options.actors).toContainEqual({ value: "system", label: "System" });
  });

  it("filters by entity type, one entity, action, person (id, 'System' or e-mail) — bound parameters", async () => {
    const byType = await list("?entityType=municipality");
    expect(byType.data.events.length).toBeGreaterThan(0);
    expect(byType.data.events.every((e) => e.entity.type === "Mitglied")).toBe(true);

    const oneEntity = await list(`?entityType=municipality&entityId=${jemgumId}`);
    expect(oneEntity.data.events.map(object)).toEqual(["Mitglied: Jemgum"]);
    expect(oneEntity.data.entityFilter).toMatchObject({ type: "Mitglied", name: "Jemgum" });
    const onePerson = await list(`?entityType=user&entityId=${itId}`);
    expect(onePerson.data.events.map((e) => e.action).sort()).toEqual(["Person aktiviert", "Person deaktiviert"]);

    const byAction = await list("?action=retention.cleanup");
    expect(byAction.data.events.map((e) => e.action)).toEqual(["retention.cleanup"]);

    const byActorId = await list(`?actorId=${adminId}`);
    expect(byActorId.data.events.length).toBeGreaterThan(3);
    expect(byActorId.data.events.every((e) => e.actor.name === "Arne Aufsicht")).toBe(true);
    const bySystem = await list("?actorId=system");
    expect(bySystem.data.events.length).toBeGreaterThan(0);
    expect(bySystem.data.events.every((e) => e.actor.name === "System")).toBe(true);

    const byActor = await list("?actor=ADMIN.PROTOKOLL%40kai.example");
    expect(byActor.data.events.length).toBeGreaterThan(0);
    expect(byActor.data.events.every((e) => e.actor.name === "Arne Aufsicht")).toBe(true);

    const nobody = await list("?actor=niemand%40kai.example");
    expect(nobody.status).toBe(200);
    expect(nobody.data.events).toEqual([]);

    const both = await list("?entityType=session&action=member.updated");
    expect(both.data.events).toEqual([]);
  });

  it("date filters are Berlin calendar days, inclusive, also across the DST switch; times show in Berlin", async () => {
    const at = (iso: string) => ({ action: "test.dst", entityType: "test", createdAt: new Date(iso) });
    await getDb().db.insert(auditEvents).values([
      { ...at("2025-03-29T22:59:59Z"), entityId: "sa-23:59" }, // Sat 29.03. 23:59:59 CET
      { ...at("2025-03-29T23:00:00Z"), entityId: "so-00:00" }, // Sun 30.03. 00:00 CET
      { ...at("2025-03-30T21:59:59Z"), entityId: "so-23:59" }, // Sun 30.03. 23:59:59 CEST
      { ...at("2025-03-30T22:00:00Z"), entityId: "mo-00:00" }, // Mon 31.03. 00:00 CEST
    ]);
    const list_ = async (query: string) => (await list(`?action=test.dst${query}`)).data.events;
    const ids = async (query: string) => (await list_(query)).map((e) => e.entity.filter!.entityId).sort();
    expect(await ids("&from=2025-03-30&to=2025-03-30")).toEqual(["so-00:00", "so-23:59"]);
    expect(await ids("&to=2025-03-29")).toEqual(["sa-23:59"]);
    expect(await ids("&from=2025-03-31")).toEqual(["mo-00:00"]);
    expect(await ids("")).toHaveLength(4);
    expect((await list_("&order=oldest")).map((e) => e.time)).toEqual([
      "29.03.2025, 23:59 Uhr",
      "30.03.2025, 00:00 Uhr",
      "30.03.2025, 23:59 Uhr",
      "31.03.2025, 00:00 Uhr",
    ]);
  });

  it("D16/D18: an invalid date, a reversed range, a bad e-mail, person, object or order is a 400 with a German message and no events", async () => {
    for (const [query, message] of [
      ["?from=2026-02-30", "Bitte ein gültiges Datum angeben."],
      ["?to=gestern", "Bitte ein gültiges Datum angeben."],
      ["?from=2026-03-10&to=2026-03-01", "Das Enddatum darf nicht vor dem Anfangsdatum liegen."],
      ["?actor=kein-at-zeichen", "Bitte eine gültige E-Mail-Adresse eingeben."],
      ["?actorId=1%20OR%201%3D1", "Bitte eine Person aus der Liste wählen."],
      ["?entityId=5", "Bitte zuerst eine Objektart wählen."],
      ["?entityType=user&entityId=x'%3B--", "Bitte ein Objekt aus dem Protokoll wählen."],
      ["?order=entity_id", "Bitte eine Sortierung aus der Liste wählen."],
      ["?action=member.updated'%3B--", "Bitte eine Aktion aus der Liste wählen."],
      ["?page=abc", "Bitte eine gültige Seitenzahl angeben."],
    ] as const) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.data.result.error), query).toContain(message);
      expect(res.data.events).toEqual([]);
      const file = await csv(query);
      expect(file.status, query).toBe(400);
      expect(await file.text(), query).toContain(message);
    }
  });

  it("pages 50 events at a time, newest first (or oldest first), keeping the filter", async () => {
    await getDb().db.insert(auditEvents).values(Array.from({ length: 55 }, (_, i) => ({ action: "test.bulk", entityType: "test", entityId: String(i + 1) })));
    const first = await list("?action=test.bulk");
    expect(first.data.events).toHaveLength(50);
    expect(first.data.hasMore).toBe(true);
    expect(object(first.data.events[0])).toBe("test: 55");
    const second = await list("?action=test.bulk&page=2");
    expect(second.data.page).toBe(2);
    expect(second.data.events.map((e) => e.entity.filter!.entityId)).toEqual(["5", "4", "3", "2", "1"]);
    expect(second.data.hasMore).toBe(false);
    const oldest = await list("?action=test.bulk&order=oldest&page=2");
    expect(oldest.data.events.map((e) => e.entity.filter!.entityId)).toEqual(["51", "52", "53", "54", "55"]);
  });

  it("item 10: the CSV export has a BOM, ';', CRLF, German headers, quoted values and the page's readable values", async () => {
    const res = await csv(`?entityType=calendar_event&entityId=${eventId}&order=oldest`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="kai-protokoll-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Zeitpunkt;Person;Aktion;Objektart;Objekt;Feld;Vorher;Nachher");
    expect(text.endsWith("\r\n")).toBe(true);
    // A title with ';' is quoted, so it stays one field.
    expect(lines[1]).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr;Arne Aufsicht;Termin angelegt und eingeladen;Termin;"EWOS-Grundlagen; Teil 1";/);
    expect(text).toContain(';Beginn;01.12.2026, 09:00 Uhr;01.07.2026, 18:05 Uhr\r\n');
    // A line break inside a value is quoted too (and is a bare LF, not a record delimiter).
    expect(text).toContain(';Ort;leer;"Zentrum Nord\nRaum 2"\r\n');
    // One line per changed field: 6 at creation + 4 at the change, plus the header and the final CRLF.
    expect(lines).toHaveLength(1 + 6 + 4 + 1);

    const members = new TextDecoder().decode(await (await csv(`?entityType=municipality&entityId=${jemgumId}`)).arrayBuffer());
    const n = (v: number) => new Intl.NumberFormat("de-DE").format(v);
    expect(members).toContain(`;Arne Aufsicht;Mitglied geändert;Mitglied;Jemgum;Einwohnerzahl;${n(inhabitantsBefore)};${n(inhabitantsBefore + 25)}\r\n`);
  });

  it("item 10: the CSV export neutralises spreadsheet formulas with a leading apostrophe", async () => {
    await recordAudit({ actorId: null, action: "test.formula", entityType: "test", after: { a: "=HYPERLINK(\"http://x.example\")", b: "+1", c: "-2", d: "@SUM(A1)", e: "harmlos" } });
    const text = await (await csv("?action=test.formula")).text();
    expect(text).toContain(`;a;leer;"'=HYPERLINK(""http://x.example"")"\r\n`);
    expect(text).toContain(";b;leer;'+1\r\n");
    expect(text).toContain(";c;leer;'-2\r\n");
    expect(text).toContain(";d;leer;'@SUM(A1)\r\n");
    expect(text).toContain(";e;leer;harmlos\r\n");
  });

  it("C14: municipal IT and advisers get 404 for the page and the CSV, with or without filters", async () => {
    for (const cookie of [cookies.it, cookies.adviser]) {
      for (const query of ["", "?action=member.updated", "?from=kaputt"]) {
        const res = await list(query, cookie);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.data)).not.toContain("Arne Aufsicht");
        const file = await csv(query, cookie);
        expect(file.status).toBe(404);
        expect(await file.text()).not.toContain("Arne Aufsicht");
      }
    }
    const anonymous = await call(auditLoader, makeRequest("/admin/audit"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/anmelden?redirectTo=%2Fadmin%2Faudit");
    const anonymousCsv = await csv("", null);
    expect(anonymousCsv.status).toBe(302);
  });
});
