import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { learningPlanStatuses, itemForms, itemKinds, itemStatuses } from './learning-plans.schema.js';
import {
  draftLearningPlan,
  findLearningPlans,
  getLearningPlan,
  createLearningPlan,
  updateLearningPlan,
  changeLearningPlanStatus,
  reportItem,
  reviewItem,
  readItemFile,
  learningPlanForExport,
} from './learning-plans.service.js';
import { writeLearningPlanDocx } from './learning-plan-docx.js';
import { acceptedFileTypes, evidenceLimits } from '../files/files.service.js';

const Status = z.enum(learningPlanStatuses).openapi('LearningPlanStatus', { description: 'draft — черновик; agreed — согласован работником и тьютором; in_progress — выполняется; completed — завершён' });
const Form = z.enum(itemForms).openapi('LearningPlanItemForm', { description: 'formal — формальное; non_formal — неформальное; informal — информальное обучение' });
const Kind = z.enum(itemKinds).openapi('LearningPlanItemKind', { description: 'course — курсы ДПО; internship — стажировка; master_class — мастер-класс; mentoring — наставничество; association — методическое объединение; self_education — самообразование; event — мероприятие' });
const ItemStatus = z.enum(itemStatuses).openapi('LearningPlanItemStatus', { description: 'planned — запланировано; submitted — отчёт на проверке; accepted — принято тьютором; returned — возвращено на доработку' });

const Target = z.object({ competencyId: z.uuid(), code: z.string(), name: z.string(), score: z.number(), threshold: z.number(), measuredOn: z.string(), assessmentId: z.uuid(), assessmentTitle: z.string() }).openapi('LearningPlanDeficit');
const Suggestion = z
  .object({
    rank: z.number().int(),
    form: Form,
    kind: Kind,
    title: z.string(),
    competencyIds: z.array(z.uuid()).openapi({ description: 'Компетенции, которые развивает мероприятие; первая — ведущая' }),
    addressesDeficit: z.boolean(),
    explanation: z.string().openapi({ example: 'Закрывает дефицит МТ.01 «Проектирование учебного занятия» (45 % при пороге 60 %). 36 ч, дистанционно; федеральный реестр № 1234' }),
    programId: z.uuid().nullable(),
    cohortId: z.uuid().nullable(),
    organizationId: z.uuid().nullable(),
    mentorStaffId: z.uuid().nullable(),
    hours: z.number().int().nullable(),
    inFederalRegistry: z.boolean(),
    deadline: z.string(),
    expectedResult: z.string(),
    recommended: z.boolean().openapi({ description: 'Лучший вариант для своего дефицита: выбирается по умолчанию' }),
  })
  .openapi('LearningPlanSuggestion');
const Draft = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    title: z.string(),
    periodFrom: z.string(),
    periodTo: z.string(),
    deficits: z.array(Target),
    growthZone: z.array(Target).openapi({ description: 'Компетенции с результатом чуть выше порога' }),
    suggestions: z.array(Suggestion).openapi({ description: 'По рангу: сначала закрывающие дефициты (программы федерального реестра, затем по соответствию, часам и дате группы; стажировка, наставник, методическое объединение, самообразование)' }),
  })
  .openapi('LearningPlanDraft');

const StoredFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
const Item = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    form: Form,
    kind: Kind,
    title: z.string(),
    competencies: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
    explanation: z.string().nullable(),
    program: z.object({ id: z.uuid(), title: z.string(), inFederalRegistry: z.boolean() }).nullable(),
    cohort: z.object({ id: z.uuid(), startsOn: z.string() }).nullable(),
    enrollment: z.object({ id: z.uuid(), status: z.string() }).nullable(),
    organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    mentor: z.object({ staffId: z.uuid(), fullName: z.string() }).nullable(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    expectedResult: z.string(),
    status: ItemStatus,
    report: z.object({ text: z.string(), reportedAt: z.string(), files: z.array(StoredFile) }).nullable().openapi({ description: 'Файлы — GET /api/learning-plan-items/{id}/files/{fileId}' }),
    review: z.object({ comment: z.string().nullable(), reviewedAt: z.string(), reviewerName: z.string().nullable() }).nullable(),
    version: z.number().int(),
  })
  .openapi('LearningPlanItem');
