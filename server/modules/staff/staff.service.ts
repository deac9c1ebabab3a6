import { and, eq, isNull, isNotNull, sql, inArray, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { staff, staffPositions } from './staff.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { staffVisible, canWriteAt, organizationVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { Sex, StaffCategory, QualificationCategory } from '../../../common/dictionaries.js';

export type StaffRow = typeof staff.$inferSelect;
type PositionRow = typeof staffPositions.$inferSelect;

export interface PositionInput {
  id?: string;
  organizationId: string;
  title: string;
  staffCategory: StaffCategory;
  subjects?: string[];
  startDate?: string | null;
  endDate?: string | null;
  educationMatchesSubject?: boolean | null;
}

export interface PersonInput {
  surname: string;
  name: string;
  patronymic?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
  email?: string | null;
  phone?: string | null;
  snils?: string | null;
  professionStartYear?: number | null;
  qualificationCategory?: QualificationCategory | null;
}

export interface StaffQuery {
  q?: string;
  organizationId?: string;
  territoryId?: string;
  staffCategory?: StaffCategory;
  subject?: string;
  qualificationCategory?: QualificationCategory;
  youngSpecialist?: boolean;
  sex?: Sex;
  archived?: boolean;
  sort?: 'name' | 'birthDate' | 'updated';
  limit: number;
  cursor?: string;
}

// ---- derived values: one definition, used by SQL filters and by the views ----

/** «Молодой специалист»: younger than 35 and at most 3 years in the profession (ADR 0004). */
export const youngSpecialistMaxAge = 35;
export const youngSpecialistMaxYears = 3;

export function ageOn(birthDate: string | null, today: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

export function derive(p: Pick<StaffRow, 'birthDate' | 'professionStartYear'>, today = new Date()) {
  const age = ageOn(p.birthDate, today);
  const yearsInProfession = p.professionStartYear == null ? null : Math.max(0, today.getFullYear() - p.professionStartYear);
  const youngSpecialist = age !== null && yearsInProfession !== null && age < youngSpecialistMaxAge && yearsInProfession <= youngSpecialistMaxYears;
  return { age, yearsInProfession, youngSpecialist };
}

/** The same rule as SQL over the `staff` table, for filters and counts in other modules too. */
export const youngSql = sql`(${staff.birthDate} > current_date - make_interval(years => ${youngSpecialistMaxAge})
  AND ${staff.professionStartYear} >= extract(year from current_date)::int - ${youngSpecialistMaxYears})`;

// ---- views ----

type PositionView = {
  id: string;
  organizationId: string;
  organizationName: string;
  territoryId: string;
  title: string;
  staffCategory: StaffCategory;
  subjects: string[];
  startDate: string | null;
  endDate: string | null;
  educationMatchesSubject: boolean | null;
};

function listView(s: StaffRow, positions: PositionView[]) {
  return {
    id: s.id,
    surname: s.surname,
    name: s.name,
    patronymic: s.patronymic,
    birthDate: s.birthDate,
    sex: s.sex as Sex | null,
    professionStartYear: s.professionStartYear,
    qualificationCategory: s.qualificationCategory as QualificationCategory | null,
    ...derive(s),
    positions,
    archived: s.archivedAt !== null,
    version: s.version,
  };
}
export type StaffListItem = ReturnType<typeof listView>;

function detailView(s: StaffRow, positions: PositionView[]) {
  return { ...listView(s, positions), email: s.email, phone: s.phone, snils: s.snils, updatedAt: s.updatedAt.toISOString() };
}
export type StaffDetail = ReturnType<typeof detailView>;

async function positionsOf(db: Db, staffIds: string[]): Promise<Map<string, PositionView[]>> {
  const byStaff = new Map<string, PositionView[]>();
  if (!staffIds.length) return byStaff;
  const rows = await db
    .select({ p: staffPositions, organizationName: organizations.shortName })
    .from(staffPositions)
    .innerJoin(organizations, eq(organizations.id, staffPositions.organizationId))
    .where(inArray(staffPositions.staffId, staffIds))
    .orderBy(staffPositions.startDate);
  for (const { p, organizationName } of rows) {
    const list = byStaff.get(p.staffId) ?? [];
    list.push(positionView(p, organizationName));
    byStaff.set(p.staffId, list);
  }
  return byStaff;
}

const positionView = (p: PositionRow, organizationName: string): PositionView => ({
  id: p.id,
  organizationId: p.organizationId,
  organizationName,
  territoryId: p.territoryId,
  title: p.title,
  staffCategory: p.staffCategory,
  subjects: p.subjects,
  startDate: p.startDate,
  endDate: p.endDate,
  educationMatchesSubject: p.educationMatchesSubject,
});

// ---- reads ----

const sorts: Record<NonNullable<StaffQuery['sort']>, { sort: KeysetSort; key: (r: { s: StaffRow; updatedKey: string }) => unknown[] }> = {
  name: {
    sort: { keys: [sql`${staff.surname}`, sql`${staff.name}`, sql`coalesce(${staff.patronymic}, '')`, sql`${staff.id}`] },
    key: ({ s }) => [s.surname, s.name, s.patronymic ?? '', s.id],
  },
  birthDate: {
    sort: { keys: [sql`coalesce(${staff.birthDate}, '1900-01-01')`, sql`${staff.id}`] },
    key: ({ s }) => [s.birthDate ?? '1900-01-01', s.id],
  },
  updated: { sort: { keys: [sql`${staff.updatedAt}`, sql`${staff.id}`], desc: true }, key: (r) => [r.updatedKey, r.s.id] },
};

const positionExists = (cond: SQL) => sql`EXISTS (SELECT 1 FROM staff_positions sp WHERE sp.staff_id = ${staff.id} AND sp.end_date IS NULL AND ${cond})`;

function listFilter(actor: Actor, q: Omit<StaffQuery, 'limit' | 'cursor' | 'sort'>): SQL | undefined {
  const words = searchWords(q.q);
  return and(
    staffVisible(actor, staff),
    q.archived ? isNotNull(staff.archivedAt) : isNull(staff.archivedAt),
    q.organizationId
      ? sql`${staff.organizationIds} && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[])`
      : undefined,
    q.territoryId ? sql`${staff.territoryIds} @> ARRAY[${q.territoryId}]::uuid[]` : undefined,
    q.staffCategory ? positionExists(sql`sp.staff_category = ${q.staffCategory}`) : undefined,
    q.subject ? positionExists(sql`${q.subject} = ANY(sp.subjects)`) : undefined,
    q.qualificationCategory ? eq(staff.qualificationCategory, q.qualificationCategory) : undefined,
    q.sex ? eq(staff.sex, q.sex) : undefined,
    q.youngSpecialist === true ? youngSql : q.youngSpecialist === false ? sql`NOT coalesce(${youngSql}, false)` : undefined,
    ...words.map((w) => {
      const digits = w.replace(/\D/g, '');
      const prefix = escapeLike(w) + '%';
      const byName = sql`(translate(lower(${staff.surname}), 'ё', 'е') LIKE ${prefix}
        OR translate(lower(${staff.name}), 'ё', 'е') LIKE ${prefix}
        OR translate(lower(coalesce(${staff.patronymic}, '')), 'ё', 'е') LIKE ${prefix})`;
      return digits.length >= 9 ? sql`(${byName} OR regexp_replace(coalesce(${staff.snils}, ''), '\\D', '', 'g') = ${digits})` : byName;
    }),
  );
}

export async function findStaff(db: Db, actor: Actor, q: StaffQuery) {
  const { sort, key } = sorts[q.sort ?? 'name'];
  const where = listFilter(actor, q);
  const rows = await db
    .select({ s: staff, updatedKey: exactTime(staff.updatedAt) })
    .from(staff)
    .where(and(where, keysetAfter(sort, q.cursor)))
    .orderBy(keysetOrder(sort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(staff).where(where);
  const page = pageFrom(rows, q.limit, key);
  const positions = await positionsOf(db, page.items.map((r) => r.s.id));
  return { items: page.items.map(({ s }) => listView(s, positions.get(s.id) ?? [])), nextCursor: page.nextCursor, total };
}

export async function* streamStaff(db: Db, actor: Actor, q: Omit<StaffQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  do {
    const page = await findStaff(db, actor, { ...q, limit: 2000, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function countStaff(db: Db, actor: Actor, q: Omit<StaffQuery, 'limit' | 'cursor' | 'sort'> = {}) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(staff).where(listFilter(actor, q));
  return n;
}

async function loadVisible(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [s] = await db.select().from(staff).where(and(eq(staff.id, id), staffVisible(actor, staff)));
  if (!s) throw notFound('Запись о работнике');
  if (mode === 'write' && !canWriteAt(actor, { territoryIds: s.territoryIds, organizationIds: s.organizationIds })) {
    throw forbidden('Изменять сведения о работнике может администратор его организации или территории');
  }
  return s;
}

/** One person's card; reading someone else's personal data is audited. */
export async function getStaff(db: Db, actor: Actor, id: string) {
  const s = await loadVisible(db, actor, id);
  if (s.id !== actor.staffId) {
    await recordAudit(db, actor, { action: 'staff.read', entity: 'staff', entityId: s.id, territoryIds: s.territoryIds, organizationIds: s.organizationIds });
  }
  const positions = await positionsOf(db, [s.id]);
  return detailView(s, positions.get(s.id) ?? []);
}

// ---- writes ----

/** Resolves the positions' organizations and where the person then works. */
async function placePositions(db: Db, positions: PositionInput[]) {
  const orgIds = [...new Set(positions.map((p) => p.organizationId))];
  const orgs = orgIds.length
    ? await db.select({ id: organizations.id, territoryId: organizations.territoryId }).from(organizations).where(inArray(organizations.id, orgIds))
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const missing = positions.findIndex((p) => !byId.has(p.organizationId));
  if (missing >= 0) throw invalid([{ field: `positions.${missing}.organizationId`, message: 'Организация не найдена' }]);
  const current = positions.filter((p) => !p.endDate);
  const currentOrgIds = [...new Set(current.map((p) => p.organizationId))];
  const municipalityIds = [...new Set(current.map((p) => byId.get(p.organizationId)!.territoryId))];
  const territoryIds = municipalityIds.length
    ? (await queryRows<{ id: string }>(db, sql`SELECT DISTINCT unnest(path) AS id FROM territories WHERE id = ANY(${sql.param(municipalityIds)}::uuid[])`)).map((r) => r.id)
    : [];
  return { byId, organizationIds: currentOrgIds, territoryIds };
}

async function checkSnilsUnique(db: Db, snils: string | null | undefined, exceptId?: string) {
  if (!snils) return;
  const [dup] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.snils, snils), exceptId ? sql`${staff.id} <> ${exceptId}` : undefined));
  if (dup) throw new AppError(409, 'duplicate_snils', 'Работник с таким СНИЛС уже есть в реестре', { fields: [{ field: 'snils', message: 'СНИЛС уже зарегистрирован' }] });
}

export async function createStaff(db: Db, actor: Actor, input: PersonInput & { positions: PositionInput[] }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    if (!input.positions.length) throw invalid([{ field: 'positions', message: 'Укажите хотя бы одну должность' }]);
    const placed = await placePositions(t, input.positions);
    const outside = input.positions.findIndex((p) => {
      const org = placed.byId.get(p.organizationId)!;
      return !canWriteAt(actor, { territoryIds: [org.territoryId], organizationIds: [org.id] });
    });
    if (outside >= 0) {
      // an organization the actor does not see is named as one that does not exist
      const [seen] = await t.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, input.positions[outside].organizationId), organizationVisible(actor, organizations)));
      throw invalid([{ field: `positions.${outside}.organizationId`, message: seen ? 'Организация вне вашей области администрирования' : 'Организация не найдена' }]);
    }
    await checkSnilsUnique(t, input.snils);
    const { positions, ...person } = input;
    const [s] = await tx
      .insert(staff)
      .values({ ...person, organizationIds: placed.organizationIds, territoryIds: placed.territoryIds })
      .returning();
    await tx.insert(staffPositions).values(positions.map((p) => positionRow(s.id, p, placed.byId.get(p.organizationId)!.territoryId)));
    const after = detailView(s, (await positionsOf(t, [s.id])).get(s.id) ?? []);
    await recordAudit(t, actor, { action: 'staff.create', entity: 'staff', entityId: s.id, territoryIds: s.territoryIds, organizationIds: s.organizationIds, after });
    return after;
  });
}

