import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { recordAudit } from '../audit/audit.service.js';
import { assessmentTools } from './assessments.schema.js';
import {
  findAssessments,
  getAssessment,
  createAssessment,
  updateAssessment,
  addParticipants,
  findResults,
  saveResults,
  getStaffAssessments,
  type PersonResults,
} from './assessments.service.js';

const isoDate = z.iso.date('Дата в формате ГГГГ-ММ-ДД').openapi({ example: '2026-02-01' });
const Tool = z.enum(assessmentTools).openapi('AssessmentTool', { description: 'federal — федеральный инструмент; regional — региональный; organization — диагностика организации' });
const StaffCategory = z.enum(['pedagogical', 'managerial']);
const Window = z.object({ from: isoDate, to: isoDate }).openapi('AssessmentWindow', { description: 'Окно проведения, например февраль–март' });
const Status = z.enum(['planned', 'open', 'closed']).openapi('AssessmentStatus', { description: 'planned — до первого окна; open — идёт окно; closed — окна прошли' });

const AssessmentListItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    tool: Tool,
    organizerOrganizationId: z.uuid(),
    organizerName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    target: z.object({ staffCategory: StaffCategory.nullable(), lowResultsSchools: z.boolean().openapi({ description: 'Педагоги школ с низкими образовательными результатами (ШНОР)' }), description: z.string().nullable() }),
    windows: z.array(Window),
    year: z.number().int(),
    status: Status,
    competencyCount: z.number().int(),
    participantCount: z.number().int().openapi({ description: 'Участников среди видимых пользователю работников' }),
    measuredCount: z.number().int().openapi({ description: 'Из них с результатами' }),
    catalogRevision: z.number().int().openapi({ description: 'Редакция справочника компетенций, в которой создана диагностика' }),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi('AssessmentListItem');
