// The benchmark's baseline (ADR 0025): the same indicator counts as the live rollups (ADR 0024,
// docs/indicators.md), computed by a plain scan of the raw rows held in memory. The rows are read
// once into typed arrays (one row per record: results, plans, plan items, enrollments, pairs…,
// nothing pre-aggregated); `scanScope` then derives every person's and organization's flags from
// them and sums them per node, the way the triggers define them.

import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { indicatorBaseYear } from '../../../common/indicators.js';

/** The counts per node an indicator's rule is built from (common/indicators.ts). */
export const baselineBlocks = [
  'staff',
  'staff_pedagogical',
  'staff_managerial',
  'diagnosed',
  'plan_on_diagnostic',
  'federal_on_diagnostic',
  'managers_quality',
  'young',
  'young_supported',
  'courses_completed',
  'orgs',
  'orgs_management_quality',
  'orgs_mentoring_model',
  'events_held',
  'event_participants',
  'agreements',
  'practices_published',
] as const;
export type BaselineBlock = (typeof baselineBlocks)[number];
const B = Object.fromEntries(baselineBlocks.map((b, i) => [b, i])) as Record<BaselineBlock, number>;
const BLOCKS = baselineBlocks.length;

/** Educational organizations: the denominator of indicators 4 and 6. */
const COUNTED_KINDS = new Set(['school', 'kindergarten', 'college', 'additional_education']);
const NONE = -1;

/** Compressed lists per owner (person or organization): entries of owner i are start[i]..start[i+1]. */
class Lists {
  constructor(
    readonly start: Int32Array,
    readonly columns: Int32Array[],
  ) {}
}

/** Builds Lists from (owner, values…) rows in any order: count, prefix sum, fill. */
function buildLists(owners: number, owner: Int32Array, columns: Int32Array[], length: number): Lists {
  const start = new Int32Array(owners + 1);
  for (let i = 0; i < length; i++) start[owner[i] + 1]++;
  for (let i = 0; i < owners; i++) start[i + 1] += start[i];
  const fill = start.slice(0, owners);
  const out = columns.map(() => new Int32Array(length));
  for (let i = 0; i < length; i++) {
    const at = fill[owner[i]]++;
    for (let c = 0; c < columns.length; c++) out[c][at] = columns[c][i];
  }
  return new Lists(start, out);
}

/** Growable column store for rows read page by page. */
class Columns {
  length = 0;
  data: Int32Array[];
  constructor(n: number) {
    this.data = Array.from({ length: n }, () => new Int32Array(1024));
  }
  push(...values: number[]): void {
    if (this.length === this.data[0].length) this.data = this.data.map((a) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    });
    for (let c = 0; c < values.length; c++) this.data[c][this.length] = values[c];
    this.length++;
  }
}

export interface BaselineData {
  /** Node ids: territories and organizations by index; the country is the zero uuid. */
  territoryIds: string[];
  territoryKind: ('region' | 'municipality')[];
  /** For a municipality its region's index, for a region itself. */
  territoryRegion: Int32Array;
  orgIds: string[];
  orgTerritory: Int32Array;
  orgCounted: Uint8Array;
  orgArchived: Uint8Array;
  /** People with current positions (not archived): birth date as YYYYMMDD, first year in the profession. */
  staffIds: string[];
  birth: Int32Array;
  startYear: Int32Array;
  /** Positions: organization, category (1 pedagogical, 2 managerial, 0 other). */
  positions: Lists;
  /** Results: year measured. */
  results: Lists;
  /** Plans: year (tutor agreement, else creation), built on a diagnostic (not a draft, with deficits) 1/0. */
  plans: Lists;
  /** Items of plans built on a diagnostic: the referenced enrollment (reference index) and programme. */
  items: Lists;
  /** Completed enrollments: completion date YYYYMMDD, programme index or NONE, reference index or NONE. */
  enrollments: Lists;
  /** Forms of support (ADR 0016): pairs as mentee, plans past the draft, tutors: from, to (YYYYMMDD, 99991231 when open). */
  support: Lists;
  programRegistry: Uint8Array;
  programManagerial: Uint8Array;
  /** Organization lists: mentoring programme and pair years (from, to); events (year, participants);
   *  agreements (year); published practices (year). */
  orgMentoring: Lists;
  orgEvents: Lists;
  orgAgreements: Lists;
  orgPractices: Lists;
  /** Rows read, per source, for the report. */
  rowCounts: Record<string, number>;
}

