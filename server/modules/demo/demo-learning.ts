// Demo data of the learning chain (ADR 0014): diagnostic procedures and results, the programme
// catalog with cohorts, enrollments with certificates, learning plans at every stage with their
// tutors. Pure like the rest of the generator: rows from a seeded stream, per batch of people,
// so a country-sized run holds one batch at a time. Uses its own random streams: adding it did
// not change a single territory, organization or person of the older generator.

import type { OrganizationKind, QualificationCategory, StaffCategory } from '../../../common/dictionaries.js';
import { isDeficit } from '../../../common/deficit.js';
import { GROWTH_MARGIN, suggestItems, type ProgramOption, type Suggestion } from '../learning-plans/learning-plan-suggest.js';
import type { PlanDeficit } from '../learning-plans/learning-plans.service.js';
import type { Random } from './demo-generator.js';
import { annotationOf, programTopics } from './demo-programs.js';

/** A competency of the installed catalog (ids come from the seed migration). */
export interface CatalogCompetency {
  id: string;
  code: string;
  name: string;
}

export type LearningTable =
  | 'programs'
  | 'program_competencies'
  | 'cohorts'
  | 'assessments'
  | 'assessment_competencies'
  | 'users'
  | 'role_assignments'
  | 'assessment_participants'
  | 'assessment_results'
  | 'enrollments'
  | 'learning_plans'
  | 'learning_plan_items'
  | 'tutor_assignments';

export interface LearningChunk {
  table: LearningTable;
  rows: Record<string, unknown>[];
}

export interface LearningOrg {
  id: string;
  kind: OrganizationKind;
  shortName: string;
  territoryId: string;
  /** The municipality, or undefined for a regional body. */
  municipalityId?: string;
  lowResultsSchool: boolean;
  internshipSite: boolean;
  address: string;
}

export interface LearningPerson {
  staffId: string;
  fullName: string;
  org: LearningOrg;
  title: string;
  category: StaffCategory;
  subjects: string[];
  professionStartYear: number;
  qualification: QualificationCategory | null;
}

/** What happens to a person in the chain; drawn at random, or forced for the demo tutor's people. */
export interface Fate {
  /** Keys of the procedures the person took part in. */
  measured: AssessmentKey[];
  /** Lower scores: makes deficits sure. */
  weak: boolean;
  /** A plan built on last year's diagnostic: completed (the effect shows this year) or stalled. */
  previousPlan: 'completed' | 'in_progress' | null;
  /** A plan built on this year's deficits. */
  currentPlan: 'draft' | 'agreed' | 'in_progress' | null;
  /** For in-progress plans: make sure there is a report to review and an overdue item. */
  needsAttention: boolean;
}

type AssessmentKey = 'regional_prev' | 'regional' | 'regional_next' | 'federal' | 'low_results' | 'managers';

interface AssessmentSpec {
  key: AssessmentKey;
  yearOffset: number;
  title: (year: number) => string;
  tool: 'federal' | 'regional';
  organizer: 'cnppm' | 'coko' | 'development_institute';
  targetStaffCategory: StaffCategory | null;
  lowResults: boolean;
  targetDescription: string;
  windows: readonly (readonly [string, string])[];
  /** Competencies with their deficit thresholds. */
  competencies: readonly (readonly [string, number])[];
}

const regionalCompetencies: readonly (readonly [string, number])[] = [
  ['НП.02', 60],
  ['ПР.05', 55],
  ['МТ.01', 60],
  ['МТ.02', 55],
  ['МТ.03', 55],
  ['МТ.04', 55],
  ['ПП.02', 55],
  ['КМ.02', 50],
  ['ЦК.01', 55],
  ['ФГ.01', 60],
];
const regionalTitle = (year: number) => `Региональная диагностика профессиональных компетенций педагогических работников, ${year} год`;
const regionalTarget = 'Педагогические работники общеобразовательных, дошкольных и профессиональных образовательных организаций, организаций дополнительного образования';

const assessmentSpecs: readonly AssessmentSpec[] = [
  { key: 'regional_prev', yearOffset: -1, title: regionalTitle, tool: 'regional', organizer: 'cnppm', targetStaffCategory: 'pedagogical', lowResults: false, targetDescription: regionalTarget, windows: [['02-01', '03-31']], competencies: regionalCompetencies },
  {
    key: 'federal',
    yearOffset: -1,
    title: (y) => `Диагностика профессиональных дефицитов учителей (федеральный инструмент), ${y} год`,
    tool: 'federal',
    organizer: 'coko',
    targetStaffCategory: 'pedagogical',
    lowResults: false,
    targetDescription: 'Учителя общеобразовательных организаций по выборке федерального оператора',
    windows: [['10-01', '11-30']],
    competencies: [
      ['ПР.04', 60],
      ['МТ.02', 60],
      ['ФГ.01', 55],
      ['ФГ.02', 55],
      ['ФГ.03', 55],
    ],
  },
  // the autumn window is for those who came to the profession in September
  { key: 'regional', yearOffset: 0, title: regionalTitle, tool: 'regional', organizer: 'cnppm', targetStaffCategory: 'pedagogical', lowResults: false, targetDescription: regionalTarget, windows: [['02-01', '03-31'], ['09-01', '10-10']], competencies: regionalCompetencies },
  {
    key: 'managers',
    yearOffset: 0,
    title: (y) => `Диагностика управленческих компетенций руководителей образовательных организаций, ${y} год`,
    tool: 'regional',
    organizer: 'development_institute',
    targetStaffCategory: 'managerial',
    lowResults: false,
    targetDescription: 'Руководители и заместители руководителей образовательных организаций',
    windows: [['04-01', '05-15']],
    competencies: [
      ['НП.01', 60],
      ['УК.01', 55],
      ['УК.02', 60],
      ['УК.03', 55],
      ['УК.05', 55],
    ],
  },
  {
    key: 'low_results',
    yearOffset: 0,
    title: (y) => `Диагностика профессиональных дефицитов педагогов школ с низкими образовательными результатами (ШНОР), ${y} год`,
    tool: 'regional',
    organizer: 'development_institute',
    targetStaffCategory: 'pedagogical',
    lowResults: true,
    targetDescription: 'Учителя школ с низкими образовательными результатами, участники проекта «500+»',
    windows: [['09-15', '10-31']],
    competencies: [
      ['МТ.02', 60],
      ['МТ.04', 60],
      ['ПП.04', 55],
      ['ФГ.01', 60],
      ['ФГ.02', 60],
      ['КМ.02', 55],
    ],
  },
  // next year's procedure is already planned: no results yet
  { key: 'regional_next', yearOffset: 1, title: regionalTitle, tool: 'regional', organizer: 'cnppm', targetStaffCategory: 'pedagogical', lowResults: false, targetDescription: regionalTarget, windows: [['02-01', '03-31'], ['09-15', '11-15']], competencies: regionalCompetencies },
];

