import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/db/client.js';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type TestClient } from '../../server/db/testing.js';
import { addDemoRegion } from '../../server/modules/demo/demo.service.js';
import { record, replayOnOtherRegion, scanRefusals, type OtherRegionFigures, type Sent } from './other-region.js';
import {
  expectedAccess,
  expectedStaffIds,
  demoRoles,
  expectedRoadmapAccess,
  roadmapKeys,
  expectedAssessmentAccess,
  assessmentKeys,
  planKeys,
  type PlanFixtures,
  type PlanKey,
  enrollmentKeys,
  type ProgramFixtures,
  type AssessmentFixtures,
  type AssessmentKey,
  type DemoRole,
  type Fixtures,
  type RoadmapFixtures,
  type RoadmapKey,
  expectedPracticeAccess,
  practiceKeys,
  type PracticeFixtures,
  type PracticeKey,
  type DocumentFixtures,
  pairKeys,
  programmeKeys,
  type MentoringFixtures,
  type PairKey,
  type ProgrammeKey,
  expectedContestAccess,
  contestKeys,
  type EventFixtures,
  type ContestKey,
  expectedMonitoringAccess,
  campaignKeys,
  assignmentKeys,
  recommendationKeys,
  type MonitoringFixtures,
  createRegionFixtures,
  type RegionFixtures,
  type CampaignKey,
  type AssignmentKey,
  type RecommendationKey,
} from './fixtures.js';
import { writeXlsx } from '../../server/lib/xlsx.js';
import { importKinds } from '../../server/modules/imports/imports.schema.js';

/**
 * Walks every operation of the OpenAPI document and checks every demo role (and an anonymous
 * caller) against records inside and outside its scope. An operation with no entry in
 * `coverage` fails the test, so a new endpoint cannot go unchecked.
 */

/** The first region's fixtures, its accounts and the expected access, stated independently. */
type Ctx = RegionFixtures & {
  app: TestApp;
  clients: Record<DemoRole, TestClient>;
  access: ReturnType<typeof expectedAccess>;
  rmAccess: ReturnType<typeof expectedRoadmapAccess>;
  asAccess: ReturnType<typeof expectedAssessmentAccess>;
  ctAccess: ReturnType<typeof expectedContestAccess>;
  moAccess: ReturnType<typeof expectedMonitoringAccess>;
};
type Check = (ctx: Ctx, op: { method: string; path: string }) => Promise<void>;

const resources = { '/api/staff': 'staff', '/api/organizations': 'organizations', '/api/territories': 'territories' } as const;
type Resource = (typeof resources)[keyof typeof resources];

const idsOf = (f: Fixtures, r: Resource) => Object.values(f[r]);
const isAdmin = (ctx: Pick<Ctx, 'access'>, role: DemoRole) => Object.values(ctx.access[role].write).some((x) => x.length > 0);

async function allPages(client: TestClient, path: string, key = 'id') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body }: { status: number; body: any } = await client.json(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(status, `${client.login} GET ${path}`).toBe(200);
    ids.push(...body.items.map((i: Record<string, string>) => i[key]));
    cursor = body.nextCursor;
    total = body.total;
  } while (cursor);
  expect(ids.length, `${client.login} ${path}: total matches the pages`).toBe(total);
  return ids;
}

const readOne: (r: Resource) => Check = (r) => async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const id of idsOf(f, r)) {
      const res = await clients[role].request(op.path.replace('{id}', id));
      const expected = access[role].read[r].includes(id) ? 200 : 404;
      expect(res.status, `${role} GET ${op.path} ${id}`).toBe(expected);
      if (expected === 404) expect(await res.text()).not.toMatch(new RegExp(id));
    }
  }
};

const patchOne: (r: Resource) => Check = (r) => async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const id of idsOf(f, r)) {
      // a stale version: access is decided before the version check, and nothing changes
      const { status } = await clients[role].json(op.path.replace('{id}', id), { method: 'PATCH', body: JSON.stringify({ version: 999999 }) });
      const expected = !access[role].read[r].includes(id) ? 404 : access[role].write[r].includes(id) ? 409 : 403;
      expect(status, `${role} PATCH ${op.path} ${id}`).toBe(expected);
    }
  }
};

const list: (r: Resource) => Check = (r) => async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], `/api/${r}`));
    for (const id of idsOf(ctx.f, r)) expect(ids.has(id), `${role} list ${r} has ${id}`).toBe(ctx.access[role].read[r].includes(id));
    if (r === 'staff') expect([...ids].sort()).toEqual([...(await expectedStaffIds(ctx.app.database.db, role, ctx.f))].sort());
  }
};

const exportList: (r: Resource) => Check = (r) => async ({ clients }, op) => {
  for (const role of demoRoles) {
    const res = await clients[role].request(op.path);
    expect(res.status, `${role} ${op.path}`).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const { body } = await clients[role].json(`/api/${r}?limit=1`);
    // title row + header row + one row per record
    expect(wb.worksheets[0].actualRowCount - 2, `${role} export ${r} rows`).toBe(body.total);
  }
};

const create: (r: Resource) => Check = (r) => async ({ clients, f, access }, op) => {
  const bodies = {
    staff: (org: string) => ({ surname: 'Проверкина', name: 'Анна', positions: [{ organizationId: org, title: 'Учитель', staffCategory: 'pedagogical' }] }),
    organizations: (territory: string) => ({ kind: 'school', shortName: 'МБОУ «Тестовая школа»', fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Тестовая школа»', territoryId: territory }),
    territories: (parent: string) => ({ kind: 'municipality', name: 'Тестовый муниципальный округ', parentId: parent }),
  };
  const places = { staff: Object.values(f.organizations), organizations: [f.territories.muni1, f.territories.muni2], territories: [f.territories.region] };
  for (const role of demoRoles) {
    for (const place of places[r]) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify(bodies[r](place)) });
      const writable =
        r === 'staff' ? access[role].write.organizations.includes(place) : r === 'organizations' ? access[role].write.territories.includes(place) : access[role].write.territories.includes(place);
      if (writable) expect(status, `${role} POST ${op.path} at ${place}`).toBe(201);
      else expect([403, 404, 422], `${role} POST ${op.path} at ${place} refused`).toContain(status);
    }
  }
};

const anyUser: Check = async ({ clients }, op) => {
  for (const role of demoRoles) expect((await clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(200);
};

const adminsOnly: Check = async ({ clients, access }, op) => {
  for (const role of demoRoles) {
    const isAdmin = Object.values(access[role].write).some((x) => x.length > 0);
    expect((await clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(isAdmin ? 200 : 403);
  }
};

async function staffXlsx(orgName: string) {
  return writeXlsx({
    sheetName: 'Работники',
    columns: [
      { key: 's', header: 'Фамилия', value: (r: string[]) => r[0] },
      { key: 'n', header: 'Имя', value: (r) => r[1] },
      { key: 'o', header: 'Организация (ИНН или краткое наименование)', value: (r) => r[2] },
      { key: 't', header: 'Должность', value: (r) => r[3] },
      { key: 'c', header: 'Категория', value: (r) => r[4] },
    ],
    rows: [['Загрузкина', 'Ольга', orgName, 'Учитель', 'педагогический']],
  });
}

const importBatches = new Map<DemoRole, string>();

const uploadImport: Check = async ({ clients, access }) => {
  for (const role of demoRoles) {
    const isAdmin = Object.values(access[role].write).some((x) => x.length > 0);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await staffXlsx('нет такой организации'))]), 'staff.xlsx');
    const res = await clients[role].request('/api/imports/staff', { method: 'POST', body: form });
    expect(res.status, `${role} upload`).toBe(isAdmin ? 202 : 403);
    if (isAdmin) importBatches.set(role, (await res.json()).id);
  }
};

/** A batch is its uploader's alone: others get 404 for reading and committing it. */
const ownBatch: (commit: boolean) => Check = (commit) => async ({ clients }, op) => {
  for (const [owner, id] of importBatches) {
    for (const role of demoRoles) {
      let status = 0;
      for (let i = 0; i < 100; i++) {
        const res = await clients[role].json(op.path.replace('{id}', id), commit ? { method: 'POST' } : {});
        status = res.status;
        if (commit || res.body?.status !== 'parsing') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // the file's only row names an unknown organization, so its owner's commit is refused as invalid
      const expected = role !== owner ? 404 : commit ? 422 : 200;
      expect(status, `${role} ${op.method} ${op.path} of ${owner}'s batch`).toBe(expected);
    }
  }
};

const auditScoped: Check = async (ctx, op) => {
  await adminsOnly(ctx, op);
  // region reads a person of another municipality: the school's administrator must not see that entry
  await ctx.clients.region.request(`/api/staff/${ctx.f.staff.otherMuni}`);
  const { body } = await ctx.clients.school.json(`/api/audit?entityId=${ctx.f.staff.otherMuni}`);
  expect(body.items).toHaveLength(0);
  const own = await ctx.clients.region.json(`/api/audit?entityId=${ctx.f.staff.otherMuni}`);
  expect(own.body.items.length).toBeGreaterThan(0);
};

// ───────────── roadmaps ─────────────

/** Every role against every fixture roadmap (or its activity, or its first control date):
 *  404 outside the read rule, otherwise what `visible` says (200 by default). */
const perRoadmap =
  (
    target: (rm: RoadmapFixtures, key: RoadmapKey) => string,
    request: (client: TestClient, path: string) => Promise<{ status: number }>,
    visible: (role: DemoRole, key: RoadmapKey, a: ReturnType<typeof expectedRoadmapAccess>) => number = () => 200,
  ): Check =>
  async ({ clients, rm, rmAccess }, op) => {
    for (const role of demoRoles) {
      for (const key of roadmapKeys) {
        const path = op.path.replace('{id}', target(rm, key));
        const res = await request(clients[role], path);
        const expected = rmAccess[role].read.includes(key) ? visible(role, key, rmAccess) : 404;
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(expected);
      }
    }
  };
const get = (c: TestClient, path: string) => c.request(path);
const sendJson = (method: string, body: unknown) => (c: TestClient, path: string) => c.json(path, { method, body: JSON.stringify(body) });
const roadmapId = (rm: RoadmapFixtures, k: RoadmapKey) => rm.roadmaps[k];
const activityId = (rm: RoadmapFixtures, k: RoadmapKey) => rm.activities[k];
/** Access is decided before the version: a writer gets 409 for a stale one, nothing changes. */
const staleWrite = (role: DemoRole, key: RoadmapKey, a: ReturnType<typeof expectedRoadmapAccess>) => (a[role].write.includes(key) ? 409 : 403);
const minimalContent = {
  periodFrom: 2026,
  periodTo: 2030,
  sections: [{ number: '1', title: 'Раздел', activities: [{ number: '1.1', title: 'Мероприятие', responsible: [{ text: 'МОУО' }], deadline: { text: 'декабрь 2030 г.' }, expectedResult: 'Итог' }] }],
};
const pastedTable = 'План мероприятий на 2026-2030 гг.\n№ п/п\tМероприятие\tОтветственные исполнители\tСроки исполнения\tПланируемый результат\n1.1\tСовещание\tМинистерство\tдекабрь 2030 г.\tПротокол';

const listRoadmaps: Check = async ({ clients, rm, rmAccess }) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(clients[role], '/api/roadmaps'));
    for (const key of roadmapKeys) expect(ids.has(rm.roadmaps[key]), `${role} lists roadmap ${key}`).toBe(rmAccess[role].read.includes(key));
  }
};

const importRoadmapCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(`${op.path}?dryRun=true`, { method: 'POST', body: JSON.stringify({ text: pastedTable }) });
    expect(status, `${role} import preview`).toBe(isAdmin(ctx, role) ? 200 : 403);
  }
  // as a new revision of an existing roadmap: only its owner's administrators
  for (const role of demoRoles) {
    for (const key of roadmapKeys) {
      const { status } = await ctx.clients[role].json(`${op.path}?dryRun=true&roadmapId=${ctx.rm.roadmaps[key]}`, { method: 'POST', body: JSON.stringify({ text: pastedTable }) });
      const expected = !ctx.rmAccess[role].read.includes(key) ? 404 : ctx.rmAccess[role].write.includes(key) ? 200 : 403;
      expect(status, `${role} imports a revision of ${key}`).toBe(expected);
    }
  }
};

const createRoadmapCheck: Check = async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const owner of [f.organizations.ministry, f.organizations.school, f.organizations.otherSchool, f.organizations.school2]) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ ...minimalContent, title: 'Проверка', ownerOrganizationId: owner }) });
      if (access[role].write.organizations.includes(owner)) expect(status, `${role} creates a roadmap of ${owner}`).toBe(201);
      else expect([403, 404, 422], `${role} creates a roadmap of ${owner}: refused`).toContain(status);
    }
  }
};

const cascadeCheck: Check = async (ctx, op) => {
  // into the third municipality, which only the region administers (the first call creates it)
  await perRoadmap(roadmapId, sendJson('POST', { ownerOrganizationId: ctx.rm.muni3Authority }), (role, key) =>
    key !== 'regional' ? 422 : role === 'region' ? 201 : !isAdmin(ctx, role) ? 403 : 422,
  )(ctx, op);
};

