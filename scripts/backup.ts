// Backup and restore of the whole database, PGlite or PostgreSQL (ADR 0021):
//   npm run backup -- --out FILE.rsnms.gz        (one consistent snapshot)
//   npm run restore -- --in FILE.rsnms.gz        (into a new database; checks counts and checksums)
// DATABASE_URL / DATA_DIR as for the server. PGlite's data directory can be opened by one process
// only, so the server is stopped for a backup of the embedded database.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { backupDatabase, BackupError, digestOf, restoreDatabase } from '../server/modules/backup/backup.service.js';

const command = process.argv[2];
const { values } = parseArgs({ args: process.argv.slice(3), options: { out: { type: 'string' }, in: { type: 'string' } } });
const usage = 'npm run backup -- --out ФАЙЛ   |   npm run restore -- --in ФАЙЛ';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const config = loadConfig();
let database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (err) {
  fail(`База не открылась: ${(err as Error).message}`);
}
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
try {
  if (command === 'backup') {
    if (!values.out) fail(usage);
    const partial = `${values.out}.partial`;
    const gzip = createGzip();
    const written = pipeline(gzip, fs.createWriteStream(partial));
    const header = await backupDatabase(database.db, gzip, (t) => process.stdout.write(`  ${t.table}: ${t.rows}\n`));
    gzip.end();
    await written;
    // the name appears only when the copy is whole
    fs.renameSync(partial, values.out);
    const rows = header.tables.reduce((s, t) => s + t.rows, 0);
    console.log(`Резервная копия: ${values.out} — таблиц ${header.tables.length}, записей ${rows}, ${seconds()} с, контроль ${digestOf(header)}`);
  } else if (command === 'restore') {
    if (!values.in) fail(usage);
    if (!fs.existsSync(values.in)) fail(`Файл не найден: ${values.in}`);
    const report = await restoreDatabase(database.db, fs.createReadStream(values.in).pipe(createGunzip()));
    const rows = report.header.tables.reduce((s, t) => s + t.rows, 0);
    console.log(`Восстановлено: таблиц ${report.header.tables.length}, записей ${rows}, ${seconds()} с; числа записей и контрольные суммы совпали (контроль ${digestOf(report.header)})`);
  } else fail(usage);
} catch (err) {
  if (err instanceof BackupError || (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') fail(`Ошибка: ${(err as Error).message}`, 1);
  throw err;
} finally {
  await database.close();
}
