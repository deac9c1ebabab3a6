import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, requireActor, deps } from '../../lib/http.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { codesOf, resourceAudiences } from '../../../common/practices.js';
import { siteKindCodes, siteStatusCodes } from './registries.schema.js';
import { findResources, createResource, updateResource, findSites, createSite, updateSite } from './registries.service.js';

const text = (max: number) => z.string().trim().min(1, 'Заполните поле').max(max, `Не более ${max} символов`);
const optionalText = (max: number) => z.string().trim().max(max, `Не более ${max} символов`).nullish();
const httpUrl = z.url({ protocol: /^https?$/, error: 'Ссылка должна начинаться с http:// или https://' }).max(2000);
const version = z.number().int().positive();
const archived = z.boolean().optional().openapi({ description: 'true — исключить запись из реестра' });
const paging = { limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor, q: PageQuery.shape.q };
const page = <T extends z.ZodTypeAny>(item: T, name: string, extra: z.ZodRawShape = {}) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int(), canCreate: z.boolean(), ...extra }).openapi(name);

const Audience = z.enum(codesOf(resourceAudiences)).openapi('ResourceAudience', {
  description: 'teachers — педагоги; managers — руководители; methodologists — методисты; young_specialists — молодые специалисты; mentors — наставники; tutors — тьюторы',
});
const SiteKind = z.enum(siteKindCodes).openapi('SiteKind', { description: 'innovation — инновационная площадка; internship — стажировочная площадка' });
const SiteStatus = z.enum(siteStatusCodes).openapi('SiteStatus', { description: 'applied — заявка; active — статус присвоен; suspended — приостановлена; closed — статус прекращён' });

const Resource = z
  .object({ id: z.uuid(), title: z.string(), url: z.string(), topic: z.string(), audiences: z.array(Audience), description: z.string().nullable(), version: z.number().int(), canEdit: z.boolean() })
  .openapi('EducationalResource');
export type EducationalResourceDto = z.infer<typeof Resource>;
const ResourceBody = z.strictObject({
  title: text(500),
  url: httpUrl,
  topic: text(200),
  audiences: z.array(Audience).min(1, 'Укажите хотя бы одну аудиторию'),
  description: optionalText(5000),
  regionId: z.uuid().optional().openapi({ description: 'Регион навигатора; по умолчанию — регион пользователя' }),
});

const Site = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    territoryName: z.string(),
    kind: SiteKind,
    status: SiteStatus,
    topic: z.string(),
    periodFrom: z.string(),
    periodTo: z.string().nullable(),
    orderRef: z.string().nullable(),
    version: z.number().int(),
    canEdit: z.boolean(),
  })
  .openapi('InnovationSite');
export type InnovationSiteDto = z.infer<typeof Site>;
const SiteBody = z.strictObject({
  organizationId: z.uuid(),
  kind: SiteKind,
  status: SiteStatus,
  topic: text(1000),
  periodFrom: isoDateSchema,
  periodTo: isoDateSchema.nullish(),
  orderRef: optionalText(500),
});


const resourceTags = ['Навигатор ресурсов'];
const registryTags = ['Реестры'];

export const registriesApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/resources',
      tags: resourceTags,
      summary: 'Навигатор образовательных ресурсов региона: ссылки по темам и аудиториям',
      request: { query: z.object({ ...paging, topic: z.string().max(200).optional(), audience: Audience.optional() }) },
      responses: { 200: jsonOk(page(Resource, 'EducationalResourcePage', { topics: z.array(z.object({ topic: z.string(), count: z.number().int() })) })), ...commonErrors },
    }),
    async (c) => c.json(await findResources(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/resources', tags: resourceTags, summary: 'Добавить ресурс (администратор и методисты региона)', request: { body: jsonBody(ResourceBody) }, responses: { 201: jsonOk(Resource), ...commonErrors } }),
    async (c) => c.json(await createResource(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/resources/{id}',
      tags: resourceTags,
      summary: 'Изменить или исключить ресурс (с проверкой версии)',
      request: { params: IdParam, body: jsonBody(ResourceBody.omit({ regionId: true }).partial().extend({ version, archived })) },
      responses: { 200: jsonOk(Resource), ...commonErrors },
    }),
    async (c) => c.json(await updateResource(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/innovation-sites',
      tags: registryTags,
      summary: 'Реестр инновационных и стажировочных площадок региона',
      request: { query: z.object({ ...paging, kind: SiteKind.optional(), status: SiteStatus.optional(), territoryId: z.uuid().optional() }) },
      responses: { 200: jsonOk(page(Site, 'InnovationSitePage')), ...commonErrors },
    }),
    async (c) => c.json(await findSites(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/innovation-sites', tags: registryTags, summary: 'Внести площадку в реестр (администратор региона)', request: { body: jsonBody(SiteBody) }, responses: { 201: jsonOk(Site), ...commonErrors } }),
    async (c) => c.json(await createSite(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/innovation-sites/{id}',
      tags: registryTags,
      summary: 'Изменить статус, период, тему площадки или исключить её (с проверкой версии)',
      request: { params: IdParam, body: jsonBody(SiteBody.omit({ organizationId: true }).partial().extend({ version, archived })) },
      responses: { 200: jsonOk(Site), ...commonErrors },
    }),
    async (c) => c.json(await updateSite(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
