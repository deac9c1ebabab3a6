import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, jsonBody, jsonOk, fileOk, requireActor, deps } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { roleCodes } from '../../../common/dictionaries.js';
import {
  blockPerson,
  destroyPerson,
  exportSubject,
  getDestructionAct,
  getPrivacyCard,
  listDestructionActs,
  listPersonalDataAccess,
  recordConsent,
  setProcessingBasis,
  unblockPerson,
} from './privacy.service.js';
import { legalBasisCodes } from './privacy.schema.js';
import { writeDestructionActDocx } from './destruction-act-docx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const Consent = z
  .object({
    id: z.uuid(),
    status: z.enum(['given', 'withdrawn']),
    textVersion: z.string(),
    effectiveOn: z.string(),
    note: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
  })
  .openapi('PersonalDataConsent');

const PrivacyCard = z
  .object({
    staffId: z.uuid(),
    legalBasis: z.enum(legalBasisCodes),
    legalBasisName: z.string(),
    purpose: z.string(),
    basisVersion: z.number().int(),
    basisUpdatedAt: z.string().nullable(),
    consent: Consent.nullable(),
    consents: z.array(Consent),
    blocked: z.object({ reason: z.string(), blockedAt: z.string(), blockedBy: z.string().nullable() }).nullable(),
    destructionActs: z.array(z.object({ id: z.uuid(), number: z.number().int(), actDate: z.string() })),
    canAdminister: z.boolean(),
  })
  .openapi('PrivacyCard');

const ConsentInput = z
  .object({
    status: z.enum(['given', 'withdrawn']).openapi({ description: 'given — согласие дано; withdrawn — отозвано' }),
    textVersion: z.string().trim().min(1, 'Укажите редакцию текста согласия').max(50),
    effectiveOn: isoDateSchema,
    note: z.string().max(1000).nullish(),
  })
  .openapi('ConsentInput');

const BasisInput = z
  .object({ legalBasis: z.enum(legalBasisCodes), purpose: z.string().trim().min(5, 'Опишите цель обработки').max(1000), version: z.number().int().min(0) })
  .openapi('ProcessingBasisInput');

const Reason = z.object({ reason: z.string().trim().min(5, 'Укажите основание (не короче 5 символов)').max(1000) }).openapi('BlockInput');
const DestroyInput = z
  .object({ basis: z.string().trim().min(5, 'Укажите основание уничтожения (не короче 5 символов)').max(1000), confirm: z.literal(true, 'Подтвердите уничтожение: действие необратимо') })
  .openapi('DestroyInput');

const StoreReport = z.object({ table: z.string(), purpose: z.string(), action: z.enum(['erased', 'deleted', 'mentions', 'files']), rows: z.number().int(), columns: z.array(z.string()) });
const DestructionAct = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    actDate: z.string(),
    staffId: z.uuid().nullable(),
    basis: z.string(),
    performedBy: z.string().nullable(),
    stores: z.array(StoreReport),
    auditRowsErased: z.number().int(),
    auditChainSeq: z.number().int().nullable(),
    auditExtract: z.array(z.object({ chainSeq: z.number().int(), at: z.string(), action: z.string(), login: z.string().nullable(), hash: z.string(), erased: z.boolean() })),
  })
  .openapi('DestructionAct');
const DestructionActList = z
  .object({ items: z.array(z.object({ id: z.uuid(), number: z.number().int(), actDate: z.string(), basis: z.string(), performedBy: z.string().nullable(), rows: z.number().int(), auditRowsErased: z.number().int() })) })
  .openapi('DestructionActList');

const AccessList = z
  .object({
    items: z.array(
      z.object({
        userId: z.uuid(),
        login: z.string(),
        displayName: z.string(),
        role: z.enum(roleCodes),
        roleName: z.string(),
        scopeName: z.string(),
        scopeKind: z.enum(['territory', 'organization']),
        access: z.string(),
        people: z.number().int().nullable(),
        blocked: z.boolean(),
      }),
    ),
    retention: z.array(z.object({ table: z.string(), purpose: z.string(), period: z.string(), action: z.enum(['delete', 'destroy_person', 'erase_audit']) })),
  })
  .openapi('PersonalDataAccessList');

const SubjectExport = z
  .object({
    person: z.object({ id: z.uuid(), fullName: z.string() }),
    exportedAt: z.string(),
    exportedBy: z.string(),
    stores: z.array(z.object({ table: z.string(), purpose: z.string(), rows: z.array(z.record(z.string(), z.unknown())) })),
    disclosures: z.array(z.object({ at: z.string(), login: z.string().nullable(), action: z.string() })),
    note: z.string(),
  })
  .openapi('SubjectExport');