const reportCheck: Check = perRoadmap(
  activityId,
  (c, path) => {
    const form = new FormData();
    form.append('text', 'Проверка доступа');
    return c.request(path, { method: 'POST', body: form });
  },
  (role, key, a) => (a[role].report.includes(key) ? 201 : 403),
);

const deadlinesCheck: Check = async ({ clients, rm, rmAccess, f, access }, op) => {
  for (const role of demoRoles) {
    const { status, body } = await clients[role].json(`${op.path}?status=all&limit=500`);
    expect(status, `${role} my deadlines`).toBe(200);
    for (const key of roadmapKeys) {
      if (!rmAccess[role].read.includes(key)) expect(body.items.some((d: { roadmapId: string }) => d.roadmapId === rm.roadmaps[key]), `${role} deadlines of ${key}`).toBe(false);
    }
    for (const org of Object.values(f.organizations)) {
      const res = await clients[role].request(`${op.path}?organizationId=${org}`);
      expect(res.status, `${role} deadlines of organization ${org}`).toBe(access[role].read.organizations.includes(org) ? 200 : 404);
    }
  }
};

/** The evidence file of municipality #1's report: read with its roadmap. */
const reportFileCheck: Check = async ({ clients, rm, rmAccess }, op) => {
  for (const role of demoRoles) {
    const res = await clients[role].request(op.path.replace('{id}', rm.report.id).replace('{fileId}', rm.report.fileId));
    expect(res.status, `${role} downloads the report file`).toBe(rmAccess[role].read.includes('muni1') ? 200 : 404);
  }
};

const anyUserPost =
  (body: unknown): Check =>
  async ({ clients }, op) => {
    for (const role of demoRoles) expect((await clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body) })).status, `${role} ${op.path}`).toBe(200);
  };

// ───────────── competency catalog ─────────────

/** One catalog for the installation (ADR 0009): everyone reads it, regional administrators edit it. */
const catalogEditor = (role: DemoRole) => role === 'region';

const catalogCreate =
  (body: (role: DemoRole) => unknown): Check =>
  async ({ clients }, op) => {
    for (const role of demoRoles) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body(role)) });
      expect(status, `${role} ${op.method} ${op.path}`).toBe(catalogEditor(role) ? 201 : 403);
    }
  };

/** A stale version on a seeded entry: the editor gets 409, everyone else 403, nothing changes. */
const catalogPatch =
  (target: (catalog: { groups: { id: string; competencies: { id: string }[] }[] }) => string): Check =>
  async ({ clients }, op) => {
    const catalog = (await clients.region.json('/api/competencies')).body;
    for (const role of demoRoles) {
      const { status } = await clients[role].json(op.path.replace('{id}', target(catalog)), { method: 'PATCH', body: JSON.stringify({ version: 999999 }) });
      expect(status, `${role} ${op.method} ${op.path}`).toBe(catalogEditor(role) ? 409 : 403);
    }
  };

const firstGroupId = async (client: TestClient) => (await client.json('/api/competencies')).body.groups[0].id as string;

// ───────────── assessments ─────────────

/** Every role against every fixture procedure: 404 outside the read rule, otherwise `visible`. */
const perAssessment =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (role: DemoRole, key: AssessmentKey, ctx: Ctx) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of assessmentKeys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', ctx.as.assessments[key]));
        const expected = ctx.asAccess[role].read.includes(key) ? visible(role, key, ctx) : 404;
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(expected);
      }
    }
  };

const listAssessments: Check = async ({ clients, as, asAccess }) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(clients[role], '/api/assessments'));
    for (const key of assessmentKeys) expect(ids.has(as.assessments[key]), `${role} lists assessment ${key}`).toBe(asAccess[role].read.includes(key));
  }
};

const createAssessmentCheck: Check = async ({ clients, f, access, as }, op) => {
  const year = new Date().getFullYear();
  for (const role of demoRoles) {
    for (const organizer of [f.organizations.ministry, f.organizations.school, f.organizations.otherSchool, f.organizations.school2]) {
      const body = { title: 'Проверка', tool: 'organization', organizerOrganizationId: organizer, windows: [{ from: `${year}-02-01`, to: `${year}-03-01` }], competencies: [{ competencyId: as.competencyId, threshold: 50 }] };
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body) });
      if (access[role].write.organizations.includes(organizer)) expect(status, `${role} creates an assessment of ${organizer}`).toBe(201);
      else expect([403, 404, 422], `${role} creates an assessment of ${organizer}: refused`).toContain(status);
    }
  }
};

/** The regional procedure (visible to all) against every fixture person. */
const perPersonWrite =
  (body: (ctx: Ctx, staffId: string) => unknown, expected: (ctx: Ctx, role: DemoRole, staffId: string) => number): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const staffId of Object.values(ctx.f.staff)) {
        const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.as.assessments.regional), { method: 'POST', body: JSON.stringify(body(ctx, staffId)) });
        expect(status, `${role} ${op.path} for ${staffId}`).toBe(expected(ctx, role, staffId));
      }
    }
  };
/** Results follow the person: written by those who administer them, 403 for other readers, 404 beyond. */
const personWriteRule = (ctx: Ctx, role: DemoRole, staffId: string) =>
  ctx.access[role].write.staff.includes(staffId) ? 200 : ctx.access[role].read.staff.includes(staffId) ? 403 : 404;
/** Participants are added by administrators (403 for others) from their own people (422 beyond). */
const participantRule = (ctx: Ctx, role: DemoRole, staffId: string) => (!isAdmin(ctx, role) ? 403 : ctx.access[role].write.staff.includes(staffId) ? 200 : 422);

/** Results lists hold only people the role sees, and each visible result holder. */
const resultsListCheck: Check = async (ctx, op) => {
  await perAssessment(get)(ctx, op);
  for (const role of demoRoles) {
    const visibleStaff = await expectedStaffIds(ctx.app.database.db, role, ctx.f);
    const ids = await allPages(ctx.clients[role], op.path.replace('{id}', ctx.as.assessments.regional), 'staffId');
    expect(ids.filter((id) => !visibleStaff.has(id)), `${role} results list within scope`).toEqual([]);
    expect(ids.includes(ctx.f.staff.teacherSelf), `${role} sees the teacher's results`).toBe(ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf));
    expect(ids.includes(ctx.f.staff.otherMuni), `${role} sees municipality #2's results`).toBe(ctx.access[role].read.staff.includes(ctx.f.staff.otherMuni));
  }
};

const resultsExportCheck: Check = async (ctx, op) => {
  await perAssessment(get)(ctx, op);
  for (const role of demoRoles) {
    const res = await ctx.clients[role].request(op.path.replace('{id}', ctx.as.assessments.regional));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const { body } = await ctx.clients[role].json(`/api/assessments/${ctx.as.assessments.regional}/results?limit=1`);
    expect(wb.worksheets[0].actualRowCount - 2, `${role} export of results`).toBe(body.total);
  }
};

// ───────────── programmes, cohorts, enrollments ─────────────

/** The catalog is open to all; an entry is kept by its owner's administrators (ADR 0011). */
const programKeeper = (ctx: Ctx, role: DemoRole, owner: string) => ctx.access[role].write.organizations.includes(owner);
const ownerOf = (ctx: Ctx): Record<string, string> => ({ [ctx.pr.programs.ministry]: ctx.f.organizations.ministry, [ctx.pr.programs.school]: ctx.f.organizations.school });

const perProgram =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, expected: (ctx: Ctx, role: DemoRole, programId: string) => number): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const id of Object.values(ctx.pr.programs)) {
        expect((await request(ctx.clients[role], op.path.replace('{id}', id))).status, `${role} ${op.method} ${op.path} ${id}`).toBe(expected(ctx, role, id));
      }
    }
  };

const listPrograms: Check = async ({ clients, pr }) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(clients[role], '/api/programs'));
    for (const id of Object.values(pr.programs)) expect(ids.has(id), `${role} lists programme ${id}`).toBe(true);
  }
};

const exportPrograms: Check = async ({ clients }, op) => {
  for (const role of demoRoles) {
    const res = await clients[role].request(op.path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const { body } = await clients[role].json('/api/programs?limit=1');
    expect(wb.worksheets[0].actualRowCount - 2, `${role} export of programmes`).toBe(body.total);
  }
};

const createProgramCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const owner of [ctx.f.organizations.ministry, ctx.f.organizations.school, ctx.f.organizations.otherSchool, ctx.f.organizations.school2]) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ title: 'Проверка', kind: 'upskilling', hours: 16, format: 'blended', providerName: 'Исполнитель', ownerOrganizationId: owner }) });
      if (programKeeper(ctx, role, owner)) expect(status, `${role} creates a programme of ${owner}`).toBe(201);
      else expect([403, 404, 422], `${role} creates a programme of ${owner}: refused`).toContain(status);
    }
  }
};

const createCohortCheck: Check = async (ctx, op) => {
  const year = new Date().getFullYear() + 1;
  for (const role of demoRoles) {
    for (const programId of Object.values(ctx.pr.programs)) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ programId, title: 'Проверка', startsOn: `${year}-05-01`, endsOn: `${year}-05-10`, seats: 5 }) });
      expect(status, `${role} creates a cohort of ${programId}`).toBe(programKeeper(ctx, role, ownerOf(ctx)[programId]) ? 201 : 403);
    }
  }
};

/** Enrollments are seen with the person, and by the programme owner's administrators (the region
 *  keeps the ministry's programme, so it sees both fixtures). */
const enrollmentSeen = (ctx: Ctx, role: DemoRole, key: (typeof enrollmentKeys)[number]) =>
  role === 'region' || ctx.access[role].read.staff.includes(key === 'teacher' ? ctx.f.staff.teacherSelf : ctx.f.staff.otherMuni);
const enrollmentEmployer = (ctx: Ctx, role: DemoRole, key: (typeof enrollmentKeys)[number]) =>
  ctx.access[role].write.staff.includes(key === 'teacher' ? ctx.f.staff.teacherSelf : ctx.f.staff.otherMuni);

const perEnrollment =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (ctx: Ctx, role: DemoRole, key: (typeof enrollmentKeys)[number]) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of enrollmentKeys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', ctx.pr.enrollments[key]));
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(enrollmentSeen(ctx, role, key) ? visible(ctx, role, key) : 404);
      }
    }
  };

const listEnrollments: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/enrollments'));
    for (const key of enrollmentKeys) expect(ids.has(ctx.pr.enrollments[key]), `${role} lists enrollment ${key}`).toBe(enrollmentSeen(ctx, role, key));
  }
};

/** Requests for a person: themself or those who administer them (201), other readers 403, beyond 404. */
const requestRule = (ctx: Ctx, role: DemoRole, staffId: string) =>
  ctx.access[role].write.staff.includes(staffId) || (role === 'teacher' && staffId === ctx.f.staff.teacherSelf) || (role === 'tutor' && ctx.f.tutor.staff.includes(staffId))
    ? 201
    : ctx.access[role].read.staff.includes(staffId)
      ? 403
      : 404;

const requestEnrollmentCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ staffId, cohortId: ctx.pr.cohorts[role] }) });
      expect(status, `${role} requests an enrollment for ${staffId}`).toBe(requestRule(ctx, role, staffId));
    }
  }
};

const externalCourseCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const form = new FormData();
      for (const [k, v] of Object.entries({ staffId, title: 'Курс', provider: 'Организация', hours: '16', completedOn: '2025-01-10', certificateNumber: '2', certificateDate: '2025-01-10' })) form.append(k, v);
      const res = await ctx.clients[role].request(op.path, { method: 'POST', body: form });
      expect(res.status, `${role} records a course for ${staffId}`).toBe(requestRule(ctx, role, staffId));
    }
  }
};

// ───────────── learning plans ─────────────

const planPerson = (ctx: Ctx, key: PlanKey) => (key === 'teacher' ? ctx.f.staff.teacherSelf : ctx.f.staff.otherMuni);
/** A plan is read with its person (the tutor reads the people assigned to them). */
const planSeen = (ctx: Ctx, role: DemoRole, key: PlanKey) => ctx.access[role].read.staff.includes(planPerson(ctx, key));
/** Who drafts and edits: the person, their administrators, their tutor. */
const drafter = (ctx: Ctx, role: DemoRole, staffId: string) =>
  ctx.access[role].write.staff.includes(staffId) || (role === 'teacher' && staffId === ctx.f.staff.teacherSelf) || (role === 'tutor' && ctx.f.tutor.staff.includes(staffId));

const perPlan =
  (target: (ctx: Ctx, key: PlanKey) => string, request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (ctx: Ctx, role: DemoRole, key: PlanKey) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of planKeys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', target(ctx, key)).replace('{fileId}', ctx.lp.file));
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(planSeen(ctx, role, key) ? visible(ctx, role, key) : 404);
      }
    }
  };
const planId = (ctx: Ctx, key: PlanKey) => ctx.lp.plans[key];
const planItemId = (ctx: Ctx, key: PlanKey) => ctx.lp.items[key];

const listPlans: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/learning-plans'));
    for (const key of planKeys) expect(ids.has(ctx.lp.plans[key]), `${role} lists plan ${key}`).toBe(planSeen(ctx, role, key));
  }
};

