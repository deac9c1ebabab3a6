import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { events, eventRegistrations, eventReports } from './events.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { canAdministerOrganization, levelRecordVisible, staffAliasVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion, throughParent } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { filesMeta, readStoredFile, storeFiles, type FileLimits, type UploadedFile } from '../files/files.service.js';
import type { EventFormat, EventKind, EventLevel } from '../../../common/events-dictionaries.js';

/**
 * The events calendar (ADR 0017): events of a level organized by an organization, registrations
 * with seats and a waitlist, attendance, the report after the event.
 */

export interface EventInput {
  title: string;
  description?: string | null;
  level: EventLevel;
  kind: EventKind;
  format: EventFormat;
  organizerOrganizationId: string;
  startsAt: string;
  endsAt: string;
  place?: string | null;
  onlineUrl?: string | null;
  audience?: string | null;
  capacity?: number | null;
  registrationOpen?: boolean;
  communityId?: string | null;
  contestStageId?: string | null;
}

export interface EventQuery {
  q?: string;
  from?: string;
  to?: string;
  level?: EventLevel;
  kind?: EventKind;
  format?: EventFormat;
  organizerOrganizationId?: string;
  territoryId?: string;
  communityId?: string;
  /** Only the events the actor's person is registered for (or waitlisted). */
  mine?: boolean;
  includeCancelled?: boolean;
  limit: number;
  cursor?: string;
}

type EventRow = typeof events.$inferSelect;

const orgCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path };

export const eventVisible = (actor: Actor) =>
  levelRecordVisible(actor, { level: events.level, territoryId: events.territoryId, ownerOrganizationId: events.organizerOrganizationId });

/** Seats held and the waitlist of events, and the actor's own registration in each. */
async function occupancy(db: Db, actor: Actor, ids: string[]) {
  const by = new Map<string, Occupancy>();
  if (!ids.length) return by;
  const rows = await queryRows<{ event_id: string; registered: number; waitlisted: number; attended: number; mine_id: string | null; mine_status: string | null; mine_version: number | null }>(
    db,
    sql`SELECT r.event_id,
          count(*) FILTER (WHERE r.status = 'registered')::int AS registered,
          count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted,
          count(*) FILTER (WHERE r.attended)::int AS attended,
          (array_agg(r.id::text) FILTER (WHERE r.staff_id = ${actor.staffId}))[1] AS mine_id,
          (array_agg(r.status) FILTER (WHERE r.staff_id = ${actor.staffId}))[1] AS mine_status,
          (array_agg(r.version) FILTER (WHERE r.staff_id = ${actor.staffId}))[1] AS mine_version
        FROM event_registrations r WHERE r.event_id = ANY(${sql.param(ids)}::uuid[]) AND r.status <> 'cancelled' GROUP BY r.event_id`,
  );
  for (const r of rows)
    by.set(r.event_id, { registered: r.registered, waitlisted: r.waitlisted, attended: r.attended, mine: r.mine_id ? { id: r.mine_id, status: r.mine_status!, version: r.mine_version! } : null });
  return by;
}

type Occupancy = { registered: number; waitlisted: number; attended: number; mine: { id: string; status: string; version: number } | null };

function eventView(e: EventRow, organizerName: string, occ: Occupancy | undefined, hasReport: boolean) {
  const registered = occ?.registered ?? 0;
  return {
    id: e.id,
    title: e.title,
    level: e.level,
    kind: e.kind,
    format: e.format,
    organizerOrganizationId: e.organizerOrganizationId,
    organizerName,
    territoryId: e.territoryId,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    place: e.place,
    onlineUrl: e.onlineUrl,
    audience: e.audience,
    capacity: e.capacity,
    registered,
    waitlisted: occ?.waitlisted ?? 0,
    attended: occ?.attended ?? 0,
    seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - registered),
    registrationOpen: e.registrationOpen && !e.cancelledAt && e.endsAt.getTime() > Date.now(),
    cancelled: e.cancelledAt !== null,
    communityId: e.communityId,
    contestStageId: e.contestStageId,
    myRegistration: (occ?.mine ?? null) as { id: string; status: 'registered' | 'waitlisted'; version: number } | null,
    hasReport,
    version: e.version,
  };
}
export type EventListItem = ReturnType<typeof eventView>;

