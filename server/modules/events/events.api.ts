import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, commonErrors, IdParam, PageQuery, jsonBody, jsonOk, requireActor, deps, queryBool, fileOk, pageOf, type AppEnv } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { invalid } from '../../lib/errors.js';
import { isoDateSchema } from '../../../common/staff-schemas.js';
import { eventLevelCodes, eventKindCodes, eventFormatCodes, registrationStatusCodes, calendarStatusCodes } from '../../../common/events-dictionaries.js';
import { acceptedFileTypes, formFiles } from '../files/files.service.js';
import { findEvents, getEvent, createEvent, updateEvent, findRegistrations, registerForEvent, cancelRegistration, markAttendance, fileReport, readReportPhoto, photoLimits } from './events.service.js';
import { exportIcs, createFeed, findFeeds, revokeFeed, renderFeed } from './events-ics.js';
import { findCalendars, getCalendar, createCalendar, changeCalendar, calendarActions } from './event-calendars.service.js';

const Level = z.enum(eventLevelCodes).openapi('EventLevel', { description: 'regional — региональный; municipal — муниципальный; organization — уровень организации' });
const Kind = z.enum(eventKindCodes).openapi('EventKind', {
  description: 'meeting — совещание; seminar — семинар; conference — конференция; pedagogical_readings — педагогические чтения; webinar — вебинар; master_class — мастер-класс; internship — стажировка; burnout_prevention — профилактика профессионального выгорания; skills_competition — конкурс профессионального мастерства; other — иное',
});
const Format = z.enum(eventFormatCodes).openapi('EventFormat', { description: 'in_person — очно; online — дистанционно; mixed — смешанный' });
const dateTime = z.iso.datetime({ offset: true, message: 'Дата и время в формате ISO 8601 с часовым поясом, например 2027-03-15T10:00:00+03:00' });

const StoredFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
const EventReport = z
  .object({
    place: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    format: Format,
    participantsCount: z.number().int(),
    summary: z.string().nullable(),
    mediaLinks: z.array(z.string()),
    videoLinks: z.array(z.string()),
    photos: z.array(StoredFile).openapi({ description: 'Фото: GET /api/events/{id}/report/photos/{fileId}' }),
    filedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('EventReport');
const EventListItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    level: Level,
    kind: Kind,
    format: Format,
    organizerOrganizationId: z.uuid(),
    organizerName: z.string(),
    territoryId: z.uuid(),
    startsAt: z.string().openapi({ description: 'Начало (UTC, ISO 8601); показывается по московскому времени' }),
    endsAt: z.string(),
    place: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    audience: z.string().nullable(),
    capacity: z.number().int().nullable(),
    registered: z.number().int(),
    waitlisted: z.number().int(),
    attended: z.number().int(),
    seatsLeft: z.number().int().nullable(),
    registrationOpen: z.boolean(),
    cancelled: z.boolean(),
    communityId: z.uuid().nullable(),
    contestStageId: z.uuid().nullable(),
    myRegistration: z.object({ id: z.uuid(), status: z.enum(['registered', 'waitlisted']), version: z.number().int() }).nullable(),
    hasReport: z.boolean(),
    version: z.number().int(),
  })
  .openapi('EventListItem');
const Event = EventListItem.extend({ description: z.string().nullable(), canEdit: z.boolean(), report: EventReport.nullable() }).openapi('Event');

const eventFields = {
  title: z.string().trim().min(3).max(1000),
  description: z.string().trim().max(20000).nullish(),
  level: Level,
  kind: Kind,
  format: Format,
  startsAt: dateTime,
  endsAt: dateTime,
  place: z.string().trim().max(1000).nullish(),
  onlineUrl: z.url('Некорректная ссылка').max(2000).nullish(),
  audience: z.string().trim().max(2000).nullish(),
  capacity: z.number().int().min(1).max(100000).nullish(),
  registrationOpen: z.boolean().optional(),
  communityId: z.uuid().nullish(),
  contestStageId: z.uuid().nullish(),
};
const EventCreate = z.strictObject({ ...eventFields, organizerOrganizationId: z.uuid() }).openapi('EventCreate');
const EventUpdate = z
  .strictObject({ ...eventFields, version: z.number().int().positive(), cancelled: z.boolean().openapi({ description: 'true — отменить мероприятие' }) })
  .partial()
  .required({ version: true })
  .openapi('EventUpdate');
