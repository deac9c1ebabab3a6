import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { testAdminUrl } from './test-databases.js';

export const demoPassword = 'demo';

export interface TestApp {
  database: Database;
  /** A request as an anonymous caller. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Logs in as a demo account and returns a client that carries its session cookie; `onResponse`
   *  sees each of its requests with the answer (the authorization test replays them elsewhere). */
  as(login: string, onResponse?: (path: string, init: RequestInit, res: Response) => void): Promise<TestClient>;
  close(): Promise<void>;
}

export interface TestClient {
  login: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
}

/** The app on a fresh copy of the test database (PGlite or PostgreSQL, by TEST_DB). Returns
 *  null when PostgreSQL was asked for but is not there outside CI, so the file can skip. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp | null> {
  let database: Database;
  let dropDatabase = async () => {};
  if (process.env.TEST_DB === 'postgres') {
    const template = inject('postgresTemplate');
    if (!template) {
      if (process.env.CI) throw new Error('PostgreSQL is required in CI, but the test template database was not created');
      return null;
    }
    const name = `${template}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = new URL(testAdminUrl());
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    const client = new PGlite({ loadDataDir: new Blob([dump]) });
    database = await openDatabase({ pglite: client });
  }
  const config = loadConfig({ DEMO: '1', LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv);
  const app = buildApp({ db: database.db, databaseKind: database.kind, config }, pino({ level: 'silent' }));
  const request = (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init));
  return {
    database,
    request,
    async as(login: string, onResponse?: (path: string, init: RequestInit, res: Response) => void) {
      const res = await request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: demoPassword }) });
      if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0];
      const authed = async (path: string, init: RequestInit = {}) => {
        const answer = await request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
        onResponse?.(path, init, answer);
        return answer;
      };
      return {
        login,
        request: authed,
        async json(path: string, init: RequestInit = {}) {
          const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
          if (typeof init.body === 'string') headers['content-type'] ??= 'application/json';
          const res = await authed(path, { ...init, headers });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null };
        },
      };
    },
    async close() {
      await database.close();
      await dropDatabase();
    },
  };
}

/** A new database with the migrations applied and nothing else, of the kind the project tests
 *  (PGlite or PostgreSQL); null where PostgreSQL is asked for but absent outside CI. */
export async function openEmptyTestDatabase(): Promise<{ database: Database; close(): Promise<void> } | null> {
  if (process.env.TEST_DB !== 'postgres') {
    const database = await openDatabase({ pglite: new PGlite() });
    return { database, close: () => database.close() };
  }
  const template = inject('postgresTemplate');
  if (!template) {
    if (process.env.CI) throw new Error('PostgreSQL is required in CI, but the test template database was not created');
    return null;
  }
  const name = `${template}_empty_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(testAdminUrl());
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    async close() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Removes what the demo data gave these people in the learning chain (diagnostic results, enrollments,
 *  learning plans): for tests that walk the chain with them from the start and check exact states. */
export async function clearLearningData(database: Database, staffIds: string[]): Promise<void> {
  if (!staffIds.length) return;
  const ids = sql.join(
    staffIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // plan items point at enrollments: plans (and their items) go first
  await database.db.execute(sql`DELETE FROM learning_plans WHERE staff_id IN (${ids})`);
  await database.db.execute(sql`DELETE FROM enrollments WHERE staff_id IN (${ids})`);
  await database.db.execute(sql`DELETE FROM assessment_results WHERE staff_id IN (${ids})`);
  await database.db.execute(sql`DELETE FROM assessment_participants WHERE staff_id IN (${ids})`);
}
