import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, boolean, date, index } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';

/** A person employed in the system (педагогический работник / управленческие кадры). */
export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    birthDate: date('birth_date'),
    sex: text('sex', { enum: ['male', 'female'] }),
    email: text('email'),
    phone: text('phone'),
    snils: text('snils'),
    professionStartYear: integer('profession_start_year'),
    qualificationCategory: text('qualification_category'),
    /** Denormalized from the current positions so that scoped lists need no join: kept by
     *  the staff service in the same transaction as the positions. */
    organizationIds: uuid('organization_ids').array().notNull().default([]),
    territoryIds: uuid('territory_ids').array().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('staff_name_idx').on(sql`lower(${t.surname})`, sql`lower(${t.name})`, t.id),
    index('staff_sort_idx').on(t.surname, t.name, t.patronymic, t.id),
    index('staff_snils_idx').on(t.snils),
    index('staff_orgs_gin').using('gin', t.organizationIds),
    index('staff_territories_gin').using('gin', t.territoryIds),
  ],
);

/** A position held at an organization; a person may hold several. */
export const staffPositions = pgTable(
  'staff_positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    title: text('title').notNull(),
    staffCategory: text('staff_category', { enum: ['pedagogical', 'managerial'] }).notNull(),
    subjects: text('subjects').array().notNull().default([]),
    startDate: date('start_date'),
    endDate: date('end_date'),
    educationMatchesSubject: boolean('education_matches_subject'),
  },
  (t) => [index('staff_positions_staff_idx').on(t.staffId), index('staff_positions_org_idx').on(t.organizationId)],
);
