import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, fileOk } from '../../lib/http.js';
import { AppError } from '../../lib/errors.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { documentKinds, documentLevels, documentStatuses } from './documents.schema.js';
import { findDocuments, getDocument, createDocument, updateDocument, changeDocumentStatus, attachDocumentFile, readDocumentFile, linkActivity, linkOrganization, unlink } from './documents.service.js';
import { acceptedFileTypes } from '../files/files.service.js';

const tags = ['Документы'];

const Kind = z.enum(documentKinds).openapi('DocumentKind', {
  description: 'order — приказ; directive — распоряжение; regulation — положение; agreement — соглашение; local_act — локальный акт; plan — план, программа; other — иной документ',
});
const Status = z.enum(documentStatuses).openapi('DocumentStatus', { description: 'draft — проект; approved — утверждён; in_force — действует; superseded — утратил силу' });
const Level = z.enum(documentLevels).openapi('DocumentLevel', {
  description: 'regional — региональный (читают все в регионе); municipal — муниципальный (читают муниципалитет и регион); organization — документ организации (читают те, кто видит организацию)',
});
const nullableText = (max: number) => z.string().trim().max(max).nullish();

const Party = z.object({ organizationId: z.uuid().nullable(), name: z.string() }).openapi('DocumentParty');
const FileMeta = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() }).openapi('DocumentFile');
const Related = z.object({ id: z.uuid(), kind: Kind, title: z.string(), number: z.string().nullable(), docDate: z.string().nullable(), status: Status }).openapi('RelatedDocument');

const DocumentListItemSchema = z
  .object({
    id: z.uuid(),
    kind: Kind,
    title: z.string(),
    number: z.string().nullable(),
    docDate: z.string().nullable(),
    status: Status,
    level: Level,
    ownerOrganizationId: z.uuid(),
    ownerName: z.string(),
    territoryId: z.uuid(),
    territoryName: z.string(),
    fileName: z.string().nullable(),
    supersededById: z.uuid().nullable(),
    version: z.number().int(),
  })
  .openapi('DocumentListItem');

const DocumentSchema = DocumentListItemSchema.extend({
  validFrom: z.string().nullable(),
  summary: z.string().nullable(),
  file: FileMeta.nullable().openapi({ description: 'Скачивание: GET /api/documents/{id}/file' }),
  parties: z.array(Party),
  activityLinks: z.array(z.object({ id: z.uuid(), activityId: z.uuid(), number: z.string(), title: z.string(), roadmapId: z.uuid(), roadmapTitle: z.string(), note: z.string().nullable() })),
  organizationLinks: z.array(z.object({ id: z.uuid(), organizationId: z.uuid(), organizationName: z.string(), purpose: z.string() })),
  history: z.array(z.object({ fromStatus: z.union([Status, z.null()]), toStatus: Status, comment: z.string().nullable(), changedAt: z.string(), changedBy: z.string().nullable() })),
  supersededBy: Related.nullable(),
  supersedes: z.array(Related),
  canEdit: z.boolean(),
  allowedStatuses: z.array(Status),
}).openapi('Document');

const PartyInput = z.strictObject({ organizationId: z.uuid().nullish(), name: nullableText(500) });
const documentFields = {
  kind: Kind,
  title: z.string().trim().min(3, 'Укажите наименование документа').max(1000),
  number: nullableText(100),
  docDate: isoDateSchema.nullish(),
  validFrom: isoDateSchema.nullish(),
  summary: nullableText(5000),
  parties: z.array(PartyInput).max(50).optional(),
};
const DocumentCreate = z.strictObject({ ...documentFields, ownerOrganizationId: z.uuid('Выберите организацию, издавшую документ'), level: Level.optional() }).openapi('DocumentCreate');
const DocumentUpdate = z.strictObject({ ...documentFields, kind: Kind.optional(), title: documentFields.title.optional(), version: z.number().int().positive() }).openapi('DocumentUpdate');
const StatusChangeSchema = z
  .strictObject({
    version: z.number().int().positive(),
    status: Status,
    supersededById: z.uuid().nullish().openapi({ description: 'Для status=superseded: документ, который заменяет этот' }),
    comment: nullableText(2000),
  })
  .openapi('DocumentStatusChange');

export type DocumentListItemDto = z.infer<typeof DocumentListItemSchema>;
export type DocumentDto = z.infer<typeof DocumentSchema>;
export type DocumentCreateDto = z.infer<typeof DocumentCreate>;

const LinkIdParam = IdParam;

