import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { clearLearningData, startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';

const today = todayIso();
const year = Number(today.slice(0, 4));
const pdf = Buffer.from('%PDF-1.4\n% конспект урока\n%%EOF\n');

/** The text of a DOCX: every w:t run, joined. */
async function docxText(data: ArrayBuffer) {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
}

describe('learning plans', () => {
  let app: TestApp | null;
  let region: TestClient, school: TestClient, teacher: TestClient, school2: TestClient, tutor: TestClient;
  let teacherId: string, colleagueId: string, tutorUserId: string, cnppm: string;
  let comp: Record<string, string>;
  let registryProgram: string, plainProgram: string, subjectProgram: string, cohortId: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'PATCH', body: JSON.stringify(body) });
  const transition = async (client: TestClient, id: string, action: string, extra: Record<string, unknown> = {}) => {
    const { body } = await client.json(`/api/learning-plans/${id}`);
    return post(client, `/api/learning-plans/${id}/transition`, { version: body.version, action, ...extra });
  };
  const report = async (client: TestClient, itemId: string, text: string, files: [Buffer, string][] = []) => {
    const form = new FormData();
    form.append('text', text);
    for (const [data, name] of files) form.append('files', new Blob([new Uint8Array(data)]), name);
    return client.json(`/api/learning-plan-items/${itemId}/report`, { method: 'POST', body: form });
  };
  const assessment = async (title: string, windowFrom: string, windowTo: string, competencies: [string, number][]) =>
    (
      await post(region, '/api/assessments', {
        title,
        tool: 'regional',
        organizerOrganizationId: cnppm,
        windows: [{ from: windowFrom, to: windowTo }],
        competencies: competencies.map(([c, threshold]) => ({ competencyId: comp[c], threshold })),
      })
    ).body.id as string;
  const results = (assessmentId: string, staffId: string, measuredOn: string, scores: [string, number][]) =>
    post(school, `/api/assessments/${assessmentId}/results`, { staffId, measuredOn, scores: scores.map(([c, score]) => ({ competencyId: comp[c], score })) });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, school, teacher, school2, tutor] = await Promise.all(['region', 'school', 'teacher', 'school2', 'tutor'].map((l) => app!.as(l)));
    const db = app.database.db;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    tutorUserId = (await tutor.json('/api/auth/me')).body.id;
    const schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    colleagueId = (
      await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${schoolId}]::uuid[] AND id <> ${teacherId} AND id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL) ORDER BY surname, id LIMIT 1`)
    )[0].id;
    // the demo gives these people a learning history; this test walks the chain with them from the start
    await clearLearningData(app.database, [teacherId, colleagueId]);
    [{ id: cnppm }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'cnppm'`);
    const catalog = (await region.json('/api/competencies')).body;
    comp = Object.fromEntries(catalog.groups.flatMap((g: { competencies: { code: string; id: string }[] }) => g.competencies.map((c) => [c.code, c.id])));

    // a diagnostic last autumn: three deficits, one result just above the threshold, one strong
    const autumn = await assessment('Диагностика профессиональных дефицитов', `${year - 1}-09-01`, `${year - 1}-11-30`, [
      ['МТ.01', 60],
      ['ФГ.02', 65],
      ['ЦК.01', 50],
      ['МТ.02', 60],
      ['ПР.01', 60],
    ]);
    await results(autumn, teacherId, `${year - 1}-10-10`, [
      ['МТ.01', 40],
      ['ФГ.02', 50],
      ['ЦК.01', 45],
      ['МТ.02', 62],
      ['ПР.01', 90],
    ]);
    // a colleague strong in lesson design: a mentor candidate
    // the best score there is: the demo colleagues of the school have results of their own
    await results(autumn, colleagueId, `${year - 1}-10-10`, [['МТ.01', 100]]);

    const program = async (over: Record<string, unknown>) => (await post(region, '/api/programs', { kind: 'upskilling', format: 'distance', providerName: 'ЦНППМ', ...over })).body.id as string;
    registryProgram = await program({ title: 'Современный урок по обновлённым ФГОС', hours: 36, inFederalRegistry: true, registryNumber: 'ИОМ-1', competencyIds: [comp['МТ.01'], comp['ФГ.02']] });
    plainProgram = await program({ title: 'Цифровые инструменты учителя', hours: 24, competencyIds: [comp['ЦК.01']] });
    subjectProgram = await program({ title: 'Олимпиадная математика', hours: 72, competencyIds: [comp['ПР.01']] });
    cohortId = (await post(region, '/api/cohorts', { programId: registryProgram, title: 'Группа 1', startsOn: `${year + 1}-02-01`, endsOn: `${year + 1}-02-28`, seats: 25, online: true })).body.id;
  });
  afterAll(async () => app?.close());

  it('drafts a plan from the deficits: each explained, ranked, nothing for a competency without a deficit ahead of one with it', async (t) => {
    if (!app) return t.skip();
    const { status, body: draft } = await post(tutor, '/api/learning-plans/draft', { staffId: teacherId });
    expect(status).toBe(200);
    expect(draft.deficits.map((d: { code: string }) => d.code)).toEqual(['МТ.01', 'ФГ.02', 'ЦК.01']); // by gap: 20, 15, 5
    expect(draft.growthZone.map((d: { code: string }) => d.code)).toEqual(['МТ.02']);
    const s = draft.suggestions as { competencyIds: string[]; addressesDeficit: boolean; programId: string | null; kind: string; explanation: string; recommended: boolean; mentorStaffId: string | null; cohortId: string | null }[];
    // at least one suggestion for each deficit, a recommended one among them
    for (const code of ['МТ.01', 'ФГ.02', 'ЦК.01']) {
      expect(s.some((x) => x.competencyIds.includes(comp[code]) && x.addressesDeficit)).toBe(true);
      expect(s.some((x) => x.recommended && x.competencyIds[0] === comp[code])).toBe(true);
    }
    // the federal registry programme comes first, names the deficits it closes, with its cohort
    expect(s[0]).toMatchObject({ kind: 'course', programId: registryProgram, cohortId, recommended: true });
    expect(s[0].explanation).toMatch(/^Закрывает дефициты МТ\.01 «Проектирование учебного занятия» \(40 % при пороге 60 %\), ФГ\.02/);
    expect(s.find((x) => x.kind === 'mentoring' && x.competencyIds[0] === comp['МТ.01'])).toMatchObject({ mentorStaffId: colleagueId });
    // no programme for a competency without a deficit (ПР.01 scored 90)
    expect(s.some((x) => x.programId === subjectProgram)).toBe(false);
    const firstGrowth = s.findIndex((x) => !x.addressesDeficit);
    expect(firstGrowth).toBeGreaterThan(0);
    expect(s.slice(firstGrowth).every((x) => !x.addressesDeficit && x.competencyIds[0] === comp['МТ.02'])).toBe(true);
    expect(s.every((x) => x.explanation.length > 20)).toBe(true);

    // the person drafts for themself; another municipality's school cannot see the person
    expect((await post(teacher, '/api/learning-plans/draft', { staffId: teacherId })).status).toBe(200);
    expect((await post(school2, '/api/learning-plans/draft', { staffId: teacherId })).status).toBe(404);
  });

  it('goes draft → agreed by the person and the tutor → in progress → completed; reopening is an administrator’s act; the DOCX names deficits and items; the effect shows later', async (t) => {
    if (!app) return t.skip();
    const draft = (await post(tutor, '/api/learning-plans/draft', { staffId: teacherId })).body;
    const chosen = draft.suggestions.filter((s: { recommended: boolean }) => s.recommended);
    const items = chosen.map(({ rank: _x, addressesDeficit: _y, recommended: _z, hours: _w, inFederalRegistry: _v, ...item }: Record<string, unknown>) => item);
    expect(items[0].programId).toBe(registryProgram);
    const created = await post(tutor, '/api/learning-plans', { staffId: teacherId, items });
    expect(created.status).toBe(201);
    const plan = created.body;
    expect(plan).toMatchObject({ status: 'draft', tutor: { userId: tutorUserId }, canEdit: true, actions: ['agree'] });
    expect(plan.deficits.map((d: { code: string; effect: string }) => [d.code, d.effect])).toEqual([
      ['МТ.01', 'not_remeasured'],
      ['ФГ.02', 'not_remeasured'],
      ['ЦК.01', 'not_remeasured'],
    ]);
    expect(plan.items.length).toBe(items.length);
    expect((await post(tutor, '/api/learning-plans', { staffId: teacherId, items })).status).toBe(409); // one open plan per person

    // agreement: the person and the tutor; an administrator cannot agree for them
    expect((await transition(school, plan.id, 'agree')).status).toBe(403);
    const byTeacher = await transition(teacher, plan.id, 'agree');
    expect(byTeacher.body).toMatchObject({ status: 'draft', personAgreedAt: expect.any(String), tutorAgreedAt: null });
    const agreed = (await transition(tutor, plan.id, 'agree')).body;
    expect(agreed.status).toBe('agreed');
    // the chosen course became an enrollment request for the employer to approve
    const course = agreed.items.find((i: { kind: string }) => i.kind === 'course');
    expect(course.enrollment).toMatchObject({ status: 'requested' });
    expect((await school.json(`/api/enrollments/${course.enrollment.id}`)).body.actions).toContain('approve');
    // once agreed, the content is fixed
    expect((await patch(tutor, `/api/learning-plans/${plan.id}`, { version: agreed.version, title: 'Другое' })).status).toBe(409);

    // the teacher reports with a file; the plan starts; the tutor returns, then accepts
    const firstItem = agreed.items[0];
    expect((await report(tutor, firstItem.id, 'Отчёт за работника')).status).toBe(403);
    const reported = await report(teacher, firstItem.id, 'Прошла курс, провела открытый урок', [[pdf, 'конспект.pdf']]);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'submitted', report: { text: 'Прошла курс, провела открытый урок', files: [{ name: 'конспект.pdf' }] } });
    expect((await tutor.json(`/api/learning-plans/${plan.id}`)).body.status).toBe('in_progress');
    const fileUrl = `/api/learning-plan-items/${firstItem.id}/files/${reported.body.report.files[0].id}`;
    expect((await tutor.request(fileUrl)).status).toBe(200);
    expect((await school2.request(fileUrl)).status).toBe(404);
    expect((await post(teacher, `/api/learning-plan-items/${firstItem.id}/review`, { version: reported.body.version, decision: 'accept' })).status).toBe(403);
    expect((await post(tutor, `/api/learning-plan-items/${firstItem.id}/review`, { version: reported.body.version, decision: 'return' })).status).toBe(422); // a comment is needed
    const returned = await post(tutor, `/api/learning-plan-items/${firstItem.id}/review`, { version: reported.body.version, decision: 'return', comment: 'Приложите удостоверение' });
    expect(returned.body).toMatchObject({ status: 'returned', review: { comment: 'Приложите удостоверение' } });
    const again = await report(teacher, firstItem.id, 'Удостоверение приложено', [[pdf, 'удостоверение.pdf']]);
    const accepted = await post(tutor, `/api/learning-plan-items/${firstItem.id}/review`, { version: again.body.version, decision: 'accept' });
    expect(accepted.body.status).toBe('accepted');

    // completing waits for every item
    const early = await transition(tutor, plan.id, 'complete');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/Не приняты отчёты/);
    for (const item of agreed.items.slice(1)) {
      const r = await report(teacher, item.id, `Выполнено: ${item.title}`);
      await post(tutor, `/api/learning-plan-items/${item.id}/review`, { version: r.body.version, decision: 'accept' });
    }
    const completed = await transition(tutor, plan.id, 'complete');
    expect(completed.body).toMatchObject({ status: 'completed', progress: { accepted: items.length, total: items.length }, actions: [] });

    // reopening: not the teacher, not the tutor; the school administrator, with a reason
    expect((await transition(teacher, plan.id, 'reopen', { reason: 'x' })).status).toBe(403);
    expect((await transition(tutor, plan.id, 'reopen', { reason: 'x' })).status).toBe(403);
    expect((await transition(school, plan.id, 'reopen')).status).toBe(422);
    const reopened = await transition(school, plan.id, 'reopen', { reason: 'Курс не засчитан' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopenReason: 'Курс не засчитан' });
    expect((await transition(tutor, plan.id, 'complete')).body.status).toBe('completed');

    // the signed document names the deficits and the items
    const docx = await teacher.request(`/api/learning-plans/${plan.id}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toMatch(/wordprocessingml/);
    const text = await docxText(await docx.arrayBuffer());
    expect(text).toMatch(/Индивидуальный образовательный маршрут/);
    for (const code of ['МТ.01', 'ФГ.02', 'ЦК.01']) expect(text).toContain(code);
    expect(text).toContain('Проектирование учебного занятия');
    expect(text).toContain('Современный урок по обновлённым ФГОС');
    expect(text).toMatch(/Тьютор _+ \/ .+ \//);

    // a later diagnostic: one deficit closed, one still open, one not measured again
    const spring = await assessment('Повторная диагностика', `${year}-01-10`, `${year}-01-31`, [
      ['МТ.01', 60],
      ['ФГ.02', 65],
    ]);
    await results(spring, teacherId, `${year}-01-20`, [
      ['МТ.01', 72],
      ['ФГ.02', 55],
    ]);
    const effect = (await teacher.json(`/api/learning-plans/${plan.id}`)).body;
    expect(effect.effect).toEqual({ closed: 1, open: 1, notRemeasured: 1 });
    expect(effect.deficits.find((d: { code: string }) => d.code === 'МТ.01')).toMatchObject({ effect: 'closed', laterScore: { score: 72 } });

    // lists: the tutor's own plans; not another municipality's school
    expect((await tutor.json('/api/learning-plans?mine=true')).body.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect((await school2.json('/api/learning-plans')).body.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    expect((await school2.json(`/api/learning-plans/${plan.id}`)).status).toBe(404);
  });

  it('needs a tutor to agree; an administrator assigns one, who then sees the person and the plan', async (t) => {
    if (!app) return t.skip();
    const created = await post(school, '/api/learning-plans', {
      staffId: colleagueId,
      items: [{ form: 'informal', kind: 'self_education', title: 'Самообразование по теме «Оценивание»', competencyIds: [comp['МТ.02']], expectedResult: 'Портфолио материалов', deadline: `${year + 1}-05-31` }],
    });
    expect(created.status).toBe(201);
    expect(created.body.tutor).toBeNull();
    // the colleague has no account; the school administrator cannot agree in their place
    expect((await transition(school, created.body.id, 'agree')).status).toBe(403);
    // a teacher cannot assign a tutor to a colleague; a tutor cannot be someone without the role
    expect((await patch(teacher, `/api/learning-plans/${created.body.id}`, { version: 1, tutorUserId })).status).toBe(404);
    const schoolUser = (await school.json('/api/auth/me')).body.id;
    expect((await patch(school, `/api/learning-plans/${created.body.id}`, { version: 1, tutorUserId: schoolUser })).status).toBe(422);
    expect((await tutor.json(`/api/learning-plans/${created.body.id}`)).status).toBe(404);
    const assigned = await patch(school, `/api/learning-plans/${created.body.id}`, { version: 1, tutorUserId });
    expect(assigned.body.tutor).toMatchObject({ userId: tutorUserId });
    expect((await tutor.json(`/api/learning-plans/${created.body.id}`)).status).toBe(200);
    expect((await tutor.json(`/api/staff/${colleagueId}`)).status).toBe(200);
    const tutorAgrees = await transition(tutor, created.body.id, 'agree');
    expect(tutorAgrees.body).toMatchObject({ status: 'draft', tutorAgreedAt: expect.any(String) });
  });
});
