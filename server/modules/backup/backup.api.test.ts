import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { openEmptyTestDatabase, startTestApp } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { backupDatabase, restoreDatabase, summarizeTables } from './backup.service.js';
import { verifyAuditChain } from '../audit/audit.service.js';

async function backupText(db: Parameters<typeof backupDatabase>[0]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const header = await backupDatabase(db, out);
  out.end();
  return { header, text: Buffer.concat(chunks).toString('utf8') };
}

describe('backup and restore', () => {
  it('round-trips the demo database: equal counts and checksums of every table, the audit chain intact', async (t) => {
    const source = await startTestApp();
    const target = await openEmptyTestDatabase();
    if (!source || !target) return t.skip();
    try {
      // a sign-in leaves an audit record, so the chain travels too
      await source.as('region');
      const { text, header } = await backupText(source.database.db);
      const populated = header.tables.filter((s) => s.rows > 0);
      expect(populated.length).toBeGreaterThan(10);
      const total = header.tables.reduce((s, x) => s + x.rows, 0);
      console.log(`backup: ${header.tables.length} tables, ${total} rows, ${(text.length / 1024).toFixed(0)} KiB`);

      const report = await restoreDatabase(target.database.db, Readable.from(text));
      expect(report.mismatches).toEqual([]);
      expect(await summarizeTables(target.database.db)).toEqual(await summarizeTables(source.database.db));
      expect((await verifyAuditChain(target.database.db)).breaks).toEqual([]);
      // sequences continue after the restored rows: a new audit record gets the next id
      const [{ max }] = await queryRows<{ max: string }>(target.database.db, sql`SELECT max(id)::text AS max FROM audit_log`);
      await target.database.db.execute(sql`INSERT INTO audit_log (action, entity) VALUES ('test.after_restore', 'test')`);
      const [{ id }] = await queryRows<{ id: string }>(target.database.db, sql`SELECT id::text FROM audit_log WHERE action = 'test.after_restore'`);
      expect(Number(id)).toBeGreaterThan(Number(max));
      expect((await verifyAuditChain(target.database.db)).breaks).toEqual([]);

      // a second restore into the now filled database is refused, and nothing changes
      const before = await summarizeTables(target.database.db);
      await expect(restoreDatabase(target.database.db, Readable.from(text))).rejects.toThrow(/не пуста/);
      expect(await summarizeTables(target.database.db)).toEqual(before);
    } finally {
      await target?.close();
      await source?.close();
    }
  }, 120_000);

  it('refuses a file that is not a backup and a copy whose rows were altered, writing nothing', async (t) => {
    const source = await startTestApp();
    if (!source) return t.skip();
    try {
      const { text } = await backupText(source.database.db);
      for (const [input, message] of [
        ['', /пуст/],
        ['PK\u0003\u0004 not a backup\n', /не резервная копия/],
        [text.replace('"login":"teacher"', '"login":"teacher2"'), /не совпала/],
      ] as const) {
        const target = (await openEmptyTestDatabase())!;
        try {
          await expect(restoreDatabase(target.database.db, Readable.from(input))).rejects.toThrow(message);
          const [{ n }] = await queryRows<{ n: number }>(target.database.db, sql`SELECT count(*)::int AS n FROM users`);
          expect(n).toBe(0);
        } finally {
          await target.close();
        }
      }
    } finally {
      await source.close();
    }
  }, 120_000);
});
