import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "#db/schema/auth";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { useTestServer } from "../app";
import { statementRecorder, type Statement } from "../statements";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";

// Issue 6, items 11 and 13: one lookup of the signed-in person per request, in at most two
// statements, counted on every statement drizzle sends while one request goes through the real app
// (server/app.js, Remix, the root and page loaders, the rendering).

const recorder = statementRecorder();
const getDb = useTestDatabase({ logger: recorder.logger });

const app = useTestServer();
const people: Record<"admin" | "municipalIt", { id: string; cookie: string }> = {} as never;

beforeAll(async () => {
  const db = getDb().db;
  const admin = await createUser(db, { email: "admin@statements.example", name: "Anna Admin", roles: [{ role: "admin" }] });
  const it = await createUser(db, { email: "it@statements.example", name: "Jens Jemgumer", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  people.admin = { id: admin.id, cookie: await sessionCookieFor(admin.id) };
  people.municipalIt = { id: it.id, cookie: await sessionCookieFor(it.id) };
}, 120_000);

/** Every statement one GET sends, and the response. */
async function statementsOf(path: string, cookie?: string) {
  const { result, statements } = await recorder.record(async () => {
    const res = await fetch(new URL(path, app.url), { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text() };
  });
  return { ...result, statements };
}

/**
 * The statements that look up who is signed in: every one that reads or writes a session, and the
 * reads of the person's own row or role grants (the lookup before the fix read those separately).
 */
function signInStatements(statements: Statement[], userId: string) {
  return statements.filter(
    (s) => /"sessions"/.test(s.sql) || (/from "(users|user_roles|user_second_factors)"/.test(s.sql) && s.params.includes(userId)),
  );
}

function describeStatements(statements: Statement[]) {
  return statements.map((s) => s.sql.replace(/\s+/g, " ").slice(0, 160)).join("\n");
}

describe("issue 6, item 13: statements per request through the real app", () => {
  for (const who of ["admin", "municipalIt"] as const) {
    it(`/start signed in as ${who}: the signed-in person and their roles in at most 2 statements`, async () => {
      const { status, html, statements } = await statementsOf("/start", people[who].cookie);
      expect(status).toBe(200);
      expect(html).toContain("Meine Übersicht");
      const auth = signInStatements(statements, people[who].id);
      console.info(`/start as ${who}: ${statements.length} statements in all, ${auth.length} for the signed-in person`);
      expect(auth.length, describeStatements(auth)).toBeLessThanOrEqual(2);
      expect(auth.length).toBeGreaterThanOrEqual(1);
    });
  }

  it("/verwaltung as admin: the second factor's state comes with the same lookup (issue 6 item 8)", async () => {
    const { status, html, statements } = await statementsOf("/verwaltung", people.admin.cookie);
    expect(status).toBe(200);
    expect(html).toContain("<h1");
    const auth = signInStatements(statements, people.admin.id);
    console.info(`/verwaltung as admin: ${statements.length} statements in all, ${auth.length} for the signed-in person`);
    expect(auth.length, describeStatements(auth)).toBe(1);
  });

  it("a session due its idle refresh takes one more statement, still at most 2", async () => {
    const db = getDb().db;
    const token = people.admin.cookie.split("=")[1];
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(sessions.id, hashToken(token)));
    const { status, statements } = await statementsOf("/start", people.admin.cookie);
    expect(status).toBe(200);
    const auth = signInStatements(statements, people.admin.id);
    expect(auth.length, describeStatements(auth)).toBe(2);
    expect(auth.some((s) => /^update "sessions"/.test(s.sql))).toBe(true);
  });

  it("issue 6, item 11: an admin's start page loads no municipality names", async () => {
    const { status, statements } = await statementsOf("/start", people.admin.cookie);
    expect(status).toBe(200);
    const municipalityReads = statements.filter((s) => /from "municipalities"/.test(s.sql));
    expect(municipalityReads, describeStatements(municipalityReads)).toEqual([]);
  });

  it("the bare page, signed out, sends no statement at all", async () => {
    const { status, html, statements } = await statementsOf("/leistung/leer");
    expect(status).toBe(200);
    expect(html).toContain("<h1>Leere Seite</h1>");
    expect(statements, describeStatements(statements)).toEqual([]);
  });
});

describe("issue 6, item 11: the lookup is kept for one request (its load context), and only for reading", () => {
  it("loaders of one request share one lookup; another request looks up again", async () => {
    const context = {};
    const shared = await recorder.record(async () => {
      const first = await getCurrentUser(makeRequest("/start", { cookie: people.admin.cookie }), context);
      const second = await getCurrentUser(makeRequest("/start", { cookie: people.admin.cookie }), context);
      expect(second).toBe(first);
    });
    expect(signInStatements(shared.statements, people.admin.id)).toHaveLength(1);
    const another = await recorder.record(() => getCurrentUser(makeRequest("/start", { cookie: people.admin.cookie }), {}));
    expect(signInStatements([...shared.statements, ...another.statements], people.admin.id)).toHaveLength(2);
  });

  it("an action's lookup is not kept: the loaders after it see what the action changed", async () => {
    const context = {};
    const db = getDb().db;
    const before = await getCurrentUser(makeRequest("/konto", { cookie: people.municipalIt.cookie, method: "POST" }), context);
    expect(before?.name).toBe("Jens Jemgumer");
    await db.update(users).set({ name: "Jens Umbenannt" }).where(eq(users.id, people.municipalIt.id));
    const after = await getCurrentUser(makeRequest("/konto", { cookie: people.municipalIt.cookie }), context);
    expect(after?.name).toBe("Jens Umbenannt");
    await db.update(users).set({ name: "Jens Jemgumer" }).where(eq(users.id, people.municipalIt.id));
  });
});
