import { and, desc, eq, gte, lte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from './audit.schema.js';
import { isAdministrator, type Actor } from '../../lib/access.js';
import { forbidden } from '../../lib/errors.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  territoryIds?: string[];
  organizationIds?: string[];
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log inside the caller's transaction, so a write and its audit record
 *  commit or roll back together. */
export async function recordAudit(db: Db, actor: Pick<Actor, 'userId' | 'login' | 'ip'> | null, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: actor?.userId ?? null,
    login: actor?.login ?? null,
    ip: actor?.ip ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    territoryIds: e.territoryIds ?? [],
    organizationIds: e.organizationIds ?? [],
    before: (e.before ?? null) as never,
    after: (e.after ?? null) as never,
  });
}

export interface AuditQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  login?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Administrators browse the audit of records within their write scope. */
export async function findAudit(db: Db, actor: Actor, q: AuditQuery) {
  if (!isAdministrator(actor)) throw forbidden('Журнал аудита доступен только администраторам');
  const scope: SQL[] = [];
  if (actor.write.territoryIds.length) scope.push(sql`${auditLog.territoryIds} && ${sql.param(actor.write.territoryIds)}::uuid[]`);
  if (actor.write.organizationIds.length)
    scope.push(sql`${auditLog.organizationIds} && ${sql.param(actor.write.organizationIds)}::uuid[]`);
  if (scope.length === 0) scope.push(sql`false`);
  const filters: (SQL | undefined)[] = [
    sql`(${sql.join(scope, sql` OR `)})`,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.login ? eq(auditLog.login, q.login) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
  const where = and(...filters);
  const page = await db
    .select()
    .from(auditLog)
    .where(and(where, q.cursor ? lt(auditLog.id, Number(q.cursor)) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const items = page.slice(0, q.limit);
  return {
    items: items.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: page.length > q.limit ? String(items[items.length - 1].id) : null,
    total,
  };
}
