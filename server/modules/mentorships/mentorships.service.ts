import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { mentorships, mentorshipMeetings, mentoringProgrammes, mentoringProgrammeDocuments, mentorCapacities, teamMentorships, type mentorshipForms, type programmeDocumentKinds } from './mentorships.schema.js';
import { staff } from '../staff/staff.schema.js';
import { canWriteAt, canAdministerOrganization, hasReadScope, organizationVisible, staffAliasVisible, staffVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeFiles, readStoredFile, evidenceLimits, type UploadedFile } from '../files/files.service.js';
import { derive, fullNameOf, loadPerson, youngSql } from '../staff/staff.service.js';
import { DEFAULT_MENTOR_CAPACITY, MENTOR_MIN_YEARS, nextStatus, rankMentorCandidates, type MentorshipAction, type MentorshipStatus, type SuggestCandidate } from './mentorship-suggest.js';

/**
 * The target mentoring model (ADR 0016): organizations' programmes with documents, mentor–mentee
 * pairs with a plan, a meetings log and outcomes, team mentoring of low-results schools, mentors'
 * capacity, suggested mentors for young specialists, and the list of young specialists with and
 * without support.
 */

export type MentorshipForm = (typeof mentorshipForms)[number];
export type ProgrammeDocumentKind = (typeof programmeDocumentKinds)[number];

/** The person's id, always qualified: drizzle writes a bare "id" for columns inside select fields. */
const sid = sql.raw('"staff"."id"');
const uuids = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;
const openStatuses = sql`('suggested', 'confirmed', 'active')`;

/** «Any form of support» of a person (ADR 0016): an active mentoring pair, a learning plan agreed or
 *  in progress, or a tutor assigned. Conditions over the `staff` table. */
const support = {
  mentor: sql`EXISTS (SELECT 1 FROM mentorships sm WHERE sm.mentee_staff_id = ${sid} AND sm.status = 'active')`,
  plan: sql`EXISTS (SELECT 1 FROM learning_plans slp WHERE slp.staff_id = ${sid} AND slp.status IN ('agreed', 'in_progress'))`,
  tutor: sql`EXISTS (SELECT 1 FROM tutor_assignments sta WHERE sta.staff_id = ${sid})`,
};
export const supportedSql = sql`(${support.mentor} OR ${support.plan} OR ${support.tutor})`;

// ───────────── young specialists ─────────────

export interface YoungSpecialistsQuery {
  q?: string;
  organizationId?: string;
  territoryId?: string;
  subject?: string;
  support?: 'with' | 'without';
  limit: number;
  cursor?: string;
}

function youngFilter(actor: Actor, q: Omit<YoungSpecialistsQuery, 'limit' | 'cursor' | 'support'>): SQL {
  const words = searchWords(q.q);
  return and(
    sql`${staff.archivedAt} IS NULL`,
    youngSql,
    staffVisible(actor, staff),
    q.organizationId ? sql`${staff.organizationIds} && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[])` : undefined,
    q.territoryId ? sql`${staff.territoryIds} @> ARRAY[${q.territoryId}]::uuid[]` : undefined,
    q.subject ? sql`EXISTS (SELECT 1 FROM staff_positions ysp WHERE ysp.staff_id = ${sid} AND ysp.end_date IS NULL AND ${q.subject} = ANY(ysp.subjects))` : undefined,
    ...words.map((w) => sql`translate(lower(${staff.surname} || ' ' || ${staff.name} || ' ' || coalesce(${staff.patronymic}, '')), 'ё', 'е') LIKE ${'%' + escapeLike(w) + '%'}`),
  )!;
}

