import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';

const shift = (days: number) => todayIso(new Date(Date.now() + days * 86_400_000));

describe('monitoring campaigns: forms, assignments, submissions, completeness, reminders, approval', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let muniId: string, schoolId: string, otherSchool: string, thirdSchool: string;
  let campaign: { id: string; version: number; forms: { id: string }[] };
  let formId: string;
  const assignment: Record<string, string> = {};

  const send = (client: TestClient, method: string, path: string, body: unknown) => client.json(path, { method, body: JSON.stringify(body) });
  const post = (client: TestClient, path: string, body: unknown) => send(client, 'POST', path, body);

  const fields = [
    { key: 'staff_total', label: 'Численность работников', type: 'number', required: true, min: 0, prefill: 'staff_total' },
    { key: 'diagnosed_share', label: 'Доля прошедших диагностику', type: 'percent', required: true, prefill: 'diagnosed_share' },
    { key: 'mentoring', label: 'Реализуется целевая модель наставничества', type: 'choice', required: true, options: ['Да', 'Нет'] },
    { key: 'comment', label: 'Комментарий', type: 'text', required: false, max: 200 },
    { key: 'order', label: 'Приказ о наставничестве', type: 'file', required: false },
  ];

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    muniId = (await municipal.json('/api/auth/me')).body.roles[0].territoryId;
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    [otherSchool, thirdSchool] = (
      await queryRows<{ id: string }>(app.database.db, sql`SELECT id FROM organizations WHERE territory_id = ${muniId} AND kind = 'school' AND id <> ${schoolId} AND archived_at IS NULL ORDER BY short_name LIMIT 2`)
    ).map((r) => r.id);
  });
  afterAll(async () => app?.close());

  it('refuses a badly designed form with Russian messages, and a campaign whose deadline precedes its start', async (t) => {
    if (!app) return t.skip();
    const bad = await post(region, '/api/monitoring/campaigns', {
      title: 'Мониторинг с ошибками',
      year: 2026,
      periodLabel: '2026 год',
      collectFrom: shift(-30),
      deadline: shift(10),
      forms: [{ title: 'Форма', fields: [{ key: 'Поле', label: 'Поле', type: 'choice', required: true, options: ['Да'] }] }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { message: string }) => f.message)).toEqual([
      'Код поля — латинские строчные буквы, цифры и «_», начиная с буквы',
      'Для выбора из списка укажите не менее двух вариантов',
    ]);
    const dates = await post(region, '/api/monitoring/campaigns', { title: 'Мониторинг', year: 2026, periodLabel: '2026 год', collectFrom: shift(0), deadline: shift(-1) });
    expect(dates.status).toBe(422);
    expect(dates.body.error.fields).toEqual([{ field: 'deadline', message: 'Срок сдачи не может быть раньше начала сбора' }]);
    // a school administrator runs no campaign
    expect((await post(school, '/api/monitoring/campaigns', { title: 'Мониторинг школы', year: 2026, periodLabel: '2026 год', collectFrom: shift(0), deadline: shift(5) })).status).toBe(422);
  });

  it('the region creates a campaign, assigns three schools with deadlines and opens it', async (t) => {
    if (!app) return t.skip();
    const created = await post(region, '/api/monitoring/campaigns', {
      title: 'Мониторинг эффективности научно-методического сопровождения',
      year: new Date().getFullYear(),
      periodLabel: `${new Date().getFullYear()} год`,
      collectFrom: shift(-30),
      deadline: shift(10),
      forms: [{ title: 'Сведения организации', fields }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ level: 'regional', status: 'draft', canEdit: true });
    campaign = created.body;
    formId = campaign.forms[0].id;
    // on time: the deadline is ahead; late and missing: the deadline has passed
    expect((await post(region, `/api/monitoring/campaigns/${campaign.id}/assignments`, { organizationIds: [schoolId] })).body).toEqual({ added: 1, alreadyAssigned: 0 });
    expect((await post(region, `/api/monitoring/campaigns/${campaign.id}/assignments`, { organizationIds: [otherSchool, thirdSchool], deadline: shift(-2) })).body).toEqual({ added: 2, alreadyAssigned: 0 });
    // the municipality does not run the region's campaign
    expect((await post(municipal, `/api/monitoring/campaigns/${campaign.id}/assignments`, { organizationIds: [schoolId] })).status).toBe(403);
    const opened = await send(region, 'PATCH', `/api/monitoring/campaigns/${campaign.id}`, { status: 'open', version: campaign.version });
    expect(opened.status).toBe(200);
    expect(opened.body.counts).toMatchObject({ assigned: 3, onTime: 0, late: 0, missing: 2, pending: 1 });
    // forms are frozen once collection has started
    expect((await post(region, `/api/monitoring/campaigns/${campaign.id}/forms`, { title: 'Ещё форма', fields })).status).toBe(409);
    const list = await region.json(`/api/monitoring/campaigns?year=${new Date().getFullYear()}`);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(campaign.id);
    const { items } = (await region.json(`/api/monitoring/campaigns/${campaign.id}/assignments`)).body;
    for (const a of items) assignment[a.organizationId] = a.id;
    expect(Object.keys(assignment).sort()).toEqual([schoolId, otherSchool, thirdSchool].sort());
  });

  it('a school sees its form with what the system knows prefilled, and gets Russian field errors', async (t) => {
    if (!app) return t.skip();
    const mine = (await school.json('/api/monitoring/my-assignments')).body.items;
    expect(mine.map((a: { id: string }) => a.id)).toContain(assignment[schoolId]);
    expect(mine.map((a: { id: string }) => a.id)).not.toContain(assignment[otherSchool]);
    const card = (await school.json(`/api/monitoring/assignments/${assignment[schoolId]}/submission`)).body;
    const [{ staff }] = await queryRows<{ staff: number }>(
      app.database.db,
      sql`SELECT count(DISTINCT p.staff_id)::int AS staff FROM staff_positions p JOIN staff s ON s.id = p.staff_id
          WHERE p.organization_id = ${schoolId} AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE) AND s.archived_at IS NULL`,
    );
    expect(staff).toBeGreaterThan(0);
    expect(card.prefill[formId].staff_total).toBe(staff);
    expect(card.can).toEqual({ edit: true, approve: false, return: false });

    const wrong = await send(school, 'PUT', `/api/monitoring/assignments/${assignment[schoolId]}/submission`, { values: { [formId]: { staff_total: staff, diagnosed_share: 150, mentoring: 'Может быть' } }, version: card.version });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toEqual([
      { field: `values.${formId}.diagnosed_share`, message: '«Доля прошедших диагностику»: значение не может быть больше 100' },
      { field: `values.${formId}.mentoring`, message: '«Реализуется целевая модель наставничества»: выберите значение из списка' },
    ]);
    const draft = await send(school, 'PUT', `/api/monitoring/assignments/${assignment[schoolId]}/submission`, { values: { [formId]: { staff_total: staff } }, version: card.version });
    expect(draft.status).toBe(200);
    const incomplete = await post(school, `/api/monitoring/assignments/${assignment[schoolId]}/submission/transition`, { action: 'submit', version: draft.body.version });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.fields.map((f: { message: string }) => f.message)).toEqual(['Заполните поле «Доля прошедших диагностику»', 'Заполните поле «Реализуется целевая модель наставничества»']);
  });

  it('two schools submit (one after its deadline), completeness shows 1 on time, 1 late, 1 missing — as a direct count', async (t) => {
    if (!app) return t.skip();
    const submit = async (client: TestClient, org: string) => {
      const card = (await client.json(`/api/monitoring/assignments/${assignment[org]}/submission`)).body;
      return post(client, `/api/monitoring/assignments/${assignment[org]}/submission/transition`, {
        action: 'submit',
        version: card.version,
        values: { [formId]: { staff_total: 40, diagnosed_share: 12.5, mentoring: 'Да', comment: 'Данные по состоянию на отчётную дату' } },
      });
    };
    const onTime = await submit(school, schoolId);
    expect(onTime.status).toBe(200);
    expect(onTime.body).toMatchObject({ status: 'submitted', completeness: 'on_time', firstSubmittedOn: todayIso() });
    // the municipality fills in for a school of its territory, after that school's deadline
    const late = await submit(municipal, otherSchool);
    expect(late.body).toMatchObject({ status: 'submitted', completeness: 'late' });

    const { body } = await region.json(`/api/monitoring/campaigns/${campaign.id}/completeness`);
    expect(body.groupBy).toBe('municipality');
    const row = body.rows.find((r: { id: string }) => r.id === muniId);
    expect(row).toMatchObject({ assigned: 3, onTime: 1, late: 1, missing: 1, pending: 0, submitted: 2, rate: 66.7 });
    // the same figures straight from the tables
    const [direct] = await queryRows<{ assigned: number; on_time: number; late: number; missing: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS assigned,
            count(*) FILTER (WHERE s.first_submitted_on <= a.deadline)::int AS on_time,
            count(*) FILTER (WHERE s.first_submitted_on > a.deadline)::int AS late,
            count(*) FILTER (WHERE s.first_submitted_on IS NULL AND a.deadline < CURRENT_DATE)::int AS missing
          FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id WHERE a.campaign_id = ${campaign.id} AND a.territory_id = ${muniId}`,
    );
    expect({ assigned: row.assigned, on_time: row.onTime, late: row.late, missing: row.missing }).toEqual(direct);
    expect(body.total).toMatchObject({ assigned: 3, onTime: 1, late: 1, missing: 1 });
    // the municipality sees its schools one by one
    const muni = (await municipal.json(`/api/monitoring/campaigns/${campaign.id}/completeness`)).body;
    expect(muni.groupBy).toBe('organization');
    expect(Object.fromEntries(muni.organizations.map((o: { organizationId: string; completeness: string }) => [o.organizationId, o.completeness]))).toEqual({
      [schoolId]: 'on_time',
      [otherSchool]: 'late',
      [thirdSchool]: 'missing',
    });
    // the school sees only itself
    expect((await school.json(`/api/monitoring/campaigns/${campaign.id}/completeness`)).body.total).toMatchObject({ assigned: 1, onTime: 1 });
  });

  it('reminders go to those who have not submitted and appear in their list; a school may not remind', async (t) => {
    if (!app) return t.skip();
    expect((await post(school, `/api/monitoring/campaigns/${campaign.id}/reminders`, {})).status).toBe(403);
    const sent = await post(municipal, `/api/monitoring/campaigns/${campaign.id}/reminders`, { message: 'Просим срочно заполнить форму мониторинга' });
    expect(sent.status).toBe(200);
    expect(sent.body.reminded).toBe(1);
    const third = (await municipal.json(`/api/monitoring/assignments/${assignment[thirdSchool]}/submission`)).body;
    expect(third.reminderList.map((r: { message: string }) => r.message)).toEqual(['Просим срочно заполнить форму мониторинга']);
    expect((await school.json(`/api/monitoring/assignments/${assignment[schoolId]}/submission`)).body.reminderList).toEqual([]);
  });

  it('approval goes upward: municipality, then region; a return needs a comment and reopens the form', async (t) => {
    if (!app) return t.skip();
    const path = `/api/monitoring/assignments/${assignment[schoolId]}/submission`;
    const version = async () => (await region.json(path)).body.version;
    expect((await post(school, `${path}/transition`, { action: 'approve', version: await version() })).status).toBe(403);
    const m = await post(municipal, `${path}/transition`, { action: 'approve', version: await version() });
    expect(m.body.status).toBe('approved_municipal');
    expect((await post(municipal, `${path}/transition`, { action: 'approve', version: await version() })).status).toBe(409);
    const noComment = await post(region, `${path}/transition`, { action: 'return', version: await version() });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error.fields[0].message).toBe('Укажите, что исправить: комментарий обязателен при возврате');
    const returned = await post(region, `${path}/transition`, { action: 'return', comment: 'Уточните долю прошедших диагностику', version: await version() });
    expect(returned.body).toMatchObject({ status: 'returned', returnComment: 'Уточните долю прошедших диагностику' });
    const card = (await school.json(path)).body;
    expect(card.can.edit).toBe(true);
    const again = await post(school, `${path}/transition`, { action: 'submit', version: card.version, values: { [formId]: { ...card.values[formId], diagnosed_share: 14 } } });
    // the first submission still decides completeness
    expect(again.body).toMatchObject({ status: 'submitted', completeness: 'on_time' });
    await post(municipal, `${path}/transition`, { action: 'approve', version: await version() });
    const final = await post(region, `${path}/transition`, { action: 'approve', version: await version() });
    expect(final.body.status).toBe('approved_regional');
    expect(final.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'approve', 'return', 'submit', 'approve', 'approve']);
  });

  it('a file field takes an uploaded file that only those who see the submission can read', async (t) => {
    if (!app) return t.skip();
    const path = `/api/monitoring/assignments/${assignment[thirdSchool]}`;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'приказ.pdf');
    const up = await municipal.json(`${path}/files`, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const card = (await municipal.json(`${path}/submission`)).body;
    const saved = await send(municipal, 'PUT', `${path}/submission`, { values: { [formId]: { order: up.body } }, version: card.version });
    expect(saved.status).toBe(200);
    expect((await municipal.request(`${path}/files/${up.body.fileId}`)).status).toBe(200);
    expect((await school2.request(`${path}/files/${up.body.fileId}`)).status).toBe(404);
    // the region sees the submission and keeps the file; it cannot attach a file somebody else uploaded
    const held = (await region.json(`${path}/submission`)).body;
    expect((await send(region, 'PUT', `${path}/submission`, { values: { [formId]: { order: up.body } }, version: held.version })).status).toBe(200);
    // a file stored elsewhere by another account (a document, a practice): its id is no key to it
    const [foreign] = await queryRows<{ id: string }>(
      app.database.db,
      sql`INSERT INTO stored_files (name, mime, size, sha256, content, uploaded_by) SELECT 'чужой.pdf', 'application/pdf', 15, 'x', convert_to('%PDF-1.4', 'UTF8'), id FROM users WHERE login = 'school' RETURNING id`,
    );
    const latest = (await region.json(`${path}/submission`)).body;
    const smuggled = await send(region, 'PUT', `${path}/submission`, { values: { [formId]: { order: { fileId: foreign.id, name: 'чужой.pdf' } } }, version: latest.version });
    expect(smuggled.status).toBe(422);
    expect((await region.request(`${path}/files/${foreign.id}`)).status).toBe(404);
  });

  it('the demo campaign of this year: the reporting rate of every municipality equals a direct count', async (t) => {
    if (!app) return t.skip();
    const plan = (await region.json(`/api/monitoring/campaigns?year=${new Date().getFullYear()}&status=open`)).body.items;
    const demo = plan.find((c: { title: string }) => c.title.startsWith('Мониторинг эффективности научно-методического сопровождения педагогических работников'));
    expect(demo).toBeTruthy();
    const { body } = await region.json(`/api/monitoring/campaigns/${demo.id}/completeness`);
    const direct = await queryRows<{ territory_id: string; assigned: number; on_time: number; late: number; missing: number; pending: number }>(
      app.database.db,
      sql`SELECT a.territory_id, count(*)::int AS assigned,
            count(*) FILTER (WHERE s.first_submitted_on <= a.deadline)::int AS on_time,
            count(*) FILTER (WHERE s.first_submitted_on > a.deadline)::int AS late,
            count(*) FILTER (WHERE s.first_submitted_on IS NULL AND a.deadline < ${todayIso()}::date)::int AS missing,
            count(*) FILTER (WHERE s.first_submitted_on IS NULL AND a.deadline >= ${todayIso()}::date)::int AS pending
          FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id WHERE a.campaign_id = ${demo.id} GROUP BY 1`,
    );
    expect(body.rows.length).toBe(direct.length);
    for (const d of direct) {
      const row = body.rows.find((r: { id: string }) => r.id === d.territory_id);
      expect({ territory_id: row.id, assigned: row.assigned, on_time: row.onTime, late: row.late, missing: row.missing, pending: row.pending }).toEqual(d);
    }
    // the demo shows every state: on time, late, missing and pending
    expect(body.total.onTime * body.total.late * body.total.missing * body.total.pending).toBeGreaterThan(0);
  });

  it('out of scope answers 404: another municipality, a teacher', async (t) => {
    if (!app) return t.skip();
    expect((await school2.json(`/api/monitoring/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await teacher.json(`/api/monitoring/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await teacher.json(`/api/monitoring/assignments/${assignment[schoolId]}/submission`)).status).toBe(404);
    expect((await school2.json('/api/monitoring/campaigns')).body.items.map((c: { id: string }) => c.id)).not.toContain(campaign.id);
    expect((await school.json(`/api/monitoring/assignments/${assignment[otherSchool]}/submission`)).status).toBe(404);
  });
});