export interface ScopeIndex {
  nodeId: string | null;
  childKind: 'region' | 'municipality' | 'organization';
  childIds: string[];
  /** People and organizations counted in the scope. */
  people: Int32Array;
  orgs: Int32Array;
  /** Child slot of each organization (-1: in the scope but under no child, e.g. a regional body). */
  orgChild: Int32Array;
}

export const COUNTRY_NODE = '00000000-0000-0000-0000-000000000000';

/** Uuid pages for the big person-keyed tables: keeps each query's result small. */
const PAGES = Array.from({ length: 16 }, (_, i) => i.toString(16));

async function paged<T>(db: Db, query: (lo: string, hi: string | null) => SQL, each: (row: T) => void, onPage?: () => void): Promise<number> {
  let n = 0;
  for (let i = 0; i < PAGES.length; i++) {
    const lo = `${PAGES[i]}0000000-0000-0000-0000-000000000000`;
    const hi = i + 1 < PAGES.length ? `${PAGES[i + 1]}0000000-0000-0000-0000-000000000000` : null;
    const rows = await queryRows<T>(db, query(lo, hi));
    for (const row of rows) each(row);
    n += rows.length;
    onPage?.();
  }
  return n;
}

const between = (column: SQL, lo: string, hi: string | null) => (hi ? sql`${column} >= ${lo}::uuid AND ${column} < ${hi}::uuid` : sql`${column} >= ${lo}::uuid`);
const ymd = (d: SQL) => sql`coalesce(to_char(${d}, 'YYYYMMDD')::int, 0)`;

