import path from 'node:path';
import fs from 'node:fs';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { createRouter, deps, clientIp, refuseNulCharacters, type AppDeps, type AppEnv } from './lib/http.js';
import { AppError } from './lib/errors.js';
import { HTTPException } from 'hono/http-exception';
import { resolveSession } from './modules/auth/auth.service.js';
import { authApi, readSessionToken, policyOf } from './modules/auth/auth.api.js';
import { territoriesApi } from './modules/territories/territories.api.js';
import { organizationsApi } from './modules/organizations/organizations.api.js';
import { staffApi } from './modules/staff/staff.api.js';
import { auditApi } from './modules/audit/audit.api.js';
import { overviewApi } from './modules/overview/overview.api.js';
import { importsApi } from './modules/imports/imports.api.js';
import { systemApi } from './modules/system/system.api.js';
import { roadmapsApi } from './modules/roadmaps/roadmaps.api.js';
import { competenciesApi } from './modules/competencies/competencies.api.js';
import { assessmentsApi } from './modules/assessments/assessments.api.js';
import { programsApi } from './modules/programs/programs.api.js';
import { learningPlansApi } from './modules/learning-plans/learning-plans.api.js';
import { coverageApi } from './modules/coverage/coverage.api.js';
import { indicatorsApi } from './modules/indicators/indicators.api.js';
import { practicesApi } from './modules/practices/practices.api.js';
import { registriesApi } from './modules/registries/registries.api.js';
import { documentsApi } from './modules/documents/documents.api.js';
import { staffingApi } from './modules/staffing/staffing.api.js';
import { mentorshipsApi } from './modules/mentorships/mentorships.api.js';
import { eventsApi } from './modules/events/events.api.js';
import { contestsApi } from './modules/contests/contests.api.js';
import { communitiesApi } from './modules/communities/communities.api.js';
import { privacyApi } from './modules/privacy/privacy.api.js';
import { reportsApi } from './modules/reports/reports.api.js';
import { monitoringApi } from './modules/monitoring/monitoring.api.js';
import { recommendationsApi } from './modules/recommendations/recommendations.api.js';
import { configureOfficeWorkers } from './lib/office-worker.js';

const webDist = path.resolve(import.meta.dirname, '../web/dist');
const swaggerDist = path.resolve(import.meta.dirname, '../node_modules/swagger-ui-dist');

/** Routes that answer without a session. */
const publicApi = new Set(['/api/auth/login', '/api/auth/demo-accounts', '/api/health', '/api/openapi.json']);
/** Open without a session: the open catalog of practices, whose routes read published records
 *  only and never the actor (ADR 0018), and calendar subscriptions, where a secret in the
 *  address stands in for the session (ADR 0017). */
const publicPrefixes = ['/api/public/', '/api/events/feed/'];

