import { pgTable, uuid, text, integer, timestamp, date, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import type { CampaignLevel, CampaignStatus, DataFormField, FormValues, SubmissionStatus } from '../../../common/monitoring.js';

/** A monitoring campaign (мониторинг): one line of the year's plan-schedule, run by a regional or
 *  municipal body over the organizations it assigns (ADR 0026). */
export const monitoringCampaigns = pgTable(
  'monitoring_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    /** The year of the plan-schedule the campaign belongs to and whose figures it collects. */
    year: integer('year').notNull(),
    /** The period the data describe, as the plan-schedule says it («2026 год», «I полугодие»). */
    periodLabel: text('period_label').notNull(),
    collectFrom: date('collect_from').notNull(),
    /** The default deadline of assignments. */
    deadline: date('deadline').notNull(),
    level: text('level').$type<CampaignLevel>().notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The owner's territory: the region or the municipality whose organizations are monitored. */
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_campaigns_territory_idx').on(t.territoryId, t.year)],
);

/** A data form (форма сбора) of a campaign: its fields with types and validation rules. */
export const dataForms = pgTable(
  'data_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => monitoringCampaigns.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    fields: jsonb('fields').$type<DataFormField[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_forms_campaign_idx').on(t.campaignId, t.position)],
);

/** An organization assigned to a campaign, with its deadline. */
export const monitoringAssignments = pgTable(
  'monitoring_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => monitoringCampaigns.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's territory, denormalized for the reporting rate by municipality. */
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    deadline: date('deadline').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('monitoring_assignments_unique').on(t.campaignId, t.organizationId), index('monitoring_assignments_org_idx').on(t.organizationId), index('monitoring_assignments_territory_idx').on(t.campaignId, t.territoryId)],
);

/** The organization's submission in a campaign: the values of every form, by form id and field key. */
export const monitoringSubmissions = pgTable('monitoring_submissions', {
  assignmentId: uuid('assignment_id')
    .primaryKey()
    .references(() => monitoringAssignments.id, { onDelete: 'cascade' }),
  values: jsonb('values').$type<Record<string, FormValues>>().notNull().default({}),
  status: text('status').$type<SubmissionStatus>().notNull().default('draft'),
  /** The first submission decides completeness (on time or late); a return does not undo it. */
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  /** The day of the first submission in the server's calendar, compared with the deadline. */
  firstSubmittedOn: date('first_submitted_on'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  returnComment: text('return_comment'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What happened to a submission: saves are not listed, transitions are. */
export const monitoringSubmissionEvents = pgTable(
  'monitoring_submission_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => monitoringAssignments.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull(),
    comment: text('comment'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_submission_events_idx').on(t.assignmentId, t.at)],
);

/** A reminder recorded for an assigned organization; shown on its home page (no e-mail is sent). */
export const monitoringReminders = pgTable(
  'monitoring_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => monitoringAssignments.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_reminders_idx').on(t.assignmentId, t.sentAt)],
);
