import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import type { Actor } from '../../lib/access.js';
import { notFound } from '../../lib/errors.js';
import { organizationFunctions, organizationKinds, programKindNames, qualificationCategories, staffCategories } from '../../../common/dictionaries.js';
import { communityKinds } from '../../../common/events-dictionaries.js';
import { siteKinds } from '../../../common/practices.js';
import { reportPeriod, periodSql, type ReportPeriod } from './report-period.js';
import { levelOrganizations, levelStaff, levelStaffPositions, levelTerritories, resolveReportLevel, youngAt, type ReportLevel } from './report-level.js';
import { indicatorSection } from './report-indicators.js';
import { label, n, pairsOfYear, share } from './reports.service.js';

/**
 * The passport of the regional (or municipal) system of scientific-methodological support
 * (`systemPassport`, ADR 0027): its staff, programmes, infrastructure, engagement in the system's
 * activities, information resources and results, as they stood at the end of the year.
 */

export const passportSections = {
  staff: '1. Кадровый состав',
  programs: '2. Дополнительные профессиональные программы',
  infrastructure: '3. Инфраструктура системы',
  engagement: '4. Вовлечённость в деятельность системы',
  resources: '5. Информационные ресурсы',
  results: '6. Результаты: показатели эффективности',
} as const;

/** Age groups at the end of the year: lower bound inclusive, upper exclusive. */
export const ageGroups = [
  { key: 'under_30', label: 'до 30 лет', from: 0, to: 30 },
  { key: '30_34', label: '30–34 года', from: 30, to: 35 },
  { key: '35_49', label: '35–49 лет', from: 35, to: 50 },
  { key: '50_59', label: '50–59 лет', from: 50, to: 60 },
  { key: '60_plus', label: '60 лет и старше', from: 60, to: 200 },
] as const;

const counted = <T extends Record<string, string>>(names: T, rows: { code: string | null; count: number }[], extra?: { code: null; label: string }) => {
  const list = Object.keys(names).map((code) => ({ code, label: label(names, code), count: n(rows.find((r) => r.code === code)?.count) }));
  if (extra) list.push({ code: 'unknown', label: extra.label, count: n(rows.find((r) => r.code === null)?.count) });
  return list;
};

async function staffPart(db: Db, level: ReportLevel, p: ReportPeriod) {
  const age = sql`extract(year from age(${p.asOf}::date, s.birth_date))::int`;
  const groupCase = sql.join(
    ageGroups.map((g) => sql`WHEN ${age} >= ${g.from} AND ${age} < ${g.to} THEN ${g.key}`),
    sql` `,
  );
  const people = sql`(SELECT s.* FROM staff s WHERE s.id IN ${levelStaff(level, p)})`;
  const [categories, ages, qualification, [t]] = await Promise.all([
    queryRows<{ code: string; count: number }>(db, sql`SELECT staff_category AS code, count(DISTINCT staff_id) AS count FROM ${levelStaffPositions(level, p)} x GROUP BY 1`),
    queryRows<{ code: string | null; count: number }>(db, sql`SELECT CASE ${groupCase} ELSE NULL END AS code, count(*) AS count FROM ${people} s GROUP BY 1`),
    queryRows<{ code: string | null; count: number }>(db, sql`SELECT s.qualification_category AS code, count(*) AS count FROM ${people} s GROUP BY 1`),
    queryRows<{ total: number; young: number; female: number }>(db, sql`SELECT count(*) AS total, count(*) FILTER (WHERE ${youngAt(p)}) AS young, count(*) FILTER (WHERE s.sex = 'female') AS female FROM ${people} s`),
  ]);
  const total = n(t.total);
  const ageList = ageGroups.map((g) => ({ code: g.key as string, label: g.label as string, count: n(ages.find((a) => a.code === g.key)?.count) }));
  ageList.push({ code: 'unknown', label: 'дата рождения не указана', count: n(ages.find((a) => a.code === null)?.count) });
  return {
    total,
    byCategory: counted(staffCategories, categories),
    byAge: ageList,
    youngSpecialists: n(t.young),
    youngShare: share(n(t.young), total),
    womenShare: share(n(t.female), total),
    byQualification: counted(qualificationCategories, qualification, { code: null, label: 'Не указана' }),
  };
}

