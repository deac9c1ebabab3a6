import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { todayIso } from '../../lib/dates.js';
import { listRecommendationsForReport } from './recommendations.service.js';

const shift = (days: number) => todayIso(new Date(Date.now() + days * 86_400_000));

describe('targeted recommendations: issue to many, respond, follow up; who sees what', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let regionId: string, muni1: string, muni2: string, schoolId: string, school2Id: string;
  let toMuni1: { id: string; version: number }, toMuni2: { id: string };

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const ids = async (client: TestClient, query: string) => (await client.json(`/api/recommendations?q=проверка${query.replace('?', '&')}`)).body.items.map((r: { id: string }) => r.id);

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    regionId = (await region.json('/api/auth/me')).body.roles[0].territoryId;
    muni1 = (await municipal.json('/api/auth/me')).body.roles[0].territoryId;
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    school2Id = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    muni2 = (await school2.json(`/api/organizations/${school2Id}`)).body.territoryId;
  });
  afterAll(async () => app?.close());

  it('the region issues one recommendation to each municipality under target', async (t) => {
    if (!app) return t.skip();
    const { status, body } = await post(region, '/api/recommendations', {
      addressees: [{ territoryId: muni1 }, { territoryId: muni2 }],
      title: 'Повысить долю педагогов с ИОМ (проверка)',
      text: 'Организовать построение ИОМ по результатам диагностики для педагогов с дефицитами',
      dueDate: shift(30),
      indicatorCode: 'learning_plan',
      period: 2026,
    });
    expect(status).toBe(201);
    expect(body.items).toHaveLength(2);
    expect(body.items.map((r: { addressee: { id: string } }) => r.addressee.id).sort()).toEqual([muni1, muni2].sort());
    expect(body.items[0]).toMatchObject({ status: 'issued', indicatorCode: 'learning_plan', period: 2026, can: { respond: false, decide: true } });
    toMuni1 = body.items.find((r: { addressee: { id: string } }) => r.addressee.id === muni1);
    toMuni2 = body.items.find((r: { addressee: { id: string } }) => r.addressee.id === muni2);
  });

  it('refuses a past due date and an addressee outside the issuer territory, in Russian', async (t) => {
    if (!app) return t.skip();
    const past = await post(region, '/api/recommendations', { addressees: [{ territoryId: muni1 }], title: 'Тема', text: 'Текст рекомендации для проверки', dueDate: shift(-1) });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toEqual([{ field: 'dueDate', message: 'Срок исполнения не может быть в прошлом' }]);
    const outside = await post(municipal, '/api/recommendations', { addressees: [{ organizationId: school2Id }], title: 'Тема', text: 'Текст рекомендации для проверки', dueDate: shift(5) });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields[0].message).toBe('Адресат должен относиться к территории, от имени которой выдаётся рекомендация');
    const empty = await post(region, '/api/recommendations', { addressees: [], title: 'Тема', text: 'Текст рекомендации для проверки', dueDate: shift(5) });
    expect(empty.body.error.fields[0].message).toBe('Выберите хотя бы одного адресата');
    expect((await post(teacher, '/api/recommendations', { addressees: [{ organizationId: schoolId }], title: 'Тема', text: 'Текст рекомендации для проверки', dueDate: shift(5) })).status).toBe(422);
  });

  it('addressees see what is addressed to them, issuers what they issued, nobody else', async (t) => {
    if (!app) return t.skip();
    expect(await ids(region, '?box=issued')).toEqual(expect.arrayContaining([toMuni1.id, toMuni2.id]));
    expect(await ids(region, '?box=addressed')).toEqual([]);
    expect(await ids(municipal, '?box=addressed')).toEqual([toMuni1.id]);
    expect(await ids(municipal, '?box=issued')).toEqual([]);
    expect((await municipal.json(`/api/recommendations/${toMuni2.id}`)).status).toBe(404);
    expect((await school2.json(`/api/recommendations/${toMuni1.id}`)).status).toBe(404);
    expect((await teacher.json(`/api/recommendations/${toMuni1.id}`)).status).toBe(404);
    expect(await ids(teacher, '')).toEqual([]);
    expect((await municipal.json(`/api/recommendations/${toMuni1.id}`)).body.can).toEqual({ respond: true, decide: false });
  });

  it('the municipality responds, the region returns with a comment, then accepts', async (t) => {
    if (!app) return t.skip();
    const path = `/api/recommendations/${toMuni1.id}`;
    expect((await post(school, `${path}/response`, { response: 'Ответ школы на рекомендацию', version: toMuni1.version })).status).toBe(404);
    expect((await post(region, `${path}/response`, { response: 'Ответ за муниципалитет', version: toMuni1.version })).status).toBe(403);
    const short = await post(municipal, `${path}/response`, { response: 'Сделано', version: toMuni1.version });
    expect(short.status).toBe(422);
    expect(short.body.error.fields[0].message).toBe('Опишите, что сделано (не короче 10 символов)');
    const answered = await post(municipal, `${path}/response`, { response: 'Построены ИОМ для 120 педагогов, утверждён график сопровождения тьюторами', version: toMuni1.version });
    expect(answered.body).toMatchObject({ status: 'responded', can: { respond: false, decide: false } });
    const seen = (await region.json(path)).body;
    expect(seen).toMatchObject({ status: 'responded', response: 'Построены ИОМ для 120 педагогов, утверждён график сопровождения тьюторами', can: { decide: true } });
    expect((await post(municipal, `${path}/decision`, { action: 'accept', version: seen.version })).status).toBe(403);
    expect((await post(region, `${path}/decision`, { action: 'return', version: seen.version })).status).toBe(422);
    const returned = await post(region, `${path}/decision`, { action: 'return', comment: 'Приложите приказ об утверждении графика', version: seen.version });
    expect(returned.body).toMatchObject({ status: 'returned', followUpComment: 'Приложите приказ об утверждении графика' });
    const again = await post(municipal, `${path}/response`, { response: 'Приказ от 01.03 № 45 об утверждении графика размещён на сайте', version: returned.body.version });
    const accepted = await post(region, `${path}/decision`, { action: 'accept', version: again.body.version });
    expect(accepted.body.status).toBe('accepted');
    expect((await post(region, `${path}/decision`, { action: 'close', version: accepted.body.version })).status).toBe(409);
  });

  it('a municipality addresses its school; the school and the region see it; the report lists it', async (t) => {
    if (!app) return t.skip();
    const { body } = await post(municipal, '/api/recommendations', { addressees: [{ organizationId: schoolId }], title: 'Наставничество молодых педагогов (проверка)', text: 'Закрепить наставников за всеми молодыми специалистами', dueDate: shift(14), period: 2026 });
    const id = body.items[0].id;
    expect(await ids(school, '?box=addressed')).toEqual([id]);
    expect(await ids(region, '')).toContain(id);
    expect((await school2.json(`/api/recommendations/${id}`)).status).toBe(404);
    const report = await listRecommendationsForReport(app.database.db, { territoryId: regionId, period: 2026 });
    expect(report.map((r) => r.id)).toEqual(expect.arrayContaining([toMuni1.id, toMuni2.id, id]));
    expect((await listRecommendationsForReport(app.database.db, { territoryId: muni2, period: 2026 })).map((r) => r.id)).toEqual([toMuni2.id]);
  });
});
