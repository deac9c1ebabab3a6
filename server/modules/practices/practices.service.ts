import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users, roleAssignments } from '../auth/auth.schema.js';
import { practices, practiceAuthors, practiceFiles, practiceExperts, practiceReviews, practiceDisseminations, practiceHistory } from './practices.schema.js';
import {
  canAdministerOrganization,
  managesPracticeBank,
  organizationVisible,
  practiceVisible,
  staffAliasVisible,
  type Actor,
} from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeFiles, filesMeta, readStoredFile, type FileLimits, type UploadedFile } from '../files/files.service.js';
import { practiceCriterionCodes, type PracticeDecision, type PracticeKind, type PracticeLevel, type PracticeStatus } from '../../../common/practices.js';
import { nextStatus, reviewAverage, roundAverage } from './practice-workflow.js';

/** Materials of a practice: presentations, lesson plans, videos' stills. */
export const practiceFileLimits: FileLimits = { maxFiles: 10, maxBytes: 10 * 1024 * 1024 };

export type AuthorInput = { staffId: string } | { fullName: string; organizationName: string };

export interface PracticeInput {
  title: string;
  kind: PracticeKind;
  subject?: string | null;
  level: PracticeLevel;
  description: string;
  results?: string | null;
  keywords: string[];
  organizationId: string;
  authors: AuthorInput[];
}

export interface PracticeQuery {
  q?: string;
  status?: PracticeStatus;
  kind?: PracticeKind;
  level?: PracticeLevel;
  /** assigned — the actor's review queue; mine — submitted by or authored by the actor. */
  scope?: 'all' | 'assigned' | 'mine';
  limit: number;
  cursor?: string;
}

const sortRecent: KeysetSort = { keys: [sql`p.submitted_at`, sql`p.id`], desc: true };
const sortPublished: KeysetSort = { keys: [sql`p.published_at`, sql`p.id`], desc: true };

/** Lower-cased text the search looks in; «ё» is folded as in `searchWords`. */
export function practiceSearchText(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase().replace(/ё/g, 'е');
}

const searchSql = (q: string | undefined): SQL | undefined => {
  const words = searchWords(q);
  if (!words.length) return undefined;
  return sql.join(
    words.map((w) => sql`p.search_text LIKE ${`%${escapeLike(w)}%`}`),
    sql` AND `,
  );
};

interface ListRow {
  id: string;
  title: string;
  kind: PracticeKind;
  level: PracticeLevel;
  subject: string | null;
  status: PracticeStatus;
  round: number;
  organization_id: string;
  organization_name: string;
  territory_name: string;
  submitted_at: string;
  published_at: string | null;
  /** The times to the microsecond, for the cursors (`exactTime`). */
  submitted_key: string;
  published_key: string | null;
  authors: string[] | null;
  average: string | null;
  reviews: number;
  experts: number;
  assigned_to_me: boolean;
  reviewed_by_me: boolean;
}

const listSelect = (actor: Actor | null) => sql`SELECT p.id, p.title, p.kind, p.level, p.subject, p.status, p.round, p.organization_id,
    o.short_name AS organization_name, t.name AS territory_name, p.submitted_at, p.published_at, ${exactTime(sql`p.submitted_at`)} AS submitted_key, ${exactTime(sql`p.published_at`)} AS published_key,
    (SELECT array_agg(pa.full_name ORDER BY pa.position) FROM practice_authors pa WHERE pa.practice_id = p.id) AS authors,
    (SELECT round(avg(r.average), 2) FROM practice_reviews r WHERE r.practice_id = p.id AND r.round = p.round) AS average,
    (SELECT count(*)::int FROM practice_reviews r WHERE r.practice_id = p.id AND r.round = p.round) AS reviews,
    (SELECT count(*)::int FROM practice_experts pe WHERE pe.practice_id = p.id) AS experts,
    ${actor ? sql`EXISTS (SELECT 1 FROM practice_experts pe WHERE pe.practice_id = p.id AND pe.expert_user_id = ${actor.userId})` : sql`false`} AS assigned_to_me,
    ${actor ? sql`EXISTS (SELECT 1 FROM practice_reviews r WHERE r.practice_id = p.id AND r.round = p.round AND r.expert_user_id = ${actor.userId})` : sql`false`} AS reviewed_by_me
  FROM practices p JOIN organizations o ON o.id = p.organization_id JOIN territories t ON t.id = p.territory_id`;

