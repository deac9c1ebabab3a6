import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Db } from '../../db/client.js';
import { eventFeeds, events } from './events.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { organizationVisible, type Actor } from '../../lib/access.js';
import { invalid, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { eventsForCalendar, eventFilter, eventVisible, type EventQuery } from './events.service.js';
import { eventFormats, eventKinds } from '../../../common/events-dictionaries.js';

/**
 * ICS export and subscription feeds (ADR 0017). Times are written in UTC («Z»): every calendar
 * client shows them in its own zone, so an event at 10:00 Moscow time (UTC+3) reads 07:00Z and
 * appears at 10:00 for a Moscow user; X-WR-TIMEZONE tells clients the calendar's home zone.
 */

export const CALENDAR_TIMEZONE = 'Europe/Moscow';

type CalendarRow = Awaited<ReturnType<typeof eventsForCalendar>>[number];

export function buildIcs(rows: CalendarRow[], name: string, origin: string): string {
  const cal = ical({ name, prodId: { company: 'РСНМС', product: 'Календарь мероприятий', language: 'RU' }, ttl: 3600 });
  cal.x([{ key: 'X-WR-TIMEZONE', value: CALENDAR_TIMEZONE }]);
  for (const { e, organizerName } of rows) {
    const description = [
      `${eventKinds[e.kind]}. Формат: ${eventFormats[e.format].toLowerCase()}.`,
      `Организатор: ${organizerName}.`,
      e.audience ? `Участники: ${e.audience}.` : '',
      e.onlineUrl ? `Ссылка для подключения: ${e.onlineUrl}` : '',
      e.description ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    cal.createEvent({
      id: `${e.id}@rsnms`,
      start: e.startsAt,
      end: e.endsAt,
      stamp: e.updatedAt,
      summary: e.title,
      description,
      location: e.place ?? (e.format === 'online' ? 'Онлайн' : null),
      url: `${origin}/events/${e.id}`,
      status: e.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: e.version,
    });
  }
  return cal.toString();
}

/** The list's events (same filters) as ICS, within the actor's scope. */
export async function exportIcs(db: Db, actor: Actor, q: Omit<EventQuery, 'limit' | 'cursor'>, origin: string) {
  const rows = await eventsForCalendar(db, and(eventVisible(actor), eventFilter(q, actor.staffId)));
  return buildIcs(rows, 'Календарь мероприятий РСНМС', origin);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a feed: the person's own registrations, or the events an organization organizes (one
 *  the actor sees). The secret is shown once, in the URL; only its hash is stored. */
export async function createFeed(db: Db, actor: Actor, input: { organizationId?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    let place = { territoryIds: [] as string[], organizationIds: [] as string[] };
    if (input.organizationId) {
      const [org] = await t
        .select({ id: organizations.id, territoryId: organizations.territoryId, path: organizations.path })
        .from(organizations)
        .where(and(eq(organizations.id, input.organizationId), organizationVisible(actor, { id: organizations.id, territoryId: organizations.territoryId })));
      if (!org) throw notFound('Организация');
      place = { territoryIds: [org.territoryId], organizationIds: org.path };
    } else if (!actor.staffId) {
      throw invalid([{ field: 'organizationId', message: 'Личная подписка — на ваши регистрации, а у учётной записи нет карточки работника; выберите организацию' }]);
    }
    const token = randomBytes(32).toString('base64url');
    const [feed] = await t.insert(eventFeeds).values({ userId: actor.userId, organizationId: input.organizationId ?? null, tokenHash: hashToken(token) }).returning();
    await recordAudit(t, actor, { action: 'event.feed.create', entity: 'event_feed', entityId: feed.id, ...place });
    const [view] = await feedRows(t, actor, feed.id);
    return { ...view, path: `/api/events/feed/${token}.ics` };
  });
}

async function feedRows(db: Db, actor: Actor, id?: string) {
  const rows = await db
    .select({ feed: eventFeeds, organizationName: organizations.shortName })
    .from(eventFeeds)
    .leftJoin(organizations, eq(organizations.id, eventFeeds.organizationId))
    .where(and(eq(eventFeeds.userId, actor.userId), isNull(eventFeeds.revokedAt), id ? eq(eventFeeds.id, id) : undefined))
    .orderBy(desc(eventFeeds.createdAt));
  return rows.map((r) => ({
    id: r.feed.id,
    scope: r.feed.organizationId ? ('organization' as const) : ('personal' as const),
    organizationId: r.feed.organizationId,
    organizationName: r.organizationName,
    createdAt: r.feed.createdAt.toISOString(),
    lastUsedAt: r.feed.lastUsedAt?.toISOString() ?? null,
  }));
}

export const findFeeds = (db: Db, actor: Actor) => feedRows(db, actor);

export async function revokeFeed(db: Db, actor: Actor, id: string) {
  const [feed] = await db
    .update(eventFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(eventFeeds.id, id), eq(eventFeeds.userId, actor.userId), isNull(eventFeeds.revokedAt)))
    .returning();
  if (!feed) throw notFound('Подписка');
  await recordAudit(db, actor, { action: 'event.feed.revoke', entity: 'event_feed', entityId: id });
}

/** The feed by its secret, without a session: a personal feed lists the person's live
 *  registrations; an organization's feed its events (those open to everyone at its territory, and
 *  its own-level ones). Unknown or revoked tokens answer 404. */
export async function renderFeed(db: Db, token: string, origin: string) {
  const [row] = await db
    .select({ feed: eventFeeds, staffId: sql<string | null>`(SELECT staff_id FROM users WHERE id = ${eventFeeds.userId})` })
    .from(eventFeeds)
    .where(and(eq(eventFeeds.tokenHash, hashToken(token)), isNull(eventFeeds.revokedAt)));
  if (!row) throw notFound('Подписка');
  await db.update(eventFeeds).set({ lastUsedAt: new Date() }).where(eq(eventFeeds.id, row.feed.id));
  const where = row.feed.organizationId
    ? eq(events.organizerOrganizationId, row.feed.organizationId)
    : sql`${events.id} IN (SELECT fr.event_id FROM event_registrations fr WHERE fr.staff_id = ${row.staffId} AND fr.status <> 'cancelled')`;
  const rows = await eventsForCalendar(db, where);
  const name = row.feed.organizationId ? `Мероприятия: ${(await orgName(db, row.feed.organizationId)) ?? 'организация'}` : 'Мои мероприятия (РСНМС)';
  return buildIcs(rows, name, origin);
}

async function orgName(db: Db, id: string) {
  const [o] = await db.select({ n: organizations.shortName }).from(organizations).where(eq(organizations.id, id));
  return o?.n;
}
