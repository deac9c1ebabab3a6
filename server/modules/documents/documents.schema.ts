import { pgTable, uuid, text, integer, timestamp, date, index, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { storedFiles } from '../files/files.schema.js';
import { roadmapActivities } from '../roadmaps/roadmaps.schema.js';

export const documentKinds = ['order', 'directive', 'regulation', 'agreement', 'local_act', 'plan', 'other'] as const;
export const documentStatuses = ['draft', 'approved', 'in_force', 'superseded'] as const;
export const documentLevels = ['regional', 'municipal', 'organization'] as const;

/** A normative document (приказ, распоряжение, положение, соглашение, локальный акт …) issued by an
 *  organization (the owner). `level` says whether it is read within the owner's territory (regional,
 *  municipal) or by those who see the owner (organization's local act), ADR 0019. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: documentKinds }).notNull(),
    title: text('title').notNull(),
    number: text('number'),
    docDate: date('doc_date'),
    status: text('status', { enum: documentStatuses }).notNull().default('draft'),
    level: text('level', { enum: documentLevels }).notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The owner's territory, denormalized so that visibility needs no join. */
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    /** The document that replaced this one (status superseded). */
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => documents.id),
    fileId: uuid('file_id').references(() => storedFiles.id),
    summary: text('summary'),
    validFrom: date('valid_from'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_territory_idx').on(t.territoryId, t.docDate, t.id),
    index('documents_owner_idx').on(t.ownerOrganizationId),
    index('documents_superseded_idx').on(t.supersededById),
  ],
);

/** Every change of a document's status, for the card's history. */
export const documentStatusChanges = pgTable(
  'document_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: documentStatuses }),
    toStatus: text('to_status', { enum: documentStatuses }).notNull(),
    comment: text('comment'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_status_changes_doc_idx').on(t.documentId, t.changedAt)],
);

/** Parties of an agreement: an organization of the registry or a party named in free text
 *  (a federal body, a university of another region). */
export const documentParties = pgTable(
  'document_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('document_parties_doc_idx').on(t.documentId, t.position), index('document_parties_org_idx').on(t.organizationId)],
);

/** A document as evidence of a roadmap activity («Распорядительный акт Министерства»). */
export const documentActivityLinks = pgTable(
  'document_activity_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => roadmapActivities.id, { onDelete: 'cascade' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('document_activity_links_uq').on(t.documentId, t.activityId), index('document_activity_links_activity_idx').on(t.activityId)],
);

/** A document as evidence about an organization, with the purpose in words
 *  («ответственный назначен локальным актом»). */
export const documentOrganizationLinks = pgTable(
  'document_organization_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    purpose: text('purpose').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('document_organization_links_uq').on(t.documentId, t.organizationId), index('document_organization_links_org_idx').on(t.organizationId)],
);
