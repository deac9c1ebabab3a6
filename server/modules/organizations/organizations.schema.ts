import { pgTable, uuid, text, integer, timestamp, boolean, index } from 'drizzle-orm/pg-core';
import { territories } from '../territories/territories.schema.js';

/** Every subject of the system: schools and kindergartens as well as the ministry, ЦНППМ, МОУО…
 *  `path` holds the ids from the topmost parent down to the organization itself. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    parentId: uuid('parent_id'),
    path: uuid('path').array().notNull(),
    inn: text('inn'),
    address: text('address'),
    lowResultsSchool: boolean('low_results_school').notNull().default(false),
    innovationSite: boolean('innovation_site').notNull().default(false),
    internshipSite: boolean('internship_site').notNull().default(false),
    functions: text('functions').array().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_territory_idx').on(t.territoryId, t.shortName, t.id),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_path_gin').using('gin', t.path),
    index('organizations_short_name_idx').on(t.shortName, t.id),
  ],
);
