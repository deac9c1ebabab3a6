import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { bulkInsert, bulkUpdate } from '../../db/bulk-insert.js';
import { roadmaps, roadmapRevisions, roadmapSections, roadmapActivities, activityExecutors, activityOccurrences } from './roadmaps.schema.js';
import type { Actor } from '../../lib/access.js';
import { AppError, invalid, staleVersion } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DeadlineKind } from './deadline-parser.js';
import { classifyExecutor } from './executors.js';
import { compareSnapshots, matchActivities, snapshotOf, type ActivityContent, type ExecutorContent, type SectionContent, type SnapshotActivity } from './roadmap-content.js';
import { getRoadmap, latestSnapshot, loadRoadmap, auditPlace, currentContent, type RoadmapLevel, type RoadmapRow } from './roadmaps.service.js';
import { normalizeContent, previewAsInput, previewRoadmap, readRoadmapSource, resolvePlacement, type ContentInput, type PlacementInput, type RoadmapSource } from './roadmap-import.service.js';

export interface RoadmapSaveInput extends ContentInput {
  title: string;
  ownerOrganizationId?: string;
  level?: RoadmapLevel;
  approvedBy?: string | null;
  columns?: string[];
  sourceFileName?: string | null;
}

export interface RevisionSaveInput extends ContentInput {
  title?: string;
  approvedBy?: string | null;
  columns?: string[];
  sourceFileName?: string | null;
  /** The roadmap's version the preview was made against; a later change refuses the save. */
  version?: number;
}

type RevisionMeta = { kind: 'initial' | 'amendment' | 'cascade'; approvedBy: string | null; sourceFileName: string | null };

/**
 * Writes one revision: records it with a snapshot, then brings sections, activities, executors and
 * control windows in line with the content. An activity found again (matchActivities) keeps its id,
 * so its reports, statuses and cascaded children stay with it; a window that did not move keeps its
 * status; the rest is added or marked removed. Set-based: a few statements whatever the size.
 */
