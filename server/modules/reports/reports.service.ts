import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import type { Actor } from '../../lib/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { documentKinds, documentStatuses, mentorshipFormNames, programKindNames, roadmapLevels } from '../../../common/dictionaries.js';
import { eventKinds, eventLevels } from '../../../common/events-dictionaries.js';
import { reportPeriod, periodSql, type ReportPeriod } from './report-period.js';
import { levelOrganizations, levelStaff, levelStaffPositions, levelTerritories, resolveReportLevel, youngAt, type ReportLevel } from './report-level.js';
import { indicatorSection, type IndicatorSection } from './report-indicators.js';
import { recommendationSection, type RecommendationSection } from './report-recommendations.js';

/**
 * The annual report of a level (region, municipality, organization) assembled from the records
 * (ADR 0027): indicators against targets, roadmap execution, events, courses, mentoring, documents
 * and agreements, targeted recommendations. Every section reads the year as it stood at its end
 * (report-period.ts); the DOCX and PDF files print exactly this object.
 */

/** Section titles, in order: the web page, the DOCX and the PDF use them, the tests look for them. */
export const annualSections = {
  summary: '1. Общие сведения',
  indicators: '2. Показатели эффективности',
  roadmaps: '3. Исполнение дорожных карт',
  events: '4. Мероприятия',
  courses: '5. Повышение квалификации',
  mentoring: '6. Наставничество и поддержка молодых специалистов',
  documents: '7. Документы и соглашения',
  recommendations: '8. Адресные рекомендации',
} as const;

export const n = (v: unknown) => Number(v ?? 0);
export const label = <T extends Record<string, string>>(names: T, code: string) => (names as Record<string, string>)[code] ?? code;

// ───────────── 1. summary ─────────────

async function summarySection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const [r] = await queryRows<Record<string, number>>(
    db,
    sql`WITH pos AS ${levelStaffPositions(level, p)}
        SELECT (SELECT count(*) FROM ${levelOrganizations(level, p)} x) AS organizations,
          (SELECT count(DISTINCT staff_id) FROM pos) AS staff,
          (SELECT count(DISTINCT staff_id) FROM pos WHERE staff_category = 'pedagogical') AS pedagogical,
          (SELECT count(DISTINCT staff_id) FROM pos WHERE staff_category = 'managerial') AS managerial,
          (SELECT count(*) FROM staff s WHERE s.id IN (SELECT staff_id FROM pos) AND ${youngAt(p)}) AS young`,
  );
  return { organizations: n(r.organizations), staff: n(r.staff), pedagogical: n(r.pedagogical), managerial: n(r.managerial), youngSpecialists: n(r.young) };
}

// ───────────── 3. roadmaps ─────────────

/** Roadmaps of the level in force in the year: a region's and its municipalities', a
 *  municipality's and its organizations', an organization's own. */
function levelRoadmaps(level: ReportLevel, p: ReportPeriod): SQL {
  const live = periodSql(p).liveAt(sql`r.archived_at`);
  const inYear = sql`r.period_from <= ${p.year} AND r.period_to >= ${p.year}`;
  const whose =
    level.kind === 'region'
      ? sql`r.level IN ('regional', 'municipal') AND r.territory_id IN ${levelTerritories(level)}`
      : level.kind === 'municipality'
        ? sql`((r.level = 'municipal' AND r.territory_id = ${level.id}) OR (r.level = 'organization' AND r.owner_organization_id IN ${levelOrganizations(level, p)}))`
        : sql`r.owner_organization_id IN ${levelOrganizations(level, p)}`;
  return sql`${whose} AND ${inYear} AND ${live}`;
}

/** The status of control window `o` at the moment of the report: done or not applicable when so
 *  marked by then (or, with `by`, when those organizations filed a completing report by then),
 *  overdue when its date passed, otherwise open. */
function occurrenceStatusAt(p: ReportPeriod, by?: SQL): SQL {
  const ps = periodSql(p);
  const own = by ? sql`WHEN EXISTS (SELECT 1 FROM progress_reports cr WHERE cr.occurrence_id = o.id AND cr.completes AND cr.organization_id IN ${by} AND ${ps.recorded(sql`cr.created_at`)}) THEN 'done'` : sql``;
  return sql`(CASE WHEN o.status IS NOT NULL AND ${ps.recorded(sql`o.status_changed_at`)} THEN o.status ${own}
    WHEN o.due_on < ${p.overdueBefore}::date THEN 'overdue' ELSE 'open' END)`;
}

