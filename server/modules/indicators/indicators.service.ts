import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { hasReadScope, scopeRootTerritories, canWriteAt, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { enteredBlock, indicatorBaseYear, indicatorBlockCodes, type IndicatorBlock } from '../../../common/indicators.js';
import { indicatorValue, resolveTarget, type IndicatorValue } from './indicator-values.js';

/**
 * Efficiency indicators (ADR 0024): passports stored as data and versioned by year, yearly targets
 * inherited downward, values read from the rollups the triggers of migration indicator_rollups keep
 * in the same transaction as the records they count.
 */

export type { IndicatorValue } from './indicator-values.js';

/** The country node of the rollups (the same constant is `indicator_country_node()`). */
export const countryNodeId = '00000000-0000-0000-0000-000000000000';

export interface IndicatorTarget {
  territoryId: string;
  year: number;
  value: number;
  inherited: boolean;
}

export interface IndicatorDefinition {
  id: string;
  code: string;
  number: string | null;
  name: string;
  unit: string;
  periodicity: string;
  kind: 'computed' | 'entered';
  rule: { numerator: string; denominator: string | null; factor: number };
  targets: IndicatorTarget[];
  responsibleOrganizationId: string | null;
  approvingAct: string | null;
  version: number;
  year: number;
  /** null — shipped for every region; else the region that approved it. */
  regionId: string | null;
}

export type NodeKind = 'region' | 'municipality' | 'organization';

export interface NodeValues {
  id: string;
  name: string;
  kind: NodeKind | 'country';
  values: Record<string, IndicatorValue>;
}

export interface IndicatorValues {
  period: number;
  territory: { id: string; name: string; kind: 'region' | 'municipality' } | null;
  childKind: NodeKind;
  indicators: IndicatorDefinition[];
  total: NodeValues;
  children: NodeValues[];
}

type Blocks = Record<IndicatorBlock, number>;

// ───────────── definitions ─────────────

interface DefinitionRow {
  id: string;
  code: string;
  region_id: string | null;
  year: number;
  number: string | null;
  name: string;
  unit: string;
  periodicity: string;
  kind: 'computed' | 'entered';
  numerator: string;
  denominator: string | null;
  factor: number;
  responsible_organization_id: string | null;
  approving_act: string | null;
  version: number;
}

/** The definitions in force in `year` for a region (the shipped ones and the region's own; a
 *  region's version of a shipped code replaces it), or the shipped ones alone for the country. */
async function definitionsInForce(db: Db, regionIds: string[], year: number): Promise<DefinitionRow[]> {
  const rows = await queryRows<DefinitionRow & { position: number }>(
    db,
    sql`SELECT DISTINCT ON (d.code) d.id, d.code, d.region_id, d.year, d.number, d.name, d.unit, d.periodicity, d.kind, d.numerator, d.denominator,
          d.factor, d.responsible_organization_id, d.approving_act, d.version, d.position
        FROM indicator_definitions d
        WHERE d.year <= ${year} AND d.archived_at IS NULL
          AND (d.region_id IS NULL OR d.region_id = ANY(${sql.param(regionIds)}::uuid[]))
        ORDER BY d.code, (d.region_id IS NOT NULL) DESC, d.year DESC`,
  );
  return rows.sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
}

function toDefinition(r: DefinitionRow, targets: IndicatorTarget[]): IndicatorDefinition {
  return {
    id: r.id,
    code: r.code,
    number: r.number,
    name: r.name,
    unit: r.unit,
    periodicity: r.periodicity,
    kind: r.kind,
    rule: { numerator: r.numerator, denominator: r.denominator, factor: Number(r.factor) },
    targets,
    responsibleOrganizationId: r.responsible_organization_id,
    approvingAct: r.approving_act,
    version: r.version,
    year: r.year,
    regionId: r.region_id,
  };
}

/** The regions of the actor's scope: of the territories and organizations they read. */
async function actorRegions(db: Db, actor: Actor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT DISTINCT t.path[1] AS id FROM territories t
        WHERE t.id = ANY(${sql.param(actor.read.territoryIds)}::uuid[])
           OR t.id IN (SELECT o.territory_id FROM organizations o WHERE o.id = ANY(${sql.param([...actor.read.organizationIds, ...actor.ownOrganizationIds])}::uuid[]))`,
  );
  return rows.map((r) => r.id);
}

function requireReader(actor: Actor) {
  if (!hasReadScope(actor)) throw forbidden('Показатели доступны администраторам и методистам; свои сведения — в личном кабинете');
}

/** Definitions in force in `year` with the targets set within the actor's scope and above it. */
export async function listIndicators(db: Db, actor: Actor, q: { year: number }): Promise<IndicatorDefinition[]> {
  requireReader(actor);
  const regions = await actorRegions(db, actor);
  const defs = await definitionsInForce(db, regions, q.year);
  // the actor's territories and their ancestors; the targets above the scope are inherited
  const scope = await queryRows<{ id: string; own: boolean }>(
    db,
    sql`SELECT DISTINCT a AS id, a = ANY(${sql.param(actor.read.territoryIds)}::uuid[]) AS own FROM territories t, unnest(t.path) a
        WHERE t.id = ANY(${sql.param(actor.read.territoryIds)}::uuid[])
           OR t.id IN (SELECT o.territory_id FROM organizations o WHERE o.id = ANY(${sql.param(actor.read.organizationIds)}::uuid[]))`,
  );
  const own = new Map(scope.map((s) => [s.id, s.own]));
  const targets = await queryRows<{ code: string; territory_id: string; value: number }>(
    db,
    sql`SELECT code, territory_id, value FROM indicator_targets WHERE year = ${q.year} AND territory_id = ANY(${sql.param([...own.keys()])}::uuid[])`,
  );
  return defs.map((d) =>
    toDefinition(
      d,
      targets.filter((t) => t.code === d.code).map((t) => ({ territoryId: t.territory_id, year: q.year, value: Number(t.value), inherited: !own.get(t.territory_id) })),
    ),
  );
}

// ───────────── values ─────────────

interface Node {
  id: string;
  name: string;
  kind: NodeKind | 'country';
  /** The node, then its ancestors upward: where its target may come from. */
  chain: string[];
}

const blockColumns: Record<Exclude<IndicatorBlock, 'federal_on_diagnostic'>, { column: string; structural: boolean }> = {
  staff: { column: 'staff', structural: true },
  staff_pedagogical: { column: 'staff_pedagogical', structural: true },
  staff_managerial: { column: 'staff_managerial', structural: true },
  diagnosed: { column: 'diagnosed', structural: false },
  plan_on_diagnostic: { column: 'plan_on_diagnostic', structural: false },
  managers_quality: { column: 'managers_quality', structural: false },
  young: { column: 'young', structural: false },
  young_supported: { column: 'young_supported', structural: false },
  courses_completed: { column: 'courses_completed', structural: false },
  orgs: { column: 'orgs', structural: true },
  orgs_management_quality: { column: 'orgs_management_quality', structural: false },
  orgs_mentoring_model: { column: 'orgs_mentoring_model', structural: false },
  events_held: { column: 'events_held', structural: false },
  event_participants: { column: 'event_participants', structural: false },
  agreements: { column: 'agreements', structural: false },
  practices_published: { column: 'practices_published', structural: false },
};

/** The blocks of each node for each asked period, in one set-based read of the rollups. Structural
 *  blocks (who is counted) are the current state, period 0; indicator 3 sums its yearly «first
 *  completion» counts from the base year. */
async function readBlocks(db: Db, nodeIds: string[], periods: number[]): Promise<Map<string, Map<number, Blocks>>> {
  const out = new Map<string, Map<number, Blocks>>();
  if (!nodeIds.length || !periods.length) return out;
  // periods are kept from the base year on, and the answer needs them all (the cumulative indicator 3)
  const rows = await queryRows<Record<string, number> & { node_id: string; period: number }>(
    db,
    sql`SELECT r.* FROM indicator_rollups r WHERE r.node_id = ANY(${sql.param(nodeIds)}::uuid[]) AND r.period <= ${Math.max(...periods)}`,
  );
  const byNode = new Map<string, Map<number, Record<string, number>>>();
  for (const r of rows) {
    if (!byNode.has(r.node_id)) byNode.set(r.node_id, new Map());
    byNode.get(r.node_id)!.set(r.period, r);
  }
  for (const id of nodeIds) {
    const mine = byNode.get(id) ?? new Map<number, Record<string, number>>();
    const structure = mine.get(0);
    const perPeriod = new Map<number, Blocks>();
    for (const period of periods) {
      const row = mine.get(period);
      const b = {} as Blocks;
      for (const [block, { column, structural }] of Object.entries(blockColumns)) b[block as IndicatorBlock] = Number((structural ? structure : row)?.[column] ?? 0);
      let federal = 0;
      for (let y = indicatorBaseYear; y <= period; y++) federal += Number(mine.get(y)?.federal_new ?? 0);
      b.federal_on_diagnostic = federal;
      perPeriod.set(period, b);
    }
    out.set(id, perPeriod);
  }
  return out;
}

/** Entered values of each node: its own, else — for a territory or the country — the values of
 *  the organizations and territories under it (a sum, or the mean for a percent). */
async function readEntered(db: Db, defs: DefinitionRow[], nodes: Node[], periods: number[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const codes = defs.map((d) => d.code);
  if (!codes.length) return out;
  const percent = new Set(defs.filter((d) => d.unit === 'percent').map((d) => d.code));
  const rows = await queryRows<{ code: string; period: number; territory_id: string | null; organization_id: string | null; value: number; path: string[] }>(
    db,
    sql`SELECT v.code, v.period, v.territory_id, v.organization_id, v.value,
          coalesce((SELECT t.path FROM territories t WHERE t.id = v.territory_id),
                   (SELECT t.path || o.id FROM organizations o JOIN territories t ON t.id = o.territory_id WHERE o.id = v.organization_id)) AS path
        FROM indicator_entered_values v WHERE v.code = ANY(${sql.param(codes)}::text[]) AND v.period = ANY(${sql.param(periods)}::int[])`,
  );
  for (const code of codes)
    for (const period of periods)
      for (const node of nodes) {
        const mine = rows.filter((r) => r.code === code && r.period === period);
        const exact = mine.find((r) => (r.organization_id ?? r.territory_id) === node.id);
        let value: number | null = exact ? Number(exact.value) : null;
        if (value === null && node.kind !== 'organization') {
          const under = mine.filter((r) => node.kind === 'country' || r.path.includes(node.id));
          const sum = under.reduce((s, r) => s + Number(r.value), 0);
          if (under.length) value = percent.has(code) ? Math.round((sum / under.length) * 10) / 10 : sum;
        }
        out.set(`${code}|${period}|${node.id}`, value);
      }
  return out;
}

/** Targets of each node and definition for the asked years: own or inherited from above. */
async function readTargets(db: Db, codes: string[] | null, nodes: Node[], years: number[]) {
  const ids = [...new Set(nodes.flatMap((n) => n.chain))];
  const rows = await queryRows<{ code: string; year: number; node: string; value: number }>(
    db,
    sql`SELECT code, year, coalesce(organization_id, territory_id) AS node, value FROM indicator_targets
        WHERE year = ANY(${sql.param(years)}::int[]) AND ${codes ? sql`code = ANY(${sql.param(codes)}::text[])` : sql`true`}
          AND (territory_id = ANY(${sql.param(ids)}::uuid[]) OR organization_id = ANY(${sql.param(ids)}::uuid[]))`,
  );
  const byKey = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.code}|${r.year}`;
    if (!byKey.has(key)) byKey.set(key, new Map());
    byKey.get(key)!.set(r.node, Number(r.value));
  }
  return (code: string, node: Node, year = years[0]) => resolveTarget(node.chain, byKey.get(`${code}|${year}`) ?? new Map());
}

