import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { educationCoversSubject, subjectEducationStems } from '../../../common/dictionaries.js';

describe('staffing needs: vacancies, summaries, education–subject match, retraining', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let regionId: string, muniId: string, schoolId: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const rows = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return wb.worksheets[0].actualRowCount - 2; // title and header rows
  };

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    regionId = (await region.json('/api/auth/me')).body.roles[0].territoryId;
    muniId = (await municipal.json('/api/auth/me')).body.roles[0].territoryId;
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
  });
  afterAll(async () => app?.close());

  /** Open vacancies by the organizations' territory, counted straight from the table. */
  const directByTerritory = async () =>
    queryRows<{ territory_id: string; n: number; hours: number }>(
      app!.database.db,
      sql`SELECT o.territory_id, count(*)::int AS n, sum(v.hours)::int AS hours FROM vacancies v JOIN organizations o ON o.id = v.organization_id WHERE v.status = 'open' GROUP BY 1`,
    );

  it('the region summary by municipality equals a direct count, and so does the municipal one by organization', async (t) => {
    if (!app) return t.skip();
    const { status, body } = await region.json('/api/vacancies/summary');
    expect(status).toBe(200);
    expect(body.groupBy).toBe('municipality');
    const direct = await directByTerritory();
    expect(body.rows.length).toBeGreaterThan(1);
    for (const row of body.rows) {
      const d = direct.find((x) => x.territory_id === row.id)!;
      expect({ id: row.id, n: row.vacancies, hours: row.hours }).toEqual({ id: d.territory_id, n: d.n, hours: d.hours });
    }
    expect(body.rows.reduce((s: number, r: { vacancies: number }) => s + r.vacancies, 0)).toBe(direct.reduce((s, r) => s + r.n, 0));
    expect(body.total.vacancies).toBe(direct.reduce((s, r) => s + r.n, 0));
    expect(body.bySubject.reduce((s: number, r: { vacancies: number }) => s + r.vacancies, 0)).toBe(body.total.vacancies);

    const muni = (await municipal.json('/api/vacancies/summary')).body;
    expect(muni.groupBy).toBe('organization');
    const byOrg = await queryRows<{ organization_id: string; n: number }>(
      app.database.db,
      sql`SELECT v.organization_id, count(*)::int AS n FROM vacancies v WHERE v.status = 'open' AND v.territory_id = ${muniId} GROUP BY 1`,
    );
    expect(Object.fromEntries(muni.rows.map((r: { id: string; vacancies: number }) => [r.id, r.vacancies]))).toEqual(Object.fromEntries(byOrg.map((r) => [r.organization_id, r.n])));
    // the region may look at one municipality; a municipality may not look at the region; a teacher has no summary
    expect((await region.json(`/api/vacancies/summary?territoryId=${muniId}`)).body.total.vacancies).toBe(muni.total.vacancies);
    expect((await municipal.json(`/api/vacancies/summary?territoryId=${regionId}`)).status).toBe(404);
    expect((await teacher.json('/api/vacancies/summary')).status).toBe(403);
  });

  it('a school reports a vacancy, the municipality sees it in its summary, the school closes it', async (t) => {
    if (!app) return t.skip();
    const before = (await municipal.json('/api/vacancies/summary')).body;
    const row = (b: { rows: { id: string; vacancies: number; hours: number }[] }) => b.rows.find((r) => r.id === schoolId) ?? { vacancies: 0, hours: 0 };
    const bad = await post(school, '/api/vacancies', { organizationId: schoolId, position: 'Учитель', subject: 'Химия', hours: 0, openSince: '2099-01-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('hours');
    const future = await post(school, '/api/vacancies', { organizationId: schoolId, position: 'Учитель', subject: 'Химия', hours: 18, openSince: '2099-01-01' });
    expect(future.status).toBe(422);
    expect((await post(school2, '/api/vacancies', { organizationId: schoolId, position: 'Учитель', hours: 18, openSince: todayIso() })).status).toBe(422);

    const created = await post(school, '/api/vacancies', { organizationId: schoolId, position: 'Учитель химии', subject: 'Химия', hours: 18, openSince: todayIso(), comment: 'Полная ставка' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', canEdit: true, territoryId: muniId });
    const after = (await municipal.json('/api/vacancies/summary')).body;
    expect(row(after).vacancies).toBe(row(before).vacancies + 1);
    expect(row(after).hours).toBe(row(before).hours + 18);
    expect((await school2.json(`/api/vacancies/${created.body.id}`)).status).toBe(404);
    expect((await teacher.json(`/api/vacancies/${created.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 1, status: 'closed' }) })).status).toBe(403);

    const closed = await school.json(`/api/vacancies/${created.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: created.body.version, status: 'closed' }) });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: todayIso() });
    expect(row((await municipal.json('/api/vacancies/summary')).body).vacancies).toBe(row(before).vacancies);
    const list = (await school.json(`/api/vacancies?status=all&organizationId=${schoolId}&limit=500`)).body;
    expect(list.items.map((v: { id: string }) => v.id)).toContain(created.body.id);
    expect(await rows(await school.request(`/api/vacancies/export.xlsx?status=all&organizationId=${schoolId}`))).toBe(list.total);
  });

  /** The rule applied in TypeScript to rows read straight from the tables: the share's check. */
  async function directMatch(orgCondition: ReturnType<typeof sql>) {
    const positions = await queryRows<{ staff_id: string; subjects: string[]; flag: boolean | null }>(
      app!.database.db,
      sql`SELECT p.staff_id, p.subjects, p.education_matches_subject AS flag FROM staff_positions p JOIN staff s ON s.id = p.staff_id JOIN organizations o ON o.id = p.organization_id
          WHERE p.staff_category = 'pedagogical' AND cardinality(p.subjects) > 0 AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE) AND s.archived_at IS NULL AND ${orgCondition}`,
    );
    const education = await queryRows<{ staff_id: string; specialty: string; qualification: string | null }>(app!.database.db, sql`SELECT staff_id, specialty, qualification FROM staff_education`);
    const diplomas = new Map<string, { specialty: string; qualification: string | null }[]>();
    for (const e of education) diplomas.set(e.staff_id, [...(diplomas.get(e.staff_id) ?? []), e]);
    const verdicts = new Map<string, (boolean | null)[]>();
    for (const p of positions) {
      const own = diplomas.get(p.staff_id);
      const list = verdicts.get(p.staff_id) ?? [];
      for (const s of p.subjects) list.push(own ? educationCoversSubject(s, own) : p.flag);
      verdicts.set(p.staff_id, list);
    }
    const f = { teachers: 0, matching: 0, mismatching: 0, unknown: 0 };
    for (const v of verdicts.values()) {
      f.teachers++;
      if (v.includes(false)) f.mismatching++;
      else if (v.includes(null)) f.unknown++;
      else f.matching++;
    }
    return f;
  }

  it('the education–subject match share equals a direct count by the rule', async (t) => {
    if (!app) return t.skip();
    const { body } = await region.json('/api/staffing/subject-match');
    const direct = await directMatch(sql`o.territory_id IN (SELECT id FROM territories WHERE ${regionId} = ANY(path))`);
    expect(body.total).toMatchObject(direct);
    expect(direct.matching).toBeGreaterThan(0);
    expect(direct.mismatching).toBeGreaterThan(0);
    expect(body.total.share).toBe(Math.round((direct.matching / (direct.matching + direct.mismatching)) * 1000) / 10);
    // per municipality: the same rule over that municipality's positions
    const muniRow = body.rows.find((r: { id: string }) => r.id === muniId);
    expect(muniRow).toMatchObject(await directMatch(sql`o.territory_id = ${muniId}`));
    const muni = (await municipal.json('/api/staffing/subject-match')).body;
    expect(muni.total).toMatchObject(await directMatch(sql`o.territory_id = ${muniId}`));
    expect((await teacher.json('/api/staffing/subject-match')).status).toBe(403);

    // the retraining list holds exactly the mismatching teachers; the export the same rows
    const list = (await municipal.json('/api/staffing/retraining?limit=500')).body;
    expect(list.total).toBe(muni.total.mismatching);
    expect(list.items.every((i: { uncoveredSubjects: string[] }) => i.uncoveredSubjects.length > 0)).toBe(true);
    expect(await rows(await municipal.request('/api/staffing/retraining/export.xlsx'))).toBe(list.total);
  });

  it('a retraining diploma entered for a person takes them off the retraining list', async (t) => {
    if (!app) return t.skip();
    const list = (await school.json(`/api/staffing/retraining?organizationId=${schoolId}&limit=500`)).body;
    expect(list.total).toBeGreaterThan(0);
    const person = list.items[0];
    const current = (await school.json(`/api/staff/${person.staffId}/education`)).body.items;
    // with diplomas on record the verdict reads them alone, so every subject the person teaches needs one
    const stem = (s: string) => (subjectEducationStems as Record<string, string[]>)[s]?.[0] ?? s;
    const retraining = person.subjects.map((s: string) => ({ level: 'retraining', specialty: `Профессиональная переподготовка «${stem(s)}: теория и методика обучения»`, graduationYear: 2025 }));
    expect((await school.json(`/api/staff/${person.staffId}/education`, { method: 'PUT', body: JSON.stringify({ items: [{ level: 'higher', specialty: 'x' }] }) })).status).toBe(422);
    expect((await school2.json(`/api/staff/${person.staffId}/education`, { method: 'PUT', body: JSON.stringify({ items: [] }) })).status).toBe(404);
    expect((await teacher.json(`/api/staff/${person.staffId}/education`)).status).toBe(404);
    const saved = await school.json(`/api/staff/${person.staffId}/education`, { method: 'PUT', body: JSON.stringify({ items: [...current, ...retraining] }) });
    expect(saved.status).toBe(200);
    const after = (await school.json(`/api/staffing/retraining?organizationId=${schoolId}&limit=500`)).body;
    expect(after.items.map((i: { staffId: string }) => i.staffId)).not.toContain(person.staffId);
    expect(after.total).toBe(list.total - 1);
  });
});
