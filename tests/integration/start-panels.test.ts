import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "#db/schema/auth";
import { centres } from "#db/schema/members";
import { seedDemoTraining } from "#db/seed/demo-training";
import { seedDemoPeople } from "#db/seed/demo";
import { db } from "~/db.server";
import { cancelCalendarEvent, createCalendarEvent, removeAttendee, type EventInput } from "~/modules/calendar/events.server";
import { contactsPanel } from "~/modules/members/start-panels.server";
import type { LoadedStartPanel } from "~/modules/start/panel";
import { PANEL_FAILED_MESSAGE, START_PANEL_VIEWS, StartPanels } from "~/modules/start/panels";
import { START_PANELS } from "~/modules/start/panels.server";
import * as start from "~/routes/start";
import * as eventIcs from "~/routes/kalender.termin.$id";
import { useTestDatabase } from "../db";
import { createUser, DEMO_PEOPLE, getUserByEmail } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

// Issue 5, item 7: "Meine Übersicht" (/start) is built from panels that modules contribute.
const getDb = useTestDatabase();

interface StartData {
  name: string;
  panels: LoadedStartPanel[];
}

async function startFor(cookie: string, correlationId = "test") {
  const res = await call<StartData>(start.loader, makeRequest("/start", { cookie }), {}, { clientIp: "127.0.0.1", correlationId });
  expect(res.status).toBe(200);
  return res.data;
}

function ids(data: StartData) {
  return data.panels.map((p) => p.id);
}

function panelData<T = any>(data: StartData, id: string): T {
  const panel = data.panels.find((p) => p.id === id);
  if (!panel) throw new Error(`panel ${id} missing: ${ids(data).join(", ")}`);
  if (panel.state !== "ready") throw new Error(`panel ${id} failed`);
  return panel.data as T;
}

/** The panels as the browser gets them (server-rendered markup). */
function render(data: StartData) {
  return renderToStaticMarkup(createElement(StaticRouter, { location: "/start" }, createElement(StartPanels, { panels: data.panels })));
}

const inDays = (days: number, hours = 3): Pick<EventInput, "startsAt" | "endsAt"> => {
  // 08:00 UTC on that day, so that an event never crosses midnight, whenever the suite runs.
  const startsAt = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + days * 86_400_000 + 8 * 3_600_000);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000) };
};

const cookies: Record<string, string> = {};
const eventIds: Record<string, string> = {};

