import { inArray, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users, roleAssignments } from '../auth/auth.schema.js';
import { territories } from '../territories/territories.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { roles, type Role } from '../../../common/dictionaries.js';

/** The demo logins in the order the login page lists them. Password: «demo». */
export const demoLogins = ['region', 'municipal', 'school', 'teacher', 'school2', 'tutor', 'mentor', 'expert'] as const;

/** The demo accounts that exist in this database, described for the login page. */
export async function listDemoAccounts(db: Db) {
  const rows = await db
    .select({ login: users.login, displayName: users.displayName, role: roleAssignments.role, territory: territories.name, organization: organizations.shortName })
    .from(users)
    .leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .leftJoin(territories, eq(territories.id, roleAssignments.territoryId))
    .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
    .where(inArray(users.login, [...demoLogins]));
  const seen = new Set<string>();
  return demoLogins.flatMap((login) => {
    const r = rows.find((x) => x.login === login);
    if (!r || seen.has(login)) return [];
    seen.add(login);
    return [{ login, displayName: r.displayName, role: r.role ? roles[r.role as Role] : '', scope: r.territory ?? r.organization ?? '' }];
  });
}
