import { pgTable, uuid, text, integer, timestamp, date, jsonb, bigint, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';

/** Legal bases of processing (ч. 1 ст. 6 152-ФЗ) a person's data may rest on. */
export const legalBases = {
  consent: 'Согласие субъекта (п. 1 ч. 1 ст. 6 152-ФЗ)',
  law: 'Исполнение полномочий, возложенных законом (п. 2 ч. 1 ст. 6 152-ФЗ)',
  contract: 'Трудовой договор, стороной которого является субъект (п. 5 ч. 1 ст. 6 152-ФЗ)',
  public_interest: 'Осуществление функций органа власти (п. 4 ч. 1 ст. 6 152-ФЗ)',
} as const;
export type LegalBasis = keyof typeof legalBases;
export const legalBasisCodes = Object.keys(legalBases) as [LegalBasis, ...LegalBasis[]];
export const defaultLegalBasis: LegalBasis = 'law';
export const defaultPurpose = 'Научно-методическое сопровождение педагогических работников и управленческих кадров: учёт кадров, диагностика, ИОМ, обучение, наставничество';

/** The legal basis and purpose of processing one person's data (one row per person; absent = the defaults). */
export const personalDataProcessing = pgTable('personal_data_processing', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  legalBasis: text('legal_basis', { enum: legalBasisCodes }).notNull(),
  purpose: text('purpose').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Consent, as an append-only history: every giving or withdrawal is a new row (ADR 0028). */
export const personalDataConsents = pgTable(
  'personal_data_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['given', 'withdrawn'] }).notNull(),
    /** The version of the consent text the person signed (e.g. «2026-1»). */
    textVersion: text('text_version').notNull(),
    /** When the person gave or withdrew it (the date on the paper), not when it was typed in. */
    effectiveOn: date('effective_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('personal_data_consents_staff_idx').on(t.staffId, t.recordedAt)],
);

/** Blocked people: processing stops, data are kept (ст. 21 152-ФЗ). A row while blocked. */
export const personalDataBlocks = pgTable('personal_data_blocks', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  blockedBy: uuid('blocked_by').references(() => users.id),
  blockedAt: timestamp('blocked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Acts of destruction of personal data: what was erased, in which stores, how many rows. */
export const destructionActs = pgTable(
  'destruction_acts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').notNull(),
    actDate: date('act_date').notNull(),
    /** The person whose data were destroyed: the id stays, anonymous. */
    staffId: uuid('staff_id').references(() => staff.id),
    basis: text('basis').notNull(),
    performedBy: uuid('performed_by').references(() => users.id),
    /** Per store: table, rows touched, columns erased, rows deleted. */
    stores: jsonb('stores').notNull(),
    auditRowsErased: integer('audit_rows_erased').notNull(),
    /** The audit link that records the destruction itself. */
    auditChainSeq: bigint('audit_chain_seq', { mode: 'number' }),
    territoryIds: uuid('territory_ids').array().notNull().default([]),
    organizationIds: uuid('organization_ids').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('destruction_acts_number_idx').on(t.number), index('destruction_acts_staff_idx').on(t.staffId)],
);