const Assessment = AssessmentListItem.extend({
  competencies: z.array(
    z.object({
      competencyId: z.uuid(),
      code: z.string(),
      name: z.string(),
      groupName: z.string(),
      threshold: z.number().int().openapi({ description: 'Порог дефицита, %: результат ниже порога — дефицит' }),
      measured: z.number().int(),
      deficits: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  withDeficitsCount: z.number().int(),
  canEdit: z.boolean(),
  canEnterResults: z.boolean(),
}).openapi('Assessment');

const CompetencyThreshold = z.object({ competencyId: z.uuid(), threshold: z.number().int().min(0).max(100) });
const AssessmentCreate = z
  .strictObject({
    title: z.string().trim().min(3).max(500),
    tool: Tool,
    organizerOrganizationId: z.uuid().openapi({ description: 'Организатор: организация, которую администрирует пользователь (ЦНППМ, ЦОКО, МОУО, школа)' }),
    targetStaffCategory: StaffCategory.nullish(),
    targetLowResultsSchools: z.boolean().optional(),
    targetDescription: z.string().trim().max(2000).nullish(),
    windows: z.array(Window).min(1).max(12),
    competencies: z.array(CompetencyThreshold).min(1).max(100),
  })
  .openapi('AssessmentCreate');
const AssessmentUpdate = z
  .strictObject({
    version: z.number().int().positive(),
    title: z.string().trim().min(3).max(500).optional(),
    targetStaffCategory: StaffCategory.nullish(),
    targetLowResultsSchools: z.boolean().optional(),
    targetDescription: z.string().trim().max(2000).nullish(),
    windows: z.array(Window).min(1).max(12).optional(),
    competencies: z.array(CompetencyThreshold).min(1).max(100).optional().openapi({ description: 'Полный список; компетенцию с результатами убрать нельзя' }),
    archived: z.boolean().optional(),
  })
  .openapi('AssessmentUpdate');

const Score = z.object({ competencyId: z.uuid(), score: z.number(), threshold: z.number().int(), deficit: z.boolean() }).openapi('AssessmentScore');
const PersonResultsSchema = z
  .object({ staffId: z.uuid(), fullName: z.string(), measuredOn: z.string().nullable(), scores: z.array(Score), deficitCount: z.number().int() })
  .openapi('AssessmentPersonResults');
const ResultsSave = z
  .strictObject({
    staffId: z.uuid(),
    measuredOn: isoDate.optional().openapi({ description: 'По умолчанию — сегодня' }),
    scores: z.array(z.object({ competencyId: z.uuid(), score: z.number().min(0, 'Результат — от 0 до 100 %').max(100, 'Результат — от 0 до 100 %').nullable() })).min(1).max(100),
  })
  .openapi('AssessmentResultsSave', { description: 'Результаты одного работника; score = null удаляет результат' });
const ResultsFilters = z.object({
  q: z.string().max(200).optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(['pending', 'measured', 'deficit']).optional().openapi({ description: 'pending — без результатов; measured — с результатами; deficit — с дефицитами' }),
});

const HistoryPoint = z.object({ assessmentId: z.uuid(), assessmentTitle: z.string(), measuredOn: z.string(), score: z.number(), threshold: z.number().int(), deficit: z.boolean() });
const StaffAssessments = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    competencies: z.array(z.object({ competencyId: z.uuid(), code: z.string(), name: z.string(), groupName: z.string(), latest: HistoryPoint, history: z.array(HistoryPoint) })),
    deficits: z.array(HistoryPoint.extend({ competencyId: z.uuid(), code: z.string(), name: z.string() })).openapi({ description: 'Открытые дефициты: последний результат по компетенции ниже порога' }),
    assessments: z.array(z.object({ id: z.uuid(), title: z.string(), tool: Tool, measuredOn: z.string(), resultCount: z.number().int(), deficitCount: z.number().int() })),
  })
  .openapi('StaffAssessments');

const tags = ['Диагностика'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const assessmentsApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/assessments',
      tags,
      summary: 'Диагностики в области доступа',
      request: { query: PageQuery.extend({ tool: Tool.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), organizerOrganizationId: z.uuid().optional(), archived: queryBool.optional() }) },
      responses: { 200: jsonOk(pageOf(AssessmentListItem, 'AssessmentPage')), ...commonErrors },
    }),
    async (c) => c.json(await findAssessments(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/assessments', tags, summary: 'Создать диагностику: инструмент, целевая группа, окна, компетенции с порогами дефицита', request: { body: jsonBody(AssessmentCreate) }, responses: { 201: jsonOk(Assessment), ...commonErrors } }),
    async (c) => c.json(await createAssessment(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/assessments/{id}', tags, summary: 'Карточка диагностики: компетенции, пороги, сводка результатов', request: { params: IdParam }, responses: { 200: jsonOk(Assessment), ...commonErrors } }),
    async (c) => c.json(await getAssessment(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/assessments/{id}', tags, summary: 'Изменить или архивировать диагностику (организатор; с проверкой версии)', request: { params: IdParam, body: jsonBody(AssessmentUpdate) }, responses: { 200: jsonOk(Assessment), ...commonErrors } }),
    async (c) => c.json(await updateAssessment(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/assessments/{id}/participants',
      tags,
      summary: 'Добавить участников: по списку или всех подходящих под целевую группу работников организации',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({ staffIds: z.array(z.uuid()).min(1).max(5000).optional(), organizationId: z.uuid().optional().openapi({ description: 'Все работники организации (с подразделениями) из целевой группы' }) })
            .openapi('AssessmentParticipantsAdd'),
        ),
      },
      responses: { 200: jsonOk(z.object({ added: z.number().int() })), ...commonErrors },
    }),
    async (c) => c.json(await addParticipants(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/assessments/{id}/results',
      tags,
      summary: 'Участники и их результаты по компетенциям (работники в области доступа)',
      request: { params: IdParam, query: ResultsFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) },
      responses: { 200: jsonOk(pageOf(PersonResultsSchema, 'AssessmentResultsPage')), ...commonErrors },
    }),
    async (c) => c.json(await findResults(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/assessments/{id}/results',
      tags,
      summary: 'Внести результаты работника (форма); загрузка из XLSX — POST /api/imports/assessment_results?assessmentId=…',
      request: { params: IdParam, body: jsonBody(ResultsSave) },
      responses: { 200: jsonOk(PersonResultsSchema), ...commonErrors },
    }),
    async (c) => c.json(await saveResults(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/assessments/{id}/results/export.xlsx', tags, summary: 'Выгрузка результатов в XLSX (с фильтрами списка)', request: { params: IdParam, query: ResultsFilters }, responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors } }),
    async (c) => {
      const actor = requireActor(c);
      const { db } = deps(c);
      const { id } = c.req.valid('param');
      const filters = c.req.valid('query');
      const assessment = await getAssessment(db, actor, id);
      await recordAudit(db, actor, { action: 'assessment_result.export', entity: 'assessment', entityId: id, territoryIds: [assessment.territoryId], after: filters });
      async function* rows() {
        let cursor: string | undefined;
        do {
          const page = await findResults(db, actor, id, { ...filters, limit: 500, cursor });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      const scoreOf = (p: PersonResults, competencyId: string) => p.scores.find((s) => s.competencyId === competencyId)?.score ?? null;
      return xlsxResponse('assessment-results.xlsx', {
        sheetName: 'Результаты',
        title: assessment.title,
        rows: rows(),
        columns: [
          { key: 'fullName', header: 'ФИО', width: 36, value: (p: PersonResults) => p.fullName },
          { key: 'measuredOn', header: 'Дата диагностики', width: 14, value: (p) => (p.measuredOn ? new Date(`${p.measuredOn}T00:00:00Z`) : null) },
          ...assessment.competencies.map((k) => ({ key: k.code, header: `${k.code} ${k.name}, % (порог ${k.threshold})`, width: 16, value: (p: PersonResults) => scoreOf(p, k.competencyId) })),
          { key: 'deficits', header: 'Дефицитов', width: 11, value: (p) => p.deficitCount },
        ],
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/staff/{id}/assessments',
      tags,
      summary: 'Диагностики работника: история результатов по компетенциям и открытые дефициты (чтение чужих данных фиксируется в журнале)',
      request: { params: IdParam },
      responses: { 200: jsonOk(StaffAssessments), ...commonErrors },
    }),
    async (c) => c.json(await getStaffAssessments(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  );

// The wire shapes, for the web UI's type-only imports.
export type AssessmentListItemDto = z.infer<typeof AssessmentListItem>;
export type AssessmentDto = z.infer<typeof Assessment>;
export type AssessmentPersonResultsDto = z.infer<typeof PersonResultsSchema>;
export type StaffAssessmentsDto = z.infer<typeof StaffAssessments>;
