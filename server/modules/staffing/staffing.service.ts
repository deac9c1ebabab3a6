import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { vacancies, staffEducation, type vacancyStatuses, type educationLevels } from './staffing.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { staff } from '../staff/staff.schema.js';
import { canAdministerOrganization, hasReadScope, organizationVisible, scopeRootTerritories, staffAliasVisible, staffVisible, type Actor } from '../../lib/access.js';
import { forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { subjectEducationStems } from '../../../common/dictionaries.js';
import { recordAudit } from '../audit/audit.service.js';

/**
 * Staffing needs (ADR 0019): vacancies reported by organizations and their summaries by
 * municipality and organization; the share of teachers whose education matches the subjects they
 * teach, and the list of those who need retraining.
 */

export type VacancyStatus = (typeof vacancyStatuses)[number];
export type EducationLevel = (typeof educationLevels)[number];

export interface VacancyInput {
  organizationId: string;
  position: string;
  subject?: string | null;
  hours: number;
  openSince: string;
  comment?: string | null;
}

export interface VacancyQuery {
  q?: string;
  territoryId?: string;
  organizationId?: string;
  subject?: string;
  status?: VacancyStatus | 'all';
  limit: number;
  cursor?: string;
}

const orgVisible = (actor: Actor, mode: 'read' | 'write' = 'read') => organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` }, mode);
const inTerritory = (territoryId: string | undefined, col: SQL) => (territoryId ? sql`${col} IN (SELECT id FROM territories WHERE ${territoryId} = ANY(path))` : sql`true`);

// ───────────── vacancies ─────────────

type VacancyRow = {
  id: string;
  organization_id: string;
  organization_name: string;
  territory_id: string;
  territory_name: string;
  position: string;
  subject: string | null;
  hours: number;
  open_since: string;
  status: VacancyStatus;
  closed_on: string | null;
  comment: string | null;
  version: number;
};

const vacancyView = (r: VacancyRow, actor: Actor, path: string[] = []) => ({
  id: r.id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  territoryId: r.territory_id,
  territoryName: r.territory_name,
  position: r.position,
  subject: r.subject,
  hours: r.hours,
  openSince: r.open_since,
  status: r.status,
  closedOn: r.closed_on,
  comment: r.comment,
  version: r.version,
  canEdit: canAdministerOrganization(actor, { id: r.organization_id, territoryId: r.territory_id }) || path.some((id) => actor.write.organizationIds.includes(id)),
});
export type VacancyView = ReturnType<typeof vacancyView>;

const vacancySelect = sql`SELECT v.id, v.organization_id, o.short_name AS organization_name, v.territory_id, t.name AS territory_name, v.position, v.subject, v.hours,
    v.open_since::text AS open_since, v.status, v.closed_on::text AS closed_on, v.comment, v.version, o.path
  FROM vacancies v JOIN organizations o ON o.id = v.organization_id JOIN territories t ON t.id = v.territory_id`;

const vacancySort: KeysetSort = { keys: [sql`v.open_since::text`, sql`v.id`] };

function vacancyFilter(actor: Actor, q: Omit<VacancyQuery, 'limit' | 'cursor'>): SQL {
  const status = q.status ?? 'open';
  return sql.join(
    [
      orgVisible(actor),
      status === 'all' ? sql`true` : sql`v.status = ${status}`,
      inTerritory(q.territoryId, sql`v.territory_id`),
      q.organizationId ? sql`o.path @> ARRAY[${q.organizationId}]::uuid[]` : sql`true`,
      q.subject ? sql`v.subject = ${q.subject}` : sql`true`,
      ...searchWords(q.q).map((w) => sql`(v.position ILIKE ${'%' + escapeLike(w) + '%'} OR o.short_name ILIKE ${'%' + escapeLike(w) + '%'})`),
    ],
    sql` AND `,
  );
}

export async function findVacancies(db: Db, actor: Actor, q: VacancyQuery) {
  const where = vacancyFilter(actor, q);
  const after = keysetAfter(vacancySort, q.cursor);
  const rows = await queryRows<VacancyRow & { path: string[] }>(db, sql`${vacancySelect} WHERE ${where} ${after ? sql`AND ${after}` : sql``} ORDER BY ${keysetOrder(vacancySort)} LIMIT ${q.limit + 1}`);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM vacancies v JOIN organizations o ON o.id = v.organization_id WHERE ${where}`);
  const page = pageFrom(rows, q.limit, (r) => [r.open_since, r.id]);
  return { items: page.items.map((r) => vacancyView(r, actor, r.path)), nextCursor: page.nextCursor, total };
}

