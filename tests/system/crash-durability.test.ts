// Crash durability (issue 7): the real server is killed with SIGKILL at random moments while it
// takes writes and commits an import, then started again on the same data. Every write it
// acknowledged must be there, every import whole or absent, and the database must open as is.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/db/client.js';
import { testAdminUrl } from '../../server/db/test-databases.js';
import { peopleRows, snils, toXlsx } from '../support/staff-xlsx.js';

// 30 per database, 60 kills in all; CRASH_CYCLES=N for a longer or shorter run
const CYCLES = Number(process.env.CRASH_CYCLES ?? 30);
const IMPORT_ROWS = 60;

/** A seeded generator, so a failing run can be repeated with the same moments. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

interface Server {
  port: number;
  child: ChildProcess;
  log: string[];
}

/** A port nobody listens on now (the system picks it): fixed ranges once met PostgreSQL's 5432. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server did not start (exit ${child.exitCode}):\n${log.join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, child, log };
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 60 s:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/** Signs in once: the session lives in the database, so it outlives the server's crashes. */
async function signIn(port: number, login: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }) });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const me = await res.json();
  return { cookie, organizationId: me.roles[0].organizationId as string };
}

function client(port: number, { cookie, organizationId }: Awaited<ReturnType<typeof signIn>>) {
  const call = (p: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${p}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, origin: `http://127.0.0.1:${port}` } });
  return { call, organizationId };
}

/** The person a writer creates: a SNILS unique to the cycle, writer and attempt. */
const personBody = (n: number, organizationId: string) =>
  JSON.stringify({
    surname: 'Крашева',
    name: 'Вера',
    patronymic: 'Павловна',
    birthDate: '1990-03-01',
    snils: snils(700_000_000 + n),
    professionStartYear: 2015,
    positions: [{ organizationId, title: 'Учитель', staffCategory: 'pedagogical', subjects: ['История'] }],
  });

interface Outcome {
  acknowledged: string[];
  imports: { snils: string[]; committed: boolean }[];
  restarts: number;
}

async function crashCycles(kind: 'pglite' | 'postgres', env: Record<string, string>): Promise<Outcome> {
  const next = random(kind === 'pglite' ? 7 : 11);
  const outcome: Outcome = { acknowledged: [], imports: [], restarts: 0 };
  let session: Awaited<ReturnType<typeof signIn>> | undefined;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const t0 = Date.now();
    const server = await startServer(env);
    if (process.env.CRASH_VERBOSE) console.log(`${kind} cycle ${cycle}: started in ${Date.now() - t0} ms`);
    outcome.restarts++;
    try {
      session ??= await signIn(server.port, 'school');
      const school = client(server.port, session);
      const org = await (await school.call(`/api/organizations/${school.organizationId}`)).json();
      // an import read and checked, ready to commit when the crash comes
      const seed = (kind === 'pglite' ? 100 : 300) + cycle;
      // birth dates unique to the cycle: the same name and birth date again would be a duplicate (ADR 0005)
      const rows: Record<string, unknown>[] = peopleRows(IMPORT_ROWS, org.inn ?? org.shortName, seed).map((r, i) => ({ ...r, 'Дата рождения': new Date(Date.UTC(1950, 0, 1 + (seed % 200) * IMPORT_ROWS + i)) }));
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await toXlsx(rows))]), 'staff.xlsx');
      const started = await (await school.call('/api/imports/staff', { method: 'POST', body: form })).json();
      let state: { status: string; errorRows: number } = { status: 'parsing', errorRows: 0 };
      while (state.status === 'parsing') {
        await new Promise((r) => setTimeout(r, 50));
        state = await (await school.call(`/api/imports/${started.id}?previewRows=2`)).json();
      }
      expect(state, `the import file is valid: ${JSON.stringify((state as { errors?: unknown[] }).errors?.slice(0, 2))}`).toMatchObject({ status: 'preview', errorRows: 0 });
      const entry = { snils: rows.map((r) => r['СНИЛС'] as string), committed: false };
      outcome.imports.push(entry);

      // three writers and the commit, then SIGKILL at a random moment
      let n = 0;
      const writer = async (w: number) => {
        for (;;) {
          const res = await school
            .call('/api/staff', { method: 'POST', headers: { 'content-type': 'application/json' }, body: personBody(seed * 10_000 + w * 1000 + n++, school.organizationId) })
            .catch(() => null);
          if (!res) return;
          if (res.status === 201) outcome.acknowledged.push((await res.json()).id);
          else if (res.status >= 500) return;
        }
      };
      const commitAfter = next() * 400;
      const killAfter = 50 + next() * 900;
      const work = [
        writer(0),
        writer(1),
        writer(2),
        new Promise<void>((resolve) =>
          setTimeout(async () => {
            const res = await school.call(`/api/imports/${started.id}/commit`, { method: 'POST' }).catch(() => null);
            if (res?.status === 200) entry.committed = true;
            resolve();
          }, commitAfter),
        ),
      ];
      await new Promise((r) => setTimeout(r, killAfter));
      await kill(server);
      await Promise.all(work);
    } finally {
      await kill(server);
    }
  }
  // the last start after the last crash: the database opens as it is
  const last = await startServer(env);
  outcome.restarts++;
  await kill(last);
  return outcome;
}