async function applyRevision(db: Db, actor: Actor, roadmap: RoadmapRow, number: number, sections: SectionContent[], meta: RevisionMeta) {
  const before: SnapshotActivity[] = number === 1 ? [] : (await latestSnapshot(db, roadmap.id)).activities;
  const incoming = sections.flatMap((s, si) => s.activities.map((a) => ({ s, si, a })));
  const assigned = matchActivities(before, incoming.map((x) => x.a));
  const ids = assigned.map((id) => id ?? crypto.randomUUID());
  const after = incoming.map(({ s, a }, i) => snapshotOf(ids[i], s, a));
  const comparison = compareSnapshots(before, after);
  const summary = { added: comparison.added.length, removed: comparison.removed.length, changed: comparison.changed.length };
  const [revision] = await db
    .insert(roadmapRevisions)
    .values({ roadmapId: roadmap.id, number, kind: meta.kind, approvedBy: meta.approvedBy, sourceFileName: meta.sourceFileName, summary, snapshot: after, createdBy: actor.userId })
    .returning();

  // sections: found again by number and title, else created; the ones left out are marked removed
  const oldSections = await db.select().from(roadmapSections).where(and(eq(roadmapSections.roadmapId, roadmap.id), isNull(roadmapSections.removedRevisionId)));
  const sectionMatch = matchActivities(oldSections.map((s) => ({ activityId: s.id, number: s.number, title: s.title })), sections);
  const sectionIds = sectionMatch.map((id) => id ?? crypto.randomUUID());
  const sectionRows = sections.map((s, i) => ({ id: sectionIds[i], roadmapId: roadmap.id, number: s.number, title: s.title, position: i }));
  await bulkInsert(db, roadmapSections, sectionRows.filter((_, i) => !sectionMatch[i]));
  await bulkUpdate(db, roadmapSections, sectionRows.filter((_, i) => sectionMatch[i]).map(({ id, number: n, title, position }) => ({ id, number: n, title, position })));
  const droppedSections = oldSections.filter((s) => !sectionIds.includes(s.id)).map((s) => s.id);
  if (droppedSections.length) await db.update(roadmapSections).set({ removedRevisionId: revision.id }).where(inArray(roadmapSections.id, droppedSections));

  // activities
  const activityRow = (i: number) => {
    const { si, a } = incoming[i];
    return {
      id: ids[i],
      sectionId: sectionIds[si],
      number: a.number,
      groupTitle: a.group,
      title: a.title,
      responsibleText: a.responsibleText,
      coExecutorsText: a.coExecutorsText,
      deadlineText: a.deadlineText,
      deadlineKind: a.deadlineKind,
      deadlineNote: a.deadlineNote,
      scheduleManual: a.scheduleManual,
      expectedResult: a.expectedResult,
      extra: a.extra,
      position: i,
    };
  };
  const fresh = incoming.map((_, i) => i).filter((i) => !assigned[i]);
  const kept = incoming.map((_, i) => i).filter((i) => assigned[i]);
  await bulkInsert(
    db,
    roadmapActivities,
    fresh.map((i) => ({ ...activityRow(i), roadmapId: roadmap.id, parentActivityId: incoming[i].a.parentActivityId ?? null, createdRevisionId: revision.id })),
  );
  await bulkUpdate(db, roadmapActivities, kept.map(activityRow), [sql`version = ${roadmapActivities}.version + 1`, sql`updated_at = now()`]);
  const removedIds = comparison.removed.map((a) => a.activityId);
  if (removedIds.length) await db.update(roadmapActivities).set({ removedRevisionId: revision.id, updatedAt: new Date() }).where(inArray(roadmapActivities.id, removedIds));

  // executors: replaced wholesale for every current activity
  const keptIds = kept.map((i) => ids[i]);
  if (keptIds.length) await db.delete(activityExecutors).where(inArray(activityExecutors.activityId, keptIds));
  await bulkInsert(
    db,
    activityExecutors,
    incoming.flatMap(({ a }, i) => [
      ...executorRows(ids[i], 'responsible', a.responsible),
      ...executorRows(ids[i], 'coExecutor', a.coExecutors).map((r) => ({ ...r, position: r.position + a.responsible.length })),
    ]),
  );

  // control windows: an unchanged window keeps its row (status, reports); others come and go
  const existing = keptIds.length
    ? await db.select({ id: activityOccurrences.id, activityId: activityOccurrences.activityId, startsOn: activityOccurrences.startsOn, dueOn: activityOccurrences.dueOn }).from(activityOccurrences).where(inArray(activityOccurrences.activityId, keptIds))
    : [];
  const key = (activityId: string, from: string, to: string) => `${activityId}|${from}|${to}`;
  const wanted = new Set(incoming.flatMap(({ a }, i) => a.occurrences.map((o) => key(ids[i], o.from, o.to))));
  const have = new Set(existing.map((o) => key(o.activityId, o.startsOn, o.dueOn)));
  const stale = existing.filter((o) => !wanted.has(key(o.activityId, o.startsOn, o.dueOn))).map((o) => o.id);
  if (stale.length) await db.delete(activityOccurrences).where(inArray(activityOccurrences.id, stale));
  await bulkInsert(
    db,
    activityOccurrences,
    incoming.flatMap(({ a }, i) =>
      a.occurrences.filter((o) => !have.has(key(ids[i], o.from, o.to))).map((o) => ({ activityId: ids[i], roadmapId: roadmap.id, startsOn: o.from, dueOn: o.to })),
    ),
  );
  return { revision, summary };
}

const executorRows = (activityId: string, role: 'responsible' | 'coExecutor', list: ExecutorContent[]) =>
  list.map((e, position) => ({ activityId, role, text: e.text, organizationId: e.organizationId, kinds: e.kinds, position }));

