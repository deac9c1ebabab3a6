import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { programs, programCompetencies, cohorts, type programKinds, type programFormats, type programAudiences } from './programs.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { adminRoles, canAdministerOrganization, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { recordAudit } from '../audit/audit.service.js';
import { competenciesByIds } from '../competencies/competencies.service.js';
import { seatHolding } from './enrollment-workflow.js';

/**
 * The catalog of additional professional programmes (ДПП) and their cohorts. The catalog is open
 * to every user; an entry and its cohorts are kept by the administrators of its owner
 * organization (ADR 0011).
 */

export type ProgramKind = (typeof programKinds)[number];
export type ProgramFormat = (typeof programFormats)[number];
export type ProgramAudience = (typeof programAudiences)[number];

/** Minimum volumes of programmes of additional professional education (hours). */
export const minimumHours: Record<ProgramKind, number> = { upskilling: 16, retraining: 250 };

export interface ProgramInput {
  title: string;
  kind: ProgramKind;
  hours: number;
  format: ProgramFormat;
  ownerOrganizationId?: string;
  providerOrganizationId?: string | null;
  providerName?: string | null;
  inFederalRegistry?: boolean;
  registryNumber?: string | null;
  annotation?: string | null;
  audience?: string | null;
  audienceCategory?: ProgramAudience;
  subjects?: string[];
  competencyIds?: string[];
}

export interface ProgramQuery {
  q?: string;
  kind?: ProgramKind;
  format?: ProgramFormat;
  inFederalRegistry?: boolean;
  competencyId?: string;
  ownerOrganizationId?: string;
  hasUpcomingCohorts?: boolean;
  archived?: boolean;
  limit: number;
  cursor?: string;
}

type ProgramRow = typeof programs.$inferSelect;
type CohortRow = typeof cohorts.$inferSelect;

const ownerCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path };

// ───────────── cohorts: seats ─────────────

/** Seats held (approved, enrolled, completed) and the waitlist of cohorts. */
export async function cohortOccupancy(db: Db, cohortIds: string[]) {
  const by = new Map<string, { held: number; waitlisted: number }>();
  if (!cohortIds.length) return by;
  const rows = await queryRows<{ cohort_id: string; held: number; waitlisted: number }>(
    db,
    sql`SELECT cohort_id, count(*) FILTER (WHERE status = ANY(${sql.param([...seatHolding])}::text[]))::int AS held, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
        FROM enrollments WHERE cohort_id = ANY(${sql.param(cohortIds)}::uuid[]) GROUP BY cohort_id`,
  );
  for (const r of rows) by.set(r.cohort_id, { held: r.held, waitlisted: r.waitlisted });
  return by;
}

function cohortView(c: CohortRow, occupancy: { held: number; waitlisted: number } | undefined, today: string) {
  const held = occupancy?.held ?? 0;
  return {
    id: c.id,
    programId: c.programId,
    title: c.title,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    seats: c.seats,
    seatsTaken: held,
    seatsLeft: Math.max(0, c.seats - held),
    waitlisted: occupancy?.waitlisted ?? 0,
    place: c.place,
    online: c.online,
    status: c.endsOn < today ? ('finished' as const) : c.startsOn <= today ? ('running' as const) : ('upcoming' as const),
    archived: c.archivedAt !== null,
    version: c.version,
  };
}
export type CohortView = ReturnType<typeof cohortView>;

/** The next cohort of each programme: the earliest not yet started (not archived). */
async function nextCohorts(db: Db, programIds: string[], today: string) {
  const by = new Map<string, CohortView>();
  if (!programIds.length) return by;
  const rows = await db
    .selectDistinctOn([cohorts.programId])
    .from(cohorts)
    .where(and(inArray(cohorts.programId, programIds), sql`${cohorts.startsOn} >= ${today}::date`, isNull(cohorts.archivedAt)))
    .orderBy(cohorts.programId, asc(cohorts.startsOn), asc(cohorts.id));
  const occupancy = await cohortOccupancy(db, rows.map((c) => c.id));
  for (const c of rows) by.set(c.programId, cohortView(c, occupancy.get(c.id), today));
  return by;
}

// ───────────── programmes ─────────────

