// Loads generated demo data into an empty database:
//   node --import tsx scripts/demo-data.ts [--size demo|small|region|national] [--seed N]
//                                          [--database-url URL | --data-dir DIR]
// Without a database option it uses DATABASE_URL / DATA_DIR, as the server does.
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { assessmentResults, enrollments, events, learningPlans, mentorships, organizations, roleAssignments, staff, staffPositions, territories, users } from '../server/db/schema.js';
import { demoSizes, demoTotals } from '../server/modules/demo/demo-generator.js';
import { demoPassword, isDatabaseEmpty, loadDemo } from '../server/modules/demo/demo.service.js';

const usage = `Загрузка демонстрационных данных в пустую базу.
  node --import tsx scripts/demo-data.ts [--size demo|small|region|national] [--seed N] [--database-url URL | --data-dir DIR]
    --size          demo — один регион (по умолчанию), small — для тестов, region — крупный регион (40 000 человек),
                    national — вся страна (89 регионов)
    --seed          целое число (по умолчанию 1): те же размер и число дают те же данные
    --database-url  PostgreSQL (по умолчанию DATABASE_URL)
    --data-dir      каталог встроенной базы PGlite (по умолчанию DATA_DIR или ./data)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n\n${usage}`);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const sizeName = args.size as keyof typeof demoSizes;
if (!Object.hasOwn(demoSizes, sizeName)) fail(`Неизвестный размер «${args.size}»: допустимы ${Object.keys(demoSizes).join(', ')}`);
const seed = Number(args.seed);
// The generator seeds a 32-bit state: larger numbers would repeat smaller ones.
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail(`--seed должен быть целым числом от 0 до 4294967295, а не «${args.seed}»`);
if (args['database-url'] && args['data-dir']) fail('Укажите либо --database-url, либо --data-dir, но не оба');

const config = loadConfig();
const databaseUrl = args['database-url'] ?? (args['data-dir'] ? undefined : config.databaseUrl);
const dataDir = args['data-dir'] ?? config.dataDir;
const size = demoSizes[sizeName];
const number = new Intl.NumberFormat('ru-RU');

const database = await openDatabase({ databaseUrl, dataDir }).catch((err: Error) => fail(`Не удалось открыть базу данных: ${err.message}`));
try {
  if (!(await isDatabaseEmpty(database.db))) {
    console.error(
      `База данных ${databaseUrl ? 'по адресу DATABASE_URL' : `в каталоге ${dataDir}`} уже содержит данные.\n` +
        'Демонстрационные данные загружаются только в пустую базу: укажите другой --data-dir или --database-url.',
    );
    process.exitCode = 1;
  } else {
    const totals = demoTotals(size, seed);
    console.log(
      `Загрузка «${sizeName}» (seed ${seed}) в ${database.kind === 'pglite' ? `PGlite, ${dataDir}` : 'PostgreSQL'}: ` +
        `территорий — ${number.format(totals.territories)}, организаций — ${number.format(totals.organizations)}, сотрудников — ${number.format(totals.staff)}`,
    );
    const started = performance.now();
    let shown = -1;
    const accounts = await loadDemo(database.db, {
      size,
      seed,
      onProgress(done, total) {
        const percent = Math.floor((done / total) * 100);
        if (percent === shown || (percent < 100 && percent - shown < 5)) return;
        shown = percent;
        console.log(`  сотрудники: ${number.format(done)} из ${number.format(total)} (${percent}%), ${seconds(started)} с`);
      },
    });
    const counted = async (table: PgTable) => number.format((await database.db.select({ n: count() }).from(table))[0].n);
    console.log(`Готово за ${seconds(started)} с.`);
    console.log(
      [
        `  территории:           ${await counted(territories)}`,
        `  организации:          ${await counted(organizations)}`,
        `  сотрудники:           ${await counted(staff)}`,
        `  должности:            ${await counted(staffPositions)}`,
        `  учётные записи:       ${await counted(users)}`,
        `  назначения ролей:     ${await counted(roleAssignments)}`,
        `  результаты диагностики: ${await counted(assessmentResults)}`,
        `  ИОМ:                  ${await counted(learningPlans)}`,
        `  зачисления:           ${await counted(enrollments)}`,
        `  пары наставничества:  ${await counted(mentorships)}`,
        `  мероприятия:          ${await counted(events)}`,
      ].join('\n'),
    );
    console.log(`Демонстрационные учётные записи (пароль «${demoPassword}»):`);
    for (const a of accounts) console.log(`  ${a.login.padEnd(10)} ${a.role} — ${a.displayName} (${a.scope})`);
  }
} finally {
  await database.close();
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 });
}