export async function* streamVacancies(db: Db, actor: Actor, q: Omit<VacancyQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  do {
    const page = await findVacancies(db, actor, { ...q, limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function loadVacancy(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await queryRows<VacancyRow & { path: string[] }>(db, sql`${vacancySelect} WHERE v.id = ${id} AND ${orgVisible(actor)}`);
  if (!row) throw notFound('Вакансия');
  const view = vacancyView(row, actor, row.path);
  if (mode === 'write' && !view.canEdit) throw forbidden('Вакансии ведут администраторы организации и органов управления образованием');
  return { view, path: row.path };
}

export async function getVacancy(db: Db, actor: Actor, id: string) {
  return (await loadVacancy(db, actor, id)).view;
}

function checkVacancy(v: { openSince: string; hours: number }) {
  if (v.openSince > todayIso()) throw invalid([{ field: 'openSince', message: 'Дата, с которой вакансия открыта, не может быть в будущем' }]);
}

export async function createVacancy(db: Db, actor: Actor, input: VacancyInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [org] = await queryRows<{ id: string; territory_id: string; path: string[] }>(t, sql`SELECT o.id, o.territory_id, o.path FROM organizations o WHERE o.id = ${input.organizationId} AND ${orgVisible(actor, 'write')}`);
    if (!org) throw invalid([{ field: 'organizationId', message: 'Вакансию сообщает организация, которую вы администрируете' }]);
    checkVacancy(input);
    const [v] = await t
      .insert(vacancies)
      .values({
        organizationId: org.id,
        territoryId: org.territory_id,
        position: input.position,
        subject: input.subject ?? null,
        hours: input.hours,
        openSince: input.openSince,
        comment: input.comment ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: vacancies.id });
    const after = await getVacancy(t, actor, v.id);
    await recordAudit(t, actor, { action: 'vacancy.create', entity: 'vacancy', entityId: v.id, territoryIds: [org.territory_id], organizationIds: org.path, after });
    return after;
  });
}

export interface VacancyUpdate extends Partial<Omit<VacancyInput, 'organizationId'>> {
  version: number;
  status?: VacancyStatus;
  closedOn?: string | null;
}

export async function updateVacancy(db: Db, actor: Actor, id: string, input: VacancyUpdate) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { view: before, path } = await loadVacancy(t, actor, id, 'write');
    if (before.version !== input.version) throw staleVersion();
    const next = { openSince: input.openSince ?? before.openSince, hours: input.hours ?? before.hours };
    checkVacancy(next);
    const status = input.status ?? before.status;
    // closing records the day it was filled; reopening forgets it
    const closedOn = status === 'closed' ? (input.closedOn ?? before.closedOn ?? todayIso()) : null;
    if (closedOn && closedOn < next.openSince) throw invalid([{ field: 'closedOn', message: 'Вакансия не может быть закрыта раньше, чем открыта' }]);
    await t
      .update(vacancies)
      .set({
        position: input.position ?? before.position,
        subject: input.subject === undefined ? before.subject : input.subject,
        hours: next.hours,
        openSince: next.openSince,
        comment: input.comment === undefined ? before.comment : input.comment,
        status,
        closedOn,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(vacancies.id, id));
    const after = await getVacancy(t, actor, id);
    await recordAudit(t, actor, { action: 'vacancy.update', entity: 'vacancy', entityId: id, territoryIds: [before.territoryId], organizationIds: path, before, after });
    return after;
  });
}

// ───────────── summaries: grouping ─────────────

/** What the rows of a summary are: municipalities of a region (organizations of regional
 *  subordination make a row of the region itself), organizations of a municipality, or — for an
 *  organization's administrator — their organizations. */
type Grouping = { kind: 'municipality' | 'organization'; territoryId: string | null; orgCondition: SQL; groupKey: SQL; groupName: SQL };

