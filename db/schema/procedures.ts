import { relations, sql } from "drizzle-orm";
import { check, integer, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The procedure catalogue: the three core procedures (Kernverfahren) and the products under
 * framework contracts (Rahmenverträge). Tickets, seminars and working groups use it as category.
 */
export const procedures = pgTable(
  "procedures",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    /** Who supports it when that is not KAI itself (LOGA: the partner data centre). */
    supportNote: text("support_note"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("procedures_code_key").on(t.code),
    check("procedures_kind_check", sql`${t.kind} in ('core', 'framework')`),
  ],
);

export const procedureModules = pgTable(
  "procedure_modules",
  {
    id: serial("id").primaryKey(),
    procedureId: integer("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    supportNote: text("support_note"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("procedure_modules_name_key").on(t.procedureId, t.name)],
);

export const proceduresRelations = relations(procedures, ({ many }) => ({
  modules: many(procedureModules),
}));
export const procedureModulesRelations = relations(procedureModules, ({ one }) => ({
  procedure: one(procedures, { fields: [procedureModules.procedureId], references: [procedures.id] }),
}));

export type Procedure = typeof procedures.$inferSelect;
export type ProcedureModule = typeof procedureModules.$inferSelect;
