import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter, jsonOk, deps } from '../../lib/http.js';

const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) }).openapi('Health');

export const systemApi = createRouter().openapi(
  createRoute({ method: 'get', path: '/api/health', tags: ['Система'], summary: 'Состояние сервиса', security: [], responses: { 200: jsonOk(Health) } }),
  async (c) => {
    const { db, databaseKind } = deps(c);
    await db.execute(sql`select 1`);
    return c.json({ status: 'ok' as const, database: databaseKind }, 200);
  },
);