const EventFilters = z.object({
  q: z.string().max(200).optional(),
  from: dateTime.optional().openapi({ description: 'Мероприятия, которые заканчиваются не раньше' }),
  to: dateTime.optional().openapi({ description: 'Мероприятия, которые начинаются раньше' }),
  level: Level.optional(),
  kind: Kind.optional(),
  format: Format.optional(),
  organizerOrganizationId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  communityId: z.uuid().optional(),
  mine: queryBool.optional().openapi({ description: 'Только мероприятия, на которые я зарегистрирован(а)' }),
  includeCancelled: queryBool.optional(),
});

const Registration = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    staffId: z.uuid(),
    fullName: z.string(),
    organizationName: z.string().nullable(),
    status: z.enum(registrationStatusCodes).openapi('RegistrationStatus', { description: 'registered — зарегистрирован; waitlisted — лист ожидания; cancelled — отменена' }),
    registeredAt: z.string(),
    attended: z.boolean().nullable(),
    waitlistPosition: z.number().int().nullable(),
    version: z.number().int(),
  })
  .openapi('EventRegistration');
const RegistrationList = z.object({ items: z.array(Registration), canManage: z.boolean() }).openapi('EventRegistrationList');

const Feed = z
  .object({
    id: z.uuid(),
    scope: z.enum(['personal', 'organization']),
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('EventFeed');
const NewFeed = Feed.extend({ path: z.string().openapi({ description: 'Адрес подписки с секретным ключом; показывается один раз' }) }).openapi('NewEventFeed');

const Calendar = z
  .object({
    id: z.uuid(),
    level: Level,
    ownerOrganizationId: z.uuid(),
    ownerName: z.string(),
    territoryId: z.uuid(),
    year: z.number().int(),
    title: z.string(),
    status: z.enum(calendarStatusCodes).openapi('CalendarStatus', { description: 'draft — формируется; submitted — на утверждении; approved — утверждён' }),
    deadline: z.string().openapi({ description: 'Срок утверждения: 30 ноября предыдущего года' }),
    overdue: z.boolean(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvalDocument: z.string().nullable(),
    returnReason: z.string().nullable(),
    events: z.number().int(),
    addedAfterApproval: z.number().int(),
    reported: z.number().int(),
    held: z.number().int(),
    version: z.number().int(),
  })
  .openapi('EventCalendar');
const CalendarDetail = Calendar.extend({ actions: z.array(z.enum(calendarActions)) }).openapi('EventCalendarDetail');

const tags = ['Календарь мероприятий'];
const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;
const ics = (body: string, fileName: string | null) =>
  new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      ...(fileName ? { 'content-disposition': `attachment; filename="${fileName}"` } : {}),
      'cache-control': 'no-store',
    },
  });

