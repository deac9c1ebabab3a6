import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, requireActor, deps } from '../../lib/http.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { contestStageLevelCodes, contestResultCodes } from '../../../common/events-dictionaries.js';
import { findContests, getContest, createContest, findEntries, nominate, recordResult, promoteWinners } from './contests.service.js';

const StageLevel = z.enum(contestStageLevelCodes).openapi('ContestStageLevel', { description: 'organization — этап организации; municipal — муниципальный; regional — региональный; federal — федеральный' });
const Result = z.enum(contestResultCodes).openapi('ContestResult', { description: 'participant — участник; prize_winner — призёр; winner — победитель (проходит на следующий этап)' });

const ContestListItem = z
  .object({ id: z.uuid(), title: z.string(), year: z.number().int(), organizerOrganizationId: z.uuid(), organizerName: z.string(), stages: z.array(StageLevel) })
  .openapi('ContestListItem');
const Stage = z
  .object({
    id: z.uuid(),
    level: StageLevel,
    ordinal: z.number().int(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    entries: z.number().int(),
    winners: z.number().int(),
    promoted: z.number().int(),
    last: z.boolean(),
  })
  .openapi('ContestStage');
const Contest = z
  .object({
    id: z.uuid(),
    title: z.string(),
    year: z.number().int(),
    description: z.string().nullable(),
    organizerOrganizationId: z.uuid(),
    organizerName: z.string(),
    canEdit: z.boolean(),
    stages: z.array(Stage),
    version: z.number().int(),
  })
  .openapi('Contest');
const Entry = z
  .object({
    id: z.uuid(),
    staffId: z.uuid(),
    fullName: z.string(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    score: z.number().nullable(),
    place: z.number().int().nullable(),
    result: Result.nullable(),
    promoted: z.boolean().openapi({ description: 'Переведён на следующий этап' }),
    canEdit: z.boolean(),
    version: z.number().int(),
  })
  .openapi('ContestEntry');
const EntryList = z
  .object({ stage: z.object({ id: z.uuid(), level: StageLevel, contestId: z.uuid() }), canNominate: z.boolean(), items: z.array(Entry) })
  .openapi('ContestEntryList');

const ContestCreate = z
  .strictObject({
    title: z.string().trim().min(3).max(1000),
    year: z.number().int().min(2000).max(2100),
    description: z.string().trim().max(20000).nullish(),
    organizerOrganizationId: z.uuid(),
    stages: z.array(z.strictObject({ level: StageLevel, startsOn: isoDateSchema.nullish(), endsOn: isoDateSchema.nullish() })).min(1).max(4),
  })
  .openapi('ContestCreate');

const tags = ['Конкурсы профессионального мастерства'];

export const contestsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/contests', tags, summary: 'Конкурсы в области доступа', request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) }, responses: { 200: jsonOk(z.object({ items: z.array(ContestListItem) }).openapi('ContestList')), ...commonErrors } }),
    async (c) => c.json(await findContests(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/contests', tags, summary: 'Новый конкурс с этапами', request: { body: jsonBody(ContestCreate) }, responses: { 201: jsonOk(Contest), ...commonErrors } }),
    async (c) => c.json(await createContest(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/contests/{id}', tags, summary: 'Конкурс с этапами', request: { params: IdParam }, responses: { 200: jsonOk(Contest), ...commonErrors } }),
    async (c) => c.json(await getContest(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/contest-stages/{id}/entries', tags, summary: 'Участники этапа и их итоги', request: { params: IdParam }, responses: { 200: jsonOk(EntryList), ...commonErrors } }),
    async (c) => c.json(await findEntries(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/contest-stages/{id}/entries',
      tags,
      summary: 'Выдвинуть участника на этап',
      request: { params: IdParam, body: jsonBody(z.strictObject({ staffId: z.uuid(), organizationId: z.uuid().optional() }).openapi('ContestNomination')) },
      responses: { 201: jsonOk(Entry), ...commonErrors },
    }),
    async (c) => c.json(await nominate(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/contest-entries/{id}',
      tags,
      summary: 'Итог участника этапа: баллы, место, результат (с проверкой версии)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version: z.number().int().positive(), score: z.number().min(0).max(1000).nullish(), place: z.number().int().min(1).max(10000).nullish(), result: Result.nullish() }).openapi('ContestResultInput')) },
      responses: { 200: jsonOk(Entry), ...commonErrors },
    }),
    async (c) => c.json(await recordResult(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/contest-stages/{id}/promote',
      tags,
      summary: 'Перевести победителей этапа на следующий этап',
      request: { params: IdParam },
      responses: { 200: jsonOk(z.object({ promoted: z.number().int(), nextStageId: z.uuid() }).openapi('ContestPromotion')), ...commonErrors },
    }),
    async (c) => c.json(await promoteWinners(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  );

export type ContestListItemDto = z.infer<typeof ContestListItem>;
export type ContestDto = z.infer<typeof Contest>;
export type ContestEntryDto = z.infer<typeof Entry>;
export type ContestEntryListDto = z.infer<typeof EntryList>;