/** Drafting and creating for every fixture person: drafters pass (a person with an open plan gets 409), readers 403, beyond 404. */
const perPersonPlan =
  (ok: number[]): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const staffId of Object.values(ctx.f.staff)) {
        const body = op.path.endsWith('/draft') ? { staffId } : { staffId, items: [] };
        const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body) });
        if (drafter(ctx, role, staffId)) expect(ok, `${role} ${op.path} for ${staffId}: ${status}`).toContain(status);
        else expect(status, `${role} ${op.path} for ${staffId}`).toBe(ctx.access[role].read.staff.includes(staffId) ? 403 : 404);
      }
    }
  };

// ───────────── coverage and cabinets ─────────────

/** Coverage is for those with a read scope (administrators); a territory must lie in that scope. */
const coverageReader = (ctx: Ctx, role: DemoRole) => isAdmin(ctx, role);
const scopeTerritories = (ctx: Ctx, role: DemoRole) =>
  role === 'region' ? Object.values(ctx.f.territories) : role === 'municipal' ? [ctx.f.territories.muni1] : [];

const coverageCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    expect((await ctx.clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(coverageReader(ctx, role) ? 200 : 403);
    for (const t of Object.values(ctx.f.territories)) {
      const { status } = await ctx.clients[role].json(`${op.path}?territoryId=${t}`);
      expect(status, `${role} ${op.path} of ${t}`).toBe(!coverageReader(ctx, role) ? 403 : scopeTerritories(ctx, role).includes(t) ? 200 : 404);
    }
  }
};

const coveragePeopleCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    if (!coverageReader(ctx, role)) {
      expect((await ctx.clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(403);
      continue;
    }
    const visibleStaff = await expectedStaffIds(ctx.app.database.db, role, ctx.f);
    const ids = await allPages(ctx.clients[role], op.path, 'staffId');
    expect(ids.filter((id) => !visibleStaff.has(id)), `${role} coverage people within scope`).toEqual([]);
    for (const org of Object.values(ctx.f.organizations)) {
      const { status } = await ctx.clients[role].json(`${op.path}?organizationId=${org}`);
      expect(status, `${role} coverage people of ${org}`).toBe(ctx.access[role].read.organizations.includes(org) ? 200 : 404);
    }
  }
};

/** An export for readers of figures: its rows match the total of the list it exports. */
const readerExportCheck =
  (listPath: string): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      const res = await ctx.clients[role].request(op.path);
      expect(res.status, `${role} ${op.path}`).toBe(coverageReader(ctx, role) ? 200 : 403);
      if (res.status !== 200) continue;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const { body } = await ctx.clients[role].json(`${listPath}?limit=1`);
      expect(wb.worksheets[0].actualRowCount - 2, `${role} ${op.path}`).toBe(body.total);
    }
  };
const coverageExportCheck = readerExportCheck('/api/learning-coverage/people');

// ───────────── efficiency indicators (ADR 0024) ─────────────

const indicatorYear = new Date().getUTCFullYear();
const indicatorPath = (op: { path: string }, code = 'diagnosed') => op.path.replace('{code}', code);
const sendIndicator = (client: TestClient, method: string, path: string, body: unknown) => client.json(path, { method, body: JSON.stringify(body) });

/** Readers of figures see the territories of their scope (others' are 404); teacher and tutor get 403. */
const indicatorValuesCheck =
  (query: string): Check =>
  async (ctx, op) => {
    const path = indicatorPath(op);
    for (const role of demoRoles) {
      expect((await ctx.clients[role].request(`${path}?${query}`)).status, `${role} ${path}`).toBe(coverageReader(ctx, role) ? 200 : 403);
      for (const t of Object.values(ctx.f.territories)) {
        const { status } = await ctx.clients[role].json(`${path}?${query}&territoryId=${t}`);
        expect(status, `${role} ${path} of ${t}`).toBe(!coverageReader(ctx, role) ? 403 : scopeTerritories(ctx, role).includes(t) ? 200 : 404);
      }
    }
  };

const indicatorReaders: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(`${indicatorPath(op)}?${op.path.includes('entered') ? 'period' : 'year'}=${indicatorYear}`);
    expect(status, `${role} ${op.path}`).toBe(coverageReader(ctx, role) ? 200 : 403);
  }
};

// ───────────── reports (ADR 0027) ─────────────

/** Annual reports: readers of figures get the territories and organizations of their scope (others'
 *  are 404, never leaked); a teacher and a tutor get 403. */
const annualReportCheck: Check = async (ctx, op) => {
  const year = `year=${indicatorYear}`;
  for (const role of demoRoles) {
    const reader = coverageReader(ctx, role);
    expect((await ctx.clients[role].request(`${op.path}?${year}`)).status, `${role} ${op.path}`).toBe(reader ? 200 : 403);
    for (const t of Object.values(ctx.f.territories)) {
      const res = await ctx.clients[role].request(`${op.path}?${year}&territoryId=${t}`);
      const expected = !reader ? 403 : scopeTerritories(ctx, role).includes(t) ? 200 : 404;
      expect(res.status, `${role} annual report of ${t}`).toBe(expected);
      if (expected === 404) expect(await res.text()).not.toMatch(new RegExp(t));
    }
    for (const o of Object.values(ctx.f.organizations)) {
      const { status } = await ctx.clients[role].json(`${op.path}?${year}&organizationId=${o}`);
      expect(status, `${role} annual report of organization ${o}`).toBe(!reader ? 403 : ctx.access[role].read.organizations.includes(o) ? 200 : 404);
    }
  }
  // a file answers the same as the figures
  expect((await ctx.clients.municipal.request(`${op.path}?${year}&territoryId=${ctx.f.territories.muni2}&format=docx`)).status).toBe(404);
  expect((await ctx.clients.teacher.request(`${op.path}?${year}&format=pdf`)).status).toBe(403);
};

/** The system passport is of a territory: readers of its figures within their scope. */
const systemPassportCheck: Check = async (ctx, op) => {
  const year = `year=${indicatorYear}`;
  for (const role of demoRoles) {
    const reader = coverageReader(ctx, role);
    const own = scopeTerritories(ctx, role).length > 0;
    expect((await ctx.clients[role].request(`${op.path}?${year}`)).status, `${role} ${op.path}`).toBe(!reader ? 403 : own ? 200 : 404);
    for (const t of Object.values(ctx.f.territories)) {
      const { status } = await ctx.clients[role].json(`${op.path}?${year}&territoryId=${t}`);
      expect(status, `${role} passport of ${t}`).toBe(!reader ? 403 : scopeTerritories(ctx, role).includes(t) ? 200 : 404);
    }
  }
};

/** Only the regional administrator defines the region's indicators. */
const newIndicator = (code: string, kind: 'computed' | 'entered' = 'computed') => ({
  code,
  year: indicatorYear,
  name: `Проверочный показатель ${code}`,
  unit: 'count',
  kind,
  ...(kind === 'computed' ? { numerator: 'courses_completed' } : {}),
});
const createIndicatorCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await sendIndicator(ctx.clients[role], 'POST', op.path, newIndicator(`auth_${role}`));
    expect(status, `${role} creates an indicator`).toBe(role === 'region' ? 201 : 403);
  }
};
/** On the fixture indicators of the region: one is changed, the other deleted. */
const changeIndicatorCheck =
  (method: 'PATCH' | 'DELETE'): Check =>
  async (ctx, op) => {
    const path = op.path.replace('{id}', method === 'PATCH' ? ctx.indicators.kept : ctx.indicators.removed);
    for (const role of demoRoles.filter((r) => r !== 'region')) {
      const { status } = method === 'PATCH' ? await sendIndicator(ctx.clients[role], method, path, { name: 'Чужая правка', version: 1 }) : await ctx.clients[role].json(path, { method });
      expect(status, `${role} ${method} an indicator`).toBe(403);
    }
    const own = method === 'PATCH' ? await sendIndicator(ctx.clients.region, method, path, { name: 'Своя правка', version: 1 }) : await ctx.clients.region.json(path, { method });
    expect(own.status, `region ${method}`).toBe(method === 'PATCH' ? 200 : 204);
  };
const targetCheck: Check = async (ctx, op) => {
  const path = indicatorPath(op);
  for (const role of demoRoles) {
    const { status } = await sendIndicator(ctx.clients[role], 'PUT', path, { year: indicatorYear, territoryId: ctx.f.territories.muni2, value: 12 });
    expect(status, `${role} sets a target`).toBe(role === 'region' ? 200 : 403);
  }
};
/** An entered value is written by those who administer the organization; out of scope is 404. */
const enteredCheck: Check = async (ctx, op) => {
  await sendIndicator(ctx.clients.region, 'POST', '/api/indicators', newIndicator('auth_entered', 'entered'));
  const path = indicatorPath(op, 'auth_entered');
  for (const role of demoRoles) {
    for (const org of [ctx.f.organizations.school, ctx.f.organizations.school2]) {
      const { status } = await sendIndicator(ctx.clients[role], 'PUT', path, { period: indicatorYear, organizationId: org, value: 3 });
      const expected = !coverageReader(ctx, role) ? 403 : ctx.access[role].write.organizations.includes(org) ? 200 : 404;
      expect(status, `${role} enters a value for ${org}`).toBe(expected);
    }
  }
};

/** The tutor's own cabinet: their assigned people only; nobody else has one. */
const tutorCabinetCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status, body } = await ctx.clients[role].json(op.path);
    expect(status, `${role} ${op.path}`).toBe(role === 'tutor' ? 200 : 403);
    if (role === 'tutor') expect(body.people.map((p: { staffId: string }) => p.staffId).sort()).toEqual([...ctx.f.tutor.staff].sort());
  }
};

// ───────────── bank of practices and registries (ADR 0018) ─────────────

const practiceAccess = expectedPracticeAccess();
const practiceStatus: Record<PracticeKey, string> = { review: 'under_review', submitted: 'submitted', published: 'published' };

/** For every role and fixture practice: 404 where it is not read, otherwise what `rule` says. */
const perPractice =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, rule: (role: DemoRole, key: PracticeKey) => number): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of practiceKeys) {
        const path = op.path.replace('{id}', ctx.pc.practices[key]).replace('{fileId}', ctx.pc.files[key]);
        const res = await request(ctx.clients[role], path);
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(practiceAccess[role].read.includes(key) ? rule(role, key) : 404);
      }
    }
  };
const editable = (role: DemoRole, key: PracticeKey) => practiceAccess[role].author.includes(key) && practiceStatus[key] === 'submitted';

const listPractices: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/practices'));
    for (const key of practiceKeys) expect(ids.has(ctx.pc.practices[key]), `${role} lists practice ${key}`).toBe(practiceAccess[role].read.includes(key));
  }
};

const submitPractice: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const body = { title: 'Проверка', kind: 'managerial', level: 'basic', description: 'Описание', organizationId: ctx.f.organizations.school, authors: [{ fullName: 'Автор', organizationName: 'Школа' }] };
    const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body) });
    // from the school: its administrators (also above it) and the people who work there
    expect(status, `${role} submits from the school`).toBe(['region', 'municipal', 'school', 'teacher', 'mentor'].includes(role) ? 201 : 422);
  }
};

const attachPracticeFile = (c: TestClient, path: string) => {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'проверка.pdf');
  return c.request(path, { method: 'POST', body: form });
};

const publicPractices: Check = async (ctx, op) => {
  const ids = new Set(await allPages({ login: 'anonymous', request: ctx.app.request, json: async (p: string) => { const r = await ctx.app.request(p); return { status: r.status, body: await r.json() }; } } as TestClient, `${op.path}?q=${encodeURIComponent('для проверки доступа')}`));
  for (const key of practiceKeys) expect(ids.has(ctx.pc.practices[key]), `catalog has ${key}`).toBe(key === 'published');
};
const publicPractice: Check = async (ctx, op) => {
  for (const key of practiceKeys) {
    const path = op.path.replace('{id}', ctx.pc.practices[key]).replace('{fileId}', ctx.pc.files[key]);
    expect((await ctx.app.request(path)).status, `anonymous ${op.path} (${key})`).toBe(key === 'published' ? 200 : 404);
    expect((await ctx.clients.teacher.request(path)).status, `teacher ${op.path} (${key})`).toBe(key === 'published' ? 200 : 404);
  }
};

/** Region-wide registries: every role of the region reads; `writers` write (201 / stale 409), others 403. */
const registryRead: Check = async (ctx, op) => {
  for (const role of demoRoles) expect((await ctx.clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(200);
};
/** `refusal`: what the others get (403; 422 where the body names an organization they do not see). */
const registryCreate =
  (body: (ctx: Ctx) => unknown, writers: DemoRole[], refusal: (ctx: Ctx, role: DemoRole) => number = () => 403): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body(ctx)) });
      expect(status, `${role} POST ${op.path}`).toBe(writers.includes(role) ? 201 : refusal(ctx, role));
    }
  };
const registryPatch =
  (id: (pc: PracticeFixtures) => string, writers: DemoRole[]): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', id(ctx.pc)), { method: 'PATCH', body: JSON.stringify({ version: 999999 }) });
      expect(status, `${role} PATCH ${op.path}`).toBe(writers.includes(role) ? 409 : 403);
    }
  };
// ───────────── documents and staffing needs ─────────────