/** Competencies of the regional procedure each kind of organization is measured in: six each,
 *  which keeps a country-sized run near three results per person. */
const preschoolCodes = new Set(['НП.02', 'ПР.05', 'МТ.03', 'ПП.02', 'КМ.02', 'ЦК.01']);
const schoolCodes = new Set(['НП.02', 'МТ.01', 'МТ.02', 'МТ.04', 'ЦК.01', 'ФГ.01']);
/** Harder and easier competencies: regional diagnostics find functional literacy and
 *  assessment the weakest, digital tools the strongest. */
const difficulty: Record<string, number> = { 'ФГ.01': -6, 'ФГ.02': -7, 'ФГ.03': -5, 'МТ.02': -4, 'МТ.04': -3, 'МТ.05': -5, 'НП.02': -2, 'ЦК.01': 4, 'КМ.02': 3, 'УК.02': -4, 'УК.04': -6 };

/** Institutions whose people take part in diagnostics. */
const diagnosedKinds = new Set<OrganizationKind>(['school', 'kindergarten', 'college', 'additional_education', 'methodological_service']);
/** Regional and municipal bodies whose methodologists and tutors follow plans. */
const tutorKinds = new Set<OrganizationKind>(['cnppm', 'development_institute', 'methodological_service']);
const tutorTitles = new Set(['Тьютор', 'Методист', 'Старший методист']);
/** Demo tutors cannot sign in: the hash matches no password. Only the demo account `tutor` can. */
const NO_PASSWORD = '!';
/** Rows per yielded chunk (the bulk insert batches by 5,000). */
const CHUNK = 4000;

interface Assessment {
  spec: AssessmentSpec;
  id: string;
  year: number;
  windows: { from: string; to: string }[];
  thresholds: Map<string, number>;
}

interface Program {
  option: ProgramOption;
  cohorts: Cohort[];
  kind: 'upskilling' | 'retraining';
}

interface Cohort {
  id: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  taken: number;
}

interface Tutor {
  userId: string;
  staffId: string;
}

interface Measured {
  competencyId: string;
  code: string;
  name: string;
  score: number;
  threshold: number;
  measuredOn: string;
  assessmentId: string;
  assessmentTitle: string;
}

/** Rows of one batch of people. */
class Rows {
  users: Record<string, unknown>[] = [];
  roles: Record<string, unknown>[] = [];
  participants: Record<string, unknown>[] = [];
  results: Record<string, unknown>[] = [];
  enrollments: Record<string, unknown>[] = [];
  plans: Record<string, unknown>[] = [];
  items: Record<string, unknown>[] = [];
  tutorAssignments: Record<string, unknown>[] = [];
  /** «tutor/person» pairs already assigned in the batch: one assignment per pair. */
  private readonly pairs = new Set<string>();

  assignTutor(tutorUserId: string, staffId: string): void {
    const key = `${tutorUserId}/${staffId}`;
    if (this.pairs.has(key)) return;
    this.pairs.add(key);
    this.tutorAssignments.push({ tutorUserId, staffId });
  }

  *chunks(): Generator<LearningChunk> {
    const order: [LearningTable, Record<string, unknown>[]][] = [
      ['users', this.users],
      ['role_assignments', this.roles],
      ['assessment_participants', this.participants],
      ['assessment_results', this.results],
      ['enrollments', this.enrollments],
      ['learning_plans', this.plans],
      ['learning_plan_items', this.items],
      ['tutor_assignments', this.tutorAssignments],
    ];
    for (const [table, rows] of order) yield* split(table, rows);
  }
}

function* split(table: LearningTable, rows: Record<string, unknown>[]): Generator<LearningChunk> {
  for (let i = 0; i < rows.length; i += CHUNK) yield { table, rows: rows.slice(i, i + CHUNK) };
}

export interface RegionLearningInput {
  seed: number;
  today: string;
  regionIndex: number;
  regionCode: string;
  regionId: string;
  orgs: LearningOrg[];
  catalog: CatalogCompetency[];
  /** How many people the region has: sizes the programme catalog. */
  staffCount: number;
  /** Keep each person's description for a later scenario (the demo region only). */
  keepPeople: boolean;
  /** Learning volume of a country-sized run (see LearningVolume); none: the demo region's. */
  volume?: LearningVolume;
}

/** How much learning history a run carries beyond the current and the previous year (ADR 0025).
 *  The demo region has none; the national size scales to ≈ 3 results, ≈ 1 plan and ≈ 3
 *  enrollments per person, as a system running for some years would hold. */
export interface LearningVolume {
  /** Earlier years (before last year) with completed plans and courses, no diagnostics. */
  historyYears: number;
  /** Factor on the chances to take part in a diagnostic (1: the demo region's ≈ 50 %). */
  diagnosticShare: number;
  /** Chance per person and earlier year of a completed plan (a course and another item). */
  historicPlan: number;
  /** Chance per person and earlier year of a course outside any plan. */
  historicCourse: number;
}

/** The learning chain of one region: setup rows first, then rows per batch of people. */
export class RegionLearning {
  private readonly r: Random;
  private readonly today: string;
  private readonly year: number;
  private readonly catalog: Map<string, CatalogCompetency>;
  private readonly assessments = new Map<AssessmentKey, Assessment>();
  private readonly programs: Program[] = [];
  private readonly programsByCompetency = new Map<string, Program[]>();
  private readonly regionalTutors: Tutor[] = [];
  private readonly municipalTutors = new Map<string, Tutor[]>();
  /** The colleague strongest in each competency, per organization: the mentor a plan suggests. */
  private readonly strong = new Map<string, Map<string, { staffId: string; fullName: string; score: number }>>();
  private readonly internshipSites: LearningOrg[];
  private readonly services = new Map<string, LearningOrg>();
  private readonly people = new Map<string, LearningPerson>();
  private reservedTutor: string | null | undefined;
  private tutorSeq = 0;
  private certificateSeq = 0;
  /** Groups the current person is already in: one live enrollment per group. */
  private cohortsOfPerson = new Set<string>();
  /** Earlier years' groups per programme, by year (LearningVolume.historyYears). */
  private readonly historicCohorts = new Map<string, Map<number, Cohort>>();
  /** The history's own stream: the current years' rows stay as without it. */
  private readonly h: Random;

  constructor(
    private readonly input: RegionLearningInput,
    random: (stream: number) => Random,
  ) {
    this.r = random(0x1ea0 + input.regionIndex);
    this.h = random(0x4157 + input.regionIndex);
    this.today = input.today;
    this.year = Number(input.today.slice(0, 4));
    this.catalog = new Map(input.catalog.map((c) => [c.code, c]));
    this.internshipSites = input.orgs.filter((o) => o.internshipSite);
    for (const o of input.orgs) if (o.kind === 'methodological_service' && o.municipalityId) this.services.set(o.municipalityId, o);
  }

