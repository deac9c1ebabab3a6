import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { clearLearningData, startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { uploadImport, templateXlsx } from '../../../tests/support/import-upload.js';
import { programsImport } from '../imports/programs-import.js';

const year = Number(todayIso().slice(0, 4));
const pdf = Buffer.from('%PDF-1.4\n% удостоверение о повышении квалификации\n%%EOF\n');

describe('programs, cohorts and enrollments', () => {
  let app: TestApp | null;
  let region: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let competencies: { id: string; code: string }[];
  let schoolPeople: string[];
  let teacherId: string;
  let schoolId: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'PATCH', body: JSON.stringify(body) });
  const code = (c: string) => competencies.find((x) => x.code === c)!.id;
  const program = (over: Record<string, unknown> = {}) => ({
    title: 'Реализация требований обновлённых ФГОС ООО в работе учителя математики',
    kind: 'upskilling',
    hours: 36,
    format: 'distance',
    providerName: 'ФГАОУ ДПО «Академия Минпросвещения России»',
    inFederalRegistry: true,
    registryNumber: `ФР-${Math.floor(Math.random() * 1e9)}`,
    audience: 'Учителя математики',
    audienceCategory: 'pedagogical',
    subjects: ['Математика'],
    competencyIds: [code('НП.02'), code('ПР.01')],
    ...over,
  });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, school, teacher, school2] = await Promise.all(['region', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    competencies = (await region.json('/api/competencies')).body.groups.flatMap((g: { competencies: unknown[] }) => g.competencies);
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    // the demo gives these people a learning history; this test walks the chain with them from the start
    await clearLearningData(app.database, [teacherId]);
    schoolPeople = (
      await queryRows<{ id: string }>(app.database.db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${schoolId}]::uuid[] AND id <> ${teacherId} ORDER BY surname, id LIMIT 3`)
    ).map((r) => r.id);
  });
  afterAll(async () => app?.close());

  it('keeps a catalog with legal minimum hours, registry numbers and competencies; everyone reads it', async (t) => {
    if (!app) return t.skip();
    const created = await post(region, '/api/programs', program({ registryNumber: 'ФР-0001' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ inFederalRegistry: true, registryNumber: 'ФР-0001', canEdit: true, cohorts: [], nextCohort: null });
    expect(created.body.ownerName).toMatch(/Министерство|Минобр/);
    expect(created.body.competencies.map((c: { code: string }) => c.code)).toEqual(['НП.02', 'ПР.01']);

    expect((await post(region, '/api/programs', program({ hours: 12 }))).body.error.fields[0].message).toMatch(/не менее 16 часов/);
    expect((await post(region, '/api/programs', program({ kind: 'retraining', hours: 200 }))).status).toBe(422);
    expect((await post(region, '/api/programs', program({ registryNumber: null }))).status).toBe(422);
    expect((await post(region, '/api/programs', program({ registryNumber: 'ФР-0001' }))).status).toBe(409);
    // a teacher administers nothing; a school keeps its own entries
    expect((await post(teacher, '/api/programs', program())).status).toBe(422);
    const own = await post(school, '/api/programs', program({ inFederalRegistry: false, registryNumber: null, title: 'Школьный семинар-практикум', hours: 16 }));
    expect(own.status).toBe(201);
    expect(own.body.ownerOrganizationId).toBe(schoolId);
    expect((await patch(school, `/api/programs/${created.body.id}`, { version: 1, hours: 72 })).status).toBe(403);

    const byTeacher = await teacher.json(`/api/programs?competencyId=${code('ПР.01')}&inFederalRegistry=true`);
    expect(byTeacher.status).toBe(200);
    expect(byTeacher.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    expect(byTeacher.body.items.every((p: { inFederalRegistry: boolean }) => p.inFederalRegistry)).toBe(true);
    const edited = await patch(region, `/api/programs/${created.body.id}`, { version: 1, hours: 72, competencyIds: [code('ПР.01')] });
    expect(edited.body).toMatchObject({ hours: 72, version: 2, competencies: [{ code: 'ПР.01' }] });
  });

  it('runs a cohort: approval by the employer, waitlist when full, enrollment and certificate by the provider', async (t) => {
    if (!app) return t.skip();
    const p = (await post(region, '/api/programs', program())).body;
    const cohort = await post(region, '/api/cohorts', { programId: p.id, title: 'Группа № 1', startsOn: `${year + 1}-02-01`, endsOn: `${year + 1}-02-20`, seats: 2, online: true });
    expect(cohort.status).toBe(201);
    expect(cohort.body).toMatchObject({ seats: 2, seatsLeft: 2, status: 'upcoming' });
    expect((await post(school, '/api/cohorts', { programId: p.id, title: 'Чужая', startsOn: `${year + 1}-03-01`, endsOn: `${year + 1}-03-10`, seats: 5 })).status).toBe(403);
    expect((await post(region, '/api/cohorts', { programId: p.id, title: 'Наоборот', startsOn: `${year + 1}-03-10`, endsOn: `${year + 1}-03-01`, seats: 5 })).status).toBe(422);

    const requested = [];
    for (const staffId of schoolPeople) {
      const r = await post(school, '/api/enrollments', { staffId, cohortId: cohort.body.id });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'requested', kind: 'cohort', actions: expect.arrayContaining(['approve', 'reject']) });
      requested.push(r.body);
    }
    expect((await post(school, '/api/enrollments', { staffId: schoolPeople[0], cohortId: cohort.body.id })).status).toBe(409);
    // the teacher enrols themself; a school of another municipality cannot enrol them
    const mine = await post(teacher, '/api/enrollments', { staffId: teacherId, cohortId: cohort.body.id });
    expect(mine.status).toBe(201);
    expect(mine.body.actions).toEqual(['drop']);
    expect((await post(school2, '/api/enrollments', { staffId: teacherId, cohortId: cohort.body.id })).status).toBe(404);
    expect((await patch(teacher, `/api/enrollments/${mine.body.id}`, { version: 1, action: 'approve' })).status).toBe(403);

    const approved = [];
    for (const e of requested) approved.push((await patch(school, `/api/enrollments/${e.id}`, { version: e.version, action: 'approve' })).body);
    expect(approved.map((e) => e.status)).toEqual(['approved', 'approved', 'waitlisted']);
    expect(approved[2]).toMatchObject({ waitlistPosition: 1, decidedByName: expect.any(String) });
    expect((await patch(school, `/api/enrollments/${approved[0].id}`, { version: 1, action: 'approve' })).status).toBe(409); // stale
    expect((await patch(school, `/api/enrollments/${approved[0].id}`, { version: approved[0].version, action: 'complete' })).status).toBe(409); // not enrolled yet

    // the provider enrols; a drop frees a seat for the waitlist
    const enrolled = (await patch(region, `/api/enrollments/${approved[0].id}`, { version: approved[0].version, action: 'enroll' })).body;
    expect(enrolled.status).toBe('enrolled');
    await patch(school, `/api/enrollments/${approved[1].id}`, { version: approved[1].version, action: 'drop', note: 'Болезнь' });
    const promoted = (await school.json(`/api/enrollments/${approved[2].id}`)).body;
    expect(promoted).toMatchObject({ status: 'approved', statusNote: 'Переведено из листа ожидания', waitlistPosition: null });
    expect((await region.json(`/api/cohorts/${cohort.body.id}`)).body).toMatchObject({ seatsTaken: 2, seatsLeft: 0, waitlisted: 0 });

    const noCertificate = await patch(region, `/api/enrollments/${enrolled.id}`, { version: enrolled.version, action: 'complete' });
    expect(noCertificate.status).toBe(422);
    const completed = await patch(region, `/api/enrollments/${enrolled.id}`, { version: enrolled.version, action: 'complete', certificateNumber: '592412345678', certificateDate: `${year + 1}-02-20` });
    expect(completed.body).toMatchObject({ status: 'completed', completedOn: `${year + 1}-02-20`, certificate: { number: '592412345678', date: `${year + 1}-02-20` } });

    // the teacher's request waits; more seats take it off the waitlist once approved
    const teacherApproved = (await patch(school, `/api/enrollments/${mine.body.id}`, { version: 1, action: 'approve' })).body;
    expect(teacherApproved.status).toBe('waitlisted');
    const c = (await region.json(`/api/cohorts/${cohort.body.id}`)).body;
    await patch(region, `/api/cohorts/${cohort.body.id}`, { version: c.version, seats: 3 });
    expect((await teacher.json(`/api/enrollments/${mine.body.id}`)).body.status).toBe('approved');

    // lists: the provider sees its students; another municipality's school sees none of them
    const students = (await region.json(`/api/enrollments?cohortId=${cohort.body.id}`)).body;
    expect(students.total).toBe(4);
    expect((await school2.json(`/api/enrollments?cohortId=${cohort.body.id}`)).body.total).toBe(0);
    expect((await school2.json(`/api/enrollments/${mine.body.id}`)).status).toBe(404);
    const teacherOwn = (await teacher.json('/api/enrollments')).body;
    expect(teacherOwn.items.map((e: { staffId: string }) => e.staffId)).toEqual([teacherId]);
  });

  it('records a course taken elsewhere with its certificate for the employer’s approval', async (t) => {
    if (!app) return t.skip();
    const form = new FormData();
    form.append('staffId', teacherId);
    form.append('title', 'Формирование функциональной грамотности обучающихся');
    form.append('provider', 'ООО «Центр онлайн-обучения»');
    form.append('hours', '72');
    form.append('completedOn', `${year}-01-20`);
    form.append('certificateNumber', '772400012345');
    form.append('certificateDate', `${year}-01-20`);
    form.append('file', new Blob([new Uint8Array(pdf)]), 'удостоверение.pdf');
    const recorded = await teacher.json('/api/enrollments/external', { method: 'POST', body: form });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ kind: 'external', status: 'requested', external: { hours: 72 }, certificate: { number: '772400012345', file: { name: 'удостоверение.pdf', mime: 'application/pdf' } } });
    expect((await patch(teacher, `/api/enrollments/${recorded.body.id}`, { version: 1, action: 'approve' })).status).toBe(403);
    const approved = await patch(school, `/api/enrollments/${recorded.body.id}`, { version: 1, action: 'approve' });
    expect(approved.body).toMatchObject({ status: 'completed', completedOn: `${year}-01-20`, decidedByName: expect.any(String) });
    const file = await teacher.request(`/api/enrollments/${recorded.body.id}/certificate`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await school2.request(`/api/enrollments/${recorded.body.id}/certificate`)).status).toBe(404);

    const bad = new FormData();
    bad.append('staffId', teacherId);
    bad.append('completedOn', `${year}-01-20`);
    bad.append('certificateNumber', '1');
    bad.append('certificateDate', `${year}-01-20`);
    expect((await teacher.json('/api/enrollments/external', { method: 'POST', body: bad })).status).toBe(422);
  });

  it('imports programmes from XLSX: bad rows reported and nothing written, then the fixed file', async (t) => {
    if (!app) return t.skip();
    await post(region, '/api/programs', program({ registryNumber: 'ФР-7777', title: 'Уже в каталоге' }));
    const row = (i: number) => ({
      'Наименование программы': `Функциональная грамотность: модуль ${i}`,
      'Вид программы': 'повышение квалификации',
      'Объём, часов': 36,
      'Форма обучения': 'дистанционная',
      'Организация-исполнитель (ИНН или наименование)': 'ФГАОУ ДПО «Академия Минпросвещения России»',
      'В федеральном реестре': 'да',
      'Номер в федеральном реестре': `ИМП-${i}`,
      'Компетенции (коды через ;)': 'ФГ.01; ФГ.02',
      'Целевая аудитория': 'Учителя',
      'Категория слушателей': 'педагогические работники',
    });
    const rows = Array.from({ length: 20 }, (_, i) => row(i));
    const bad = rows.map((r) => ({ ...r }));
    bad[1]['Объём, часов'] = 8;
    bad[2]['Компетенции (коды через ;)'] = 'ФГ.01; ЗЗ.99';
    bad[3] = { ...bad[0] };
    bad[4]['Номер в федеральном реестре'] = 'ФР-7777';
    bad[5]['Вид программы'] = 'вебинар';
    const before = (await region.json('/api/programs?limit=1')).body.total;
    const state = await uploadImport(region, '/api/imports/programs', await templateXlsx(programsImport, bad));
    expect(state.body.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [3, 'Повышение квалификации — не менее 16 часов, указано 8'],
      [4, 'Неизвестный код компетенции «ЗЗ.99»'],
      [5, 'Дубликат строки 2'],
      [6, 'Программа с номером ФР-7777 уже есть в каталоге'],
      [7, expect.stringMatching(/^Недопустимое значение «вебинар»/)],
    ]);
    expect((await region.json(`/api/imports/${state.body.id}/commit`, { method: 'POST' })).status).toBe(422);
    expect((await region.json('/api/programs?limit=1')).body.total).toBe(before);

    const ok = await uploadImport(region, '/api/imports/programs', await templateXlsx(programsImport, rows));
    expect(ok.body.errorRows).toBe(0);
    expect((await region.json(`/api/imports/${ok.body.id}/commit`, { method: 'POST' })).body.created).toBe(20);
    const imported = (await teacher.json(`/api/programs?q=${encodeURIComponent('модуль')}&limit=100`)).body;
    expect(imported.total).toBe(20);
    expect(imported.items[0].competencies.map((c: { code: string }) => c.code)).toEqual(['ФГ.01', 'ФГ.02']);
  });
});
