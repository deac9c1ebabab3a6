import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { totpCode } from './second-factor.js';
import { queryRows } from '../../db/client.js';
import { sql } from 'drizzle-orm';

const login = (app: TestApp, body: unknown) =>
  app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const post = (c: TestClient, path: string, body?: unknown) => c.json(path, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) });
/** The code the administrator's app shows half a minute later (the clock moved on by that): a
 *  fresh step, which the replay protection lets pass once. */
function nextCode(secret: string): string {
  vi.setSystemTime(Date.now() + 30_000);
  return totpCode(secret);
}

describe('second factor (TOTP) for administrators', () => {
  let app: TestApp | null;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '5' });
    // only the clock is faked, and it keeps running: the server and the codes read the same time
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await app?.close();
  });

  it('is enrolled with a real code, asked at login, takes a recovery code once, and is disabled with a code', async (t) => {
    if (!app) return t.skip();
    const admin = await app.as('municipal');
    expect((await admin.json('/api/auth/second-factor')).body).toEqual({ available: true, enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const enrol = await post(admin, '/api/auth/second-factor/enrol');
    expect(enrol.status).toBe(200);
    const { secret, uri, qrCode } = enrol.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(`otpauth://totp/%D0%A0%D0%A1%D0%9D%D0%9C%D0%A1:municipal?issuer=%D0%A0%D0%A1%D0%9D%D0%9C%D0%A1&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    expect(Buffer.from(qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // not in force until confirmed: the password alone still signs in
    expect((await login(app, { login: 'municipal', password: 'demo' })).status).toBe(200);

    // a wrong code is refused with a field message; the right one turns it on and gives recovery codes
    const wrong = await post(admin, '/api/auth/second-factor/confirm', { code: String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, '0') });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields[0].field).toBe('code');
    const confirmed = await post(admin, '/api/auth/second-factor/confirm', { code: totpCode(secret) });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    // stored hashed: no code appears in the database as typed
    const stored = await queryRows<{ code_hash: string }>(app.database.db, sql`SELECT code_hash FROM recovery_codes`);
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.map((r) => r.code_hash)).not.toContain(c);
    expect((await admin.json('/api/auth/second-factor')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    // login now asks for the code; the code already used at confirmation is not accepted again
    const noCode = await login(app, { login: 'municipal', password: 'demo' });
    expect(noCode.status).toBe(401);
    expect((await noCode.json()).error.code).toBe('second_factor_required');
    const replay = await login(app, { login: 'municipal', password: 'demo', code: totpCode(secret) });
    expect((await replay.json()).error.code).toBe('bad_second_factor');
    const ok = await login(app, { login: 'municipal', password: 'demo', code: nextCode(secret) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).login).toBe('municipal');

    // a recovery code signs in once
    const withRecovery = await login(app, { login: 'municipal', password: 'demo', code: codes[0].toLowerCase() });
    expect(withRecovery.status).toBe(200);
    expect((await login(app, { login: 'municipal', password: 'demo', code: codes[0] })).status).toBe(401);
    expect((await admin.json('/api/auth/second-factor')).body.recoveryCodesLeft).toBe(9);

    // new recovery codes replace the old ones
    const renewed = await post(admin, '/api/auth/second-factor/recovery-codes', { code: nextCode(secret) });
    expect(renewed.status).toBe(200);
    expect((await login(app, { login: 'municipal', password: 'demo', code: codes[1] })).status).toBe(401);

    // disabled with a recovery code; then the password alone signs in again
    const off = await app.request('/api/auth/second-factor/disable', { method: 'POST', headers: { 'content-type': 'application/json', cookie: await cookieOf(app, 'municipal', renewed.body.recoveryCodes[0]) }, body: JSON.stringify({ code: renewed.body.recoveryCodes[1] }) });
    expect(off.status).toBe(204);
    expect((await login(app, { login: 'municipal', password: 'demo' })).status).toBe(200);
    expect((await queryRows(app.database.db, sql`SELECT 1 FROM recovery_codes`)).length).toBe(0);

    const actions = (await queryRows<{ action: string }>(app.database.db, sql`SELECT action FROM audit_log WHERE login = 'municipal' AND action LIKE 'auth.%' ORDER BY chain_seq`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.second_factor_enable', 'auth.second_factor_failed', 'auth.recovery_codes_renew', 'auth.second_factor_disable']));
  });

  it('throttles wrong codes like wrong passwords', async (t) => {
    if (!app) return t.skip();
    const admin = await app.as('school');
    const { secret } = (await post(admin, '/api/auth/second-factor/enrol')).body;
    expect((await post(admin, '/api/auth/second-factor/confirm', { code: totpCode(secret) })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await login(app, { login: 'school', password: 'demo', code: '999999' === totpCode(secret) ? '999998' : '999999' });
      expect(res.status).toBe(401);
    }
    // even the right code is refused now, until the lock window passes
    const locked = await login(app, { login: 'school', password: 'demo', code: nextCode(secret) });
    expect(locked.status).toBe(429);
  });

  it('is for administrators only', async (t) => {
    if (!app) return t.skip();
    const teacher = await app.as('teacher');
    expect((await teacher.json('/api/auth/second-factor')).body).toMatchObject({ available: false, enabled: false });
    const res = await post(teacher, '/api/auth/second-factor/enrol');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/администратор/);
  });
});

/** Signs in with a second-factor code and returns the session cookie. */
async function cookieOf(app: TestApp, loginName: string, code: string): Promise<string> {
  const res = await login(app, { login: loginName, password: 'demo', code });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}
