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
  cols: { id: AnyColumn | SQL; territoryId: AnyColumn | SQL },
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
  cols: { id: AnyColumn | SQL; organizationIds: AnyColumn | SQL; territoryIds: AnyColumn | SQL },
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
  if (!parts.length) return none;
  if (isPrivacyAdministrator(actor)) return anyOf(parts);
  // a blocked person (ADR 0028) drops out of every list, search, export, suggestion and import
  // match of everyone but the privacy administrators: processing stops, the data stay
  return sql`(${anyOf(parts)} AND NOT EXISTS (SELECT 1 FROM personal_data_blocks pdb WHERE pdb.staff_id = ${cols.id}))`;
}

/** Privacy administrators (ADR 0028): regional administrators, within their scope. They see
 *  blocked people, block, unblock and destroy, set the legal basis, keep destruction acts. */
export function isPrivacyAdministrator(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => r.role === 'regional_admin');
}

/** Can the actor run privacy operations (block, destroy…) on this person? A regional
 *  administrator whose write scope holds the person. */
export function canAdministerPrivacy(actor: Actor, person: { territoryIds: string[]; organizationIds: string[] }): boolean {
  return isPrivacyAdministrator(actor) && canWriteAt(actor, person);
}

/** `staffVisible` for raw queries over the staff table under an alias (`s` → s.id, s.organization_ids …). */
export function staffAliasVisible(actor: Actor, alias: string, mode: 'read' | 'write' = 'read'): SQL {
  return staffVisible(actor, { id: sql.raw(`${alias}.id`), organizationIds: sql.raw(`${alias}.organization_ids`), territoryIds: sql.raw(`${alias}.territory_ids`) }, mode);
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

/** Where the actor belongs: the territories of their read scope, of their own workplaces and of
 *  the organizations they read, with every ancestor (a municipality's people belong to the region). */
function homeTerritories(actor: Actor): SQL {
  const territoryIds = [...actor.read.territoryIds, ...actor.ownTerritoryIds];
  const organizationIds = [...actor.read.organizationIds, ...actor.ownOrganizationIds];
  return sql`(SELECT unnest(ht.path) FROM territories ht
    WHERE ht.id = ANY(${uuidArray(territoryIds)})
       OR ht.id IN (SELECT ho.territory_id FROM organizations ho WHERE ho.id = ANY(${uuidArray(organizationIds)})))`;
}

/** Roadmaps (ADR 0008). A regional or municipal roadmap is public within its territory: everyone
 *  whose scope or workplace lies in that territory or under it reads it (the municipal roadmap is
 *  read by its municipality and by the region, not by a neighbouring municipality). An
 *  organization's own roadmap is read by those who see the organization. */
export function roadmapVisible(actor: Actor, cols: { level: AnyColumn | SQL; territoryId: AnyColumn | SQL; ownerOrganizationId: AnyColumn | SQL }): SQL {
  return openWithinTerritory(actor, sql`${cols.level} = 'organization'`, cols);
}

/** A record open to everyone at or under its territory, or — when `ofOrganization` holds — to
 *  those who see its owner organization. */
function openWithinTerritory(actor: Actor, ofOrganization: SQL, cols: { territoryId: AnyColumn | SQL; ownerOrganizationId: AnyColumn | SQL }): SQL {
  const ownerVisible = organizationVisible(actor, { id: sql`vo.id`, territoryId: sql`vo.territory_id` });
  return sql`(CASE WHEN ${ofOrganization}
    THEN ${cols.ownerOrganizationId} IN (SELECT vo.id FROM organizations vo WHERE ${ownerVisible})
    ELSE ${cols.territoryId} IN ${homeTerritories(actor)} END)`;
}

/** Diagnostic procedures (ADR 0010) follow the roadmap rule: a regional or federal tool run by a
 *  regional or municipal body is open within the organizer's territory; an organization's own
 *  diagnostic is read by those who see the organization. Results are personal data and follow
 *  `staffVisible` of the person instead. */
export function assessmentVisible(actor: Actor, cols: { tool: AnyColumn | SQL; territoryId: AnyColumn | SQL; organizerOrganizationId: AnyColumn | SQL }): SQL {
  return openWithinTerritory(actor, sql`${cols.tool} = 'organization'`, { territoryId: cols.territoryId, ownerOrganizationId: cols.organizerOrganizationId });
}

/** Can the actor administer this organization (write a roadmap it owns, report for it)? */
export function canAdministerOrganization(actor: Actor, org: { id: string; territoryId: string }): boolean {
  return canWriteAt(actor, { territoryIds: [org.territoryId], organizationIds: [org.id] });
}

/** Territories whose figures the actor may see in roll-ups: those of the read scope and of the
 *  organizations they read or work in. */
export function territoryFiguresVisible(actor: Actor, col: AnyColumn | SQL): SQL {
  const organizationIds = [...actor.read.organizationIds, ...actor.ownOrganizationIds];
  return sql`(${col} = ANY(${uuidArray(actor.read.territoryIds)})
    OR ${col} IN (SELECT fo.territory_id FROM organizations fo WHERE fo.id = ANY(${uuidArray(organizationIds)})))`;
}

/** The organizations the actor acts for («my deadlines»): those of their organization roles, their
 *  workplaces, and the governing body of each territory they administer (the ministry of a region,
 *  the education authority of a municipality). A subquery of organization ids. */
export function actorOrganizations(actor: Actor): SQL {
  const organizationIds = [...actor.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])), ...actor.ownOrganizationIds];
  const territoryIds = actor.roles.flatMap((r) => (r.territoryId && adminRoles.includes(r.role) ? [r.territoryId] : []));
  return sql`(SELECT ao.id FROM organizations ao WHERE ao.archived_at IS NULL AND (ao.id = ANY(${uuidArray(organizationIds)})
    OR (ao.territory_id = ANY(${uuidArray(territoryIds)}) AND ao.kind IN ('ministry', 'municipal_authority'))))`;
}