const eventSort: KeysetSort = { keys: [sql`${events.startsAt}`, sql`${events.id}`] };

export function eventFilter(q: Omit<EventQuery, 'limit' | 'cursor'>, staffId: string | null): SQL | undefined {
  return and(
    q.includeCancelled ? undefined : sql`${events.cancelledAt} IS NULL`,
    q.from ? sql`${events.endsAt} >= ${q.from}::timestamptz` : undefined,
    q.to ? sql`${events.startsAt} < ${q.to}::timestamptz` : undefined,
    q.level ? eq(events.level, q.level) : undefined,
    q.kind ? eq(events.kind, q.kind) : undefined,
    q.format ? eq(events.format, q.format) : undefined,
    q.organizerOrganizationId ? eq(events.organizerOrganizationId, q.organizerOrganizationId) : undefined,
    q.territoryId ? eq(events.territoryId, q.territoryId) : undefined,
    q.communityId ? eq(events.communityId, q.communityId) : undefined,
    q.mine ? sql`${events.id} IN (SELECT mr.event_id FROM event_registrations mr WHERE mr.staff_id = ${staffId} AND mr.status <> 'cancelled')` : undefined,
    ...searchWords(q.q).map((w) => sql`(${events.title} ILIKE ${'%' + escapeLike(w) + '%'} OR ${events.place} ILIKE ${'%' + escapeLike(w) + '%'})`),
  );
}

async function withDetails(db: Db, actor: Actor, rows: { e: EventRow; organizerName: string }[]) {
  const ids = rows.map((r) => r.e.id);
  const occ = await occupancy(db, actor, ids);
  const reported = new Set(
    ids.length ? (await queryRows<{ event_id: string }>(db, sql`SELECT event_id FROM event_reports WHERE event_id = ANY(${sql.param(ids)}::uuid[])`)).map((r) => r.event_id) : [],
  );
  return rows.map((r) => eventView(r.e, r.organizerName, occ.get(r.e.id), reported.has(r.e.id)));
}

export async function findEvents(db: Db, actor: Actor, q: EventQuery) {
  const where = and(eventVisible(actor), eventFilter(q, actor.staffId));
  const rows = await db
    .select({ e: events, organizerName: organizations.shortName, startsKey: exactTime(events.startsAt) })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizerOrganizationId))
    .where(and(where, keysetAfter(eventSort, q.cursor)))
    .orderBy(keysetOrder(eventSort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(events).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.startsKey, r.e.id]);
  return { items: await withDetails(db, actor, page.items), nextCursor: page.nextCursor, total };
}

/** Events for an ICS export: the list's filters, at most `max` of them. */
export async function eventsForCalendar(db: Db, where: SQL | undefined, max = 5000) {
  return db
    .select({ e: events, organizerName: organizations.shortName })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizerOrganizationId))
    .where(where)
    .orderBy(events.startsAt, events.id)
    .limit(max);
}

/** An event visible to the actor (404 otherwise) with its organizer; with 'write', one the actor
 *  may edit: an administrator of the organizer (403 otherwise). */
export async function loadEvent(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db
    .select({ event: events, organizer: orgCols })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizerOrganizationId))
    .where(and(eq(events.id, id), eventVisible(actor)));
  if (!row) throw notFound('Мероприятие');
  if (mode === 'write' && !canAdministerOrganization(actor, row.organizer)) throw forbidden('Изменять мероприятие могут администраторы организации-организатора');
  return row;
}
type LoadedEvent = Awaited<ReturnType<typeof loadEvent>>;
const auditPlace = (l: LoadedEvent) => ({ territoryIds: [l.organizer.territoryId], organizationIds: l.organizer.path });