interface Scope {
  territory: { id: string; name: string; kind: 'region' | 'municipality' } | null;
  childKind: NodeKind;
  total: Node;
  children: Node[];
  regionIds: string[];
  /** When the total is several organizations: it is summed from them. */
  summedTotal: boolean;
}

async function scopeOf(db: Db, q: { territoryId: string | null; organizationIds?: string[] }): Promise<Scope> {
  if (q.organizationIds) {
    const orgs = await queryRows<{ id: string; name: string; path: string[] }>(
      db,
      sql`SELECT o.id, o.short_name AS name, t.path FROM organizations o JOIN territories t ON t.id = o.territory_id
          WHERE o.id = ANY(${sql.param(q.organizationIds)}::uuid[]) ORDER BY o.short_name, o.id`,
    );
    const children: Node[] = orgs.map((o) => ({ id: o.id, name: o.name, kind: 'organization', chain: [o.id, ...[...o.path].reverse()] }));
    const territory = q.territoryId ? await territoryOf(db, q.territoryId) : null;
    const total: Node = territory
      ? { id: territory.id, name: territory.name, kind: territory.kind, chain: [...territory.path].reverse() }
      : children.length === 1
        ? children[0]
        : { id: countryNodeId, name: 'Организации', kind: 'organization', chain: [] };
    return {
      territory: territory && { id: territory.id, name: territory.name, kind: territory.kind },
      childKind: 'organization',
      total,
      children,
      regionIds: [...new Set(orgs.map((o) => o.path[0]))],
      summedTotal: !territory && children.length !== 1,
    };
  }
  if (!q.territoryId) {
    const regions = await queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM territories WHERE kind = 'region' ORDER BY name, id`);
    return {
      territory: null,
      childKind: 'region',
      total: { id: countryNodeId, name: 'Российская Федерация', kind: 'country', chain: [] },
      children: regions.map((r) => ({ id: r.id, name: r.name, kind: 'region', chain: [r.id] })),
      regionIds: [],
      summedTotal: false,
    };
  }
  const t = await territoryOf(db, q.territoryId);
  if (!t) throw notFound('Территория');
  const chain = [...t.path].reverse();
  const total: Node = { id: t.id, name: t.name, kind: t.kind, chain };
  const children =
    t.kind === 'region'
      ? (await queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM territories WHERE parent_id = ${t.id} ORDER BY name, id`)).map(
          (m): Node => ({ id: m.id, name: m.name, kind: 'municipality', chain: [m.id, ...chain] }),
        )
      : (
          await queryRows<{ id: string; name: string }>(
            db,
            sql`SELECT o.id, o.short_name AS name FROM organizations o WHERE o.territory_id = ${t.id} AND o.archived_at IS NULL ORDER BY o.short_name, o.id`,
          )
        ).map((o): Node => ({ id: o.id, name: o.name, kind: 'organization', chain: [o.id, ...chain] }));
  return { territory: { id: t.id, name: t.name, kind: t.kind }, childKind: t.kind === 'region' ? 'municipality' : 'organization', total, children, regionIds: [t.path[0]], summedTotal: false };
}