const listItem = (r: ListRow) => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  level: r.level,
  subject: r.subject,
  status: r.status,
  organizationName: r.organization_name,
  territoryName: r.territory_name,
  authors: r.authors ?? [],
  submittedAt: new Date(r.submitted_at).toISOString(),
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  averageScore: r.average === null ? null : Number(r.average),
  reviewsCount: r.reviews,
  expertsCount: r.experts,
  assignedToMe: r.assigned_to_me,
  reviewedByMe: r.reviewed_by_me,
});

async function page(db: Db, actor: Actor | null, where: SQL, sort: KeysetSort, q: { limit: number; cursor?: string }, keyOf: (r: ListRow) => unknown[]) {
  const after = keysetAfter(sort, q.cursor);
  const rows = await queryRows<ListRow>(db, sql`${listSelect(actor)} WHERE ${where} ${after ? sql`AND ${after}` : sql``} ORDER BY ${keysetOrder(sort)} LIMIT ${q.limit + 1}`);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM practices p WHERE ${where}`);
  const { items, nextCursor } = pageFrom(rows, q.limit, keyOf);
  return { items: items.map(listItem), nextCursor, total };
}

const filters = (q: Pick<PracticeQuery, 'q' | 'kind' | 'level'> & { subject?: string }): SQL[] =>
  [
    searchSql(q.q),
    q.kind ? sql`p.kind = ${q.kind}` : undefined,
    q.level ? sql`p.level = ${q.level}` : undefined,
    q.subject ? sql`p.subject = ${q.subject}` : undefined,
  ].filter((x): x is SQL => !!x);

export async function findPractices(db: Db, actor: Actor, q: PracticeQuery) {
  const where = [practiceVisible(actor), ...filters(q)];
  if (q.status) where.push(sql`p.status = ${q.status}`);
  if (q.scope === 'assigned') where.push(sql`EXISTS (SELECT 1 FROM practice_experts pe WHERE pe.practice_id = p.id AND pe.expert_user_id = ${actor.userId})`);
  if (q.scope === 'mine')
    where.push(
      sql`(p.submitted_by = ${actor.userId} OR EXISTS (SELECT 1 FROM practice_authors pa WHERE pa.practice_id = p.id AND pa.staff_id = ${actor.staffId ?? null}::uuid))`,
    );
  return page(db, actor, sql.join(where, sql` AND `), sortRecent, q, (r) => [r.submitted_key, r.id]);
}

// ───────────── loading and rights ─────────────

async function loadPractice(db: Db, actor: Actor, id: string) {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT p.id FROM practices p WHERE p.id = ${id} AND ${practiceVisible(actor)}`);
  if (!row) throw notFound('Практика');
  const [loaded] = await db
    .select({ practice: practices, org: { id: organizations.id, territoryId: organizations.territoryId, path: organizations.path, shortName: organizations.shortName } })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(eq(practices.id, id));
  const authors = await db.select().from(practiceAuthors).where(eq(practiceAuthors.practiceId, id)).orderBy(asc(practiceAuthors.position));
  const experts = await db.select().from(practiceExperts).where(eq(practiceExperts.practiceId, id));
  return { ...loaded, authors, experts };
}
type Loaded = Awaited<ReturnType<typeof loadPractice>>;

function rightsOf(actor: Actor, l: Loaded) {
  const p = l.practice;
  const author = l.practice.submittedBy === actor.userId || (!!actor.staffId && l.authors.some((a) => a.staffId === actor.staffId)) || canAdministerOrganization(actor, l.org);
  const manager = managesPracticeBank(actor, p.regionId);
  const assigned = l.experts.some((e) => e.expertUserId === actor.userId);
  const editable = p.status === 'submitted' || p.status === 'returned';
  return {
    author,
    manager,
    assigned,
    canEdit: author && editable,
    canResubmit: author && p.status === 'returned',
    canAssign: manager && (p.status === 'submitted' || p.status === 'under_review'),
    canReview: assigned && p.status === 'under_review',
    canDecide: (assigned || manager) && p.status === 'under_review',
    canDisseminate: (author || manager) && p.status === 'published',
    canSeeReviews: manager || assigned,
  };
}

