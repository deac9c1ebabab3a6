import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, requireActor, deps, queryBool } from '../../lib/http.js';
import { competencyAudiences } from './competencies.schema.js';
import { getCatalog, listCatalogRevisions, createCompetencyGroup, updateCompetencyGroup, createCompetency, updateCompetency } from './competencies.service.js';

const Audience = z.enum(competencyAudiences).openapi('CompetencyAudience', { description: 'all — все; pedagogical — педагогические работники; managerial — управленческие кадры' });

const Competency = z
  .object({
    id: z.uuid(),
    groupId: z.uuid(),
    code: z.string().openapi({ example: 'МТ.01' }),
    name: z.string(),
    description: z.string().nullable(),
    labourFunctionCodes: z.array(z.string()).openapi({ description: 'Трудовые функции профессионального стандарта «Педагог», например A/01.6' }),
    position: z.number().int(),
    retired: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Competency');
const Group = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    audience: Audience,
    position: z.number().int(),
    retired: z.boolean(),
    version: z.number().int(),
    competencies: z.array(Competency),
  })
  .openapi('CompetencyGroup');
const Revision = z.object({ number: z.number().int(), summary: z.string(), createdAt: z.string() }).openapi('CompetencyCatalogRevision');
const Catalog = z
  .object({
    revision: Revision,
    labourFunctions: z.array(z.object({ code: z.string(), name: z.string(), generalizedCode: z.string(), generalizedName: z.string(), standardCode: z.string() })),
    groups: z.array(Group),
    canEdit: z.boolean(),
  })
  .openapi('CompetencyCatalog');

const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\p{L}\d][\p{L}\d.\-/]*$/u, 'Код: буквы, цифры, точка, дефис');
const name = z.string().trim().min(3).max(500);
const description = z.string().trim().max(5000).nullish();
const position = z.number().int().min(0).max(10000);
const version = z.number().int().positive();
const labourFunctionCodes = z.array(z.string().trim().max(20)).max(20);

const GroupCreate = z.strictObject({ code, name, description, audience: Audience.optional(), position: position.optional() }).openapi('CompetencyGroupCreate');
const GroupUpdate = z
  .strictObject({ version, name: name.optional(), description, audience: Audience.optional(), position: position.optional(), retired: z.boolean().optional() })
  .openapi('CompetencyGroupUpdate');
const CompetencyCreate = z
  .strictObject({ groupId: z.uuid(), code, name, description, labourFunctionCodes: labourFunctionCodes.optional(), position: position.optional() })
  .openapi('CompetencyCreate');
const CompetencyUpdate = z
  .strictObject({
    version,
    groupId: z.uuid().optional(),
    name: name.optional(),
    description,
    labourFunctionCodes: labourFunctionCodes.optional(),
    position: position.optional(),
    retired: z.boolean().optional().openapi({ description: 'true — исключить из справочника (результаты сохраняются); false — вернуть' }),
  })
  .openapi('CompetencyUpdate');

const tags = ['Компетенции'];

export const competenciesApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/competencies',
      tags,
      summary: 'Справочник компетенций: группы, компетенции, трудовые функции стандарта «Педагог»',
      request: {
        query: z.object({
          revision: z.coerce.number().int().positive().optional().openapi({ description: 'Справочник в указанной редакции' }),
          includeRetired: queryBool.optional().openapi({ description: 'Показать исключённые (только для действующей редакции)' }),
        }),
      },
      responses: { 200: jsonOk(Catalog), ...commonErrors },
    }),
    async (c) => c.json(await getCatalog(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/competencies/revisions', tags, summary: 'Редакции справочника компетенций', responses: { 200: jsonOk(z.object({ items: z.array(Revision) }).openapi('CompetencyCatalogRevisions')), ...commonErrors } }),
    async (c) => {
      requireActor(c);
      return c.json(await listCatalogRevisions(deps(c).db), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/competencies', tags, summary: 'Добавить компетенцию (администратор региона; новая редакция справочника)', request: { body: jsonBody(CompetencyCreate) }, responses: { 201: jsonOk(Competency), ...commonErrors } }),
    async (c) => c.json(await createCompetency(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/competencies/{id}', tags, summary: 'Изменить или исключить компетенцию (с проверкой версии)', request: { params: IdParam, body: jsonBody(CompetencyUpdate) }, responses: { 200: jsonOk(Competency), ...commonErrors } }),
    async (c) => c.json(await updateCompetency(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/competency-groups', tags, summary: 'Добавить группу компетенций', request: { body: jsonBody(GroupCreate) }, responses: { 201: jsonOk(Group), ...commonErrors } }),
    async (c) => c.json(await createCompetencyGroup(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/competency-groups/{id}', tags, summary: 'Изменить или исключить группу компетенций (с проверкой версии)', request: { params: IdParam, body: jsonBody(GroupUpdate) }, responses: { 200: jsonOk(Group), ...commonErrors } }),
    async (c) => c.json(await updateCompetencyGroup(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

// The wire shapes, for the web UI's type-only imports.
export type CompetencyCatalogDto = z.infer<typeof Catalog>;
export type CompetencyDto = z.infer<typeof Competency>;
