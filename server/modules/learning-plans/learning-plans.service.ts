import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { learningPlans, learningPlanItems, learningPlanItemFiles, type learningPlanStatuses, type itemStatuses } from './learning-plans.schema.js';
import { canWriteAt, learningPlanVisible, tutorOf, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, exactTime } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { assignTutor, tutorAccounts } from '../auth/auth.service.js';
import { storeFiles, filesMeta, readStoredFile, evidenceLimits, type UploadedFile } from '../files/files.service.js';
import { loadPerson, personProfile } from '../staff/staff.service.js';
import { latestScores, strongColleagues, type LatestScore } from '../assessments/assessments.service.js';
import { competenciesByIds } from '../competencies/competencies.service.js';
import { programsAddressing } from '../programs/programs.service.js';
import { requestEnrollmentInPlan } from '../programs/enrollments.service.js';
import { internshipSitesNear, methodologicalServiceOf } from '../organizations/organizations.service.js';
import { suggestItems, targetsOf, MENTOR_MARGIN, type ItemForm, type ItemKind, type Score } from './learning-plan-suggest.js';

/**
 * Individual educational routes (ИОМ, ADR 0012): drafted from the person's deficits, agreed by the
 * person and the tutor, followed item by item (report → accepted or returned by the tutor),
 * completed by the tutor, reopened only by an administrator; the effect shows after a later diagnostic.
 */

export type PlanStatus = (typeof learningPlanStatuses)[number];
export type ItemStatus = (typeof itemStatuses)[number];
export type PlanAction = 'agree' | 'start' | 'complete' | 'reopen';
/** person — the plan's person; tutor — the plan's tutor; personTutor — a tutor assigned to the
 *  person (may draft before the plan has a tutor); employer — an administrator of the person. */
type Party = 'person' | 'tutor' | 'personTutor' | 'employer';

export interface PlanDeficit {
  competencyId: string;
  code: string;
  name: string;
  score: number;
  threshold: number;
  measuredOn: string;
  assessmentId: string;
  assessmentTitle: string;
}

export interface ItemInput {
  id?: string;
  form: ItemForm;
  kind: ItemKind;
  title: string;
  competencyIds?: string[];
  explanation?: string | null;
  programId?: string | null;
  cohortId?: string | null;
  organizationId?: string | null;
  mentorStaffId?: string | null;
  deadline?: string | null;
  expectedResult: string;
}

const planStatusNames: Record<PlanStatus, string> = { draft: 'черновик', agreed: 'согласован', in_progress: 'выполняется', completed: 'завершён' };

// ───────────── loading and parties ─────────────

type PlanRow = typeof learningPlans.$inferSelect;

async function loadPlan(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ plan: learningPlans })
    .from(learningPlans)
    .where(and(eq(learningPlans.id, id), planVisibleSql(actor)));
  if (!row) throw notFound('Индивидуальный образовательный маршрут');
  const person = await personOf(db, row.plan.staffId);
  return { plan: row.plan, person };
}

/** The plan visibility condition over learning_plans, with its person as `s`. */
const planVisibleSql = (actor: Actor): SQL =>
  sql`EXISTS (SELECT 1 FROM staff s WHERE s.id = ${learningPlans.staffId} AND ${learningPlanVisible(actor, { staffAlias: 's', tutorUserId: learningPlans.tutorUserId })})`;

/** The person of a visible plan, without a second access check (the plan's tutor may not be
 *  assigned to the person any more, yet still reads the plan). */
