import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Role } from '../../common/dictionaries.js';

/** Roles that administer records within their scope; the others only read. */
export const adminRoles: readonly Role[] = ['regional_admin', 'municipal_admin', 'organization_admin'];

export interface RoleGrant {
  role: Role;
  territoryId: string | null;
  organizationId: string | null;
}

/** Where an actor may read and where they may write, expanded once per session:
 *  territory ids include every descendant; organization ids include every subtree member. */
export interface ScopeSet {
  territoryIds: string[];
  organizationIds: string[];
}

export interface Actor {
  userId: string;
  login: string;
  displayName: string;
  staffId: string | null;
  roles: RoleGrant[];
  read: ScopeSet;
  write: ScopeSet;
  /** The actor tutors specific people (role tutor): they read those people's records. */
  tutor: boolean;
  /** Where the actor's own person works: they see their workplaces and their territories. */
  ownOrganizationIds: string[];
  ownTerritoryIds: string[];
  ip: string | null;
  sessionId: string;
}

const uuidArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;

const none = sql`false`;

function anyOf(parts: SQL[]): SQL {
  if (parts.length === 0) return none;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** The one place where visibility of organizations is decided: in a territory of the scope,
 *  in an organization subtree of the scope, or the actor's own workplace. */
export function organizationVisible(
  actor: Actor,
  cols: { id: AnyColumn; territoryId: AnyColumn },
  mode: 'read' | 'write' = 'read',
): SQL {
  const s = actor[mode];
  const parts: SQL[] = [];
  if (s.territoryIds.length) parts.push(sql`${cols.territoryId} = ANY(${uuidArray(s.territoryIds)})`);
  const orgIds = mode === 'read' ? [...s.organizationIds, ...actor.ownOrganizationIds] : s.organizationIds;
  if (orgIds.length) parts.push(sql`${cols.id} = ANY(${uuidArray(orgIds)})`);
  return anyOf(parts);
}

/** Visibility of people: within the scope's territories or organizations (through their
 *  current positions), themself, and the people a tutor accompanies. */
export function staffVisible(
  actor: Actor,
  cols: { id: AnyColumn; organizationIds: AnyColumn; territoryIds: AnyColumn },
  mode: 'read' | 'write' = 'read',
): SQL {
  const s = actor[mode];
  const parts: SQL[] = [];
  if (s.territoryIds.length) parts.push(sql`${cols.territoryIds} && ${uuidArray(s.territoryIds)}`);
  if (s.organizationIds.length) parts.push(sql`${cols.organizationIds} && ${uuidArray(s.organizationIds)}`);
  if (mode === 'read') {
    if (actor.staffId) parts.push(sql`${cols.id} = ${actor.staffId}`);
    if (actor.tutor) parts.push(sql`${cols.id} IN (SELECT staff_id FROM tutor_assignments WHERE tutor_user_id = ${actor.userId})`);
  }
  return anyOf(parts);
}

/** Visibility of territories: those of the scope, their ancestors (to draw the tree), and the
 *  territories of the actor's own workplaces. */
export function territoryVisible(actor: Actor, cols: { id: AnyColumn; path: AnyColumn }): SQL {
  const ids = [...actor.read.territoryIds, ...actor.ownTerritoryIds];
  const parts: SQL[] = [];
  if (ids.length) {
    parts.push(sql`${cols.id} = ANY(${uuidArray(ids)})`);
    // ancestors: a territory whose id lies on the path of a visible one
    parts.push(sql`${cols.id} IN (SELECT unnest(path) FROM territories WHERE id = ANY(${uuidArray(ids)}))`);
  }
  return anyOf(parts);
}

/** Can the actor administer anything at all? */
export function isAdministrator(actor: Actor): boolean {
  return actor.roles.some((r) => adminRoles.includes(r.role));
}

/** Within the write scope, by the record's territory and organization. */
export function canWriteAt(actor: Actor, where: { territoryIds: string[]; organizationIds: string[] }): boolean {
  return (
    where.territoryIds.some((t) => actor.write.territoryIds.includes(t)) ||
    where.organizationIds.some((o) => actor.write.organizationIds.includes(o))
  );
}
