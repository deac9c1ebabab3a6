import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { communities, communityMembers, communityPlans, communityMeetings, communityMeetingParticipants } from './communities.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { canAdministerOrganization, levelRecordVisible, staffAliasVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion, throughParent } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { evidenceLimits, filesMeta, readStoredFile, storeFiles, type UploadedFile } from '../files/files.service.js';
import type { CommunityFocus, CommunityKind, CommunityMemberRole, EventFormat, EventLevel } from '../../../common/events-dictionaries.js';

/**
 * Professional communities (ADR 0017): methodological associations, networking platforms,
 * professional associations, network communities; their members, plans and meetings with
 * protocols. A community is open like a calendar event (by level and territory); it is kept by
 * the administrators of its base organization and by its leader.
 */

export interface CommunityInput {
  name: string;
  kind: CommunityKind;
  level: EventLevel;
  focus?: CommunityFocus | null;
  subjects?: string[];
  baseOrganizationId: string;
  description?: string | null;
}

export interface CommunityQuery {
  q?: string;
  kind?: CommunityKind;
  level?: EventLevel;
  territoryId?: string;
  /** Only communities the actor's person is a member of. */
  mine?: boolean;
  archived?: boolean;
  limit: number;
  cursor?: string;
}

const orgCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path };
const visible = (actor: Actor) => levelRecordVisible(actor, { level: communities.level, territoryId: communities.territoryId, ownerOrganizationId: communities.baseOrganizationId });
const sort: KeysetSort = { keys: [sql`${communities.name}`, sql`${communities.id}`] };

type Row = typeof communities.$inferSelect;

async function leadersAndCounts(db: Db, ids: string[]) {
  const by = new Map<string, { members: number; meetings: number; leader: string | null; leaderStaffId: string | null }>();
  if (!ids.length) return by;
  const rows = await queryRows<{ id: string; members: number; meetings: number; leader: string | null; leader_staff_id: string | null }>(
    db,
    sql`SELECT c.id,
          (SELECT count(*)::int FROM community_members m WHERE m.community_id = c.id AND m.left_on IS NULL) AS members,
          (SELECT count(*)::int FROM community_meetings mt WHERE mt.community_id = c.id) AS meetings,
          l.full_name AS leader, l.staff_id AS leader_staff_id
        FROM communities c
        LEFT JOIN LATERAL (SELECT m.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name FROM community_members m JOIN staff s ON s.id = m.staff_id
          WHERE m.community_id = c.id AND m.left_on IS NULL AND m.role = 'leader' ORDER BY m.joined_on LIMIT 1) l ON true
        WHERE c.id = ANY(${sql.param(ids)}::uuid[])`,
  );
  for (const r of rows) by.set(r.id, { members: r.members, meetings: r.meetings, leader: r.leader, leaderStaffId: r.leader_staff_id });
  return by;
}

function view(c: Row, baseName: string, n: { members: number; meetings: number; leader: string | null; leaderStaffId: string | null } | undefined) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    level: c.level,
    focus: c.focus,
    subjects: c.subjects,
    baseOrganizationId: c.baseOrganizationId,
    baseOrganizationName: baseName,
    territoryId: c.territoryId,
    leaderName: n?.leader ?? null,
    leaderStaffId: n?.leaderStaffId ?? null,
    members: n?.members ?? 0,
    meetings: n?.meetings ?? 0,
    archived: c.archivedAt !== null,
    version: c.version,
  };
}
export type CommunityListItem = ReturnType<typeof view>;

