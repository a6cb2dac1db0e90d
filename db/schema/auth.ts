import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  inet,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { centres, municipalities } from "./members";
import { procedures } from "./procedures";

export const ROLES = [
  "admin",
  "centre_manager",
  "adviser",
  "trainer",
  "wg_member",
  "wg_chair",
  "municipal_it",
  "editor",
] as const;
export type Role = (typeof ROLES)[number];

export const WORKING_GROUPS = ["EWOS", "FINAS", "PERSOS"] as const;
export type WorkingGroup = (typeof WORKING_GROUPS)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Business phone, shown to the members an adviser or centre manager looks after. */
    phone: text("phone"),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    /**
     * The latest invitation, kept on the person because its link rows are deleted by the retention
     * job: until when it was valid, and when an admin withdrew it (null = not withdrawn).
     */
    invitationExpiresAt: timestamp("invitation_expires_at", { withTimezone: true }),
    invitationWithdrawnAt: timestamp("invitation_withdrawn_at", { withTimezone: true }),
    /** The municipality a person works for (municipal IT, advisers are municipal staff too). */
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    /** SHA-256 of the personal calendar feed token; null = no feed. */
    calendarFeedTokenHash: text("calendar_feed_token_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_calendar_feed_key").on(t.calendarFeedTokenHash),
    check("users_email_lower_check", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * One row per role a person holds. The scope columns say where the role applies:
 * centre (manager, adviser), working group (member, chair), municipality (municipal IT).
 */
export const userRoles = pgTable(
  "user_roles",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    centreId: text("centre_id").references(() => centres.id),
    workingGroup: text("working_group").$type<WorkingGroup>(),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
  },
  (t) => [
    uniqueIndex("user_roles_unique_key").on(
      t.userId,
      t.role,
      sql`coalesce(${t.centreId}, '')`,
      sql`coalesce(${t.workingGroup}, '')`,
      sql`coalesce(${t.municipalityId}, 0)`,
    ),
    check(
      "user_roles_role_check",
      sql`${t.role} in ('admin','centre_manager','adviser','trainer','wg_member','wg_chair','municipal_it','editor')`,
    ),
    check(
      "user_roles_scope_check",
      sql`(${t.role} in ('centre_manager','adviser')) = (${t.centreId} is not null)
        and (${t.role} in ('wg_member','wg_chair')) = (${t.workingGroup} is not null)
        and (${t.role} = 'municipal_it') = (${t.municipalityId} is not null)`,
    ),
  ],
);

/** The procedures an adviser is competent for. */
export const adviserCompetences = pgTable(
  "adviser_competences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    procedureId: integer("procedure_id")
      .notNull()
      .references(() => procedures.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.procedureId] })],
);

/** Lucia-style sessions: `id` is the SHA-256 (hex) of the token held in the cookie. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp("idle_expires_at", { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expiry_idx").on(t.idleExpiresAt)],
);

/**
 * Sessions that were ended from elsewhere (revoked under "Meine Sitzungen", ended by a password
 * change or reset, or by a deactivation), by the same SHA-256 id as the session. A cookie whose
 * session is gone reads "ended elsewhere" when its id is here and "expired" otherwise. Kept for
 * the cookie's lifetime (12 h, the absolute timeout); holds no user id, so it tells nothing about
 * anyone but the holder of the token.
 */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    id: text("id").primaryKey(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ended_sessions_ended_at_idx").on(t.endedAt)],
);

/** Every sign-in attempt, for throttling per account and per IP (kept for a configurable period). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    ip: inet("ip"),
    success: boolean("success").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);

/**
 * The person's second factor (TOTP, RFC 6238; issue 6 item 8). One row per person: `confirmed_at`
 * null while the enrolment waits for its first code. The secret is AES-256-GCM encrypted with
 * TOTP_KEY (app/modules/auth/second-factor.server.ts). `last_used_step` is the time step of the
 * last code accepted, so no code is accepted twice.
 */
export const userSecondFactors = pgTable("user_second_factors", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastUsedStep: integer("last_used_step"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes of a second factor: only their SHA-256 (hex) is stored. */
export const recoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_recovery_codes_key").on(t.userId, t.codeHash)],
);

export const TOKEN_PURPOSES = ["invite", "reset", "email_change"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * Single-use links: invitation (7 days), password reset (1 hour) and confirmation of a new email
 * address (48 hours, with the pending address in `new_email`). Only the hash is stored.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<TokenPurpose>().notNull(),
    /** Only for `email_change`: the address that becomes the login once the link is confirmed. */
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("user_tokens_user_idx").on(t.userId),
    check("user_tokens_purpose_check", sql`${t.purpose} in ('invite','reset','email_change')`),
    check("user_tokens_new_email_check", sql`(${t.purpose} = 'email_change') = (${t.newEmail} is not null)`),
  ],
);

export const usersRelations = relations(users, ({ many, one }) => ({
  roles: many(userRoles),
  competences: many(adviserCompetences),
  sessions: many(sessions),
  municipality: one(municipalities, { fields: [users.municipalityId], references: [municipalities.id] }),
}));
export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
  centre: one(centres, { fields: [userRoles.centreId], references: [centres.id] }),
  municipality: one(municipalities, { fields: [userRoles.municipalityId], references: [municipalities.id] }),
}));
export const adviserCompetencesRelations = relations(adviserCompetences, ({ one }) => ({
  user: one(users, { fields: [adviserCompetences.userId], references: [users.id] }),
  procedure: one(procedures, { fields: [adviserCompetences.procedureId], references: [procedures.id] }),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type UserRole = typeof userRoles.$inferSelect;
export type Session = typeof sessions.$inferSelect;
