import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { hasReadScope, organizationVisible, scopeRootTerritories, staffAliasVisible, type Actor } from '../../lib/access.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';

/**
 * Coverage of the chain «diagnostics → deficits → plan → courses» over the people an
 * administrator sees (ADR 0013): per municipality of a region, or per organization of a
 * municipality, and lists of the people behind each figure; and the tutor's cabinet.
 */

export const coverageFilters = ['diagnosed', 'no_diagnostic', 'with_deficits', 'deficits_no_plan', 'with_plan', 'completed_federal'] as const;
export type CoverageFilter = (typeof coverageFilters)[number];

/** Only these days of silence make a running plan «without progress». */
export const NO_PROGRESS_DAYS = 30;

const yearOf = (col: SQL, year: number | undefined) => (year === undefined ? sql`true` : sql`extract(year from ${col})::int = ${year}`);

/** Per person `p.id`: the flags every figure and list is built from. A plan counts once agreed
 *  (a draft is not yet a plan); a federal-registry programme counts once completed. */
function personFlags(year: number | undefined) {
  return {
    diagnosed: sql`EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = p.id AND ${yearOf(sql`r.measured_on`, year)})`,
    // an open deficit: the latest score of some competency under its threshold
    withDeficits: sql`EXISTS (SELECT 1 FROM (SELECT DISTINCT ON (r.competency_id) r.score < ac.threshold AS deficit
        FROM assessment_results r JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        WHERE r.staff_id = p.id ORDER BY r.competency_id, r.measured_on DESC, r.entered_at DESC) l WHERE l.deficit)`,
    withPlan: sql`EXISTS (SELECT 1 FROM learning_plans lp WHERE lp.staff_id = p.id AND lp.status <> 'draft' AND ${yearOf(sql`coalesce(lp.tutor_agreed_at, lp.created_at)`, year)})`,
    completedFederal: sql`EXISTS (SELECT 1 FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
        WHERE e.staff_id = p.id AND e.status = 'completed' AND pr.in_federal_registry AND ${yearOf(sql`e.completed_on`, year)})`,
  };
}

type Grouping = { kind: 'municipality' | 'organization'; baseTerritoryId: string | null; pairs: SQL; groups: SQL };

/** What the rows are: municipalities of a region, organizations of a municipality, or — for an
 *  organization's administrator — their organizations. */
async function grouping(db: Db, actor: Actor, territoryId: string | undefined): Promise<Grouping> {
  const seen = staffAliasVisible(actor, 's');
  const base = territoryId ?? (await topTerritory(db, actor));
  if (territoryId && !actor.read.territoryIds.includes(territoryId)) throw notFound('Территория');
  if (base) {
    const [t] = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM territories WHERE id = ${base}`);
    if (t.kind === 'region') {
      return {
        kind: 'municipality',
        baseTerritoryId: base,
        pairs: sql`SELECT s.id AS staff_id, g.id AS group_id FROM staff s JOIN territories g ON g.id = ANY(s.territory_ids) AND g.parent_id = ${base}
                   WHERE s.archived_at IS NULL AND ${seen}`,
        groups: sql`SELECT id, name FROM territories WHERE parent_id = ${base} ORDER BY name`,
      };
    }
    return {
      kind: 'organization',
      baseTerritoryId: base,
      pairs: sql`SELECT DISTINCT s.id AS staff_id, sp.organization_id AS group_id FROM staff s
                 JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL JOIN organizations o ON o.id = sp.organization_id
                 WHERE o.territory_id = ${base} AND s.archived_at IS NULL AND ${seen}`,
      groups: sql`SELECT o.id, o.short_name AS name FROM organizations o WHERE o.territory_id = ${base} AND o.archived_at IS NULL
                  AND EXISTS (SELECT 1 FROM staff_positions sp WHERE sp.organization_id = o.id AND sp.end_date IS NULL) ORDER BY o.short_name`,
    };
  }
  const ids = sql`${sql.param(actor.read.organizationIds)}::uuid[]`;
  return {
    kind: 'organization',
    baseTerritoryId: null,
    pairs: sql`SELECT DISTINCT s.id AS staff_id, sp.organization_id AS group_id FROM staff s JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL
               WHERE sp.organization_id = ANY(${ids}) AND s.archived_at IS NULL AND ${seen}`,
    groups: sql`SELECT o.id, o.short_name AS name FROM organizations o WHERE o.id = ANY(${ids})
                AND EXISTS (SELECT 1 FROM staff_positions sp WHERE sp.organization_id = o.id AND sp.end_date IS NULL) ORDER BY o.short_name`,
  };
}

/** The highest territory the actor reads: their region, else their municipality. */
async function topTerritory(db: Db, actor: Actor): Promise<string | null> {
  const roots = scopeRootTerritories(actor);
  if (!roots.length) return null;
  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE id = ANY(${sql.param(roots)}::uuid[]) ORDER BY cardinality(path), name LIMIT 1`);
  return t.id;
}

