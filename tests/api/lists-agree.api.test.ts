import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import pino from 'pino';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { openEmptyTestDatabase, demoPassword } from '../../server/db/testing.js';
import { queryRows, type Database } from '../../server/db/client.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createUser } from '../../server/modules/auth/auth.service.js';
import type { Role } from '../../common/dictionaries.js';

/**
 * «Lists agree with single reads» (issue 7): fast-check builds random organization trees (a region,
 * municipalities, organizations with subdivisions), people placed in them, and accounts with random
 * roles, in a fresh database; then for every generated account the lists, searches and exports of
 * staff, organizations and territories return exactly the records that a single read by id allows
 * (the ids come from the database, not from the lists). Each run adds a new region beside the
 * earlier ones, so the records of other regions are always there to leak.
 */

let db: Database | null = null;
let close = async () => {};
let request: (path: string, init?: RequestInit) => Promise<Response>;
let runNo = 0;

beforeAll(async () => {
  const opened = await openEmptyTestDatabase();
  if (!opened) return;
  db = opened.database;
  close = opened.close;
  const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_MAX_FAILURES: '1000' } as NodeJS.ProcessEnv);
  const app = buildApp({ db: db.db, databaseKind: db.kind, config }, pino({ level: 'silent' }));
  request = (path, init) => Promise.resolve(app.request(path, init));
}, 180_000);
afterAll(async () => close());

type Client = { get(path: string): Promise<Response>; post(path: string, body: unknown): Promise<any> };
async function signIn(login: string): Promise<Client> {
  const res = await request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: demoPassword }) });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return {
    get: (path) => request(path, { headers: { cookie } }),
    async post(path, body) {
      const r = await request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
  };
}

