import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { organizationKindCodes, organizationFunctionCodes, organizationKinds, organizationFunctions } from '../../../common/dictionaries.js';
import { findOrganizations, getOrganization, createOrganization, updateOrganization, streamOrganizations } from './organizations.service.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { recordAudit } from '../audit/audit.service.js';

const Organization = z
  .object({
    id: z.uuid(),
    kind: z.enum(organizationKindCodes),
    fullName: z.string(),
    shortName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string().nullable(),
    parentId: z.uuid().nullable(),
    inn: z.string().nullable(),
    address: z.string().nullable(),
    lowResultsSchool: z.boolean(),
    innovationSite: z.boolean(),
    internshipSite: z.boolean(),
    functions: z.array(z.enum(organizationFunctionCodes)),
    archived: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('Organization');

const Filters = z.object({
  q: z.string().max(200).optional(),
  kind: z.enum(organizationKindCodes).optional(),
  territoryId: z.uuid().optional(),
  parentId: z.uuid().optional(),
  lowResultsSchool: queryBool.optional(),
  archived: queryBool.optional(),
  sort: z.enum(['name', 'updated']).optional(),
});
const ListQuery = Filters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

const inn = z
  .string()
  .trim()
  .regex(/^\d{10}(\d{2})?$/, 'ИНН состоит из 10 или 12 цифр');
const Fields = {
  kind: z.enum(organizationKindCodes),
  fullName: z.string().trim().min(3).max(1000),
  shortName: z.string().trim().min(2).max(300),
  territoryId: z.uuid(),
  parentId: z.uuid().nullish(),
  inn: inn.nullish(),
  address: z.string().trim().max(1000).nullish(),
  lowResultsSchool: z.boolean().optional(),
  innovationSite: z.boolean().optional(),
  internshipSite: z.boolean().optional(),
  functions: z.array(z.enum(organizationFunctionCodes)).max(20).optional(),
};
// strict: fields the API does not know (an owner, a path, a version on create…) are refused, not ignored silently
const CreateBody = z.strictObject(Fields).openapi('OrganizationCreate');
const UpdateBody = z
  .strictObject({ ...Fields, version: z.number().int().positive(), archived: z.boolean().optional() })
  .partial()
  .required({ version: true })
  .openapi('OrganizationUpdate');

const tags = ['Организации'];

export const organizationsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/organizations', tags, summary: 'Список организаций', request: { query: ListQuery }, responses: { 200: jsonOk(pageOf(Organization, 'OrganizationPage')), ...commonErrors } }),
    async (c) => c.json(await findOrganizations(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/organizations/export.xlsx', tags, summary: 'Выгрузка списка организаций в XLSX (с фильтрами списка)', request: { query: Filters }, responses: { 200: fileOk('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Файл XLSX'), ...commonErrors } }),
    async (c) => {
      const actor = requireActor(c);
      const { db } = deps(c);
      const filters = c.req.valid('query');
      await recordAudit(db, actor, { action: 'organization.export', entity: 'organization', after: filters });
      return xlsxResponse('organizations.xlsx', {
        sheetName: 'Организации',
        title: 'Организации',
        rows: streamOrganizations(db, actor, filters),
        columns: [
          { key: 'shortName', header: 'Краткое наименование', width: 40, value: (o) => o.shortName },
          { key: 'fullName', header: 'Полное наименование', width: 60, value: (o) => o.fullName },
          { key: 'kind', header: 'Тип', width: 35, value: (o) => organizationKinds[o.kind] },
          { key: 'territory', header: 'Территория', width: 30, value: (o) => o.territoryName },
          { key: 'inn', header: 'ИНН', width: 14, value: (o) => o.inn },
          { key: 'address', header: 'Адрес', width: 50, value: (o) => o.address },
          { key: 'lowResultsSchool', header: 'ШНОР', width: 8, value: (o) => o.lowResultsSchool },
          { key: 'innovationSite', header: 'Инновационная площадка', width: 12, value: (o) => o.innovationSite },
          { key: 'internshipSite', header: 'Стажировочная площадка', width: 12, value: (o) => o.internshipSite },
          { key: 'functions', header: 'Функции в системе', width: 50, value: (o) => o.functions.map((f) => organizationFunctions[f]).join('; ') },
        ],
      });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/organizations/{id}', tags, summary: 'Карточка организации', request: { params: IdParam }, responses: { 200: jsonOk(Organization), ...commonErrors } }),
    async (c) => c.json(await getOrganization(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/organizations', tags, summary: 'Создать организацию', request: { body: jsonBody(CreateBody) }, responses: { 201: jsonOk(Organization), ...commonErrors } }),
    async (c) => c.json(await createOrganization(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/organizations/{id}', tags, summary: 'Изменить организацию (с проверкой версии)', request: { params: IdParam, body: jsonBody(UpdateBody) }, responses: { 200: jsonOk(Organization), ...commonErrors } }),
    async (c) => c.json(await updateOrganization(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

// The wire shapes, for the web UI's type-only imports.
export type OrganizationDto = z.infer<typeof Organization>;
export type OrganizationCreateDto = z.input<typeof CreateBody>;
