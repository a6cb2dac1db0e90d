import { relations } from "drizzle-orm";
import { check, date, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** The four regional centres (Zentren). `id` is a stable slug: nord, mitte, west, sued. */
export const centres = pgTable("centres", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  city: text("city").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  /** Contact data shown on the public start page, the members page and to municipal IT. */
  street: text("street"),
  postalCode: text("postal_code"),
  phone: text("phone"),
  email: text("email"),
});

export const municipalities = pgTable(
  "municipalities",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    state: text("state").notNull(),
    district: text("district").notNull(),
    centreId: text("centre_id")
      .notNull()
      .references(() => centres.id),
    inhabitants: integer("inhabitants").notNull(),
    /** Not in the source list for the founding members; admins fill it in. New members always have it. */
    memberSince: date("member_since", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("municipalities_name_key").on(t.name),
    check("municipalities_inhabitants_check", sql`${t.inhabitants} > 0 AND ${t.inhabitants} <= 10000000`),
  ],
);

export const centresRelations = relations(centres, ({ many }) => ({
  municipalities: many(municipalities),
}));

export const municipalitiesRelations = relations(municipalities, ({ one }) => ({
  centre: one(centres, { fields: [municipalities.centreId], references: [centres.id] }),
}));

export type Centre = typeof centres.$inferSelect;
export type Municipality = typeof municipalities.$inferSelect;
