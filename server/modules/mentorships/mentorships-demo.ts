import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { youngSql } from '../staff/staff.service.js';
import { DEFAULT_MENTOR_CAPACITY } from './mentorship-suggest.js';

/**
 * Demo mentoring (ADR 0016), set-based: each step is one INSERT … SELECT over one region, region
 * after region, so the same code fills the demo region and the national size (one statement over
 * 1.1 M people ran for more than 7 minutes). Deterministic: choices follow the generated (seeded)
 * ids, never random() — a byte of the id stands for a coin.
 */

export interface MentoringDemoAccounts {
  /** The demo school: it always has a programme. */
  schoolId: string;
  teacherStaffId: string | null;
  mentorStaffId: string | null;
}

/** A deterministic coin from a row's id: 0‥255. */
const coin = (id: SQL) => sql`get_byte(uuid_send(${id}), 15)`;
const thisYear = sql`extract(year from current_date)::int`;
/** 1 September of the school year that has begun by today. */
const schoolYearStart = sql`make_date(${thisYear} - CASE WHEN extract(month from current_date) >= 9 THEN 0 ELSE 1 END, 9, 1)`;

const meetingTopics = [
  'Знакомство, анализ затруднений, составление плана',
  'Планирование урока и технологическая карта',
  'Посещение урока наставляемого, разбор',
  'Оценивание и обратная связь ученикам',
  'Работа с родителями, классное руководство',
  'Подготовка к открытому уроку',
];

/** Seeds every region, or those of `regionIds`. */
export async function seedMentoringDemo(db: Db, accounts: MentoringDemoAccounts, regionIds?: string[]): Promise<void> {
  const regions = regionIds ? regionIds.map((id) => ({ id })) : await queryRows<{ id: string }>(db, sql`SELECT id FROM territories WHERE parent_id IS NULL ORDER BY id`);
  // the demo pair goes into the region of the demo school
  const [home] = await queryRows<{ id: string }>(db, sql`SELECT t.path[1] AS id FROM organizations o JOIN territories t ON t.id = o.territory_id WHERE o.id = ${accounts.schoolId}`);
  for (const { id } of regions) await seedRegion(db, accounts, id, id === home?.id);
}