function requireReader(actor: Actor) {
  if (!hasReadScope(actor)) throw forbidden('Охват доступен администраторам и методистам; свои сведения — в личном кабинете');
}

interface Figures {
  staff: number;
  diagnosed: number;
  withDeficits: number;
  withPlan: number;
  deficitsWithoutPlan: number;
  completedFederal: number;
}
const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);
const withShares = (f: Figures) => ({ ...f, shares: { diagnosed: share(f.diagnosed, f.staff), withPlan: share(f.withPlan, f.staff), completedFederal: share(f.completedFederal, f.staff) } });

/** Figures per municipality or organization, and totals over distinct people. */
export async function getCoverage(db: Db, actor: Actor, q: { territoryId?: string; year?: number }) {
  requireReader(actor);
  const g = await grouping(db, actor, q.territoryId);
  const f = personFlags(q.year);
  // a person working in two municipalities counts in each row, and once in the total
  const counts = sql`count(*)::int AS staff,
    count(*) FILTER (WHERE diagnosed)::int AS diagnosed, count(*) FILTER (WHERE with_deficits)::int AS with_deficits,
    count(*) FILTER (WHERE with_plan)::int AS with_plan, count(*) FILTER (WHERE with_deficits AND NOT with_plan)::int AS deficits_without_plan,
    count(*) FILTER (WHERE completed_federal)::int AS completed_federal`;
  const rows = await queryRows<{ group_id: string | null; staff: number; diagnosed: number; with_deficits: number; with_plan: number; deficits_without_plan: number; completed_federal: number }>(
    db,
    sql`WITH pairs AS (${g.pairs}),
        flags AS (SELECT p.id, ${f.diagnosed} AS diagnosed, ${f.withDeficits} AS with_deficits, ${f.withPlan} AS with_plan, ${f.completedFederal} AS completed_federal
                  FROM (SELECT DISTINCT staff_id AS id FROM pairs) p)
        SELECT pairs.group_id, ${counts} FROM pairs JOIN flags ON flags.id = pairs.staff_id GROUP BY pairs.group_id
        UNION ALL SELECT NULL, ${counts} FROM flags`,
  );
  const groups = await queryRows<{ id: string; name: string }>(db, g.groups);
  const figures = (r: (typeof rows)[number] | undefined): Figures => ({
    staff: r?.staff ?? 0,
    diagnosed: r?.diagnosed ?? 0,
    withDeficits: r?.with_deficits ?? 0,
    withPlan: r?.with_plan ?? 0,
    deficitsWithoutPlan: r?.deficits_without_plan ?? 0,
    completedFederal: r?.completed_federal ?? 0,
  });
  const byGroup = new Map(rows.filter((r) => r.group_id).map((r) => [r.group_id!, r]));
  return {
    groupBy: g.kind,
    territoryId: g.baseTerritoryId,
    year: q.year ?? null,
    rows: groups.map((x) => ({ id: x.id, name: x.name, ...withShares(figures(byGroup.get(x.id))) })),
    total: withShares(figures(rows.find((r) => r.group_id === null))),
  };
}

// ───────────── the people behind a figure ─────────────

export interface CoveragePeopleQuery {
  filter?: CoverageFilter;
  territoryId?: string;
  organizationId?: string;
  year?: number;
  q?: string;
  limit: number;
  cursor?: string;
}

