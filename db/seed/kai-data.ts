import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "../client";
import { auditEvents } from "../schema/audit";
import { centres, municipalities } from "../schema/members";
import { workingGroups } from "../schema/groups";
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

/** Fictional contact data of the centres (streets invented, phone numbers from the 555 range). */
export const CENTRE_CONTACTS: Record<(typeof CENTRES)[number]["id"], { street: string; postalCode: string; phone: string; email: string }> = {
  nord: { street: "Am Fleth 12", postalCode: "21614", phone: "04161 555-0100", email: "zentrum.nord@kai.example" },
  mitte: { street: "Lindhooper Weg 7", postalCode: "27283", phone: "04231 555-0200", email: "zentrum.mitte@kai.example" },
  west: { street: "Emsuferstraße 31", postalCode: "48431", phone: "05971 555-0300", email: "zentrum.west@kai.example" },
  sued: { street: "Corveyer Allee 4", postalCode: "37671", phone: "05271 555-0400", email: "zentrum.sued@kai.example" },
};

/**
 * Inhabitants an earlier kai-members.csv carried where the current file corrects them (Süd was
 * too low). A row that still holds the old value was never edited by an admin and gets the
 * corrected figure; any other value is an admin's and stays.
 */
export const SUPERSEDED_INHABITANTS: Record<string, number> = {
  Höxter: 28_500,
  Borgentreich: 8_600,
  Brakel: 16_000,
  Marienmünster: 4_900,
  Nieheim: 6_000,
  Steinheim: 12_500,
  Drensteinfurt: 15_500,
  Ennigerloh: 19_800,
  Telgte: 20_000,
};

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
    await tx
      .insert(centres)
      .values(CENTRES.map((c) => ({ ...c, ...CENTRE_CONTACTS[c.id] })))
      .onConflictDoNothing();
    await fillCentreContacts(tx);

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
    await applyInhabitantCorrections(tx, members);

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

    // The three Facharbeitskreise, one per core procedure; the chairs keep the description later.
    for (const group of WORKING_GROUP_SEED) {
      const [proc] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, group.id));
      await tx
        .insert(workingGroups)
        .values({ ...group, procedureId: proc?.id ?? null })
        .onConflictDoNothing();
    }
  });
}

export const WORKING_GROUP_SEED = [
  {
    id: "EWOS",
    name: "Einwohnermeldewesen",
    sortOrder: 1,
    description:
      "Der Facharbeitskreis Einwohnermeldewesen erarbeitet die fachlichen Anforderungen an KAI-EWOS: Meldewesen, Pässe und Ausweise, Auswertungen und Wahlen. Jede Mitgliedskommune kann Fachleute aus ihrem Bürgerbüro entsenden.",
  },
  {
    id: "FINAS",
    name: "Finanzwesen",
    sortOrder: 2,
    description:
      "Der Facharbeitskreis Finanzwesen erarbeitet die Anforderungen an KAI-FINAS: Haushalt, doppische Buchführung nach NKF und NKR, Kasse, Steuern und Gebühren. Jede Mitgliedskommune kann Fachleute aus ihrer Kämmerei entsenden.",
  },
  {
    id: "PERSOS",
    name: "Personalwesen",
    sortOrder: 3,
    description:
      "Der Facharbeitskreis Personalwesen erarbeitet die Anforderungen an KAI-PERSOS (LOGA 2000) gemeinsam mit dem Partner-Rechenzentrum. Jede Mitgliedskommune kann Fachleute aus ihrem Personalamt entsenden.",
  },
] as const;

/**
 * Databases seeded before the centres had contact data get the demo contacts, but only a centre
 * whose contact fields are all still empty and that no admin has edited (no audit entry).
 */
async function fillCentreContacts(tx: Executor) {
  for (const c of CENTRES) {
    const [edited] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "centre"), eq(auditEvents.entityId, c.id)))
      .limit(1);
    if (edited) continue;
    await tx
      .update(centres)
      .set(CENTRE_CONTACTS[c.id])
      .where(and(eq(centres.id, c.id), isNull(centres.street), isNull(centres.postalCode), isNull(centres.phone), isNull(centres.email)));
  }
}

/** Corrects rows that still hold a superseded seed value; idempotent, audited as the seed's change. */
async function applyInhabitantCorrections(tx: Executor, members: { name: string; inhabitants: number }[]) {
  for (const m of members) {
    const previous = SUPERSEDED_INHABITANTS[m.name];
    if (previous === undefined || previous === m.inhabitants) continue;
    const corrected = await tx
      .update(municipalities)
      .set({ inhabitants: m.inhabitants, updatedAt: new Date() })
      .where(and(eq(municipalities.name, m.name), eq(municipalities.inhabitants, previous)))
      .returning({ id: municipalities.id });
    for (const row of corrected) {
      await tx.insert(auditEvents).values({
        actorId: null,
        action: "member.seed_corrected",
        entityType: "municipality",
        entityId: String(row.id),
        before: { inhabitants: previous },
        after: { inhabitants: m.inhabitants },
      });
    }
  }
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