async function checkScopeFilters(db: Db, actor: Actor, q: { organizationId?: string; territoryId?: string }) {
  if (!hasReadScope(actor)) throw forbidden('Список молодых специалистов доступен администраторам и методистам');
  if (q.organizationId) {
    const rows = await queryRows(db, sql`SELECT 1 FROM organizations o WHERE o.id = ${q.organizationId} AND ${organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` })}`);
    if (!rows.length) throw notFound('Организация');
  }
  if (q.territoryId && !actor.read.territoryIds.includes(q.territoryId)) {
    const rows = await queryRows(db, sql`SELECT 1 FROM organizations o WHERE o.territory_id = ${q.territoryId} AND o.id = ANY(${uuids([...actor.read.organizationIds, ...actor.ownOrganizationIds])})`);
    if (!rows.length) throw notFound('Территория');
  }
}

/** Young specialists (ADR 0004) the actor sees, with their forms of support; `summary` counts the
 *  whole filtered set with and without support. */
export async function findYoungSpecialists(db: Db, actor: Actor, q: YoungSpecialistsQuery) {
  await checkScopeFilters(db, actor, q);
  const base = youngFilter(actor, q);
  const where = and(base, q.support === 'with' ? supportedSql : q.support === 'without' ? sql`NOT ${supportedSql}` : undefined)!;
  const after = q.cursor ? decodeCursor(q.cursor, 4) : null;
  const rows = await db
    .select({
      id: staff.id,
      surname: staff.surname,
      name: staff.name,
      patronymic: staff.patronymic,
      birthDate: staff.birthDate,
      professionStartYear: staff.professionStartYear,
      organizations: sql<string[]>`ARRAY(SELECT DISTINCT o.short_name FROM staff_positions p JOIN organizations o ON o.id = p.organization_id WHERE p.staff_id = ${sid} AND p.end_date IS NULL ORDER BY 1)`,
      subjects: sql<string[]>`ARRAY(SELECT DISTINCT u FROM staff_positions p, unnest(p.subjects) u WHERE p.staff_id = ${sid} AND p.end_date IS NULL ORDER BY 1)`,
      mentor: sql<string | null>`(SELECT ms.surname || ' ' || ms.name || coalesce(' ' || ms.patronymic, '') FROM mentorships m JOIN staff ms ON ms.id = m.mentor_staff_id WHERE m.mentee_staff_id = ${sid} AND m.status = 'active' ORDER BY m.starts_on DESC LIMIT 1)`,
      suggestedMentor: sql<boolean>`EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = ${sid} AND m.status IN ('suggested', 'confirmed'))`,
      planStatus: sql<string | null>`(SELECT lp.status FROM learning_plans lp WHERE lp.staff_id = ${sid} AND lp.status IN ('agreed', 'in_progress') LIMIT 1)`,
      tutor: sql<boolean>`${support.tutor}`,
    })
    .from(staff)
    .where(and(where, after ? sql`(${staff.surname}, ${staff.name}, coalesce(${staff.patronymic}, ''), ${sid}) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})` : undefined))
    .orderBy(staff.surname, staff.name, sql`coalesce(${staff.patronymic}, '')`, staff.id)
    .limit(q.limit + 1);
  const [counts] = await db
    .select({ total: sql<number>`count(*)::int`, supported: sql<number>`count(*) FILTER (WHERE ${supportedSql})::int` })
    .from(staff)
    .where(base);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(staff).where(where);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const d = derive(r);
      const forms = [r.mentor ? 'mentor' : null, r.planStatus ? 'learning_plan' : null, r.tutor ? 'tutor' : null].filter((x): x is 'mentor' | 'learning_plan' | 'tutor' => x !== null);
      return {
        staffId: r.id,
        fullName: fullNameOf(r),
        birthDate: r.birthDate,
        age: d.age,
        professionStartYear: r.professionStartYear,
        yearsInProfession: d.yearsInProfession,
        organizations: r.organizations,
        subjects: r.subjects,
        mentorName: r.mentor,
        mentorSuggested: r.suggestedMentor,
        learningPlanStatus: r.planStatus as 'agreed' | 'in_progress' | null,
        tutor: Boolean(r.tutor),
        supportForms: forms,
        supported: forms.length > 0,
      };
    }),
    nextCursor: rows.length > q.limit ? encodeCursor([last.surname, last.name, last.patronymic ?? '', last.id]) : null,
    total,
    summary: { youngSpecialists: counts.total, supported: counts.supported, unsupported: counts.total - counts.supported, supportedShare: counts.total ? Math.round((counts.supported / counts.total) * 1000) / 10 : 0 },
  };
}

// ───────────── suggestions ─────────────

interface MenteeRow {
  id: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | null;
  profession_start_year: number | null;
  organization_ids: string[];
  organization_names: string[];
  municipality_ids: string[];
  subjects: string[];
}

/** Young specialists without an open pair (suggested, confirmed or active), each with the best
 *  mentors among the people the actor sees (ADR 0016). Nothing is stored: an administrator confirms
 *  a suggestion by creating the pair. */
export async function suggestMentors(db: Db, actor: Actor, q: { organizationId?: string; territoryId?: string; limit: number; cursor?: string }) {
  await checkScopeFilters(db, actor, q);
  const where = and(youngFilter(actor, q), sql`NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = ${staff.id} AND m.status IN ${openStatuses})`)!;
  const after = q.cursor ? decodeCursor(q.cursor, 4) : null;
  const mentees = await queryRows<MenteeRow>(
    db,
    sql`SELECT ${staff.id} AS id, ${staff.surname} AS surname, ${staff.name} AS name, ${staff.patronymic} AS patronymic, ${staff.birthDate}::text AS birth_date,
          ${staff.professionStartYear} AS profession_start_year, ${staff.organizationIds} AS organization_ids,
          ARRAY(SELECT DISTINCT o.short_name FROM staff_positions p JOIN organizations o ON o.id = p.organization_id WHERE p.staff_id = ${staff.id} AND p.end_date IS NULL) AS organization_names,
          ARRAY(SELECT DISTINCT p.territory_id FROM staff_positions p WHERE p.staff_id = ${staff.id} AND p.end_date IS NULL) AS municipality_ids,
          ARRAY(SELECT DISTINCT u FROM staff_positions p, unnest(p.subjects) u WHERE p.staff_id = ${staff.id} AND p.end_date IS NULL) AS subjects
        FROM staff WHERE ${where}
          ${after ? sql`AND (${staff.surname}, ${staff.name}, coalesce(${staff.patronymic}, ''), ${staff.id}) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})` : sql``}
        ORDER BY ${staff.surname}, ${staff.name}, coalesce(${staff.patronymic}, ''), ${staff.id} LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(staff).where(where);
  const page = mentees.slice(0, q.limit);
  const candidates = await mentorCandidates(db, actor, page);
  const last = page[page.length - 1];
  return {
    items: page.map((m) => ({
      staffId: m.id,
      fullName: fullNameOf(m),
      yearsInProfession: derive({ birthDate: m.birth_date, professionStartYear: m.profession_start_year }).yearsInProfession,
      organizations: m.organization_names,
      subjects: m.subjects,
      candidates: rankMentorCandidates({ staffId: m.id, organizationIds: m.organization_ids, municipalityIds: m.municipality_ids, subjects: m.subjects }, candidates).map((c) => ({
        rank: c.rank,
        staffId: c.staffId,
        fullName: c.fullName,
        organizations: c.organizationNames,
        subjects: c.subjects,
        yearsInProfession: c.yearsInProfession,
        qualificationCategory: c.qualificationCategory,
        scope: c.scope,
        capacity: c.capacity,
        load: c.load,
        reason: c.reason,
      })),
    })),
    nextCursor: mentees.length > q.limit ? encodeCursor([last.surname, last.name, last.patronymic ?? '', last.id]) : null,
    total,
  };
}

/** Experienced visible people teaching a subject of one of the mentees in their municipalities, with
 *  their capacity and open pairs: one query for the page. */
async function mentorCandidates(db: Db, actor: Actor, mentees: MenteeRow[]): Promise<SuggestCandidate[]> {
  const municipalities = [...new Set(mentees.flatMap((m) => m.municipality_ids))];
  const subjects = [...new Set(mentees.flatMap((m) => m.subjects))];
  if (!municipalities.length || !subjects.length) return [];
  const rows = await queryRows<{ id: string; surname: string; name: string; patronymic: string | null; profession_start_year: number | null; qualification_category: string | null; organization_ids: string[]; organization_names: string[]; municipality_ids: string[]; subjects: string[]; capacity: number; load: number }>(
    db,
    sql`SELECT s.id, s.surname, s.name, s.patronymic, s.profession_start_year, s.qualification_category,
          array_agg(DISTINCT p.organization_id) AS organization_ids, array_agg(DISTINCT o.short_name) AS organization_names,
          array_agg(DISTINCT p.territory_id) AS municipality_ids,
          ARRAY(SELECT DISTINCT u FROM staff_positions p2, unnest(p2.subjects) u WHERE p2.staff_id = s.id AND p2.end_date IS NULL) AS subjects,
          coalesce((SELECT mc.capacity FROM mentor_capacities mc WHERE mc.staff_id = s.id), ${DEFAULT_MENTOR_CAPACITY})::int AS capacity,
          (SELECT count(*) FROM mentorships m WHERE m.mentor_staff_id = s.id AND m.status IN ${openStatuses})::int AS load
        FROM staff s JOIN staff_positions p ON p.staff_id = s.id AND p.end_date IS NULL AND p.staff_category = 'pedagogical'
        JOIN organizations o ON o.id = p.organization_id
        WHERE s.archived_at IS NULL AND p.subjects && ${sql.param(subjects)}::text[]
          -- through the municipalities' organizations, so the positions' organization index serves a national database
          AND p.organization_id IN (SELECT mo.id FROM organizations mo WHERE mo.territory_id = ANY(${uuids(municipalities)}))
          AND s.profession_start_year <= extract(year from current_date)::int - ${MENTOR_MIN_YEARS}
          AND ${staffAliasVisible(actor, 's')}
        GROUP BY s.id`,
  );
  return rows.map((r) => ({
    staffId: r.id,
    fullName: fullNameOf(r),
    organizationIds: r.organization_ids,
    organizationNames: r.organization_names,
    municipalityIds: r.municipality_ids,
    subjects: r.subjects,
    yearsInProfession: r.profession_start_year == null ? null : new Date().getFullYear() - r.profession_start_year,
    qualificationCategory: r.qualification_category,
    capacity: r.capacity,
    load: r.load,
  }));
}

