import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { enrollments } from './programs.schema.js';
import { canAdministerOrganization, canWriteAt, enrollmentVisible, tutorOf, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeFiles, filesMeta, readStoredFile, evidenceLimits, type UploadedFile } from '../files/files.service.js';
import { loadPerson, fullNameOf, type LoadedPerson } from '../staff/staff.service.js';
import { loadCohort, loadProgram, lockCohortSeats, promoteWaitlist } from './programs.service.js';
import { availableActions, seatHolding, transition, type EnrollmentAction, type EnrollmentStatus, type Party } from './enrollment-workflow.js';

/**
 * Enrollments in cohorts and courses taken elsewhere (ADR 0011). Seen by those who see the person
 * and by the administrators of the programme's owner (the provider's list of students); acted on
 * by the parties of `enrollment-workflow.ts`.
 */

export interface EnrollmentQuery {
  staffId?: string;
  cohortId?: string;
  programId?: string;
  status?: EnrollmentStatus;
  limit: number;
  cursor?: string;
}

interface Row {
  id: string;
  staff_id: string;
  surname: string;
  name: string;
  patronymic: string | null;
  staff_territory_ids: string[];
  staff_organization_ids: string[];
  cohort_id: string | null;
  cohort_title: string | null;
  starts_on: string | null;
  ends_on: string | null;
  program_id: string | null;
  program_title: string | null;
  hours: number | null;
  in_federal_registry: boolean | null;
  registry_number: string | null;
  provider_name: string | null;
  owner_id: string | null;
  owner_territory_id: string | null;
  owner_path: string[] | null;
  external_title: string | null;
  external_provider: string | null;
  external_hours: number | null;
  status: EnrollmentStatus;
  status_note: string | null;
  requested_at: string;
  requested_by_name: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  enrolled_at: string | null;
  completed_on: string | null;
  dropped_at: string | null;
  certificate_number: string | null;
  certificate_date: string | null;
  certificate_file_id: string | null;
  waitlist_position: number | null;
  version: number;
}

/** One select for lists and cards: the enrollment, its person, cohort, programme and owner. */
const selectRows = (actor: Actor, where: SQL) => sql`
  SELECT e.id, e.staff_id, s.surname, s.name, s.patronymic, s.territory_ids AS staff_territory_ids, s.organization_ids AS staff_organization_ids,
    e.cohort_id, c.title AS cohort_title, c.starts_on::text, c.ends_on::text,
    p.id AS program_id, p.title AS program_title, p.hours, p.in_federal_registry, p.registry_number, p.provider_name,
    po.id AS owner_id, po.territory_id AS owner_territory_id, po.path AS owner_path,
    e.external_title, e.external_provider, e.external_hours, e.status, e.status_note,
    e.requested_at::text, ru.display_name AS requested_by_name, e.decided_at::text, du.display_name AS decided_by_name,
    e.enrolled_at::text, e.completed_on::text, e.dropped_at::text,
    e.certificate_number, e.certificate_date::text, e.certificate_file_id,
    CASE WHEN e.status = 'waitlisted' THEN (SELECT count(*)::int FROM enrollments w WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted'
      AND (w.requested_at, w.id) <= (e.requested_at, e.id)) END AS waitlist_position,
    e.version
  FROM enrollments e
  JOIN staff s ON s.id = e.staff_id
  LEFT JOIN cohorts c ON c.id = e.cohort_id
  LEFT JOIN programs p ON p.id = coalesce(c.program_id, e.program_id)
  LEFT JOIN organizations po ON po.id = p.owner_organization_id
  LEFT JOIN users ru ON ru.id = e.requested_by
  LEFT JOIN users du ON du.id = e.decided_by
  WHERE ${enrollmentVisible(actor, { staffAlias: 's', ownerOrganizationId: sql`po.id`, ownerTerritoryId: sql`po.territory_id` })} AND ${where}`;

function partiesOf(actor: Actor, r: Row): Party[] {
  const parties: Party[] = [];
  if (actor.staffId === r.staff_id) parties.push('person');
  if (canWriteAt(actor, { territoryIds: r.staff_territory_ids, organizationIds: r.staff_organization_ids })) parties.push('employer');
  if (r.owner_id && canAdministerOrganization(actor, { id: r.owner_id, territoryId: r.owner_territory_id! })) parties.push('provider');
  return parties;
}