const activityCount = (sections: SectionContent[]) => sections.reduce((n, s) => n + s.activities.length, 0);

/** A new roadmap from the (edited) preview, with its first revision. */
export async function createRoadmap(db: Db, actor: Actor, input: RoadmapSaveInput) {
  const id = await db.transaction(async (tx) => {
    const t = tx as Db;
    const placement = await resolvePlacement(t, actor, { ownerOrganizationId: input.ownerOrganizationId, level: input.level });
    const sections = await normalizeContent(t, actor, input);
    return insertRoadmap(t, actor, placement, input, sections, { kind: 'initial', approvedBy: input.approvedBy ?? null, sourceFileName: input.sourceFileName ?? null }, null);
  });
  return getRoadmap(db, actor, id);
}

async function insertRoadmap(
  db: Db,
  actor: Actor,
  placement: Awaited<ReturnType<typeof resolvePlacement>>,
  input: Pick<RoadmapSaveInput, 'title' | 'approvedBy' | 'columns' | 'periodFrom' | 'periodTo'>,
  sections: SectionContent[],
  meta: RevisionMeta,
  parentRoadmapId: string | null,
) {
  if (!input.title.trim()) throw invalid([{ field: 'title', message: 'Укажите название дорожной карты' }]);
  const [roadmap] = await db
    .insert(roadmaps)
    .values({
      title: input.title.trim(),
      level: placement.level,
      ownerOrganizationId: placement.owner.id,
      territoryId: placement.territory.id,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      approvedBy: input.approvedBy ?? null,
      columns: input.columns ?? [],
      parentRoadmapId,
      createdBy: actor.userId,
    })
    .returning();
  await applyRevision(db, actor, roadmap, 1, sections, meta);
  await recordAudit(db, actor, {
    action: meta.kind === 'cascade' ? 'roadmap.cascade' : 'roadmap.create',
    entity: 'roadmap',
    entityId: roadmap.id,
    territoryIds: [roadmap.territoryId],
    organizationIds: placement.owner.path,
    after: { title: roadmap.title, level: roadmap.level, parentRoadmapId, activities: activityCount(sections), sourceFileName: meta.sourceFileName },
  });
  return roadmap.id;
}

/** An amendment («О внесении изменений …»): the whole new wording becomes the next revision. */
export async function reviseRoadmap(db: Db, actor: Actor, id: string, input: RevisionSaveInput) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadRoadmap(t, actor, id, 'write');
    // the row lock makes a concurrent amendment wait, then see the new version
    const [locked] = await tx.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
    if (input.version !== undefined && locked.version !== input.version) throw staleVersion();
    const sections = await normalizeContent(t, actor, input);
    const number = locked.revisionNumber + 1;
    const { summary } = await applyRevision(t, actor, locked, number, sections, { kind: 'amendment', approvedBy: input.approvedBy ?? null, sourceFileName: input.sourceFileName ?? null });
    await tx
      .update(roadmaps)
      .set({
        title: input.title?.trim() || locked.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        columns: input.columns ?? locked.columns,
        revisionNumber: number,
        version: locked.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(roadmaps.id, id));
    await recordAudit(t, actor, { action: 'roadmap.revise', entity: 'roadmap', entityId: id, ...auditPlace(loaded), after: { revision: number, ...summary, sourceFileName: input.sourceFileName ?? null } });
  });
  return getRoadmap(db, actor, id);
}

/** Reads a document and answers its preview; without `dryRun` also saves it, as a new roadmap or,
 *  with `roadmapId`, as the next revision of that one. */
