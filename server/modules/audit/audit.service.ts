import { and, desc, eq, gte, lte, lt, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
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

/** Kinds of audit actions for «what did account X read or export»: reads of others' records are
 *  `<entity>.read` (also `event.registrations.read`), exports end in `export`. */
export const auditKinds = ['read', 'export', 'access'] as const;
export type AuditKind = (typeof auditKinds)[number];
const readActions = sql`${auditLog.action} LIKE '%.read'`;
const exportActions = sql`${auditLog.action} LIKE '%export'`;
const kindFilter: Record<AuditKind, SQL> = {
  read: readActions,
  export: exportActions,
  access: sql`(${readActions} OR ${exportActions})`,
};

export interface AuditQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  login?: string;
  userId?: string;
  kind?: AuditKind;
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
    q.userId ? eq(auditLog.userId, q.userId) : undefined,
    q.kind ? kindFilter[q.kind] : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
  const where = and(...filters);
  const page = await db
    .select()
    .from(auditLog)
    .where(and(where, q.cursor ? lt(auditLog.id, Number(q.cursor)) : undefined))
    // with a selective filter (an account, a record) the matching rows are few but spread over the
    // whole log: sorting them is fast, walking the primary key backwards past everyone else's rows
    // is not (2 s on 2 million rows); `id + 0` keeps the planner off that walk (ADR 0029)
    .orderBy(q.login || q.userId || q.entityId ? sql`${auditLog.id} + 0 desc` : desc(auditLog.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const items = page.slice(0, q.limit);
  return {
    items: items.map(({ chainSeq: _seq, prevHash: _prev, hash: _hash, payloadHash: _payload, erasedAt: _erasedAt, erasedBy: _erasedBy, ...r }) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: page.length > q.limit ? String(items[items.length - 1].id) : null,
    total,
  };
}

export interface AuditChainBreak {
  chainSeq: number;
  id: number;
  reason: string;
}

export interface AuditChainReport {
  rows: number;
  /** Rows whose personal part was erased (destruction acts, retention): chained fields verified only. */
  erased: number;
  /** The last link: keep it elsewhere (a printout, another system) to detect a cut tail. */
  head: { chainSeq: number; hash: string } | null;
  breaks: AuditChainBreak[];
}

/** Recomputes every link of the audit chain in one pass of the database (ADR 0020): an edited
 *  row no longer matches its hash, a deleted one leaves a gap or a broken link. */
export async function verifyAuditChain(db: Db, limit = 20): Promise<AuditChainReport> {
  const breaks = await queryRows<{ chain_seq: string; id: string; reason: string }>(
    db,
    sql`SELECT chain_seq, id, reason FROM (
          SELECT a.chain_seq, a.id,
            CASE
              WHEN a.chain_seq IS NULL OR a.hash IS NULL THEN 'запись вне цепочки'
              WHEN a.chain_seq <> coalesce(lag(a.chain_seq) OVER w, 0) + 1 THEN 'пропущены записи перед этой'
              WHEN a.prev_hash IS DISTINCT FROM lag(a.hash) OVER w THEN 'ссылка на предыдущую запись не совпадает'
              WHEN a.hash <> audit_log_row_hash(a.prev_hash, a) THEN 'содержимое записи изменено'
              -- the personal part is checked against its hash unless a destruction act or a
              -- retention purge erased it (ADR 0028): then only the chained fields are proof
              WHEN a.erased_at IS NULL AND a.payload_hash IS DISTINCT FROM audit_log_payload_hash(a) THEN 'содержимое записи изменено'
            END AS reason
          FROM audit_log a
          WINDOW w AS (ORDER BY a.chain_seq NULLS FIRST)
        ) checked
        WHERE reason IS NOT NULL
        ORDER BY chain_seq NULLS FIRST
        LIMIT ${limit}`,
  );
  const [head] = await queryRows<{ chain_seq: string; hash: string; rows: string; erased: string }>(
    db,
    sql`SELECT chain_seq, hash, (SELECT count(*) FROM audit_log) AS rows, (SELECT count(*) FROM audit_log WHERE erased_at IS NOT NULL) AS erased
        FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
  );
  return {
    rows: head ? Number(head.rows) : 0,
    erased: head ? Number(head.erased) : 0,
    head: head ? { chainSeq: Number(head.chain_seq), hash: head.hash } : null,
    breaks: breaks.map((b) => ({ chainSeq: Number(b.chain_seq), id: Number(b.id), reason: b.reason })),
  };
}
