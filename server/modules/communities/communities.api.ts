import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { communityKindCodes, communityFocusCodes, communityMemberRoleCodes, eventLevelCodes, eventFormatCodes } from '../../../common/events-dictionaries.js';
import { acceptedFileTypes, evidenceLimits, formFiles } from '../files/files.service.js';
import { findCommunities, getCommunity, createCommunity, updateCommunity, findMembers, addMember, changeMember, findPlans, createPlan, findMeetings, createMeeting, readMeetingFile } from './communities.service.js';

const Kind = z.enum(communityKindCodes).openapi('CommunityKind', { description: 'methodological_association — методическое объединение; networking_platform — нетворкинг-площадка; professional_association — профессиональная ассоциация; network_community — сетевое сообщество' });
const Focus = z.enum(communityFocusCodes).openapi('CommunityFocus', { description: 'subject — предметное; inter_subject — межпредметное; meta_subject — метапредметное' });
const Level = z.enum(eventLevelCodes);
const MemberRole = z.enum(communityMemberRoleCodes).openapi('CommunityMemberRole', { description: 'leader — руководитель; deputy — заместитель; member — участник' });

const CommunityListItem = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: Kind,
    level: Level,
    focus: Focus.nullable(),
    subjects: z.array(z.string()),
    baseOrganizationId: z.uuid(),
    baseOrganizationName: z.string(),
    territoryId: z.uuid(),
    leaderName: z.string().nullable(),
    leaderStaffId: z.uuid().nullable(),
    members: z.number().int(),
    meetings: z.number().int(),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi('CommunityListItem');
const Community = CommunityListItem.extend({ description: z.string().nullable(), canEdit: z.boolean(), canManage: z.boolean(), myMembershipId: z.uuid().nullable() }).openapi('Community');
const Member = z
  .object({ id: z.uuid(), staffId: z.uuid(), fullName: z.string(), organizationName: z.string().nullable(), role: MemberRole, joinedOn: z.string(), leftOn: z.string().nullable(), meetingsAttended: z.number().int() })
  .openapi('CommunityMember');
const Plan = z.object({ id: z.uuid(), period: z.string(), title: z.string(), items: z.array(z.string()), approvedOn: z.string().nullable(), version: z.number().int() }).openapi('CommunityPlan');
const StoredFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
const Meeting = z
  .object({
    id: z.uuid(),
    heldAt: z.string(),
    topic: z.string(),
    format: z.enum(eventFormatCodes),
    place: z.string().nullable(),
    decisions: z.string().nullable(),
    protocolNumber: z.string().nullable(),
    protocolFiles: z.array(StoredFile),
    participants: z.array(z.object({ staffId: z.uuid(), fullName: z.string() })),
    version: z.number().int(),
  })
  .openapi('CommunityMeeting');

const fields = {
  name: z.string().trim().min(3).max(1000),
  kind: Kind,
  focus: Focus.nullish(),
  subjects: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  description: z.string().trim().max(20000).nullish(),
};
const CommunityCreate = z.strictObject({ ...fields, level: Level, baseOrganizationId: z.uuid() }).openapi('CommunityCreate');
const CommunityUpdate = z.strictObject({ ...fields, version: z.number().int().positive(), archived: z.boolean() }).partial().required({ version: true }).openapi('CommunityUpdate');

const tags = ['Профессиональные сообщества'];