const positionRow = (staffId: string, p: PositionInput, territoryId: string) => ({
  staffId,
  organizationId: p.organizationId,
  territoryId,
  title: p.title,
  staffCategory: p.staffCategory,
  subjects: p.subjects ?? [],
  startDate: p.startDate ?? null,
  endDate: p.endDate ?? null,
  educationMatchesSubject: p.educationMatchesSubject ?? null,
});

export async function updateStaff(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<PersonInput> & { version: number; archived?: boolean; positions?: PositionInput[] },
) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const before = await loadVisible(t, actor, id, 'write');
    if (before.version !== input.version) throw staleVersion();
    const beforeView = detailView(before, (await positionsOf(t, [id])).get(id) ?? []);
    const { version, archived, positions, ...person } = input;
    if (person.snils !== undefined && person.snils !== before.snils) await checkSnilsUnique(t, person.snils, id);
    let placement: { organizationIds: string[]; territoryIds: string[] } = { organizationIds: before.organizationIds, territoryIds: before.territoryIds };
    if (positions) {
      if (!positions.length) throw invalid([{ field: 'positions', message: 'Укажите хотя бы одну должность' }]);
      const placed = await placePositions(t, positions);
      checkPositionChanges(actor, beforeView.positions, positions, placed.byId);
      placement = placed;
      await tx.delete(staffPositions).where(eq(staffPositions.staffId, id));
      await tx.insert(staffPositions).values(positions.map((p) => ({ ...positionRow(id, p, placed.byId.get(p.organizationId)!.territoryId), ...(p.id ? { id: p.id } : {}) })));
    }
    const [after] = await tx
      .update(staff)
      .set({
        ...person,
        ...placement,
        archivedAt: archived === undefined ? before.archivedAt : archived ? (before.archivedAt ?? new Date()) : null,
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(staff.id, id), eq(staff.version, version)))
      .returning();
    if (!after) throw staleVersion();
    const afterView = detailView(after, (await positionsOf(t, [id])).get(id) ?? []);
    await recordAudit(t, actor, {
      action: archived === true && !before.archivedAt ? 'staff.archive' : 'staff.update',
      entity: 'staff',
      entityId: id,
      territoryIds: [...new Set([...before.territoryIds, ...after.territoryIds])],
      organizationIds: [...new Set([...before.organizationIds, ...after.organizationIds])],
      before: beforeView,
      after: afterView,
    });
    return afterView;
  });
}

