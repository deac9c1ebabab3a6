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
