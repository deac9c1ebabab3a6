import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, pageOf, requireActor, deps, queryBool, fileOk } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { recordAudit } from '../audit/audit.service.js';
import { acceptedFileTypes, evidenceLimits } from '../files/files.service.js';
import { mentorshipForms, mentorshipStatuses, programmeDocumentKinds, teamMentorshipStatuses } from './mentorships.schema.js';
import {
  findYoungSpecialists,
  suggestMentors,
  findPairs,
  getPair,
  createPair,
  updatePair,
  changePairStatus,
  listMeetings,
  addMeeting,
  findMentors,
  setMentorCapacity,
  findProgrammes,
  getProgramme,
  createProgramme,
  addProgrammeDocument,
  readProgrammeDocument,
  findTeamMentorships,
  createTeamMentorship,
  updateTeamMentorship,
  type YoungSpecialistsQuery,
} from './mentorships.service.js';

const Form = z.enum(mentorshipForms).openapi('MentorshipForm', {
  description: 'experienced_young — опытный педагог – молодой специалист; competence — педагог с компетенцией – педагог, которому она нужна; subject — предметная пара; manager — руководитель – руководитель',
});
const Status = z.enum(mentorshipStatuses).openapi('MentorshipStatus', { description: 'suggested — предложена; confirmed — подтверждена администратором; active — действует; completed — завершена; cancelled — отменена' });
const Action = z.enum(['confirm', 'start', 'complete', 'cancel']).openapi('MentorshipAction');
const DocKind = z.enum(programmeDocumentKinds).openapi('MentoringDocumentKind', { description: 'regulation — положение; programme — программа; roadmap — дорожная карта; order — приказ; other — иной документ' });
const TeamStatus = z.enum(teamMentorshipStatuses).openapi('TeamMentorshipStatus', { description: 'active — действует; completed — завершено' });
const Ref = z.object({ id: z.uuid(), name: z.string() });
const PersonRef = z.object({ staffId: z.uuid(), fullName: z.string() });

const YoungSpecialist = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    birthDate: z.string().nullable(),
    age: z.number().int().nullable(),
    professionStartYear: z.number().int().nullable(),
    yearsInProfession: z.number().int().nullable(),
    organizations: z.array(z.string()),
    subjects: z.array(z.string()),
    mentorName: z.string().nullable().openapi({ description: 'Наставник действующей пары' }),
    mentorSuggested: z.boolean().openapi({ description: 'Есть предложенная или подтверждённая, ещё не начатая пара' }),
    learningPlanStatus: z.enum(['agreed', 'in_progress']).nullable(),
    tutor: z.boolean(),
    supportForms: z.array(z.enum(['mentor', 'learning_plan', 'tutor'])),
    supported: z.boolean(),
  })
  .openapi('YoungSpecialist');
const YoungPage = z
  .object({
    items: z.array(YoungSpecialist),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    summary: z.object({ youngSpecialists: z.number().int(), supported: z.number().int(), unsupported: z.number().int(), supportedShare: z.number().openapi({ description: '%' }) }),
  })
  .openapi('YoungSpecialistPage');
const YoungQuery = PageQuery.extend({
  organizationId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  subject: z.string().max(100).optional(),
  support: z.enum(['with', 'without']).optional().openapi({ description: 'with — есть какая-либо форма сопровождения; without — нет' }),
});

const Candidate = z
  .object({
    rank: z.number().int(),
    staffId: z.uuid(),
    fullName: z.string(),
    organizations: z.array(z.string()),
    subjects: z.array(z.string()),
    yearsInProfession: z.number().int().nullable(),
    qualificationCategory: z.string().nullable(),
    scope: z.enum(['organization', 'municipality']),
    capacity: z.number().int(),
    load: z.number().int(),
    reason: z.string(),
  })
  .openapi('MentorCandidate');
const Suggestion = z
  .object({ staffId: z.uuid(), fullName: z.string(), yearsInProfession: z.number().int().nullable(), organizations: z.array(z.string()), subjects: z.array(z.string()), candidates: z.array(Candidate) })
  .openapi('MentorSuggestion');

