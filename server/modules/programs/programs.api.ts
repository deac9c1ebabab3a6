import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { AppError } from '../../lib/errors.js';
import { attachment } from '../../lib/download.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { programKinds, programFormats, programAudiences, enrollmentStatuses } from './programs.schema.js';
import { enrollmentActions } from './enrollment-workflow.js';
import { findPrograms, streamPrograms, getProgram, createProgram, updateProgram, findCohorts, getCohort, createCohort, updateCohort, type ProgramListItem } from './programs.service.js';
import { findEnrollments, getEnrollment, requestEnrollment, recordExternalCourse, changeEnrollment, readCertificateFile } from './enrollments.service.js';
import { acceptedFileTypes, evidenceLimits } from '../files/files.service.js';

const Kind = z.enum(programKinds).openapi('ProgramKind', { description: 'upskilling — повышение квалификации; retraining — профессиональная переподготовка' });
const Format = z.enum(programFormats).openapi('ProgramFormat', { description: 'in_person — очная; distance — дистанционная; blended — смешанная' });
const Audience = z.enum(programAudiences).openapi('ProgramAudience', { description: 'all — все; pedagogical — педагогические работники; managerial — управленческие кадры' });
const EnrollmentStatus = z.enum(enrollmentStatuses).openapi('EnrollmentStatus', {
  description: 'requested — заявка; waitlisted — лист ожидания; approved — согласовано; enrolled — зачислен; completed — обучение завершено; dropped — отчислен; rejected — отклонено',
});

const Cohort = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    seats: z.number().int(),
    seatsTaken: z.number().int(),
    seatsLeft: z.number().int(),
    waitlisted: z.number().int(),
    place: z.string().nullable(),
    online: z.boolean(),
    status: z.enum(['upcoming', 'running', 'finished']),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Cohort');
const CompetencyRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() }).openapi('CompetencyRef');
const ProgramListItemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: Kind,
    hours: z.number().int(),
    format: Format,
    ownerOrganizationId: z.uuid(),
    ownerName: z.string(),
    providerOrganizationId: z.uuid().nullable(),
    providerName: z.string(),
    inFederalRegistry: z.boolean(),
    registryNumber: z.string().nullable(),
    audience: z.string().nullable(),
    audienceCategory: Audience,
    subjects: z.array(z.string()),
    competencies: z.array(CompetencyRef),
    nextCohort: Cohort.nullable(),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi('ProgramListItem');
const Program = ProgramListItemSchema.extend({ annotation: z.string().nullable(), cohorts: z.array(Cohort), canEdit: z.boolean() }).openapi('Program');

const programFields = {
  title: z.string().trim().min(3).max(1000),
  kind: Kind,
  hours: z.number().int().min(1).max(5000),
  format: Format,
  providerOrganizationId: z.uuid().nullish(),
  providerName: z.string().trim().max(1000).nullish(),
  inFederalRegistry: z.boolean().optional(),
  registryNumber: z.string().trim().max(100).nullish(),
  annotation: z.string().trim().max(10000).nullish(),
  audience: z.string().trim().max(2000).nullish(),
  audienceCategory: Audience.optional(),
  subjects: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  competencyIds: z.array(z.uuid()).max(50).optional(),
};
const ProgramCreate = z
  .strictObject({ ...programFields, ownerOrganizationId: z.uuid().optional().openapi({ description: 'Кто ведёт запись; по умолчанию — администрируемая организация или орган управления' }) })
  .openapi('ProgramCreate');
const ProgramUpdate = z
  .strictObject({ ...programFields, version: z.number().int().positive(), archived: z.boolean() })
  .partial()
  .required({ version: true })
  .openapi('ProgramUpdate');
const ProgramFilters = z.object({
  q: z.string().max(200).optional(),
  kind: Kind.optional(),
  format: Format.optional(),
  inFederalRegistry: queryBool.optional(),
  competencyId: z.uuid().optional(),
  ownerOrganizationId: z.uuid().optional(),
  hasUpcomingCohorts: queryBool.optional(),
  archived: queryBool.optional(),
});

const cohortFields = {
  title: z.string().trim().min(1).max(300),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  seats: z.number().int().min(1).max(10000),
  place: z.string().trim().max(1000).nullish(),
  online: z.boolean().optional(),
};
const CohortCreate = z.strictObject({ programId: z.uuid(), ...cohortFields }).openapi('CohortCreate');
const CohortUpdate = z.strictObject({ ...cohortFields, version: z.number().int().positive(), archived: z.boolean() }).partial().required({ version: true }).openapi('CohortUpdate');
const CohortWithProgram = Cohort.extend({ programTitle: z.string() }).openapi('CohortListItem');

const StoredFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
const Enrollment = z
  .object({
    id: z.uuid(),
    staffId: z.uuid(),
    fullName: z.string(),
    kind: z.enum(['cohort', 'external']).openapi({ description: 'cohort — обучение в курсовой группе; external — курс, пройденный в другой организации' }),
    title: z.string(),
    cohort: z.object({ id: z.uuid(), title: z.string(), startsOn: z.string(), endsOn: z.string() }).nullable(),
    program: z.object({ id: z.uuid(), title: z.string(), hours: z.number().int(), inFederalRegistry: z.boolean(), registryNumber: z.string().nullable(), providerName: z.string() }).nullable(),
    external: z.object({ title: z.string(), provider: z.string().nullable(), hours: z.number().int().nullable() }).nullable(),
    inFederalRegistry: z.boolean(),
    status: EnrollmentStatus,
    statusNote: z.string().nullable(),
    waitlistPosition: z.number().int().nullable(),
    requestedAt: z.string(),
    requestedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable().openapi({ description: 'Кто согласовал или отклонил' }),
    enrolledAt: z.string().nullable(),
    completedOn: z.string().nullable(),
    droppedAt: z.string().nullable(),
    certificate: z.object({ number: z.string().nullable(), date: z.string().nullable(), file: StoredFile.nullable() }).nullable().openapi({ description: 'Удостоверение; файл — GET /api/enrollments/{id}/certificate' }),
    actions: z.array(z.enum(enrollmentActions)).openapi({ description: 'Действия, доступные пользователю сейчас' }),
    version: z.number().int(),
  })
  .openapi('Enrollment');
const EnrollmentChange = z
  .strictObject({
    version: z.number().int().positive(),
    action: z.enum(enrollmentActions).openapi({ description: 'approve — согласовать (при нехватке мест — в лист ожидания); reject — отклонить; enroll — зачислить; complete — завершить с удостоверением; drop — отчислить или отозвать заявку' }),
    note: z.string().trim().max(2000).nullish(),
    certificateNumber: z.string().trim().min(1).max(100).nullish(),
    certificateDate: isoDateSchema.nullish(),
    completedOn: isoDateSchema.nullish(),
  })
  .openapi('EnrollmentChange');