// ───────────── pairs ─────────────

interface PairRow {
  id: string;
  organization_id: string;
  organization_name: string;
  territory_id: string;
  mentor_staff_id: string;
  mentee_staff_id: string;
  mentor_name: string;
  mentee_name: string;
  mentor_organization_ids: string[];
  mentor_territory_ids: string[];
  mentee_organization_ids: string[];
  mentee_territory_ids: string[];
  form: MentorshipForm;
  status: MentorshipStatus;
  starts_on: string;
  ends_on: string | null;
  plan: string | null;
  outcomes: string | null;
  suggestion_reason: string | null;
  programme_id: string | null;
  confirmed_at: string | null;
  confirmed_by_name: string | null;
  completed_at: string | null;
  cancel_reason: string | null;
  meeting_count: number;
  last_meeting_on: string | null;
  version: number;
  updated_at: string;
}

const pairSelect = sql`SELECT m.id, m.organization_id, o.short_name AS organization_name, m.territory_id, m.mentor_staff_id, m.mentee_staff_id,
    mr.surname || ' ' || mr.name || coalesce(' ' || mr.patronymic, '') AS mentor_name,
    me.surname || ' ' || me.name || coalesce(' ' || me.patronymic, '') AS mentee_name,
    mr.organization_ids AS mentor_organization_ids, mr.territory_ids AS mentor_territory_ids,
    me.organization_ids AS mentee_organization_ids, me.territory_ids AS mentee_territory_ids,
    m.form, m.status, m.starts_on::text, m.ends_on::text, m.plan, m.outcomes, m.suggestion_reason, m.programme_id,
    m.confirmed_at::text, cu.display_name AS confirmed_by_name, m.completed_at::text, m.cancel_reason,
    (SELECT count(*) FROM mentorship_meetings mm WHERE mm.mentorship_id = m.id)::int AS meeting_count,
    (SELECT max(mm.held_on)::text FROM mentorship_meetings mm WHERE mm.mentorship_id = m.id) AS last_meeting_on,
    m.version, m.updated_at::text
  FROM mentorships m JOIN staff mr ON mr.id = m.mentor_staff_id JOIN staff me ON me.id = m.mentee_staff_id
  JOIN organizations o ON o.id = m.organization_id LEFT JOIN users cu ON cu.id = m.confirmed_by`;

/** A pair is read by whoever sees its mentee or its mentor (their administrators, themselves). */
const pairVisible = (actor: Actor) => sql`(${staffAliasVisible(actor, 'me')} OR ${staffAliasVisible(actor, 'mr')})`;

type Party = 'mentor' | 'mentee' | 'admin';
function partiesOf(actor: Actor, p: PairRow): Party[] {
  const parties: Party[] = [];
  if (actor.staffId === p.mentor_staff_id) parties.push('mentor');
  if (actor.staffId === p.mentee_staff_id) parties.push('mentee');
  if (canWriteAt(actor, { territoryIds: p.mentee_territory_ids, organizationIds: p.mentee_organization_ids })) parties.push('admin');
  return parties;
}

function actionsFor(parties: Party[], p: PairRow): MentorshipAction[] {
  const out: MentorshipAction[] = [];
  const today = todayIso();
  const admin = parties.includes('admin');
  const mentor = parties.includes('mentor');
  if (admin && nextStatus(p.status, 'confirm', p.starts_on, today)) out.push('confirm');
  if ((admin || mentor) && nextStatus(p.status, 'start', p.starts_on, today)) out.push('start');
  if ((admin || mentor) && nextStatus(p.status, 'complete', p.starts_on, today)) out.push('complete');
  if (admin && nextStatus(p.status, 'cancel', p.starts_on, today)) out.push('cancel');
  return out;
}

function pairView(actor: Actor, p: PairRow) {
  const parties = partiesOf(actor, p);
  return {
    id: p.id,
    organization: { id: p.organization_id, name: p.organization_name },
    mentor: { staffId: p.mentor_staff_id, fullName: p.mentor_name },
    mentee: { staffId: p.mentee_staff_id, fullName: p.mentee_name },
    form: p.form,
    status: p.status,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    plan: p.plan,
    outcomes: p.outcomes,
    suggestionReason: p.suggestion_reason,
    programmeId: p.programme_id,
    confirmedAt: p.confirmed_at,
    confirmedBy: p.confirmed_by_name,
    completedAt: p.completed_at,
    cancelReason: p.cancel_reason,
    meetingCount: p.meeting_count,
    lastMeetingOn: p.last_meeting_on,
    myRole: parties.includes('mentor') ? ('mentor' as const) : parties.includes('mentee') ? ('mentee' as const) : null,
    actions: actionsFor(parties, p),
    canEdit: parties.includes('admin') || parties.includes('mentor'),
    canLogMeeting: (p.status === 'confirmed' || p.status === 'active') && parties.length > 0,
    version: p.version,
    updatedAt: p.updated_at,
  };
}
export type PairView = ReturnType<typeof pairView>;