async function competenciesOf(db: Db, programIds: string[]) {
  const by = new Map<string, { id: string; code: string; name: string }[]>();
  if (!programIds.length) return by;
  const rows = await db.select().from(programCompetencies).where(inArray(programCompetencies.programId, programIds));
  const refs = await competenciesByIds(db, rows.map((r) => r.competencyId));
  for (const r of rows) {
    const c = refs.get(r.competencyId)!;
    by.set(r.programId, [...(by.get(r.programId) ?? []), { id: c.id, code: c.code, name: c.name }]);
  }
  for (const list of by.values()) list.sort((a, b) => a.code.localeCompare(b.code, 'ru'));
  return by;
}

function programView(p: ProgramRow & { ownerName: string }, competencyList: { id: string; code: string; name: string }[], next: CohortView | null) {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    hours: p.hours,
    format: p.format,
    ownerOrganizationId: p.ownerOrganizationId,
    ownerName: p.ownerName,
    providerOrganizationId: p.providerOrganizationId,
    providerName: p.providerName,
    inFederalRegistry: p.inFederalRegistry,
    registryNumber: p.registryNumber,
    audience: p.audience,
    audienceCategory: p.audienceCategory,
    subjects: p.subjects,
    competencies: competencyList,
    nextCohort: next,
    archived: p.archivedAt !== null,
    version: p.version,
  };
}
export type ProgramListItem = ReturnType<typeof programView>;

const programSort: KeysetSort = { keys: [sql`${programs.title}`, sql`${programs.id}`] };

function programFilter(q: Omit<ProgramQuery, 'limit' | 'cursor'>, today: string): SQL | undefined {
  return and(
    q.archived ? isNotNull(programs.archivedAt) : isNull(programs.archivedAt),
    q.kind ? eq(programs.kind, q.kind) : undefined,
    q.format ? eq(programs.format, q.format) : undefined,
    q.inFederalRegistry !== undefined ? eq(programs.inFederalRegistry, q.inFederalRegistry) : undefined,
    q.ownerOrganizationId ? eq(programs.ownerOrganizationId, q.ownerOrganizationId) : undefined,
    q.competencyId ? sql`${programs.id} IN (SELECT program_id FROM program_competencies WHERE competency_id = ${q.competencyId})` : undefined,
    q.hasUpcomingCohorts ? sql`EXISTS (SELECT 1 FROM cohorts hc WHERE hc.program_id = ${programs.id} AND hc.starts_on >= ${today}::date AND hc.archived_at IS NULL)` : undefined,
    ...searchWords(q.q).map((w) => sql`(${programs.title} ILIKE ${'%' + escapeLike(w) + '%'} OR ${programs.registryNumber} ILIKE ${escapeLike(w) + '%'})`),
  );
}

async function withDetails(db: Db, rows: (ProgramRow & { ownerName: string })[], today: string) {
  const ids = rows.map((r) => r.id);
  const [comps, next] = await Promise.all([competenciesOf(db, ids), nextCohorts(db, ids, today)]);
  return rows.map((r) => programView(r, comps.get(r.id) ?? [], next.get(r.id) ?? null));
}

/** The catalog is open to every user (it holds no personal data). */
export async function findPrograms(db: Db, _actor: Actor, q: ProgramQuery) {
  const today = todayIso();
  const where = programFilter(q, today);
  const rows = await db
    .select({ p: programs, ownerName: organizations.shortName })
    .from(programs)
    .innerJoin(organizations, eq(organizations.id, programs.ownerOrganizationId))
    .where(and(where, keysetAfter(programSort, q.cursor)))
    .orderBy(keysetOrder(programSort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(programs).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.p.title, r.p.id]);
  return { items: await withDetails(db, page.items.map((r) => ({ ...r.p, ownerName: r.ownerName })), today), nextCursor: page.nextCursor, total };
}

