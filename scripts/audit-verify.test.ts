import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/db/client.js';
import { recordAudit, verifyAuditChain } from '../server/modules/audit/audit.service.js';

const verify = (dataDir: string, args: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

async function withAudit(dataDir: string, rows: number) {
  const database = await openDatabase({ dataDir });
  const { db } = database;
  const actor = { userId: null, login: 'cli', ip: 'test' } as never;
  // one multi-row statement and single ones: both must chain in order
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows; i++) await recordAudit(tx as never, actor, { action: 'test.write', entity: 'test', entityId: String(i), after: { n: i, text: 'Иванова' } });
  });
  return database;
}

describe('tamper-evident audit log', () => {
  it('chains every row; an edited, a deleted and a cut-off row are each found by the verification command', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-audit-'));
    try {
      let database = await withAudit(dir, 50);
      const clean = await verifyAuditChain(database.db);
      expect(clean.breaks).toEqual([]);
      expect(clean.rows).toBe(50);
      expect(clean.head?.chainSeq).toBe(50);
      const head = `${clean.head!.chainSeq}:${clean.head!.hash}`;
      await database.close();

      let run = verify(dir, ['--expect-head', head]);
      expect(run.stdout).toContain('Цепочка цела.');
      expect(run.status).toBe(0);

      // an edit by someone who can switch the append-only trigger off
      database = await openDatabase({ dataDir: dir });
      const { db } = database;
      await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await db.execute(sql`UPDATE audit_log SET after = '{"n": 7, "text": "Петрова"}' WHERE chain_seq = 8`);
      expect((await verifyAuditChain(db)).breaks).toEqual([expect.objectContaining({ chainSeq: 8, reason: 'содержимое записи изменено' })]);
      // put it back, then delete a row in the middle
      await db.execute(sql`UPDATE audit_log SET after = '{"n": 7, "text": "Иванова"}' WHERE chain_seq = 8`);
      expect((await verifyAuditChain(db)).breaks).toEqual([]);
      await db.execute(sql`DELETE FROM audit_log WHERE chain_seq = 20`);
      expect((await verifyAuditChain(db)).breaks).toEqual([expect.objectContaining({ chainSeq: 21, reason: 'пропущены записи перед этой' })]);
      // the tail cut: the chain left is whole, only the recorded head tells
      await db.execute(sql`DELETE FROM audit_log WHERE chain_seq >= 20`);
      expect((await verifyAuditChain(db)).breaks).toEqual([]);
      const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log`);
      expect(n).toBe(19);
      await database.close();

      run = verify(dir, ['--expect-head', head]);
      expect(run.stdout).toContain('журнал обрезан или подменён');
      expect(run.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
