import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { assessments, assessmentCompetencies, assessmentParticipants, assessmentResults, type assessmentTools } from './assessments.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { assessmentVisible, canAdministerOrganization, isAdministrator, staffAliasVisible, type Actor } from '../../lib/access.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { competenciesByIds, currentCatalogRevision } from '../competencies/competencies.service.js';
import { fullNameOf, loadPerson } from '../staff/staff.service.js';

/**
 * Diagnostics of professional competencies: procedures, participants, results per person per
 * competency, and the deficits derived from them (a score under the procedure's threshold).
 * Access: the procedure follows `assessmentVisible`; a person's results follow the person
 * (`staffVisible`); results are entered by those who administer the person (ADR 0010).
 */

export type AssessmentTool = (typeof assessmentTools)[number];
export interface Window {
  from: string;
  to: string;
}
export interface AssessmentInput {
  title: string;
  tool: AssessmentTool;
  organizerOrganizationId: string;
  targetStaffCategory?: 'pedagogical' | 'managerial' | null;
  targetLowResultsSchools?: boolean;
  targetDescription?: string | null;
  windows: Window[];
  competencies: { competencyId: string; threshold: number }[];
}
export interface AssessmentQuery {
  q?: string;
  tool?: AssessmentTool;
  year?: number;
  organizerOrganizationId?: string;
  archived?: boolean;
  limit: number;
  cursor?: string;
}

/** The one definition of a deficit (common/deficit.ts) in SQL: `r` — assessment_results, `ac` — assessment_competencies. */
export const deficitSql = sql`(r.score < ac.threshold)`;
export { isDeficit } from '../../../common/deficit.js';

/** Planned before the first window, open inside a window, closed otherwise. */
export function assessmentStatus(windows: Window[], today: string): 'planned' | 'open' | 'closed' {
  if (windows.some((w) => w.from <= today && today <= w.to)) return 'open';
  return windows.some((w) => w.from > today) ? 'planned' : 'closed';
}

const visible = (actor: Actor) => assessmentVisible(actor, { tool: assessments.tool, territoryId: assessments.territoryId, organizerOrganizationId: assessments.organizerOrganizationId });

const organizerCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path };

/** A procedure the actor may read (404 otherwise); with 'write', one whose organizer they administer (403). */
export async function loadAssessment(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db
    .select({ assessment: assessments, organizer: organizerCols, territoryName: territories.name })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizerOrganizationId))
    .innerJoin(territories, eq(territories.id, assessments.territoryId))
    .where(and(eq(assessments.id, id), visible(actor)));
  if (!row) throw notFound('Диагностика');
  if (mode === 'write' && !canAdministerOrganization(actor, row.organizer)) throw forbidden('Изменять диагностику могут администраторы организации-организатора');
  return row;
}
type LoadedAssessment = Awaited<ReturnType<typeof loadAssessment>>;

const auditPlace = (l: LoadedAssessment) => ({ territoryIds: [l.assessment.territoryId], organizationIds: l.organizer.path });

// ───────────── procedures ─────────────

function listView(a: typeof assessments.$inferSelect & { organizerName: string; territoryName: string; competencyCount: number; participantCount: number; measuredCount: number }, today: string) {
  const windows = a.windows as Window[];
  return {
    id: a.id,
    title: a.title,
    tool: a.tool,
    organizerOrganizationId: a.organizerOrganizationId,
    organizerName: a.organizerName,
    territoryId: a.territoryId,
    territoryName: a.territoryName,
    target: { staffCategory: a.targetStaffCategory, lowResultsSchools: a.targetLowResultsSchools, description: a.targetDescription },
    windows,
    year: a.year,
    status: assessmentStatus(windows, today),
    competencyCount: a.competencyCount,
    participantCount: a.participantCount,
    measuredCount: a.measuredCount,
    catalogRevision: a.catalogRevision,
    archived: a.archivedAt !== null,
    version: a.version,
  };
}
export type AssessmentListItem = ReturnType<typeof listView>;

