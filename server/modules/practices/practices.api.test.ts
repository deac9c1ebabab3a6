import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { createUser } from '../auth/auth.service.js';

const pdf = Buffer.from('%PDF-1.4\n% методические рекомендации\n%%EOF\n');
const fullScores = (v: number) => ({ relevance: v, novelty: v, effectiveness: v, reproducibility: v, methodology: v });

describe('bank of practices: submission, expert review, publication, open catalog', () => {
  let app: TestApp | null;
  let region: TestClient, school: TestClient, teacher: TestClient, school2: TestClient, expert: TestClient, expertB: TestClient;
  let schoolId: string, school2Id: string, teacherId: string, regionId: string, expertId: string, expertBId: string;

  const send = (client: TestClient, method: string, path: string, body: unknown) => client.json(path, { method, body: JSON.stringify(body) });
  const practice = (over: Record<string, unknown> = {}) => ({
    title: 'Квест-уроки по математике «Тайна уравнения»',
    kind: 'pedagogical',
    subject: 'Математика',
    level: 'basic',
    description: 'Серия квест-уроков для 7–9 классов, где каждое уравнение открывает следующий этап.',
    results: 'Качество знаний выросло на 12 %.',
    keywords: ['квест', 'уравнения'],
    organizationId: schoolId,
    authors: [{ staffId: teacherId }, { fullName: 'Соавторова Ирина Петровна', organizationName: 'МБОУ «Лицей № 1»' }],
    ...over,
  });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    const db = app.database.db;
    [regionId] = (await queryRows<{ territory_id: string }>(db, sql`SELECT ra.territory_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.login = 'region'`)).map((r) => r.territory_id);
    expertBId = await createUser(db, { login: 'expert-b', password: 'demo', displayName: 'Второй Эксперт Банка', roles: [{ role: 'expert', territoryId: regionId, organizationId: null }] });
    [region, school, teacher, school2, expert, expertB] = await Promise.all(['region', 'school', 'teacher', 'school2', 'expert', 'expert-b'].map((l) => app!.as(l)));
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    school2Id = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    expertId = (await expert.json('/api/auth/me')).body.id ?? (await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE login = 'expert'`))[0].id;
  });
  afterAll(async () => app?.close());

  it('walks submitted → under review → returned → resubmitted → published, averaging the scores of assigned experts', async (t) => {
    if (!app) return t.skip();
    // a teacher submits from their school, with a colleague from elsewhere; not from a school they do not work in
    expect((await send(teacher, 'POST', '/api/practices', practice({ organizationId: school2Id }))).status).toBe(422);
    expect((await send(teacher, 'POST', '/api/practices', practice({ authors: [] }))).status).toBe(422);
    const created = await send(teacher, 'POST', '/api/practices', practice());
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'submitted', round: 1, permissions: { canEdit: true, canReview: false } });
    expect(created.body.authors.map((a: { fullName: string }) => a.fullName)[1]).toBe('Соавторова Ирина Петровна');

    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(pdf)]), 'Методические рекомендации.pdf');
    const withFile = await teacher.request(`/api/practices/${id}/files`, { method: 'POST', body: form });
    expect(withFile.status).toBe(200);
    const fileId = (await withFile.json()).files[0].id;

    // unpublished: the school and its authors see it; a neighbour, an unassigned expert and the public do not
    expect((await school.json(`/api/practices/${id}`)).status).toBe(200);
    expect((await school2.json(`/api/practices/${id}`)).status).toBe(404);
    expect((await expert.json(`/api/practices/${id}`)).status).toBe(404);
    expect((await app.request(`/api/public/practices/${id}`)).status).toBe(404);
    expect((await app.request(`/api/public/practices/${id}/files/${fileId}`)).status).toBe(404);
    expect((await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(5), recommendation: 'publish' })).status).toBe(404);

    // the region assigns its experts; only they score
    const experts = await region.json('/api/practice-experts');
    expect(experts.body.items.map((e: { userId: string }) => e.userId)).toEqual(expect.arrayContaining([expertId, expertBId]));
    expect((await teacher.json('/api/practice-experts')).status).toBe(403);
    let card = (await region.json(`/api/practices/${id}`)).body;
    expect((await send(school, 'PUT', `/api/practices/${id}/experts`, { version: card.version, expertUserIds: [expertId] })).status).toBe(403);
    const assigned = await send(region, 'PUT', `/api/practices/${id}/experts`, { version: card.version, expertUserIds: [expertId] });
    expect(assigned.body).toMatchObject({ status: 'under_review', experts: [{ userId: expertId, reviewed: false }] });
    expect((await send(region, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(5), recommendation: 'publish' })).status).toBe(403);
    expect((await send(expertB, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(5), recommendation: 'publish' })).status).toBe(404);
    expect((await send(expert, 'POST', `/api/practices/${id}/decision`, { version: assigned.body.version, decision: 'publish' })).body.error.code).toBe('reviews_incomplete');
    expect((await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: { ...fullScores(3), novelty: 7 }, recommendation: 'revise' })).status).toBe(422);

    const reviewed = await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: { ...fullScores(3), novelty: 2 }, recommendation: 'revise', comment: 'Дополните результаты' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.averageScore).toBe(2.8);
    expect((await send(expert, 'POST', `/api/practices/${id}/decision`, { version: reviewed.body.version, decision: 'revise' })).status).toBe(422);
    const returned = await send(expert, 'POST', `/api/practices/${id}/decision`, { version: reviewed.body.version, decision: 'revise', comment: 'Приложите результаты диагностики' });
    expect(returned.body).toMatchObject({ status: 'returned', decisionComment: 'Приложите результаты диагностики' });

    // the author sees the decision but not the experts' scores; revises and resubmits
    card = (await teacher.json(`/api/practices/${id}`)).body;
    expect(card).toMatchObject({ status: 'returned', reviews: [], permissions: { canResubmit: true, canSeeReviews: false } });
    const edited = await send(teacher, 'PATCH', `/api/practices/${id}`, { version: card.version, results: 'Качество знаний выросло на 12 %, диагностика приложена.' });
    expect(edited.status).toBe(200);
    expect((await send(teacher, 'PATCH', `/api/practices/${id}`, { version: card.version, title: 'Старая версия' })).status).toBe(409);
    const resubmitted = await send(teacher, 'POST', `/api/practices/${id}/resubmit`, { version: edited.body.version, comment: 'Добавлены результаты' });
    expect(resubmitted.body).toMatchObject({ status: 'under_review', round: 2, averageScore: null });

    // round 2 with two experts: the score is the mean of their means
    const two = await send(region, 'PUT', `/api/practices/${id}/experts`, { version: resubmitted.body.version, expertUserIds: [expertId, expertBId] });
    expect(two.status).toBe(200);
    await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(5), recommendation: 'publish' });
    const half = (await expert.json(`/api/practices/${id}`)).body;
    expect((await send(expert, 'POST', `/api/practices/${id}/decision`, { version: half.version, decision: 'publish' })).status).toBe(409);
    const both = await send(expertB, 'POST', `/api/practices/${id}/reviews`, { scores: { ...fullScores(4), methodology: 3 }, recommendation: 'publish' });
    expect(both.body.averageScore).toBe(4.4); // (5 + 3.8) / 2
    expect(both.body.reviews.filter((r: { round: number }) => r.round === 1)).toHaveLength(1);
    const published = await send(expertB, 'POST', `/api/practices/${id}/decision`, { version: both.body.version, decision: 'publish' });
    expect(published.body).toMatchObject({ status: 'published', permissions: { canEdit: false, canReview: false } });
    expect(published.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'under_review', 'returned', 'under_review', 'published']);
    expect((await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(1), recommendation: 'reject' })).status).toBe(409);

    // dissemination by the author; the neighbour now reads the published practice
    const dis = await send(teacher, 'POST', `/api/practices/${id}/disseminations`, { title: 'Муниципальный методический фестиваль', heldOn: '2026-03-15', place: 'Дом учителя', url: 'https://apkpro.ru/' });
    expect(dis.status).toBe(201);
    expect((await send(school2, 'POST', `/api/practices/${id}/disseminations`, { title: 'Чужое', heldOn: '2026-03-15' })).status).toBe(403);
    expect((await school2.json(`/api/practices/${id}`)).status).toBe(200);

    // the open catalog: found by search without login, files downloadable
    const found = await app.request(`/api/public/practices?q=${encodeURIComponent('тайна уравнения')}`);
    expect(found.status).toBe(200);
    expect((await found.json()).items.map((i: { id: string }) => i.id)).toContain(id);
    const byAuthor = await (await app.request(`/api/public/practices?q=${encodeURIComponent('Соавторова')}`)).json();
    expect(byAuthor.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const pub = await app.request(`/api/public/practices/${id}`);
    expect(pub.status).toBe(200);
    const body = await pub.json();
    expect(body.disseminations).toEqual([{ title: 'Муниципальный методический фестиваль', heldOn: '2026-03-15', place: 'Дом учителя', url: 'https://apkpro.ru/' }]);
    const file = await app.request(`/api/public/practices/${id}/files/${fileId}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('rejects with a reason; a rejected practice stays out of the catalog', async (t) => {
    if (!app) return t.skip();
    const created = await send(school, 'POST', '/api/practices', practice({ title: 'Отклоняемая практика ромашка', kind: 'managerial', subject: null, authors: [{ fullName: 'Иванова Анна', organizationName: 'Школа' }] }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const assigned = await send(region, 'PUT', `/api/practices/${id}/experts`, { version: created.body.version, expertUserIds: [expertId] });
    const reviewed = await send(expert, 'POST', `/api/practices/${id}/reviews`, { scores: fullScores(1), recommendation: 'reject' });
    expect(reviewed.status).toBe(200);
    expect((await send(region, 'POST', `/api/practices/${id}/decision`, { version: assigned.body.version, decision: 'reject', comment: 'Нет' })).status).toBe(409); // stale: the review bumped the version
    const rejected = await send(region, 'POST', `/api/practices/${id}/decision`, { version: reviewed.body.version, decision: 'reject', comment: 'Не является практикой' });
    expect(rejected.body.status).toBe('rejected');
    expect((await send(school, 'POST', `/api/practices/${id}/resubmit`, { version: rejected.body.version })).status).toBe(409);
    const found = await (await app.request(`/api/public/practices?q=ромашка`)).json();
    expect(found.items).toEqual([]);
    // the expert's queue lists what is assigned to them
    const queue = await expert.json('/api/practices?scope=assigned&limit=500');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(queue.body.items.every((i: { assignedToMe: boolean }) => i.assignedToMe)).toBe(true);
  });

  it('reveals no personal data of authors in the open catalog beyond names and organizations', async (t) => {
    if (!app) return t.skip();
    const db = app.database.db;
    const list = await (await app.request('/api/public/practices?limit=500')).json();
    expect(list.total).toBeGreaterThan(0);
    const ids: string[] = list.items.map((i: { id: string }) => i.id);
    const cards = await Promise.all(ids.map(async (id) => (await app!.request(`/api/public/practices/${id}`)).json()));
    const json = JSON.stringify([list, cards]);
    // the staff records of every author in the catalog: none of their personal fields or ids may appear
    const people = await queryRows<{ id: string; snils: string | null; email: string | null; phone: string | null; birth_date: string | null }>(
      db,
      sql`SELECT s.id, s.snils, s.email, s.phone, s.birth_date::text FROM practice_authors pa JOIN staff s ON s.id = pa.staff_id WHERE pa.practice_id = ANY(${sql.param(ids)}::uuid[])`,
    );
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      for (const value of [p.id, p.snils, p.email, p.phone, p.birth_date]) if (value) expect(json, `leaks ${value}`).not.toContain(value);
    }
    for (const field of ['staffId', 'snils', 'email', 'phone', 'birthDate', 'submittedBy', 'expertName', 'scores', 'userId', 'organizationId']) expect(json).not.toContain(`"${field}"`);
    // only published practices
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM practices WHERE id = ANY(${sql.param(ids)}::uuid[]) AND status <> 'published'`);
    expect(n).toBe(0);
  });

  it('keeps the registries and the navigator within the region, edited by the region', async (t) => {
    if (!app) return t.skip();
    const resources = await teacher.json('/api/resources?audience=teachers');
    expect(resources.status).toBe(200);
    expect(resources.body.items.length).toBeGreaterThan(3);
    expect(resources.body).toMatchObject({ canCreate: false });
    expect(resources.body.topics.length).toBeGreaterThan(2);
    const body = { title: 'Тренажёр «Пифагорейские тройки»', url: 'https://edsoo.ru/', topic: 'Обновлённые ФГОС и ФООП', audiences: ['teachers'] };
    expect((await send(teacher, 'POST', '/api/resources', body)).status).toBe(403);
    expect((await send(region, 'POST', '/api/resources', { ...body, url: 'javascript:alert(1)' })).status).toBe(422);
    const created = await send(region, 'POST', '/api/resources', body);
    expect(created.status).toBe(201);
    const archived = await send(region, 'PATCH', `/api/resources/${created.body.id}`, { version: created.body.version, archived: true });
    expect(archived.status).toBe(200);
    expect((await teacher.json(`/api/resources?q=${encodeURIComponent('пифагорейские')}`)).body.items).toEqual([]);

    const sites = await school.json('/api/innovation-sites');
    expect(sites.body.total).toBeGreaterThan(0);
    const site = { organizationId: schoolId, kind: 'internship', status: 'active', topic: 'Наставничество', periodFrom: '2025-09-01', periodTo: '2024-08-31' };
    expect((await send(school, 'POST', '/api/innovation-sites', { ...site, periodTo: null })).status).toBe(403);
    expect((await send(region, 'POST', '/api/innovation-sites', site)).status).toBe(422);
    const made = await send(region, 'POST', '/api/innovation-sites', { ...site, periodTo: '2028-08-31' });
    expect(made.status).toBe(201);
    expect((await send(region, 'PATCH', `/api/innovation-sites/${made.body.id}`, { version: made.body.version, status: 'suspended' })).body.status).toBe('suspended');

  });
});