function view(actor: Actor, r: Row, files: Map<string, { id: string; name: string; mime: string; size: number }> = new Map()) {
  const kind = r.cohort_id ? ('cohort' as const) : ('external' as const);
  return {
    id: r.id,
    staffId: r.staff_id,
    fullName: fullNameOf(r),
    kind,
    title: r.program_title ?? r.external_title ?? '',
    cohort: r.cohort_id ? { id: r.cohort_id, title: r.cohort_title!, startsOn: r.starts_on!, endsOn: r.ends_on! } : null,
    program: r.program_id ? { id: r.program_id, title: r.program_title!, hours: r.hours!, inFederalRegistry: r.in_federal_registry!, registryNumber: r.registry_number, providerName: r.provider_name! } : null,
    external: kind === 'external' ? { title: r.external_title ?? r.program_title ?? '', provider: r.external_provider ?? r.provider_name, hours: r.external_hours ?? r.hours } : null,
    inFederalRegistry: r.in_federal_registry ?? false,
    status: r.status,
    statusNote: r.status_note,
    waitlistPosition: r.waitlist_position,
    requestedAt: new Date(r.requested_at).toISOString(),
    requestedByName: r.requested_by_name,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedByName: r.decided_by_name,
    enrolledAt: r.enrolled_at ? new Date(r.enrolled_at).toISOString() : null,
    completedOn: r.completed_on,
    droppedAt: r.dropped_at ? new Date(r.dropped_at).toISOString() : null,
    certificate: r.certificate_number || r.certificate_file_id ? { number: r.certificate_number, date: r.certificate_date, file: r.certificate_file_id ? (files.get(r.certificate_file_id) ?? null) : null } : null,
    actions: availableActions(kind, r.status, partiesOf(actor, r)),
    version: r.version,
  };
}
export type EnrollmentView = ReturnType<typeof view>;

async function withFiles(db: Db, actor: Actor, rows: Row[]) {
  const metas = await filesMeta(db, rows.flatMap((r) => (r.certificate_file_id ? [r.certificate_file_id] : [])));
  const files = new Map(metas.map((m) => [m.id, m]));
  return rows.map((r) => view(actor, r, files));
}