/** Participants and measured participants among the people the actor sees. */
const visibleParticipants = (actor: Actor, extra: SQL = sql`true`) =>
  sql`(SELECT count(*)::int FROM assessment_participants p JOIN staff ps ON ps.id = p.staff_id
       WHERE p.assessment_id = ${assessments.id} AND ${staffAliasVisible(actor, 'ps')} AND ${extra})`;

const listColumns = (actor: Actor) => ({
  a: assessments,
  organizerName: organizations.shortName,
  territoryName: territories.name,
  competencyCount: sql<number>`(SELECT count(*)::int FROM assessment_competencies c WHERE c.assessment_id = ${assessments.id})`,
  participantCount: sql<number>`${visibleParticipants(actor)}`,
  measuredCount: sql<number>`${visibleParticipants(actor, sql`EXISTS (SELECT 1 FROM assessment_results pr WHERE pr.assessment_id = p.assessment_id AND pr.staff_id = p.staff_id)`)}`,
  createdKey: exactTime(assessments.createdAt),
});

const listSort: KeysetSort = { keys: [sql`${assessments.year}`, sql`${assessments.createdAt}`, sql`${assessments.id}`], desc: true };

export async function findAssessments(db: Db, actor: Actor, q: AssessmentQuery) {
  const where = and(
    visible(actor),
    q.archived ? isNotNull(assessments.archivedAt) : isNull(assessments.archivedAt),
    q.tool ? eq(assessments.tool, q.tool) : undefined,
    q.year ? eq(assessments.year, q.year) : undefined,
    q.organizerOrganizationId ? eq(assessments.organizerOrganizationId, q.organizerOrganizationId) : undefined,
    ...searchWords(q.q).map((w) => sql`${assessments.title} ILIKE ${'%' + escapeLike(w) + '%'}`),
  );
  const rows = await db
    .select(listColumns(actor))
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizerOrganizationId))
    .innerJoin(territories, eq(territories.id, assessments.territoryId))
    .where(and(where, keysetAfter(listSort, q.cursor)))
    .orderBy(keysetOrder(listSort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(assessments).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.a.year, r.createdKey, r.a.id]);
  const today = todayIso();
  return { items: page.items.map((r) => listView({ ...r.a, ...r }, today)), nextCursor: page.nextCursor, total };
}

/** The procedure card: competencies with thresholds and, over the participants the actor sees,
 *  how many were measured, how many have a deficit and the average score. */
export async function getAssessment(db: Db, actor: Actor, id: string) {
  const loaded = await loadAssessment(db, actor, id);
  const [row] = await db
    .select(listColumns(actor))
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizerOrganizationId))
    .innerJoin(territories, eq(territories.id, assessments.territoryId))
    .where(eq(assessments.id, id));
  const seen = staffAliasVisible(actor, 's');
  const stats = await queryRows<{ competency_id: string; threshold: number; position: number; measured: number; deficits: number; average: number | null }>(
    db,
    sql`SELECT ac.competency_id, ac.threshold, ac.position,
          count(r.id)::int AS measured, count(r.id) FILTER (WHERE ${deficitSql})::int AS deficits, round(avg(r.score)::numeric, 1)::float8 AS average
        FROM assessment_competencies ac
        LEFT JOIN (assessment_results r JOIN staff s ON s.id = r.staff_id AND ${seen}) ON r.assessment_id = ac.assessment_id AND r.competency_id = ac.competency_id
        WHERE ac.assessment_id = ${id} GROUP BY ac.competency_id, ac.threshold, ac.position ORDER BY ac.position`,
  );
  const [{ with_deficits }] = await queryRows<{ with_deficits: number }>(
    db,
    sql`SELECT count(DISTINCT r.staff_id)::int AS with_deficits FROM assessment_results r
        JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        JOIN staff s ON s.id = r.staff_id AND ${seen}
        WHERE r.assessment_id = ${id} AND ${deficitSql}`,
  );
  const refs = await competenciesByIds(db, stats.map((s) => s.competency_id));
  return {
    ...listView({ ...row.a, ...row }, todayIso()),
    competencies: stats.map((s) => {
      const c = refs.get(s.competency_id)!;
      return { competencyId: c.id, code: c.code, name: c.name, groupName: c.groupName, threshold: s.threshold, measured: s.measured, deficits: s.deficits, averageScore: s.average };
    }),
    withDeficitsCount: with_deficits,
    canEdit: canAdministerOrganization(actor, loaded.organizer),
    canEnterResults: isAdministrator(actor),
  };
}
export type AssessmentDetail = Awaited<ReturnType<typeof getAssessment>>;