const auditPlace = (l: Loaded) => ({ territoryIds: [...new Set([l.practice.territoryId, l.practice.regionId])], organizationIds: l.org.path });

function checkVersion(l: Loaded, version: number) {
  if (l.practice.version !== version) throw staleVersion();
}

async function bump(db: Db, id: string, set: Partial<typeof practices.$inferInsert>) {
  await db
    .update(practices)
    .set({ ...set, version: sql`${practices.version} + 1`, updatedAt: new Date() })
    .where(eq(practices.id, id));
}

async function addHistory(db: Db, actor: Actor, practiceId: string, status: PracticeStatus, round: number, comment?: string | null) {
  await db.insert(practiceHistory).values({ practiceId, status, round, comment: comment ?? null, actorName: actor.displayName });
}

// ───────────── the card ─────────────

export async function getPractice(db: Db, actor: Actor, id: string) {
  const l = await loadPractice(db, actor, id);
  const rights = rightsOf(actor, l);
  const p = l.practice;
  const [region] = await db.select({ name: territories.name }).from(territories).where(eq(territories.id, p.territoryId));
  const links = await db.select().from(practiceFiles).where(eq(practiceFiles.practiceId, id)).orderBy(asc(practiceFiles.position));
  const files = await filesMeta(db, links.map((f) => f.fileId));
  const reviews = await db.select().from(practiceReviews).where(eq(practiceReviews.practiceId, id)).orderBy(desc(practiceReviews.round), asc(practiceReviews.createdAt));
  const current = reviews.filter((r) => r.round === p.round);
  const expertNames = l.experts.length
    ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, l.experts.map((e) => e.expertUserId)))
    : [];
  const history = await db.select().from(practiceHistory).where(eq(practiceHistory.practiceId, id)).orderBy(asc(practiceHistory.at));
  const disseminations = await db.select().from(practiceDisseminations).where(eq(practiceDisseminations.practiceId, id)).orderBy(desc(practiceDisseminations.heldOn));
  const { author: _a, manager: _m, assigned: _s, ...permissions } = rights;
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    level: p.level,
    subject: p.subject,
    description: p.description,
    results: p.results,
    keywords: p.keywords,
    status: p.status,
    round: p.round,
    version: p.version,
    organizationId: p.organizationId,
    organizationName: l.org.shortName,
    territoryName: region?.name ?? '',
    submittedAt: p.submittedAt.toISOString(),
    publishedAt: p.publishedAt?.toISOString() ?? null,
    decisionComment: p.decisionComment,
    authors: l.authors.map((a) => ({ staffId: a.staffId, fullName: a.fullName, organizationName: a.organizationName })),
    files: links.map((link) => files.find((f) => f.id === link.fileId)!).filter(Boolean),
    experts: l.experts.map((e) => ({
      userId: e.expertUserId,
      displayName: expertNames.find((n) => n.id === e.expertUserId)?.displayName ?? '',
      reviewed: current.some((r) => r.expertUserId === e.expertUserId),
    })),
    averageScore: roundAverage(current),
    // scores and comments are the experts' and the bank's; authors see the decision and its comment
    reviews: rights.canSeeReviews
      ? reviews.map((r) => ({
          id: r.id,
          round: r.round,
          expertUserId: r.expertUserId,
          expertName: r.expertName,
          scores: r.scores,
          average: r.average,
          recommendation: r.recommendation,
          comment: r.comment,
          createdAt: r.updatedAt.toISOString(),
        }))
      : [],
    history: history.map((h) => ({ status: h.status, round: h.round, comment: h.comment, actorName: h.actorName, at: h.at.toISOString() })),
    disseminations: disseminations.map(disseminationView),
    permissions,
  };
}
export type PracticeDetail = Awaited<ReturnType<typeof getPractice>>;

const disseminationView = (d: typeof practiceDisseminations.$inferSelect) => ({ id: d.id, title: d.title, heldOn: d.heldOn, place: d.place, url: d.url });

// ───────────── submission and editing ─────────────

