import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { qualificationCategoryCodes, qualificationCategories, staffCategories, sexes } from '../../../common/dictionaries.js';
import { personFields, positionInputSchema, staffCreateSchema } from '../../../common/staff-schemas.js';
import { findStaff, getStaff, createStaff, updateStaff, streamStaff } from './staff.service.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { recordAudit } from '../audit/audit.service.js';

const Position = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    territoryId: z.uuid(),
    title: z.string(),
    staffCategory: z.enum(['pedagogical', 'managerial']),
    subjects: z.array(z.string()),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    educationMatchesSubject: z.boolean().nullable(),
  })
  .openapi('StaffPosition');

const StaffListItem = z
  .object({
    id: z.uuid(),
    surname: z.string(),
    name: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    professionStartYear: z.number().int().nullable(),
    qualificationCategory: z.enum(qualificationCategoryCodes).nullable(),
    age: z.number().int().nullable(),
    yearsInProfession: z.number().int().nullable(),
    youngSpecialist: z.boolean(),
    positions: z.array(Position),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi('StaffListItem');
const StaffDetail = StaffListItem.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  snils: z.string().nullable(),
  updatedAt: z.string(),
}).openapi('Staff');

const Filters = z.object({
  q: z.string().max(200).optional(),
  organizationId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  staffCategory: z.enum(['pedagogical', 'managerial']).optional(),
  subject: z.string().max(100).optional(),
  qualificationCategory: z.enum(qualificationCategoryCodes).optional(),
  youngSpecialist: queryBool.optional(),
  sex: z.enum(['male', 'female']).optional(),
  archived: queryBool.optional(),
  sort: z.enum(['name', 'birthDate', 'updated']).optional(),
});
const ListQuery = Filters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

const PositionInput = positionInputSchema.openapi('StaffPositionInput');
const CreateBody = staffCreateSchema.openapi('StaffCreate');
const UpdateBody = z
  .strictObject({ ...personFields, positions: z.array(PositionInput).min(1).max(10), version: z.number().int().positive(), archived: z.boolean() })
  .partial()
  .required({ version: true })
  .openapi('StaffUpdate');

const fullName = (s: { surname: string; name: string; patronymic: string | null }) => [s.surname, s.name, s.patronymic].filter(Boolean).join(' ');

const tags = ['Работники'];

export const staffApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/staff', tags, summary: 'Реестр педагогических и управленческих кадров', request: { query: ListQuery }, responses: { 200: jsonOk(pageOf(StaffListItem, 'StaffPage')), ...commonErrors } }),
    async (c) => c.json(await findStaff(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/staff/export.xlsx', tags, summary: 'Выгрузка реестра в XLSX (с фильтрами списка)', request: { query: Filters }, responses: { 200: fileOk('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Файл XLSX'), ...commonErrors } }),
    async (c) => {
      const actor = requireActor(c);
      const { db } = deps(c);
      const filters = c.req.valid('query');
      await recordAudit(db, actor, { action: 'staff.export', entity: 'staff', territoryIds: actor.write.territoryIds, organizationIds: actor.write.organizationIds, after: filters });
      return xlsxResponse('staff.xlsx', {
        sheetName: 'Работники',
        title: 'Реестр педагогических работников и управленческих кадров',
        rows: streamStaff(db, actor, filters),
        columns: [
          { key: 'fullName', header: 'ФИО', width: 36, value: fullName },
          { key: 'birthDate', header: 'Дата рождения', width: 14, value: (s) => (s.birthDate ? new Date(`${s.birthDate}T00:00:00Z`) : null) },
          { key: 'age', header: 'Возраст', width: 9, value: (s) => s.age },
          { key: 'sex', header: 'Пол', width: 10, value: (s) => (s.sex ? sexes[s.sex] : null) },
          { key: 'organization', header: 'Организация', width: 40, value: (s) => s.positions.map((p) => p.organizationName).join('; ') },
          { key: 'position', header: 'Должность', width: 36, value: (s) => s.positions.map((p) => p.title).join('; ') },
          { key: 'category', header: 'Категория', width: 24, value: (s) => [...new Set(s.positions.map((p) => staffCategories[p.staffCategory]))].join('; ') },
          { key: 'subjects', header: 'Предметы', width: 30, value: (s) => [...new Set(s.positions.flatMap((p) => p.subjects))].join('; ') },
          { key: 'professionStartYear', header: 'Год начала работы', width: 12, value: (s) => s.professionStartYear },
          { key: 'yearsInProfession', header: 'Стаж, лет', width: 10, value: (s) => s.yearsInProfession },
          { key: 'young', header: 'Молодой специалист', width: 12, value: (s) => s.youngSpecialist },
          { key: 'qualification', header: 'Квалификационная категория', width: 24, value: (s) => (s.qualificationCategory ? qualificationCategories[s.qualificationCategory] : null) },
        ],
      });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/staff/{id}', tags, summary: 'Карточка работника (чтение чужих данных фиксируется в журнале)', request: { params: IdParam }, responses: { 200: jsonOk(StaffDetail), ...commonErrors } }),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await getStaff(deps(c).db, requireActor(c), c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/staff', tags, summary: 'Добавить работника', request: { body: jsonBody(CreateBody) }, responses: { 201: jsonOk(StaffDetail), ...commonErrors } }),
    async (c) => c.json(await createStaff(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/staff/{id}', tags, summary: 'Изменить или архивировать работника (с проверкой версии)', request: { params: IdParam, body: jsonBody(UpdateBody) }, responses: { 200: jsonOk(StaffDetail), ...commonErrors } }),
    async (c) => c.json(await updateStaff(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

// The wire shapes, for the web UI's type-only imports: one definition on both sides.
export type StaffListItemDto = z.infer<typeof StaffListItem>;
export type StaffDetailDto = z.infer<typeof StaffDetail>;
export type StaffPositionDto = z.infer<typeof Position>;