function checkWindows(windows: Window[]) {
  windows.forEach((w, i) => {
    if (w.from > w.to) throw invalid([{ field: `windows.${i}.to`, message: 'Окончание окна раньше его начала' }]);
  });
}

async function checkCompetencies(db: Db, list: { competencyId: string; threshold: number }[], keep: Set<string> = new Set()) {
  const ids = list.map((c) => c.competencyId);
  const dup = ids.findIndex((x, i) => ids.indexOf(x) !== i);
  if (dup >= 0) throw invalid([{ field: `competencies.${dup}.competencyId`, message: 'Компетенция указана дважды' }]);
  const refs = await competenciesByIds(db, ids);
  list.forEach((c, i) => {
    const ref = refs.get(c.competencyId);
    // a retired competency may stay in a procedure that already measured it, but is not added anew
    if (!ref || (ref.retired && !keep.has(c.competencyId))) throw invalid([{ field: `competencies.${i}.competencyId`, message: 'Компетенция не найдена в действующем справочнике' }]);
  });
}

export async function createAssessment(db: Db, actor: Actor, input: AssessmentInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [organizer] = await t.select(organizerCols).from(organizations).where(eq(organizations.id, input.organizerOrganizationId));
    if (!organizer || !canAdministerOrganization(actor, organizer)) {
      throw invalid([{ field: 'organizerOrganizationId', message: 'Организатором может быть только организация, которую вы администрируете' }]);
    }
    checkWindows(input.windows);
    await checkCompetencies(t, input.competencies);
    const year = Number([...input.windows].sort((a, b) => a.from.localeCompare(b.from))[0].from.slice(0, 4));
    const [a] = await t
      .insert(assessments)
      .values({
        title: input.title,
        tool: input.tool,
        organizerOrganizationId: organizer.id,
        territoryId: organizer.territoryId,
        targetStaffCategory: input.targetStaffCategory ?? null,
        targetLowResultsSchools: input.targetLowResultsSchools ?? false,
        targetDescription: input.targetDescription ?? null,
        windows: input.windows,
        year,
        catalogRevision: await currentCatalogRevision(t),
        createdBy: actor.userId,
      })
      .returning();
    await t.insert(assessmentCompetencies).values(input.competencies.map((c, i) => ({ assessmentId: a.id, competencyId: c.competencyId, threshold: c.threshold, position: i + 1 })));
    const after = await getAssessment(t, actor, a.id);
    await recordAudit(t, actor, { action: 'assessment.create', entity: 'assessment', entityId: a.id, territoryIds: [a.territoryId], organizationIds: organizer.path, after });
    return after;
  });
}