export function buildApp(appDeps: AppDeps, log: Logger) {
  configureOfficeWorkers(appDeps.config.parse);
  const api = createRouter();

  api.use('*', async (c, next) => {
    c.set('deps', appDeps);
    const started = performance.now();
    await next();
    // API answers carry personal data: no browser or proxy may keep them
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  api.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Writes take JSON or multipart only, from this origin: a cross-site form cannot forge them.
  api.use('/api/*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
      if (hasBody && !type.startsWith('application/json') && !type.startsWith('multipart/form-data')) {
        throw new AppError(415, 'unsupported_media_type', 'Запросы на изменение принимаются только в формате JSON или multipart/form-data');
      }
      const origin = c.req.header('origin');
      if (origin && new URL(origin).host !== c.req.header('host')) {
        throw new AppError(403, 'cross_origin', 'Запрос с другого сайта отклонён');
      }
    }
    await next();
  });

  api.use(
    '/api/*',
    bodyLimit({
      maxSize: appDeps.config.uploadMaxBytes + 64 * 1024,
      onError: (c) => c.json({ error: { code: 'too_large', message: `Размер запроса превышает ${Math.round(appDeps.config.uploadMaxBytes / 1048576)} МБ` } }, 413),
    }),
  );

  api.use('/api/*', async (c, next) => {
    const token = readSessionToken(c);
    const actor = token ? await resolveSession(deps(c).db, policyOf(deps(c).config), token, clientIp(c)) : null;
    c.set('actor', actor);
    if (!actor && !publicApi.has(c.req.path) && !publicPrefixes.some((p) => c.req.path.startsWith(p)) && !c.req.path.startsWith('/api/docs')) throw new AppError(401, 'unauthorized', 'Требуется вход в систему');
    await next();
  });

  api.use('/api/*', refuseNulCharacters);

  api
    .route('/', systemApi)
    .route('/', authApi)
    .route('/', overviewApi)
    .route('/', territoriesApi)
    .route('/', organizationsApi)
    .route('/', staffApi)
    .route('/', importsApi)
    .route('/', roadmapsApi)
    .route('/', competenciesApi)
    .route('/', assessmentsApi)
    .route('/', programsApi)
    .route('/', learningPlansApi)
    .route('/', coverageApi)
    .route('/', indicatorsApi)
    .route('/', practicesApi)
    .route('/', registriesApi)
    .route('/', documentsApi)
    .route('/', staffingApi)
    .route('/', mentorshipsApi)
    .route('/', eventsApi)
    .route('/', contestsApi)
    .route('/', communitiesApi)
    .route('/', privacyApi)
    .route('/', reportsApi)
    .route('/', monitoringApi)
    .route('/', recommendationsApi)
    .route('/', auditApi);

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sid' });
  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'РСНМС: API информационной системы научно-методического сопровождения',
      version: '0.1.0',
      description: 'Все ответы в JSON; вход через POST /api/auth/login, далее cookie сессии.',
    },
    security: [{ session: [] }],
  });

  api.get('/api/docs', (c) => c.html(swaggerPage));
  api.get('/api/docs/assets/docs-init.js', (c) =>
    c.body("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });", 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  api.use('/api/docs/assets/*', serveStatic({ root: path.relative(process.cwd(), swaggerDist), rewriteRequestPath: (p) => p.replace('/api/docs/assets', '') }));
  api.all('/api/*', () => {
    throw new AppError(404, 'not_found', 'Нет такого адреса API');
  });

  api.onError((err, c) => {
    if (err instanceof AppError) {
      const details = (err.details as { fields?: unknown } | undefined) ?? {};
      return c.json({ error: { code: err.code, message: err.message, ...details } }, err.status);
    }
    const dbCode = (err as { code?: string }).code ?? ((err as { cause?: { code?: string } }).cause?.code);
    if (dbCode === 'PD001') {
      // a write about a person whose processing is blocked, refused by the database (ADR 0028)
      const cause = (err as { cause?: { message?: string } }).cause;
      return c.json({ error: { code: 'processing_blocked', message: cause?.message ?? err.message } }, 409);
    }
    if (err instanceof HTTPException) {
      // raised by Hono itself (a malformed body, an unsupported media type): keep its status, say it in Russian
      const message = err.status === 415 ? 'Неподдерживаемый формат запроса' : err.status === 400 ? 'Некорректный запрос' : err.message;
      return c.json({ error: { code: `http_${err.status}`, message } }, err.status);
    }
    log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Внутренняя ошибка сервера. Повторите попытку позже.' } }, 500);
  });

  // The built web UI with SPA fallback; absent in API-only test runs.
  if (fs.existsSync(webDist)) {
    const root = path.relative(process.cwd(), webDist);
    api.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('cache-control', 'public, max-age=31536000, immutable') }));
    api.use('*', serveStatic({ root }));
    api.get('*', serveStatic({ root, path: 'index.html' }));
  }
  return api as unknown as Hono<AppEnv>;
}

const swaggerPage = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>РСНМС — справочник API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/assets/docs-init.js"></script></body></html>`;
