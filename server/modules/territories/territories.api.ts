import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, pageOf, requireActor, deps } from '../../lib/http.js';
import { findTerritories, getTerritory, createTerritory, updateTerritory } from './territories.service.js';

const Territory = z
  .object({
    id: z.uuid(),
    kind: z.enum(['region', 'municipality']),
    name: z.string(),
    code: z.string().nullable(),
    parentId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .openapi('Territory');
const TerritoryListItem = Territory.extend({ organizationCount: z.number().int(), staffCount: z.number().int() }).openapi('TerritoryListItem');

const ListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.enum(['region', 'municipality']).optional(),
  parentId: z.uuid().optional(),
});

const CreateBody = z.object({
  kind: z.literal('municipality'),
  name: z.string().trim().min(2).max(300),
  code: z.string().trim().max(50).nullish(),
  parentId: z.uuid(),
});
const UpdateBody = z.object({
  version: z.number().int().positive(),
  name: z.string().trim().min(2).max(300).optional(),
  code: z.string().trim().max(50).nullish(),
});

const tags = ['Территории'];

export const territoriesApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/territories', tags, summary: 'Территории в области доступа', request: { query: ListQuery }, responses: { 200: jsonOk(pageOf(TerritoryListItem, 'TerritoryPage')), ...commonErrors } }),
    async (c) => c.json(await findTerritories(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/territories/{id}', tags, summary: 'Территория', request: { params: IdParam }, responses: { 200: jsonOk(Territory), ...commonErrors } }),
    async (c) => c.json(await getTerritory(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/territories', tags, summary: 'Создать муниципалитет', request: { body: jsonBody(CreateBody) }, responses: { 201: jsonOk(Territory), ...commonErrors } }),
    async (c) => c.json(await createTerritory(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/territories/{id}', tags, summary: 'Изменить территорию', request: { params: IdParam, body: jsonBody(UpdateBody) }, responses: { 200: jsonOk(Territory), ...commonErrors } }),
    async (c) => c.json(await updateTerritory(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

// The wire shape, for the web UI's type-only imports.
export type TerritoryListItemDto = z.infer<typeof TerritoryListItem>;
