import { pgTable, uuid, text, integer, timestamp, index } from 'drizzle-orm/pg-core';

/** Регион → муниципалитеты. `path` holds the ids from the root down to the node itself,
 *  so a subtree is `path @> ARRAY[id]` without recursive queries. */
export const territories = pgTable(
  'territories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['region', 'municipality'] }).notNull(),
    name: text('name').notNull(),
    code: text('code'),
    parentId: uuid('parent_id'),
    path: uuid('path').array().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('territories_parent_idx').on(t.parentId), index('territories_path_gin').using('gin', t.path)],
);
