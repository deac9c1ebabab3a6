import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, date, numeric, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { contestStageLevelCodes, contestResultCodes } from '../../../common/events-dictionaries.js';

/** A competition of professional skill («Учитель года», «Педагогический дебют»…) run by an
 *  organizer through stages: organization → municipal → regional → federal. */
export const contests = pgTable(
  'contests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    description: text('description'),
    organizerOrganizationId: uuid('organizer_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contests_territory_idx').on(t.territoryId, t.year)],
);

/** One stage of a contest per level, with its dates; `ordinal` orders them (0 = first). */
export const contestStages = pgTable(
  'contest_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    level: text('level', { enum: contestStageLevelCodes }).notNull(),
    ordinal: integer('ordinal').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
  },
  (t) => [uniqueIndex('contest_stages_level_idx').on(t.contestId, t.level)],
);

/** A participant of a stage with their score, place and result; a winner promoted to the next
 *  stage gets an entry there that points back (`promotedFromId`). */
export const contestEntries = pgTable(
  'contest_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => contestStages.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    /** The workplace the person represents (its territory decides who manages the entry). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    place: integer('place'),
    result: text('result', { enum: contestResultCodes }),
    promotedFromId: uuid('promoted_from_id'),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contest_entries_person_idx').on(t.stageId, t.staffId), index('contest_entries_staff_idx').on(t.staffId), index('contest_entries_promoted_idx').on(t.promotedFromId).where(sql`promoted_from_id IS NOT NULL`)],
);
