import { pgTable, uuid, text, integer, timestamp, boolean, date, jsonb, index, uniqueIndex, primaryKey, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { storedFiles } from '../files/files.schema.js';

export const roadmapLevels = ['regional', 'municipal', 'organization'] as const;
export const executorRoles = ['responsible', 'coExecutor'] as const;
/** Stored statuses of an occurrence; planned / due_soon / overdue are derived from today on reading. */
export const storedOccurrenceStatuses = ['done', 'not_applicable'] as const;

/** A roadmap («дорожная карта», «комплекс мер», «план мероприятий») approved by an order and
 *  amended by later ones. Its territory is the owner's; `parentRoadmapId` links a municipal
 *  roadmap cascaded from a regional one. */
export const roadmaps = pgTable(
  'roadmaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    level: text('level', { enum: roadmapLevels }).notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    periodFrom: integer('period_from').notNull(),
    periodTo: integer('period_to').notNull(),
    /** The approving order as the document states it («УТВЕРЖДЕН приказом … от … № …»). */
    approvedBy: text('approved_by'),
    /** Column headers of the source table, reused on export so the appendix looks the same. */
    columns: text('columns').array().notNull().default([]),
    parentRoadmapId: uuid('parent_roadmap_id').references((): AnyPgColumn => roadmaps.id),
    /** The number of the latest revision. */
    revisionNumber: integer('revision_number').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roadmaps_territory_idx').on(t.territoryId, t.title, t.id),
    index('roadmaps_owner_idx').on(t.ownerOrganizationId),
    index('roadmaps_title_idx').on(t.title, t.id),
    // one cascaded roadmap per owner from the same parent
    uniqueIndex('roadmaps_cascade_idx').on(t.parentRoadmapId, t.ownerOrganizationId),
  ],
);

/** Each imported document or amendment («О внесении изменений …»), with the full content as it
 *  stood then, so any two revisions can be compared and the history never depends on later edits. */
export const roadmapRevisions = pgTable(
  'roadmap_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['initial', 'amendment', 'cascade'] }).notNull(),
    approvedBy: text('approved_by'),
    sourceFileName: text('source_file_name'),
    /** Counts against the previous revision: { added, removed, changed }. */
    summary: jsonb('summary').notNull(),
    /** Every activity of this revision (RevisionSnapshot). */
    snapshot: jsonb('snapshot').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roadmap_revisions_number_idx').on(t.roadmapId, t.number)],
);

export const roadmapSections = pgTable(
  'roadmap_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    removedRevisionId: uuid('removed_revision_id').references(() => roadmapRevisions.id),
  },
  (t) => [index('roadmap_sections_roadmap_idx').on(t.roadmapId, t.position)],
);

/** An activity keeps its id across revisions (reports stay with it); its columns hold the
 *  current wording, older wordings live in the revisions' snapshots. */
export const roadmapActivities = pgTable(
  'roadmap_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => roadmapSections.id),
    number: text('number').notNull(),
    /** The merged «system-forming» item the activity sits under. */
    groupTitle: text('group_title'),
    title: text('title').notNull(),
    responsibleText: text('responsible_text').notNull(),
    coExecutorsText: text('co_executors_text'),
    deadlineText: text('deadline_text').notNull(),
    deadlineKind: text('deadline_kind').notNull(),
    deadlineNote: text('deadline_note'),
    /** The control dates were set by hand rather than parsed from the text. */
    scheduleManual: boolean('schedule_manual').notNull().default(false),
    expectedResult: text('expected_result').notNull(),
    /** Extra columns of the source table («Ответственный субъект» …), by header. */
    extra: jsonb('extra'),
    position: integer('position').notNull(),
    parentActivityId: uuid('parent_activity_id').references((): AnyPgColumn => roadmapActivities.id),
    createdRevisionId: uuid('created_revision_id')
      .notNull()
      .references(() => roadmapRevisions.id),
    removedRevisionId: uuid('removed_revision_id').references(() => roadmapRevisions.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roadmap_activities_roadmap_idx').on(t.roadmapId, t.position, t.id),
    index('roadmap_activities_section_idx').on(t.sectionId),
    index('roadmap_activities_parent_idx').on(t.parentActivityId),
  ],
);

/** A responsible executor or co-executor: the document's wording, the organization it was
 *  linked to, or — for a group such as «ОО» — the kinds of organizations it addresses within the
 *  roadmap's territory. */
export const activityExecutors = pgTable(
  'activity_executors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => roadmapActivities.id, { onDelete: 'cascade' }),
    role: text('role', { enum: executorRoles }).notNull(),
    text: text('text').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    kinds: text('kinds').array().notNull().default([]),
    position: integer('position').notNull(),
  },
  (t) => [index('activity_executors_activity_idx').on(t.activityId), index('activity_executors_org_idx').on(t.organizationId)],
);

/** One control window of an activity's schedule. */
export const activityOccurrences = pgTable(
  'activity_occurrences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => roadmapActivities.id, { onDelete: 'cascade' }),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    /** The control date. */
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: storedOccurrenceStatuses }),
    statusNote: text('status_note'),
    statusChangedBy: uuid('status_changed_by').references(() => users.id),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('activity_occurrences_activity_idx').on(t.activityId, t.startsOn), index('activity_occurrences_due_idx').on(t.roadmapId, t.dueOn)],
);

/** A report of execution by one organization: text, links to documents, evidence files. */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => roadmapActivities.id, { onDelete: 'cascade' }),
    occurrenceId: uuid('occurrence_id').references(() => activityOccurrences.id, { onDelete: 'set null' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    text: text('text').notNull(),
    links: text('links').array().notNull().default([]),
    /** The organization declares its part of the occurrence done. */
    completes: boolean('completes').notNull().default(false),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('progress_reports_activity_idx').on(t.activityId, t.createdAt),
    index('progress_reports_occurrence_idx').on(t.occurrenceId, t.organizationId),
    index('progress_reports_org_idx').on(t.organizationId, t.createdAt),
  ],
);

export const progressReportFiles = pgTable(
  'progress_report_files',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => progressReports.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.fileId] })],
);
