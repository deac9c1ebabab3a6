import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { dataForms, monitoringAssignments, monitoringCampaigns, monitoringReminders, monitoringSubmissionEvents, monitoringSubmissions } from './monitoring.schema.js';
import {
  actorOrganizations,
  assignedOrganizationVisible,
  canAdministerOrganization,
  monitoringCampaignVisible,
  organizationVisible,
  uuidParam,
  type Actor,
} from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion, throughParent } from '../../lib/errors.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { getOrganizationFigures, type OrganizationFigures } from '../coverage/coverage.service.js';
import { readStoredFile, storeFiles, type UploadedFile } from '../files/files.service.js';
import {
  checkFormFields,
  checkFormValues,
  type CampaignLevel,
  type CampaignStatus,
  type CompletenessStatus,
  type DataFormField,
  type FileValue,
  type FormValues,
  type PrefillSource,
  type SubmissionAction,
  type SubmissionStatus,
} from '../../../common/monitoring.js';

/**
 * Monitoring campaigns (ADR 0026): the year's plan-schedule, data forms with validation rules,
 * assigned organizations with deadlines, their submissions approved upward (organization →
 * municipality → region), completeness as a reporting-rate table, reminders, and the prefill of
 * what the system already knows.
 */

// ───────────── campaigns ─────────────

export interface FormInput {
  title: string;
  fields: DataFormField[];
}

export interface CampaignInput {
  title: string;
  description?: string | null;
  year: number;
  periodLabel: string;
  collectFrom: string;
  deadline: string;
  ownerOrganizationId?: string | null;
  forms?: FormInput[];
}

type CampaignRow = {
  id: string;
  title: string;
  description: string | null;
  year: number;
  period_label: string;
  collect_from: string;
  deadline: string;
  level: CampaignLevel;
  owner_organization_id: string;
  owner_name: string;
  owner_territory_id: string;
  territory_id: string;
  territory_name: string;
  status: CampaignStatus;
  version: number;
};

const campaignSelect = sql`SELECT c.id, c.title, c.description, c.year, c.period_label, c.collect_from::text AS collect_from, c.deadline::text AS deadline,
    c.level, c.owner_organization_id, ow.short_name AS owner_name, ow.territory_id AS owner_territory_id, c.territory_id, t.name AS territory_name, c.status, c.version
  FROM monitoring_campaigns c JOIN organizations ow ON ow.id = c.owner_organization_id JOIN territories t ON t.id = c.territory_id`;

/** Completeness of an assignment `a` with its submission `s`, as of `today`. */
const completenessOf = (today: string) => sql`CASE WHEN s.first_submitted_on IS NOT NULL THEN (CASE WHEN s.first_submitted_on <= a.deadline THEN 'on_time' ELSE 'late' END)
  WHEN a.deadline < ${today}::date THEN 'missing' ELSE 'pending' END`;

type Counts = { assigned: number; onTime: number; late: number; missing: number; pending: number; submitted: number; rate: number | null };
const countColumns = (today: string) => sql`count(*)::int AS assigned,
  count(*) FILTER (WHERE ${completenessOf(today)} = 'on_time')::int AS on_time,
  count(*) FILTER (WHERE ${completenessOf(today)} = 'late')::int AS late,
  count(*) FILTER (WHERE ${completenessOf(today)} = 'missing')::int AS missing,
  count(*) FILTER (WHERE ${completenessOf(today)} = 'pending')::int AS pending`;
type CountRow = { assigned: number; on_time: number; late: number; missing: number; pending: number };
const countsOf = (r: CountRow | undefined): Counts => {
  const c = { assigned: r?.assigned ?? 0, onTime: r?.on_time ?? 0, late: r?.late ?? 0, missing: r?.missing ?? 0, pending: r?.pending ?? 0 };
  const submitted = c.onTime + c.late;
  return { ...c, submitted, rate: c.assigned ? Math.round((submitted / c.assigned) * 1000) / 10 : null };
};

const canEditCampaign = (actor: Actor, r: Pick<CampaignRow, 'owner_organization_id' | 'owner_territory_id'>) =>
  canAdministerOrganization(actor, { id: r.owner_organization_id, territoryId: r.owner_territory_id });

const campaignSummary = (r: CampaignRow, counts: Counts, actor: Actor) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  year: r.year,
  periodLabel: r.period_label,
  collectFrom: r.collect_from,
  deadline: r.deadline,
  level: r.level,
  ownerOrganizationId: r.owner_organization_id,
  ownerName: r.owner_name,
  territoryId: r.territory_id,
  territoryName: r.territory_name,
  status: r.status,
  version: r.version,
  counts,
  canEdit: canEditCampaign(actor, r),
});
export type CampaignSummary = ReturnType<typeof campaignSummary>;