/** An administrator may add, change or end positions only at organizations they administer;
 *  positions elsewhere (a second job in another school) must come back unchanged. */
function checkPositionChanges(actor: Actor, before: PositionView[], after: PositionInput[], orgs: Map<string, { id: string; territoryId: string }>) {
  const inScope = (orgId: string, territoryId: string) => canWriteAt(actor, { territoryIds: [territoryId], organizationIds: [orgId] });
  const same = (a: PositionView, b: PositionInput) =>
    a.organizationId === b.organizationId &&
    a.title === b.title &&
    a.staffCategory === b.staffCategory &&
    (a.startDate ?? null) === (b.startDate ?? null) &&
    (a.endDate ?? null) === (b.endDate ?? null);
  after.forEach((p, i) => {
    const org = orgs.get(p.organizationId)!;
    const old = p.id ? before.find((b) => b.id === p.id) : undefined;
    if (!inScope(org.id, org.territoryId) && !(old && same(old, p))) {
      throw invalid([{ field: `positions.${i}.organizationId`, message: 'Должность в организации вне вашей области администрирования менять нельзя' }]);
    }
  });
  for (const old of before) {
    if (!after.some((p) => p.id === old.id) && !inScope(old.organizationId, old.territoryId)) {
      throw invalid([{ field: 'positions', message: `Должность «${old.title}» в организации «${old.organizationName}» вне вашей области администрирования удалить нельзя` }]);
    }
  }
}

