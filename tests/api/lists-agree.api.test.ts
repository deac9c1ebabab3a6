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
 * municipalities, organizations and governing bodies at either level, with subdivisions), people
 * placed in them, accounts with random roles, and records of every kind that has a single read by
 * id, created by the region's administrator in random places of the tree; then, in a fresh
 * database, for every generated account each list of `resources`, its search and its export return
 * exactly the records whose single read answers 200 (the ids come from the database, not from the
 * lists), and so does the open catalog of practices without login. Each run adds a new region
 * beside the earlier ones, so the records of other regions are always there to leak — and none of
 * them may be readable to the accounts of the new region, except what is open to all by design
 * (`national`).
 *
 * The lists are read in small pages (no row twice, and the count a list reports is the rows it
 * gives), sometimes through rows that share their time to the microsecond, as the rows of one
 * transaction do (`timeKeys`). A list that hides something by default is asked for everything:
 * archived records too (`archived=true` beside the default), cancelled events, closed vacancies
 * (`status=all`); the lists with a «mine» filter or a box (learning plans, mentorships, practices,
 * recommendations) are read in their default «all in scope» form. Nothing here is archived or
 * cancelled: the course groups' list never shows archived groups, by design. Left out: team
 * mentorships, the registries of resources and innovation sites, competencies — no single read by
 * id.
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

type Client = { get(path: string): Promise<Response>; send(method: string, path: string, body: unknown): Promise<any>; post(path: string, body: unknown): Promise<any> };
/** A client with the session cookie, or without one (the open catalog). */
function client(cookie: string | null): Client {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const send = async (method: string, path: string, body: unknown) => {
    const r = await request(path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return { get: (path) => request(path, { headers }), send, post: (path, body) => send('POST', path, body) };
}
async function signIn(login: string): Promise<Client> {
  const res = await request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: demoPassword }) });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  return client(res.headers.get('set-cookie')!.split(';')[0]);
}

/** A record placed in the world: `at` and `to` pick organizations, people or earlier records (modulo
 *  their number), `own` puts it at its organization's own level rather than its territory's, and
 *  `step` says how far its workflow goes (course groups of a programme, expertise of a practice). */
const placement = fc.record({ at: fc.nat(), to: fc.nat(), own: fc.boolean(), step: fc.nat({ max: 2 }) });
type Placement = typeof placement extends fc.Arbitrary<infer T> ? T : never;

/** The kinds of records `build` creates, in the order it creates them (programmes before enrollments). */
const kinds = [
  'assessments',
  'programs',
  'enrollments',
  'learningPlans',
  'mentorships',
  'mentoringProgrammes',
  'events',
  'eventCalendars',
  'communities',
  'contests',
  'documents',
  'practices',
  'campaigns',
  'recommendations',
  'roadmaps',
  'vacancies',
] as const;
type Kind = (typeof kinds)[number];
const some = fc.array(placement, { maxLength: 2 });