beforeAll(async () => {
  const handle = getDb().db;
  const people = {
    admin: await createUser(handle, { email: "admin.panels@kai.example", name: "Alma Admin", roles: [{ role: "admin" }] }),
    managerNord: await createUser(handle, { email: "leitung.nord.panels@kai.example", name: "Nele Nordleitung", roles: [{ role: "centre_manager", centre: "nord" }] }),
    managerWest: await createUser(handle, { email: "leitung.west.panels@kai.example", name: "Wilma Westleitung", roles: [{ role: "centre_manager", centre: "west" }] }),
    adviserWest: await createUser(handle, {
      email: "betreuung.west.panels@kai.example",
      name: "Wanda Westberatung",
      roles: [{ role: "adviser", centre: "west" }],
      competences: ["EWOS", "FINAS"],
      municipality: "Rheine",
    }),
    adviserNord: await createUser(handle, {
      email: "betreuung.nord.panels@kai.example",
      name: "Bruno Betreuer",
      roles: [{ role: "adviser", centre: "nord" }],
      competences: ["EWOS", "FINAS"],
      municipality: "Buxtehude",
    }),
    formerAdviserWest: await createUser(handle, {
      email: "ehemals.west.panels@kai.example",
      name: "Erwin Ehemals",
      roles: [{ role: "adviser", centre: "west" }],
      competences: ["PERSOS"],
      active: false,
    }),
    trainer: await createUser(handle, { email: "schulung.panels@kai.example", name: "Tina Trainer", roles: [{ role: "trainer" }] }),
    editor: await createUser(handle, { email: "redaktion.panels@kai.example", name: "Rudi Redakteur", roles: [{ role: "editor" }] }),
    chair: await createUser(handle, {
      email: "fak.panels@kai.example",
      name: "Frida Finanz",
      roles: [{ role: "wg_chair", group: "FINAS" }, { role: "wg_member", group: "FINAS" }],
    }),
    itJemgum: await createUser(handle, { email: "it.jemgum.panels@kai.example", name: "Jana Jemgum", roles: [{ role: "municipal_it", municipality: "Jemgum" }] }),
    itBuxtehude: await createUser(handle, { email: "it.buxtehude.panels@kai.example", name: "Bodo Buxte", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] }),
    nobody: await createUser(handle, { email: "ohne.rolle.panels@kai.example", name: "Olga Ohnerolle" }),
  };
  for (const [key, person] of Object.entries(people)) if (person.active) cookies[key] = await sessionCookieFor(person.id);

  // Contact data: West filled in, Nord left empty (the page must cope with both).
  await db
    .update(centres)
    .set({ street: "Marktstraße 1", postalCode: "48431", phone: "05971 555-0100", email: "zentrum.west@kai.example" })
    .where(eq(centres.id, "west"));
  await db.update(centres).set({ street: null, postalCode: null, phone: null, email: null }).where(eq(centres.id, "nord"));
  await db.update(users).set({ phone: "05971 555-0110" }).where(eq(users.id, people.managerWest.id));
  await db.update(users).set({ phone: "05971 555-0120" }).where(eq(users.id, people.adviserWest.id));

  const it = { email: people.itJemgum.email, name: people.itJemgum.name, userId: people.itJemgum.id };
  const other = { email: people.itBuxtehude.email, name: people.itBuxtehude.name, userId: people.itBuxtehude.id };
  const create = (key: string, event: EventInput, attendees: (typeof it)[]) =>
    db.transaction(async (tx) => {
      eventIds[key] = (await createCalendarEvent({ event, attendees }, tx)).id;
    });
  await create("invited", { kind: "seminar", title: "KAI-EWOS: Meldewesen kompakt", location: "Zentrum West, Rheine", ...inDays(10) }, [it, other]);
  await create("later", { kind: "info_event", title: "Infotag Zentrum West", location: null, ...inDays(20) }, [it]);
  await create("cancelled", { kind: "seminar", title: "Abgesagte Schulung", location: "Zentrum West, Rheine", ...inDays(5) }, [it]);
  await cancelCalendarEvent({ eventId: eventIds.cancelled });
  await create("removed", { kind: "meeting", title: "Sitzung ohne Jana", location: "Verden", ...inDays(6) }, [it, other]);
  await removeAttendee({ eventId: eventIds.removed, email: it.email });
  await create("foreign", { kind: "meeting", title: "Nur für Bodo", location: "Buxtehude", ...inDays(3) }, [other]);
  await create("past", { kind: "seminar", title: "Vergangene Schulung", location: "Rheine", ...inDays(-10) }, [it]);
  // Invited by address only (no user id): still hers.
  await create("byEmail", { kind: "visit", title: "Vor-Ort-Termin Jemgum", location: "Rathaus Jemgum", ...inDays(15, 2) }, [{ ...it, userId: null as never }]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the panel registry", () => {
  it("has unique ids, and every panel has a view under the same id", () => {
    const panelIds = START_PANELS.map((p) => p.id);
    expect(new Set(panelIds).size).toBe(panelIds.length);
    for (const id of panelIds) expect(START_PANEL_VIEWS[id], id).toBeDefined();
    expect(Object.keys(START_PANEL_VIEWS).sort()).toEqual([...panelIds].sort());
  });
});