async function territoryOf(db: Db, id: string) {
  const [t] = await queryRows<{ id: string; name: string; kind: 'region' | 'municipality'; path: string[] }>(db, sql`SELECT id, name, kind, path FROM territories WHERE id = ${id}`);
  return t ?? null;
}

function sumBlocks(list: Blocks[]): Blocks {
  const out = Object.fromEntries(indicatorBlockCodes.map((b) => [b, 0])) as Blocks;
  for (const b of list) for (const k of indicatorBlockCodes) out[k] += b[k];
  return out;
}

function valueOf(def: DefinitionRow, blocks: Blocks | undefined, entered: number | null | undefined, target: number | null): IndicatorValue {
  if (def.kind === 'entered') {
    if (entered === null || entered === undefined) return { numerator: 0, denominator: null, value: null, target, status: 'no_data' };
    return indicatorValue(entered, null, 1, target);
  }
  const b = blocks ?? sumBlocks([]);
  const num = b[def.numerator as IndicatorBlock] ?? 0;
  const den = def.denominator ? (b[def.denominator as IndicatorBlock] ?? 0) : null;
  return indicatorValue(num, den, Number(def.factor), target);
}

/** The values of every indicator in force for a territory (or the country) and its children, for
 *  one period; no actor: the benchmark and the reports call it. */