  /** Procedures, programmes and cohorts: they come before any person's rows. */
  *setup(): Generator<LearningChunk> {
    const { r } = this;
    const organizer = (kind: OrganizationKind) => this.input.orgs.find((o) => o.kind === kind) ?? this.input.orgs[0];
    const assessmentRows: Record<string, unknown>[] = [];
    const competencyRows: Record<string, unknown>[] = [];
    for (const spec of assessmentSpecs) {
      const year = this.year + spec.yearOffset;
      const a: Assessment = {
        spec,
        id: r.uuid(),
        year,
        windows: spec.windows.map(([from, to]) => ({ from: `${year}-${from}`, to: `${year}-${to}` })),
        thresholds: new Map(),
      };
      spec.competencies.forEach(([code, threshold]) => {
        const c = this.catalog.get(code);
        if (!c) return;
        a.thresholds.set(code, threshold);
        competencyRows.push({ assessmentId: a.id, competencyId: c.id, threshold, position: a.thresholds.size });
      });
      this.assessments.set(spec.key, a);
      const created = `${year - (spec.yearOffset > 0 ? 1 : 0)}-${spec.yearOffset > 0 ? '11-01' : '01-15'}T09:00:00Z`;
      assessmentRows.push({
        id: a.id,
        title: spec.title(year),
        tool: spec.tool,
        organizerOrganizationId: organizer(spec.organizer).id,
        territoryId: this.input.regionId,
        targetStaffCategory: spec.targetStaffCategory,
        targetLowResultsSchools: spec.lowResults,
        targetDescription: spec.targetDescription,
        windows: a.windows,
        year,
        catalogRevision: 1,
        createdAt: created,
        updatedAt: created,
      });
    }

    const { programRows, programCompetencyRows, cohortRows } = this.buildPrograms();
    cohortRows.push(...this.buildHistoricCohorts());
    yield* split('programs', programRows);
    yield* split('program_competencies', programCompetencyRows);
    yield* split('cohorts', cohortRows);
    yield { table: 'assessments', rows: assessmentRows };
    yield { table: 'assessment_competencies', rows: competencyRows };
  }

  private buildPrograms() {
    const { r, year } = this;
    const providers = (['development_institute', 'cnppm', 'university', 'college'] as const)
      .map((kind) => this.input.orgs.find((o) => o.kind === kind))
      .filter((o): o is LearningOrg => o !== undefined);
    const topics = r.shuffle(programTopics());
    const count = Math.min(topics.length, Math.max(40, Math.round(this.input.staffCount / 50)));
    const programRows: Record<string, unknown>[] = [];
    const programCompetencyRows: Record<string, unknown>[] = [];
    const cohortRows: Record<string, unknown>[] = [];
    let registrySeq = 0;
    for (const topic of topics.slice(0, count)) {
      const retraining = topic.kind === 'retraining';
      // the institute runs retraining with the university; ЦНППМ the short courses
      const provider = retraining
        ? r.weighted(providers.filter((p) => p.kind !== 'cnppm' && p.kind !== 'college').map((p) => [p, p.kind === 'development_institute' ? 3 : 1] as const))
        : r.weighted(providers.map((p) => [p, p.kind === 'cnppm' ? 5 : p.kind === 'development_institute' ? 4 : 1] as const));
      const hours = retraining ? r.pick([250, 256, 280, 300, 340, 360, 504, 520]) : r.pick([16, 18, 24, 36, 36, 36, 48, 72]);
      const format = r.weighted([['blended', 40], ['distance', 35], ['in_person', 25]] as const);
      const inFederalRegistry = r.chance(0.4);
      const id = r.uuid();
      const registryNumber = inFederalRegistry ? `${this.input.regionCode}-${year - r.int(0, 2)}-${String(++registrySeq).padStart(4, '0')}` : null;
      const codes = [...new Set(topic.codes)].filter((c) => this.catalog.has(c));
      const created = `${year - 2 + r.int(0, 1)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}T10:00:00Z`;
      programRows.push({
        id,
        title: topic.title,
        kind: topic.kind,
        hours,
        format,
        ownerOrganizationId: provider.id,
        providerOrganizationId: provider.id,
        providerName: provider.shortName,
        inFederalRegistry,
        registryNumber,
        annotation: annotationOf(topic, hours),
        audience: topic.audienceText,
        audienceCategory: topic.audience,
        subjects: [...topic.subjects],
        createdAt: created,
        updatedAt: created,
      });
      for (const code of codes) programCompetencyRows.push({ programId: id, competencyId: this.catalog.get(code)!.id });

      // groups from last year to the next: finished ones, running, open for application
      const cohorts: Cohort[] = [];
      const groups = retraining ? r.int(1, 2) : r.int(2, 4);
      for (let g = 0; g < groups; g++) {
        const startYear = year - 1 + Math.floor((g * 3) / Math.max(groups, 2)) + (g === groups - 1 && r.chance(0.5) ? 1 : 0);
        const month = r.int(1, 11);
        const startsOn = `${Math.min(startYear, year + 1)}-${String(month).padStart(2, '0')}-${String(r.int(1, 25)).padStart(2, '0')}`;
        const days = retraining ? r.int(120, 240) : Math.max(4, Math.round(hours / 6) + r.int(0, 14));
        const endsOn = addDays(startsOn, days);
        const online = format === 'distance';
        const seats = online ? r.pick([40, 50, 60, 80, 100]) : r.pick([20, 25, 25, 30]);
        const cohort: Cohort = { id: r.uuid(), startsOn, endsOn, seats, taken: 0 };
        cohorts.push(cohort);
        cohortRows.push({
          id: cohort.id,
          programId: id,
          title: `Группа № ${g + 1} (${monthNames[month - 1]} ${startsOn.slice(0, 4)})`,
          startsOn,
          endsOn,
          seats,
          place: online ? null : `${provider.shortName}, ${provider.address}`,
          online,
          createdAt: `${addDays(startsOn, -45)}T10:00:00Z`,
        });
      }
      cohorts.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      const program: Program = {
        kind: topic.kind,
        cohorts,
        option: {
          id,
          title: topic.title,
          hours,
          format,
          providerName: provider.shortName,
          inFederalRegistry,
          registryNumber,
          audienceCategory: topic.audience,
          subjects: [...topic.subjects],
          competencyIds: codes.map((c) => this.catalog.get(c)!.id),
          nextCohort: null,
        },
      };
      this.programs.push(program);
      for (const c of program.option.competencyIds) {
        const list = this.programsByCompetency.get(c);
        if (list) list.push(program);
        else this.programsByCompetency.set(c, [program]);
      }
    }
    return { programRows, programCompetencyRows, cohortRows };
  }

