import { and, asc, desc, eq, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { roadmaps, roadmapRevisions, roadmapSections, roadmapActivities } from './roadmaps.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { roadmapVisible, canAdministerOrganization, type Actor } from '../../lib/access.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { compareSnapshots, type SnapshotActivity } from './roadmap-content.js';
import { occurrenceStatusSql, todayIso, occurrenceStatuses, type OccurrenceStatus } from './roadmap-status.js';
import type { roadmapLevels } from './roadmaps.schema.js';

export type RoadmapLevel = (typeof roadmapLevels)[number];
export type RoadmapRow = typeof roadmaps.$inferSelect;
export type RevisionRow = typeof roadmapRevisions.$inferSelect;

export interface RoadmapQuery {
  q?: string;
  level?: RoadmapLevel;
  territoryId?: string;
  ownerOrganizationId?: string;
  parentRoadmapId?: string;
  archived?: boolean;
  limit: number;
  cursor?: string;
}

export const visibleRoadmap = (actor: Actor) =>
  roadmapVisible(actor, { level: roadmaps.level, territoryId: roadmaps.territoryId, ownerOrganizationId: roadmaps.ownerOrganizationId });

const ownerCols = { id: organizations.id, shortName: organizations.shortName, kind: organizations.kind, territoryId: organizations.territoryId, path: organizations.path };

/** A roadmap the actor may read (404 otherwise); for 'write', one whose owner they administer (403). */
export async function loadRoadmap(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db
    .select({ roadmap: roadmaps, owner: ownerCols, territoryName: territories.name })
    .from(roadmaps)
    .innerJoin(organizations, eq(organizations.id, roadmaps.ownerOrganizationId))
    .innerJoin(territories, eq(territories.id, roadmaps.territoryId))
    .where(and(eq(roadmaps.id, id), visibleRoadmap(actor)));
  if (!row) throw notFound('Дорожная карта');
  if (mode === 'write' && !canAdministerOrganization(actor, row.owner)) {
    throw forbidden('Изменять дорожную карту могут администраторы её организации-владельца');
  }
  return row;
}
export type LoadedRoadmap = Awaited<ReturnType<typeof loadRoadmap>>;

/** Where a roadmap's audit entries belong: its territory and its owner's subtree. */
export const auditPlace = (r: LoadedRoadmap) => ({ territoryIds: [r.roadmap.territoryId], organizationIds: r.owner.path });

const sorts: KeysetSort = { keys: [sql`${roadmaps.title}`, sql`${roadmaps.id}`] };

const liveActivities = sql`(SELECT count(*)::int FROM roadmap_activities la WHERE la.roadmap_id = ${roadmaps.id} AND la.removed_revision_id IS NULL)`;
const overdueCount = (today: string) => sql<number>`(SELECT count(*)::int FROM activity_occurrences oc JOIN roadmap_activities oa ON oa.id = oc.activity_id
  WHERE oc.roadmap_id = ${roadmaps.id} AND oa.removed_revision_id IS NULL AND oc.status IS NULL AND oc.due_on < ${today}::date)`;

function listView(r: RoadmapRow & { ownerName: string; territoryName: string; activityCount: number; overdueCount: number }) {
  return {
    id: r.id,
    title: r.title,
    level: r.level,
    ownerOrganizationId: r.ownerOrganizationId,
    ownerOrganizationName: r.ownerName,
    territoryId: r.territoryId,
    territoryName: r.territoryName,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    approvedBy: r.approvedBy,
    parentRoadmapId: r.parentRoadmapId,
    revisionNumber: r.revisionNumber,
    activityCount: r.activityCount,
    overdueCount: r.overdueCount,
    archived: r.archivedAt !== null,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RoadmapListItem = ReturnType<typeof listView>;

function listFilter(actor: Actor, q: Omit<RoadmapQuery, 'limit' | 'cursor'>): SQL | undefined {
  return and(
    visibleRoadmap(actor),
    q.archived ? isNotNull(roadmaps.archivedAt) : isNull(roadmaps.archivedAt),
    q.level ? eq(roadmaps.level, q.level) : undefined,
    q.territoryId ? sql`${roadmaps.territoryId} IN (SELECT id FROM territories WHERE path @> ARRAY[${q.territoryId}]::uuid[])` : undefined,
    q.ownerOrganizationId ? eq(roadmaps.ownerOrganizationId, q.ownerOrganizationId) : undefined,
    q.parentRoadmapId ? eq(roadmaps.parentRoadmapId, q.parentRoadmapId) : undefined,
    ...searchWords(q.q).map((w) => sql`${roadmaps.title} ILIKE ${'%' + escapeLike(w) + '%'}`),
  );
}

const listColumns = (today: string) => ({
  roadmap: roadmaps,
  ownerName: organizations.shortName,
  territoryName: territories.name,
  activityCount: sql<number>`${liveActivities}`,
  overdueCount: overdueCount(today),
});

export async function findRoadmaps(db: Db, actor: Actor, q: RoadmapQuery) {
  const where = listFilter(actor, q);
  const rows = await db
    .select(listColumns(todayIso()))
    .from(roadmaps)
    .innerJoin(organizations, eq(organizations.id, roadmaps.ownerOrganizationId))
    .innerJoin(territories, eq(territories.id, roadmaps.territoryId))
    .where(and(where, keysetAfter(sorts, q.cursor)))
    .orderBy(keysetOrder(sorts))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(roadmaps).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.roadmap.title, r.roadmap.id]);
  return { items: page.items.map((r) => listView({ ...r.roadmap, ...r })), nextCursor: page.nextCursor, total };
}

/** The roadmap card: what it is, its sections, revisions, execution counts, cascade links. */
export async function getRoadmap(db: Db, actor: Actor, id: string) {
  const loaded = await loadRoadmap(db, actor, id);
  const today = todayIso();
  const [row] = await db
    .select(listColumns(today))
    .from(roadmaps)
    .innerJoin(organizations, eq(organizations.id, roadmaps.ownerOrganizationId))
    .innerJoin(territories, eq(territories.id, roadmaps.territoryId))
    .where(eq(roadmaps.id, id));
  const [sections, revisions, counts, children, parent] = await Promise.all([
    queryRows<{ id: string; number: string; title: string; activity_count: number }>(
      db,
      sql`SELECT s.id, s.number, s.title, count(a.id)::int AS activity_count FROM roadmap_sections s
          LEFT JOIN roadmap_activities a ON a.section_id = s.id AND a.removed_revision_id IS NULL
          WHERE s.roadmap_id = ${id} AND s.removed_revision_id IS NULL GROUP BY s.id ORDER BY s.position`,
    ),
    listRevisions(db, id),
    queryRows<{ status: OccurrenceStatus; n: number }>(
      db,
      sql`SELECT ${occurrenceStatusSql('o', today)} AS status, count(*)::int AS n FROM activity_occurrences o
          JOIN roadmap_activities a ON a.id = o.activity_id AND a.removed_revision_id IS NULL
          WHERE o.roadmap_id = ${id} GROUP BY 1`,
    ),
    db
      .select({ id: roadmaps.id, title: roadmaps.title, territoryId: roadmaps.territoryId, territoryName: territories.name, ownerOrganizationName: organizations.shortName })
      .from(roadmaps)
      .innerJoin(organizations, eq(organizations.id, roadmaps.ownerOrganizationId))
      .innerJoin(territories, eq(territories.id, roadmaps.territoryId))
      .where(and(eq(roadmaps.parentRoadmapId, id), visibleRoadmap(actor)))
      .orderBy(asc(territories.name)),
    loaded.roadmap.parentRoadmapId
      ? db.select({ id: roadmaps.id, title: roadmaps.title }).from(roadmaps).where(and(eq(roadmaps.id, loaded.roadmap.parentRoadmapId), visibleRoadmap(actor)))
      : Promise.resolve([]),
  ]);
  const statusCounts = Object.fromEntries(occurrenceStatuses.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])) as Record<OccurrenceStatus, number>;
  return {
    ...listView({ ...row.roadmap, ...row }),
    columns: loaded.roadmap.columns,
    sections: sections.map((s) => ({ id: s.id, number: s.number, title: s.title, activityCount: s.activity_count })),
    revisions,
    statusCounts,
    parent: parent[0] ?? null,
    children,
    canEdit: canAdministerOrganization(actor, loaded.owner),
  };
}
export type RoadmapDetail = Awaited<ReturnType<typeof getRoadmap>>;

