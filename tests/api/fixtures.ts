import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/db/client.js';

export const demoRoles = ['region', 'municipal', 'school', 'teacher', 'school2'] as const;
export type DemoRole = (typeof demoRoles)[number];

/** Records of the small demo region chosen around the demo accounts: for each role, some are
 *  inside its scope and some outside (a sibling school, another municipality). */
export async function findFixtures(db: Db) {
  const grants = await queryRows<{ login: string; staff_id: string | null; territory_id: string | null; organization_id: string | null }>(
    db,
    sql`SELECT u.login, u.staff_id, r.territory_id, r.organization_id FROM users u JOIN role_assignments r ON r.user_id = u.id
        WHERE u.login IN ('region', 'municipal', 'school', 'teacher', 'school2')`,
  );
  const g = (login: string) => grants.find((x) => x.login === login)!;
  const region = g('region').territory_id!;
  const muni1 = g('municipal').territory_id!;
  const school = g('school').organization_id!;
  const school2 = g('school2').organization_id!;
  const [{ territory_id: muni2 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT territory_id FROM organizations WHERE id = ${school2}`);
  const teacherSelf = g('teacher').staff_id!;
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, q))[0].id;
  const otherSchool = await one(
    sql`SELECT o.id FROM organizations o WHERE o.territory_id = ${muni1} AND o.kind = 'school' AND o.id <> ${school}
        AND EXISTS (SELECT 1 FROM staff_positions p WHERE p.organization_id = o.id) ORDER BY o.short_name LIMIT 1`,
  );
  const ministry = await one(sql`SELECT id FROM organizations WHERE kind = 'ministry' AND territory_id = ${region} LIMIT 1`);
  const onlyAt = (org: string) =>
    one(sql`SELECT s.id FROM staff s WHERE s.organization_ids = ARRAY[${org}]::uuid[] AND s.id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL) ORDER BY s.surname LIMIT 1`);
  return {
    territories: { region, muni1, muni2 },
    organizations: { school, otherSchool, school2, ministry },
    staff: { teacherSelf, sameSchool: await onlyAt(school), otherSchoolSameMuni: await onlyAt(otherSchool), otherMuni: await onlyAt(school2) },
    schoolUserStaff: g('school').staff_id,
  };
}
export type Fixtures = Awaited<ReturnType<typeof findFixtures>>;

/** The rule, stated independently of the server's code: which fixtures each role reads and writes. */
type Access = Record<'staff' | 'organizations' | 'territories', string[]>;

export function expectedAccess(f: Fixtures): Record<DemoRole, { read: Access; write: Access }> {
  const { territories: t, organizations: o, staff: s } = f;
  const all = <T extends Record<string, string>>(x: T) => Object.values(x);
  return {
    region: {
      read: { staff: all(s), organizations: all(o), territories: all(t) },
      write: { staff: all(s), organizations: all(o), territories: all(t) },
    },
    municipal: {
      read: { staff: [s.teacherSelf, s.sameSchool, s.otherSchoolSameMuni], organizations: [o.school, o.otherSchool], territories: [t.region, t.muni1] },
      write: { staff: [s.teacherSelf, s.sameSchool, s.otherSchoolSameMuni], organizations: [o.school, o.otherSchool], territories: [t.muni1] },
    },
    school: {
      read: { staff: [s.teacherSelf, s.sameSchool], organizations: [o.school], territories: [t.region, t.muni1] },
      write: { staff: [s.teacherSelf, s.sameSchool], organizations: [o.school], territories: [] },
    },
    teacher: {
      read: { staff: [s.teacherSelf], organizations: [o.school], territories: [t.region, t.muni1] },
      write: { staff: [], organizations: [], territories: [] },
    },
    school2: {
      read: { staff: [s.otherMuni], organizations: [o.school2], territories: [t.region, t.muni2] },
      write: { staff: [s.otherMuni], organizations: [o.school2], territories: [] },
    },
  };
}

/** Every staff id a role should see in lists, by an independent query over positions (not the
 *  denormalized arrays the server filters on). */
export async function expectedStaffIds(db: Db, role: DemoRole, f: Fixtures): Promise<Set<string>> {
  const current = (cond: ReturnType<typeof sql>) =>
    queryRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT s.id FROM staff s JOIN staff_positions p ON p.staff_id = s.id AND p.end_date IS NULL
          JOIN organizations o ON o.id = p.organization_id WHERE s.archived_at IS NULL AND ${cond}`,
    );
  let rows: { id: string }[];
  switch (role) {
    case 'region':
      rows = await current(sql`o.territory_id IN (SELECT id FROM territories WHERE ${f.territories.region} = ANY(path))`);
      break;
    case 'municipal':
      rows = await current(sql`o.territory_id = ${f.territories.muni1}`);
      break;
    case 'school':
      rows = await current(sql`${f.organizations.school} = ANY(o.path)`);
      break;
    case 'teacher':
      rows = [{ id: f.staff.teacherSelf }];
      break;
    case 'school2':
      rows = await current(sql`${f.organizations.school2} = ANY(o.path)`);
      break;
  }
  return new Set(rows.map((r) => r.id));
}

// ───────────── roadmaps ─────────────

type Client = { json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>; request(path: string, init?: RequestInit): Promise<Response> };
export const roadmapKeys = ['regional', 'muni1', 'muni2', 'school', 'otherSchool'] as const;
export type RoadmapKey = (typeof roadmapKeys)[number];