  /** One finished group a year per programme for the earlier years of LearningVolume. */
  private buildHistoricCohorts(): Record<string, unknown>[] {
    const { h } = this;
    const years = this.input.volume?.historyYears ?? 0;
    const rows: Record<string, unknown>[] = [];
    if (!years) return rows;
    for (const prog of this.programs) {
      const byYear = new Map<number, Cohort>();
      for (let y = this.year - 1 - years; y <= this.year - 2; y++) {
        const month = h.int(1, 10);
        const startsOn = `${y}-${String(month).padStart(2, '0')}-${String(h.int(1, 25)).padStart(2, '0')}`;
        const endsOn = addDays(startsOn, prog.kind === 'retraining' ? h.int(120, 240) : Math.max(4, Math.round(prog.option.hours / 6) + h.int(0, 14)));
        const online = prog.option.format === 'distance';
        // a year's applicants of a big region fill several streams: one group row stands for them
        const cohort: Cohort = { id: h.uuid(), startsOn, endsOn, seats: online ? 300 : 150, taken: 0 };
        byYear.set(y, cohort);
        rows.push({
          id: cohort.id,
          programId: prog.option.id,
          title: `Группа ${y} года (${monthNames[month - 1]})`,
          startsOn,
          endsOn,
          seats: cohort.seats,
          place: online ? null : prog.option.providerName,
          online,
          createdAt: `${addDays(startsOn, -45)}T10:00:00Z`,
        });
      }
      this.historicCohorts.set(prog.option.id, byYear);
    }
    return rows;
  }

  /** Earlier years of one person: completed plans (a course and another item) and courses
   *  outside plans, with certificates. No diagnostics then: the plans carry no deficits. */
  private historyRows(p: LearningPerson, rows: Rows): void {
    const volume = this.input.volume;
    if (!volume?.historyYears || !diagnosedKinds.has(p.org.kind)) return;
    const { h } = this;
    const fitting = this.programs.filter((x) => x.option.audienceCategory === 'all' || x.option.audienceCategory === p.category);
    if (!fitting.length) return;
    const registry = fitting.filter((x) => x.option.inFederalRegistry);
    const taken = new Set<string>();
    const course = (year: number, status: 'completed' | 'dropped' | 'rejected'): { id: string; prog: Program; cohort: Cohort } | null => {
      const prog = registry.length && h.chance(0.55) ? h.pick(registry) : h.pick(fitting);
      const cohort = this.historicCohorts.get(prog.option.id)?.get(year);
      if (!cohort || taken.has(cohort.id)) return null;
      taken.add(cohort.id);
      cohort.taken++;
      const requested = addDays(cohort.startsOn, -h.int(10, 60));
      const decided = addDays(requested, h.int(1, 7));
      const completed = status === 'completed' ? cohort.endsOn : null;
      const id = h.uuid();
      rows.enrollments.push({
        id,
        staffId: p.staffId,
        cohortId: cohort.id,
        programId: prog.option.id,
        status,
        statusNote: status === 'rejected' ? 'Не согласовано работодателем' : status === 'dropped' ? 'Отчислен по личному заявлению' : null,
        requestedAt: `${requested}T10:00:00Z`,
        decidedAt: `${decided}T12:00:00Z`,
        enrolledAt: status === 'rejected' ? null : `${cohort.startsOn}T09:00:00Z`,
        completedOn: completed,
        droppedAt: status === 'dropped' ? `${addDays(cohort.startsOn, h.int(3, 20))}T10:00:00Z` : null,
        certificateNumber: completed ? this.certificate(completed) : null,
        certificateDate: completed,
        updatedAt: `${completed ?? decided}T12:00:00Z`,
      });
      return { id, prog, cohort };
    };
    for (let year = this.year - 1 - volume.historyYears; year <= this.year - 2; year++) {
      if (h.chance(volume.historicPlan)) this.historicPlan(p, year, course(year, 'completed'), rows);
      if (h.chance(volume.historicCourse)) course(year, h.weighted([['completed', 90], ['dropped', 5], ['rejected', 5]] as const));
    }
  }

  private historicPlan(p: LearningPerson, year: number, enrolled: { id: string; prog: Program; cohort: Cohort } | null, rows: Rows): void {
    const { h } = this;
    const local = p.org.municipalityId ? this.municipalTutors.get(p.org.municipalityId) : undefined;
    const tutor = local?.length && (h.chance(0.6) || !this.regionalTutors.length) ? h.pick(local) : this.regionalTutors.length ? h.pick(this.regionalTutors) : null;
    if (!tutor) return;
    const planId = h.uuid();
    const created = `${year}-0${h.int(1, 3)}-${String(h.int(1, 28)).padStart(2, '0')}`;
    const agreed = addDays(created, h.int(3, 14));
    const own = h.pick(['self_education', 'association', 'mentoring'] as const);
    const items = [
      enrolled && {
        kind: 'course',
        form: 'formal',
        title: enrolled.prog.option.title,
        programId: enrolled.prog.option.id,
        cohortId: enrolled.cohort.id,
        enrollmentId: enrolled.id,
        competencyIds: enrolled.prog.option.competencyIds.slice(0, 3),
        deadline: enrolled.cohort.endsOn,
      },
      {
        kind: own,
        form: own === 'self_education' ? 'informal' : 'non_formal',
        title: own === 'self_education' ? 'Самообразование по теме методической работы' : own === 'association' ? 'Выступление на заседании методического объединения' : 'Посещение занятий наставника и разбор своих занятий',
        programId: null,
        cohortId: null,
        enrollmentId: null,
        competencyIds: [],
        deadline: `${year}-12-${String(h.int(1, 20)).padStart(2, '0')}`,
      },
    ].filter((x) => x !== null);
    const last = items.reduce((max, i) => (i.deadline > max ? i.deadline : max), agreed);
    const completed = addDays(last, h.int(3, 20));
    items.forEach((i, n) => {
      rows.items.push({
        id: h.uuid(),
        planId,
        position: n + 1,
        form: i.form,
        kind: i.kind,
        title: i.title,
        competencyIds: i.competencyIds,
        explanation: 'Маршрут прошлых лет: до диагностики в системе',
        programId: i.programId,
        cohortId: i.cohortId,
        enrollmentId: i.enrollmentId,
        organizationId: null,
        mentorStaffId: null,
        deadline: i.deadline,
        expectedResult: 'Применение освоенного в профессиональной деятельности',
        status: 'accepted',
        reportText: reportText(i.kind),
        reportedAt: `${i.deadline}T15:00:00Z`,
        reviewedAt: `${i.deadline}T17:00:00Z`,
        reviewedBy: tutor.userId,
        updatedAt: `${i.deadline}T17:00:00Z`,
      });
    });
    rows.plans.push({
      id: planId,
      staffId: p.staffId,
      title: `Индивидуальный образовательный маршрут на ${year} г.`,
      status: 'completed',
      tutorUserId: tutor.userId,
      periodFrom: created,
      periodTo: `${year}-12-31`,
      deficits: [],
      personAgreedAt: `${agreed}T09:00:00Z`,
      tutorAgreedAt: `${agreed}T16:00:00Z`,
      startedAt: `${addDays(agreed, 1)}T10:00:00Z`,
      completedAt: `${completed}T17:00:00Z`,
      completedBy: tutor.userId,
      createdAt: `${created}T09:00:00Z`,
      updatedAt: `${completed}T18:00:00Z`,
    });
    if (tutor.staffId) rows.assignTutor(tutor.userId, p.staffId);
  }