describe("/start: which panels each role sees (item 7)", () => {
  it("sends a signed-out visitor to the sign-in page", async () => {
    const res = await call(start.loader, makeRequest("/start"));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/anmelden?redirectTo=%2Fstart");
  });

  it("admin: appointments, Verwaltung with the five admin pages, roles, account", async () => {
    const data = await startFor(cookies.admin);
    expect(data.name).toBe("Alma Admin");
    expect(ids(data)).toEqual(["termine", "meine-schulungen", "verwaltung", "rollen", "konto"]);
    expect(panelData(data, "verwaltung").pages.map((p: { to: string; title: string }) => [p.title, p.to])).toEqual([
      ["Personen", "/admin/personen"],
      ["Mitglieder", "/mitglieder"],
      ["Zentren", "/admin/zentren"],
      ["Postfach", "/admin/postfach"],
      ["Protokoll", "/admin/audit"],
    ]);
    expect(panelData(data, "rollen").roles).toEqual(["Administration (KAI-Gruppe)"]);
  });

  it("centre manager: Verwaltung with only the pages their guards let in, and their centre's members with links and totals", async () => {
    const data = await startFor(cookies.managerNord);
    expect(ids(data)).toEqual(["zentrum-tickets", "termine", "meine-schulungen", "verwaltung", "zentrum", "rollen", "konto"]);
    expect(panelData(data, "zentrum-tickets")).toMatchObject({ open: 0, unassigned: 0, atRiskCount: 0 });
    const pages = panelData(data, "verwaltung").pages.map((p: { to: string }) => p.to);
    // The same sections as the Verwaltung area's navigation (app/components/areas.ts).
    expect(pages).toEqual(["/mitglieder"]);
    expect(pages.some((p: string) => p.startsWith("/admin"))).toBe(false);
    const [nord, ...others] = panelData(data, "zentrum").centres;
    expect(others).toEqual([]);
    expect(nord).toMatchObject({ id: "nord", name: "Nord", city: "Buxtehude", inhabitants: 202_000 });
    expect(nord.members).toHaveLength(13);
    expect(nord.members.map((m: { name: string }) => m.name)).toContain("Buxtehude");
    expect(nord.members.map((m: { name: string }) => m.name)).not.toContain("Rheine");
    const html = render(data);
    const buxtehude = nord.members.find((m: { name: string }) => m.name === "Buxtehude");
    expect(html).toContain(`<a href="/mitglieder#mitglied-${buxtehude.id}">Buxtehude</a>`);
    expect(html).toContain("Summe: 13 Mitglieder");
    expect(html).toContain("202.000");
  });

  it("adviser: my tickets (issue 7 item 20), their centre's members and their own competences", async () => {
    const data = await startFor(cookies.adviserNord);
    expect(ids(data)).toEqual(["meine-tickets", "termine", "meine-schulungen", "zentrum", "verfahren", "rollen", "konto"]);
    expect(panelData(data, "meine-tickets")).toMatchObject({ tickets: [], mine: 0, unassigned: 0 });
    expect(render(data)).toContain('href="/betreuung/tickets?ansicht=offen"');
    expect(panelData(data, "rollen").roles).toEqual(["Betreuung, Zentrum Nord"]);
    expect(panelData(data, "verfahren").procedures).toEqual([
      { code: "EWOS", name: "KAI-Einwohnerwesen" },
      { code: "FINAS", name: "KAI-Finanzwesen" },
    ]);
    expect(panelData(data, "zentrum").centres.map((c: { id: string }) => c.id)).toEqual(["nord"]);
  });

  it("municipal IT: contacts, its municipality's facts (no empty 'Mitglied seit'), appointments", async () => {
    const data = await startFor(cookies.itJemgum);
    expect(ids(data)).toEqual(["tickets-kommune", "termine", "meine-schulungen", "ansprechpersonen", "kommune", "rollen", "konto"]);
    expect(render(data)).toContain('href="/betreuung/neu"');
    expect(panelData(data, "rollen").roles).toEqual(["Kommunale IT, Jemgum"]);
    const { municipalities } = panelData(data, "kommune");
    expect(municipalities).toHaveLength(1);
    expect(municipalities[0]).toMatchObject({
      name: "Jemgum",
      kind: "Gemeinde",
      district: "Landkreis Leer",
      centreName: "West",
      centreCity: "Rheine",
      inhabitants: 3700,
      memberSince: null,
      yearlyLevyCents: 555_000,
    });
    const html = render(data);
    expect(html).toContain("Landkreis Leer");
    expect(html).toContain("5.550,00\u00a0€");
    expect(html).not.toContain("Mitglied seit");
    expect(html).not.toContain("nicht erfasst");
  });

  it("editor: 'Was bald kommt' names their coming work area; the trainer has Schulungen now (issue 8), the working-group chair Facharbeitskreise (issue 9)", async () => {
    const data = await startFor(cookies.editor);
    expect(ids(data)).toEqual(["termine", "meine-schulungen", "bald", "rollen", "konto"]);
    const { areas } = panelData(data, "bald");
    expect(areas.map((a: { area: string }) => a.area)).toEqual(["NeuigKAIten"]);
    expect(areas[0].text).toMatch(/Newsletters NeuigKAIten/);
    // The Facharbeitskreise area exists now: the chair's "Was bald kommt" is gone, their groups' panels and "Meine Aufgaben" (item 7) are there.
    expect(ids(await startFor(cookies.chair))).toEqual(["beitrittsanfragen", "meine-facharbeitskreise", "termine", "meine-aufgaben", "meine-schulungen", "rollen", "konto"]);
    expect(ids(await startFor(cookies.trainer))).toEqual(["naechste-schulungen", "termine", "meine-schulungen", "rollen", "konto"]);
    expect(panelData(await startFor(cookies.trainer), "rollen").roles).toEqual(["Schulung"]);
  });

  it("no role at all: still appointments, a roles panel that says what to do, and the account", async () => {
    const data = await startFor(cookies.nobody);
    expect(ids(data)).toEqual(["termine", "meine-schulungen", "rollen", "konto"]);
    const html = render(data);
    expect(html).toContain("Ihnen ist noch keine Rolle zugewiesen.");
    expect(html).toContain('href="/konto"');
  });

  it("renders one section with an h2 per panel, no h1 (the page has it) and no inline styles", async () => {
    for (const cookie of Object.values(cookies)) {
      const data = await startFor(cookie);
      const html = render(data);
      expect((html.match(/<h2 /g) ?? []).length).toBe(data.panels.length);
      expect(html).not.toContain("<h1");
      expect(html).not.toMatch(/style=/);
      expect(html).not.toContain(">null<");
      expect(html).not.toContain("undefined");
    }
  });
});

