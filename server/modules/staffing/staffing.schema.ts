import { pgTable, uuid, text, integer, timestamp, date, index } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { staff } from '../staff/staff.schema.js';

export const vacancyStatuses = ['open', 'closed'] as const;
export const educationLevels = ['higher', 'secondary_vocational', 'retraining'] as const;

/** A vacancy reported by an organization (вакансия): the position, the subject, the weekly hours
 *  and since when it is open. */
export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's territory, denormalized for the summaries by municipality. */
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    position: text('position').notNull(),
    subject: text('subject'),
    hours: integer('hours').notNull(),
    openSince: date('open_since').notNull(),
    status: text('status', { enum: vacancyStatuses }).notNull().default('open'),
    closedOn: date('closed_on'),
    comment: text('comment'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vacancies_territory_idx').on(t.territoryId, t.status), index('vacancies_org_idx').on(t.organizationId, t.status, t.openSince, t.id)],
);

/** A person's education: a diploma of higher or secondary vocational education, or of
 *  professional retraining. The «education matches the subject» rule reads its specialty and
 *  qualification (ADR 0019). */
export const staffEducation = pgTable(
  'staff_education',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    level: text('level', { enum: educationLevels }).notNull(),
    institution: text('institution'),
    specialty: text('specialty').notNull(),
    qualification: text('qualification'),
    graduationYear: integer('graduation_year'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_education_staff_idx').on(t.staffId)],
);
