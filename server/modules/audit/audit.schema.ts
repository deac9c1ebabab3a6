import { pgTable, uuid, text, timestamp, jsonb, bigserial, bigint, index, uniqueIndex } from 'drizzle-orm/pg-core';

/** Append-only: the application only inserts; a trigger refuses UPDATE and DELETE, and another
 *  chains every row to the one before by SHA-256 (ADR 0020), so an edited or deleted row shows. */
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
    /** Set by the chaining trigger, never by the application. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** SHA-256 of the personal part (login, ip, entity_id, before, after): the chain covers this
     *  hash, so the personal part can be erased at destruction while the chain verifies (ADR 0028). */
    payloadHash: text('payload_hash'),
    /** Set when the personal part was erased by a destruction act or a retention purge. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    erasedBy: text('erased_by'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_user_idx').on(t.userId, t.at),
    // «what did account X read or export between T1 and T2» by login (ADR 0029)
    index('audit_login_idx').on(t.login, t.at),
    index('audit_action_idx').on(t.action, t.entityId, t.at),
    index('audit_territories_gin').using('gin', t.territoryIds),
    uniqueIndex('audit_chain_seq_idx').on(t.chainSeq),
  ],
);
