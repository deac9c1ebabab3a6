import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, fileOk } from '../../lib/http.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { vacancyStatuses, educationLevels } from './staffing.schema.js';
import {
  findVacancies,
  streamVacancies,
  getVacancy,
  createVacancy,
  updateVacancy,
  vacancySummary,
  subjectMatch,
  findRetraining,
  streamRetraining,
  getEducation,
  replaceEducation,
  type VacancyView,
} from './staffing.service.js';

const tags = ['Кадровые потребности'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Status = z.enum(vacancyStatuses).openapi('VacancyStatus', { description: 'open — открыта; closed — закрыта (замещена или снята)' });
const nullableText = (max: number) => z.string().trim().max(max).nullish();

const VacancySchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    position: z.string(),
    subject: z.string().nullable(),
    hours: z.number().int().openapi({ description: 'Учебная нагрузка, часов в неделю' }),
    openSince: z.string(),
    status: Status,
    closedOn: z.string().nullable(),
    comment: z.string().nullable(),
    version: z.number().int(),
    canEdit: z.boolean(),
  })
  .openapi('Vacancy');

const vacancyFields = {
  position: z.string().trim().min(2, 'Укажите должность').max(300),
  subject: nullableText(100),
  hours: z.number().int('Целое число часов').min(1, 'Не менее 1 часа в неделю').max(60, 'Не более 60 часов в неделю'),
  openSince: isoDateSchema,
  comment: nullableText(2000),
};
const VacancyCreate = z.strictObject({ organizationId: z.uuid('Выберите организацию'), ...vacancyFields }).openapi('VacancyCreate');
const VacancyUpdate = z
  .strictObject({
    position: vacancyFields.position.optional(),
    subject: vacancyFields.subject,
    hours: vacancyFields.hours.optional(),
    openSince: isoDateSchema.optional(),
    comment: vacancyFields.comment,
    status: Status.optional(),
    closedOn: isoDateSchema.nullish(),
    version: z.number().int().positive(),
  })
  .openapi('VacancyUpdate');

const VacancyFilters = z.object({
  q: PageQuery.shape.q,
  territoryId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  subject: z.string().max(100).optional(),
  status: z.enum([...vacancyStatuses, 'all']).optional().openapi({ description: 'open (по умолчанию), closed или all' }),
});

const ScopeQuery = z.object({
  territoryId: z.uuid().optional().openapi({ description: 'Регион — строки по муниципалитетам; муниципалитет — по организациям. По умолчанию — верхняя территория области доступа' }),
  organizationId: z.uuid().optional().openapi({ description: 'Только эта организация (и её подразделения)' }),
});
const GroupBy = z.enum(['municipality', 'organization']);

const VacancySummarySchema = z
  .object({
    groupBy: GroupBy,
    territoryId: z.uuid().nullable(),
    rows: z.array(z.object({ id: z.uuid(), name: z.string(), vacancies: z.number().int(), hours: z.number().int(), organizations: z.number().int() })),
    total: z.object({ vacancies: z.number().int(), hours: z.number().int(), organizations: z.number().int() }),
    bySubject: z.array(z.object({ subject: z.string().nullable(), vacancies: z.number().int(), hours: z.number().int() })),
  })
  .openapi('VacancySummary');

const MatchFigures = z.object({
  teachers: z.number().int().openapi({ description: 'Педагоги, ведущие предметы (по текущим педагогическим должностям)' }),
  matching: z.number().int().openapi({ description: 'Образование соответствует всем преподаваемым предметам' }),
  mismatching: z.number().int().openapi({ description: 'Хотя бы один предмет не подтверждён образованием — нужна переподготовка' }),
  unknown: z.number().int().openapi({ description: 'Нет сведений об образовании' }),
  share: z.number().nullable().openapi({ description: 'Доля соответствующих, % от педагогов со сведениями (matching / (matching + mismatching))' }),
});
const SubjectMatchSchema = z
  .object({
    groupBy: GroupBy,
    territoryId: z.uuid().nullable(),
    rows: z.array(MatchFigures.extend({ id: z.uuid(), name: z.string() })),
    total: MatchFigures,
    bySubject: z.array(MatchFigures.extend({ subject: z.string() })),
  })
  .openapi('SubjectMatch');

const RetrainingItem = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    organizations: z.array(z.string()),
    positions: z.array(z.string()),
    subjects: z.array(z.string()),
    uncoveredSubjects: z.array(z.string()).openapi({ description: 'Предметы, не подтверждённые образованием' }),
    education: z.string().nullable(),
  })
  .openapi('RetrainingItem');
const RetrainingFilters = ScopeQuery.extend({ subject: z.string().max(100).optional(), q: PageQuery.shape.q });

const EducationItem = z
  .object({
    level: z.enum(educationLevels).openapi({ description: 'higher — высшее; secondary_vocational — среднее профессиональное; retraining — профессиональная переподготовка' }),
    institution: z.string().nullable(),
    specialty: z.string(),
    qualification: z.string().nullable(),
    graduationYear: z.number().int().nullable(),
  })
  .openapi('EducationItem');
const EducationInput = z.strictObject({
  level: z.enum(educationLevels),
  institution: nullableText(500),
  specialty: z.string().trim().min(2, 'Укажите специальность (направление подготовки)').max(500),
  qualification: nullableText(500),
  graduationYear: z.number().int().nullish(),
});
const EducationSchema = z.object({ staffId: z.uuid(), items: z.array(EducationItem) }).openapi('StaffEducation');