export async function getEvent(db: Db, actor: Actor, id: string) {
  const loaded = await loadEvent(db, actor, id);
  const [view] = await withDetails(db, actor, [{ e: loaded.event, organizerName: loaded.organizer.shortName }]);
  return { ...view, description: loaded.event.description, canEdit: canAdministerOrganization(actor, loaded.organizer), report: await reportOf(db, id) };
}
export type EventDetail = Awaited<ReturnType<typeof getEvent>>;

/** Checks the organizer (the actor administers it; its territory fits the level) and the dates. */
async function checkEvent(db: Db, actor: Actor, input: Partial<EventInput>, before?: EventRow) {
  const startsAt = input.startsAt ?? before!.startsAt.toISOString();
  const endsAt = input.endsAt ?? before!.endsAt.toISOString();
  if (new Date(endsAt) < new Date(startsAt)) throw invalid([{ field: 'endsAt', message: 'Окончание мероприятия раньше начала' }]);
  const format = input.format ?? before?.format;
  const place = input.place === undefined ? before?.place : input.place;
  if (format !== 'online' && !place) throw invalid([{ field: 'place', message: 'Укажите место проведения очного или смешанного мероприятия' }]);
  const level = input.level ?? before!.level;
  const organizerId = input.organizerOrganizationId ?? before!.organizerOrganizationId;
  const [org] = await db
    .select({ ...orgCols, territoryKind: territories.kind })
    .from(organizations)
    .innerJoin(territories, eq(territories.id, organizations.territoryId))
    .where(eq(organizations.id, organizerId));
  if (!org || !canAdministerOrganization(actor, org)) {
    throw invalid([{ field: 'organizerOrganizationId', message: 'Организатором может быть только организация, которую вы администрируете' }]);
  }
  if (level === 'regional' && org.territoryKind !== 'region') throw invalid([{ field: 'level', message: 'Региональное мероприятие проводит организация регионального уровня' }]);
  if (level === 'municipal' && org.territoryKind !== 'municipality') throw invalid([{ field: 'level', message: 'Муниципальное мероприятие проводит организация муниципалитета' }]);
  return org;
}

export async function createEvent(db: Db, actor: Actor, input: EventInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const org = await checkEvent(t, actor, input);
    const [e] = await t
      .insert(events)
      .values({
        title: input.title,
        description: input.description ?? null,
        level: input.level,
        kind: input.kind,
        format: input.format,
        organizerOrganizationId: org.id,
        territoryId: org.territoryId,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        place: input.place ?? null,
        onlineUrl: input.onlineUrl ?? null,
        audience: input.audience ?? null,
        capacity: input.capacity ?? null,
        registrationOpen: input.registrationOpen ?? true,
        communityId: input.communityId ?? null,
        contestStageId: input.contestStageId ?? null,
        createdBy: actor.userId,
      })
      .returning();
    const after = await getEvent(t, actor, e.id);
    await recordAudit(t, actor, { action: 'event.create', entity: 'event', entityId: e.id, territoryIds: [org.territoryId], organizationIds: org.path, after });
    return after;
  });
}

export async function updateEvent(db: Db, actor: Actor, id: string, input: Partial<Omit<EventInput, 'organizerOrganizationId'>> & { version: number; cancelled?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadEvent(t, actor, id, 'write');
    const before = loaded.event;
    if (before.version !== input.version) throw staleVersion();
    const beforeView = await getEvent(t, actor, id);
    await checkEvent(t, actor, input, before);
    if (input.capacity != null && input.capacity < beforeView.registered) {
      throw invalid([{ field: 'capacity', message: `Мест не может быть меньше, чем уже зарегистрировано (${beforeView.registered})` }]);
    }
    const { version, cancelled, startsAt, endsAt, ...fields } = input;
    const [after] = await t
      .update(events)
      .set({
        ...fields,
        ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
        ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
        cancelledAt: cancelled === undefined ? before.cancelledAt : cancelled ? (before.cancelledAt ?? new Date()) : null,
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(events.id, id), eq(events.version, version)))
      .returning();
    if (!after) throw staleVersion();
    // more seats (or no limit now): the waitlist moves up
    if (after.capacity === null || (before.capacity !== null && after.capacity > before.capacity)) await promoteWaitlist(t, id);
    const afterView = await getEvent(t, actor, id);
    await recordAudit(t, actor, { action: 'event.update', entity: 'event', entityId: id, ...auditPlace(loaded), before: beforeView, after: afterView });
    return afterView;
  });
}