/** Counts of the assignments the actor sees, per campaign. */
async function countsByCampaign(db: Db, actor: Actor, campaignIds: string[]): Promise<Map<string, Counts>> {
  if (!campaignIds.length) return new Map();
  const rows = await queryRows<CountRow & { campaign_id: string }>(
    db,
    sql`SELECT a.campaign_id, ${countColumns(todayIso())} FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id
        JOIN organizations vo ON vo.id = a.organization_id WHERE a.campaign_id = ANY(${uuidParam(campaignIds)}) AND ${assignedOrganizationVisible(actor)} GROUP BY 1`,
  );
  return new Map(campaignIds.map((id) => [id, countsOf(rows.find((r) => r.campaign_id === id))]));
}

/** The plan-schedule of a year: the campaigns the actor sees, by the start of collection. */
export async function findCampaigns(db: Db, actor: Actor, q: { year?: number; status?: CampaignStatus }) {
  const rows = await queryRows<CampaignRow>(
    db,
    sql`${campaignSelect} WHERE ${monitoringCampaignVisible(actor)} ${q.year ? sql`AND c.year = ${q.year}` : sql``} ${q.status ? sql`AND c.status = ${q.status}` : sql``}
        ORDER BY c.collect_from, c.deadline, c.title, c.id`,
  );
  const counts = await countsByCampaign(db, actor, rows.map((r) => r.id));
  return { year: q.year ?? null, items: rows.map((r) => campaignSummary(r, counts.get(r.id)!, actor)) };
}

async function loadCampaign(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await queryRows<CampaignRow>(db, sql`${campaignSelect} WHERE c.id = ${id} AND ${monitoringCampaignVisible(actor)}`);
  if (!row) throw notFound('Кампания мониторинга');
  if (mode === 'write' && !canEditCampaign(actor, row)) throw forbidden('Кампанию ведут администраторы органа, который её проводит');
  return row;
}

const formsOf = (db: Db, campaignId: string) =>
  queryRows<{ id: string; title: string; position: number; fields: DataFormField[]; version: number }>(
    db,
    sql`SELECT id, title, position, fields, version FROM data_forms WHERE campaign_id = ${campaignId} ORDER BY position, created_at, id`,
  );

export async function getCampaign(db: Db, actor: Actor, id: string) {
  const row = await loadCampaign(db, actor, id);
  const counts = await countsByCampaign(db, actor, [id]);
  return { ...campaignSummary(row, counts.get(id)!, actor), forms: await formsOf(db, id) };
}
export type CampaignCard = Awaited<ReturnType<typeof getCampaign>>;

function checkCampaignDates(v: { collectFrom: string; deadline: string; year: number }) {
  if (v.deadline < v.collectFrom) throw invalid([{ field: 'deadline', message: 'Срок сдачи не может быть раньше начала сбора' }]);
}

function checkForm(input: FormInput, prefix = 'fields') {
  const issues = checkFormFields(input.fields, prefix);
  if (issues.length) throw invalid(issues);
}

/** The governing body a new campaign (or a recommendation) comes from: the one given (which the
 *  actor must administer), or the actor's own ministry or education authority. */
export async function governingBodyFor(db: Db, actor: Actor, ownerOrganizationId: string | null | undefined, field: string) {
  const rows = await queryRows<{ id: string; kind: string; territory_id: string }>(
    db,
    sql`SELECT o.id, o.kind, o.territory_id FROM organizations o WHERE o.archived_at IS NULL AND o.kind IN ('ministry', 'municipal_authority')
        AND ${ownerOrganizationId ? sql`o.id = ${ownerOrganizationId}` : sql`o.id IN ${actorOrganizations(actor)}`}
        ORDER BY (SELECT cardinality(path) FROM territories WHERE id = o.territory_id), o.short_name LIMIT 1`,
  );
  const owner = rows[0];
  if (!owner || !canAdministerOrganization(actor, { id: owner.id, territoryId: owner.territory_id })) {
    throw invalid([{ field, message: 'Выберите орган управления образованием региона или муниципалитета, который вы администрируете' }]);
  }
  return owner;
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput) {
  checkCampaignDates(input);
  (input.forms ?? []).forEach((f, i) => checkForm(f, `forms.${i}.fields`));
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const owner = await governingBodyFor(t, actor, input.ownerOrganizationId, 'ownerOrganizationId');
    const [c] = await t
      .insert(monitoringCampaigns)
      .values({
        title: input.title,
        description: input.description ?? null,
        year: input.year,
        periodLabel: input.periodLabel,
        collectFrom: input.collectFrom,
        deadline: input.deadline,
        level: owner.kind === 'ministry' ? 'regional' : 'municipal',
        ownerOrganizationId: owner.id,
        territoryId: owner.territory_id,
        createdBy: actor.userId,
      })
      .returning({ id: monitoringCampaigns.id });
    if (input.forms?.length) await t.insert(dataForms).values(input.forms.map((f, i) => ({ campaignId: c.id, title: f.title, position: i, fields: f.fields })));
    const after = await getCampaign(t, actor, c.id);
    await recordAudit(t, actor, { action: 'monitoring_campaign.create', entity: 'monitoring_campaign', entityId: c.id, territoryIds: [owner.territory_id], organizationIds: [owner.id], after });
    return after;
  });
}

