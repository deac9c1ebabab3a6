// Deterministic demo data: regions → municipalities → organizations → staff and positions.
// Pure: no database, no I/O; the same seed, size and date give the same rows, ids included.
// Streams chunks so that a country-sized run never holds more than one region in memory.

import type { territories, organizations, staff, staffPositions } from '../../db/schema.js';
import {
  organizationFunctionCodes,
  type OrganizationFunction,
  type OrganizationKind,
  type QualificationCategory,
  type Sex,
  type StaffCategory,
  type subjects,
} from '../../../common/dictionaries.js';
import { formatSnils } from '../../../common/snils.js';
import { RegionLearning, type CatalogCompetency, type LearningOrg, type LearningPerson, type LearningTable, type LearningVolume } from './demo-learning.js';
import {
  adjectiveGenitive,
  firstName,
  kindergartenNames,
  patronymic,
  regionName,
  skewedIndex,
  streets,
  surnameFor,
  surnames,
  towns,
  transliterate,
  villages,
  type RegionName,
  type Town,
} from './demo-names.js';

export interface DemoSize {
  regions: number;
  municipalitiesPerRegion: number;
  organizationsPerRegion: number;
  staffPerRegion: number;
  /** Learning history of a system running for years (ADR 0025); none in the demo region. */
  learning?: LearningVolume;
}

/** ≈ 3 assessment results, ≈ 1 learning plan and ≈ 3 enrollments per person: three earlier years
 *  of completed plans and courses, and a little fewer people diagnosed than in the demo region. */
const yearsOfHistory: LearningVolume = { historyYears: 3, diagnosticShare: 0.72, historicPlan: 0.3, historicCourse: 0.55 };

export const demoSizes: Record<'demo' | 'small' | 'region' | 'national', DemoSize> = {
  demo: { regions: 1, municipalitiesPerRegion: 10, organizationsPerRegion: 300, staffPerRegion: 8_000 },
  small: { regions: 1, municipalitiesPerRegion: 3, organizationsPerRegion: 40, staffPerRegion: 600 },
  // one big region as the national run makes it: the PGlite benchmark (ADR 0025)
  region: { regions: 1, municipalitiesPerRegion: 40, organizationsPerRegion: 1_450, staffPerRegion: 40_000, learning: yearsOfHistory },
  // 89 × 28 ≈ 2,500 municipalities, × 450 ≈ 40,000 organizations, × 12,360 ≈ 1.1 million people
  national: { regions: 89, municipalitiesPerRegion: 28, organizationsPerRegion: 450, staffPerRegion: 12_360, learning: yearsOfHistory },
};

export type DemoTable = 'territories' | 'organizations' | 'staff' | 'staff_positions' | LearningTable;

/** Rows for one table, keyed by the drizzle table's property names. Chunks come in an order
 *  that satisfies foreign keys: a region's territories, its organizations, (with a catalog) its
 *  programmes, groups and diagnostic procedures, then staff batches each followed by their
 *  positions and (with a catalog) their learning rows: tutor accounts, results, enrollments, plans. */
export interface DemoChunk {
  table: DemoTable;
  rows: Record<string, unknown>[];
}

export interface DemoOptions {
  /** «Today» of the data (YYYY-MM-DD): ages, experience and start dates count from it.
   *  Defaults to the current date, so young specialists stay young in a fresh demo. */
  today?: string;
  /** The installed competency catalog: with it the run also makes the learning chain (ADR 0014). */
  catalog?: CatalogCompetency[];
  /** Receives the first region's learning chain, for the demo accounts' scenario. */
  onLearning?: (learning: RegionLearning) => void;
}

type TerritoryRow = typeof territories.$inferInsert;
type OrganizationRow = typeof organizations.$inferInsert;
type StaffRow = typeof staff.$inferInsert;
type PositionRow = typeof staffPositions.$inferInsert;
type Subject = (typeof subjects)[number];

/** Persons per staff chunk: large enough for few INSERTs, small enough to stream. */
const STAFF_CHUNK = 4000;

// ---------------------------------------------------------------- random numbers

/** sfc32 seeded through splitmix32: fast, 128 bits of state, one stream per (seed, stream). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Picks from a frequency-ordered list, favouring its head. */
  skewed<T>(list: readonly T[], power = 1.6): T {
    return list[skewedIndex(list.length, this.next(), power)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return items[items.length - 1][0];
  }

  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A version-4 UUID made of this generator's bits. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // version nibble 4 in the third group, variant bits 10 in the fourth
    return `${hex(a, 4)}-${hex(b >>> 16, 2)}-${hex((b & 0x0fff) | 0x4000, 2)}-${hex(((c >>> 16) & 0x3fff) | 0x8000, 2)}-${hex(c & 0xffff, 2)}${hex(d, 4)}`;
  }
}

