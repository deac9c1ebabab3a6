import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { roadmaps, roadmapRevisions, roadmapActivities, activityOccurrences, progressReports, progressReportFiles } from './roadmaps.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { roadmapVisible, organizationVisible, actorOrganizations, territoryFiguresVisible, canAdministerOrganization, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeFiles, filesMeta, readStoredFile, evidenceLimits, type UploadedFile } from '../files/files.service.js';
import { compareSnapshots, type SnapshotActivity } from './roadmap-content.js';
import type { DeadlineKind } from './deadline-parser.js';
import { occurrenceStatusSql, rankSql, statusOfRank, statusRank, summaryStatus, todayIso, type OccurrenceStatus } from './roadmap-status.js';
import { loadRoadmap, auditPlace, type LoadedRoadmap } from './roadmaps.service.js';

/**
 * Execution of roadmaps: the activity table and timeline, the activity card, progress reports,
 * statuses of control windows, «my deadlines» and the regional roll-up by municipality.
 */

/** Roadmap alias `r` visible to the actor, for raw queries. */
const rVisible = (actor: Actor) => roadmapVisible(actor, { level: sql`r.level`, territoryId: sql`r.territory_id`, ownerOrganizationId: sql`r.owner_organization_id` });

/** Does executor `e` of an activity in roadmap `r` address organization `orgId`: linked to it, or a
 *  group («ОО») of its kind within the roadmap's territory (an organization's roadmap: its subtree). */
function executorCovers(orgId: SQL): SQL {
  return sql`(e.organization_id = ${orgId} OR (e.organization_id IS NULL AND cardinality(e.kinds) > 0 AND EXISTS (
    SELECT 1 FROM organizations co JOIN territories ct ON ct.id = co.territory_id
    WHERE co.id = ${orgId} AND co.kind = ANY(e.kinds)
      AND CASE WHEN r.level = 'organization' THEN co.path @> ARRAY[r.owner_organization_id] ELSE ct.path @> ARRAY[r.territory_id] END)))`;
}

const yearWindow = (year: number | undefined, o = 'o') =>
  year === undefined ? sql`true` : sql`(${sql.raw(o)}.starts_on <= ${`${year}-12-31`}::date AND ${sql.raw(o)}.due_on >= ${`${year}-01-01`}::date)`;

// ───────────── activities: table, timeline ─────────────

export interface ActivityQuery {
  sectionId?: string;
  organizationId?: string;
  status?: OccurrenceStatus;
  year?: number;
  q?: string;
  limit: number;
  cursor?: string;
}

interface ActivityRow {
  id: string;
  roadmap_id: string;
  section_id: string;
  section_number: string;
  section_title: string;
  number: string;
  group_title: string | null;
  title: string;
  responsible_text: string;
  co_executors_text: string | null;
  deadline_text: string;
  deadline_kind: DeadlineKind;
  deadline_note: string | null;
  schedule_manual: boolean;
  expected_result: string;
  parent_activity_id: string | null;
  position: number;
  version: number;
  rank: number | null;
  report_count: number;
}

async function executorsOf(db: Db, activityIds: string[]) {
  if (!activityIds.length) return new Map<string, ExecutorItem[]>();
  const rows = await queryRows<{ activity_id: string; role: 'responsible' | 'coExecutor'; text: string; organization_id: string | null; organization_name: string | null; kinds: string[] }>(
    db,
    sql`SELECT e.activity_id, e.role, e.text, e.organization_id, o.short_name AS organization_name, e.kinds
        FROM activity_executors e LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.activity_id = ANY(${sql.param(activityIds)}::uuid[]) ORDER BY e.activity_id, e.position`,
  );
  const by = new Map<string, ExecutorItem[]>();
  for (const r of rows) {
    by.set(r.activity_id, [...(by.get(r.activity_id) ?? []), { role: r.role, text: r.text, organizationId: r.organization_id, organizationName: r.organization_name, kinds: r.kinds }]);
  }
  return by;
}
interface ExecutorItem {
  role: 'responsible' | 'coExecutor';
  text: string;
  organizationId: string | null;
  organizationName: string | null;
  kinds: string[];
}