describe("Meine nächsten Termine", () => {
  it("lists the person's upcoming events with German date, place and the .ics link; not cancelled, removed, past or others' events", async () => {
    const data = await startFor(cookies.itJemgum);
    const { events } = panelData(data, "termine");
    expect(events.map((e: { title: string }) => e.title)).toEqual(["KAI-EWOS: Meldewesen kompakt", "Vor-Ort-Termin Jemgum", "Infotag Zentrum West"]);
    const [first] = events;
    expect(first).toMatchObject({ kind: "Schulung", location: "Zentrum West, Rheine", icsPath: `/kalender/termin/${eventIds.invited}.ics` });
    expect(first.when).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}–\d{2}:\d{2} Uhr$/);
    const html = render(data);
    expect(html).toContain(`href="/kalender/termin/${eventIds.invited}.ics"`);
    expect(html).toContain(first.when);
    for (const hidden of ["Abgesagte Schulung", "Sitzung ohne Jana", "Nur für Bodo", "Vergangene Schulung"]) expect(html).not.toContain(hidden);
  });

  it("shows at most five events, soonest first", async () => {
    const person = await createUser(getDb().db, { email: "viele.termine.panels@kai.example", name: "Vera Viele", roles: [{ role: "trainer" }] });
    const attendee = { email: person.email, name: person.name, userId: person.id };
    for (const day of [9, 2, 7, 4, 8, 3]) {
      await db.transaction((tx) => createCalendarEvent({ event: { kind: "seminar", title: `Termin in ${day} Tagen`, ...inDays(day) }, attendees: [attendee] }, tx));
    }
    const data = await startFor(await sessionCookieFor(person.id));
    expect(panelData(data, "termine").events.map((e: { title: string }) => e.title)).toEqual([2, 3, 4, 7, 8].map((d) => `Termin in ${d} Tagen`));
  });

  it("says so when there is nothing coming, and points to the calendar feed", async () => {
    const data = await startFor(cookies.admin);
    expect(panelData(data, "termine").events).toEqual([]);
    const html = render(data);
    expect(html).toContain("Keine anstehenden Termine.");
    expect(html).toContain('href="/konto"');
  });
});