// A byte → two hex digits table: uuid() is on the hot path of a million-person run.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The low `bytes` bytes of n as hex, most significant first. */
function hex(n: number, bytes: number): string {
  let out = '';
  for (let shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out += HEX[(n >>> shift) & 255];
  return out;
}

// ---------------------------------------------------------------- plan

export interface RegionPlan {
  index: number;
  name: RegionName;
  /** Two digits; also the first digits of the region's INNs. */
  code: string;
  municipalities: number;
  /** Regional colleges: a couple, three in a big region. */
  colleges: number;
  organizations: number;
  staff: number;
}

/** Regional bodies besides colleges: ministry, institute, ЦНППМ, ЦОКО, university, mentoring centre. */
const FIXED_REGIONAL_BODIES = 6;

/** How many regions, municipalities, organizations and people the run will produce. Regions
 *  of a country differ in size (log-normal weights); their totals match the size's. */
export function planDemo(size: DemoSize, seed = 1): RegionPlan[] {
  const r = new Random(seed, 0x5eed);
  const raw = Array.from({ length: size.regions }, () => (size.regions === 1 ? 1 : Math.exp(0.55 * gaussian(r))));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const weights = raw.map((w) => w / mean(raw));
  const roots = weights.map(Math.sqrt);
  const rootMean = mean(roots);
  return weights.map((w, index) => {
    const municipalities = clamp(Math.round((size.municipalitiesPerRegion * roots[index]) / rootMean), 1, towns.length);
    const target = Math.round(size.organizationsPerRegion * w);
    const colleges = target > 350 ? 3 : 2;
    // Every municipality needs its authority, service, a school and a kindergarten.
    const organizations = Math.max(target, FIXED_REGIONAL_BODIES + colleges + 4 * municipalities + 1);
    const staffCount = Math.max(Math.round(size.staffPerRegion * w), organizations * 6);
    return { ...regionIdentity(index), municipalities, colleges, organizations, staff: staffCount };
  });
}

/** The position of a region in a run gives its name and its two-digit code. */
function regionIdentity(index: number): Pick<RegionPlan, 'index' | 'name' | 'code'> {
  return { index, name: regionName(index), code: String(index + 1).padStart(2, '0') };
}

/** Totals of a run, known before it starts (for progress bars). */
export function demoTotals(size: DemoSize, seed = 1): { territories: number; organizations: number; staff: number } {
  const plan = planDemo(size, seed);
  const sum = (f: (p: RegionPlan) => number) => plan.reduce((a, p) => a + f(p), 0);
  return { territories: sum((p) => 1 + p.municipalities), organizations: sum((p) => p.organizations), staff: sum((p) => p.staff) };
}

// ---------------------------------------------------------------- generation

/** Streams the demo data in foreign-key order (see DemoChunk). */
export function* generateDemo(size: DemoSize, seed = 1, options: DemoOptions = {}): Generator<DemoChunk> {
  const ctx = newContext(size, seed, options, 0);
  for (const plan of planDemo(size, seed)) yield* generateRegion(plan, ctx);
}

/** People numbers (СНИЛС, e-mails) of a region added by `generateDemoRegion` start at its index
 *  times this: above any region a run makes, so they meet nobody's. */
const PEOPLE_PER_ADDED_REGION = 10_000_000;

/** One region of `size` as a run would make it at position `index` (ids, names, codes follow the
 *  position), for a database that already holds the regions before it: the second region of the
 *  authorization test (issue 7). */
export function* generateDemoRegion(size: DemoSize, index: number, seed = 1, options: DemoOptions = {}): Generator<DemoChunk> {
  const ctx = newContext(size, seed, options, index * PEOPLE_PER_ADDED_REGION);
  const [plan] = planDemo({ ...size, regions: 1 }, seed);
  yield* generateRegion({ ...plan, ...regionIdentity(index) }, ctx);
}

function newContext(size: DemoSize, seed: number, options: DemoOptions, personSeq: number): Context {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return { seed, today, year: Number(today.slice(0, 4)), personSeq, options, volume: size.learning };
}

interface Context {
  seed: number;
  today: string;
  year: number;
  /** Running number of people: makes e-mails and СНИЛС unique across the whole run. */
  personSeq: number;
  options: DemoOptions;
  volume?: LearningVolume;
}

interface Region {
  id: string;
  plan: RegionPlan;
  slug: string;
  /** First three digits of the region's post codes. */
  post: number;
}

type MunicipalityKind = 'городской округ' | 'муниципальный округ' | 'муниципальный район';

/** Territory codes look like ОКТМО: region, kind digit, number, «000» (01 7 02 000). */
const oktmoKindDigit: Record<MunicipalityKind, number> = { 'городской округ': 7, 'муниципальный район': 6, 'муниципальный округ': 5 };

interface Municipality {
  id: string;
  index: number;
  town: Town;
  kind: MunicipalityKind;
  name: string;
  /** «Лысьвенского городского округа» */
  genitive: string;
  /** «Лысьвенского ГО», for short names */
  shortGenitive: string;
  weight: number;
  /** Share of its schools in the (urban) centre. */
  urbanShare: number;
  slug: string;
  villages: string[];
  orgs: { schools: Org[]; service?: Org; additional: Org[] };
}

interface Org {
  row: OrganizationRow & { id: string; territoryId: string; kind: OrganizationKind };
  municipality?: Municipality;
  /** Region first, then the municipality when there is one. */
  territoryIds: string[];
  domain: string;
  /** Persons relative to others before scaling to the region's staff count. */
  nominal: number;
  urban: boolean;
  staffing: Staffing;
  /** Whether its people hold pedagogical qualification categories (civil servants do not). */
  categories: boolean;
}

function* generateRegion(plan: RegionPlan, ctx: Context): Generator<DemoChunk> {
  const r = new Random(ctx.seed, plan.index + 1);
  const region: Region = {
    id: r.uuid(),
    plan,
    slug: transliterate(plan.name.abbreviation),
    post: plan.index === 0 ? 614 : 100 + ((plan.index * 37) % 580),
  };
  const municipalities = buildMunicipalities(region, r);
  yield {
    table: 'territories',
    rows: [
      { id: region.id, kind: 'region', name: plan.name.name, code: plan.code, parentId: null, path: [region.id] } satisfies TerritoryRow,
      ...municipalities.map(
        (m): TerritoryRow => ({
          id: m.id,
          kind: 'municipality',
          name: m.name,
          code: `${plan.code}${oktmoKindDigit[m.kind]}${String(m.index + 1).padStart(2, '0')}000`,
          parentId: region.id,
          path: [region.id, m.id],
        }),
      ),
    ],
  };

  const orgs = buildOrganizations(region, municipalities, r);
  yield { table: 'organizations', rows: orgs.map((o) => o.row) };

  const learning = learningOf(region, orgs, ctx);
  if (learning) yield* learning.setup();

  const sizes = apportion(
    orgs.map((o) => o.nominal),
    plan.staff,
    orgs.map((o) => o.staffing.minimum),
  );
  let people: StaffRow[] = [];
  let positions: PositionRow[] = [];
  for (let i = 0; i < orgs.length; i++) {
    for (const slot of staffSlots(orgs[i], sizes[i], r)) addPerson(orgs[i], slot, r, ctx, people, positions);
    if (people.length >= STAFF_CHUNK || i === orgs.length - 1) {
      yield { table: 'staff', rows: people };
      yield { table: 'staff_positions', rows: positions };
      if (learning) yield* learning.forPeople(learningPeople(people, positions, orgs));
      people = [];
      positions = [];
    }
  }
}

// ---------------------------------------------------------------- learning chain

function learningOf(region: Region, orgs: Org[], ctx: Context): RegionLearning | undefined {
  const { catalog, onLearning } = ctx.options;
  if (!catalog?.length) return undefined;
  const learning = new RegionLearning(
    {
      seed: ctx.seed,
      today: ctx.today,
      regionIndex: region.plan.index,
      regionCode: region.plan.code,
      regionId: region.id,
      orgs: orgs.map(toLearningOrg),
      catalog,
      staffCount: region.plan.staff,
      keepPeople: region.plan.index === 0,
      volume: ctx.volume,
    },
    (stream) => new Random(ctx.seed, stream),
  );
  if (region.plan.index === 0) onLearning?.(learning);
  return learning;
}

function toLearningOrg(o: Org): LearningOrg {
  return {
    id: o.row.id,
    kind: o.row.kind,
    shortName: o.row.shortName!,
    territoryId: o.row.territoryId,
    municipalityId: o.municipality?.id,
    lowResultsSchool: o.row.lowResultsSchool ?? false,
    internshipSite: o.row.internshipSite ?? false,
    address: o.row.address ?? '',
  };
}

/** The people of a batch as the learning chain sees them: by their main (first) position. */
function learningPeople(people: StaffRow[], positions: PositionRow[], orgs: Org[]): LearningPerson[] {
  const orgById = new Map(orgs.map((o) => [o.row.id, o]));
  const main = new Map<string, PositionRow>();
  for (const pos of positions) if (!main.has(pos.staffId)) main.set(pos.staffId, pos);
  return people.map((p) => {
    const pos = main.get(p.id!)!;
    const org = orgById.get(pos.organizationId)!;
    return {
      staffId: p.id!,
      fullName: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
      org: toLearningOrg(org),
      title: pos.title,
      category: pos.staffCategory as StaffCategory,
      subjects: pos.subjects ?? [],
      professionStartYear: p.professionStartYear ?? 2000,
      qualification: (p.qualificationCategory ?? null) as QualificationCategory | null,
    };
  });
}

// ---------------------------------------------------------------- territories

function buildMunicipalities(region: Region, r: Random): Municipality[] {
  const { plan } = region;
  const capital = plan.name.capital;
  // The demo region keeps the dictionary's order (Лысьва, Чусовой…); others shuffle it.
  const pool = plan.index === 0 ? towns : r.shuffle(towns);
  const centres = [capital, ...pool.slice(0, plan.municipalities - 1)];
  const cityDistricts = Math.max(1, Math.round(plan.municipalities * 0.35));
  let cities = 0;
  return centres.map((town, index) => {
    const kind: MunicipalityKind =
      town.type === 'г.' && cities++ < cityDistricts ? 'городской округ' : r.chance(0.6) ? 'муниципальный округ' : 'муниципальный район';
    const [nounGenitive, abbreviation] = {
      'городской округ': ['городского округа', 'ГО'],
      'муниципальный округ': ['муниципального округа', 'МО'],
      'муниципальный район': ['муниципального района', 'МР'],
    }[kind];
    const weight = index === 0 ? 3 * (0.9 + 0.2 * r.next()) : kind === 'городской округ' ? 1 + 0.6 * r.next() : 0.8 + 0.7 * r.next();
    return {
      id: r.uuid(),
      index,
      town,
      kind,
      name: `${town.adjective} ${kind}`,
      genitive: `${adjectiveGenitive(town.adjective)} ${nounGenitive}`,
      shortGenitive: `${adjectiveGenitive(town.adjective)} ${abbreviation}`,
      weight,
      // Two thirds of Russian schools are rural; only the capital is almost all urban.
      urbanShare: town.type !== 'г.' ? 0 : index === 0 ? 0.95 : kind === 'городской округ' ? 0.6 : 0.15,
      slug: transliterate(town.name),
      villages: r.shuffle(villages),
      orgs: { schools: [], additional: [] },
    };
  });
}

// ---------------------------------------------------------------- organizations

interface LegalForm {
  letter: 'А' | 'Б' | 'К';
  adjective: string;
}
const legalForms: readonly (readonly [LegalForm, number])[] = [
  [{ letter: 'А', adjective: 'автономное' }, 30],
  [{ letter: 'Б', adjective: 'бюджетное' }, 55],
  [{ letter: 'К', adjective: 'казенное' }, 15],
];

interface SchoolType {
  name: string;
  urban: number;
  rural: number;
  /** Relative staff size. */
  factor: number;
  slug: string;
}
const schoolTypes: readonly SchoolType[] = [
  { name: 'Средняя общеобразовательная школа', urban: 68, rural: 58, factor: 1, slug: 'school' },
  { name: 'Гимназия', urban: 9, rural: 0, factor: 1.15, slug: 'gym' },
  { name: 'Лицей', urban: 8, rural: 0, factor: 1.15, slug: 'lyceum' },
  { name: 'Средняя общеобразовательная школа с углубленным изучением отдельных предметов', urban: 6, rural: 0, factor: 1.1, slug: 'school' },
  { name: 'Основная общеобразовательная школа', urban: 5, rural: 35, factor: 0.7, slug: 'oosh' },
  { name: 'Начальная общеобразовательная школа', urban: 0, rural: 7, factor: 0.45, slug: 'nosh' },
];

const kindergartenTypes: readonly (readonly [string, number])[] = [
  ['Детский сад', 70],
  ['Детский сад общеразвивающего вида', 10],
  ['Детский сад комбинированного вида', 10],
  ['Центр развития ребенка – детский сад', 10],
];

const additionalTypes = [
  'Дом детского творчества',
  'Центр детского творчества',
  'Станция юных техников',
  'Центр дополнительного образования детей',
  'Станция юных натуралистов',
  'Дворец детского (юношеского) творчества',
  'Центр детского технического творчества',
];

const serviceTypes: readonly (readonly [readonly [string, string], number])[] = [
  [['Центр развития образования', 'ЦРО'], 55],
  [['Информационно-методический центр', 'ИМЦ'], 25],
  [['Методический центр', 'МЦ'], 12],
  [['Центр методического сопровождения', 'ЦМС'], 8],
];

/** Function flags of a kind: fixed ones, and optional ones with their probability. */
const kindFunctions: Record<OrganizationKind, readonly (readonly [OrganizationFunction, number])[]> = {
  ministry: [['governance', 1], ['monitoring', 1]],
  development_institute: [['diagnostics', 1], ['upskilling', 1], ['methodological_support', 1], ['practices', 1]],
  cnppm: [['diagnostics', 1], ['upskilling', 1], ['tutoring', 1], ['methodological_support', 1]],
  coko: [['monitoring', 1], ['diagnostics', 1]],
  municipal_authority: [['governance', 1], ['monitoring', 1]],
  methodological_service: [['methodological_support', 1], ['networking', 1], ['practices', 0.5], ['mentoring', 0.3]],
  school: [['mentoring', 0.85], ['practices', 0.2], ['networking', 0.25]],
  kindergarten: [['mentoring', 0.6], ['practices', 0.1], ['networking', 0.1]],
  college: [['mentoring', 1], ['upskilling', 0.4], ['practices', 0.3]],
  additional_education: [['mentoring', 0.5], ['networking', 0.6], ['practices', 0.2]],
  university: [['upskilling', 1], ['methodological_support', 1], ['practices', 0.7]],
  other: [['mentoring', 1], ['methodological_support', 1], ['networking', 1]],
};

interface OrgSpec {
  kind: OrganizationKind;
  fullName: string;
  shortName: string;
  /** The municipality it belongs to; a regional body has none. */
  municipality?: Municipality;
  /** Where a regional body stands, if not in the capital. */
  locatedIn?: Municipality;
  parent?: Org;
  place: string;
  domain: string;
  nominal: number;
  /** Whether a school or kindergarten stands in a town rather than a village. */
  urban?: boolean;
  innovation?: boolean;
  internship?: boolean;
  headTitles?: readonly string[];
}

type AddOrg = (spec: OrgSpec) => Org;

function buildOrganizations(region: Region, municipalities: Municipality[], r: Random): Org[] {
  const { plan } = region;
  const orgs: Org[] = [];
  const add: AddOrg = (spec) => {
    const id = r.uuid();
    const m = spec.municipality;
    const org: Org = {
      row: {
        id,
        kind: spec.kind,
        fullName: spec.fullName,
        shortName: spec.shortName,
        territoryId: m ? m.id : region.id,
        parentId: spec.parent?.row.id ?? null,
        path: [...(spec.parent?.row.path ?? []), id],
        inn: inn(plan.code, m ? (m.index % 98) + 2 : 1, orgs.length),
        address: address(region, m ?? spec.locatedIn ?? municipalities[0], spec.place, r),
        lowResultsSchool: false,
        innovationSite: spec.innovation ?? false,
        internshipSite: spec.internship ?? false,
        functions: functionsOf(spec.kind, spec.innovation, spec.internship, r),
      },
      municipality: m,
      territoryIds: m ? [region.id, m.id] : [region.id],
      domain: `${spec.domain}.example.ru`,
      nominal: spec.nominal,
      urban: spec.urban ?? true,
      staffing: staffingFor(spec.kind, spec.headTitles),
      categories: !['ministry', 'coko', 'municipal_authority', 'university', 'development_institute'].includes(spec.kind),
    };
    orgs.push(org);
    return org;
  };

  addRegionalBodies(add, region, municipalities, r);
  // Institutions: ≈62% schools, ≈32% kindergartens, the rest additional education.
  const institutions = plan.organizations - orgs.length - 2 * municipalities.length;
  const schools = Math.round(institutions * 0.62);
  const kindergartens = Math.round(institutions * 0.32);
  const weights = municipalities.map((m) => m.weight);
  const schoolsPer = apportion(weights, schools, 1);
  const kindergartensPer = apportion(weights, kindergartens, 1);
  const additionalPer = apportion(weights, institutions - schools - kindergartens, 0);
  for (const m of municipalities) {
    const authority = addMunicipalBodies(add, m, r);
    addSchools(add, m, authority, schoolsPer[m.index], r);
    addKindergartens(add, m, authority, kindergartensPer[m.index], r);
    addAdditionalEducation(add, m, authority, additionalPer[m.index], r);
  }
  markLowResultsSchools(orgs, r);
  return orgs;
}

/** Ministry, institute with its ЦНППМ, ЦОКО, colleges, university, mentoring centre. Their
 *  sizes are shares of the region's people. */
function addRegionalBodies(add: AddOrg, region: Region, municipalities: Municipality[], r: Random): void {
  const { plan } = region;
  const { name: rn } = plan;
  const capital = municipalities[0];
  const capitalPlace = `г. ${capital.town.name}`;
  const share = (fraction: number) => plan.staff * fraction * (0.85 + 0.3 * r.next());
  const [ministryNoun, ministryShort, ministerTitle] =
    rn.kind === 'автономный округ'
      ? ['Департамент образования', 'Депобразования', 'Директор департамента образования']
      : plan.index % 4 === 1
        ? ['Министерство образования и науки', 'Минобрнауки', 'Министр образования и науки']
        : ['Министерство образования', 'Минобразования', 'Министр образования'];
  add({
    kind: 'ministry',
    fullName: `${ministryNoun} ${rn.genitive}`,
    shortName: `${ministryShort} ${rn.genitive}`,
    place: capitalPlace,
    domain: `minobr-${region.slug}`,
    nominal: share(0.003),
    headTitles: [ministerTitle],
  });
  const iroShort = `ГАУ ДПО «ИРО ${rn.abbreviation}»`;
  const institute = add({
    kind: 'development_institute',
    fullName: `Государственное автономное учреждение дополнительного профессионального образования «Институт развития образования ${rn.genitive}»`,
    shortName: iroShort,
    place: capitalPlace,
    domain: `iro-${region.slug}`,
    nominal: share(0.009),
  });
  add({
    kind: 'cnppm',
    fullName: `Центр непрерывного повышения профессионального мастерства педагогических работников ${iroShort}`,
    shortName: `ЦНППМ ИРО ${rn.abbreviation}`,
    parent: institute,
    place: capitalPlace,
    domain: `cnppm-${region.slug}`,
    nominal: share(0.0025),
  });
  add({
    kind: 'coko',
    fullName: `Государственное бюджетное учреждение ${rn.genitive} «Центр оценки качества образования»`,
    shortName: `ГБУ «ЦОКО ${rn.abbreviation}»`,
    place: capitalPlace,
    domain: `coko-${region.slug}`,
    nominal: share(0.0018),
  });
  const collegeNames = ['педагогический колледж', 'политехнический техникум', 'колледж отраслевых технологий'];
  for (let i = 0; i < plan.colleges; i++) {
    // The pedagogical college stands in the capital, the others in the next towns.
    const m = municipalities[Math.min(i, municipalities.length - 1)];
    const name = `${m.town.adjective} ${collegeNames[i]}`;
    add({
      kind: 'college',
      fullName: `Государственное бюджетное профессиональное образовательное учреждение «${name}»`,
      shortName: `ГБПОУ «${name}»`,
      locatedIn: m,
      place: `${m.town.type} ${m.town.name}`,
      domain: `college${i + 1}-${region.slug}`,
      nominal: share(0.01),
      internship: i === 0,
    });
  }
  const university = `${capital.town.adjective} государственный гуманитарно-педагогический университет`;
  add({
    kind: 'university',
    fullName: `Федеральное государственное бюджетное образовательное учреждение высшего образования «${university}»`,
    shortName: `ФГБОУ ВО «${initials(university)}»`,
    place: capitalPlace,
    domain: `univ-${region.slug}`,
    nominal: share(0.014),
    innovation: true,
  });
  add({
    kind: 'other',
    fullName: `Государственное бюджетное учреждение ${rn.genitive} «Региональный центр наставничества»`,
    shortName: `ГБУ «РЦН ${rn.abbreviation}»`,
    place: capitalPlace,
    domain: `rcn-${region.slug}`,
    nominal: share(0.0008),
  });
}

/** The municipal authority and its methodological service; returns the authority, the
 *  founder of the municipality's institutions. */
function addMunicipalBodies(add: AddOrg, m: Municipality, r: Random): Org {
  const [noun, short, head, deputy] =
    m.index === 0
      ? ['Департамент образования', 'ДО', 'Директор департамента образования', 'Заместитель директора департамента образования']
      : r.weighted([
          [['Управление образования', 'УО', 'Начальник управления образования', 'Заместитель начальника управления образования'], 65],
          m.kind === 'городской округ'
            ? [['Комитет по образованию', 'Комитет по образованию', 'Председатель комитета по образованию', 'Заместитель председателя комитета по образованию'], 35]
            : [['Отдел образования', 'Отдел образования', 'Начальник отдела образования', 'Заместитель начальника отдела образования'], 35],
        ] as const);
  const authority = add({
    kind: 'municipal_authority',
    fullName: `${noun} администрации ${m.genitive}`,
    shortName: `${short} администрации ${m.shortGenitive}`,
    municipality: m,
    place: centreOf(m),
    domain: `uo-${m.slug}`,
    nominal: 4 + 3 * m.weight + 3 * r.next(),
    headTitles: [head, deputy],
  });
  const [serviceName, serviceAbbreviation] = r.weighted(serviceTypes);
  const form = r.pick(legalForms.map(([f]) => f));
  m.orgs.service = add({
    kind: 'methodological_service',
    fullName: `Муниципальное ${form.adjective} учреждение «${serviceName}» ${m.genitive}`,
    shortName: `М${form.letter}У «${serviceAbbreviation}» ${m.shortGenitive}`,
    municipality: m,
    parent: authority,
    place: centreOf(m),
    domain: `${transliterate(serviceAbbreviation)}-${m.slug}`,
    nominal: 3 + 3 * m.weight + 4 * r.next(),
  });
  return authority;
}

/** Town schools are numbered («СОШ № 3» г. Лысьвы); village ones are named by the village. */
function addSchools(add: AddOrg, m: Municipality, authority: Org, count: number, r: Random): void {
  const urbanCount = Math.max(m.town.type === 'г.' && m.kind === 'городской округ' ? 1 : 0, Math.round(count * m.urbanShare));
  let number = 0;
  for (let k = 0; k < count; k++) {
    const urban = k < urbanCount;
    const type = r.weighted(schoolTypes.map((t) => [t, urban ? t.urban : t.rural] as const));
    const form = r.weighted(urban ? legalForms.slice(0, 2) : legalForms);
    number += urban ? (r.chance(0.85) ? 1 : 2) : 0;
    const village = urban ? undefined : villageOf(m, k - urbanCount);
    const title = !village ? `${type.name} № ${number}` : village.repeat > 0 ? `${type.name} № ${village.repeat + 1}` : type.name;
    const place = village?.name ?? placeSuffix(m);
    const nominal = (urban ? 40 + 80 * r.next() ** 2 : 10 + 15 * r.next() ** 1.3) * type.factor;
    m.orgs.schools.push(
      add({
        kind: 'school',
        fullName: `Муниципальное ${form.adjective} общеобразовательное учреждение «${title}» ${place}`,
        shortName: `М${form.letter}ОУ «${title}» ${place}`,
        municipality: m,
        parent: authority,
        place: village?.name ?? centreOf(m),
        domain: village ? `${type.slug}-${village.slug}-${m.slug}` : `${type.slug}${number}-${m.slug}`,
        nominal: Math.min(nominal, urban ? 120 : 25),
        urban,
        innovation: r.chance(urban ? 0.07 : 0.03),
        internship: r.chance(urban ? (type.factor > 1 ? 0.2 : 0.04) : 0.02),
      }),
    );
  }
}

function addKindergartens(add: AddOrg, m: Municipality, authority: Org, count: number, r: Random): void {
  const urbanCount = Math.round(count * m.urbanShare);
  let number = r.int(1, 5);
  for (let k = 0; k < count; k++) {
    const urban = k < urbanCount;
    const form = r.weighted(legalForms);
    const village = urban ? undefined : villageOf(m, k - urbanCount);
    const title = !village
      ? `${r.weighted(kindergartenTypes)} № ${number}`
      : r.chance(0.5)
        ? `Детский сад «${r.pick(kindergartenNames)}»`
        : 'Детский сад';
    const place = village?.name ?? placeSuffix(m);
    add({
      kind: 'kindergarten',
      fullName: `Муниципальное ${form.adjective} дошкольное образовательное учреждение «${title}» ${place}`,
      shortName: `М${form.letter}ДОУ «${title}» ${place}`,
      municipality: m,
      parent: authority,
      place: village?.name ?? centreOf(m),
      domain: village ? `ds-${village.slug}${village.repeat || ''}-${m.slug}` : `ds${number}-${m.slug}`,
      nominal: urban ? 12 + 18 * r.next() : 4 + 6 * r.next(),
      urban,
      innovation: r.chance(0.03),
      internship: r.chance(0.02),
    });
    number += urban ? r.int(1, 6) : 0;
  }
}

function addAdditionalEducation(add: AddOrg, m: Municipality, authority: Org, count: number, r: Random): void {
  for (let k = 0; k < count; k++) {
    const form = r.weighted(legalForms.slice(0, 2));
    const repeat = Math.floor(k / additionalTypes.length);
    const title = additionalTypes[k % additionalTypes.length] + (repeat > 0 ? ` № ${repeat + 1}` : '');
    m.orgs.additional.push(
      add({
        kind: 'additional_education',
        fullName: `Муниципальное ${form.adjective} учреждение дополнительного образования «${title}» ${placeSuffix(m)}`,
        shortName: `М${form.letter}У ДО «${title}» ${placeSuffix(m)}`,
        municipality: m,
        parent: authority,
        place: centreOf(m),
        domain: `dop${k + 1}-${m.slug}`,
        nominal: m.town.type === 'г.' ? 15 + 25 * r.next() : 8 + 10 * r.next(),
      }),
    );
  }
}

/** «г. Лысьва», «с. Карагай» */
function centreOf(m: Municipality): string {
  return `${m.town.type} ${m.town.name}`;
}

/** What follows an institution's name: «г. Лысьвы» for a town, «с. Карагай» for a village. */
function placeSuffix(m: Municipality): string {
  return m.town.type === 'г.' ? `г. ${m.town.genitive}` : centreOf(m);
}

/** The k-th rural institution's village: schools and kindergartens take the municipality's
 *  villages in the same order, as a village school usually has a kindergarten beside it. */
function villageOf(m: Municipality, k: number): { name: string; slug: string; repeat: number } {
  const name = m.villages[k % m.villages.length];
  return { name, slug: transliterate(name.replace(/^\S+ /, '')), repeat: Math.floor(k / m.villages.length) };
}

/** ≈8% of schools have low educational results (ШНОР), rural ones twice as often. */
function markLowResultsSchools(orgs: Org[], r: Random): void {
  const schools = orgs.filter((o) => o.row.kind === 'school');
  const ranked = schools.map((o) => ({ o, key: r.next() * (o.urban ? 1 : 0.5) })).sort((a, b) => a.key - b.key);
  for (const { o } of ranked.slice(0, Math.round(schools.length * 0.08))) o.row.lowResultsSchool = true;
}

function functionsOf(kind: OrganizationKind, innovation: boolean | undefined, internship: boolean | undefined, r: Random): OrganizationFunction[] {
  const chosen = new Set(kindFunctions[kind].filter(([, p]) => p >= 1 || r.chance(p)).map(([f]) => f));
  if (innovation) chosen.add('innovation');
  if (internship) chosen.add('internship');
  return organizationFunctionCodes.filter((f) => chosen.has(f));
}

function address(region: Region, m: Municipality, place: string, r: Random): string {
  const post = region.post * 1000 + ((m.index * 20) % 1000) + r.int(0, 19);
  // A village's address names its municipality; a town's does not.
  const locality = place.startsWith('г. ') ? place : `${m.name}, ${place}`;
  return `${post}, ${region.plan.name.name}, ${locality}, ${r.skewed(streets, 1.4)}, д. ${r.int(1, 120)}`;
}

/** A legal entity's INN: tax office (region + inspection), serial, check digit. */
function inn(regionCode: string, inspection: number, serial: number): string {
  // 7919 is coprime with 10^5, so distinct serials give distinct numbers.
  const body = `${regionCode}${String(inspection).padStart(2, '0')}${String((serial * 7919 + 4177) % 100_000).padStart(5, '0')}`;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * weights[i];
  return body + ((sum % 11) % 10);
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((w) => w[0].toUpperCase())
    .join('');
}

// ---------------------------------------------------------------- positions

type AgeProfile = 'head' | 'deputy' | 'general';

interface PositionTemplate {
  title: string;
  category: StaffCategory;
  subjects: readonly Subject[];
  /** Share of men in this position. */
  male: number;
  age: AgeProfile;
}

interface Staffing {
  /** Heads and deputies first, by size: a school of 50 has a director and three deputies. */
  heads: (size: number) => PositionTemplate[];
  /** Positions every organization of the kind has once it is big enough: [template, from size]. */
  fixed: readonly (readonly [PositionTemplate, number])[];
  rest: readonly (readonly [PositionTemplate, number])[];
  minimum: number;
}

const ped = (title: string, male: number, subjectList: readonly Subject[] = []): PositionTemplate => ({
  title,
  category: 'pedagogical',
  subjects: subjectList,
  male,
  age: 'general',
});
const mgr = (title: string, male: number, age: AgeProfile = 'head'): PositionTemplate => ({ title, category: 'managerial', subjects: [], male, age });

const schoolTeachers: readonly (readonly [PositionTemplate, number])[] = [
  [ped('Учитель начальных классов', 0.03, ['Начальные классы']), 22],
  [ped('Учитель русского языка и литературы', 0.06, ['Русский язык', 'Литература']), 12],
  [ped('Учитель математики', 0.14, ['Математика', 'Алгебра', 'Геометрия']), 7],
  [ped('Учитель математики', 0.14, ['Математика']), 3],
  [ped('Учитель английского языка', 0.08, ['Английский язык']), 8],
  [ped('Учитель немецкого языка', 0.05, ['Немецкий язык']), 1],
  [ped('Учитель французского языка', 0.05, ['Французский язык']), 0.4],
  [ped('Учитель истории и обществознания', 0.32, ['История', 'Обществознание']), 5],
  [ped('Учитель физики', 0.35, ['Физика']), 2.5],
  [ped('Учитель информатики', 0.45, ['Информатика']), 2.5],
  [ped('Учитель химии', 0.15, ['Химия']), 1.8],
  [ped('Учитель биологии', 0.12, ['Биология']), 2],
  [ped('Учитель химии и биологии', 0.08, ['Химия', 'Биология']), 0.6],
  [ped('Учитель географии', 0.2, ['География']), 2],
  [ped('Учитель физической культуры', 0.55, ['Физическая культура']), 4.5],
  [ped('Преподаватель-организатор основ безопасности и защиты Родины', 0.75, ['ОБЗР']), 1],
  [ped('Учитель музыки', 0.15, ['Музыка']), 1.5],
  [ped('Учитель изобразительного искусства', 0.15, ['Изобразительное искусство']), 1.2],
  [ped('Учитель труда (технологии)', 0.55, ['Труд (технология)']), 2],
  [ped('Учитель родного языка', 0.05, ['Родной язык']), 0.3],
  [ped('Педагог-психолог', 0.08), 1.5],
  [ped('Учитель-логопед', 0.01), 1],
  [ped('Социальный педагог', 0.05), 1],
  [ped('Педагог-организатор', 0.2), 0.8],
  [ped('Педагог дополнительного образования', 0.3), 1.5],
  [ped('Педагог-библиотекарь', 0.02), 0.5],
];

const schoolDeputies = [
  'Заместитель директора по учебно-воспитательной работе',
  'Заместитель директора по воспитательной работе',
  'Заместитель директора по научно-методической работе',
  'Заместитель директора по учебно-воспитательной работе',
];

const specialists: readonly (readonly [PositionTemplate, number])[] = [
  [mgr('Главный специалист', 0.15, 'general'), 35],
  [mgr('Ведущий специалист', 0.15, 'general'), 35],
  [mgr('Специалист', 0.15, 'general'), 30],
];

/** Heads by size: `[title, male share, from size]`, the first is the head, others deputies. */
function headsBySize(list: readonly (readonly [string, number, number])[]): (size: number) => PositionTemplate[] {
  return (size) => list.filter(([, , from]) => size >= from).map(([title, male], i) => mgr(title, male, i === 0 ? 'head' : 'deputy'));
}

function staffingFor(kind: OrganizationKind, headTitles: readonly string[] = []): Staffing {
  const [head, deputy] = headTitles;
  switch (kind) {
    case 'school':
      return {
        heads: (size) => [
          mgr('Директор', 0.3),
          ...schoolDeputies.slice(0, size < 15 ? 1 : size < 40 ? 2 : size < 80 ? 3 : 4).map((t) => mgr(t, 0.15, 'deputy')),
        ],
        fixed: [
          [schoolTeachers[0][0], 3],
          [schoolTeachers[2][0], 3],
          [schoolTeachers[1][0], 3],
          [ped('Педагог-психолог', 0.05), 20],
          [ped('Советник директора по воспитанию и взаимодействию с детскими общественными объединениями', 0.2), 25],
          [ped('Учитель-логопед', 0.01), 40],
          [ped('Социальный педагог', 0.05), 40],
        ],
        rest: schoolTeachers,
        minimum: 5,
      };
    case 'kindergarten':
      return {
        heads: headsBySize([
          ['Заведующий', 0.01, 0],
          ['Заместитель заведующего по воспитательной и методической работе', 0.01, 20],
        ]),
        fixed: [
          [ped('Старший воспитатель', 0.01), 8],
          [ped('Музыкальный руководитель', 0.05), 5],
          [ped('Учитель-логопед', 0.01), 12],
          [ped('Инструктор по физической культуре', 0.1), 12],
          [ped('Педагог-психолог', 0.03), 18],
        ],
        rest: [
          [ped('Воспитатель', 0.01), 88],
          [ped('Музыкальный руководитель', 0.05), 3],
          [ped('Учитель-логопед', 0.01), 4],
          [ped('Педагог-психолог', 0.03), 2],
          [ped('Учитель-дефектолог', 0.02), 1],
          [ped('Инструктор по физической культуре', 0.1), 2],
        ],
        minimum: 3,
      };
    case 'additional_education':
      return {
        heads: headsBySize([
          ['Директор', 0.3, 0],
          ['Заместитель директора по учебно-воспитательной работе', 0.15, 12],
        ]),
        fixed: [[ped('Методист', 0.1), 4]],
        rest: [
          [ped('Педагог дополнительного образования', 0.25), 82],
          [ped('Педагог-организатор', 0.15), 8],
          [ped('Концертмейстер', 0.2), 3],
          [ped('Тренер-преподаватель', 0.6), 5],
          [ped('Методист', 0.1), 2],
        ],
        minimum: 3,
      };
    case 'college':
      return {
        heads: headsBySize([
          ['Директор', 0.45, 0],
          ['Заместитель директора по учебной работе', 0.2, 10],
          ['Заместитель директора по учебно-производственной работе', 0.4, 20],
          ['Заместитель директора по воспитательной работе', 0.15, 30],
        ]),
        fixed: [
          [ped('Методист', 0.1), 15],
          [ped('Педагог-психолог', 0.05), 25],
          [ped('Социальный педагог', 0.05), 35],
        ],
        rest: [
          [ped('Преподаватель', 0.3), 30],
          [ped('Преподаватель', 0.05, ['Русский язык', 'Литература']), 6],
          [ped('Преподаватель', 0.15, ['Математика']), 6],
          [ped('Преподаватель', 0.3, ['История', 'Обществознание']), 4],
          [ped('Преподаватель', 0.1, ['Английский язык']), 4],
          [ped('Преподаватель', 0.35, ['Информатика']), 4],
          [ped('Преподаватель', 0.3, ['Физика']), 2],
          [ped('Преподаватель', 0.5, ['Физическая культура']), 3],
          [ped('Преподаватель-организатор основ безопасности и защиты Родины', 0.7, ['ОБЗР']), 1],
          [ped('Мастер производственного обучения', 0.5), 15],
          [ped('Педагог-организатор', 0.15), 3],
          [ped('Педагог дополнительного образования', 0.3), 3],
          [ped('Руководитель физического воспитания', 0.5), 1],
        ],
        minimum: 4,
      };
    case 'university':
      return {
        heads: headsBySize([
          ['Ректор', 0.7, 0],
          ['Проректор по учебной работе', 0.4, 10],
          ['Проректор по научной работе', 0.5, 20],
        ]),
        fixed: [
          [mgr('Декан факультета', 0.4, 'deputy'), 15],
          [mgr('Декан факультета', 0.4, 'deputy'), 40],
          [mgr('Заведующий кафедрой', 0.4, 'deputy'), 10],
          [mgr('Заведующий кафедрой', 0.4, 'deputy'), 25],
          [mgr('Заведующий кафедрой', 0.4, 'deputy'), 50],
        ],
        rest: [
          [ped('Доцент кафедры', 0.35), 40],
          [ped('Старший преподаватель кафедры', 0.25), 30],
          [ped('Профессор кафедры', 0.5), 10],
          [ped('Ассистент кафедры', 0.3), 12],
        ],
        minimum: 3,
      };
    case 'ministry':
      return {
        heads: headsBySize([
          [head ?? 'Министр образования', 0.5, 0],
          ['Заместитель министра', 0.4, 8],
          ['Начальник отдела общего образования', 0.25, 3],
          ['Начальник отдела дополнительного профессионального образования и кадровой политики', 0.25, 12],
          ['Начальник отдела мониторинга и оценки качества образования', 0.3, 16],
        ]),
        fixed: [],
        rest: [[mgr('Консультант', 0.15, 'general'), 30], ...specialists],
        minimum: 3,
      };
    case 'development_institute':
      return {
        heads: headsBySize([
          ['Ректор', 0.45, 0],
          ['Проректор по научно-методической работе', 0.2, 8],
          ['Проректор по учебной работе', 0.2, 15],
        ]),
        fixed: [
          [mgr('Заведующий кафедрой', 0.25, 'deputy'), 10],
          [mgr('Заведующий кафедрой', 0.25, 'deputy'), 20],
          [mgr('Заведующий кафедрой', 0.25, 'deputy'), 35],
          [mgr('Заведующий кафедрой', 0.25, 'deputy'), 50],
        ],
        rest: [
          [ped('Старший преподаватель кафедры', 0.15), 25],
          [ped('Доцент кафедры', 0.2), 20],
          [ped('Методист', 0.1), 25],
          [ped('Старший методист', 0.1), 12],
          [ped('Профессор кафедры', 0.35), 4],
          [mgr('Специалист по учебно-методической работе', 0.1, 'general'), 8],
        ],
        minimum: 3,
      };
    case 'cnppm':
      return {
        heads: headsBySize([
          ['Руководитель центра', 0.25, 0],
          ['Заместитель руководителя центра', 0.2, 12],
        ]),
        fixed: [[ped('Тьютор', 0.1), 3]],
        rest: [
          [ped('Методист', 0.1), 40],
          [ped('Старший методист', 0.1), 15],
          [ped('Тьютор', 0.1), 35],
          [ped('Педагог-психолог', 0.05), 5],
        ],
        minimum: 3,
      };
    case 'coko':
      return {
        heads: headsBySize([
          ['Директор', 0.4, 0],
          ['Заместитель директора', 0.3, 8],
          ['Начальник отдела', 0.3, 10],
          ['Начальник отдела', 0.3, 16],
        ]),
        fixed: [],
        rest: [
          [mgr('Ведущий специалист', 0.2, 'general'), 35],
          [mgr('Специалист', 0.2, 'general'), 25],
          [ped('Методист', 0.1), 25],
          [mgr('Аналитик', 0.3, 'general'), 15],
        ],
        minimum: 3,
      };
    case 'other':
      return {
        heads: headsBySize([['Руководитель центра', 0.2, 0]]),
        fixed: [],
        rest: [
          [ped('Методист', 0.1), 50],
          [mgr('Специалист', 0.1, 'general'), 25],
          [ped('Педагог-психолог', 0.05), 25],
        ],
        minimum: 3,
      };
    case 'municipal_authority':
      return {
        heads: headsBySize([
          [head ?? 'Начальник управления образования', 0.3, 0],
          [deputy ?? 'Заместитель начальника управления образования', 0.2, 6],
        ]),
        // The demo municipal administrator is such a specialist: every authority has one.
        fixed: [[specialists[0][0], 2]],
        rest: specialists,
        minimum: 3,
      };
    case 'methodological_service':
      return {
        heads: headsBySize([
          ['Директор', 0.2, 0],
          ['Заместитель директора', 0.15, 10],
        ]),
        fixed: [[ped('Методист', 0.1), 2]],
        rest: [
          [ped('Методист', 0.1), 80],
          [ped('Старший методист', 0.1), 10],
          [ped('Педагог-психолог', 0.05), 10],
        ],
        minimum: 3,
      };
  }
}

/** Exactly `size` positions for an organization: heads, then fixed ones, then a weighted mix. */
function staffSlots(org: Org, size: number, r: Random): PositionTemplate[] {
  const { staffing } = org;
  const slots = staffing.heads(size);
  for (const [template, from] of staffing.fixed) if (size >= from) slots.push(template);
  slots.length = Math.min(slots.length, size);
  while (slots.length < size) slots.push(r.weighted(staffing.rest));
  return slots;
}

// ---------------------------------------------------------------- people

function addPerson(org: Org, slot: PositionTemplate, r: Random, ctx: Context, people: StaffRow[], positions: PositionRow[]): void {
  const seq = ++ctx.personSeq;
  const sex: Sex = r.chance(slot.male) ? 'male' : 'female';
  const age = sampleAge(slot.age, r);
  const birthDate = birthDateFor(ctx.today, age, r);
  const birthYear = Number(birthDate.slice(0, 4));
  const name = firstName(sex, birthYear, r.next(), r.next());
  const father = firstName('male', birthYear - r.int(22, 35), r.next(), r.next());
  const middle = patronymic(father, sex);
  const surname = surnameFor(r.skewed(surnames, 1.8), sex);
  const startYear = professionStartYear(age, birthYear, slot.age, ctx.year, r);
  const id = r.uuid();

  const jobs: [Org, PositionTemplate][] = [[org, slot]];
  const second = secondJob(org, slot, r);
  if (second) jobs.push(second);

  people.push({
    id,
    surname,
    name,
    patronymic: middle,
    birthDate,
    sex,
    email: `${transliterate(surname)}.${transliterate(name[0])}${transliterate(middle[0])}.${seq}@${org.domain}`,
    phone: `+7 9${digits(r, 2)} ${digits(r, 3)}-${digits(r, 2)}-${digits(r, 2)}`,
    snils: r.chance(0.9) ? snilsFor(seq, ctx.seed) : null,
    professionStartYear: startYear,
    qualificationCategory: org.categories ? qualificationFor(ctx.year - startYear, r) : null,
    organizationIds: [...new Set(jobs.map(([o]) => o.row.id))],
    territoryIds: [...new Set(jobs.flatMap(([o]) => o.territoryIds))],
  });
  jobs.forEach(([o, t], i) => {
    // A second job is recent; the main one may go back to the start of the career.
    const from = i === 0 ? Math.max(startYear, ctx.year - Math.floor((ctx.year - startYear + 1) * r.next() ** (t.age === 'general' ? 1.2 : 2))) : ctx.year - r.int(0, 5);
    positions.push({
      id: r.uuid(),
      staffId: id,
      organizationId: o.row.id,
      territoryId: o.row.territoryId,
      title: t.title,
      staffCategory: t.category,
      subjects: [...t.subjects],
      startDate: dateInYear(Math.max(from, startYear), ctx.today, r),
      endDate: null,
      educationMatchesSubject: t.category === 'pedagogical' ? r.chance(0.88) : null,
    });
  });
}

/** ~3% of the people of municipal institutions also work at another school of their
 *  municipality, as a methodologist of its service, or in additional education. */
function secondJob(org: Org, slot: PositionTemplate, r: Random): [Org, PositionTemplate] | undefined {
  const m = org.municipality;
  if (!m || !['school', 'kindergarten', 'additional_education'].includes(org.row.kind) || !r.chance(0.034)) return undefined;
  const otherSchools = m.orgs.schools.filter((s) => s !== org);
  if (slot.subjects.length > 0 && otherSchools.length > 0 && r.chance(0.55)) return [r.pick(otherSchools), slot];
  if (m.orgs.service && r.chance(0.6)) return [m.orgs.service, ped('Методист', 0.1, slot.subjects)];
  const additional = m.orgs.additional.filter((a) => a !== org);
  if (additional.length > 0) return [r.pick(additional), ped('Педагог дополнительного образования', 0.2)];
  return m.orgs.service ? [m.orgs.service, ped('Методист', 0.1, slot.subjects)] : undefined;
}

/** Ages 21–75: ≈25.5% under 35, ≈18.5% aged 60 and more; heads and deputies are rarely
 *  young or old, so all together ≈23% are under 35 and ≈17% are 60 or more. */
function sampleAge(profile: AgeProfile, r: Random): number {
  const mid = (from: number, span: number) => from + Math.floor((span * (r.next() + r.next())) / 2);
  if (profile === 'head') return mid(36, 32);
  if (profile === 'deputy') return mid(29, 36);
  const u = r.next();
  if (u < 0.255) return 21 + Math.floor(14 * r.next());
  if (u < 0.815) return mid(35, 25);
  return 60 + Math.floor(16 * r.next() ** 1.7);
}

function birthDateFor(today: string, age: number, r: Random): string {
  const [y, m, d] = today.split('-').map(Number);
  // The last birthday was `age` years ago, up to 364 days back.
  const lastBirthday = Date.UTC(y - age, m - 1, d) - r.int(0, 364) * 86_400_000;
  return new Date(lastBirthday).toISOString().slice(0, 10);
}

/** Most start at 21–24, some later; ≈8% started within the last three years, nearly all young. */
function professionStartYear(age: number, birthYear: number, profile: AgeProfile, year: number, r: Random): number {
  const recent = profile === 'general' && r.chance(age <= 23 ? 1 : age <= 27 ? 0.35 : age <= 34 ? 0.06 : age <= 50 ? 0.01 : 0);
  if (recent) return year - r.int(0, Math.min(2, year - birthYear - 21));
  return Math.min(birthYear + 21 + Math.floor(10 * r.next() ** 1.6), year - 3);
}

function qualificationFor(experience: number, r: Random): QualificationCategory {
  if (experience < 2) return r.chance(0.95) ? 'none' : 'conformity';
  const shares: [QualificationCategory, number][] =
    experience < 5
      ? [['none', 45], ['conformity', 30], ['first', 25]]
      : experience < 10
        ? [['none', 15], ['conformity', 20], ['first', 45], ['highest', 20]]
        : [['none', 8], ['conformity', 17], ['first', 35], ['highest', 40]];
  return r.weighted(shares);
}

/** A day in `year` no later than today; most appointments start on 1 September. */
function dateInYear(year: number, today: string, r: Random): string {
  const limit = Date.parse(today);
  const first = Date.parse(`${year}-09-01`);
  if (r.chance(0.65) && first <= limit) return `${year}-09-01`;
  const start = Date.UTC(year, 0, 1);
  const end = Math.min(Date.UTC(year, 11, 31), limit);
  return new Date(start + r.int(0, Math.max(0, Math.floor((end - start) / 86_400_000))) * 86_400_000).toISOString().slice(0, 10);
}

/** Distinct СНИЛС per person: an affine permutation of 100 000 000 … 999 999 998 (3^18 is
 *  coprime with 899 999 999), so no two people share one and numbers look scattered. */
function snilsFor(seq: number, seed: number): string {
  const m = 899_999_999n;
  const offset = BigInt(Math.abs(seed)) * 7919n;
  return formatSnils(100_000_000 + Number((BigInt(seq) * 387_420_489n + offset) % m));
}

function digits(r: Random, n: number): string {
  return String(r.int(0, 10 ** n - 1)).padStart(n, '0');
}

// ---------------------------------------------------------------- helpers

/** Splits `total` in proportion to `weights` after giving each its minimum (largest remainder). */
export function apportion(weights: readonly number[], total: number, minimum: number | readonly number[]): number[] {
  const mins = weights.map((_, i) => (typeof minimum === 'number' ? minimum : minimum[i]));
  const rest = Math.max(0, total - mins.reduce((a, b) => a + b, 0));
  const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w / weightSum) * rest);
  const out = exact.map((e, i) => mins[i] + Math.floor(e));
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = rest - exact.reduce((a, e) => a + Math.floor(e), 0); k < left; k++) out[order[k % order.length][1]]++;
  return out;
}

function gaussian(r: Random): number {
  return (r.next() + r.next() + r.next() + r.next() - 2) * Math.sqrt(3);
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