/** Documents follow the roadmap rule (ADR 0019): the fixtures mirror the roadmap keys, so the
 *  expected read and write sets are those of `expectedRoadmapAccess`. */
const perDocument =
  (request: (client: TestClient, path: string, key: RoadmapKey, ctx: Ctx) => Promise<{ status: number }>, visible: (role: DemoRole, key: RoadmapKey, ctx: Ctx) => number | number[] = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of roadmapKeys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', ctx.dc.documents[key]), key, ctx);
        const expected = ctx.rmAccess[role].read.includes(key) ? visible(role, key, ctx) : 404;
        expect([expected].flat(), `${role} ${op.method} ${op.path} (${key}): ${res.status}`).toContain(res.status);
      }
    }
  };
const docWriter = (role: DemoRole, key: RoadmapKey, ctx: Ctx) => ctx.rmAccess[role].write.includes(key);
const docStale = (role: DemoRole, key: RoadmapKey, ctx: Ctx) => (docWriter(role, key, ctx) ? 409 : 403);

const listDocuments: Check = async ({ clients, dc, rmAccess }) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(clients[role], '/api/documents?q=проверки доступа'));
    for (const key of roadmapKeys) expect(ids.has(dc.documents[key]), `${role} lists document ${key}`).toBe(rmAccess[role].read.includes(key));
  }
};

const createDocumentCheck: Check = async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const owner of [f.organizations.ministry, f.organizations.school, f.organizations.otherSchool, f.organizations.school2]) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ kind: 'order', title: 'Проверка', ownerOrganizationId: owner }) });
      if (access[role].write.organizations.includes(owner)) expect(status, `${role} creates a document of ${owner}`).toBe(201);
      else expect([403, 404, 422], `${role} creates a document of ${owner}: refused`).toContain(status);
    }
  }
};

const pdfForm = () => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'проверка.pdf');
  return form;
};

/** Removing a link: readers first (403, or 404 beyond), then one writer removes it (200). */
const unlinkCheck =
  (links: (dc: DocumentFixtures) => Record<RoadmapKey, string>): Check =>
  async (ctx, op) => {
    for (const key of roadmapKeys) {
      const path = op.path.replace('{id}', links(ctx.dc)[key]);
      const writers = demoRoles.filter((r) => docWriter(r, key, ctx));
      for (const role of demoRoles.filter((r) => !writers.includes(r))) {
        const { status } = await ctx.clients[role].json(path, { method: 'DELETE' });
        expect(status, `${role} DELETE ${op.path} (${key})`).toBe(ctx.rmAccess[role].read.includes(key) ? 403 : 404);
      }
      const writer = writers[writers.length - 1];
      expect((await ctx.clients[writer].json(path, { method: 'DELETE' })).status, `${writer} DELETE ${op.path} (${key})`).toBe(200);
    }
  };

const vacancyIds = (ctx: Ctx) => Object.values(ctx.dc.vacancies);
const perVacancy =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (role: DemoRole, org: string, ctx: Ctx) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const id of vacancyIds(ctx)) {
        const org = ctx.dc.vacancyOrganization[id];
        const res = await request(ctx.clients[role], op.path.replace('{id}', id));
        expect(res.status, `${role} ${op.method} ${op.path} at ${org}`).toBe(ctx.access[role].read.organizations.includes(org) ? visible(role, org, ctx) : 404);
      }
    }
  };

const listVacancies: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/vacancies?subject=Физика&q=Учитель'));
    for (const id of vacancyIds(ctx)) expect(ids.has(id), `${role} lists vacancy ${id}`).toBe(ctx.access[role].read.organizations.includes(ctx.dc.vacancyOrganization[id]));
  }
};

const exportVacancies: Check = async ({ clients }, op) => {
  for (const role of demoRoles) {
    const res = await clients[role].request(op.path);
    expect(res.status, `${role} ${op.path}`).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const { body } = await clients[role].json('/api/vacancies?limit=1');
    expect(wb.worksheets[0].actualRowCount - 2, `${role} export of vacancies`).toBe(body.total);
  }
};

const createVacancyCheck: Check = async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const org of Object.values(f.organizations)) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ organizationId: org, position: 'Учитель', hours: 9, openSince: '2026-02-01' }) });
      if (access[role].write.organizations.includes(org)) expect(status, `${role} reports a vacancy of ${org}`).toBe(201);
      else expect([403, 404, 422], `${role} reports a vacancy of ${org}: refused`).toContain(status);
    }
  }
};


/** Education is personal data of the person: read with them, written by their administrators. */
const educationWrite: Check = async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const id of Object.values(f.staff)) {
      const { status } = await clients[role].json(op.path.replace('{id}', id), { method: 'PUT', body: JSON.stringify({ items: [{ level: 'higher', specialty: 'Педагогическое образование (профиль «Физика»)' }] }) });
      expect(status, `${role} PUT ${op.path} ${id}`).toBe(access[role].write.staff.includes(id) ? 200 : access[role].read.staff.includes(id) ? 403 : 404);
    }
  }
};

// ───────────── mentoring ─────────────

/** A pair is read with its mentee or its mentor (ADR 0016): the mentor account reads the demo pair,
 *  where it mentors the teacher; otherwise the fixture mentors work beside their mentees, so the
 *  mentee's visibility decides. The mentee's administrators run it. */
const pairSeen = (ctx: Ctx, role: DemoRole, key: PairKey) => (role === 'mentor' && key === 'teacher') || ctx.access[role].read.staff.includes(ctx.mt.pairMentees[key]);
const pairAdmin = (ctx: Ctx, role: DemoRole, key: PairKey) => ctx.access[role].write.staff.includes(ctx.mt.pairMentees[key]);
/** The pair's mentor keeps its plan, starts and completes it, with the mentee's administrators. */
const pairKeeper = (ctx: Ctx, role: DemoRole, key: PairKey) => pairAdmin(ctx, role, key) || (role === 'mentor' && key === 'teacher');
const perPair =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (ctx: Ctx, role: DemoRole, key: PairKey) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of pairKeys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', ctx.mt.pairs[key]));
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(pairSeen(ctx, role, key) ? visible(ctx, role, key) : 404);
      }
    }
  };

const listPairs: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/mentorships'));
    for (const key of pairKeys) expect(ids.has(ctx.mt.pairs[key]), `${role} lists pair ${key}`).toBe(pairSeen(ctx, role, key));
  }
};

/** Proposing a pair for every fixture person (the person as their own mentor, refused as invalid
 *  once access is granted): administrators reach validation, other readers 403, beyond 404. */
const createPairCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ mentorStaffId: staffId, menteeStaffId: staffId, form: 'experienced_young' }) });
      expect(status, `${role} proposes a pair for ${staffId}`).toBe(!ctx.access[role].read.staff.includes(staffId) ? 404 : isAdmin(ctx, role) ? 422 : 403);
    }
  }
};

/** Lists of people for administrators and methodologists only, and within their scope. */
const scopedPeople =
  (key: string, extra?: (item: any) => string[]): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      if (!isAdmin(ctx, role)) {
        expect((await ctx.clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(403);
        continue;
      }
      const visibleStaff = await expectedStaffIds(ctx.app.database.db, role, ctx.f);
      const { body } = await ctx.clients[role].json(`${op.path}?limit=500`);
      const ids = [...body.items.map((i: Record<string, string>) => i[key]), ...(extra ? body.items.flatMap(extra) : [])];
      expect(ids.filter((id) => !visibleStaff.has(id)), `${role} ${op.path} within scope`).toEqual([]);
      for (const org of Object.values(ctx.f.organizations)) {
        const { status } = await ctx.clients[role].json(`${op.path}?organizationId=${org}`);
        expect(status, `${role} ${op.path} of ${org}`).toBe(ctx.access[role].read.organizations.includes(org) ? 200 : 404);
      }
    }
  };

const youngListCheck: Check = async (ctx, op) => {
  await scopedPeople('staffId')(ctx, op);
  for (const role of demoRoles.filter((r) => isAdmin(ctx, r))) {
    const ids = await allPages(ctx.clients[role], op.path, 'staffId');
    expect(ids.includes(ctx.f.staff.teacherSelf), `${role} sees the young teacher`).toBe(ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf));
  }
};

const youngExportCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const res = await ctx.clients[role].request(op.path);
    expect(res.status, `${role} ${op.path}`).toBe(isAdmin(ctx, role) ? 200 : 403);
    if (res.status !== 200) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const { body } = await ctx.clients[role].json('/api/young-specialists?limit=1');
    expect(wb.worksheets[0].actualRowCount - 2, `${role} young specialists export`).toBe(body.total);
  }
};

const capacityCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'PUT', body: JSON.stringify({ capacity: 2 }) });
      expect(status, `${role} sets the capacity of ${staffId}`).toBe(ctx.access[role].write.staff.includes(staffId) ? 200 : ctx.access[role].read.staff.includes(staffId) ? 403 : 404);
    }
  }
};

/** Programmes follow their organization: read by those who see it, kept by its administrators. */
const programmeSeen = (ctx: Ctx, role: DemoRole, key: ProgrammeKey) => ctx.access[role].read.organizations.includes(ctx.mt.programmeOrgs[key]);
const programmeKeeper = (ctx: Ctx, role: DemoRole, key: ProgrammeKey) => ctx.access[role].write.organizations.includes(ctx.mt.programmeOrgs[key]);
const perProgramme =
  (request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (ctx: Ctx, role: DemoRole, key: ProgrammeKey) => number = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of programmeKeys) {
        const { id, documentId } = ctx.mt.programmes[key];
        const res = await request(ctx.clients[role], op.path.replace('{id}', id).replace('{documentId}', documentId));
        expect(res.status, `${role} ${op.method} ${op.path} (${key})`).toBe(programmeSeen(ctx, role, key) ? visible(ctx, role, key) : 404);
      }
    }
  };

const listProgrammes: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/mentorships/programmes'));
    for (const key of programmeKeys) expect(ids.has(ctx.mt.programmes[key].id), `${role} lists programme ${key}`).toBe(programmeSeen(ctx, role, key));
  }
};

const createProgrammeCheck: Check = async ({ clients, f, access }, op) => {
  for (const role of demoRoles) {
    for (const org of Object.values(f.organizations)) {
      const { status } = await clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ organizationId: org, title: 'Проверка доступа', periodFrom: '2026-09-01', periodTo: '2027-08-31' }) });
      if (access[role].write.organizations.includes(org)) expect(status, `${role} creates a programme of ${org}`).toBe(201);
      else expect([403, 404], `${role} creates a programme of ${org}: refused`).toContain(status);
    }
  }
};

/** «Менторство» of the neighbouring school over school #2: read by those who see either school,
 *  changed by the administrators of either, set up by whoever administers both. */
const teamSeen = (ctx: Ctx, role: DemoRole) => [ctx.f.organizations.otherSchool, ctx.f.organizations.school2].some((o) => ctx.access[role].read.organizations.includes(o));
const teamEditor = (ctx: Ctx, role: DemoRole) => [ctx.f.organizations.otherSchool, ctx.f.organizations.school2].some((o) => ctx.access[role].write.organizations.includes(o));

const listTeams: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/team-mentorships'));
    expect(ids.has(ctx.mt.team.id), `${role} lists the team mentoring`).toBe(teamSeen(ctx, role));
  }
};

const createTeamCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(ctx.mt.team.body) });
    const both = [ctx.f.organizations.otherSchool, ctx.f.organizations.school2].every((o) => ctx.access[role].write.organizations.includes(o));
    if (both) expect(status, `${role} sets up team mentoring`).toBe(201);
    else expect([403, 404], `${role} sets up team mentoring: refused`).toContain(status);
  }
};

const patchTeamCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.mt.team.id), { method: 'PATCH', body: JSON.stringify({ version: 999999 }) });
    expect(status, `${role} ${op.path}`).toBe(!teamSeen(ctx, role) ? 404 : teamEditor(ctx, role) ? 409 : 403);
  }
};


// ───────────── events calendar, communities, contests (ADR 0017) ─────────────

/** Events, annual calendars and communities follow the roadmap rule (read within the territory,
 *  the owner's administrators write), so the roadmap table states their expected access. */
const perLevelRecord =
  (
    target: (ev: EventFixtures, key: RoadmapKey) => string,
    request: (client: TestClient, path: string) => Promise<{ status: number }>,
    visible: (role: DemoRole, key: RoadmapKey, ctx: Ctx) => number | number[] = () => 200,
  ): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of roadmapKeys) {
        const { status } = await request(ctx.clients[role], op.path.replace('{id}', target(ctx.ev, key)));
        const expected = ctx.rmAccess[role].read.includes(key) ? visible(role, key, ctx) : 404;
        expect([expected].flat(), `${role} ${op.method} ${op.path} (${key}): ${status}`).toContain(status);
      }
    }
  };
const eventId = (ev: EventFixtures, k: RoadmapKey) => ev.events[k];
const calendarId = (ev: EventFixtures, k: RoadmapKey) => ev.calendars[k];
const communityId = (ev: EventFixtures, k: RoadmapKey) => ev.communities[k];
const levelWriter = (role: DemoRole, key: RoadmapKey, ctx: Ctx) => ctx.rmAccess[role].write.includes(key);
const staleLevelWrite = (role: DemoRole, key: RoadmapKey, ctx: Ctx) => (levelWriter(role, key, ctx) ? 409 : 403);