describe("/kalender/termin/:id.ics", () => {
  const download = (id: string, cookie?: string) => call(eventIcs.loader, makeRequest(`/kalender/termin/${id}.ics`, { cookie }), { id: `${id}.ics` });

  it("gives an attendee the event as a calendar file", async () => {
    const res = await download(eventIds.invited, cookies.itJemgum);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const cal = new ICAL.Component(ICAL.parse(res.data as string));
    const vevent = cal.getFirstSubcomponent("vevent")!;
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(vevent.getFirstPropertyValue("summary")).toBe("KAI-EWOS: Meldewesen kompakt");
    expect(vevent.getFirstPropertyValue("location")).toBe("Zentrum West, Rheine");
    expect(cal.getAllSubcomponents("vevent")).toHaveLength(1);
  });

  it("C14: is 404 for a non-attendee, a removed attendee, an unknown or malformed id", async () => {
    expect((await download(eventIds.foreign, cookies.itJemgum)).status).toBe(404);
    expect((await download(eventIds.invited, cookies.admin)).status).toBe(404);
    expect((await download(eventIds.invited, cookies.managerWest)).status).toBe(404);
    expect((await download(eventIds.removed, cookies.itJemgum)).status).toBe(404);
    expect((await download(crypto.randomUUID(), cookies.itJemgum)).status).toBe(404);
    expect((await call(eventIcs.loader, makeRequest("/kalender/termin/x.ics", { cookie: cookies.itJemgum }), { id: "x.ics" })).status).toBe(404);
    expect((await call(eventIcs.loader, makeRequest(`/kalender/termin/${eventIds.invited}`, { cookie: cookies.itJemgum }), { id: eventIds.invited })).status).toBe(404);
    // The other attendee of the same event may fetch it.
    expect((await download(eventIds.invited, cookies.itBuxtehude)).status).toBe(200);
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    const res = await download(eventIds.invited);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/anmelden\?redirectTo=/);
  });
});

describe("Ihre Ansprechpersonen (municipal IT)", () => {
  it("shows the own centre with its contact data, its manager and its active advisers with procedures; nobody of another centre", async () => {
    const data = await startFor(cookies.itJemgum);
    const { centres: list } = panelData(data, "ansprechpersonen");
    expect(list).toHaveLength(1);
    const [west] = list;
    expect(west).toMatchObject({ id: "west", name: "West", city: "Rheine", street: "Marktstraße 1", postalCode: "48431", phone: "05971 555-0100", email: "zentrum.west@kai.example" });
    expect(west.managers).toEqual([{ name: "Wilma Westleitung", email: "leitung.west.panels@kai.example", phone: "05971 555-0110" }]);
    expect(west.advisers).toEqual([
      {
        name: "Wanda Westberatung",
        email: "betreuung.west.panels@kai.example",
        phone: "05971 555-0120",
        procedures: [
          { code: "EWOS", name: "KAI-Einwohnerwesen" },
          { code: "FINAS", name: "KAI-Finanzwesen" },
        ],
      },
    ]);
    const html = render(data);
    expect(html).toContain('href="mailto:leitung.west.panels@kai.example"');
    // A global number (RFC 3966), so it dials from any phone.
    expect(html).toContain('href="tel:+4959715550120"');
    expect(html).toContain("48431 Rheine");
    expect(html).toContain("KAI-EWOS, KAI-FINAS");
    for (const stranger of ["Erwin Ehemals", "Nele Nordleitung", "Bruno Betreuer", "PERSOS"]) expect(JSON.stringify(data)).not.toContain(stranger);
  });

  it("copes with a centre without contact data and people without phone numbers", async () => {
    const data = await startFor(cookies.itBuxtehude);
    const [nord] = panelData(data, "ansprechpersonen").centres;
    expect(nord).toMatchObject({ id: "nord", street: null, phone: null, email: null });
    expect(nord.managers.map((p: { name: string }) => p.name)).toEqual(["Nele Nordleitung"]);
    expect(nord.advisers.map((p: { name: string }) => p.name)).toEqual(["Bruno Betreuer"]);
    const html = render(data);
    expect(html).toContain("Buxtehude");
    expect(html).not.toContain("tel:");
    expect(html).not.toContain("null");
    expect(html).not.toContain("Wilma Westleitung");
  });

  it("is only for municipal IT", async () => {
    for (const who of ["admin", "managerWest", "adviserWest", "trainer"]) expect(ids(await startFor(cookies[who])), who).not.toContain("ansprechpersonen");
  });
});

