import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/access.js';
import { countStaff } from '../staff/staff.service.js';
import { countOrganizations } from '../organizations/organizations.service.js';

/** The home page's figures for the actor's scope; each links to the list it counts. */
export async function getOverview(db: Db, actor: Actor) {
  const [organizations, staff, youngSpecialists, lowResultsSchools] = await Promise.all([
    countOrganizations(db, actor, {}),
    countStaff(db, actor, {}),
    countStaff(db, actor, { youngSpecialist: true }),
    countOrganizations(db, actor, { lowResultsSchool: true }),
  ]);
  return { organizations, staff, youngSpecialists, lowResultsSchools };
}