export const eventsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/events', tags, summary: 'Мероприятия в области доступа (по дате начала)', request: { query: EventFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) }, responses: { 200: jsonOk(pageOf(EventListItem, 'EventPage')), ...commonErrors } }),
    async (c) => c.json(await findEvents(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/events.ics', tags, summary: 'Выгрузка мероприятий в iCalendar (ICS) с фильтрами списка', request: { query: EventFilters }, responses: { 200: fileOk('text/calendar', 'Файл ICS'), ...commonErrors } }),
    async (c) => ics(await exportIcs(deps(c).db, requireActor(c), c.req.valid('query'), origin(c)), 'events.ics'),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/events', tags, summary: 'Новое мероприятие (администраторы организатора)', request: { body: jsonBody(EventCreate) }, responses: { 201: jsonOk(Event), ...commonErrors } }),
    async (c) => c.json(await createEvent(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/events/{id}', tags, summary: 'Карточка мероприятия с отчётом', request: { params: IdParam }, responses: { 200: jsonOk(Event), ...commonErrors } }),
    async (c) => c.json(await getEvent(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/api/events/{id}', tags, summary: 'Изменить или отменить мероприятие (с проверкой версии)', request: { params: IdParam, body: jsonBody(EventUpdate) }, responses: { 200: jsonOk(Event), ...commonErrors } }),
    async (c) => c.json(await updateEvent(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/events/{id}/registrations', tags, summary: 'Регистрации: организатору — все, остальным — видимых им людей', request: { params: IdParam }, responses: { 200: jsonOk(RegistrationList), ...commonErrors } }),
    async (c) => c.json(await findRegistrations(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/events/{id}/registrations',
      tags,
      summary: 'Зарегистрироваться (или зарегистрировать работника); при нехватке мест — лист ожидания',
      request: { params: IdParam, body: jsonBody(z.strictObject({ staffId: z.uuid().optional().openapi({ description: 'По умолчанию — сам пользователь' }) }).openapi('EventRegister')) },
      responses: { 201: jsonOk(Registration), ...commonErrors },
    }),
    async (c) => c.json(await registerForEvent(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/event-registrations/{id}/cancel',
      tags,
      summary: 'Отменить регистрацию (освободившееся место получает первый из листа ожидания)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ version: z.number().int().positive() })) },
      responses: { 200: jsonOk(Registration), ...commonErrors },
    }),
    async (c) => c.json(await cancelRegistration(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').version), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/events/{id}/attendance',
      tags,
      summary: 'Отметить посещение (организатор, после начала мероприятия)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ marks: z.array(z.strictObject({ registrationId: z.uuid(), attended: z.boolean() })).min(1).max(5000) }).openapi('EventAttendance')) },
      responses: { 200: jsonOk(RegistrationList), ...commonErrors },
    }),
    async (c) => c.json(await markAttendance(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json').marks), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/events/{id}/report',
      tags,
      summary: 'Подать или исправить отчёт о проведённом мероприятии',
      description: `Фото: ${acceptedFileTypes}, до ${photoLimits.maxFiles} файлов по ${photoLimits.maxBytes / 1048576} МБ. Ссылки — по одной в строке.`,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                place: z.string().trim().min(1, 'Укажите место проведения').max(1000),
                startsOn: isoDateSchema,
                endsOn: isoDateSchema,
                format: Format,
                participantsCount: z.coerce.number().int().min(0).max(1000000),
                summary: z.string().trim().max(20000).optional(),
                mediaLinks: z.string().max(20000).optional().openapi({ description: 'Ссылки на публикации в СМИ и на сайтах, по одной в строке' }),
                videoLinks: z.string().max(20000).optional().openapi({ description: 'Ссылки на видеозаписи, по одной в строке' }),
                keepFileIds: z.union([z.uuid(), z.array(z.uuid())]).optional().openapi({ description: 'Какие фото прежней версии отчёта оставить' }),
                version: z.coerce.number().int().positive().optional().openapi({ description: 'Версия отчёта при исправлении' }),
                photos: z.any().optional().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
              }),
            },
          },
        },
      },
      responses: { 200: jsonOk(EventReport), ...commonErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      const links = { mediaLinks: lines(form.mediaLinks), videoLinks: lines(form.videoLinks) };
      const bad = Object.entries(links).flatMap(([field, list]) => list.filter((l) => !/^https?:\/\/\S+$/.test(l)).map(() => ({ field, message: 'Ссылка должна начинаться с http:// или https://' })));
      if (bad.length) throw invalid(bad.slice(0, 1), 'Проверьте ссылки');
      const input = { ...form, ...links, keepFileIds: [form.keepFileIds ?? []].flat() };
      return c.json(await fileReport(deps(c).db, requireActor(c), c.req.valid('param').id, input, await formFiles(form.photos)), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/events/{id}/report/photos/{fileId}', tags, summary: 'Фото из отчёта о мероприятии', request: { params: IdParam.extend({ fileId: z.uuid() }) }, responses: { 200: fileOk('application/octet-stream', 'Файл'), ...commonErrors } }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const file = await readReportPhoto(deps(c).db, requireActor(c), id, fileId);
      return attachment(file.content, { mime: file.mime, fileName: file.name });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/event-feeds', tags, summary: 'Мои подписки на календарь (ICS)', responses: { 200: jsonOk(z.object({ items: z.array(Feed) })), ...commonErrors } }),
    async (c) => c.json({ items: await findFeeds(deps(c).db, requireActor(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/event-feeds',
      tags,
      summary: 'Новая подписка: личная (мои регистрации) или на мероприятия организации',
      request: { body: jsonBody(z.strictObject({ organizationId: z.uuid().nullish() }).openapi('EventFeedCreate')) },
      responses: { 201: jsonOk(NewFeed), ...commonErrors },
    }),
    async (c) => c.json(await createFeed(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/api/event-feeds/{id}', tags, summary: 'Отозвать подписку (адрес перестаёт работать)', request: { params: IdParam }, responses: { 204: { description: 'Отозвана' }, ...commonErrors } }),
    async (c) => {
      await revokeFeed(deps(c).db, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/events/feed/{file}',
      tags,
      summary: 'Подписка на календарь по секретному адресу (без входа в систему)',
      security: [],
      request: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'Адрес подписки имеет вид …/{ключ}.ics').openapi({ param: { name: 'file', in: 'path' } }) }) },
      responses: { 200: fileOk('text/calendar', 'Календарь ICS'), 404: commonErrors[404], 422: commonErrors[422] },
    }),
    async (c) => ics(await renderFeed(deps(c).db, c.req.valid('param').file.replace(/\.ics$/, ''), origin(c)), null),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/event-calendars',
      tags,
      summary: 'Годовые календари мероприятий уровней (регион, муниципалитет, организация)',
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), level: Level.optional(), status: z.enum(calendarStatusCodes).optional() }) },
      responses: { 200: jsonOk(z.object({ items: z.array(Calendar) }).openapi('EventCalendarList')), ...commonErrors },
    }),
    async (c) => c.json(await findCalendars(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/event-calendars',
      tags,
      summary: 'Начать формирование годового календаря',
      request: { body: jsonBody(z.strictObject({ ownerOrganizationId: z.uuid(), year: z.number().int().min(2000).max(2100), level: Level, title: z.string().trim().max(1000).nullish() }).openapi('EventCalendarCreate')) },
      responses: { 201: jsonOk(CalendarDetail), ...commonErrors },
    }),
    async (c) => c.json(await createCalendar(deps(c).db, requireActor(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/event-calendars/{id}', tags, summary: 'Годовой календарь', request: { params: IdParam }, responses: { 200: jsonOk(CalendarDetail), ...commonErrors } }),
    async (c) => c.json(await getCalendar(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/event-calendars/{id}/transition',
      tags,
      summary: 'Шаг утверждения: направить, утвердить, вернуть на доработку, открыть для изменений',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({
              version: z.number().int().positive(),
              action: z.enum(calendarActions).openapi({ description: 'submit — направить на утверждение; approve — утвердить; return — вернуть на доработку; reopen — открыть утверждённый для изменений' }),
              reason: z.string().trim().max(2000).nullish(),
              approvalDocument: z.string().trim().max(1000).nullish().openapi({ description: 'Реквизиты утверждающего документа' }),
            })
            .openapi('EventCalendarTransition'),
        ),
      },
      responses: { 200: jsonOk(CalendarDetail), ...commonErrors },
    }),
    async (c) => c.json(await changeCalendar(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

export type EventListItemDto = z.infer<typeof EventListItem>;
export type EventDto = z.infer<typeof Event>;
export type EventReportDto = z.infer<typeof EventReport>;
export type EventRegistrationDto = z.infer<typeof Registration>;
export type EventFeedDto = z.infer<typeof Feed>;
export type NewEventFeedDto = z.infer<typeof NewFeed>;
export type EventCalendarDto = z.infer<typeof Calendar>;
export type EventCalendarDetailDto = z.infer<typeof CalendarDetail>;