/** Where the actor may submit a practice from: where they work, or what they administer. */
async function checkSubmittingOrganization(db: Db, actor: Actor, organizationId: string) {
  const [org] = await db
    .select({ id: organizations.id, territoryId: organizations.territoryId, path: organizations.path, shortName: organizations.shortName, regionId: sql<string>`(SELECT t.path[1] FROM territories t WHERE t.id = ${organizations.territoryId})` })
    .from(organizations)
    // an organization the actor does not see answers as one that does not exist
    .where(and(eq(organizations.id, organizationId), organizationVisible(actor, organizations)));
  if (!org) throw invalid([{ field: 'organizationId', message: 'Организация не найдена' }]);
  if (!actor.ownOrganizationIds.includes(org.id) && !canAdministerOrganization(actor, org)) {
    throw invalid([{ field: 'organizationId', message: 'Подать практику можно от организации, в которой вы работаете или которую администрируете' }]);
  }
  return org;
}

/** Resolves authors: people of the system by their record (the actor must see them), others as written. */
async function resolveAuthors(db: Db, actor: Actor, authors: AuthorInput[], org: { id: string; shortName: string }) {
  if (!authors.length) throw invalid([{ field: 'authors', message: 'Укажите хотя бы одного автора' }]);
  const staffIds = authors.flatMap((a) => ('staffId' in a ? [a.staffId] : []));
  if (new Set(staffIds).size !== staffIds.length) throw invalid([{ field: 'authors', message: 'Автор указан дважды' }]);
  const people = staffIds.length
    ? await queryRows<{ id: string; full_name: string; org_name: string | null }>(
        db,
        sql`SELECT s.id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name,
              (SELECT o.short_name FROM staff_positions sp JOIN organizations o ON o.id = sp.organization_id
                WHERE sp.staff_id = s.id AND sp.end_date IS NULL ORDER BY (sp.organization_id = ${org.id}) DESC, o.short_name LIMIT 1) AS org_name
            FROM staff s WHERE s.id = ANY(${sql.param(staffIds)}::uuid[]) AND ${staffAliasVisible(actor, 's')}`,
      )
    : [];
  return authors.map((a, position) => {
    if ('staffId' in a) {
      const person = people.find((p) => p.id === a.staffId);
      if (!person) throw invalid([{ field: `authors.${position}.staffId`, message: 'Работник не найден или недоступен' }]);
      return { position, staffId: a.staffId, fullName: person.full_name, organizationName: person.org_name ?? org.shortName };
    }
    return { position, staffId: null, fullName: a.fullName.trim(), organizationName: a.organizationName.trim() };
  });
}

const searchTextOf = (input: Pick<PracticeInput, 'title' | 'description' | 'keywords' | 'subject'>, authors: { fullName: string; organizationName: string }[], orgName: string) =>
  practiceSearchText([input.title, input.description, input.subject, ...input.keywords, ...authors.flatMap((a) => [a.fullName, a.organizationName]), orgName]);

export async function createPractice(db: Db, actor: Actor, input: PracticeInput) {
  const id = await db.transaction(async (tx) => {
    const t = tx as Db;
    const org = await checkSubmittingOrganization(t, actor, input.organizationId);
    const authors = await resolveAuthors(t, actor, input.authors, org);
    const [row] = await t
      .insert(practices)
      .values({
        title: input.title,
        kind: input.kind,
        subject: input.subject ?? null,
        level: input.level,
        description: input.description,
        results: input.results ?? null,
        keywords: input.keywords,
        organizationId: org.id,
        territoryId: org.territoryId,
        regionId: org.regionId,
        submittedBy: actor.userId,
        searchText: searchTextOf(input, authors, org.shortName),
      })
      .returning({ id: practices.id });
    await t.insert(practiceAuthors).values(authors.map((a) => ({ ...a, practiceId: row.id })));
    await addHistory(t, actor, row.id, 'submitted', 1);
    await recordAudit(t, actor, { action: 'practice.create', entity: 'practice', entityId: row.id, territoryIds: [org.territoryId, org.regionId], organizationIds: org.path, after: { ...input, authors } });
    return row.id;
  });
  return getPractice(db, actor, id);
}

