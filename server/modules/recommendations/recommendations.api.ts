import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool } from '../../lib/http.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { recommendationActions, recommendationStatuses } from '../../../common/monitoring.js';
import { decideRecommendation, findRecommendations, getRecommendation, issueRecommendations, respondToRecommendation } from './recommendations.service.js';

const tags = ['Адресные рекомендации'];
const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const describe = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k} — ${v}`).join('; ');

const Status = z.enum(keysOf(recommendationStatuses)).openapi('RecommendationStatus', { description: describe(recommendationStatuses) });

const Recommendation = z
  .object({
    id: z.uuid(),
    issuerOrganizationId: z.uuid(),
    issuerName: z.string(),
    addressee: z.object({ kind: z.enum(['organization', 'territory']), id: z.uuid(), name: z.string() }),
    subjectTerritoryId: z.uuid(),
    subjectTerritoryName: z.string(),
    title: z.string(),
    text: z.string(),
    campaignId: z.uuid().nullable(),
    campaignTitle: z.string().nullable(),
    indicatorCode: z.string().nullable(),
    period: z.number().int().nullable(),
    dueDate: z.string(),
    overdue: z.boolean(),
    status: Status,
    response: z.string().nullable(),
    respondedAt: z.string().nullable(),
    respondedByName: z.string().nullable(),
    followUpComment: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
    can: z.object({ respond: z.boolean(), decide: z.boolean() }),
  })
  .openapi('Recommendation');

const Addressee = z.strictObject({ organizationId: z.uuid().nullish(), territoryId: z.uuid().nullish() }).openapi('RecommendationAddressee', { description: 'Организация или территория (её орган управления образованием)' });
const IssueInput = z
  .strictObject({
    addressees: z.array(Addressee).min(1, 'Выберите хотя бы одного адресата').max(500),
    title: z.string().trim().min(3, 'Укажите тему рекомендации').max(500),
    text: z.string().trim().min(10, 'Опишите рекомендацию (не короче 10 символов)').max(20000),
    dueDate: isoDateSchema,
    campaignId: z.uuid().nullish(),
    indicatorCode: z.string().trim().max(100).nullish(),
    period: z.number().int().min(2000).max(2100).nullish(),
    issuerOrganizationId: z.uuid().nullish().openapi({ description: 'Орган, выдающий рекомендацию; по умолчанию — министерство или управление образованием пользователя' }),
  })
  .openapi('RecommendationIssue');

const Filters = z.object({
  box: z.enum(['issued', 'addressed', 'all']).optional().openapi({ description: 'issued — выданные нами; addressed — адресованные нам; all — все в области доступа (по умолчанию)' }),
  status: Status.optional(),
  overdue: queryBool.optional(),
  territoryId: z.uuid().optional(),
  indicatorCode: z.string().max(100).optional(),
  period: z.coerce.number().int().min(2000).max(2100).optional(),
  campaignId: z.uuid().optional(),
  q: PageQuery.shape.q,
  limit: PageQuery.shape.limit,
  cursor: PageQuery.shape.cursor,
});

export type RecommendationDto = z.infer<typeof Recommendation>;
export type RecommendationIssueDto = z.infer<typeof IssueInput>;

export const recommendationsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/recommendations', tags, summary: 'Адресные рекомендации: выданные нами, адресованные нам', request: { query: Filters }, responses: { 200: jsonOk(pageOf(Recommendation, 'RecommendationPage')), ...commonErrors } }),
    async (c) => c.json(await findRecommendations(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/recommendations',
      tags,
      summary: 'Выдать рекомендацию — по одной каждому адресату',
      request: { body: jsonBody(IssueInput) },
      responses: { 201: jsonOk(z.object({ items: z.array(Recommendation) }).openapi('RecommendationsIssued')), ...commonErrors },
    }),
    async (c) => c.json(await issueRecommendations(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/recommendations/{id}', tags, summary: 'Карточка рекомендации', request: { params: IdParam }, responses: { 200: jsonOk(Recommendation), ...commonErrors } }),
    async (c) => c.json(await getRecommendation(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/recommendations/{id}/response',
      tags,
      summary: 'Ответ адресата: что сделано',
      request: { params: IdParam, body: jsonBody(z.strictObject({ response: z.string().trim().min(10, 'Опишите, что сделано (не короче 10 символов)').max(20000), version: z.number().int().positive() }).openapi('RecommendationResponse')) },
      responses: { 200: jsonOk(Recommendation), ...commonErrors },
    }),
    async (c) => c.json(await respondToRecommendation(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/recommendations/{id}/decision',
      tags,
      summary: 'Решение выдавшего: принять исполнение, вернуть на доработку, снять с контроля',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({ action: z.enum(keysOf(recommendationActions)).openapi({ description: describe(recommendationActions) }), comment: z.string().trim().max(5000).nullish(), version: z.number().int().positive() })
            .openapi('RecommendationDecision'),
        ),
      },
      responses: { 200: jsonOk(Recommendation), ...commonErrors },
    }),
    async (c) => c.json(await decideRecommendation(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