export async function occurrencesOf(db: Db, activityIds: string[], today: string, year?: number) {
  if (!activityIds.length) return new Map<string, OccurrenceItem[]>();
  const rows = await queryRows<{ id: string; activity_id: string; starts_on: string; due_on: string; status: OccurrenceStatus; status_note: string | null; version: number }>(
    db,
    sql`SELECT o.id, o.activity_id, o.starts_on::text, o.due_on::text, ${occurrenceStatusSql('o', today)} AS status, o.status_note, o.version
        FROM activity_occurrences o WHERE o.activity_id = ANY(${sql.param(activityIds)}::uuid[]) AND ${yearWindow(year)} ORDER BY o.starts_on, o.due_on`,
  );
  const by = new Map<string, OccurrenceItem[]>();
  for (const r of rows) {
    by.set(r.activity_id, [...(by.get(r.activity_id) ?? []), { id: r.id, from: r.starts_on, to: r.due_on, status: r.status, statusNote: r.status_note, version: r.version }]);
  }
  return by;
}
interface OccurrenceItem {
  id: string;
  from: string;
  to: string;
  status: OccurrenceStatus;
  statusNote: string | null;
  version: number;
}

function activityView(a: ActivityRow, executors: ExecutorItem[], occurrences: OccurrenceItem[]) {
  const pick = (role: ExecutorItem['role']) => executors.filter((e) => e.role === role).map(({ role: _role, ...e }) => e);
  return {
    id: a.id,
    roadmapId: a.roadmap_id,
    sectionId: a.section_id,
    sectionNumber: a.section_number,
    sectionTitle: a.section_title,
    number: a.number,
    group: a.group_title,
    title: a.title,
    responsibleText: a.responsible_text,
    coExecutorsText: a.co_executors_text,
    responsible: pick('responsible'),
    coExecutors: pick('coExecutor'),
    deadline: { text: a.deadline_text, kind: a.deadline_kind, note: a.deadline_note, manual: a.schedule_manual },
    expectedResult: a.expected_result,
    status: summaryStatus(occurrences.map((o) => o.status)),
    occurrences,
    reportCount: a.report_count,
    parentActivityId: a.parent_activity_id,
    version: a.version,
  };
}
export type ActivityListItem = ReturnType<typeof activityView>;

function activitySelect(today: string, year: number | undefined, where: SQL) {
  return sql`SELECT * FROM (
    SELECT a.id, a.roadmap_id, a.section_id, s.number AS section_number, s.title AS section_title, a.number, a.group_title, a.title,
      a.responsible_text, a.co_executors_text, a.deadline_text, a.deadline_kind, a.deadline_note, a.schedule_manual, a.expected_result,
      a.parent_activity_id, a.position, a.version,
      (SELECT min(${rankSql(occurrenceStatusSql('o', today))}) FROM activity_occurrences o WHERE o.activity_id = a.id AND ${yearWindow(year)}) AS rank,
      (SELECT count(*)::int FROM progress_reports p WHERE p.activity_id = a.id) AS report_count
    FROM roadmap_activities a JOIN roadmap_sections s ON s.id = a.section_id JOIN roadmaps r ON r.id = a.roadmap_id
    WHERE ${where}) x`;
}

/** The activity table of a roadmap with its filters; keyset-paged in document order. */
export async function findActivities(db: Db, actor: Actor, roadmapId: string, q: ActivityQuery) {
  await loadRoadmap(db, actor, roadmapId);
  const today = todayIso();
  const where = and(
    sql`a.roadmap_id = ${roadmapId} AND a.removed_revision_id IS NULL`,
    q.sectionId ? sql`a.section_id = ${q.sectionId}` : undefined,
    q.organizationId ? sql`EXISTS (SELECT 1 FROM activity_executors e WHERE e.activity_id = a.id AND ${executorCovers(sql`${q.organizationId}::uuid`)})` : undefined,
    q.year !== undefined ? sql`EXISTS (SELECT 1 FROM activity_occurrences o WHERE o.activity_id = a.id AND ${yearWindow(q.year)})` : undefined,
    ...searchWords(q.q).map((w) => sql`(a.title ILIKE ${'%' + escapeLike(w) + '%'} OR a.responsible_text ILIKE ${'%' + escapeLike(w) + '%'} OR a.number = ${w})`),
  )!;
  const statusFilter = q.status ? sql`x.rank = ${statusRank[q.status]}` : sql`true`;
  const after = q.cursor ? (([p, id]) => sql`(x.position, x.id) > (${Number(p)}, ${String(id)}::uuid)`)(decodeCursor(q.cursor, 2)) : sql`true`;
  const rows = await queryRows<ActivityRow & { position: number }>(
    db,
    sql`${activitySelect(today, q.year, where)} WHERE ${statusFilter} AND ${after} ORDER BY x.position, x.id LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${activitySelect(today, q.year, where)} WHERE ${statusFilter}) t`);
  const items = rows.slice(0, q.limit);
  const ids = items.map((a) => a.id);
  const [executors, occurrences] = await Promise.all([executorsOf(db, ids), occurrencesOf(db, ids, today, q.year)]);
  const last = items[items.length - 1];
  return {
    items: items.map((a) => activityView(a, executors.get(a.id) ?? [], occurrences.get(a.id) ?? [])),
    nextCursor: rows.length > q.limit ? encodeCursor([last.position, last.id]) : null,
    total,
  };
}

