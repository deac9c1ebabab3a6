import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { educationalResources, innovationSites } from './registries.schema.js';
import { canAdministerOrganization, canWriteAt, organizationVisible, type Actor } from '../../lib/access.js';
import { forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ResourceAudience, SiteKind, SiteStatus } from '../../../common/practices.js';

/**
 * Registries beside the bank of practices (ADR 0018): the navigator of educational resources and
 * innovation and internship sites. They hold no personal data, are read by everyone of the region
 * and kept by the region. Professional communities live in the communities module (ADR 0017).
 */

const uuidArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;

/** The regions the actor belongs to: of their roles, scopes and workplaces. A subquery. */
function actorRegions(actor: Actor): SQL {
  const territoryIds = [...new Set([...actor.read.territoryIds, ...actor.ownTerritoryIds, ...actor.roles.flatMap((r) => (r.territoryId ? [r.territoryId] : []))])];
  const organizationIds = [...new Set([...actor.ownOrganizationIds, ...actor.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : []))])];
  return sql`(SELECT rt.path[1] FROM territories rt WHERE rt.id = ANY(${uuidArray(territoryIds)})
    OR rt.id IN (SELECT ro.territory_id FROM organizations ro WHERE ro.id = ANY(${uuidArray(organizationIds)})))`;
}

async function regionOf(db: Db, territoryId: string): Promise<string> {
  const [row] = await db.select({ region: sql<string>`${territories.path}[1]` }).from(territories).where(eq(territories.id, territoryId));
  if (!row) throw invalid([{ field: 'territoryId', message: 'Территория не найдена' }]);
  return row.region;
}

const likeAll = (cols: SQL, q: string | undefined): SQL[] =>
  searchWords(q).map((w) => sql`lower(replace(${cols}, 'ё', 'е')) LIKE ${`%${escapeLike(w)}%`}`);