const listLevelRecords =
  (path: string, pick: (ev: EventFixtures) => Record<RoadmapKey, string>): Check =>
  async (ctx) => {
    for (const role of demoRoles) {
      const { body } = await ctx.clients[role].json(`${path}${path.includes('?') ? '&' : '?'}limit=500`);
      const ids = new Set(body.items.map((i: { id: string }) => i.id));
      for (const key of roadmapKeys) expect(ids.has(pick(ctx.ev)[key]), `${role} lists ${path} ${key}`).toBe(ctx.rmAccess[role].read.includes(key));
    }
  };

const eventsIcsCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const res = await ctx.clients[role].request(op.path);
    expect(res.status, `${role} ${op.path}`).toBe(200);
    const text = await res.text();
    for (const key of roadmapKeys) expect(text.includes(`${ctx.ev.events[key]}@rsnms`), `${role} ICS has ${key}`).toBe(ctx.rmAccess[role].read.includes(key));
  }
};

/** Creating at each owner: only those who administer it. */
const createAtOwners =
  (body: (owner: string, role: DemoRole) => unknown): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const owner of [ctx.f.organizations.ministry, ctx.f.organizations.school, ctx.f.organizations.otherSchool, ctx.f.organizations.school2]) {
        const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body(owner, role)) });
        if (ctx.access[role].write.organizations.includes(owner)) expect(status, `${role} ${op.path} at ${owner}`).toBe(201);
        else expect([403, 404, 422], `${role} ${op.path} at ${owner}: refused (${status})`).toContain(status);
      }
    }
  };
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const inTwoHours = () => new Date(Date.now() + 7200_000).toISOString();

/** Registering the teacher: the teacher themself and their administrators (the first gets 201, the
 *  next 409 — already registered); others who see the teacher 403; who does not see them 404. */
const registerCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const key of roadmapKeys) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.events[key]), { method: 'POST', body: JSON.stringify({ staffId: ctx.f.staff.teacherSelf }) });
      const mayRegister = role === 'teacher' || ctx.access[role].write.staff.includes(ctx.f.staff.teacherSelf);
      const expected = !ctx.rmAccess[role].read.includes(key) || !ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf) ? [404] : mayRegister ? [201, 409] : [403];
      expect(expected, `${role} registers the teacher for ${key}: ${status}`).toContain(status);
    }
  }
};

/** The teacher's registration on municipality #1's event, with a stale version: personal data, so
 *  404 for who sees neither the teacher nor administers the organizer. */
const cancelRegistrationCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.registration), { method: 'POST', body: JSON.stringify({ version: 999999 }) });
    const organizer = levelWriter(role, 'muni1', ctx);
    const seen = ctx.rmAccess[role].read.includes('muni1') && (organizer || ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf));
    const expected = !seen ? 404 : role === 'teacher' || organizer || ctx.access[role].write.staff.includes(ctx.f.staff.teacherSelf) ? 409 : 403;
    expect(status, `${role} cancels the teacher's registration`).toBe(expected);
  }
};

const reportForm = () => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ place: 'Зал', startsOn: '2026-11-23', endsOn: '2026-11-23', format: 'in_person', participantsCount: '3' })) form.append(k, v);
  return form;
};

const feedCreateCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const org of Object.values(ctx.f.organizations)) {
      const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ organizationId: org }) });
      expect(status, `${role} subscribes to ${org}`).toBe(ctx.access[role].read.organizations.includes(org) ? 201 : 404);
    }
  }
};

/** A feed is its owner's alone: others get 404; the owner revokes it (last). */
const feedRevokeCheck: Check = async (ctx, op) => {
  for (const role of [...demoRoles.filter((r) => r !== 'teacher'), 'teacher' as const]) {
    const res = await ctx.clients[role].request(op.path.replace('{id}', ctx.ev.feed.id), { method: 'DELETE' });
    expect(res.status, `${role} revokes the teacher's feed`).toBe(role === 'teacher' ? 204 : 404);
  }
};

/** The feed answers without a session while it lives, and 404 once revoked or unknown. */
const feedReadCheck: Check = async (ctx) => {
  const fresh = (await ctx.clients.teacher.json('/api/event-feeds', { method: 'POST', body: '{}' })).body as { id: string; path: string };
  const res = await ctx.app.request(fresh.path);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(`${ctx.ev.events.muni1}@rsnms`);
  await ctx.clients.teacher.request(`/api/event-feeds/${fresh.id}`, { method: 'DELETE' });
  expect((await ctx.app.request(fresh.path)).status).toBe(404);
  expect((await ctx.app.request('/api/events/feed/unknown-secret-token-000000.ics')).status).toBe(404);
};

const calendarCreateCheck: Check = createAtOwners((owner, role) => ({ ownerOrganizationId: owner, year: 2050 + demoRoles.indexOf(role), level: 'organization' }));
const eventCreateCheck: Check = createAtOwners((owner) => ({ title: 'Проверка', level: 'organization', kind: 'meeting', format: 'online', organizerOrganizationId: owner, startsAt: inAnHour(), endsAt: inTwoHours() }));
const communityCreateCheck: Check = createAtOwners((owner) => ({ name: 'Проверочное сообщество', kind: 'network_community', level: 'organization', baseOrganizationId: owner }));

/** Community managers: the base organization's administrators (the fixtures have no leaders). */
const addDeputyCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const key of roadmapKeys) {
      // a colleague of the teacher (made a deputy, the teacher would become a manager themself)
      const person = ctx.f.staff.sameSchool;
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.communities[key]), { method: 'POST', body: JSON.stringify({ staffId: person, role: 'deputy' }) });
      const expected = !ctx.rmAccess[role].read.includes(key) || !ctx.access[role].read.staff.includes(person) ? [404] : levelWriter(role, key, ctx) ? [201, 409] : [403];
      expect(expected, `${role} adds a deputy to ${key}: ${status}`).toContain(status);
    }
  }
};

const memberChangeCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.member), { method: 'PATCH', body: JSON.stringify({ role: 'member' }) });
    expect(status, `${role} changes a member`).toBe(!ctx.rmAccess[role].read.includes('muni1') ? 404 : levelWriter(role, 'muni1', ctx) ? 200 : 403);
  }
};

const meetingForm = () => {
  const form = new FormData();
  form.append('heldAt', '2026-11-01T10:00:00+03:00');
  form.append('topic', 'Проверка доступа');
  return form;
};

const perContest =
  (target: (ev: EventFixtures, key: ContestKey) => string, request: (client: TestClient, path: string) => Promise<{ status: number }>, visible: (role: DemoRole, key: ContestKey, ctx: Ctx) => number | number[] = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of contestKeys) {
        const { status } = await request(ctx.clients[role], op.path.replace('{id}', target(ctx.ev, key)));
        const expected = ctx.ctAccess[role].read.includes(key) ? visible(role, key, ctx) : 404;
        expect([expected].flat(), `${role} ${op.method} ${op.path} (${key}): ${status}`).toContain(status);
      }
    }
  };

const listContests: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set((await ctx.clients[role].json('/api/contests')).body.items.map((i: { id: string }) => i.id));
    for (const key of contestKeys) expect(ids.has(ctx.ev.contests[key]), `${role} lists contest ${key}`).toBe(ctx.ctAccess[role].read.includes(key));
  }
};

/** Nominating the teacher to a first stage: the organizer and the teacher's administrators. */
const nominateTeacherCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const key of contestKeys) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.firstStages[key]), { method: 'POST', body: JSON.stringify({ staffId: ctx.f.staff.teacherSelf }) });
      const organizer = ctx.ctAccess[role].organizer.includes(key);
      const expected = !ctx.ctAccess[role].read.includes(key) ? [404] : organizer || ctx.access[role].write.staff.includes(ctx.f.staff.teacherSelf) ? [201, 409] : ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf) ? [403] : [404];
      expect(expected, `${role} nominates the teacher (${key}): ${status}`).toContain(status);
    }
  }
};

/** The teacher's entry at the regional contest's first stage, stale version: readable with the
 *  person (and by the organizer); kept by the organizer and the teacher's administrators. */
const entryPatchCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.ev.entry), { method: 'PATCH', body: JSON.stringify({ version: 999999, result: 'winner' }) });
    const expected = !ctx.access[role].read.staff.includes(ctx.f.staff.teacherSelf) && role !== 'region' ? 404 : role === 'region' || ctx.access[role].write.staff.includes(ctx.f.staff.teacherSelf) ? 409 : 403;
    expect(status, `${role} records the teacher's result`).toBe(expected);
  }
};


/** A person's data export (152-ФЗ): the person themself and the administrators over them. */
const subjectExport: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const own = (await ctx.clients[role].json('/api/auth/me')).body.staffId as string | null;
    for (const staffId of Object.values(ctx.f.staff)) {
      const res = await ctx.clients[role].request(op.path.replace('{id}', staffId));
      expect(res.status, `${role} exports ${staffId}`).toBe(own === staffId || ctx.access[role].write.staff.includes(staffId) ? 200 : 404);
    }
  }
};

/** Privacy operations (ADR 0028): the person themself or an administrator over them reads the
 *  card and records consent; only the regional administrator (privacy administrator) within scope
 *  sets the basis, blocks, unblocks, destroys and keeps the acts; an ordinary administrator gets
 *  403 for a person they administer, everyone else 404. */
const selfOrAdmin = (ctx: Ctx, role: DemoRole, own: string | null, staffId: string) => own === staffId || ctx.access[role].write.staff.includes(staffId);
const privacyRule = (ctx: Ctx, role: DemoRole, staffId: string, allowed: number) =>
  role === 'region' && ctx.access[role].write.staff.includes(staffId) ? allowed : ctx.access[role].write.staff.includes(staffId) ? 403 : 404;
const ownStaff = async (ctx: Ctx, role: DemoRole) => (await ctx.clients[role].json('/api/auth/me')).body.staffId as string | null;

const consentCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const own = await ownStaff(ctx, role);
    for (const staffId of Object.values(ctx.f.staff)) {
      // a date in the future: refused after the access check, so nothing is recorded
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'POST', body: JSON.stringify({ status: 'given', textVersion: '1', effectiveOn: '2999-01-01' }) });
      expect(status, `${role} records consent of ${staffId}`).toBe(selfOrAdmin(ctx, role, own, staffId) ? 422 : 404);
    }
  }
};

const basisCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'PUT', body: JSON.stringify({ legalBasis: 'law', purpose: 'Проверка прав', version: 999999 }) });
      expect(status, `${role} sets the basis of ${staffId}`).toBe(privacyRule(ctx, role, staffId, 409));
    }
  }
};

/** Blocking ends the person's sessions, so the demo accounts' own people are not blocked here
 *  (privacy-duties.api.test.ts blocks a person with an account). */
const blockCheck: Check = async (ctx, op) => {
  const accountPeople = new Set(await Promise.all(demoRoles.map((r) => ownStaff(ctx, r))));
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const expected = privacyRule(ctx, role, staffId, 200);
      if (expected === 200 && accountPeople.has(staffId)) continue;
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'POST', body: JSON.stringify({ reason: 'Проверка прав доступа' }) });
      expect(status, `${role} blocks ${staffId}`).toBe(expected);
      if (status === 200) expect((await ctx.clients[role].json(op.path.replace('{id}', staffId).replace('/block', '/unblock'), { method: 'POST' })).status).toBe(200);
    }
  }
};

const unblockCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'POST' });
      expect(status, `${role} unblocks ${staffId} (not blocked)`).toBe(privacyRule(ctx, role, staffId, 409));
    }
  }
};

const destroyCheck: Check = async (ctx, op) => {
  for (const role of demoRoles.filter((r) => r !== 'region')) {
    for (const staffId of Object.values(ctx.f.staff)) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', staffId), { method: 'POST', body: JSON.stringify({ basis: 'Проверка прав доступа', confirm: true }) });
      expect(status, `${role} destroys ${staffId}`).toBe(privacyRule(ctx, role, staffId, 200));
    }
  }
};

const actsList: Check = async (ctx, op) => {
  for (const role of demoRoles) expect((await ctx.clients[role].request(op.path)).status, `${role} lists acts`).toBe(role === 'region' ? 200 : 403);
};

const actRead: Check = async (ctx, op) => {
  const id = ctx.destructionAct;
  for (const role of demoRoles) expect((await ctx.clients[role].request(op.path.replace('{id}', id))).status, `${role} reads the act`).toBe(role === 'region' ? 200 : 404);
};

const accessList: Check = async (ctx, op) => {
  for (const role of demoRoles) expect((await ctx.clients[role].request(op.path)).status, `${role} lists access`).toBe(isAdmin(ctx, role) ? 200 : 403);
};

const publicOk: Check = async () => {};

/** Each account sees and ends its own sessions only: another account's session id is unknown (404). */
/** The second factor (ADR 0029): administrators enrol their own account only; a code is checked
 *  against the caller's own secret; nothing here turns it on, so the shared sessions stay usable. */