/** Every current activity by section with its control windows: the data of a Gantt-like view. */
export async function getTimeline(db: Db, actor: Actor, roadmapId: string, q: { year?: number }) {
  const { roadmap } = await loadRoadmap(db, actor, roadmapId);
  const today = todayIso();
  const rows = await queryRows<ActivityRow>(db, sql`${activitySelect(today, q.year, sql`a.roadmap_id = ${roadmapId} AND a.removed_revision_id IS NULL`)} ORDER BY x.position`);
  const occurrences = await occurrencesOf(db, rows.map((a) => a.id), today, q.year);
  const sections: { id: string; number: string; title: string; activities: { id: string; number: string; title: string; responsibleText: string; deadlineText: string; status: OccurrenceStatus | null; occurrences: OccurrenceItem[] }[] }[] = [];
  for (const a of rows) {
    let s = sections[sections.length - 1];
    if (!s || s.id !== a.section_id) sections.push((s = { id: a.section_id, number: a.section_number, title: a.section_title, activities: [] }));
    const occ = occurrences.get(a.id) ?? [];
    s.activities.push({ id: a.id, number: a.number, title: a.title, responsibleText: a.responsible_text, deadlineText: a.deadline_text, status: statusOfRank(a.rank), occurrences: occ });
  }
  const from = q.year ?? roadmap.periodFrom;
  const to = q.year ?? roadmap.periodTo;
  return { roadmapId, from: `${from}-01-01`, to: `${to}-12-31`, today, sections };
}

// ───────────── the activity card ─────────────

export async function loadActivity(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ activity: roadmapActivities, roadmapId: roadmaps.id })
    .from(roadmapActivities)
    .innerJoin(roadmaps, eq(roadmaps.id, roadmapActivities.roadmapId))
    .where(and(eq(roadmapActivities.id, id), roadmapVisible(actor, { level: roadmaps.level, territoryId: roadmaps.territoryId, ownerOrganizationId: roadmaps.ownerOrganizationId })));
  if (!row) throw notFound('Запись о мероприятии');
  return { activity: row.activity, roadmap: await loadRoadmap(db, actor, row.roadmapId) };
}

/** Organizations the actor may report for on an activity: an executor (or one a group executor
 *  addresses) or the roadmap's owner, that the actor administers. Their own organizations first. */
