import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../db/testing.js';

describe('subject export (152-ФЗ)', () => {
  let app: TestApp | null;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('gives the person everything held on them across the declared stores, and who read their card', async (t) => {
    if (!app) return t.skip();
    const teacher = await app.as('teacher');
    const school = await app.as('school');
    const me = (await teacher.json('/api/auth/me')).body;
    // the school administrator reads the card: that read must show as a disclosure
    expect((await school.request(`/api/staff/${me.staffId}`)).status).toBe(200);

    const started = performance.now();
    const res = await teacher.request(`/api/staff/${me.staffId}/personal-data`);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const body = await res.json();
    console.log(`subject export of the demo teacher: ${body.stores.length} stores, ${body.stores.reduce((n: number, s: { rows: unknown[] }) => n + s.rows.length, 0)} rows, ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);
    const tables = body.stores.map((s: { table: string }) => s.table);
    // the demo teacher has a card, an account, sessions, diagnostics, a plan and a mentor
    for (const table of ['staff', 'staff_positions', 'users', 'sessions', 'assessment_results', 'learning_plans', 'mentorships']) expect(tables).toContain(table);
    expect(body.stores.find((s: { table: string }) => s.table === 'staff').rows[0].id).toBe(me.staffId);
    // secrets are not data: no password hash, no token hash, no file bytes
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/password_hash|token_hash|"content"/);
    expect(body.disclosures.some((d: { login: string; action: string }) => d.login === 'school' && d.action === 'staff.read')).toBe(true);

    // another teacher's export is not theirs to ask for; the request itself is audited
    const other = (await school.json('/api/staff?limit=5')).body.items.find((p: { id: string }) => p.id !== me.staffId);
    expect((await teacher.request(`/api/staff/${other.id}/personal-data`)).status).toBe(404);
    const audit = (await school.json(`/api/audit?action=staff.subject_export&entityId=${me.staffId}`)).body.items;
    expect(audit.map((a: { login: string }) => a.login)).toContain('teacher');
  });
});