/** Roadmaps around the demo accounts, made through the API: a regional one (the ministry's), its
 *  cascades into municipalities #1 and #2, the school's own and a neighbouring school's own; one
 *  activity of each, its first control date, and a report with a file by municipality #1. */
export async function createRoadmapFixtures(db: Db, clients: { region: Client; municipal: Client }, f: Fixtures) {
  const authorities = await queryRows<{ id: string; territory_id: string }>(db, sql`SELECT id, territory_id FROM organizations WHERE kind = 'municipal_authority' ORDER BY territory_id`);
  const authorityOf = (territory: string) => authorities.find((a) => a.territory_id === territory)!.id;
  const muni3Authority = authorities.find((a) => ![f.territories.muni1, f.territories.muni2].includes(a.territory_id))!.id;
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const post = (client: Client, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const activity = (number: string, title: string, responsible: { text: string; organizationId?: string; kinds?: string[] }[], deadline: string) => ({ number, title, responsible, deadline: { text: deadline }, expectedResult: 'Результат' });
  const regional = ok(
    await post(clients.region, '/api/roadmaps', {
      title: 'Дорожная карта региона (проверка доступа)',
      ownerOrganizationId: f.organizations.ministry,
      periodFrom: 2026,
      periodTo: 2030,
      sections: [
        {
          number: '1',
          title: 'Организационные мероприятия',
          activities: [
            activity('1.1', 'Совещание руководителей', [{ text: 'Министерство', organizationId: f.organizations.ministry }], 'декабрь 2030 г.'),
            activity('1.2', 'Муниципальные планы', authorities.map((a) => ({ text: 'МОУО', organizationId: a.id })), 'ежегодно (сентябрь)'),
          ],
        },
      ],
    }),
    'regional roadmap',
  );
  const cascade = async (client: Client, territory: string) => ok(await post(client, `/api/roadmaps/${regional.id}/cascade`, { ownerOrganizationId: authorityOf(territory) }), 'cascade');
  const muni1 = await cascade(clients.municipal, f.territories.muni1);
  const muni2 = await cascade(clients.region, f.territories.muni2);
  const schoolRoadmap = async (owner: string) =>
    ok(
      await post(clients.region, '/api/roadmaps', {
        title: 'Дорожная карта школы',
        ownerOrganizationId: owner,
        level: 'organization',
        periodFrom: 2026,
        periodTo: 2030,
        sections: [{ number: '1', title: 'Наставничество', activities: [activity('1.1', 'Закрепление наставников', [{ text: 'ОО', kinds: ['school'] }], 'сентябрь 2030 г.')] }],
      }),
      'school roadmap',
    );
  const school = await schoolRoadmap(f.organizations.school);
  const otherSchool = await schoolRoadmap(f.organizations.otherSchool);
  const roadmaps: Record<RoadmapKey, string> = { regional: regional.id, muni1: muni1.id, muni2: muni2.id, school: school.id, otherSchool: otherSchool.id };
  const firstActivity = async (key: RoadmapKey, number: string) =>
    (await clients.region.json(`/api/roadmaps/${roadmaps[key]}/activities`)).body.items.find((a: { number: string }) => a.number === number);
  const acts = {
    regional: await firstActivity('regional', '1.1'),
    muni1: await firstActivity('muni1', '1.2'),
    muni2: await firstActivity('muni2', '1.2'),
    school: await firstActivity('school', '1.1'),
    otherSchool: await firstActivity('otherSchool', '1.1'),
  };
  const activities = Object.fromEntries(roadmapKeys.map((k) => [k, acts[k].id])) as Record<RoadmapKey, string>;
  const occurrences = Object.fromEntries(roadmapKeys.map((k) => [k, acts[k].occurrences[0].id])) as Record<RoadmapKey, string>;
  const form = new FormData();
  form.append('text', 'План утверждён');
  form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'план.pdf');
  const report = ok((await clients.municipal.json(`/api/roadmap-activities/${activities.muni1}/reports`, { method: 'POST', body: form })) as { status: number; body: { id: string; files: { id: string }[] } }, 'report');
  return { roadmaps, activities, occurrences, report: { id: report.id, fileId: report.files[0].id }, muni3Authority };
}
export type RoadmapFixtures = Awaited<ReturnType<typeof createRoadmapFixtures>>;

/** The roadmap rule (ADR 0008), stated independently: a regional or municipal roadmap is read by
 *  everyone at or under its territory; an organization's one by those who see the organization;
 *  the owner's administrators write; executors' administrators report. */
export function expectedRoadmapAccess(): Record<DemoRole, { read: RoadmapKey[]; write: RoadmapKey[]; report: RoadmapKey[] }> {
  return {
    region: { read: [...roadmapKeys], write: [...roadmapKeys], report: [...roadmapKeys] },
    municipal: { read: ['regional', 'muni1', 'school', 'otherSchool'], write: ['muni1', 'school', 'otherSchool'], report: ['muni1', 'school', 'otherSchool'] },
    school: { read: ['regional', 'muni1', 'school'], write: ['school'], report: ['school'] },
    teacher: { read: ['regional', 'muni1', 'school'], write: [], report: [] },
    school2: { read: ['regional', 'muni2'], write: [], report: [] },
  };
}