export async function importRoadmap(db: Db, actor: Actor, src: RoadmapSource, opts: PlacementInput & { periodFrom?: number; periodTo?: number; version?: number; dryRun: boolean }) {
  const placement = await resolvePlacement(db, actor, opts);
  const { parsed, sourceFileName } = await readRoadmapSource(src);
  const preview = await previewRoadmap(db, actor, parsed, placement, { periodFrom: opts.periodFrom, periodTo: opts.periodTo, sourceFileName });
  if (opts.dryRun) return { ...preview, saved: null };
  const content = { ...previewAsInput(preview), title: preview.title, approvedBy: preview.approvedBy, columns: preview.columns, sourceFileName };
  const saved = placement.existing
    ? await reviseRoadmap(db, actor, placement.existing.roadmap.id, { ...content, version: opts.version })
    : await createRoadmap(db, actor, { ...content, ownerOrganizationId: placement.owner.id, level: placement.level });
  return { ...preview, roadmapId: saved.id, saved: { roadmapId: saved.id, revisionNumber: saved.revisionNumber } };
}

export async function updateRoadmap(db: Db, actor: Actor, id: string, input: { version: number; title?: string; approvedBy?: string | null; archived?: boolean }) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadRoadmap(t, actor, id, 'write');
    const before = loaded.roadmap;
    if (before.version !== input.version) throw staleVersion();
    const [after] = await tx
      .update(roadmaps)
      .set({
        title: input.title?.trim() ?? before.title,
        approvedBy: input.approvedBy === undefined ? before.approvedBy : input.approvedBy,
        archivedAt: input.archived === undefined ? before.archivedAt : input.archived ? (before.archivedAt ?? new Date()) : null,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(roadmaps.id, id), eq(roadmaps.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    const brief = (r: RoadmapRow) => ({ title: r.title, approvedBy: r.approvedBy, archived: r.archivedAt !== null });
    await recordAudit(t, actor, { action: 'roadmap.update', entity: 'roadmap', entityId: id, ...auditPlace(loaded), before: brief(before), after: brief(after) });
  });
  return getRoadmap(db, actor, id);
}

// ───────────── cascade ─────────────

const MUNICIPAL_KINDS = ['municipal_authority', 'methodological_service'];

/**
 * A municipal roadmap from a regional one: every activity addressed to the municipality (one of its
 * organizations is an executor, or a group such as «ОО» that includes its institutions) is mirrored
 * with the same number, wording and control dates, linked to its parent activity. The executors
 * kept are the municipality's own; a municipal body the regional import could not link («МОУО» as
 * text) is linked to this municipality's one when there is exactly one.
 */
export async function cascadeRoadmap(db: Db, actor: Actor, parentId: string, input: { ownerOrganizationId: string }) {
  const id = await db.transaction(async (tx) => {
    const t = tx as Db;
    const parent = await loadRoadmap(t, actor, parentId);
    if (parent.roadmap.level !== 'regional') throw new AppError(422, 'not_regional', 'Муниципальную дорожную карту можно сформировать только из региональной');
    const placement = await resolvePlacement(t, actor, { ownerOrganizationId: input.ownerOrganizationId, level: 'municipal' });
    if (!placement.territory.path.includes(parent.roadmap.territoryId)) {
      throw invalid([{ field: 'ownerOrganizationId', message: 'Организация не относится к территории региональной дорожной карты' }]);
    }
    const [twin] = await t.select({ id: roadmaps.id }).from(roadmaps).where(and(eq(roadmaps.parentRoadmapId, parentId), eq(roadmaps.ownerOrganizationId, placement.owner.id)));
    if (twin) throw new AppError(409, 'already_cascaded', 'Муниципальная дорожная карта этой организации по данной региональной уже сформирована');
    const sections = await mirrorContent(t, parentId, placement.territory.id);
    if (!activityCount(sections)) throw new AppError(422, 'nothing_to_mirror', 'В региональной дорожной карте нет мероприятий, адресованных этому муниципалитету');
    const p = parent.roadmap;
    return insertRoadmap(
      t,
      actor,
      placement,
      { title: `${p.title} — ${placement.territory.name}`, approvedBy: null, columns: p.columns, periodFrom: p.periodFrom, periodTo: p.periodTo },
      sections,
      { kind: 'cascade', approvedBy: null, sourceFileName: null },
      parentId,
    );
  });
  return getRoadmap(db, actor, id);
}

