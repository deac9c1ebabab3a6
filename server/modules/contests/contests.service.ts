import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { contests, contestStages, contestEntries } from './contests.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { canAdministerOrganization, contestVisible, isAdministrator, staffAliasVisible, uuidParam, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion, throughParent } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { contestStageLevelCodes, type ContestResult, type ContestStageLevel } from '../../../common/events-dictionaries.js';

/**
 * Competitions of professional skill (ADR 0017): stages organization → municipal → regional →
 * federal; winners of a stage move on to the next one. Who keeps an entry: the contest organizer's
 * administrators always; at the organization stage also the administrators of the person, at the
 * municipal stage the administrators of the person's municipality. Entries of the first two stages
 * are read with the person; regional and federal results are published to everyone who sees the
 * contest.
 */

export interface ContestInput {
  title: string;
  year: number;
  description?: string | null;
  organizerOrganizationId: string;
  stages: { level: ContestStageLevel; startsOn?: string | null; endsOn?: string | null }[];
}

const orgCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path };
const visible = (actor: Actor) => contestVisible(actor, { territoryId: contests.territoryId, organizerOrganizationId: contests.organizerOrganizationId });

async function load(db: Db, actor: Actor, id: string) {
  const [row] = await db.select({ contest: contests, organizer: orgCols }).from(contests).innerJoin(organizations, eq(organizations.id, contests.organizerOrganizationId)).where(and(eq(contests.id, id), visible(actor)));
  if (!row) throw notFound('Конкурс');
  return row;
}
type Loaded = Awaited<ReturnType<typeof load>>;
const auditPlace = (l: Loaded) => ({ territoryIds: [l.organizer.territoryId], organizationIds: l.organizer.path });

/** Entries of a stage the actor reads (see the rule above), as an SQL condition over alias `s` (staff). */
function entryReadable(actor: Actor, organizerAdmin: boolean, level: ContestStageLevel): SQL {
  if (organizerAdmin || level === 'regional' || level === 'federal') return sql`true`;
  return staffAliasVisible(actor, 's');
}

/** Entries of a stage the actor keeps (results, promotion), over aliases `s` (staff) and `eo` (entry's organization). */
function entryWritable(actor: Actor, organizerAdmin: boolean, level: ContestStageLevel): SQL {
  if (organizerAdmin) return sql`true`;
  if (level === 'organization') return staffAliasVisible(actor, 's', 'write');
  if (level === 'municipal') return actor.write.territoryIds.length ? sql`eo.territory_id = ANY(${uuidParam(actor.write.territoryIds)})` : sql`false`;
  return sql`false`;
}

export async function findContests(db: Db, actor: Actor, q: { year?: number }) {
  const rows = await db
    .select({ contest: contests, organizerName: organizations.shortName })
    .from(contests)
    .innerJoin(organizations, eq(organizations.id, contests.organizerOrganizationId))
    .where(and(visible(actor), q.year ? eq(contests.year, q.year) : undefined))
    .orderBy(desc(contests.year), asc(contests.title), asc(contests.id))
    .limit(500);
  const ids = rows.map((r) => r.contest.id);
  const stages = ids.length ? await db.select().from(contestStages).where(sql`${contestStages.contestId} = ANY(${uuidParam(ids)})`).orderBy(contestStages.ordinal) : [];
  return {
    items: rows.map((r) => ({
      id: r.contest.id,
      title: r.contest.title,
      year: r.contest.year,
      organizerOrganizationId: r.contest.organizerOrganizationId,
      organizerName: r.organizerName,
      stages: stages.filter((s) => s.contestId === r.contest.id).map((s) => s.level),
    })),
  };
}

export async function getContest(db: Db, actor: Actor, id: string) {
  const l = await load(db, actor, id);
  const organizerAdmin = canAdministerOrganization(actor, l.organizer);
  const stages = await db.select().from(contestStages).where(eq(contestStages.contestId, id)).orderBy(contestStages.ordinal);
  const counts = await queryRows<{ stage_id: string; entries: number; winners: number; promoted: number }>(
    db,
    sql`SELECT e.stage_id, count(*)::int AS entries, count(*) FILTER (WHERE e.result = 'winner')::int AS winners, count(*) FILTER (WHERE e.promoted_at IS NOT NULL)::int AS promoted
        FROM contest_entries e WHERE e.stage_id IN (SELECT id FROM contest_stages WHERE contest_id = ${id}) GROUP BY e.stage_id`,
  );
  return {
    id: l.contest.id,
    title: l.contest.title,
    year: l.contest.year,
    description: l.contest.description,
    organizerOrganizationId: l.contest.organizerOrganizationId,
    organizerName: l.organizer.shortName,
    canEdit: organizerAdmin,
    stages: stages.map((s, i) => {
      const n = counts.find((c) => c.stage_id === s.id);
      return { id: s.id, level: s.level, ordinal: s.ordinal, startsOn: s.startsOn, endsOn: s.endsOn, entries: n?.entries ?? 0, winners: n?.winners ?? 0, promoted: n?.promoted ?? 0, last: i === stages.length - 1 };
    }),
    version: l.contest.version,
  };
}
export type ContestDetail = Awaited<ReturnType<typeof getContest>>;

