import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';

type Catalog = {
  revision: { number: number; summary: string };
  labourFunctions: { code: string; name: string }[];
  groups: { id: string; code: string; name: string; audience: string; version: number; retired: boolean; competencies: { id: string; code: string; name: string; labourFunctionCodes: string[]; version: number; retired: boolean }[] }[];
  canEdit: boolean;
};

describe('competency catalog', () => {
  let app: TestApp | null;
  let region: TestClient, teacher: TestClient;
  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, teacher] = await Promise.all([app.as('region'), app.as('teacher')]);
  });
  afterAll(async () => app?.close());

  it('ships the groups and competencies linked to the labour functions of the standard «Педагог»', async (t) => {
    if (!app) return t.skip();
    const { status, body } = await teacher.json<Catalog>('/api/competencies');
    expect(status).toBe(200);
    expect(body.canEdit).toBe(false);
    expect(body.revision.number).toBe(1);
    expect(body.labourFunctions.map((f) => f.code)).toEqual(['A/01.6', 'A/02.6', 'A/03.6', 'B/01.5', 'B/02.6', 'B/03.6', 'B/04.6', 'B/05.6']);
    expect(body.labourFunctions[0].name).toBe('Общепедагогическая функция. Обучение');
    expect(body.groups.map((g) => g.name)).toEqual([
      'Нормативно-правовые',
      'Предметные',
      'Методические',
      'Психолого-педагогические',
      'Коммуникативные',
      'Цифровые',
      'Функциональная грамотность',
      'Управленческие',
    ]);
    expect(body.groups.find((g) => g.code === 'УК')!.audience).toBe('managerial');
    const all = body.groups.flatMap((g) => g.competencies);
    expect(all.length).toBeGreaterThanOrEqual(30);
    const known = new Set(body.labourFunctions.map((f) => f.code));
    expect(all.every((c) => c.labourFunctionCodes.every((code) => known.has(code)))).toBe(true);
    // every labour function of the standard is covered by some competency
    expect([...known].every((code) => all.some((c) => c.labourFunctionCodes.includes(code)))).toBe(true);
    expect(all.find((c) => c.code === 'ПР.01')).toMatchObject({ name: 'Предметная подготовка: математика', labourFunctionCodes: ['B/04.6'] });
    // the shipped revision's snapshot reads exactly as the live catalog
    const first = await teacher.json<Catalog>('/api/competencies?revision=1');
    expect(first.body.groups).toEqual(body.groups);
  });

  it('lets a regional administrator edit the catalog, each edit a new revision; old revisions stay readable', async (t) => {
    if (!app) return t.skip();
    const before = (await region.json<Catalog>('/api/competencies')).body;
    expect(before.canEdit).toBe(true);
    const digital = before.groups.find((g) => g.code === 'ЦК')!;

    const created = await region.json('/api/competencies', {
      method: 'POST',
      body: JSON.stringify({ groupId: digital.id, code: 'ЦК.04', name: 'Искусственный интеллект в обучении', labourFunctionCodes: ['A/01.6'] }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: 'ЦК.04', groupId: digital.id, position: 4, version: 1, retired: false });

    const now = (await region.json<Catalog>('/api/competencies')).body;
    expect(now.revision.number).toBe(before.revision.number + 1);
    expect(now.revision.summary).toMatch(/ЦК\.04/);
    expect(now.groups.find((g) => g.code === 'ЦК')!.competencies.map((c) => c.code)).toContain('ЦК.04');
    const old = (await region.json<Catalog>(`/api/competencies?revision=${before.revision.number}`)).body;
    expect(old.groups.find((g) => g.code === 'ЦК')!.competencies.map((c) => c.code)).not.toContain('ЦК.04');

    // the code stays taken; unknown labour functions and stale versions are refused
    const dup = await region.json('/api/competencies', { method: 'POST', body: JSON.stringify({ groupId: digital.id, code: 'ЦК.04', name: 'Повтор' }) });
    expect(dup.status).toBe(409);
    const badFunction = await region.json('/api/competencies', { method: 'POST', body: JSON.stringify({ groupId: digital.id, code: 'ЦК.05', name: 'Нечто', labourFunctionCodes: ['Z/99.9'] }) });
    expect(badFunction.status).toBe(422);
    expect(JSON.stringify(badFunction.body)).toMatch(/Z\/99\.9/);
    const stale = await region.json(`/api/competencies/${created.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 7, name: 'Другое' }) });
    expect(stale.status).toBe(409);

    // retiring keeps the entry (results refer to it) but takes it out of the live catalog
    const retired = await region.json(`/api/competencies/${created.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 1, retired: true }) });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ retired: true, version: 2 });
    const live = (await region.json<Catalog>('/api/competencies')).body;
    expect(live.groups.flatMap((g) => g.competencies).some((c) => c.id === created.body.id)).toBe(false);
    const withRetired = (await region.json<Catalog>('/api/competencies?includeRetired=true')).body;
    expect(withRetired.groups.flatMap((g) => g.competencies).find((c) => c.id === created.body.id)?.retired).toBe(true);

    const revisions = (await region.json<{ items: { number: number; summary: string }[] }>('/api/competencies/revisions')).body.items;
    expect(revisions[0]).toMatchObject({ number: live.revision.number, summary: expect.stringMatching(/Исключена компетенция ЦК\.04/) });
    expect(revisions.at(-1)!.number).toBe(1);
  });

  it('manages groups: adds one, refuses to retire a group that still has competencies', async (t) => {
    if (!app) return t.skip();
    const group = await region.json('/api/competency-groups', { method: 'POST', body: JSON.stringify({ code: 'ИН', name: 'Инклюзивные', audience: 'pedagogical' }) });
    expect(group.status).toBe(201);
    const member = await region.json('/api/competencies', { method: 'POST', body: JSON.stringify({ groupId: group.body.id, code: 'ИН.01', name: 'Тьюторское сопровождение детей с ОВЗ' }) });
    expect(member.status).toBe(201);
    const refused = await region.json(`/api/competency-groups/${group.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 1, retired: true }) });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/действующих компетенций/);
    await region.json(`/api/competencies/${member.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 1, retired: true }) });
    const ok = await region.json(`/api/competency-groups/${group.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: 1, retired: true }) });
    expect(ok.status).toBe(200);
    expect((await region.json<Catalog>('/api/competencies')).body.groups.some((g) => g.code === 'ИН')).toBe(false);
    // a competency cannot be put into a retired group
    const intoRetired = await region.json('/api/competencies', { method: 'POST', body: JSON.stringify({ groupId: group.body.id, code: 'ИН.02', name: 'Ещё одна' }) });
    expect(intoRetired.status).toBe(422);
  });

  it('refuses edits by anyone but a regional administrator, and records edits in the audit log', async (t) => {
    if (!app) return t.skip();
    const catalog = (await teacher.json<Catalog>('/api/competencies')).body;
    const c = catalog.groups[0].competencies[0];
    const byTeacher = await teacher.json(`/api/competencies/${c.id}`, { method: 'PATCH', body: JSON.stringify({ version: c.version, name: 'Чужая правка' }) });
    expect(byTeacher.status).toBe(403);
    const municipal = await app!.as('municipal');
    expect((await municipal.json('/api/competency-groups', { method: 'POST', body: JSON.stringify({ code: 'МУН', name: 'Муниципальная' }) })).status).toBe(403);
    const edited = await region.json(`/api/competencies/${c.id}`, { method: 'PATCH', body: JSON.stringify({ version: c.version, description: 'Уточнённое описание' }) });
    expect(edited.status).toBe(200);
    const audit = (await region.json(`/api/audit?entityId=${c.id}`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'competency.update', login: 'region' });
  });
});
