import { beforeAll, describe, expect, it } from "vitest";
import { municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import { doneKey, doneMessage, isRowId, MAX_ROW_ID, parseRowId } from "~/validation";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { sessionCookieFor } from "../http";

// ACCEPTANCE C14 and D18: input from the address bar or a form that names nothing gets a clear
// answer (404, a named bad filter, or simply no message), never a 500. Through the real server, as
// an admin, who may open every page named here.
useTestDatabase();
const server = useTestServer();
let cookie: string;

beforeAll(async () => {
  const admin = await createUser(db, { email: "admin.eingaben@kai.example", name: "Erika Eingabe", roles: [{ role: "admin" }] });
  cookie = await sessionCookieFor(admin.id);
});

// The message after a redirect comes from `?erledigt=` (`?gespeichert=` on a ticket). Only a
// page's own keys name a message; names every object has ("constructor", "__proto__",
// "toString") are no message either, as any other unknown key. Before, they handed the page a
// function: a 500, or an empty "Erledigt" box.
const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const PAGES = [
  { path: "/konto", key: "andere-sitzungen", message: "Sie sind jetzt auf allen anderen Geräten abgemeldet." },
  { path: "/betreuung/abwesenheiten", key: "eingetragen", message: "Die Abwesenheit ist eingetragen." },
  { path: "/schulungen/raeume", key: null, message: null },
  { path: "/betreuung/einstellungen", key: null, message: null },
];

describe("?erledigt= names only the page's own messages", () => {
  it("doneKey and doneMessage take own keys only", () => {
    const messages = { gespeichert: "Gespeichert." };
    expect(doneKey(messages, "gespeichert")).toBe("gespeichert");
    expect(doneMessage(messages, "gespeichert")).toBe("Gespeichert.");
    for (const key of [...INHERITED, "", null, undefined, "unbekannt"]) {
      expect(doneKey(messages, key), String(key)).toBeNull();
      expect(doneMessage(messages, key), String(key)).toBeNull();
    }
  });

  it.each(PAGES)("$path: an inherited name is no message, the page answers 200; its own key shows its message", async ({ path, key, message }) => {
    for (const name of INHERITED) {
      const res = await server.request(`${path}?erledigt=${encodeURIComponent(name)}`, { headers: { Cookie: cookie } });
      expect(res.status, `${path}?erledigt=${name}`).toBe(200);
      const html = await res.text();
      expect(html, `${path}?erledigt=${name}`).not.toMatch(/function Object\(\)|\[native code\]/);
      if (message) expect(html).not.toContain(message);
    }
    if (key && message) {
      const res = await server.request(`${path}?erledigt=${key}`, { headers: { Cookie: cookie } });
      expect(await res.text()).toContain(message);
    }
  });
});

// An id in a URL, a form or a filter that no row can have (past PostgreSQL's integer, or not plain
// digits) is "not found" or a named bad filter, not the database's "value out of range for type integer".
const TOO_BIG = String(MAX_ROW_ID + 1);

describe("row ids", () => {
  it("parseRowId takes plain digits from 1 to 2,147,483,647 only", () => {
    expect(parseRowId("1")).toBe(1);
    expect(parseRowId(String(MAX_ROW_ID))).toBe(MAX_ROW_ID);
    for (const bad of [TOO_BIG, "99999999999", "0", "-1", "1.5", "1e0", "0x1", " 1", "", null, undefined, "abc"]) expect(parseRowId(bad), String(bad)).toBeNull();
    expect(isRowId(MAX_ROW_ID)).toBe(true);
    expect(isRowId(MAX_ROW_ID + 1)).toBe(false);
    expect(isRowId(0)).toBe(false);
  });

  // Every page with an id in its path reads it with rowIdOrNotFound; each of these is no row id.
  const NO_ROW_IDS = [TOO_BIG, "99999999999", "0", "1e0", "0x1", "-1"];
  const ID_PAGES = [
    "/facharbeitskreise/finas/sitzungen/{id}",
    "/facharbeitskreise/finas/sitzungen/{id}/bearbeiten",
    "/facharbeitskreise/finas/sitzungen/{id}/antworten",
    "/facharbeitskreise/finas/sitzungen/{id}/protokoll",
    "/facharbeitskreise/finas/sitzungen/{id}/protokoll.pdf",
    "/facharbeitskreise/finas/sitzungen/{id}/tagesordnung.pdf",
    "/facharbeitskreise/finas/sitzungen/{id}/dokumente/1",
    "/facharbeitskreise/aufgaben/{id}",
    "/betreuung/abwesenheiten/{id}/umverteilen",
    "/schulungen/{id}",
    "/schulungen/{id}/bearbeiten",
    "/schulungen/{id}/anwesenheit",
    "/schulungen/{id}/anwesenheit.pdf",
    "/schulungen/{id}/rueckmeldung",
    "/schulungen/{id}/bescheinigung.pdf",
    "/schulungen/1/bescheinigung.pdf?teilnehmer={id}",
    "/schulungen/neu?anfrage={id}",
    "/schulungen/anfragen/{id}",
    "/mitglieder/{id}/bearbeiten",
  ];
  it.each(ID_PAGES)("GET %s is 404 for every id no row can have", async (template) => {
    for (const id of NO_ROW_IDS) {
      const path = template.replace("{id}", encodeURIComponent(id));
      expect((await server.request(path, { headers: { Cookie: cookie } })).status, path).toBe(404);
    }
  });

  it("the same pages open with a real id (a member's edit page)", async () => {
    const [member] = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
    expect((await server.request(`/mitglieder/${member.id}/bearbeiten`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await server.request(`/mitglieder/0${member.id}/bearbeiten`, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("a ticket filter with such an id is a named bad filter (400), not a 500", async () => {
    const res = await server.request(`/betreuung/tickets?verfahren=${TOO_BIG}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(400);
  });

  it("a form that names such an id is refused (404), not a 500", async () => {
    const res = await server.request("/betreuung/abwesenheiten", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "delete", id: TOO_BIG }).toString(),
    });
    expect(res.status).toBe(404);
  });
});