export async function createContest(db: Db, actor: Actor, input: ContestInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [org] = await t.select(orgCols).from(organizations).where(eq(organizations.id, input.organizerOrganizationId));
    if (!org || !canAdministerOrganization(actor, org)) throw invalid([{ field: 'organizerOrganizationId', message: 'Организатором может быть только организация, которую вы администрируете' }]);
    const levels = input.stages.map((s) => s.level);
    if (new Set(levels).size !== levels.length) throw invalid([{ field: 'stages', message: 'Каждый уровень этапа указывается один раз' }]);
    const ordered = [...input.stages].sort((a, b) => contestStageLevelCodes.indexOf(a.level) - contestStageLevelCodes.indexOf(b.level));
    const badDates = ordered.findIndex((s) => s.startsOn && s.endsOn && s.startsOn > s.endsOn);
    if (badDates >= 0) throw invalid([{ field: `stages.${badDates}.endsOn`, message: 'Окончание этапа раньше начала' }]);
    const [c] = await t
      .insert(contests)
      .values({ title: input.title, year: input.year, description: input.description ?? null, organizerOrganizationId: org.id, territoryId: org.territoryId, createdBy: actor.userId })
      .returning();
    await t.insert(contestStages).values(ordered.map((s, i) => ({ contestId: c.id, level: s.level, ordinal: i, startsOn: s.startsOn ?? null, endsOn: s.endsOn ?? null })));
    const after = await getContest(t, actor, c.id);
    await recordAudit(t, actor, { action: 'contest.create', entity: 'contest', entityId: c.id, territoryIds: [org.territoryId], organizationIds: org.path, after });
    return after;
  });
}

async function loadStage(db: Db, actor: Actor, stageId: string) {
  const [stage] = await db.select().from(contestStages).where(eq(contestStages.id, stageId));
  if (!stage) throw notFound('Этап конкурса');
  const l = await throughParent('Этап конкурса', load(db, actor, stage.contestId));
  return { stage, ...l, organizerAdmin: canAdministerOrganization(actor, l.organizer) };
}

/** The stage's entries the actor reads, best first; `canEdit` per entry. */
export async function findEntries(db: Db, actor: Actor, stageId: string) {
  const { stage, organizerAdmin, ...l } = await loadStage(db, actor, stageId);
  const readable = entryReadable(actor, organizerAdmin, stage.level);
  const writable = entryWritable(actor, organizerAdmin, stage.level);
  const rows = await queryRows<{ id: string; staff_id: string; full_name: string; organization_id: string; organization_name: string; score: string | null; place: number | null; result: ContestResult | null; promoted_at: Date | null; version: number; writable: boolean }>(
    db,
    sql`SELECT e.id, e.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name, e.organization_id, eo.short_name AS organization_name,
          e.score::text AS score, e.place, e.result, e.promoted_at, e.version, (${writable}) AS writable
        FROM contest_entries e JOIN staff s ON s.id = e.staff_id JOIN organizations eo ON eo.id = e.organization_id
        WHERE e.stage_id = ${stageId} AND ${readable}
        ORDER BY e.place NULLS LAST, e.score DESC NULLS LAST, full_name, e.id`,
  );
  if (stage.level === 'organization' || stage.level === 'municipal') {
    await recordAudit(db, actor, { action: 'contest.entries.read', entity: 'contest_stage', entityId: stageId, ...auditPlace(l) });
  }
  return {
    stage: { id: stage.id, level: stage.level, contestId: stage.contestId },
    canNominate: organizerAdmin || stage.ordinal === 0,
    items: rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      fullName: r.full_name,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      score: r.score === null ? null : Number(r.score),
      place: r.place,
      result: r.result,
      promoted: r.promoted_at !== null,
      canEdit: r.writable,
      version: r.version,
    })),
  };
}
export type ContestEntries = Awaited<ReturnType<typeof findEntries>>;

/** Nominates a person to a stage: to the first stage — their administrators or the organizer; to
 *  a later one only the organizer (others arrive by promotion). */
