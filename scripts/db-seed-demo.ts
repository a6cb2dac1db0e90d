import { openDatabaseFromEnv } from "#db/client";
import { installDatabase } from "~/db.server";
import { seedDemoPeople } from "#db/seed/demo";
import { seedDemoTickets } from "#db/seed/demo-tickets";
import { seedDemoTraining } from "#db/seed/demo-training";
import { seedDemoAttendance } from "#db/seed/demo-attendance";
import { seedDemoGroups } from "#db/seed/demo-groups";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "../tests/factories";

if (process.env.NODE_ENV === "production" && !process.env.KAI_DEMO) {
  console.error("Refusing to seed demo accounts in production (set KAI_DEMO=1 for a demo deployment).");
  process.exit(1);
}
const handle = await openDatabaseFromEnv();
// The ticket commands use the app's database module: the same handle.
installDatabase(handle);
try {
  await seedDemoPeople(handle.db);
  await seedDemoTickets(handle.db);
  // Training first: it plans only into a database without seminars.
  await seedDemoTraining(handle.db);
  await seedDemoAttendance(handle.db);
  // After training: the meetings book rooms the training demo created.
  await seedDemoGroups(handle.db);
} finally {
  await handle.close();
}
console.log(`\nDemo-Zugänge (Passwort für alle: ${DEMO_PASSWORD}):`);
for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(30)} ${p.label}`);
console.log("");