export async function findEnrollments(db: Db, actor: Actor, q: EnrollmentQuery) {
  const where = and(
    q.staffId ? sql`e.staff_id = ${q.staffId}` : undefined,
    q.cohortId ? sql`e.cohort_id = ${q.cohortId}` : undefined,
    q.programId ? sql`p.id = ${q.programId}` : undefined,
    q.status ? sql`e.status = ${q.status}` : undefined,
  ) ?? sql`true`;
  // newest requests first; the cursor carries (requested_at, id)
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await queryRows<Row>(
    db,
    sql`${selectRows(actor, and(where, after ? sql`(e.requested_at, e.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined)!)} ORDER BY e.requested_at DESC, e.id DESC LIMIT ${q.limit + 1}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${selectRows(actor, where)}) x`);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items: await withFiles(db, actor, items), nextCursor: rows.length > q.limit ? encodeCursor([last.requested_at, last.id]) : null, total };
}

async function loadEnrollment(db: Db, actor: Actor, id: string) {
  const [row] = await queryRows<Row>(db, selectRows(actor, sql`e.id = ${id}`));
  if (!row) throw notFound('Запись на обучение');
  return row;
}

export async function getEnrollment(db: Db, actor: Actor, id: string) {
  const [v] = await withFiles(db, actor, [await loadEnrollment(db, actor, id)]);
  return v;
}

const auditPlace = (person: { territoryIds: string[]; organizationIds: string[] }) => ({ territoryIds: person.territoryIds, organizationIds: person.organizationIds });

/** A request for oneself, for a person one tutors, or for a person one administers. */
async function requireRequester(db: Db, actor: Actor, staffId: string): Promise<LoadedPerson> {
  const person = await loadPerson(db, actor, staffId);
  if (actor.staffId === person.id || canWriteAt(actor, person)) return person;
  const [{ ok }] = await queryRows<{ ok: boolean }>(db, sql`SELECT ${tutorOf(actor, staffId)} AS ok`);
  if (!ok) throw forbidden('Записаться на обучение может сам работник, его тьютор или администратор его организации');
  return person;
}

/** A request to join a cohort. */
export async function requestEnrollment(db: Db, actor: Actor, input: { staffId: string; cohortId: string; note?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const person = await requireRequester(t, actor, input.staffId);
    const { cohort, program } = await loadCohort(t, actor, input.cohortId);
    if (cohort.archivedAt || program.archivedAt) throw new AppError(409, 'archived', 'Курсовая группа или программа в архиве');
    if (cohort.endsOn < todayIso()) throw new AppError(409, 'cohort_finished', 'Обучение в этой группе уже закончилось');
    const [live] = await t
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.staffId, person.id), eq(enrollments.cohortId, cohort.id), sql`${enrollments.status} NOT IN ('dropped', 'rejected')`));
    if (live) throw new AppError(409, 'already_enrolled', 'Работник уже записан в эту группу');
    const [e] = await t
      .insert(enrollments)
      .values({ staffId: person.id, cohortId: cohort.id, programId: program.id, status: 'requested', statusNote: input.note ?? null, requestedBy: actor.userId })
      .returning();
    const after = await getEnrollment(t, actor, e.id);
    await recordAudit(t, actor, { action: 'enrollment.request', entity: 'enrollment', entityId: e.id, ...auditPlace(person), after });
    return after;
  });
}

export interface ExternalCourseInput {
  staffId: string;
  programId?: string | null;
  title?: string | null;
  provider?: string | null;
  hours?: number | null;
  completedOn: string;
  certificateNumber: string;
  certificateDate: string;
}

/** A course taken elsewhere, recorded with its certificate for the employer's approval. */
export async function recordExternalCourse(db: Db, actor: Actor, input: ExternalCourseInput, files: UploadedFile[]) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const person = await requireRequester(t, actor, input.staffId);
    if (input.programId) await loadProgram(t, actor, input.programId);
    else if (!input.title || !input.provider || !input.hours) {
      throw invalid([{ field: 'title', message: 'Укажите программу из каталога или название, организацию и объём курса' }]);
    }
    if (input.completedOn > todayIso()) throw invalid([{ field: 'completedOn', message: 'Дата окончания не может быть в будущем' }]);
    if (files.length > 1) throw invalid([{ field: 'file', message: 'Приложите один файл удостоверения' }]);
    const [file] = await storeFiles(t, actor, files, evidenceLimits);
    const [e] = await t
      .insert(enrollments)
      .values({
        staffId: person.id,
        programId: input.programId ?? null,
        externalTitle: input.title ?? null,
        externalProvider: input.provider ?? null,
        externalHours: input.hours ?? null,
        status: 'requested',
        requestedBy: actor.userId,
        completedOn: input.completedOn,
        certificateNumber: input.certificateNumber,
        certificateDate: input.certificateDate,
        certificateFileId: file?.id ?? null,
      })
      .returning();
    const after = await getEnrollment(t, actor, e.id);
    await recordAudit(t, actor, { action: 'enrollment.record_external', entity: 'enrollment', entityId: e.id, ...auditPlace(person), after });
    return after;
  });
}

const actionNames: Record<EnrollmentAction, string> = { approve: 'согласовать', reject: 'отклонить', enroll: 'зачислить', complete: 'завершить обучение', drop: 'отчислить' };
const statusNames: Record<EnrollmentStatus, string> = {
  requested: 'заявка',
  waitlisted: 'лист ожидания',
  approved: 'согласовано',
  enrolled: 'зачислен',
  completed: 'обучение завершено',
  dropped: 'отчислен',
  rejected: 'отклонено',
};

export interface EnrollmentChange {
  version: number;
  action: EnrollmentAction;
  note?: string | null;
  certificateNumber?: string | null;
  certificateDate?: string | null;
  completedOn?: string | null;
}

/** One step of the workflow: access (404), the party (403), the version (409), the rule (409). */
export async function changeEnrollment(db: Db, actor: Actor, id: string, input: EnrollmentChange) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const row = await loadEnrollment(t, actor, id);
    const kind = row.cohort_id ? 'cohort' : 'external';
    const parties = partiesOf(actor, row);
    const probe = transition(kind, row.status, input.action, parties, false);
    if (!probe.ok && probe.reason === 'not_party') throw forbidden(`Действие «${actionNames[input.action]}» вам недоступно`);
    if (row.version !== input.version) throw staleVersion();
    const { full } = row.cohort_id ? await lockCohortSeats(t, row.cohort_id, id) : { full: false };
    const step = transition(kind, row.status, input.action, parties, full);
    if (!step.ok) {
      throw new AppError(409, step.reason === 'no_seats' ? 'no_seats' : 'invalid_transition', step.reason === 'no_seats' ? 'Свободных мест в группе нет' : `Нельзя ${actionNames[input.action]}: статус «${statusNames[row.status]}»`);
    }
    const before = view(actor, row);
    const now = new Date();
    const set: Partial<typeof enrollments.$inferInsert> = { status: step.to, statusNote: input.note ?? null, version: row.version + 1, updatedAt: now };
    if (input.action === 'approve' || input.action === 'reject') Object.assign(set, { decidedBy: actor.userId, decidedAt: now });
    if (input.action === 'enroll') set.enrolledAt = now;
    if (input.action === 'drop') set.droppedAt = now;
    if (input.action === 'complete') {
      if (!input.certificateNumber || !input.certificateDate) throw invalid([{ field: 'certificateNumber', message: 'Укажите номер и дату удостоверения' }]);
      Object.assign(set, { certificateNumber: input.certificateNumber, certificateDate: input.certificateDate, completedOn: input.completedOn ?? row.ends_on ?? todayIso() });
    }
    const [updated] = await t.update(enrollments).set(set).where(and(eq(enrollments.id, id), eq(enrollments.version, input.version))).returning({ id: enrollments.id });
    if (!updated) throw staleVersion();
    // a freed seat goes to the waitlist
    if (row.cohort_id && seatHolding.includes(row.status) && !seatHolding.includes(step.to)) await promoteWaitlist(t, row.cohort_id);
    const after = await getEnrollment(t, actor, id);
    await recordAudit(t, actor, {
      action: `enrollment.${input.action}`,
      entity: 'enrollment',
      entityId: id,
      territoryIds: row.staff_territory_ids,
      organizationIds: row.staff_organization_ids,
      before,
      after,
    });
    return after;
  });
}

export async function readCertificateFile(db: Db, actor: Actor, id: string) {
  const row = await loadEnrollment(db, actor, id);
  const file = row.certificate_file_id ? await readStoredFile(db, row.certificate_file_id) : null;
  if (!file) throw notFound('Файл удостоверения');
  return file;
}

/** An enrollment request made by agreeing a learning plan with a course in this cohort: the
 *  person's live enrollment in it if there is one, a new request otherwise; null when the cohort
 *  no longer takes requests. The plan's agreement is the request, so no requester check here. */
export async function requestEnrollmentInPlan(db: Db, actor: Actor, staffId: string, cohortId: string): Promise<string | null> {
  const [live] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.staffId, staffId), eq(enrollments.cohortId, cohortId), sql`${enrollments.status} NOT IN ('dropped', 'rejected')`));
  if (live) return live.id;
  const [open] = await queryRows<{ program_id: string }>(
    db,
    sql`SELECT c.program_id FROM cohorts c JOIN programs p ON p.id = c.program_id
        WHERE c.id = ${cohortId} AND c.archived_at IS NULL AND p.archived_at IS NULL AND c.ends_on >= ${todayIso()}::date`,
  );
  if (!open) return null;
  const [e] = await db
    .insert(enrollments)
    .values({ staffId, cohortId, programId: open.program_id, status: 'requested', statusNote: 'Заявка по согласованному ИОМ', requestedBy: actor.userId })
    .returning({ id: enrollments.id });
  return e.id;
}
