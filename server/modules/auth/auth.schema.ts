import { pgTable, uuid, text, integer, bigint, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { staff } from '../staff/staff.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /** TOTP second factor (RFC 6238, ADR 0029): the base32 secret, set at enrolment, in force
     *  from confirmation; the last accepted time step, so a code is never accepted twice. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_login_idx').on(t.login), index('users_staff_idx').on(t.staffId)],
);

/** A role held within a territory or an organization subtree (one of the two is set). */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    territoryId: uuid('territory_id').references(() => territories.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
  },
  (t) => [index('role_assignments_user_idx').on(t.userId)],
);

/** Tutor → the people they accompany. */
export const tutorAssignments = pgTable(
  'tutor_assignments',
  {
    tutorUserId: uuid('tutor_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('tutor_assignments_pk').on(t.tutorUserId, t.staffId), index('tutor_assignments_staff_idx').on(t.staffId)],
);

/** Server-side sessions; the id is the SHA-256 of the cookie token, so a leaked table is no key. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time recovery codes of the second factor; only their SHA-256 is kept (ADR 0029). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_pk').on(t.userId, t.codeHash)],
);