const Meeting = z.object({ id: z.uuid(), heldOn: z.string(), topic: z.string(), notes: z.string().nullable(), durationMinutes: z.number().int().nullable(), author: z.string().nullable(), createdAt: z.string() }).openapi('MentorshipMeeting');
const Pair = z
  .object({
    id: z.uuid(),
    organization: Ref,
    mentor: PersonRef,
    mentee: PersonRef,
    form: Form,
    status: Status,
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    plan: z.string().nullable(),
    outcomes: z.string().nullable(),
    suggestionReason: z.string().nullable(),
    programmeId: z.uuid().nullable(),
    confirmedAt: z.string().nullable(),
    confirmedBy: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    meetingCount: z.number().int(),
    lastMeetingOn: z.string().nullable(),
    myRole: z.enum(['mentor', 'mentee']).nullable(),
    actions: z.array(Action).openapi({ description: 'Действия, доступные пользователю сейчас' }),
    canEdit: z.boolean(),
    canLogMeeting: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('Mentorship');
const PairDetail = Pair.extend({ meetings: z.array(Meeting) }).openapi('MentorshipDetail');

const PairCreate = z
  .strictObject({
    mentorStaffId: z.uuid(),
    menteeStaffId: z.uuid(),
    form: Form,
    startsOn: isoDateSchema.nullish(),
    endsOn: isoDateSchema.nullish(),
    plan: z.string().trim().max(10000).nullish(),
    suggestionReason: z.string().trim().max(2000).nullish(),
    programmeId: z.uuid().nullish(),
    confirm: z.boolean().optional().openapi({ description: 'Подтвердить сразу (администратор организации наставляемого)' }),
  })
  .openapi('MentorshipCreate');
const PairUpdate = z
  .strictObject({ version: z.number().int().positive(), plan: z.string().trim().max(10000).nullish(), outcomes: z.string().trim().max(10000).nullish(), startsOn: isoDateSchema.optional(), endsOn: isoDateSchema.nullish() })
  .openapi('MentorshipUpdate');

const Mentor = z
  .object({ staffId: z.uuid(), fullName: z.string(), organizations: z.array(z.string()), yearsInProfession: z.number().int().nullable(), capacity: z.number().int(), load: z.number().int(), activePairs: z.number().int(), free: z.number().int(), mentees: z.array(z.string()), canEdit: z.boolean() })
  .openapi('Mentor');

const ProgrammeDocument = z.object({ id: z.uuid(), kind: DocKind, title: z.string(), fileName: z.string(), size: z.number().int(), createdAt: z.string() }).openapi('MentoringProgrammeDocument');
const Programme = z
  .object({ id: z.uuid(), organization: Ref, title: z.string(), periodFrom: z.string(), periodTo: z.string(), curator: PersonRef.nullable(), pairCount: z.number().int(), documents: z.array(ProgrammeDocument), canEdit: z.boolean(), version: z.number().int() })
  .openapi('MentoringProgramme');
const ProgrammeCreate = z
  .strictObject({ organizationId: z.uuid(), title: z.string().trim().min(3).max(500), periodFrom: isoDateSchema, periodTo: isoDateSchema, curatorStaffId: z.uuid().nullish() })
  .openapi('MentoringProgrammeCreate');

const Team = z
  .object({ id: z.uuid(), mentorOrganization: Ref, menteeOrganization: Ref, mentorTeam: z.array(PersonRef), status: TeamStatus, startsOn: z.string(), endsOn: z.string().nullable(), plan: z.string().nullable(), outcomes: z.string().nullable(), canEdit: z.boolean(), version: z.number().int() })
  .openapi('TeamMentorship');
const TeamCreate = z
  .strictObject({ mentorOrganizationId: z.uuid(), menteeOrganizationId: z.uuid(), mentorTeamStaffIds: z.array(z.uuid()).min(1).max(20), startsOn: isoDateSchema, endsOn: isoDateSchema.nullish(), plan: z.string().trim().max(10000).nullish() })
  .openapi('TeamMentorshipCreate');
const TeamUpdate = z
  .strictObject({ version: z.number().int().positive(), mentorTeamStaffIds: z.array(z.uuid()).min(1).max(20).optional(), endsOn: isoDateSchema.nullish(), plan: z.string().trim().max(10000).nullish(), outcomes: z.string().trim().max(10000).nullish(), status: TeamStatus.optional() })
  .openapi('TeamMentorshipUpdate');

const tags = ['Наставничество'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const supportNames = { mentor: 'наставник', learning_plan: 'ИОМ', tutor: 'тьютор' } as const;

// Static paths come before `/api/mentorships/{id}`, so «programmes» is never taken for an id.
export const mentorshipsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/young-specialists', tags, summary: 'Молодые специалисты (до 35 лет, стаж до 3 лет) с формами сопровождения и без них', request: { query: YoungQuery }, responses: { 200: jsonOk(YoungPage), ...commonErrors } }),
    async (c) => c.json(await findYoungSpecialists(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/young-specialists/export.xlsx', tags, summary: 'Выгрузка списка молодых специалистов в XLSX', request: { query: YoungQuery.omit({ limit: true, cursor: true }) }, responses: { 200: fileOk(XLSX, 'Файл XLSX'), ...commonErrors } }),
    async (c) => {
      const actor = requireActor(c);
      const { db } = deps(c);
      const filters: Omit<YoungSpecialistsQuery, 'limit' | 'cursor'> = c.req.valid('query');
      await findYoungSpecialists(db, actor, { ...filters, limit: 1 }); // access and filters are checked before the file starts
      await recordAudit(db, actor, { action: 'young_specialists.export', entity: 'staff', territoryIds: actor.read.territoryIds, organizationIds: actor.read.organizationIds, after: filters });
      type Row = Awaited<ReturnType<typeof findYoungSpecialists>>['items'][number];
      async function* rows() {
        let cursor: string | undefined;
        do {
          const page = await findYoungSpecialists(db, actor, { ...filters, limit: 500, cursor });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      return xlsxResponse('young-specialists.xlsx', {
        sheetName: 'Молодые специалисты',
        title: 'Молодые специалисты (до 35 лет, стаж до 3 лет) и их сопровождение',
        rows: rows(),
        columns: [
          { key: 'fullName', header: 'ФИО', width: 36, value: (r: Row) => r.fullName },
          { key: 'age', header: 'Возраст', width: 9, value: (r) => r.age },
          { key: 'years', header: 'Стаж, лет', width: 9, value: (r) => r.yearsInProfession },
          { key: 'organizations', header: 'Организация', width: 40, value: (r) => r.organizations.join('; ') },
          { key: 'subjects', header: 'Предметы', width: 30, value: (r) => r.subjects.join(', ') },
          { key: 'mentor', header: 'Наставник', width: 32, value: (r) => r.mentorName ?? '' },
          { key: 'support', header: 'Формы сопровождения', width: 26, value: (r) => (r.supported ? r.supportForms.map((f) => supportNames[f]).join(', ') : 'нет') },
        ],
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mentorships/suggestions',
      tags,
      summary: 'Предлагаемые наставники для молодых специалистов без наставника: тот же предмет в своей организации, затем в муниципалитете, только со свободными местами',
      request: { query: PageQuery.omit({ q: true }).extend({ organizationId: z.uuid().optional(), territoryId: z.uuid().optional(), q: z.string().max(200).optional() }) },
      responses: { 200: jsonOk(pageOf(Suggestion, 'MentorSuggestionPage')), ...commonErrors },
    }),
    async (c) => c.json(await suggestMentors(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/mentorships/programmes', tags, summary: 'Программы наставничества организаций с документами', request: { query: PageQuery.extend({ organizationId: z.uuid().optional() }) }, responses: { 200: jsonOk(pageOf(Programme, 'MentoringProgrammePage')), ...commonErrors } }),
    async (c) => c.json(await findProgrammes(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/mentorships/programmes', tags, summary: 'Создать программу наставничества организации', request: { body: jsonBody(ProgrammeCreate) }, responses: { 201: jsonOk(Programme), ...commonErrors } }),
    async (c) => c.json(await createProgramme(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/mentorships/programmes/{id}', tags, summary: 'Программа наставничества', request: { params: IdParam }, responses: { 200: jsonOk(Programme), ...commonErrors } }),
    async (c) => c.json(await getProgramme(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/mentorships/programmes/{id}/documents',
      tags,
      summary: 'Приложить документ программы (положение, программа, дорожная карта, приказ)',
      description: `Файл: ${acceptedFileTypes}, до ${evidenceLimits.maxBytes / 1048576} МБ`,
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: z.object({ kind: DocKind, title: z.string().trim().min(3).max(500), file: z.any().optional().openapi({ type: 'string', format: 'binary' }) }) } } },
      },
      responses: { 201: jsonOk(Programme), ...commonErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const f = form.file instanceof File && form.file.size > 0 ? { name: form.file.name, data: Buffer.from(await form.file.arrayBuffer()) } : null;
      return c.json(await addProgrammeDocument(deps(c).db, requireActor(c), c.req.valid('param').id, { kind: form.kind, title: form.title }, f), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mentorships/programmes/{id}/documents/{documentId}',
      tags,
      summary: 'Скачать документ программы наставничества',
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }), documentId: z.uuid().openapi({ param: { name: 'documentId', in: 'path' } }) }) },
      responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      const file = await readProgrammeDocument(deps(c).db, requireActor(c), id, documentId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mentorships',
      tags,
      summary: 'Наставнические пары видимых работников',
      request: { query: PageQuery.extend({ status: Status.optional(), form: Form.optional(), organizationId: z.uuid().optional(), staffId: z.uuid().optional().openapi({ description: 'Пары, где человек — наставник или наставляемый' }), mine: queryBool.optional().openapi({ description: 'Только пары пользователя' }) }) },
      responses: { 200: jsonOk(pageOf(Pair, 'MentorshipPage')), ...commonErrors },
    }),
    async (c) => c.json(await findPairs(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/mentorships', tags, summary: 'Предложить пару (или сразу подтвердить — администратор организации наставляемого)', request: { body: jsonBody(PairCreate) }, responses: { 201: jsonOk(PairDetail), ...commonErrors } }),
    async (c) => c.json(await createPair(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/mentorships/{id}', tags, summary: 'Пара: план, журнал встреч, итоги', request: { params: IdParam }, responses: { 200: jsonOk(PairDetail), ...commonErrors } }),
    async (c) => c.json(await getPair(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/mentorships/{id}', tags, summary: 'Изменить план, сроки или итоги пары (наставник или администратор)', request: { params: IdParam, body: jsonBody(PairUpdate) }, responses: { 200: jsonOk(PairDetail), ...commonErrors } }),
    async (c) => c.json(await updatePair(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/mentorships/{id}/transition',
      tags,
      summary: 'Подтвердить (администратор наставляемого), начать, завершить (наставник или администратор) или отменить пару',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version: z.number().int().positive(), action: Action, outcomes: z.string().trim().max(10000).nullish(), reason: z.string().trim().max(2000).nullish() }).openapi('MentorshipTransition')) },
      responses: { 200: jsonOk(PairDetail), ...commonErrors },
    }),
    async (c) => c.json(await changePairStatus(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/mentorships/{id}/meetings', tags, summary: 'Журнал встреч пары', request: { params: IdParam }, responses: { 200: jsonOk(z.array(Meeting)), ...commonErrors } }),
    async (c) => c.json(await listMeetings(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/mentorships/{id}/meetings',
      tags,
      summary: 'Записать встречу (наставник, наставляемый или администратор); первая встреча подтверждённой пары начинает её',
      request: { params: IdParam, body: jsonBody(z.strictObject({ heldOn: isoDateSchema, topic: z.string().trim().min(3).max(1000), notes: z.string().trim().max(10000).nullish(), durationMinutes: z.number().int().min(5).max(600).nullish() }).openapi('MentorshipMeetingCreate')) },
      responses: { 201: jsonOk(Meeting), ...commonErrors },
    }),
    async (c) => c.json(await addMeeting(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/mentors', tags, summary: 'Наставники области доступа: ёмкость, занятость, подопечные', request: { query: PageQuery.omit({ q: true }).extend({ organizationId: z.uuid().optional() }) }, responses: { 200: jsonOk(pageOf(Mentor, 'MentorPage')), ...commonErrors } }),
    async (c) => c.json(await findMentors(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/mentors/{id}/capacity',
      tags,
      summary: 'Сколько наставляемых человек ведёт одновременно (администратор работника); 0 — не наставник',
      request: { params: IdParam, body: jsonBody(z.strictObject({ capacity: z.number().int().min(0).max(10) }).openapi('MentorCapacity')) },
      responses: { 200: jsonOk(z.object({ staffId: z.uuid(), fullName: z.string(), capacity: z.number().int(), load: z.number().int() }).openapi('MentorCapacityResult')), ...commonErrors },
    }),
    async (c) => c.json(await setMentorCapacity(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').capacity), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/team-mentorships', tags, summary: 'Менторство: управленческие команды сильных школ и школы с низкими результатами', request: { query: PageQuery.omit({ q: true }).extend({ status: TeamStatus.optional() }) }, responses: { 200: jsonOk(pageOf(Team, 'TeamMentorshipPage')), ...commonErrors } }),
    async (c) => c.json(await findTeamMentorships(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/team-mentorships', tags, summary: 'Назначить менторство школе с низкими результатами (администратор обеих организаций)', request: { body: jsonBody(TeamCreate) }, responses: { 201: jsonOk(Team), ...commonErrors } }),
    async (c) => c.json(await createTeamMentorship(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/team-mentorships/{id}', tags, summary: 'Изменить команду, план, итоги или завершить менторство', request: { params: IdParam, body: jsonBody(TeamUpdate) }, responses: { 200: jsonOk(Team), ...commonErrors } }),
    async (c) => c.json(await updateTeamMentorship(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

// The wire shapes, for the web UI's type-only imports.
export type YoungSpecialistDto = z.infer<typeof YoungSpecialist>;
export type YoungSpecialistPageDto = z.infer<typeof YoungPage>;
export type MentorSuggestionDto = z.infer<typeof Suggestion>;
export type MentorCandidateDto = z.infer<typeof Candidate>;
export type MentorshipDto = z.infer<typeof Pair>;
export type MentorshipDetailDto = z.infer<typeof PairDetail>;
export type MentorshipMeetingDto = z.infer<typeof Meeting>;
export type MentorDto = z.infer<typeof Mentor>;
export type MentoringProgrammeDto = z.infer<typeof Programme>;
export type TeamMentorshipDto = z.infer<typeof Team>;
