import { createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { createRouter, commonErrors, jsonBody, jsonOk, requireActor, deps, clientIp, type AppEnv } from '../../lib/http.js';
import { login, logout, describeActor, resolveSession, listSessions, endSessions } from './auth.service.js';
import { listDemoAccounts } from '../demo/demo-accounts.js';
import { confirmSecondFactor, disableSecondFactor, enrolSecondFactor, renewRecoveryCodes, secondFactorStatus } from './second-factor.service.js';
import type { Config } from '../../config.js';
import { roleCodes } from '../../../common/dictionaries.js';

/** `__Host-` binds the cookie to this exact origin; browsers accept it only with Secure. */
export const sessionCookieName = (config: Config) => (config.cookieSecure ? '__Host-sid' : 'sid');

export function readSessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(deps(c).config));
}

const Me = z
  .object({
    id: z.uuid(),
    login: z.string(),
    displayName: z.string(),
    staffId: z.uuid().nullable(),
    roles: z.array(z.object({ role: z.enum(roleCodes), territoryId: z.uuid().nullable(), organizationId: z.uuid().nullable(), scopeName: z.string().nullable() })),
    scope: z.object({ territoryIds: z.array(z.uuid()), organizationCount: z.number().int(), canAdminister: z.boolean() }),
  })
  .openapi('Me');

const LoginBody = z
  .object({
    login: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
    code: z.string().trim().max(40).optional().openapi({ description: 'Код второго фактора (6 цифр из приложения или код восстановления), когда он подключён' }),
  })
  .openapi('LoginRequest');

const SecondFactorStatus = z
  .object({ available: z.boolean(), enabled: z.boolean(), enabledAt: z.string().nullable(), recoveryCodesLeft: z.number().int() })
  .openapi('SecondFactorStatus');
const SecondFactorEnrolment = z
  .object({ secret: z.string(), uri: z.string(), qrCode: z.string().openapi({ description: 'QR-код адреса otpauth:// (data:image/svg+xml)' }) })
  .openapi('SecondFactorEnrolment');
const CodeBody = z.object({ code: z.string().trim().min(1, 'Введите код').max(40) }).openapi('SecondFactorCode');
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).openapi('RecoveryCodes');
const DemoAccount = z.object({ login: z.string(), role: z.string(), displayName: z.string(), scope: z.string() }).openapi('DemoAccount');

const Session = z
  .object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean() })
  .openapi('Session');
const SessionId = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Неверный идентификатор сеанса') });

const tags = ['Вход'];

export const authApi = createRouter()
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/login', tags, summary: 'Вход по логину и паролю', security: [], request: { body: jsonBody(LoginBody) }, responses: { 200: jsonOk(Me), 401: commonErrors[401], 422: commonErrors[422], 429: commonErrors[401] } }),
    async (c) => {
      const { db, config } = deps(c);
      const body = c.req.valid('json');
      const { token } = await login(db, policyOf(config), { ...body, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
      setCookie(c, sessionCookieName(config), token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.cookieSecure,
        path: '/',
        maxAge: config.sessionAbsoluteHours * 3600,
      });
      // the actor is resolved from the new session so /me and /login answer alike
      const actor = await resolveSession(db, policyOf(config), token, clientIp(c));
      return c.json(await describeActor(db, actor!), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/logout', tags, summary: 'Выход (сессия отзывается на сервере)', responses: { 204: { description: 'Сессия завершена' }, 401: commonErrors[401] } }),
    async (c) => {
      await logout(deps(c).db, requireActor(c));
      deleteCookie(c, sessionCookieName(deps(c).config), { path: '/', secure: deps(c).config.cookieSecure });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/auth/me', tags, summary: 'Текущий пользователь, роли и область доступа', responses: { 200: jsonOk(Me), 401: commonErrors[401] } }),
    async (c) => c.json(await describeActor(deps(c).db, requireActor(c)), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/auth/sessions', tags, summary: 'Мои действующие сеансы (браузеры и устройства)', responses: { 200: jsonOk(z.object({ items: z.array(Session) }).openapi('SessionList')), 401: commonErrors[401] } }),
    async (c) => c.json({ items: await listSessions(deps(c).db, policyOf(deps(c).config), requireActor(c)) }, 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/auth/sessions/{id}', tags, summary: 'Завершить один из моих сеансов', request: { params: SessionId }, responses: { 204: { description: 'Сеанс завершён' }, ...commonErrors } }),
    async (c) => {
      await endSessions(deps(c).db, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/sessions/end-others', tags, summary: 'Завершить все мои сеансы, кроме текущего', responses: { 200: jsonOk(z.object({ ended: z.number().int() }).openapi('SessionsEnded')), ...commonErrors } }),
    async (c) => c.json({ ended: await endSessions(deps(c).db, requireActor(c), null) }, 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/auth/second-factor', tags, summary: 'Второй фактор входа (TOTP): подключён ли и сколько осталось кодов восстановления', responses: { 200: jsonOk(SecondFactorStatus), 401: commonErrors[401] } }),
    async (c) => c.json(await secondFactorStatus(deps(c).db, requireActor(c)), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/second-factor/enrol', tags, summary: 'Получить секрет для приложения-аутентификатора (администраторам)', responses: { 200: jsonOk(SecondFactorEnrolment), ...commonErrors } }),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await enrolSecondFactor(deps(c).db, requireActor(c)), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/second-factor/confirm', tags, summary: 'Подключить второй фактор кодом из приложения; ответ — коды восстановления', request: { body: jsonBody(CodeBody) }, responses: { 200: jsonOk(RecoveryCodes), ...commonErrors, 429: commonErrors[401] } }),
    async (c) => {
      const { db, config } = deps(c);
      return c.json(await confirmSecondFactor(db, policyOf(config), requireActor(c), c.req.valid('json').code), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/second-factor/disable', tags, summary: 'Отключить второй фактор кодом из приложения или кодом восстановления', request: { body: jsonBody(CodeBody) }, responses: { 204: { description: 'Второй фактор отключён' }, ...commonErrors, 429: commonErrors[401] } }),
    async (c) => {
      const { db, config } = deps(c);
      await disableSecondFactor(db, policyOf(config), requireActor(c), c.req.valid('json').code);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/auth/second-factor/recovery-codes', tags, summary: 'Новые коды восстановления взамен прежних', request: { body: jsonBody(CodeBody) }, responses: { 200: jsonOk(RecoveryCodes), ...commonErrors, 429: commonErrors[401] } }),
    async (c) => {
      const { db, config } = deps(c);
      return c.json(await renewRecoveryCodes(db, policyOf(config), requireActor(c), c.req.valid('json').code), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/auth/demo-accounts', tags, summary: 'Демонстрационные учётные записи (только в демо-режиме)', security: [], responses: { 200: jsonOk(z.object({ demo: z.boolean(), accounts: z.array(DemoAccount) })) } }),
    async (c) => {
      const { db, config } = deps(c);
      return c.json({ demo: config.demo, accounts: config.demo ? await listDemoAccounts(db) : [] }, 200);
    },
  );

export const policyOf = (config: Config) => ({
  idleMinutes: config.sessionIdleMinutes,
  absoluteHours: config.sessionAbsoluteHours,
  maxFailures: config.loginMaxFailures,
  lockMinutes: config.loginLockMinutes,
});

// The wire shape, for the web UI's type-only imports.
export type MeDto = z.infer<typeof Me>;
export type SessionDto = z.infer<typeof Session>;
export type SecondFactorStatusDto = z.infer<typeof SecondFactorStatus>;
export type SecondFactorEnrolmentDto = z.infer<typeof SecondFactorEnrolment>;