// ---- imports ----

export interface StaffImportRow extends PersonInput {
  positions: (PositionInput & { territoryId: string })[];
  /** Ids of the person's territories: each position's municipality and its region. */
  territoryIds: string[];
}

/** People already in the registry with the same SNILS, or the same full name and birth date
 *  (the matching rule of imports, ADR 0005). Keys: `snils:<snils>` or `name:<фио>|<date>`. */
export async function findExistingPeople(db: Db, keys: { snils: string[]; nameDates: { fullName: string; birthDate: string }[] }) {
  const found = new Set<string>();
  if (keys.snils.length) {
    const rows = await db.select({ snils: staff.snils }).from(staff).where(sql`${staff.snils} = ANY(${sql.param(keys.snils)}::text[])`);
    rows.forEach((r) => found.add(`snils:${r.snils}`));
  }
  if (keys.nameDates.length) {
    const rows = await queryRows<{ k: string }>(db, sql`
      SELECT lower(s.surname || ' ' || s.name || ' ' || coalesce(s.patronymic, '')) || '|' || s.birth_date AS k
      FROM staff s
      JOIN unnest(${sql.param(keys.nameDates.map((k) => k.fullName))}::text[], ${sql.param(keys.nameDates.map((k) => k.birthDate))}::date[]) AS u(full_name, birth_date)
        ON s.birth_date = u.birth_date AND lower(s.surname || ' ' || s.name || ' ' || coalesce(s.patronymic, '')) = u.full_name`);
    rows.forEach((r) => found.add(`name:${r.k}`));
  }
  return found;
}