export const communitiesApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/communities',
      tags,
      summary: 'Сообщества в области доступа',
      request: { query: PageQuery.extend({ kind: Kind.optional(), level: Level.optional(), territoryId: z.uuid().optional(), mine: queryBool.optional(), archived: queryBool.optional() }) },
      responses: { 200: jsonOk(pageOf(CommunityListItem, 'CommunityPage')), ...commonErrors },
    }),
    async (c) => c.json(await findCommunities(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/communities', tags, summary: 'Новое сообщество (администраторы базовой организации)', request: { body: jsonBody(CommunityCreate) }, responses: { 201: jsonOk(Community), ...commonErrors } }),
    async (c) => c.json(await createCommunity(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/communities/{id}', tags, summary: 'Карточка сообщества', request: { params: IdParam }, responses: { 200: jsonOk(Community), ...commonErrors } }),
    async (c) => c.json(await getCommunity(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/communities/{id}', tags, summary: 'Изменить сообщество (с проверкой версии)', request: { params: IdParam, body: jsonBody(CommunityUpdate) }, responses: { 200: jsonOk(Community), ...commonErrors } }),
    async (c) => c.json(await updateCommunity(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/communities/{id}/members', tags, summary: 'Состав сообщества и участие в заседаниях', request: { params: IdParam }, responses: { 200: jsonOk(z.object({ meetings: z.number().int(), items: z.array(Member) }).openapi('CommunityMemberList')), ...commonErrors } }),
    async (c) => c.json(await findMembers(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/communities/{id}/members',
      tags,
      summary: 'Добавить участника (или вступить самому)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ staffId: z.uuid().optional().openapi({ description: 'По умолчанию — сам пользователь' }), role: MemberRole.optional(), joinedOn: isoDateSchema.optional() }).openapi('CommunityMemberAdd')) },
      responses: { 201: jsonOk(Member), ...commonErrors },
    }),
    async (c) => c.json(await addMember(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/community-members/{id}',
      tags,
      summary: 'Сменить роль участника или отметить выход из сообщества',
      request: { params: IdParam, body: jsonBody(z.strictObject({ role: MemberRole.optional(), leave: z.boolean().optional() }).openapi('CommunityMemberChange')) },
      responses: { 200: jsonOk(Member), ...commonErrors },
    }),
    async (c) => c.json(await changeMember(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/communities/{id}/plans', tags, summary: 'Планы работы сообщества', request: { params: IdParam }, responses: { 200: jsonOk(z.object({ items: z.array(Plan) }).openapi('CommunityPlanList')), ...commonErrors } }),
    async (c) => c.json(await findPlans(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/communities/{id}/plans',
      tags,
      summary: 'Добавить план работы',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({
              period: z.string().trim().min(4, 'Укажите период, например «2026/2027 учебный год»').max(100),
              title: z.string().trim().min(3).max(1000),
              items: z.array(z.string().trim().min(1).max(2000)).min(1, 'Добавьте хотя бы один пункт плана').max(200),
              approvedOn: isoDateSchema.nullish(),
            })
            .openapi('CommunityPlanCreate'),
        ),
      },
      responses: { 201: jsonOk(Plan), ...commonErrors },
    }),
    async (c) => c.json(await createPlan(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/communities/{id}/meetings', tags, summary: 'Заседания с протоколами', request: { params: IdParam }, responses: { 200: jsonOk(z.object({ items: z.array(Meeting) }).openapi('CommunityMeetingList')), ...commonErrors } }),
    async (c) => c.json(await findMeetings(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/communities/{id}/meetings',
      tags,
      summary: 'Записать заседание с протоколом и участниками',
      description: `Протокол: ${acceptedFileTypes}, до ${evidenceLimits.maxFiles} файлов.`,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                heldAt: z.iso.datetime({ offset: true, message: 'Дата и время в формате ISO 8601 с часовым поясом' }),
                topic: z.string().trim().min(3, 'Укажите тему заседания').max(2000),
                format: z.enum(eventFormatCodes).default('in_person'),
                place: z.string().trim().max(1000).optional(),
                decisions: z.string().trim().max(20000).optional(),
                protocolNumber: z.string().trim().max(100).optional(),
                participantIds: z.union([z.uuid(), z.array(z.uuid()).max(5000)]).optional(),
                protocol: z.any().optional().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
              }),
            },
          },
        },
      },
      responses: { 201: jsonOk(Meeting), ...commonErrors },
    }),
    async (c) => {
      const { protocol, participantIds, ...form } = c.req.valid('form');
      return c.json(await createMeeting(deps(c).db, requireActor(c), c.req.valid('param').id, { ...form, participantIds: [participantIds ?? []].flat() }, await formFiles(protocol)), 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/community-meetings/{id}/files/{fileId}', tags, summary: 'Файл протокола заседания', request: { params: IdParam.extend({ fileId: z.uuid() }) }, responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors } }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readMeetingFile(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  );

export type CommunityListItemDto = z.infer<typeof CommunityListItem>;
export type CommunityDto = z.infer<typeof Community>;
export type CommunityMemberDto = z.infer<typeof Member>;
export type CommunityPlanDto = z.infer<typeof Plan>;
export type CommunityMeetingDto = z.infer<typeof Meeting>;
