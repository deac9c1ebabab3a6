import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, date, jsonb, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { programs, cohorts, enrollments } from '../programs/programs.schema.js';
import { storedFiles } from '../files/files.schema.js';

export const learningPlanStatuses = ['draft', 'agreed', 'in_progress', 'completed'] as const;
export const itemForms = ['formal', 'non_formal', 'informal'] as const;
export const itemKinds = ['course', 'internship', 'master_class', 'mentoring', 'association', 'self_education', 'event'] as const;
export const itemStatuses = ['planned', 'submitted', 'accepted', 'returned'] as const;

/** An individual educational route (ИОМ) of one person, built from their deficits and followed by
 *  a tutor: draft → agreed (by the person and the tutor) → in progress → completed (ADR 0012). */
export const learningPlans = pgTable(
  'learning_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    status: text('status', { enum: learningPlanStatuses }).notNull().default('draft'),
    tutorUserId: uuid('tutor_user_id').references(() => users.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** The deficits the plan was built on, as measured then (PlanDeficit[]): the effect is judged
     *  against them after a later diagnostic. */
    deficits: jsonb('deficits').notNull(),
    personAgreedAt: timestamp('person_agreed_at', { withTimezone: true }),
    tutorAgreedAt: timestamp('tutor_agreed_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by').references(() => users.id),
    reopenReason: text('reopen_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('learning_plans_staff_idx').on(t.staffId, t.createdAt),
    index('learning_plans_tutor_idx').on(t.tutorUserId, t.status),
    index('learning_plans_list_idx').on(t.updatedAt, t.id),
    // one open plan per person; completed ones are history
    uniqueIndex('learning_plans_open_idx').on(t.staffId).where(sql`status <> 'completed'`),
  ],
);

/** One step of a plan: what (form, kind, programme or place or mentor), which deficits it
 *  addresses, by when, the expected result, and its report (with evidence) and review. */
export const learningPlanItems = pgTable(
  'learning_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => learningPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    form: text('form', { enum: itemForms }).notNull(),
    kind: text('kind', { enum: itemKinds }).notNull(),
    title: text('title').notNull(),
    /** The competencies (deficits) the item addresses. */
    competencyIds: uuid('competency_ids').array().notNull().default([]),
    /** Why it is in the plan («закрывает дефицит …»). */
    explanation: text('explanation'),
    programId: uuid('program_id').references(() => programs.id),
    cohortId: uuid('cohort_id').references(() => cohorts.id),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id),
    /** Internship site, association's host and the like. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    mentorStaffId: uuid('mentor_staff_id').references(() => staff.id),
    deadline: date('deadline'),
    expectedResult: text('expected_result').notNull(),
    status: text('status', { enum: itemStatuses }).notNull().default('planned'),
    reportText: text('report_text'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: uuid('reported_by').references(() => users.id),
    reviewComment: text('review_comment'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('learning_plan_items_plan_idx').on(t.planId, t.position),
    // deleting an enrollment checks the items pointing at it: without it, a scan of every item per row
    index('learning_plan_items_enrollment_idx').on(t.enrollmentId).where(sql`enrollment_id IS NOT NULL`),
  ],
);

/** Evidence files of an item's report. */
export const learningPlanItemFiles = pgTable(
  'learning_plan_item_files',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => learningPlanItems.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.fileId] })],
);
