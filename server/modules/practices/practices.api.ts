import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, ErrorSchema, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, fileOk } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { maxCriterionScore, practiceCriterionCodes } from '../../../common/practices.js';
import { practiceKindCodes, practiceLevelCodes, practiceStatusCodes, practiceDecisionCodes } from './practices.schema.js';
import { acceptedFileTypes } from '../files/files.service.js';
import {
  findPractices,
  getPractice,
  createPractice,
  updatePractice,
  addPracticeFiles,
  readPracticeFile,
  resubmitPractice,
  listExperts,
  assignExperts,
  reviewPractice,
  decidePractice,
  addDissemination,
  findPublicPractices,
  getPublicPractice,
  practiceFileLimits,
} from './practices.service.js';

const tags = ['Банк практик'];

const Kind = z.enum(practiceKindCodes).openapi('PracticeKind', { description: 'pedagogical — педагогическая; managerial — управленческая' });
const Level = z.enum(practiceLevelCodes).openapi('PracticeLevel', {
  description: 'preschool — дошкольное; primary — начальное общее; basic — основное общее; secondary — среднее общее; vocational — СПО; additional — дополнительное; professional_development — ДПО педагогов',
});
const Status = z.enum(practiceStatusCodes).openapi('PracticeStatus', {
  description: 'submitted — подана, ожидает назначения экспертов; under_review — на экспертизе; returned — возвращена на доработку; published — опубликована; rejected — отклонена',
});
const Decision = z.enum(practiceDecisionCodes).openapi('PracticeDecision', { description: 'publish — опубликовать; revise — вернуть на доработку; reject — отклонить' });

const text = (max: number) => z.string().trim().min(1, 'Заполните поле').max(max, `Не более ${max} символов`);
const optionalText = (max: number) => z.string().trim().max(max, `Не более ${max} символов`).nullish();

const FileMeta = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() }).openapi('PracticeFile');
const Dissemination = z
  .object({ id: z.uuid(), title: z.string(), heldOn: z.string(), place: z.string().nullable(), url: z.string().nullable() })
  .openapi('PracticeDissemination');

const ListItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: Kind,
    level: Level,
    subject: z.string().nullable(),
    status: Status,
    organizationName: z.string(),
    territoryName: z.string(),
    authors: z.array(z.string()),
    submittedAt: z.string(),
    publishedAt: z.string().nullable(),
    averageScore: z.number().nullable().openapi({ description: 'Средний балл текущего раунда экспертизы (среднее по экспертам их средних по критериям)' }),
    reviewsCount: z.number().int(),
    expertsCount: z.number().int(),
    assignedToMe: z.boolean(),
    reviewedByMe: z.boolean(),
  })
  .openapi('PracticeListItem');
export type PracticeListItemDto = z.infer<typeof ListItem>;

const Scores = z.object(Object.fromEntries(practiceCriterionCodes.map((c) => [c, z.number().int().min(0).max(maxCriterionScore)])) as Record<(typeof practiceCriterionCodes)[number], z.ZodNumber>).openapi('PracticeScores', {
  description: 'Оценки по критериям, целые 0…5: relevance — актуальность; novelty — новизна; effectiveness — результативность; reproducibility — возможность тиражирования; methodology — методическая обоснованность',
});

const Detail = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: Kind,
    level: Level,
    subject: z.string().nullable(),
    description: z.string(),
    results: z.string().nullable(),
    keywords: z.array(z.string()),
    status: Status,
    round: z.number().int(),
    version: z.number().int(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    territoryName: z.string(),
    submittedAt: z.string(),
    publishedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    authors: z.array(z.object({ staffId: z.uuid().nullable(), fullName: z.string(), organizationName: z.string() })),
    files: z.array(FileMeta),
    experts: z.array(z.object({ userId: z.uuid(), displayName: z.string(), reviewed: z.boolean() })),
    averageScore: z.number().nullable(),
    reviews: z
      .array(
        z.object({
          id: z.uuid(),
          round: z.number().int(),
          expertUserId: z.uuid(),
          expertName: z.string(),
          scores: z.record(z.string(), z.number()),
          average: z.number(),
          recommendation: Decision,
          comment: z.string().nullable(),
          createdAt: z.string(),
        }),
      )
      .openapi({ description: 'Оценки экспертов всех раундов: видят назначенные эксперты и администратор региона' }),
    history: z.array(z.object({ status: Status, round: z.number().int(), comment: z.string().nullable(), actorName: z.string(), at: z.string() })),
    disseminations: z.array(Dissemination),
    permissions: z.object({
      canEdit: z.boolean(),
      canResubmit: z.boolean(),
      canAssign: z.boolean(),
      canReview: z.boolean(),
      canDecide: z.boolean(),
      canDisseminate: z.boolean(),
      canSeeReviews: z.boolean(),
    }),
  })
  .openapi('Practice');
