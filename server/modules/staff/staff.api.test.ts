import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';

describe('staff registry', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
  });
  afterAll(async () => app?.close());

  it('scopes the registry by the hierarchy', async (t) => {
    if (!app) return t.skip();
    const totals = await Promise.all([region, municipal, school, teacher].map(async (c) => (await c.json('/api/staff?limit=1')).body.total));
    expect(totals[0]).toBeGreaterThan(totals[1]);
    expect(totals[1]).toBeGreaterThan(totals[2]);
    expect(totals[2]).toBeGreaterThan(1);
    expect(totals[3]).toBe(1);
    const me = (await teacher.json('/api/auth/me')).body;
    const own = (await teacher.json('/api/staff')).body.items;
    expect(own.map((s: { id: string }) => s.id)).toEqual([me.staffId]);
  });

  it('answers 404 for a person of another school, without a trace of them', async (t) => {
    if (!app) return t.skip();
    const { body } = await school.json('/api/staff?limit=1');
    const res = await school2.request(`/api/staff/${body.items[0].id}`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain(body.items[0].surname);
  });

  it('finds a person by surname prefix, case-insensitive and ё-insensitive', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await municipal.json('/api/staff?limit=5');
    const person = page.items[0];
    const q = person.surname.slice(0, 4).toUpperCase().replace('Ё', 'Е');
    const { body } = await municipal.json(`/api/staff?q=${encodeURIComponent(q)}&limit=500`);
    expect(body.items.map((s: { id: string }) => s.id)).toContain(person.id);
    for (const s of body.items) expect([s.surname, s.name, s.patronymic ?? ''].some((w: string) => w.toUpperCase().replace(/Ё/g, 'Е').startsWith(q))).toBe(true);
  });

  it('pages by keyset without gaps or repeats, in order', async (t) => {
    if (!app) return t.skip();
    const seen: string[] = [];
    const names: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const { body }: { body: any } = await municipal.json(`/api/staff?limit=37${cursor ? `&cursor=${cursor}` : ''}`);
      total = body.total;
      for (const s of body.items) {
        seen.push(s.id);
        names.push(`${s.surname} ${s.name}`);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names.map((n) => n.split(' ')[0])).toEqual(sorted.map((n) => n.split(' ')[0]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters young specialists exactly by the rule', async (t) => {
    if (!app) return t.skip();
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: any } = await municipal.json(`/api/staff?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    const { body } = await municipal.json('/api/staff?youngSpecialist=true&limit=500');
    const expected = all.filter((s) => s.age !== null && s.age < 35 && s.yearsInProfession !== null && s.yearsInProfession <= 3).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.items.map((s: { id: string }) => s.id).sort()).toEqual(expected.sort());
  });

  it('edits with a version and refuses a stale one in plain Russian', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await school.json('/api/staff?limit=1');
    const id = page.items[0].id;
    const before = (await school.json(`/api/staff/${id}`)).body;
    const ok = await school.json(`/api/staff/${id}`, { method: 'PATCH', body: JSON.stringify({ version: before.version, phone: '+7 912 000-00-01' }) });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(before.version + 1);
    expect(ok.body.phone).toBe('+7 912 000-00-01');
    const stale = await municipal.json(`/api/staff/${id}`, { method: 'PATCH', body: JSON.stringify({ version: before.version, phone: '+7 912 000-00-02' }) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/изменил другой пользователь/);
    const audit = (await school.json(`/api/audit?entityId=${id}&action=staff.update`)).body;
    expect(audit.items[0].before.phone).toBe(before.phone);
    expect(audit.items[0].after.phone).toBe('+7 912 000-00-01');
  });

  it('validates fields with Russian messages and changes nothing', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await school.json('/api/staff?limit=1');
    const person = (await school.json(`/api/staff/${page.items[0].id}`)).body;
    const bad = await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: person.version, snils: '112-233-445 96', email: 'не почта' }) });
    expect(bad.status).toBe(422);
    const fields = Object.fromEntries(bad.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields.snils).toBe('Неверная контрольная сумма СНИЛС');
    expect(fields.email).toMatch(/электронной почты/);
    expect((await school.json(`/api/staff/${person.id}`)).body.version).toBe(person.version);
  });

  it('refuses smuggled fields (mass assignment)', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await school.json('/api/staff?limit=1');
    const person = page.items[0];
    for (const smuggled of [{ organizationIds: [] }, { territoryIds: [] }, { role: 'regional_admin' }, { id: crypto.randomUUID() }]) {
      const res = await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: person.version, ...smuggled }) });
      expect(res.status, JSON.stringify(smuggled)).toBe(422);
    }
  });

  it('creates a person only at an organization the administrator runs', async (t) => {
    if (!app) return t.skip();
    const me = (await school.json('/api/auth/me')).body;
    const schoolId = me.roles[0].organizationId;
    const other = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    const body = (org: string) => JSON.stringify({ surname: 'Новикова', name: 'Ирина', patronymic: 'Олеговна', birthDate: '1999-05-01', snils: '112-233-445 95', professionStartYear: new Date().getFullYear() - 1, positions: [{ organizationId: org, title: 'Учитель истории', staffCategory: 'pedagogical', subjects: ['История'] }] });
    const refused = await school.json('/api/staff', { method: 'POST', body: body(other) });
    expect(refused.status).toBe(422);
    const created = await school.json('/api/staff', { method: 'POST', body: body(schoolId) });
    expect(created.status).toBe(201);
    expect(created.body.youngSpecialist).toBe(true);
    const dup = await school.json('/api/staff', { method: 'POST', body: body(schoolId) });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/СНИЛС/);
  });

  it('archives and restores; archived people leave the default list', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await school.json('/api/staff?limit=1&sort=birthDate');
    const person = page.items[0];
    const archived = await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: person.version, archived: true }) });
    expect(archived.body.archived).toBe(true);
    const list = (await school.json('/api/staff?limit=500')).body.items.map((s: { id: string }) => s.id);
    expect(list).not.toContain(person.id);
    const inArchive = (await school.json('/api/staff?archived=true')).body.items.map((s: { id: string }) => s.id);
    expect(inArchive).toContain(person.id);
    const restored = await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: archived.body.version, archived: false }) });
    expect(restored.body.archived).toBe(false);
  });

  it('audits reading another person’s card, not one’s own', async (t) => {
    if (!app) return t.skip();
    const me = (await teacher.json('/api/auth/me')).body;
    await teacher.json(`/api/staff/${me.staffId}`);
    const { body: page } = await school.json('/api/staff?limit=3');
    const other = page.items.find((s: { id: string }) => s.id !== me.staffId);
    await school.json(`/api/staff/${other.id}`);
    const reads = (await region.json(`/api/audit?action=staff.read&entityId=${other.id}`)).body.items;
    expect(reads.some((r: { login: string }) => r.login === 'school')).toBe(true);
    const own = (await region.json(`/api/audit?action=staff.read&entityId=${me.staffId}&login=teacher`)).body.items;
    expect(own).toHaveLength(0);
  });

  it('exports the filtered list to XLSX with formulas neutralized', async (t) => {
    if (!app) return t.skip();
    const { body: page } = await school.json('/api/staff?limit=1');
    const person = (await school.json(`/api/staff/${page.items[0].id}`)).body;
    // a surname cannot start with '=', but a position title can
    const positions = person.positions.map((p: any) => ({ id: p.id, organizationId: p.organizationId, title: p.title, staffCategory: p.staffCategory, subjects: p.subjects, startDate: p.startDate, endDate: p.endDate }));
    positions[0].title = '=HYPERLINK("http://evil.example","x")';
    const upd = await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: person.version, positions }) });
    expect(upd.status).toBe(200);
    const res = await school.request(`/api/staff/export.xlsx?q=${encodeURIComponent(person.surname)}`);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((v) => v.includes('HYPERLINK'))).toBe(true);
    expect(texts.filter((v) => v.includes('HYPERLINK')).every((v) => v.startsWith("'="))).toBe(true);
  });
});