export async function findCommunities(db: Db, actor: Actor, q: CommunityQuery) {
  const where = and(
    visible(actor),
    q.archived ? sql`${communities.archivedAt} IS NOT NULL` : sql`${communities.archivedAt} IS NULL`,
    q.kind ? eq(communities.kind, q.kind) : undefined,
    q.level ? eq(communities.level, q.level) : undefined,
    q.territoryId ? eq(communities.territoryId, q.territoryId) : undefined,
    q.mine ? sql`${communities.id} IN (SELECT community_id FROM community_members WHERE staff_id = ${actor.staffId} AND left_on IS NULL)` : undefined,
    ...searchWords(q.q).map((w) => sql`${communities.name} ILIKE ${'%' + escapeLike(w) + '%'}`),
  );
  const rows = await db
    .select({ c: communities, baseName: organizations.shortName })
    .from(communities)
    .innerJoin(organizations, eq(organizations.id, communities.baseOrganizationId))
    .where(and(where, keysetAfter(sort, q.cursor)))
    .orderBy(keysetOrder(sort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(communities).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.c.name, r.c.id]);
  const n = await leadersAndCounts(db, page.items.map((r) => r.c.id));
  return { items: page.items.map((r) => view(r.c, r.baseName, n.get(r.c.id))), nextCursor: page.nextCursor, total };
}

async function load(db: Db, actor: Actor, id: string) {
  const [row] = await db.select({ c: communities, base: orgCols }).from(communities).innerJoin(organizations, eq(organizations.id, communities.baseOrganizationId)).where(and(eq(communities.id, id), visible(actor)));
  if (!row) throw notFound('Сообщество');
  return row;
}
type Loaded = Awaited<ReturnType<typeof load>>;
const auditPlace = (l: Loaded) => ({ territoryIds: [l.base.territoryId], organizationIds: l.base.path });

/** The leader (and deputies) run the community's work together with the base organization's administrators. */
async function isLeader(db: Db, actor: Actor, communityId: string) {
  if (!actor.staffId) return false;
  const [m] = await db
    .select({ id: communityMembers.id })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.staffId, actor.staffId), sql`${communityMembers.leftOn} IS NULL`, sql`${communityMembers.role} IN ('leader', 'deputy')`));
  return !!m;
}

async function rights(db: Db, actor: Actor, l: Loaded) {
  const admin = canAdministerOrganization(actor, l.base);
  return { admin, manage: admin || (await isLeader(db, actor, l.c.id)) };
}

async function loadManaged(db: Db, actor: Actor, id: string) {
  const l = await load(db, actor, id);
  if (!(await rights(db, actor, l)).manage) throw forbidden('Работу сообщества ведут его руководитель и администраторы базовой организации');
  return l;
}

export async function getCommunity(db: Db, actor: Actor, id: string) {
  const l = await load(db, actor, id);
  const n = await leadersAndCounts(db, [id]);
  const r = await rights(db, actor, l);
  const [me] = actor.staffId
    ? await db.select({ id: communityMembers.id }).from(communityMembers).where(and(eq(communityMembers.communityId, id), eq(communityMembers.staffId, actor.staffId), sql`${communityMembers.leftOn} IS NULL`))
    : [];
  return { ...view(l.c, l.base.shortName, n.get(id)), description: l.c.description, canEdit: r.admin, canManage: r.manage, myMembershipId: me?.id ?? null };
}
export type CommunityDetail = Awaited<ReturnType<typeof getCommunity>>;

async function checkBase(db: Db, actor: Actor, baseOrganizationId: string, level: EventLevel) {
  const [base] = await db
    .select({ ...orgCols, territoryKind: territories.kind })
    .from(organizations)
    .innerJoin(territories, eq(territories.id, organizations.territoryId))
    .where(eq(organizations.id, baseOrganizationId));
  if (!base || !canAdministerOrganization(actor, base)) throw invalid([{ field: 'baseOrganizationId', message: 'Базовой организацией может быть только организация, которую вы администрируете' }]);
  if (level === 'regional' && base.territoryKind !== 'region') throw invalid([{ field: 'level', message: 'Региональное сообщество создаётся на базе организации регионального уровня' }]);
  if (level === 'municipal' && base.territoryKind !== 'municipality') throw invalid([{ field: 'level', message: 'Муниципальное сообщество создаётся на базе организации муниципалитета' }]);
  return base;
}

