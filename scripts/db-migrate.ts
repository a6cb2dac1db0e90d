import { openDatabaseFromEnv } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { seedKaiData } from "#db/seed/kai-data";

// `npm run db:migrate`: applies the committed migrations, then KAI's base data (centres, members,
// procedure catalogue; idempotent). The demo accounts come from `npm run db:seed-demo` only.
const handle = await openDatabaseFromEnv();
try {
  await applyMigrations(handle);
  await seedKaiData(handle.db);
  console.log(`Migrations applied (${handle.kind === "pglite" ? "embedded database" : "PostgreSQL"}).`);
} finally {
  await handle.close();
}