export async function nominate(db: Db, actor: Actor, stageId: string, input: { staffId: string; organizationId?: string }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { stage, organizerAdmin, ...l } = await loadStage(t, actor, stageId);
    const [person] = await queryRows<{ id: string; organization_ids: string[]; writable: boolean }>(
      t,
      sql`SELECT s.id, s.organization_ids, (${staffAliasVisible(actor, 's', 'write')}) AS writable FROM staff s WHERE s.id = ${input.staffId} AND s.archived_at IS NULL AND (${staffAliasVisible(actor, 's')} OR ${organizerAdmin})`,
    );
    if (!person) throw notFound('Работник');
    if (!organizerAdmin && (stage.ordinal !== 0 || !person.writable)) throw forbidden('Выдвинуть участника на первый этап может администратор его организации; на следующие этапы участники проходят по итогам предыдущего');
    const organizationId = input.organizationId ?? person.organization_ids[0];
    if (!organizationId || !person.organization_ids.includes(organizationId)) throw invalid([{ field: 'organizationId', message: 'Укажите место работы участника' }]);
    const [dup] = await t.select({ id: contestEntries.id }).from(contestEntries).where(and(eq(contestEntries.stageId, stageId), eq(contestEntries.staffId, input.staffId)));
    if (dup) throw new AppError(409, 'duplicate', 'Работник уже участвует в этом этапе');
    const [e] = await t.insert(contestEntries).values({ stageId, staffId: input.staffId, organizationId, createdBy: actor.userId }).returning();
    await recordAudit(t, actor, { action: 'contest.nominate', entity: 'contest_entry', entityId: e.id, ...auditPlace(l), after: { stageId, staffId: input.staffId, organizationId } });
    return (await findEntries(t, actor, stageId)).items.find((i) => i.id === e.id)!;
  });
}

/** Records a participant's score, place and result. */
export async function recordResult(db: Db, actor: Actor, entryId: string, input: { version: number; score?: number | null; place?: number | null; result?: ContestResult | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [entry] = await t.select().from(contestEntries).where(eq(contestEntries.id, entryId));
    if (!entry) throw notFound('Участник');
    const { stage, organizerAdmin, ...l } = await throughParent('Участник', loadStage(t, actor, entry.stageId));
    const [row] = await queryRows<{ readable: boolean; writable: boolean }>(
      t,
      sql`SELECT (${entryReadable(actor, organizerAdmin, stage.level)}) AS readable, (${entryWritable(actor, organizerAdmin, stage.level)}) AS writable
          FROM contest_entries e JOIN staff s ON s.id = e.staff_id JOIN organizations eo ON eo.id = e.organization_id WHERE e.id = ${entryId}`,
    );
    if (!row.readable) throw notFound('Участник');
    if (!row.writable) throw forbidden('Итоги этапа вносят организатор конкурса и администраторы, проводящие этап');
    if (entry.version !== input.version) throw staleVersion();
    if (entry.promotedAt && input.result !== undefined && input.result !== 'winner') throw new AppError(409, 'promoted', 'Участник уже переведён на следующий этап: итог «победитель» изменить нельзя');
    const { version, ...fields } = input;
    await t.update(contestEntries).set({ ...fields, version: version + 1 }).where(eq(contestEntries.id, entryId));
    await recordAudit(t, actor, { action: 'contest.result', entity: 'contest_entry', entityId: entryId, ...auditPlace(l), before: { score: entry.score, place: entry.place, result: entry.result }, after: fields });
    return (await findEntries(t, actor, entry.stageId)).items.find((i) => i.id === entryId)!;
  });
}

/** Moves the winners of a stage that the actor keeps to the next stage (set-based; repeated calls
 *  add only those not moved yet). Returns how many moved. */
export async function promoteWinners(db: Db, actor: Actor, stageId: string) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { stage, organizerAdmin, ...l } = await loadStage(t, actor, stageId);
    const [next] = await t.select().from(contestStages).where(and(eq(contestStages.contestId, stage.contestId), sql`${contestStages.ordinal} > ${stage.ordinal}`)).orderBy(contestStages.ordinal).limit(1);
    if (!next) throw new AppError(409, 'last_stage', 'Это последний этап конкурса: переводить некуда');
    const writable = entryWritable(actor, organizerAdmin, stage.level);
    if (!organizerAdmin && (!isAdministrator(actor) || (stage.level !== 'organization' && stage.level !== 'municipal'))) {
      throw forbidden('Победителей этапа переводят организатор конкурса и администраторы, проводящие этап');
    }
    const moved = await queryRows<{ id: string; staff_id: string }>(
      t,
      sql`WITH winners AS (
            SELECT e.id, e.staff_id, e.organization_id FROM contest_entries e JOIN staff s ON s.id = e.staff_id JOIN organizations eo ON eo.id = e.organization_id
            WHERE e.stage_id = ${stageId} AND e.result = 'winner' AND e.promoted_at IS NULL AND ${writable}
              AND NOT EXISTS (SELECT 1 FROM contest_entries n WHERE n.stage_id = ${next.id} AND n.staff_id = e.staff_id)),
          added AS (
            INSERT INTO contest_entries (stage_id, staff_id, organization_id, promoted_from_id, created_by)
            SELECT ${next.id}, w.staff_id, w.organization_id, w.id, ${actor.userId} FROM winners w RETURNING promoted_from_id)
          UPDATE contest_entries SET promoted_at = now(), version = version + 1 WHERE id IN (SELECT promoted_from_id FROM added) RETURNING id, staff_id`,
    );
    if (moved.length) await recordAudit(t, actor, { action: 'contest.promote', entity: 'contest_stage', entityId: stageId, ...auditPlace(l), after: { nextStageId: next.id, staffIds: moved.map((m) => m.staff_id) } });
    return { promoted: moved.length, nextStageId: next.id };
  });
}
