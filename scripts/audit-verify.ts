// Checks the audit log's hash chain (ADR 0020):
//   npm run audit:verify [-- --expect-head SEQ:HASH]
// Exits 1 when a row was edited or removed, or when the head differs from the one recorded
// earlier (a cut tail). DATABASE_URL / DATA_DIR as for the server.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/db/client.js';
import { verifyAuditChain } from '../server/modules/audit/audit.service.js';

const { values } = parseArgs({ options: { 'expect-head': { type: 'string' } } });
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let ok = true;
try {
  const started = performance.now();
  const report = await verifyAuditChain(database.db);
  const ms = Math.round(performance.now() - started);
  console.log(`Проверено записей журнала аудита: ${report.rows} за ${ms} мс`);
  if (report.erased) console.log(`Из них с персональной частью, стёртой по актам уничтожения и срокам хранения: ${report.erased} (звенья цепочки проверены)`);
  for (const b of report.breaks) console.log(`НАРУШЕНИЕ: запись №${b.chainSeq ?? '—'} (id ${b.id}): ${b.reason}`);
  if (report.breaks.length) ok = false;
  const head = report.head ? `${report.head.chainSeq}:${report.head.hash}` : 'пусто';
  console.log(`Последнее звено: ${head}`);
  const expected = values['expect-head'];
  if (expected) {
    const [seq, hash] = expected.split(':');
    const [row] = await queryRows<{ hash: string }>(database.db, sql`SELECT hash FROM audit_log WHERE chain_seq = ${Number(seq)}`);
    if (!row || row.hash !== hash) {
      console.log(`НАРУШЕНИЕ: звено ${expected} не найдено — журнал обрезан или подменён`);
      ok = false;
    }
  }
  console.log(ok ? 'Цепочка цела.' : 'Цепочка нарушена.');
} finally {
  await database.close();
}
process.exit(ok ? 0 : 1);

