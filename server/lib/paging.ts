import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { AppError } from './errors.js';

/** Keyset paging: the cursor carries the sort key of the last row, so page N costs the same
 *  as page 1 (no OFFSET). Keys are compared as a row value, with the id as the tie-breaker. */
export interface KeysetSort {
  keys: SQL[]; // expressions, the last one unique (the id)
  desc?: boolean;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === length && v.every((x) => x === null || ['string', 'number'].includes(typeof x))) return v;
  } catch {
    /* fall through */
  }
  throw new AppError(422, 'bad_cursor', 'Некорректный курсор страницы: начните просмотр списка сначала');
}

export function keysetAfter(sort: KeysetSort, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(cursor, sort.keys.length);
  const left = sql.join(sort.keys, sql`, `);
  const right = sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
  return sort.desc ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

export function keysetOrder(sort: KeysetSort): SQL {
  return sql.join(
    sort.keys.map((k) => (sort.desc ? sql`${k} DESC` : sql`${k} ASC`)),
    sql`, `,
  );
}

/** A time key for a cursor as the database keeps it, to the microsecond. A JS Date keeps
 *  milliseconds: a cursor cut to them skips (or repeats) the rows written in the same millisecond,
 *  and the rows of one transaction (an import, the demo, one issue to many addressees) share one
 *  time. Select it beside the row and put it in the cursor instead of the Date. */
export const exactTime = (col: AnyColumn | SQL) => sql<string>`${col}::text`;

/** Takes limit+1 rows, returns the page and the cursor of its last row. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
