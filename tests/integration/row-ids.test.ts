import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isRowId, MAX_ROW_ID, parseRowId } from "~/validation";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { sessionCookieFor } from "../http";

// ACCEPTANCE C14 and D18: an id in a URL, a form or a filter that no row can have (past
// PostgreSQL's integer, or not plain digits) is "not found" or a named bad filter, never a 500
// from the database ("value out of range for type integer").
useTestDatabase();
const server = useTestServer();
let cookie: string;

beforeAll(async () => {
  const admin = await createUser(db, { email: "admin.ids@kai.example", name: "Ida Ids", roles: [{ role: "admin" }] });
  cookie = await sessionCookieFor(admin.id);
});

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

  it.each([
    `/facharbeitskreise/finas/sitzungen/${TOO_BIG}`,
    `/facharbeitskreise/finas/sitzungen/${TOO_BIG}/protokoll`,
    `/facharbeitskreise/finas/sitzungen/99999999999/bearbeiten`,
    `/facharbeitskreise/aufgaben/${TOO_BIG}`,
    `/betreuung/abwesenheiten/${TOO_BIG}/umverteilen`,
    `/schulungen/${TOO_BIG}`,
    `/schulungen/anfragen/${TOO_BIG}`,
  ])("GET %s is 404", async (path) => {
    expect((await server.request(path, { headers: { Cookie: cookie } })).status).toBe(404);
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