const tags = ['Программы ДПО и обучение'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const kindNames = { upskilling: 'Повышение квалификации', retraining: 'Профессиональная переподготовка' } as const;
const formatNames = { in_person: 'Очная', distance: 'Дистанционная', blended: 'Смешанная' } as const;

export const programsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/programs', tags, summary: 'Каталог программ ДПО (открыт всем пользователям)', request: { query: ProgramFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) }, responses: { 200: jsonOk(pageOf(ProgramListItemSchema, 'ProgramPage')), ...commonErrors } }),
    async (c) => c.json(await findPrograms(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/programs/export.xlsx', tags, summary: 'Выгрузка каталога программ в XLSX (с фильтрами списка)', request: { query: ProgramFilters }, responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors } }),
    async (c) =>
      xlsxResponse('programs.xlsx', {
        sheetName: 'Программы',
        title: 'Каталог программ дополнительного профессионального образования',
        rows: streamPrograms(deps(c).db, requireActor(c), c.req.valid('query')),
        columns: [
          { key: 'title', header: 'Наименование программы', width: 60, value: (p: ProgramListItem) => p.title },
          { key: 'kind', header: 'Вид', width: 24, value: (p) => kindNames[p.kind] },
          { key: 'hours', header: 'Объём, часов', width: 10, value: (p) => p.hours },
          { key: 'format', header: 'Форма', width: 14, value: (p) => formatNames[p.format] },
          { key: 'provider', header: 'Организация-исполнитель', width: 40, value: (p) => p.providerName },
          { key: 'registry', header: 'Федеральный реестр', width: 12, value: (p) => p.inFederalRegistry },
          { key: 'number', header: 'Номер в реестре', width: 16, value: (p) => p.registryNumber },
          { key: 'competencies', header: 'Компетенции', width: 30, value: (p) => p.competencies.map((k) => k.code).join('; ') },
          { key: 'audience', header: 'Целевая аудитория', width: 40, value: (p) => p.audience },
          { key: 'next', header: 'Ближайшая группа', width: 14, value: (p) => (p.nextCohort ? new Date(`${p.nextCohort.startsOn}T00:00:00Z`) : null) },
        ],
      }),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/programs', tags, summary: 'Добавить программу в каталог', request: { body: jsonBody(ProgramCreate) }, responses: { 201: jsonOk(Program), ...commonErrors } }),
    async (c) => c.json(await createProgram(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/programs/{id}', tags, summary: 'Программа: аннотация, компетенции, курсовые группы', request: { params: IdParam }, responses: { 200: jsonOk(Program), ...commonErrors } }),
    async (c) => c.json(await getProgram(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/programs/{id}', tags, summary: 'Изменить или архивировать программу (с проверкой версии)', request: { params: IdParam, body: jsonBody(ProgramUpdate) }, responses: { 200: jsonOk(Program), ...commonErrors } }),
    async (c) => c.json(await updateProgram(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/cohorts',
      tags,
      summary: 'Курсовые группы по датам',
      request: { query: z.object({ programId: z.uuid().optional(), from: isoDateSchema.optional(), to: isoDateSchema.optional(), upcoming: queryBool.optional(), limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) },
      responses: { 200: jsonOk(pageOf(CohortWithProgram, 'CohortPage')), ...commonErrors },
    }),
    async (c) => c.json(await findCohorts(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/cohorts', tags, summary: 'Создать курсовую группу программы', request: { body: jsonBody(CohortCreate) }, responses: { 201: jsonOk(CohortWithProgram.extend({ canEdit: z.boolean() })), ...commonErrors } }),
    async (c) => c.json(await createCohort(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/cohorts/{id}', tags, summary: 'Курсовая группа: места, лист ожидания', request: { params: IdParam }, responses: { 200: jsonOk(CohortWithProgram.extend({ canEdit: z.boolean() }).openapi('CohortDetail')), ...commonErrors } }),
    async (c) => c.json(await getCohort(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/cohorts/{id}', tags, summary: 'Изменить курсовую группу (добавленные места получает лист ожидания)', request: { params: IdParam, body: jsonBody(CohortUpdate) }, responses: { 200: jsonOk(CohortWithProgram.extend({ canEdit: z.boolean() })), ...commonErrors } }),
    async (c) => c.json(await updateCohort(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/enrollments',
      tags,
      summary: 'Записи на обучение и удостоверения (видимых работников; для организации-исполнителя — её слушатели)',
      request: { query: z.object({ staffId: z.uuid().optional(), cohortId: z.uuid().optional(), programId: z.uuid().optional(), status: EnrollmentStatus.optional(), limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) },
      responses: { 200: jsonOk(pageOf(Enrollment, 'EnrollmentPage')), ...commonErrors },
    }),
    async (c) => c.json(await findEnrollments(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/enrollments',
      tags,
      summary: 'Заявка на обучение в курсовой группе (сам работник, его тьютор или администратор)',
      request: { body: jsonBody(z.strictObject({ staffId: z.uuid(), cohortId: z.uuid(), note: z.string().trim().max(2000).nullish() }).openapi('EnrollmentRequest')) },
      responses: { 201: jsonOk(Enrollment), ...commonErrors },
    }),
    async (c) => c.json(await requestEnrollment(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/enrollments/external',
      tags,
      summary: 'Курс, пройденный в другой организации, с удостоверением — на согласование',
      description: `Файл удостоверения: ${acceptedFileTypes}, до ${evidenceLimits.maxBytes / 1048576} МБ.`,
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                staffId: z.uuid(),
                programId: z.uuid().optional().openapi({ description: 'Программа из каталога, если курс в нём есть' }),
                title: z.string().trim().max(1000).optional(),
                provider: z.string().trim().max(1000).optional(),
                hours: z.coerce.number().int().min(1).max(5000).optional(),
                completedOn: isoDateSchema,
                certificateNumber: z.string().trim().min(1).max(100),
                certificateDate: isoDateSchema,
                file: z.any().optional().openapi({ type: 'string', format: 'binary' }),
              }),
            },
          },
        },
      },
      responses: { 201: jsonOk(Enrollment), ...commonErrors },
    }),
    async (c) => {
      const { file, ...input } = c.req.valid('form');
      const files = file instanceof File && file.size > 0 ? [{ name: file.name, data: Buffer.from(await file.arrayBuffer()) }] : [];
      if (file !== undefined && !(file instanceof File) && file !== '') throw new AppError(422, 'validation', 'Поле file должно быть файлом');
      return c.json(await recordExternalCourse(deps(c).db, requireActor(c), input, files), 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/enrollments/{id}', tags, summary: 'Запись на обучение', request: { params: IdParam }, responses: { 200: jsonOk(Enrollment), ...commonErrors } }),
    async (c) => c.json(await getEnrollment(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/enrollments/{id}', tags, summary: 'Шаг согласования или обучения (с проверкой версии)', request: { params: IdParam, body: jsonBody(EnrollmentChange) }, responses: { 200: jsonOk(Enrollment), ...commonErrors } }),
    async (c) => c.json(await changeEnrollment(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/enrollments/{id}/certificate', tags, summary: 'Скачать файл удостоверения', request: { params: IdParam }, responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors } }),
    async (c) => {
      const file = await readCertificateFile(deps(c).db, requireActor(c), c.req.valid('param').id);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  );

// The wire shapes, for the web UI's type-only imports.
export type ProgramListItemDto = z.infer<typeof ProgramListItemSchema>;
export type ProgramDto = z.infer<typeof Program>;
export type CohortDto = z.infer<typeof CohortWithProgram>;
export type EnrollmentDto = z.infer<typeof Enrollment>;