  /** Rows for a batch of people whose staff rows are already written. */
  *forPeople(people: LearningPerson[]): Generator<LearningChunk> {
    const rows = new Rows();
    this.registerTutors(people, rows);
    for (const p of people) {
      if (this.input.keepPeople) this.people.set(p.staffId, p);
      this.historyRows(p, rows);
      this.personRows(p, this.drawFate(p), rows, null);
    }
    yield* rows.chunks();
  }

  /** The person kept from the batch (demo region only). */
  person(staffId: string): LearningPerson | undefined {
    return this.people.get(staffId);
  }

  /** Rows of the demo tutor's people (see tutorScenario), their plans followed by `tutorUserId`. */
  *tutorScenario(teacherId: string, tuteeIds: string[], tutorUserId: string): Generator<LearningChunk> {
    const teacher = this.people.get(teacherId);
    if (!teacher) return;
    const others = tuteeIds.map((id) => this.people.get(id)).filter((p): p is LearningPerson => p !== undefined);
    const rows = new Rows();
    for (const { staffId, fate } of tutorScenario(teacher, others, this.year)) this.personRows(this.people.get(staffId)!, fate, rows, { userId: tutorUserId, staffId: '' });
    yield* rows.chunks();
  }

  /** Methodologists and tutors of the ЦНППМ, the institute and municipal services get tutor
   *  accounts. The first «Тьютор» of the ЦНППМ by id is left for the demo account `tutor`. */
  private registerTutors(people: LearningPerson[], rows: Rows): void {
    if (this.reservedTutor === undefined) {
      const candidates = people.filter((p) => p.org.kind === 'cnppm' && p.title === 'Тьютор').map((p) => p.staffId);
      this.reservedTutor = candidates.length ? candidates.reduce((a, b) => (a < b ? a : b)) : null;
    }
    for (const p of people) {
      if (!tutorKinds.has(p.org.kind) || !tutorTitles.has(p.title) || p.staffId === this.reservedTutor) continue;
      const userId = this.r.uuid();
      rows.users.push({ id: userId, login: `tutor-${this.input.regionCode}-${String(++this.tutorSeq).padStart(3, '0')}`, passwordHash: NO_PASSWORD, displayName: p.fullName, staffId: p.staffId });
      rows.roles.push({ id: this.r.uuid(), userId, role: 'tutor', territoryId: null, organizationId: p.org.id });
      const tutor = { userId, staffId: p.staffId };
      if (p.org.kind === 'methodological_service' && p.org.municipalityId) {
        const list = this.municipalTutors.get(p.org.municipalityId);
        if (list) list.push(tutor);
        else this.municipalTutors.set(p.org.municipalityId, [tutor]);
      } else this.regionalTutors.push(tutor);
    }
  }

  private tutorFor(p: LearningPerson): Tutor | null {
    const local = p.org.municipalityId ? this.municipalTutors.get(p.org.municipalityId) : undefined;
    if (local?.length && (this.r.chance(0.6) || !this.regionalTutors.length)) return this.r.pick(local);
    return this.regionalTutors.length ? this.r.pick(this.regionalTutors) : null;
  }

  private drawFate(p: LearningPerson): Fate {
    const { r } = this;
    const fate: Fate = { measured: [], weak: false, previousPlan: null, currentPlan: null, needsAttention: false };
    if (!diagnosedKinds.has(p.org.kind)) return fate;
    const k = this.input.volume?.diagnosticShare ?? 1;
    if (p.category === 'managerial') {
      if (r.chance(0.55 * k)) fate.measured.push('managers');
    } else {
      const prev = r.chance(0.26 * k);
      if (prev) fate.measured.push('regional_prev');
      if (r.chance((prev ? 0.5 : 0.3) * k)) fate.measured.push('regional');
      if (p.org.kind === 'school' && p.subjects.length && p.subjects[0] !== 'Начальные классы' && r.chance(0.1 * k)) fate.measured.push('federal');
      if (p.org.lowResultsSchool && r.chance(0.85 * k)) fate.measured.push('low_results');
    }
    // plans are drawn after the scores (see personRows): here only the odds
    return fate;
  }