async function grouping(db: Db, actor: Actor, q: { territoryId?: string; organizationId?: string }): Promise<Grouping> {
  if (!hasReadScope(actor)) throw forbidden('Сводки доступны администраторам и методистам');
  if (q.territoryId && !actor.read.territoryIds.includes(q.territoryId)) throw notFound('Территория');
  if (q.organizationId) {
    const [o] = await queryRows<{ id: string }>(db, sql`SELECT o.id FROM organizations o WHERE o.id = ${q.organizationId} AND ${orgVisible(actor)}`);
    if (!o) throw notFound('Организация');
    return { kind: 'organization', territoryId: null, orgCondition: sql`o.path @> ARRAY[${q.organizationId}]::uuid[]`, groupKey: sql`o.id`, groupName: sql`o.short_name` };
  }
  const base = q.territoryId ?? (await topTerritory(db, actor));
  if (base) {
    const [t] = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM territories WHERE id = ${base}`);
    const within = inTerritory(base, sql`o.territory_id`);
    if (t.kind === 'region') return { kind: 'municipality', territoryId: base, orgCondition: within, groupKey: sql`o.territory_id`, groupName: sql`(SELECT name FROM territories WHERE id = o.territory_id)` };
    return { kind: 'organization', territoryId: base, orgCondition: within, groupKey: sql`o.id`, groupName: sql`o.short_name` };
  }
  return { kind: 'organization', territoryId: null, orgCondition: sql`true`, groupKey: sql`o.id`, groupName: sql`o.short_name` };
}

async function topTerritory(db: Db, actor: Actor): Promise<string | null> {
  const roots = scopeRootTerritories(actor);
  if (!roots.length) return null;
  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE id = ANY(${sql.param(roots)}::uuid[]) ORDER BY cardinality(path), name LIMIT 1`);
  return t.id;
}

// ───────────── vacancy summary ─────────────

export async function vacancySummary(db: Db, actor: Actor, q: { territoryId?: string; organizationId?: string }) {
  const g = await grouping(db, actor, q);
  const from = sql`FROM vacancies v JOIN organizations o ON o.id = v.organization_id WHERE v.status = 'open' AND ${orgVisible(actor)} AND ${g.orgCondition}`;
  const [rows, [total], bySubject] = await Promise.all([
    queryRows<{ id: string; name: string; vacancies: number; hours: number; organizations: number }>(
      db,
      sql`SELECT ${g.groupKey} AS id, ${g.groupName} AS name, count(*)::int AS vacancies, sum(v.hours)::int AS hours, count(DISTINCT v.organization_id)::int AS organizations
          ${from} GROUP BY 1, 2 ORDER BY 2`,
    ),
    queryRows<{ vacancies: number; hours: number; organizations: number }>(
      db,
      sql`SELECT count(*)::int AS vacancies, coalesce(sum(v.hours), 0)::int AS hours, count(DISTINCT v.organization_id)::int AS organizations ${from}`,
    ),
    queryRows<{ subject: string | null; vacancies: number; hours: number }>(
      db,
      sql`SELECT v.subject, count(*)::int AS vacancies, sum(v.hours)::int AS hours ${from} GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`,
    ),
  ]);
  return { groupBy: g.kind, territoryId: g.territoryId, rows, total, bySubject };
}

// ───────────── education and subjects ─────────────

const stemSubjects = Object.keys(subjectEducationStems);
const stemRows = Object.entries(subjectEducationStems).flatMap(([subject, stems]) => stems.map((s) => [subject, `%${s}%`] as const));

/**
 * Every subject taught in a current pedagogical position of a person in scope, with the verdict of
 * the rule (ADR 0019): with diplomas on record, a subject is matched when a specialty or
 * qualification contains one of its stems (a subject outside the dictionary: its own name); without
 * them, the organization's mark on the position decides, and no mark means «no data».
 */
function judgedSubjects(actor: Actor, orgCondition: SQL): SQL {
  const education = sql`lower(e.specialty || ' ' || coalesce(e.qualification, ''))`;
  return sql`SELECT p.staff_id, o.id AS organization_id, o.territory_id, p.title, subj.subject,
      CASE WHEN EXISTS (SELECT 1 FROM staff_education e WHERE e.staff_id = p.staff_id)
        THEN EXISTS (SELECT 1 FROM staff_education e WHERE e.staff_id = p.staff_id AND (
          EXISTS (SELECT 1 FROM unnest(${sql.param(stemRows.map((r) => r[0]))}::text[], ${sql.param(stemRows.map((r) => r[1]))}::text[]) AS st(subject, pattern)
                  WHERE st.subject = subj.subject AND ${education} LIKE st.pattern)
          OR (NOT subj.subject = ANY(${sql.param(stemSubjects)}::text[]) AND strpos(${education}, lower(subj.subject)) > 0)))
        ELSE p.education_matches_subject END AS matches
    FROM staff_positions p
    JOIN staff s ON s.id = p.staff_id
    JOIN organizations o ON o.id = p.organization_id
    CROSS JOIN LATERAL unnest(p.subjects) AS subj(subject)
    WHERE p.staff_category = 'pedagogical' AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE) AND s.archived_at IS NULL
      AND ${staffAliasVisible(actor, 's')} AND ${orgVisible(actor)} AND ${orgCondition}`;
}