export async function* streamPrograms(db: Db, actor: Actor, q: Omit<ProgramQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  do {
    const page = await findPrograms(db, actor, { ...q, limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A programme with its owner; with 'write', one whose owner the actor administers (403 otherwise). */
export async function loadProgram(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db.select({ program: programs, owner: ownerCols }).from(programs).innerJoin(organizations, eq(organizations.id, programs.ownerOrganizationId)).where(eq(programs.id, id));
  if (!row) throw notFound('Программа');
  if (mode === 'write' && !canAdministerOrganization(actor, row.owner)) throw forbidden('Изменять программу и её группы могут администраторы организации, которая ведёт запись');
  return row;
}
export type LoadedProgram = Awaited<ReturnType<typeof loadProgram>>;
const auditPlace = (l: LoadedProgram) => ({ territoryIds: [l.owner.territoryId], organizationIds: l.owner.path });

export async function getProgram(db: Db, actor: Actor, id: string) {
  const loaded = await loadProgram(db, actor, id);
  const today = todayIso();
  const [view] = await withDetails(db, [{ ...loaded.program, ownerName: loaded.owner.shortName }], today);
  const list = await db.select().from(cohorts).where(eq(cohorts.programId, id)).orderBy(asc(cohorts.startsOn), asc(cohorts.id));
  const occupancy = await cohortOccupancy(db, list.map((c) => c.id));
  return { ...view, annotation: loaded.program.annotation, cohorts: list.map((c) => cohortView(c, occupancy.get(c.id), today)), canEdit: canAdministerOrganization(actor, loaded.owner) };
}
export type ProgramDetail = Awaited<ReturnType<typeof getProgram>>;

/** Who keeps an entry by default: the organization the actor administers, else the governing body
 *  (ministry, municipal authority) of the territory they administer. */
async function defaultOwner(db: Db, actor: Actor): Promise<string | null> {
  const grants = actor.roles.filter((r) => adminRoles.includes(r.role));
  const org = grants.find((g) => g.organizationId)?.organizationId;
  if (org) return org;
  const territoryIds = grants.flatMap((g) => (g.territoryId ? [g.territoryId] : []));
  if (!territoryIds.length) return null;
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.territoryId, territoryIds), sql`${organizations.kind} IN ('ministry', 'municipal_authority')`, isNull(organizations.archivedAt)))
    .orderBy(sql`${organizations.kind} = 'ministry' DESC`, asc(organizations.id))
    .limit(1);
  return row?.id ?? null;
}

/** Checks a programme's fields; returns the owner and the provider's display name. */
async function checkProgram(db: Db, actor: Actor, input: Partial<ProgramInput>, before?: ProgramRow) {
  const kind = input.kind ?? before!.kind;
  const hours = input.hours ?? before!.hours;
  if (hours < minimumHours[kind]) {
    throw invalid([{ field: 'hours', message: `Программа ${kind === 'upskilling' ? 'повышения квалификации' : 'профессиональной переподготовки'} — не менее ${minimumHours[kind]} часов` }]);
  }
  const inRegistry = input.inFederalRegistry ?? before?.inFederalRegistry ?? false;
  const registryNumber = input.registryNumber === undefined ? (before?.registryNumber ?? null) : input.registryNumber;
  if (inRegistry && !registryNumber) throw invalid([{ field: 'registryNumber', message: 'Укажите номер программы в федеральном реестре' }]);
  if (registryNumber) {
    const [dup] = await db
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.registryNumber, registryNumber), before ? sql`${programs.id} <> ${before.id}` : undefined));
    if (dup) throw new AppError(409, 'duplicate_registry_number', `Программа с номером ${registryNumber} уже есть в каталоге`, { fields: [{ field: 'registryNumber', message: 'Номер уже занят' }] });
  }
  if (input.competencyIds?.length) {
    const refs = await competenciesByIds(db, input.competencyIds);
    const bad = input.competencyIds.findIndex((id) => !refs.get(id) || refs.get(id)!.retired);
    if (bad >= 0) throw invalid([{ field: `competencyIds.${bad}`, message: 'Компетенция не найдена в действующем справочнике' }]);
  }
  let providerName = input.providerName === undefined ? before?.providerName : input.providerName;
  const providerId = input.providerOrganizationId === undefined ? before?.providerOrganizationId : input.providerOrganizationId;
  if (input.providerOrganizationId) {
    const [provider] = await db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, input.providerOrganizationId));
    if (!provider) throw invalid([{ field: 'providerOrganizationId', message: 'Организация не найдена' }]);
    providerName = input.providerName || provider.shortName;
  }
  if (!providerName && !providerId) throw invalid([{ field: 'providerName', message: 'Укажите организацию, реализующую программу' }]);
  return { providerName: providerName! };
}