async function programsPart(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const [[owned], [studied]] = await Promise.all([
    queryRows<Record<string, number>>(
      db,
      sql`SELECT count(*) AS total, count(*) FILTER (WHERE pr.in_federal_registry) AS federal,
            count(*) FILTER (WHERE pr.kind = 'upskilling') AS upskilling, count(*) FILTER (WHERE pr.kind = 'retraining') AS retraining
          FROM programs pr WHERE pr.owner_organization_id IN ${levelOrganizations(level, p)} AND ${ps.liveAt(sql`pr.archived_at`)}`,
    ),
    queryRows<Record<string, number>>(
      db,
      sql`SELECT count(DISTINCT pr.id) AS programs, count(DISTINCT pr.id) FILTER (WHERE pr.in_federal_registry) AS federal_programs,
            count(*) AS completions, count(*) FILTER (WHERE pr.in_federal_registry) AS federal_completions
          FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
          WHERE e.status = 'completed' AND ${ps.dateIn(sql`e.completed_on`)} AND e.staff_id IN ${levelStaff(level, p)}`,
    ),
  ]);
  return {
    total: n(owned.total),
    federal: n(owned.federal),
    federalShare: share(n(owned.federal), n(owned.total)),
    byKind: [
      { code: 'upskilling', label: programKindNames.upskilling, count: n(owned.upskilling) },
      { code: 'retraining', label: programKindNames.retraining, count: n(owned.retraining) },
    ],
    studied: n(studied.programs),
    studiedFederal: n(studied.federal_programs),
    completions: n(studied.completions),
    federalCompletionShare: share(n(studied.federal_completions), n(studied.completions)),
  };
}

async function infrastructurePart(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const orgs = sql`(SELECT o.* FROM organizations o WHERE o.id IN ${levelOrganizations(level, p)})`;
  const [kinds, functions, sites, communities] = await Promise.all([
    queryRows<{ code: string; count: number }>(db, sql`SELECT o.kind AS code, count(*) AS count FROM ${orgs} o GROUP BY 1`),
    queryRows<{ code: string; count: number }>(db, sql`SELECT f AS code, count(*) AS count FROM ${orgs} o, unnest(o.functions) f GROUP BY 1`),
    queryRows<{ code: string; count: number }>(
      db,
      sql`SELECT si.kind AS code, count(*) AS count FROM innovation_sites si WHERE si.organization_id IN ${levelOrganizations(level, p)}
          AND si.status IN ('active', 'suspended') AND si.period_from <= ${ps.asOf} AND (si.period_to IS NULL OR si.period_to >= ${ps.asOf}) AND ${ps.liveAt(sql`si.archived_at`)} GROUP BY 1`,
    ),
    queryRows<{ code: string; count: number }>(
      db,
      sql`SELECT c.kind AS code, count(*) AS count FROM communities c WHERE c.territory_id IN ${levelTerritories(level)} AND ${ps.liveAt(sql`c.archived_at`)} GROUP BY 1`,
    ),
  ]);
  const byKind = counted(organizationKinds, kinds).filter((k) => k.count > 0);
  const count = (rows: { code: string; count: number }[], code: string) => n(rows.find((r) => r.code === code)?.count);
  return {
    organizations: byKind.reduce((s, k) => s + k.count, 0),
    cnppm: count(kinds, 'cnppm'),
    methodologicalServices: count(kinds, 'methodological_service'),
    byKind,
    byFunction: counted(organizationFunctions, functions),
    sites: counted(siteKinds, sites),
    communities: counted(communityKinds, communities),
  };
}