export async function findCoveragePeople(db: Db, actor: Actor, q: CoveragePeopleQuery) {
  requireReader(actor);
  if (q.territoryId && !actor.read.territoryIds.includes(q.territoryId)) throw notFound('Территория');
  if (q.organizationId) {
    const [o] = await queryRows<{ id: string }>(db, sql`SELECT o.id FROM organizations o WHERE o.id = ${q.organizationId} AND ${organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` })}`);
    if (!o) throw notFound('Организация');
  }
  const f = personFlags(q.year);
  const filters: Record<CoverageFilter, SQL> = {
    diagnosed: f.diagnosed,
    no_diagnostic: sql`NOT ${f.diagnosed}`,
    with_deficits: f.withDeficits,
    deficits_no_plan: sql`${f.withDeficits} AND NOT ${f.withPlan}`,
    with_plan: f.withPlan,
    completed_federal: f.completedFederal,
  };
  const where = sql.join(
    [
      sql`p.archived_at IS NULL`,
      staffAliasVisible(actor, 'p'),
      q.territoryId ? sql`p.territory_ids @> ARRAY[${q.territoryId}]::uuid[]` : sql`true`,
      q.organizationId ? sql`p.organization_ids && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[])` : sql`true`,
      q.filter ? filters[q.filter] : sql`true`,
      ...searchWords(q.q).map((w) => sql`translate(lower(p.surname || ' ' || p.name || ' ' || coalesce(p.patronymic, '')), 'ё', 'е') LIKE ${'%' + escapeLike(w) + '%'}`),
    ],
    sql` AND `,
  );
  const after = q.cursor ? decodeCursor(q.cursor, 4) : null;
  const rows = await queryRows<{
    id: string;
    surname: string;
    name: string;
    patronymic: string | null;
    organizations: string[];
    last_diagnostic_on: string | null;
    deficit_count: number;
    plan_id: string | null;
    plan_status: string | null;
    completed_federal: number;
  }>(
    db,
    sql`SELECT p.id, p.surname, p.name, p.patronymic,
          ARRAY(SELECT o.short_name FROM organizations o WHERE o.id = ANY(p.organization_ids) ORDER BY o.short_name) AS organizations,
          (SELECT max(r.measured_on)::text FROM assessment_results r WHERE r.staff_id = p.id) AS last_diagnostic_on,
          (SELECT count(*)::int FROM (SELECT DISTINCT ON (r.competency_id) r.score < ac.threshold AS deficit FROM assessment_results r
             JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
             WHERE r.staff_id = p.id ORDER BY r.competency_id, r.measured_on DESC, r.entered_at DESC) l WHERE l.deficit) AS deficit_count,
          lp.id AS plan_id, lp.status AS plan_status,
          (SELECT count(*)::int FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
             WHERE e.staff_id = p.id AND e.status = 'completed' AND pr.in_federal_registry) AS completed_federal
        FROM staff p
        LEFT JOIN LATERAL (SELECT id, status FROM learning_plans WHERE staff_id = p.id ORDER BY created_at DESC LIMIT 1) lp ON true
        WHERE ${where} AND ${after ? sql`(p.surname, p.name, coalesce(p.patronymic, ''), p.id) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)` : sql`true`}
        ORDER BY p.surname, p.name, coalesce(p.patronymic, ''), p.id LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM staff p WHERE ${where}`);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      staffId: r.id,
      fullName: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
      organizations: r.organizations,
      lastDiagnosticOn: r.last_diagnostic_on,
      deficitCount: r.deficit_count,
      plan: r.plan_id ? { id: r.plan_id, status: r.plan_status! } : null,
      completedFederal: r.completed_federal,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.surname, last.name, last.patronymic ?? '', last.id]) : null,
    total,
  };
}

// ───────────── the tutor's cabinet ─────────────

export const attentionReasons = ['no_diagnostic', 'no_plan', 'awaiting_agreement', 'reports_to_review', 'overdue_items', 'no_progress'] as const;
export type AttentionReason = (typeof attentionReasons)[number];

/** The tutor's people (assigned, or whose plan they follow) and what needs their attention. */
export async function getTutorCabinet(db: Db, actor: Actor) {
  if (!actor.tutor) throw forbidden('Кабинет тьютора доступен пользователям с ролью «Тьютор»');
  const today = todayIso();
  const rows = await queryRows<{
    id: string;
    surname: string;
    name: string;
    patronymic: string | null;
    organizations: string[];
    diagnosed: boolean;
    deficit_count: number;
    plan_id: string | null;
    plan_status: string | null;
    tutor_agreed_at: string | null;
    items: number;
    accepted: number;
    submitted: number;
    overdue: number;
    last_activity: string | null;
  }>(
    db,
    sql`WITH people AS (
          SELECT staff_id AS id FROM tutor_assignments WHERE tutor_user_id = ${actor.userId}
          UNION SELECT staff_id FROM learning_plans WHERE tutor_user_id = ${actor.userId} AND status <> 'completed')
        SELECT s.id, s.surname, s.name, s.patronymic,
          ARRAY(SELECT o.short_name FROM organizations o WHERE o.id = ANY(s.organization_ids) ORDER BY o.short_name) AS organizations,
          EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = s.id) AS diagnosed,
          (SELECT count(*)::int FROM (SELECT DISTINCT ON (r.competency_id) r.score < ac.threshold AS deficit FROM assessment_results r
             JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
             WHERE r.staff_id = s.id ORDER BY r.competency_id, r.measured_on DESC, r.entered_at DESC) l WHERE l.deficit) AS deficit_count,
          lp.id AS plan_id, lp.status AS plan_status, lp.tutor_agreed_at::text,
          (SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = lp.id) AS items,
          (SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = lp.id AND i.status = 'accepted') AS accepted,
          (SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = lp.id AND i.status = 'submitted') AS submitted,
          (SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = lp.id AND i.status <> 'accepted' AND i.deadline < ${today}::date) AS overdue,
          greatest(lp.started_at, lp.tutor_agreed_at, lp.person_agreed_at,
            (SELECT max(greatest(i.reported_at, i.reviewed_at)) FROM learning_plan_items i WHERE i.plan_id = lp.id))::text AS last_activity
        FROM people JOIN staff s ON s.id = people.id AND s.archived_at IS NULL
        LEFT JOIN LATERAL (SELECT * FROM learning_plans WHERE staff_id = s.id AND status <> 'completed' ORDER BY created_at DESC LIMIT 1) lp ON true
        ORDER BY s.surname, s.name, s.id`,
  );
  const silentSince = new Date(Date.now() - NO_PROGRESS_DAYS * 86_400_000);
  const people = rows.map((r) => {
    const attention: AttentionReason[] = [];
    if (!r.diagnosed) attention.push('no_diagnostic');
    if (r.deficit_count > 0 && !r.plan_id) attention.push('no_plan');
    if (r.plan_status === 'draft' && !r.tutor_agreed_at) attention.push('awaiting_agreement');
    if (r.submitted > 0) attention.push('reports_to_review');
    if (r.overdue > 0) attention.push('overdue_items');
    if ((r.plan_status === 'agreed' || r.plan_status === 'in_progress') && (!r.last_activity || new Date(r.last_activity) < silentSince)) attention.push('no_progress');
    return {
      staffId: r.id,
      fullName: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
      organizations: r.organizations,
      deficitCount: r.deficit_count,
      plan: r.plan_id ? { id: r.plan_id, status: r.plan_status!, items: r.items, accepted: r.accepted, submitted: r.submitted, overdue: r.overdue, lastActivityAt: r.last_activity ? new Date(r.last_activity).toISOString() : null } : null,
      attention,
    };
  });
  people.sort((a, b) => b.attention.length - a.attention.length || a.fullName.localeCompare(b.fullName, 'ru'));
  const summary = Object.fromEntries(attentionReasons.map((k) => [k, people.filter((p) => p.attention.includes(k)).length])) as Record<AttentionReason, number>;
  return { people, summary, total: people.length };
}

// ───────────── figures of organizations, for other modules ─────────────

export interface OrganizationFigures {
  staff: number;
  pedagogical: number;
  diagnosed: number;
  withPlan: number;
  completedFederal: number;
}

/** The coverage figures of given organizations in a year (current staff of each, by position),
 *  for the prefill of monitoring forms (ADR 0026). No actor: the caller has checked that the
 *  organizations are visible. */
export async function getOrganizationFigures(db: Db, organizationIds: string[], year: number): Promise<Map<string, OrganizationFigures>> {
  if (!organizationIds.length) return new Map();
  const f = personFlags(year);
  const rows = await queryRows<{ organization_id: string; staff: number; pedagogical: number; diagnosed: number; with_plan: number; completed_federal: number }>(
    db,
    sql`WITH pairs AS (SELECT sp.organization_id, s.id AS staff_id, bool_or(sp.staff_category = 'pedagogical') AS pedagogical
          FROM staff s JOIN staff_positions sp ON sp.staff_id = s.id AND (sp.end_date IS NULL OR sp.end_date >= CURRENT_DATE)
          WHERE sp.organization_id = ANY(${sql.param(organizationIds)}::uuid[]) AND s.archived_at IS NULL GROUP BY 1, 2)
        SELECT pairs.organization_id, count(*)::int AS staff, count(*) FILTER (WHERE pairs.pedagogical)::int AS pedagogical,
          count(*) FILTER (WHERE ${f.diagnosed})::int AS diagnosed, count(*) FILTER (WHERE ${f.withPlan})::int AS with_plan,
          count(*) FILTER (WHERE ${f.completedFederal})::int AS completed_federal
        FROM pairs JOIN staff p ON p.id = pairs.staff_id GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.organization_id, { staff: r.staff, pedagogical: r.pedagogical, diagnosed: r.diagnosed, withPlan: r.with_plan, completedFederal: r.completed_federal }]));
}