const world = fc.record({
  municipalities: fc.integer({ min: 1, max: 3 }),
  // each organization: its territory (the region or a municipality), and maybe a parent among the
  // earlier ones there; a governing body (ministry, municipal authority) stands alone
  organizations: fc.array(fc.record({ place: fc.nat(), parent: fc.option(fc.nat(), { nil: null }), body: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  // each person: one or two workplaces
  staff: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
  actors: fc.array(
    fc.record({ role: fc.constantFrom<Role>('regional_admin', 'regional_methodologist', 'municipal_admin', 'organization_admin', 'teacher', 'tutor', 'expert'), target: fc.nat() }),
    { minLength: 1, maxLength: 5 },
  ),
  records: fc.record(Object.fromEntries(kinds.map((k) => [k, some])) as Record<Kind, typeof some>),
  // small pages, so that the lists' cursors are walked, and maybe through ties (`timeKeys`)
  pageSize: fc.integer({ min: 1, max: 4 }),
  ties: fc.boolean(),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

type Org = { id: string; place: string; regional: boolean; body: boolean };
/** What `build` made before the records, for the records' creators. */
interface Built {
  run: number;
  root: Client;
  munis: string[];
  orgs: Org[];
  people: { id: string; org: string }[];
  tutors: string[];
  experts: { login: string; id: string }[];
  competencyId: string;
}

async function build(w: World) {
  const run = ++runNo;
  const [region] = await queryRows<{ id: string }>(db!.db, sql`INSERT INTO territories (kind, name, path) VALUES ('region', ${`Регион ${mark} ${run}`}, '{}') RETURNING id`);
  await db!.db.execute(sql`UPDATE territories SET path = ARRAY[id] WHERE id = ${region.id}`);
  await createUser(db!.db, { login: `root${run}`, password: demoPassword, displayName: 'Администратор', roles: [{ role: 'regional_admin', territoryId: region.id, organizationId: null }] });
  const root = await signIn(`root${run}`);
  const munis: string[] = [];
  for (let i = 0; i < w.municipalities; i++) munis.push((await root.post('/api/territories', { kind: 'municipality', name: `Округ ${mark} ${run}-${i}`, parentId: region.id })).id);
  const places = [region.id, ...munis];
  const orgs: Org[] = [];
  for (const [i, o] of w.organizations.entries()) {
    const place = pick(places, o.place);
    const regional = place === region.id;
    const candidates = orgs.filter((x) => x.place === place && !x.body);
    const parent = o.parent !== null && !o.body && candidates.length ? pick(candidates, o.parent).id : null;
    const name = `${o.body ? 'Управление' : 'Школа'} ${mark} ${run}-${i}`;
    const kind = !o.body ? 'school' : regional ? 'ministry' : 'municipal_authority';
    orgs.push({ id: (await root.post('/api/organizations', { kind, fullName: name, shortName: name, territoryId: place, parentId: parent })).id, place, regional, body: o.body });
  }
  const people: { id: string; org: string }[] = [];
  for (const [i, at] of w.staff.entries()) {
    const workplaces = [...new Set(at.map((p) => pick(orgs, p).id))];
    const body = { surname: `Проверкина-${letters(run)}`, name: `Анна-${letters(i)}`, positions: workplaces.map((organizationId) => ({ organizationId, title: 'Учитель', staffCategory: 'pedagogical' })) };
    people.push({ id: (await root.post('/api/staff', body)).id, org: workplaces[0] });
  }
  const actors: string[] = [];
  const tutors: string[] = [];
  const experts: { login: string; id: string }[] = [];
  for (const [i, a] of w.actors.entries()) {
    const login = `u${run}_${i}`;
    const person = pick(people, a.target);
    const grant =
      a.role === 'regional_admin' || a.role === 'regional_methodologist' || a.role === 'expert'
        ? { territoryId: region.id, organizationId: null }
        : a.role === 'municipal_admin'
          ? { territoryId: pick(munis, a.target), organizationId: null }
          : a.role === 'organization_admin'
            ? { territoryId: null, organizationId: pick(orgs, a.target).id }
            : { territoryId: null, organizationId: person.org };
    const staffId = a.role === 'teacher' || a.role === 'tutor' ? person.id : null;
    const id = await createUser(db!.db, { login, password: demoPassword, displayName: login, staffId, roles: [{ role: a.role, ...grant }] });
    if (a.role === 'tutor') tutors.push(id);
    if (a.role === 'expert') experts.push({ login, id });
    actors.push(login);
  }
  const [competency] = await queryRows<{ id: string }>(db!.db, sql`SELECT id FROM competencies WHERE retired_revision IS NULL ORDER BY code LIMIT 1`);
  const create = creators({ run, root, munis, orgs, people, tutors, experts, competencyId: competency.id });
  for (const kind of kinds) for (const [i, p] of w.records[kind].entries()) await create[kind](p, i);
  if (w.ties) for (const [table, column] of timeKeys) await db!.db.execute(sql.raw(`UPDATE ${table} SET ${column} = '${nextYear}-01-01 10:00:00.123456+00' WHERE ${column} IS NOT NULL`));
  return actors;
}

/** The lists' sort keys that are times. The rows of one transaction share theirs (an import, the
 *  demo, a recommendation to many addressees): a world with `ties` gives every such row one time,
 *  to the microsecond, and the lists' cursors must walk through it. */
const timeKeys = [
  ['staff', 'updated_at'],
  ['organizations', 'updated_at'],
  ['assessments', 'created_at'],
  ['enrollments', 'requested_at'],
  ['learning_plans', 'updated_at'],
  ['mentorships', 'updated_at'],
  ['events', 'starts_at'],
  ['practices', 'submitted_at'],
  ['practices', 'published_at'],
  ['recommendations', 'created_at'],
];

/** The word every generated name and title holds, for the searches. */
const mark = 'сверка';
const nextYear = new Date().getFullYear() + 1;
const roadmapContent = {
  periodFrom: nextYear,
  periodTo: nextYear,
  sections: [{ number: '1', title: 'Раздел', activities: [{ number: '1.1', title: 'Мероприятие', responsible: [{ text: 'Школа' }], deadline: { text: `до 31 декабря ${nextYear} г.` }, expectedResult: 'Результат' }] }],
};
const scores = { relevance: 5, novelty: 4, effectiveness: 5, reproducibility: 4, methodology: 5 };

/** Level records (events, calendars, communities, documents, roadmaps): the organization's own, or
 *  of its territory's level, which the organization's territory decides. */
const levelOf = (o: Org, own: boolean) => (own ? 'organization' : o.regional ? 'regional' : 'municipal');

/** How each kind of record is created, as the region's administrator unless said otherwise. */
function creators(x: Built): Record<Kind, (p: Placement, i: number) => Promise<unknown>> {
  const title = (what: string, i: number) => `${what} ${mark} ${x.run}-${i}`;
  const org = (n: number) => pick(x.orgs, n);
  const person = (n: number) => pick(x.people, n);
  const bodies = x.orgs.filter((o) => o.body);
  const cohorts: string[] = [];
  // one open plan per person, one open pair or enrollment per couple
  const made = new Set<string>();
  const fresh = (key: string) => !made.has(key) && !!made.add(key);
  return {
    assessments: (p, i) =>
      x.root.post('/api/assessments', {
        title: title('Диагностика', i),
        tool: pick(['federal', 'regional', 'organization'], p.step),
        organizerOrganizationId: org(p.at).id,
        windows: [{ from: `${nextYear}-02-01`, to: `${nextYear}-03-31` }],
        competencies: [{ competencyId: x.competencyId, threshold: 60 }],
      }),
    async programs(p, i) {
      const program = await x.root.post('/api/programs', { title: title('Программа', i), kind: 'upskilling', hours: 36, format: 'distance', providerName: 'ЦНППМ', ownerOrganizationId: org(p.at).id });
      for (let k = 0; k < p.step; k++) {
        cohorts.push((await x.root.post('/api/cohorts', { programId: program.id, title: `Группа ${k + 1}`, startsOn: `${nextYear}-09-01`, endsOn: `${nextYear}-12-20`, seats: 10 })).id);
      }
    },
    async enrollments(p) {
      const staffId = person(p.at).id;
      const cohortId = maybe(cohorts, p.to);
      if (cohortId && fresh(`${staffId}:${cohortId}`)) await x.root.post('/api/enrollments', { staffId, cohortId });
    },
    async learningPlans(p) {
      const staffId = person(p.at).id;
      // a plan with a tutor makes the tutor the person's (tutor assignment)
      const tutorUserId = p.own ? maybe(x.tutors, p.to) : undefined;
      if (fresh(staffId)) await x.root.post('/api/learning-plans', { staffId, tutorUserId, items: [] });
    },
    async mentorships(p) {
      const [mentor, mentee] = [person(p.to).id, person(p.at).id];
      if (mentor !== mentee && fresh(`${mentor}:${mentee}`)) await x.root.post('/api/mentorships', { mentorStaffId: mentor, menteeStaffId: mentee, form: 'experienced_young' });
    },
    mentoringProgrammes: (p, i) =>
      x.root.post('/api/mentorships/programmes', { organizationId: org(p.at).id, title: title('Программа наставничества', i), periodFrom: `${nextYear}-01-01`, periodTo: `${nextYear}-12-31` }),
    events: (p, i) =>
      x.root.post('/api/events', {
        title: title('Семинар', i),
        level: levelOf(org(p.at), p.own),
        kind: 'seminar',
        format: 'online',
        startsAt: `${nextYear}-03-15T10:00:00+03:00`,
        endsAt: `${nextYear}-03-15T12:00:00+03:00`,
        organizerOrganizationId: org(p.at).id,
      }),
    // one calendar of an organization a year
    eventCalendars: (p, i) => x.root.post('/api/event-calendars', { ownerOrganizationId: org(p.at).id, year: nextYear + i, level: levelOf(org(p.at), p.own) }),
    communities: (p, i) => x.root.post('/api/communities', { name: title('Сообщество', i), kind: 'networking_platform', level: levelOf(org(p.at), p.own), baseOrganizationId: org(p.at).id }),
    contests: (p, i) => x.root.post('/api/contests', { title: title('Конкурс', i), year: nextYear, organizerOrganizationId: org(p.at).id, stages: [{ level: 'organization' }] }),
    documents: (p, i) => x.root.post('/api/documents', { kind: 'order', title: title('Приказ', i), ownerOrganizationId: org(p.at).id, level: levelOf(org(p.at), p.own) }),
    async practices(p, i) {
      let practice = await x.root.post('/api/practices', {
        title: title('Практика', i),
        kind: 'pedagogical',
        level: 'primary',
        description: 'Описание практики',
        organizationId: org(p.at).id,
        authors: [{ staffId: person(p.to).id }],
      });
      const expert = maybe(x.experts, p.to);
      if (!expert || p.step === 0) return;
      // on expertise: the assigned expert reads it; published: everyone does
      practice = await x.root.send('PUT', `/api/practices/${practice.id}/experts`, { version: practice.version, expertUserIds: [expert.id] });
      if (p.step < 2) return;
      practice = await (await signIn(expert.login)).post(`/api/practices/${practice.id}/reviews`, { scores, recommendation: 'publish' });
      await x.root.post(`/api/practices/${practice.id}/decision`, { version: practice.version, decision: 'publish' });
    },
    async campaigns(p, i) {
      const owner = maybe(bodies, p.at);
      if (!owner) return;
      const campaign = await x.root.post('/api/monitoring/campaigns', {
        title: title('Мониторинг', i),
        year: nextYear,
        periodLabel: `${nextYear} год`,
        collectFrom: `${nextYear}-01-10`,
        deadline: `${nextYear}-02-10`,
        ownerOrganizationId: owner.id,
      });
      // an assigned organization's readers see the campaign too
      const assigned = p.own ? maybe(x.orgs.filter((o) => owner.regional || o.place === owner.place), p.to) : undefined;
      if (assigned) await x.root.post(`/api/monitoring/campaigns/${campaign.id}/assignments`, { organizationIds: [assigned.id] });
    },
    async recommendations(p, i) {
      const issuer = maybe(bodies, p.at);
      if (!issuer) return;
      const addressees = [
        ...x.orgs.filter((o) => o.id !== issuer.id && (issuer.regional || o.place === issuer.place)).map((o) => ({ organizationId: o.id })),
        ...(issuer.regional ? x.munis.map((territoryId) => ({ territoryId })) : []),
      ];
      // one issue to several addressees: rows of one transaction, with one creation time
      const chosen = [...new Set(Array.from({ length: p.step + 1 }, (_, k) => maybe(addressees, p.to + k)))];
      if (chosen[0]) {
        await x.root.post('/api/recommendations', { addressees: chosen, title: title('Рекомендация', i), text: 'Текст рекомендации для проверки', dueDate: `${nextYear}-12-31`, issuerOrganizationId: issuer.id });
      }
    },
    roadmaps: (p, i) => x.root.post('/api/roadmaps', { ...roadmapContent, title: title('Дорожная карта', i), ownerOrganizationId: org(p.at).id, level: levelOf(org(p.at), p.own) }),
    vacancies: (p, i) => x.root.post('/api/vacancies', { organizationId: org(p.at).id, position: title('Учитель', i), hours: 18, openSince: '2025-09-01' }),
  };
}

/** A list to compare with the single reads of `read` over the ids of `table`: the union of `lists`
 *  (its plain form unless told), a search every generated record matches, and an export. */
interface Resource {
  table: string;
  read: string;
  /** The rows open to every region by design (a WHERE condition): the catalog of programmes and its
   *  course groups (ADR 0011), published practices (ADR 0018). Other regions' other rows stay hidden. */
  national?: string;
  lists?: string[];
  search?: string;
  xlsx?: string;
  ics?: string;
}
/** A search query string. */
const q = (words: string) => `q=${encodeURIComponent(words)}`;
const resources: Resource[] = [
  { table: 'staff', read: '/api/staff', lists: ['/api/staff', '/api/staff?sort=updated'], search: `/api/staff?${q('Проверкина')}`, xlsx: '/api/staff/export.xlsx' },
  { table: 'organizations', read: '/api/organizations', lists: ['/api/organizations', '/api/organizations?sort=updated'], search: `/api/organizations?${q(mark)}`, xlsx: '/api/organizations/export.xlsx' },
  { table: 'territories', read: '/api/territories', search: `/api/territories?${q(mark)}` },
  { table: 'assessments', read: '/api/assessments', lists: ['/api/assessments', '/api/assessments?archived=true'], search: `/api/assessments?${q(mark)}` },
  { table: 'programs', national: 'true', read: '/api/programs', lists: ['/api/programs', '/api/programs?archived=true'], search: `/api/programs?${q(mark)}`, xlsx: '/api/programs/export.xlsx' },
  { table: 'cohorts', national: 'true', read: '/api/cohorts' },
  { table: 'enrollments', read: '/api/enrollments' },
  { table: 'learning_plans', read: '/api/learning-plans', search: `/api/learning-plans?${q('Проверкина')}` },
  { table: 'mentorships', read: '/api/mentorships', search: `/api/mentorships?${q('Проверкина')}` },
  { table: 'mentoring_programmes', read: '/api/mentorships/programmes', search: `/api/mentorships/programmes?${q(mark)}` },
  { table: 'events', read: '/api/events', lists: ['/api/events?includeCancelled=true'], search: `/api/events?includeCancelled=true&${q(mark)}`, ics: '/api/events.ics?includeCancelled=true' },
  { table: 'event_calendars', read: '/api/event-calendars' },
  { table: 'communities', read: '/api/communities', lists: ['/api/communities', '/api/communities?archived=true'], search: `/api/communities?${q(mark)}` },
  { table: 'contests', read: '/api/contests' },
  { table: 'documents', read: '/api/documents', search: `/api/documents?${q(mark)}` },
  { table: 'practices', national: `status = 'published'`, read: '/api/practices', search: `/api/practices?${q(mark)}` },
  { table: 'monitoring_campaigns', read: '/api/monitoring/campaigns' },
  { table: 'recommendations', read: '/api/recommendations', search: `/api/recommendations?${q(mark)}` },
  { table: 'roadmaps', read: '/api/roadmaps', lists: ['/api/roadmaps', '/api/roadmaps?archived=true'], search: `/api/roadmaps?${q(mark)}` },
  { table: 'vacancies', read: '/api/vacancies', lists: ['/api/vacancies?status=all'], search: `/api/vacancies?status=all&${q(mark)}`, xlsx: '/api/vacancies/export.xlsx?status=all' },
];
/** The open catalog of practices, read without login. */
const publicPractices: Resource = { table: 'practices', read: '/api/public/practices', search: `/api/public/practices?${q(mark)}` };

/** One account (`who`) and one resource: the lists, the search and the export give exactly what
 *  the single reads allow. */
async function agree(c: Client, who: string, r: Resource, ids: string[], pageSize: number): Promise<Set<string>> {
  const single = await readable(c, r.read, ids);
  counts.reads += ids.length;
  const listed = new Set<string>();
  for (const path of r.lists ?? [r.read]) for (const id of await listAll(c, path, pageSize)) listed.add(id);
  expect(sorted(listed), `${who} list of ${r.read}`).toEqual(sorted(single));
  if (r.search) expect(sorted(await listAll(c, r.search, pageSize)), `${who} search ${r.search}`).toEqual(sorted(single));
  if (r.xlsx) {
    const rows = await exportedRows(c, r.xlsx);
    if (rows >= 0) expect(rows, `${who} export ${r.xlsx}`).toBe(single.size);
  }
  if (r.ics) expect(sorted(await exportedEvents(c, r.ics)), `${who} export ${r.ics}`).toEqual(sorted(single));
  return single;
}

/** Every page of a list, `limit` rows a page (a list without pages answers in one): no row twice,
 *  and the count the list reports is the number of rows it gives. */
async function listAll(c: Client, path: string, limit: number): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  let total: number | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await c.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, path).toBe(200);
    const body = await res.json();
    for (const x of body.items) {
      expect(ids.has(x.id), `${path}: ${x.id} on two pages`).toBe(false);
      ids.add(x.id);
    }
    total ??= body.total;
    cursor = body.nextCursor ?? null;
  } while (cursor);
  if (total !== undefined) expect(total, `${path}: total`).toBe(ids.size);
  return ids;
}

/** Paths whose single read refused with 403 rather than 404 (counted as not readable). */
const forbidden = new Set<string>();

async function readable(c: Client, path: string, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) {
    const res = await c.get(`${path}/${id}`);
    expect([200, 403, 404], `${path}/${id}`).toContain(res.status);
    if (res.status === 200) out.add(id);
    if (res.status === 403) forbidden.add(path);
  }
  return out;
}

/** Data rows of an XLSX export; -1 when the export is refused to the account. */
async function exportedRows(c: Client, path: string): Promise<number> {
  const res = await c.get(path);
  expect([200, 403], path).toContain(res.status);
  if (res.status !== 200) return -1;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0];
  // the frozen rows are the title and the header
  return ws.actualRowCount - ((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1);
}

/** The event ids of an ICS export (UID «id@rsnms»). */
async function exportedEvents(c: Client, path: string): Promise<Set<string>> {
  const res = await c.get(path);
  expect(res.status, path).toBe(200);
  return new Set([...(await res.text()).matchAll(/^UID:(.+)@rsnms\r?$/gm)].map((m) => m[1]));
}

/** A number as Russian letters: names admit letters only. */
const letters = (n: number) => [...String(n)].map((d) => 'абвгдежзик'[Number(d)]).join('');
/** The n-th element, going round, of a list the world never leaves empty (places, organizations, people). */
const pick = <T,>(list: readonly T[], n: number): T => list[n % list.length];
/** The same of a list that may be empty (tutors, experts, course groups…): undefined then. */
const maybe = <T,>(list: readonly T[], n: number): T | undefined => list[n % list.length];

const sorted = (s: Set<string>) => [...s].sort();
const counts = { runs: 0, actors: 0, reads: 0, foreign: 0 };

describe('lists agree with single reads', () => {
  it('for random organization trees, role assignments and records', async (t) => {
    if (!db) return t.skip();
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const idsOf = async (table: string) => (await queryRows<{ id: string }>(db!.db, sql.raw(`SELECT id FROM ${table}`))).map((x) => x.id);
        // what the earlier runs made belongs to other regions
        const elsewhere = new Map<string, Set<string>>();
        for (const r of resources) elsewhere.set(r.table, new Set(await idsOf(r.table)));
        const actors = await build(w);
        const ids = new Map<string, string[]>();
        for (const r of resources) ids.set(r.table, await idsOf(r.table));
        for (const login of actors) {
          const c = await signIn(login);
          counts.actors++;
          for (const r of resources) {
            const single = await agree(c, login, r, ids.get(r.table)!, w.pageSize);
            const open = new Set(r.national ? (await queryRows<{ id: string }>(db!.db, sql.raw(`SELECT id FROM ${r.table} WHERE ${r.national}`))).map((x) => x.id) : []);
            const foreign = [...single].filter((id) => elsewhere.get(r.table)!.has(id) && !open.has(id));
            expect(foreign, `${login} reads ${r.read} of another region`).toEqual([]);
            counts.foreign += [...elsewhere.get(r.table)!].filter((id) => !open.has(id)).length;
          }
        }
        await agree(client(null), 'anonymous', publicPractices, ids.get('practices')!, w.pageSize);
        counts.runs++;
      }),
      { numRuns: Number(process.env.LISTS_RUNS) || 8, seed: Number(process.env.LISTS_SEED) || undefined, endOnFailure: true },
    );
    const records = await Promise.all(resources.map(async (r) => `${r.read.slice(5)} ${(await queryRows<{ n: number }>(db!.db, sql.raw(`SELECT count(*)::int AS n FROM ${r.table}`)))[0].n}`));
    console.log(
      `lists agree: ${counts.runs} random worlds, ${counts.actors} accounts, ${counts.reads} single reads compared with lists, searches and exports of (records in the end) ${records.join(', ')}; and the open catalog of practices; ` +
        `${counts.foreign} single reads of another region's records, 0 readable` +
        (forbidden.size ? `; single reads answering 403: ${[...forbidden].join(', ')}` : ''),
    );
  }, 300_000);
});