/** The competency catalog is one for the installation; regional administrators edit it (ADR 0009). */
export function canEditCompetencyCatalog(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'regional_admin');
}

/** Enrollments in courses (ADR 0011): those of the people the actor sees, and — for a provider's
 *  list of students — those in programmes owned by an organization the actor administers. */
export function enrollmentVisible(actor: Actor, cols: { staffAlias: string; ownerOrganizationId: AnyColumn | SQL; ownerTerritoryId: AnyColumn | SQL }): SQL {
  return sql`(${staffAliasVisible(actor, cols.staffAlias)} OR ${organizationVisible(actor, { id: cols.ownerOrganizationId, territoryId: cols.ownerTerritoryId }, 'write')})`;
}

/** Does the actor tutor this person (role tutor and an assignment)? A subquery condition. */
export function tutorOf(actor: Actor, staffId: AnyColumn | SQL | string): SQL {
  if (!actor.tutor) return sql`false`;
  return sql`EXISTS (SELECT 1 FROM tutor_assignments ta WHERE ta.tutor_user_id = ${actor.userId} AND ta.staff_id = ${staffId})`;
}

/** Learning plans (ADR 0012): read with the person (`staffVisible`: their administrators,
 *  themself, the tutors assigned to them) and by the plan's tutor. */
export function learningPlanVisible(actor: Actor, cols: { staffAlias: string; tutorUserId: AnyColumn | SQL }): SQL {
  return sql`(${staffAliasVisible(actor, cols.staffAlias)} OR ${cols.tutorUserId} = ${actor.userId})`;
}

/** Coverage figures over people (diagnosed, with a plan, trained) are for those with a read scope:
 *  administrators and regional methodologists; a teacher or a tutor has their own cabinet. */
export function hasReadScope(actor: Actor): boolean {
  return actor.read.territoryIds.length + actor.read.organizationIds.length > 0;
}

/** The topmost territories of the actor's read scope (a region's administrator: the region). */
export function scopeRootTerritories(actor: Actor): string[] {
  return [...new Set(actor.roles.flatMap((r) => (r.territoryId && actor.read.territoryIds.includes(r.territoryId) ? [r.territoryId] : [])))];
}

/** The regions whose bank of practices the actor reviews as an expert (role expert held in a
 *  region, ADR 0018). */
export function expertRegions(actor: Actor): string[] {
  return actor.roles.flatMap((r) => (r.role === 'expert' && r.territoryId ? [r.territoryId] : []));
}

/** Does the actor run the bank of practices of this region (assign experts, decide)? Its
 *  regional administrator. */
export function managesPracticeBank(actor: Actor, regionId: string): boolean {
  return actor.roles.some((r) => r.role === 'regional_admin' && r.territoryId === regionId);
}

/** Practices (ADR 0018), for raw queries over `practices` under alias `p`: a published practice is
 *  open to everyone; before publication it is read by those with a read scope over the submitting
 *  organization, by its submitter and authors, and by the experts assigned to it. A teacher does
 *  not read the unpublished practices of colleagues. */