export async function createProgram(db: Db, actor: Actor, input: ProgramInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const ownerId = input.ownerOrganizationId ?? (await defaultOwner(t, actor));
    const [owner] = ownerId ? await t.select(ownerCols).from(organizations).where(eq(organizations.id, ownerId)) : [];
    if (!owner || !canAdministerOrganization(actor, owner)) {
      throw invalid([{ field: 'ownerOrganizationId', message: 'Вести запись о программе может только организация, которую вы администрируете' }]);
    }
    const { providerName } = await checkProgram(t, actor, input);
    const [p] = await t
      .insert(programs)
      .values({
        title: input.title,
        kind: input.kind,
        hours: input.hours,
        format: input.format,
        ownerOrganizationId: owner.id,
        providerOrganizationId: input.providerOrganizationId ?? null,
        providerName,
        inFederalRegistry: input.inFederalRegistry ?? false,
        registryNumber: input.registryNumber ?? null,
        annotation: input.annotation ?? null,
        audience: input.audience ?? null,
        audienceCategory: input.audienceCategory ?? 'all',
        subjects: input.subjects ?? [],
        createdBy: actor.userId,
      })
      .returning();
    if (input.competencyIds?.length) await t.insert(programCompetencies).values([...new Set(input.competencyIds)].map((competencyId) => ({ programId: p.id, competencyId })));
    const after = await getProgram(t, actor, p.id);
    await recordAudit(t, actor, { action: 'program.create', entity: 'program', entityId: p.id, territoryIds: [owner.territoryId], organizationIds: owner.path, after });
    return after;
  });
}

export async function updateProgram(db: Db, actor: Actor, id: string, input: Partial<Omit<ProgramInput, 'ownerOrganizationId'>> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadProgram(t, actor, id, 'write');
    const before = loaded.program;
    if (before.version !== input.version) throw staleVersion();
    const beforeView = await getProgram(t, actor, id);
    const { providerName } = await checkProgram(t, actor, input, before);
    const { version, archived, competencyIds, ...fields } = input;
    const [after] = await t
      .update(programs)
      .set({
        ...fields,
        providerName,
        archivedAt: archived === undefined ? before.archivedAt : archived ? (before.archivedAt ?? new Date()) : null,
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(programs.id, id), eq(programs.version, version)))
      .returning();
    if (!after) throw staleVersion();
    if (competencyIds) {
      await t.delete(programCompetencies).where(eq(programCompetencies.programId, id));
      if (competencyIds.length) await t.insert(programCompetencies).values([...new Set(competencyIds)].map((competencyId) => ({ programId: id, competencyId })));
    }
    const afterView = await getProgram(t, actor, id);
    await recordAudit(t, actor, { action: 'program.update', entity: 'program', entityId: id, ...auditPlace(loaded), before: beforeView, after: afterView });
    return afterView;
  });
}

// ───────────── cohorts ─────────────

export interface CohortInput {
  programId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  place?: string | null;
  online?: boolean;
}

export interface CohortQuery {
  programId?: string;
  from?: string;
  to?: string;
  upcoming?: boolean;
  limit: number;
  cursor?: string;
}

const cohortSort: KeysetSort = { keys: [sql`${cohorts.startsOn}`, sql`${cohorts.id}`] };

export async function findCohorts(db: Db, _actor: Actor, q: CohortQuery) {
  const today = todayIso();
  const where = and(
    isNull(cohorts.archivedAt),
    q.programId ? eq(cohorts.programId, q.programId) : undefined,
    q.from ? sql`${cohorts.endsOn} >= ${q.from}::date` : undefined,
    q.to ? sql`${cohorts.startsOn} <= ${q.to}::date` : undefined,
    q.upcoming ? sql`${cohorts.startsOn} >= ${today}::date` : undefined,
  );
  const rows = await db
    .select({ c: cohorts, programTitle: programs.title })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(and(where, keysetAfter(cohortSort, q.cursor)))
    .orderBy(keysetOrder(cohortSort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(cohorts).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.c.startsOn, r.c.id]);
  const occupancy = await cohortOccupancy(db, page.items.map((r) => r.c.id));
  return { items: page.items.map((r) => ({ ...cohortView(r.c, occupancy.get(r.c.id), today), programTitle: r.programTitle })), nextCursor: page.nextCursor, total };
}