export async function updatePractice(db: Db, actor: Actor, id: string, input: Partial<PracticeInput> & { version: number }) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    if (!rightsOf(actor, l).canEdit) throw forbidden('Изменять практику могут её авторы и администраторы организации, пока она подана или возвращена на доработку');
    checkVersion(l, input.version);
    const { version: _v, organizationId, authors: authorsInput, ...fields } = input;
    const org = organizationId && organizationId !== l.practice.organizationId ? await checkSubmittingOrganization(t, actor, organizationId) : null;
    const authors = authorsInput ? await resolveAuthors(t, actor, authorsInput, org ?? l.org) : l.authors;
    if (authorsInput) {
      await t.delete(practiceAuthors).where(eq(practiceAuthors.practiceId, id));
      await t.insert(practiceAuthors).values(authors.map((a, position) => ({ position, staffId: a.staffId, fullName: a.fullName, organizationName: a.organizationName, practiceId: id })));
    }
    const merged = { ...l.practice, ...fields };
    await bump(t, id, {
      ...fields,
      ...(org ? { organizationId: org.id, territoryId: org.territoryId, regionId: org.regionId } : {}),
      searchText: searchTextOf(merged, authors, (org ?? l.org).shortName),
    });
    await recordAudit(t, actor, { action: 'practice.update', entity: 'practice', entityId: id, ...auditPlace(l), before: l.practice, after: input });
  });
  return getPractice(db, actor, id);
}

export async function addPracticeFiles(db: Db, actor: Actor, id: string, files: UploadedFile[]) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    if (!rightsOf(actor, l).canEdit) throw forbidden('Прикладывать материалы могут авторы практики, пока она подана или возвращена на доработку');
    if (!files.length) throw invalid([{ field: 'files', message: 'Выберите хотя бы один файл' }]);
    const existing = await t.select({ position: practiceFiles.position }).from(practiceFiles).where(eq(practiceFiles.practiceId, id));
    if (existing.length + files.length > practiceFileLimits.maxFiles) throw invalid([{ field: 'files', message: `К практике можно приложить не более ${practiceFileLimits.maxFiles} файлов` }]);
    const stored = await storeFiles(t, actor, files, practiceFileLimits);
    const start = existing.reduce((m, f) => Math.max(m, f.position + 1), 0);
    await t.insert(practiceFiles).values(stored.map((f, i) => ({ practiceId: id, fileId: f.id, position: start + i })));
    await bump(t, id, {});
    await recordAudit(t, actor, { action: 'practice.files', entity: 'practice', entityId: id, ...auditPlace(l), after: { files: stored } });
  });
  return getPractice(db, actor, id);
}