  /** Scores, plans and enrollments of one person. `forcedTutor` marks a forced (scenario) fate. */
  private personRows(p: LearningPerson, fate: Fate, rows: Rows, forcedTutor: Tutor | null): void {
    const { r } = this;
    const forced = forcedTutor !== null;
    this.cohortsOfPerson = new Set();
    // ability: person level, a low-results school and the first years in the profession pull down
    const experience = this.year - p.professionStartYear;
    const level =
      67 +
      gaussian(r) * 7 +
      (p.org.lowResultsSchool ? -9 : 0) +
      (experience < 3 ? -6 : experience < 6 ? -2 : 0) +
      (p.qualification === 'highest' ? 4 : p.qualification === 'first' ? 2 : 0) +
      (fate.weak ? -18 : 0);
    const ability = new Map<string, number>();
    const abilityOf = (code: string) => {
      let a = ability.get(code);
      if (a === undefined) ability.set(code, (a = level + (difficulty[code] ?? 0) + gaussian(r) * 11));
      return a;
    };

    const measured = (key: AssessmentKey, boost: Map<string, number> | null): Measured[] => {
      const a = this.assessments.get(key);
      if (!a || !fate.measured.includes(key)) return [];
      // the first window after the person came to the profession (usually in September)
      const window = a.windows.find((w) => Number(w.from.slice(0, 4)) > p.professionStartYear || w.from >= `${p.professionStartYear}-09-01`);
      if (!window || window.from > this.today) return [];
      const on = randomDate(r, window.from, window.to < this.today ? window.to : this.today);
      const out: Measured[] = [];
      for (const [code, threshold] of a.thresholds) {
        if (key.startsWith('regional') && !(p.org.kind === 'kindergarten' ? preschoolCodes : schoolCodes).has(code)) continue;
        const c = this.catalog.get(code)!;
        let score = abilityOf(code) + gaussian(r) * 4;
        // the plan's effect: most of its deficits close by the next diagnostic
        const b = boost?.get(c.id);
        if (b !== undefined && (forced || r.chance(0.8))) score = Math.max(score + b, threshold + 2 + r.int(0, 12));
        out.push({ competencyId: c.id, code, name: c.name, score: clampScore(score), threshold, measuredOn: on, assessmentId: a.id, assessmentTitle: a.spec.title(a.year) });
      }
      if (out.length) {
        rows.participants.push({ assessmentId: a.id, staffId: p.staffId, addedAt: `${on}T08:00:00Z` });
        for (const m of out) rows.results.push({ id: r.uuid(), assessmentId: a.id, staffId: p.staffId, competencyId: m.competencyId, score: m.score, measuredOn: m.measuredOn, source: key === 'federal' ? 'import' : 'form', enteredAt: `${m.measuredOn}T12:00:00Z` });
      }
      return out;
    };

    // last year: diagnostics, and maybe a plan on its deficits
    const previous = [...measured('regional_prev', null), ...measured('federal', null)];
    const previousDeficits = previous.filter((m) => isDeficit(m.score, m.threshold));
    let openPlan = false;
    const boost = new Map<string, number>();
    const previousStage = forced ? fate.previousPlan : previousDeficits.length && r.chance(0.55) ? (r.chance(0.78) ? 'completed' : 'in_progress') : null;
    if (previousStage && previousDeficits.length) {
      const tutor = forcedTutor ?? this.tutorFor(p);
      if (tutor) {
        const created = addDays(maxDate(previous.map((m) => m.measuredOn)), r.int(20, 60));
        this.plan(p, previous, created, previousStage, tutor, fate.needsAttention, rows);
        if (previousStage === 'completed') for (const d of previousDeficits) boost.set(d.competencyId, 8 + r.int(0, 15));
        else openPlan = true;
      }
    }

    // this year: diagnostics (the plan's effect shows), and a plan on the latest deficits
    const current = [...measured('regional', boost), ...measured('managers', null), ...measured('low_results', boost)];
    const latest = latestOf([...previous, ...current]);
    this.noteStrong(p, latest);
    const latestDeficits = latest.filter((m) => isDeficit(m.score, m.threshold));
    if (!openPlan && current.length && latestDeficits.length) {
      const stage = forced ? fate.currentPlan : r.chance(0.5) ? r.weighted([['draft', 18], ['agreed', 17], ['in_progress', 65]] as const) : null;
      if (stage) {
        const measuredOn = maxDate(current.map((m) => m.measuredOn));
        const drafted = addDays(measuredOn, r.int(14, 50));
        // a forced plan is there by today, even after an autumn diagnostic
        const created = forced && drafted > addDays(this.today, -20) ? maxDate([addDays(measuredOn, 3), addDays(this.today, -20)]) : drafted;
        if (created <= this.today) {
          const tutor = forcedTutor ?? (stage === 'draft' && r.chance(0.4) ? null : this.tutorFor(p));
          if (tutor || stage === 'draft') this.plan(p, latest, created, tutor ? stage : 'draft', tutor, fate.needsAttention, rows);
        }
      }
    }

    // courses outside any plan: the employer sends people, people enrol themselves
    if (!forced && diagnosedKinds.has(p.org.kind) && r.chance(0.09)) this.ownEnrollment(p, rows);
  }

  private noteStrong(p: LearningPerson, latest: Measured[]): void {
    let best = this.strong.get(p.org.id);
    for (const m of latest) {
      if (m.score < m.threshold + 15) continue;
      if (!best) this.strong.set(p.org.id, (best = new Map()));
      const known = best.get(m.competencyId);
      if (!known || known.score < m.score) best.set(m.competencyId, { staffId: p.staffId, fullName: p.fullName, score: m.score });
    }
  }