export const documentsApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents',
      tags,
      summary: 'Документы в области доступа (приказы, положения, соглашения, локальные акты)',
      request: {
        query: PageQuery.extend({
          kind: Kind.optional(),
          status: Status.optional(),
          level: Level.optional(),
          territoryId: z.uuid().optional().openapi({ description: 'Документы органов и организаций этой территории и входящих в неё' }),
          ownerOrganizationId: z.uuid().optional(),
          activityId: z.uuid().optional().openapi({ description: 'Документы, связанные с мероприятием дорожной карты' }),
          linkedOrganizationId: z.uuid().optional().openapi({ description: 'Документы, связанные с организацией или подписанные ею как стороной' }),
        }),
      },
      responses: { 200: jsonOk(pageOf(DocumentListItemSchema, 'DocumentPage')), ...commonErrors },
    }),
    async (c) => c.json(await findDocuments(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/documents', tags, summary: 'Создать документ (проект) от имени администрируемой организации', request: { body: jsonBody(DocumentCreate) }, responses: { 201: jsonOk(DocumentSchema), ...commonErrors } }),
    async (c) => c.json(await createDocument(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/documents/{id}', tags, summary: 'Карточка документа: стороны, файл, связи, история статусов', request: { params: IdParam }, responses: { 200: jsonOk(DocumentSchema), ...commonErrors } }),
    async (c) => c.json(await getDocument(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/documents/{id}',
      tags,
      summary: 'Изменить реквизиты и стороны проекта или утверждённого документа (с проверкой версии)',
      request: { params: IdParam, body: jsonBody(DocumentUpdate) },
      responses: { 200: jsonOk(DocumentSchema), ...commonErrors },
    }),
    async (c) => c.json(await updateDocument(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{id}/status',
      tags,
      summary: 'Сменить статус: проект → утверждён → действует → утратил силу (с указанием заменяющего документа)',
      description: 'Утвердить или ввести в действие можно документ с номером и датой; соглашение — не менее чем с двумя сторонами.',
      request: { params: IdParam, body: jsonBody(StatusChangeSchema) },
      responses: { 200: jsonOk(DocumentSchema), ...commonErrors },
    }),
    async (c) => c.json(await changeDocumentStatus(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/documents/{id}/file',
      tags,
      summary: 'Приложить или заменить файл документа (поле file)',
      description: `Допустимы ${acceptedFileTypes}; тип определяется по содержимому. Файл действующего документа не заменяется.`,
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } },
      },
      responses: { 200: jsonOk(DocumentSchema), ...commonErrors },
    }),
    async (c) => {
      const { db, config } = deps(c);
      const form = c.req.valid('form') as { file?: unknown };
      if (!(form.file instanceof File) || form.file.size === 0) throw new AppError(422, 'validation', 'Выберите файл документа', { fields: [{ field: 'file', message: 'Выберите файл' }] });
      if (form.file.size > config.uploadMaxBytes) throw new AppError(413, 'too_large', `Файл больше ${Math.round(config.uploadMaxBytes / 1048576)} МБ`);
      const file = { name: form.file.name, data: Buffer.from(await form.file.arrayBuffer()) };
      return c.json(await attachDocumentFile(db, requireActor(c), c.req.valid('param').id, file, config.uploadMaxBytes), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/documents/{id}/file', tags, summary: 'Скачать файл документа', request: { params: IdParam }, responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors } }),
    async (c) => {
      const file = await readDocumentFile(deps(c).db, requireActor(c), c.req.valid('param').id);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{id}/activity-links',
      tags,
      summary: 'Связать документ с мероприятием дорожной карты как подтверждение исполнения',
      request: { params: IdParam, body: jsonBody(z.strictObject({ activityId: z.uuid('Выберите мероприятие'), note: nullableText(1000) })) },
      responses: { 201: jsonOk(DocumentSchema), ...commonErrors },
    }),
    async (c) => c.json(await linkActivity(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{id}/organization-links',
      tags,
      summary: 'Связать документ с организацией с указанием цели («ответственный назначен локальным актом»)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ organizationId: z.uuid('Выберите организацию'), purpose: z.string().trim().min(3, 'Укажите, что подтверждает документ').max(1000) })) },
      responses: { 201: jsonOk(DocumentSchema), ...commonErrors },
    }),
    async (c) => c.json(await linkOrganization(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/document-activity-links/{id}', tags, summary: 'Удалить связь документа с мероприятием', request: { params: LinkIdParam }, responses: { 200: jsonOk(DocumentSchema), ...commonErrors } }),
    async (c) => c.json(await unlink(deps(c).db, requireActor(c), 'activity', c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/document-organization-links/{id}', tags, summary: 'Удалить связь документа с организацией', request: { params: LinkIdParam }, responses: { 200: jsonOk(DocumentSchema), ...commonErrors } }),
    async (c) => c.json(await unlink(deps(c).db, requireActor(c), 'organization', c.req.valid('param').id), 200),
  );
