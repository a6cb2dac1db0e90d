import { eq } from "drizzle-orm";
import { berlinToday } from "~/format";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { procedures } from "#db/schema/procedures";
import { cannedReplies, centreClosingDays, productContacts } from "#db/schema/tickets";
import { db } from "~/db.server";
import { cannedRepliesFor } from "~/modules/tickets/settings.server";
import { loadBusinessHours, loadRoutingContext, loadSlaTargets } from "~/modules/tickets/routing-input.server";
import * as settings from "~/routes/betreuung.einstellungen";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { ticketPeople } from "../ticket-fixtures";

const getDb = useTestDatabase();
const PAGE = "/betreuung/einstellungen";
const post = (cookie: string, form: Record<string, string>) => call(settings.action, makeRequest(PAGE, { cookie, form }));

const slaForm = (overrides: Record<string, string> = {}) => ({
  intent: "sla",
  kritisch_response: "60",
  kritisch_resolution: "480",
  hoch_response: "240",
  hoch_resolution: "1.440",
  normal_response: "480",
  normal_resolution: "2400",
  niedrig_response: "960",
  niedrig_resolution: "4.800",
  ...overrides,
});

describe("support settings (issue 7, items 4, 8, 11)", () => {
  it("admins set SLA targets, routing overrides, product contacts and closing days; routing and the SLA clock read them", async () => {
    const people = await ticketPeople(getDb().db, "einst");
    const admin = await createUser(getDb().db, { email: "einst.admin@kai.example", name: "Ada Administratorin", roles: [{ role: "admin" }] });
    const cookie = await sessionCookieFor(admin.id);

    const page = await call(settings.loader, makeRequest(PAGE, { cookie }));
    expect(page.status).toBe(200);
    expect(page.data.admin).toBe(true);
    expect(page.data.targets.find((t: { priority: string }) => t.priority === "kritisch")).toEqual({ priority: "kritisch", responseMinutes: 60, resolutionMinutes: 480 });

    // SLA targets in German digits; a zero is refused with a German message.
    const zero = await post(cookie, slaForm({ hoch_response: "0" }));
    expect(zero.status).toBe(400);
    expect(zero.data.errors).toEqual(["Die Reaktionszeit für „hoch“ muss mindestens 1 sein."]);
    expect(await post(cookie, slaForm({ hoch_response: "120" }))).toMatchObject({ status: 302, location: `${PAGE}?erledigt=sla` });
    const targets = await loadSlaTargets();
    expect(targets.hoch).toEqual({ response: 120 * 60_000, resolution: 1440 * 60_000 });
    const changed = await db.select().from(auditEvents).where(eq(auditEvents.action, "settings.sla_target_changed"));
    expect(changed.map((e) => e.after)).toEqual([{ priority: "hoch", responseMinutes: 120, resolutionMinutes: 1440 }]);

    // A routing override: EWOS tickets of Nord go to the adviser; the routing context has it.
    expect((await post(cookie, { intent: "add-override", centreId: "nord", procedureId: String(people.ewosId), moduleId: "", target: `adviser:${people.adviser.id}` })).status).toBe(302);
    const duplicate = await post(cookie, { intent: "add-override", centreId: "nord", procedureId: String(people.ewosId), moduleId: "", target: "centre:west" });
    expect(duplicate.data.errors).toEqual(["Für dieses Zentrum und Verfahren gibt es schon eine Vorgabe. Bitte entfernen Sie sie zuerst."]);
    let context = await loadRoutingContext(berlinToday());
    expect(context.config.overrides).toEqual([{ centreId: "nord", procedureId: people.ewosId, moduleId: null, target: { kind: "adviser", adviserId: people.adviser.id } }]);
    const listed = await call(settings.loader, makeRequest(PAGE, { cookie }));
    expect(listed.data.overrides).toMatchObject([{ centreId: "nord", adviser: people.adviser.name }]);
    expect((await post(cookie, { intent: "remove-override", id: String(listed.data.overrides[0].id) })).status).toBe(302);
    context = await loadRoutingContext(berlinToday());
    expect(context.config.overrides).toEqual([]);

    // A product contact only for a framework product.
    const [framework] = await db.select().from(procedures).where(eq(procedures.kind, "framework")).limit(1);
    const core = await post(cookie, { intent: "set-contact", procedureId: String(people.ewosId), userId: people.adviser.id });
    expect(core.data.errors).toEqual(["Bitte ein Rahmenvertragsprodukt wählen."]);
    expect((await post(cookie, { intent: "set-contact", procedureId: String(framework.id), userId: people.adviser.id })).status).toBe(302);
    expect(await db.select().from(productContacts)).toEqual([{ procedureId: framework.id, userId: people.adviser.id }]);
    expect((await loadRoutingContext(berlinToday())).config.productContacts).toMatchObject([{ procedureId: framework.id, userId: people.adviser.id }]);

    // A closing day: the centre's business hours know it.
    const nextYear = `${Number(berlinToday().slice(0, 4)) + 1}-06-15`;
    expect((await post(cookie, { intent: "add-closing", centreId: "nord", day: nextYear, note: "Betriebsausflug" })).status).toBe(302);
    expect((await post(cookie, { intent: "add-closing", centreId: "nord", day: nextYear })).data.errors).toEqual(["Dieser Schließtag ist schon eingetragen."]);
    expect(await db.select().from(centreClosingDays)).toEqual([{ centreId: "nord", day: nextYear, note: "Betriebsausflug" }]);
    expect(JSON.stringify((await loadBusinessHours()).get("nord"))).toContain(nextYear);
  });

  it("centre managers keep their centre's canned replies; other settings and other centres are 404 or refused", async () => {
    const people = await ticketPeople(getDb().db, "text");
    const nord = await sessionCookieFor(people.manager.id);
    const west = await sessionCookieFor(people.westManager.id);

    const page = await call(settings.loader, makeRequest(PAGE, { cookie: nord }));
    expect(page.data.admin).toBe(false);
    expect(page.data.centres.map((c: { id: string }) => c.id)).toEqual(["nord"]);
    expect(page.data).not.toHaveProperty("targets");

    expect((await post(nord, { intent: "save-reply", centreId: "nord", title: "Neustart", body: "Bitte starten Sie den Client neu.\nDanach erneut anmelden." })).status).toBe(302);
    const duplicate = await post(nord, { intent: "save-reply", centreId: "nord", title: "Neustart", body: "x" });
    expect(duplicate.data.errors).toEqual(["Einen Textbaustein mit diesem Titel gibt es in diesem Zentrum schon."]);
    expect((await post(nord, { intent: "save-reply", centreId: "west", title: "Fremd", body: "x" })).data.errors).toEqual(["Bitte ein Zentrum aus der Liste wählen."]);
    const [reply] = await db.select().from(cannedReplies).where(eq(cannedReplies.centreId, "nord"));
    expect(await cannedRepliesFor("nord")).toEqual([{ id: reply.id, title: "Neustart", body: "Bitte starten Sie den Client neu.\nDanach erneut anmelden." }]);

    // West's manager neither sees nor changes nor deletes it.
    expect((await call(settings.loader, makeRequest(PAGE, { cookie: west }))).data.replies).toEqual([]);
    expect((await post(west, { intent: "save-reply", id: String(reply.id), centreId: "west", title: "Übernommen", body: "x" })).status).toBe(404);
    expect((await post(west, { intent: "delete-reply", id: String(reply.id) })).status).toBe(404);
    // Admin settings are not for managers.
    expect((await post(nord, slaForm())).status).toBe(404);
    expect((await post(nord, { intent: "add-closing", centreId: "nord", day: "2099-01-02" })).status).toBe(404);

    // Edited and deleted by Nord's manager.
    expect((await post(nord, { intent: "save-reply", id: String(reply.id), centreId: "nord", title: "Neustart des Clients", body: "Bitte neu starten." })).status).toBe(302);
    expect(await cannedRepliesFor("nord")).toMatchObject([{ title: "Neustart des Clients" }]);
    expect((await post(nord, { intent: "delete-reply", id: String(reply.id) })).status).toBe(302);
    expect(await cannedRepliesFor("nord")).toEqual([]);
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.entityType, "canned_reply"));
    expect(trail.map((e) => e.action)).toEqual(["canned_reply.created", "canned_reply.updated", "canned_reply.deleted"]);

    // Advisers and municipal IT: the page does not exist.
    for (const userId of [people.adviser.id, people.reporter.id]) {
      expect((await call(settings.loader, makeRequest(PAGE, { cookie: await sessionCookieFor(userId) }))).status).toBe(404);
    }
  });
});
