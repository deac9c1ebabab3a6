// The indicators benchmark (ADR 0025): the dashboard's computation at national scale on PostgreSQL
// and for one region on PGlite, cold and warm, each beside an in-memory baseline of the same run,
// plus what live indicators add to recording one assessment result. Writes bench-results.json.
//   npm run bench -- [--database-url URL] [--pglite-dir DIR] [--runs N] [--cold-runs N]
//                    [--period YYYY] [--skip-pglite] [--skip-write] [--restart CMD] [--out FILE]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { openDatabase, queryRows, type Db } from '../server/db/client.js';
import * as schema from '../server/db/schema.js';
import { computeIndicatorValues, rebuildIndicatorRollups, vacuumIndicatorRollups } from '../server/modules/indicators/indicators.service.js';
import { compareWithService, indexScope, loadBaseline, scanScope, type BaselineData, type ScanResult, type ScopeIndex } from '../server/modules/bench/bench-baseline.js';

const root = path.resolve(import.meta.dirname, '..');
const usage = `Замер показателей эффективности (ADR 0025).
  npm run bench -- [--database-url URL] [--pglite-dir DIR] [--runs N] [--cold-runs N] [--period YYYY]
                   [--skip-pglite] [--skip-write] [--size SIZE] [--restart КОМАНДА] [--out FILE]
    --database-url  PostgreSQL с данными размера national (по умолчанию DATABASE_URL,
                    иначе postgresql://postgres@127.0.0.1:5432/rsnms_bench); пустая база
                    создаётся и заполняется (npm run demo -- --size national)
    --pglite-dir    каталог PGlite с одним регионом в 40 000 человек (по умолчанию .tmp/bench-pglite-region;
                    пустой заполняется: npm run demo -- --size region)
    --runs          повторов «тёплого» замера, медиана (по умолчанию 25)
    --cold-runs     «холодных» замеров, каждый — новый процесс и новое подключение (по умолчанию 3)
    --period        год (по умолчанию — последний год с результатами диагностики)
    --restart       команда перезапуска сервера PostgreSQL перед каждым холодным замером
                    (например «pg_ctlcluster 15 main restart»); с ней же сбрасывается страничный
                    кэш ОС, если это разрешено (/proc/sys/vm/drop_caches)
    --size          размер для пустой базы PostgreSQL (по умолчанию national; small — проверить сам замер)
    --out           файл результатов (по умолчанию bench-results.json)`;

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'pglite-dir': { type: 'string' },
    runs: { type: 'string', default: '25' },
    'cold-runs': { type: 'string', default: '3' },
    period: { type: 'string' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-write': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results.json' },
    size: { type: 'string', default: 'national' },
    restart: { type: 'string' },
    probe: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

interface Probe {
  kind: 'postgresql' | 'pglite';
  target: string;
  territoryId: string | null;
  period: number;
}