function checkFocus(input: Partial<CommunityInput>) {
  if (input.focus && input.kind && input.kind !== 'methodological_association') throw invalid([{ field: 'focus', message: 'Направленность (предметное, межпредметное, метапредметное) указывается для методических объединений' }]);
}

export async function createCommunity(db: Db, actor: Actor, input: CommunityInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    checkFocus(input);
    const base = await checkBase(t, actor, input.baseOrganizationId, input.level);
    const [c] = await t
      .insert(communities)
      .values({ name: input.name, kind: input.kind, level: input.level, focus: input.focus ?? null, subjects: input.subjects ?? [], baseOrganizationId: base.id, territoryId: base.territoryId, description: input.description ?? null, createdBy: actor.userId })
      .returning();
    const after = await getCommunity(t, actor, c.id);
    await recordAudit(t, actor, { action: 'community.create', entity: 'community', entityId: c.id, territoryIds: [base.territoryId], organizationIds: base.path, after });
    return after;
  });
}

export async function updateCommunity(db: Db, actor: Actor, id: string, input: Partial<Omit<CommunityInput, 'baseOrganizationId' | 'level'>> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await load(t, actor, id);
    if (!canAdministerOrganization(actor, l.base)) throw forbidden('Изменять сообщество могут администраторы базовой организации');
    if (l.c.version !== input.version) throw staleVersion();
    checkFocus({ kind: input.kind ?? l.c.kind, focus: input.focus === undefined ? l.c.focus : input.focus });
    const before = await getCommunity(t, actor, id);
    const { version, archived, ...fields } = input;
    const [row] = await t
      .update(communities)
      .set({ ...fields, archivedAt: archived === undefined ? l.c.archivedAt : archived ? (l.c.archivedAt ?? new Date()) : null, version: version + 1 })
      .where(and(eq(communities.id, id), eq(communities.version, version)))
      .returning();
    if (!row) throw staleVersion();
    const after = await getCommunity(t, actor, id);
    await recordAudit(t, actor, { action: 'community.update', entity: 'community', entityId: id, ...auditPlace(l), before, after });
    return after;
  });
}

// ───────────── members ─────────────

export async function findMembers(db: Db, actor: Actor, id: string) {
  await load(db, actor, id);
  const rows = await queryRows<{ id: string; staff_id: string; full_name: string; organization_name: string | null; role: CommunityMemberRole; joined_on: string; left_on: string | null; meetings_attended: number }>(
    db,
    sql`SELECT m.id, m.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name,
          (SELECT o.short_name FROM organizations o WHERE o.id = s.organization_ids[1]) AS organization_name,
          m.role, m.joined_on::text AS joined_on, m.left_on::text AS left_on,
          (SELECT count(*)::int FROM community_meeting_participants p JOIN community_meetings mt ON mt.id = p.meeting_id WHERE mt.community_id = m.community_id AND p.staff_id = m.staff_id) AS meetings_attended
        FROM community_members m JOIN staff s ON s.id = m.staff_id WHERE m.community_id = ${id}
        ORDER BY m.left_on IS NOT NULL, CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, full_name, m.id`,
  );
  const [{ meetings }] = await queryRows<{ meetings: number }>(db, sql`SELECT count(*)::int AS meetings FROM community_meetings WHERE community_id = ${id}`);
  return {
    meetings,
    items: rows.map((r) => ({ id: r.id, staffId: r.staff_id, fullName: r.full_name, organizationName: r.organization_name, role: r.role, joinedOn: r.joined_on, leftOn: r.left_on, meetingsAttended: r.meetings_attended })),
  };
}

/** Adds a member: the leader or the base organization's administrators add people they see and
 *  give roles; an administrator delegates their own staff; anyone who sees the community joins it. */
