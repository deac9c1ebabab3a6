import { pgTable, uuid, text, timestamp, jsonb, bigserial, index } from 'drizzle-orm/pg-core';

/** Append-only: the application only inserts; a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    login: text('login'),
    ip: text('ip'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** Where the record lives, so administrators see the audit of their own scope only. */
    territoryIds: uuid('territory_ids').array().notNull().default([]),
    organizationIds: uuid('organization_ids').array().notNull().default([]),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_user_idx').on(t.userId, t.at),
    index('audit_action_idx').on(t.action, t.entityId, t.at),
    index('audit_territories_gin').using('gin', t.territoryIds),
  ],
);