// ── a cold run: this process is fresh; it opens a new connection (or the PGlite directory) and computes once
if (args.probe) {
  const probe = JSON.parse(args.probe) as Probe;
  let ms: number;
  let openMs = 0;
  if (probe.kind === 'postgresql') {
    const started = performance.now();
    const pool = new pg.Pool({ connectionString: probe.target, max: 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await computeIndicatorValues(db, { territoryId: probe.territoryId, period: probe.period });
    ms = performance.now() - started;
    await pool.end();
  } else {
    const opened = performance.now();
    const database = await openDatabase({ dataDir: probe.target });
    openMs = performance.now() - opened;
    const started = performance.now();
    await computeIndicatorValues(database.db, { territoryId: probe.territoryId, period: probe.period });
    ms = performance.now() - started;
    await database.close();
  }
  console.log(JSON.stringify({ ms, openMs }));
  process.exit(0);
}

const runs = positive(args.runs, '--runs');
const coldRuns = positive(args['cold-runs'], '--cold-runs');
const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/rsnms_bench';
const pgliteDir = path.resolve(args['pglite-dir'] ?? path.join(root, '.tmp/bench-pglite-region'));

interface Measurement {
  name: string;
  database: 'postgresql' | 'pglite';
  scope: string;
  mode: 'warm' | 'cold' | 'write';
  medianMs: number;
  baselineMs: number;
  ratio: number;
  samplesMs: number[];
  baselineSamplesMs: number[];
  note?: string;
}
const results = {
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg(), node: process.version },
  definitions: {
    warm: `median of ${runs} runs in one process after two unmeasured runs`,
    cold: `median of ${coldRuns} fresh processes, each with a new connection pool (PostgreSQL) or a freshly opened data directory (PGlite, opening not counted); ${
      args.restart ? `before each PostgreSQL run the server is restarted (${args.restart}) and the OS page cache dropped where permitted` : "the server's and the OS's caches are not dropped"
    }`,
    baseline: 'the same numerators and denominators computed by scanning the raw rows held in memory (typed arrays) in this process; warm — median of the same number of runs, cold — the first scan',
    write: 'INSERT of one assessment result (its own transaction, rolled back) with the indicator triggers enabled vs. disabled (ALTER TABLE … DISABLE TRIGGER), alternating blocks of 25 on the same people of the demo region',
  },
  postgresql: null as null | Record<string, unknown>,
  pglite: null as null | Record<string, unknown>,
  measurements: [] as Measurement[],
  checks: [] as { scope: string; database: string; equal: boolean; differences: string[] }[],
};
let failed = false;
/** The first scan of each scope: the baseline of its cold line. */
const firstScans = new Map<string, number>();

if (!args['skip-postgres']) await benchPostgres();
if (!args['skip-pglite']) await benchPglite();
fs.writeFileSync(path.resolve(args.out!), JSON.stringify(results, null, 2));
console.log(`\nРезультаты записаны в ${path.resolve(args.out!)}`);
if (failed) {
  console.error('ОШИБКА: числа сервиса и базовой линии расходятся (см. строки check выше)');
  process.exit(1);
}

// ───────────────────────────────────────────── PostgreSQL, national

async function benchPostgres(): Promise<void> {
  section(`PostgreSQL: ${redact(databaseUrl)}`);
  await ensurePgDatabase(databaseUrl);
  log('Открытие базы и миграции (миграция показателей считает свёртки по уже загруженным записям — на объёме страны это минуты)…');
  const opened = performance.now();
  let database = await openDatabase({ databaseUrl });
  log(`  база открыта за ${((performance.now() - opened) / 1000).toFixed(1)} с`);
  if (!(await hasData(database.db))) {
    await database.close();
    log(`База пуста: загрузка размера ${args.size} (один раз; затем база используется повторно)`);
    await run(['scripts/demo-data.ts', '--size', args.size!, '--database-url', databaseUrl]);
    database = await openDatabase({ databaseUrl });
  }
  try {
    const { db } = database;
    await ensureRollups(db);
    const period = await periodOf(db);
    const sizes = await sizesOf(db);
    log(`Данные: ${Object.entries(sizes).map(([k, v]) => `${k} ${v.toLocaleString('ru-RU')}`).join(', ')}; период ${period}`);
    const { regionId, municipalityId } = await demoScopes(db);
    results.postgresql = { database: redact(databaseUrl), period, sizes, regionId, municipalityId };

    const data = await loadWithProgress(db);
    const scopes: [string, string | null][] = [
      ['страна по регионам', null],
      ['регион по муниципалитетам', regionId],
      ['муниципалитет по организациям', municipalityId],
    ];
    for (const [scope, territoryId] of scopes) await warmAndCheck('postgresql', db, data, scope, territoryId, period);
    if (!args['skip-write']) await writeCost(db, period, regionId);
    // the cold runs come last, with this pool closed: --restart drops every connection
    await database.close();
    for (const [scope, territoryId] of scopes) {
      const baseline = firstScans.get(`postgresql/${scope}`)!;
      await cold('postgresql', databaseUrl, scope, territoryId, period, baseline);
    }
  } finally {
    await database.close().catch(() => {});
  }
}

async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`Создаю базу ${name}`);
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

// ───────────────────────────────────────────── PGlite, one region