/** Activities present at the moment of the report (removed by a later revision still count). */
const activityLive = (p: ReportPeriod) =>
  sql`(a.removed_revision_id IS NULL OR (SELECT rv.created_at FROM roadmap_revisions rv WHERE rv.id = a.removed_revision_id) >= ${p.until.toISOString()}::timestamptz)`;

async function roadmapSection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const inYear = sql`o.due_on BETWEEN ${ps.from} AND ${sql`${`${p.year}-12-31`}::date`}`;
  const status = occurrenceStatusAt(p);
  const rows = await queryRows<{ id: string; title: string; level: string; owner: string; activities: number; occurrences: number; done: number; not_applicable: number; overdue: number; open: number; reports: number }>(
    db,
    sql`WITH occ AS (SELECT o.roadmap_id, o.activity_id, ${status} AS status FROM activity_occurrences o JOIN roadmap_activities a ON a.id = o.activity_id
          JOIN roadmaps r ON r.id = o.roadmap_id WHERE ${levelRoadmaps(level, p)} AND ${activityLive(p)} AND ${inYear})
        SELECT r.id, r.title, r.level, ow.short_name AS owner,
          (SELECT count(DISTINCT activity_id) FROM occ WHERE occ.roadmap_id = r.id) AS activities,
          (SELECT count(*) FROM occ WHERE occ.roadmap_id = r.id) AS occurrences,
          (SELECT count(*) FROM occ WHERE occ.roadmap_id = r.id AND status = 'done') AS done,
          (SELECT count(*) FROM occ WHERE occ.roadmap_id = r.id AND status = 'not_applicable') AS not_applicable,
          (SELECT count(*) FROM occ WHERE occ.roadmap_id = r.id AND status = 'overdue') AS overdue,
          (SELECT count(*) FROM occ WHERE occ.roadmap_id = r.id AND status = 'open') AS open,
          (SELECT count(*) FROM progress_reports pr JOIN roadmap_activities pa ON pa.id = pr.activity_id WHERE pa.roadmap_id = r.id AND ${ps.momentIn(sql`pr.created_at`)}) AS reports
        FROM roadmaps r JOIN organizations ow ON ow.id = r.owner_organization_id
        WHERE ${levelRoadmaps(level, p)} ORDER BY CASE r.level WHEN 'regional' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END, r.title, r.id`,
  );
  const overdue = await queryRows<{ roadmap_title: string; number: string; title: string; due_on: string; responsible: string }>(
    db,
    sql`SELECT r.title AS roadmap_title, a.number, a.title, o.due_on::text, a.responsible_text AS responsible
        FROM activity_occurrences o JOIN roadmap_activities a ON a.id = o.activity_id JOIN roadmaps r ON r.id = o.roadmap_id
        WHERE ${levelRoadmaps(level, p)} AND ${activityLive(p)} AND ${inYear} AND ${status} = 'overdue'
        ORDER BY o.due_on, r.title, a.position LIMIT 30`,
  );
  // an organization's part in regional and municipal roadmaps: activities addressed to it by name
  let addressed: { occurrences: number; done: number; overdue: number; open: number } | null = null;
  if (level.kind === 'organization') {
    const orgs = levelOrganizations(level, p);
    const [a] = await queryRows<Record<string, number>>(
      db,
      sql`WITH occ AS (SELECT ${occurrenceStatusAt(p, orgs)} AS status FROM activity_occurrences o JOIN roadmap_activities a ON a.id = o.activity_id JOIN roadmaps r ON r.id = o.roadmap_id
            WHERE r.level <> 'organization' AND ${ps.liveAt(sql`r.archived_at`)} AND ${activityLive(p)} AND ${inYear}
              AND EXISTS (SELECT 1 FROM activity_executors e WHERE e.activity_id = a.id AND e.organization_id IN ${orgs}))
          SELECT count(*) AS occurrences, count(*) FILTER (WHERE status IN ('done', 'not_applicable')) AS done,
            count(*) FILTER (WHERE status = 'overdue') AS overdue, count(*) FILTER (WHERE status = 'open') AS open FROM occ`,
    );
    addressed = { occurrences: n(a.occurrences), done: n(a.done), overdue: n(a.overdue), open: n(a.open) };
  }
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    level: r.level,
    levelName: label(roadmapLevels, r.level),
    owner: r.owner,
    activities: n(r.activities),
    occurrences: n(r.occurrences),
    done: n(r.done),
    notApplicable: n(r.not_applicable),
    overdue: n(r.overdue),
    open: n(r.open),
    reports: n(r.reports),
  }));
  const sum = (k: 'occurrences' | 'done' | 'notApplicable' | 'overdue' | 'open' | 'reports') => items.reduce((s, x) => s + x[k], 0);
  const totals = { occurrences: sum('occurrences'), done: sum('done'), notApplicable: sum('notApplicable'), overdue: sum('overdue'), open: sum('open'), reports: sum('reports') };
  return {
    items,
    totals: { ...totals, doneShare: share(totals.done + totals.notApplicable, totals.occurrences) },
    overdue: overdue.map((o) => ({ roadmapTitle: o.roadmap_title, number: o.number, title: o.title, dueOn: o.due_on, responsible: o.responsible })),
    addressed,
  };
}

