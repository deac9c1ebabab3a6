// Loads the generated demo data into the database and creates the demo accounts.

import { and, asc, count, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import {
  assessmentCompetencies,
  assessmentParticipants,
  assessmentResults,
  assessments,
  cohorts,
  competencies,
  enrollments,
  learningPlanItems,
  learningPlans,
  organizations,
  programCompetencies,
  programs,
  roleAssignments,
  staff,
  staffPositions,
  territories,
  tutorAssignments,
  users,
} from '../../db/schema.js';
import { assignTutor, createUser } from '../auth/auth.service.js';
import type { RoleGrant } from '../../lib/access.js';
import { listDemoAccounts } from './demo-accounts.js';
import { loadPracticesDemo } from './demo-practices.js';
import { randomBytes } from 'node:crypto';
import { loadDocumentsAndStaffingDemo } from './demo-documents.js';
import { seedMentoringDemo } from '../mentorships/mentorships-demo.js';
import { pauseIndicatorRollups, rebuildIndicatorRollups, vacuumIndicatorRollups } from '../indicators/indicators.service.js';
import { seedIndicatorTargetsDemo } from '../indicators/indicators-demo.js';
import { generateEventsDemo } from './demo-events.js';
import { loadMonitoringDemo } from './demo-monitoring.js';
import { loadRoadmapsDemo } from './demo-roadmaps.js';
import { demoSizes, demoTotals, generateDemo, generateDemoRegion, type DemoChunk, type DemoSize, type DemoTable } from './demo-generator.js';
import type { CatalogCompetency, RegionLearning } from './demo-learning.js';

/** The password of every demo account: it is printed on the login page. */
export const demoPassword = 'demo';

export type DemoAccounts = Awaited<ReturnType<typeof listDemoAccounts>>;

export interface LoadDemoOptions {
  size?: DemoSize;
  seed?: number;
  /** Called after each batch of people with the number loaded and the total. */
  onProgress?: (done: number, total: number) => void;
}

const tables = {
  territories,
  organizations,
  staff,
  staff_positions: staffPositions,
  programs,
  program_competencies: programCompetencies,
  cohorts,
  assessments,
  assessment_competencies: assessmentCompetencies,
  users,
  role_assignments: roleAssignments,
  assessment_participants: assessmentParticipants,
  assessment_results: assessmentResults,
  enrollments,
  learning_plans: learningPlans,
  learning_plan_items: learningPlanItems,
  tutor_assignments: tutorAssignments,
} as const satisfies Record<DemoTable, unknown>;

/** Up to this many people the load is one transaction (all or nothing); a country-sized load
 *  commits batch by batch, since one transaction would hold PGlite's only connection for minutes. */
const SINGLE_TRANSACTION_STAFF = 100_000;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: territories.id }).from(territories).limit(1);
  return rows.length === 0;
}

/** Streams the demo data of `size` (the demo region by default) into an empty database and
 *  creates the demo accounts; returns them as the login page lists them. */