export interface PairQuery {
  status?: MentorshipStatus;
  form?: MentorshipForm;
  organizationId?: string;
  staffId?: string;
  mine?: boolean;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Pairs the actor sees, newest change first; `mine` — where the actor is the mentor or the mentee;
 *  `staffId` — where that person is either. */
export async function findPairs(db: Db, actor: Actor, q: PairQuery) {
  if (q.staffId) await loadPerson(db, actor, q.staffId);
  const words = searchWords(q.q);
  const where = and(
    pairVisible(actor),
    q.status ? sql`m.status = ${q.status}` : undefined,
    q.form ? sql`m.form = ${q.form}` : undefined,
    q.organizationId ? sql`(m.organization_id IN (SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[]) OR mr.organization_ids && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[]))` : undefined,
    q.staffId ? sql`(m.mentor_staff_id = ${q.staffId} OR m.mentee_staff_id = ${q.staffId})` : undefined,
    q.mine ? (actor.staffId ? sql`(m.mentor_staff_id = ${actor.staffId} OR m.mentee_staff_id = ${actor.staffId})` : sql`false`) : undefined,
    ...words.map((w) => sql`translate(lower(mr.surname || ' ' || mr.name || ' ' || me.surname || ' ' || me.name), 'ё', 'е') LIKE ${'%' + escapeLike(w) + '%'}`),
  )!;
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await queryRows<PairRow>(
    db,
    sql`${pairSelect} WHERE ${where} ${after ? sql`AND (m.updated_at, m.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
        ORDER BY m.updated_at DESC, m.id DESC LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM mentorships m JOIN staff mr ON mr.id = m.mentor_staff_id JOIN staff me ON me.id = m.mentee_staff_id WHERE ${where}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((p) => pairView(actor, p)), nextCursor: rows.length > q.limit ? encodeCursor([last.updated_at, last.id]) : null, total };
}

async function loadPair(db: Db, actor: Actor, id: string): Promise<PairRow> {
  const [p] = await queryRows<PairRow>(db, sql`${pairSelect} WHERE m.id = ${id} AND ${pairVisible(actor)}`);
  if (!p) throw notFound('Наставническая пара');
  return p;
}

const pairPlace = (p: PairRow) => ({
  territoryIds: [...new Set([...p.mentee_territory_ids, ...p.mentor_territory_ids])],
  organizationIds: [...new Set([...p.mentee_organization_ids, ...p.mentor_organization_ids])],
});

async function meetingsOf(db: Db, id: string) {
  const rows = await queryRows<{ id: string; held_on: string; topic: string; notes: string | null; duration_minutes: number | null; author: string | null; created_at: string }>(
    db,
    sql`SELECT mm.id, mm.held_on::text, mm.topic, mm.notes, mm.duration_minutes, u.display_name AS author, mm.created_at::text
        FROM mentorship_meetings mm LEFT JOIN users u ON u.id = mm.created_by WHERE mm.mentorship_id = ${id} ORDER BY mm.held_on DESC, mm.created_at DESC`,
  );
  return rows.map((r) => ({ id: r.id, heldOn: r.held_on, topic: r.topic, notes: r.notes, durationMinutes: r.duration_minutes, author: r.author, createdAt: r.created_at }));
}

/** One pair with its meetings; reading a pair one is not part of is audited (personal data). */
export async function getPair(db: Db, actor: Actor, id: string) {
  const p = await loadPair(db, actor, id);
  if (actor.staffId !== p.mentor_staff_id && actor.staffId !== p.mentee_staff_id) {
    await recordAudit(db, actor, { action: 'mentorship.read', entity: 'mentorship', entityId: id, ...pairPlace(p) });
  }
  return { ...pairView(actor, p), meetings: await meetingsOf(db, id) };
}

export interface PairInput {
  mentorStaffId: string;
  menteeStaffId: string;
  form: MentorshipForm;
  startsOn?: string | null;
  endsOn?: string | null;
  plan?: string | null;
  suggestionReason?: string | null;
  programmeId?: string | null;
  /** Confirm at once (the mentee's administrator taking a suggestion). */
  confirm?: boolean;
}

/** A pair is proposed (suggested) by an administrator who sees both people; it takes effect when
 *  the mentee's administrator confirms it — at once with `confirm`. */
export async function createPair(db: Db, actor: Actor, input: PairInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const mentee = await loadPerson(t, actor, input.menteeStaffId);
    const isMenteeAdmin = canWriteAt(actor, mentee);
    if (!isMenteeAdmin && !hasReadScope(actor)) throw forbidden('Предложить наставника может администратор или методист');
    if (input.confirm && !isMenteeAdmin) throw forbidden('Подтвердить пару может администратор организации наставляемого');
    if (input.mentorStaffId === input.menteeStaffId) throw invalid([{ field: 'mentorStaffId', message: 'Наставник и наставляемый должны быть разными людьми' }]);
    const mentor = await loadPerson(t, actor, input.mentorStaffId).catch((e) => {
      if (e instanceof AppError && e.status === 404) throw invalid([{ field: 'mentorStaffId', message: 'Наставник не найден среди доступных вам работников' }]);
      throw e;
    });
    // the pair belongs to the mentee's organization the actor administers (or their first)
    const [org] = await queryRows<{ id: string; territory_id: string }>(
      t,
      sql`SELECT id, territory_id FROM organizations WHERE id = ANY(${uuids(mentee.organizationIds)}) ORDER BY (id = ANY(${uuids(actor.write.organizationIds)})) DESC, short_name LIMIT 1`,
    );
    if (!org) throw invalid([{ field: 'menteeStaffId', message: 'У наставляемого нет текущего места работы' }]);
    const [busy] = await queryRows(t, sql`SELECT 1 FROM mentorships WHERE mentor_staff_id = ${input.mentorStaffId} AND mentee_staff_id = ${input.menteeStaffId} AND status IN ${openStatuses}`);
    if (busy) throw new AppError(409, 'duplicate_pair', 'Такая пара уже есть и не завершена');
    if (input.confirm) await checkCapacity(t, input.mentorStaffId, mentor.fullName);
    if (input.programmeId) {
      const [prog] = await queryRows(t, sql`SELECT 1 FROM mentoring_programmes WHERE id = ${input.programmeId} AND organization_id = ${org.id}`);
      if (!prog) throw invalid([{ field: 'programmeId', message: 'Программа наставничества не найдена в организации наставляемого' }]);
    }
    const startsOn = input.startsOn ?? todayIso();
    if (input.endsOn && input.endsOn < startsOn) throw invalid([{ field: 'endsOn', message: 'Дата окончания раньше даты начала' }]);
    const now = new Date();
    const status: MentorshipStatus = input.confirm ? nextStatus('suggested', 'confirm', startsOn, todayIso())! : 'suggested';
    const [row] = await tx
      .insert(mentorships)
      .values({
        organizationId: org.id,
        territoryId: org.territory_id,
        mentorStaffId: input.mentorStaffId,
        menteeStaffId: input.menteeStaffId,
        form: input.form,
        status,
        startsOn,
        endsOn: input.endsOn ?? null,
        plan: input.plan ?? null,
        suggestionReason: input.suggestionReason ?? null,
        programmeId: input.programmeId ?? null,
        createdBy: actor.userId,
        confirmedAt: input.confirm ? now : null,
        confirmedBy: input.confirm ? actor.userId : null,
        startedAt: status === 'active' ? now : null,
      })
      .returning({ id: mentorships.id });
    const p = await loadPair(t, actor, row.id);
    await recordAudit(t, actor, { action: input.confirm ? 'mentorship.create_confirmed' : 'mentorship.suggest', entity: 'mentorship', entityId: row.id, ...pairPlace(p), after: pairView(actor, p) });
    return { ...pairView(actor, p), meetings: [] };
  });
}

