import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from './client.js';
import { loadDemo } from '../modules/demo/demo.service.js';
import { demoSizes } from '../modules/demo/demo-generator.js';
import { testAdminUrl, templateDbName } from './test-databases.js';

/** Migrates and loads the small demo region once; each test file then starts from a copy:
 *  a PGlite data-directory dump, or a PostgreSQL database created from a template. */
export default async function setup(project: TestProject) {
  // the project's env reaches its test workers, not this process: tell by the project's name
  const kind = project.name === 'postgres' ? 'postgres' : 'pglite';
  if (kind === 'pglite') {
    const client = new PGlite();
    const database = await openDatabase({ pglite: client });
    await loadDemo(database.db, { size: demoSizes.small });
    const dump = await client.dumpDataDir('gzip');
    const file = path.resolve('.tmp', `pglite-template-${process.pid}.tar.gz`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    return () => fs.rmSync(file, { force: true });
  }

  const admin = new pg.Client({ connectionString: testAdminUrl() });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${(err as Error).message}`);
    project.provide('postgresTemplate', '');
    return;
  }
  const template = templateDbName();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const url = new URL(testAdminUrl());
  url.pathname = `/${template}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await loadDemo(database.db, { size: demoSizes.small });
  await database.close();
  project.provide('postgresTemplate', template);
  return async () => {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