export async function addMember(db: Db, actor: Actor, id: string, input: { staffId?: string; role?: CommunityMemberRole; joinedOn?: string }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await load(t, actor, id);
    if (l.c.archivedAt) throw new AppError(409, 'archived', 'Сообщество в архиве');
    const staffId = input.staffId ?? actor.staffId;
    if (!staffId) throw invalid([{ field: 'staffId', message: 'Укажите работника' }]);
    const [person] = await queryRows<{ id: string; writable: boolean }>(
      t,
      sql`SELECT s.id, (${staffAliasVisible(actor, 's', 'write')}) AS writable FROM staff s WHERE s.id = ${staffId} AND s.archived_at IS NULL AND ${staffAliasVisible(actor, 's')}`,
    );
    if (!person) throw notFound('Работник');
    // a person joins themself, an administrator delegates their own staff; roles are the community's managers' to give
    const { manage } = await rights(t, actor, l);
    const plainMember = !input.role || input.role === 'member';
    if (!manage && !(plainMember && (staffId === actor.staffId || person.writable))) {
      throw forbidden('Назначать руководителя и добавлять участников из других организаций могут руководитель сообщества и администраторы базовой организации');
    }
    const [dup] = await t.select({ id: communityMembers.id }).from(communityMembers).where(and(eq(communityMembers.communityId, id), eq(communityMembers.staffId, staffId), sql`${communityMembers.leftOn} IS NULL`));
    if (dup) throw new AppError(409, 'duplicate', 'Работник уже состоит в сообществе');
    const [m] = await t.insert(communityMembers).values({ communityId: id, staffId, role: input.role ?? 'member', joinedOn: input.joinedOn ?? todayIso() }).returning();
    await recordAudit(t, actor, { action: 'community.member.add', entity: 'community', entityId: id, ...auditPlace(l), after: { memberId: m.id, staffId, role: m.role } });
    return (await findMembers(t, actor, id)).items.find((i) => i.id === m.id)!;
  });
}

/** Changes a member's role or records leaving (a member may leave themself). */
export async function changeMember(db: Db, actor: Actor, memberId: string, input: { role?: CommunityMemberRole; leave?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [m] = await t.select().from(communityMembers).where(eq(communityMembers.id, memberId));
    if (!m) throw notFound('Участник');
    const l = await throughParent('Участник', load(t, actor, m.communityId));
    const { manage } = await rights(t, actor, l);
    const selfLeave = m.staffId === actor.staffId && input.leave && !input.role;
    if (!manage && !selfLeave) throw forbidden('Изменять состав может руководитель сообщества или администратор базовой организации');
    if (m.leftOn) throw new AppError(409, 'left', 'Участник уже вышел из сообщества');
    await t
      .update(communityMembers)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.leave ? { leftOn: todayIso() } : {}) })
      .where(eq(communityMembers.id, memberId));
    await recordAudit(t, actor, { action: 'community.member.change', entity: 'community', entityId: m.communityId, ...auditPlace(l), before: { role: m.role }, after: { memberId, ...input } });
    return (await findMembers(t, actor, m.communityId)).items.find((i) => i.id === memberId)!;
  });
}

// ───────────── plans ─────────────

export async function findPlans(db: Db, actor: Actor, id: string) {
  await load(db, actor, id);
  const rows = await db.select().from(communityPlans).where(eq(communityPlans.communityId, id)).orderBy(desc(communityPlans.period), desc(communityPlans.createdAt));
  return { items: rows.map((p) => ({ id: p.id, period: p.period, title: p.title, items: p.items, approvedOn: p.approvedOn, version: p.version })) };
}

export async function createPlan(db: Db, actor: Actor, id: string, input: { period: string; title: string; items: string[]; approvedOn?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadManaged(t, actor, id);
    const [p] = await t.insert(communityPlans).values({ communityId: id, period: input.period, title: input.title, items: input.items, approvedOn: input.approvedOn ?? null }).returning();
    await recordAudit(t, actor, { action: 'community.plan.create', entity: 'community', entityId: id, ...auditPlace(l), after: input });
    return { id: p.id, period: p.period, title: p.title, items: p.items, approvedOn: p.approvedOn, version: p.version };
  });
}

// ───────────── meetings ─────────────