export async function computeIndicatorValues(db: Db, q: { territoryId: string | null; period: number; organizationIds?: string[] }): Promise<IndicatorValues> {
  const scope = await scopeOf(db, q);
  const nodes = scope.summedTotal ? scope.children : [scope.total, ...scope.children];
  const allNodes = [scope.total, ...scope.children];
  // independent reads: on PostgreSQL they go out together over the pool
  const [defs, blocks, targetOf] = await Promise.all([
    definitionsInForce(db, scope.regionIds, q.period),
    readBlocks(db, nodes.map((n) => n.id), [q.period]),
    readTargets(db, null, allNodes, [q.period]),
  ]);
  const entered = await readEntered(db, defs.filter((d) => d.kind === 'entered'), allNodes, [q.period]);
  const blocksOf = (n: Node) => (scope.summedTotal && n === scope.total ? sumBlocks(scope.children.map((c) => blocks.get(c.id)!.get(q.period)!)) : blocks.get(n.id)?.get(q.period));
  const nodeValues = (n: Node): NodeValues => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    values: Object.fromEntries(defs.map((d) => [d.code, valueOf(d, blocksOf(n), entered.get(`${d.code}|${q.period}|${n.id}`), targetOf(d.code, n)?.value ?? null)])),
  });
  // the targets the figures are compared with: set on the territory or its children, or inherited
  const indicators = defs.map((d) => {
    const targets: IndicatorTarget[] = [];
    for (const n of allNodes) {
      const t = targetOf(d.code, n);
      if (t && n.kind !== 'organization' && n.kind !== 'country') targets.push({ territoryId: n.id, year: q.period, value: t.value, inherited: t.inherited });
    }
    return toDefinition(d, targets);
  });
  return { period: q.period, territory: scope.territory, childKind: scope.childKind, indicators, total: nodeValues(scope.total), children: scope.children.map(nodeValues) };
}