const ownSecondFactor: Check = async ({ clients, access }, op) => {
  for (const role of demoRoles) {
    const isAdmin = Object.values(access[role].write).some((x) => x.length > 0);
    const c = clients[role];
    if (op.method === 'GET') {
      const { status, body } = await c.json(op.path);
      expect(status, `${role} ${op.path}`).toBe(200);
      expect(body, `${role} second factor status`).toMatchObject({ available: isAdmin, enabled: false });
    } else if (op.path.endsWith('/enrol')) {
      const { status, body } = await c.json(op.path, { method: 'POST' });
      expect(status, `${role} enrols`).toBe(isAdmin ? 200 : 403);
      if (isAdmin) expect(body.uri).toMatch(new RegExp(`^otpauth://totp/.*${role}.*secret=${body.secret}`));
    } else if (op.path.endsWith('/confirm')) {
      const { status } = await c.json(op.path, { method: 'POST', body: JSON.stringify({ code: 'abcdef' }) });
      expect(status, `${role} confirms with a wrong code`).toBe(isAdmin ? 422 : 403);
    } else {
      const { status } = await c.json(op.path, { method: 'POST', body: JSON.stringify({ code: '123456' }) });
      expect(status, `${role} ${op.path} without a second factor`).toBe(409);
    }
  }
};

const ownSessions: Check = async ({ clients }, op) => {
  const ids = new Map<string, string[]>();
  for (const role of demoRoles) {
    const { status, body } = await clients[role].json('/api/auth/sessions');
    expect(status, `${role} lists sessions`).toBe(200);
    expect(body.items.filter((s: { current: boolean }) => s.current), `${role} has one current session`).toHaveLength(1);
    ids.set(role, body.items.map((s: { id: string }) => s.id));
  }
  for (const role of demoRoles) {
    const foreign = demoRoles.filter((r) => r !== role).flatMap((r) => ids.get(r)!);
    if (op.method === 'delete') {
      const { status } = await clients[role].json(op.path.replace('{id}', foreign[0]), { method: 'DELETE' });
      expect(status, `${role} ends another account's session`).toBe(404);
    } else if (op.method === 'post') {
      expect((await clients[role].json(op.path, { method: 'POST' })).status, `${role} ends its other sessions`).toBe(200);
    }
  }
  // nobody's session was touched by another account
  for (const role of demoRoles) expect((await clients[role].json('/api/auth/sessions')).body.items.map((s: { id: string }) => s.id), role).toEqual(expect.arrayContaining(ids.get(role)!.slice(0, 1)));
};

/** Every operation of the API and how its access is checked. */

// ───────────── monitoring and recommendations ─────────────

type Expect<K> = (role: DemoRole, key: K, ctx: Ctx) => number | number[];
const perKey =
  <K extends string>(keys: readonly K[], id: (ctx: Ctx, key: K) => string, visible: (role: DemoRole, key: K, ctx: Ctx) => boolean) =>
  (request: (client: TestClient, path: string, key: K, ctx: Ctx) => Promise<{ status: number }>, expected: Expect<K> = () => 200): Check =>
  async (ctx, op) => {
    for (const role of demoRoles) {
      for (const key of keys) {
        const res = await request(ctx.clients[role], op.path.replace('{id}', id(ctx, key)), key, ctx);
        const want = visible(role, key, ctx) ? expected(role, key, ctx) : 404;
        expect([want].flat(), `${role} ${op.method} ${op.path} (${key}): ${res.status}`).toContain(res.status);
      }
    }
  };
const perCampaign = perKey(campaignKeys, (ctx, k: CampaignKey) => ctx.mo.campaigns[k], (role, k, ctx) => ctx.moAccess[role].campaigns.includes(k));
const perForm = perKey(campaignKeys, (ctx, k: CampaignKey) => ctx.mo.forms[k], (role, k, ctx) => ctx.moAccess[role].campaigns.includes(k));
const perAssignment = perKey(assignmentKeys, (ctx, k: AssignmentKey) => ctx.mo.assignments[k], (role, k, ctx) => ctx.moAccess[role].assignments.includes(k));
const perRecommendation = perKey(recommendationKeys, (ctx, k: RecommendationKey) => ctx.mo.recommendations[k], (role, k, ctx) => ctx.moAccess[role].recommendations.includes(k));
/** Campaigns are open: the running body gets 409 (forms frozen, stale version), other readers 403. */
const campaignEditor: Expect<CampaignKey> = (role, key, ctx) => (ctx.moAccess[role].editCampaigns.includes(key) ? 409 : 403);
const filler: Expect<AssignmentKey> = (role, key, ctx) => (ctx.moAccess[role].fill.includes(key) ? 409 : 403);

const listCampaigns: Check = async (ctx) => {
  for (const role of demoRoles) {
    const { status, body } = await ctx.clients[role].json('/api/monitoring/campaigns?year=2026');
    expect(status).toBe(200);
    const ids = new Set(body.items.map((c: { id: string }) => c.id));
    for (const key of campaignKeys) expect(ids.has(ctx.mo.campaigns[key]), `${role} lists campaign ${key}`).toBe(ctx.moAccess[role].campaigns.includes(key));
  }
};
const createCampaignCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify({ title: 'Проверка доступа', year: 2040, periodLabel: '2040 год', collectFrom: '2040-01-10', deadline: '2040-02-10' }) });
    expect(status, `${role} creates a campaign`).toBe(ctx.moAccess[role].issues ? 201 : 422);
  }
};
const assignmentsListCheck = perCampaign(async (c, path, key, ctx) => {
  const res = await c.json(path);
  if (res.status === 200) {
    const orgs = new Set(res.body.items.map((a: { id: string }) => a.id));
    const role = c.login as DemoRole;
    if (key === 'regional') for (const k of assignmentKeys) expect(orgs.has(ctx.mo.assignments[k]), `${role} sees assignment ${k}`).toBe(ctx.moAccess[role].assignments.includes(k));
  }
  return res;
});
const myAssignmentsCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const { status, body } = await ctx.clients[role].json(op.path);
    expect(status).toBe(200);
    const ids = new Set(body.items.map((a: { id: string }) => a.id));
    // «what is asked of us»: the organizations the account acts for, not everything it sees
    const own: Partial<Record<DemoRole, AssignmentKey>> = { school: 'school', school2: 'school2' };
    for (const k of assignmentKeys) expect(ids.has(ctx.mo.assignments[k]), `${role} is asked for ${k}`).toBe(own[role] === k);
  }
};
const uploadForm = () => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'приказ.pdf');
  return form;
};
const listRecommendations: Check = async (ctx) => {
  for (const role of demoRoles) {
    const ids = new Set(await allPages(ctx.clients[role], '/api/recommendations?q=проверки доступа'));
    for (const key of recommendationKeys) expect(ids.has(ctx.mo.recommendations[key]), `${role} lists recommendation ${key}`).toBe(ctx.moAccess[role].recommendations.includes(key));
  }
};
const issueCheck: Check = async (ctx, op) => {
  for (const role of demoRoles) {
    const body = { addressees: [{ organizationId: ctx.f.organizations.school }], title: 'Проверка выдачи', text: 'Текст рекомендации для проверки выдачи', dueDate: '2040-01-01' };
    const { status } = await ctx.clients[role].json(op.path, { method: 'POST', body: JSON.stringify(body) });
    expect(status, `${role} issues a recommendation`).toBe(ctx.moAccess[role].issues ? 201 : 422);
  }
};

