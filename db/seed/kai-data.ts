import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { centres, municipalities } from "../schema/members";
import { procedureModules, procedures } from "../schema/procedures";
import { parseCsv } from "./csv";

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => parseCsv(fs.readFileSync(path.join(here, file), "utf8"));

export const CENTRES = [
  { id: "nord", name: "Nord", city: "Buxtehude", sortOrder: 1 },
  { id: "mitte", name: "Mitte", city: "Verden", sortOrder: 2 },
  { id: "west", name: "West", city: "Rheine", sortOrder: 3 },
  { id: "sued", name: "Süd", city: "Höxter", sortOrder: 4 },
] as const;

const centreIdByName: Record<string, string> = { Nord: "nord", Mitte: "mitte", West: "west", Süd: "sued" };

// The catalogue file notes a few things in English; the portal shows German.
const GERMAN: Record<string, string> = {
  "KAI-Personalwesen (market product LOGA 2000)": "KAI-Personalwesen (Marktprodukt LOGA 2000)",
  "LOGA support and LOGA training are provided by the partner data centre KRZ Minden-Ravensberg/Lippe (Lemgo)":
    "Betreuung und Schulung für LOGA übernimmt das Partnerrechenzentrum KRZ Minden-Ravensberg/Lippe in Lemgo.",
  "vendor support under the framework contract": "Betreuung durch den Hersteller im Rahmen des Rahmenvertrags.",
};
const de = (s: string) => GERMAN[s] ?? s;

/**
 * KAI's base data from the member list and procedure catalogue (copied into db/seed/). Idempotent:
 * running it twice changes nothing, and it never overwrites what an admin has edited since.
 */
export async function seedKaiData(db: Database) {
  await db.transaction(async (tx) => {
    await tx.insert(centres).values([...CENTRES]).onConflictDoNothing();

    const members = read("kai-members.csv").map((r) => ({
      name: r.name,
      kind: r.kind,
      state: r.state,
      district: r.district,
      centreId: centreIdByName[r.centre],
      inhabitants: Number(r.inhabitants_approx),
      memberSince: null,
    }));
    for (const m of members) if (!m.centreId || !Number.isInteger(m.inhabitants)) throw new Error(`Bad member row: ${m.name}`);
    await tx.insert(municipalities).values(members).onConflictDoNothing({ target: municipalities.name });

    const rows = read("kai-procedures.csv");
    const lastNote: Record<string, string> = {};
    let order = 0;
    for (const r of rows) {
      order++;
      const isCore = r.kind === "core";
      const code = isCore ? r.code : `RV-${slug(r.module_or_product)}`;
      const name = de(isCore ? r.name : r.module_or_product);
      const note = r.support_note === "same as above" ? null : r.support_note ? de(r.support_note) : null;
      await tx
        .insert(procedures)
        .values({ code, name, kind: isCore ? "core" : "framework", supportNote: isCore ? null : note, sortOrder: order })
        .onConflictDoNothing({ target: procedures.code });
      if (isCore) {
        const [proc] = await tx.select({ id: procedures.id }).from(procedures).where(sql`${procedures.code} = ${code}`);
        const moduleNote = r.support_note === "same as above" ? lastNote[code] : r.support_note ? de(r.support_note) : null;
        if (r.support_note && r.support_note !== "same as above") lastNote[code] = de(r.support_note);
        await tx
          .insert(procedureModules)
          .values({ procedureId: proc.id, name: r.module_or_product, supportNote: moduleNote, sortOrder: order })
          .onConflictDoNothing();
      }
    }
    // The core procedure carries the note when all of its modules do (KAI-PERSOS / LOGA).
    for (const [code, note] of Object.entries(lastNote)) {
      await tx.update(procedures).set({ supportNote: note }).where(sql`${procedures.code} = ${code} and ${procedures.supportNote} is null`);
    }
  });
}

function slug(s: string) {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}