async function meetingRows(db: Db, communityId: string, meetingId?: string) {
  const rows = await db
    .select()
    .from(communityMeetings)
    .where(and(eq(communityMeetings.communityId, communityId), meetingId ? eq(communityMeetings.id, meetingId) : undefined))
    .orderBy(desc(communityMeetings.heldAt), asc(communityMeetings.id));
  const ids = rows.map((r) => r.id);
  const participants = ids.length
    ? await queryRows<{ meeting_id: string; staff_id: string; full_name: string }>(
        db,
        sql`SELECT p.meeting_id, p.staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name FROM community_meeting_participants p JOIN staff s ON s.id = p.staff_id
            WHERE p.meeting_id = ANY(${sql.param(ids)}::uuid[]) ORDER BY full_name`,
      )
    : [];
  const files = await filesMeta(db, rows.flatMap((r) => r.protocolFileIds));
  return rows.map((r) => ({
    id: r.id,
    heldAt: r.heldAt.toISOString(),
    topic: r.topic,
    format: r.format,
    place: r.place,
    decisions: r.decisions,
    protocolNumber: r.protocolNumber,
    protocolFiles: r.protocolFileIds.map((f) => files.find((x) => x.id === f)!).filter(Boolean),
    participants: participants.filter((p) => p.meeting_id === r.id).map((p) => ({ staffId: p.staff_id, fullName: p.full_name })),
    version: r.version,
  }));
}
export type MeetingView = Awaited<ReturnType<typeof meetingRows>>[number];

export async function findMeetings(db: Db, actor: Actor, id: string) {
  await load(db, actor, id);
  return { items: await meetingRows(db, id) };
}

export interface MeetingInput {
  heldAt: string;
  topic: string;
  format: EventFormat;
  place?: string | null;
  decisions?: string | null;
  protocolNumber?: string | null;
  participantIds: string[];
}

/** Records a meeting with its protocol; participants must be current members. */
export async function createMeeting(db: Db, actor: Actor, id: string, input: MeetingInput, protocol: UploadedFile[]) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadManaged(t, actor, id);
    const ids = [...new Set(input.participantIds)];
    if (ids.length) {
      const members = await t.select({ staffId: communityMembers.staffId }).from(communityMembers).where(and(eq(communityMembers.communityId, id), sql`${communityMembers.leftOn} IS NULL`, sql`${communityMembers.staffId} = ANY(${sql.param(ids)}::uuid[])`));
      const bad = ids.findIndex((s) => !members.some((m) => m.staffId === s));
      if (bad >= 0) throw invalid([{ field: `participantIds.${bad}`, message: 'Участником заседания может быть только член сообщества' }]);
    }
    const stored = await storeFiles(t, actor, protocol, evidenceLimits);
    const [m] = await t
      .insert(communityMeetings)
      .values({ communityId: id, heldAt: new Date(input.heldAt), topic: input.topic, format: input.format, place: input.place ?? null, decisions: input.decisions ?? null, protocolNumber: input.protocolNumber ?? null, protocolFileIds: stored.map((s) => s.id), createdBy: actor.userId })
      .returning();
    if (ids.length) await t.insert(communityMeetingParticipants).values(ids.map((staffId) => ({ meetingId: m.id, staffId })));
    const [after] = await meetingRows(t, id, m.id);
    await recordAudit(t, actor, { action: 'community.meeting.create', entity: 'community', entityId: id, ...auditPlace(l), after });
    return after;
  });
}

/** A protocol file: read with the community. */
export async function readMeetingFile(db: Db, actor: Actor, meetingId: string, fileId: string) {
  const [m] = await db.select().from(communityMeetings).where(eq(communityMeetings.id, meetingId));
  if (!m) throw notFound('Заседание');
  await throughParent('Заседание', load(db, actor, m.communityId));
  if (!m.protocolFileIds.includes(fileId)) throw notFound('Файл');
  const file = await readStoredFile(db, fileId);
  if (!file) throw notFound('Файл');
  return file;
}