/** The top territory of the actor's read scope (their region, else their municipality). */
async function topTerritory(db: Db, actor: Actor): Promise<string | null> {
  const roots = scopeRootTerritories(actor);
  if (!roots.length) return null;
  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE id = ANY(${sql.param(roots)}::uuid[]) ORDER BY cardinality(path), name LIMIT 1`);
  return t.id;
}

/** What the actor asks about: a territory of their read scope, by default the top one; an
 *  organization's administrator — their organizations. */
async function actorScope(db: Db, actor: Actor, territoryId: string | undefined): Promise<{ territoryId: string | null; organizationIds?: string[] }> {
  requireReader(actor);
  if (territoryId) {
    if (!actor.read.territoryIds.includes(territoryId)) throw notFound('Территория');
    return { territoryId };
  }
  const top = await topTerritory(db, actor);
  if (top) return { territoryId: top };
  return { territoryId: null, organizationIds: actor.read.organizationIds };
}

function checkPeriod(field: string, period: number) {
  if (period < indicatorBaseYear) throw invalid([{ field, message: `Показатели считаются с ${indicatorBaseYear} года` }]);
}

export async function getIndicatorValues(db: Db, actor: Actor, q: { territoryId?: string; period: number }): Promise<IndicatorValues> {
  checkPeriod('period', q.period);
  return computeIndicatorValues(db, { ...(await actorScope(db, actor, q.territoryId)), period: q.period });
}

/** One indicator over periods for the territory (or the actor's organizations). */
export async function getIndicatorTrend(db: Db, actor: Actor, q: { code: string; territoryId?: string; from: number; to: number }) {
  if (q.to < q.from || q.to - q.from > 30) throw invalid([{ field: 'to', message: 'Укажите период не длиннее 30 лет' }]);
  checkPeriod('from', q.from);
  const s = await actorScope(db, actor, q.territoryId);
  const scope = await scopeOf(db, s);
  const defs = await definitionsInForce(db, scope.regionIds, q.to);
  const def = defs.find((d) => d.code === q.code);
  if (!def) throw notFound('Показатель');
  const periods = Array.from({ length: q.to - q.from + 1 }, (_, i) => q.from + i);
  const nodes = scope.summedTotal ? scope.children : [scope.total];
  const blocks = await readBlocks(db, nodes.map((n) => n.id), periods);
  const entered = def.kind === 'entered' ? await readEntered(db, [def], [scope.total], periods) : new Map<string, number | null>();
  const targetOf = await readTargets(db, [def.code], [scope.total], periods);
  const items = periods.map((period) => {
    const b = scope.summedTotal ? sumBlocks(scope.children.map((c) => blocks.get(c.id)!.get(period)!)) : blocks.get(scope.total.id)!.get(period);
    const v = valueOf(def, b, entered.get(`${def.code}|${period}|${scope.total.id}`), targetOf(def.code, scope.total, period)?.value ?? null);
    return { period, numerator: v.numerator, denominator: v.denominator, value: v.value, target: v.target, status: v.status };
  });
  return { code: def.code, territoryId: scope.territory?.id ?? null, items };
}

// ───────────── rollups ─────────────

const REBUILD_BATCH = 20_000;

/** Recomputes every rollup from the records, set-based in batches of people and organizations:
 *  after bulk loads that paused the triggers (`pauseIndicatorRollups`), and to repair. */
export async function rebuildIndicatorRollups(db: Db): Promise<void> {
  await db.execute(sql`UPDATE indicator_rollup_state SET deferred = 1 WHERE id = 1`);
  await db.execute(sql`TRUNCATE indicator_person_nodes, indicator_person_periods, indicator_org_nodes, indicator_org_periods, indicator_rollups`);
  const batches = async (table: SQL, refresh: (ids: string[]) => SQL) => {
    let after: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await queryRows<{ id: string }>(db, sql`SELECT id FROM ${table} WHERE ${after ? sql`id > ${after}` : sql`true`} ORDER BY id LIMIT ${REBUILD_BATCH}`);
      if (!rows.length) break;
      await db.execute(refresh(rows.map((r) => r.id)));
      after = rows[rows.length - 1].id;
    }
  };
  await batches(sql`staff`, (ids) => sql`SELECT indicator_refresh_staff(${sql.param(ids)}::uuid[], false)`);
  await batches(sql`organizations`, (ids) => sql`SELECT indicator_refresh_orgs(${sql.param(ids)}::uuid[])`);
  await db.execute(sql`UPDATE indicator_rollup_state SET deferred = 0, rebuilt_at = now() WHERE id = 1`);
}

/** At start-up: finishes a bulk load that paused the triggers and was interrupted (rebuild), and
 *  carries open-ended mentoring pairs into the current year (their organizations are recounted). */
export async function ensureIndicatorRollups(db: Db): Promise<'rebuilt' | 'ok'> {
  const [state] = await queryRows<{ deferred: number }>(db, sql`SELECT deferred FROM indicator_rollup_state WHERE id = 1`);
  if (state?.deferred === 1) {
    await rebuildIndicatorRollups(db);
    await vacuumIndicatorRollups(db);
    return 'rebuilt';
  }
  await db.execute(sql`SELECT indicator_refresh_orgs(ARRAY(SELECT DISTINCT organization_id FROM mentorships WHERE status = 'active' AND ends_on IS NULL))`);
  return 'ok';
}

/** After a rebuild, outside any transaction: the rebuild updates each node's counts once per batch,
 *  and the dead versions it leaves (0,87 M at national size) slowed every later write to the same
 *  rows about threefold until autovacuum came. */
export async function vacuumIndicatorRollups(db: Db): Promise<void> {
  await db.execute(sql`VACUUM (ANALYZE) indicator_rollups, indicator_person_periods, indicator_org_periods, indicator_person_nodes, indicator_org_nodes`);
}

/** Pauses the triggers for a bulk load; `rebuildIndicatorRollups` resumes them. */
export async function pauseIndicatorRollups(db: Db): Promise<void> {
  await db.execute(sql`UPDATE indicator_rollup_state SET deferred = 1 WHERE id = 1`);
}

// ───────────── region-defined indicators, targets, entered values ─────────────

const codePattern = /^[a-z][a-z0-9_]{1,62}$/;

/** The region a regional administrator acts for: the given one if they administer it; another
 *  region answers as «not found» of `what` (the region, or the record of it that was asked for). */
function adminRegion(actor: Actor, regionId: string | undefined | null, what = 'Регион'): string {
  const mine = actor.roles.filter((r) => r.role === 'regional_admin' && r.territoryId).map((r) => r.territoryId!);
  if (!mine.length) throw forbidden('Показатели и целевые значения утверждает администратор региона');
  if (regionId && !mine.includes(regionId)) throw notFound(what);
  return regionId ?? mine[0];
}

export interface IndicatorInput {
  regionId?: string;
  code: string;
  year: number;
  number?: string | null;
  name: string;
  unit: string;
  periodicity: string;
  kind: 'computed' | 'entered';
  numerator?: string | null;
  denominator?: string | null;
  factor?: number;
  responsibleOrganizationId?: string | null;
  approvingAct?: string | null;
}

function checkRule(input: { kind: 'computed' | 'entered'; numerator?: string | null; denominator?: string | null }) {
  if (input.kind === 'entered') return { numerator: enteredBlock, denominator: null };
  const errors = [];
  const blocks: readonly string[] = indicatorBlockCodes;
  if (!input.numerator || !blocks.includes(input.numerator)) errors.push({ field: 'numerator', message: 'Выберите числитель из показателей системы' });
  if (input.denominator && !blocks.includes(input.denominator)) errors.push({ field: 'denominator', message: 'Выберите знаменатель из показателей системы' });
  if (errors.length) throw invalid(errors);
  return { numerator: input.numerator!, denominator: input.denominator ?? null };
}

async function checkResponsible(db: Db, regionId: string, organizationId: string | null | undefined) {
  if (!organizationId) return;
  const [o] = await queryRows<{ id: string }>(db, sql`SELECT o.id FROM organizations o JOIN territories t ON t.id = o.territory_id WHERE o.id = ${organizationId} AND t.path[1] = ${regionId}`);
  if (!o) throw invalid([{ field: 'responsibleOrganizationId', message: 'Ответственная организация должна быть организацией региона' }]);
}

async function definitionById(db: Db, id: string) {
  const [d] = await queryRows<DefinitionRow>(db, sql`SELECT * FROM indicator_definitions WHERE id = ${id} AND archived_at IS NULL`);
  return d ?? null;
}

/** A region's own indicator, or its version of one for a year (re-approval). */
export async function createIndicator(db: Db, actor: Actor, input: IndicatorInput): Promise<IndicatorDefinition> {
  const regionId = adminRegion(actor, input.regionId);
  if (!codePattern.test(input.code)) throw invalid([{ field: 'code', message: 'Код — латинские строчные буквы, цифры и «_», от 2 символов' }]);
  const rule = checkRule(input);
  await checkResponsible(db, regionId, input.responsibleOrganizationId);
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [dup] = await queryRows<{ id: string }>(t, sql`SELECT id FROM indicator_definitions WHERE region_id = ${regionId} AND code = ${input.code} AND year = ${input.year}`);
    if (dup) throw new AppError(409, 'duplicate', `Показатель «${input.code}» на ${input.year} год уже утверждён в регионе; измените его`);
    const [row] = await queryRows<DefinitionRow>(
      t,
      sql`INSERT INTO indicator_definitions (code, region_id, year, number, name, unit, periodicity, kind, numerator, denominator, factor, responsible_organization_id, approving_act, created_by)
          VALUES (${input.code}, ${regionId}, ${input.year}, ${input.number ?? null}, ${input.name}, ${input.unit}, ${input.periodicity}, ${input.kind},
                  ${rule.numerator}, ${rule.denominator}, ${input.factor ?? (input.unit === 'percent' ? 100 : 1)}, ${input.responsibleOrganizationId ?? null},
                  ${input.approvingAct ?? null}, ${actor.userId})
          RETURNING *`,
    );
    await recordAudit(t, actor, { action: 'indicator.create', entity: 'indicator', entityId: row.id, territoryIds: [regionId], after: row });
    return toDefinition(row, []);
  });
}

export async function updateIndicator(db: Db, actor: Actor, id: string, input: Partial<Omit<IndicatorInput, 'regionId' | 'code' | 'year'>> & { version: number }): Promise<IndicatorDefinition> {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    // the role first: to others another region's indicator answers as one that does not exist
    adminRegion(actor, null);
    const before = await definitionById(t, id);
    if (!before) throw notFound('Показатель');
    if (!before.region_id) {
      throw forbidden('Федеральный показатель не изменяется: утвердите региональную версию на год');
    }
    adminRegion(actor, before.region_id, 'Показатель');
    if (before.version !== input.version) throw staleVersion();
    const kind = input.kind ?? before.kind;
    const rule = checkRule({ kind, numerator: input.numerator === undefined ? before.numerator : input.numerator, denominator: input.denominator === undefined ? before.denominator : input.denominator });
    if (input.responsibleOrganizationId !== undefined) await checkResponsible(t, before.region_id, input.responsibleOrganizationId);
    const pick = <T,>(v: T | undefined, old: T) => (v === undefined ? old : v);
    const [row] = await queryRows<DefinitionRow>(
      t,
      sql`UPDATE indicator_definitions SET number = ${pick(input.number, before.number)}, name = ${pick(input.name, before.name)}, unit = ${pick(input.unit, before.unit)},
            periodicity = ${pick(input.periodicity, before.periodicity)}, kind = ${kind}, numerator = ${rule.numerator}, denominator = ${rule.denominator},
            factor = ${pick(input.factor, before.factor)}, responsible_organization_id = ${pick(input.responsibleOrganizationId, before.responsible_organization_id)},
            approving_act = ${pick(input.approvingAct, before.approving_act)}, version = version + 1, updated_at = now()
          WHERE id = ${id} AND version = ${input.version} RETURNING *`,
    );
    if (!row) throw staleVersion();
    await recordAudit(t, actor, { action: 'indicator.update', entity: 'indicator', entityId: id, territoryIds: [before.region_id], before, after: row });
    return toDefinition(row, []);
  });
}

export async function archiveIndicator(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    // the role first: to others another region's indicator answers as one that does not exist
    adminRegion(actor, null);
    const before = await definitionById(t, id);
    if (!before) throw notFound('Показатель');
    if (!before.region_id) {
      throw forbidden('Федеральный показатель не удаляется');
    }
    adminRegion(actor, before.region_id, 'Показатель');
    await t.execute(sql`UPDATE indicator_definitions SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = ${id}`);
    await recordAudit(t, actor, { action: 'indicator.archive', entity: 'indicator', entityId: id, territoryIds: [before.region_id], before });
  });
}

/** Where a target or an entered value is set: a territory or an organization, with its region. */
async function placeOf(db: Db, at: { territoryId?: string | null; organizationId?: string | null }) {
  if (!!at.territoryId === !!at.organizationId) throw invalid([{ field: 'territoryId', message: 'Укажите территорию или организацию' }]);
  if (at.territoryId) {
    const t = await territoryOf(db, at.territoryId);
    if (!t) throw notFound('Территория');
    return { territoryIds: [t.id], organizationIds: [] as string[], regionId: t.path[0], territoryId: t.id, organizationId: null };
  }
  const [o] = await queryRows<{ id: string; territory_id: string; region: string }>(
    db,
    sql`SELECT o.id, o.territory_id, t.path[1] AS region FROM organizations o JOIN territories t ON t.id = o.territory_id WHERE o.id = ${at.organizationId!}`,
  );
  if (!o) throw notFound('Организация');
  return { territoryIds: [o.territory_id], organizationIds: [o.id], regionId: o.region, territoryId: null, organizationId: o.id };
}

async function definitionForRegion(db: Db, code: string, regionId: string, year: number) {
  const def = (await definitionsInForce(db, [regionId], year)).find((d) => d.code === code);
  if (!def) throw notFound('Показатель');
  return def;
}

/** Sets (or, with value null, removes) a yearly target; regional administrators within their region. */
export async function setIndicatorTarget(db: Db, actor: Actor, code: string, input: { year: number; territoryId?: string | null; organizationId?: string | null; value: number | null }) {
  const mine = actor.roles.filter((r) => r.role === 'regional_admin' && r.territoryId).map((r) => r.territoryId!);
  if (!mine.length) throw forbidden('Целевые значения утверждает администратор региона');
  const place = await placeOf(db, input);
  if (!mine.includes(place.regionId)) throw notFound(place.organizationId ? 'Организация' : 'Территория');
  await definitionForRegion(db, code, place.regionId, input.year);
  await savePlaceValue(db, actor, { table: 'indicator_targets', periodColumn: 'year', byColumn: 'set_by', action: 'indicator.target', entity: 'indicator_target' }, code, input.year, place, input.value, input);
  return { code, year: input.year, territoryId: place.territoryId, organizationId: place.organizationId, value: input.value };
}

/** Enters (or, with value null, clears) a value of an entered indicator for an organization or a
 *  territory: by those who administer it. */
export async function enterIndicatorValue(db: Db, actor: Actor, code: string, input: { period: number; territoryId?: string | null; organizationId?: string | null; value: number | null }) {
  requireReader(actor);
  const place = await placeOf(db, input);
  if (!canWriteAt(actor, place)) {
    const readable = place.organizationId ? actor.read.organizationIds.includes(place.organizationId) || actor.read.territoryIds.includes(place.territoryIds[0]) : actor.read.territoryIds.includes(place.territoryId!);
    if (readable) throw forbidden('Значение вносит администратор организации или территории');
    throw notFound(place.organizationId ? 'Организация' : 'Территория');
  }
  const def = await definitionForRegion(db, code, place.regionId, input.period);
  if (def.kind !== 'entered') throw new AppError(409, 'computed_indicator', 'Значение этого показателя вычисляется из записей системы и не вносится вручную');
  await savePlaceValue(db, actor, { table: 'indicator_entered_values', periodColumn: 'period', byColumn: 'entered_by', action: 'indicator.enter', entity: 'indicator_value' }, code, input.period, place, input.value, input);
  return { code, period: input.period, territoryId: place.territoryId, organizationId: place.organizationId, value: input.value };
}

/** A target or an entered value: one row per code, period and place, replaced (or, with value
 *  null, removed) with its version counted, and the change audited. */
async function savePlaceValue(
  db: Db,
  actor: Actor,
  store: { table: 'indicator_targets' | 'indicator_entered_values'; periodColumn: 'year' | 'period'; byColumn: 'set_by' | 'entered_by'; action: string; entity: string },
  code: string,
  period: number,
  place: Awaited<ReturnType<typeof placeOf>>,
  value: number | null,
  input: unknown,
) {
  const [table, periodColumn, byColumn] = [sql.raw(store.table), sql.raw(store.periodColumn), sql.raw(store.byColumn)];
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const where = sql`code = ${code} AND ${periodColumn} = ${period} AND territory_id IS NOT DISTINCT FROM ${place.territoryId}::uuid AND organization_id IS NOT DISTINCT FROM ${place.organizationId}::uuid`;
    const [before] = await queryRows<{ id: string; value: number }>(t, sql`SELECT id, value FROM ${table} WHERE ${where}`);
    if (value === null) {
      await t.execute(sql`DELETE FROM ${table} WHERE ${where}`);
    } else {
      await t.execute(
        sql`INSERT INTO ${table} (code, ${periodColumn}, territory_id, organization_id, value, ${byColumn}) VALUES (${code}, ${period}, ${place.territoryId}, ${place.organizationId}, ${value}, ${actor.userId})
            ON CONFLICT ON CONSTRAINT ${sql.raw(`${store.table}_uq`)} DO UPDATE SET value = excluded.value, ${byColumn} = excluded.${byColumn}, version = ${table}.version + 1, updated_at = now()`,
      );
    }
    await recordAudit(t, actor, { action: store.action, entity: store.entity, entityId: code, territoryIds: place.territoryIds, organizationIds: place.organizationIds, before: before ?? null, after: input });
  });
}

/** Entered values of an indicator for a period within the actor's read scope (the data form). */
export async function listEnteredValues(db: Db, actor: Actor, code: string, q: { period: number }) {
  requireReader(actor);
  const rows = await queryRows<{ territory_id: string | null; organization_id: string | null; name: string; value: number; updated_at: string }>(
    db,
    sql`SELECT v.territory_id, v.organization_id, coalesce(o.short_name, t.name) AS name, v.value, v.updated_at::text
        FROM indicator_entered_values v LEFT JOIN organizations o ON o.id = v.organization_id LEFT JOIN territories t ON t.id = v.territory_id
        WHERE v.code = ${code} AND v.period = ${q.period}
          AND (v.territory_id = ANY(${sql.param(actor.read.territoryIds)}::uuid[]) OR o.territory_id = ANY(${sql.param(actor.read.territoryIds)}::uuid[])
               OR v.organization_id = ANY(${sql.param(actor.read.organizationIds)}::uuid[]))
        ORDER BY name`,
  );
  return { code, period: q.period, items: rows.map((r) => ({ territoryId: r.territory_id, organizationId: r.organization_id, name: r.name, value: Number(r.value), updatedAt: new Date(r.updated_at).toISOString() })) };
}
