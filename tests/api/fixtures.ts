import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/db/client.js';
import { clearLearningData, type TestApp } from '../../server/db/testing.js';

export const demoRoles = ['region', 'municipal', 'school', 'teacher', 'school2', 'tutor', 'mentor', 'expert'] as const;
export type DemoRole = (typeof demoRoles)[number];

/** Records of a demo region chosen around its demo accounts (`prefix` names the accounts of a region
 *  added by `addDemoRegion`): for each role, some are inside its scope and some outside (a sibling
 *  school, another municipality). */
export async function findFixtures(db: Db, prefix = '') {
  const grants = await queryRows<{ login: string; staff_id: string | null; territory_id: string | null; organization_id: string | null }>(
    db,
    sql`SELECT u.login, u.staff_id, r.territory_id, r.organization_id FROM users u JOIN role_assignments r ON r.user_id = u.id
        WHERE u.login = ANY(${sql.param(demoRoles.map((r) => prefix + r))}::text[])`,
  );
  const g = (role: DemoRole) => grants.find((x) => x.login === prefix + role)!;
  const region = g('region').territory_id!;
  const muni1 = g('municipal').territory_id!;
  const school = g('school').organization_id!;
  const school2 = g('school2').organization_id!;
  const [{ territory_id: muni2 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT territory_id FROM organizations WHERE id = ${school2}`);
  const teacherSelf = g('teacher').staff_id!;
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, q))[0].id;
  const otherSchool = await one(
    sql`SELECT o.id FROM organizations o WHERE o.territory_id = ${muni1} AND o.kind = 'school' AND o.id <> ${school}
        AND EXISTS (SELECT 1 FROM staff_positions p WHERE p.organization_id = o.id) ORDER BY o.short_name LIMIT 1`,
  );
  const ministry = await one(sql`SELECT id FROM organizations WHERE kind = 'ministry' AND territory_id = ${region} LIMIT 1`);
  const onlyAt = (org: string) =>
    one(sql`SELECT s.id FROM staff s WHERE s.organization_ids = ARRAY[${org}]::uuid[] AND s.id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL) ORDER BY s.surname LIMIT 1`);
  // the demo tutor (ЦНППМ) and the people assigned to them
  const tutorStaff = (
    await queryRows<{ staff_id: string }>(db, sql`SELECT ta.staff_id FROM tutor_assignments ta JOIN users u ON u.id = ta.tutor_user_id WHERE u.login = ${prefix + 'tutor'}`)
  ).map((r) => r.staff_id);
  return {
    territories: { region, muni1, muni2 },
    organizations: { school, otherSchool, school2, ministry },
    staff: { teacherSelf, sameSchool: await onlyAt(school), otherSchoolSameMuni: await onlyAt(otherSchool), otherMuni: await onlyAt(school2) },
    schoolUserStaff: g('school').staff_id,
    tutor: { self: g('tutor').staff_id!, organization: g('tutor').organization_id!, staff: tutorStaff },
    /** The people of the mentor account (a teacher of the school who mentors the teacher) and of the expert (a methodologist of the ЦНППМ). */
    mentorSelf: g('mentor').staff_id!,
    expertSelf: g('expert').staff_id!,
  };
}
export type Fixtures = Awaited<ReturnType<typeof findFixtures>>;

/** The rule, stated independently of the server's code: which fixtures each role reads and writes. */
type Access = Record<'staff' | 'organizations' | 'territories', string[]>;

export function expectedAccess(f: Fixtures): Record<DemoRole, { read: Access; write: Access }> {
  const { territories: t, organizations: o, staff: s } = f;
  const all = <T extends Record<string, string>>(x: T) => Object.values(x);
  return {
    region: {
      read: { staff: all(s), organizations: all(o), territories: all(t) },
      write: { staff: all(s), organizations: all(o), territories: all(t) },
    },
    municipal: {
      read: { staff: [s.teacherSelf, s.sameSchool, s.otherSchoolSameMuni], organizations: [o.school, o.otherSchool], territories: [t.region, t.muni1] },
      write: { staff: [s.teacherSelf, s.sameSchool, s.otherSchoolSameMuni], organizations: [o.school, o.otherSchool], territories: [t.muni1] },
    },
    school: {
      read: { staff: [s.teacherSelf, s.sameSchool], organizations: [o.school], territories: [t.region, t.muni1] },
      write: { staff: [s.teacherSelf, s.sameSchool], organizations: [o.school], territories: [] },
    },
    teacher: {
      read: { staff: [s.teacherSelf], organizations: [o.school], territories: [t.region, t.muni1] },
      write: { staff: [], organizations: [], territories: [] },
    },
    school2: {
      read: { staff: [s.otherMuni], organizations: [o.school2], territories: [t.region, t.muni2] },
      write: { staff: [s.otherMuni], organizations: [o.school2], territories: [] },
    },
    // works at the regional ЦНППМ: sees the region, its own centre and the people assigned to it
    tutor: {
      read: { staff: all(s).filter((id) => f.tutor.staff.includes(id)), organizations: [], territories: [t.region] },
      write: { staff: [], organizations: [], territories: [] },
    },
    // a teacher of the school: the role gives no scope, the workplace does (the mentee is read through the pair, not as staff)
    mentor: {
      read: { staff: [], organizations: [o.school], territories: [t.region, t.muni1] },
      write: { staff: [], organizations: [], territories: [] },
    },
    // a methodologist of the ЦНППМ: the expert role gives no scope over people or organizations
    expert: {
      read: { staff: [], organizations: [], territories: [t.region] },
      write: { staff: [], organizations: [], territories: [] },
    },
  };
}

/** Every staff id a role should see in lists, by an independent query over positions (not the
 *  denormalized arrays the server filters on). */
export async function expectedStaffIds(db: Db, role: DemoRole, f: Fixtures): Promise<Set<string>> {
  const current = (cond: ReturnType<typeof sql>) =>
    queryRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT s.id FROM staff s JOIN staff_positions p ON p.staff_id = s.id AND p.end_date IS NULL
          JOIN organizations o ON o.id = p.organization_id WHERE s.archived_at IS NULL AND ${cond}`,
    );
  let rows: { id: string }[];
  switch (role) {
    case 'region':
      rows = await current(sql`o.territory_id IN (SELECT id FROM territories WHERE ${f.territories.region} = ANY(path))`);
      break;
    case 'municipal':
      rows = await current(sql`o.territory_id = ${f.territories.muni1}`);
      break;
    case 'school':
      rows = await current(sql`${f.organizations.school} = ANY(o.path)`);
      break;
    case 'teacher':
      rows = [{ id: f.staff.teacherSelf }];
      break;
    case 'school2':
      rows = await current(sql`${f.organizations.school2} = ANY(o.path)`);
      break;
    case 'tutor':
      rows = [...f.tutor.staff, f.tutor.self].map((id) => ({ id }));
      break;
    case 'mentor':
      rows = [{ id: f.mentorSelf }];
      break;
    case 'expert':
      rows = [{ id: f.expertSelf }];
      break;
  }
  return new Set(rows.map((r) => r.id));
}