async function listRevisions(db: Db, roadmapId: string) {
  const rows = await db
    .select({
      id: roadmapRevisions.id,
      number: roadmapRevisions.number,
      kind: roadmapRevisions.kind,
      approvedBy: roadmapRevisions.approvedBy,
      sourceFileName: roadmapRevisions.sourceFileName,
      summary: roadmapRevisions.summary,
      createdAt: roadmapRevisions.createdAt,
      createdByName: users.displayName,
    })
    .from(roadmapRevisions)
    .leftJoin(users, eq(users.id, roadmapRevisions.createdBy))
    .where(eq(roadmapRevisions.roadmapId, roadmapId))
    .orderBy(desc(roadmapRevisions.number));
  return rows.map((r) => {
    const s = r.summary as { added: number; removed: number; changed: number };
    return { ...r, createdAt: r.createdAt.toISOString(), added: s.added, removed: s.removed, changed: s.changed, summary: undefined };
  });
}

/** The latest revision's record of every current activity. */
export async function latestSnapshot(db: Db, roadmapId: string): Promise<{ revision: RevisionRow; activities: SnapshotActivity[] }> {
  const [revision] = await db.select().from(roadmapRevisions).where(eq(roadmapRevisions.roadmapId, roadmapId)).orderBy(desc(roadmapRevisions.number)).limit(1);
  return { revision, activities: revision.snapshot as SnapshotActivity[] };
}