export async function updateAssessment(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<Omit<AssessmentInput, 'organizerOrganizationId' | 'tool'>> & { version: number; archived?: boolean },
) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadAssessment(t, actor, id, 'write');
    const before = loaded.assessment;
    if (before.version !== input.version) throw staleVersion();
    const beforeView = await getAssessment(t, actor, id);
    if (input.windows) checkWindows(input.windows);
    if (input.competencies) {
      const current = new Set(beforeView.competencies.map((c) => c.competencyId));
      await checkCompetencies(t, input.competencies, current);
      const kept = new Set(input.competencies.map((c) => c.competencyId));
      const removed = [...current].filter((c) => !kept.has(c));
      if (removed.length) {
        const [{ n }] = await queryRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM assessment_results WHERE assessment_id = ${id} AND competency_id = ANY(${sql.param(removed)}::uuid[])`);
        if (n > 0) throw invalid([{ field: 'competencies', message: `По исключаемым компетенциям уже есть результаты (${n}): их нельзя убрать из диагностики` }]);
      }
      await t.delete(assessmentCompetencies).where(eq(assessmentCompetencies.assessmentId, id));
      await t.insert(assessmentCompetencies).values(input.competencies.map((c, i) => ({ assessmentId: id, competencyId: c.competencyId, threshold: c.threshold, position: i + 1 })));
    }
    const windows = input.windows ?? (before.windows as Window[]);
    const [after] = await t
      .update(assessments)
      .set({
        title: input.title ?? before.title,
        targetStaffCategory: input.targetStaffCategory === undefined ? before.targetStaffCategory : input.targetStaffCategory,
        targetLowResultsSchools: input.targetLowResultsSchools ?? before.targetLowResultsSchools,
        targetDescription: input.targetDescription === undefined ? before.targetDescription : input.targetDescription,
        windows,
        year: Number([...windows].sort((a, b) => a.from.localeCompare(b.from))[0].from.slice(0, 4)),
        archivedAt: input.archived === undefined ? before.archivedAt : input.archived ? (before.archivedAt ?? new Date()) : null,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(assessments.id, id), eq(assessments.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    const afterView = await getAssessment(t, actor, id);
    await recordAudit(t, actor, { action: 'assessment.update', entity: 'assessment', entityId: id, ...auditPlace(loaded), before: beforeView, after: afterView });
    return afterView;
  });
}

// ───────────── participants ─────────────

/** Adds people the actor administers: by id, or every current person of an organization (its
 *  subtree) who fits the target group. Already present participants are kept as they are. */
export async function addParticipants(db: Db, actor: Actor, id: string, input: { staffIds?: string[]; organizationId?: string }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadAssessment(t, actor, id);
    if (loaded.assessment.archivedAt) throw new AppError(409, 'archived', 'Диагностика в архиве');
    if (!isAdministrator(actor)) throw forbidden('Добавлять участников могут администраторы их организаций и территорий');
    const a = loaded.assessment;
    const mine = staffAliasVisible(actor, 's', 'write');
    let candidates: SQL;
    if (input.staffIds?.length) {
      const found = await queryRows<{ id: string }>(t, sql`SELECT s.id FROM staff s WHERE s.id = ANY(${sql.param(input.staffIds)}::uuid[]) AND s.archived_at IS NULL AND ${mine}`);
      const missing = input.staffIds.filter((x) => !found.some((f) => f.id === x));
      if (missing.length) throw invalid([{ field: 'staffIds', message: `Работники не найдены в вашей области администрирования: ${missing.length}` }]);
      candidates = sql`SELECT s.id FROM staff s WHERE s.id = ANY(${sql.param(input.staffIds)}::uuid[])`;
    } else if (input.organizationId) {
      const fits = and(
        a.targetStaffCategory ? sql`sp.staff_category = ${a.targetStaffCategory}` : undefined,
        a.targetLowResultsSchools ? sql`so.low_results_school` : undefined,
      );
      candidates = sql`SELECT DISTINCT s.id FROM staff s
        JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL
        JOIN organizations so ON so.id = sp.organization_id
        WHERE so.path @> ARRAY[${input.organizationId}]::uuid[] AND s.archived_at IS NULL AND ${mine} AND ${fits ?? sql`true`}`;
    } else throw invalid([{ field: 'staffIds', message: 'Укажите работников или организацию' }]);
    const added = await queryRows<{ staff_id: string }>(
      t,
      sql`INSERT INTO assessment_participants (assessment_id, staff_id, added_by)
          SELECT ${id}, c.id, ${actor.userId} FROM (${candidates}) c
          ON CONFLICT DO NOTHING RETURNING staff_id`,
    );
    if (added.length) {
      await recordAudit(t, actor, { action: 'assessment.participants_add', entity: 'assessment', entityId: id, ...auditPlace(loaded), after: { staffIds: added.map((r) => r.staff_id) } });
    }
    return { added: added.length };
  });
}

// ───────────── results ─────────────

export interface ResultsQuery {
  q?: string;
  organizationId?: string;
  status?: 'pending' | 'measured' | 'deficit';
  limit: number;
  cursor?: string;
}

interface Score {
  competencyId: string;
  score: number;
  threshold: number;
  deficit: boolean;
}

const personSort: KeysetSort = { keys: [sql`s.surname`, sql`s.name`, sql`coalesce(s.patronymic, '')`, sql`s.id`] };

/** The participants the actor sees, one row per person with their scores and deficits. */
export async function findResults(db: Db, actor: Actor, id: string, q: ResultsQuery) {
  await loadAssessment(db, actor, id);
  const hasResults = sql`EXISTS (SELECT 1 FROM assessment_results r WHERE r.assessment_id = ${id} AND r.staff_id = s.id)`;
  const hasDeficit = sql`EXISTS (SELECT 1 FROM assessment_results r JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
    WHERE r.assessment_id = ${id} AND r.staff_id = s.id AND ${deficitSql})`;
  const where = and(
    sql`p.assessment_id = ${id}`,
    staffAliasVisible(actor, 's'),
    q.organizationId ? sql`s.organization_ids && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[])` : undefined,
    q.status === 'pending' ? sql`NOT ${hasResults}` : q.status === 'measured' ? hasResults : q.status === 'deficit' ? hasDeficit : undefined,
    ...searchWords(q.q).map((w) => sql`translate(lower(s.surname || ' ' || s.name || ' ' || coalesce(s.patronymic, '')), 'ё', 'е') LIKE ${'%' + escapeLike(w) + '%'}`),
  )!;
  const rows = await queryRows<{ id: string; surname: string; name: string; patronymic: string | null }>(
    db,
    sql`SELECT s.id, s.surname, s.name, s.patronymic FROM assessment_participants p JOIN staff s ON s.id = p.staff_id
        WHERE ${where} AND ${keysetAfter(personSort, q.cursor) ?? sql`true`} ORDER BY ${keysetOrder(personSort)} LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM assessment_participants p JOIN staff s ON s.id = p.staff_id WHERE ${where}`);
  const page = pageFrom(rows, q.limit, (r) => [r.surname, r.name, r.patronymic ?? '', r.id]);
  const rowsByPerson = await resultRows(db, id, page.items.map((p) => p.id));
  return { items: page.items.map((p) => personResults(p, rowsByPerson.get(p.id) ?? [])), nextCursor: page.nextCursor, total };
}

async function resultRows(db: Db, assessmentId: string, staffIds: string[]) {
  const by = new Map<string, (Score & { measuredOn: string })[]>();
  if (!staffIds.length) return by;
  const rows = await queryRows<{ staff_id: string; competency_id: string; score: number; threshold: number; deficit: boolean; measured_on: string }>(
    db,
    sql`SELECT r.staff_id, r.competency_id, r.score, ac.threshold, ${deficitSql} AS deficit, r.measured_on::text
        FROM assessment_results r JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        WHERE r.assessment_id = ${assessmentId} AND r.staff_id = ANY(${sql.param(staffIds)}::uuid[]) ORDER BY ac.position`,
  );
  for (const r of rows) {
    by.set(r.staff_id, [...(by.get(r.staff_id) ?? []), { competencyId: r.competency_id, score: r.score, threshold: r.threshold, deficit: r.deficit, measuredOn: r.measured_on }]);
  }
  return by;
}

function personResults(p: { id: string; surname: string; name: string; patronymic: string | null }, rows: (Score & { measuredOn: string })[]) {
  return {
    staffId: p.id,
    fullName: fullNameOf(p),
    measuredOn: rows.map((r) => r.measuredOn).sort().at(-1) ?? null,
    scores: rows.map(({ competencyId, score, threshold, deficit }) => ({ competencyId, score, threshold, deficit })),
    deficitCount: rows.filter((r) => r.deficit).length,
  };
}
export type PersonResults = ReturnType<typeof personResults>;

/** Scores of one person entered by form: an upsert per competency, null removes a score. The
 *  person becomes a participant. Those who administer the person may do it (403 otherwise). */
export async function saveResults(db: Db, actor: Actor, id: string, input: { staffId: string; measuredOn?: string; scores: { competencyId: string; score: number | null }[] }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadAssessment(t, actor, id);
    if (loaded.assessment.archivedAt) throw new AppError(409, 'archived', 'Диагностика в архиве: результаты не меняются');
    const person = await loadPerson(t, actor, input.staffId, 'write');
    const measuredOn = input.measuredOn ?? todayIso();
    if (measuredOn > todayIso()) throw invalid([{ field: 'measuredOn', message: 'Дата диагностики не может быть в будущем' }]);
    const measured = new Set((await t.select({ id: assessmentCompetencies.competencyId }).from(assessmentCompetencies).where(eq(assessmentCompetencies.assessmentId, id))).map((r) => r.id));
    input.scores.forEach((s, i) => {
      if (!measured.has(s.competencyId)) throw invalid([{ field: `scores.${i}.competencyId`, message: 'Компетенция не входит в эту диагностику' }]);
    });
    const before = personResults(person, (await resultRows(t, id, [person.id])).get(person.id) ?? []);
    const remove = input.scores.filter((s) => s.score === null).map((s) => s.competencyId);
    if (remove.length) await t.delete(assessmentResults).where(and(eq(assessmentResults.assessmentId, id), eq(assessmentResults.staffId, person.id), inArray(assessmentResults.competencyId, remove)));
    const upsert = input.scores.filter((s): s is { competencyId: string; score: number } => s.score !== null);
    if (upsert.length) {
      await t
        .insert(assessmentResults)
        .values(upsert.map((s) => ({ assessmentId: id, staffId: person.id, competencyId: s.competencyId, score: s.score, measuredOn, source: 'form' as const, enteredBy: actor.userId })))
        .onConflictDoUpdate({
          target: [assessmentResults.assessmentId, assessmentResults.staffId, assessmentResults.competencyId],
          set: { score: sql`excluded.score`, measuredOn: sql`excluded.measured_on`, source: sql`excluded.source`, enteredBy: sql`excluded.entered_by`, enteredAt: sql`now()` },
        });
    }
    await t.insert(assessmentParticipants).values({ assessmentId: id, staffId: person.id, addedBy: actor.userId }).onConflictDoNothing();
    const after = personResults(person, (await resultRows(t, id, [person.id])).get(person.id) ?? []);
    await recordAudit(t, actor, { action: 'assessment_result.save', entity: 'staff', entityId: person.id, territoryIds: person.territoryIds, organizationIds: person.organizationIds, before, after: { assessmentId: id, ...after } });
    return after;
  });
}

// ───────────── a person's history and current deficits ─────────────

export interface LatestScore {
  staffId: string;
  competencyId: string;
  score: number;
  threshold: number;
  deficit: boolean;
  measuredOn: string;
  assessmentId: string;
  assessmentTitle: string;
}

/** Each person's latest score per competency (the latest measurement decides whether a deficit
 *  is still open); for plans, cabinets and coverage. */
export async function latestScores(db: Db, staffIds: string[]): Promise<LatestScore[]> {
  if (!staffIds.length) return [];
  const rows = await queryRows<{ staff_id: string; competency_id: string; score: number; threshold: number; deficit: boolean; measured_on: string; assessment_id: string; title: string }>(
    db,
    sql`SELECT DISTINCT ON (r.staff_id, r.competency_id) r.staff_id, r.competency_id, r.score, ac.threshold, ${deficitSql} AS deficit,
          r.measured_on::text, r.assessment_id, a.title
        FROM assessment_results r
        JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        JOIN assessments a ON a.id = r.assessment_id
        WHERE r.staff_id = ANY(${sql.param(staffIds)}::uuid[])
        ORDER BY r.staff_id, r.competency_id, r.measured_on DESC, r.entered_at DESC`,
  );
  return rows.map((r) => ({ staffId: r.staff_id, competencyId: r.competency_id, score: r.score, threshold: r.threshold, deficit: r.deficit, measuredOn: r.measured_on, assessmentId: r.assessment_id, assessmentTitle: r.title }));
}

/** Scores of a person measured after a date, for the effect of a learning plan. */
export async function scoresAfter(db: Db, staffId: string, after: string) {
  return (await latestScores(db, [staffId])).filter((s) => s.measuredOn > after);
}

/** A person's diagnostics over time: per competency the history and the latest score; the open
 *  deficits; the procedures taken. Reading someone else's results is audited. */
export async function getStaffAssessments(db: Db, actor: Actor, staffId: string) {
  const person = await loadPerson(db, actor, staffId);
  const rows = await queryRows<{ competency_id: string; score: number; threshold: number; deficit: boolean; measured_on: string; assessment_id: string; title: string; tool: AssessmentTool }>(
    db,
    sql`SELECT r.competency_id, r.score, ac.threshold, ${deficitSql} AS deficit, r.measured_on::text, r.assessment_id, a.title, a.tool
        FROM assessment_results r
        JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        JOIN assessments a ON a.id = r.assessment_id
        WHERE r.staff_id = ${staffId} ORDER BY r.measured_on, r.entered_at`,
  );
  const refs = await competenciesByIds(db, rows.map((r) => r.competency_id));
  const byCompetency = new Map<string, typeof rows>();
  for (const r of rows) byCompetency.set(r.competency_id, [...(byCompetency.get(r.competency_id) ?? []), r]);
  const point = (r: (typeof rows)[number]) => ({ assessmentId: r.assessment_id, assessmentTitle: r.title, measuredOn: r.measured_on, score: r.score, threshold: r.threshold, deficit: r.deficit });
  const competencies = [...byCompetency.entries()]
    .map(([competencyId, history]) => {
      const c = refs.get(competencyId)!;
      return { competencyId, code: c.code, name: c.name, groupName: c.groupName, latest: point(history[history.length - 1]), history: history.map(point) };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'ru'));
  const taken = new Map<string, { id: string; title: string; tool: AssessmentTool; measuredOn: string; resultCount: number; deficitCount: number }>();
  for (const r of rows) {
    const a = taken.get(r.assessment_id) ?? { id: r.assessment_id, title: r.title, tool: r.tool, measuredOn: r.measured_on, resultCount: 0, deficitCount: 0 };
    a.resultCount++;
    if (r.deficit) a.deficitCount++;
    if (r.measured_on > a.measuredOn) a.measuredOn = r.measured_on;
    taken.set(r.assessment_id, a);
  }
  if (person.id !== actor.staffId) {
    await recordAudit(db, actor, { action: 'assessment_result.read', entity: 'staff', entityId: person.id, territoryIds: person.territoryIds, organizationIds: person.organizationIds });
  }
  return {
    staffId: person.id,
    fullName: person.fullName,
    competencies,
    deficits: competencies.filter((c) => c.latest.deficit).map((c) => ({ competencyId: c.competencyId, code: c.code, name: c.name, ...c.latest })),
    assessments: [...taken.values()].sort((a, b) => b.measuredOn.localeCompare(a.measuredOn)),
  };
}

// ───────────── imports (server/modules/imports/assessment-results-import.ts) ─────────────

/** What a results import checks rows against: the procedure (visible, not archived) and its competencies. */
export async function assessmentForImport(db: Db, actor: Actor, id: string) {
  const loaded = await loadAssessment(db, actor, id);
  if (loaded.assessment.archivedAt) throw new AppError(409, 'archived', 'Диагностика в архиве: результаты не загружаются');
  const rows = await db.select().from(assessmentCompetencies).where(eq(assessmentCompetencies.assessmentId, id)).orderBy(asc(assessmentCompetencies.position));
  const refs = await competenciesByIds(db, rows.map((r) => r.competencyId));
  return {
    id,
    title: loaded.assessment.title,
    windows: loaded.assessment.windows as Window[],
    territoryId: loaded.assessment.territoryId,
    organizationIds: loaded.organizer.path,
    competencies: rows.map((r) => ({ ...refs.get(r.competencyId)!, threshold: r.threshold })),
  };
}

/** Result keys `staffId:competencyId` already stored for the procedure. */
export async function storedResultKeys(db: Db, assessmentId: string, staffIds: string[]): Promise<Set<string>> {
  if (!staffIds.length) return new Set();
  const rows = await db
    .select({ staffId: assessmentResults.staffId, competencyId: assessmentResults.competencyId })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.assessmentId, assessmentId), sql`${assessmentResults.staffId} = ANY(${sql.param([...new Set(staffIds)])}::uuid[])`));
  return new Set(rows.map((r) => `${r.staffId}:${r.competencyId}`));
}

export interface ResultImportRow {
  staffId: string;
  competencyId: string;
  score: number;
  measuredOn: string;
  /** For the preview only. */
  fullName: string;
  competencyCode: string;
}

/** Inserts validated results in the caller's transaction (set-based) and adds the participants. */
export async function importResults(db: Db, actor: Actor, assessmentId: string, batchId: string, rows: ResultImportRow[]) {
  const ids = rows.map(() => crypto.randomUUID());
  await bulkInsert(
    db,
    assessmentResults,
    rows.map((r, i) => ({ id: ids[i], assessmentId, staffId: r.staffId, competencyId: r.competencyId, score: r.score, measuredOn: r.measuredOn, source: 'import', importBatchId: batchId, enteredBy: actor.userId })),
  );
  const people = [...new Set(rows.map((r) => r.staffId))];
  await db.execute(sql`INSERT INTO assessment_participants (assessment_id, staff_id, added_by)
    SELECT ${assessmentId}, u.id, ${actor.userId} FROM unnest(${sql.param(people)}::uuid[]) AS u(id) ON CONFLICT DO NOTHING`);
  const [{ territory_ids, organization_ids }] = await queryRows<{ territory_ids: string[]; organization_ids: string[] }>(
    db,
    sql`SELECT coalesce(array_agg(DISTINCT t), '{}') AS territory_ids, coalesce(array_agg(DISTINCT o), '{}') AS organization_ids
        FROM staff s LEFT JOIN LATERAL unnest(s.territory_ids) t ON true LEFT JOIN LATERAL unnest(s.organization_ids) o ON true
        WHERE s.id = ANY(${sql.param(people)}::uuid[])`,
  );
  return { ids, territoryIds: territory_ids, organizationIds: organization_ids };
}

/** Colleagues strong in each competency (latest score at least `margin` above its threshold),
 *  the person's own organizations first, best score next: mentor candidates for a plan. */
export async function strongColleagues(db: Db, q: { staffId: string; organizationIds: string[]; municipalityIds: string[]; competencyIds: string[]; margin: number }) {
  if (!q.competencyIds.length || (!q.organizationIds.length && !q.municipalityIds.length)) return [];
  const orgs = sql`${sql.param(q.organizationIds)}::uuid[]`;
  return queryRows<{ competency_id: string; staff_id: string; surname: string; name: string; patronymic: string | null; organization_name: string; score: number }>(
    db,
    sql`WITH latest AS (
          SELECT DISTINCT ON (r.staff_id, r.competency_id) r.staff_id, r.competency_id, r.score, ac.threshold
          FROM assessment_results r
          JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
          JOIN staff s ON s.id = r.staff_id
          WHERE r.competency_id = ANY(${sql.param(q.competencyIds)}::uuid[]) AND s.id <> ${q.staffId} AND s.archived_at IS NULL
            AND (s.organization_ids && ${orgs} OR s.territory_ids && ${sql.param(q.municipalityIds)}::uuid[])
          ORDER BY r.staff_id, r.competency_id, r.measured_on DESC, r.entered_at DESC)
        SELECT DISTINCT ON (l.competency_id) l.competency_id, s.id AS staff_id, s.surname, s.name, s.patronymic, o.short_name AS organization_name, l.score
        FROM latest l JOIN staff s ON s.id = l.staff_id JOIN organizations o ON o.id = s.organization_ids[1]
        WHERE l.score >= l.threshold + ${q.margin}
        ORDER BY l.competency_id, (s.organization_ids && ${orgs}) DESC, l.score DESC, s.id`,
  );
}
