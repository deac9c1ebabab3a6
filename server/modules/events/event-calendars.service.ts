import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { eventCalendars } from './events.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { canAdministerOrganization, canWriteAt, levelRecordVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { calendarStatuses, eventLevels, type CalendarStatus, type EventLevel } from '../../../common/events-dictionaries.js';

/**
 * Annual events calendars (ADR 0017). Each level's calendar for a year is formed by its owner and
 * approved no later than November of the year before (deadline: 30 November). Workflow:
 * draft → submitted (owner's administrators) → approved (administrators of the owner's territory)
 * or back to draft with a reason. The events of a regional or municipal calendar are that year's
 * events of its level in its territory (whoever of the level organizes them); of an organization's
 * calendar, the organization's own; those added after approval are counted as additions.
 */

export const calendarActions = ['submit', 'approve', 'return', 'reopen'] as const;
export type CalendarAction = (typeof calendarActions)[number];

/** The approval deadline of the calendar of `year`: 30 November of the year before. */
export const calendarDeadline = (year: number) => `${year - 1}-11-30`;

const transitions: Record<CalendarAction, { from: CalendarStatus[]; to: CalendarStatus; who: 'owner' | 'approver' }> = {
  submit: { from: ['draft'], to: 'submitted', who: 'owner' },
  approve: { from: ['submitted'], to: 'approved', who: 'approver' },
  return: { from: ['submitted'], to: 'draft', who: 'approver' },
  // an approved calendar is amended by a new approval (the approver reopens it)
  reopen: { from: ['approved'], to: 'draft', who: 'approver' },
};

/** The next status of a calendar, or the reason the step is not allowed (pure, for tests). */
export function nextCalendarStatus(status: CalendarStatus, action: CalendarAction, role: { owner: boolean; approver: boolean }): CalendarStatus | string {
  const t = transitions[action];
  if (!t.from.includes(status)) return `Действие недоступно: календарь в статусе «${calendarStatuses[status]}»`;
  if (t.who === 'owner' && !role.owner) return 'Направить календарь на утверждение может организация, которая его формирует';
  if (t.who === 'approver' && !role.approver) return 'Утверждать календарь может орган управления образованием его территории';
  return t.to;
}

const visible = (actor: Actor) => levelRecordVisible(actor, { level: eventCalendars.level, territoryId: eventCalendars.territoryId, ownerOrganizationId: eventCalendars.ownerOrganizationId });

async function load(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ c: eventCalendars, owner: { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path } })
    .from(eventCalendars)
    .innerJoin(organizations, eq(organizations.id, eventCalendars.ownerOrganizationId))
    .where(and(eq(eventCalendars.id, id), visible(actor)));
  if (!row) throw notFound('Календарь');
  return row;
}
type Loaded = Awaited<ReturnType<typeof load>>;

/** The approver of a calendar: administrators with write scope over its territory (the ministry
 *  for a regional calendar, the municipal authority — or the region — for a municipal one and for
 *  an organization's). */
const rolesOf = (actor: Actor, l: Loaded) => ({ owner: canAdministerOrganization(actor, l.owner), approver: canWriteAt(actor, { territoryIds: [l.c.territoryId], organizationIds: [] }) });

async function counts(db: Db, rows: (typeof eventCalendars.$inferSelect)[]) {
  const by = new Map<string, { events: number; addedAfterApproval: number; reported: number; held: number }>();
  for (const c of rows) {
    const [r] = await queryRows<{ events: number; added: number; reported: number; held: number }>(
      db,
      sql`SELECT count(*)::int AS events,
            count(*) FILTER (WHERE e.created_at > ${c.approvedAt?.toISOString() ?? null}::timestamptz)::int AS added,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = e.id))::int AS reported,
            count(*) FILTER (WHERE e.ends_at < now())::int AS held
          FROM events e WHERE e.level = ${c.level} AND e.cancelled_at IS NULL
            AND ${c.level === 'organization' ? sql`e.organizer_organization_id = ${c.ownerOrganizationId}` : sql`e.territory_id = ${c.territoryId}`}
            AND e.starts_at >= make_timestamptz(${c.year}::int, 1, 1, 0, 0, 0, 'Europe/Moscow') AND e.starts_at < make_timestamptz(${c.year + 1}::int, 1, 1, 0, 0, 0, 'Europe/Moscow')`,
    );
    by.set(c.id, { events: r.events, addedAfterApproval: r.added, reported: r.reported, held: r.held });
  }
  return by;
}

function view(c: typeof eventCalendars.$inferSelect, ownerName: string, n: { events: number; addedAfterApproval: number; reported: number; held: number } | undefined, today: string) {
  const approvedOn = c.approvedAt ? todayIso(c.approvedAt) : null;
  return {
    id: c.id,
    level: c.level,
    ownerOrganizationId: c.ownerOrganizationId,
    ownerName,
    territoryId: c.territoryId,
    year: c.year,
    title: c.title,
    status: c.status,
    deadline: c.deadline,
    /** Not approved and the deadline passed, or approved after it. */
    overdue: c.status !== 'approved' ? today > c.deadline : approvedOn! > c.deadline,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    approvalDocument: c.approvalDocument,
    returnReason: c.returnReason,
    events: n?.events ?? 0,
    addedAfterApproval: n?.addedAfterApproval ?? 0,
    reported: n?.reported ?? 0,
    held: n?.held ?? 0,
    version: c.version,
  };
}