/** Open pairs of the mentor must stay under their capacity when a pair takes effect. */
async function checkCapacity(db: Db, mentorStaffId: string, mentorName: string, exceptId?: string) {
  const [r] = await queryRows<{ capacity: number; load: number }>(
    db,
    sql`SELECT coalesce((SELECT capacity FROM mentor_capacities WHERE staff_id = ${mentorStaffId}), ${DEFAULT_MENTOR_CAPACITY})::int AS capacity,
          (SELECT count(*) FROM mentorships WHERE mentor_staff_id = ${mentorStaffId} AND status IN ('confirmed', 'active') ${exceptId ? sql`AND id <> ${exceptId}` : sql``})::int AS load`,
  );
  if (r.load >= r.capacity) throw new AppError(409, 'mentor_capacity', `У наставника ${mentorName} нет свободных мест: ${r.load} из ${r.capacity}`);
}

export async function updatePair(db: Db, actor: Actor, id: string, input: { version: number; plan?: string | null; outcomes?: string | null; startsOn?: string; endsOn?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const before = await loadPair(t, actor, id);
    const parties = partiesOf(actor, before);
    if (!parties.includes('admin') && !parties.includes('mentor')) throw forbidden('Изменять план пары может наставник или администратор');
    if (before.version !== input.version) throw staleVersion();
    if (before.status === 'completed' || before.status === 'cancelled') throw new AppError(409, 'closed', 'Пара завершена: изменить её нельзя');
    const startsOn = input.startsOn ?? before.starts_on;
    const endsOn = input.endsOn === undefined ? before.ends_on : input.endsOn;
    if (endsOn && endsOn < startsOn) throw invalid([{ field: 'endsOn', message: 'Дата окончания раньше даты начала' }]);
    const [row] = await tx
      .update(mentorships)
      .set({ plan: input.plan === undefined ? before.plan : input.plan, outcomes: input.outcomes === undefined ? before.outcomes : input.outcomes, startsOn, endsOn, version: input.version + 1, updatedAt: new Date() })
      .where(and(eq(mentorships.id, id), eq(mentorships.version, input.version)))
      .returning({ id: mentorships.id });
    if (!row) throw staleVersion();
    const after = await loadPair(t, actor, id);
    await recordAudit(t, actor, { action: 'mentorship.update', entity: 'mentorship', entityId: id, ...pairPlace(after), before: pairView(actor, before), after: pairView(actor, after) });
    return { ...pairView(actor, after), meetings: await meetingsOf(t, id) };
  });
}

const actionNames: Record<MentorshipAction, string> = { confirm: 'подтвердить', start: 'начать', complete: 'завершить', cancel: 'отменить' };

export async function changePairStatus(db: Db, actor: Actor, id: string, input: { version: number; action: MentorshipAction; outcomes?: string | null; reason?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const before = await loadPair(t, actor, id);
    const parties = partiesOf(actor, before);
    const allowed: Party[] = input.action === 'start' || input.action === 'complete' ? ['admin', 'mentor'] : ['admin'];
    if (!parties.some((p) => allowed.includes(p))) {
      throw forbidden(input.action === 'confirm' ? 'Подтвердить пару может администратор организации наставляемого' : `Действие «${actionNames[input.action]}» вам недоступно`);
    }
    if (before.version !== input.version) throw staleVersion();
    const status = nextStatus(before.status, input.action, before.starts_on, todayIso());
    if (!status) throw new AppError(409, 'bad_transition', `Пару в этом состоянии нельзя ${actionNames[input.action]}`);
    if (input.action === 'cancel' && !input.reason?.trim()) throw invalid([{ field: 'reason', message: 'Укажите причину отмены' }]);
    if (input.action === 'confirm') await checkCapacity(t, before.mentor_staff_id, before.mentor_name, id);
    const now = new Date();
    const [row] = await tx
      .update(mentorships)
      .set({
        status,
        version: input.version + 1,
        updatedAt: now,
        ...(input.action === 'confirm' ? { confirmedAt: now, confirmedBy: actor.userId } : {}),
        ...(status === 'active' ? { startedAt: now } : {}),
        ...(input.action === 'complete' ? { completedAt: now, outcomes: input.outcomes ?? before.outcomes, endsOn: before.ends_on ?? todayIso() } : {}),
        ...(input.action === 'cancel' ? { cancelledAt: now, cancelReason: input.reason!.trim() } : {}),
      })
      .where(and(eq(mentorships.id, id), eq(mentorships.version, input.version)))
      .returning({ id: mentorships.id });
    if (!row) throw staleVersion();
    const after = await loadPair(t, actor, id);
    await recordAudit(t, actor, { action: `mentorship.${input.action}`, entity: 'mentorship', entityId: id, ...pairPlace(after), before: { status: before.status }, after: { status, reason: input.reason ?? null } });
    return { ...pairView(actor, after), meetings: await meetingsOf(t, id) };
  });
}

export async function listMeetings(db: Db, actor: Actor, id: string) {
  await loadPair(db, actor, id);
  return meetingsOf(db, id);
}

/** A meeting is logged by the mentor, the mentee or the mentee's administrator, while the pair runs. */
export async function addMeeting(db: Db, actor: Actor, id: string, input: { heldOn: string; topic: string; notes?: string | null; durationMinutes?: number | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const p = await loadPair(t, actor, id);
    if (!partiesOf(actor, p).length) throw forbidden('Встречу записывают наставник, наставляемый или администратор');
    if (p.status !== 'confirmed' && p.status !== 'active') throw new AppError(409, 'pair_not_running', 'Встречи записываются только в подтверждённой или действующей паре');
    if (input.heldOn < p.starts_on) throw invalid([{ field: 'heldOn', message: 'Встреча раньше начала наставничества' }]);
    if (input.heldOn > todayIso()) throw invalid([{ field: 'heldOn', message: 'Встреча ещё не состоялась: укажите прошедшую дату' }]);
    const [row] = await tx
      .insert(mentorshipMeetings)
      .values({ mentorshipId: id, heldOn: input.heldOn, topic: input.topic, notes: input.notes ?? null, durationMinutes: input.durationMinutes ?? null, createdBy: actor.userId })
      .returning();
    // the first meeting of a confirmed pair starts it
    if (p.status === 'confirmed') await tx.update(mentorships).set({ status: 'active', startedAt: new Date(), version: p.version + 1, updatedAt: new Date() }).where(eq(mentorships.id, id));
    else await tx.update(mentorships).set({ updatedAt: new Date() }).where(eq(mentorships.id, id));
    await recordAudit(t, actor, { action: 'mentorship.meeting', entity: 'mentorship', entityId: id, ...pairPlace(p), after: row });
    return (await meetingsOf(t, id)).find((m) => m.id === row.id)!;
  });
}