/** Reads the raw rows the indicators count. `progress` gets a line per source. */
export async function loadBaseline(db: Db, progress: (line: string) => void = () => {}): Promise<BaselineData> {
  const rowCounts: Record<string, number> = {};
  const t0 = performance.now();
  const step = (name: string, n: number) => {
    rowCounts[name] = n;
    progress(`  ${name}: ${n.toLocaleString('ru-RU')} строк, ${((performance.now() - t0) / 1000).toFixed(1)} с`);
  };

  const territories = await queryRows<{ id: string; kind: 'region' | 'municipality'; region: string }>(db, sql`SELECT id, kind, path[1]::text AS region FROM territories ORDER BY id`);
  const territoryIndex = new Map(territories.map((t, i) => [t.id, i]));
  const territoryRegion = Int32Array.from(territories, (t) => territoryIndex.get(t.region) ?? territoryIndex.get(t.id)!);
  step('territories', territories.length);

  const orgs = await queryRows<{ id: string; territory_id: string; kind: string; archived: boolean }>(
    db,
    sql`SELECT id, territory_id, kind, archived_at IS NOT NULL AS archived FROM organizations ORDER BY id`,
  );
  const orgIndex = new Map(orgs.map((o, i) => [o.id, i]));
  const orgTerritory = Int32Array.from(orgs, (o) => territoryIndex.get(o.territory_id)!);
  const orgCounted = Uint8Array.from(orgs, (o) => (!o.archived && COUNTED_KINDS.has(o.kind) ? 1 : 0));
  const orgArchived = Uint8Array.from(orgs, (o) => (o.archived ? 1 : 0));
  step('organizations', orgs.length);

  // people with a current position; their positions
  const staffIndex = new Map<string, number>();
  const staffIds: string[] = [];
  const birth = new Columns(2);
  const pos = new Columns(3);
  const positionRows = await paged<{ staff_id: string; organization_id: string; cat: number; birth: number; start: number }>(
    db,
    (lo, hi) => sql`SELECT sp.staff_id, sp.organization_id, CASE sp.staff_category WHEN 'pedagogical' THEN 1 WHEN 'managerial' THEN 2 ELSE 0 END AS cat,
                           ${ymd(sql`s.birth_date`)} AS birth, coalesce(s.profession_start_year, 0) AS start
                    FROM staff_positions sp JOIN staff s ON s.id = sp.staff_id AND s.archived_at IS NULL
                    WHERE sp.end_date IS NULL AND ${between(sql`sp.staff_id`, lo, hi)}`,
    (r) => {
      let i = staffIndex.get(r.staff_id);
      if (i === undefined) {
        staffIndex.set(r.staff_id, (i = staffIds.length));
        staffIds.push(r.staff_id);
        birth.push(r.birth, r.start);
      }
      pos.push(i, orgIndex.get(r.organization_id)!, r.cat);
    },
  );
  step('staff_positions', positionRows);
  const people = staffIds.length;
  const positions = buildLists(people, pos.data[0], [pos.data[1], pos.data[2]], pos.length);
  const person = (id: string) => staffIndex.get(id);

  const res = new Columns(2);
  step(
    'assessment_results',
    await paged<{ staff_id: string; y: number }>(
      db,
      (lo, hi) => sql`SELECT staff_id, extract(year FROM measured_on)::int AS y FROM assessment_results WHERE ${between(sql`staff_id`, lo, hi)}`,
      (r) => {
        const i = person(r.staff_id);
        if (i !== undefined) res.push(i, r.y);
      },
    ),
  );

  // plans; a plan that is not a draft is also a form of support over its period
  const pl = new Columns(3);
  const sup = new Columns(3);
  const open = 99991231;
  step(
    'learning_plans',
    await paged<{ staff_id: string; y: number; on: boolean; draft: boolean; f: number; t: number }>(
      db,
      (lo, hi) => sql`SELECT staff_id, extract(year FROM (coalesce(tutor_agreed_at, created_at) AT TIME ZONE 'UTC'))::int AS y,
                             (status <> 'draft' AND jsonb_typeof(deficits) = 'array' AND jsonb_array_length(deficits) > 0) AS on,
                             status = 'draft' AS draft, ${ymd(sql`period_from`)} AS f, ${ymd(sql`period_to`)} AS t
                      FROM learning_plans WHERE ${between(sql`staff_id`, lo, hi)}`,
      (r) => {
        const i = person(r.staff_id);
        if (i === undefined) return;
        pl.push(i, r.y, r.on ? 1 : 0);
        if (!r.draft) sup.push(i, r.f, r.t);
      },
    ),
  );

  const cohortProgram = new Map((await queryRows<{ id: string; program_id: string }>(db, sql`SELECT id, program_id FROM cohorts`)).map((c) => [c.id, c.program_id]));
  const programs = await queryRows<{ id: string; registry: boolean }>(db, sql`SELECT id, in_federal_registry AS registry FROM programs ORDER BY id`);
  const programIndex = new Map(programs.map((p, i) => [p.id, i]));
  const programRegistry = Uint8Array.from(programs, (p) => (p.registry ? 1 : 0));
  const programManagerial = new Uint8Array(programs.length);
  for (const r of await queryRows<{ program_id: string; audience: string }>(
    db,
    sql`SELECT pc.program_id, g.audience FROM program_competencies pc JOIN competencies k ON k.id = pc.competency_id JOIN competency_groups g ON g.id = k.group_id`,
  ))
    if (r.audience === 'managerial') programManagerial[programIndex.get(r.program_id)!] = 1;
  step('programs', programs.length);

  // items of plans built on a diagnostic (a plan item belongs to its plan's person)
  const referenced = new Map<string, number>();
  const it = new Columns(3);
  step(
    'learning_plan_items',
    await paged<{ staff_id: string; enrollment_id: string | null; program_id: string | null }>(
      db,
      (lo, hi) => sql`SELECT lp.staff_id, i.enrollment_id, i.program_id FROM learning_plan_items i JOIN learning_plans lp ON lp.id = i.plan_id
                      WHERE lp.status <> 'draft' AND jsonb_typeof(lp.deficits) = 'array' AND jsonb_array_length(lp.deficits) > 0
                        AND (i.enrollment_id IS NOT NULL OR i.program_id IS NOT NULL) AND ${between(sql`lp.staff_id`, lo, hi)}`,
      (r) => {
        const i = person(r.staff_id);
        if (i === undefined) return;
        let ref = NONE;
        if (r.enrollment_id) {
          ref = referenced.get(r.enrollment_id) ?? referenced.size;
          referenced.set(r.enrollment_id, ref);
        }
        it.push(i, ref, r.program_id ? (programIndex.get(r.program_id) ?? NONE) : NONE);
      },
    ),
  );

  const en = new Columns(4);
  step(
    'enrollments',
    await paged<{ id: string; staff_id: string; cohort_id: string | null; program_id: string | null; on: number }>(
      db,
      (lo, hi) => sql`SELECT id, staff_id, cohort_id, program_id, ${ymd(sql`completed_on`)} AS on FROM enrollments
                      WHERE status = 'completed' AND completed_on IS NOT NULL AND ${between(sql`staff_id`, lo, hi)}`,
      (r) => {
        const i = person(r.staff_id);
        if (i === undefined) return;
        const program = (r.cohort_id ? cohortProgram.get(r.cohort_id) : undefined) ?? r.program_id;
        en.push(i, r.on, program ? (programIndex.get(program) ?? NONE) : NONE, referenced.get(r.id) ?? NONE);
      },
    ),
  );

  const mentees = await queryRows<{ staff_id: string; f: number; t: number | null }>(
    db,
    sql`SELECT mentee_staff_id AS staff_id, ${ymd(sql`starts_on`)} AS f,
               to_char(coalesce(ends_on, (completed_at AT TIME ZONE 'UTC')::date), 'YYYYMMDD')::int AS t
        FROM mentorships WHERE mentee_staff_id IS NOT NULL AND status IN ('active', 'completed')`,
  );
  for (const r of mentees) {
    const i = person(r.staff_id);
    if (i !== undefined) sup.push(i, r.f, r.t ?? open);
  }
  // a tutor assigned: support whatever the year
  const tutored = await paged<{ staff_id: string }>(
    db,
    (lo, hi) => sql`SELECT staff_id FROM tutor_assignments WHERE ${between(sql`staff_id`, lo, hi)}`,
    (r) => {
      const i = person(r.staff_id);
      if (i !== undefined) sup.push(i, 0, open);
    },
  );
  step('mentorships + tutor_assignments', mentees.length + tutored);

  const mm = new Columns(3);
  const programmesRows = await queryRows<{ organization_id: string; f: number; t: number }>(
    db,
    sql`SELECT organization_id, extract(year FROM period_from)::int AS f, extract(year FROM period_to)::int AS t FROM mentoring_programmes`,
  );
  for (const r of programmesRows) mm.push(orgIndex.get(r.organization_id)!, r.f, r.t);
  const pairRows = await queryRows<{ organization_id: string; f: number; t: number }>(
    db,
    sql`SELECT organization_id, extract(year FROM starts_on)::int AS f,
               extract(year FROM coalesce(ends_on, (completed_at AT TIME ZONE 'UTC')::date, greatest(starts_on, current_date)))::int AS t
        FROM mentorships WHERE status IN ('active', 'completed')`,
  );
  for (const r of pairRows) mm.push(orgIndex.get(r.organization_id)!, r.f, r.t);
  step('mentoring_programmes + mentorships', programmesRows.length + pairRows.length);

  const ev = new Columns(3);
  const eventRows = await queryRows<{ organization_id: string; y: number; n: number }>(
    db,
    sql`SELECT e.organizer_organization_id AS organization_id, extract(year FROM (e.starts_at AT TIME ZONE 'UTC'))::int AS y, er.participants_count AS n
        FROM events e JOIN event_reports er ON er.event_id = e.id WHERE e.cancelled_at IS NULL`,
  );
  for (const r of eventRows) ev.push(orgIndex.get(r.organization_id)!, r.y, r.n);
  step('events + event_reports', eventRows.length);

  const ag = new Columns(2);
  const agreementRows = await queryRows<{ organization_id: string; y: number }>(
    db,
    sql`SELECT owner_organization_id AS organization_id, extract(year FROM coalesce(doc_date, (created_at AT TIME ZONE 'UTC')::date))::int AS y
        FROM documents WHERE kind = 'agreement' AND status <> 'draft' AND owner_organization_id IS NOT NULL`,
  );
  for (const r of agreementRows) ag.push(orgIndex.get(r.organization_id)!, r.y);
  const pr = new Columns(2);
  const practiceRows = await queryRows<{ organization_id: string; y: number }>(
    db,
    sql`SELECT organization_id, extract(year FROM (published_at AT TIME ZONE 'UTC'))::int AS y FROM practices
        WHERE status = 'published' AND published_at IS NOT NULL AND organization_id IS NOT NULL`,
  );
  for (const r of practiceRows) pr.push(orgIndex.get(r.organization_id)!, r.y);
  step('documents + practices', agreementRows.length + practiceRows.length);

  const lists = (owners: number, c: Columns) => buildLists(owners, c.data[0], c.data.slice(1), c.length);
  return {
    territoryIds: territories.map((t) => t.id),
    territoryKind: territories.map((t) => t.kind),
    territoryRegion,
    orgIds: orgs.map((o) => o.id),
    orgTerritory,
    orgCounted,
    orgArchived,
    staffIds,
    birth: birth.data[0].slice(0, people),
    startYear: birth.data[1].slice(0, people),
    positions,
    results: lists(people, res),
    plans: lists(people, pl),
    items: lists(people, it),
    enrollments: lists(people, en),
    support: lists(people, sup),
    programRegistry,
    programManagerial,
    orgMentoring: lists(orgs.length, mm),
    orgEvents: lists(orgs.length, ev),
    orgAgreements: lists(orgs.length, ag),
    orgPractices: lists(orgs.length, pr),
    rowCounts,
  };
}

