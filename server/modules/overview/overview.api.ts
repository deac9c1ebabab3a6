import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, jsonOk, requireActor, deps } from '../../lib/http.js';
import { getOverview } from './overview.service.js';

const Overview = z
  .object({ organizations: z.number().int(), staff: z.number().int(), youngSpecialists: z.number().int(), lowResultsSchools: z.number().int() })
  .openapi('Overview');

export const overviewApi = createRouter().openapi(
  createRoute({ method: 'get', path: '/api/overview', tags: ['Главная'], summary: 'Сводка по области доступа пользователя', responses: { 200: jsonOk(Overview), ...commonErrors } }),
  async (c) => c.json(await getOverview(deps(c).db, requireActor(c)), 200),
);
