import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, jsonOk, jsonBody, requireActor, deps, IdParam } from '../../lib/http.js';
import { indicatorBlockCodes, indicatorStatuses } from '../../../common/indicators.js';
import {
  archiveIndicator,
  createIndicator,
  enterIndicatorValue,
  getIndicatorTrend,
  getIndicatorValues,
  listEnteredValues,
  listIndicators,
  setIndicatorTarget,
  updateIndicator,
} from './indicators.service.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const Status = z.enum(Object.keys(indicatorStatuses) as [keyof typeof indicatorStatuses]).openapi('IndicatorStatus', {
  description: 'met — достигнуто целевое значение; below — ниже целевого; no_target — целевое не установлено; no_data — нет данных (знаменатель 0)',
});
const Definition = z
  .object({
    id: z.uuid(),
    code: z.string(),
    number: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    periodicity: z.string(),
    kind: z.enum(['computed', 'entered']),
    rule: z.object({ numerator: z.string(), denominator: z.string().nullable(), factor: z.number() }),
    targets: z.array(z.object({ territoryId: z.uuid(), year: z.number().int(), value: z.number(), inherited: z.boolean() })),
    responsibleOrganizationId: z.uuid().nullable(),
    approvingAct: z.string().nullable(),
    version: z.number().int(),
    year: z.number().int(),
    regionId: z.uuid().nullable(),
  })
  .openapi('IndicatorDefinition');
const Value = z
  .object({ numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable(), target: z.number().nullable(), status: Status })
  .openapi('IndicatorValue');
const NodeValues = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(['country', 'region', 'municipality', 'organization']), values: z.record(z.string(), Value) })
  .openapi('IndicatorNodeValues');
const Values = z
  .object({
    period: z.number().int(),
    territory: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['region', 'municipality']) }).nullable(),
    childKind: z.enum(['region', 'municipality', 'organization']),
    indicators: z.array(Definition),
    total: NodeValues,
    children: z.array(NodeValues),
  })
  .openapi('IndicatorValues');
const Trend = z
  .object({
    code: z.string(),
    territoryId: z.uuid().nullable(),
    items: z.array(z.object({ period: z.number().int(), numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable(), target: z.number().nullable(), status: Status })),
  })
  .openapi('IndicatorTrend');
const Block = z.enum(indicatorBlockCodes);
const IndicatorInput = z
  .object({
    regionId: z.uuid().optional(),
    code: z.string().min(2).max(63),
    year: Year,
    number: z.string().max(20).nullable().optional(),
    name: z.string().trim().min(3).max(500),
    unit: z.string().trim().min(1).max(30),
    periodicity: z.enum(['year', 'half_year']).default('year'),
    kind: z.enum(['computed', 'entered']),
    numerator: Block.nullable().optional(),
    denominator: Block.nullable().optional(),
    factor: z.number().positive().max(1_000_000).optional(),
    responsibleOrganizationId: z.uuid().nullable().optional(),
    approvingAct: z.string().max(500).nullable().optional(),
  })
  .openapi('IndicatorInput');
const IndicatorPatch = IndicatorInput.omit({ regionId: true, code: true, year: true }).partial().extend({ version: z.number().int() }).openapi('IndicatorPatch');
const Place = { territoryId: z.uuid().nullable().optional(), organizationId: z.uuid().nullable().optional() };
const TargetInput = z.object({ year: Year, ...Place, value: z.number().min(0).max(1e9).nullable() }).openapi('IndicatorTargetInput');
const EnteredInput = z.object({ period: Year, ...Place, value: z.number().min(-1e12).max(1e12).nullable() }).openapi('IndicatorEnteredInput');
const Code = z.object({ code: z.string().max(63).openapi({ param: { name: 'code', in: 'path' } }) });

const tags = ['Показатели эффективности'];