async function engagementPart(db: Db, level: ReportLevel, p: ReportPeriod, staffTotal: number) {
  const ps = periodSql(p);
  const people = levelStaff(level, p);
  const [t] = await queryRows<Record<string, number>>(
    db,
    sql`SELECT
        (SELECT count(DISTINCT r.staff_id) FROM assessment_results r WHERE r.staff_id IN ${people} AND ${ps.dateIn(sql`r.measured_on`)}) AS diagnosed,
        (SELECT count(DISTINCT lp.staff_id) FROM learning_plans lp WHERE lp.staff_id IN ${people} AND lp.status <> 'draft' AND ${ps.momentIn(sql`coalesce(lp.tutor_agreed_at, lp.created_at)`)}) AS plans,
        (SELECT count(DISTINCT e.staff_id) FROM enrollments e WHERE e.staff_id IN ${people} AND e.status = 'completed' AND ${ps.dateIn(sql`e.completed_on`)}) AS trained,
        (SELECT count(DISTINCT m.mentee_staff_id) FROM (${pairsOfYear(level, p)}) m) AS mentees,
        (SELECT count(DISTINCT m.mentor_staff_id) FROM (${pairsOfYear(level, p)}) m) AS mentors,
        (SELECT count(DISTINCT er.staff_id) FROM event_registrations er JOIN events ev ON ev.id = er.event_id
          WHERE er.staff_id IN ${people} AND er.attended AND ${ps.recorded(sql`er.attendance_marked_at`)} AND ${ps.momentIn(sql`ev.starts_at`)}) AS event_participants,
        (SELECT count(DISTINCT cm.staff_id) FROM community_members cm WHERE cm.staff_id IN ${people} AND cm.joined_on <= ${ps.asOf} AND (cm.left_on IS NULL OR cm.left_on >= ${ps.asOf})) AS community_members`,
  );
  const item = (code: string, labelText: string, v: unknown) => ({ code, label: labelText, count: n(v), share: share(n(v), staffTotal) });
  return [
    item('diagnosed', 'Прошли диагностику профессиональных компетенций', t.diagnosed),
    item('plans', 'Построен индивидуальный образовательный маршрут', t.plans),
    item('trained', 'Завершили обучение по программам ДПО', t.trained),
    item('mentees', 'Наставляемые в парах наставничества', t.mentees),
    item('mentors', 'Наставники', t.mentors),
    item('event_participants', 'Участники мероприятий', t.event_participants),
    item('community_members', 'Члены методических объединений и сообществ', t.community_members),
  ];
}

async function resourcesPart(db: Db, level: ReportLevel, p: ReportPeriod) {
  const ps = periodSql(p);
  const regionId = level.kind === 'region' ? level.id : sql`(SELECT path[1] FROM territories WHERE id = ${level.territoryId})`;
  const [[r], topics, [pr]] = await Promise.all([
    queryRows<{ total: number }>(db, sql`SELECT count(*) AS total FROM educational_resources er WHERE er.region_id = ${regionId} AND ${ps.liveAt(sql`er.archived_at`)}`),
    queryRows<{ topic: string; count: number }>(
      db,
      sql`SELECT er.topic, count(*) AS count FROM educational_resources er WHERE er.region_id = ${regionId} AND ${ps.liveAt(sql`er.archived_at`)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    ),
    queryRows<Record<string, number>>(
      db,
      sql`SELECT count(*) FILTER (WHERE ${ps.recorded(sql`pc.published_at`)}) AS published, count(*) FILTER (WHERE ${ps.momentIn(sql`pc.published_at`)}) AS published_in_year
          FROM practices pc WHERE pc.status = 'published' AND pc.territory_id IN ${levelTerritories(level)}`,
    ),
  ]);
  return {
    resources: n(r.total),
    resourceTopics: topics.map((t) => ({ topic: t.topic, count: n(t.count) })),
    practicesPublished: n(pr.published),
    practicesPublishedInYear: n(pr.published_in_year),
  };
}

export async function buildSystemPassport(db: Db, level: ReportLevel, p: ReportPeriod) {
  const staff = await staffPart(db, level, p);
  const [programs, infrastructure, engagement, resources, results] = await Promise.all([
    programsPart(db, level, p),
    infrastructurePart(db, level, p),
    engagementPart(db, level, p, staff.total),
    resourcesPart(db, level, p),
    indicatorSection(db, level, p),
  ]);
  return { level, year: p.year, asOf: p.asOf, closed: p.closed, generatedAt: new Date().toISOString(), sections: passportSections, staff, programs, infrastructure, engagement, resources, results };
}
export type SystemPassport = Awaited<ReturnType<typeof buildSystemPassport>>;

export async function getSystemPassport(db: Db, actor: Actor, q: { territoryId?: string; year: number }): Promise<SystemPassport> {
  const p = reportPeriod(q.year);
  const level = await resolveReportLevel(db, actor, { territoryId: q.territoryId });
  // the passport is of a territory's system: an organization's administrator has none in scope
  if (level.kind === 'organization') throw notFound('Территория');
  return buildSystemPassport(db, level, p);
}