const revisionRef = (r: RevisionRow) => ({ id: r.id, number: r.number, kind: r.kind, approvedBy: r.approvedBy, sourceFileName: r.sourceFileName, createdAt: r.createdAt.toISOString() });

/** Added, removed and changed activities between two revisions (by default the latest and the one before). */
export async function compareRevisions(db: Db, actor: Actor, id: string, q: { from?: number; to?: number }) {
  const { roadmap } = await loadRoadmap(db, actor, id);
  const to = q.to ?? roadmap.revisionNumber;
  const from = q.from ?? Math.max(1, to - 1);
  const rows = await db
    .select()
    .from(roadmapRevisions)
    .where(and(eq(roadmapRevisions.roadmapId, id), sql`${roadmapRevisions.number} IN (${from}, ${to})`));
  const fromRev = rows.find((r) => r.number === from);
  const toRev = rows.find((r) => r.number === to);
  if (!fromRev || !toRev) throw new AppError(422, 'no_revision', `У дорожной карты нет редакции № ${!fromRev ? from : to}`);
  return {
    from: revisionRef(fromRev),
    to: revisionRef(toRev),
    ...compareSnapshots(fromRev.snapshot as SnapshotActivity[], toRev.snapshot as SnapshotActivity[]),
  };
}

/** Current sections with their current activities, in document order, for exports and cascades. */
export async function currentContent(db: Db, roadmapId: string) {
  const sections = await db
    .select()
    .from(roadmapSections)
    .where(and(eq(roadmapSections.roadmapId, roadmapId), isNull(roadmapSections.removedRevisionId)))
    .orderBy(asc(roadmapSections.position));
  const activities = await db
    .select()
    .from(roadmapActivities)
    .where(and(eq(roadmapActivities.roadmapId, roadmapId), isNull(roadmapActivities.removedRevisionId)))
    .orderBy(asc(roadmapActivities.position));
  return sections.map((s) => ({ section: s, activities: activities.filter((a) => a.sectionId === s.id) }));
}