export async function loadDemo(db: Db, opts: LoadDemoOptions = {}): Promise<DemoAccounts> {
  const size = opts.size ?? demoSizes.demo;
  const seed = opts.seed ?? 1;
  if (!(await isDatabaseEmpty(db))) {
    throw new Error('База данных уже содержит данные: демонстрационные данные загружаются только в пустую базу');
  }
  const total = demoTotals(size, seed).staff;
  const catalog = await liveCatalog(db);

  const load = async (target: Db): Promise<FirstRegion> => {
    const first = await insertDemo(target, (onLearning) => generateDemo(size, seed, { catalog, onLearning }), (done) => opts.onProgress?.(done, total));
    await loadDocumentsAndStaffingDemo(target);
    return first;
  };

  // the indicator triggers wait while rows stream in; one set-based rebuild counts them after (ADR 0024)
  if (total <= SINGLE_TRANSACTION_STAFF) {
    await db.transaction(async (tx) => {
      await pauseIndicatorRollups(tx as Db);
      await createDemoUsers(tx as Db, await load(tx as Db));
      await loadPracticesDemo(tx as Db, seed);
      await generateEventsDemo(tx as Db, seed);
      await loadMonitoringDemo(tx as Db);
      await seedIndicatorTargetsDemo(tx as Db);
      await rebuildIndicatorRollups(tx as Db);
    });
  } else {
    await pauseIndicatorRollups(db);
    const first = await load(db);
    // statistics before the set-based seeding: planned on empty-table estimates, the mentoring pass of
    // one region scanned every position of the country (2,6 s a statement; 0,36 s after ANALYZE)
    await db.execute(sql`ANALYZE`);
    await db.transaction(async (tx) => createDemoUsers(tx as Db, first));
    await loadPracticesDemo(db, seed);
    await db.transaction(async (tx) => generateEventsDemo(tx as Db, seed));
    await db.transaction(async (tx) => loadMonitoringDemo(tx as Db));
    await seedIndicatorTargetsDemo(db);
    await db.execute(sql`ANALYZE`);
    await rebuildIndicatorRollups(db);
  }
  // PGlite has no autovacuum: without statistics after a bulk load the planner takes the tables for
  // empty and nests loops over thousands of rows (the coverage query took 20 s on 8 000 people, 0.7 s after)
  await db.execute(sql`ANALYZE`);
  // through the roadmap services as the demo accounts, on the loaded region
  await loadRoadmapsDemo(db);
  await vacuumIndicatorRollups(db);
  return listDemoAccounts(db);
}

/** Inserts the generated chunks; returns the first region (the accounts are created in it and its
 *  first two municipalities) with its learning chain. */
async function insertDemo(
  target: Db,
  generate: (onLearning: (l: RegionLearning) => void) => Iterable<DemoChunk>,
  onStaff?: (done: number) => void,
): Promise<FirstRegion> {
  let first: FirstRegion | undefined;
  let learning: RegionLearning | undefined;
  let done = 0;
  // one insert in flight while the generator makes the next chunk: the database and the
  // generator work at the same time, the inserts still go one after another (foreign keys)
  let inFlight: Promise<void> = Promise.resolve();
  for (const chunk of generate((l) => (learning = l))) {
    if (!first && chunk.table === 'territories') {
      const ids = chunk.rows.map((row) => row.id as string);
      first = { regionId: ids[0], municipalityIds: ids.slice(1) };
    }
    await inFlight;
    inFlight = bulkInsert(target, tables[chunk.table], chunk.rows).then(() => {
      if (chunk.table === 'staff') onStaff?.((done += chunk.rows.length));
    });
  }
  await inFlight;
  return { ...first!, learning };
}

/** Adds one more region of the `small` size at position `index` to a database holding the demo,
 *  with its own demo accounts under `loginPrefix` (`r2-region`, `r2-teacher`…), the mentoring
 *  scenario of its accounts and counted indicators. Only the people, the learning chain, the demo
 *  accounts and mentoring: the authorization test builds its other records through the API. */
export async function addDemoRegion(db: Db, { index, loginPrefix, seed = 1 }: { index: number; loginPrefix: string; seed?: number }): Promise<void> {
  const catalog = await liveCatalog(db);
  await db.transaction(async (tx) => {
    await pauseIndicatorRollups(tx as Db);
    const region = await insertDemo(tx as Db, (onLearning) => generateDemoRegion(demoSizes.small, index, seed, { catalog, onLearning }));
    await createDemoUsers(tx as Db, region, { loginPrefix, added: true });
    await rebuildIndicatorRollups(tx as Db);
  });
  await db.execute(sql`ANALYZE`);
}

interface FirstRegion {
  regionId: string;
  municipalityIds: string[];
  learning?: RegionLearning;
}

/** The competencies of the installed catalog that are in force: what the demo measures. */
async function liveCatalog(db: Db): Promise<CatalogCompetency[]> {
  return db.select({ id: competencies.id, code: competencies.code, name: competencies.name }).from(competencies).where(isNull(competencies.retiredRevision));
}

interface Person {
  staffId: string;
  displayName: string;
}

