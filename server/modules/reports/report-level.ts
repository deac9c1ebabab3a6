import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { hasReadScope, organizationVisible, scopeRootTerritories, type Actor } from '../../lib/access.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { ReportPeriod } from './report-period.js';
import { youngSpecialistMaxAge, youngSpecialistMaxYears } from '../staff/staff.service.js';

/** Whose report: a region, a municipality or an organization (with its subdivisions). */
export interface ReportLevel {
  kind: 'region' | 'municipality' | 'organization';
  id: string;
  name: string;
  /** The territory of the level (an organization's own territory). */
  territoryId: string;
  /** «Кировская область», «Слободской район» above the level, for the title page. */
  parents: string[];
}

export const levelKindNames = { region: 'Регион', municipality: 'Муниципалитет', organization: 'Организация' } as const;

/** Reports read figures over people: administrators and methodologists within their read scope
 *  (like the coverage, ADR 0013); a teacher or a tutor has none. */
export function requireReportReader(actor: Actor) {
  if (!hasReadScope(actor)) throw forbidden('Отчёты доступны администраторам и методистам в пределах их области доступа');
}

/** The level asked for, checked against the actor's scope (404 outside it); by default the top
 *  territory of the scope, or the organization an organization's administrator runs. */
export async function resolveReportLevel(db: Db, actor: Actor, q: { territoryId?: string; organizationId?: string }): Promise<ReportLevel> {
  requireReportReader(actor);
  if (q.territoryId && q.organizationId) throw new AppError(422, 'validation', 'Укажите либо территорию, либо организацию');
  if (q.organizationId) {
    const [o] = await queryRows<{ id: string; name: string; territory_id: string; parents: string[] }>(
      db,
      sql`SELECT o.id, o.short_name AS name, o.territory_id,
            ARRAY(SELECT pt.name FROM territories t, unnest(t.path) WITH ORDINALITY AS x(id, n) JOIN territories pt ON pt.id = x.id WHERE t.id = o.territory_id ORDER BY x.n) AS parents
          FROM organizations o WHERE o.id = ${q.organizationId} AND ${organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` })}
            AND (o.id = ANY(${sql.param(actor.read.organizationIds)}::uuid[]) OR o.territory_id = ANY(${sql.param(actor.read.territoryIds)}::uuid[]))`,
    );
    if (!o) throw notFound('Организация');
    return { kind: 'organization', id: o.id, name: o.name, territoryId: o.territory_id, parents: o.parents };
  }
  const territoryId = q.territoryId ?? (await topTerritory(db, actor));
  if (!territoryId) {
    const ids = actor.read.organizationIds;
    const [top] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE id = ANY(${sql.param(ids)}::uuid[]) ORDER BY cardinality(path), short_name LIMIT 1`);
    if (!top) throw notFound('Организация');
    return resolveReportLevel(db, actor, { organizationId: top.id });
  }
  if (!actor.read.territoryIds.includes(territoryId)) throw notFound('Территория');
  const [t] = await queryRows<{ id: string; name: string; kind: 'region' | 'municipality'; parents: string[] }>(
    db,
    sql`SELECT t.id, t.name, t.kind, ARRAY(SELECT pt.name FROM unnest(t.path) WITH ORDINALITY AS x(id, n) JOIN territories pt ON pt.id = x.id WHERE x.id <> t.id ORDER BY x.n) AS parents
        FROM territories t WHERE t.id = ${territoryId}`,
  );
  if (!t) throw notFound('Территория');
  return { kind: t.kind, id: t.id, name: t.name, territoryId: t.id, parents: t.parents };
}

/** The highest territory the actor reads: their region, else their municipality. */
async function topTerritory(db: Db, actor: Actor): Promise<string | null> {
  const roots = scopeRootTerritories(actor);
  if (!roots.length) return null;
  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE id = ANY(${sql.param(roots)}::uuid[]) ORDER BY cardinality(path), name LIMIT 1`);
  return t.id;
}

/** Organizations of the level (not archived by the moment of the report), as a subquery of ids. */
export function levelOrganizations(level: ReportLevel, p: ReportPeriod): SQL {
  const live = sql`(lo.archived_at IS NULL OR lo.archived_at >= ${p.until.toISOString()}::timestamptz)`;
  if (level.kind === 'organization') return sql`(SELECT lo.id FROM organizations lo WHERE lo.path @> ARRAY[${level.id}]::uuid[] AND ${live})`;
  if (level.kind === 'municipality') return sql`(SELECT lo.id FROM organizations lo WHERE lo.territory_id = ${level.id} AND ${live})`;
  return sql`(SELECT lo.id FROM organizations lo JOIN territories lt ON lt.id = lo.territory_id WHERE lt.path @> ARRAY[${level.id}]::uuid[] AND ${live})`;
}

/** Territories at or under the level's territory (for an organization: its own territory). */
export function levelTerritories(level: ReportLevel): SQL {
  if (level.kind === 'organization') return sql`(SELECT ${level.territoryId}::uuid)`;
  return sql`(SELECT lt.id FROM territories lt WHERE lt.path @> ARRAY[${level.id}]::uuid[])`;
}

/** People working in the level's organizations at the moment of the report: a position begun by
 *  then and not ended before it, the person not archived by then. With their positions' category. */
export function levelStaffPositions(level: ReportLevel, p: ReportPeriod): SQL {
  const asOf = sql`${p.asOf}::date`;
  return sql`(SELECT sp.staff_id, sp.staff_category, sp.organization_id FROM staff_positions sp JOIN staff ls ON ls.id = sp.staff_id
    WHERE sp.organization_id IN ${levelOrganizations(level, p)}
      AND (sp.start_date IS NULL OR sp.start_date <= ${asOf}) AND (sp.end_date IS NULL OR sp.end_date >= ${asOf})
      AND (ls.archived_at IS NULL OR ls.archived_at >= ${p.until.toISOString()}::timestamptz))`;
}

/** Distinct people of the level at the moment of the report. */
export function levelStaff(level: ReportLevel, p: ReportPeriod): SQL {
  return sql`(SELECT DISTINCT lsp.staff_id FROM ${levelStaffPositions(level, p)} lsp)`;
}

/** «Молодой специалист» at the end of the period (ADR 0004, at that date instead of today): under
 *  35 on the date, at most 3 years in the profession in that year. Over the staff alias `s`. */
export function youngAt(p: ReportPeriod, alias = 's'): SQL {
  const s = (c: string) => sql.raw(`${alias}.${c}`);
  return sql`(${s('birth_date')} > ${p.asOf}::date - make_interval(years => ${youngSpecialistMaxAge}) AND ${s('profession_start_year')} >= ${p.year - youngSpecialistMaxYears})`;
}
