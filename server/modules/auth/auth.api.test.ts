import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, type TestApp } from '../../db/testing.js';

const login = (app: TestApp, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('auth', () => {
  let app: TestApp | null;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(async () => app?.close());

  it('reports health with the database kind', async (t) => {
    if (!app) return t.skip();
    const body = await (await app.request('/api/health')).json();
    expect(body).toEqual({ status: 'ok', database: process.env.TEST_DB === 'postgres' ? 'postgresql' : 'pglite' });
  });

  it('logs in with an httpOnly SameSite cookie and tells who the user is', async (t) => {
    if (!app) return t.skip();
    const res = await login(app, { login: 'municipal', password: 'demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await res.json();
    expect(me.login).toBe('municipal');
    expect(me.roles[0].role).toBe('municipal_admin');
    expect(me.roles[0].scopeName).toBeTruthy();
    expect(me.scope.canAdminister).toBe(true);
  });

  it('refuses a wrong password in Russian and throttles repeated failures', async (t) => {
    if (!app) return t.skip();
    for (let i = 0; i < 3; i++) {
      const res = await login(app, { login: 'school2', password: 'wrong' });
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toBe('Неверный логин или пароль');
    }
    const locked = await login(app, { login: 'school2', password: 'demo' });
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/Слишком много неудачных попыток/);
  });

  it('does not reveal whether a login exists', async (t) => {
    if (!app) return t.skip();
    const res = await login(app, { login: 'nobody-here', password: 'x' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe('Неверный логин или пароль');
  });

  it('ends the session on the server at logout', async (t) => {
    if (!app) return t.skip();
    const client = await app.as('teacher');
    expect((await client.request('/api/auth/me')).status).toBe(200);
    expect((await client.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    // the same cookie no longer works: the session was revoked, not just forgotten by the browser
    expect((await client.request('/api/auth/me')).status).toBe(401);
  });

  it('lists the account’s sessions, ends one or all others; each sign-in gets a new id', async (t) => {
    if (!app) return t.skip();
    const laptop = await app.as('school');
    const phone = await app.as('school');
    const tablet = await app.as('school');
    const { body } = await laptop.json('/api/auth/sessions');
    const mine = body.items as { id: string; current: boolean }[];
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.map((s) => s.id)).size).toBe(mine.length);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    const phoneId = (await phone.json('/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current).id;
    expect(phoneId).not.toBe(mine.find((s) => s.current)!.id);

    expect((await laptop.request(`/api/auth/sessions/${phoneId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await phone.request('/api/auth/me')).status).toBe(401);
    expect((await tablet.request('/api/auth/me')).status).toBe(200);
    expect((await laptop.request(`/api/auth/sessions/${phoneId}`, { method: 'DELETE' })).status).toBe(404);

    const ended = await laptop.json('/api/auth/sessions/end-others', { method: 'POST' });
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);
    expect((await tablet.request('/api/auth/me')).status).toBe(401);
    expect((await laptop.request('/api/auth/me')).status).toBe(200);
    expect((await laptop.json('/api/auth/sessions')).body.items).toHaveLength(1);
  });

  it('accepts writes only as JSON or multipart, and only from this origin', async (t) => {
    if (!app) return t.skip();
    const client = await app.as('region');
    const asForm = await client.request('/api/territories', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(asForm.status).toBe(415);
    const crossSite = await client.request('/api/territories', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' }, body: '{}' });
    expect(crossSite.status).toBe(403);
  });

  it('sets security headers', async (t) => {
    if (!app) return t.skip();
    const res = await app.request('/api/health');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('lists the demo accounts on the login page in demo mode', async (t) => {
    if (!app) return t.skip();
    const body = await (await app.request('/api/auth/demo-accounts')).json();
    expect(body.demo).toBe(true);
    expect(body.accounts.map((a: { login: string }) => a.login)).toEqual(expect.arrayContaining(['region', 'municipal', 'school', 'teacher', 'school2']));
  });
});

describe('sign-in events in the audit', () => {
  it('shows an account’s sign-ins to the administrators above it, not to others', async (t) => {
    const app = await startTestApp();
    if (!app) return t.skip();
    try {
      await app.as('teacher');
      const region = await app.as('region');
      const school = await app.as('school');
      const school2 = await app.as('school2');
      const seen = async (c: typeof region) => (await c.json('/api/audit?action=auth.login&login=teacher')).body.items.length;
      expect(await seen(region)).toBeGreaterThan(0);
      expect(await seen(school)).toBeGreaterThan(0);
      expect(await seen(school2)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
