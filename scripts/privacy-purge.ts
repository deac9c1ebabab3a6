// Applies the retention periods of the registry of personal data stores (ADR 0028) once:
//   npm run privacy:purge
// The server does the same on an interval (PRIVACY_PURGE_HOURS). DATABASE_URL / DATA_DIR as for the server.
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { purgeExpired } from '../server/modules/privacy/privacy.service.js';

const actionNames = { delete: 'удалено строк', erase_audit: 'стёрта персональная часть записей', destroy_person: 'уничтожены данные работников' } as const;
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const report = await purgeExpired(database.db);
  for (const r of report) console.log(`${r.table} (${r.period}): ${actionNames[r.action]} — ${r.rows}`);
  console.log(`Всего: ${report.reduce((n, r) => n + r.rows, 0)}`);
} finally {
  await database.close();
}
