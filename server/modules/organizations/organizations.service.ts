import { and, eq, inArray, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { organizations } from './organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { organizationVisible, territoryVisible, canWriteAt, type Actor } from '../../lib/access.js';
import { forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { exactTime, keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { OrganizationKind, OrganizationFunction } from '../../../common/dictionaries.js';

export type Organization = typeof organizations.$inferSelect;

export interface OrganizationInput {
  kind: OrganizationKind;
  fullName: string;
  shortName: string;
  territoryId: string;
  parentId?: string | null;
  inn?: string | null;
  address?: string | null;
  lowResultsSchool?: boolean;
  innovationSite?: boolean;
  internshipSite?: boolean;
  functions?: OrganizationFunction[];
}

export interface OrganizationQuery {
  q?: string;
  kind?: OrganizationKind;
  territoryId?: string;
  parentId?: string;
  lowResultsSchool?: boolean;
  archived?: boolean;
  sort?: 'name' | 'updated';
  limit: number;
  cursor?: string;
}

const view = (o: Organization & { territoryName?: string | null }) => ({
  id: o.id,
  kind: o.kind as OrganizationKind,
  fullName: o.fullName,
  shortName: o.shortName,
  territoryId: o.territoryId,
  territoryName: o.territoryName ?? null,
  parentId: o.parentId,
  inn: o.inn,
  address: o.address,
  lowResultsSchool: o.lowResultsSchool,
  innovationSite: o.innovationSite,
  internshipSite: o.internshipSite,
  functions: o.functions as OrganizationFunction[],
  archived: o.archivedAt !== null,
  version: o.version,
  updatedAt: o.updatedAt.toISOString(),
});
export type OrganizationView = ReturnType<typeof view>;

const sorts: Record<NonNullable<OrganizationQuery['sort']>, KeysetSort> = {
  name: { keys: [sql`${organizations.shortName}`, sql`${organizations.id}`] },
  updated: { keys: [sql`${organizations.updatedAt}`, sql`${organizations.id}`], desc: true },
};

/** The filters of a list, shared by the page, the total and the XLSX export. */
function listFilter(actor: Actor, q: Omit<OrganizationQuery, 'limit' | 'cursor' | 'sort'>): SQL | undefined {
  const words = searchWords(q.q);
  return and(
    organizationVisible(actor, organizations),
    q.archived ? isNotNull(organizations.archivedAt) : isNull(organizations.archivedAt),
    q.kind ? eq(organizations.kind, q.kind) : undefined,
    q.territoryId ? sql`${organizations.territoryId} IN (SELECT id FROM territories WHERE path @> ARRAY[${q.territoryId}]::uuid[])` : undefined,
    q.parentId ? eq(organizations.parentId, q.parentId) : undefined,
    q.lowResultsSchool !== undefined ? eq(organizations.lowResultsSchool, q.lowResultsSchool) : undefined,
    ...words.map((w) => sql`(${organizations.shortName} ILIKE ${'%' + escapeLike(w) + '%'} OR ${organizations.fullName} ILIKE ${'%' + escapeLike(w) + '%'} OR ${organizations.inn} = ${w})`),
  );
}

const columnsWithTerritory = { org: organizations, territoryName: territories.name };

export async function findOrganizations(db: Db, actor: Actor, q: OrganizationQuery) {
  const sort = sorts[q.sort ?? 'name'];
  const where = listFilter(actor, q);
  const rows = await db
    .select({ ...columnsWithTerritory, updatedKey: exactTime(organizations.updatedAt) })
    .from(organizations)
    .innerJoin(territories, eq(territories.id, organizations.territoryId))
    .where(and(where, keysetAfter(sort, q.cursor)))
    .orderBy(keysetOrder(sort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where);
  const page = pageFrom(rows, q.limit, (r) => (q.sort === 'updated' ? [r.updatedKey, r.org.id] : [r.org.shortName, r.org.id]));
  return { items: page.items.map((r) => view({ ...r.org, territoryName: r.territoryName })), nextCursor: page.nextCursor, total };
}

/** All matching organizations for an export, in batches so a large list does not sit in memory twice. */
export async function* streamOrganizations(db: Db, actor: Actor, q: Omit<OrganizationQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  do {
    const page = await findOrganizations(db, actor, { ...q, limit: 2000, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function loadVisible(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db
    .select(columnsWithTerritory)
    .from(organizations)
    .innerJoin(territories, eq(territories.id, organizations.territoryId))
    .where(and(eq(organizations.id, id), organizationVisible(actor, organizations)));
  if (!row) throw notFound('Организация');
  if (mode === 'write' && !canWriteAt(actor, { territoryIds: [row.org.territoryId], organizationIds: [row.org.id] })) throw forbidden();
  return row;
}

export async function getOrganization(db: Db, actor: Actor, id: string) {
  const row = await loadVisible(db, actor, id);
  return view({ ...row.org, territoryName: row.territoryName });
}

/** Resolves the parent and the territory and checks that the actor administers the place. */
async function placement(db: Db, actor: Actor, input: Pick<OrganizationInput, 'territoryId' | 'parentId'>) {
  // a territory the actor does not see is answered as one that does not exist
  const [territory] = await db.select().from(territories).where(and(eq(territories.id, input.territoryId), territoryVisible(actor, territories)));
  if (!territory) throw invalid([{ field: 'territoryId', message: 'Территория не найдена' }]);
  let parentPath: string[] = [];
  if (input.parentId) {
    const parent = await loadVisible(db, actor, input.parentId);
    parentPath = parent.org.path;
  }
  if (!canWriteAt(actor, { territoryIds: [territory.id], organizationIds: input.parentId ? [input.parentId] : [] })) {
    throw forbidden('Создавать и переносить организации можно только в пределах своей территории или организации');
  }
  return { parentPath };
}

export async function createOrganization(db: Db, actor: Actor, input: OrganizationInput) {
  return db.transaction(async (tx) => {
    const { parentPath } = await placement(tx as Db, actor, input);
    const id = crypto.randomUUID();
    const [o] = await tx
      .insert(organizations)
      .values({ ...input, id, parentId: input.parentId ?? null, path: [...parentPath, id], functions: input.functions ?? [] })
      .returning();
    await recordAudit(tx as Db, actor, auditOf('organization.create', o, undefined, view(o)));
    const [territory] = await tx.select({ name: territories.name }).from(territories).where(eq(territories.id, o.territoryId));
    return view({ ...o, territoryName: territory?.name ?? null });
  });
}

export async function updateOrganization(db: Db, actor: Actor, id: string, input: Partial<OrganizationInput> & { version: number; archived?: boolean }) {
  return db.transaction(async (tx) => {
    const { org: before } = await loadVisible(tx as Db, actor, id, 'write');
    if (before.version !== input.version) throw staleVersion();
    const { version, archived, ...changes } = input;
    let path = before.path;
    if (changes.territoryId !== undefined || changes.parentId !== undefined) {
      const parentId = changes.parentId === undefined ? before.parentId : changes.parentId;
      if (parentId === id) throw invalid([{ field: 'parentId', message: 'Организация не может быть подчинена сама себе' }]);
      const { parentPath } = await placement(tx as Db, actor, { territoryId: changes.territoryId ?? before.territoryId, parentId });
      if (parentPath.includes(id)) throw invalid([{ field: 'parentId', message: 'Нельзя подчинить организацию её же подразделению' }]);
      path = [...parentPath, id];
    }
    const [after] = await tx
      .update(organizations)
      .set({
        ...changes,
        path,
        archivedAt: archived === undefined ? before.archivedAt : archived ? (before.archivedAt ?? new Date()) : null,
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(organizations.id, id), eq(organizations.version, version)))
      .returning();
    if (!after) throw staleVersion();
    if (path.join() !== before.path.join()) {
      // keep descendants' paths in step with the moved subtree
      await tx.execute(sql`UPDATE organizations SET path = ${sql.param(path)}::uuid[] || path[array_position(path, ${id}::uuid) + 1:]
                           WHERE path @> ARRAY[${id}]::uuid[] AND id <> ${id}`);
    }
    await recordAudit(tx as Db, actor, auditOf('organization.update', after, view(before), view(after)));
    const [territory] = await tx.select({ name: territories.name }).from(territories).where(eq(territories.id, after.territoryId));
    return view({ ...after, territoryName: territory?.name ?? null });
  });
}

function auditOf(action: string, o: Organization, before: unknown, after: unknown) {
  return { action, entity: 'organization', entityId: o.id, territoryIds: [o.territoryId], organizationIds: o.path, before, after };
}

/** Organizations by id for other modules (imports, staff cards), unscoped: callers scope first. */
export async function organizationsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(organizations).where(sql`${organizations.id} = ANY(${sql.param(ids)}::uuid[])`);
}

export async function countOrganizations(db: Db, actor: Actor, q: Omit<OrganizationQuery, 'limit' | 'cursor' | 'sort'>) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(listFilter(actor, q));
  return n;
}

/** The organizations an actor administers, for matching names in imports. */
export async function organizationsInWriteScope(db: Db, actor: Actor) {
  return db
    .select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName, inn: organizations.inn, territoryId: organizations.territoryId, path: organizations.path })
    .from(organizations)
    .where(and(isNull(organizations.archivedAt), organizationVisible(actor, organizations, 'write')));
}

/** The organizations an actor sees, for matching names in imports (e.g. a programme's provider). */
export async function organizationsInReadScope(db: Db, actor: Actor) {
  return db
    .select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName, inn: organizations.inn, territoryId: organizations.territoryId, path: organizations.path })
    .from(organizations)
    .where(and(isNull(organizations.archivedAt), organizationVisible(actor, organizations)));
}

export interface OrganizationImportRow extends OrganizationInput {
  id: string;
  path: string[];
}

/** Inserts imported organizations (already validated and placed) in the caller's transaction. */
export async function importOrganizations(db: Db, rows: OrganizationImportRow[]) {
  await bulkInsert(db, organizations, rows.map((r) => ({ ...r, functions: r.functions ?? [] })));
  return rows.map((r) => r.id);
}

/** Internship sites (стажировочные площадки) of the region of these municipalities, the
 *  municipalities' own first: for learning plan suggestions. */
export async function internshipSitesNear(db: Db, municipalityIds: string[], limit = 5) {
  if (!municipalityIds.length) return [];
  return queryRows<{ id: string; short_name: string }>(
    db,
    sql`SELECT o.id, o.short_name FROM organizations o JOIN territories t ON t.id = o.territory_id
        WHERE o.internship_site AND o.archived_at IS NULL
          AND t.path[1] IN (SELECT mt.path[1] FROM territories mt WHERE mt.id = ANY(${sql.param(municipalityIds)}::uuid[]))
        ORDER BY (o.territory_id = ANY(${sql.param(municipalityIds)}::uuid[])) DESC, o.short_name, o.id LIMIT ${limit}`,
  );
}

/** The municipal methodological service, which hosts the municipality's methodological associations. */
export async function methodologicalServiceOf(db: Db, municipalityIds: string[]) {
  if (!municipalityIds.length) return null;
  const [row] = await db
    .select({ id: organizations.id, shortName: organizations.shortName })
    .from(organizations)
    .where(and(inArray(organizations.territoryId, municipalityIds), eq(organizations.kind, 'methodological_service'), isNull(organizations.archivedAt)))
    .orderBy(organizations.shortName)
    .limit(1);
  return row ?? null;
}