export interface CampaignUpdate extends Partial<Omit<CampaignInput, 'ownerOrganizationId' | 'forms' | 'year'>> {
  status?: CampaignStatus;
  version: number;
}

export async function updateCampaign(db: Db, actor: Actor, id: string, input: CampaignUpdate) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const before = await getCampaign(t, actor, id);
    if (!before.canEdit) throw forbidden('Кампанию ведут администраторы органа, который её проводит');
    if (before.version !== input.version) throw staleVersion();
    const next = { collectFrom: input.collectFrom ?? before.collectFrom, deadline: input.deadline ?? before.deadline, year: before.year };
    checkCampaignDates(next);
    const status = input.status ?? before.status;
    if (status === 'open' && before.status === 'draft') {
      if (!before.forms.some((f) => f.fields.length)) throw new AppError(409, 'no_forms', 'Чтобы начать сбор, добавьте форму хотя бы с одним полем');
    }
    if (status === 'draft' && before.status !== 'draft') throw new AppError(409, 'bad_transition', 'Начатый сбор нельзя вернуть в проект');
    await t
      .update(monitoringCampaigns)
      .set({
        title: input.title ?? before.title,
        description: input.description === undefined ? before.description : input.description,
        periodLabel: input.periodLabel ?? before.periodLabel,
        collectFrom: next.collectFrom,
        deadline: next.deadline,
        status,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(monitoringCampaigns.id, id));
    const after = await getCampaign(t, actor, id);
    await recordAudit(t, actor, { action: 'monitoring_campaign.update', entity: 'monitoring_campaign', entityId: id, territoryIds: [before.territoryId], organizationIds: [before.ownerOrganizationId], before, after });
    return after;
  });
}

// ───────────── forms ─────────────

const formsFrozen = () => new AppError(409, 'forms_frozen', 'Сбор уже начат: формы менять нельзя, чтобы не разошлись данные организаций');