async function benchPglite(): Promise<void> {
  section(`PGlite: ${pgliteDir}`);
  let database = await openDatabase({ dataDir: pgliteDir });
  if (!(await hasData(database.db))) {
    await database.close();
    log('Каталог пуст: загрузка одного региона (размер region, ≈ 40 000 человек)');
    await run(['scripts/demo-data.ts', '--size', 'region', '--data-dir', pgliteDir]);
    database = await openDatabase({ dataDir: pgliteDir });
  }
  try {
    const { db } = database;
    await ensureRollups(db);
    const period = await periodOf(db);
    const sizes = await sizesOf(db);
    const [region] = await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE kind = 'region' ORDER BY id LIMIT 1`);
    log(`Данные: ${Object.entries(sizes).map(([k, v]) => `${k} ${v.toLocaleString('ru-RU')}`).join(', ')}; период ${period}`);
    results.pglite = { dataDir: pgliteDir, period, sizes, regionId: region.id };
    const data = await loadWithProgress(db);
    const scope = 'регион по муниципалитетам';
    await warmAndCheck('pglite', db, data, scope, region.id, period);
    // the directory is locked while open: the cold runs open it in their own processes
    await database.close();
    await cold('pglite', pgliteDir, scope, region.id, period, firstScans.get(`pglite/${scope}`)!);
  } finally {
    await database.close().catch(() => {});
  }
}

// ───────────────────────────────────────────── measurements


async function warmAndCheck(kind: 'postgresql' | 'pglite', db: Db, data: BaselineData, scope: string, territoryId: string | null, period: number): Promise<void> {
  const index: ScopeIndex = indexScope(data, territoryId);
  // the baseline: first scan (cold JIT), then the same number of runs as the service
  let t = performance.now();
  let scan: ScanResult = scanScope(data, index, period);
  firstScans.set(`${kind}/${scope}`, performance.now() - t);
  scanScope(data, index, period);
  const baselineSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    scan = scanScope(data, index, period);
    baselineSamples.push(performance.now() - t);
  }
  // the service: two unmeasured runs, then the median
  let values = await computeIndicatorValues(db, { territoryId, period });
  values = await computeIndicatorValues(db, { territoryId, period });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    values = await computeIndicatorValues(db, { territoryId, period });
    samples.push(performance.now() - t);
  }
  const differences = compareWithService(values, scan);
  const equal = differences.length === 0;
  results.checks.push({ scope, database: kind, equal, differences: differences.slice(0, 50) });
  const compared = (values.indicators.filter((d) => d.kind === 'computed').length * (1 + values.children.length)).toLocaleString('ru-RU');
  if (equal) console.log(`check  ${label(kind, scope)}: числа равны (${compared} пар числитель/знаменатель, ${values.children.length} дочерних узлов)`);
  else {
    failed = true;
    console.error(`check  ${label(kind, scope)}: РАСХОЖДЕНИЕ в ${differences.length} числах:`);
    for (const d of differences.slice(0, 20)) console.error(`    ${d}`);
  }
  record({ name: `${label(kind, scope)}, тёплый`, database: kind, scope, mode: 'warm', samples, baselineSamples });
}

async function cold(kind: 'postgresql' | 'pglite', target: string, scope: string, territoryId: string | null, period: number, baselineMs: number): Promise<void> {
  const samples: number[] = [];
  const opens: number[] = [];
  let dropped = false;
  for (let i = 0; i < coldRuns; i++) {
    if (kind === 'postgresql' && args.restart) dropped = await restartPostgres(target);
    const probe: Probe = { kind, target, territoryId, period };
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--probe', JSON.stringify(probe)], { cwd: root, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`Холодный замер не удался: ${child.stderr}`);
    const answer = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; openMs: number };
    samples.push(answer.ms);
    opens.push(answer.openMs);
  }
  record({
    name: `${label(kind, scope)}, холодный`,
    database: kind,
    scope,
    mode: 'cold',
    samples,
    baselineSamples: [baselineMs],
    note:
      kind === 'pglite'
        ? `открытие каталога (не входит): медиана ${median(opens).toFixed(0)} мс`
        : args.restart
          ? `после перезапуска сервера${dropped ? ' и сброса страничного кэша ОС' : ' (страничный кэш ОС сбросить не разрешено)'}`
          : 'новый процесс и новый пул подключений; кэши сервера и ОС не сбрасываются',
  });
}

/** Restarts the PostgreSQL server with the --restart command and waits until it answers; drops
 *  the OS page cache when this process may (root on Linux). Returns whether the cache was dropped. */
async function restartPostgres(url: string): Promise<boolean> {
  const restarted = spawnSync('sh', ['-c', args.restart!], { encoding: 'utf8' });
  if (restarted.status !== 0) throw new Error(`Перезапуск PostgreSQL не удался: ${restarted.stderr || restarted.stdout}`);
  let dropped = false;
  try {
    spawnSync('sync');
    fs.writeFileSync('/proc/sys/vm/drop_caches', '3');
    dropped = true;
  } catch {
    // not permitted (not root, or a read-only /proc): the server's buffers are still empty
  }
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return dropped;
    } catch (err) {
      await client.end().catch(() => {});
      if (attempt > 120) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** What maintaining the indicators adds to recording one assessment result (PostgreSQL). */
async function writeCost(db: Db, period: number, regionId: string): Promise<void> {
  const triggers = (
    await queryRows<{ name: string }>(
      db,
      sql`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'assessment_results'::regclass AND NOT tgisinternal AND tgname LIKE '%ind%' ORDER BY 1`,
    )
  ).map((r) => r.name);
  if (!triggers.length) {
    console.error('Нет триггеров показателей на assessment_results: замер записи пропущен');
    return;
  }
  // people of the region and a competency of one of this year's procedures they have no result in
  const sample = await queryRows<{ assessment_id: string; competency_id: string; staff_id: string }>(
    db,
    sql`WITH people AS (SELECT id FROM staff WHERE ${regionId}::uuid = ANY(territory_ids) AND archived_at IS NULL ORDER BY md5(id::text) LIMIT 200),
             slots AS (SELECT ac.assessment_id, ac.competency_id FROM assessment_competencies ac JOIN assessments a ON a.id = ac.assessment_id
                       WHERE a.territory_id = ${regionId}::uuid AND a.year = ${period})
        SELECT DISTINCT ON (p.id) s.assessment_id, s.competency_id, p.id AS staff_id FROM people p CROSS JOIN slots s
        WHERE NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.assessment_id = s.assessment_id AND r.staff_id = p.id AND r.competency_id = s.competency_id)
        ORDER BY p.id, s.assessment_id, s.competency_id`,
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  const on: number[] = [];
  const off: number[] = [];
  // switched between blocks, not per insert: ALTER TABLE would invalidate the trigger's cached plans
  // every time, and a live server keeps them; the first insert after a switch replans, the median not
  const setTriggers = (enable: boolean) => client.query(triggers.map((t) => `ALTER TABLE assessment_results ${enable ? 'ENABLE' : 'DISABLE'} TRIGGER "${t}"`).join('; '));
  const measuredOn = `${period}-10-01`;
  const BLOCK = 25;
  try {
    log(`Запись результата: ${sample.length} человек × 2 режима блоками по ${BLOCK}, триггеры: ${triggers.join(', ')}`);
    for (let from = 0, k = 0; from < sample.length; from += BLOCK, k++) {
      const block = sample.slice(from, from + BLOCK);
      for (const live of k % 2 === 0 ? [true, false] : [false, true]) {
        await setTriggers(live);
        for (const s of block) {
          await client.query('BEGIN');
          const t = performance.now();
          await client.query(
            `INSERT INTO assessment_results (assessment_id, staff_id, competency_id, score, measured_on, source) VALUES ($1, $2, $3, 57, $4, 'form')`,
            [s.assessment_id, s.staff_id, s.competency_id, measuredOn],
          );
          (live ? on : off).push(performance.now() - t);
          await client.query('ROLLBACK');
        }
      }
    }
  } finally {
    await setTriggers(true);
    client.release();
    await pool.end();
  }
  const m = record({
    name: 'запись результата диагностики: с живыми показателями / без них',
    database: 'postgresql',
    scope: 'один результат',
    mode: 'write',
    samples: on,
    baselineSamples: off,
    note: '',
  });
  m.note = `добавка показателей: ${(m.medianMs - m.baselineMs).toFixed(2)} мс (медиана с триггерами − медиана без)`;
  console.log(`       ${m.note}`);
}

// ───────────────────────────────────────────── helpers

function record(m: { name: string; database: 'postgresql' | 'pglite'; scope: string; mode: Measurement['mode']; samples: number[]; baselineSamples: number[]; note?: string }): Measurement {
  const medianMs = median(m.samples);
  const baselineMs = median(m.baselineSamples);
  const out: Measurement = { name: m.name, database: m.database, scope: m.scope, mode: m.mode, medianMs, baselineMs, ratio: medianMs / baselineMs, samplesMs: m.samples, baselineSamplesMs: m.baselineSamples, note: m.note };
  results.measurements.push(out);
  console.log(`${m.name.padEnd(62)} ${fmt(medianMs).padStart(10)} мс   базовая линия ${fmt(baselineMs).padStart(9)} мс   отношение ${out.ratio.toFixed(2).padStart(7)}${m.note && m.mode !== 'write' ? `   (${m.note})` : ''}`);
  return out;
}

async function ensureRollups(db: Db): Promise<void> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM indicator_rollups LIMIT 1) x`);
  if (n > 0) return;
  log('Свёртки показателей пусты: пересчёт после массовой загрузки (rebuildIndicatorRollups)…');
  const t = performance.now();
  await rebuildIndicatorRollups(db);
  await db.execute(sql`ANALYZE`);
  await vacuumIndicatorRollups(db);
  log(`  готово за ${((performance.now() - t) / 1000).toFixed(1)} с`);
}

