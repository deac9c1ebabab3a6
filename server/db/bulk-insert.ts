import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable, PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/** Inserts many rows in one statement per batch: `INSERT … SELECT * FROM unnest($1::t[], …)`.
 *  One parameter per column instead of one per value, so it is close to COPY on both PGlite
 *  and PostgreSQL and needs no driver-specific streaming. Array-typed columns are not
 *  supported by unnest (it would flatten them) and are passed as text literals instead. */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  batchSize = 5000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const used = columns.filter(([key]) => rows.some((r) => r[key] !== undefined));
  const target = sql.join(
    used.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += batchSize) {
    const { selects, arrays, aliases } = unnestColumns(used, rows.slice(start, start + batchSize));
    await db.execute(
      sql`INSERT INTO ${sql.identifier(getTableName(table))} (${target})
          SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${aliases})`,
    );
  }
}

/** Updates many rows by id in one statement per batch: `UPDATE t SET c = u.c … FROM unnest(…) u
 *  WHERE t.id = u.id`. Every row sets the same columns (those of the first row besides `id`);
 *  `extra` adds SQL assignments such as a version increment. */
export async function bulkUpdate<T extends PgTable>(
  db: Db,
  table: T,
  rows: ({ id: string } & Record<string, unknown>)[],
  extra: SQL[] = [],
  batchSize = 5000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const keys = Object.keys(rows[0]);
  const used = columns.filter(([key]) => keys.includes(key));
  const idIndex = used.findIndex(([key]) => key === 'id');
  const name = sql.identifier(getTableName(table));
  for (let start = 0; start < rows.length; start += batchSize) {
    const { selects, arrays, aliases } = unnestColumns(used, rows.slice(start, start + batchSize));
    const sets = used
      .map(([, c], i) => (i === idIndex ? null : sql`${sql.identifier(c.name)} = u.${sql.raw(`c${i}`)}`))
      .filter((x): x is SQL => x !== null);
    await db.execute(
      sql`UPDATE ${name} SET ${sql.join([...sets, ...extra], sql`, `)}
          FROM (SELECT ${sql.join(selects.map((s, i) => sql`${s} AS ${sql.raw(`c${i}`)}`), sql`, `)} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${aliases})) AS u
          WHERE ${name}.id = u.${sql.raw(`c${idIndex}`)}`,
    );
  }
}

/** One typed array parameter per column, and the expressions that read them back. */
function unnestColumns(used: [string, PgColumn][], batch: Record<string, unknown>[]) {
  const selects: SQL[] = [];
  const arrays: SQL[] = [];
  used.forEach(([key, column], i) => {
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    const values = batch.map((r) => {
      const v = r[key];
      if (v === undefined || v === null) return null;
      if (isArray) return pgArrayLiteral(v as unknown[]);
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'object') return JSON.stringify(v);
      return v;
    });
    const elementType = isArray ? 'text' : type;
    arrays.push(sql`${sql.param(values)}::${sql.raw(elementType)}[]`);
    selects.push(isArray ? sql`${sql.raw(`c${i}`)}::${sql.raw(type)}` : sql.raw(`c${i}`));
  });
  return { selects, arrays, aliases: sql.raw(used.map((_, i) => `c${i}`).join(', ')) };
}

function pgArrayLiteral(values: unknown[]): string {
  const items = values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, (m) => `\\${m}`)}"`));
  return `{${items.join(',')}}`;
}
