import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { recommendations } from './recommendations.schema.js';
import { actorOrganizations, administeredTerritories, canAdministerOrganization, monitoringCampaignVisible, recommendationVisible, uuidParam, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { todayIso } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { governingBodyFor } from '../monitoring/monitoring.service.js';
import type { RecommendationAction, RecommendationStatus } from '../../../common/monitoring.js';

/**
 * Targeted recommendations (ADR 0026): issued by a regional or municipal body to organizations or
 * territories (one record per addressee), on the basis of a campaign and/or an indicator of a
 * period, with a due date; the addressee responds, the issuer accepts, returns or closes.
 */

export interface Addressee {
  organizationId?: string | null;
  territoryId?: string | null;
}

export interface RecommendationInput {
  addressees: Addressee[];
  title: string;
  text: string;
  dueDate: string;
  campaignId?: string | null;
  indicatorCode?: string | null;
  period?: number | null;
  issuerOrganizationId?: string | null;
}

export type RecommendationBox = 'issued' | 'addressed' | 'all';

export interface RecommendationQuery {
  box?: RecommendationBox;
  status?: RecommendationStatus;
  overdue?: boolean;
  territoryId?: string;
  indicatorCode?: string;
  period?: number;
  campaignId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

type Row = {
  id: string;
  issuer_organization_id: string;
  issuer_name: string;
  issuer_territory_id: string;
  addressee_organization_id: string | null;
  addressee_territory_id: string | null;
  addressee_name: string;
  addressee_kind: string | null;
  addressee_org_territory_id: string | null;
  subject_territory_id: string;
  subject_territory_name: string;
  title: string;
  text: string;
  campaign_id: string | null;
  campaign_title: string | null;
  indicator_code: string | null;
  period: number | null;
  due_date: string;
  status: RecommendationStatus;
  response: string | null;
  responded_at: string | null;
  responded_by_name: string | null;
  follow_up_comment: string | null;
  decided_at: string | null;
  created_at: string;
  /** The creation time to the microsecond, for the cursor (`exactTime`). */
  created_key: string;
  version: number;
};

const select = sql`SELECT r.id, r.issuer_organization_id, io.short_name AS issuer_name, r.issuer_territory_id,
    r.addressee_organization_id, r.addressee_territory_id, coalesce(ao.short_name, at.name) AS addressee_name, ao.kind AS addressee_kind, ao.territory_id AS addressee_org_territory_id,
    r.subject_territory_id, st.name AS subject_territory_name, r.title, r.text, r.campaign_id, mc.title AS campaign_title, r.indicator_code, r.period,
    r.due_date::text AS due_date, r.status, r.response, r.responded_at, ru.display_name AS responded_by_name, r.follow_up_comment, r.decided_at, r.created_at, ${exactTime(sql`r.created_at`)} AS created_key, r.version
  FROM recommendations r JOIN organizations io ON io.id = r.issuer_organization_id
  LEFT JOIN organizations ao ON ao.id = r.addressee_organization_id LEFT JOIN territories at ON at.id = r.addressee_territory_id
  JOIN territories st ON st.id = r.subject_territory_id LEFT JOIN monitoring_campaigns mc ON mc.id = r.campaign_id
  LEFT JOIN users ru ON ru.id = r.responded_by`;

const governingKinds = ['ministry', 'municipal_authority'];

/** Is the recommendation addressed to the actor: to an organization they administer (or the
 *  education authority of the territory they administer), or to the territory they administer? */
function isAddressee(actor: Actor, r: Row): boolean {
  if (r.addressee_territory_id) return administeredTerritories(actor).includes(r.addressee_territory_id);
  const org = r.addressee_organization_id!;
  return actor.write.organizationIds.includes(org) || (governingKinds.includes(r.addressee_kind ?? '') && administeredTerritories(actor).includes(r.addressee_org_territory_id!));
}
const isIssuer = (actor: Actor, r: Row) => canAdministerOrganization(actor, { id: r.issuer_organization_id, territoryId: r.issuer_territory_id });

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const openStatuses: RecommendationStatus[] = ['issued', 'returned'];

const view = (r: Row, actor: Actor) => ({
  id: r.id,
  issuerOrganizationId: r.issuer_organization_id,
  issuerName: r.issuer_name,
  addressee: r.addressee_territory_id
    ? { kind: 'territory' as const, id: r.addressee_territory_id, name: r.addressee_name }
    : { kind: 'organization' as const, id: r.addressee_organization_id!, name: r.addressee_name },
  subjectTerritoryId: r.subject_territory_id,
  subjectTerritoryName: r.subject_territory_name,
  title: r.title,
  text: r.text,
  campaignId: r.campaign_id,
  campaignTitle: r.campaign_title,
  indicatorCode: r.indicator_code,
  period: r.period,
  dueDate: r.due_date,
  overdue: openStatuses.includes(r.status) && r.due_date < todayIso(),
  status: r.status,
  response: r.response,
  respondedAt: iso(r.responded_at),
  respondedByName: r.responded_by_name,
  followUpComment: r.follow_up_comment,
  decidedAt: iso(r.decided_at),
  createdAt: iso(r.created_at)!,
  version: r.version,
  can: {
    respond: openStatuses.includes(r.status) && isAddressee(actor, r),
    decide: !['accepted', 'closed'].includes(r.status) && isIssuer(actor, r),
  },
});
export type RecommendationView = ReturnType<typeof view>;

const sort: KeysetSort = { keys: [sql`r.created_at`, sql`r.id`], desc: true };

function boxCondition(actor: Actor, box: RecommendationBox): SQL {
  const territories = uuidParam(administeredTerritories(actor));
  const addressed = sql`(r.addressee_territory_id = ANY(${territories}) OR r.addressee_organization_id = ANY(${uuidParam(actor.write.organizationIds)})
    OR r.addressee_organization_id IN ${actorOrganizations(actor)})`;
  if (box === 'issued') return sql`r.issuer_organization_id IN ${actorOrganizations(actor)}`;
  if (box === 'addressed') return addressed;
  return sql`true`;
}

function filter(actor: Actor, q: Omit<RecommendationQuery, 'limit' | 'cursor'>): SQL {
  return sql.join(
    [
      recommendationVisible(actor),
      boxCondition(actor, q.box ?? 'all'),
      q.status ? sql`r.status = ${q.status}` : sql`true`,
      q.overdue ? sql`r.status IN ('issued', 'returned') AND r.due_date < ${todayIso()}::date` : sql`true`,
      q.territoryId ? sql`r.subject_territory_id IN (SELECT id FROM territories WHERE ${q.territoryId} = ANY(path))` : sql`true`,
      q.indicatorCode ? sql`r.indicator_code = ${q.indicatorCode}` : sql`true`,
      q.period ? sql`r.period = ${q.period}` : sql`true`,
      q.campaignId ? sql`r.campaign_id = ${q.campaignId}` : sql`true`,
      ...searchWords(q.q).map((w) => sql`(r.title ILIKE ${'%' + escapeLike(w) + '%'} OR r.text ILIKE ${'%' + escapeLike(w) + '%'})`),
    ],
    sql` AND `,
  );
}

/** The recommendations the actor sees: issued by their body, addressed to them, or all in scope. */
export async function findRecommendations(db: Db, actor: Actor, q: RecommendationQuery) {
  const where = filter(actor, q);
  const after = keysetAfter(sort, q.cursor);
  const rows = await queryRows<Row>(db, sql`${select} WHERE ${where} ${after ? sql`AND ${after}` : sql``} ORDER BY ${keysetOrder(sort)} LIMIT ${q.limit + 1}`);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM recommendations r WHERE ${where}`);
  const page = pageFrom(rows, q.limit, (r) => [r.created_key, r.id]);
  return { items: page.items.map((r) => view(r, actor)), nextCursor: page.nextCursor, total };
}

async function load(db: Db, actor: Actor, id: string) {
  const [row] = await queryRows<Row>(db, sql`${select} WHERE r.id = ${id} AND ${recommendationVisible(actor)}`);
  if (!row) throw notFound('Рекомендация');
  return row;
}

export async function getRecommendation(db: Db, actor: Actor, id: string) {
  return view(await load(db, actor, id), actor);
}

/** Issues one recommendation to each addressee (e.g. every municipality under target on an
 *  indicator), in one transaction: all or nothing. */
export async function issueRecommendations(db: Db, actor: Actor, input: RecommendationInput) {
  if (input.dueDate < todayIso()) throw invalid([{ field: 'dueDate', message: 'Срок исполнения не может быть в прошлом' }]);
  const bad = input.addressees.findIndex((a) => !a.organizationId === !a.territoryId);
  if (bad >= 0) throw invalid([{ field: `addressees.${bad}`, message: 'Адресат — либо организация, либо территория' }]);
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const issuer = await governingBodyFor(t, actor, input.issuerOrganizationId, 'issuerOrganizationId');
    if (input.campaignId) {
      const [c] = await queryRows<{ id: string }>(t, sql`SELECT c.id FROM monitoring_campaigns c WHERE c.id = ${input.campaignId} AND ${monitoringCampaignVisible(actor)}`);
      if (!c) throw invalid([{ field: 'campaignId', message: 'Кампания мониторинга не найдена' }]);
    }
    const orgIds = input.addressees.flatMap((a) => (a.organizationId ? [a.organizationId] : []));
    const territoryIds = input.addressees.flatMap((a) => (a.territoryId ? [a.territoryId] : []));
    // addressees lie under the issuer's territory: its organizations (not the issuer) and its lower territories
    const [orgs, territories] = await Promise.all([
      queryRows<{ id: string; territory_id: string }>(
        t,
        sql`SELECT o.id, o.territory_id FROM organizations o JOIN territories ot ON ot.id = o.territory_id
            WHERE o.id = ANY(${uuidParam(orgIds)}) AND o.id <> ${issuer.id} AND o.archived_at IS NULL AND ${issuer.territory_id} = ANY(ot.path)`,
      ),
      queryRows<{ id: string }>(t, sql`SELECT id FROM territories WHERE id = ANY(${uuidParam(territoryIds)}) AND id <> ${issuer.territory_id} AND ${issuer.territory_id} = ANY(path)`),
    ]);
    const problems = input.addressees.flatMap((a, i) =>
      (a.organizationId && !orgs.some((o) => o.id === a.organizationId)) || (a.territoryId && !territories.some((x) => x.id === a.territoryId))
        ? [{ field: `addressees.${i}`, message: 'Адресат должен относиться к территории, от имени которой выдаётся рекомендация' }]
        : [],
    );
    if (problems.length) throw invalid(problems);
    const unique = [...new Map(input.addressees.map((a) => [a.organizationId ?? a.territoryId!, a])).values()];
    const created = await t
      .insert(recommendations)
      .values(
        unique.map((a) => ({
          issuerOrganizationId: issuer.id,
          issuerTerritoryId: issuer.territory_id,
          addresseeOrganizationId: a.organizationId ?? null,
          addresseeTerritoryId: a.territoryId ?? null,
          subjectTerritoryId: a.territoryId ?? orgs.find((o) => o.id === a.organizationId)!.territory_id,
          title: input.title,
          text: input.text,
          campaignId: input.campaignId ?? null,
          indicatorCode: input.indicatorCode ?? null,
          period: input.period ?? null,
          dueDate: input.dueDate,
          createdBy: actor.userId,
        })),
      )
      .returning({ id: recommendations.id, subjectTerritoryId: recommendations.subjectTerritoryId });
    const rows = await queryRows<Row>(t, sql`${select} WHERE r.id = ANY(${uuidParam(created.map((c) => c.id))}) ORDER BY addressee_name`);
    await recordAudit(t, actor, {
      action: 'recommendation.issue',
      entity: 'recommendation',
      entityId: created.length === 1 ? created[0].id : null,
      territoryIds: [issuer.territory_id, ...new Set(created.map((c) => c.subjectTerritoryId))],
      organizationIds: [issuer.id, ...orgIds],
      after: { ...input, ids: created.map((c) => c.id) },
    });
    return { items: rows.map((r) => view(r, actor)) };
  });
}

/** The addressee's response: what was done. Allowed while the recommendation waits for one. */
export async function respondToRecommendation(db: Db, actor: Actor, id: string, input: { response: string; version: number }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const r = await load(t, actor, id);
    if (!isAddressee(actor, r)) throw forbidden('Отвечает на рекомендацию её адресат');
    if (r.version !== input.version) throw staleVersion();
    if (!openStatuses.includes(r.status)) throw new AppError(409, 'bad_transition', 'Ответ уже дан: дождитесь решения выдавшего рекомендацию');
    await t
      .update(recommendations)
      .set({ status: 'responded', response: input.response, respondedAt: new Date(), respondedBy: actor.userId, version: r.version + 1, updatedAt: new Date() })
      .where(eq(recommendations.id, id));
    const after = await getRecommendation(t, actor, id);
    await recordAudit(t, actor, { action: 'recommendation.respond', entity: 'recommendation', entityId: id, territoryIds: [r.subject_territory_id], organizationIds: r.addressee_organization_id ? [r.addressee_organization_id] : [], before: { status: r.status, response: r.response }, after: { status: after.status, response: after.response } });
    return after;
  });
}

const nextStatus: Record<RecommendationAction, { from: RecommendationStatus[]; to: RecommendationStatus }> = {
  accept: { from: ['responded'], to: 'accepted' },
  return: { from: ['responded'], to: 'returned' },
  close: { from: ['issued', 'responded', 'returned'], to: 'closed' },
};

/** The issuer's follow-up: accept the execution, return the response, or close the recommendation. */
export async function decideRecommendation(db: Db, actor: Actor, id: string, input: { action: RecommendationAction; comment?: string | null; version: number }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const r = await load(t, actor, id);
    if (!isIssuer(actor, r)) throw forbidden('Решение по рекомендации принимает выдавший её орган');
    if (r.version !== input.version) throw staleVersion();
    const step = nextStatus[input.action];
    if (!step.from.includes(r.status)) throw new AppError(409, 'bad_transition', r.status === 'issued' || r.status === 'returned' ? 'Адресат ещё не ответил' : 'Рекомендация уже снята с контроля');
    if (input.action === 'return' && !input.comment?.trim()) throw invalid([{ field: 'comment', message: 'Укажите, что доработать: комментарий обязателен при возврате' }]);
    await t
      .update(recommendations)
      .set({ status: step.to, followUpComment: input.comment?.trim() || null, decidedAt: new Date(), decidedBy: actor.userId, version: r.version + 1, updatedAt: new Date() })
      .where(eq(recommendations.id, id));
    const after = await getRecommendation(t, actor, id);
    await recordAudit(t, actor, { action: `recommendation.${input.action}`, entity: 'recommendation', entityId: id, territoryIds: [r.issuer_territory_id, r.subject_territory_id], organizationIds: [r.issuer_organization_id], before: { status: r.status }, after: { status: after.status, comment: after.followUpComment } });
    return after;
  });
}

/** For the annual reports: the recommendations about a territory (or under it) for a period — by
 *  their basis period, or issued in that year when they have none. No actor: the report checks access. */
export async function listRecommendationsForReport(db: Db, q: { territoryId: string; period: number }) {
  const rows = await queryRows<Row>(
    db,
    sql`${select} WHERE (r.subject_territory_id IN (SELECT id FROM territories WHERE ${q.territoryId} = ANY(path)) OR r.issuer_territory_id = ${q.territoryId})
        AND coalesce(r.period, extract(year FROM r.created_at)::int) = ${q.period} ORDER BY r.created_at, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    issuerName: r.issuer_name,
    addresseeName: r.addressee_name,
    title: r.title,
    indicatorCode: r.indicator_code,
    campaignTitle: r.campaign_title,
    dueDate: r.due_date,
    status: r.status,
    response: r.response,
    overdue: openStatuses.includes(r.status) && r.due_date < todayIso(),
  }));
}
