import { createHash } from 'node:crypto';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** A logical backup (ADR 0021): one gzip'ed stream of JSON lines — a header, then for every table
 *  its name and rows — that restores on PGlite and on PostgreSQL alike, with the row count and a
 *  checksum of every table to prove the restored copy equal. */
export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

export interface BackupHeader {
  format: 'rsnms-backup';
  version: 1;
  createdAt: string;
  migrations: number;
  tables: TableSummary[];
}

const FETCH = 2000;

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** Tables of the product: every ordinary table of the public schema. */
async function productTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

async function migrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return row.n;
}

/** Order-independent: the sum of a 60-bit hash of each row's text, so a table of any size is
 *  summed in one pass without sorting or holding it. */
export async function summarizeTables(db: Db, tables?: string[]): Promise<TableSummary[]> {
  const out: TableSummary[] = [];
  for (const table of tables ?? (await productTables(db))) {
    const [row] = await queryRows<{ rows: number; checksum: string | null }>(
      db,
      sql`SELECT count(*)::int AS rows, sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint)::text AS checksum FROM ${ident(table)} t`,
    );
    out.push({ table, rows: row.rows, checksum: row.checksum ?? '0' });
  }
  return out;
}

/** Writes the backup to `out` (the caller gzips it) from one consistent snapshot. */
export async function backupDatabase(db: Db, out: Writable, onTable?: (t: TableSummary) => void): Promise<BackupHeader> {
  return db.transaction(
    async (tx) => {
      const t = tx as unknown as Db;
      const tables = await productTables(t);
      const header: BackupHeader = {
        format: 'rsnms-backup',
        version: 1,
        createdAt: new Date().toISOString(),
        migrations: await migrationCount(t),
        tables: await summarizeTables(t, tables),
      };
      await write(out, JSON.stringify(header) + '\n');
      for (const table of tables) {
        await write(out, JSON.stringify({ table }) + '\n');
        await t.execute(sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${ident(table)} t`);
        for (;;) {
          const rows = await queryRows<{ line: string }>(t, sql.raw(`FETCH ${FETCH} FROM backup_rows`));
          if (rows.length === 0) break;
          await write(out, rows.map((r) => r.line).join('\n') + '\n');
        }
        await t.execute(sql`CLOSE backup_rows`);
        onTable?.(header.tables.find((s) => s.table === table)!);
      }
      return header;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk)) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}

export class BackupError extends Error {}

export interface RestoreReport {
  header: BackupHeader;
  mismatches: { table: string; expected: TableSummary; actual: TableSummary | undefined }[];
}

/** Restores into a new database (no accounts) of the same migration level, in one transaction, with
 *  triggers and foreign-key checks off (the rows are already consistent and the audit chain keeps
 *  its original hashes), then compares every table's count and checksum with the header. */
export async function restoreDatabase(db: Db, input: Readable): Promise<RestoreReport> {
  let header: BackupHeader | undefined;
  let table: string | undefined;
  let batch: string[] = [];
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const tables = new Set(await productTables(t));
    const flush = async () => {
      if (!batch.length || !table) return;
      await t.execute(sql`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, ${'[' + batch.join(',') + ']'}::json)`);
      batch = [];
    };
    // created here, just before reading: lines emitted before the loop starts would be lost
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      if (!header) {
        header = parseHeader(line);
        const level = await migrationCount(t);
        if (header.migrations !== level)
          throw new BackupError(`Копия сделана на версии схемы ${header.migrations}, база — на версии ${level}: восстановите в базу той же версии программы`);
        // a fresh installation holds only reference data seeded by migrations, which comes back
        // from the copy as it was; a database with accounts is someone's data and is refused
        const [{ n }] = await queryRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM users`);
        if (n > 0) throw new BackupError('База не пуста (в ней есть учётные записи): восстановление только в новую базу');
        await t.execute(sql`TRUNCATE ${sql.join([...tables].map(ident), sql`, `)}`);
        await t.execute(sql`SET LOCAL session_replication_role = replica`);
        continue;
      }
      if (line.startsWith('{"table":')) {
        await flush();
        table = (JSON.parse(line) as { table: string }).table;
        if (!tables.has(table)) throw new BackupError(`В копии таблица ${table}, которой нет в базе`);
        continue;
      }
      batch.push(line);
      if (batch.length >= FETCH) await flush();
    }
    await flush();
    if (!header) throw new BackupError('Файл пуст: это не резервная копия');
    await resetSequences(t);
    const actual = new Map((await summarizeTables(t, header.tables.map((s) => s.table))).map((s) => [s.table, s]));
    const mismatches = header.tables
      .filter((e) => actual.get(e.table)?.rows !== e.rows || actual.get(e.table)?.checksum !== e.checksum)
      .map((expected) => ({ table: expected.table, expected, actual: actual.get(expected.table) }));
    if (mismatches.length) throw new BackupError(`Восстановленная копия не совпала с исходной: ${mismatches.map((m) => m.table).join(', ')}`);
    return { header, mismatches };
  });
}

function parseHeader(line: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new BackupError('Это не резервная копия системы: заголовок не читается');
  }
  if (header?.format !== 'rsnms-backup' || header.version !== 1 || !Array.isArray(header.tables))
    throw new BackupError('Это не резервная копия системы или копия другой версии формата');
  return header;
}

/** Serial columns continue after the restored rows. */
async function resetSequences(db: Db) {
  const serials = await queryRows<{ table_name: string; column_name: string; seq: string }>(
    db,
    sql`SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
        FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const s of serials)
    await db.execute(sql`SELECT setval(${s.seq}, coalesce((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`);
}

/** The digest printed beside a backup so a copy can be checked before it is needed. */
export const digestOf = (h: BackupHeader) => createHash('sha256').update(JSON.stringify(h.tables)).digest('hex').slice(0, 16);