const Plan = z
  .object({
    id: z.uuid(),
    staffId: z.uuid(),
    fullName: z.string(),
    title: z.string(),
    status: Status,
    tutor: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    deficits: z.array(
      Target.extend({
        effect: z.enum(['closed', 'open', 'not_remeasured']).openapi({ description: 'closed — закрыт по более поздней диагностике; open — не закрыт; not_remeasured — повторной диагностики не было' }),
        laterScore: z.object({ score: z.number(), threshold: z.number(), measuredOn: z.string(), assessmentTitle: z.string() }).nullable(),
      }),
    ),
    effect: z.object({ closed: z.number().int(), open: z.number().int(), notRemeasured: z.number().int() }),
    items: z.array(Item),
    progress: z.object({ total: z.number().int(), accepted: z.number().int(), submitted: z.number().int(), overdue: z.number().int() }),
    personAgreedAt: z.string().nullable(),
    tutorAgreedAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    reopenedAt: z.string().nullable(),
    reopenReason: z.string().nullable(),
    actions: z.array(z.enum(['agree', 'start', 'complete', 'reopen'])).openapi({ description: 'Действия, доступные пользователю сейчас' }),
    canEdit: z.boolean(),
    canReport: z.boolean(),
    canReview: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('LearningPlan');
const PlanListItem = z
  .object({
    id: z.uuid(),
    staffId: z.uuid(),
    fullName: z.string(),
    title: z.string(),
    status: Status,
    tutorName: z.string().nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    deficitCount: z.number().int(),
    itemCount: z.number().int(),
    acceptedCount: z.number().int(),
    submittedCount: z.number().int(),
    overdueCount: z.number().int(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('LearningPlanListItem');

const ItemInput = z
  .strictObject({
    id: z.uuid().optional(),
    form: Form,
    kind: Kind,
    title: z.string().trim().min(3).max(2000),
    competencyIds: z.array(z.uuid()).max(20).optional(),
    explanation: z.string().trim().max(4000).nullish(),
    programId: z.uuid().nullish(),
    cohortId: z.uuid().nullish(),
    organizationId: z.uuid().nullish(),
    mentorStaffId: z.uuid().nullish(),
    deadline: isoDateSchema.nullish(),
    expectedResult: z.string().trim().min(3).max(2000),
  })
  .openapi('LearningPlanItemInput');
const planFields = {
  title: z.string().trim().min(3).max(500).optional(),
  periodFrom: isoDateSchema.optional(),
  periodTo: isoDateSchema.optional(),
  tutorUserId: z.uuid().nullish().openapi({ description: 'Тьютор (пользователь с ролью «Тьютор»); назначает администратор, тьютор может взять работника сам' }),
};
const PlanCreate = z.strictObject({ staffId: z.uuid(), ...planFields, items: z.array(ItemInput).max(100) }).openapi('LearningPlanCreate');
const PlanUpdate = z.strictObject({ version: z.number().int().positive(), ...planFields, items: z.array(ItemInput).max(100).optional().openapi({ description: 'Полный список мероприятий (только в черновике)' }) }).openapi('LearningPlanUpdate');

const tags = ['ИОМ'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const learningPlansApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/learning-plans',
      tags,
      summary: 'ИОМ видимых работников (и тех, чей тьютор — пользователь)',
      request: { query: PageQuery.extend({ staffId: z.uuid().optional(), status: Status.optional(), mine: queryBool.optional().openapi({ description: 'Только ИОМ, где пользователь — тьютор' }), organizationId: z.uuid().optional() }) },
      responses: { 200: jsonOk(pageOf(PlanListItem, 'LearningPlanPage')), ...commonErrors },
    }),
    async (c) => c.json(await findLearningPlans(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/learning-plans/draft',
      tags,
      summary: 'Черновик ИОМ по дефицитам работника: ранжированные предложения с объяснением (ничего не сохраняется)',
      request: { body: jsonBody(z.strictObject({ staffId: z.uuid() }).openapi('LearningPlanDraftRequest')) },
      responses: { 200: jsonOk(Draft), ...commonErrors },
    }),
    async (c) => c.json(await draftLearningPlan(deps(c).db, requireActor(c), c.req.valid('json').staffId), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/learning-plans', tags, summary: 'Сохранить ИОМ (черновик) из выбранных мероприятий', request: { body: jsonBody(PlanCreate) }, responses: { 201: jsonOk(Plan), ...commonErrors } }),
    async (c) => c.json(await createLearningPlan(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/learning-plans/{id}', tags, summary: 'ИОМ: дефициты и эффект, мероприятия, отчёты, согласование', request: { params: IdParam }, responses: { 200: jsonOk(Plan), ...commonErrors } }),
    async (c) => c.json(await getLearningPlan(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/learning-plans/{id}', tags, summary: 'Изменить черновик ИОМ или назначить тьютора (с проверкой версии)', request: { params: IdParam, body: jsonBody(PlanUpdate) }, responses: { 200: jsonOk(Plan), ...commonErrors } }),
    async (c) => c.json(await updateLearningPlan(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/learning-plans/{id}/transition',
      tags,
      summary: 'Согласовать (работник и тьютор), начать, завершить (тьютор) или вернуть в работу (администратор)',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ version: z.number().int().positive(), action: z.enum(['agree', 'start', 'complete', 'reopen']), reason: z.string().trim().max(2000).nullish().openapi({ description: 'Причина возврата в работу' }) }).openapi('LearningPlanTransition')),
      },
      responses: { 200: jsonOk(Plan), ...commonErrors },
    }),
    async (c) => c.json(await changeLearningPlanStatus(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/learning-plans/{id}/export.docx', tags, summary: 'ИОМ в DOCX для подписи: дефициты и мероприятия', request: { params: IdParam }, responses: { 200: fileOk(DOCX, 'Файл DOCX'), ...commonErrors } }),
    async (c) => {
      const plan = await learningPlanForExport(deps(c).db, requireActor(c), c.req.valid('param').id);
      return attachment(await writeLearningPlanDocx(plan), { mime: DOCX, fileName: `ИОМ ${plan.fullName}.docx` });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/learning-plan-items/{id}/report',
      tags,
      summary: 'Отчёт работника о выполнении мероприятия с файлами-подтверждениями',
      description: `Файлы: ${acceptedFileTypes}, не более ${evidenceLimits.maxFiles} по ${evidenceLimits.maxBytes / 1048576} МБ. Первый отчёт переводит согласованный ИОМ в выполнение.`,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: { 'multipart/form-data': { schema: z.object({ text: z.string().trim().min(1).max(10000), files: z.any().optional().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }) }) } },
        },
      },
      responses: { 200: jsonOk(Item), ...commonErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const files = await Promise.all(
        [form.files]
          .flat()
          .filter((f): f is File => f instanceof File && f.size > 0)
          .map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })),
      );
      return c.json(await reportItem(deps(c).db, requireActor(c), c.req.valid('param').id, { text: form.text }, files), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/learning-plan-items/{id}/review',
      tags,
      summary: 'Тьютор принимает отчёт или возвращает его на доработку (с комментарием)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version: z.number().int().positive(), decision: z.enum(['accept', 'return']), comment: z.string().trim().max(4000).nullish() }).openapi('LearningPlanItemReview')) },
      responses: { 200: jsonOk(Item), ...commonErrors },
    }),
    async (c) => c.json(await reviewItem(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/learning-plan-items/{id}/files/{fileId}',
      tags,
      summary: 'Скачать файл отчёта по мероприятию ИОМ',
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }), fileId: z.uuid().openapi({ param: { name: 'fileId', in: 'path' } }) }) },
      responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readItemFile(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  );

// The wire shapes, for the web UI's type-only imports.
export type LearningPlanDraftDto = z.infer<typeof Draft>;
export type LearningPlanDto = z.infer<typeof Plan>;
export type LearningPlanListItemDto = z.infer<typeof PlanListItem>;
export type LearningPlanItemDto = z.infer<typeof Item>;