/** A cohort with its programme (for access through the programme's owner). */
export async function loadCohort(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [c] = await db.select().from(cohorts).where(eq(cohorts.id, id));
  if (!c) throw notFound('Курсовая группа');
  const program = await loadProgram(db, actor, c.programId, mode);
  return { cohort: c, ...program };
}

export async function getCohort(db: Db, actor: Actor, id: string) {
  const { cohort, program, owner } = await loadCohort(db, actor, id);
  const occupancy = await cohortOccupancy(db, [id]);
  return { ...cohortView(cohort, occupancy.get(id), todayIso()), programTitle: program.title, canEdit: canAdministerOrganization(actor, owner) };
}

function checkCohortDates(input: { startsOn: string; endsOn: string }) {
  if (input.startsOn > input.endsOn) throw invalid([{ field: 'endsOn', message: 'Окончание обучения раньше начала' }]);
}

export async function createCohort(db: Db, actor: Actor, input: CohortInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadProgram(t, actor, input.programId, 'write');
    if (loaded.program.archivedAt) throw new AppError(409, 'archived', 'Программа в архиве');
    checkCohortDates(input);
    const [c] = await t
      .insert(cohorts)
      .values({ programId: input.programId, title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, seats: input.seats, place: input.place ?? null, online: input.online ?? false })
      .returning();
    const after = await getCohort(t, actor, c.id);
    await recordAudit(t, actor, { action: 'cohort.create', entity: 'cohort', entityId: c.id, ...auditPlace(loaded), after });
    return after;
  });
}

export async function updateCohort(db: Db, actor: Actor, id: string, input: Partial<Omit<CohortInput, 'programId'>> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadCohort(t, actor, id, 'write');
    const before = loaded.cohort;
    if (before.version !== input.version) throw staleVersion();
    const beforeView = await getCohort(t, actor, id);
    checkCohortDates({ startsOn: input.startsOn ?? before.startsOn, endsOn: input.endsOn ?? before.endsOn });
    if (input.seats !== undefined && input.seats < beforeView.seatsTaken) {
      throw invalid([{ field: 'seats', message: `Мест не может быть меньше, чем уже занято (${beforeView.seatsTaken})` }]);
    }
    const { version, archived, ...fields } = input;
    const [after] = await t
      .update(cohorts)
      .set({ ...fields, archivedAt: archived === undefined ? before.archivedAt : archived ? (before.archivedAt ?? new Date()) : null, version: version + 1 })
      .where(and(eq(cohorts.id, id), eq(cohorts.version, version)))
      .returning();
    if (!after) throw staleVersion();
    // more seats: the waitlist moves up
    if (after.seats > before.seats) await promoteWaitlist(t, id);
    const afterView = await getCohort(t, actor, id);
    await recordAudit(t, actor, { action: 'cohort.update', entity: 'cohort', entityId: id, ...auditPlace(loaded), before: beforeView, after: afterView });
    return afterView;
  });
}

/** Moves the waitlist up into free seats, oldest request first (in the caller's transaction,
 *  which holds the cohort row locked). */
export async function promoteWaitlist(db: Db, cohortId: string) {
  await db.execute(sql`UPDATE enrollments SET status = 'approved', status_note = 'Переведено из листа ожидания', version = version + 1, updated_at = now()
    WHERE id IN (SELECT w.id FROM enrollments w WHERE w.cohort_id = ${cohortId} AND w.status = 'waitlisted' ORDER BY w.requested_at, w.id
      LIMIT greatest(0, (SELECT seats FROM cohorts WHERE id = ${cohortId})
        - (SELECT count(*) FROM enrollments h WHERE h.cohort_id = ${cohortId} AND h.status = ANY(${sql.param([...seatHolding])}::text[]))))`);
}