export async function addForm(db: Db, actor: Actor, campaignId: string, input: FormInput) {
  checkForm(input);
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const c = await loadCampaign(t, actor, campaignId, 'write');
    if (c.status !== 'draft') throw formsFrozen();
    const [{ n }] = await queryRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM data_forms WHERE campaign_id = ${campaignId}`);
    const [f] = await t.insert(dataForms).values({ campaignId, title: input.title, position: n, fields: input.fields }).returning({ id: dataForms.id });
    await recordAudit(t, actor, { action: 'data_form.create', entity: 'data_form', entityId: f.id, territoryIds: [c.territory_id], organizationIds: [c.owner_organization_id], after: input });
    return getCampaign(t, actor, campaignId);
  });
}

async function loadForm(db: Db, actor: Actor, formId: string) {
  const [f] = await queryRows<{ campaign_id: string; version: number; title: string; fields: DataFormField[] }>(db, sql`SELECT campaign_id, version, title, fields FROM data_forms WHERE id = ${formId}`);
  if (!f) throw notFound('Форма');
  const c = await throughParent('Форма', loadCampaign(db, actor, f.campaign_id, 'write'));
  if (c.status !== 'draft') throw formsFrozen();
  return { form: f, campaign: c };
}

export async function updateForm(db: Db, actor: Actor, formId: string, input: FormInput & { version: number }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { form, campaign } = await loadForm(t, actor, formId);
    if (form.version !== input.version) throw staleVersion();
    checkForm(input);
    await t.update(dataForms).set({ title: input.title, fields: input.fields, version: form.version + 1 }).where(eq(dataForms.id, formId));
    await recordAudit(t, actor, { action: 'data_form.update', entity: 'data_form', entityId: formId, territoryIds: [campaign.territory_id], organizationIds: [campaign.owner_organization_id], before: form, after: input });
    return getCampaign(t, actor, form.campaign_id);
  });
}

export async function deleteForm(db: Db, actor: Actor, formId: string) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const { form, campaign } = await loadForm(t, actor, formId);
    await t.delete(dataForms).where(eq(dataForms.id, formId));
    await recordAudit(t, actor, { action: 'data_form.delete', entity: 'data_form', entityId: formId, territoryIds: [campaign.territory_id], organizationIds: [campaign.owner_organization_id], before: form });
    return getCampaign(t, actor, form.campaign_id);
  });
}

// ───────────── assignments ─────────────

export interface AssignInput {
  organizationIds?: string[];
  territoryIds?: string[];
  organizationKinds?: string[];
  deadline?: string | null;
}

/** Assigns organizations (given, and those of the given kinds in the given territories) within the
 *  campaign's territory; already assigned ones keep their deadline. */
export async function assignOrganizations(db: Db, actor: Actor, campaignId: string, input: AssignInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const c = await loadCampaign(t, actor, campaignId, 'write');
    if (c.status === 'closed') throw new AppError(409, 'campaign_closed', 'Кампания завершена: назначать организации нельзя');
    const deadline = input.deadline ?? c.deadline;
    if (deadline < c.collect_from) throw invalid([{ field: 'deadline', message: 'Срок сдачи не может быть раньше начала сбора' }]);
    const orgIds = input.organizationIds ?? [];
    const territoryIds = input.territoryIds ?? [];
    if (!orgIds.length && !territoryIds.length) throw invalid([{ field: 'organizationIds', message: 'Выберите организации или муниципалитеты' }]);
    const kinds = input.organizationKinds?.length ? input.organizationKinds : ['school'];
    const inCampaign = sql`o.archived_at IS NULL AND o.territory_id IN (SELECT id FROM territories WHERE ${c.territory_id} = ANY(path))`;
    const chosen = await queryRows<{ id: string; territory_id: string }>(
      t,
      sql`SELECT o.id, o.territory_id FROM organizations o WHERE ${inCampaign} AND (o.id = ANY(${uuidParam(orgIds)})
          OR (o.kind = ANY(${sql.param(kinds)}::text[]) AND o.territory_id IN (SELECT id FROM territories WHERE path && ${uuidParam(territoryIds)})))`,
    );
    const outside = orgIds.filter((id) => !chosen.some((o) => o.id === id));
    if (outside.length) throw invalid([{ field: 'organizationIds', message: `Организации вне территории кампании: ${outside.length}` }]);
    if (!chosen.length) throw invalid([{ field: 'territoryIds', message: 'В выбранных муниципалитетах нет организаций выбранных видов' }]);
    const added = await t
      .insert(monitoringAssignments)
      .values(chosen.map((o) => ({ campaignId, organizationId: o.id, territoryId: o.territory_id, deadline })))
      .onConflictDoNothing()
      .returning({ id: monitoringAssignments.id, organizationId: monitoringAssignments.organizationId });
    if (added.length) await t.insert(monitoringSubmissions).values(added.map((a) => ({ assignmentId: a.id })));
    await recordAudit(t, actor, {
      action: 'monitoring_assignment.create',
      entity: 'monitoring_campaign',
      entityId: campaignId,
      territoryIds: [c.territory_id],
      organizationIds: added.map((a) => a.organizationId),
      after: { deadline, organizationIds: added.map((a) => a.organizationId) },
    });
    return { added: added.length, alreadyAssigned: chosen.length - added.length };
  });
}

type AssignmentRow = {
  id: string;
  campaign_id: string;
  organization_id: string;
  organization_name: string;
  territory_id: string;
  territory_name: string;
  territory_kind: string;
  deadline: string;
  status: SubmissionStatus;
  completeness: CompletenessStatus;
  first_submitted_on: string | null;
  submitted_at: string | null;
  return_comment: string | null;
  reminders: number;
  last_reminder_at: string | null;
};

const assignmentSelect = (today: string) => sql`SELECT a.id, a.campaign_id, a.organization_id, vo.short_name AS organization_name, a.territory_id, vt.name AS territory_name, vt.kind AS territory_kind,
    a.deadline::text AS deadline, s.status, ${completenessOf(today)} AS completeness, s.first_submitted_on::text AS first_submitted_on, s.submitted_at, s.return_comment,
    (SELECT count(*)::int FROM monitoring_reminders mr WHERE mr.assignment_id = a.id) AS reminders,
    (SELECT max(mr.sent_at) FROM monitoring_reminders mr WHERE mr.assignment_id = a.id) AS last_reminder_at
  FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id
  JOIN organizations vo ON vo.id = a.organization_id JOIN territories vt ON vt.id = a.territory_id`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

const assignmentView = (r: AssignmentRow) => ({
  id: r.id,
  campaignId: r.campaign_id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  territoryId: r.territory_id,
  territoryName: r.territory_name,
  deadline: r.deadline,
  status: r.status,
  completeness: r.completeness,
  firstSubmittedOn: r.first_submitted_on,
  submittedAt: iso(r.submitted_at),
  returnComment: r.return_comment,
  reminders: r.reminders,
  lastReminderAt: iso(r.last_reminder_at),
});
export type AssignmentView = ReturnType<typeof assignmentView>;

const inTerritory = (territoryId: string | undefined) => (territoryId ? sql`AND a.territory_id IN (SELECT id FROM territories WHERE ${territoryId} = ANY(path))` : sql``);

async function assignmentRows(db: Db, actor: Actor, campaignId: string, q: { territoryId?: string; completeness?: CompletenessStatus }) {
  return queryRows<AssignmentRow>(
    db,
    sql`${assignmentSelect(todayIso())} WHERE a.campaign_id = ${campaignId} AND ${assignedOrganizationVisible(actor)} ${inTerritory(q.territoryId)}
        ${q.completeness ? sql`AND ${completenessOf(todayIso())} = ${q.completeness}` : sql``}
        ORDER BY vt.name, vo.short_name, a.id`,
  );
}

export async function findAssignments(db: Db, actor: Actor, campaignId: string, q: { territoryId?: string; completeness?: CompletenessStatus }) {
  await loadCampaign(db, actor, campaignId);
  return { items: (await assignmentRows(db, actor, campaignId, q)).map(assignmentView) };
}

export async function removeAssignment(db: Db, actor: Actor, assignmentId: string) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const a = await loadAssignment(t, actor, assignmentId);
    const c = await loadCampaign(t, actor, a.campaign_id, 'write');
    if (a.first_submitted_on) throw new AppError(409, 'already_submitted', 'Организация уже отправила данные: снять назначение нельзя');
    await t.delete(monitoringAssignments).where(eq(monitoringAssignments.id, assignmentId));
    await recordAudit(t, actor, { action: 'monitoring_assignment.delete', entity: 'monitoring_campaign', entityId: c.id, territoryIds: [c.territory_id], organizationIds: [a.organization_id], before: assignmentView(a) });
    return { removed: true };
  });
}

// ───────────── completeness and reminders ─────────────

/** The reporting-rate table: per municipality (a region's campaign seen from the region) or per
 *  organization (within a municipality), with the organizations and their statuses. */
export async function getCompleteness(db: Db, actor: Actor, campaignId: string, q: { territoryId?: string }) {
  const c = await loadCampaign(db, actor, campaignId);
  if (q.territoryId) {
    const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE id = ${q.territoryId} AND ${c.territory_id} = ANY(path)`);
    if (!t) throw notFound('Территория');
  }
  const byMunicipality = !q.territoryId && c.level === 'regional' && actor.read.territoryIds.includes(c.territory_id);
  const today = todayIso();
  const base = sql`FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id JOIN organizations vo ON vo.id = a.organization_id
    WHERE a.campaign_id = ${campaignId} AND ${assignedOrganizationVisible(actor)} ${inTerritory(q.territoryId)}`;
  const [groups, [total], organizations] = await Promise.all([
    queryRows<CountRow & { id: string; name: string }>(
      db,
      byMunicipality
        ? sql`SELECT a.territory_id AS id, (SELECT name FROM territories WHERE id = a.territory_id) AS name, ${countColumns(today)} ${base} GROUP BY 1 ORDER BY 2`
        : sql`SELECT a.organization_id AS id, vo.short_name AS name, ${countColumns(today)} ${base} GROUP BY 1, 2 ORDER BY 2`,
    ),
    queryRows<CountRow>(db, sql`SELECT ${countColumns(today)} ${base}`),
    assignmentRows(db, actor, campaignId, q),
  ]);
  return {
    campaignId,
    asOf: today,
    groupBy: byMunicipality ? ('municipality' as const) : ('organization' as const),
    territoryId: q.territoryId ?? null,
    rows: groups.map((g) => ({ id: g.id, name: g.name, ...countsOf(g) })),
    total: countsOf(total),
    organizations: organizations.map(assignmentView),
  };
}