export async function readPracticeFile(db: Db, actor: Actor | null, id: string, fileId: string) {
  const visible = actor ? practiceVisible(actor) : sql`p.status = 'published'`;
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT p.id FROM practices p JOIN practice_files pf ON pf.practice_id = p.id WHERE p.id = ${id} AND pf.file_id = ${fileId} AND ${visible}`,
  );
  const file = row ? await readStoredFile(db, fileId) : null;
  if (!file) throw notFound('Файл');
  return file;
}

// ───────────── the workflow ─────────────

export async function resubmitPractice(db: Db, actor: Actor, id: string, input: { version: number; comment?: string | null }) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    if (!rightsOf(actor, l).author) throw forbidden('Повторно подать практику могут её авторы');
    checkVersion(l, input.version);
    const status = nextStatus(l.practice.status, 'resubmit', l.experts.length > 0);
    const round = l.practice.round + 1;
    await bump(t, id, { status, round, submittedAt: new Date() });
    await addHistory(t, actor, id, status, round, input.comment);
    await recordAudit(t, actor, { action: 'practice.resubmit', entity: 'practice', entityId: id, ...auditPlace(l), after: { status, round, comment: input.comment } });
  });
  return getPractice(db, actor, id);
}

/** Experts a regional administrator may assign: accounts with the expert role in their region. */
export async function listExperts(db: Db, actor: Actor) {
  const regions = actor.roles.flatMap((r) => (r.role === 'regional_admin' && r.territoryId ? [r.territoryId] : []));
  if (!regions.length) throw forbidden('Экспертов назначает администратор региона');
  const rows = await queryRows<{ user_id: string; display_name: string; region_id: string; workplace: string | null; active: number }>(
    db,
    sql`SELECT u.id AS user_id, u.display_name, ra.territory_id AS region_id,
          (SELECT o.short_name FROM staff_positions sp JOIN organizations o ON o.id = sp.organization_id WHERE sp.staff_id = u.staff_id AND sp.end_date IS NULL ORDER BY o.short_name LIMIT 1) AS workplace,
          (SELECT count(*)::int FROM practice_experts pe JOIN practices p ON p.id = pe.practice_id WHERE pe.expert_user_id = u.id AND p.status = 'under_review') AS active
        FROM users u JOIN role_assignments ra ON ra.user_id = u.id
        WHERE ra.role = 'expert' AND ra.territory_id = ANY(${sql.param(regions)}::uuid[]) AND u.blocked_at IS NULL
        ORDER BY u.display_name, u.id`,
  );
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, regionId: r.region_id, workplace: r.workplace, activeReviews: r.active }));
}

export async function assignExperts(db: Db, actor: Actor, id: string, input: { version: number; expertUserIds: string[] }) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    if (!rightsOf(actor, l).manager) throw forbidden('Экспертов назначает администратор региона');
    checkVersion(l, input.version);
    if (!rightsOf(actor, l).canAssign) throw new AppError(409, 'bad_status', 'Экспертов назначают практике, поданной или находящейся на экспертизе');
    const ids = [...new Set(input.expertUserIds)];
    const valid = ids.length
      ? await t
          .select({ id: roleAssignments.userId })
          .from(roleAssignments)
          .where(and(inArray(roleAssignments.userId, ids), eq(roleAssignments.role, 'expert'), eq(roleAssignments.territoryId, l.practice.regionId)))
      : [];
    const unknown = ids.filter((e) => !valid.some((v) => v.id === e));
    if (unknown.length) throw invalid([{ field: 'expertUserIds', message: 'Назначить можно только экспертов банка практик этого региона' }]);
    await t.delete(practiceExperts).where(eq(practiceExperts.practiceId, id));
    if (ids.length) await t.insert(practiceExperts).values(ids.map((expertUserId) => ({ practiceId: id, expertUserId, assignedBy: actor.userId })));
    const status = nextStatus(l.practice.status, 'assign', ids.length > 0);
    await bump(t, id, { status });
    if (status !== l.practice.status) await addHistory(t, actor, id, status, l.practice.round);
    await recordAudit(t, actor, { action: 'practice.assign_experts', entity: 'practice', entityId: id, ...auditPlace(l), before: { experts: l.experts.map((e) => e.expertUserId) }, after: { experts: ids, status } });
  });
  return getPractice(db, actor, id);
}

export interface ReviewInput {
  scores: Record<string, number>;
  recommendation: PracticeDecision;
  comment?: string | null;
}

/** An assigned expert scores the current round; a second call replaces their scores. */
export async function reviewPractice(db: Db, actor: Actor, id: string, input: ReviewInput) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    const rights = rightsOf(actor, l);
    if (!rights.assigned) throw forbidden('Оценивать практику могут только назначенные ей эксперты');
    if (!rights.canReview) throw new AppError(409, 'bad_status', 'Практика сейчас не на экспертизе');
    const missing = practiceCriterionCodes.filter((c) => input.scores[c] === undefined);
    if (missing.length) throw invalid(missing.map((c) => ({ field: `scores.${c}`, message: 'Поставьте оценку по критерию' })));
    const average = reviewAverage(input.scores);
    const values = { practiceId: id, round: l.practice.round, expertUserId: actor.userId, expertName: actor.displayName, scores: input.scores, average, recommendation: input.recommendation, comment: input.comment ?? null };
    await t
      .insert(practiceReviews)
      .values(values)
      .onConflictDoUpdate({ target: [practiceReviews.practiceId, practiceReviews.round, practiceReviews.expertUserId], set: { scores: values.scores, average, recommendation: values.recommendation, comment: values.comment, updatedAt: new Date() } });
    await bump(t, id, {});
    await recordAudit(t, actor, { action: 'practice.review', entity: 'practice', entityId: id, ...auditPlace(l), after: values });
  });
  return getPractice(db, actor, id);
}

/** The decision of the round (ADR 0018): by an assigned expert or the region's administrator,
 *  once every assigned expert has scored; publishing needs no further confirmation. */
export async function decidePractice(db: Db, actor: Actor, id: string, input: { version: number; decision: PracticeDecision; comment?: string | null }) {
  await db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    const rights = rightsOf(actor, l);
    if (!rights.assigned && !rights.manager) throw forbidden('Решение по практике принимают назначенные эксперты и администратор региона');
    checkVersion(l, input.version);
    if (!rights.canDecide) throw new AppError(409, 'bad_status', 'Решение принимается по практике, находящейся на экспертизе');
    const reviews = await t.select().from(practiceReviews).where(and(eq(practiceReviews.practiceId, id), eq(practiceReviews.round, l.practice.round)));
    const pending = l.experts.filter((e) => !reviews.some((r) => r.expertUserId === e.expertUserId));
    if (pending.length) throw new AppError(409, 'reviews_incomplete', `Не все назначенные эксперты выставили оценки: ожидается ещё ${pending.length}`);
    const comment = input.comment?.trim() || null;
    if (input.decision !== 'publish' && !comment) throw invalid([{ field: 'comment', message: 'Укажите, что доработать или почему практика отклонена' }]);
    const status = nextStatus(l.practice.status, input.decision, true);
    await bump(t, id, { status, decisionComment: comment, publishedAt: status === 'published' ? new Date() : null });
    await addHistory(t, actor, id, status, l.practice.round, comment);
    await recordAudit(t, actor, { action: `practice.${input.decision}`, entity: 'practice', entityId: id, ...auditPlace(l), before: { status: l.practice.status }, after: { status, comment, average: roundAverage(reviews) } });
  });
  return getPractice(db, actor, id);
}

export async function addDissemination(db: Db, actor: Actor, id: string, input: { title: string; heldOn: string; place?: string | null; url?: string | null; eventId?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const l = await loadPractice(t, actor, id);
    const rights = rightsOf(actor, l);
    if (!rights.author && !rights.manager) throw forbidden('Сведения о распространении вносят авторы практики и администратор региона');
    if (!rights.canDisseminate) throw new AppError(409, 'bad_status', 'Распространение отмечается для опубликованной практики');
    const [row] = await t
      .insert(practiceDisseminations)
      .values({ practiceId: id, title: input.title, heldOn: input.heldOn, place: input.place ?? null, url: input.url ?? null, eventId: input.eventId ?? null, createdBy: actor.userId })
      .returning();
    await recordAudit(t, actor, { action: 'practice.dissemination', entity: 'practice', entityId: id, ...auditPlace(l), after: input });
    return disseminationView(row);
  });
}

// ───────────── the open catalog ─────────────

/** The catalog without login: published practices only, authors' names and organizations only. */
export async function findPublicPractices(db: Db, q: { q?: string; kind?: PracticeKind; level?: PracticeLevel; subject?: string; limit: number; cursor?: string }) {
  const where = sql.join([sql`p.status = 'published'`, ...filters(q)], sql` AND `);
  const result = await page(db, null, where, sortPublished, q, (r) => [r.published_key, r.id]);
  return {
    ...result,
    items: result.items.map((i) => ({
      id: i.id,
      title: i.title,
      kind: i.kind,
      level: i.level,
      subject: i.subject,
      organizationName: i.organizationName,
      territoryName: i.territoryName,
      authors: i.authors,
      publishedAt: i.publishedAt!,
    })),
  };
}

export async function getPublicPractice(db: Db, id: string) {
  const [row] = await db
    .select({ p: practices, organizationName: organizations.shortName, territoryName: territories.name })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .innerJoin(territories, eq(territories.id, practices.territoryId))
    .where(and(eq(practices.id, id), eq(practices.status, 'published')));
  if (!row) throw notFound('Практика');
  const p = row.p;
  const authors = await db.select({ fullName: practiceAuthors.fullName, organizationName: practiceAuthors.organizationName }).from(practiceAuthors).where(eq(practiceAuthors.practiceId, id)).orderBy(asc(practiceAuthors.position));
  const links = await db.select().from(practiceFiles).where(eq(practiceFiles.practiceId, id)).orderBy(asc(practiceFiles.position));
  const files = await filesMeta(db, links.map((f) => f.fileId));
  const disseminations = await db.select().from(practiceDisseminations).where(eq(practiceDisseminations.practiceId, id)).orderBy(desc(practiceDisseminations.heldOn));
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    level: p.level,
    subject: p.subject,
    description: p.description,
    results: p.results,
    keywords: p.keywords,
    organizationName: row.organizationName,
    territoryName: row.territoryName,
    publishedAt: p.publishedAt!.toISOString(),
    authors,
    files: links.map((link) => files.find((f) => f.id === link.fileId)!).filter(Boolean),
    disseminations: disseminations.map((d) => ({ title: d.title, heldOn: d.heldOn, place: d.place, url: d.url })),
  };
}