async function seedRegion(db: Db, accounts: MentoringDemoAccounts, regionId: string, accountsHere: boolean): Promise<void> {
  const { schoolId, teacherStaffId, mentorStaffId } = accounts;
  /** The territories of the region: `column` is one of them. */
  const inRegion = (column: SQL) => sql`${column} IN (SELECT t.id FROM territories t WHERE t.path @> ARRAY[${regionId}]::uuid[])`;
  const regionStaff = sql`staff.territory_ids @> ARRAY[${regionId}]::uuid[]`;

  // programmes: about 60 % of schools and kindergartens, and the demo school
  await db.execute(sql`
    INSERT INTO mentoring_programmes (organization_id, title, period_from, period_to, curator_staff_id)
    SELECT o.id, 'Программа наставничества на ' || (${thisYear} - 1) || '–' || (${thisYear} + 1) || ' годы',
           make_date(${thisYear} - 1, 9, 1), make_date(${thisYear} + 1, 8, 31),
           (SELECT p.staff_id FROM staff_positions p WHERE p.organization_id = o.id AND p.end_date IS NULL AND p.staff_category = 'managerial' ORDER BY p.title DESC, p.staff_id LIMIT 1)
    FROM organizations o
    WHERE o.archived_at IS NULL AND o.kind IN ('school', 'kindergarten') AND ${inRegion(sql`o.territory_id`)} AND (${coin(sql`o.id`)} % 10 < 6 OR o.id = ${schoolId})`);

  // the demo pair: the mentor account mentors the teacher account
  if (teacherStaffId && mentorStaffId && accountsHere) {
    await db.execute(sql`INSERT INTO mentor_capacities (staff_id, capacity) VALUES (${mentorStaffId}, ${DEFAULT_MENTOR_CAPACITY + 1})`);
    await db.execute(sql`
      INSERT INTO mentorships (organization_id, territory_id, mentor_staff_id, mentee_staff_id, form, status, starts_on, plan, confirmed_at, started_at)
      SELECT o.id, o.territory_id, ${mentorStaffId}, ${teacherStaffId}, 'experienced_young', 'active', ${schoolYearStart},
             'Освоить проектирование урока по ФГОС, формирующее оценивание, подготовить открытый урок к концу учебного года',
             ${schoolYearStart}::timestamptz, ${schoolYearStart}::timestamptz
      FROM organizations o WHERE o.id = ${schoolId}`);
  }

  // young specialists and experienced colleagues of the same school and first subject, matched by
  // rank; about a quarter of young specialists are left without a mentor (a coin), as are the young
  // specialists who share a subject with the demo mentor in the demo school: suggestions exist
  const reserved = mentorStaffId
    ? sql`AND NOT (staff.organization_ids @> ARRAY[${schoolId}]::uuid[] AND EXISTS (
        SELECT 1 FROM staff_positions a JOIN staff_positions b ON b.staff_id = ${mentorStaffId} AND b.end_date IS NULL AND a.subjects && b.subjects
        WHERE a.staff_id = staff.id AND a.end_date IS NULL))`
    : sql``;
  await insertPairs(db, regionStaff, {
    form: 'experienced_young',
    mentee: sql`${youngSql} AND ${coin(sql`staff.id`)} % 4 <> 0 ${reserved}`,
    mentor: sql`staff.profession_start_year <= ${thisYear} - 10 AND NOT ${youngSql}`,
    mentorOrder: sql`(staff.qualification_category IS NOT DISTINCT FROM 'highest') DESC, staff.profession_start_year, staff.id`,
  });
  // then, for those whose school has nobody free, a colleague of the same subject elsewhere in the municipality
  await insertPairs(db, regionStaff, {
    form: 'experienced_young',
    within: 'municipality',
    mentee: sql`${youngSql} AND ${coin(sql`staff.id`)} % 4 <> 0 ${reserved}`,
    mentor: sql`staff.profession_start_year <= ${thisYear} - 10 AND NOT ${youngSql}`,
    mentorOrder: sql`(staff.qualification_category IS NOT DISTINCT FROM 'highest') DESC, staff.profession_start_year, staff.id`,
  });
  // «педагог с компетенцией – педагог, которому она нужна»: a few teachers without a category get a
  // colleague of the highest category who still has a free place
  await insertPairs(db, regionStaff, {
    form: 'competence',
    mentee: sql`NOT ${youngSql} AND coalesce(staff.qualification_category, 'none') IN ('none', 'conformity') AND staff.profession_start_year BETWEEN ${thisYear} - 10 AND ${thisYear} - 4 AND ${coin(sql`staff.id`)} % 6 = 0`,
    mentor: sql`staff.qualification_category = 'highest' AND staff.profession_start_year <= ${thisYear} - 10`,
    mentorOrder: sql`staff.profession_start_year, staff.id`,
  });

  // about one pair in ten has run its year and is completed with outcomes
  await db.execute(sql`
    UPDATE mentorships SET status = 'completed', ends_on = starts_on + 365, completed_at = (starts_on + 365)::timestamptz,
      outcomes = 'План выполнен: проведён открытый урок, наставляемый вошёл в методическое объединение'
    WHERE ${inRegion(sql`territory_id`)} AND ${coin(sql`id`)} % 10 = 0 AND starts_on + 365 <= current_date AND mentee_staff_id IS DISTINCT FROM ${teacherStaffId}`);

  // pairs belong to their organization's programme when there is one
  await db.execute(sql`
    UPDATE mentorships m SET programme_id = (SELECT pr.id FROM mentoring_programmes pr WHERE pr.organization_id = m.organization_id ORDER BY pr.period_from DESC LIMIT 1)
    WHERE ${inRegion(sql`m.territory_id`)}`);

  // the meetings log: one to four monthly meetings since the start, none in the future
  await db.execute(sql`
    INSERT INTO mentorship_meetings (mentorship_id, held_on, topic, notes, duration_minutes)
    SELECT m.id, m.starts_on + 30 * (k - 1) + 3, (${sql.param(meetingTopics)}::text[])[1 + (k - 1) % ${meetingTopics.length}],
           'Обсудили результаты, наметили задачи до следующей встречи', 45
    FROM mentorships m, generate_series(1, 1 + ${coin(sql`m.id`)} % 4) AS k
    WHERE ${inRegion(sql`m.territory_id`)} AND m.status IN ('active', 'completed') AND m.starts_on + 30 * (k - 1) + 3 <= current_date`);

  // «менторство»: each school with low results is paired with a strong school of its municipality
  // (by size), whose director and deputies form the team
  await db.execute(sql`
    WITH low AS (
      SELECT o.id, o.territory_id, row_number() OVER (PARTITION BY o.territory_id ORDER BY o.id) AS rn
      FROM organizations o WHERE o.archived_at IS NULL AND o.kind = 'school' AND o.low_results_school AND ${inRegion(sql`o.territory_id`)}
    ), strong AS (
      SELECT o.id, o.territory_id, row_number() OVER (PARTITION BY o.territory_id ORDER BY count(p.id) DESC, o.id) AS rn
      FROM organizations o JOIN staff_positions p ON p.organization_id = o.id AND p.end_date IS NULL
      WHERE o.archived_at IS NULL AND o.kind = 'school' AND NOT o.low_results_school AND ${inRegion(sql`o.territory_id`)} GROUP BY o.id
    )
    INSERT INTO team_mentorships (mentor_organization_id, mentee_organization_id, mentor_team_staff_ids, status, starts_on, plan)
    SELECT s.id, l.id,
           ARRAY(SELECT p.staff_id FROM staff_positions p WHERE p.organization_id = s.id AND p.end_date IS NULL AND p.staff_category = 'managerial' ORDER BY p.title, p.staff_id LIMIT 3),
           'active', ${schoolYearStart},
           'Анализ причин низких результатов, совместный план повышения качества образования, взаимопосещение уроков, методические семинары'
    FROM low l JOIN strong s ON s.territory_id = l.territory_id AND s.rn = l.rn`);
}