/** A person's verdict over a set of judged subjects: any uncovered subject — mismatch; all
 *  covered — match; otherwise no data. */
const verdict = sql`CASE WHEN bool_or(NOT j.matches) THEN 'mismatch' WHEN count(j.matches) = count(*) THEN 'match' ELSE 'unknown' END`;

type MatchFigures = { teachers: number; matching: number; mismatching: number; unknown: number };
const withShare = <T extends MatchFigures>(f: T) => ({ ...f, share: f.matching + f.mismatching ? Math.round((f.matching / (f.matching + f.mismatching)) * 1000) / 10 : null });

export async function subjectMatch(db: Db, actor: Actor, q: { territoryId?: string; organizationId?: string }) {
  const g = await grouping(db, actor, q);
  const judged = judgedSubjects(actor, g.orgCondition);
  const counts = sql`count(*)::int AS teachers, count(*) FILTER (WHERE verdict = 'match')::int AS matching,
    count(*) FILTER (WHERE verdict = 'mismatch')::int AS mismatching, count(*) FILTER (WHERE verdict = 'unknown')::int AS unknown`;
  const [rows, [total], bySubject] = await Promise.all([
    queryRows<MatchFigures & { id: string; name: string }>(
      db,
      sql`WITH j AS (${judged}),
          per AS (SELECT ${g.kind === 'municipality' ? sql`j.territory_id` : sql`j.organization_id`} AS id, j.staff_id, ${verdict} AS verdict FROM j GROUP BY 1, 2)
          SELECT per.id, ${g.kind === 'municipality' ? sql`(SELECT name FROM territories WHERE id = per.id)` : sql`(SELECT short_name FROM organizations WHERE id = per.id)`} AS name, ${counts}
          FROM per GROUP BY per.id ORDER BY 2`,
    ),
    queryRows<MatchFigures>(db, sql`WITH j AS (${judged}), per AS (SELECT j.staff_id, ${verdict} AS verdict FROM j GROUP BY 1) SELECT ${counts} FROM per`),
    queryRows<MatchFigures & { subject: string }>(
      db,
      sql`WITH j AS (${judged}), per AS (SELECT j.subject, j.staff_id, ${verdict} AS verdict FROM j GROUP BY 1, 2) SELECT subject, ${counts} FROM per GROUP BY subject ORDER BY 2 DESC`,
    ),
  ]);
  return { groupBy: g.kind, territoryId: g.territoryId, rows: rows.map(withShare), total: withShare(total), bySubject: bySubject.map(withShare) };
}