/** Who may remind an assigned organization: those who administer its territory (its municipality,
 *  the region) or the body that runs the campaign. */
const canRemind = (actor: Actor, a: { territory_id: string }, c: CampaignRow) => actor.write.territoryIds.includes(a.territory_id) || canEditCampaign(actor, c);

/** Records a reminder for each chosen organization that has not submitted (all of them when none is
 *  chosen); it appears on the organization's home page. Nothing leaves the server. */
export async function remindOrganizations(db: Db, actor: Actor, campaignId: string, input: { assignmentIds?: string[]; message?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const c = await loadCampaign(t, actor, campaignId);
    const refused = () => forbidden('Напоминают администраторы муниципалитета, региона или органа, который проводит мониторинг');
    if (!actor.write.territoryIds.length && !canEditCampaign(actor, c)) throw refused();
    if (c.status !== 'open') throw new AppError(409, 'campaign_not_open', 'Напоминать можно, пока идёт сбор');
    const rows = await queryRows<AssignmentRow>(
      t,
      sql`${assignmentSelect(todayIso())} WHERE a.campaign_id = ${campaignId} AND ${assignedOrganizationVisible(actor)} AND s.status IN ('draft', 'returned')
          ${input.assignmentIds ? sql`AND a.id = ANY(${uuidParam(input.assignmentIds)})` : sql``}`,
    );
    const targets = rows.filter((a) => canRemind(actor, a, c));
    if (!targets.length && rows.length) throw refused();
    const message =
      input.message?.trim() ||
      `Напоминаем: до ${targets[0] ? targets.map((a) => a.deadline).sort()[0].split('-').reverse().join('.') : ''} нужно заполнить и отправить формы мониторинга «${c.title}».`;
    if (targets.length) await t.insert(monitoringReminders).values(targets.map((a) => ({ assignmentId: a.id, message, sentBy: actor.userId })));
    await recordAudit(t, actor, { action: 'monitoring_reminder.create', entity: 'monitoring_campaign', entityId: campaignId, territoryIds: [c.territory_id], organizationIds: targets.map((a) => a.organization_id), after: { message, count: targets.length } });
    return { reminded: targets.length, organizations: targets.map((a) => a.organization_name) };
  });
}