async function mirrorContent(db: Db, parentId: string, municipalityId: string): Promise<SectionContent[]> {
  const content = await currentContent(db, parentId);
  const activityIds = content.flatMap((s) => s.activities.map((a) => a.id));
  // sequential: inside a transaction there is one connection
  const executors = await queryRows<{ activity_id: string; role: 'responsible' | 'coExecutor'; text: string; organization_id: string | null; kinds: string[]; territory_id: string | null }>(
    db,
    sql`SELECT e.activity_id, e.role, e.text, e.organization_id, e.kinds, o.territory_id FROM activity_executors e
        LEFT JOIN organizations o ON o.id = e.organization_id WHERE e.activity_id = ANY(${sql.param(activityIds)}::uuid[]) ORDER BY e.position`,
  );
  const occurrences = await db.select().from(activityOccurrences).where(inArray(activityOccurrences.activityId, activityIds)).orderBy(activityOccurrences.startsOn);
  const locals = await queryRows<{ id: string; kind: string }>(
    db,
    sql`SELECT id, kind FROM organizations WHERE territory_id = ${municipalityId} AND archived_at IS NULL AND kind = ANY(${sql.param(MUNICIPAL_KINDS)}::text[])`,
  );
  const localOf = (text: string) => {
    const cls = classifyExecutor(text);
    if (cls.type !== 'organization' || !MUNICIPAL_KINDS.includes(cls.kind)) return undefined;
    const found = locals.filter((o) => o.kind === cls.kind);
    return found.length === 1 ? found[0].id : null;
  };
  const mirrorExecutor = (e: (typeof executors)[number]): ExecutorContent | null => {
    if (e.organization_id) return e.territory_id === municipalityId ? { text: e.text, organizationId: e.organization_id, kinds: [] } : null;
    if (e.kinds.length) return { text: e.text, organizationId: null, kinds: e.kinds as ExecutorContent['kinds'] };
    const local = localOf(e.text);
    return local === undefined ? null : { text: e.text, organizationId: local, kinds: [] };
  };
  const texts = (list: ExecutorContent[]) => [...new Set(list.map((e) => e.text))].join(', ');
  return content
    .map(({ section, activities }) => ({
      number: section.number,
      title: section.title,
      activities: activities.flatMap((a): ActivityContent[] => {
        const own = executors.filter((e) => e.activity_id === a.id);
        const responsible = own.filter((e) => e.role === 'responsible').map(mirrorExecutor).filter((e): e is ExecutorContent => e !== null);
        const coExecutors = own.filter((e) => e.role === 'coExecutor').map(mirrorExecutor).filter((e): e is ExecutorContent => e !== null);
        if (!responsible.length && !coExecutors.length) return [];
        return [
          {
            number: a.number,
            group: a.groupTitle,
            title: a.title,
            responsibleText: texts(responsible) || texts(coExecutors),
            coExecutorsText: responsible.length && coExecutors.length ? texts(coExecutors) : null,
            deadlineText: a.deadlineText,
            deadlineKind: a.deadlineKind as DeadlineKind,
            deadlineNote: a.deadlineNote,
            occurrences: occurrences.filter((o) => o.activityId === a.id).map((o) => ({ from: o.startsOn, to: o.dueOn })),
            scheduleManual: a.scheduleManual,
            expectedResult: a.expectedResult,
            extra: (a.extra as Record<string, string> | null) ?? null,
            responsible: responsible.length ? responsible : coExecutors,
            coExecutors: responsible.length ? coExecutors : [],
            parentActivityId: a.id,
          },
        ];
      }),
    }))
    .filter((s) => s.activities.length);
}