// ───────────── roadmaps ─────────────

type Client = { json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>; request(path: string, init?: RequestInit): Promise<Response> };
export const roadmapKeys = ['regional', 'muni1', 'muni2', 'school', 'otherSchool'] as const;
export type RoadmapKey = (typeof roadmapKeys)[number];

/** Roadmaps around the demo accounts, made through the API: a regional one (the ministry's), its
 *  cascades into municipalities #1 and #2, the school's own and a neighbouring school's own; one
 *  activity of each, its first control date, and a report with a file by municipality #1. */
/** The municipal education authorities of the fixtures' region. */
const regionAuthorities = (db: Db, f: Fixtures) =>
  queryRows<{ id: string; territory_id: string }>(
    db,
    sql`SELECT id, territory_id FROM organizations WHERE kind = 'municipal_authority' AND territory_id IN (SELECT id FROM territories WHERE ${f.territories.region} = ANY(path)) ORDER BY territory_id`,
  );

export async function createRoadmapFixtures(db: Db, clients: { region: Client; municipal: Client }, f: Fixtures) {
  const authorities = await regionAuthorities(db, f);
  const authorityOf = (territory: string) => authorities.find((a) => a.territory_id === territory)!.id;
  const muni3Authority = authorities.find((a) => ![f.territories.muni1, f.territories.muni2].includes(a.territory_id))!.id;
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const activity = (number: string, title: string, responsible: { text: string; organizationId?: string; kinds?: string[] }[], deadline: string) => ({ number, title, responsible, deadline: { text: deadline }, expectedResult: 'Результат' });
  const regional = ok(
    await post(clients.region, '/api/roadmaps', {
      title: 'Дорожная карта региона (проверка доступа)',
      ownerOrganizationId: f.organizations.ministry,
      periodFrom: 2026,
      periodTo: 2030,
      sections: [
        {
          number: '1',
          title: 'Организационные мероприятия',
          activities: [
            activity('1.1', 'Совещание руководителей', [{ text: 'Министерство', organizationId: f.organizations.ministry }], 'декабрь 2030 г.'),
            activity('1.2', 'Муниципальные планы', authorities.map((a) => ({ text: 'МОУО', organizationId: a.id })), 'ежегодно (сентябрь)'),
          ],
        },
      ],
    }),
    'regional roadmap',
  );
  const cascade = async (client: Client, territory: string) => ok(await post(client, `/api/roadmaps/${regional.id}/cascade`, { ownerOrganizationId: authorityOf(territory) }), 'cascade');
  const muni1 = await cascade(clients.municipal, f.territories.muni1);
  const muni2 = await cascade(clients.region, f.territories.muni2);
  const schoolRoadmap = async (owner: string) =>
    ok(
      await post(clients.region, '/api/roadmaps', {
        title: 'Дорожная карта школы',
        ownerOrganizationId: owner,
        level: 'organization',
        periodFrom: 2026,
        periodTo: 2030,
        sections: [{ number: '1', title: 'Наставничество', activities: [activity('1.1', 'Закрепление наставников', [{ text: 'ОО', kinds: ['school'] }], 'сентябрь 2030 г.')] }],
      }),
      'school roadmap',
    );
  const school = await schoolRoadmap(f.organizations.school);
  const otherSchool = await schoolRoadmap(f.organizations.otherSchool);
  const roadmaps: Record<RoadmapKey, string> = { regional: regional.id, muni1: muni1.id, muni2: muni2.id, school: school.id, otherSchool: otherSchool.id };
  const firstActivity = async (key: RoadmapKey, number: string) =>
    (await clients.region.json(`/api/roadmaps/${roadmaps[key]}/activities`)).body.items.find((a: { number: string }) => a.number === number);
  const acts = {
    regional: await firstActivity('regional', '1.1'),
    muni1: await firstActivity('muni1', '1.2'),
    muni2: await firstActivity('muni2', '1.2'),
    school: await firstActivity('school', '1.1'),
    otherSchool: await firstActivity('otherSchool', '1.1'),
  };
  const activities = Object.fromEntries(roadmapKeys.map((k) => [k, acts[k].id])) as Record<RoadmapKey, string>;
  const occurrences = Object.fromEntries(roadmapKeys.map((k) => [k, acts[k].occurrences[0].id])) as Record<RoadmapKey, string>;
  const form = new FormData();
  form.append('text', 'План утверждён');
  form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'план.pdf');
  const report = ok((await clients.municipal.json(`/api/roadmap-activities/${activities.muni1}/reports`, { method: 'POST', body: form })) as { status: number; body: { id: string; files: { id: string }[] } }, 'report');
  return { roadmaps, activities, occurrences, report: { id: report.id, fileId: report.files[0].id }, muni3Authority };
}
export type RoadmapFixtures = Awaited<ReturnType<typeof createRoadmapFixtures>>;

