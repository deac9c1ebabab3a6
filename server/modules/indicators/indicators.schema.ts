import { pgTable, uuid, text, integer, timestamp, doublePrecision, index, unique, primaryKey } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';

export const indicatorKinds = ['computed', 'entered'] as const;

/**
 * The passport of an efficiency indicator (показатель), versioned by year: a row applies from its
 * `year` until a later row of the same region and code. Shipped definitions have no region and
 * apply everywhere; a region adds its own or re-approves a shipped one for a year (ADR 0024).
 */
export const indicatorDefinitions = pgTable(
  'indicator_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    /** null — shipped (federal) definition, else the region that approved it. */
    regionId: uuid('region_id').references(() => territories.id),
    /** The first year this version applies to. */
    year: integer('year').notNull(),
    number: text('number'),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    periodicity: text('periodicity').notNull().default('year'),
    kind: text('kind', { enum: indicatorKinds }).notNull(),
    /** Building-block codes (ADR 0024); an entered indicator has numerator 'entered'. */
    numerator: text('numerator').notNull(),
    denominator: text('denominator'),
    factor: doublePrecision('factor').notNull().default(1),
    responsibleOrganizationId: uuid('responsible_organization_id').references(() => organizations.id),
    approvingAct: text('approving_act'),
    position: integer('position').notNull().default(100),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('indicator_definitions_version_idx').on(t.regionId, t.code, t.year).nullsNotDistinct()],
);

/** A yearly target of an indicator for a territory or an organization; inherited downward. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    year: integer('year').notNull(),
    territoryId: uuid('territory_id').references(() => territories.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    value: doublePrecision('value').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('indicator_targets_uq').on(t.code, t.year, t.territoryId, t.organizationId).nullsNotDistinct()],
);

/** A value of an entered indicator for an organization or a territory and a period. */
export const indicatorEnteredValues = pgTable(
  'indicator_entered_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    period: integer('period').notNull(),
    territoryId: uuid('territory_id').references(() => territories.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    value: doublePrecision('value').notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('indicator_entered_values_uq').on(t.code, t.period, t.territoryId, t.organizationId).nullsNotDistinct(),
    index('indicator_entered_values_period_idx').on(t.code, t.period),
  ],
);

// ───────────── maintained rollups (kept by triggers, migration indicator_rollups) ─────────────

/** Where a person counts: their current organizations, the territories above them and the
 *  country node; separately for pedagogical and managerial positions. */
export const indicatorPersonNodes = pgTable('indicator_person_nodes', {
  staffId: uuid('staff_id').primaryKey(),
  allNodes: uuid('all_nodes').array().notNull(),
  pedNodes: uuid('ped_nodes').array().notNull(),
  mgrNodes: uuid('mgr_nodes').array().notNull(),
});

/** A person's flags per period (0 — the current structure: counted staff). */
export const indicatorPersonPeriods = pgTable(
  'indicator_person_periods',
  {
    staffId: uuid('staff_id').notNull(),
    period: integer('period').notNull(),
    staff: integer('staff').notNull().default(0),
    staffPedagogical: integer('staff_pedagogical').notNull().default(0),
    staffManagerial: integer('staff_managerial').notNull().default(0),
    diagnosed: integer('diagnosed').notNull().default(0),
    planOnDiagnostic: integer('plan_on_diagnostic').notNull().default(0),
    federalNew: integer('federal_new').notNull().default(0),
    managersQuality: integer('managers_quality').notNull().default(0),
    young: integer('young').notNull().default(0),
    youngSupported: integer('young_supported').notNull().default(0),
    coursesCompleted: integer('courses_completed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.period] })],
);

/** Where an organization counts: itself, the territories above it, the country node. */
export const indicatorOrgNodes = pgTable('indicator_org_nodes', {
  organizationId: uuid('organization_id').primaryKey(),
  nodes: uuid('nodes').array().notNull(),
});

/** An organization's flags and counts per period (0 — counted in the denominator). */
export const indicatorOrgPeriods = pgTable(
  'indicator_org_periods',
  {
    organizationId: uuid('organization_id').notNull(),
    period: integer('period').notNull(),
    orgs: integer('orgs').notNull().default(0),
    orgsManagementQuality: integer('orgs_management_quality').notNull().default(0),
    orgsMentoringModel: integer('orgs_mentoring_model').notNull().default(0),
    eventsHeld: integer('events_held').notNull().default(0),
    eventParticipants: integer('event_participants').notNull().default(0),
    agreements: integer('agreements').notNull().default(0),
    practicesPublished: integer('practices_published').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.period] })],
);

/** Counts per node (organization, municipality, region, country) and period: what dashboards read. */
export const indicatorRollups = pgTable(
  'indicator_rollups',
  {
    nodeId: uuid('node_id').notNull(),
    period: integer('period').notNull(),
    staff: integer('staff').notNull().default(0),
    staffPedagogical: integer('staff_pedagogical').notNull().default(0),
    staffManagerial: integer('staff_managerial').notNull().default(0),
    diagnosed: integer('diagnosed').notNull().default(0),
    planOnDiagnostic: integer('plan_on_diagnostic').notNull().default(0),
    federalNew: integer('federal_new').notNull().default(0),
    managersQuality: integer('managers_quality').notNull().default(0),
    young: integer('young').notNull().default(0),
    youngSupported: integer('young_supported').notNull().default(0),
    coursesCompleted: integer('courses_completed').notNull().default(0),
    orgs: integer('orgs').notNull().default(0),
    orgsManagementQuality: integer('orgs_management_quality').notNull().default(0),
    orgsMentoringModel: integer('orgs_mentoring_model').notNull().default(0),
    eventsHeld: integer('events_held').notNull().default(0),
    eventParticipants: integer('event_participants').notNull().default(0),
    agreements: integer('agreements').notNull().default(0),
    practicesPublished: integer('practices_published').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.period] })],
);

/** One row: whether triggers are paused for a bulk load (then the loader rebuilds). */
export const indicatorRollupState = pgTable('indicator_rollup_state', {
  id: integer('id').primaryKey(),
  deferred: integer('deferred').notNull().default(0),
  rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }),
});