const coverage: Record<string, Check> = {
  'GET /api/monitoring/campaigns': listCampaigns,
  'POST /api/monitoring/campaigns': createCampaignCheck,
  'GET /api/monitoring/campaigns/{id}': perCampaign(get),
  'PATCH /api/monitoring/campaigns/{id}': perCampaign(sendJson('PATCH', { version: 999999 }), campaignEditor),
  'POST /api/monitoring/campaigns/{id}/forms': perCampaign(sendJson('POST', { title: 'Форма', fields: [] }), campaignEditor),
  'PUT /api/monitoring/forms/{id}': perForm(sendJson('PUT', { title: 'Форма', fields: [], version: 999999 }), campaignEditor),
  'DELETE /api/monitoring/forms/{id}': perForm(sendJson('DELETE', undefined), campaignEditor),
  'GET /api/monitoring/campaigns/{id}/assignments': assignmentsListCheck,
  'POST /api/monitoring/campaigns/{id}/assignments': perCampaign(
    (c, path, _key, ctx) => c.json(path, { method: 'POST', body: JSON.stringify({ organizationIds: [ctx.f.organizations.school] }) }),
    (role, key, ctx) => (ctx.moAccess[role].editCampaigns.includes(key) ? 200 : 403),
  ),
  // tried on the submitted school's assignment only, so the running body is refused (409) and nothing is removed
  'DELETE /api/monitoring/assignments/{id}': async (ctx, op) => {
    for (const role of demoRoles) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.mo.assignments.school), { method: 'DELETE' });
      const a = ctx.moAccess[role];
      expect(status, `${role} removes the school's assignment`).toBe(!a.assignments.includes('school') ? 404 : a.editCampaigns.includes('regional') ? 409 : 403);
    }
  },
  'GET /api/monitoring/campaigns/{id}/completeness': perCampaign(get),
  'POST /api/monitoring/campaigns/{id}/reminders': perCampaign(sendJson('POST', {}), (role, key, ctx) => (ctx.moAccess[role].remind.includes(key) ? 200 : 403)),
  'GET /api/monitoring/my-assignments': myAssignmentsCheck,
  'GET /api/monitoring/assignments/{id}/submission': perAssignment(get),
  'PUT /api/monitoring/assignments/{id}/submission': perAssignment(sendJson('PUT', { values: {}, version: 999999 }), filler),
  'POST /api/monitoring/assignments/{id}/submission/transition': perAssignment(sendJson('POST', { action: 'submit', version: 999999 }), filler),
  'POST /api/monitoring/assignments/{id}/files': perAssignment(
    (c, path) => c.request(path, { method: 'POST', body: uploadForm() }),
    (role, key, ctx) => (!ctx.moAccess[role].fill.includes(key) ? 403 : key === 'school' ? 409 : 201),
  ),
  'GET /api/monitoring/assignments/{id}/files/{fileId}': async (ctx, op) => {
    for (const role of demoRoles) {
      const res = await ctx.clients[role].request(op.path.replace('{id}', ctx.mo.file.assignment).replace('{fileId}', ctx.mo.file.fileId));
      expect(res.status, `${role} reads the monitoring file`).toBe(ctx.moAccess[role].assignments.includes('otherSchool') ? 200 : 404);
    }
  },
  'GET /api/recommendations': listRecommendations,
  'POST /api/recommendations': issueCheck,
  'GET /api/recommendations/{id}': perRecommendation(get),
  'POST /api/recommendations/{id}/response': perRecommendation(sendJson('POST', { response: 'Ответ адресата для проверки доступа', version: 999999 }), (role, key, ctx) =>
    ctx.moAccess[role].respond.includes(key) ? 409 : 403,
  ),
  'POST /api/recommendations/{id}/decision': perRecommendation(sendJson('POST', { action: 'close', version: 999999 }), (role, key, ctx) => (ctx.moAccess[role].decide.includes(key) ? 409 : 403)),
  'GET /api/health': publicOk,
  'POST /api/auth/login': publicOk,
  'GET /api/auth/demo-accounts': publicOk,
  'POST /api/auth/logout': publicOk, // exercised by auth.api.test.ts; logging out here would end the shared sessions
  'GET /api/auth/me': anyUser,
  'GET /api/auth/sessions': ownSessions,
  'DELETE /api/auth/sessions/{id}': ownSessions,
  'POST /api/auth/sessions/end-others': ownSessions,
  'GET /api/auth/second-factor': ownSecondFactor,
  'POST /api/auth/second-factor/enrol': ownSecondFactor,
  'POST /api/auth/second-factor/confirm': ownSecondFactor,
  'POST /api/auth/second-factor/disable': ownSecondFactor,
  'POST /api/auth/second-factor/recovery-codes': ownSecondFactor,
  'GET /api/overview': anyUser,
  'GET /api/territories': list('territories'),
  'GET /api/territories/{id}': readOne('territories'),
  'POST /api/territories': create('territories'),
  'PATCH /api/territories/{id}': patchOne('territories'),
  'GET /api/organizations': list('organizations'),
  'GET /api/organizations/export.xlsx': exportList('organizations'),
  'GET /api/organizations/{id}': readOne('organizations'),
  'POST /api/organizations': create('organizations'),
  'PATCH /api/organizations/{id}': patchOne('organizations'),
  'GET /api/staff': list('staff'),
  'GET /api/staff/export.xlsx': exportList('staff'),
  'GET /api/staff/{id}': readOne('staff'),
  'GET /api/staff/{id}/personal-data': subjectExport,
  'GET /api/staff/{id}/privacy': subjectExport,
  'POST /api/staff/{id}/privacy/consents': consentCheck,
  'PUT /api/staff/{id}/privacy/basis': basisCheck,
  'POST /api/staff/{id}/privacy/block': blockCheck,
  'POST /api/staff/{id}/privacy/unblock': unblockCheck,
  'POST /api/staff/{id}/privacy/destroy': destroyCheck,
  'GET /api/privacy/destruction-acts': actsList,
  'GET /api/privacy/destruction-acts/{id}': actRead,
  'GET /api/privacy/destruction-acts/{id}/export.docx': actRead,
  'GET /api/privacy/access': accessList,
  'POST /api/staff': create('staff'),
  'PATCH /api/staff/{id}': patchOne('staff'),
  'GET /api/imports/{kind}/template.xlsx': async (ctx, op) => {
    for (const kind of importKinds) await anyUser(ctx, { ...op, path: op.path.replace('{kind}', kind) });
  },
  'POST /api/imports/{kind}': uploadImport,
  'GET /api/imports/{id}': ownBatch(false),
  'POST /api/imports/{id}/commit': ownBatch(true),
  'GET /api/audit': auditScoped,
  'POST /api/deadlines/parse': anyUserPost({ text: 'ежегодно (сентябрь)', period: { from: 2026, to: 2030 } }),
  'POST /api/roadmaps/import': importRoadmapCheck,
  'GET /api/roadmaps': listRoadmaps,
  'POST /api/roadmaps': createRoadmapCheck,
  'GET /api/roadmaps/{id}': perRoadmap(roadmapId, get),
  'PATCH /api/roadmaps/{id}': perRoadmap(roadmapId, sendJson('PATCH', { version: 999999 }), staleWrite),
  'POST /api/roadmaps/{id}/revisions': perRoadmap(roadmapId, sendJson('POST', { ...minimalContent, version: 999999 }), staleWrite),
  'GET /api/roadmaps/{id}/compare': perRoadmap(roadmapId, get),
  'POST /api/roadmaps/{id}/cascade': cascadeCheck,
  'GET /api/roadmaps/{id}/rollup': perRoadmap(roadmapId, get, (_role, key) => (key === 'regional' ? 200 : 422)),
  'GET /api/roadmaps/{id}/activities': perRoadmap(roadmapId, get),
  'GET /api/roadmaps/{id}/timeline': perRoadmap(roadmapId, get),
  'GET /api/roadmaps/{id}/export.docx': perRoadmap(roadmapId, get),
  'GET /api/roadmaps/{id}/export.xlsx': perRoadmap(roadmapId, get),
  'GET /api/roadmap-activities/{id}': perRoadmap(activityId, get),
  'POST /api/roadmap-activities/{id}/reports': reportCheck,
  'PATCH /api/roadmap-occurrences/{id}': perRoadmap((rm, k) => rm.occurrences[k], sendJson('PATCH', { version: 999999, status: 'done' }), staleWrite),
  'GET /api/progress-reports/{id}/files/{fileId}': reportFileCheck,
  'GET /api/roadmap-deadlines': deadlinesCheck,
  'GET /api/roadmap-deadlines/summary': anyUser,
  'GET /api/assessments': listAssessments,
  'POST /api/assessments': createAssessmentCheck,
  'GET /api/assessments/{id}': perAssessment(get),
  'PATCH /api/assessments/{id}': perAssessment(sendJson('PATCH', { version: 999999 }), (role, key, ctx) => (ctx.asAccess[role].edit.includes(key) ? 409 : 403)),
  'POST /api/assessments/{id}/participants': perPersonWrite((_ctx, staffId) => ({ staffIds: [staffId] }), participantRule),
  'GET /api/assessments/{id}/results': resultsListCheck,
  'POST /api/assessments/{id}/results': perPersonWrite((ctx, staffId) => ({ staffId, scores: [{ competencyId: ctx.as.competencyId, score: 55 }] }), personWriteRule),
  'GET /api/assessments/{id}/results/export.xlsx': resultsExportCheck,
  'GET /api/staff/{id}/assessments': readOne('staff'),
  'GET /api/programs': listPrograms,
  'GET /api/programs/export.xlsx': exportPrograms,
  'POST /api/programs': createProgramCheck,
  'GET /api/programs/{id}': perProgram(get, () => 200),
  'PATCH /api/programs/{id}': perProgram(sendJson('PATCH', { version: 999999 }), (ctx, role, id) => (programKeeper(ctx, role, ownerOf(ctx)[id]) ? 409 : 403)),
  'GET /api/cohorts': anyUser,
  'POST /api/cohorts': createCohortCheck,
  'GET /api/cohorts/{id}': async (ctx, op) => anyUser(ctx, { ...op, path: op.path.replace('{id}', ctx.pr.cohorts.region) }),
  'PATCH /api/cohorts/{id}': async (ctx, op) => {
    for (const role of demoRoles) {
      const { status } = await ctx.clients[role].json(op.path.replace('{id}', ctx.pr.cohorts.region), { method: 'PATCH', body: JSON.stringify({ version: 999999 }) });
      expect(status, `${role} edits a cohort`).toBe(programKeeper(ctx, role, ctx.f.organizations.ministry) ? 409 : 403);
    }
  },
  'GET /api/enrollments': listEnrollments,
  'POST /api/enrollments': requestEnrollmentCheck,
  'POST /api/enrollments/external': externalCourseCheck,
  'GET /api/enrollments/{id}': perEnrollment(get),
  'PATCH /api/enrollments/{id}': perEnrollment(sendJson('PATCH', { version: 999999, action: 'approve' }), (ctx, role, key) => (enrollmentEmployer(ctx, role, key) ? 409 : 403)),
  'GET /api/enrollments/{id}/certificate': perEnrollment(get, (_ctx, _role, key) => (key === 'otherMuni' ? 200 : 404)),
  'GET /api/learning-plans': listPlans,
  'POST /api/learning-plans/draft': perPersonPlan([200]),
  'POST /api/learning-plans': perPersonPlan([201, 409]),
  'GET /api/learning-plans/{id}': perPlan(planId, get),
  'PATCH /api/learning-plans/{id}': perPlan(planId, sendJson('PATCH', { version: 999999, title: 'Проверка' }), (ctx, role, key) => (drafter(ctx, role, planPerson(ctx, key)) ? 409 : 403)),
  'POST /api/learning-plans/{id}/transition': perPlan(planId, sendJson('POST', { version: 999999, action: 'reopen', reason: 'Проверка' }), (ctx, role, key) =>
    ctx.access[role].write.staff.includes(planPerson(ctx, key)) ? 409 : 403,
  ),
  'GET /api/learning-plans/{id}/export.docx': perPlan(planId, get),
  'POST /api/learning-plan-items/{id}/report': perPlan(
    planItemId,
    (c, path) => {
      const form = new FormData();
      form.append('text', 'Проверка');
      return c.request(path, { method: 'POST', body: form });
    },
    // only the person reports; the teacher's first item is already on review (409), the other plan is a draft (409)
    (ctx, role, key) => (role === 'teacher' && key === 'teacher' ? 409 : 403),
  ),
  'POST /api/learning-plan-items/{id}/review': perPlan(planItemId, sendJson('POST', { version: 999999, decision: 'accept' }), (_ctx, role, key) => (role === 'tutor' && key === 'teacher' ? 409 : 403)),
  'GET /api/learning-plan-items/{id}/files/{fileId}': perPlan(planItemId, get, (_ctx, _role, key) => (key === 'teacher' ? 200 : 404)),
  'GET /api/learning-coverage': coverageCheck,
  'GET /api/learning-coverage/people': coveragePeopleCheck,
  'GET /api/learning-coverage/people/export.xlsx': coverageExportCheck,
  'GET /api/tutor-cabinet': tutorCabinetCheck,
  'GET /api/indicators': indicatorReaders,
  'GET /api/indicators/values': indicatorValuesCheck(`period=${indicatorYear}`),
  'GET /api/indicators/{code}/trend': indicatorValuesCheck(`from=${indicatorYear - 1}&to=${indicatorYear}`),
  'POST /api/indicators': createIndicatorCheck,
  'PATCH /api/indicators/{id}': changeIndicatorCheck('PATCH'),
  'DELETE /api/indicators/{id}': changeIndicatorCheck('DELETE'),
  'PUT /api/indicators/{code}/targets': targetCheck,
  'GET /api/indicators/{code}/entered': indicatorReaders,
  'PUT /api/indicators/{code}/entered': enteredCheck,
  'GET /api/reports/annual': annualReportCheck,
  'GET /api/reports/system-passport': systemPassportCheck,
  'GET /api/competencies': anyUser,
  'GET /api/competencies/revisions': anyUser,
  'POST /api/competencies': async (ctx, op) => {
    const groupId = await firstGroupId(ctx.clients.region);
    await catalogCreate((role) => ({ groupId, code: `ПРОВ.${role}`, name: 'Проверочная компетенция' }))(ctx, op);
  },
  'PATCH /api/competencies/{id}': catalogPatch((c) => c.groups[0].competencies[0].id),
  'POST /api/competency-groups': catalogCreate((role) => ({ code: `ПРОВ-${role}`, name: 'Проверочная группа' })),
  'PATCH /api/competency-groups/{id}': catalogPatch((c) => c.groups[0].id),
  'GET /api/practices': listPractices,
  'POST /api/practices': submitPractice,
  'GET /api/practices/{id}': perPractice(get, () => 200),
  'PATCH /api/practices/{id}': perPractice(sendJson('PATCH', { version: 999999 }), (role, key) => (editable(role, key) ? 409 : 403)),
  'POST /api/practices/{id}/files': perPractice(attachPracticeFile, (role, key) => (editable(role, key) ? 200 : 403)),
  'GET /api/practices/{id}/files/{fileId}': perPractice(get, () => 200),
  'POST /api/practices/{id}/resubmit': perPractice(sendJson('POST', { version: 999999 }), (role, key) => (practiceAccess[role].author.includes(key) ? 409 : 403)),
  'GET /api/practice-experts': async (ctx, op) => {
    for (const role of demoRoles) expect((await ctx.clients[role].request(op.path)).status, `${role} ${op.path}`).toBe(role === 'region' ? 200 : 403);
  },
  'PUT /api/practices/{id}/experts': perPractice(sendJson('PUT', { version: 999999, expertUserIds: [] }), (role) => (practiceAccess[role].manager ? 409 : 403)),
  'POST /api/practices/{id}/reviews': perPractice(
    sendJson('POST', { scores: { relevance: 4, novelty: 4, effectiveness: 4, reproducibility: 4, methodology: 4 }, recommendation: 'publish' }),
    (role, key) => (!practiceAccess[role].expertOf.includes(key) ? 403 : practiceStatus[key] === 'under_review' ? 200 : 409),
  ),
  'POST /api/practices/{id}/decision': perPractice(sendJson('POST', { version: 999999, decision: 'publish' }), (role, key) =>
    practiceAccess[role].manager || practiceAccess[role].expertOf.includes(key) ? 409 : 403,
  ),
  'POST /api/practices/{id}/disseminations': perPractice(sendJson('POST', { title: 'Семинар', heldOn: '2026-02-01' }), (role, key) =>
    !practiceAccess[role].author.includes(key) && !practiceAccess[role].manager ? 403 : practiceStatus[key] === 'published' ? 201 : 409,
  ),
  'GET /api/public/practices': publicPractices,
  'GET /api/public/practices/{id}': publicPractice,
  'GET /api/public/practices/{id}/files/{fileId}': publicPractice,
  'GET /api/resources': registryRead,
  'POST /api/resources': registryCreate(() => ({ title: 'Ресурс', url: 'https://edsoo.ru/', topic: 'Проверка', audiences: ['teachers'] }), ['region']),
  'PATCH /api/resources/{id}': registryPatch((pc) => pc.resource, ['region']),
  'GET /api/innovation-sites': registryRead,
  'POST /api/innovation-sites': registryCreate((ctx) => ({ organizationId: ctx.f.organizations.school2, kind: 'internship', status: 'applied', topic: 'Проверка', periodFrom: '2026-09-01' }), ['region'], (ctx, role) =>
    ctx.access[role].read.organizations.includes(ctx.f.organizations.school2) ? 403 : 422,
  ),
  'PATCH /api/innovation-sites/{id}': registryPatch((pc) => pc.site, ['region']),
  'GET /api/documents': listDocuments,
  'POST /api/documents': createDocumentCheck,
  'GET /api/documents/{id}': perDocument(get),
  'PATCH /api/documents/{id}': perDocument(sendJson('PATCH', { version: 999999 }), docStale),
  'POST /api/documents/{id}/status': perDocument(sendJson('POST', { version: 999999, status: 'approved' }), docStale),
  'PUT /api/documents/{id}/file': perDocument((c, path) => c.request(path, { method: 'PUT', body: pdfForm() }), (role, key, ctx) => (docWriter(role, key, ctx) ? 200 : 403)),
  'GET /api/documents/{id}/file': perDocument(get),
  'POST /api/documents/{id}/activity-links': perDocument(
    (c, path, _key, ctx) => c.json(path, { method: 'POST', body: JSON.stringify({ activityId: ctx.rm.activities.regional }) }),
    // the fixture link exists already: a writer gets 409 (duplicate), which is decided after access
    (role, key, ctx) => (docWriter(role, key, ctx) ? 409 : 403),
  ),
  'POST /api/documents/{id}/organization-links': perDocument(
    (c, path, key, ctx) => c.json(path, { method: 'POST', body: JSON.stringify({ organizationId: ctx.dc.owners[key], purpose: 'Проверка доступа' }) }),
    (role, key, ctx) => (docWriter(role, key, ctx) ? 409 : 403),
  ),
  'DELETE /api/document-activity-links/{id}': unlinkCheck((dc) => dc.activityLinks),
  'DELETE /api/document-organization-links/{id}': unlinkCheck((dc) => dc.organizationLinks),
  'GET /api/vacancies': listVacancies,
  'GET /api/vacancies/export.xlsx': exportVacancies,
  'GET /api/vacancies/summary': coverageCheck,
  'POST /api/vacancies': createVacancyCheck,
  'GET /api/vacancies/{id}': perVacancy(get),
  'PATCH /api/vacancies/{id}': perVacancy(sendJson('PATCH', { version: 999999 }), (role, org, ctx) => (ctx.access[role].write.organizations.includes(org) ? 409 : 403)),
  'GET /api/staffing/subject-match': coverageCheck,
  'GET /api/staffing/retraining': coveragePeopleCheck,
  'GET /api/staffing/retraining/export.xlsx': readerExportCheck('/api/staffing/retraining'),
  'GET /api/staff/{id}/education': readOne('staff'),
  'PUT /api/staff/{id}/education': educationWrite,
  'GET /api/young-specialists': youngListCheck,
  'GET /api/young-specialists/export.xlsx': youngExportCheck,
  'GET /api/mentorships/suggestions': scopedPeople('staffId', (s: { candidates: { staffId: string }[] }) => s.candidates.map((c) => c.staffId)),
  'GET /api/mentorships/programmes': listProgrammes,
  'POST /api/mentorships/programmes': createProgrammeCheck,
  'GET /api/mentorships/programmes/{id}': perProgramme(get),
  'POST /api/mentorships/programmes/{id}/documents': perProgramme(
    (c, path) => {
      const form = new FormData();
      form.append('kind', 'order');
      form.append('title', 'Приказ (проверка доступа)');
      form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'приказ.pdf');
      return c.request(path, { method: 'POST', body: form });
    },
    (ctx, role, key) => (programmeKeeper(ctx, role, key) ? 201 : 403),
  ),
  'GET /api/mentorships/programmes/{id}/documents/{documentId}': perProgramme(get),
  'GET /api/mentorships': listPairs,
  'POST /api/mentorships': createPairCheck,
  'GET /api/mentorships/{id}': perPair(get),
  'PATCH /api/mentorships/{id}': perPair(sendJson('PATCH', { version: 999999, plan: 'Проверка' }), (ctx, role, key) => (pairKeeper(ctx, role, key) ? 409 : 403)),
  'POST /api/mentorships/{id}/transition': perPair(sendJson('POST', { version: 999999, action: 'complete' }), (ctx, role, key) => (pairKeeper(ctx, role, key) ? 409 : 403)),
  'GET /api/mentorships/{id}/meetings': perPair(get),
  'POST /api/mentorships/{id}/meetings': perPair(sendJson('POST', { heldOn: new Date().toISOString().slice(0, 10), topic: 'Проверка доступа' }), (ctx, role, key) =>
    pairKeeper(ctx, role, key) || (role === 'teacher' && key === 'teacher') ? 201 : 403,
  ),
  'GET /api/mentors': scopedPeople('staffId'),
  'PUT /api/mentors/{id}/capacity': capacityCheck,
  'GET /api/team-mentorships': listTeams,
  'POST /api/team-mentorships': createTeamCheck,
  'PATCH /api/team-mentorships/{id}': patchTeamCheck,
  'GET /api/events': listLevelRecords('/api/events', (ev) => ev.events),
  'GET /api/events.ics': eventsIcsCheck,
  'POST /api/events': eventCreateCheck,
  'GET /api/events/{id}': perLevelRecord(eventId, get),
  'PATCH /api/events/{id}': perLevelRecord(eventId, sendJson('PATCH', { version: 999999 }), staleLevelWrite),
  'GET /api/events/{id}/registrations': perLevelRecord(eventId, get),
  'POST /api/events/{id}/registrations': registerCheck,
  'POST /api/event-registrations/{id}/cancel': cancelRegistrationCheck,
  'POST /api/events/{id}/attendance': (ctx, op) =>
    perLevelRecord(eventId, sendJson('POST', { marks: [{ registrationId: ctx.ev.registration, attended: true }] }), (role, key) =>
      // the teacher's registration belongs to municipality #1's event only
      !levelWriter(role, key, ctx) ? 403 : key === 'muni1' ? 200 : 422,
    )(ctx, op),
  'POST /api/events/{id}/report': perLevelRecord(eventId, (c, path) => c.request(path, { method: 'POST', body: reportForm() }), (role, key, ctx) => (levelWriter(role, key, ctx) ? [200, 409] : 403)),
  'GET /api/events/{id}/report/photos/{fileId}': async (ctx, op) => {
    for (const role of demoRoles) {
      const res = await ctx.clients[role].request(op.path.replace('{id}', ctx.ev.photo.eventId).replace('{fileId}', ctx.ev.photo.fileId));
      expect(res.status, `${role} reads the report photo`).toBe(ctx.rmAccess[role].read.includes('muni1') ? 200 : 404);
    }
  },
  'GET /api/event-feeds': anyUser,
  'POST /api/event-feeds': feedCreateCheck,
  'DELETE /api/event-feeds/{id}': feedRevokeCheck,
  'GET /api/events/feed/{file}': feedReadCheck,
  'GET /api/event-calendars': listLevelRecords('/api/event-calendars?year=2040', (ev) => ev.calendars),
  'POST /api/event-calendars': calendarCreateCheck,
  'GET /api/event-calendars/{id}': perLevelRecord(calendarId, get),
  'POST /api/event-calendars/{id}/transition': perLevelRecord(calendarId, sendJson('POST', { version: 999999, action: 'submit' }), staleLevelWrite),
  'GET /api/communities': listLevelRecords('/api/communities', (ev) => ev.communities),
  'POST /api/communities': communityCreateCheck,
  'GET /api/communities/{id}': perLevelRecord(communityId, get),
  'PATCH /api/communities/{id}': perLevelRecord(communityId, sendJson('PATCH', { version: 999999 }), staleLevelWrite),
  'GET /api/communities/{id}/members': perLevelRecord(communityId, get),
  'POST /api/communities/{id}/members': addDeputyCheck,
  'PATCH /api/community-members/{id}': memberChangeCheck,
  'GET /api/communities/{id}/plans': perLevelRecord(communityId, get),
  'POST /api/communities/{id}/plans': perLevelRecord(communityId, sendJson('POST', { period: '2026/2027', title: 'План', items: ['Пункт'] }), (role, key, ctx) => (levelWriter(role, key, ctx) ? 201 : 403)),
  'GET /api/communities/{id}/meetings': perLevelRecord(communityId, get),
  'POST /api/communities/{id}/meetings': perLevelRecord(communityId, (c, path) => c.request(path, { method: 'POST', body: meetingForm() }), (role, key, ctx) => (levelWriter(role, key, ctx) ? 201 : 403)),
  'GET /api/community-meetings/{id}/files/{fileId}': async (ctx, op) => {
    for (const role of demoRoles) {
      const res = await ctx.clients[role].request(op.path.replace('{id}', ctx.ev.meeting.id).replace('{fileId}', ctx.ev.meeting.fileId));
      expect(res.status, `${role} reads the protocol`).toBe(ctx.rmAccess[role].read.includes('muni1') ? 200 : 404);
    }
  },
  'GET /api/contests': listContests,
  'POST /api/contests': createAtOwners((owner) => ({ title: 'Проверочный конкурс', year: 2040, organizerOrganizationId: owner, stages: [{ level: 'organization' }, { level: 'municipal' }] })),
  'GET /api/contests/{id}': perContest((ev, k) => ev.contests[k], get),
  'GET /api/contest-stages/{id}/entries': perContest((ev, k) => ev.firstStages[k], get),
  'POST /api/contest-stages/{id}/entries': nominateTeacherCheck,
  'PATCH /api/contest-entries/{id}': entryPatchCheck,
  'POST /api/contest-stages/{id}/promote': perContest((ev, k) => ev.firstStages[k], sendJson('POST', {}), (role, key, ctx) => (ctx.ctAccess[role].organizer.includes(key) || isAdmin(ctx, role) ? 200 : 403)),
};

