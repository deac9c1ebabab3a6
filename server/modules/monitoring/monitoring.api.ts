import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, requireActor, deps, fileOk } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { organizationKindCodes } from '../../../common/dictionaries.js';
import { campaignLevels, campaignStatuses, completenessStatuses, fieldTypeCodes, prefillSourceCodes, submissionActions, submissionStatuses } from '../../../common/monitoring.js';
import { formFiles } from '../files/files.service.js';
import {
  addForm,
  assignOrganizations,
  createCampaign,
  deleteForm,
  findAssignments,
  findCampaigns,
  findMyAssignments,
  getCampaign,
  getCompleteness,
  getSubmission,
  readSubmissionFile,
  remindOrganizations,
  removeAssignment,
  saveSubmission,
  transitionSubmission,
  updateCampaign,
  updateForm,
  uploadSubmissionFile,
} from './monitoring.service.js';

const tags = ['Мониторинг'];
const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const describe = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k} — ${v}`).join('; ');

const Status = z.enum(keysOf(campaignStatuses)).openapi('CampaignStatus', { description: describe(campaignStatuses) });
const Level = z.enum(keysOf(campaignLevels)).openapi('CampaignLevel', { description: describe(campaignLevels) });
const SubmissionStatus = z.enum(keysOf(submissionStatuses)).openapi('SubmissionStatus', { description: describe(submissionStatuses) });
const Completeness = z.enum(keysOf(completenessStatuses)).openapi('CompletenessStatus', { description: describe(completenessStatuses) });

const Field = z
  .strictObject({
    key: z.string().trim().min(1, 'Укажите код поля').max(50),
    label: z.string().trim().min(2, 'Укажите название поля').max(500),
    type: z.enum(fieldTypeCodes),
    required: z.boolean(),
    min: z.number().nullish(),
    max: z.number().nullish(),
    options: z.array(z.string().trim().min(1).max(200)).max(100).nullish(),
    prefill: z.enum(prefillSourceCodes).nullish().openapi({ description: 'Чем система заполняет поле сама (только числовые поля)' }),
    hint: z.string().trim().max(1000).nullish(),
  })
  .openapi('DataFormField');
const FormInput = z.strictObject({ title: z.string().trim().min(2, 'Укажите название формы').max(500), fields: z.array(Field).max(200) }).openapi('DataFormInput');
const DataForm = z.object({ id: z.uuid(), title: z.string(), position: z.number().int(), fields: z.array(Field), version: z.number().int() }).openapi('DataForm');

const Counts = z
  .object({
    assigned: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
    submitted: z.number().int(),
    rate: z.number().nullable().openapi({ description: 'Доля сдавших (в срок и с опозданием), % от назначенных' }),
  })
  .openapi('CompletenessCounts');

const CampaignSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    year: z.number().int(),
    periodLabel: z.string(),
    collectFrom: z.string(),
    deadline: z.string(),
    level: Level,
    ownerOrganizationId: z.uuid(),
    ownerName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    status: Status,
    version: z.number().int(),
    counts: Counts,
    canEdit: z.boolean(),
  })
  .openapi('MonitoringCampaignSummary');
const CampaignCard = CampaignSummary.extend({ forms: z.array(DataForm) }).openapi('MonitoringCampaign');

const campaignFields = {
  title: z.string().trim().min(3, 'Укажите название кампании').max(500),
  description: z.string().trim().max(5000).nullish(),
  periodLabel: z.string().trim().min(2, 'Укажите отчётный период').max(200),
  collectFrom: isoDateSchema,
  deadline: isoDateSchema,
};
const CampaignCreate = z
  .strictObject({
    ...campaignFields,
    year: z.number().int().min(2000, 'Год — от 2000').max(2100, 'Год — до 2100'),
    ownerOrganizationId: z.uuid().nullish().openapi({ description: 'Орган, проводящий мониторинг; по умолчанию — министерство или управление образованием пользователя' }),
    forms: z.array(FormInput).max(20).optional(),
  })
  .openapi('MonitoringCampaignCreate');
const CampaignUpdate = z
  .strictObject({
    title: campaignFields.title.optional(),
    description: campaignFields.description,
    periodLabel: campaignFields.periodLabel.optional(),
    collectFrom: isoDateSchema.optional(),
    deadline: isoDateSchema.optional(),
    status: Status.optional().openapi({ description: 'draft → open (начать сбор) → closed (завершить); closed → open (возобновить)' }),
    version: z.number().int().positive(),
  })
  .openapi('MonitoringCampaignUpdate');

const Assignment = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    deadline: z.string(),
    status: SubmissionStatus,
    completeness: Completeness,
    firstSubmittedOn: z.string().nullable(),
    submittedAt: z.string().nullable(),
    returnComment: z.string().nullable(),
    reminders: z.number().int(),
    lastReminderAt: z.string().nullable(),
  })
  .openapi('MonitoringAssignment');
const AssignInput = z
  .strictObject({
    organizationIds: z.array(z.uuid()).max(5000).optional(),
    territoryIds: z.array(z.uuid()).max(500).optional().openapi({ description: 'Назначить все организации выбранных видов в этих территориях' }),
    organizationKinds: z.array(z.enum(organizationKindCodes)).max(20).optional().openapi({ description: 'Виды организаций для territoryIds; по умолчанию — школы' }),
    deadline: isoDateSchema.nullish().openapi({ description: 'Срок сдачи; по умолчанию — срок кампании' }),
  })
  .openapi('MonitoringAssignInput');

const CompletenessRow = Counts.extend({ id: z.uuid(), name: z.string() });
const CompletenessSchema = z
  .object({
    campaignId: z.uuid(),
    asOf: z.string().openapi({ description: 'На какую дату посчитано (срок истёк — если он раньше этой даты)' }),
    groupBy: z.enum(['municipality', 'organization']),
    territoryId: z.uuid().nullable(),
    rows: z.array(CompletenessRow),
    total: Counts,
    organizations: z.array(Assignment),
  })
  .openapi('MonitoringCompleteness');

const FileValue = z.strictObject({ fileId: z.uuid(), name: z.string().max(300) });
const Values = z
  .record(z.string(), z.record(z.string(), z.union([z.number(), z.string().max(20000), FileValue, z.null()])))
  .openapi('MonitoringValues', { description: 'Значения: по id формы — по коду поля' });
const Stamp = z.object({ message: z.string(), sentAt: z.string() });
const Submission = Assignment.extend({
  campaign: z.object({ id: z.uuid(), title: z.string(), year: z.number().int(), periodLabel: z.string(), status: Status, level: Level, ownerName: z.string() }),
  forms: z.array(DataForm),
  values: Values,
  prefill: z.record(z.string(), z.record(z.string(), z.number())).openapi({ description: 'Что система знает сама: по id формы — по коду поля' }),
  version: z.number().int(),
  nextApprover: z.enum(['municipality', 'region']).nullable(),
  history: z.array(z.object({ action: z.string(), status: SubmissionStatus, comment: z.string().nullable(), actorName: z.string().nullable(), at: z.string() })),
  reminderList: z.array(Stamp),
  can: z.object({ edit: z.boolean(), approve: z.boolean(), return: z.boolean() }),
}).openapi('MonitoringSubmission');
const MyAssignment = Assignment.extend({ campaignTitle: z.string(), periodLabel: z.string(), latestReminders: z.array(Stamp) }).openapi('MyMonitoringAssignment');

export type CampaignSummaryDto = z.infer<typeof CampaignSummary>;
export type CampaignDto = z.infer<typeof CampaignCard>;
export type CampaignCreateDto = z.infer<typeof CampaignCreate>;
export type DataFormDto = z.infer<typeof DataForm>;
export type AssignmentDto = z.infer<typeof Assignment>;
export type CompletenessDto = z.infer<typeof CompletenessSchema>;
export type SubmissionDto = z.infer<typeof Submission>;
export type MyAssignmentDto = z.infer<typeof MyAssignment>;

const AssignmentParam = IdParam;

export const monitoringApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/monitoring/campaigns',
      tags,
      summary: 'План-график мониторинга: кампании года в области доступа',
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), status: Status.optional() }) },
      responses: { 200: jsonOk(z.object({ year: z.number().int().nullable(), items: z.array(CampaignSummary) }).openapi('MonitoringPlan')), ...commonErrors },
    }),
    async (c) => c.json(await findCampaigns(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/monitoring/campaigns', tags, summary: 'Новая кампания мониторинга (проект)', request: { body: jsonBody(CampaignCreate) }, responses: { 201: jsonOk(CampaignCard), ...commonErrors } }),
    async (c) => c.json(await createCampaign(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/monitoring/campaigns/{id}', tags, summary: 'Карточка кампании с формами', request: { params: IdParam }, responses: { 200: jsonOk(CampaignCard), ...commonErrors } }),
    async (c) => c.json(await getCampaign(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/monitoring/campaigns/{id}', tags, summary: 'Изменить кампанию, начать или завершить сбор', request: { params: IdParam, body: jsonBody(CampaignUpdate) }, responses: { 200: jsonOk(CampaignCard), ...commonErrors } }),
    async (c) => c.json(await updateCampaign(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/monitoring/campaigns/{id}/forms', tags, summary: 'Добавить форму сбора (пока кампания — проект)', request: { params: IdParam, body: jsonBody(FormInput) }, responses: { 201: jsonOk(CampaignCard), ...commonErrors } }),
    async (c) => c.json(await addForm(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/monitoring/forms/{id}',
      tags,
      summary: 'Изменить форму сбора',
      request: { params: IdParam, body: jsonBody(FormInput.extend({ version: z.number().int().positive() }).openapi('DataFormUpdate')) },
      responses: { 200: jsonOk(CampaignCard), ...commonErrors },
    }),
    async (c) => c.json(await updateForm(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/monitoring/forms/{id}', tags, summary: 'Удалить форму сбора', request: { params: IdParam }, responses: { 200: jsonOk(CampaignCard), ...commonErrors } }),
    async (c) => c.json(await deleteForm(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/monitoring/campaigns/{id}/assignments',
      tags,
      summary: 'Назначенные организации, их сроки и состояние',
      request: { params: IdParam, query: z.object({ territoryId: z.uuid().optional(), completeness: Completeness.optional() }) },
      responses: { 200: jsonOk(z.object({ items: z.array(Assignment) })), ...commonErrors },
    }),
    async (c) => c.json(await findAssignments(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/monitoring/campaigns/{id}/assignments',
      tags,
      summary: 'Назначить организации (или все организации муниципалитетов) со сроком',
      request: { params: IdParam, body: jsonBody(AssignInput) },
      responses: { 200: jsonOk(z.object({ added: z.number().int(), alreadyAssigned: z.number().int() })), ...commonErrors },
    }),
    async (c) => c.json(await assignOrganizations(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/monitoring/assignments/{id}', tags, summary: 'Снять назначение (пока организация ничего не отправила)', request: { params: AssignmentParam }, responses: { 200: jsonOk(z.object({ removed: z.boolean() })), ...commonErrors } }),
    async (c) => c.json(await removeAssignment(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/monitoring/campaigns/{id}/completeness',
      tags,
      summary: 'Полнота сдачи: по муниципалитетам или по организациям (в срок, с опозданием, не сдано, ожидается)',
      request: { params: IdParam, query: z.object({ territoryId: z.uuid().optional().openapi({ description: 'Муниципалитет — строки по его организациям' }) }) },
      responses: { 200: jsonOk(CompletenessSchema), ...commonErrors },
    }),
    async (c) => c.json(await getCompleteness(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/monitoring/campaigns/{id}/reminders',
      tags,
      summary: 'Напомнить организациям, не отправившим данные (напоминание видно на их главной странице)',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ assignmentIds: z.array(z.uuid()).max(5000).optional().openapi({ description: 'По умолчанию — всем, кто не отправил' }), message: z.string().trim().max(2000).nullish() }).openapi('MonitoringReminderInput')),
      },
      responses: { 200: jsonOk(z.object({ reminded: z.number().int(), organizations: z.array(z.string()) })), ...commonErrors },
    }),
    async (c) => c.json(await remindOrganizations(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/monitoring/my-assignments', tags, summary: 'Формы мониторинга моих организаций и напоминания', responses: { 200: jsonOk(z.object({ items: z.array(MyAssignment) })), ...commonErrors } }),
    async (c) => c.json(await findMyAssignments(deps(c).db, requireActor(c)), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/monitoring/assignments/{id}/submission', tags, summary: 'Данные организации: формы, значения, подсказки системы, история', request: { params: AssignmentParam }, responses: { 200: jsonOk(Submission), ...commonErrors } }),
    async (c) => c.json(await getSubmission(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/monitoring/assignments/{id}/submission',
      tags,
      summary: 'Сохранить черновик данных (обязательные поля можно оставить пустыми)',
      request: { params: AssignmentParam, body: jsonBody(z.strictObject({ values: Values, version: z.number().int().positive() }).openapi('MonitoringSubmissionSave')) },
      responses: { 200: jsonOk(Submission), ...commonErrors },
    }),
    async (c) => c.json(await saveSubmission(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/monitoring/assignments/{id}/submission/transition',
      tags,
      summary: 'Отправить данные; принять или вернуть их с комментарием',
      request: {
        params: AssignmentParam,
        body: jsonBody(
          z
            .strictObject({
              action: z.enum(keysOf(submissionActions)).openapi({ description: describe(submissionActions) }),
              comment: z.string().trim().max(5000).nullish(),
              values: Values.optional().openapi({ description: 'При отправке: значения, которые сохранить перед отправкой' }),
              version: z.number().int().positive(),
            })
            .openapi('MonitoringSubmissionTransition'),
        ),
      },
      responses: { 200: jsonOk(Submission), ...commonErrors },
    }),
    async (c) => c.json(await transitionSubmission(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/monitoring/assignments/{id}/files',
      tags,
      summary: 'Загрузить файл для поля типа «Файл» (значение поля задаётся при сохранении формы)',
      request: { params: AssignmentParam, body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } },
      responses: { 201: jsonOk(FileValue), ...commonErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const [file] = await formFiles(form.file);
      return c.json(await uploadSubmissionFile(deps(c).db, requireActor(c), c.req.valid('param').id, file), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/monitoring/assignments/{id}/files/{fileId}',
      tags,
      summary: 'Файл из данных организации',
      request: { params: AssignmentParam.extend({ fileId: z.uuid() }) },
      responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readSubmissionFile(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  );