export async function findCalendars(db: Db, actor: Actor, q: { year?: number; level?: EventLevel; status?: CalendarStatus }) {
  const rows = await db
    .select({ c: eventCalendars, ownerName: organizations.shortName })
    .from(eventCalendars)
    .innerJoin(organizations, eq(organizations.id, eventCalendars.ownerOrganizationId))
    .where(and(visible(actor), q.year ? eq(eventCalendars.year, q.year) : undefined, q.level ? eq(eventCalendars.level, q.level) : undefined, q.status ? eq(eventCalendars.status, q.status) : undefined))
    .orderBy(desc(eventCalendars.year), sql`CASE ${eventCalendars.level} WHEN 'regional' THEN 0 WHEN 'municipal' THEN 1 ELSE 2 END`, asc(organizations.shortName), asc(eventCalendars.id))
    .limit(500);
  const n = await counts(db, rows.map((r) => r.c));
  const today = todayIso();
  return { items: rows.map((r) => view(r.c, r.ownerName, n.get(r.c.id), today)) };
}

export async function getCalendar(db: Db, actor: Actor, id: string) {
  const l = await load(db, actor, id);
  const n = await counts(db, [l.c]);
  const roles = rolesOf(actor, l);
  const actions = calendarActions.filter((a) => nextCalendarStatus(l.c.status, a, roles) in calendarStatuses);
  return { ...view(l.c, l.owner.shortName, n.get(l.c.id), todayIso()), actions };
}

export async function createCalendar(db: Db, actor: Actor, input: { ownerOrganizationId: string; year: number; level: EventLevel; title?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [owner] = await t
      .select({ id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path, territoryKind: territories.kind })
      .from(organizations)
      .innerJoin(territories, eq(territories.id, organizations.territoryId))
      .where(eq(organizations.id, input.ownerOrganizationId));
    if (!owner || !canAdministerOrganization(actor, owner)) throw invalid([{ field: 'ownerOrganizationId', message: 'Календарь формирует организация, которую вы администрируете' }]);
    if (input.level === 'regional' && owner.territoryKind !== 'region') throw invalid([{ field: 'level', message: 'Региональный календарь формирует организация регионального уровня' }]);
    if (input.level === 'municipal' && owner.territoryKind !== 'municipality') throw invalid([{ field: 'level', message: 'Муниципальный календарь формирует организация муниципалитета' }]);
    const [dup] = await t.select({ id: eventCalendars.id }).from(eventCalendars).where(and(eq(eventCalendars.ownerOrganizationId, owner.id), eq(eventCalendars.year, input.year)));
    if (dup) throw new AppError(409, 'duplicate', `Календарь на ${input.year} год у этой организации уже есть`);
    const title = input.title || `Календарь мероприятий (${eventLevels[input.level].toLowerCase()} уровень) на ${input.year} год — ${owner.shortName}`;
    const [c] = await t
      .insert(eventCalendars)
      .values({ level: input.level, ownerOrganizationId: owner.id, territoryId: owner.territoryId, year: input.year, title, deadline: calendarDeadline(input.year) })
      .returning();
    const after = await getCalendar(t, actor, c.id);
    await recordAudit(t, actor, { action: 'event_calendar.create', entity: 'event_calendar', entityId: c.id, territoryIds: [owner.territoryId], organizationIds: owner.path, after });
    return after;
  });
}

export async function changeCalendar(db: Db, actor: Actor, id: string, input: { version: number; action: CalendarAction; reason?: string | null; approvalDocument?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await load(t, actor, id);
    const roles = rolesOf(actor, l);
    if (!roles.owner && !roles.approver) throw forbidden('Календарь ведут организация-владелец и орган управления образованием его территории');
    if (l.c.version !== input.version) throw staleVersion();
    const next = nextCalendarStatus(l.c.status, input.action, roles);
    if (!(next in calendarStatuses)) throw new AppError(transitions[input.action].from.includes(l.c.status) ? 403 : 409, 'bad_transition', next);
    if (input.action === 'return' && !input.reason) throw invalid([{ field: 'reason', message: 'Укажите, что нужно доработать' }]);
    const before = await getCalendar(t, actor, id);
    const now = new Date();
    const [after] = await t
      .update(eventCalendars)
      .set({
        status: next as CalendarStatus,
        submittedAt: input.action === 'submit' ? now : l.c.submittedAt,
        approvedAt: input.action === 'approve' ? now : next === 'draft' ? null : l.c.approvedAt,
        approvedBy: input.action === 'approve' ? actor.userId : next === 'draft' ? null : l.c.approvedBy,
        approvalDocument: input.action === 'approve' ? (input.approvalDocument ?? null) : l.c.approvalDocument,
        returnReason: input.action === 'return' || input.action === 'reopen' ? (input.reason ?? null) : l.c.returnReason,
        version: input.version + 1,
      })
      .where(and(eq(eventCalendars.id, id), eq(eventCalendars.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    const afterView = await getCalendar(t, actor, id);
    await recordAudit(t, actor, { action: `event_calendar.${input.action}`, entity: 'event_calendar', entityId: id, territoryIds: [l.owner.territoryId], organizationIds: l.owner.path, before, after: afterView });
    return afterView;
  });
}