async function reportingOrganizations(db: Db, actor: Actor, activityId: string, onlyId?: string) {
  const writable = organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` }, 'write');
  return queryRows<{ id: string; short_name: string; territory_id: string; path: string[] }>(
    db,
    sql`SELECT o.id, o.short_name, o.territory_id, o.path FROM organizations o, roadmap_activities a JOIN roadmaps r ON r.id = a.roadmap_id
        WHERE a.id = ${activityId} AND o.archived_at IS NULL AND ${writable} ${onlyId ? sql`AND o.id = ${onlyId}` : sql``}
          AND (o.id = r.owner_organization_id OR EXISTS (SELECT 1 FROM activity_executors e WHERE e.activity_id = a.id AND ${executorCovers(sql`o.id`)}))
        ORDER BY (o.id IN ${actorOrganizations(actor)}) DESC, (o.id IN (SELECT organization_id FROM activity_executors WHERE activity_id = a.id)) DESC, o.short_name
        LIMIT 50`,
  );
}

async function reportsOf(db: Db, activityIds: string[]) {
  if (!activityIds.length) return [];
  const rows = await db
    .select({ report: progressReports, organizationName: organizations.shortName, territoryId: organizations.territoryId })
    .from(progressReports)
    .innerJoin(organizations, eq(organizations.id, progressReports.organizationId))
    .where(inArray(progressReports.activityId, activityIds))
    .orderBy(asc(progressReports.createdAt));
  const links = rows.length ? await db.select().from(progressReportFiles).where(inArray(progressReportFiles.reportId, rows.map((r) => r.report.id))).orderBy(progressReportFiles.position) : [];
  const files = new Map((await filesMeta(db, links.map((l) => l.fileId))).map((f) => [f.id, f]));
  return rows.map(({ report: p, organizationName, territoryId }) => ({
    id: p.id,
    activityId: p.activityId,
    occurrenceId: p.occurrenceId,
    organizationId: p.organizationId,
    organizationName,
    territoryId,
    text: p.text,
    links: p.links,
    completes: p.completes,
    authorName: p.authorName,
    createdAt: p.createdAt.toISOString(),
    files: links.filter((l) => l.reportId === p.id).map((l) => files.get(l.fileId)!),
  }));
}
export type ProgressReportView = Awaited<ReturnType<typeof reportsOf>>[number];

/** The activity card: wording, executors, control windows with statuses, reports, its place in
 *  the cascade, and its history across revisions. */
export async function getActivity(db: Db, actor: Actor, id: string) {
  const { activity: a, roadmap } = await loadActivity(db, actor, id);
  const today = todayIso();
  const [[row], executors, occurrences, reports, reporters, parent, children, revisions] = await Promise.all([
    queryRows<ActivityRow>(db, sql`${activitySelect(today, undefined, sql`a.id = ${id}`)}`),
    executorsOf(db, [id]),
    occurrencesOf(db, [id], today),
    reportsOf(db, [id]),
    reportingOrganizations(db, actor, id),
    a.parentActivityId
      ? queryRows<{ id: string; number: string; title: string; roadmap_id: string; roadmap_title: string }>(
          db,
          sql`SELECT a.id, a.number, a.title, r.id AS roadmap_id, r.title AS roadmap_title FROM roadmap_activities a JOIN roadmaps r ON r.id = a.roadmap_id
              WHERE a.id = ${a.parentActivityId} AND ${rVisible(actor)}`,
        )
      : Promise.resolve([]),
    queryRows<{ id: string; roadmap_id: string; roadmap_title: string; territory_id: string; territory_name: string; rank: number | null }>(
      db,
      sql`SELECT a.id, r.id AS roadmap_id, r.title AS roadmap_title, r.territory_id, t.name AS territory_name,
            (SELECT min(${rankSql(occurrenceStatusSql('o', today))}) FROM activity_occurrences o WHERE o.activity_id = a.id) AS rank
          FROM roadmap_activities a JOIN roadmaps r ON r.id = a.roadmap_id JOIN territories t ON t.id = r.territory_id
          WHERE a.parent_activity_id = ${id} AND a.removed_revision_id IS NULL AND ${rVisible(actor)} ORDER BY t.name`,
    ),
    db.select().from(roadmapRevisions).where(eq(roadmapRevisions.roadmapId, a.roadmapId)).orderBy(asc(roadmapRevisions.number)),
  ]);
  return {
    ...activityView(row, executors.get(id) ?? [], occurrences.get(id) ?? []),
    roadmapTitle: roadmap.roadmap.title,
    roadmapLevel: roadmap.roadmap.level,
    extra: (a.extra as Record<string, string> | null) ?? null,
    removed: a.removedRevisionId !== null,
    reports: reports.map(({ territoryId: _t, ...r }) => r),
    parent: parent[0] ? { activityId: parent[0].id, number: parent[0].number, title: parent[0].title, roadmapId: parent[0].roadmap_id, roadmapTitle: parent[0].roadmap_title } : null,
    children: children.map((c) => ({ activityId: c.id, roadmapId: c.roadmap_id, roadmapTitle: c.roadmap_title, territoryId: c.territory_id, territoryName: c.territory_name, status: statusOfRank(c.rank) })),
    history: historyOf(id, revisions),
    reportingOrganizations: reporters.map((o) => ({ id: o.id, name: o.short_name })),
    canEdit: canEditRoadmap(actor, roadmap),
  };
}

const canEditRoadmap = (actor: Actor, r: LoadedRoadmap) => canAdministerOrganization(actor, r.owner);

/** The activity's story: in which revision it appeared, changed (and how), or was removed. */
function historyOf(id: string, revisions: (typeof roadmapRevisions.$inferSelect)[]) {
  const events: { revisionNumber: number; approvedBy: string | null; createdAt: string; change: 'added' | 'changed' | 'removed'; changes: { field: string; before: string | null; after: string | null }[] }[] = [];
  let prev: SnapshotActivity[] = [];
  for (const rev of revisions) {
    const snap = rev.snapshot as SnapshotActivity[];
    const before = prev.filter((x) => x.activityId === id);
    const after = snap.filter((x) => x.activityId === id);
    const c = compareSnapshots(before, after);
    const base = { revisionNumber: rev.number, approvedBy: rev.approvedBy, createdAt: rev.createdAt.toISOString() };
    if (c.added.length) events.push({ ...base, change: 'added', changes: [] });
    else if (c.removed.length) events.push({ ...base, change: 'removed', changes: [] });
    else if (c.changed.length) events.push({ ...base, change: 'changed', changes: c.changed[0].changes });
    prev = snap;
  }
  return events;
}

// ───────────── progress reports ─────────────

export interface ReportInput {
  text: string;
  organizationId?: string;
  occurrenceId?: string;
  completes: boolean;
  links: string[];
}

/**
 * A report of execution by an organization that the actor administers and that executes the
 * activity (or owns the roadmap), with evidence files. A completing report closes that
 * organization's part of the control window; once every linked responsible organization has closed
 * it, the window itself is done.
 */
export async function createProgressReport(db: Db, actor: Actor, activityId: string, input: ReportInput, files: UploadedFile[]) {
  const reportId = await db.transaction(async (tx) => {
    const t = tx as Db;
    const { activity, roadmap } = await loadActivity(t, actor, activityId);
    if (activity.removedRevisionId) throw new AppError(409, 'activity_removed', 'Мероприятие исключено из дорожной карты: отчёт по нему не принимается');
    const [org] = await reportingOrganizations(t, actor, activityId, input.organizationId);
    if (!org) throw forbidden('Отчитываться об исполнении может администратор организации — исполнителя мероприятия');
    const occurrenceId = await reportedOccurrence(t, activityId, org.id, input);
    const stored = await storeFiles(t, actor, files, evidenceLimits);
    const [report] = await tx
      .insert(progressReports)
      .values({ activityId, occurrenceId, organizationId: org.id, text: input.text, links: input.links, completes: input.completes, authorUserId: actor.userId, authorName: actor.displayName })
      .returning();
    if (stored.length) await tx.insert(progressReportFiles).values(stored.map((f, position) => ({ reportId: report.id, fileId: f.id, position })));
    if (input.completes && occurrenceId) await closeIfAllCompleted(t, actor, activityId, occurrenceId);
    await recordAudit(t, actor, {
      action: 'progress_report.create',
      entity: 'progress_report',
      entityId: report.id,
      territoryIds: [...new Set([roadmap.roadmap.territoryId, org.territory_id])],
      organizationIds: org.path,
      after: { activityId, occurrenceId, organizationId: org.id, completes: input.completes, text: input.text, links: input.links, files: stored },
    });
    return report.id;
  });
  const [report] = (await reportsOf(db, [activityId])).filter((r) => r.id === reportId);
  const { territoryId: _t, ...view } = report;
  return view;
}

/** The control window a report is about: the one named, or for a completing report the earliest
 *  window this organization has not closed yet. */
async function reportedOccurrence(db: Db, activityId: string, orgId: string, input: ReportInput): Promise<string | null> {
  if (input.occurrenceId) {
    const [o] = await db.select({ id: activityOccurrences.id }).from(activityOccurrences).where(and(eq(activityOccurrences.id, input.occurrenceId), eq(activityOccurrences.activityId, activityId)));
    if (!o) throw invalid([{ field: 'occurrenceId', message: 'Контрольная дата не относится к этому мероприятию' }]);
    return o.id;
  }
  if (!input.completes) return null;
  const [open] = await queryRows<{ id: string }>(
    db,
    sql`SELECT o.id FROM activity_occurrences o WHERE o.activity_id = ${activityId}
        AND ${occurrenceStatusSql('o', todayIso(), sql`sr.organization_id = ${orgId}`)} NOT IN ('done', 'not_applicable')
        ORDER BY o.due_on LIMIT 1`,
  );
  if (!open) throw invalid([{ field: 'occurrenceId', message: 'Все контрольные даты мероприятия уже закрыты: отчёт можно отправить без отметки об исполнении' }]);
  return open.id;
}

async function closeIfAllCompleted(db: Db, actor: Actor, activityId: string, occurrenceId: string) {
  const [{ open }] = await queryRows<{ open: number }>(
    db,
    sql`SELECT count(*)::int AS open FROM activity_executors e WHERE e.activity_id = ${activityId} AND e.role = 'responsible' AND e.organization_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM progress_reports p WHERE p.occurrence_id = ${occurrenceId} AND p.organization_id = e.organization_id AND p.completes)`,
  );
  const [{ linked }] = await queryRows<{ linked: number }>(
    db,
    sql`SELECT count(*)::int AS linked FROM activity_executors e WHERE e.activity_id = ${activityId} AND e.role = 'responsible' AND e.organization_id IS NOT NULL`,
  );
  if (linked > 0 && open === 0) {
    await db
      .update(activityOccurrences)
      .set({ status: 'done', statusNote: 'Исполнено по отчётам ответственных исполнителей', statusChangedBy: actor.userId, statusChangedAt: new Date(), version: sql`${activityOccurrences.version} + 1` })
      .where(and(eq(activityOccurrences.id, occurrenceId), sql`${activityOccurrences.status} IS NULL`));
  }
}

/** Marks a control window done or not applicable (or reopens it): the roadmap owner's decision. */
export async function setOccurrenceStatus(db: Db, actor: Actor, id: string, input: { version: number; status: 'done' | 'not_applicable' | null; note?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [o] = await t.select().from(activityOccurrences).where(eq(activityOccurrences.id, id));
    if (!o) throw notFound('Контрольная дата');
    const { roadmap } = await loadActivity(t, actor, o.activityId).catch(() => {
      throw notFound('Контрольная дата');
    });
    if (!canEditRoadmap(actor, roadmap)) throw forbidden('Отмечать исполнение контрольных дат могут администраторы организации — владельца дорожной карты');
    if (o.version !== input.version) throw staleVersion();
    const [after] = await tx
      .update(activityOccurrences)
      .set({ status: input.status, statusNote: input.note ?? null, statusChangedBy: actor.userId, statusChangedAt: new Date(), version: o.version + 1 })
      .where(and(eq(activityOccurrences.id, id), eq(activityOccurrences.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    await recordAudit(t, actor, {
      action: 'roadmap_occurrence.update',
      entity: 'roadmap_occurrence',
      entityId: id,
      ...auditPlace(roadmap),
      before: { status: o.status, note: o.statusNote },
      after: { status: after.status, note: after.statusNote },
    });
    const [view] = (await occurrencesOf(t, [o.activityId], todayIso())).get(o.activityId)!.filter((x) => x.id === id);
    return view;
  });
}

/** An evidence file, to those who read the roadmap the report belongs to. */
export async function readReportFile(db: Db, actor: Actor, reportId: string, fileId: string) {
  const [report] = await db.select().from(progressReports).where(eq(progressReports.id, reportId));
  if (!report) throw notFound('Запись об отчёте');
  await loadActivity(db, actor, report.activityId).catch(() => {
    throw notFound('Запись об отчёте');
  });
  const [link] = await db.select().from(progressReportFiles).where(and(eq(progressReportFiles.reportId, reportId), eq(progressReportFiles.fileId, fileId)));
  const file = link ? await readStoredFile(db, fileId) : null;
  if (!file) throw notFound('Запись о файле');
  return file;
}

// ───────────── my deadlines ─────────────

export const deadlineStatusFilters = ['overdue', 'due_soon', 'planned', 'open', 'done', 'not_applicable', 'all'] as const;
export type DeadlineStatusFilter = (typeof deadlineStatusFilters)[number];

export interface DeadlineQuery {
  organizationId?: string;
  status?: DeadlineStatusFilter;
  year?: number;
  limit: number;
  cursor?: string;
}

const statusSet: Record<DeadlineStatusFilter, OccurrenceStatus[] | null> = {
  overdue: ['overdue'],
  due_soon: ['due_soon'],
  planned: ['planned'],
  open: ['overdue', 'due_soon', 'planned'],
  done: ['done'],
  not_applicable: ['not_applicable'],
  all: null,
};

interface DeadlineRow {
  occurrence_id: string;
  starts_on: string;
  due_on: string;
  status: OccurrenceStatus;
  activity_id: string;
  number: string;
  title: string;
  deadline_text: string;
  roadmap_id: string;
  roadmap_title: string;
  organization_id: string;
  organization_name: string;
}

/**
 * Control windows addressed to an organization, with that organization's own status: the
 * caller's organizations by default (their organization roles, workplaces and the governing body
 * of the territory they administer), or any organization they can see. A regional activity that
 * the organization's municipality has mirrored in its cascaded roadmap is listed once, from there.
 */
export async function findDeadlines(db: Db, actor: Actor, q: DeadlineQuery) {
  let orgs: SQL = actorOrganizations(actor);
  if (q.organizationId) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, q.organizationId), organizationVisible(actor, organizations)));
    if (!org) throw notFound('Организация');
    orgs = sql`(SELECT ${q.organizationId}::uuid)`;
  }
  const today = todayIso();
  const inner = sql`SELECT o.id AS occurrence_id, o.starts_on::text, o.due_on::text, ${occurrenceStatusSql('o', today, sql`sr.organization_id = org.id`)} AS status,
      a.id AS activity_id, a.number, a.title, a.deadline_text, r.id AS roadmap_id, r.title AS roadmap_title, org.id AS organization_id, org.short_name AS organization_name
    FROM activity_occurrences o
    JOIN roadmap_activities a ON a.id = o.activity_id AND a.removed_revision_id IS NULL
    JOIN roadmaps r ON r.id = o.roadmap_id AND r.archived_at IS NULL
    JOIN organizations org ON org.id IN ${orgs}
    WHERE ${rVisible(actor)} AND ${yearWindow(q.year)}
      AND EXISTS (SELECT 1 FROM activity_executors e WHERE e.activity_id = a.id AND ${executorCovers(sql`org.id`)})
      AND NOT EXISTS (SELECT 1 FROM roadmap_activities ch JOIN roadmaps chr ON chr.id = ch.roadmap_id AND chr.archived_at IS NULL
        WHERE ch.parent_activity_id = a.id AND ch.removed_revision_id IS NULL AND chr.territory_id = org.territory_id)`;
  const statuses = statusSet[q.status ?? 'open'];
  const statusFilter = statuses ? sql`x.status = ANY(${sql.param(statuses)}::text[])` : sql`true`;
  const after = q.cursor
    ? (([due, occ, org]) => sql`(x.due_on, x.occurrence_id, x.organization_id) > (${String(due)}, ${String(occ)}::uuid, ${String(org)}::uuid)`)(decodeCursor(q.cursor, 3))
    : sql`true`;
  const rows = await queryRows<DeadlineRow>(db, sql`SELECT * FROM (${inner}) x WHERE ${statusFilter} AND ${after} ORDER BY x.due_on, x.occurrence_id, x.organization_id LIMIT ${q.limit + 1}`);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${inner}) x WHERE ${statusFilter}`);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      occurrenceId: r.occurrence_id,
      from: r.starts_on,
      to: r.due_on,
      status: r.status,
      activityId: r.activity_id,
      number: r.number,
      title: r.title,
      deadlineText: r.deadline_text,
      roadmapId: r.roadmap_id,
      roadmapTitle: r.roadmap_title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.due_on, last.occurrence_id, last.organization_id]) : null,
    total,
  };
}

