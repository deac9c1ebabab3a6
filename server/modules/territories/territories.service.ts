import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { territories } from './territories.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { staff } from '../staff/staff.schema.js';
import { territoryVisible, organizationVisible, staffVisible, canWriteAt, type Actor } from '../../lib/access.js';
import { forbidden, notFound, staleVersion } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { escapeLike } from '../../lib/search.js';
import type { TerritoryKind } from '../../../common/dictionaries.js';

export type Territory = typeof territories.$inferSelect;

const view = (t: Territory) => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  code: t.code,
  parentId: t.parentId,
  version: t.version,
});
export type TerritoryView = ReturnType<typeof view>;

/** Territories are few (a region has tens of municipalities), so the list is one page, ordered for a tree. */
export async function findTerritories(db: Db, actor: Actor, q: { q?: string; kind?: TerritoryKind; parentId?: string }) {
  const rows = await db
    .select()
    .from(territories)
    .where(
      and(
        territoryVisible(actor, territories),
        q.kind ? eq(territories.kind, q.kind) : undefined,
        q.parentId ? eq(territories.parentId, q.parentId) : undefined,
        q.q ? sql`${territories.name} ILIKE ${'%' + escapeLike(q.q) + '%'}` : undefined,
      ),
    )
    .orderBy(asc(territories.kind), asc(territories.name));
  const counts = await countsByTerritory(db, actor, rows.map((r) => r.id));
  const items = rows.map((t) => ({ ...view(t), ...(counts.get(t.id) ?? { organizationCount: 0, staffCount: 0 }) }));
  return { items, nextCursor: null, total: items.length };
}

/** Organizations and people under each territory, counted within the actor's own scope: a
 *  municipal administrator sees their region in the tree but not the region's totals. */
async function countsByTerritory(db: Db, actor: Actor, ids: string[]) {
  const result = new Map<string, { organizationCount: number; staffCount: number }>();
  if (!ids.length) return result;
  const idArr = sql`${sql.param(ids)}::uuid[]`;
  const orgRows = await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT t.id, (SELECT count(*)::int FROM ${organizations} WHERE ${organizations.archivedAt} IS NULL
          AND ${organizations.territoryId} IN (SELECT id FROM territories WHERE path @> ARRAY[t.id])
          AND ${organizationVisible(actor, organizations)}) AS n
        FROM unnest(${idArr}) AS t(id)`,
  );
  const staffRows = await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT t.id, (SELECT count(*)::int FROM ${staff} WHERE ${staff.archivedAt} IS NULL
          AND ${staff.territoryIds} @> ARRAY[t.id] AND ${staffVisible(actor, staff)}) AS n
        FROM unnest(${idArr}) AS t(id)`,
  );
  for (const r of orgRows) result.set(r.id, { organizationCount: Number(r.n), staffCount: 0 });
  for (const r of staffRows) result.get(r.id)!.staffCount = Number(r.n);
  return result;
}

export async function getTerritory(db: Db, actor: Actor, id: string) {
  const [t] = await db.select().from(territories).where(and(eq(territories.id, id), territoryVisible(actor, territories)));
  if (!t) throw notFound('Территория');
  return view(t);
}

export async function createTerritory(db: Db, actor: Actor, input: { kind: TerritoryKind; name: string; code?: string | null; parentId?: string | null }) {
  return db.transaction(async (tx) => {
    let path: string[] = [];
    if (input.parentId) {
      const parent = await getTerritory(tx as Db, actor, input.parentId);
      const [p] = await tx.select({ path: territories.path }).from(territories).where(eq(territories.id, parent.id));
      path = p.path;
    }
    // Regions are created by the deployment's administrator (CLI); in the UI, only below one's own territory.
    if (!input.parentId || !canWriteAt(actor, { territoryIds: [input.parentId], organizationIds: [] })) throw forbidden();
    const id = crypto.randomUUID();
    const [t] = await tx
      .insert(territories)
      .values({ id, kind: input.kind, name: input.name, code: input.code ?? null, parentId: input.parentId, path: [...path, id] })
      .returning();
    await recordAudit(tx as Db, actor, { action: 'territory.create', entity: 'territory', entityId: id, territoryIds: t.path, after: view(t) });
    return view(t);
  });
}

export async function updateTerritory(db: Db, actor: Actor, id: string, input: { version: number; name?: string; code?: string | null }) {
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(territories).where(and(eq(territories.id, id), territoryVisible(actor, territories)));
    if (!t) throw notFound('Территория');
    if (!canWriteAt(actor, { territoryIds: [t.id], organizationIds: [] })) throw forbidden();
    if (t.version !== input.version) throw staleVersion();
    const [u] = await tx
      .update(territories)
      .set({ name: input.name ?? t.name, code: input.code === undefined ? t.code : input.code, version: t.version + 1, updatedAt: new Date() })
      .where(and(eq(territories.id, id), eq(territories.version, input.version)))
      .returning();
    if (!u) throw staleVersion();
    await recordAudit(tx as Db, actor, { action: 'territory.update', entity: 'territory', entityId: id, territoryIds: t.path, before: view(t), after: view(u) });
    return view(u);
  });
}

/** Each territory with its ancestors (region first), for denormalizing a record's place. */
export async function territoryPaths(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: territories.id, path: territories.path }).from(territories).where(sql`${territories.id} = ANY(${sql.param(ids)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** Territories by name, for matching a municipality written in an imported file. */
export async function territoriesByName(db: Db, actor: Actor) {
  return db.select({ id: territories.id, name: territories.name, kind: territories.kind, path: territories.path }).from(territories).where(territoryVisible(actor, territories));
}