export const personKey = (p: { surname: string; name: string; patronymic?: string | null; birthDate?: string | null }) =>
  p.birthDate ? `name:${`${p.surname} ${p.name} ${p.patronymic ?? ''}`.toLowerCase()}|${p.birthDate}` : null;

/** Inserts imported people and their positions in the caller's transaction (bulk, set-based). */
export async function importStaff(db: Db, rows: StaffImportRow[]) {
  const people = rows.map((r) => {
    const { positions, territoryIds, ...person } = r;
    return { ...person, id: crypto.randomUUID(), organizationIds: [...new Set(positions.filter((p) => !p.endDate).map((p) => p.organizationId))], territoryIds };
  });
  await bulkInsert(db, staff, people);
  await bulkInsert(
    db,
    staffPositions,
    rows.flatMap((r, i) => r.positions.map((p) => positionRow(people[i].id, p, p.territoryId))),
  );
  return people;
}

// ---- matching people named in other modules' imports ----

/** «Иванова Мария Петровна», lower case with ё as е: the key people are matched by name. */
export const nameMatchKey = (p: { surname: string; name: string; patronymic?: string | null }) =>
  `${p.surname} ${p.name} ${p.patronymic ?? ''}`.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');

const nameMatchSql = sql`translate(lower(trim(regexp_replace(${staff.surname} || ' ' || ${staff.name} || ' ' || coalesce(${staff.patronymic}, ''), '\\s+', ' ', 'g'))), 'ё', 'е')`;

export interface MatchedPerson {
  id: string;
  snils: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
}

/** Current people in the actor's write scope with one of these SNILS, or one of these full names
 *  with that birth date (ADR 0010): one query for a whole file. */
export async function peopleInWriteScope(db: Db, actor: Actor, keys: { snils: string[]; nameDates: { fullName: string; birthDate: string }[] }): Promise<MatchedPerson[]> {
  if (!keys.snils.length && !keys.nameDates.length) return [];
  const byName = keys.nameDates.length
    ? sql`(${staff.birthDate}, ${nameMatchSql}) IN (SELECT * FROM unnest(${sql.param(keys.nameDates.map((k) => k.birthDate))}::date[], ${sql.param(keys.nameDates.map((k) => k.fullName))}::text[]))`
    : sql`false`;
  return db
    .select({ id: staff.id, snils: staff.snils, surname: staff.surname, name: staff.name, patronymic: staff.patronymic, birthDate: staff.birthDate })
    .from(staff)
    .where(and(isNull(staff.archivedAt), staffVisible(actor, staff, 'write'), sql`(${staff.snils} = ANY(${sql.param(keys.snils)}::text[]) OR ${byName})`));
}

export const fullNameOf = (p: { surname: string; name: string; patronymic?: string | null }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

/** A person for other modules: 404 outside the actor's read scope; with 'write', 403 unless the
 *  actor administers them. */
export async function loadPerson(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const s = await loadVisible(db, actor, id, mode);
  return { id: s.id, fullName: fullNameOf(s), surname: s.surname, name: s.name, patronymic: s.patronymic, birthDate: s.birthDate, organizationIds: s.organizationIds, territoryIds: s.territoryIds };
}
export type LoadedPerson = Awaited<ReturnType<typeof loadPerson>>;

/** What other modules need to know of a person's work: the category (managerial if any current
 *  position is), the subjects taught, the current organizations and municipalities. */
export async function personProfile(db: Db, staffId: string) {
  const rows = await db
    .select({ title: staffPositions.title, staffCategory: staffPositions.staffCategory, subjects: staffPositions.subjects, organizationId: staffPositions.organizationId, territoryId: staffPositions.territoryId, organizationName: organizations.shortName })
    .from(staffPositions)
    .innerJoin(organizations, eq(organizations.id, staffPositions.organizationId))
    .where(and(eq(staffPositions.staffId, staffId), isNull(staffPositions.endDate)));
  return {
    staffCategory: rows.some((r) => r.staffCategory === 'managerial') ? ('managerial' as const) : rows.length ? ('pedagogical' as const) : null,
    subjects: [...new Set(rows.flatMap((r) => r.subjects))],
    organizationIds: [...new Set(rows.map((r) => r.organizationId))],
    organizationNames: [...new Set(rows.map((r) => r.organizationName))],
    municipalityIds: [...new Set(rows.map((r) => r.territoryId))],
    positions: rows.map((r) => `${r.title}, ${r.organizationName}`),
  };
}