// ───────────── mentors and capacity ─────────────

/** People in the actor's scope who mentor (an open pair) or whose capacity is set. */
export async function findMentors(db: Db, actor: Actor, q: { organizationId?: string; limit: number; cursor?: string }) {
  await checkScopeFilters(db, actor, q);
  const where = and(
    sql`s.archived_at IS NULL`,
    staffAliasVisible(actor, 's'),
    sql`(EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_staff_id = s.id AND m.status IN ${openStatuses}) OR EXISTS (SELECT 1 FROM mentor_capacities mc WHERE mc.staff_id = s.id))`,
    q.organizationId ? sql`s.organization_ids && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[])` : undefined,
  )!;
  const after = q.cursor ? decodeCursor(q.cursor, 3) : null;
  const rows = await queryRows<{ id: string; surname: string; name: string; patronymic: string | null; profession_start_year: number | null; organizations: string[]; capacity: number; load: number; active: number; mentees: string[]; territory_ids: string[]; organization_ids: string[] }>(
    db,
    sql`SELECT s.id, s.surname, s.name, s.patronymic, s.profession_start_year, s.territory_ids, s.organization_ids,
          ARRAY(SELECT DISTINCT o.short_name FROM staff_positions p JOIN organizations o ON o.id = p.organization_id WHERE p.staff_id = s.id AND p.end_date IS NULL) AS organizations,
          coalesce((SELECT mc.capacity FROM mentor_capacities mc WHERE mc.staff_id = s.id), ${DEFAULT_MENTOR_CAPACITY})::int AS capacity,
          (SELECT count(*) FROM mentorships m WHERE m.mentor_staff_id = s.id AND m.status IN ${openStatuses})::int AS load,
          (SELECT count(*) FROM mentorships m WHERE m.mentor_staff_id = s.id AND m.status = 'active')::int AS active,
          ARRAY(SELECT me.surname || ' ' || me.name FROM mentorships m JOIN staff me ON me.id = m.mentee_staff_id WHERE m.mentor_staff_id = s.id AND m.status IN ${openStatuses} ORDER BY 1) AS mentees
        FROM staff s WHERE ${where} ${after ? sql`AND (s.surname, s.name, s.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql``}
        ORDER BY s.surname, s.name, s.id LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM staff s WHERE ${where}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      staffId: r.id,
      fullName: fullNameOf(r),
      organizations: r.organizations,
      yearsInProfession: r.profession_start_year == null ? null : new Date().getFullYear() - r.profession_start_year,
      capacity: r.capacity,
      load: r.load,
      activePairs: r.active,
      free: Math.max(0, r.capacity - r.load),
      mentees: r.mentees,
      canEdit: canWriteAt(actor, { territoryIds: r.territory_ids, organizationIds: r.organization_ids }),
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.surname, last.name, last.id]) : null,
    total,
  };
}

/** Sets how many mentees a person takes at once: their administrator does. */
export async function setMentorCapacity(db: Db, actor: Actor, staffId: string, capacity: number) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const person = await loadPerson(t, actor, staffId, 'write');
    const [before] = await t.select().from(mentorCapacities).where(eq(mentorCapacities.staffId, staffId));
    await tx
      .insert(mentorCapacities)
      .values({ staffId, capacity, updatedBy: actor.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: mentorCapacities.staffId, set: { capacity, updatedBy: actor.userId, updatedAt: new Date() } });
    await recordAudit(t, actor, { action: 'mentorship.capacity', entity: 'staff', entityId: staffId, territoryIds: person.territoryIds, organizationIds: person.organizationIds, before: { capacity: before?.capacity ?? DEFAULT_MENTOR_CAPACITY }, after: { capacity } });
    const [{ load }] = await queryRows<{ load: number }>(t, sql`SELECT count(*)::int AS load FROM mentorships WHERE mentor_staff_id = ${staffId} AND status IN ${openStatuses}`);
    return { staffId, fullName: person.fullName, capacity, load };
  });
}

// ───────────── programmes ─────────────

interface ProgrammeRow {
  id: string;
  organization_id: string;
  organization_name: string;
  territory_id: string;
  title: string;
  period_from: string;
  period_to: string;
  curator_staff_id: string | null;
  curator_name: string | null;
  pair_count: number;
  version: number;
}

const programmeSelect = sql`SELECT pr.id, pr.organization_id, o.short_name AS organization_name, o.territory_id, pr.title, pr.period_from::text, pr.period_to::text,
    pr.curator_staff_id, cs.surname || ' ' || cs.name || coalesce(' ' || cs.patronymic, '') AS curator_name,
    (SELECT count(*) FROM mentorships m WHERE m.organization_id = pr.organization_id AND m.status IN ('confirmed', 'active'))::int AS pair_count, pr.version
  FROM mentoring_programmes pr JOIN organizations o ON o.id = pr.organization_id LEFT JOIN staff cs ON cs.id = pr.curator_staff_id`;
