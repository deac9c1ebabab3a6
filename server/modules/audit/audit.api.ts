import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, jsonOk, pageOf, requireActor, deps } from '../../lib/http.js';
import { auditKinds, findAudit } from './audit.service.js';

const AuditRecord = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.string().nullable(),
    login: z.string().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    territoryIds: z.array(z.string()),
    organizationIds: z.array(z.string()),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditRecord');

const Query = z.object({
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  login: z.string().max(100).optional(),
  userId: z.uuid().optional(),
  kind: z
    .enum(auditKinds)
    .optional()
    .openapi({ description: 'read — просмотры чужих данных, export — выгрузки, access — и то и другое' }),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export const auditApi = createRouter().openapi(
  createRoute({ method: 'get', path: '/api/audit', tags: ['Аудит'], summary: 'Журнал аудита в пределах области администрирования', request: { query: Query }, responses: { 200: jsonOk(pageOf(AuditRecord, 'AuditPage')), ...commonErrors } }),
  async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await findAudit(deps(c).db, requireActor(c), c.req.valid('query')), 200);
  },
);