export type PracticeDto = z.infer<typeof Detail>;

const Author = z.union([
  z.strictObject({ staffId: z.uuid() }),
  z.strictObject({ fullName: text(200), organizationName: text(300) }),
]).openapi('PracticeAuthorInput', { description: 'Работник системы (staffId) или автор из другой организации (ФИО и организация)' });

const PracticeBody = z.strictObject({
  title: text(500),
  kind: Kind,
  subject: optionalText(200),
  level: Level,
  description: text(20000),
  results: optionalText(10000),
  keywords: z.array(text(100)).max(20, 'Не более 20 ключевых слов').default([]),
  organizationId: z.uuid(),
  authors: z.array(Author).min(1, 'Укажите хотя бы одного автора').max(15, 'Не более 15 авторов'),
});

const PublicItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: Kind,
    level: Level,
    subject: z.string().nullable(),
    organizationName: z.string(),
    territoryName: z.string(),
    authors: z.array(z.string()),
    publishedAt: z.string(),
  })
  .openapi('PublicPracticeListItem');
export type PublicPracticeListItemDto = z.infer<typeof PublicItem>;

const PublicDetail = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: Kind,
    level: Level,
    subject: z.string().nullable(),
    description: z.string(),
    results: z.string().nullable(),
    keywords: z.array(z.string()),
    organizationName: z.string(),
    territoryName: z.string(),
    publishedAt: z.string(),
    authors: z.array(z.object({ fullName: z.string(), organizationName: z.string() })),
    files: z.array(FileMeta).openapi({ description: 'Скачивание: GET /api/public/practices/{id}/files/{fileId}' }),
    disseminations: z.array(Dissemination.omit({ id: true })),
  })
  .openapi('PublicPractice');
export type PublicPracticeDto = z.infer<typeof PublicDetail>;

const Expert = z.object({ userId: z.uuid(), displayName: z.string(), regionId: z.uuid(), workplace: z.string().nullable(), activeReviews: z.number().int() }).openapi('PracticeExpert');
export type PracticeExpertDto = z.infer<typeof Expert>;

const FileParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }), fileId: z.uuid().openapi({ param: { name: 'fileId', in: 'path' } }) });
const version = z.number().int().positive();
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const publicErrors = { 404: errorResponse('Не найдено или не опубликовано'), 422: errorResponse('Ошибка проверки данных') } as const;

const uploadedFiles = async (value: unknown) =>
  Promise.all(
    [value]
      .flat()
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })),
  );

const catalogQuery = z.object({
  q: PageQuery.shape.q,
  kind: Kind.optional(),
  level: Level.optional(),
  subject: z.string().max(200).optional(),
  limit: PageQuery.shape.limit,
  cursor: PageQuery.shape.cursor,
});

