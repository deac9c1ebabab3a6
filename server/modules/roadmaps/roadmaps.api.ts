import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { AppError } from '../../lib/errors.js';
import { attachment } from '../../lib/download.js';
import { organizationKindCodes } from '../../../common/dictionaries.js';
import { parseDeadline } from './deadline-parser.js';
import { roadmapLevels } from './roadmaps.schema.js';
import { occurrenceStatuses } from './roadmap-status.js';
import { comparedFields } from './roadmap-content.js';
import { findRoadmaps, getRoadmap, compareRevisions } from './roadmaps.service.js';
import { importRoadmap, createRoadmap, reviseRoadmap, cascadeRoadmap, updateRoadmap } from './roadmap-write.service.js';
import {
  findActivities,
  getTimeline,
  getActivity,
  createProgressReport,
  setOccurrenceStatus,
  readReportFile,
  findDeadlines,
  deadlineSummary,
  getRollup,
  deadlineStatusFilters,
} from './roadmap-execution.service.js';
import { exportRoadmap } from './roadmap-export.service.js';
import { acceptedFileTypes, evidenceLimits } from '../files/files.service.js';

// ───────────── shared schemas ─────────────

const isoDate = z.iso.date().openapi({ example: '2021-07-25' });
const DeadlineKind = z
  .enum(['date', 'window', 'recurring', 'standing', 'on_demand', 'external', 'unknown'])
  .openapi('DeadlineKind', { description: 'date — дата или срок «до»; window — месяц, квартал, период; recurring — ежегодно и т. п.; standing — постоянно, в течение года; on_demand — по мере необходимости; external — по графику другой организации; unknown — не распознан' });
const Occurrence = z
  .object({ from: isoDate, to: isoDate.openapi({ description: 'Контрольная дата' }) })
  .openapi('DeadlineOccurrence', { description: 'Контрольное окно: для даты или срока «до» `to` — контрольная дата; месяц или период — первый и последний день' });
const OccurrenceStatus = z.enum(occurrenceStatuses).openapi('OccurrenceStatus', {
  description: 'planned — запланировано; due_soon — контрольная дата в ближайшие 14 дней; overdue — просрочено; done — выполнено; not_applicable — не требуется. Первые три вычисляются от сегодняшней даты.',
});
const Level = z.enum(roadmapLevels).openapi('RoadmapLevel', { description: 'regional — региональная; municipal — муниципальная; organization — дорожная карта организации' });
const OrgKind = z.enum(organizationKindCodes);

const ParsedDeadline = z
  .object({ text: z.string(), kind: DeadlineKind, occurrences: z.array(Occurrence), note: z.string().optional() })
  .openapi('ParsedDeadline');

const ExecutorPreview = z
  .object({
    text: z.string().openapi({ description: 'Формулировка исполнителя из документа' }),
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable(),
    kinds: z.array(OrgKind).openapi({ description: 'Для группы организаций («ОО»): их виды в пределах территории дорожной карты' }),
    match: z.enum(['name', 'kind', 'group']).nullable().openapi({
      description: 'name — найдена по наименованию; kind — по виду («Министерство» → министерство региона, «МОУО» в региональной карте → орган управления образованием каждого муниципалитета, по записи на каждый); group — группа организаций; null — не распознан, сохраняется текстом',
    }),
  })
  .openapi('RoadmapExecutorPreview');

const PreviewActivity = z
  .object({
    number: z.string().openapi({ example: '1.1' }),
    group: z.string().nullable().openapi({ description: 'Объединённый по вертикали «системообразующий» пункт, под которым стоит мероприятие' }),
    title: z.string(),
    responsibleText: z.string().openapi({ description: 'Текст ячейки «Ответственные исполнители» как в документе' }),
    coExecutorsText: z.string().nullable(),
    responsible: z.array(ExecutorPreview),
    coExecutors: z.array(ExecutorPreview),
    deadline: z.object({ text: z.string(), kind: DeadlineKind, occurrences: z.array(Occurrence), note: z.string().nullable() }),
    expectedResult: z.string(),
    extra: z.record(z.string(), z.string()).nullable().openapi({ description: 'Дополнительные колонки таблицы по заголовкам' }),
  })
  .openapi('RoadmapPreviewActivity');