/** The roadmap rule (ADR 0008), stated independently: a regional or municipal roadmap is read by
 *  everyone at or under its territory; an organization's one by those who see the organization;
 *  the owner's administrators write; executors' administrators report. */
export function expectedRoadmapAccess(): Record<DemoRole, { read: RoadmapKey[]; write: RoadmapKey[]; report: RoadmapKey[] }> {
  return {
    region: { read: [...roadmapKeys], write: [...roadmapKeys], report: [...roadmapKeys] },
    municipal: { read: ['regional', 'muni1', 'school', 'otherSchool'], write: ['muni1', 'school', 'otherSchool'], report: ['muni1', 'school', 'otherSchool'] },
    school: { read: ['regional', 'muni1', 'school'], write: ['school'], report: ['school'] },
    teacher: { read: ['regional', 'muni1', 'school'], write: [], report: [] },
    school2: { read: ['regional', 'muni2'], write: [], report: [] },
    tutor: { read: ['regional'], write: [], report: [] },
    mentor: { read: ['regional', 'muni1', 'school'], write: [], report: [] },
    expert: { read: ['regional'], write: [], report: [] },
  };
}

// ───────────── assessments ─────────────

export const assessmentKeys = ['regional', 'school', 'otherSchool'] as const;
export type AssessmentKey = (typeof assessmentKeys)[number];

/** Diagnostics around the demo accounts, made through the API: a regional one run by the ЦНППМ
 *  (with results of the teacher and of a person in municipality #2), the school's own and a
 *  neighbouring school's own. */
