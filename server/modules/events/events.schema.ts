import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, boolean, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { staff } from '../staff/staff.schema.js';
import { users } from '../auth/auth.schema.js';
import { eventLevelCodes, eventKindCodes, eventFormatCodes, registrationStatusCodes, calendarStatusCodes } from '../../../common/events-dictionaries.js';

/** An event of the calendar (мероприятие календаря: seminar, conference, master class…), not a
 *  roadmap activity. Its territory is the organizer's; the level says whose calendar it is in. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    level: text('level', { enum: eventLevelCodes }).notNull(),
    kind: text('kind', { enum: eventKindCodes }).notNull(),
    format: text('format', { enum: eventFormatCodes }).notNull(),
    organizerOrganizationId: uuid('organizer_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    audience: text('audience'),
    /** Seats; null — without a limit. */
    capacity: integer('capacity'),
    registrationOpen: boolean('registration_open').notNull().default(true),
    /** The community whose meeting or event this is, the contest stage it holds (optional). */
    communityId: uuid('community_id'),
    contestStageId: uuid('contest_stage_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_starts_idx').on(t.startsAt, t.id),
    index('events_territory_idx').on(t.territoryId, t.startsAt),
    index('events_organizer_idx').on(t.organizerOrganizationId, t.startsAt),
  ],
);

/** A person's registration: registered (holds a seat) or waitlisted; a cancelled one stays for
 *  history. Attendance is marked by the organizer after the event. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatusCodes }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    registeredBy: uuid('registered_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** null — not marked yet. */
    attended: boolean('attended'),
    attendanceMarkedAt: timestamp('attendance_marked_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('event_registrations_event_idx').on(t.eventId, t.status, t.registeredAt),
    index('event_registrations_staff_idx').on(t.staffId, t.registeredAt),
    uniqueIndex('event_registrations_live_idx').on(t.eventId, t.staffId).where(sql`status <> 'cancelled'`),
  ],
);

/** The information-analytical report after an event: place, dates, format, number of
 *  participants, photo and video, media links. One per event; the organizer files and amends it. */
export const eventReports = pgTable('event_reports', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  place: text('place').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  format: text('format', { enum: eventFormatCodes }).notNull(),
  participantsCount: integer('participants_count').notNull(),
  summary: text('summary'),
  mediaLinks: text('media_links').array().notNull().default([]),
  videoLinks: text('video_links').array().notNull().default([]),
  photoFileIds: uuid('photo_file_ids').array().notNull().default([]),
  filedBy: uuid('filed_by').references(() => users.id),
  filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** The annual events calendar of a level (region, municipality, organization), formed by its
 *  owner and approved no later than the deadline (November of the year before). */
export const eventCalendars = pgTable(
  'event_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    level: text('level', { enum: eventLevelCodes }).notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: calendarStatusCodes }).notNull().default('draft'),
    /** The last day to approve it. */
    deadline: date('deadline').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    /** The approving document as written («приказ от … № …»). */
    approvalDocument: text('approval_document'),
    /** Why it was returned for rework (the last time). */
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_calendars_owner_year_idx').on(t.ownerOrganizationId, t.year), index('event_calendars_territory_idx').on(t.territoryId, t.year)],
);

/** A calendar subscription (ICS feed) reachable without a session: a person's registrations or
 *  an organization's events. Only a hash of the secret token is kept; revoking ends it. */
export const eventFeeds = pgTable(
  'event_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** null — the person's own registrations; otherwise the events this organization organizes. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('event_feeds_token_idx').on(t.tokenHash), index('event_feeds_user_idx').on(t.userId)],
);