const SnapshotActivity = z
  .object({
    activityId: z.uuid().nullable().openapi({ description: 'null — мероприятие появится при сохранении' }),
    sectionNumber: z.string(),
    sectionTitle: z.string(),
    number: z.string(),
    group: z.string().nullable(),
    title: z.string(),
    responsibleText: z.string(),
    coExecutorsText: z.string().nullable(),
    deadlineText: z.string(),
    expectedResult: z.string(),
  })
  .openapi('RoadmapActivitySnapshot');
const ActivityChange = z
  .object({
    activityId: z.uuid(),
    number: z.string(),
    title: z.string(),
    changes: z.array(z.object({ field: z.enum(comparedFields), before: z.string().nullable(), after: z.string().nullable() })),
  })
  .openapi('RoadmapActivityChange');
const ComparisonLists = { added: z.array(SnapshotActivity), removed: z.array(SnapshotActivity), changed: z.array(ActivityChange) };

const RoadmapPreview = z
  .object({
    title: z.string(),
    level: Level,
    ownerOrganizationId: z.uuid(),
    ownerOrganizationName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    periodFrom: z.number().int(),
    periodTo: z.number().int(),
    periodText: z.string().nullable(),
    approvedBy: z.string().nullable().openapi({ description: 'Гриф утверждения: «УТВЕРЖДЕН приказом … от … № …»' }),
    columns: z.array(z.string()),
    sourceFileName: z.string().nullable(),
    sections: z.array(z.object({ number: z.string(), title: z.string(), activities: z.array(PreviewActivity) })),
    warnings: z.array(z.string()).openapi({ description: 'Всё, что не удалось понять однозначно; ничего не отбрасывается молча' }),
    roadmapId: z.uuid().nullable().openapi({ description: 'Дорожная карта, в которую загружается новая редакция, или сохранённая' }),
    comparison: z.object(ComparisonLists).nullable().openapi({ description: 'При загрузке изменений: что изменится относительно действующей редакции' }),
    saved: z.object({ roadmapId: z.uuid(), revisionNumber: z.number().int() }).nullable().openapi({ description: 'null при dryRun=true' }),
  })
  .openapi('RoadmapPreview');

// Input: the preview posted back after editing; display-only fields of the preview are ignored.
const ExecutorInput = z
  .object({ text: z.string().trim().min(1).max(2000), organizationId: z.uuid().nullish(), kinds: z.array(OrgKind).max(20).optional() })
  .openapi('RoadmapExecutorInput');
const ActivityInput = z
  .object({
    number: z.string().max(50),
    group: z.string().max(2000).nullish(),
    title: z.string().trim().min(1).max(10000),
    responsibleText: z.string().max(5000).nullish().openapi({ description: 'Если не задан — собирается из текстов исполнителей' }),
    coExecutorsText: z.string().max(5000).nullish(),
    responsible: z.array(ExecutorInput).max(500),
    coExecutors: z.array(ExecutorInput).max(500).optional(),
    deadline: z.object({
      text: z.string().max(1000),
      occurrences: z.array(Occurrence).max(200).optional().openapi({ description: 'Контрольные даты, заданные вручную; если совпадают с распознанными или не заданы — берутся распознанные' }),
    }),
    expectedResult: z.string().max(10000),
    extra: z.record(z.string().max(200), z.string().max(5000)).nullish(),
  })
  .openapi('RoadmapActivityInput');
const year = z.number().int().min(1990).max(2100);
const ContentFields = {
  periodFrom: year,
  periodTo: year,
  sections: z.array(z.object({ number: z.string().max(50), title: z.string().max(2000), activities: z.array(ActivityInput).max(2000) })).min(1).max(500),
  approvedBy: z.string().max(2000).nullish(),
  columns: z.array(z.string().max(500)).max(50).optional(),
  sourceFileName: z.string().max(255).nullish(),
};
const RoadmapCreate = z
  .object({ ...ContentFields, title: z.string().trim().min(1).max(2000), ownerOrganizationId: z.uuid().optional(), level: Level.optional() })
  .openapi('RoadmapCreate', { description: 'Предпросмотр (возможно, исправленный) для сохранения новой дорожной карты' });
const RevisionCreate = z
  .object({ ...ContentFields, title: z.string().trim().max(2000).optional(), version: z.number().int().positive().optional() })
  .openapi('RoadmapRevisionCreate', { description: 'Полная новая редакция (после «О внесении изменений …»); version — версия карты, с которой сделан предпросмотр' });
const RoadmapUpdate = z
  .strictObject({ version: z.number().int().positive(), title: z.string().trim().min(1).max(2000).optional(), approvedBy: z.string().max(2000).nullable().optional(), archived: z.boolean().optional() })
  .openapi('RoadmapUpdate');

const RoadmapListItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    level: Level,
    ownerOrganizationId: z.uuid(),
    ownerOrganizationName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    periodFrom: z.number().int(),
    periodTo: z.number().int(),
    approvedBy: z.string().nullable(),
    parentRoadmapId: z.uuid().nullable(),
    revisionNumber: z.number().int(),
    activityCount: z.number().int(),
    overdueCount: z.number().int().openapi({ description: 'Просроченных контрольных дат' }),
    archived: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('RoadmapListItem');
const Revision = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    kind: z.enum(['initial', 'amendment', 'cascade']),
    approvedBy: z.string().nullable(),
    sourceFileName: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
  })
  .openapi('RoadmapRevision');
const Roadmap = RoadmapListItem.extend({
  columns: z.array(z.string()),
  sections: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), activityCount: z.number().int() })),
  revisions: z.array(Revision),
  statusCounts: z.record(OccurrenceStatus, z.number().int()).openapi({ description: 'Число контрольных дат по статусам' }),
  parent: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  children: z.array(z.object({ id: z.uuid(), title: z.string(), territoryId: z.uuid(), territoryName: z.string(), ownerOrganizationName: z.string() })),
  canEdit: z.boolean(),
}).openapi('Roadmap');

const OccurrenceView = z
  .object({ id: z.uuid(), from: isoDate, to: isoDate, status: OccurrenceStatus, statusNote: z.string().nullable(), version: z.number().int() })
  .openapi('RoadmapOccurrence');
const Executor = z
  .object({ text: z.string(), organizationId: z.uuid().nullable(), organizationName: z.string().nullable(), kinds: z.array(z.string()) })
  .openapi('RoadmapExecutor');
const Activity = z
  .object({
    id: z.uuid(),
    roadmapId: z.uuid(),
    sectionId: z.uuid(),
    sectionNumber: z.string(),
    sectionTitle: z.string(),
    number: z.string(),
    group: z.string().nullable(),
    title: z.string(),
    responsibleText: z.string(),
    coExecutorsText: z.string().nullable(),
    responsible: z.array(Executor),
    coExecutors: z.array(Executor),
    deadline: z.object({ text: z.string(), kind: DeadlineKind, note: z.string().nullable(), manual: z.boolean() }),
    expectedResult: z.string(),
    status: OccurrenceStatus.nullable().openapi({ description: 'Самый острый статус контрольных дат (в выбранном году); null — без контрольных дат' }),
    occurrences: z.array(OccurrenceView),
    reportCount: z.number().int(),
    parentActivityId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .openapi('RoadmapActivity');
const ReportFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() }).openapi('StoredFile');
const ProgressReport = z
  .object({
    id: z.uuid(),
    activityId: z.uuid(),
    occurrenceId: z.uuid().nullable(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    text: z.string(),
    links: z.array(z.string()),
    completes: z.boolean(),
    authorName: z.string(),
    createdAt: z.string(),
    files: z.array(ReportFile).openapi({ description: 'Скачивание: GET /api/progress-reports/{id}/files/{fileId}' }),
  })
  .openapi('ProgressReport');
const ActivityCard = Activity.extend({
  roadmapTitle: z.string(),
  roadmapLevel: Level,
  extra: z.record(z.string(), z.string()).nullable(),
  removed: z.boolean(),
  reports: z.array(ProgressReport),
  parent: z.object({ activityId: z.uuid(), number: z.string(), title: z.string(), roadmapId: z.uuid(), roadmapTitle: z.string() }).nullable(),
  children: z.array(z.object({ activityId: z.uuid(), roadmapId: z.uuid(), roadmapTitle: z.string(), territoryId: z.uuid(), territoryName: z.string(), status: OccurrenceStatus.nullable() })),
  history: z.array(
    z.object({
      revisionNumber: z.number().int(),
      approvedBy: z.string().nullable(),
      createdAt: z.string(),
      change: z.enum(['added', 'changed', 'removed']),
      changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
    }),
  ),
  reportingOrganizations: z.array(z.object({ id: z.uuid(), name: z.string() })).openapi({ description: 'От имени каких организаций пользователь может отчитаться; пусто — не может' }),
  canEdit: z.boolean(),
}).openapi('RoadmapActivityCard');

const Timeline = z
  .object({
    roadmapId: z.uuid(),
    from: isoDate,
    to: isoDate,
    today: isoDate,
    sections: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        title: z.string(),
        activities: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), responsibleText: z.string(), deadlineText: z.string(), status: OccurrenceStatus.nullable(), occurrences: z.array(OccurrenceView) })),
      }),
    ),
  })
  .openapi('RoadmapTimeline');