/** The people and organizations of a scope (the country when nodeId is null) and its children:
 *  regions of the country, municipalities of a region, organizations of a municipality. */
export function indexScope(data: BaselineData, nodeId: string | null): ScopeIndex {
  const territory = nodeId === null ? -1 : data.territoryIds.indexOf(nodeId);
  if (nodeId !== null && territory < 0) throw new Error(`Нет территории ${nodeId}`);
  const kind = territory < 0 ? 'country' : data.territoryKind[territory];
  const childKind = kind === 'country' ? 'region' : kind === 'region' ? 'municipality' : 'organization';
  const childIds: string[] = [];
  const childOfTerritory = new Int32Array(data.territoryIds.length).fill(-1);
  if (childKind !== 'organization') {
    data.territoryIds.forEach((id, t) => {
      const fits = childKind === 'region' ? data.territoryKind[t] === 'region' : data.territoryKind[t] === 'municipality' && data.territoryRegion[t] === territory;
      if (fits) childOfTerritory[t] = childIds.push(id) - 1;
    });
  }
  const inScope = (t: number) => territory < 0 || t === territory || (kind === 'region' && data.territoryRegion[t] === territory);
  const orgs: number[] = [];
  const orgChild = new Int32Array(data.orgIds.length).fill(-1);
  data.orgIds.forEach((id, o) => {
    const t = data.orgTerritory[o];
    if (!inScope(t)) return;
    orgs.push(o);
    // an archived organization still counts in its territory, but is no child of it
    if (childKind === 'organization') orgChild[o] = data.orgArchived[o] ? -1 : childIds.push(id) - 1;
    else orgChild[o] = childOfTerritory[childKind === 'region' ? data.territoryRegion[t] : t];
  });
  const inScopeOrg = new Uint8Array(data.orgIds.length);
  for (const o of orgs) inScopeOrg[o] = 1;
  const people: number[] = [];
  const { start, columns } = data.positions;
  for (let p = 0; p < data.staffIds.length; p++) {
    for (let k = start[p]; k < start[p + 1]; k++)
      if (inScopeOrg[columns[0][k]]) {
        people.push(p);
        break;
      }
  }
  return { nodeId, childKind, childIds, people: Int32Array.from(people), orgs: Int32Array.from(orgs), orgChild };
}