const publicOps = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/auth/demo-accounts',
  'GET /api/public/practices',
  'GET /api/public/practices/{id}',
  'GET /api/public/practices/{id}/files/{fileId}',
  'GET /api/events/feed/{file}',
]);


const signIn = async (app: TestApp, prefix = '', onResponse?: (path: string, init: RequestInit, res: Response) => void) =>
  Object.fromEntries(await Promise.all(demoRoles.map(async (r) => [r, await app.as(prefix + r, onResponse)]))) as Record<DemoRole, TestClient>;

describe('authorization matrix over the OpenAPI document', () => {
  let ctx: Ctx | null = null;
  let ops: { method: string; path: string; key: string }[] = [];
  /** Checks made by each passing test (vitest's assertion count): the figure the suite prints. */
  const checks = { anonymous: 0, roles: 0, blocked: 0 };
  /** Every request the demo accounts made in the matrix, with its status: replayed on another region. */
  const sent: Sent[] = [];
  let other!: RegionFixtures;
  let otherRegion: OtherRegionFigures | undefined;
  let refusals = 0;

  beforeAll(async () => {
    const app = await startTestApp();
    if (!app) return;
    // another region with its own demo accounts (r2-region, r2-teacher…) and the same fixtures
    await addDemoRegion(app.database.db, { index: 1, loginPrefix: 'r2-' });
    other = await createRegionFixtures(app, await signIn(app, 'r2-'), 'r2-');
    const clients = await signIn(app, '', record(sent));
    const own = await createRegionFixtures(app, clients);
    sent.length = 0;
    ctx = { app, clients, ...own, access: expectedAccess(own.f), rmAccess: expectedRoadmapAccess(), asAccess: expectedAssessmentAccess(), ctAccess: expectedContestAccess(), moAccess: expectedMonitoringAccess() };
    const doc = await (await app.request('/api/openapi.json')).json();
    ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );
  }, 300_000);
  afterAll(async () => {
    if (ctx && checks.roles)
      console.log(
        `authorization matrix: ${ops.length} operations × ${demoRoles.length} demo roles, anonymous and a blocked account; ` +
          `${checks.roles} checks by role and scope, ${checks.anonymous} anonymous, ${checks.blocked} blocked: 0 mismatches`,
      );
    if (otherRegion)
      console.log(
        `authorization matrix, another region: ${otherRegion.operations} operations on its records × ${demoRoles.length} demo roles, ${otherRegion.requests} requests, ` +
          `each answered word for word as for a record that does not exist (${otherRegion.open} reads of records open to all by design); ` +
          `${otherRegion.scanned} answers scanned for its ids and personal data: 0 leaks`,
      );
    if (refusals) console.log(`authorization matrix: ${refusals} refusals (401, 403, 404) scanned for the personal data of every person: none found`);
    await ctx?.app.close();
  });

  it('has an entry for every operation of the OpenAPI document', (t) => {
    if (!ctx) return t.skip();
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.map((o) => o.key).filter((k) => !coverage[k])).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public operation', async (t) => {
    if (!ctx) return t.skip();
    for (const op of ops.filter((o) => !publicOps.has(o.key))) {
      const path = op.path.replace('{id}', ctx.f.staff.teacherSelf).replace('{kind}', 'staff');
      const res = await ctx.app.request(path, { method: op.method, headers: { 'content-type': 'application/json' }, body: op.method === 'GET' ? undefined : '{}' });
      expect(res.status, `anonymous ${op.key}`).toBe(401);
    }
    checks.anonymous = expect.getState().assertionCalls;
  });

  it('gives every role exactly its scope on every operation', async (t) => {
    if (!ctx) return t.skip();
    // every operation is checked, and every mismatching one reported
    const failures: string[] = [];
    for (const op of ops) {
      const check = coverage[op.key];
      if (!check) continue;
      try {
        await check(ctx, op);
      } catch (e) {
        failures.push(`${op.key}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
    checks.roles = expect.getState().assertionCalls;
  }, 600_000);

  it('answers every demo role on the records of another region as if they did not exist, and leaks none of them', async (t) => {
    if (!ctx) return t.skip();
    otherRegion = await replayOnOtherRegion(ctx, other, ops, sent);
  }, 600_000);

  it('refuses without anyone\'s personal data in the answer', async (t) => {
    if (!ctx) return t.skip();
    refusals = await scanRefusals(ctx.app, sent);
  });

  // last: it blocks an account the checks above use
  it('answers 401 on every non-public operation to a blocked account, whose sign-in is refused', async (t) => {
    if (!ctx) return t.skip();
    const blocked = ctx.clients.school2;
    await ctx.app.database.db.execute(sql`UPDATE users SET blocked_at = now() WHERE login = 'school2'`);
    for (const op of ops.filter((o) => !publicOps.has(o.key))) {
      const path = op.path.replace('{id}', ctx.f.staff.teacherSelf).replace('{kind}', 'staff');
      const res = await blocked.request(path, { method: op.method, headers: { 'content-type': 'application/json' }, body: op.method === 'GET' ? undefined : '{}' });
      expect(res.status, `blocked ${op.key}`).toBe(401);
    }
    await expect(ctx.app.as('school2')).rejects.toThrow(/401/);
    checks.blocked = expect.getState().assertionCalls;
  });
});
