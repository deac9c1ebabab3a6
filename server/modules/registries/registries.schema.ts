import { pgTable, uuid, text, integer, timestamp, date, index } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { codesOf, siteKinds, siteStatuses, type ResourceAudience } from '../../../common/practices.js';

export const siteKindCodes = codesOf(siteKinds);
export const siteStatusCodes = codesOf(siteStatuses);

/** The navigator of educational resources: curated links by topic and audience, kept by the
 *  region (ADR 0018). */
export const educationalResources = pgTable(
  'educational_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => territories.id),
    title: text('title').notNull(),
    url: text('url').notNull(),
    topic: text('topic').notNull(),
    audiences: text('audiences').array().$type<ResourceAudience[]>().notNull().default([]),
    description: text('description'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('educational_resources_topic_idx').on(t.regionId, t.topic, t.title, t.id)],
);

/** Registry of innovation and internship sites: an organization with a status for a period, on a topic. */
export const innovationSites = pgTable(
  'innovation_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    kind: text('kind', { enum: siteKindCodes }).notNull(),
    status: text('status', { enum: siteStatusCodes }).notNull(),
    topic: text('topic').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to'),
    /** The order that gave the status («Распоряжение Министерства от … № …»). */
    orderRef: text('order_ref'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('innovation_sites_territory_idx').on(t.territoryId), index('innovation_sites_org_idx').on(t.organizationId)],
);