export async function createAssessmentFixtures(db: Db, clients: { region: Client; school: Client; school2: Client }, f: Fixtures) {
  const [{ id: cnppm }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'cnppm' AND territory_id = ${f.territories.region} LIMIT 1`);
  const catalog = (await clients.region.json('/api/competencies')).body;
  const competencyId = catalog.groups[2].competencies[0].id as string;
  const year = new Date().getFullYear();
  const body = (title: string, tool: string, organizerOrganizationId: string) =>
    JSON.stringify({ title, tool, organizerOrganizationId, windows: [{ from: `${year}-02-01`, to: `${year}-03-31` }], competencies: [{ competencyId, threshold: 60 }] });
  const make = async (client: Client, title: string, tool: string, organizer: string) => {
    const r = await client.json('/api/assessments', { method: 'POST', body: body(title, tool, organizer) });
    if (r.status !== 201) throw new Error(`assessment ${title}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const assessments: Record<AssessmentKey, string> = {
    regional: await make(clients.region, 'Региональная диагностика (проверка доступа)', 'regional', cnppm),
    school: await make(clients.school, 'Диагностика школы', 'organization', f.organizations.school),
    otherSchool: await make(clients.region, 'Диагностика соседней школы', 'organization', f.organizations.otherSchool),
  };
  const result = async (client: Client, staffId: string) => {
    const r = await client.json(`/api/assessments/${assessments.regional}/results`, { method: 'POST', body: JSON.stringify({ staffId, scores: [{ competencyId, score: 42 }] }) });
    if (r.status !== 200) throw new Error(`result: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await result(clients.school, f.staff.teacherSelf);
  await result(clients.school2, f.staff.otherMuni);
  return { assessments, competencyId, cnppm };
}
export type AssessmentFixtures = Awaited<ReturnType<typeof createAssessmentFixtures>>;

/** The rule (ADR 0010), stated independently: a regional procedure is read by everyone in the
 *  region; an organization's one by those who see the organization; its organizer's
 *  administrators edit it. */
export function expectedAssessmentAccess(): Record<DemoRole, { read: AssessmentKey[]; edit: AssessmentKey[] }> {
  return {
    region: { read: [...assessmentKeys], edit: [...assessmentKeys] },
    municipal: { read: [...assessmentKeys], edit: ['school', 'otherSchool'] },
    school: { read: ['regional', 'school'], edit: ['school'] },
    teacher: { read: ['regional', 'school'], edit: [] },
    school2: { read: ['regional'], edit: [] },
    tutor: { read: ['regional'], edit: [] },
    mentor: { read: ['regional', 'school'], edit: [] },
    expert: { read: ['regional'], edit: [] },
  };
}

// ───────────── programmes and enrollments ─────────────

export const enrollmentKeys = ['teacher', 'otherMuni'] as const;
export type EnrollmentKey = (typeof enrollmentKeys)[number];

/** A registry programme kept by the ministry with a cohort per role (so each role's enrollment
 *  requests do not collide), the school's own programme, the teacher's enrollment in a cohort and
 *  a course taken elsewhere (with a certificate file) by a person of municipality #2. */
export async function createProgramFixtures(clients: Record<DemoRole, Client>, f: Fixtures) {
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string };
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const year = new Date().getFullYear() + 1;
  const program = (over: Record<string, unknown>) => ({ title: 'Программа для проверки доступа', kind: 'upskilling', hours: 36, format: 'distance', providerName: 'Исполнитель', ...over });
  const ministryProgram = ok(await post(clients.region, '/api/programs', program({ ownerOrganizationId: f.organizations.ministry, inFederalRegistry: true, registryNumber: `ПРОВЕРКА-${f.territories.region.slice(0, 8)}` })), 'program');
  const schoolProgram = ok(await post(clients.school, '/api/programs', program({ ownerOrganizationId: f.organizations.school })), 'school program');
  const cohort = (title: string) => post(clients.region, '/api/cohorts', { programId: ministryProgram.id, title, startsOn: `${year}-03-01`, endsOn: `${year}-03-20`, seats: 50 });
  const cohorts = Object.fromEntries(await Promise.all(demoRoles.map(async (r) => [r, ok(await cohort(`Группа ${r}`), 'cohort').id]))) as Record<DemoRole, string>;
  const teacherCohort = ok(await cohort('Группа учителя'), 'cohort').id;
  const teacherEnrollment = ok(await post(clients.school, '/api/enrollments', { staffId: f.staff.teacherSelf, cohortId: teacherCohort }), 'enrollment');
  const form = new FormData();
  for (const [k, v] of Object.entries({ staffId: f.staff.otherMuni, title: 'Курс в другой организации', provider: 'Другая организация', hours: '24', completedOn: `${year - 1}-01-15`, certificateNumber: '1', certificateDate: `${year - 1}-01-15` })) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'удостоверение.pdf');
  const external = ok((await clients.school2.json('/api/enrollments/external', { method: 'POST', body: form })) as { status: number; body: { id: string } }, 'external course');
  return { programs: { ministry: ministryProgram.id, school: schoolProgram.id }, cohorts, enrollments: { teacher: teacherEnrollment.id, otherMuni: external.id } as Record<EnrollmentKey, string> };
}
export type ProgramFixtures = Awaited<ReturnType<typeof createProgramFixtures>>;

// ───────────── learning plans ─────────────

export const planKeys = ['teacher', 'otherMuni'] as const;
export type PlanKey = (typeof planKeys)[number];

/** The teacher's plan drafted by the tutor, agreed by both, its first item reported with a file;
 *  and a draft plan of a person of municipality #2 made by that school (no tutor). */
export async function createPlanFixtures(clients: Record<DemoRole, Client>, f: Fixtures) {
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string; version: number; items: { id: string; version: number }[] };
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const year = new Date().getFullYear() + 1;
  const items = [
    { form: 'non_formal', kind: 'association', title: 'Участие в методическом объединении', expectedResult: 'Выступление', deadline: `${year}-03-01` },
    { form: 'informal', kind: 'self_education', title: 'Самообразование', expectedResult: 'Портфолио', deadline: `${year}-05-01` },
  ];
  const teacherPlan = ok(await post(clients.tutor, '/api/learning-plans', { staffId: f.staff.teacherSelf, items }), 'teacher plan');
  const agree = async (client: Client) => {
    const { body } = await client.json(`/api/learning-plans/${teacherPlan.id}`);
    ok(await post(client, `/api/learning-plans/${teacherPlan.id}/transition`, { version: body.version, action: 'agree' }), 'agree');
  };
  await agree(clients.teacher);
  await agree(clients.tutor);
  const form = new FormData();
  form.append('text', 'Выступила на заседании');
  form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'протокол.pdf');
  const reported = ok((await clients.teacher.json(`/api/learning-plan-items/${teacherPlan.items[0].id}/report`, { method: 'POST', body: form })) as { status: number; body: { id: string; version: number; items: never[]; report: { files: { id: string }[] } } }, 'report');
  const otherPlan = ok(await post(clients.school2, '/api/learning-plans', { staffId: f.staff.otherMuni, items: items.slice(0, 1) }), 'other plan');
  return {
    plans: { teacher: teacherPlan.id, otherMuni: otherPlan.id } as Record<PlanKey, string>,
    items: { teacher: teacherPlan.items[0].id, otherMuni: otherPlan.items[0].id } as Record<PlanKey, string>,
    file: reported.report.files[0].id,
  };
}
export type PlanFixtures = Awaited<ReturnType<typeof createPlanFixtures>>;

// ───────────── bank of practices and registries (ADR 0018) ─────────────

export const practiceKeys = ['review', 'submitted', 'published'] as const;
export type PracticeKey = (typeof practiceKeys)[number];

/** Three practices made through the API: the teacher's (school) under review by the expert, one
 *  of school #2 waiting for experts, and a published one of the school; a file on each; a
 *  resource and a site of the region. */
export async function createPracticeFixtures(clients: Record<DemoRole, Client>, f: Fixtures) {
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const send = (client: Client, method: string, path: string, body: unknown) => client.json(path, { method, body: JSON.stringify(body) });
  const body = (organizationId: string, authors: unknown[]) => ({ title: 'Практика для проверки доступа', kind: 'pedagogical', level: 'basic', description: 'Описание', organizationId, authors });
  const withFile = async (client: Client, id: string) => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'материалы.pdf');
    return ok((await client.json(`/api/practices/${id}/files`, { method: 'POST', body: form })) as { status: number; body: { id: string; version: number; files: { id: string }[] } }, 'practice file');
  };
  const expertId = (await clients.expert.json('/api/auth/me')).body.id as string;
  const review = ok(await send(clients.teacher, 'POST', '/api/practices', body(f.organizations.school, [{ staffId: f.staff.teacherSelf }])), 'practice review') as { id: string };
  const reviewFile = await withFile(clients.teacher, review.id);
  ok(await send(clients.region, 'PUT', `/api/practices/${review.id}/experts`, { version: reviewFile.version, expertUserIds: [expertId] }), 'assign');
  const submitted = ok(await send(clients.school2, 'POST', '/api/practices', body(f.organizations.school2, [{ staffId: f.staff.otherMuni }])), 'practice submitted') as { id: string };
  const submittedFile = await withFile(clients.school2, submitted.id);
  const published = ok(await send(clients.school, 'POST', '/api/practices', body(f.organizations.school, [{ staffId: f.staff.sameSchool }])), 'practice published') as { id: string };
  const publishedFile = await withFile(clients.school, published.id);
  const assigned = ok(await send(clients.region, 'PUT', `/api/practices/${published.id}/experts`, { version: publishedFile.version, expertUserIds: [expertId] }), 'assign') as { version: number };
  const scores = { relevance: 5, novelty: 5, effectiveness: 5, reproducibility: 5, methodology: 5 };
  const reviewed = ok(await send(clients.expert, 'POST', `/api/practices/${published.id}/reviews`, { scores, recommendation: 'publish' }), 'review') as { version: number };
  ok(await send(clients.expert, 'POST', `/api/practices/${published.id}/decision`, { version: reviewed.version, decision: 'publish' }), 'publish');
  void assigned;
  const resource = ok(await send(clients.region, 'POST', '/api/resources', { title: 'Проверочный ресурс', url: 'https://edsoo.ru/', topic: 'Проверка', audiences: ['teachers'] }), 'resource') as { id: string };
  const site = ok(await send(clients.region, 'POST', '/api/innovation-sites', { organizationId: f.organizations.school, kind: 'innovation', status: 'active', topic: 'Проверка', periodFrom: '2025-09-01' }), 'site') as { id: string };
  return {
    practices: { review: review.id, submitted: submitted.id, published: published.id } as Record<PracticeKey, string>,
    files: { review: reviewFile.files[0].id, submitted: submittedFile.files[0].id, published: publishedFile.files[0].id } as Record<PracticeKey, string>,
    resource: resource.id,
    site: site.id,
  };
}
export type PracticeFixtures = Awaited<ReturnType<typeof createPracticeFixtures>>;

/** The practice rule (ADR 0018), stated independently: published ones are read by all; before that
 *  by readers of the organization, its authors and submitter, and the assigned experts. Authors
 *  (submitter, author, administrators of the organization) edit while submitted or returned; the
 *  regional administrator assigns experts; assigned experts score. */
export function expectedPracticeAccess(): Record<DemoRole, { read: PracticeKey[]; author: PracticeKey[]; manager: boolean; expertOf: PracticeKey[] }> {
  return {
    region: { read: [...practiceKeys], author: [...practiceKeys], manager: true, expertOf: [] },
    municipal: { read: ['review', 'published'], author: ['review', 'published'], manager: false, expertOf: [] },
    school: { read: ['review', 'published'], author: ['review', 'published'], manager: false, expertOf: [] },
    teacher: { read: ['review', 'published'], author: ['review'], manager: false, expertOf: [] },
    school2: { read: ['submitted', 'published'], author: ['submitted'], manager: false, expertOf: [] },
    tutor: { read: ['published'], author: [], manager: false, expertOf: [] },
    // a colleague of the teacher: an unpublished practice is not the whole school's
    mentor: { read: ['published'], author: [], manager: false, expertOf: [] },
    expert: { read: ['review', 'published'], author: [], manager: false, expertOf: ['review', 'published'] },
  };
}
// ───────────── documents and vacancies ─────────────

/** Documents around the demo accounts, one per roadmap key (they follow the same rule, ADR 0019):
 *  the ministry's order, the orders of the authorities of municipalities #1 and #2, the school's and
 *  a neighbouring school's local acts; each with a file, a link to the regional roadmap's activity
 *  and a link to its owner. Vacancies at the school, the neighbouring school and school #2. */
export async function createDocumentFixtures(db: Db, clients: { region: Client }, f: Fixtures, rm: RoadmapFixtures) {
  const authorities = await regionAuthorities(db, f);
  const authorityOf = (territory: string) => authorities.find((a) => a.territory_id === territory)!.id;
  const owners: Record<RoadmapKey, string> = {
    regional: f.organizations.ministry,
    muni1: authorityOf(f.territories.muni1),
    muni2: authorityOf(f.territories.muni2),
    school: f.organizations.school,
    otherSchool: f.organizations.otherSchool,
  };
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string };
  };
  const post = (path: string, body: unknown) => clients.region.json(path, { method: 'POST', body: JSON.stringify(body) });
  const documents = {} as Record<RoadmapKey, string>;
  const activityLinks = {} as Record<RoadmapKey, string>;
  const organizationLinks = {} as Record<RoadmapKey, string>;
  for (const key of roadmapKeys) {
    const d = ok(await post('/api/documents', { kind: key.includes('chool') ? 'local_act' : 'order', title: `Документ для проверки доступа (${key})`, ownerOrganizationId: owners[key] }), `document ${key}`);
    documents[key] = d.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'приказ.pdf');
    ok((await clients.region.json(`/api/documents/${d.id}/file`, { method: 'PUT', body: form })) as { status: number; body: unknown }, 'document file');
    activityLinks[key] = ok(await post(`/api/documents/${d.id}/activity-links`, { activityId: rm.activities.regional }), 'activity link').activityLinks[0].id;
    organizationLinks[key] = ok(await post(`/api/documents/${d.id}/organization-links`, { organizationId: owners[key], purpose: 'Проверка доступа' }), 'organization link').organizationLinks[0].id;
  }
  const vacancyAt = async (organizationId: string) =>
    ok(await post('/api/vacancies', { organizationId, position: 'Учитель', subject: 'Физика', hours: 18, openSince: '2026-01-10' }), 'vacancy').id;
  const vacancies = { school: await vacancyAt(f.organizations.school), otherSchool: await vacancyAt(f.organizations.otherSchool), school2: await vacancyAt(f.organizations.school2) };
  const vacancyOrganization = { [vacancies.school]: f.organizations.school, [vacancies.otherSchool]: f.organizations.otherSchool, [vacancies.school2]: f.organizations.school2 };
  return { documents, owners, activityLinks, organizationLinks, vacancies, vacancyOrganization };
}
export type DocumentFixtures = Awaited<ReturnType<typeof createDocumentFixtures>>;
// ───────────── mentoring ─────────────

export const pairKeys = ['teacher', 'otherMuni'] as const;
export type PairKey = (typeof pairKeys)[number];
export const programmeKeys = ['school', 'school2'] as const;
export type ProgrammeKey = (typeof programmeKeys)[number];

/** The demo pair (the mentor account mentors the teacher), a pair of municipality #2 confirmed by
 *  that school, a programme with a document in each demo school, and «менторство» of a neighbouring
 *  school of municipality #1 over school #2 (marked as a school with low results). */
export async function createMentoringFixtures(db: Db, clients: Record<DemoRole, Client>, f: Fixtures) {
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string; version: number; documents: { id: string }[] };
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const [demoPair] = await queryRows<{ id: string }>(db, sql`SELECT id FROM mentorships WHERE mentee_staff_id = ${f.staff.teacherSelf} AND status = 'active' LIMIT 1`);
  const [colleague] = await queryRows<{ id: string }>(
    db,
    sql`SELECT s.id FROM staff s WHERE s.organization_ids = ARRAY[${f.organizations.school2}]::uuid[] AND s.id <> ${f.staff.otherMuni}
        AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_staff_id = s.id OR m.mentee_staff_id = s.id) ORDER BY s.surname, s.id LIMIT 1`,
  );
  const otherPair = ok(await post(clients.school2, '/api/mentorships', { mentorStaffId: colleague.id, menteeStaffId: f.staff.otherMuni, form: 'competence', confirm: true }), 'pair of municipality #2');
  const programme = async (client: Client, organizationId: string) => {
    const p = ok(await post(client, '/api/mentorships/programmes', { organizationId, title: 'Программа наставничества (проверка доступа)', periodFrom: '2026-09-01', periodTo: '2028-08-31' }), 'programme');
    const form = new FormData();
    form.append('kind', 'regulation');
    form.append('title', 'Положение о наставничестве');
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'положение.pdf');
    const withDoc = ok((await client.json(`/api/mentorships/programmes/${p.id}/documents`, { method: 'POST', body: form })) as { status: number; body: { id: string; documents: { id: string }[] } }, 'document');
    return { id: p.id, documentId: withDoc.documents[0].id };
  };
  const school = await programme(clients.school, f.organizations.school);
  const school2 = await programme(clients.school2, f.organizations.school2);
  await db.execute(sql`UPDATE organizations SET low_results_school = true WHERE id = ${f.organizations.school2}`);
  const [manager] = await queryRows<{ staff_id: string }>(db, sql`SELECT staff_id FROM staff_positions WHERE organization_id = ${f.organizations.otherSchool} AND end_date IS NULL ORDER BY staff_category DESC, staff_id LIMIT 1`);
  const teamBody = { mentorOrganizationId: f.organizations.otherSchool, menteeOrganizationId: f.organizations.school2, mentorTeamStaffIds: [manager.staff_id], startsOn: '2026-09-01' };
  const team = ok(await post(clients.region, '/api/team-mentorships', teamBody), 'team mentoring');
  return {
    pairs: { teacher: demoPair.id, otherMuni: otherPair.id } as Record<PairKey, string>,
    pairMentees: { teacher: f.staff.teacherSelf, otherMuni: f.staff.otherMuni } as Record<PairKey, string>,
    programmes: { school, school2 } as Record<ProgrammeKey, { id: string; documentId: string }>,
    programmeOrgs: { school: f.organizations.school, school2: f.organizations.school2 } as Record<ProgrammeKey, string>,
    team: { id: team.id, body: teamBody },
  };
}
export type MentoringFixtures = Awaited<ReturnType<typeof createMentoringFixtures>>;

// ───────────── events calendar, communities, contests (ADR 0017) ─────────────

/** Around the demo accounts, made through the API, keyed like the roadmaps (a regional record of
 *  the ministry, municipal ones of municipalities #1 and #2, the school's and a neighbouring
 *  school's own): events (running now, so registration, attendance and reports are open), annual
 *  calendars, communities; the teacher's registration and a report with a photo on municipality
 *  #1's event; the teacher as a member of its community with a meeting and a protocol; a regional
 *  and a municipality #1 contest with the teacher nominated to the regional one; the teacher's feed. */
export async function createEventFixtures(db: Db, clients: Record<DemoRole, Client>, f: Fixtures) {
  const authorities = await regionAuthorities(db, f);
  const authorityOf = (territory: string) => authorities.find((a) => a.territory_id === territory)!.id;
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string; version: number };
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const owners: Record<RoadmapKey, { client: Client; org: string; level: string }> = {
    regional: { client: clients.region, org: f.organizations.ministry, level: 'regional' },
    muni1: { client: clients.municipal, org: authorityOf(f.territories.muni1), level: 'municipal' },
    muni2: { client: clients.region, org: authorityOf(f.territories.muni2), level: 'municipal' },
    school: { client: clients.school, org: f.organizations.school, level: 'organization' },
    otherSchool: { client: clients.municipal, org: f.organizations.otherSchool, level: 'organization' },
  };
  const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const events = {} as Record<RoadmapKey, string>;
  const calendars = {} as Record<RoadmapKey, string>;
  const communities = {} as Record<RoadmapKey, string>;
  for (const key of roadmapKeys) {
    const o = owners[key];
    events[key] = ok(
      await post(o.client, '/api/events', { title: `Семинар (${key})`, level: o.level, kind: 'seminar', format: 'in_person', organizerOrganizationId: o.org, startsAt: hours(-1), endsAt: hours(24), place: 'Актовый зал', capacity: 100 }),
      `event ${key}`,
    ).id;
    calendars[key] = ok(await post(o.client, '/api/event-calendars', { ownerOrganizationId: o.org, year: 2040, level: o.level }), `calendar ${key}`).id;
    communities[key] = ok(await post(o.client, '/api/communities', { name: `Методическое объединение (${key})`, kind: 'methodological_association', level: o.level, baseOrganizationId: o.org }), `community ${key}`).id;
  }
  const registration = ok(await post(clients.teacher, `/api/events/${events.muni1}/registrations`, {}), 'registration').id;
  const form = new FormData();
  for (const [k, v] of Object.entries({ place: 'Актовый зал', startsOn: '2026-11-23', endsOn: '2026-11-23', format: 'in_person', participantsCount: '12' })) form.append(k, v);
  form.append('photos', new Blob([new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))]), 'фото.png');
  const report = ok((await clients.municipal.json(`/api/events/${events.muni1}/report`, { method: 'POST', body: form })) as { status: number; body: { photos: { id: string }[] } }, 'report');
  const member = ok(await post(clients.municipal, `/api/communities/${communities.muni1}/members`, { staffId: f.staff.teacherSelf }), 'member').id;
  const meetingForm = new FormData();
  meetingForm.append('heldAt', '2026-10-01T15:00:00+03:00');
  meetingForm.append('topic', 'Заседание для проверки доступа');
  meetingForm.append('participantIds', f.staff.teacherSelf);
  meetingForm.append('protocol', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'протокол.pdf');
  const meeting = ok((await clients.municipal.json(`/api/communities/${communities.muni1}/meetings`, { method: 'POST', body: meetingForm })) as { status: number; body: { id: string; protocolFiles: { id: string }[] } }, 'meeting');
  const stages = [{ level: 'organization' }, { level: 'municipal' }, { level: 'regional' }];
  const regionalContest = ok(await post(clients.region, '/api/contests', { title: 'Учитель года (проверка доступа)', year: 2040, organizerOrganizationId: f.organizations.ministry, stages }), 'contest') as unknown as { id: string; stages: { id: string }[] };
  const muniContest = ok(await post(clients.municipal, '/api/contests', { title: 'Педагогический дебют (проверка доступа)', year: 2040, organizerOrganizationId: owners.muni1.org, stages }), 'contest') as unknown as { id: string; stages: { id: string }[] };
  const entry = ok(await post(clients.school, `/api/contest-stages/${regionalContest.stages[0].id}/entries`, { staffId: f.staff.teacherSelf }), 'entry').id;
  const feed = ok(await post(clients.teacher, '/api/event-feeds', {}), 'feed') as unknown as { id: string; path: string };
  return {
    events,
    calendars,
    communities,
    registration,
    photo: { eventId: events.muni1, fileId: report.photos[0].id },
    member,
    meeting: { id: meeting.id, fileId: meeting.protocolFiles[0].id },
    contests: { regional: regionalContest.id, muni1: muniContest.id } as Record<ContestKey, string>,
    firstStages: { regional: regionalContest.stages[0].id, muni1: muniContest.stages[0].id } as Record<ContestKey, string>,
    entry,
    feed,
  };
}
export type EventFixtures = Awaited<ReturnType<typeof createEventFixtures>>;

export const contestKeys = ['regional', 'muni1'] as const;
export type ContestKey = (typeof contestKeys)[number];

/** Contests are open within the organizer's territory (ADR 0017); the organizer's administrators keep them. */
export function expectedContestAccess(): Record<DemoRole, { read: ContestKey[]; organizer: ContestKey[] }> {
  return {
    region: { read: [...contestKeys], organizer: [...contestKeys] },
    municipal: { read: [...contestKeys], organizer: ['muni1'] },
    school: { read: [...contestKeys], organizer: [] },
    teacher: { read: [...contestKeys], organizer: [] },
    school2: { read: ['regional'], organizer: [] },
    tutor: { read: ['regional'], organizer: [] },
    mentor: { read: [...contestKeys], organizer: [] },
    expert: { read: ['regional'], organizer: [] },
  };
}

// ───────────── monitoring and recommendations ─────────────

export const campaignKeys = ['regional', 'muni1'] as const;
export type CampaignKey = (typeof campaignKeys)[number];
export const assignmentKeys = ['school', 'otherSchool', 'school2'] as const;
export type AssignmentKey = (typeof assignmentKeys)[number];
export const recommendationKeys = ['toMuni1', 'toMuni2', 'toSchool'] as const;
export type RecommendationKey = (typeof recommendationKeys)[number];

/** A regional campaign (the ministry's) assigned to the school, a neighbouring school and school #2,
 *  a municipal one of municipality #1 assigned to the school, both open; the school has submitted
 *  its part of the regional one, and the neighbouring school's part holds a file. Recommendations:
 *  the region to municipalities #1 and #2, municipality #1 to the school. */
export async function createMonitoringFixtures(clients: Record<DemoRole, Client>, f: Fixtures) {
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string; version: number; forms: { id: string }[] };
  };
  const send = (client: Client, method: string, path: string, body: unknown) => client.json(path, { method, body: JSON.stringify(body) });
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const fields = [{ key: 'staff_total', label: 'Численность работников', type: 'number', required: true, prefill: 'staff_total' }, { key: 'order', label: 'Приказ', type: 'file', required: false }];
  const campaign = async (client: Client, title: string, organizationIds: string[]) => {
    const c = ok(await send(client, 'POST', '/api/monitoring/campaigns', { title, year: 2026, periodLabel: '2026 год', collectFrom: day(-10), deadline: day(20), forms: [{ title: 'Сведения', fields }] }), title);
    ok(await send(client, 'POST', `/api/monitoring/campaigns/${c.id}/assignments`, { organizationIds }), 'assignments');
    return ok(await send(client, 'PATCH', `/api/monitoring/campaigns/${c.id}`, { status: 'open', version: c.version }), 'open');
  };
  const regional = await campaign(clients.region, 'Региональный мониторинг (проверка доступа)', [f.organizations.school, f.organizations.otherSchool, f.organizations.school2]);
  const muni1 = await campaign(clients.municipal, 'Муниципальный мониторинг (проверка доступа)', [f.organizations.school]);
  const items: { id: string; organizationId: string }[] = (await clients.region.json(`/api/monitoring/campaigns/${regional.id}/assignments`)).body.items;
  const assignmentOf = (org: string) => items.find((a) => a.organizationId === org)!.id;
  const assignments: Record<AssignmentKey, string> = { school: assignmentOf(f.organizations.school), otherSchool: assignmentOf(f.organizations.otherSchool), school2: assignmentOf(f.organizations.school2) };
  const formId = regional.forms[0].id;
  const card = ok(await clients.school.json(`/api/monitoring/assignments/${assignments.school}/submission`), 'submission');
  ok(await send(clients.school, 'POST', `/api/monitoring/assignments/${assignments.school}/submission/transition`, { action: 'submit', version: card.version, values: { [formId]: { staff_total: 30 } } }), 'submit');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'приказ.pdf');
  const file = ok((await clients.municipal.json(`/api/monitoring/assignments/${assignments.otherSchool}/files`, { method: 'POST', body: form })) as { status: number; body: { fileId: string } }, 'file');
  const other = ok(await clients.municipal.json(`/api/monitoring/assignments/${assignments.otherSchool}/submission`), 'submission');
  ok(await send(clients.municipal, 'PUT', `/api/monitoring/assignments/${assignments.otherSchool}/submission`, { values: { [formId]: { order: file } }, version: other.version }), 'save file');

  const issue = async (client: Client, addressee: Record<string, string>) =>
    ok(await send(client, 'POST', '/api/recommendations', { addressees: [addressee], title: 'Рекомендация (проверка доступа)', text: 'Текст рекомендации для проверки доступа', dueDate: day(30) }), 'recommendation') as unknown as { items: { id: string }[] };
  const recommendations: Record<RecommendationKey, string> = {
    toMuni1: (await issue(clients.region, { territoryId: f.territories.muni1 })).items[0].id,
    toMuni2: (await issue(clients.region, { territoryId: f.territories.muni2 })).items[0].id,
    toSchool: (await issue(clients.municipal, { organizationId: f.organizations.school })).items[0].id,
  };
  return { campaigns: { regional: regional.id, muni1: muni1.id } as Record<CampaignKey, string>, forms: { regional: formId, muni1: muni1.forms[0].id } as Record<CampaignKey, string>, assignments, file: { assignment: assignments.otherSchool, fileId: file.fileId }, recommendations };
}
export type MonitoringFixtures = Awaited<ReturnType<typeof createMonitoringFixtures>>;

/** The monitoring rule (ADR 0026), stated independently: a campaign is read with a read scope over
 *  its territory or over an assigned organization; a submission by those who see the organization;
 *  the running body's administrators edit the campaign; the organization's administrators fill in. */
export function expectedMonitoringAccess(): Record<DemoRole, { campaigns: CampaignKey[]; editCampaigns: CampaignKey[]; assignments: AssignmentKey[]; fill: AssignmentKey[]; remind: CampaignKey[]; recommendations: RecommendationKey[]; respond: RecommendationKey[]; decide: RecommendationKey[]; issues: boolean }> {
  return {
    region: { campaigns: ['regional', 'muni1'], editCampaigns: ['regional', 'muni1'], assignments: ['school', 'otherSchool', 'school2'], fill: ['school', 'otherSchool', 'school2'], remind: ['regional', 'muni1'], recommendations: ['toMuni1', 'toMuni2', 'toSchool'], respond: [], decide: ['toMuni1', 'toMuni2', 'toSchool'], issues: true },
    municipal: { campaigns: ['regional', 'muni1'], editCampaigns: ['muni1'], assignments: ['school', 'otherSchool'], fill: ['school', 'otherSchool'], remind: ['regional', 'muni1'], recommendations: ['toMuni1', 'toSchool'], respond: ['toMuni1'], decide: ['toSchool'], issues: true },
    school: { campaigns: ['regional', 'muni1'], editCampaigns: [], assignments: ['school'], fill: ['school'], remind: [], recommendations: ['toSchool'], respond: ['toSchool'], decide: [], issues: false },
    teacher: { campaigns: [], editCampaigns: [], assignments: [], fill: [], remind: [], recommendations: [], respond: [], decide: [], issues: false },
    school2: { campaigns: ['regional'], editCampaigns: [], assignments: ['school2'], fill: ['school2'], remind: [], recommendations: [], respond: [], decide: [], issues: false },
    tutor: { campaigns: [], editCampaigns: [], assignments: [], fill: [], remind: [], recommendations: [], respond: [], decide: [], issues: false },
    mentor: { campaigns: [], editCampaigns: [], assignments: [], fill: [], remind: [], recommendations: [], respond: [], decide: [], issues: false },
    expert: { campaigns: [], editCampaigns: [], assignments: [], fill: [], remind: [], recommendations: [], respond: [], decide: [], issues: false },
  };
}

// ───────────── a whole region ─────────────

/** The records of one demo region, made through the API by its accounts. */
export async function createRegionFixtures(app: TestApp, clients: Record<DemoRole, Client>, prefix = '') {
  const db = app.database.db;
  const f = await findFixtures(db, prefix);
  // the demo gives these people a learning history; the fixtures build their plans from the start
  await clearLearningData(app.database, [f.staff.teacherSelf, f.staff.otherMuni]);
  const rm = await createRoadmapFixtures(db, clients, f);
  const as = await createAssessmentFixtures(db, clients, f);
  const pr = await createProgramFixtures(clients, f);
  const lp = await createPlanFixtures(clients, f);
  const pc = await createPracticeFixtures(clients, f);
  const dc = await createDocumentFixtures(db, clients, f, rm);
  const mt = await createMentoringFixtures(db, clients, f);
  const ev = await createEventFixtures(db, clients, f);
  const mo = await createMonitoringFixtures(clients, f);
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T & { id: string };
  };
  const post = (path: string, body: unknown) => clients.region.json(path, { method: 'POST', body: JSON.stringify(body) });
  // two indicators of the region: one to change, one to delete
  const indicator = async (code: string) =>
    ok(await post('/api/indicators', { code, year: new Date().getUTCFullYear(), name: `Проверочный показатель ${code}`, unit: 'count', kind: 'computed', numerator: 'courses_completed' }), 'indicator').id;
  const indicators = { kept: await indicator('auth_kept'), removed: await indicator('auth_removed') };
  // a person made for destruction beside the school's fixture person (the fixtures stay intact), and the act
  const [doomed] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO staff (surname, name, organization_ids, territory_ids) SELECT 'Проверкина', 'Анна', organization_ids, territory_ids FROM staff WHERE id = ${f.staff.sameSchool} RETURNING id`,
  );
  const destructionAct = ok(await post(`/api/staff/${doomed.id}/privacy/destroy`, { basis: 'Проверка прав доступа', confirm: true }), 'destruction').id;
  return { f, rm, as, pr, lp, pc, dc, mt, ev, mo, indicators, destructionAct };
}
export type RegionFixtures = Awaited<ReturnType<typeof createRegionFixtures>>;