export type VacancyDto = z.infer<typeof VacancySchema>;
export type VacancySummaryDto = z.infer<typeof VacancySummarySchema>;
export type SubjectMatchDto = z.infer<typeof SubjectMatchSchema>;
export type RetrainingItemDto = z.infer<typeof RetrainingItem>;
export type StaffEducationDto = z.infer<typeof EducationSchema>;

const statusNames = { open: 'Открыта', closed: 'Закрыта' } as const;

export const staffingApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/vacancies', tags, summary: 'Вакансии организаций в области доступа', request: { query: VacancyFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) }, responses: { 200: jsonOk(pageOf(VacancySchema, 'VacancyPage')), ...commonErrors } }),
    async (c) => c.json(await findVacancies(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/vacancies/export.xlsx', tags, summary: 'Выгрузка списка вакансий в XLSX (с фильтрами списка)', request: { query: VacancyFilters }, responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors } }),
    async (c) =>
      xlsxResponse('vacancies.xlsx', {
        sheetName: 'Вакансии',
        title: 'Вакансии педагогических работников',
        rows: streamVacancies(deps(c).db, requireActor(c), c.req.valid('query')),
        columns: [
          { key: 'territory', header: 'Территория', width: 28, value: (v: VacancyView) => v.territoryName },
          { key: 'organization', header: 'Организация', width: 40, value: (v) => v.organizationName },
          { key: 'position', header: 'Должность', width: 30, value: (v) => v.position },
          { key: 'subject', header: 'Предмет', width: 24, value: (v) => v.subject },
          { key: 'hours', header: 'Часов в неделю', width: 10, value: (v) => v.hours },
          { key: 'since', header: 'Открыта с', width: 12, value: (v) => new Date(v.openSince) },
          { key: 'status', header: 'Состояние', width: 12, value: (v) => statusNames[v.status] },
          { key: 'comment', header: 'Примечание', width: 40, value: (v) => v.comment },
        ],
      }),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/vacancies/summary',
      tags,
      summary: 'Свод открытых вакансий по муниципалитетам (для региона) или организациям (для муниципалитета), по предметам',
      request: { query: ScopeQuery },
      responses: { 200: jsonOk(VacancySummarySchema), ...commonErrors },
    }),
    async (c) => c.json(await vacancySummary(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/vacancies', tags, summary: 'Сообщить о вакансии организации', request: { body: jsonBody(VacancyCreate) }, responses: { 201: jsonOk(VacancySchema), ...commonErrors } }),
    async (c) => c.json(await createVacancy(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/vacancies/{id}', tags, summary: 'Вакансия', request: { params: IdParam }, responses: { 200: jsonOk(VacancySchema), ...commonErrors } }),
    async (c) => c.json(await getVacancy(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/vacancies/{id}',
      tags,
      summary: 'Изменить или закрыть вакансию (status=closed), с проверкой версии',
      request: { params: IdParam, body: jsonBody(VacancyUpdate) },
      responses: { 200: jsonOk(VacancySchema), ...commonErrors },
    }),
    async (c) => c.json(await updateVacancy(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/staffing/subject-match',
      tags,
      summary: 'Доля педагогов, чьё образование соответствует преподаваемым предметам, по муниципалитетам или организациям и по предметам',
      description: 'Правило соответствия — ADR 0019: специальность или квалификация диплома содержит основу названия предмета по справочнику; без сведений о дипломах — отметка организации в должности.',
      request: { query: ScopeQuery },
      responses: { 200: jsonOk(SubjectMatchSchema), ...commonErrors },
    }),
    async (c) => c.json(await subjectMatch(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/staffing/retraining',
      tags,
      summary: 'Педагоги, которым нужна профессиональная переподготовка (образование не соответствует преподаваемому предмету)',
      request: { query: RetrainingFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) },
      responses: { 200: jsonOk(pageOf(RetrainingItem, 'RetrainingPage')), ...commonErrors },
    }),
    async (c) => c.json(await findRetraining(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/staffing/retraining/export.xlsx', tags, summary: 'Выгрузка списка нуждающихся в переподготовке в XLSX', request: { query: RetrainingFilters }, responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors } }),
    async (c) =>
      xlsxResponse('retraining.xlsx', {
        sheetName: 'Переподготовка',
        title: 'Педагоги, которым нужна профессиональная переподготовка',
        rows: streamRetraining(deps(c).db, requireActor(c), c.req.valid('query')),
        columns: [
          { key: 'name', header: 'ФИО', width: 36, value: (r: z.infer<typeof RetrainingItem>) => r.fullName },
          { key: 'organization', header: 'Организация', width: 40, value: (r) => r.organizations.join('; ') },
          { key: 'position', header: 'Должность', width: 30, value: (r) => r.positions.join('; ') },
          { key: 'uncovered', header: 'Предметы без профильного образования', width: 36, value: (r) => r.uncoveredSubjects.join('; ') },
          { key: 'subjects', header: 'Все преподаваемые предметы', width: 36, value: (r) => r.subjects.join('; ') },
          { key: 'education', header: 'Образование', width: 50, value: (r) => r.education },
        ],
      }),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/staff/{id}/education', tags, summary: 'Образование работника (дипломы)', request: { params: IdParam }, responses: { 200: jsonOk(EducationSchema), ...commonErrors } }),
    async (c) => c.json(await getEducation(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/staff/{id}/education',
      tags,
      summary: 'Заменить сведения об образовании работника',
      request: { params: IdParam, body: jsonBody(z.strictObject({ items: z.array(EducationInput).max(10) })) },
      responses: { 200: jsonOk(EducationSchema), ...commonErrors },
    }),
    async (c) => c.json(await replaceEducation(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').items), 200),
  );