export interface ScanResult {
  /** blocks × (1 + children): slot 0 the scope itself, slot 1 + i its i-th child. */
  counts: Float64Array;
  childIds: string[];
}

/** The scan: every block of the scope and of each child for `period`, from the raw rows. */
export function scanScope(data: BaselineData, scope: ScopeIndex, period: number): ScanResult {
  const slots = 1 + scope.childIds.length;
  const counts = new Float64Array(BLOCKS * slots);
  const add = (slot: number, block: number, n: number) => (counts[slot * BLOCKS + block] += n);
  const { positions, results, plans, items, enrollments, support } = data;
  const yearFrom = period * 10000 + 101;
  const yearTo = period * 10000 + 1231;
  // per child slot, the last person counted there (a person with two positions counts once)
  const seenAll = new Int32Array(slots).fill(-1);
  const seenPed = new Int32Array(slots).fill(-1);
  const seenMgr = new Int32Array(slots).fill(-1);
  // organizations whose managers raised their qualification in the period (indicator 4)
  const orgManagersQuality = new Uint8Array(data.orgIds.length);

  // periods before the base year are not kept (ADR 0024): only the structure counts then
  const kept = period >= indicatorBaseYear;
  for (const p of scope.people) {
    // flags of the person for the period, from their rows
    let diagnosed = 0;
    for (let k = results.start[p]; k < results.start[p + 1]; k++) if (results.columns[0][k] === period) diagnosed = 1;
    let plan = 0;
    for (let k = plans.start[p]; k < plans.start[p + 1]; k++) if (plans.columns[1][k] === 1 && plans.columns[0][k] === period) plan = 1;
    let courses = 0;
    let mq = 0;
    let federalYear = 0;
    for (let k = enrollments.start[p]; k < enrollments.start[p + 1]; k++) {
      const on = enrollments.columns[0][k];
      const year = Math.floor(on / 10000);
      const program = enrollments.columns[1][k];
      if (year === period) {
        courses++;
        if (program !== NONE && data.programManagerial[program]) mq = 1;
      }
      if (program === NONE || !data.programRegistry[program] || year < indicatorBaseYear || (federalYear && year >= federalYear)) continue;
      // chosen on the diagnostic: an item of a plan built on it names this enrollment or programme
      const ref = enrollments.columns[2][k];
      for (let j = items.start[p]; j < items.start[p + 1]; j++) {
        if ((ref !== NONE && items.columns[0][j] === ref) || items.columns[1][j] === program) {
          federalYear = year;
          break;
        }
      }
    }
    if (!kept) diagnosed = plan = courses = mq = 0;
    const federal = federalYear && federalYear <= period ? 1 : 0;
    const start = data.startYear[p];
    const young = kept && start && period >= start && period <= start + 3 && data.birth[p] > (period - 35) * 10000 + 1231 ? 1 : 0;
    let supported = 0;
    if (young)
      for (let k = support.start[p]; k < support.start[p + 1]; k++)
        if (support.columns[0][k] <= yearTo && support.columns[1][k] >= yearFrom) {
          supported = 1;
          break;
        }

    // the scope itself and each child the person works in (once per node)
    let ped = 0;
    let mgr = 0;
    for (let k = positions.start[p]; k < positions.start[p + 1]; k++) {
      const org = positions.columns[0][k];
      const cat = positions.columns[1][k];
      if (cat === 1) ped = 1;
      if (cat === 2) {
        mgr = 1;
        if (mq) orgManagersQuality[org] = 1;
      }
      const child = scope.orgChild[org];
      if (child < 0) continue;
      const slot = 1 + child;
      if (seenAll[slot] !== p) {
        seenAll[slot] = p;
        add(slot, B.staff, 1);
        add(slot, B.diagnosed, diagnosed);
        add(slot, B.plan_on_diagnostic, plan);
        add(slot, B.young, young);
        add(slot, B.young_supported, supported);
        add(slot, B.courses_completed, courses);
      }
      if (cat === 1 && seenPed[slot] !== p) {
        seenPed[slot] = p;
        add(slot, B.staff_pedagogical, 1);
        add(slot, B.federal_on_diagnostic, federal);
      }
      if (cat === 2 && seenMgr[slot] !== p) {
        seenMgr[slot] = p;
        add(slot, B.staff_managerial, 1);
        add(slot, B.managers_quality, mq);
      }
    }
    add(0, B.staff, 1);
    add(0, B.diagnosed, diagnosed);
    add(0, B.plan_on_diagnostic, plan);
    add(0, B.young, young);
    add(0, B.young_supported, supported);
    add(0, B.courses_completed, courses);
    if (ped) {
      add(0, B.staff_pedagogical, 1);
      add(0, B.federal_on_diagnostic, federal);
    }
    if (mgr) {
      add(0, B.staff_managerial, 1);
      add(0, B.managers_quality, mq);
    }
  }

  // organizations: counted ones for indicators 4 and 6, every organizer for the counts
  for (const o of scope.orgs) {
    const child = scope.orgChild[o];
    const slot = child < 0 ? -1 : 1 + child;
    const both = (block: number, n: number) => {
      if (!n) return;
      add(0, block, n);
      if (slot > 0) add(slot, block, n);
    };
    if (data.orgCounted[o]) both(B.orgs, 1);
    if (!kept) continue;
    if (data.orgCounted[o]) {
      both(B.orgs_management_quality, orgManagersQuality[o]);
      let model = 0;
      const m = data.orgMentoring;
      for (let k = m.start[o]; k < m.start[o + 1]; k++) if (m.columns[0][k] <= period && m.columns[1][k] >= period) model = 1;
      both(B.orgs_mentoring_model, model);
    }
    const e = data.orgEvents;
    for (let k = e.start[o]; k < e.start[o + 1]; k++)
      if (e.columns[0][k] === period) {
        both(B.events_held, 1);
        both(B.event_participants, e.columns[1][k]);
      }
    const a = data.orgAgreements;
    for (let k = a.start[o]; k < a.start[o + 1]; k++) if (a.columns[0][k] === period) both(B.agreements, 1);
    const pp = data.orgPractices;
    for (let k = pp.start[o]; k < pp.start[o + 1]; k++) if (pp.columns[0][k] === period) both(B.practices_published, 1);
  }
  return { counts, childIds: scope.childIds };
}