/** The assignments of the organizations the actor acts for and administers, in campaigns that are collecting:
 *  the «what the municipality asks of us» block of the home page, with the latest reminders. */
export async function findMyAssignments(db: Db, actor: Actor) {
  const rows = await queryRows<AssignmentRow & { campaign_title: string; period_label: string }>(
    db,
    sql`SELECT x.*, c.title AS campaign_title, c.period_label FROM (${assignmentSelect(todayIso())} WHERE a.organization_id IN ${actorOrganizations(actor)} AND ${organizationVisible(actor, { id: sql`vo.id`, territoryId: sql`vo.territory_id` }, 'write')}) x
        JOIN monitoring_campaigns c ON c.id = x.campaign_id WHERE c.status = 'open' ORDER BY x.deadline, c.title, x.organization_name`,
  );
  const reminders = rows.length
    ? await queryRows<{ assignment_id: string; message: string; sent_at: string }>(
        db,
        sql`SELECT assignment_id, message, sent_at FROM monitoring_reminders WHERE assignment_id = ANY(${uuidParam(rows.map((r) => r.id))}) ORDER BY sent_at DESC`,
      )
    : [];
  return {
    items: rows.map((r) => ({
      ...assignmentView(r),
      campaignTitle: r.campaign_title,
      periodLabel: r.period_label,
      latestReminders: reminders
        .filter((m) => m.assignment_id === r.id)
        .slice(0, 3)
        .map((m) => ({ message: m.message, sentAt: iso(m.sent_at)! })),
    })),
  };
}

// ───────────── submissions ─────────────

async function loadAssignment(db: Db, actor: Actor, assignmentId: string) {
  const [a] = await queryRows<AssignmentRow & { values: Record<string, FormValues>; version: number }>(
    db,
    sql`SELECT x.*, s.values, s.version FROM (${assignmentSelect(todayIso())} WHERE a.id = ${assignmentId} AND ${assignedOrganizationVisible(actor)}) x
        JOIN monitoring_submissions s ON s.assignment_id = x.id`,
  );
  if (!a) throw notFound('Назначение мониторинга');
  return a;
}

/** Who approves the submission at its current step, by the rule of ADR 0026: a regional campaign
 *  goes organization → municipality → region (an organization of regional subordination goes
 *  straight to the region); a municipal campaign ends at the municipality. */
function approvalStep(c: CampaignRow, a: { territory_id: string; territory_kind: string; status: SubmissionStatus }): { approver: 'municipality' | 'region'; next: SubmissionStatus } | null {
  if (a.status === 'submitted') {
    if (c.level === 'regional' && a.territory_kind === 'region') return { approver: 'region', next: 'approved_regional' };
    return { approver: 'municipality', next: 'approved_municipal' };
  }
  if (a.status === 'approved_municipal' && c.level === 'regional') return { approver: 'region', next: 'approved_regional' };
  return null;
}

function mayApprove(actor: Actor, c: CampaignRow, a: { territory_id: string; territory_kind: string; status: SubmissionStatus }) {
  const step = approvalStep(c, a);
  if (!step) return false;
  return step.approver === 'municipality' ? actor.write.territoryIds.includes(a.territory_id) : actor.write.territoryIds.includes(c.territory_id);
}

const mayEdit = (actor: Actor, c: CampaignRow, a: AssignmentRow) =>
  c.status === 'open' && ['draft', 'returned'].includes(a.status) && canAdministerOrganization(actor, { id: a.organization_id, territoryId: a.territory_id });

/** The values the system knows for the fields with a prefill source, by form id and field key. */
function prefillValues(forms: { id: string; fields: DataFormField[] }[], figures: OrganizationFigures | undefined) {
  const f = figures ?? { staff: 0, pedagogical: 0, diagnosed: 0, withPlan: 0, completedFederal: 0 };
  const known: Record<PrefillSource, number> = {
    staff_total: f.staff,
    staff_pedagogical: f.pedagogical,
    diagnosed: f.diagnosed,
    diagnosed_share: f.staff ? Math.round((f.diagnosed / f.staff) * 1000) / 10 : 0,
    with_plan: f.withPlan,
    completed_federal: f.completedFederal,
  };
  return Object.fromEntries(forms.map((form) => [form.id, Object.fromEntries(form.fields.filter((x) => x.prefill).map((x) => [x.key, known[x.prefill!]]))]));
}