async function check(db: Parameters<typeof queryRows>[0], outcome: Outcome) {
  const ids = outcome.acknowledged;
  const [{ found }] = await queryRows<{ found: number }>(db, sql`SELECT count(*)::int AS found FROM staff WHERE id = ANY(${sql.param(ids)}::uuid[])`);
  const imports = [];
  for (const i of outcome.imports) {
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM staff WHERE snils = ANY(${sql.param(i.snils)}::text[])`);
    imports.push({ ...i, present: n });
  }
  return { acknowledged: ids.length, found, imports };
}

function report(kind: string, outcome: Outcome, result: Awaited<ReturnType<typeof check>>) {
  const whole = result.imports.filter((i) => i.present === IMPORT_ROWS).length;
  const absent = result.imports.filter((i) => i.present === 0).length;
  console.log(
    `crash durability, ${kind}: ${outcome.restarts - 1} kill -9, ${result.acknowledged} acknowledged writes, ${result.acknowledged - result.found} lost; ` +
      `imports ${whole} whole, ${absent} absent, ${result.imports.length - whole - absent} partial; ${result.imports.filter((i) => i.committed).length} acknowledged commits`,
  );
  expect(result.found, `${kind}: acknowledged writes lost`).toBe(result.acknowledged);
  expect(result.imports.filter((i) => i.present !== 0 && i.present !== IMPORT_ROWS), `${kind}: half imports`).toEqual([]);
  expect(result.imports.filter((i) => i.committed && i.present !== IMPORT_ROWS), `${kind}: acknowledged imports lost`).toEqual([]);
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-crash-'));
const demo = (args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-data.ts', '--size', 'small', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr || run.stdout);
};

describe('crash durability: kill -9 during writes and imports', () => {
  const pgName = `rsnms_crash_${process.pid}`;
  afterAll(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: testAdminUrl() });
    await admin.connect().then(
      async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await admin.end();
      },
      () => {},
    );
  });

  it.concurrent('on PGlite', async () => {
    const dataDir = path.join(workDir, 'pglite');
    demo(['--data-dir', dataDir]);
    const outcome = await crashCycles('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' });
    const database = await openDatabase({ dataDir });
    try {
      report('PGlite', outcome, await check(database.db, outcome));
    } finally {
      await database.close();
    }
  }, 900_000);

  it.concurrent('on PostgreSQL', async (t) => {
    const admin = new pg.Client({ connectionString: testAdminUrl() });
    try {
      await admin.connect();
    } catch (err) {
      if (process.env.CI) throw err;
      return t.skip();
    }
    await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pgName}`);
    await admin.end();
    const url = new URL(testAdminUrl());
    url.pathname = `/${pgName}`;
    demo(['--database-url', url.toString()]);
    const outcome = await crashCycles('postgres', { DATABASE_URL: url.toString() });
    const database = await openDatabase({ databaseUrl: url.toString() });
    try {
      report('PostgreSQL', outcome, await check(database.db, outcome));
    } finally {
      await database.close();
    }
  }, 900_000);
});
