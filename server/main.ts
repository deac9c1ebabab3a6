import { serve } from '@hono/node-server';
import pino from 'pino';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { buildApp } from './app.js';
import { stopOfficeWorkers } from './lib/office-worker.js';
import { isDatabaseEmpty, loadDemo } from './modules/demo/demo.service.js';
import { ensureIndicatorRollups } from './modules/indicators/indicators.service.js';

const config = loadConfig();
const log = pino({ level: config.logLevel });

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onIdleError: (err) => log.warn({ err }, 'idle database connection lost'),
}).catch((err) => {
  log.fatal(err.message);
  process.exit(1);
});
log.info({ database: database.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'database ready');

if (config.demo && (await isDatabaseEmpty(database.db))) {
  log.info('empty database: loading the demo region (DEMO=0 to skip)');
  const started = Date.now();
  await loadDemo(database.db, { onProgress: (done: number, total: number) => log.info(`demo data: ${done} / ${total}`) });
  log.info({ seconds: (Date.now() - started) / 1000 }, 'demo region loaded');
}

if ((await ensureIndicatorRollups(database.db)) === 'rebuilt') log.info('indicator rollups rebuilt after an interrupted bulk load');

const app = buildApp({ db: database.db, databaseKind: database.kind, config }, log);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  log.info(`РСНМС: http://localhost:${info.port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  server.close();
  await stopOfficeWorkers();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