describe("a failing panel", () => {
  it("does not break the page: its place shows a short notice, the rest loads, the error is logged with the correlation id", async () => {
    vi.spyOn(contactsPanel, "load").mockRejectedValue(new Error("database hiccup"));
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const data = await startFor(cookies.itJemgum, "corr-4711");
    expect(data.panels.find((p) => p.id === "ansprechpersonen")).toEqual({ id: "ansprechpersonen", title: "Ihre Ansprechpersonen", kind: "work", state: "failed" });
    expect(panelData(data, "kommune").municipalities).toHaveLength(1);
    expect(panelData(data, "termine").events.length).toBeGreaterThan(0);
    const html = render(data);
    expect(html).toContain("Ihre Ansprechpersonen");
    expect(html).toContain(PANEL_FAILED_MESSAGE);
    expect(PANEL_FAILED_MESSAGE).toBe("Dieser Bereich kann gerade nicht geladen werden.");
    expect(html).not.toContain("database hiccup");
    const line = written.map((w) => JSON.parse(w)).find((l) => l.message === "start panel failed");
    expect(line).toMatchObject({ level: "error", panel: "ansprechpersonen", correlationId: "corr-4711" });
    expect(JSON.stringify(data)).not.toContain("database hiccup");
  });
});

describe("C15: only what the person may see", () => {
  it("holds no hashes or tokens; addresses only of the person's own centre contacts", async () => {
    const allowed: Record<string, string[]> = {
      itJemgum: ["zentrum.west@kai.example", "leitung.west.panels@kai.example", "betreuung.west.panels@kai.example"],
      itBuxtehude: ["leitung.nord.panels@kai.example", "betreuung.nord.panels@kai.example"],
    };
    for (const [who, cookie] of Object.entries(cookies)) {
      const text = JSON.stringify(await startFor(cookie));
      expect(text).not.toContain("passwordHash");
      expect(text).not.toContain("$argon2");
      expect(text).not.toMatch(/token/i);
      expect(text).not.toContain("Erwin Ehemals");
      const addresses = [...new Set(text.match(/[\w.+-]+@kai\.example/g) ?? [])].sort();
      expect(addresses, who).toEqual([...(allowed[who] ?? [])].sort());
    }
  });
});

describe("the demo (db/seed/demo.ts)", () => {
  it("gives every demo role at least one work panel, and shows municipal IT the events it is invited to", async () => {
    await seedDemoPeople(getDb().db);
    await seedDemoTraining(getDb().db);
    await seedDemoPeople(getDb().db); // a second run invites nobody twice
    await seedDemoTraining(getDb().db);
    for (const person of DEMO_PEOPLE) {
      const user = await getUserByEmail(getDb().db, person.email);
      const data = await startFor(await sessionCookieFor(user!.id));
      const work = data.panels.filter((p) => p.kind === "work" && p.state === "ready");
      expect(work.length, person.email).toBeGreaterThan(0);
      expect(render(data)).not.toContain(PANEL_FAILED_MESSAGE);
    }
    const jemgum = await getUserByEmail(getDb().db, "it.jemgum@kai.example");
    const data = await startFor(await sessionCookieFor(jemgum!.id));
    // Titles carry soft hyphens for narrow screens (issue 5, item 2); the text reads the same.
    const titles = panelData(data, "termine").events.map((e: { title: string }) => e.title.replace(/\u00AD/g, ""));
    // The online information event (one date) and the full FINAS seminar (two dates) of the training demo.
    expect(titles).toEqual(["Informationsveranstaltung: Neuerungen im Release 2027.1", "KAI-Finanzwesen: Jahresabschluss Schritt für Schritt", "KAI-Finanzwesen: Jahresabschluss Schritt für Schritt"]);
  });
});