/** A block of the scope (slot 0) or of a child (slot 1 + i). */
export function blockOf(result: ScanResult, slot: number, block: BaselineBlock): number {
  return result.counts[slot * BLOCKS + B[block]];
}

/** What the comparison needs of the service's answer (IndicatorValues, CONTRACT.md). */
export interface ServiceValues {
  indicators: { code: string; kind: string; rule: { numerator: string; denominator: string | null } }[];
  total: { id: string; values: Record<string, { numerator: number; denominator: number | null }> };
  children: { id: string; values: Record<string, { numerator: number; denominator: number | null }> }[];
}

/** Differences between the service's numerators and denominators and the scan's, as lines
 *  (empty when they are equal). Every computed indicator, the scope and every child. */
export function compareWithService(service: ServiceValues, scan: ScanResult): string[] {
  const out: string[] = [];
  const known = new Set<string>(baselineBlocks);
  const slotOf = new Map(scan.childIds.map((id, i) => [id, 1 + i]));
  const nodes: [string, number, ServiceValues['total']][] = [['итог', 0, service.total]];
  for (const child of service.children) {
    const slot = slotOf.get(child.id);
    if (slot === undefined) out.push(`узел ${child.id}: у сервиса есть, у сканирования нет`);
    else nodes.push([child.id, slot, child]);
  }
  const listed = new Set(service.children.map((c) => c.id));
  for (const [slot, id] of scan.childIds.map((id, i) => [1 + i, id] as const)) {
    // a child with no people and no organizations may be left out by the service
    if (!listed.has(id) && blockOf(scan, slot, 'staff') + blockOf(scan, slot, 'orgs') > 0) out.push(`узел ${id}: у сканирования есть, у сервиса нет`);
  }
  for (const def of service.indicators) {
    if (def.kind !== 'computed') continue;
    const { numerator, denominator } = def.rule;
    if (!known.has(numerator) || (denominator !== null && !known.has(denominator))) {
      out.push(`${def.code}: неизвестные базовые величины ${numerator}/${denominator}`);
      continue;
    }
    for (const [name, slot, node] of nodes) {
      const v = node.values[def.code];
      const num = blockOf(scan, slot, numerator as BaselineBlock);
      const den = denominator === null ? null : blockOf(scan, slot, denominator as BaselineBlock);
      if (!v) out.push(`${def.code} ${name}: нет значения у сервиса`);
      else if (v.numerator !== num || (v.denominator ?? null) !== den) out.push(`${def.code} ${name}: сервис ${v.numerator}/${v.denominator}, сканирование ${num}/${den}`);
    }
  }
  return out;
}