export interface RetrainingQuery {
  territoryId?: string;
  organizationId?: string;
  subject?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const retrainingSort: KeysetSort = { keys: [sql`r.full_name`, sql`r.staff_id`] };

/** People whose education does not cover a subject they teach: who needs retraining, where, and in
 *  which subjects. Personal data: the list follows the people's visibility. */
export async function findRetraining(db: Db, actor: Actor, q: RetrainingQuery) {
  const g = await grouping(db, actor, q);
  const base = sql`WITH j AS (${judgedSubjects(actor, g.orgCondition)}),
    r AS (SELECT j.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name,
            array_agg(DISTINCT j.subject ORDER BY j.subject) FILTER (WHERE NOT j.matches) AS uncovered,
            array_agg(DISTINCT j.subject ORDER BY j.subject) AS subjects,
            array_agg(DISTINCT (SELECT short_name FROM organizations WHERE id = j.organization_id)) AS organizations,
            array_agg(DISTINCT j.title) AS titles
          FROM j JOIN staff s ON s.id = j.staff_id GROUP BY j.staff_id, s.surname, s.name, s.patronymic HAVING bool_or(NOT j.matches))`;
  const where = sql.join(
    [
      sql`true`,
      q.subject ? sql`${q.subject} = ANY(r.uncovered)` : sql`true`,
      ...searchWords(q.q).map((w) => sql`r.full_name ILIKE ${'%' + escapeLike(w) + '%'}`),
    ],
    sql` AND `,
  );
  const after = keysetAfter(retrainingSort, q.cursor);
  const rows = await queryRows<{ staff_id: string; full_name: string; uncovered: string[]; subjects: string[]; organizations: string[]; titles: string[]; education: string | null }>(
    db,
    sql`${base} SELECT r.*, (SELECT string_agg(e.specialty || coalesce(' (' || e.qualification || ')', ''), '; ' ORDER BY e.graduation_year NULLS LAST) FROM staff_education e WHERE e.staff_id = r.staff_id) AS education
        FROM r WHERE ${where} ${after ? sql`AND ${after}` : sql``} ORDER BY ${keysetOrder(retrainingSort)} LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`${base} SELECT count(*)::int AS total FROM r WHERE ${where}`);
  const page = pageFrom(rows, q.limit, (r) => [r.full_name, r.staff_id]);
  return {
    items: page.items.map((r) => ({ staffId: r.staff_id, fullName: r.full_name, organizations: r.organizations, positions: r.titles, subjects: r.subjects, uncoveredSubjects: r.uncovered, education: r.education })),
    nextCursor: page.nextCursor,
    total,
  };
}

export async function* streamRetraining(db: Db, actor: Actor, q: Omit<RetrainingQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  do {
    const page = await findRetraining(db, actor, { ...q, limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

// ───────────── a person's education ─────────────

export interface EducationInput {
  level: EducationLevel;
  institution?: string | null;
  specialty: string;
  qualification?: string | null;
  graduationYear?: number | null;
}

async function loadPerson(db: Db, actor: Actor, staffId: string, mode: 'read' | 'write') {
  const [person] = await db
    .select({ id: staff.id, organizationIds: staff.organizationIds, territoryIds: staff.territoryIds })
    .from(staff)
    .where(and(eq(staff.id, staffId), staffVisible(actor, staff)));
  if (!person) throw notFound('Работник');
  if (mode === 'write') {
    const [writable] = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, staffId), staffVisible(actor, staff, 'write')));
    if (!writable) throw forbidden('Сведения об образовании вносят администраторы организации');
  }
  return person;
}

const educationOf = (db: Db, staffId: string) =>
  db
    .select({ level: staffEducation.level, institution: staffEducation.institution, specialty: staffEducation.specialty, qualification: staffEducation.qualification, graduationYear: staffEducation.graduationYear })
    .from(staffEducation)
    .where(eq(staffEducation.staffId, staffId))
    .orderBy(asc(staffEducation.graduationYear), asc(staffEducation.id));

/** A person's diplomas; personal data, so a read of someone else's record is audited. */
export async function getEducation(db: Db, actor: Actor, staffId: string) {
  const person = await loadPerson(db, actor, staffId, 'read');
  if (actor.staffId !== staffId) await recordAudit(db, actor, { action: 'staff_education.read', entity: 'staff', entityId: staffId, territoryIds: person.territoryIds, organizationIds: person.organizationIds });
  return { staffId, items: await educationOf(db, staffId) };
}

/** Replaces the list of a person's diplomas. */
export async function replaceEducation(db: Db, actor: Actor, staffId: string, items: EducationInput[]) {
  const thisYear = new Date().getFullYear();
  const bad = items.findIndex((i) => i.graduationYear != null && (i.graduationYear < 1940 || i.graduationYear > thisYear));
  if (bad >= 0) throw invalid([{ field: `items.${bad}.graduationYear`, message: `Год окончания — от 1940 до ${thisYear}` }]);
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const person = await loadPerson(t, actor, staffId, 'write');
    const before = await educationOf(t, staffId);
    await t.delete(staffEducation).where(eq(staffEducation.staffId, staffId));
    if (items.length) await t.insert(staffEducation).values(items.map((i) => ({ staffId, level: i.level, institution: i.institution ?? null, specialty: i.specialty, qualification: i.qualification ?? null, graduationYear: i.graduationYear ?? null })));
    const after = await educationOf(t, staffId);
    await recordAudit(t, actor, { action: 'staff_education.replace', entity: 'staff', entityId: staffId, territoryIds: person.territoryIds, organizationIds: person.organizationIds, before, after });
    return { staffId, items: after };
  });
}
