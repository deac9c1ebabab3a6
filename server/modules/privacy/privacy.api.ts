import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonOk, requireActor, deps } from '../../lib/http.js';
import { exportSubject } from './privacy.service.js';

const SubjectExport = z
  .object({
    person: z.object({ id: z.uuid(), fullName: z.string() }),
    exportedAt: z.string(),
    exportedBy: z.string(),
    stores: z.array(z.object({ table: z.string(), purpose: z.string(), rows: z.array(z.record(z.string(), z.unknown())) })),
    disclosures: z.array(z.object({ at: z.string(), login: z.string().nullable(), action: z.string() })),
    note: z.string(),
  })
  .openapi('SubjectExport');
export type SubjectExportDto = z.infer<typeof SubjectExport>;

const tags = ['Персональные данные'];

export const privacyApi = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/staff/{id}/personal-data',
    tags,
    summary: 'Всё, что хранится о человеке, и кому его карточка показывалась (по запросу субъекта; сам человек или администратор над ним)',
    request: { params: IdParam },
    responses: { 200: jsonOk(SubjectExport), ...commonErrors },
  }),
  async (c) => {
    const result = await exportSubject(deps(c).db, requireActor(c), c.req.valid('param').id);
    c.header('content-disposition', `attachment; filename="personal-data-${result.person.id}.json"`);
    return c.json(result, 200);
  },
);