export async function getSubmission(db: Db, actor: Actor, assignmentId: string) {
  const a = await loadAssignment(db, actor, assignmentId);
  const c = await loadCampaign(db, actor, a.campaign_id);
  const forms = await formsOf(db, c.id);
  const needsPrefill = forms.some((f) => f.fields.some((x) => x.prefill));
  const figures = needsPrefill ? (await getOrganizationFigures(db, [a.organization_id], c.year)).get(a.organization_id) : undefined;
  const [history, reminders] = await Promise.all([
    queryRows<{ action: string; status: SubmissionStatus; comment: string | null; actor_name: string | null; at: string }>(
      db,
      sql`SELECT e.action, e.status, e.comment, u.display_name AS actor_name, e.at FROM monitoring_submission_events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.assignment_id = ${assignmentId} ORDER BY e.at, e.id`,
    ),
    queryRows<{ message: string; sent_at: string }>(db, sql`SELECT message, sent_at FROM monitoring_reminders WHERE assignment_id = ${assignmentId} ORDER BY sent_at DESC`),
  ]);
  const step = approvalStep(c, a);
  const approver = mayApprove(actor, c, a);
  return {
    ...assignmentView(a),
    campaign: { id: c.id, title: c.title, year: c.year, periodLabel: c.period_label, status: c.status, level: c.level, ownerName: c.owner_name },
    forms,
    values: a.values,
    prefill: needsPrefill ? prefillValues(forms, figures) : {},
    version: a.version,
    nextApprover: step?.approver ?? null,
    history: history.map((h) => ({ action: h.action, status: h.status, comment: h.comment, actorName: h.actor_name, at: iso(h.at)! })),
    reminderList: reminders.map((r) => ({ message: r.message, sentAt: iso(r.sent_at)! })),
    can: { edit: mayEdit(actor, c, a), approve: approver, return: approver },
  };
}
export type SubmissionCard = Awaited<ReturnType<typeof getSubmission>>;

/** Checks the values of every form; on submit the required fields too. */
function checkValues(forms: { id: string; fields: DataFormField[] }[], values: Record<string, FormValues>, forSubmit: boolean) {
  const issues = Object.keys(values)
    .filter((id) => !forms.some((f) => f.id === id))
    .map((id) => ({ field: `values.${id}`, message: 'Такой формы нет в кампании' }));
  for (const f of forms) issues.push(...checkFormValues(f.fields, values[f.id] ?? {}, forSubmit, `values.${f.id}.`));
  if (issues.length) throw invalid(issues, forSubmit ? 'Форма заполнена не полностью или с ошибками: исправьте отмеченные поля' : undefined);
}

/** The stored files a submission's values point at. */
const fileIdsOf = (values: Record<string, FormValues>) =>
  Object.values(values).flatMap((form) => Object.values(form).flatMap((v) => (v && typeof v === 'object' && 'fileId' in v ? [(v as FileValue).fileId] : [])));

async function writeValues(db: Db, actor: Actor, a: AssignmentRow & { version: number }, forms: { id: string; fields: DataFormField[] }[], values: Record<string, FormValues>, set: Partial<typeof monitoringSubmissions.$inferInsert> = {}) {
  checkValues(forms, values, set.status === 'submitted');
  // a file value is one the submission already holds or one this account uploaded: a stored file's id
  // is seen elsewhere too (documents, practices), and a submission must not make somebody else's file readable
  const ids = [...new Set(fileIdsOf(values))];
  if (ids.length) {
    const [current] = await queryRows<{ values: Record<string, FormValues> }>(db, sql`SELECT values FROM monitoring_submissions WHERE assignment_id = ${a.id}`);
    const held = new Set(fileIdsOf(current?.values ?? {}));
    const added = ids.filter((id) => !held.has(id));
    const own = added.length ? await queryRows<{ id: string }>(db, sql`SELECT id FROM stored_files WHERE id = ANY(${uuidParam(added)}) AND uploaded_by = ${actor.userId}`) : [];
    if (own.length !== added.length) throw invalid([{ field: 'values', message: 'Приложенный файл не найден: загрузите его снова' }]);
  }
  await db
    .update(monitoringSubmissions)
    .set({ values, ...set, version: a.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
    .where(eq(monitoringSubmissions.assignmentId, a.id));
}

export async function saveSubmission(db: Db, actor: Actor, assignmentId: string, input: { values: Record<string, FormValues>; version: number }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const a = await loadAssignment(t, actor, assignmentId);
    const c = await loadCampaign(t, actor, a.campaign_id);
    if (!canAdministerOrganization(actor, { id: a.organization_id, territoryId: a.territory_id })) throw forbidden('Данные мониторинга вносят администраторы организации');
    if (a.version !== input.version) throw staleVersion();
    if (!mayEdit(actor, c, a)) throw new AppError(409, 'not_editable', c.status !== 'open' ? 'Сбор данных не идёт: форма закрыта для изменений' : 'Данные отправлены: изменить их можно после возврата на доработку');
    await writeValues(t, actor, a, await formsOf(t, c.id), input.values);
    await recordAudit(t, actor, { action: 'monitoring_submission.save', entity: 'monitoring_assignment', entityId: assignmentId, territoryIds: [a.territory_id], organizationIds: [a.organization_id], before: a.values, after: input.values });
    return getSubmission(t, actor, assignmentId);
  });
}