  /** A plan drafted on `created` from `scores` the way the service drafts it, at `stage`. */
  private plan(p: LearningPerson, scores: Measured[], created: string, stage: 'draft' | 'agreed' | 'in_progress' | 'completed', tutor: Tutor | null, attention: boolean, rows: Rows): void {
    const { r } = this;
    // only programmes of the targets (deficits and the growth zone) can be suggested
    const targetIds = new Set(scores.filter((s) => s.score < s.threshold + GROWTH_MARGIN).map((s) => s.competencyId));
    const relevant = new Set<Program>();
    for (const id of targetIds) for (const prog of this.programsByCompetency.get(id) ?? []) relevant.add(prog);
    // a completed plan's courses are over: only groups that have ended fit it
    const fits = (c: Cohort) => c.startsOn > created && (stage !== 'completed' || c.endsOn < this.today);
    const options = [...relevant].map((prog) => {
      const next = prog.cohorts.find(fits);
      return { ...prog.option, nextCohort: next ? { id: next.id, startsOn: next.startsOn, endsOn: next.endsOn, seatsLeft: Math.max(0, next.seats - next.taken) } : null };
    });
    const strong = this.strong.get(p.org.id);
    const mentors = strong ? [...strong].filter(([, m]) => m.staffId !== p.staffId).map(([competencyId, m]) => ({ competencyId, staffId: m.staffId, fullName: m.fullName, organizationName: p.org.shortName, score: m.score })) : [];
    const sites = this.internshipSites.filter((s) => s.id !== p.org.id);
    const near = sites.filter((s) => s.municipalityId === p.org.municipalityId);
    const site = near.length ? r.pick(near) : sites.length ? r.pick(sites) : undefined;
    const host = p.org.municipalityId ? this.services.get(p.org.municipalityId) : undefined;
    const suggestions = suggestItems({
      today: created,
      person: { staffCategory: p.category, subjects: p.subjects },
      scores,
      programs: options,
      mentors,
      internshipSites: site ? [{ organizationId: site.id, name: site.shortName }] : [],
      associationHost: host ? { organizationId: host.id, name: host.shortName } : null,
    });
    const chosen = chooseItems(suggestions, r);
    if (!chosen.length) return;

    const deficits: PlanDeficit[] = scores
      .filter((s) => isDeficit(s.score, s.threshold))
      .sort((a, b) => b.threshold - b.score - (a.threshold - a.score) || a.code.localeCompare(b.code));
    const year = Number(created.slice(0, 4));
    const periodTo = chosen.reduce((max, s) => (s.deadline > max ? s.deadline : max), addDays(created, 365));
    const planId = r.uuid();
    const at = (date: string, hour = 10) => `${date < this.today ? date : this.today}T${String(hour).padStart(2, '0')}:00:00Z`;
    const agreedOn = addDays(created, r.int(3, 14));
    const startedOn = addDays(agreedOn, r.int(1, 20));
    const reached = (s: typeof stage) => ['draft', 'agreed', 'in_progress', 'completed'].indexOf(stage) >= ['draft', 'agreed', 'in_progress', 'completed'].indexOf(s);

    // items: their statuses follow the plan's stage and their deadlines
    let lastReport = created;
    // for a person who needs the tutor: a report to review (not a course still running) and an overdue item
    const reviewIndex = chosen.findIndex((s) => !(s.kind === 'course' && s.deadline >= this.today));
    const overdueIndex = chosen.findLastIndex((s, i) => i !== reviewIndex && s.kind !== 'course');
    const itemRows = chosen.map((s, i) => {
      let deadline = s.deadline;
      let status: 'planned' | 'submitted' | 'accepted' | 'returned' = 'planned';
      if (stage === 'completed') status = 'accepted';
      else if (stage === 'in_progress') {
        status = deadline < this.today ? r.weighted([['accepted', 55], ['submitted', 18], ['planned', 22], ['returned', 5]] as const) : r.weighted([['planned', 72], ['submitted', 14], ['accepted', 14]] as const);
        // a course is reported after its group ends
        if (s.kind === 'course' && deadline >= this.today && status !== 'planned') status = 'planned';
        if (attention && i === reviewIndex) status = 'submitted';
        if (attention && i === overdueIndex) {
          status = 'planned';
          if (deadline >= this.today) deadline = addDays(this.today, -r.int(7, 40));
        }
      }
      const reportedOn = status === 'planned' ? null : minDate(addDays(deadline, -r.int(0, 20)), this.today) < startedOn ? startedOn : minDate(addDays(deadline, -r.int(0, 20)), this.today);
      const reviewedOn = reportedOn && (status === 'accepted' || status === 'returned') ? minDate(addDays(reportedOn, r.int(1, 10)), this.today) : null;
      if (reviewedOn && reviewedOn > lastReport) lastReport = reviewedOn;
      if (reportedOn && reportedOn > lastReport) lastReport = reportedOn;
      const enrollmentId = s.kind === 'course' && s.programId && reached('agreed') ? this.planEnrollment(p, s, status, created, agreedOn, rows) : null;
      return {
        id: r.uuid(),
        planId,
        position: i + 1,
        form: s.form,
        kind: s.kind,
        title: s.title,
        competencyIds: s.competencyIds,
        explanation: s.explanation,
        programId: s.programId,
        cohortId: s.cohortId,
        enrollmentId,
        organizationId: s.organizationId,
        mentorStaffId: s.mentorStaffId,
        deadline,
        expectedResult: s.expectedResult,
        status,
        reportText: reportedOn ? reportText(s.kind) : null,
        reportedAt: reportedOn ? at(reportedOn, 15) : null,
        reviewComment: status === 'returned' ? 'Приложите подтверждающие материалы: конспект занятия и самоанализ' : status === 'accepted' && r.chance(0.3) ? 'Принято, результат отражён в портфолио' : null,
        reviewedAt: reviewedOn ? at(reviewedOn, 11) : null,
        reviewedBy: reviewedOn && tutor ? tutor.userId : null,
        updatedAt: at(reviewedOn ?? reportedOn ?? created),
      };
    });
    rows.items.push(...itemRows);
    const completedOn = stage === 'completed' ? minDate(addDays(lastReport, r.int(3, 20)), this.today) : null;
    rows.plans.push({
      id: planId,
      staffId: p.staffId,
      title: `Индивидуальный образовательный маршрут на ${year}–${year + 1} гг.`,
      status: stage,
      tutorUserId: tutor?.userId ?? null,
      periodFrom: created,
      periodTo,
      deficits,
      personAgreedAt: reached('agreed') || (tutor && r.chance(0.5)) ? at(agreedOn, 9) : null,
      tutorAgreedAt: reached('agreed') ? at(agreedOn, 16) : null,
      startedAt: reached('in_progress') ? at(startedOn) : null,
      completedAt: completedOn ? at(completedOn, 17) : null,
      completedBy: completedOn && tutor ? tutor.userId : null,
      createdAt: at(created, 9),
      updatedAt: at(completedOn ?? (reached('in_progress') ? lastReport : reached('agreed') ? agreedOn : created), 18),
    });
    // one assignment per pair: last year's and this year's plan may have the same tutor
    if (tutor && tutor.staffId) rows.assignTutor(tutor.userId, p.staffId);
  }

  /** The enrollment behind a course item: requested when the plan is agreed, then as the group goes. */
  private planEnrollment(p: LearningPerson, s: Suggestion, itemStatus: string, created: string, agreedOn: string, rows: Rows): string | null {
    const prog = this.programs.find((x) => x.option.id === s.programId);
    const cohort = prog?.cohorts.find((c) => c.id === s.cohortId);
    if (!prog || !cohort || this.cohortsOfPerson.has(cohort.id)) return null;
    const done = itemStatus === 'accepted' || itemStatus === 'submitted' || itemStatus === 'returned';
    const status = done
      ? 'completed'
      : cohort.startsOn > this.today
        ? cohort.taken >= cohort.seats
          ? 'waitlisted'
          : agreedOn === created
            ? 'requested'
            : this.r.chance(0.3)
              ? 'requested'
              : 'approved'
        : cohort.endsOn >= this.today
          ? 'enrolled'
          : this.r.chance(0.5)
            ? 'enrolled'
            : 'dropped';
    return this.enrollment(p, prog, cohort, status, agreedOn, rows);
  }

  /** A course outside the plans: a group of a programme, or a course taken elsewhere. */
  private ownEnrollment(p: LearningPerson, rows: Rows): void {
    const { r } = this;
    const fitting = this.programs.filter((x) => x.option.audienceCategory === 'all' || x.option.audienceCategory === p.category);
    const prog = r.chance(0.55) ? r.pick(fitting.filter((x) => x.option.inFederalRegistry).length ? fitting.filter((x) => x.option.inFederalRegistry) : fitting) : r.pick(fitting);
    if (!prog) return;
    if (r.chance(0.12)) {
      // a course of the federal operator, recorded with its certificate for approval
      const on = randomDate(r, `${this.year - 1}-01-15`, this.today);
      const completed = r.chance(0.75);
      rows.enrollments.push({
        id: r.uuid(),
        staffId: p.staffId,
        cohortId: null,
        programId: prog.option.inFederalRegistry ? prog.option.id : null,
        externalTitle: prog.option.title,
        externalProvider: 'ФГАОУ ДПО «Академия Минпросвещения России»',
        externalHours: prog.option.hours,
        status: completed ? 'completed' : 'requested',
        requestedAt: `${on}T10:00:00Z`,
        decidedAt: completed ? `${minDate(addDays(on, r.int(2, 10)), this.today)}T10:00:00Z` : null,
        completedOn: completed ? on : null,
        certificateNumber: completed ? this.certificate(on) : null,
        certificateDate: completed ? on : null,
        updatedAt: `${on}T10:00:00Z`,
      });
      return;
    }
    const cohort = r.pick(prog.cohorts);
    if (this.cohortsOfPerson.has(cohort.id)) return;
    const requested = addDays(cohort.startsOn, -r.int(10, 60));
    if (requested > this.today) return;
    const status =
      cohort.endsOn < this.today
        ? r.weighted([['completed', 80], ['dropped', 10], ['rejected', 10]] as const)
        : cohort.startsOn <= this.today
          ? r.weighted([['enrolled', 85], ['dropped', 5], ['rejected', 10]] as const)
          : cohort.taken >= cohort.seats
            ? 'waitlisted'
            : r.weighted([['requested', 40], ['approved', 40], ['waitlisted', 8], ['rejected', 12]] as const);
    this.enrollment(p, prog, cohort, status, requested, rows);
  }

