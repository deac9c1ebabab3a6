import { pgTable, uuid, text, integer, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.js';

export const competencyAudiences = ['all', 'pedagogical', 'managerial'] as const;

/** Labour functions of the professional standard «Педагог» (01.001, order 544н): reference data
 *  shipped by a migration; competencies point at them. */
export const labourFunctions = pgTable('labour_functions', {
  code: text('code').primaryKey(),
  /** Generalized labour function: «A», «B». */
  generalizedCode: text('generalized_code').notNull(),
  generalizedName: text('generalized_name').notNull(),
  name: text('name').notNull(),
  standardCode: text('standard_code').notNull(),
  position: integer('position').notNull(),
});

/** A group of competencies (subject, methodological, digital …). Groups and competencies keep
 *  their ids for ever: results refer to them; a removed one is retired, not deleted. */
export const competencyGroups = pgTable(
  'competency_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Whom the group is for: management competencies are the managers'. */
    audience: text('audience', { enum: competencyAudiences }).notNull().default('all'),
    position: integer('position').notNull(),
    introducedRevision: integer('introduced_revision').notNull(),
    retiredRevision: integer('retired_revision'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('competency_groups_code_idx').on(t.code)],
);

export const competencies = pgTable(
  'competencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => competencyGroups.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Codes of `labour_functions` (checked by the service). */
    labourFunctionCodes: text('labour_function_codes').array().notNull().default([]),
    position: integer('position').notNull(),
    introducedRevision: integer('introduced_revision').notNull(),
    retiredRevision: integer('retired_revision'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('competencies_code_idx').on(t.code), index('competencies_group_idx').on(t.groupId, t.position)],
);

/** Every change of the catalog is a revision holding the whole live catalog as it then stood, so
 *  an old diagnostic reads with the wording it was made under. Revision 1 is the shipped seed. */
export const competencyCatalogRevisions = pgTable('competency_catalog_revisions', {
  number: integer('number').primaryKey(),
  summary: text('summary').notNull(),
  /** CatalogSnapshot: { groups: [{ …group, competencies: [...] }] }. */
  snapshot: jsonb('snapshot').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