export interface TransitionInput {
  action: SubmissionAction;
  comment?: string | null;
  version: number;
  /** On submit: the values to save first (the form as the user sees it). */
  values?: Record<string, FormValues>;
}

export async function transitionSubmission(db: Db, actor: Actor, assignmentId: string, input: TransitionInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const a = await loadAssignment(t, actor, assignmentId);
    const c = await loadCampaign(t, actor, a.campaign_id);
    const admin = canAdministerOrganization(actor, { id: a.organization_id, territoryId: a.territory_id });
    const step = approvalStep(c, a);
    const approver = step ? (step.approver === 'municipality' ? actor.write.territoryIds.includes(a.territory_id) : actor.write.territoryIds.includes(c.territory_id)) : false;
    // access first: those who may neither submit nor approve get 403 whatever the state
    if (input.action === 'submit' ? !admin : !actor.write.territoryIds.some((id) => id === a.territory_id || id === c.territory_id)) {
      throw forbidden(input.action === 'submit' ? 'Отправляют данные администраторы организации' : 'Принимают и возвращают данные администраторы муниципалитета и региона');
    }
    if (a.version !== input.version) throw staleVersion();
    let status: SubmissionStatus;
    const set: Partial<typeof monitoringSubmissions.$inferInsert> = {};
    if (input.action === 'submit') {
      if (!mayEdit(actor, c, a)) throw new AppError(409, 'not_editable', c.status !== 'open' ? 'Сбор данных не идёт: отправить форму нельзя' : 'Данные уже отправлены');
      status = 'submitted';
      const now = new Date();
      Object.assign(set, { status, submittedAt: now, returnComment: null }, a.first_submitted_on ? {} : { firstSubmittedAt: now, firstSubmittedOn: todayIso(now) });
      await writeValues(t, actor, a, await formsOf(t, c.id), input.values ?? a.values, set);
    } else {
      if (!step || !approver) throw new AppError(409, 'bad_transition', step ? 'Данные на этом шаге принимает другой уровень' : a.status === 'approved_regional' ? 'Данные уже приняты регионом' : 'Данные ещё не отправлены');
      if (input.action === 'return') {
        if (!input.comment?.trim()) throw invalid([{ field: 'comment', message: 'Укажите, что исправить: комментарий обязателен при возврате' }]);
        status = 'returned';
        Object.assign(set, { status, returnComment: input.comment.trim() });
      } else {
        status = step.next;
        Object.assign(set, { status });
      }
      await t
        .update(monitoringSubmissions)
        .set({ ...set, version: a.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
        .where(eq(monitoringSubmissions.assignmentId, a.id));
    }
    await t.insert(monitoringSubmissionEvents).values({ assignmentId, action: input.action, status, comment: input.comment?.trim() || null, actorUserId: actor.userId });
    await recordAudit(t, actor, { action: `monitoring_submission.${input.action}`, entity: 'monitoring_assignment', entityId: assignmentId, territoryIds: [a.territory_id], organizationIds: [a.organization_id], before: { status: a.status }, after: { status, comment: input.comment ?? null } });
    return getSubmission(t, actor, assignmentId);
  });
}

/** Stores a file for a file field of the assignment's forms; the value is set when the form is saved. */
export async function uploadSubmissionFile(db: Db, actor: Actor, assignmentId: string, file: UploadedFile | undefined) {
  if (!file) throw invalid([{ field: 'file', message: 'Выберите файл' }]);
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const a = await loadAssignment(t, actor, assignmentId);
    const c = await loadCampaign(t, actor, a.campaign_id);
    if (!canAdministerOrganization(actor, { id: a.organization_id, territoryId: a.territory_id })) throw forbidden('Данные мониторинга вносят администраторы организации');
    if (!mayEdit(actor, c, a)) throw new AppError(409, 'not_editable', 'Форма закрыта для изменений');
    const [stored] = await storeFiles(t, actor, [file], { maxFiles: 1, maxBytes: 10 * 1024 * 1024 });
    await recordAudit(t, actor, { action: 'monitoring_submission.file', entity: 'monitoring_assignment', entityId: assignmentId, territoryIds: [a.territory_id], organizationIds: [a.organization_id], after: stored });
    return { fileId: stored.id, name: stored.name };
  });
}

export async function readSubmissionFile(db: Db, actor: Actor, assignmentId: string, fileId: string) {
  const a = await loadAssignment(db, actor, assignmentId);
  if (!fileIdsOf(a.values).includes(fileId)) throw notFound('Файл');
  const file = await readStoredFile(db, fileId);
  if (!file) throw notFound('Файл');
  return file;
}