/** `added`: the region joins a loaded demo, so mentoring is seeded in it alone (the first load seeds
 *  every region of the run). */
async function createDemoUsers(db: Db, { regionId, municipalityIds, learning }: FirstRegion, { loginPrefix = '', added = false } = {}): Promise<void> {
  const [municipality1, municipality2 = municipality1] = municipalityIds;
  const school = await findSchool(db, municipality1);
  const school2 = await findSchool(db, municipality2, school);

  const accounts: { login: string; person: Person | undefined; fallbackName: string; grant: RoleGrant }[] = [
    {
      login: 'region',
      person: await findPerson(db, and(eq(organizations.kind, 'ministry'), eq(organizations.territoryId, regionId), eq(staffPositions.title, 'Начальник отдела общего образования'))),
      fallbackName: 'Специалист министерства образования',
      grant: { role: 'regional_admin', territoryId: regionId, organizationId: null },
    },
    {
      login: 'municipal',
      person: await findPerson(db, and(eq(organizations.kind, 'municipal_authority'), eq(organizations.territoryId, municipality1), eq(staffPositions.title, 'Главный специалист'))),
      fallbackName: 'Специалист муниципального органа управления образованием',
      grant: { role: 'municipal_admin', territoryId: municipality1, organizationId: null },
    },
    {
      login: 'school',
      person: await findPerson(db, and(eq(staffPositions.organizationId, school), eq(staffPositions.title, 'Заместитель директора по учебно-воспитательной работе'))),
      fallbackName: 'Заместитель директора школы',
      grant: { role: 'organization_admin', territoryId: null, organizationId: school },
    },
    {
      login: 'teacher',
      // the youngest in the profession: likely a young specialist with a mentor
      person: await findPerson(
        db,
        and(eq(staffPositions.organizationId, school), eq(staffPositions.title, 'Учитель математики'), sql`cardinality(${staff.organizationIds}) = 1`),
        desc(staff.professionStartYear),
      ),
      fallbackName: 'Учитель математики',
      grant: { role: 'teacher', territoryId: null, organizationId: school },
    },
    {
      login: 'school2',
      person: await findPerson(db, and(eq(staffPositions.organizationId, school2), eq(staffPositions.title, 'Директор'))),
      fallbackName: 'Директор школы',
      grant: { role: 'organization_admin', territoryId: null, organizationId: school2 },
    },
  ];
  const teacherPerson = accounts.find((a) => a.login === 'teacher')?.person;
  // the teacher's mentor: the most experienced teacher of the same subject in the school (highest category first)
  const mentorPerson = await findPerson(
    db,
    and(
      eq(staffPositions.organizationId, school),
      eq(staffPositions.title, 'Учитель математики'),
      sql`cardinality(${staff.organizationIds}) = 1`,
      sql`${staff.professionStartYear} <= extract(year from current_date)::int - 10`,
      teacherPerson ? sql`${staff.id} <> ${teacherPerson.staffId}` : undefined,
    ),
    sql`(${staff.qualificationCategory} IS NOT DISTINCT FROM 'highest') DESC, ${staff.professionStartYear} ASC`,
  );
  accounts.push({
    login: 'mentor',
    person: mentorPerson,
    fallbackName: 'Наставник',
    grant: { role: 'mentor', territoryId: null, organizationId: school },
  });
  const cnppm = await findOrganization(db, and(eq(organizations.kind, 'cnppm'), eq(organizations.territoryId, regionId)));
  if (cnppm) {
    accounts.push({
      login: 'tutor',
      person: await findPerson(db, and(eq(staffPositions.organizationId, cnppm), eq(staffPositions.title, 'Тьютор'))),
      fallbackName: 'Тьютор ЦНППМ',
      grant: { role: 'tutor', territoryId: null, organizationId: cnppm },
    });
  }
  // an expert of the region's bank of practices: a methodologist of the ЦНППМ or the institute
  const methodologist = (orgId: string | undefined) => (orgId ? findPerson(db, and(eq(staffPositions.organizationId, orgId), eq(staffPositions.title, 'Методист'))) : Promise.resolve(undefined));
  const institute = await findOrganization(db, and(eq(organizations.kind, 'development_institute'), eq(organizations.territoryId, regionId)));
  accounts.push({
    login: 'expert',
    person: (await methodologist(cnppm)) ?? (await methodologist(institute)),
    fallbackName: 'Эксперт банка практик',
    grant: { role: 'expert', territoryId: regionId, organizationId: null },
  });
  const ids = new Map<string, string>();
  for (const a of accounts) {
    ids.set(
      a.login,
      await createUser(db, {
        login: loginPrefix + a.login,
        password: demoPassword,
        displayName: a.person?.displayName ?? a.fallbackName,
        staffId: a.person?.staffId ?? null,
        roles: [a.grant],
      }),
    );
  }
  await createFellowExperts(db, regionId, [institute, cnppm], loginPrefix);
  const tutor = ids.get('tutor');
  const teacher = accounts.find((a) => a.login === 'teacher')?.person?.staffId;
  if (tutor && teacher) {
    const tutees = await tutoredPeople(db, municipality1, teacher, TUTORED_PEOPLE - 1);
    await assignTutor(db, tutor, [teacher, ...tutees]);
    if (learning) await loadTutorScenario(db, learning, tutor, teacher, tutees);
  }
  await seedMentoringDemo(db, { schoolId: school, teacherStaffId: teacher ?? null, mentorStaffId: mentorPerson?.staffId ?? null }, added ? [regionId] : undefined);
}