const Comparison = z
  .object({
    from: z.object({ id: z.uuid(), number: z.number().int(), kind: z.string(), approvedBy: z.string().nullable(), sourceFileName: z.string().nullable(), createdAt: z.string() }),
    to: z.object({ id: z.uuid(), number: z.number().int(), kind: z.string(), approvedBy: z.string().nullable(), sourceFileName: z.string().nullable(), createdAt: z.string() }),
    ...ComparisonLists,
  })
  .openapi('RoadmapComparison');

const RollupCell = z
  .object({
    territoryId: z.uuid(),
    childActivityId: z.uuid().nullable().openapi({ description: 'Мероприятие муниципальной дорожной карты, сформированной из региональной' }),
    childRoadmapId: z.uuid().nullable(),
    status: OccurrenceStatus.nullable(),
    total: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    reports: z.number().int(),
    lastReportAt: z.string().nullable(),
  })
  .openapi('RoadmapRollupCell');
const Rollup = z
  .object({
    roadmapId: z.uuid(),
    municipalities: z.array(z.object({ territoryId: z.uuid(), name: z.string(), roadmapId: z.uuid().nullable() })),
    activities: z.array(z.object({ activityId: z.uuid(), number: z.string(), title: z.string(), cells: z.array(RollupCell) })),
  })
  .openapi('RoadmapRollup');

const Deadline = z
  .object({
    occurrenceId: z.uuid(),
    from: isoDate,
    to: isoDate,
    status: OccurrenceStatus.openapi({ description: 'Статус для этой организации: её отчёт об исполнении считается выполнением' }),
    activityId: z.uuid(),
    number: z.string(),
    title: z.string(),
    deadlineText: z.string(),
    roadmapId: z.uuid(),
    roadmapTitle: z.string(),
    organizationId: z.uuid(),
    organizationName: z.string(),
  })
  .openapi('RoadmapDeadline');

const yearQuery = z.coerce.number().int().min(1990).max(2100).optional();

const tags = ['Дорожные карты'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const uploadedFiles = async (value: unknown) =>
  Promise.all(
    [value]
      .flat()
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })),
  );

// ───────────── routes ─────────────