const programmeVisible = (actor: Actor) => organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` });

async function documentsOf(db: Db, programmeIds: string[]) {
  if (!programmeIds.length) return new Map<string, { id: string; kind: ProgrammeDocumentKind; title: string; fileName: string; size: number; createdAt: string }[]>();
  const rows = await queryRows<{ id: string; programme_id: string; kind: ProgrammeDocumentKind; title: string; name: string; size: number; created_at: string }>(
    db,
    sql`SELECT d.id, d.programme_id, d.kind, d.title, f.name, f.size, d.created_at::text FROM mentoring_programme_documents d JOIN stored_files f ON f.id = d.file_id
        WHERE d.programme_id = ANY(${uuids(programmeIds)}) ORDER BY d.created_at`,
  );
  const by = new Map<string, { id: string; kind: ProgrammeDocumentKind; title: string; fileName: string; size: number; createdAt: string }[]>();
  for (const r of rows) by.set(r.programme_id, [...(by.get(r.programme_id) ?? []), { id: r.id, kind: r.kind, title: r.title, fileName: r.name, size: r.size, createdAt: r.created_at }]);
  return by;
}

function programmeView(actor: Actor, r: ProgrammeRow, docs: Awaited<ReturnType<typeof documentsOf>>) {
  return {
    id: r.id,
    organization: { id: r.organization_id, name: r.organization_name },
    title: r.title,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    curator: r.curator_staff_id ? { staffId: r.curator_staff_id, fullName: r.curator_name! } : null,
    pairCount: r.pair_count,
    documents: docs.get(r.id) ?? [],
    canEdit: canAdministerOrganization(actor, { id: r.organization_id, territoryId: r.territory_id }),
    version: r.version,
  };
}

export async function findProgrammes(db: Db, actor: Actor, q: { q?: string; organizationId?: string; limit: number; cursor?: string }) {
  const where = and(
    programmeVisible(actor),
    q.organizationId ? sql`o.path @> ARRAY[${q.organizationId}]::uuid[]` : undefined,
    // each word in the title or the organization's name
    ...searchWords(q.q).map((w) => sql`(pr.title ILIKE ${'%' + escapeLike(w) + '%'} OR o.short_name ILIKE ${'%' + escapeLike(w) + '%'})`),
  )!;
  const after = q.cursor ? decodeCursor(q.cursor, 3) : null;
  const rows = await queryRows<ProgrammeRow>(
    db,
    sql`${programmeSelect} WHERE ${where} ${after ? sql`AND (o.short_name, pr.period_from, pr.id) > (${after[0]}, ${after[1]}::date, ${after[2]}::uuid)` : sql``}
        ORDER BY o.short_name, pr.period_from, pr.id LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM mentoring_programmes pr JOIN organizations o ON o.id = pr.organization_id WHERE ${where}`);
  const page = rows.slice(0, q.limit);
  const docs = await documentsOf(db, page.map((r) => r.id));
  const last = page[page.length - 1];
  return { items: page.map((r) => programmeView(actor, r, docs)), nextCursor: rows.length > q.limit ? encodeCursor([last.organization_name, last.period_from, last.id]) : null, total };
}

async function loadProgramme(db: Db, actor: Actor, id: string) {
  const [r] = await queryRows<ProgrammeRow>(db, sql`${programmeSelect} WHERE pr.id = ${id} AND ${programmeVisible(actor)}`);
  if (!r) throw notFound('Программа наставничества');
  return r;
}

export async function getProgramme(db: Db, actor: Actor, id: string) {
  const r = await loadProgramme(db, actor, id);
  return programmeView(actor, r, await documentsOf(db, [id]));
}

export async function createProgramme(db: Db, actor: Actor, input: { organizationId: string; title: string; periodFrom: string; periodTo: string; curatorStaffId?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [org] = await queryRows<{ id: string; territory_id: string }>(t, sql`SELECT o.id, o.territory_id FROM organizations o WHERE o.id = ${input.organizationId} AND ${programmeVisible(actor)}`);
    if (!org) throw notFound('Организация');
    if (!canAdministerOrganization(actor, { id: org.id, territoryId: org.territory_id })) throw forbidden('Программу наставничества ведёт администратор организации');
    if (input.periodTo < input.periodFrom) throw invalid([{ field: 'periodTo', message: 'Окончание раньше начала' }]);
    if (input.curatorStaffId) {
      const [c] = await queryRows(t, sql`SELECT 1 FROM staff WHERE id = ${input.curatorStaffId} AND organization_ids @> ARRAY[${org.id}]::uuid[]`);
      if (!c) throw invalid([{ field: 'curatorStaffId', message: 'Куратор должен работать в этой организации' }]);
    }
    const [row] = await tx.insert(mentoringProgrammes).values({ ...input, curatorStaffId: input.curatorStaffId ?? null, createdBy: actor.userId }).returning({ id: mentoringProgrammes.id });
    await recordAudit(t, actor, { action: 'mentoring_programme.create', entity: 'mentoring_programme', entityId: row.id, territoryIds: [org.territory_id], organizationIds: [org.id], after: input });
    return programmeView(actor, await loadProgramme(t, actor, row.id), new Map());
  });
}

export async function addProgrammeDocument(db: Db, actor: Actor, id: string, input: { kind: ProgrammeDocumentKind; title: string }, file: UploadedFile | null) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const r = await loadProgramme(t, actor, id);
    if (!canAdministerOrganization(actor, { id: r.organization_id, territoryId: r.territory_id })) throw forbidden('Документы программы добавляет администратор организации');
    if (!file) throw invalid([{ field: 'file', message: 'Приложите файл документа' }]);
    const [stored] = await storeFiles(t, actor, [file], { maxFiles: 1, maxBytes: evidenceLimits.maxBytes });
    await tx.insert(mentoringProgrammeDocuments).values({ programmeId: id, kind: input.kind, title: input.title, fileId: stored.id, uploadedBy: actor.userId });
    await recordAudit(t, actor, { action: 'mentoring_programme.document', entity: 'mentoring_programme', entityId: id, territoryIds: [r.territory_id], organizationIds: [r.organization_id], after: { ...input, file: stored.name } });
    return programmeView(actor, r, await documentsOf(t, [id]));
  });
}

export async function readProgrammeDocument(db: Db, actor: Actor, id: string, documentId: string) {
  await loadProgramme(db, actor, id);
  const [d] = await db.select().from(mentoringProgrammeDocuments).where(and(eq(mentoringProgrammeDocuments.id, documentId), eq(mentoringProgrammeDocuments.programmeId, id)));
  const file = d && (await readStoredFile(db, d.fileId));
  if (!file) throw notFound('Документ');
  return file;
}

// ───────────── team mentoring ─────────────

interface TeamRow {
  id: string;
  mentor_organization_id: string;
  mentor_organization_name: string;
  mentor_territory_id: string;
  mentee_organization_id: string;
  mentee_organization_name: string;
  mentee_territory_id: string;
  mentor_team: { staffId: string; fullName: string }[] | null;
  status: 'active' | 'completed';
  starts_on: string;
  ends_on: string | null;
  plan: string | null;
  outcomes: string | null;
  version: number;
}

const teamSelect = sql`SELECT t.id, t.mentor_organization_id, mo.short_name AS mentor_organization_name, mo.territory_id AS mentor_territory_id,
    t.mentee_organization_id, eo.short_name AS mentee_organization_name, eo.territory_id AS mentee_territory_id,
    (SELECT json_agg(json_build_object('staffId', s.id, 'fullName', s.surname || ' ' || s.name || coalesce(' ' || s.patronymic, '')) ORDER BY s.surname) FROM staff s WHERE s.id = ANY(t.mentor_team_staff_ids)) AS mentor_team,
    t.status, t.starts_on::text, t.ends_on::text, t.plan, t.outcomes, t.version
  FROM team_mentorships t JOIN organizations mo ON mo.id = t.mentor_organization_id JOIN organizations eo ON eo.id = t.mentee_organization_id`;
const teamVisible = (actor: Actor) =>
  sql`(${organizationVisible(actor, { id: sql`mo.id`, territoryId: sql`mo.territory_id` })} OR ${organizationVisible(actor, { id: sql`eo.id`, territoryId: sql`eo.territory_id` })})`;

function teamView(actor: Actor, r: TeamRow) {
  return {
    id: r.id,
    mentorOrganization: { id: r.mentor_organization_id, name: r.mentor_organization_name },
    menteeOrganization: { id: r.mentee_organization_id, name: r.mentee_organization_name },
    mentorTeam: r.mentor_team ?? [],
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    plan: r.plan,
    outcomes: r.outcomes,
    canEdit: teamEditor(actor, r),
    version: r.version,
  };
}
const teamEditor = (actor: Actor, r: TeamRow) =>
  canAdministerOrganization(actor, { id: r.mentor_organization_id, territoryId: r.mentor_territory_id }) || canAdministerOrganization(actor, { id: r.mentee_organization_id, territoryId: r.mentee_territory_id });

export async function findTeamMentorships(db: Db, actor: Actor, q: { status?: 'active' | 'completed'; limit: number; cursor?: string }) {
  const where = and(teamVisible(actor), q.status ? sql`t.status = ${q.status}` : undefined)!;
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await queryRows<TeamRow>(
    db,
    sql`${teamSelect} WHERE ${where} ${after ? sql`AND (eo.short_name, t.id) > (${after[0]}, ${after[1]}::uuid)` : sql``} ORDER BY eo.short_name, t.id LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM team_mentorships t JOIN organizations mo ON mo.id = t.mentor_organization_id JOIN organizations eo ON eo.id = t.mentee_organization_id WHERE ${where}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => teamView(actor, r)), nextCursor: rows.length > q.limit ? encodeCursor([last.mentee_organization_name, last.id]) : null, total };
}