/** Two more experts of the region's bank, so that practices get more than one review: free
 *  methodologists of the ЦНППМ or the institute, else the region's teachers of the highest category
 *  (the generated tutors take most methodologists). They have no known password: an administrator
 *  sets one if somebody needs to sign in as them. */
async function createFellowExperts(db: Db, regionId: string, organizationIds: (string | undefined)[], loginPrefix: string): Promise<void> {
  const orgs = organizationIds.filter((o): o is string => !!o);
  const methodologist = orgs.length ? sql`${staffPositions.organizationId} = ANY(${sql.param(orgs)}::uuid[]) AND ${staffPositions.title} = 'Методист'` : sql`false`;
  const people = await db
    .selectDistinct({ staffId: staff.id, surname: staff.surname, name: staff.name, patronymic: staff.patronymic, methodologist: sql<boolean>`${methodologist}` })
    .from(staffPositions)
    .innerJoin(staff, eq(staff.id, staffPositions.staffId))
    .where(
      and(
        sql`(${methodologist} OR (${staffPositions.title} LIKE 'Учитель%' AND ${staff.qualificationCategory} = 'highest'))`,
        sql`${regionId} = ANY(${staff.territoryIds})`,
        sql`${staff.id} NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL)`,
      ),
    )
    .orderBy(sql`5 DESC`, asc(staff.id))
    .limit(2);
  for (const [i, p] of people.entries()) {
    await createUser(db, {
      login: `${loginPrefix}expert${i + 2}`,
      password: randomBytes(24).toString('base64url'),
      displayName: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
      staffId: p.staffId,
      roles: [{ role: 'expert', territoryId: regionId, organizationId: null }],
    });
  }
}

/** The demo tutor's people get learning data at every stage (ADR 0014): what the generator drew
 *  for them is replaced, so the teacher surely has deficits and a plan in progress with `tutor`. */
async function loadTutorScenario(db: Db, learning: RegionLearning, tutorUserId: string, teacherId: string, tuteeIds: string[]): Promise<void> {
  const ids = [teacherId, ...tuteeIds];
  // plan items point at enrollments: plans (and their items) go first
  await db.delete(learningPlans).where(inArray(learningPlans.staffId, ids));
  await db.delete(enrollments).where(inArray(enrollments.staffId, ids));
  await db.delete(assessmentResults).where(inArray(assessmentResults.staffId, ids));
  await db.delete(assessmentParticipants).where(inArray(assessmentParticipants.staffId, ids));
  await db.delete(tutorAssignments).where(and(inArray(tutorAssignments.staffId, ids), sql`${tutorAssignments.tutorUserId} <> ${tutorUserId}`));
  for (const chunk of learning.tutorScenario(teacherId, tuteeIds, tutorUserId)) await bulkInsert(db, tables[chunk.table], chunk.rows);
}