export function practiceVisible(actor: Actor, alias = 'p'): SQL {
  const p = (c: string) => sql.raw(`${alias}.${c}`);
  const parts: SQL[] = [sql`${p('status')} = 'published'`, sql`${p('submitted_by')} = ${actor.userId}`];
  if (actor.read.territoryIds.length) parts.push(sql`${p('territory_id')} = ANY(${uuidArray(actor.read.territoryIds)})`);
  if (actor.read.organizationIds.length) parts.push(sql`${p('organization_id')} = ANY(${uuidArray(actor.read.organizationIds)})`);
  if (actor.staffId) parts.push(sql`EXISTS (SELECT 1 FROM practice_authors pa WHERE pa.practice_id = ${p('id')} AND pa.staff_id = ${actor.staffId})`);
  if (expertRegions(actor).length) parts.push(sql`EXISTS (SELECT 1 FROM practice_experts pe WHERE pe.practice_id = ${p('id')} AND pe.expert_user_id = ${actor.userId})`);
  return anyOf(parts);
}

/** Calendar events, annual calendars, communities (ADR 0017) and documents (ADR 0019) follow the roadmap rule: a
 *  regional or municipal record is open to everyone at or under its territory; an organization's
 *  own one to those who see the organization. */
export function levelRecordVisible(actor: Actor, cols: { level: AnyColumn | SQL; territoryId: AnyColumn | SQL; ownerOrganizationId: AnyColumn | SQL }): SQL {
  return openWithinTerritory(actor, sql`${cols.level} = 'organization'`, cols);
}

/** Contests (ADR 0017) are open within the organizer's territory whatever the organizer. */
export function contestVisible(actor: Actor, cols: { territoryId: AnyColumn | SQL; organizerOrganizationId: AnyColumn | SQL }): SQL {
  return openWithinTerritory(actor, sql`false`, { territoryId: cols.territoryId, ownerOrganizationId: cols.organizerOrganizationId });
}

/** A uuid[] parameter for raw conditions. */
export const uuidParam = uuidArray;

/** Monitoring campaigns (ADR 0026), for raw queries over `monitoring_campaigns` under `alias`: read
 *  by those with a read scope over the campaign's territory (its owner's level and above), and by
 *  those who see an organization assigned to it (the municipality sees its schools' part, a school
 *  its own). A teacher has no read scope and sees none. */
export function monitoringCampaignVisible(actor: Actor, alias = 'c'): SQL {
  if (!hasReadScope(actor)) return none;
  const c = (col: string) => sql.raw(`${alias}.${col}`);
  const parts: SQL[] = [];
  if (actor.read.territoryIds.length) parts.push(sql`${c('territory_id')} = ANY(${uuidArray(actor.read.territoryIds)})`);
  parts.push(sql`EXISTS (SELECT 1 FROM monitoring_assignments va JOIN organizations vo ON vo.id = va.organization_id
    WHERE va.campaign_id = ${c('id')} AND ${assignedOrganizationVisible(actor)})`);
  return anyOf(parts);
}

/** Within a campaign the actor sees, the assigned organizations (`vo`) they may read. */
export function assignedOrganizationVisible(actor: Actor, alias = 'vo'): SQL {
  if (!hasReadScope(actor)) return none;
  return organizationVisible(actor, { id: sql.raw(`${alias}.id`), territoryId: sql.raw(`${alias}.territory_id`) });
}

/** The territories the actor administers directly (the municipality of a municipal administrator):
 *  a recommendation addressed to such a territory is addressed to them. */
export function administeredTerritories(actor: Actor): string[] {
  return [...new Set(actor.roles.flatMap((r) => (r.territoryId && adminRoles.includes(r.role) ? [r.territoryId] : [])))];
}

/** Targeted recommendations (ADR 0026), for raw queries over `recommendations` under `alias`:
 *  read by those with a read scope over the issuer or over the addressee (the issuing body and its
 *  superiors; the addressed organization or municipality and its superiors). */
export function recommendationVisible(actor: Actor, alias = 'r'): SQL {
  if (!hasReadScope(actor)) return none;
  const r = (col: string) => sql.raw(`${alias}.${col}`);
  const parts: SQL[] = [];
  if (actor.read.territoryIds.length) {
    const t = uuidArray(actor.read.territoryIds);
    parts.push(sql`${r('issuer_territory_id')} = ANY(${t})`, sql`${r('subject_territory_id')} = ANY(${t})`);
  }
  if (actor.read.organizationIds.length) {
    const o = uuidArray(actor.read.organizationIds);
    parts.push(sql`${r('issuer_organization_id')} = ANY(${o})`, sql`${r('addressee_organization_id')} = ANY(${o})`);
  }
  return anyOf(parts);
}