export const indicatorsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/indicators', tags, summary: 'Паспорта показателей, действующие в году, с целевыми значениями', request: { query: z.object({ year: Year }) }, responses: { 200: jsonOk(z.object({ year: z.number().int(), items: z.array(Definition) }).openapi('IndicatorList')), ...commonErrors } }),
    async (c) => {
      const { year } = c.req.valid('query');
      return c.json({ year, items: await listIndicators(deps(c).db, requireActor(c), { year }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/indicators/values',
      tags,
      summary: 'Значения показателей территории и её частей за период: числитель, знаменатель, значение, целевое значение',
      request: { query: z.object({ territoryId: z.uuid().optional().openapi({ description: 'Регион — по муниципалитетам; муниципалитет — по организациям. По умолчанию — верхняя территория области доступа' }), period: Year }) },
      responses: { 200: jsonOk(Values), ...commonErrors },
    }),
    async (c) => c.json(await getIndicatorValues(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/indicators/{code}/trend', tags, summary: 'Динамика показателя по периодам', request: { params: Code, query: z.object({ territoryId: z.uuid().optional(), from: Year, to: Year }) }, responses: { 200: jsonOk(Trend), ...commonErrors } }),
    async (c) => c.json(await getIndicatorTrend(deps(c).db, requireActor(c), { code: c.req.valid('param').code, ...c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/indicators', tags, summary: 'Утвердить региональный показатель (или версию показателя на год)', request: { body: jsonBody(IndicatorInput) }, responses: { 201: jsonOk(Definition, 'Утверждён'), ...commonErrors } }),
    async (c) => c.json(await createIndicator(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/indicators/{id}', tags, summary: 'Изменить региональный показатель', request: { params: IdParam, body: jsonBody(IndicatorPatch) }, responses: { 200: jsonOk(Definition), ...commonErrors } }),
    async (c) => c.json(await updateIndicator(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/indicators/{id}', tags, summary: 'Исключить региональный показатель', request: { params: IdParam }, responses: { 204: { description: 'Исключён' }, ...commonErrors } }),
    async (c) => {
      await archiveIndicator(deps(c).db, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/indicators/{code}/targets',
      tags,
      summary: 'Установить (или снять, value: null) целевое значение на год для территории или организации',
      request: { params: Code, body: jsonBody(TargetInput) },
      responses: { 200: jsonOk(z.object({ code: z.string(), year: z.number().int(), territoryId: z.uuid().nullable(), organizationId: z.uuid().nullable(), value: z.number().nullable() }).openapi('IndicatorTarget')), ...commonErrors },
    }),
    async (c) => c.json(await setIndicatorTarget(deps(c).db, requireActor(c), c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/indicators/{code}/entered',
      tags,
      summary: 'Внесённые значения показателя за период (в области доступа)',
      request: { params: Code, query: z.object({ period: Year }) },
      responses: {
        200: jsonOk(
          z.object({ code: z.string(), period: z.number().int(), items: z.array(z.object({ territoryId: z.uuid().nullable(), organizationId: z.uuid().nullable(), name: z.string(), value: z.number(), updatedAt: z.string() })) }).openapi('IndicatorEnteredList'),
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listEnteredValues(deps(c).db, requireActor(c), c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/indicators/{code}/entered',
      tags,
      summary: 'Внести (или очистить, value: null) значение вводимого показателя для организации или территории',
      request: { params: Code, body: jsonBody(EnteredInput) },
      responses: { 200: jsonOk(z.object({ code: z.string(), period: z.number().int(), territoryId: z.uuid().nullable(), organizationId: z.uuid().nullable(), value: z.number().nullable() }).openapi('IndicatorEnteredValue')), ...commonErrors },
    }),
    async (c) => c.json(await enterIndicatorValue(deps(c).db, requireActor(c), c.req.valid('param').code, c.req.valid('json')), 200),
  );

export type IndicatorValuesDto = z.infer<typeof Values>;
export type IndicatorDefinitionDto = z.infer<typeof Definition>;
export type IndicatorTrendDto = z.infer<typeof Trend>;