export const share = (part: number, of: number) => (of ? Math.round((part / of) * 1000) / 10 : null);

// ───────────── 4. events ─────────────

async function eventSection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  // events organized by the level's organizations, begun within the year, not cancelled by then
  const base = sql`SELECT ev.id, ev.kind, ev.level, ev.ends_at,
      coalesce(rep.participants_count, (SELECT count(*) FROM event_registrations er WHERE er.event_id = ev.id AND er.attended AND ${ps.recorded(sql`er.attendance_marked_at`)}))::int AS participants,
      rep.event_id IS NOT NULL AND ${ps.recorded(sql`rep.filed_at`)} AS reported
    FROM events ev LEFT JOIN event_reports rep ON rep.event_id = ev.id AND ${ps.recorded(sql`rep.filed_at`)}
    WHERE ev.organizer_organization_id IN ${levelOrganizations(level, p)} AND ${ps.momentIn(sql`ev.starts_at`)} AND ${ps.liveAt(sql`ev.cancelled_at`)}`;
  const rows = await queryRows<{ kind: string; level: string; held: number; planned: number; participants: number; reported: number }>(
    db,
    sql`WITH e AS (${base})
        SELECT kind, level, count(*) FILTER (WHERE ends_at < ${ps.until}) AS held, count(*) FILTER (WHERE ends_at >= ${ps.until}) AS planned,
          coalesce(sum(participants) FILTER (WHERE ends_at < ${ps.until}), 0) AS participants, count(*) FILTER (WHERE reported) AS reported
        FROM e GROUP BY kind, level`,
  );
  const [people] = await queryRows<{ attendees: number }>(
    db,
    sql`SELECT count(DISTINCT er.staff_id) AS attendees FROM event_registrations er JOIN events ev ON ev.id = er.event_id
        WHERE er.attended AND ${ps.recorded(sql`er.attendance_marked_at`)} AND ${ps.momentIn(sql`ev.starts_at`)} AND er.staff_id IN ${levelStaff(level, p)}`,
  );
  const byKind = Object.keys(eventKinds)
    .map((kind) => {
      const of = rows.filter((r) => r.kind === kind);
      return { kind, label: label(eventKinds, kind), held: of.reduce((s, r) => s + n(r.held), 0), planned: of.reduce((s, r) => s + n(r.planned), 0), participants: of.reduce((s, r) => s + n(r.participants), 0) };
    })
    .filter((k) => k.held + k.planned > 0);
  const byLevel = Object.keys(eventLevels)
    .map((lv) => {
      const of = rows.filter((r) => r.level === lv);
      return { level: lv, label: label(eventLevels, lv), held: of.reduce((s, r) => s + n(r.held), 0), participants: of.reduce((s, r) => s + n(r.participants), 0) };
    })
    .filter((k) => k.held > 0);
  return {
    held: rows.reduce((s, r) => s + n(r.held), 0),
    planned: rows.reduce((s, r) => s + n(r.planned), 0),
    participants: rows.reduce((s, r) => s + n(r.participants), 0),
    reported: rows.reduce((s, r) => s + n(r.reported), 0),
    /** Distinct people of the level who attended any event of the year (whoever organized it). */
    attendees: n(people.attendees),
    byKind,
    byLevel,
  };
}

// ───────────── 5. courses ─────────────