/** Locks a cohort for a change of its seats and tells whether it is full. */
export async function lockCohortSeats(db: Db, cohortId: string, except?: string) {
  await db.execute(sql`SELECT id FROM cohorts WHERE id = ${cohortId} FOR UPDATE`);
  const [{ seats, held }] = await queryRows<{ seats: number; held: number }>(
    db,
    sql`SELECT c.seats, (SELECT count(*)::int FROM enrollments h WHERE h.cohort_id = c.id AND h.status = ANY(${sql.param([...seatHolding])}::text[]) AND h.id <> ${except ?? '00000000-0000-0000-0000-000000000000'}) AS held
        FROM cohorts c WHERE c.id = ${cohortId}`,
  );
  return { full: held >= seats };
}

// ───────────── for learning plans and imports ─────────────

export interface ProgramCandidate {
  id: string;
  title: string;
  kind: ProgramKind;
  hours: number;
  format: ProgramFormat;
  providerName: string;
  inFederalRegistry: boolean;
  registryNumber: string | null;
  audienceCategory: ProgramAudience;
  subjects: string[];
  competencyIds: string[];
  nextCohort: { id: string; startsOn: string; endsOn: string; seatsLeft: number } | null;
}

/** Live programmes addressing any of the competencies, with their next cohort. */
export async function programsAddressing(db: Db, competencyIds: string[], today = todayIso()): Promise<ProgramCandidate[]> {
  if (!competencyIds.length) return [];
  const rows = await db
    .select()
    .from(programs)
    .where(and(isNull(programs.archivedAt), sql`${programs.id} IN (SELECT program_id FROM program_competencies WHERE competency_id = ANY(${sql.param(competencyIds)}::uuid[]))`));
  const ids = rows.map((r) => r.id);
  const links = ids.length ? await db.select().from(programCompetencies).where(inArray(programCompetencies.programId, ids)) : [];
  const next = await nextCohorts(db, ids, today);
  return rows.map((p) => {
    const n = next.get(p.id);
    return {
      id: p.id,
      title: p.title,
      kind: p.kind,
      hours: p.hours,
      format: p.format,
      providerName: p.providerName,
      inFederalRegistry: p.inFederalRegistry,
      registryNumber: p.registryNumber,
      audienceCategory: p.audienceCategory,
      subjects: p.subjects,
      competencyIds: links.filter((l) => l.programId === p.id).map((l) => l.competencyId),
      nextCohort: n ? { id: n.id, startsOn: n.startsOn, endsOn: n.endsOn, seatsLeft: n.seatsLeft } : null,
    };
  });
}

export interface ProgramImportRow extends Omit<ProgramInput, 'ownerOrganizationId' | 'providerName'> {
  ownerOrganizationId: string;
  providerName: string;
}

/** Registry numbers and title+provider keys already in the catalog, for an import's duplicates. */
export async function existingProgramKeys(db: Db, keys: { registryNumbers: string[]; titles: string[] }) {
  const rows = await db
    .select({ registryNumber: programs.registryNumber, title: programs.title, providerName: programs.providerName })
    .from(programs)
    .where(sql`${programs.registryNumber} = ANY(${sql.param(keys.registryNumbers)}::text[]) OR lower(${programs.title}) = ANY(${sql.param(keys.titles)}::text[])`);
  return rows;
}

export async function importPrograms(db: Db, actor: Actor, rows: ProgramImportRow[]) {
  const ids = rows.map(() => crypto.randomUUID());
  await bulkInsert(
    db,
    programs,
    rows.map(({ competencyIds: _c, ...r }, i) => ({ ...r, id: ids[i], providerOrganizationId: r.providerOrganizationId ?? null, createdBy: actor.userId })),
  );
  await bulkInsert(
    db,
    programCompetencies,
    rows.flatMap((r, i) => [...new Set(r.competencyIds ?? [])].map((competencyId) => ({ programId: ids[i], competencyId }))),
  );
  const owners = [...new Set(rows.map((r) => r.ownerOrganizationId))];
  const places = await db.select({ territoryId: organizations.territoryId, path: organizations.path }).from(organizations).where(inArray(organizations.id, owners));
  return { ids, territoryIds: [...new Set(places.map((p) => p.territoryId))], organizationIds: [...new Set(places.flatMap((p) => p.path))] };
}

export { defaultOwner as defaultProgramOwner };
