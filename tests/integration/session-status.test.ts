import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "#db/schema/auth";
import { IDLE_TIMEOUT_MS } from "~/modules/auth/sessions.server";
import { action as extendAction } from "~/routes/sitzung.verlaengern";
import { loader as statusLoader } from "~/routes/sitzung.status";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();

describe("idle timeout (ACCEPTANCE A4)", () => {
  it("the status read does not extend the session; the one-click extension does, up to the absolute limit", async () => {
    const user = await createUser(getDb().db, { email: "status@kai.example", name: "Stella Status" });
    const cookie = await sessionCookieFor(user.id);
    const [row] = await getDb().db.select().from(sessions).where(eq(sessions.userId, user.id));
    // Pretend the person has been idle for 27 minutes.
    const idleExpiresAt = new Date(Date.now() + 3 * 60 * 1000);
    await getDb().db.update(sessions).set({ idleExpiresAt, lastSeenAt: new Date(Date.now() - 27 * 60 * 1000) }).where(eq(sessions.id, row.id));

    const status = await call(statusLoader, makeRequest("/sitzung/status", { cookie }));
    expect(status.data.idleRemainingMs).toBeGreaterThan(2 * 60 * 1000);
    expect(status.data.idleRemainingMs).toBeLessThanOrEqual(3 * 60 * 1000);
    const [after] = await getDb().db.select().from(sessions).where(eq(sessions.id, row.id));
    expect(after.idleExpiresAt.getTime()).toBe(idleExpiresAt.getTime());

    const extended = await call(extendAction, makeRequest("/sitzung/verlaengern", { method: "POST", cookie }));
    expect(extended.data.idleRemainingMs).toBeGreaterThan(IDLE_TIMEOUT_MS - 5000);

    // Never past the absolute limit.
    await getDb().db.update(sessions).set({ absoluteExpiresAt: new Date(Date.now() + 60 * 1000) }).where(eq(sessions.id, row.id));
    const capped = await call(extendAction, makeRequest("/sitzung/verlaengern", { method: "POST", cookie }));
    expect(capped.data.idleRemainingMs).toBeLessThanOrEqual(60 * 1000);
  });

  it("an expired session is deleted on sight and reads as zero", async () => {
    const user = await createUser(getDb().db, { email: "expired@kai.example", name: "Emil Ende" });
    const cookie = await sessionCookieFor(user.id);
    await getDb().db.update(sessions).set({ idleExpiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    const status = await call(statusLoader, makeRequest("/sitzung/status", { cookie }));
    expect(status.data.idleRemainingMs).toBe(0);
    expect(await getDb().db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });
});