async function courseSection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const done = sql`SELECT e.staff_id, pr.id AS program_id, pr.title, pr.kind, coalesce(pr.in_federal_registry, false) AS federal, pr.registry_number, e.external_title
    FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id LEFT JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
    WHERE e.status = 'completed' AND ${ps.dateIn(sql`e.completed_on`)} AND e.staff_id IN ${levelStaff(level, p)}`;
  const [t] = await queryRows<Record<string, number>>(
    db,
    sql`WITH d AS (${done}) SELECT count(*) AS completions, count(DISTINCT staff_id) AS people,
          count(*) FILTER (WHERE federal) AS federal_completions, count(DISTINCT staff_id) FILTER (WHERE federal) AS federal_people,
          count(*) FILTER (WHERE kind = 'upskilling') AS upskilling, count(*) FILTER (WHERE kind = 'retraining') AS retraining,
          count(*) FILTER (WHERE program_id IS NULL) AS external FROM d`,
  );
  const programs = await queryRows<{ title: string; kind: string | null; federal: boolean; registry_number: string | null; completions: number }>(
    db,
    sql`WITH d AS (${done}) SELECT coalesce(title, external_title, 'Курс другой организации') AS title, kind, federal, registry_number, count(*) AS completions
        FROM d GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 1 LIMIT 15`,
  );
  const completions = n(t.completions);
  return {
    completions,
    people: n(t.people),
    federalCompletions: n(t.federal_completions),
    federalPeople: n(t.federal_people),
    federalShare: share(n(t.federal_completions), completions),
    byKind: [
      { kind: 'upskilling', label: programKindNames.upskilling, completions: n(t.upskilling) },
      { kind: 'retraining', label: programKindNames.retraining, completions: n(t.retraining) },
      { kind: 'external', label: 'Курсы вне каталога', completions: n(t.external) },
    ],
    programs: programs.map((r) => ({ title: r.title, kindName: r.kind ? label(programKindNames, r.kind) : 'Курс вне каталога', inFederalRegistry: r.federal, registryNumber: r.registry_number, completions: n(r.completions) })),
  };
}

// ───────────── 6. mentoring ─────────────

/** Pairs that ran during the year: begun by its end, not ended before it began, once confirmed. */
export function pairsOfYear(level: ReportLevel, p: ReportPeriod): SQL {
  const ps = periodSql(p);
  return sql`SELECT m.* FROM mentorships m WHERE m.organization_id IN ${levelOrganizations(level, p)}
    AND m.status <> 'suggested' AND m.starts_on <= ${ps.asOf} AND (m.ends_on IS NULL OR m.ends_on >= ${ps.from})
    AND (m.completed_at IS NULL OR m.completed_at >= ${ps.from}::timestamptz)
    AND (m.status <> 'cancelled' OR (m.started_at IS NOT NULL AND m.cancelled_at >= ${ps.from}::timestamptz))`;
}

async function mentoringSection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const orgs = levelOrganizations(level, p);
  const [t] = await queryRows<Record<string, number>>(
    db,
    sql`WITH pairs AS (${pairsOfYear(level, p)}), young AS (SELECT s.id FROM staff s WHERE s.id IN ${levelStaff(level, p)} AND ${youngAt(p)})
        SELECT (SELECT count(*) FROM pairs) AS pairs, (SELECT count(DISTINCT mentor_staff_id) FROM pairs) AS mentors, (SELECT count(DISTINCT mentee_staff_id) FROM pairs) AS mentees,
          (SELECT count(*) FROM young) AS young, (SELECT count(*) FROM young WHERE id IN (SELECT mentee_staff_id FROM pairs)) AS young_supported,
          (SELECT count(*) FROM team_mentorships tm WHERE tm.mentee_organization_id IN ${orgs} AND tm.starts_on <= ${ps.asOf} AND (tm.ends_on IS NULL OR tm.ends_on >= ${ps.from})) AS team,
          (SELECT count(DISTINCT mp.organization_id) FROM mentoring_programmes mp WHERE mp.organization_id IN ${orgs} AND mp.period_from <= ${ps.asOf} AND mp.period_to >= ${ps.from}) AS programme_orgs,
          (SELECT count(*) FROM mentorship_meetings mm WHERE mm.mentorship_id IN (SELECT id FROM pairs) AND ${ps.dateIn(sql`mm.held_on`)}) AS meetings`,
  );
  const forms = await queryRows<{ form: string; pairs: number }>(db, sql`SELECT form, count(*) AS pairs FROM (${pairsOfYear(level, p)}) x GROUP BY form`);
  const young = n(t.young);
  return {
    pairs: n(t.pairs),
    mentors: n(t.mentors),
    mentees: n(t.mentees),
    meetings: n(t.meetings),
    youngSpecialists: young,
    youngSupported: n(t.young_supported),
    youngSupportedShare: share(n(t.young_supported), young),
    teamMentorships: n(t.team),
    organizationsWithProgramme: n(t.programme_orgs),
    byForm: Object.keys(mentorshipFormNames).map((form) => ({ form, label: label(mentorshipFormNames, form), pairs: n(forms.find((f) => f.form === form)?.pairs) })),
  };
}

// ───────────── 7. documents ─────────────

