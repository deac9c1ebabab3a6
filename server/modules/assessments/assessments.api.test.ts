import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { clearLearningData, startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso, ruDate } from '../../lib/dates.js';
import { formatSnils } from '../../../common/snils.js';
import { uploadImport, templateXlsx } from '../../../tests/support/import-upload.js';
import { assessmentResultsImport } from '../imports/assessment-results-import.js';

type Person = { id: string; surname: string; name: string; patronymic: string | null; birth_date: string; snils: string | null; organization_ids: string[] };
type CatalogCompetency = { id: string; code: string; name: string };

const year = Number(todayIso().slice(0, 4));
const windows = [
  { from: `${year}-02-01`, to: `${year}-03-31` },
  { from: `${year}-09-01`, to: `${year}-11-30` },
];

/** A results row as a user writes it: by SNILS when the person has one, otherwise by name and birth date. */
const resultRow = (p: Person, competency: string, score: number | string, bySnils = true) => ({
  СНИЛС: bySnils ? (p.snils ?? '') : '',
  Фамилия: p.surname,
  Имя: p.name,
  Отчество: p.patronymic ?? '',
  'Дата рождения': ruDate(p.birth_date),
  'Компетенция (код или наименование)': competency,
  'Результат, %': score,
});

describe('assessments', () => {
  let app: TestApp | null;
  let region: TestClient, school: TestClient, teacher: TestClient, school2: TestClient, municipal: TestClient;
  let people: Person[];
  let competencies: CatalogCompetency[];
  let orgs: { cnppm: string; school: string; school2: string };
  let teacherId: string;

  const create = (client: TestClient, body: Record<string, unknown>) => client.json('/api/assessments', { method: 'POST', body: JSON.stringify(body) });
  const count = async (table: string, where = sql`true`) => (await queryRows<{ n: number }>(app!.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0].n;

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, school, teacher, school2, municipal] = await Promise.all(['region', 'school', 'teacher', 'school2', 'municipal'].map((l) => app!.as(l)));
    const db = app.database.db;
    people = await queryRows<Person>(db, sql`SELECT id, surname, name, patronymic, birth_date::text, snils, organization_ids FROM staff ORDER BY surname, name, id`);
    const catalog = (await region.json('/api/competencies')).body;
    competencies = catalog.groups.flatMap((g: { competencies: CatalogCompetency[] }) => g.competencies);
    const [{ id: cnppm }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'cnppm'`);
    const me = (await school.json('/api/auth/me')).body;
    const me2 = (await school2.json('/api/auth/me')).body;
    orgs = { cnppm, school: me.roles[0].organizationId, school2: me2.roles[0].organizationId };
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    // the demo gives these people a learning history; this test walks the chain with them from the start
    await clearLearningData(app.database, [teacherId]);
  });
  afterAll(async () => app?.close());

  const code = (c: string) => competencies.find((x) => x.code === c)!;

  it('creates a procedure with windows, target group and thresholds; refuses bad input and foreign organizers', async (t) => {
    if (!app) return t.skip();
    const body = {
      title: 'Региональная диагностика профессиональных дефицитов учителей',
      tool: 'regional',
      organizerOrganizationId: orgs.cnppm,
      targetStaffCategory: 'pedagogical',
      targetDescription: 'Учителя общеобразовательных организаций',
      windows,
      competencies: ['НП.02', 'ПР.01', 'МТ.01', 'МТ.02', 'ФГ.02'].map((c) => ({ competencyId: code(c).id, threshold: 60 })),
    };
    const created = await create(region, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tool: 'regional', year, windows, competencyCount: 5, participantCount: 0, canEdit: true, catalogRevision: 1 });
    expect(created.body.competencies.map((c: { code: string; threshold: number }) => [c.code, c.threshold])).toEqual([
      ['НП.02', 60],
      ['ПР.01', 60],
      ['МТ.01', 60],
      ['МТ.02', 60],
      ['ФГ.02', 60],
    ]);
    expect(['planned', 'open', 'closed']).toContain(created.body.status);

    const badWindow = await create(region, { ...body, windows: [{ from: `${year}-03-31`, to: `${year}-02-01` }] });
    expect(badWindow.status).toBe(422);
    expect(badWindow.body.error.fields[0]).toMatchObject({ field: 'windows.0.to' });
    const twice = await create(region, { ...body, competencies: [body.competencies[0], body.competencies[0]] });
    expect(twice.status).toBe(422);
    const badThreshold = await create(region, { ...body, competencies: [{ competencyId: code('МТ.01').id, threshold: 120 }] });
    expect(badThreshold.status).toBe(422);
    // a school administrator runs their own school's diagnostic, not the centre's
    expect((await create(school, body)).status).toBe(422);
    const own = await create(school, { ...body, tool: 'organization', organizerOrganizationId: orgs.school, title: 'Внутришкольная диагностика' });
    expect(own.status).toBe(201);
    // the school's own procedure is not visible to a school of another municipality; the regional one is
    expect((await school2.json(`/api/assessments/${own.body.id}`)).status).toBe(404);
    expect((await school2.json(`/api/assessments/${created.body.id}`)).status).toBe(200);
    expect((await teacher.json(`/api/assessments/${own.body.id}`)).status).toBe(200);
    const list = (await school2.json('/api/assessments')).body;
    expect(list.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(own.body.id);
  });

  it('takes results by form: deficits under the threshold, the person’s history, access by the person’s scope', async (t) => {
    if (!app) return t.skip();
    const a = (
      await create(region, {
        title: 'Диагностика ШНОР',
        tool: 'federal',
        organizerOrganizationId: orgs.cnppm,
        targetLowResultsSchools: true,
        windows: [{ from: `${year - 1}-09-01`, to: `${year - 1}-11-30` }],
        competencies: [
          { competencyId: code('МТ.01').id, threshold: 60 },
          { competencyId: code('МТ.02').id, threshold: 70 },
          { competencyId: code('ЦК.01').id, threshold: 50 },
        ],
      })
    ).body;
    expect(a.status).toBe('closed');
    const save = (client: TestClient, staffId: string, scores: { competencyId: string; score: number | null }[], measuredOn = `${year - 1}-10-15`) =>
      client.json(`/api/assessments/${a.id}/results`, { method: 'POST', body: JSON.stringify({ staffId, measuredOn, scores }) });

    const saved = await save(school, teacherId, [
      { competencyId: code('МТ.01').id, score: 45 },
      { competencyId: code('МТ.02').id, score: 70 },
      { competencyId: code('ЦК.01').id, score: 49.5 },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.body.deficitCount).toBe(2); // 45 < 60 and 49.5 < 50; 70 is not under 70
    expect(saved.body.scores.find((s: { competencyId: string }) => s.competencyId === code('МТ.02').id)).toMatchObject({ score: 70, threshold: 70, deficit: false });

    // the person's own cabinet: history and open deficits
    const mine = (await teacher.json(`/api/staff/${teacherId}/assessments`)).body;
    expect(mine.deficits.map((d: { code: string }) => d.code).sort()).toEqual(['МТ.01', 'ЦК.01']);
    expect(mine.assessments[0]).toMatchObject({ id: a.id, resultCount: 3, deficitCount: 2 });

    // a later measurement closes a deficit: the latest score decides
    const later = (
      await create(region, {
        title: 'Повторная диагностика',
        tool: 'regional',
        organizerOrganizationId: orgs.cnppm,
        windows: [{ from: `${year}-01-10`, to: `${year}-01-20` }],
        competencies: [{ competencyId: code('МТ.01').id, threshold: 60 }],
      })
    ).body;
    await school.json(`/api/assessments/${later.id}/results`, { method: 'POST', body: JSON.stringify({ staffId: teacherId, measuredOn: `${year}-01-15`, scores: [{ competencyId: code('МТ.01').id, score: 75 }] }) });
    const after = (await teacher.json(`/api/staff/${teacherId}/assessments`)).body;
    expect(after.deficits.map((d: { code: string }) => d.code)).toEqual(['ЦК.01']);
    expect(after.competencies.find((c: { code: string }) => c.code === 'МТ.01').history.map((h: { score: number }) => h.score)).toEqual([45, 75]);

    // who may enter: those who administer the person; others get 403 (visible) or 404 (not visible)
    expect((await save(teacher, teacherId, [{ competencyId: code('МТ.01').id, score: 99 }])).status).toBe(403);
    expect((await save(school2, teacherId, [{ competencyId: code('МТ.01').id, score: 99 }])).status).toBe(404);
    expect((await save(municipal, teacherId, [{ competencyId: code('ПР.01').id, score: 50 }])).status).toBe(422); // not measured by this procedure
    expect((await save(school, teacherId, [{ competencyId: code('МТ.01').id, score: 50 }], `${year + 1}-01-01`)).status).toBe(422);
    expect((await school2.json(`/api/staff/${teacherId}/assessments`)).status).toBe(404);

    // the results list shows only the people the reader sees
    const bySchool = (await school.json(`/api/assessments/${a.id}/results`)).body;
    expect(bySchool.items.map((p: { staffId: string }) => p.staffId)).toEqual([teacherId]);
    expect((await school2.json(`/api/assessments/${a.id}/results`)).body.total).toBe(0);
    const deficitOnly = (await region.json(`/api/assessments/${a.id}/results?status=deficit`)).body;
    expect(deficitOnly.total).toBe(1);

    // removing a score with null; the region's read of the person's results is audited
    const removed = await save(school, teacherId, [{ competencyId: code('ЦК.01').id, score: null }]);
    expect(removed.body.scores).toHaveLength(2);
    await region.json(`/api/staff/${teacherId}/assessments`);
    const audit = (await region.json(`/api/audit?entityId=${teacherId}&action=assessment_result.read`)).body;
    expect(audit.items[0]).toMatchObject({ login: 'region' });
  });

  it('adds the target group of an organization as participants', async (t) => {
    if (!app) return t.skip();
    const a = (
      await create(school, {
        title: 'Диагностика педагогов школы',
        tool: 'organization',
        organizerOrganizationId: orgs.school,
        targetStaffCategory: 'pedagogical',
        windows,
        competencies: [{ competencyId: code('КМ.02').id, threshold: 55 }],
      })
    ).body;
    const added = await school.json(`/api/assessments/${a.id}/participants`, { method: 'POST', body: JSON.stringify({ organizationId: orgs.school }) });
    expect(added.status).toBe(200);
    const [{ n: pedagogical }] = await queryRows<{ n: number }>(
      app!.database.db,
      sql`SELECT count(DISTINCT staff_id)::int AS n FROM staff_positions WHERE organization_id = ${orgs.school} AND staff_category = 'pedagogical' AND end_date IS NULL`,
    );
    expect(added.body.added).toBe(pedagogical);
    expect((await school.json(`/api/assessments/${a.id}`)).body).toMatchObject({ participantCount: pedagogical, measuredCount: 0 });
    const again = await school.json(`/api/assessments/${a.id}/participants`, { method: 'POST', body: JSON.stringify({ organizationId: orgs.school }) });
    expect(again.body.added).toBe(0);
    const foreign = people.find((p) => p.organization_ids.includes(orgs.school2))!;
    expect((await school.json(`/api/assessments/${a.id}/participants`, { method: 'POST', body: JSON.stringify({ staffIds: [foreign.id] }) })).status).toBe(422);
  });

  it('imports a 10,000-row results XLSX: bad rows are reported and nothing is written; the fixed file is saved whole', async (t) => {
    if (!app) return t.skip();
    const measured = competencies.filter((c) => !c.code.startsWith('УК')).slice(0, 17);
    const a = (
      await create(region, {
        title: 'Массовая диагностика',
        tool: 'regional',
        organizerOrganizationId: orgs.cnppm,
        windows,
        competencies: measured.map((c) => ({ competencyId: c.id, threshold: 60 })),
      })
    ).body;
    // every tenth person by name and birth date, the rest by SNILS; scores spread over 0–100
    const rows = people.flatMap((p, i) => measured.map((c, j) => resultRow(p, j % 2 ? c.code : c.name, (i * 7 + j * 13) % 101, i % 10 !== 0 && !!p.snils))).slice(0, 10_000);
    expect(rows).toHaveLength(10_000);

    const bad = rows.map((r) => ({ ...r }));
    bad[100]['СНИЛС'] = formatSnils(987_654_321); // a valid number nobody in the registry has
    bad[2000]['Результат, %'] = 120;
    bad[3000]['Результат, %'] = '-5';
    bad[4000]['Компетенция (код или наименование)'] = 'ХХ.99';
    bad[5000]['Компетенция (код или наименование)'] = 'УК.01'; // in the catalog, not in this procedure
    bad[6001] = { ...bad[6000] }; // the same person and competency twice
    bad[7000] = { ...bad[7000], СНИЛС: '', Фамилия: 'Несуществующая', 'Дата рождения': '01.01.1970' };
    const before = await count('assessment_results');
    const started = performance.now();
    const state = await uploadImport(region, `/api/imports/assessment_results?assessmentId=${a.id}`, await templateXlsx(assessmentResultsImport, bad));
    const previewMs = performance.now() - started;
    expect(state.body.status).toBe('preview');
    expect(state.body.totalRows).toBe(10_000);
    const byRow = new Map(state.body.errors.map((e: { row: number; column: string; message: string }) => [e.row, e]));
    expect(byRow.get(102)).toMatchObject({ column: 'СНИЛС', message: expect.stringMatching(/не найден/) });
    expect(byRow.get(2002)).toMatchObject({ column: 'Результат, %', message: 'Результат должен быть от 0 до 100 %, указано 120' });
    expect(byRow.get(3002)).toMatchObject({ column: 'Результат, %' });
    expect(byRow.get(4002)).toMatchObject({ column: 'Компетенция (код или наименование)', message: 'Неизвестная компетенция «ХХ.99»' });
    expect(byRow.get(5002)).toMatchObject({ message: expect.stringMatching(/УК\.01 не входит в диагностику/) });
    expect(byRow.get(6003)).toMatchObject({ message: expect.stringMatching(/^Дубликат строки 6002/) });
    expect(byRow.get(7002)).toMatchObject({ column: 'Фамилия', message: expect.stringMatching(/не найден среди работников вашей области/) });
    expect(state.body.errorRows).toBe(7);
    const refused = await region.json(`/api/imports/${state.body.id}/commit`, { method: 'POST' });
    expect(refused.status).toBe(422);
    expect(await count('assessment_results')).toBe(before);

    const fixed = await uploadImport(region, `/api/imports/assessment_results?assessmentId=${a.id}`, await templateXlsx(assessmentResultsImport, rows));
    expect(fixed.body.errors.slice(0, 3)).toEqual([]);
    expect(fixed.body.validRows).toBe(10_000);
    const commitStarted = performance.now();
    const done = await region.json(`/api/imports/${fixed.body.id}/commit`, { method: 'POST' });
    const commitMs = performance.now() - commitStarted;
    expect(done.body.created).toBe(10_000);
    expect(await count('assessment_results', sql`assessment_id = ${a.id}`)).toBe(10_000);
    const card = (await region.json(`/api/assessments/${a.id}`)).body;
    expect(card.measuredCount).toBe(card.participantCount);
    expect(card.competencies.reduce((s: number, c: { measured: number }) => s + c.measured, 0)).toBe(10_000);
    expect(card.competencies.every((c: { deficits: number; measured: number }) => c.deficits > 0 && c.deficits < c.measured)).toBe(true);
    console.log(`[${process.env.TEST_DB}] 10,000-row results XLSX: preview ${(previewMs / 1000).toFixed(1)} s, commit ${(commitMs / 1000).toFixed(1)} s`);

    // loading the same file again: every row is already stored
    const again = await uploadImport(region, `/api/imports/assessment_results?assessmentId=${a.id}`, await templateXlsx(assessmentResultsImport, rows.slice(0, 10)));
    expect(again.body.errorRows).toBe(10);
    expect(again.body.errors[0].message).toMatch(/уже загружен/);
  }, 300_000);

  it('matches people only within the importer’s scope and checks that SNILS and surname agree', async (t) => {
    if (!app) return t.skip();
    const a = (
      await create(school, { title: 'Школьная диагностика', tool: 'organization', organizerOrganizationId: orgs.school, windows, competencies: [{ competencyId: code('МТ.03').id, threshold: 50 }] })
    ).body;
    const own = people.filter((p) => p.organization_ids.length === 1 && p.organization_ids[0] === orgs.school && p.snils);
    const foreign = people.find((p) => p.organization_ids.includes(orgs.school2) && p.snils)!;
    const rows = [resultRow(own[0], 'МТ.03', 40), resultRow(foreign, 'МТ.03', 40), { ...resultRow(own[1], 'МТ.03', 40), Фамилия: 'Другая' }, resultRow(own[2], 'МТ.03', 40, false)];
    const state = await uploadImport(school, `/api/imports/assessment_results?assessmentId=${a.id}`, await templateXlsx(assessmentResultsImport, rows));
    expect(state.body.errors.map((e: { row: number; message: string }) => [e.row, e.message.replace(/«[^»]*»/g, '«…»')])).toEqual([
      [3, `Работник со СНИЛС ${foreign.snils} не найден среди работников вашей области`],
      [4, 'СНИЛС ' + own[1].snils + ' принадлежит работнику «…», а не «…»'],
    ]);
    expect(state.body.validRows).toBe(2);
    // without a diagnostic, or with one the uploader cannot see, the file is not taken
    expect((await uploadImport(school, '/api/imports/assessment_results', await templateXlsx(assessmentResultsImport, rows))).status).toBe(422);
    expect((await uploadImport(school2, `/api/imports/assessment_results?assessmentId=${a.id}`, await templateXlsx(assessmentResultsImport, rows))).status).toBe(404);
  });
});
