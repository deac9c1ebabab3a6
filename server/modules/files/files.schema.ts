import { pgTable, uuid, text, integer, timestamp, customType, index } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.js';

/** PostgreSQL bytea: PGlite hands back Uint8Array, node-postgres a Buffer; services see a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Files attached to records (evidence of progress reports and, later, other modules). The
 *  content lives in the database so that a backup holds everything; sizes are capped on upload.
 *  A file has no access rule of its own: the record it is attached to decides who reads it. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Sniffed from the content on upload, never taken from the client. */
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_sha_idx').on(t.sha256)],
);