// ───────────── registrations ─────────────

/** Moves the waitlist up into free seats, earliest registration first (the caller's transaction
 *  holds the event row locked). */
async function promoteWaitlist(db: Db, eventId: string) {
  await db.execute(sql`UPDATE event_registrations SET status = 'registered', version = version + 1
    WHERE id IN (SELECT w.id FROM event_registrations w WHERE w.event_id = ${eventId} AND w.status = 'waitlisted' ORDER BY w.registered_at, w.id
      LIMIT (SELECT CASE WHEN e.capacity IS NULL THEN NULL ELSE greatest(0, e.capacity
        - (SELECT count(*) FROM event_registrations h WHERE h.event_id = e.id AND h.status = 'registered')) END FROM events e WHERE e.id = ${eventId}))`);
}

async function lockEvent(db: Db, eventId: string) {
  await db.execute(sql`SELECT id FROM events WHERE id = ${eventId} FOR UPDATE`);
  const [{ capacity, held }] = await queryRows<{ capacity: number | null; held: number }>(
    db,
    sql`SELECT e.capacity, (SELECT count(*)::int FROM event_registrations h WHERE h.event_id = e.id AND h.status = 'registered') AS held FROM events e WHERE e.id = ${eventId}`,
  );
  return { full: capacity !== null && held >= capacity };
}

/** A person the actor may register: themself, or a person they administer. */
async function registrant(db: Db, actor: Actor, staffId: string) {
  const [person] = await queryRows<{ id: string; full_name: string; writable: boolean }>(
    db,
    sql`SELECT s.id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name, (${staffAliasVisible(actor, 's', 'write')}) AS writable
        FROM staff s WHERE s.id = ${staffId} AND s.archived_at IS NULL AND ${staffAliasVisible(actor, 's')}`,
  );
  if (!person) throw notFound('Работник');
  if (!person.writable && person.id !== actor.staffId) throw forbidden('Зарегистрировать можно себя или работников организаций, которые вы администрируете');
  return person;
}

export async function registerForEvent(db: Db, actor: Actor, eventId: string, input: { staffId?: string }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadEvent(t, actor, eventId);
    const staffId = input.staffId ?? actor.staffId;
    if (!staffId) throw invalid([{ field: 'staffId', message: 'Укажите работника: у вашей учётной записи нет карточки работника' }]);
    const person = await registrant(t, actor, staffId);
    const e = loaded.event;
    if (e.cancelledAt) throw new AppError(409, 'cancelled', 'Мероприятие отменено');
    if (!e.registrationOpen) throw new AppError(409, 'registration_closed', 'Регистрация на мероприятие закрыта');
    if (e.endsAt.getTime() <= Date.now()) throw new AppError(409, 'finished', 'Мероприятие уже прошло');
    const { full } = await lockEvent(t, eventId);
    const [existing] = await t
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.staffId, staffId), sql`${eventRegistrations.status} <> 'cancelled'`));
    if (existing) throw new AppError(409, 'already_registered', `${person.full_name} уже зарегистрирован(а) на это мероприятие`);
    const [r] = await t
      .insert(eventRegistrations)
      .values({ eventId, staffId, status: full ? 'waitlisted' : 'registered', registeredBy: actor.userId })
      .returning();
    const view = await getRegistration(t, r.id);
    await recordAudit(t, actor, { action: 'event.register', entity: 'event_registration', entityId: r.id, ...auditPlace(loaded), after: view });
    return view;
  });
}

async function getRegistration(db: Db, id: string) {
  const [row] = await registrationRows(db, sql`r.id = ${id}`);
  return row;
}