/** One pass of pairs: mentees and mentors of the same organization (or municipality) and first
 *  subject, each side numbered within (place, subject), joined on the number; mentors still under capacity. */
async function insertPairs(db: Db, regionStaff: SQL, pass: { form: string; within?: 'organization' | 'municipality'; mentee: SQL; mentor: SQL; mentorOrder: SQL }) {
  const place = sql.raw(pass.within === 'municipality' ? 'territory_id' : 'organization_id');
  const firstTeaching = (order: SQL) => sql`DISTINCT ON (staff.id) staff.id, p.organization_id, p.territory_id, p.subjects[1] AS subject, row_number() OVER (ORDER BY ${order}) AS ord
    FROM staff JOIN staff_positions p ON p.staff_id = staff.id AND p.end_date IS NULL AND p.staff_category = 'pedagogical' AND cardinality(p.subjects) > 0
    JOIN organizations o ON o.id = p.organization_id AND o.kind = 'school'
    WHERE staff.archived_at IS NULL AND ${regionStaff}`;
  await db.execute(sql`
    WITH mentees AS (
      SELECT *, row_number() OVER (PARTITION BY ${place}, subject ORDER BY ord) AS rn FROM (
        SELECT ${firstTeaching(sql`staff.id`)} AND ${pass.mentee}
          AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = staff.id)
          AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_staff_id = staff.id)
        ORDER BY staff.id, p.start_date) x
    ), mentors AS (
      SELECT *, row_number() OVER (PARTITION BY ${place}, subject ORDER BY ord) AS rn FROM (
        SELECT ${firstTeaching(pass.mentorOrder)} AND ${pass.mentor}
          AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = staff.id AND m.status = 'active')
          AND (SELECT count(*) FROM mentorships m WHERE m.mentor_staff_id = staff.id) < coalesce((SELECT capacity FROM mentor_capacities c WHERE c.staff_id = staff.id), ${DEFAULT_MENTOR_CAPACITY})
        ORDER BY staff.id, p.start_date) y
    )
    INSERT INTO mentorships (organization_id, territory_id, mentor_staff_id, mentee_staff_id, form, status, starts_on, plan, confirmed_at, started_at)
    SELECT e.organization_id, o.territory_id, r.id, e.id, ${pass.form}, 'active', d.starts_on,
           'Индивидуальный план развития: ' || e.subject || ' — проектирование уроков, оценивание, взаимопосещение уроков',
           d.starts_on::timestamptz, d.starts_on::timestamptz
    FROM mentees e JOIN mentors r ON r.${place} = e.${place} AND r.subject = e.subject AND r.rn = e.rn
    JOIN organizations o ON o.id = e.organization_id
    CROSS JOIN LATERAL (SELECT (${schoolYearStart} - 365 * (${coin(sql`e.id`)} % 2))::date AS starts_on) d`);
}