async function loadWithProgress(db: Db): Promise<BaselineData> {
  log('Базовая линия: чтение исходных строк в память…');
  const t = performance.now();
  const data = await loadBaseline(db, log);
  log(`  прочитано за ${((performance.now() - t) / 1000).toFixed(1)} с, людей с должностями ${data.staffIds.length.toLocaleString('ru-RU')}`);
  return data;
}

async function hasData(db: Db): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM staff LIMIT 1`);
  return rows.length > 0;
}

async function periodOf(db: Db): Promise<number> {
  if (args.period) return positive(args.period, '--period');
  const [row] = await queryRows<{ y: number | null }>(db, sql`SELECT extract(year FROM max(measured_on))::int AS y FROM assessment_results`);
  return row?.y ?? new Date().getFullYear();
}

async function sizesOf(db: Db): Promise<Record<string, number>> {
  const tables = ['territories', 'organizations', 'staff', 'assessment_results', 'learning_plans', 'enrollments', 'mentorships', 'events'];
  const out: Record<string, number> = {};
  // planner estimates after ANALYZE: exact counts of millions of rows take seconds each
  const rows = await queryRows<{ name: string; n: number }>(db, sql`SELECT relname AS name, reltuples::bigint::int AS n FROM pg_class WHERE relkind = 'r' AND relname IN ${tables}`);
  for (const t of tables) out[t] = rows.find((r) => r.name === t)?.n ?? 0;
  return out;
}

/** The demo accounts' region and municipality (the first region and its first municipality). */
async function demoScopes(db: Db): Promise<{ regionId: string; municipalityId: string }> {
  const [region] = await queryRows<{ id: string }>(
    db,
    sql`SELECT coalesce((SELECT ra.territory_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.login = 'region' LIMIT 1),
                        (SELECT id FROM territories WHERE kind = 'region' ORDER BY code LIMIT 1)) AS id`,
  );
  const [municipality] = await queryRows<{ id: string }>(
    db,
    sql`SELECT coalesce((SELECT ra.territory_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.login = 'municipal' LIMIT 1),
                        (SELECT id FROM territories WHERE parent_id = ${region.id}::uuid ORDER BY code LIMIT 1)) AS id`,
  );
  return { regionId: region.id, municipalityId: municipality.id };
}

function run(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...argv], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')}: код ${code}`))));
  });
}

function label(kind: 'postgresql' | 'pglite', scope: string): string {
  return `${kind === 'postgresql' ? 'PostgreSQL' : 'PGlite'}: ${scope}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`${name} должен быть целым положительным числом, а не «${value}»\n\n${usage}`);
    process.exit(2);
  }
  return n;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function section(title: string): void {
  console.log(`\n── ${title}`);
}

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}


