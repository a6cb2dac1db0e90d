import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { doneKey, doneMessage } from "~/validation";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { sessionCookieFor } from "../http";

// ACCEPTANCE D18 (bad input gets a clear answer, never a 500): the message after a redirect comes
// from `?erledigt=` (`?gespeichert=` on a ticket). Only a page's own keys name a message; names
// every object has ("constructor", "__proto__", "toString") are no message either, as any other
// unknown key. Before, they handed the page a function: a 500, or an empty "Erledigt" box.
useTestDatabase();
const server = useTestServer();
let cookie: string;

beforeAll(async () => {
  const admin = await createUser(db, { email: "admin.erledigt@kai.example", name: "Erika Erledigt", roles: [{ role: "admin" }] });
  cookie = await sessionCookieFor(admin.id);
});

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
