import { pgTable, uuid, text, integer, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.js';

export const importKinds = ['staff', 'organizations', 'assessment_results', 'programs'] as const;

/** An uploaded file between preview and commit: nothing reaches the registry until the
 *  person who uploaded it confirms, and then all rows or none. */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: importKinds }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['parsing', 'preview', 'committed', 'failed'] }).notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    /** Validated rows ready to insert, in the shape the target service takes. */
    rows: jsonb('rows'),
    /** Row-level problems: [{ row, field, message }]. */
    errors: jsonb('errors'),
    /** What the file is loaded into, e.g. { assessmentId } for results of a diagnostic. */
    params: jsonb('params'),
    failure: text('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('import_batches_user_idx').on(t.userId, t.createdAt)],
);
