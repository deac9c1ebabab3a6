import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, boolean, date, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { competencies } from '../competencies/competencies.schema.js';
import { storedFiles } from '../files/files.schema.js';

export const programKinds = ['upskilling', 'retraining'] as const;
export const programFormats = ['in_person', 'distance', 'blended'] as const;
export const programAudiences = ['all', 'pedagogical', 'managerial'] as const;
export const enrollmentStatuses = ['requested', 'waitlisted', 'approved', 'enrolled', 'completed', 'dropped', 'rejected'] as const;

/** An additional professional programme (ДПП) in the catalog. The owner organization keeps the
 *  entry (its administrators edit it and its cohorts); the provider may be outside the registry. */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    kind: text('kind', { enum: programKinds }).notNull(),
    hours: integer('hours').notNull(),
    format: text('format', { enum: programFormats }).notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    providerOrganizationId: uuid('provider_organization_id').references(() => organizations.id),
    /** As the provider is written; the linked organization's short name when there is one. */
    providerName: text('provider_name').notNull(),
    inFederalRegistry: boolean('in_federal_registry').notNull().default(false),
    registryNumber: text('registry_number'),
    annotation: text('annotation'),
    audience: text('audience'),
    audienceCategory: text('audience_category', { enum: programAudiences }).notNull().default('all'),
    subjects: text('subjects').array().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programs_title_idx').on(t.title, t.id),
    index('programs_owner_idx').on(t.ownerOrganizationId),
    uniqueIndex('programs_registry_number_idx').on(t.registryNumber),
  ],
);

/** The competencies a programme addresses: what makes it a suggestion for a deficit. */
export const programCompetencies = pgTable(
  'program_competencies',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id),
  },
  (t) => [primaryKey({ columns: [t.programId, t.competencyId] }), index('program_competencies_competency_idx').on(t.competencyId)],
);

/** A course group (курсовая группа) of a programme: dates, seats, place or online. */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    seats: integer('seats').notNull(),
    place: text('place'),
    online: boolean('online').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cohorts_program_idx').on(t.programId, t.startsOn), index('cohorts_starts_idx').on(t.startsOn, t.id)],
);

/**
 * A person's enrollment: in a cohort (requested → approved or waitlisted → enrolled → completed /
 * dropped; or rejected), or a course taken elsewhere recorded with its certificate for approval
 * (requested → completed / rejected). Completion carries the certificate (удостоверение).
 */
export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').references(() => cohorts.id),
    /** The cohort's programme, or the catalog programme a course taken elsewhere belongs to. */
    programId: uuid('program_id').references(() => programs.id),
    externalTitle: text('external_title'),
    externalProvider: text('external_provider'),
    externalHours: integer('external_hours'),
    status: text('status', { enum: enrollmentStatuses }).notNull(),
    statusNote: text('status_note'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who approved or rejected, and when. */
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    completedOn: date('completed_on'),
    droppedAt: timestamp('dropped_at', { withTimezone: true }),
    certificateNumber: text('certificate_number'),
    certificateDate: date('certificate_date'),
    certificateFileId: uuid('certificate_file_id').references(() => storedFiles.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrollments_staff_idx').on(t.staffId, t.requestedAt),
    index('enrollments_cohort_idx').on(t.cohortId, t.status, t.requestedAt),
    index('enrollments_program_idx').on(t.programId, t.status),
    // one live enrollment of a person in a cohort
    uniqueIndex('enrollments_live_idx')
      .on(t.staffId, t.cohortId)
      .where(sql`cohort_id IS NOT NULL AND status NOT IN ('dropped', 'rejected')`),
  ],
);
