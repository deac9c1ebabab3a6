import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { storedFiles } from '../files/files.schema.js';

/** Forms of the target mentoring model (pairs). */
export const mentorshipForms = ['experienced_young', 'competence', 'subject', 'manager'] as const;
/** suggested → confirmed (by the mentee's administrator) → active → completed; cancelled at any open step (ADR 0016). */
export const mentorshipStatuses = ['suggested', 'confirmed', 'active', 'completed', 'cancelled'] as const;
export const programmeDocumentKinds = ['regulation', 'programme', 'roadmap', 'order', 'other'] as const;
export const teamMentorshipStatuses = ['active', 'completed'] as const;

/** An organization's mentoring programme (целевая модель наставничества), with its documents. */
export const mentoringProgrammes = pgTable(
  'mentoring_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** The person who runs the programme in the organization (куратор наставничества). */
    curatorStaffId: uuid('curator_staff_id').references(() => staff.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentoring_programmes_org_idx').on(t.organizationId, t.periodFrom)],
);

/** A document of a programme: положение, the programme itself, its roadmap, an order. */
export const mentoringProgrammeDocuments = pgTable(
  'mentoring_programme_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => mentoringProgrammes.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: programmeDocumentKinds }).notNull(),
    title: text('title').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentoring_programme_documents_idx').on(t.programmeId)],
);

/** A mentor–mentee pair. `organizationId` is the mentee's organization: its administrators confirm the pair. */
export const mentorships = pgTable(
  'mentorships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id').notNull(),
    mentorStaffId: uuid('mentor_staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    menteeStaffId: uuid('mentee_staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    form: text('form', { enum: mentorshipForms }).notNull(),
    status: text('status', { enum: mentorshipStatuses }).notNull().default('suggested'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    /** The personal plan of the pair (what the mentee is to master, and how). */
    plan: text('plan'),
    outcomes: text('outcomes'),
    /** Why the pair was suggested («тот же предмет, та же школа…»), when it came from a suggestion. */
    suggestionReason: text('suggestion_reason'),
    programmeId: uuid('programme_id').references(() => mentoringProgrammes.id),
    createdBy: uuid('created_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mentorships_mentee_idx').on(t.menteeStaffId, t.status),
    index('mentorships_mentor_idx').on(t.mentorStaffId, t.status),
    index('mentorships_org_idx').on(t.organizationId, t.status),
    index('mentorships_list_idx').on(t.updatedAt, t.id),
    // one open pair of the same two people
    uniqueIndex('mentorships_open_pair_idx').on(t.mentorStaffId, t.menteeStaffId).where(sql`status IN ('suggested', 'confirmed', 'active')`),
  ],
);

/** The meetings log of a pair. */
export const mentorshipMeetings = pgTable(
  'mentorship_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorshipId: uuid('mentorship_id')
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    heldOn: date('held_on').notNull(),
    topic: text('topic').notNull(),
    notes: text('notes'),
    durationMinutes: integer('duration_minutes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentorship_meetings_idx').on(t.mentorshipId, t.heldOn)],
);

/** How many mentees a person can take at once; without a row the default applies (ADR 0016). */
export const mentorCapacities = pgTable('mentor_capacities', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  capacity: integer('capacity').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** «Менторство»: a strong school's management team supports a school with low results (ШНОР). */
export const teamMentorships = pgTable(
  'team_mentorships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorOrganizationId: uuid('mentor_organization_id')
      .notNull()
      .references(() => organizations.id),
    menteeOrganizationId: uuid('mentee_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The management team of the strong school. */
    mentorTeamStaffIds: uuid('mentor_team_staff_ids').array().notNull().default([]),
    status: text('status', { enum: teamMentorshipStatuses }).notNull().default('active'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    plan: text('plan'),
    outcomes: text('outcomes'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('team_mentorships_mentor_idx').on(t.mentorOrganizationId), index('team_mentorships_mentee_idx').on(t.menteeOrganizationId)],
);