/** What the login banner shows: how many of the caller's control dates are overdue or close, and
 *  the first overdue ones. */
export async function deadlineSummary(db: Db, actor: Actor) {
  const [overdue, dueSoon] = await Promise.all([findDeadlines(db, actor, { status: 'overdue', limit: 5 }), findDeadlines(db, actor, { status: 'due_soon', limit: 1 })]);
  return { overdue: overdue.total, dueSoon: dueSoon.total, items: overdue.items };
}

// ───────────── regional roll-up ─────────────

interface Cell {
  territoryId: string;
  childActivityId: string | null;
  childRoadmapId: string | null;
  status: OccurrenceStatus | null;
  total: number;
  done: number;
  overdue: number;
  dueSoon: number;
  reports: number;
  lastReportAt: string | null;
}

/**
 * How each municipality executes each activity of a regional roadmap: from the mirrored activity
 * of its cascaded roadmap where there is one, otherwise from its own organizations' part of the
 * regional activity (their completing reports). Reports count from both. Municipalities outside
 * the actor's scope are left out.
 */
export async function getRollup(db: Db, actor: Actor, roadmapId: string) {
  const { roadmap } = await loadRoadmap(db, actor, roadmapId);
  if (roadmap.level !== 'regional') throw new AppError(422, 'not_regional', 'Свод по муниципалитетам строится для региональной дорожной карты');
  const today = todayIso();
  const [municipalities, activities, children, childOccurrences, direct, reports] = await Promise.all([
    queryRows<{ id: string; name: string }>(db, sql`SELECT m.id, m.name FROM territories m WHERE m.parent_id = ${roadmap.territoryId} AND ${territoryFiguresVisible(actor, sql`m.id`)} ORDER BY m.name`),
    db.select({ id: roadmapActivities.id, number: roadmapActivities.number, title: roadmapActivities.title }).from(roadmapActivities).where(and(eq(roadmapActivities.roadmapId, roadmapId), sql`${roadmapActivities.removedRevisionId} IS NULL`)).orderBy(asc(roadmapActivities.position)),
    queryRows<{ parent_id: string; id: string; roadmap_id: string; territory_id: string }>(
      db,
      sql`SELECT c.parent_activity_id AS parent_id, c.id, cr.id AS roadmap_id, cr.territory_id FROM roadmap_activities c JOIN roadmaps cr ON cr.id = c.roadmap_id AND cr.archived_at IS NULL
          JOIN roadmap_activities p ON p.id = c.parent_activity_id WHERE p.roadmap_id = ${roadmapId} AND c.removed_revision_id IS NULL`,
    ),
    queryRows<{ activity_id: string; status: OccurrenceStatus }>(
      db,
      sql`SELECT o.activity_id, ${occurrenceStatusSql('o', today)} AS status FROM activity_occurrences o JOIN roadmap_activities c ON c.id = o.activity_id
          JOIN roadmap_activities p ON p.id = c.parent_activity_id WHERE p.roadmap_id = ${roadmapId} AND c.removed_revision_id IS NULL`,
    ),
    queryRows<{ activity_id: string; territory_id: string; status: OccurrenceStatus }>(
      db,
      sql`SELECT a.id AS activity_id, m.id AS territory_id,
            ${occurrenceStatusSql('o', today, sql`sr.organization_id IN (SELECT id FROM organizations WHERE territory_id = m.id)`)} AS status
          FROM roadmap_activities a JOIN activity_occurrences o ON o.activity_id = a.id
          JOIN territories m ON m.id IN (SELECT eo.territory_id FROM activity_executors e JOIN organizations eo ON eo.id = e.organization_id WHERE e.activity_id = a.id)
          WHERE a.roadmap_id = ${roadmapId} AND a.removed_revision_id IS NULL AND m.parent_id = ${roadmap.territoryId}`,
    ),
    queryRows<{ activity_id: string; territory_id: string; n: number; last_at: string }>(
      db,
      sql`SELECT coalesce(ra.parent_activity_id, ra.id) AS activity_id, org.territory_id, count(*)::int AS n, max(p.created_at) AS last_at
          FROM progress_reports p JOIN roadmap_activities ra ON ra.id = p.activity_id JOIN organizations org ON org.id = p.organization_id
          WHERE ra.roadmap_id = ${roadmapId} OR ra.parent_activity_id IN (SELECT id FROM roadmap_activities WHERE roadmap_id = ${roadmapId})
          GROUP BY 1, 2`,
    ),
  ]);
  const visible = new Set(municipalities.map((m) => m.id));
  const cellOf = (activityId: string, territoryId: string): Cell | null => {
    const child = children.find((c) => c.parent_id === activityId && c.territory_id === territoryId);
    const statuses = child
      ? childOccurrences.filter((o) => o.activity_id === child.id).map((o) => o.status)
      : direct.filter((d) => d.activity_id === activityId && d.territory_id === territoryId).map((d) => d.status);
    const rep = reports.find((r) => r.activity_id === activityId && r.territory_id === territoryId);
    const addressed = child || direct.some((d) => d.activity_id === activityId && d.territory_id === territoryId);
    if (!addressed && !rep) return null;
    const count = (s: OccurrenceStatus) => statuses.filter((x) => x === s).length;
    return {
      territoryId,
      childActivityId: child?.id ?? null,
      childRoadmapId: child?.roadmap_id ?? null,
      status: summaryStatus(statuses),
      total: statuses.length,
      done: count('done'),
      overdue: count('overdue'),
      dueSoon: count('due_soon'),
      reports: rep?.n ?? 0,
      lastReportAt: rep ? new Date(rep.last_at).toISOString() : null,
    };
  };
  return {
    roadmapId,
    municipalities: municipalities.map((m) => ({ territoryId: m.id, name: m.name, roadmapId: children.find((c) => c.territory_id === m.id)?.roadmap_id ?? null })),
    activities: activities.map((a) => ({
      activityId: a.id,
      number: a.number,
      title: a.title,
      cells: municipalities.map((m) => cellOf(a.id, m.id)).filter((c): c is Cell => c !== null && visible.has(c.territoryId)),
    })),
  };
}