async function pageOfRows<T extends { id: string }>(db: Db, from: SQL, where: SQL[], sort: KeysetSort, q: { limit: number; cursor?: string }, keyOf: (r: T) => unknown[]) {
  const cond = sql.join(where, sql` AND `);
  const after = keysetAfter(sort, q.cursor);
  const rows = await queryRows<T>(db, sql`${from} WHERE ${cond} ${after ? sql`AND ${after}` : sql``} ORDER BY ${keysetOrder(sort)} LIMIT ${q.limit + 1}`);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${from} WHERE ${cond}) x`);
  return { ...pageFrom(rows, q.limit, keyOf), total };
}

const checkVersion = (current: number, version: number) => {
  if (current !== version) throw staleVersion();
};

// ───────────── navigator of educational resources ─────────────

const regionalCurator = (actor: Actor, regionId: string) =>
  actor.roles.some((r) => (r.role === 'regional_admin' || r.role === 'regional_methodologist') && r.territoryId === regionId);

export interface ResourceInput {
  title: string;
  url: string;
  topic: string;
  audiences: ResourceAudience[];
  description?: string | null;
  regionId?: string;
}

interface ResourceRow {
  id: string;
  region_id: string;
  title: string;
  url: string;
  topic: string;
  audiences: ResourceAudience[];
  description: string | null;
  version: number;
}

const resourceView = (actor: Actor) => (r: ResourceRow) => ({
  id: r.id,
  title: r.title,
  url: r.url,
  topic: r.topic,
  audiences: r.audiences,
  description: r.description,
  version: r.version,
  canEdit: regionalCurator(actor, r.region_id),
});

export async function findResources(db: Db, actor: Actor, q: { q?: string; topic?: string; audience?: ResourceAudience; limit: number; cursor?: string }) {
  const where = [
    sql`r.archived_at IS NULL`,
    sql`r.region_id IN ${actorRegions(actor)}`,
    ...likeAll(sql`r.title || ' ' || r.topic || ' ' || coalesce(r.description, '')`, q.q),
    ...(q.topic ? [sql`r.topic = ${q.topic}`] : []),
    ...(q.audience ? [sql`${q.audience} = ANY(r.audiences)`] : []),
  ];
  const sort: KeysetSort = { keys: [sql`r.topic`, sql`r.title`, sql`r.id`] };
  const page = await pageOfRows<ResourceRow>(db, sql`SELECT r.id, r.region_id, r.title, r.url, r.topic, r.audiences, r.description, r.version FROM educational_resources r`, where, sort, q, (r) => [r.topic, r.title, r.id]);
  const topics = await queryRows<{ topic: string; count: number }>(
    db,
    sql`SELECT r.topic, count(*)::int AS count FROM educational_resources r WHERE r.archived_at IS NULL AND r.region_id IN ${actorRegions(actor)} GROUP BY r.topic ORDER BY r.topic`,
  );
  const curatorRegions = actor.roles.flatMap((r) => ((r.role === 'regional_admin' || r.role === 'regional_methodologist') && r.territoryId ? [r.territoryId] : []));
  return { items: page.items.map(resourceView(actor)), nextCursor: page.nextCursor, total: page.total, topics, canCreate: curatorRegions.length > 0 };
}

async function defaultCuratedRegion(db: Db, actor: Actor, regionId: string | undefined): Promise<string> {
  const candidates = actor.roles.flatMap((r) => ((r.role === 'regional_admin' || r.role === 'regional_methodologist') && r.territoryId ? [r.territoryId] : []));
  const region = regionId ?? candidates[0];
  if (!region || !regionalCurator(actor, region)) throw forbidden('Навигатор ресурсов ведут администратор и методисты региона');
  return regionOf(db, region);
}

export async function createResource(db: Db, actor: Actor, input: ResourceInput) {
  const regionId = await defaultCuratedRegion(db, actor, input.regionId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(educationalResources)
      .values({ regionId, title: input.title, url: input.url, topic: input.topic, audiences: input.audiences, description: input.description ?? null })
      .returning();
    await recordAudit(tx as Db, actor, { action: 'resource.create', entity: 'educational_resource', entityId: row.id, territoryIds: [regionId], after: input });
    return resourceView(actor)({ ...row, region_id: row.regionId });
  });
}

export async function updateResource(db: Db, actor: Actor, id: string, input: Partial<ResourceInput> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(educationalResources).where(eq(educationalResources.id, id));
    const [visible] = row ? await queryRows<{ ok: boolean }>(tx as Db, sql`SELECT ${row.regionId}::uuid IN ${actorRegions(actor)} AS ok`) : [];
    if (!row || !visible?.ok || row.archivedAt) throw notFound('Ресурс');
    if (!regionalCurator(actor, row.regionId)) throw forbidden('Навигатор ресурсов ведут администратор и методисты региона');
    checkVersion(row.version, input.version);
    const { version: _v, archived, regionId: _r, ...fields } = input;
    const [updated] = await tx
      .update(educationalResources)
      .set({ ...fields, ...(archived ? { archivedAt: new Date() } : {}), version: row.version + 1, updatedAt: new Date() })
      .where(eq(educationalResources.id, id))
      .returning();
    await recordAudit(tx as Db, actor, { action: archived ? 'resource.archive' : 'resource.update', entity: 'educational_resource', entityId: id, territoryIds: [row.regionId], before: row, after: input });
    return resourceView(actor)({ ...updated, region_id: updated.regionId });
  });
}

// ───────────── innovation and internship sites ─────────────

export interface SiteInput {
  organizationId: string;
  kind: SiteKind;
  status: SiteStatus;
  topic: string;
  periodFrom: string;
  periodTo?: string | null;
  orderRef?: string | null;
}

interface SiteRow {
  id: string;
  organization_id: string;
  organization_name: string;
  territory_id: string;
  territory_name: string;
  region_id: string;
  kind: SiteKind;
  status: SiteStatus;
  topic: string;
  period_from: string;
  period_to: string | null;
  order_ref: string | null;
  version: number;
}

const regionalAdminOf = (actor: Actor, regionId: string) => actor.roles.some((r) => r.role === 'regional_admin' && r.territoryId === regionId);

const siteView = (actor: Actor) => (r: SiteRow) => ({
  id: r.id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  territoryName: r.territory_name,
  kind: r.kind,
  status: r.status,
  topic: r.topic,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  orderRef: r.order_ref,
  version: r.version,
  canEdit: regionalAdminOf(actor, r.region_id),
});

const siteSelect = sql`SELECT s.id, s.organization_id, o.short_name AS organization_name, s.territory_id, t.name AS territory_name, t.path[1] AS region_id,
    s.kind, s.status, s.topic, s.period_from::text AS period_from, s.period_to::text AS period_to, s.order_ref, s.version
  FROM innovation_sites s JOIN organizations o ON o.id = s.organization_id JOIN territories t ON t.id = s.territory_id`;

export async function findSites(db: Db, actor: Actor, q: { q?: string; kind?: SiteKind; status?: SiteStatus; territoryId?: string; limit: number; cursor?: string }) {
  const where = [
    sql`s.archived_at IS NULL`,
    sql`t.path[1] IN ${actorRegions(actor)}`,
    ...likeAll(sql`o.short_name || ' ' || s.topic`, q.q),
    ...(q.kind ? [sql`s.kind = ${q.kind}`] : []),
    ...(q.status ? [sql`s.status = ${q.status}`] : []),
    ...(q.territoryId ? [sql`${q.territoryId}::uuid = ANY(t.path)`] : []),
  ];
  const page = await pageOfRows<SiteRow>(db, siteSelect, where, { keys: [sql`o.short_name`, sql`s.id`] }, q, (r) => [r.organization_name, r.id]);
  return { items: page.items.map(siteView(actor)), nextCursor: page.nextCursor, total: page.total, canCreate: actor.roles.some((r) => r.role === 'regional_admin') };
}

async function siteOrganization(db: Db, actor: Actor, organizationId: string) {
  const [org] = await db
    .select({ id: organizations.id, territoryId: organizations.territoryId, path: organizations.path, regionId: sql<string>`(SELECT t.path[1] FROM territories t WHERE t.id = ${organizations.territoryId})` })
    .from(organizations)
    // an organization the actor does not see is answered as one that does not exist
    .where(and(eq(organizations.id, organizationId), organizationVisible(actor, organizations)));
  if (!org) throw invalid([{ field: 'organizationId', message: 'Организация не найдена' }]);
  if (!regionalAdminOf(actor, org.regionId)) throw forbidden('Статус инновационной или стажировочной площадки присваивает администратор региона');
  return org;
}

const checkPeriod = (from: string, to: string | null | undefined) => {
  if (to && to < from) throw invalid([{ field: 'periodTo', message: 'Окончание периода раньше его начала' }]);
};

async function siteById(db: Db, actor: Actor, id: string) {
  const [row] = await queryRows<SiteRow>(db, sql`${siteSelect} WHERE s.id = ${id} AND s.archived_at IS NULL AND t.path[1] IN ${actorRegions(actor)}`);
  if (!row) throw notFound('Площадка');
  return row;
}

export async function createSite(db: Db, actor: Actor, input: SiteInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const org = await siteOrganization(t, actor, input.organizationId);
    checkPeriod(input.periodFrom, input.periodTo);
    const [row] = await t
      .insert(innovationSites)
      .values({ ...input, territoryId: org.territoryId, periodTo: input.periodTo ?? null, orderRef: input.orderRef ?? null })
      .returning({ id: innovationSites.id });
    await recordAudit(t, actor, { action: 'innovation_site.create', entity: 'innovation_site', entityId: row.id, territoryIds: [org.territoryId, org.regionId], organizationIds: org.path, after: input });
    return siteView(actor)(await siteById(t, actor, row.id));
  });
}

export async function updateSite(db: Db, actor: Actor, id: string, input: Partial<Omit<SiteInput, 'organizationId'>> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const row = await siteById(t, actor, id);
    if (!regionalAdminOf(actor, row.region_id)) throw forbidden('Реестр площадок ведёт администратор региона');
    checkVersion(row.version, input.version);
    checkPeriod(input.periodFrom ?? row.period_from, input.periodTo === undefined ? row.period_to : input.periodTo);
    const { version: _v, archived, ...fields } = input;
    await t
      .update(innovationSites)
      .set({ ...fields, ...(archived ? { archivedAt: new Date() } : {}), version: row.version + 1, updatedAt: new Date() })
      .where(eq(innovationSites.id, id));
    await recordAudit(t, actor, { action: archived ? 'innovation_site.archive' : 'innovation_site.update', entity: 'innovation_site', entityId: id, territoryIds: [row.territory_id, row.region_id], organizationIds: [row.organization_id], before: row, after: input });
    return archived ? { ...siteView(actor)(row), version: row.version + 1 } : siteView(actor)(await siteById(t, actor, id));
  });
}