const world = fc.record({
  municipalities: fc.integer({ min: 1, max: 3 }),
  // each organization: its municipality, and maybe a parent among the earlier ones there
  organizations: fc.array(fc.record({ muni: fc.nat(), parent: fc.option(fc.nat(), { nil: null }) }), { minLength: 1, maxLength: 6 }),
  // each person: one or two workplaces
  staff: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
  actors: fc.array(
    fc.record({ role: fc.constantFrom<Role>('regional_admin', 'regional_methodologist', 'municipal_admin', 'organization_admin', 'teacher'), target: fc.nat() }),
    { minLength: 1, maxLength: 5 },
  ),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

async function build(w: World) {
  const run = ++runNo;
  const [region] = await queryRows<{ id: string }>(db!.db, sql`INSERT INTO territories (kind, name, path) VALUES ('region', ${`Регион ${run}`}, '{}') RETURNING id`);
  await db!.db.execute(sql`UPDATE territories SET path = ARRAY[id] WHERE id = ${region.id}`);
  await createUser(db!.db, { login: `root${run}`, password: demoPassword, displayName: 'Администратор', roles: [{ role: 'regional_admin', territoryId: region.id, organizationId: null }] });
  const root = await signIn(`root${run}`);
  const munis: string[] = [];
  for (let i = 0; i < w.municipalities; i++) munis.push((await root.post('/api/territories', { kind: 'municipality', name: `Округ ${run}-${i}`, parentId: region.id })).id);
  const orgs: { id: string; muni: string }[] = [];
  for (const [i, o] of w.organizations.entries()) {
    const muni = munis[o.muni % munis.length];
    const candidates = orgs.filter((x) => x.muni === muni);
    const parent = o.parent !== null && candidates.length ? candidates[o.parent % candidates.length].id : null;
    const name = `Школа ${run}-${i}`;
    orgs.push({ id: (await root.post('/api/organizations', { kind: 'school', fullName: name, shortName: name, territoryId: muni, parentId: parent })).id, muni });
  }
  const people: { id: string; org: string }[] = [];
  for (const [i, places] of w.staff.entries()) {
    const at = [...new Set(places.map((p) => orgs[p % orgs.length].id))];
    const body = { surname: `Проверкина-${letters(run)}`, name: `Анна-${letters(i)}`, positions: at.map((organizationId) => ({ organizationId, title: 'Учитель', staffCategory: 'pedagogical' })) };
    people.push({ id: (await root.post('/api/staff', body)).id, org: at[0] });
  }
  const actors: string[] = [];
  for (const [i, a] of w.actors.entries()) {
    const login = `u${run}_${i}`;
    const grant =
      a.role === 'regional_admin' || a.role === 'regional_methodologist'
        ? { territoryId: region.id, organizationId: null }
        : a.role === 'municipal_admin'
          ? { territoryId: munis[a.target % munis.length], organizationId: null }
          : a.role === 'organization_admin'
            ? { territoryId: null, organizationId: orgs[a.target % orgs.length].id }
            : { territoryId: null, organizationId: people[a.target % people.length].org };
    const staffId = a.role === 'teacher' ? people[a.target % people.length].id : null;
    await createUser(db!.db, { login, password: demoPassword, displayName: login, staffId, roles: [{ role: a.role, ...grant }] });
    actors.push(login);
  }
  return actors;
}

async function listAll(c: Client, path: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await c.get(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, path).toBe(200);
    const body = await res.json();
    for (const x of body.items) ids.add(x.id);
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return ids;
}

async function readable(c: Client, path: string, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) {
    const res = await c.get(`${path}/${id}`);
    expect([200, 404], `${path}/${id}`).toContain(res.status);
    if (res.status === 200) out.add(id);
  }
  return out;
}

async function exportedRows(c: Client, path: string): Promise<number> {
  const res = await c.get(path);
  if (res.status !== 200) return -1;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0];
  // the frozen rows are the title and the header
  return ws.actualRowCount - ((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1);
}

/** A number as Russian letters: names admit letters only. */
const letters = (n: number) => [...String(n)].map((d) => 'абвгдежзик'[Number(d)]).join('');

const sorted = (s: Set<string>) => [...s].sort();
const counts = { runs: 0, actors: 0, reads: 0 };

describe('lists agree with single reads', () => {
  it('for random organization trees and role assignments', async (t) => {
    if (!db) return t.skip();
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const actors = await build(w);
        const all = async (table: string) => (await queryRows<{ id: string }>(db!.db, sql.raw(`SELECT id FROM ${table}`))).map((r) => r.id);
        const ids = { staff: await all('staff'), organizations: await all('organizations'), territories: await all('territories') };
        for (const login of actors) {
          const c = await signIn(login);
          counts.actors++;
          for (const resource of ['staff', 'organizations', 'territories'] as const) {
            const single = await readable(c, `/api/${resource}`, ids[resource]);
            counts.reads += ids[resource].length;
            const listed = resource === 'territories' ? new Set(((await (await c.get('/api/territories')).json()).items as { id: string }[]).map((x) => x.id)) : await listAll(c, `/api/${resource}`);
            expect(sorted(listed), `${login} list of ${resource}`).toEqual(sorted(single));
            if (resource === 'staff') {
              // a search every generated person matches, and the export
              const searched = await listAll(c, `/api/staff?q=${encodeURIComponent('Проверкина')}`);
              expect(sorted(searched), `${login} search of staff`).toEqual(sorted(single));
              const rows = await exportedRows(c, '/api/staff/export.xlsx');
              if (rows >= 0) expect(rows, `${login} staff export`).toBe(single.size);
            }
            if (resource === 'organizations') {
              const rows = await exportedRows(c, '/api/organizations/export.xlsx');
              if (rows >= 0) expect(rows, `${login} organizations export`).toBe(single.size);
            }
          }
        }
        counts.runs++;
      }),
      { numRuns: Number(process.env.LISTS_RUNS) || 8, seed: Number(process.env.LISTS_SEED) || undefined, endOnFailure: true },
    );
    console.log(`lists agree: ${counts.runs} random worlds, ${counts.actors} accounts, ${counts.reads} single reads compared with lists, searches and exports of staff, organizations and territories`);
  }, 300_000);
});