async function loadTeam(db: Db, actor: Actor, id: string) {
  const [r] = await queryRows<TeamRow>(db, sql`${teamSelect} WHERE t.id = ${id} AND ${teamVisible(actor)}`);
  if (!r) throw notFound('Менторская пара организаций');
  return r;
}

export interface TeamInput {
  mentorOrganizationId: string;
  menteeOrganizationId: string;
  mentorTeamStaffIds: string[];
  startsOn: string;
  endsOn?: string | null;
  plan?: string | null;
}

/** «Менторство» is set up by whoever administers both schools (a municipality or the region): the
 *  mentee is a school with low results, the team works at the mentor school. */
export async function createTeamMentorship(db: Db, actor: Actor, input: TeamInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const orgs = await queryRows<{ id: string; territory_id: string; low_results_school: boolean; short_name: string }>(
      t,
      sql`SELECT o.id, o.territory_id, o.low_results_school, o.short_name FROM organizations o WHERE o.id IN (${input.mentorOrganizationId}, ${input.menteeOrganizationId}) AND ${programmeVisible(actor)}`,
    );
    const mentor = orgs.find((o) => o.id === input.mentorOrganizationId);
    const mentee = orgs.find((o) => o.id === input.menteeOrganizationId);
    if (!mentor || !mentee) throw notFound('Организация');
    if (!canAdministerOrganization(actor, { id: mentor.id, territoryId: mentor.territory_id }) || !canAdministerOrganization(actor, { id: mentee.id, territoryId: mentee.territory_id })) {
      throw forbidden('Менторство назначает администратор, которому подведомственны обе организации');
    }
    if (mentor.id === mentee.id) throw invalid([{ field: 'menteeOrganizationId', message: 'Организация не может быть ментором самой себе' }]);
    if (!mentee.low_results_school) throw invalid([{ field: 'menteeOrganizationId', message: `«${mentee.short_name}» не отмечена как школа с низкими образовательными результатами` }]);
    if (mentor.low_results_school) throw invalid([{ field: 'mentorOrganizationId', message: 'Ментором не может быть школа с низкими образовательными результатами' }]);
    await checkTeam(t, mentor.id, input.mentorTeamStaffIds);
    if (input.endsOn && input.endsOn < input.startsOn) throw invalid([{ field: 'endsOn', message: 'Дата окончания раньше даты начала' }]);
    const [row] = await tx.insert(teamMentorships).values({ ...input, endsOn: input.endsOn ?? null, plan: input.plan ?? null, createdBy: actor.userId }).returning({ id: teamMentorships.id });
    await recordAudit(t, actor, { action: 'team_mentorship.create', entity: 'team_mentorship', entityId: row.id, territoryIds: [mentor.territory_id, mentee.territory_id], organizationIds: [mentor.id, mentee.id], after: input });
    return teamView(actor, await loadTeam(t, actor, row.id));
  });
}

async function checkTeam(db: Db, organizationId: string, staffIds: string[]) {
  if (!staffIds.length) throw invalid([{ field: 'mentorTeamStaffIds', message: 'Укажите управленческую команду школы-ментора' }]);
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE id = ANY(${uuids(staffIds)}) AND organization_ids @> ARRAY[${organizationId}]::uuid[]`);
  if (rows.length !== new Set(staffIds).size) throw invalid([{ field: 'mentorTeamStaffIds', message: 'В команду входят только работники школы-ментора' }]);
}

export async function updateTeamMentorship(db: Db, actor: Actor, id: string, input: { version: number; mentorTeamStaffIds?: string[]; endsOn?: string | null; plan?: string | null; outcomes?: string | null; status?: 'active' | 'completed' }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const before = await loadTeam(t, actor, id);
    if (!teamEditor(actor, before)) throw forbidden('Менторство изменяет администратор одной из организаций');
    if (before.version !== input.version) throw staleVersion();
    if (input.mentorTeamStaffIds) await checkTeam(t, before.mentor_organization_id, input.mentorTeamStaffIds);
    const { version, ...changes } = input;
    const [row] = await tx
      .update(teamMentorships)
      .set({ ...changes, ...(input.status === 'completed' && !before.ends_on && input.endsOn === undefined ? { endsOn: todayIso() } : {}), version: version + 1, updatedAt: new Date() })
      .where(and(eq(teamMentorships.id, id), eq(teamMentorships.version, version)))
      .returning({ id: teamMentorships.id });
    if (!row) throw staleVersion();
    const after = await loadTeam(t, actor, id);
    await recordAudit(t, actor, { action: 'team_mentorship.update', entity: 'team_mentorship', entityId: id, territoryIds: [before.mentor_territory_id, before.mentee_territory_id], organizationIds: [before.mentor_organization_id, before.mentee_organization_id], before: teamView(actor, before), after: teamView(actor, after) });
    return teamView(actor, after);
  });
}
