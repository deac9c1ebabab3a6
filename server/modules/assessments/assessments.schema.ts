import { pgTable, uuid, text, integer, timestamp, boolean, date, jsonb, doublePrecision, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { competencies } from '../competencies/competencies.schema.js';

export const assessmentTools = ['federal', 'regional', 'organization'] as const;
export const resultSources = ['form', 'import'] as const;

/** A diagnostic procedure (диагностика профессиональных компетенций). Its territory is the
 *  organizer's: the procedure is open within it (ADR 0010). */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    tool: text('tool', { enum: assessmentTools }).notNull(),
    organizerOrganizationId: uuid('organizer_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    /** Target group: a staff category, teachers of low-results schools (ШНОР), and free text. */
    targetStaffCategory: text('target_staff_category', { enum: ['pedagogical', 'managerial'] }),
    targetLowResultsSchools: boolean('target_low_results_schools').notNull().default(false),
    targetDescription: text('target_description'),
    /** Windows of the procedure: [{ from, to }] (ISO dates), e.g. February–March and September–November. */
    windows: jsonb('windows').notNull(),
    /** The year of the first window, for filters. */
    year: integer('year').notNull(),
    /** The competency catalog revision the procedure was set up under. */
    catalogRevision: integer('catalog_revision').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessments_territory_idx').on(t.territoryId, t.year), index('assessments_organizer_idx').on(t.organizerOrganizationId), index('assessments_list_idx').on(t.year, t.createdAt, t.id)],
);

/** A competency the procedure measures, with its deficit threshold: a score under it is a deficit. */
export const assessmentCompetencies = pgTable(
  'assessment_competencies',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id),
    threshold: integer('threshold').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.competencyId] })],
);

export const assessmentParticipants = pgTable(
  'assessment_participants',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.staffId] }), index('assessment_participants_staff_idx').on(t.staffId)],
);

/** A person's score (percent) in one competency of one procedure. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id),
    score: doublePrecision('score').notNull(),
    measuredOn: date('measured_on').notNull(),
    source: text('source', { enum: resultSources }).notNull(),
    importBatchId: uuid('import_batch_id'),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_results_unique_idx').on(t.assessmentId, t.staffId, t.competencyId),
    index('assessment_results_staff_idx').on(t.staffId, t.competencyId, t.measuredOn),
  ],
);