async function personOf(db: Db, staffId: string) {
  const [p] = await queryRows<{ id: string; surname: string; name: string; patronymic: string | null; territory_ids: string[]; organization_ids: string[] }>(
    db,
    sql`SELECT id, surname, name, patronymic, territory_ids, organization_ids FROM staff WHERE id = ${staffId}`,
  );
  return { id: p.id, fullName: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '), territoryIds: p.territory_ids, organizationIds: p.organization_ids };
}
type PlanPerson = Awaited<ReturnType<typeof personOf>>;

async function partiesOf(db: Db, actor: Actor, staffId: string, person: { territoryIds: string[]; organizationIds: string[] }, plan?: Pick<PlanRow, 'tutorUserId'>): Promise<Party[]> {
  const parties: Party[] = [];
  if (actor.staffId === staffId) parties.push('person');
  if (plan?.tutorUserId && plan.tutorUserId === actor.userId) parties.push('tutor');
  if (canWriteAt(actor, person)) parties.push('employer');
  if (actor.tutor) {
    const [{ ok }] = await queryRows<{ ok: boolean }>(db, sql`SELECT ${tutorOf(actor, staffId)} AS ok`);
    if (ok) parties.push('personTutor');
  }
  return parties;
}

const drafters: Party[] = ['person', 'tutor', 'personTutor', 'employer'];
const requireParty = (parties: Party[], allowed: Party[], message: string) => {
  if (!parties.some((p) => allowed.includes(p))) throw forbidden(message);
};

const auditPlace = (person: { territoryIds: string[]; organizationIds: string[] }) => ({ territoryIds: person.territoryIds, organizationIds: person.organizationIds });

// ───────────── drafting ─────────────

const toScore = (s: LatestScore, refs: Map<string, { code: string; name: string }>): Score => ({
  competencyId: s.competencyId,
  code: refs.get(s.competencyId)!.code,
  name: refs.get(s.competencyId)!.name,
  score: s.score,
  threshold: s.threshold,
  measuredOn: s.measuredOn,
  assessmentId: s.assessmentId,
  assessmentTitle: s.assessmentTitle,
});

/** The person's latest scores with competency names. */
async function scoresOf(db: Db, staffId: string): Promise<Score[]> {
  const latest = await latestScores(db, [staffId]);
  const refs = await competenciesByIds(db, latest.map((l) => l.competencyId));
  return latest.map((l) => toScore(l, refs));
}

/** A draft from the person's deficits in one action: ranked suggestions, each explained; nothing
 *  is saved (the chosen items go to POST /api/learning-plans). */
export async function draftLearningPlan(db: Db, actor: Actor, staffId: string) {
  const person = await loadPerson(db, actor, staffId);
  requireParty(await partiesOf(db, actor, staffId, person), drafters, 'ИОМ составляет сам работник, его тьютор или администратор его организации');
  const today = todayIso();
  const [scores, profile] = await Promise.all([scoresOf(db, staffId), personProfile(db, staffId)]);
  const targets = targetsOf(scores);
  const targetIds = targets.map((t) => t.competencyId);
  const [programs, mentors, sites, host] = await Promise.all([
    programsAddressing(db, targetIds, today),
    strongColleagues(db, { staffId, organizationIds: profile.organizationIds, municipalityIds: profile.municipalityIds, competencyIds: targetIds, margin: MENTOR_MARGIN }),
    internshipSitesNear(db, profile.municipalityIds),
    methodologicalServiceOf(db, profile.municipalityIds),
  ]);
  const suggestions = suggestItems({
    today,
    person: { staffCategory: profile.staffCategory, subjects: profile.subjects },
    scores,
    programs,
    mentors: mentors.map((m) => ({ competencyId: m.competency_id, staffId: m.staff_id, fullName: [m.surname, m.name, m.patronymic].filter(Boolean).join(' '), organizationName: m.organization_name, score: m.score })),
    internshipSites: sites.filter((s) => !profile.organizationIds.includes(s.id)).map((s) => ({ organizationId: s.id, name: s.short_name })),
    associationHost: host ? { organizationId: host.id, name: host.shortName } : null,
  });
  const year = Number(today.slice(0, 4));
  const periodTo = suggestions.filter((s) => s.recommended).reduce((max, s) => (s.deadline > max ? s.deadline : max), `${year + 1}-${today.slice(5)}`);
  const strip = ({ deficit: _d, gap: _g, ...t }: (typeof targets)[number]) => t;
  return {
    staffId,
    fullName: person.fullName,
    title: `Индивидуальный образовательный маршрут на ${year}–${year + 1} гг.`,
    periodFrom: today,
    periodTo,
    deficits: targets.filter((t) => t.deficit).map(strip),
    growthZone: targets.filter((t) => !t.deficit).map(strip),
    suggestions,
  };
}
export type LearningPlanDraft = Awaited<ReturnType<typeof draftLearningPlan>>;

// ───────────── views ─────────────

async function itemsOf(db: Db, planIds: string[]) {
  if (!planIds.length) return [];
  return queryRows<{
    id: string;
    plan_id: string;
    position: number;
    form: ItemForm;
    kind: ItemKind;
    title: string;
    competency_ids: string[];
    explanation: string | null;
    program_id: string | null;
    program_title: string | null;
    in_federal_registry: boolean | null;
    cohort_id: string | null;
    cohort_starts_on: string | null;
    enrollment_id: string | null;
    enrollment_status: string | null;
    organization_id: string | null;
    organization_name: string | null;
    mentor_staff_id: string | null;
    mentor_name: string | null;
    deadline: string | null;
    expected_result: string;
    status: ItemStatus;
    report_text: string | null;
    reported_at: string | null;
    review_comment: string | null;
    reviewed_at: string | null;
    reviewer_name: string | null;
    version: number;
  }>(
    db,
    sql`SELECT i.id, i.plan_id, i.position, i.form, i.kind, i.title, i.competency_ids, i.explanation,
          i.program_id, p.title AS program_title, p.in_federal_registry, i.cohort_id, c.starts_on::text AS cohort_starts_on,
          i.enrollment_id, e.status AS enrollment_status, i.organization_id, o.short_name AS organization_name,
          i.mentor_staff_id, concat_ws(' ', m.surname, m.name, m.patronymic) AS mentor_name,
          i.deadline::text, i.expected_result, i.status, i.report_text, i.reported_at::text, i.review_comment, i.reviewed_at::text,
          ru.display_name AS reviewer_name, i.version
        FROM learning_plan_items i
        LEFT JOIN programs p ON p.id = i.program_id
        LEFT JOIN cohorts c ON c.id = i.cohort_id
        LEFT JOIN enrollments e ON e.id = i.enrollment_id
        LEFT JOIN organizations o ON o.id = i.organization_id
        LEFT JOIN staff m ON m.id = i.mentor_staff_id
        LEFT JOIN users ru ON ru.id = i.reviewed_by
        WHERE i.plan_id = ANY(${sql.param(planIds)}::uuid[]) ORDER BY i.plan_id, i.position`,
  );
}
type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

const isOverdue = (i: { deadline: string | null; status: ItemStatus }, today: string) => i.deadline !== null && i.deadline < today && i.status !== 'accepted';

/** Which of the plan's deficits closed: a later score at or above the threshold closes one; a
 *  later score under it keeps it open; no later score — not measured again yet. */
export function planEffect(deficits: PlanDeficit[], latest: LatestScore[]) {
  return deficits.map((d) => {
    const later = latest.find((l) => l.competencyId === d.competencyId && l.measuredOn > d.measuredOn);
    return {
      ...d,
      effect: !later ? ('not_remeasured' as const) : later.deficit ? ('open' as const) : ('closed' as const),
      laterScore: later ? { score: later.score, threshold: later.threshold, measuredOn: later.measuredOn, assessmentTitle: later.assessmentTitle } : null,
    };
  });
}

function planActions(plan: PlanRow, parties: Party[]): PlanAction[] {
  const actions: PlanAction[] = [];
  if (plan.status === 'draft' && ((parties.includes('person') && !plan.personAgreedAt) || (parties.includes('tutor') && !plan.tutorAgreedAt))) actions.push('agree');
  if (plan.status === 'agreed' && parties.some((p) => p === 'person' || p === 'tutor')) actions.push('start');
  if (plan.status === 'in_progress' && parties.some((p) => p === 'tutor' || p === 'employer')) actions.push('complete');
  if (plan.status === 'completed' && parties.includes('employer')) actions.push('reopen');
  return actions;
}

async function planView(db: Db, actor: Actor, plan: PlanRow, person: PlanPerson) {
  const today = todayIso();
  const [items, latest, tutors, parties] = await Promise.all([
    itemsOf(db, [plan.id]),
    latestScores(db, [plan.staffId]),
    tutorAccounts(db, plan.tutorUserId ? [plan.tutorUserId] : []),
    partiesOf(db, actor, plan.staffId, person, plan),
  ]);
  const refs = await competenciesByIds(db, items.flatMap((i) => i.competency_ids));
  const files = await itemFiles(db, items.map((i) => i.id));
  const deficits = planEffect(plan.deficits as PlanDeficit[], latest);
  const tutor = plan.tutorUserId ? (tutors.get(plan.tutorUserId) ?? null) : null;
  return {
    id: plan.id,
    staffId: plan.staffId,
    fullName: person.fullName,
    title: plan.title,
    status: plan.status,
    tutor: tutor ? { userId: tutor.userId, displayName: tutor.displayName } : null,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    deficits,
    effect: {
      closed: deficits.filter((d) => d.effect === 'closed').length,
      open: deficits.filter((d) => d.effect === 'open').length,
      notRemeasured: deficits.filter((d) => d.effect === 'not_remeasured').length,
    },
    items: items.map((i) => itemView(i, refs, files.get(i.id) ?? [], today)),
    progress: {
      total: items.length,
      accepted: items.filter((i) => i.status === 'accepted').length,
      submitted: items.filter((i) => i.status === 'submitted').length,
      overdue: items.filter((i) => isOverdue(i, today)).length,
    },
    personAgreedAt: plan.personAgreedAt?.toISOString() ?? null,
    tutorAgreedAt: plan.tutorAgreedAt?.toISOString() ?? null,
    startedAt: plan.startedAt?.toISOString() ?? null,
    completedAt: plan.completedAt?.toISOString() ?? null,
    reopenedAt: plan.reopenedAt?.toISOString() ?? null,
    reopenReason: plan.reopenReason,
    actions: planActions(plan, parties),
    canEdit: plan.status === 'draft' && parties.some((p) => drafters.includes(p)),
    canReport: parties.includes('person') && ['agreed', 'in_progress'].includes(plan.status),
    canReview: parties.includes('tutor') && ['agreed', 'in_progress'].includes(plan.status),
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
export type LearningPlanView = Awaited<ReturnType<typeof planView>>;

function itemView(i: ItemRow, refs: Map<string, { id: string; code: string; name: string }>, files: { id: string; name: string; mime: string; size: number }[], today: string) {
  return {
    id: i.id,
    position: i.position,
    form: i.form,
    kind: i.kind,
    title: i.title,
    competencies: i.competency_ids.flatMap((c) => (refs.get(c) ? [{ id: c, code: refs.get(c)!.code, name: refs.get(c)!.name }] : [])),
    explanation: i.explanation,
    program: i.program_id ? { id: i.program_id, title: i.program_title!, inFederalRegistry: i.in_federal_registry! } : null,
    cohort: i.cohort_id ? { id: i.cohort_id, startsOn: i.cohort_starts_on! } : null,
    enrollment: i.enrollment_id ? { id: i.enrollment_id, status: i.enrollment_status! } : null,
    organization: i.organization_id ? { id: i.organization_id, name: i.organization_name! } : null,
    mentor: i.mentor_staff_id ? { staffId: i.mentor_staff_id, fullName: i.mentor_name! } : null,
    deadline: i.deadline,
    overdue: isOverdue(i, today),
    expectedResult: i.expected_result,
    status: i.status,
    report: i.reported_at ? { text: i.report_text ?? '', reportedAt: new Date(i.reported_at).toISOString(), files } : null,
    review: i.reviewed_at ? { comment: i.review_comment, reviewedAt: new Date(i.reviewed_at).toISOString(), reviewerName: i.reviewer_name } : null,
    version: i.version,
  };
}
export type LearningPlanItemView = ReturnType<typeof itemView>;

async function itemFiles(db: Db, itemIds: string[]) {
  const by = new Map<string, { id: string; name: string; mime: string; size: number }[]>();
  if (!itemIds.length) return by;
  const links = await db.select().from(learningPlanItemFiles).where(inArray(learningPlanItemFiles.itemId, itemIds));
  const metas = new Map((await filesMeta(db, links.map((l) => l.fileId))).map((m) => [m.id, m]));
  for (const l of links) by.set(l.itemId, [...(by.get(l.itemId) ?? []), metas.get(l.fileId)!]);
  return by;
}

export async function getLearningPlan(db: Db, actor: Actor, id: string) {
  const { plan, person } = await loadPlan(db, actor, id);
  if (plan.staffId !== actor.staffId) await recordAudit(db, actor, { action: 'learning_plan.read', entity: 'learning_plan', entityId: id, ...auditPlace(person) });
  return planView(db, actor, plan, person);
}

// ───────────── list ─────────────

export interface PlanQuery {
  q?: string;
  staffId?: string;
  status?: PlanStatus;
  mine?: boolean;
  organizationId?: string;
  limit: number;
  cursor?: string;
}

export async function findLearningPlans(db: Db, actor: Actor, q: PlanQuery) {
  const today = todayIso();
  const where = and(
    planVisibleSql(actor),
    q.staffId ? eq(learningPlans.staffId, q.staffId) : undefined,
    q.status ? eq(learningPlans.status, q.status) : undefined,
    q.mine ? eq(learningPlans.tutorUserId, actor.userId) : undefined,
    q.organizationId ? sql`${learningPlans.staffId} IN (SELECT id FROM staff WHERE organization_ids && ARRAY(SELECT id FROM organizations WHERE path @> ARRAY[${q.organizationId}]::uuid[]))` : undefined,
    ...searchWords(q.q).map(
      (w) => sql`${learningPlans.staffId} IN (SELECT id FROM staff WHERE translate(lower(surname || ' ' || name || ' ' || coalesce(patronymic, '')), 'ё', 'е') LIKE ${'%' + escapeLike(w) + '%'})`,
    ),
  )!;
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await db
    .select({
      plan: learningPlans,
      updatedKey: exactTime(learningPlans.updatedAt),
      surname: sql<string>`s.surname`,
      name: sql<string>`s.name`,
      patronymic: sql<string | null>`s.patronymic`,
      tutorName: sql<string | null>`tu.display_name`,
      itemCount: sql<number>`(SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = ${learningPlans.id})`,
      acceptedCount: sql<number>`(SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = ${learningPlans.id} AND i.status = 'accepted')`,
      submittedCount: sql<number>`(SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = ${learningPlans.id} AND i.status = 'submitted')`,
      overdueCount: sql<number>`(SELECT count(*)::int FROM learning_plan_items i WHERE i.plan_id = ${learningPlans.id} AND i.status <> 'accepted' AND i.deadline < ${today}::date)`,
    })
    .from(learningPlans)
    .innerJoin(sql`staff s`, sql`s.id = ${learningPlans.staffId}`)
    .leftJoin(sql`users tu`, sql`tu.id = ${learningPlans.tutorUserId}`)
    .where(and(where, after ? sql`(${learningPlans.updatedAt}, ${learningPlans.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
    .orderBy(sql`${learningPlans.updatedAt} DESC, ${learningPlans.id} DESC`)
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(learningPlans).where(where);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.plan.id,
      staffId: r.plan.staffId,
      fullName: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
      title: r.plan.title,
      status: r.plan.status,
      tutorName: r.tutorName,
      periodFrom: r.plan.periodFrom,
      periodTo: r.plan.periodTo,
      deficitCount: (r.plan.deficits as PlanDeficit[]).length,
      itemCount: r.itemCount,
      acceptedCount: r.acceptedCount,
      submittedCount: r.submittedCount,
      overdueCount: r.overdueCount,
      updatedAt: r.plan.updatedAt.toISOString(),
      version: r.plan.version,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.updatedKey, last.plan.id]) : null,
    total,
  };
}

// ───────────── writes ─────────────

async function checkItems(db: Db, items: ItemInput[]) {
  const refs = await competenciesByIds(db, items.flatMap((i) => i.competencyIds ?? []));
  items.forEach((it, n) => {
    const bad = (it.competencyIds ?? []).find((c) => !refs.has(c));
    if (bad) throw invalid([{ field: `items.${n}.competencyIds`, message: 'Компетенция не найдена в справочнике' }]);
  });
  const cohortIds = items.flatMap((i) => (i.cohortId ? [i.cohortId] : []));
  if (cohortIds.length) {
    const rows = await queryRows<{ id: string; program_id: string }>(db, sql`SELECT id, program_id FROM cohorts WHERE id = ANY(${sql.param(cohortIds)}::uuid[])`);
    items.forEach((it, n) => {
      const c = it.cohortId ? rows.find((r) => r.id === it.cohortId) : undefined;
      if (it.cohortId && (!c || (it.programId && c.program_id !== it.programId))) throw invalid([{ field: `items.${n}.cohortId`, message: 'Курсовая группа не найдена или относится к другой программе' }]);
      if (c && !it.programId) it.programId = c.program_id;
    });
  }
}

async function replaceItems(db: Db, planId: string, items: ItemInput[]) {
  await checkItems(db, items);
  await db.delete(learningPlanItems).where(eq(learningPlanItems.planId, planId));
  if (!items.length) return;
  await db.insert(learningPlanItems).values(
    items.map((it, i) => ({
      ...(it.id ? { id: it.id } : {}),
      planId,
      position: i + 1,
      form: it.form,
      kind: it.kind,
      title: it.title,
      competencyIds: [...new Set(it.competencyIds ?? [])],
      explanation: it.explanation ?? null,
      programId: it.programId ?? null,
      cohortId: it.cohortId ?? null,
      organizationId: it.organizationId ?? null,
      mentorStaffId: it.mentorStaffId ?? null,
      deadline: it.deadline ?? null,
      expectedResult: it.expectedResult,
    })),
  );
}

/** The tutor a plan gets: the one asked for (assigning is an administrator's act, or a tutor
 *  taking the person themself), or — when a tutor drafts — the drafting tutor. */
async function resolveTutor(db: Db, actor: Actor, parties: Party[], tutorUserId: string | null | undefined): Promise<string | null | undefined> {
  if (tutorUserId === undefined) return parties.includes('personTutor') ? actor.userId : undefined;
  if (tutorUserId === null) {
    requireParty(parties, ['employer'], 'Снять тьютора может администратор организации работника');
    return null;
  }
  if (!(tutorUserId === actor.userId && parties.includes('personTutor'))) requireParty(parties, ['employer'], 'Назначить тьютора может администратор организации работника');
  if (!(await tutorAccounts(db, [tutorUserId])).has(tutorUserId)) throw invalid([{ field: 'tutorUserId', message: 'У пользователя нет роли тьютора' }]);
  return tutorUserId;
}

export async function createLearningPlan(
  db: Db,
  actor: Actor,
  input: { staffId: string; title?: string; periodFrom?: string; periodTo?: string; tutorUserId?: string | null; items: ItemInput[] },
) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const person = await loadPerson(t, actor, input.staffId);
    const parties = await partiesOf(t, actor, person.id, person);
    requireParty(parties, drafters, 'ИОМ составляет сам работник, его тьютор или администратор его организации');
    const [open] = await t.select({ id: learningPlans.id }).from(learningPlans).where(and(eq(learningPlans.staffId, person.id), sql`${learningPlans.status} <> 'completed'`));
    if (open) throw new AppError(409, 'plan_exists', 'У работника уже есть действующий ИОМ: измените его или завершите', { fields: [{ field: 'staffId', message: open.id }] });
    const tutorUserId = await resolveTutor(t, actor, parties, input.tutorUserId);
    const today = todayIso();
    const periodFrom = input.periodFrom ?? today;
    const periodTo = input.periodTo ?? `${Number(today.slice(0, 4)) + 1}-${today.slice(5)}`;
    if (periodFrom > periodTo) throw invalid([{ field: 'periodTo', message: 'Окончание периода раньше начала' }]);
    const deficits: PlanDeficit[] = targetsOf(await scoresOf(t, person.id))
      .filter((d) => d.deficit)
      .map(({ deficit: _d, gap: _g, ...d }) => d);
    const [plan] = await t
      .insert(learningPlans)
      .values({ staffId: person.id, title: input.title ?? `Индивидуальный образовательный маршрут на ${periodFrom.slice(0, 4)}–${periodTo.slice(0, 4)} гг.`, tutorUserId: tutorUserId ?? null, periodFrom, periodTo, deficits, createdBy: actor.userId })
      .returning();
    await replaceItems(t, plan.id, input.items);
    if (tutorUserId) await assignTutor(t, tutorUserId, [person.id]);
    const after = await planView(t, actor, plan, person);
    await recordAudit(t, actor, { action: 'learning_plan.create', entity: 'learning_plan', entityId: plan.id, ...auditPlace(person), after });
    return after;
  });
}

async function lockPlan(db: Db, actor: Actor, id: string, version: number) {
  const loaded = await loadPlan(db, actor, id);
  await db.execute(sql`SELECT id FROM learning_plans WHERE id = ${id} FOR UPDATE`);
  return { ...loaded, check: () => { if (loaded.plan.version !== version) throw staleVersion(); } };
}

export async function updateLearningPlan(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; title?: string; periodFrom?: string; periodTo?: string; tutorUserId?: string | null; items?: ItemInput[] },
) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { plan, person, check } = await lockPlan(t, actor, id, input.version);
    const parties = await partiesOf(t, actor, plan.staffId, person, plan);
    const changesContent = input.items !== undefined || input.title !== undefined || input.periodFrom !== undefined || input.periodTo !== undefined;
    if (changesContent) requireParty(parties, drafters, 'Изменять ИОМ могут сам работник, его тьютор или администратор');
    const tutorUserId = input.tutorUserId !== undefined ? await resolveTutor(t, actor, parties, input.tutorUserId) : undefined;
    if (!changesContent && tutorUserId === undefined) requireParty(parties, drafters, 'Изменять ИОМ могут сам работник, его тьютор или администратор');
    check();
    if (changesContent && plan.status !== 'draft') throw new AppError(409, 'not_draft', `ИОМ ${planStatusNames[plan.status]}: содержание меняется только в черновике`);
    if (tutorUserId !== undefined && plan.status === 'completed') throw new AppError(409, 'completed', 'ИОМ завершён');
    const before = await planView(t, actor, plan, person);
    const periodFrom = input.periodFrom ?? plan.periodFrom;
    const periodTo = input.periodTo ?? plan.periodTo;
    if (periodFrom > periodTo) throw invalid([{ field: 'periodTo', message: 'Окончание периода раньше начала' }]);
    if (input.items) await replaceItems(t, id, input.items);
    const [after] = await t
      .update(learningPlans)
      .set({
        title: input.title ?? plan.title,
        periodFrom,
        periodTo,
        ...(tutorUserId !== undefined ? { tutorUserId } : {}),
        // the person and the tutor agreed to what the plan said: a change of content asks again
        ...(changesContent || (tutorUserId !== undefined && tutorUserId !== plan.tutorUserId) ? { personAgreedAt: null, tutorAgreedAt: null } : {}),
        version: plan.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(learningPlans.id, id))
      .returning();
    if (tutorUserId) await assignTutor(t, tutorUserId, [plan.staffId]);
    const view = await planView(t, actor, after, person);
    await recordAudit(t, actor, { action: 'learning_plan.update', entity: 'learning_plan', entityId: id, ...auditPlace(person), before, after: view });
    return view;
  });
}

/** agree (the person and the tutor each), start, complete (all items accepted), reopen (an administrator). */
export async function changeLearningPlanStatus(db: Db, actor: Actor, id: string, input: { version: number; action: PlanAction; reason?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { plan, person, check } = await lockPlan(t, actor, id, input.version);
    const parties = await partiesOf(t, actor, plan.staffId, person, plan);
    const allowed: Record<PlanAction, Party[]> = { agree: ['person', 'tutor'], start: ['person', 'tutor'], complete: ['tutor', 'employer'], reopen: ['employer'] };
    const messages: Record<PlanAction, string> = {
      agree: 'Согласовать ИОМ могут работник и его тьютор',
      start: 'Начать выполнение ИОМ могут работник и его тьютор',
      complete: 'Завершить ИОМ может тьютор или администратор',
      reopen: 'Вернуть завершённый ИОМ в работу может администратор организации работника',
    };
    requireParty(parties, allowed[input.action], messages[input.action]);
    check();
    const needs: Record<PlanAction, PlanStatus> = { agree: 'draft', start: 'agreed', complete: 'in_progress', reopen: 'completed' };
    if (plan.status !== needs[input.action]) throw new AppError(409, 'invalid_transition', `Действие недоступно: ИОМ ${planStatusNames[plan.status]}`);
    const now = new Date();
    const set: Partial<typeof learningPlans.$inferInsert> = { version: plan.version + 1, updatedAt: now };
    const items = await itemsOf(t, [id]);
    if (input.action === 'agree') {
      if (!plan.tutorUserId) throw invalid([{ field: 'tutorUserId', message: 'Сначала назначьте тьютора: ИОМ согласуют работник и тьютор' }]);
      if (!items.length) throw invalid([{ field: 'items', message: 'В ИОМ нет ни одного мероприятия' }]);
      if (parties.includes('person')) set.personAgreedAt = plan.personAgreedAt ?? now;
      if (parties.includes('tutor')) set.tutorAgreedAt = plan.tutorAgreedAt ?? now;
      if ((set.personAgreedAt ?? plan.personAgreedAt) && (set.tutorAgreedAt ?? plan.tutorAgreedAt)) {
        set.status = 'agreed';
        // courses with a chosen cohort become enrollment requests, for the employer to approve
        for (const item of items.filter((i) => i.kind === 'course' && i.cohort_id && !i.enrollment_id)) {
          const enrollmentId = await requestEnrollmentInPlan(t, actor, plan.staffId, item.cohort_id!);
          if (enrollmentId) await t.update(learningPlanItems).set({ enrollmentId }).where(eq(learningPlanItems.id, item.id));
        }
      }
    }
    if (input.action === 'start') Object.assign(set, { status: 'in_progress', startedAt: now });
    if (input.action === 'complete') {
      const open = items.filter((i) => i.status !== 'accepted');
      if (open.length) throw new AppError(409, 'items_open', `Не приняты отчёты по ${open.length} мероприятиям: ${open.map((i) => `№ ${i.position}`).join(', ')}`);
      Object.assign(set, { status: 'completed', completedAt: now, completedBy: actor.userId });
    }
    if (input.action === 'reopen') {
      if (!input.reason?.trim()) throw invalid([{ field: 'reason', message: 'Укажите причину возврата ИОМ в работу' }]);
      const [other] = await t.select({ id: learningPlans.id }).from(learningPlans).where(and(eq(learningPlans.staffId, plan.staffId), sql`${learningPlans.status} <> 'completed'`));
      if (other) throw new AppError(409, 'plan_exists', 'У работника есть другой действующий ИОМ');
      Object.assign(set, { status: 'in_progress', completedAt: null, completedBy: null, reopenedAt: now, reopenedBy: actor.userId, reopenReason: input.reason.trim() });
    }
    const [after] = await t.update(learningPlans).set(set).where(eq(learningPlans.id, id)).returning();
    const view = await planView(t, actor, after, person);
    await recordAudit(t, actor, { action: `learning_plan.${input.action}`, entity: 'learning_plan', entityId: id, ...auditPlace(person), before: { status: plan.status }, after: { status: after.status, reason: input.reason ?? null } });
    return view;
  });
}

// ───────────── items: report and review ─────────────

async function loadItem(db: Db, actor: Actor, itemId: string) {
  const [item] = await db.select().from(learningPlanItems).where(eq(learningPlanItems.id, itemId));
  if (!item) throw notFound('Мероприятие ИОМ');
  const { plan, person } = await loadPlan(db, actor, item.planId).catch(() => {
    throw notFound('Мероприятие ИОМ');
  });
  return { item, plan, person };
}

/** The person reports an item with text and evidence files; an agreed plan starts with its first report. */
export async function reportItem(db: Db, actor: Actor, itemId: string, input: { text: string }, files: UploadedFile[]) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { item, plan, person } = await loadItem(t, actor, itemId);
    const parties = await partiesOf(t, actor, plan.staffId, person, plan);
    requireParty(parties, ['person'], 'Отчёт о выполнении мероприятия подаёт сам работник');
    if (!['agreed', 'in_progress'].includes(plan.status)) throw new AppError(409, 'invalid_transition', `Отчёт не принимается: ИОМ ${planStatusNames[plan.status]}`);
    if (!['planned', 'returned'].includes(item.status)) throw new AppError(409, 'invalid_transition', item.status === 'accepted' ? 'Отчёт по мероприятию уже принят' : 'Отчёт уже на проверке у тьютора');
    const stored = await storeFiles(t, actor, files, evidenceLimits);
    if (stored.length) await t.insert(learningPlanItemFiles).values(stored.map((f) => ({ itemId, fileId: f.id })));
    await t
      .update(learningPlanItems)
      .set({ status: 'submitted', reportText: input.text, reportedAt: new Date(), reportedBy: actor.userId, version: item.version + 1, updatedAt: new Date() })
      .where(eq(learningPlanItems.id, itemId));
    await t
      .update(learningPlans)
      .set({ ...(plan.status === 'agreed' ? { status: 'in_progress' as const, startedAt: new Date() } : {}), version: plan.version + 1, updatedAt: new Date() })
      .where(eq(learningPlans.id, plan.id));
    await recordAudit(t, actor, { action: 'learning_plan_item.report', entity: 'learning_plan', entityId: plan.id, ...auditPlace(person), after: { itemId, text: input.text, files: stored } });
    return itemOf(t, actor, plan.id, itemId);
  });
}

/** The plan's tutor accepts a reported item or returns it with a comment. */
export async function reviewItem(db: Db, actor: Actor, itemId: string, input: { version: number; decision: 'accept' | 'return'; comment?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { item, plan, person } = await loadItem(t, actor, itemId);
    const parties = await partiesOf(t, actor, plan.staffId, person, plan);
    requireParty(parties, ['tutor'], 'Отчёт принимает или возвращает тьютор ИОМ');
    if (item.version !== input.version) throw staleVersion();
    if (item.status !== 'submitted') throw new AppError(409, 'invalid_transition', 'Отчёта на проверке нет');
    if (input.decision === 'return' && !input.comment?.trim()) throw invalid([{ field: 'comment', message: 'Напишите, что нужно доработать' }]);
    await t
      .update(learningPlanItems)
      .set({ status: input.decision === 'accept' ? 'accepted' : 'returned', reviewComment: input.comment ?? null, reviewedAt: new Date(), reviewedBy: actor.userId, version: item.version + 1, updatedAt: new Date() })
      .where(eq(learningPlanItems.id, itemId));
    await t.update(learningPlans).set({ version: plan.version + 1, updatedAt: new Date() }).where(eq(learningPlans.id, plan.id));
    await recordAudit(t, actor, { action: `learning_plan_item.${input.decision}`, entity: 'learning_plan', entityId: plan.id, ...auditPlace(person), after: { itemId, comment: input.comment ?? null } });
    return itemOf(t, actor, plan.id, itemId);
  });
}

async function itemOf(db: Db, _actor: Actor, planId: string, itemId: string) {
  const rows = (await itemsOf(db, [planId])).filter((i) => i.id === itemId);
  const refs = await competenciesByIds(db, rows.flatMap((i) => i.competency_ids));
  const files = await itemFiles(db, [itemId]);
  return itemView(rows[0], refs, files.get(itemId) ?? [], todayIso());
}

export async function readItemFile(db: Db, actor: Actor, itemId: string, fileId: string) {
  await loadItem(db, actor, itemId);
  const [link] = await db.select().from(learningPlanItemFiles).where(and(eq(learningPlanItemFiles.itemId, itemId), eq(learningPlanItemFiles.fileId, fileId)));
  const file = link ? await readStoredFile(db, fileId) : null;
  if (!file) throw notFound('Файл');
  return file;
}

// ───────────── for exports, cabinets and coverage ─────────────

/** A plan with everything its document shows (the reader's access checked). */
export async function learningPlanForExport(db: Db, actor: Actor, id: string) {
  const { plan, person } = await loadPlan(db, actor, id);
  const view = await planView(db, actor, plan, person);
  const profile = await personProfile(db, plan.staffId);
  await recordAudit(db, actor, { action: 'learning_plan.export', entity: 'learning_plan', entityId: id, ...auditPlace(person) });
  return { ...view, positions: profile.positions };
}
