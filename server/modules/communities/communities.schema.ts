import { pgTable, uuid, text, integer, timestamp, date, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { eventLevelCodes, eventFormatCodes, communityKindCodes, communityFocusCodes, communityMemberRoleCodes } from '../../../common/events-dictionaries.js';

/** A professional community: methodological association (of an organization, municipality or
 *  region; subject, inter-subject, meta-subject), networking platform, professional association,
 *  network community. Kept by its base organization; its territory is the base organization's. */
export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: communityKindCodes }).notNull(),
    level: text('level', { enum: eventLevelCodes }).notNull(),
    focus: text('focus', { enum: communityFocusCodes }),
    subjects: text('subjects').array().notNull().default([]),
    baseOrganizationId: uuid('base_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    description: text('description'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('communities_territory_idx').on(t.territoryId, t.name, t.id), index('communities_base_idx').on(t.baseOrganizationId), index('communities_name_idx').on(t.name, t.id)],
);

/** Members with their role (leader, deputy, member); leaving keeps the record with `leftOn`. */
export const communityMembers = pgTable(
  'community_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role', { enum: communityMemberRoleCodes }).notNull().default('member'),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
  },
  (t) => [
    uniqueIndex('community_members_live_idx').on(t.communityId, t.staffId).where(sql`left_on IS NULL`),
    index('community_members_staff_idx').on(t.staffId),
  ],
);

/** The work plan of a community for a school year (or a calendar year), item by item. */
export const communityPlans = pgTable(
  'community_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    title: text('title').notNull(),
    items: text('items').array().notNull().default([]),
    approvedOn: date('approved_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('community_plans_community_idx').on(t.communityId, t.createdAt)],
);

/** A meeting (заседание) with its agenda, decisions and the protocol file(s). */
export const communityMeetings = pgTable(
  'community_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    topic: text('topic').notNull(),
    format: text('format', { enum: eventFormatCodes }).notNull().default('in_person'),
    place: text('place'),
    decisions: text('decisions'),
    protocolNumber: text('protocol_number'),
    protocolFileIds: uuid('protocol_file_ids').array().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('community_meetings_community_idx').on(t.communityId, t.heldAt)],
);

/** Who took part in a meeting (members' participation). */
export const communityMeetingParticipants = pgTable(
  'community_meeting_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => communityMeetings.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.staffId] }), index('community_meeting_participants_staff_idx').on(t.staffId)],
);