  private enrollment(p: LearningPerson, prog: Program, cohort: Cohort, status: string, requested: string, rows: Rows): string {
    const { r } = this;
    if (['approved', 'enrolled', 'completed'].includes(status)) cohort.taken++;
    this.cohortsOfPerson.add(cohort.id);
    const decided = status === 'requested' ? null : minDate(addDays(requested, r.int(1, 7)), this.today);
    const enrolled = ['enrolled', 'completed', 'dropped'].includes(status) ? minDate(cohort.startsOn, this.today) : null;
    const completed = status === 'completed' ? cohort.endsOn : null;
    const id = r.uuid();
    rows.enrollments.push({
      id,
      staffId: p.staffId,
      cohortId: cohort.id,
      programId: prog.option.id,
      status,
      statusNote: status === 'rejected' ? 'Не согласовано работодателем: совпадает с периодом государственной итоговой аттестации' : status === 'dropped' ? 'Отчислен по личному заявлению' : null,
      requestedAt: `${requested}T10:00:00Z`,
      decidedAt: decided ? `${decided}T12:00:00Z` : null,
      enrolledAt: enrolled ? `${enrolled}T09:00:00Z` : null,
      completedOn: completed,
      droppedAt: status === 'dropped' ? `${minDate(addDays(cohort.startsOn, r.int(3, 20)), this.today)}T10:00:00Z` : null,
      certificateNumber: completed ? this.certificate(completed) : null,
      certificateDate: completed,
      updatedAt: `${completed ?? enrolled ?? decided ?? requested}T12:00:00Z`,
    });
    return id;
  }

  /** «592500012345»: the region's code, the year, a running number (the blank's number is not kept). */
  private certificate(on: string): string {
    return `${this.input.regionCode}${on.slice(2, 4)}${String(++this.certificateSeq).padStart(8, '0')}`;
  }
}

/** One option per target (up to five): mostly the recommended one (a course or an internship),
 *  sometimes mentoring, the methodological association or self-education instead, as tutors
 *  and teachers adjust a draft; now and then a second course for the sharpest deficit. */
function chooseItems(suggestions: Suggestion[], r: Random): Suggestion[] {
  const byLead = new Map<string, Suggestion[]>();
  for (const s of suggestions) {
    const list = byLead.get(s.competencyIds[0]);
    if (list) list.push(s);
    else byLead.set(s.competencyIds[0], [s]);
  }
  const weights: Record<string, number> = { course: 2, internship: 1, mentoring: 2, association: 1.5, self_education: 1.5, master_class: 1, event: 1 };
  const chosen = [...byLead.values()].slice(0, 5).map((options) => {
    const recommended = options.find((o) => o.recommended) ?? options[0];
    return r.chance(0.55) ? recommended : r.weighted(options.map((o) => [o, weights[o.kind]] as const));
  });
  const extra = suggestions.find((s) => s.kind === 'course' && s.addressesDeficit && !chosen.includes(s));
  const out = extra && r.chance(0.3) ? [...chosen, extra] : chosen;
  return out.sort((a, b) => a.rank - b.rank);
}

function reportText(kind: string): string {
  switch (kind) {
    case 'course':
      return 'Обучение завершено, итоговая аттестация пройдена. Удостоверение о повышении квалификации приложено.';
    case 'internship':
      return 'Стажировка пройдена: посещены занятия, разработано и проведено учебное занятие с опорой на опыт площадки.';
    case 'mentoring':
      return 'Посещены и проанализированы занятия наставника, совместно разработано и проведено занятие.';
    case 'association':
      return 'Выступление на заседании методического объединения с опытом применения, материалы размещены на сайте методической службы.';
    default:
      return 'Изучены рекомендованные материалы, приёмы применены на уроках, записи в портфолио.';
  }
}

function latestOf(measured: Measured[]): Measured[] {
  const byCompetency = new Map<string, Measured>();
  for (const m of measured) {
    const known = byCompetency.get(m.competencyId);
    if (!known || known.measuredOn <= m.measuredOn) byCompetency.set(m.competencyId, m);
  }
  return [...byCompetency.values()];
}

const monthNames = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

function gaussian(r: Random): number {
  return (r.next() + r.next() + r.next() + r.next() - 2) * Math.sqrt(3);
}

function clampScore(x: number): number {
  return Math.min(100, Math.max(0, Math.round(x)));
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

function randomDate(r: Random, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, r.int(0, span));
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));

const fate = (measured: AssessmentKey[], previousPlan: Fate['previousPlan'], currentPlan: Fate['currentPlan'], needsAttention = false): Fate => ({
  measured,
  weak: measured.length > 0,
  previousPlan,
  currentPlan,
  needsAttention,
});
const both: AssessmentKey[] = ['regional_prev', 'regional'];
const thisYear: AssessmentKey[] = ['regional'];

/**
 * The demo tutor's people: the teacher with deficits and a plan in progress that needs attention,
 * the others at every stage. Those in the profession for years carry last year's plans (completed:
 * their deficits closed this year, or stalled); newcomers have this year's plans.
 */
export function tutorScenario(teacher: LearningPerson, others: LearningPerson[], year: number): { staffId: string; fate: Fate }[] {
  const experienced = [
    fate(both, 'completed', null),
    fate(both, 'in_progress', null, true),
    fate(both, 'completed', 'in_progress'),
    fate(both, null, 'agreed'),
    fate(both, 'completed', null),
    fate(thisYear, null, null),
    fate(both, null, 'draft'),
    fate([], null, null),
    fate(both, null, 'in_progress'),
  ];
  const newcomers = [
    fate(thisYear, null, 'in_progress', true),
    fate(thisYear, null, 'in_progress', true),
    fate(thisYear, null, 'draft'),
    fate(thisYear, null, 'agreed'),
    fate(thisYear, null, null),
    fate([], null, null),
    fate(thisYear, null, 'in_progress'),
    fate(thisYear, null, 'draft'),
    fate(thisYear, null, 'in_progress', true),
    fate(thisYear, null, 'agreed'),
  ];
  let e = 0;
  let n = 0;
  return [
    { staffId: teacher.staffId, fate: fate(both, null, 'in_progress', true) },
    ...others.map((p) => {
      const old = p.professionStartYear <= year - 2;
      return { staffId: p.staffId, fate: old ? experienced[e++ % experienced.length] : newcomers[n++ % newcomers.length] };
    }),
  ];
}