export const practicesApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/practices',
      tags,
      summary: 'Практики банка, доступные пользователю: опубликованные, поданные его организациями, им самим, назначенные ему на экспертизу',
      request: {
        query: catalogQuery.omit({ subject: true }).extend({
          status: Status.optional(),
          scope: z.enum(['all', 'assigned', 'mine']).optional().openapi({ description: 'assigned — назначенные мне на экспертизу; mine — поданные мной или где я автор' }),
        }),
      },
      responses: { 200: jsonOk(pageOf(ListItem, 'PracticePage')), ...commonErrors },
    }),
    async (c) => c.json(await findPractices(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices',
      tags,
      summary: 'Подать практику в банк (от организации, где пользователь работает или которую администрирует)',
      description: 'Файлы прикладываются следующим запросом: POST /api/practices/{id}/files',
      request: { body: jsonBody(PracticeBody) },
      responses: { 201: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await createPractice(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/practices/{id}', tags, summary: 'Карточка практики с экспертизой и историей', request: { params: IdParam }, responses: { 200: jsonOk(Detail), ...commonErrors } }),
    async (c) => c.json(await getPractice(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/practices/{id}',
      tags,
      summary: 'Изменить практику (авторы и администраторы организации, пока она подана или на доработке; с проверкой версии)',
      request: { params: IdParam, body: jsonBody(PracticeBody.partial().extend({ keywords: PracticeBody.shape.keywords.removeDefault().optional(), version })) },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await updatePractice(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices/{id}/files',
      tags,
      summary: 'Приложить материалы практики',
      description: `Файлы: ${acceptedFileTypes}, не более ${practiceFileLimits.maxFiles} файлов на практику по ${practiceFileLimits.maxBytes / 1048576} МБ.`,
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: z.object({ files: z.any().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }) }) } } },
      },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await addPracticeFiles(deps(c).db, requireActor(c), c.req.valid('param').id, await uploadedFiles(c.req.valid('form').files)), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/practices/{id}/files/{fileId}', tags, summary: 'Скачать материал практики', request: { params: FileParams }, responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors } }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readPracticeFile(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices/{id}/resubmit',
      tags,
      summary: 'Подать повторно после доработки (начинается новый раунд экспертизы)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version, comment: optionalText(5000).openapi({ description: 'Что доработано' }) })) },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await resubmitPractice(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/practice-experts',
      tags,
      summary: 'Эксперты банка практик региона (для назначения; администратор региона)',
      responses: { 200: jsonOk(z.object({ items: z.array(Expert) }).openapi('PracticeExpertList')), ...commonErrors },
    }),
    async (c) => c.json({ items: await listExperts(deps(c).db, requireActor(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/practices/{id}/experts',
      tags,
      summary: 'Назначить экспертов практике (администратор региона; заменяет список)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version, expertUserIds: z.array(z.uuid()).max(10, 'Не более 10 экспертов') })) },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await assignExperts(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices/{id}/reviews',
      tags,
      summary: 'Оценки эксперта по критериям за текущий раунд (только назначенный эксперт; повторная отправка заменяет оценки)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ scores: Scores, recommendation: Decision, comment: optionalText(5000) })) },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await reviewPractice(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices/{id}/decision',
      tags,
      summary: 'Решение по итогам экспертизы: опубликовать, вернуть на доработку, отклонить',
      description: 'Принимает назначенный эксперт или администратор региона, когда все назначенные эксперты выставили оценки текущего раунда. Для доработки и отклонения комментарий обязателен.',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version, decision: Decision, comment: optionalText(5000) })) },
      responses: { 200: jsonOk(Detail), ...commonErrors },
    }),
    async (c) => c.json(await decidePractice(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/practices/{id}/disseminations',
      tags,
      summary: 'Отметить, где практика представлена (мероприятие, дата, место, ссылка)',
      request: {
        params: IdParam,
        body: jsonBody(
          z.strictObject({
            title: text(500),
            heldOn: isoDateSchema,
            place: optionalText(500),
            url: z.url({ protocol: /^https?$/, error: 'Ссылка должна начинаться с http:// или https://' }).max(2000).nullish(),
            eventId: z.uuid().nullish().openapi({ description: 'Мероприятие календаря, если оно заведено' }),
          }),
        ),
      },
      responses: { 201: jsonOk(Dissemination), ...commonErrors },
    }),
    async (c) => c.json(await addDissemination(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  // ───────────── the open catalog: no login ─────────────
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/public/practices',
      tags,
      security: [],
      summary: 'Открытый каталог опубликованных практик (без входа): поиск по названию, описанию, ключевым словам, авторам, организации',
      request: { query: catalogQuery },
      responses: { 200: jsonOk(pageOf(PublicItem, 'PublicPracticePage')), ...publicErrors },
    }),
    async (c) => c.json(await findPublicPractices(deps(c).db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/public/practices/{id}',
      tags,
      security: [],
      summary: 'Опубликованная практика (без входа): только ФИО авторов и организации, без иных персональных данных',
      request: { params: IdParam },
      responses: { 200: jsonOk(PublicDetail), ...publicErrors },
    }),
    async (c) => c.json(await getPublicPractice(deps(c).db, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/public/practices/{id}/files/{fileId}',
      tags,
      security: [],
      summary: 'Скачать материал опубликованной практики (без входа)',
      request: { params: FileParams },
      responses: { 200: fileOk('application/octet-stream', 'Файл'), ...publicErrors },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readPracticeFile(deps(c).db, null, id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  );
