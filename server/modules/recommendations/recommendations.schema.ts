import { pgTable, uuid, text, integer, timestamp, date, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { monitoringCampaigns } from '../monitoring/monitoring.schema.js';
import type { RecommendationStatus } from '../../../common/monitoring.js';

/** A targeted recommendation (адресная рекомендация) issued by a regional or municipal body to one
 *  organization or one territory (its education authority), with its basis, due date, the
 *  addressee's response and the follow-up status (ADR 0026). */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuerOrganizationId: uuid('issuer_organization_id')
      .notNull()
      .references(() => organizations.id),
    issuerTerritoryId: uuid('issuer_territory_id')
      .notNull()
      .references(() => territories.id),
    addresseeOrganizationId: uuid('addressee_organization_id').references(() => organizations.id),
    addresseeTerritoryId: uuid('addressee_territory_id').references(() => territories.id),
    /** The territory the addressee belongs to (the organization's, or the territory itself): for
     *  reports by territory and the visibility of superiors. */
    subjectTerritoryId: uuid('subject_territory_id')
      .notNull()
      .references(() => territories.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    campaignId: uuid('campaign_id').references(() => monitoringCampaigns.id),
    indicatorCode: text('indicator_code'),
    period: integer('period'),
    dueDate: date('due_date').notNull(),
    status: text('status').$type<RecommendationStatus>().notNull().default('issued'),
    response: text('response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedBy: uuid('responded_by').references(() => users.id),
    followUpComment: text('follow_up_comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('recommendations_one_addressee', sql`(${t.addresseeOrganizationId} IS NULL) <> (${t.addresseeTerritoryId} IS NULL)`),
    index('recommendations_issuer_idx').on(t.issuerOrganizationId, t.createdAt),
    index('recommendations_addressee_org_idx').on(t.addresseeOrganizationId),
    index('recommendations_addressee_territory_idx').on(t.addresseeTerritoryId),
    index('recommendations_subject_territory_idx').on(t.subjectTerritoryId, t.period),
  ],
);