/** A document's status at the moment of the report, from its history; without history, its status. */
function documentStatusAt(p: ReportPeriod): SQL {
  const ps = periodSql(p);
  return sql`coalesce(
    (SELECT ch.to_status FROM document_status_changes ch WHERE ch.document_id = d.id AND ${ps.recorded(sql`ch.changed_at`)} ORDER BY ch.changed_at DESC LIMIT 1),
    (SELECT ch.from_status FROM document_status_changes ch WHERE ch.document_id = d.id ORDER BY ch.changed_at LIMIT 1),
    d.status)`;
}

async function documentSection(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const orgs = levelOrganizations(level, p);
  // documents the level's organizations issued in the year, and agreements they are party to
  const where = sql`${ps.dateIn(sql`d.doc_date`)} AND (d.owner_organization_id IN ${orgs}
      OR (d.kind = 'agreement' AND EXISTS (SELECT 1 FROM document_parties dp WHERE dp.document_id = d.id AND dp.organization_id IN ${orgs})))`;
  const kinds = await queryRows<{ kind: string; total: number; in_force: number }>(
    db,
    sql`SELECT kind, count(*) AS total, count(*) FILTER (WHERE st IN ('approved', 'in_force')) AS in_force
        FROM (SELECT d.kind, ${documentStatusAt(p)} AS st FROM documents d WHERE ${where}) x GROUP BY kind`,
  );
  const agreements = await queryRows<{ title: string; number: string | null; doc_date: string; status: string; owner: string; parties: string[] }>(
    db,
    sql`SELECT d.title, d.number, d.doc_date::text, ${documentStatusAt(p)} AS status, ow.short_name AS owner,
          ARRAY(SELECT dp.name FROM document_parties dp WHERE dp.document_id = d.id ORDER BY dp.position) AS parties
        FROM documents d JOIN organizations ow ON ow.id = d.owner_organization_id WHERE d.kind = 'agreement' AND ${where}
        ORDER BY d.doc_date, d.title LIMIT 50`,
  );
  const byKind = Object.keys(documentKinds)
    .map((kind) => {
      const r = kinds.find((k) => k.kind === kind);
      return { kind, label: label(documentKinds, kind), total: n(r?.total), inForce: n(r?.in_force) };
    })
    .filter((k) => k.total > 0);
  return {
    total: byKind.reduce((s, k) => s + k.total, 0),
    agreementsTotal: n(kinds.find((k) => k.kind === 'agreement')?.total),
    byKind,
    agreements: agreements.map((a) => ({ title: a.title, number: a.number, docDate: a.doc_date, status: a.status, statusName: label(documentStatuses, a.status), owner: a.owner, parties: a.parties })),
  };
}

// ───────────── the report ─────────────

export interface AnnualReportQuery {
  territoryId?: string;
  organizationId?: string;
  year: number;
}

export async function buildAnnualReport(db: Db, level: ReportLevel, p: ReportPeriod) {
  const [summary, indicators, roadmaps, events, courses, mentoring, documents, recommendations] = await Promise.all([
    summarySection(db, level, p),
    indicatorSection(db, level, p),
    roadmapSection(db, level, p),
    eventSection(db, level, p),
    courseSection(db, level, p),
    mentoringSection(db, level, p),
    documentSection(db, level, p),
    recommendationSection(db, level, p),
  ]);
  return {
    level,
    year: p.year,
    asOf: p.asOf,
    closed: p.closed,
    generatedAt: new Date().toISOString(),
    sections: annualSections,
    summary,
    indicators: indicators satisfies IndicatorSection,
    roadmaps,
    events,
    courses,
    mentoring,
    documents,
    recommendations: recommendations satisfies RecommendationSection,
  };
}
export type AnnualReport = Awaited<ReturnType<typeof buildAnnualReport>>;

/** The annual report for the actor: the level checked against their scope. */
export async function getAnnualReport(db: Db, actor: Actor, q: AnnualReportQuery): Promise<AnnualReport> {
  const p = reportPeriod(q.year);
  const level = await resolveReportLevel(db, actor, q);
  return buildAnnualReport(db, level, p);
}

/** A report file leaves the system: the audit records who took which report of which level. */
export async function exportReport(db: Db, actor: Actor, e: { kind: 'annual' | 'system_passport'; format: string; level: ReportLevel; year: number }) {
  await recordAudit(db, actor, {
    action: 'report.export',
    entity: 'report',
    entityId: e.level.id,
    territoryIds: [e.level.territoryId],
    organizationIds: e.level.kind === 'organization' ? [e.level.id] : [],
    after: { report: e.kind, format: e.format, level: e.level.kind, name: e.level.name, year: e.year },
  });
}