async function registrationRows(db: Db, where: SQL) {
  const rows = await queryRows<{
    id: string;
    event_id: string;
    staff_id: string;
    full_name: string;
    organization_name: string | null;
    status: 'registered' | 'waitlisted' | 'cancelled';
    registered_at: Date;
    attended: boolean | null;
    version: number;
    position: number | null;
  }>(
    db,
    sql`SELECT r.id, r.event_id, r.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name,
          (SELECT o.short_name FROM organizations o WHERE o.id = s.organization_ids[1]) AS organization_name,
          r.status, r.registered_at, r.attended, r.version,
          CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int + 1 FROM event_registrations w WHERE w.event_id = r.event_id AND w.status = 'waitlisted'
            AND (w.registered_at, w.id) < (r.registered_at, r.id)) END AS position
        FROM event_registrations r JOIN staff s ON s.id = r.staff_id WHERE ${where}
        ORDER BY r.status = 'cancelled', r.status = 'waitlisted', r.registered_at, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    staffId: r.staff_id,
    fullName: r.full_name,
    organizationName: r.organization_name,
    status: r.status,
    registeredAt: new Date(r.registered_at).toISOString(),
    attended: r.attended,
    waitlistPosition: r.position,
    version: r.version,
  }));
}
export type RegistrationView = Awaited<ReturnType<typeof registrationRows>>[number];

/** The organizer's administrators see every registration; others those of people they see. */
export async function findRegistrations(db: Db, actor: Actor, eventId: string) {
  const loaded = await loadEvent(db, actor, eventId);
  const all = canAdministerOrganization(actor, loaded.organizer);
  const items = await registrationRows(db, and(sql`r.event_id = ${eventId}`, all ? undefined : staffAliasVisible(actor, 's'))!);
  if (!all && items.some((i) => i.staffId !== actor.staffId)) {
    await recordAudit(db, actor, { action: 'event.registrations.read', entity: 'event', entityId: eventId, ...auditPlace(loaded) });
  }
  return { items, canManage: all };
}

/** Cancels a registration: the person, who registered them, or the organizer; a freed seat goes
 *  to the waitlist. */
export async function cancelRegistration(db: Db, actor: Actor, registrationId: string, version: number) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [reg] = await t.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!reg) throw notFound('Регистрация');
    const loaded = await throughParent('Регистрация', loadEvent(t, actor, reg.eventId));
    const [visible] = await queryRows<{ writable: boolean }>(t, sql`SELECT (${staffAliasVisible(actor, 's', 'write')}) AS writable FROM staff s WHERE s.id = ${reg.staffId} AND ${staffAliasVisible(actor, 's')}`);
    const organizer = canAdministerOrganization(actor, loaded.organizer);
    if (!visible && !organizer) throw notFound('Регистрация');
    if (!organizer && !visible!.writable && reg.staffId !== actor.staffId) throw forbidden('Отменить регистрацию может сам работник, его администратор или организатор');
    if (reg.status === 'cancelled') throw new AppError(409, 'already_cancelled', 'Регистрация уже отменена');
    if (reg.version !== version) throw staleVersion();
    await lockEvent(t, reg.eventId);
    await t.update(eventRegistrations).set({ status: 'cancelled', cancelledAt: new Date(), version: version + 1 }).where(eq(eventRegistrations.id, registrationId));
    if (reg.status === 'registered') await promoteWaitlist(t, reg.eventId);
    const view = await getRegistration(t, registrationId);
    await recordAudit(t, actor, { action: 'event.unregister', entity: 'event_registration', entityId: registrationId, ...auditPlace(loaded), after: view });
    return view;
  });
}

/** The organizer marks who came (registered people only; the event must have started). */
export async function markAttendance(db: Db, actor: Actor, eventId: string, marks: { registrationId: string; attended: boolean }[]) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadEvent(t, actor, eventId, 'write');
    if (loaded.event.startsAt.getTime() > Date.now()) throw new AppError(409, 'not_started', 'Отметить посещение можно после начала мероприятия');
    const ids = marks.map((m) => m.registrationId);
    const known = await t
      .select({ id: eventRegistrations.id, status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), sql`${eventRegistrations.id} = ANY(${sql.param(ids)}::uuid[])`));
    const bad = marks.findIndex((m) => known.find((k) => k.id === m.registrationId)?.status !== 'registered');
    if (bad >= 0) throw invalid([{ field: `marks.${bad}.registrationId`, message: 'Посещение отмечается только у зарегистрированных участников этого мероприятия' }]);
    for (const attended of [true, false]) {
      const group = marks.filter((m) => m.attended === attended).map((m) => m.registrationId);
      if (group.length)
        await t.execute(sql`UPDATE event_registrations SET attended = ${attended}, attendance_marked_at = now(), version = version + 1 WHERE id = ANY(${sql.param(group)}::uuid[])`);
    }
    await recordAudit(t, actor, { action: 'event.attendance', entity: 'event', entityId: eventId, ...auditPlace(loaded), after: marks });
    return findRegistrations(t, actor, eventId);
  });
}

// ───────────── the report after the event ─────────────

export const photoLimits: FileLimits = { maxFiles: 20, maxBytes: 10 * 1024 * 1024 };

export interface ReportInput {
  place: string;
  startsOn: string;
  endsOn: string;
  format: EventFormat;
  participantsCount: number;
  summary?: string | null;
  mediaLinks: string[];
  videoLinks: string[];
  /** Photos kept from the previous version of the report (others are dropped). */
  keepFileIds?: string[];
  version?: number;
}

async function reportOf(db: Db, eventId: string) {
  const [r] = await db.select().from(eventReports).where(eq(eventReports.eventId, eventId));
  if (!r) return null;
  const files = await filesMeta(db, r.photoFileIds);
  return {
    place: r.place,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    format: r.format,
    participantsCount: r.participantsCount,
    summary: r.summary,
    mediaLinks: r.mediaLinks,
    videoLinks: r.videoLinks,
    photos: r.photoFileIds.map((id) => files.find((f) => f.id === id)!).filter(Boolean),
    filedAt: r.filedAt.toISOString(),
    version: r.version,
  };
}

/** Files or amends the report (the organizer's administrators, after the event has started). */
export async function fileReport(db: Db, actor: Actor, eventId: string, input: ReportInput, photos: UploadedFile[]) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadEvent(t, actor, eventId, 'write');
    if (loaded.event.startsAt.getTime() > Date.now()) throw new AppError(409, 'not_started', 'Отчёт подаётся после проведения мероприятия');
    if (input.startsOn > input.endsOn) throw invalid([{ field: 'endsOn', message: 'Дата окончания раньше даты начала' }]);
    const [before] = await t.select().from(eventReports).where(eq(eventReports.eventId, eventId));
    if (before && input.version !== before.version) throw staleVersion();
    const kept = before ? before.photoFileIds.filter((id) => input.keepFileIds?.includes(id)) : [];
    if (kept.length + photos.length > photoLimits.maxFiles) throw invalid([{ field: 'photos', message: `Не более ${photoLimits.maxFiles} фотографий` }]);
    const stored = await storeFiles(t, actor, photos, photoLimits);
    const values = {
      place: input.place,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      format: input.format,
      participantsCount: input.participantsCount,
      summary: input.summary ?? null,
      mediaLinks: input.mediaLinks,
      videoLinks: input.videoLinks,
      photoFileIds: [...kept, ...stored.map((s) => s.id)],
      filedBy: actor.userId,
      filedAt: new Date(),
    };
    if (before) await t.update(eventReports).set({ ...values, version: before.version + 1 }).where(eq(eventReports.eventId, eventId));
    else await t.insert(eventReports).values({ eventId, ...values });
    const after = await reportOf(t, eventId);
    await recordAudit(t, actor, { action: before ? 'event.report.update' : 'event.report.create', entity: 'event', entityId: eventId, ...auditPlace(loaded), after });
    return after!;
  });
}

/** A photo of the report: read with the event. */
export async function readReportPhoto(db: Db, actor: Actor, eventId: string, fileId: string) {
  await loadEvent(db, actor, eventId);
  const [r] = await db.select({ ids: eventReports.photoFileIds }).from(eventReports).where(eq(eventReports.eventId, eventId));
  if (!r?.ids.includes(fileId)) throw notFound('Файл');
  const file = await readStoredFile(db, fileId);
  if (!file) throw notFound('Файл');
  return file;
}

