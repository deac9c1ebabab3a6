import { pgTable, uuid, text, integer, timestamp, date, jsonb, numeric, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { storedFiles } from '../files/files.schema.js';
import { codesOf, practiceKinds, practiceLevels, practiceStatuses, practiceDecisions } from '../../../common/practices.js';

export const practiceKindCodes = codesOf(practiceKinds);
export const practiceLevelCodes = codesOf(practiceLevels);
export const practiceStatusCodes = codesOf(practiceStatuses);
export const practiceDecisionCodes = codesOf(practiceDecisions);

/** A practice of the bank (ADR 0018): submitted by an organization's person or administrator,
 *  reviewed by the region's experts, published to the open catalog. */
export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    kind: text('kind', { enum: practiceKindCodes }).notNull(),
    subject: text('subject'),
    level: text('level', { enum: practiceLevelCodes }).notNull(),
    description: text('description').notNull(),
    /** Results and effects the authors claim: shown in the catalog. */
    results: text('results'),
    keywords: text('keywords').array().notNull().default([]),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's territory, kept to scope lists without a join. */
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    /** The region whose bank reviews the practice. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => territories.id),
    status: text('status', { enum: practiceStatusCodes }).notNull().default('submitted'),
    /** Review round: a resubmission starts a new one, earlier scores stay as history. */
    round: integer('round').notNull().default(1),
    decisionComment: text('decision_comment'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Lower-cased title, description, keywords, authors and organization: what the search looks in. */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('practices_status_idx').on(t.status, t.submittedAt, t.id),
    index('practices_published_idx').on(t.publishedAt, t.id),
    index('practices_organization_idx').on(t.organizationId),
    index('practices_territory_idx').on(t.territoryId),
  ],
);

/** Authors as the catalog shows them (name and organization); a staff link when the author is
 *  a person of the system, so that they see their practice. */
export const practiceAuthors = pgTable(
  'practice_authors',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    fullName: text('full_name').notNull(),
    organizationName: text('organization_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.position] }), index('practice_authors_staff_idx').on(t.staffId)],
);

export const practiceFiles = pgTable(
  'practice_files',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.fileId] })],
);

/** Experts assigned to a practice by the regional administrator. */
export const practiceExperts = pgTable(
  'practice_experts',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.expertUserId] }), index('practice_experts_expert_idx').on(t.expertUserId)],
);

/** One expert's scores for one round; scores are {criterion: 0…5}, `average` their mean. */
export const practiceReviews = pgTable(
  'practice_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    expertName: text('expert_name').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    average: numeric('average', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    recommendation: text('recommendation', { enum: practiceDecisionCodes }).notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('practice_reviews_round_idx').on(t.practiceId, t.round, t.expertUserId)],
);

/** Where a practice was presented: free entries (an events module may link them later). */
export const practiceDisseminations = pgTable(
  'practice_disseminations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place'),
    url: text('url'),
    /** An event of the calendar, when one exists; no foreign key so the modules stay apart. */
    eventId: uuid('event_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_disseminations_practice_idx').on(t.practiceId, t.heldOn)],
);

/** Status changes with the comment that came with them (what to revise, why rejected). */
export const practiceHistory = pgTable(
  'practice_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    status: text('status', { enum: practiceStatusCodes }).notNull(),
    round: integer('round').notNull(),
    comment: text('comment'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_history_practice_idx').on(t.practiceId, t.at)],
);