export type SubjectExportDto = z.infer<typeof SubjectExport>;

const tags = ['Персональные данные'];

export const privacyApi = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/staff/{id}/personal-data',
    tags,
    summary: 'Всё, что хранится о человеке, и кому его карточка показывалась (по запросу субъекта; сам человек или администратор над ним)',
    request: { params: IdParam },
    responses: { 200: jsonOk(SubjectExport), ...commonErrors },
  }),
  async (c) => {
    const result = await exportSubject(deps(c).db, requireActor(c), c.req.valid('param').id);
    c.header('content-disposition', `attachment; filename="personal-data-${result.person.id}.json"`);
    return c.json(result, 200);
  },
)
  .openapi(
    createRoute({ method: 'get', path: '/api/staff/{id}/privacy', tags, summary: 'Основание и цель обработки, история согласий, блокирование (сам человек или администратор над ним)', request: { params: IdParam }, responses: { 200: jsonOk(PrivacyCard), ...commonErrors } }),
    async (c) => c.json(await getPrivacyCard(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/staff/{id}/privacy/consents', tags, summary: 'Новая запись о согласии: дано или отозвано, редакция текста, дата (история не переписывается)', request: { params: IdParam, body: jsonBody(ConsentInput) }, responses: { 200: jsonOk(PrivacyCard), ...commonErrors } }),
    async (c) => c.json(await recordConsent(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'put', path: '/api/staff/{id}/privacy/basis', tags, summary: 'Правовое основание и цель обработки (администратор региона)', request: { params: IdParam, body: jsonBody(BasisInput) }, responses: { 200: jsonOk(PrivacyCard), ...commonErrors } }),
    async (c) => c.json(await setProcessingBasis(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/staff/{id}/privacy/block', tags, summary: 'Заблокировать обработку: человек скрыт из списков, изменения о нём не принимаются, вход закрыт (администратор региона)', request: { params: IdParam, body: jsonBody(Reason) }, responses: { 200: jsonOk(PrivacyCard), ...commonErrors } }),
    async (c) => c.json(await blockPerson(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/staff/{id}/privacy/unblock', tags, summary: 'Снять блокирование обработки (администратор региона)', request: { params: IdParam }, responses: { 200: jsonOk(PrivacyCard), ...commonErrors } }),
    async (c) => c.json(await unblockPerson(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/staff/{id}/privacy/destroy', tags, summary: 'Уничтожить персональные данные во всех хранилищах реестра, составить акт (администратор региона; необратимо)', request: { params: IdParam, body: jsonBody(DestroyInput) }, responses: { 200: jsonOk(DestructionAct), ...commonErrors } }),
    async (c) => c.json(await destroyPerson(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').basis), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/privacy/destruction-acts', tags, summary: 'Акты уничтожения персональных данных в области администратора региона', responses: { 200: jsonOk(DestructionActList), ...commonErrors } }),
    async (c) => c.json(await listDestructionActs(deps(c).db, requireActor(c)), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/privacy/destruction-acts/{id}', tags, summary: 'Акт уничтожения с выпиской из журнала аудита', request: { params: IdParam }, responses: { 200: jsonOk(DestructionAct), ...commonErrors } }),
    async (c) => c.json(await getDestructionAct(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/privacy/destruction-acts/{id}/export.docx', tags, summary: 'Акт уничтожения в DOCX для подписи, с выпиской из журнала аудита', request: { params: IdParam }, responses: { 200: fileOk(DOCX, 'Файл DOCX'), ...commonErrors } }),
    async (c) => {
      const act = await getDestructionAct(deps(c).db, requireActor(c), c.req.valid('param').id);
      return attachment(await writeDestructionActDocx(act), { mime: DOCX, fileName: `Акт уничтожения ПДн № ${act.number}.docx` });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/privacy/access', tags, summary: 'Кто имеет доступ к персональным данным в области администратора (по назначенным ролям) и сроки хранения', responses: { 200: jsonOk(AccessList), ...commonErrors } }),
    async (c) => c.json(await listPersonalDataAccess(deps(c).db, requireActor(c)), 200),
  );

export type PrivacyCardDto = z.infer<typeof PrivacyCard>;
export type DestructionActDto = z.infer<typeof DestructionAct>;
export type DestructionActListDto = z.infer<typeof DestructionActList>;
export type PersonalDataAccessDto = z.infer<typeof AccessList>;
