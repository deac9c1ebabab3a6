import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { clearLearningData, startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';

const year = Number(todayIso().slice(0, 4));

describe('coverage and the tutor’s cabinet', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient, tutor: TestClient;
  let teacherId: string, colleagueId: string, otherId: string, muni1: string, muni2: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'PATCH', body: JSON.stringify(body) });

  /** The figures restated independently: latest score per competency by row_number, plans and
   *  courses by plain joins. */
  async function expected(municipalityId: string) {
    const [r] = await queryRows<Record<string, number>>(
      app!.database.db,
      sql`WITH people AS (SELECT id FROM staff WHERE archived_at IS NULL AND ${municipalityId} = ANY(territory_ids)),
          ranked AS (SELECT r.staff_id, r.score, ac.threshold, row_number() OVER (PARTITION BY r.staff_id, r.competency_id ORDER BY r.measured_on DESC, r.entered_at DESC) AS n
                     FROM assessment_results r JOIN assessment_competencies ac USING (assessment_id, competency_id) WHERE r.staff_id IN (SELECT id FROM people)),
          d AS (SELECT DISTINCT staff_id FROM ranked WHERE n = 1 AND score < threshold),
          pl AS (SELECT DISTINCT staff_id FROM learning_plans WHERE status IN ('agreed', 'in_progress', 'completed')),
          fr AS (SELECT DISTINCT e.staff_id FROM enrollments e JOIN programs pr ON pr.id = e.program_id WHERE e.status = 'completed' AND pr.in_federal_registry)
          SELECT (SELECT count(*)::int FROM people) AS staff,
            (SELECT count(DISTINCT staff_id)::int FROM assessment_results WHERE staff_id IN (SELECT id FROM people)) AS diagnosed,
            (SELECT count(*)::int FROM d) AS "withDeficits",
            (SELECT count(*)::int FROM people WHERE id IN (SELECT staff_id FROM pl)) AS "withPlan",
            (SELECT count(*)::int FROM d WHERE staff_id NOT IN (SELECT staff_id FROM pl)) AS "deficitsWithoutPlan",
            (SELECT count(*)::int FROM people WHERE id IN (SELECT staff_id FROM fr)) AS "completedFederal"`,
    );
    return r;
  }

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2, tutor] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2', 'tutor'].map((l) => app!.as(l)));
    const db = app.database.db;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    muni1 = (await municipal.json('/api/auth/me')).body.roles[0].territoryId;
    const schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    const school2Id = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    [{ territory_id: muni2 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT territory_id FROM organizations WHERE id = ${school2Id}`);
    const one = async (org: string) =>
      (await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${org}]::uuid[] AND id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL) ORDER BY id LIMIT 1`))[0].id;
    colleagueId = await one(schoolId);
    otherId = await one(school2Id);
    // the demo gives these people a learning history; this test walks the chain with them from the start
    await clearLearningData(app.database, [teacherId, colleagueId, otherId]);
    const [{ id: cnppm }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'cnppm'`);
    const catalog = (await region.json('/api/competencies')).body;
    const mt01 = catalog.groups[2].competencies[0].id;

    // diagnostics: the teacher and a person of municipality #2 with a deficit, a colleague without
    const a = (await post(region, '/api/assessments', { title: 'Диагностика для охвата', tool: 'regional', organizerOrganizationId: cnppm, windows: [{ from: `${year}-01-01`, to: `${year}-12-31` }], competencies: [{ competencyId: mt01, threshold: 60 }] })).body;
    const score = (client: TestClient, staffId: string, value: number) => post(client, `/api/assessments/${a.id}/results`, { staffId, scores: [{ competencyId: mt01, score: value }] });
    await score(school, teacherId, 30);
    await score(school, colleagueId, 90);
    await score(school2, otherId, 20);
    // the teacher's plan, agreed by both
    const plan = (await post(tutor, '/api/learning-plans', { staffId: teacherId, items: [{ form: 'informal', kind: 'self_education', title: 'Самообразование', competencyIds: [mt01], expectedResult: 'Портфолио', deadline: `${year - 1}-12-01` }] })).body;
    for (const c of [teacher, tutor]) {
      const v = (await c.json(`/api/learning-plans/${plan.id}`)).body.version;
      await post(c, `/api/learning-plans/${plan.id}/transition`, { version: v, action: 'agree' });
    }
    // the colleague completes a federal-registry programme
    const p = (await post(region, '/api/programs', { title: 'Программа реестра для охвата', kind: 'upskilling', hours: 36, format: 'distance', providerName: 'ЦНППМ', inFederalRegistry: true, registryNumber: 'ОХВАТ-1' })).body;
    const cohort = (await post(region, '/api/cohorts', { programId: p.id, title: 'Группа', startsOn: `${year + 1}-01-10`, endsOn: `${year + 1}-01-20`, seats: 5 })).body;
    let e = (await post(school, '/api/enrollments', { staffId: colleagueId, cohortId: cohort.id })).body;
    for (const [client, action] of [[school, 'approve'], [region, 'enroll'], [region, 'complete']] as const) {
      e = (await patch(client, `/api/enrollments/${e.id}`, { version: e.version, action, certificateNumber: '1', certificateDate: `${year}-01-20`, completedOn: `${year}-01-20` })).body;
    }
    expect(e.status).toBe('completed');
  });
  afterAll(async () => app?.close());

  it('gives the region, per municipality, how many were diagnosed, have a plan, completed a federal-registry programme', async (t) => {
    if (!app) return t.skip();
    const { status, body } = await region.json('/api/learning-coverage');
    expect(status).toBe(200);
    expect(body.groupBy).toBe('municipality');
    expect(body.rows).toHaveLength(3);
    for (const row of body.rows) {
      const { shares: _s, id: _i, name: _n, ...figures } = row;
      expect(figures, row.name).toEqual(await expected(row.id));
    }
    const m1 = body.rows.find((r: { id: string }) => r.id === muni1);
    expect(m1.diagnosed).toBeGreaterThanOrEqual(2);
    expect(m1.withPlan).toBeGreaterThanOrEqual(1);
    expect(m1.completedFederal).toBeGreaterThanOrEqual(1);
    expect(m1.shares.diagnosed).toBeCloseTo((m1.diagnosed / m1.staff) * 100, 0);
    expect(body.rows.find((r: { id: string }) => r.id === muni2).deficitsWithoutPlan).toBeGreaterThanOrEqual(1);

    // a municipality sees its organizations; its total is its row of the region's table
    const mun = (await municipal.json('/api/learning-coverage')).body;
    expect(mun.groupBy).toBe('organization');
    const { shares: _a, id: _b, name: _c, ...m1figures } = m1;
    const { shares: _d, ...munTotal } = mun.total;
    expect(munTotal).toEqual(m1figures);
    expect((await municipal.json(`/api/learning-coverage?territoryId=${muni2}`)).status).toBe(404);
    // a school sees itself; the teacher and the tutor have their cabinets instead
    const own = (await school.json('/api/learning-coverage')).body;
    expect(own.rows).toHaveLength(1);
    expect((await teacher.json('/api/learning-coverage')).status).toBe(403);
    expect((await tutor.json('/api/learning-coverage')).status).toBe(403);
  });

  it('lists who has no diagnostic, who has deficits but no plan, who has a plan; exports the list', async (t) => {
    if (!app) return t.skip();
    const ids = async (client: TestClient, query: string) => (await client.json(`/api/learning-coverage/people?${query}&limit=500`)).body.items.map((p: { staffId: string }) => p.staffId);
    expect(await ids(region, 'filter=with_plan')).toContain(teacherId);
    expect(await ids(region, 'filter=deficits_no_plan')).toContain(otherId);
    expect(await ids(region, 'filter=deficits_no_plan')).not.toContain(teacherId);
    expect(await ids(region, 'filter=no_diagnostic')).not.toContain(teacherId);
    expect(await ids(region, 'filter=completed_federal')).toContain(colleagueId);
    expect(await ids(municipal, 'filter=deficits_no_plan')).not.toContain(otherId);
    expect((await school2.json(`/api/learning-coverage/people?territoryId=${muni1}`)).status).toBe(404);
    const row = (await region.json(`/api/learning-coverage/people?filter=with_plan&q=${encodeURIComponent((await teacher.json('/api/auth/me')).body.displayName.split(' ')[0])}`)).body.items.find((p: { staffId: string }) => p.staffId === teacherId);
    expect(row).toMatchObject({ plan: { status: 'agreed' } });
    expect(row.deficitCount).toBeGreaterThanOrEqual(1);

    const res = await region.request('/api/learning-coverage/people/export.xlsx?filter=deficits_no_plan');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets[0].actualRowCount - 2).toBe((await region.json('/api/learning-coverage/people?filter=deficits_no_plan&limit=1')).body.total);
  });

  it('shows the tutor their people and what needs attention', async (t) => {
    if (!app) return t.skip();
    const { status, body } = await tutor.json('/api/tutor-cabinet');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(20);
    const mine = body.people.find((p: { staffId: string }) => p.staffId === teacherId);
    // the plan's only item was due last year: it is overdue
    expect(mine).toMatchObject({ plan: { status: 'agreed', items: 1, overdue: 1 } });
    expect(mine.deficitCount).toBeGreaterThanOrEqual(1);
    expect(mine.attention).toContain('overdue_items');
    expect(body.summary.overdue_items).toBeGreaterThanOrEqual(1);
    expect(body.people.every((p: { staffId: string }) => p.staffId !== otherId)).toBe(true);
    expect((await school.json('/api/tutor-cabinet')).status).toBe(403);
    expect((await teacher.json('/api/tutor-cabinet')).status).toBe(403);
  });
});
