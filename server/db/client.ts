import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export type Schema = typeof schema;
/** One type for both drivers: services never know which database runs underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(import.meta.dirname, '../../migrations');

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`, and
 *  applies the committed migrations. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; pglite?: PGlite; onIdleError?: (err: Error) => void }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    return { db, kind: 'postgresql', close: () => pool.end() };
  }
  let lock: DataDirLock | undefined;
  let client = opts.pglite;
  if (!client) {
    const dir = opts.dataDir ?? path.resolve('data');
    fs.mkdirSync(dir, { recursive: true });
    lock = acquireDataDirLock(dir);
    try {
      client = new PGlite(path.join(dir, 'pgdata'));
      await client.waitReady;
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  const pglite = client;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await pglite.close();
      lock?.release();
    },
  };
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