/** How many people the demo tutor accompanies, the teacher among them. */
export const TUTORED_PEOPLE = 20;

/** Teachers of the municipality's schools a tutor of the ЦНППМ accompanies, none of the demo
 *  accounts: half of them the newest in the profession (young specialists are the usual tutees),
 *  half with years behind them (teachers with deficits after a diagnostic), so that the demo shows
 *  last year's completed plans as well as this year's. */
async function tutoredPeople(db: Db, municipalityId: string, except: string, count: number): Promise<string[]> {
  const newest = await teachersOf(db, municipalityId, except, Math.ceil(count / 2));
  const experienced = await teachersOf(db, municipalityId, except, count - newest.length, new Date().getFullYear() - 2, newest);
  const more = newest.length + experienced.length < count ? await teachersOf(db, municipalityId, except, count - newest.length - experienced.length, undefined, [...newest, ...experienced]) : [];
  return [...newest, ...experienced, ...more];
}

async function teachersOf(db: Db, municipalityId: string, except: string, count: number, startedBy?: number, skip: string[] = []): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await db
    .selectDistinct({ id: staff.id, start: staff.professionStartYear })
    .from(staffPositions)
    .innerJoin(organizations, eq(organizations.id, staffPositions.organizationId))
    .innerJoin(staff, eq(staff.id, staffPositions.staffId))
    .where(
      and(
        eq(organizations.territoryId, municipalityId),
        eq(organizations.kind, 'school'),
        eq(staffPositions.staffCategory, 'pedagogical'),
        sql`${staffPositions.title} LIKE 'Учитель%'`,
        sql`${staff.id} <> ${except}`,
        sql`${staff.id} NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL)`,
        skip.length ? sql`${staff.id} NOT IN (${sql.join(skip.map((id) => sql`${id}`), sql`, `)})` : undefined,
        startedBy === undefined ? undefined : lte(staff.professionStartYear, startedBy),
      ),
    )
    .orderBy(...(startedBy === undefined ? [desc(staff.professionStartYear), asc(staff.id)] : [asc(staff.id)]))
    .limit(count);
  return rows.map((r) => r.id);
}

async function findOrganization(db: Db, where: SQL | undefined): Promise<string | undefined> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(where).orderBy(asc(organizations.id)).limit(1);
  return row?.id;
}

/** A numbered secondary school («СОШ № 3») of the municipality with at least 30 people, or
 *  failing that any of its schools. */
async function findSchool(db: Db, municipalityId: string, except?: string): Promise<string> {
  const people = count(staffPositions.id);
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .innerJoin(staffPositions, eq(staffPositions.organizationId, organizations.id))
    .where(
      and(
        eq(organizations.territoryId, municipalityId),
        eq(organizations.kind, 'school'),
        except ? sql`${organizations.id} <> ${except}` : undefined,
      ),
    )
    .groupBy(organizations.id)
    .orderBy(
      desc(sql`${people} >= 30 AND ${organizations.fullName} LIKE '%«Средняя общеобразовательная школа №%'`),
      asc(organizations.shortName),
      asc(organizations.id),
    )
    .limit(1);
  if (!row) throw new Error('В демонстрационных данных нет школы для учётной записи');
  return row.id;
}

async function findPerson(db: Db, where: SQL | undefined, order: SQL = asc(staff.id)): Promise<Person | undefined> {
  const [row] = await db
    .select({ staffId: staff.id, surname: staff.surname, name: staff.name, patronymic: staff.patronymic })
    .from(staffPositions)
    .innerJoin(organizations, eq(organizations.id, staffPositions.organizationId))
    .innerJoin(staff, eq(staff.id, staffPositions.staffId))
    .where(where)
    .orderBy(order, asc(staff.id))
    .limit(1);
  return row && { staffId: row.staffId, displayName: [row.surname, row.name, row.patronymic].filter(Boolean).join(' ') };
}