export const roadmapsApi = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/deadlines/parse',
      tags,
      summary: 'Разобрать формулировку срока исполнения в контрольные даты',
      request: { body: jsonBody(z.object({ text: z.string().max(1000), period: z.object({ from: year, to: year }).refine((p) => p.to >= p.from, 'Год окончания периода раньше года начала') })) },
      responses: { 200: jsonOk(ParsedDeadline), ...commonErrors },
    }),
    async (c) => {
      requireActor(c);
      const { text, period } = c.req.valid('json');
      return c.json(parseDeadline(text, period), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/roadmaps/import',
      tags,
      summary: 'Загрузить дорожную карту из DOCX/XLSX (поле file) или вставленного текста (JSON {text}); dryRun=true — только предпросмотр',
      description:
        'Без dryRun сохраняет новую дорожную карту, а с roadmapId — новую редакцию существующей. Владелец по умолчанию — орган управления территории, которую администрирует пользователь.',
      request: {
        query: z.object({
          dryRun: queryBool.optional(),
          roadmapId: z.uuid().optional().openapi({ description: 'Загрузить как новую редакцию этой дорожной карты' }),
          ownerOrganizationId: z.uuid().optional(),
          level: Level.optional(),
          periodFrom: yearQuery,
          periodTo: yearQuery,
          version: z.coerce.number().int().positive().optional(),
        }),
        body: {
          required: false,
          content: {
            'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) },
            'application/json': { schema: z.object({ text: z.string().max(5_000_000) }) },
          },
        },
      },
      responses: { 200: jsonOk(RoadmapPreview, 'Предпросмотр (dryRun=true)'), 201: jsonOk(RoadmapPreview, 'Сохранено'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { db, config } = deps(c);
      const { dryRun = false, ...opts } = c.req.valid('query');
      const form = c.req.valid('form') as { file?: unknown };
      const json = c.req.valid('json') as { text?: string };
      let file: { name: string; data: Buffer } | undefined;
      if (form.file instanceof File) {
        if (form.file.size > config.uploadMaxBytes) throw new AppError(413, 'too_large', `Файл больше ${Math.round(config.uploadMaxBytes / 1048576)} МБ`);
        file = { name: form.file.name, data: Buffer.from(await form.file.arrayBuffer()) };
      }
      const result = await importRoadmap(db, actor, { file, text: json.text }, { ...opts, dryRun });
      return c.json(result, dryRun ? 200 : 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmaps',
      tags,
      summary: 'Дорожные карты в области доступа',
      request: { query: PageQuery.extend({ level: Level.optional(), territoryId: z.uuid().optional(), ownerOrganizationId: z.uuid().optional(), parentRoadmapId: z.uuid().optional(), archived: queryBool.optional() }) },
      responses: { 200: jsonOk(pageOf(RoadmapListItem, 'RoadmapPage')), ...commonErrors },
    }),
    async (c) => c.json(await findRoadmaps(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/roadmaps', tags, summary: 'Сохранить (исправленный) предпросмотр как новую дорожную карту', request: { body: jsonBody(RoadmapCreate) }, responses: { 201: jsonOk(Roadmap), ...commonErrors } }),
    async (c) => c.json(await createRoadmap(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/roadmaps/{id}', tags, summary: 'Карточка дорожной карты: разделы, редакции, статусы, каскад', request: { params: IdParam }, responses: { 200: jsonOk(Roadmap), ...commonErrors } }),
    async (c) => c.json(await getRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/roadmaps/{id}', tags, summary: 'Изменить название, гриф утверждения или архивировать (с проверкой версии)', request: { params: IdParam, body: jsonBody(RoadmapUpdate) }, responses: { 200: jsonOk(Roadmap), ...commonErrors } }),
    async (c) => c.json(await updateRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/roadmaps/{id}/revisions', tags, summary: 'Сохранить новую редакцию (изменения дорожной карты) из исправленного предпросмотра', request: { params: IdParam, body: jsonBody(RevisionCreate) }, responses: { 201: jsonOk(Roadmap), ...commonErrors } }),
    async (c) => c.json(await reviseRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmaps/{id}/compare',
      tags,
      summary: 'Сравнение редакций: добавленные, исключённые и изменённые мероприятия',
      request: { params: IdParam, query: z.object({ from: z.coerce.number().int().positive().optional().openapi({ description: 'Номер редакции; по умолчанию предыдущая' }), to: z.coerce.number().int().positive().optional().openapi({ description: 'По умолчанию действующая' }) }) },
      responses: { 200: jsonOk(Comparison), ...commonErrors },
    }),
    async (c) => c.json(await compareRevisions(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/roadmaps/{id}/cascade',
      tags,
      summary: 'Сформировать муниципальную дорожную карту из региональной (мероприятия, адресованные муниципалитету)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ ownerOrganizationId: z.uuid().openapi({ description: 'Орган управления образованием муниципалитета' }) })) },
      responses: { 201: jsonOk(Roadmap), ...commonErrors },
    }),
    async (c) => c.json(await cascadeRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/roadmaps/{id}/rollup', tags, summary: 'Свод исполнения региональной дорожной карты по муниципалитетам', request: { params: IdParam }, responses: { 200: jsonOk(Rollup), ...commonErrors } }),
    async (c) => c.json(await getRollup(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmaps/{id}/activities',
      tags,
      summary: 'Мероприятия дорожной карты с фильтрами (раздел, исполнитель, статус, год)',
      request: {
        params: IdParam,
        query: PageQuery.extend({
          sectionId: z.uuid().optional(),
          organizationId: z.uuid().optional().openapi({ description: 'Исполнитель: организация, указанная в мероприятии или входящая в группу («ОО»)' }),
          status: OccurrenceStatus.optional(),
          year: yearQuery,
        }),
      },
      responses: { 200: jsonOk(pageOf(Activity, 'RoadmapActivityPage')), ...commonErrors },
    }),
    async (c) => c.json(await findActivities(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/roadmaps/{id}/timeline', tags, summary: 'Данные для диаграммы сроков по разделам', request: { params: IdParam, query: z.object({ year: yearQuery }) }, responses: { 200: jsonOk(Timeline), ...commonErrors } }),
    async (c) => c.json(await getTimeline(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/roadmaps/{id}/export.docx', tags, summary: 'Выгрузка в DOCX по форме приложения к приказу', request: { params: IdParam }, responses: { 200: fileOk(DOCX, 'Файл DOCX'), ...commonErrors } }),
    async (c) => {
      const file = await exportRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id, 'docx');
      return attachment(file.data, { mime: file.mime, fileName: file.fileName });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmaps/{id}/export.xlsx',
      tags,
      summary: 'Выгрузка в XLSX, по желанию со статусом исполнения',
      request: { params: IdParam, query: z.object({ withStatus: queryBool.optional() }) },
      responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors },
    }),
    async (c) => {
      const file = await exportRoadmap(deps(c).db, requireActor(c), c.req.valid('param').id, 'xlsx', c.req.valid('query'));
      return attachment(file.data, { mime: file.mime, fileName: file.fileName });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/roadmap-activities/{id}', tags, summary: 'Карточка мероприятия: контрольные даты, отчёты, каскад, история редакций', request: { params: IdParam }, responses: { 200: jsonOk(ActivityCard), ...commonErrors } }),
    async (c) => c.json(await getActivity(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/roadmap-activities/{id}/reports',
      tags,
      summary: 'Отчёт об исполнении от организации-исполнителя (текст, ссылки на документы, файлы)',
      description: `Файлы: ${acceptedFileTypes}, не более ${evidenceLimits.maxFiles} файлов по ${evidenceLimits.maxBytes / 1048576} МБ. completes=true отмечает исполнение контрольной даты (occurrenceId, по умолчанию — ближайшей незакрытой) этой организацией; когда отчитались все ответственные организации, дата считается выполненной.`,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                text: z.string().trim().min(1).max(10000),
                organizationId: z.uuid().optional().openapi({ description: 'От имени какой организации; по умолчанию — первая из reportingOrganizations карточки' }),
                occurrenceId: z.uuid().optional(),
                completes: queryBool.optional(),
                links: z.union([z.string().max(20000), z.array(z.string().max(2000)).max(20)]).optional().openapi({ description: 'Ссылки или реквизиты документов: по одной в строке или повторяющимся полем' }),
                files: z.any().optional().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
              }),
            },
          },
        },
      },
      responses: { 201: jsonOk(ProgressReport), ...commonErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const links = [form.links ?? []].flat().flatMap((l) => l.split('\n')).map((l) => l.trim()).filter(Boolean);
      if (links.length > 20 || links.some((l) => l.length > 2000)) throw new AppError(422, 'validation', 'Не более 20 ссылок по 2000 символов');
      const input = { text: form.text, organizationId: form.organizationId, occurrenceId: form.occurrenceId, completes: form.completes ?? false, links };
      return c.json(await createProgressReport(deps(c).db, requireActor(c), c.req.valid('param').id, input, await uploadedFiles(form.files)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/roadmap-occurrences/{id}',
      tags,
      summary: 'Отметить контрольную дату выполненной или не требующейся (владелец дорожной карты; с проверкой версии)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version: z.number().int().positive(), status: z.enum(['done', 'not_applicable']).nullable().openapi({ description: 'null — снять отметку' }), note: z.string().max(2000).nullish() })) },
      responses: { 200: jsonOk(OccurrenceView), ...commonErrors },
    }),
    async (c) => c.json(await setOccurrenceStatus(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/progress-reports/{id}/files/{fileId}',
      tags,
      summary: 'Скачать файл отчёта об исполнении',
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }), fileId: z.uuid().openapi({ param: { name: 'fileId', in: 'path' } }) }) },
      responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readReportFile(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmap-deadlines',
      tags,
      summary: '«Мои сроки»: контрольные даты, адресованные организациям пользователя (или выбранной организации)',
      request: {
        query: z.object({
          organizationId: z.uuid().optional(),
          status: z.enum(deadlineStatusFilters).optional().openapi({ description: 'open (по умолчанию) — просрочено, срок подходит, запланировано; all — все' }),
          year: yearQuery,
          limit: PageQuery.shape.limit,
          cursor: PageQuery.shape.cursor,
        }),
      },
      responses: { 200: jsonOk(pageOf(Deadline, 'RoadmapDeadlinePage')), ...commonErrors },
    }),
    async (c) => c.json(await findDeadlines(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/roadmap-deadlines/summary',
      tags,
      summary: 'Для баннера при входе: число просроченных и подходящих сроков организаций пользователя, первые просроченные',
      responses: { 200: jsonOk(z.object({ overdue: z.number().int(), dueSoon: z.number().int(), items: z.array(Deadline) }).openapi('RoadmapDeadlineSummary')), ...commonErrors },
    }),
    async (c) => c.json(await deadlineSummary(deps(c).db, requireActor(c)), 200),
  );
