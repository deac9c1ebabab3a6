import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { computeIndicatorValues, rebuildIndicatorRollups } from './indicators.service.js';

const year = Number(todayIso().slice(0, 4));

/**
 * Every shipped indicator restated by an independent query over the raw rows (ADR 0024, issue 6):
 * people of a node are those with a current position at an organization of the node's territory
 * subtree, by joins rather than the rollups' node arrays; ages by age(), overlaps by ranges.
 * Returns per node (the region and each municipality) each indicator's numerator and denominator.
 */
async function independent(app: TestApp, regionId: string, y: number, municipalityId: string) {
  const rows = await queryRows<Record<string, number> & { node: string }>(
    app.database.db,
    sql`WITH
      municipality_orgs AS (SELECT id, kind, archived_at FROM organizations WHERE territory_id = ${municipalityId} AND archived_at IS NULL),
      territory_nodes AS (SELECT id FROM territories WHERE id = ${regionId} OR parent_id = ${regionId}),
      nodes AS (SELECT id FROM territory_nodes UNION ALL SELECT id FROM municipality_orgs),
      node_orgs AS (SELECT n.id AS node, o.id AS org, o.kind, o.archived_at FROM territory_nodes n JOIN territories t ON n.id = ANY(t.path) JOIN organizations o ON o.territory_id = t.id
                    UNION ALL SELECT id, id, kind, archived_at FROM municipality_orgs),
      pos AS (SELECT no.node, sp.staff_id, sp.staff_category FROM node_orgs no JOIN staff_positions sp ON sp.organization_id = no.org AND sp.end_date IS NULL
              JOIN staff s ON s.id = sp.staff_id WHERE s.archived_at IS NULL),
      people AS (SELECT DISTINCT node, staff_id FROM pos),
      ped AS (SELECT DISTINCT node, staff_id FROM pos WHERE staff_category = 'pedagogical'),
      counted_orgs AS (SELECT node, org FROM node_orgs WHERE archived_at IS NULL AND kind IN ('school', 'kindergarten', 'college', 'additional_education')),
      route_plans AS (SELECT * FROM learning_plans WHERE status IN ('agreed', 'in_progress', 'completed') AND deficits::text <> '[]'),
      program_of AS (SELECT e.*, coalesce(c.program_id, e.program_id) AS pid FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id),
      young AS (SELECT p.node, s.id AS staff_id FROM people p JOIN staff s ON s.id = p.staff_id
                WHERE ${y} BETWEEN s.profession_start_year AND s.profession_start_year + 3 AND extract(year FROM age(make_date(${y}, 12, 31), s.birth_date)) < 35),
      yr AS (SELECT make_date(${y}, 1, 1) AS a, make_date(${y}, 12, 31) AS b)
    SELECT n.id AS node,
      (SELECT count(*) FROM people p WHERE p.node = n.id)::int AS staff,
      (SELECT count(*) FROM ped p WHERE p.node = n.id)::int AS staff_pedagogical,
      (SELECT count(*) FROM people p WHERE p.node = n.id AND p.staff_id IN (SELECT staff_id FROM assessment_results, yr WHERE measured_on BETWEEN yr.a AND yr.b))::int AS diagnosed,
      (SELECT count(*) FROM people p WHERE p.node = n.id AND p.staff_id IN (
         SELECT staff_id FROM route_plans WHERE to_char(coalesce(tutor_agreed_at, created_at) AT TIME ZONE 'UTC', 'YYYY') = ${String(y)}))::int AS plan_on_diagnostic,
      (SELECT count(*) FROM ped p WHERE p.node = n.id AND p.staff_id IN (
         SELECT e.staff_id FROM program_of e JOIN programs pr ON pr.id = e.pid AND pr.in_federal_registry
         WHERE e.status = 'completed' AND e.completed_on BETWEEN '2021-01-01' AND make_date(${y}, 12, 31)
           AND EXISTS (SELECT 1 FROM learning_plan_items i JOIN route_plans lp ON lp.id = i.plan_id WHERE lp.staff_id = e.staff_id AND (i.enrollment_id = e.id OR i.program_id = e.pid))))::int AS federal_on_diagnostic,
      (SELECT count(*) FROM counted_orgs c WHERE c.node = n.id)::int AS orgs,
      (SELECT count(*) FROM counted_orgs c WHERE c.node = n.id AND EXISTS (
         SELECT 1 FROM staff_positions sp JOIN staff s ON s.id = sp.staff_id AND s.archived_at IS NULL JOIN program_of e ON e.staff_id = sp.staff_id, yr
         WHERE sp.organization_id = c.org AND sp.end_date IS NULL AND sp.staff_category = 'managerial' AND e.status = 'completed' AND e.completed_on BETWEEN yr.a AND yr.b
           AND e.pid IN (SELECT pc.program_id FROM program_competencies pc JOIN competencies k ON k.id = pc.competency_id JOIN competency_groups g ON g.id = k.group_id WHERE g.audience = 'managerial')))::int AS orgs_management_quality,
      (SELECT count(*) FROM young WHERE young.node = n.id)::int AS young,
      (SELECT count(*) FROM young, yr WHERE young.node = n.id AND (
         EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = young.staff_id AND m.status IN ('active', 'completed')
                 AND daterange(m.starts_on, coalesce(m.ends_on, (m.completed_at AT TIME ZONE 'UTC')::date), '[]') && daterange(yr.a, yr.b, '[]'))
         OR EXISTS (SELECT 1 FROM learning_plans lp WHERE lp.staff_id = young.staff_id AND lp.status IN ('agreed', 'in_progress', 'completed')
                    AND daterange(lp.period_from, lp.period_to, '[]') && daterange(yr.a, yr.b, '[]'))
         OR young.staff_id IN (SELECT staff_id FROM tutor_assignments)))::int AS young_supported,
      (SELECT count(*) FROM counted_orgs c, yr WHERE c.node = n.id AND (
         EXISTS (SELECT 1 FROM mentoring_programmes mp WHERE mp.organization_id = c.org AND daterange(mp.period_from, mp.period_to, '[]') && daterange(yr.a, yr.b, '[]'))
         OR EXISTS (SELECT 1 FROM mentorships m WHERE m.organization_id = c.org AND m.status IN ('active', 'completed')
                    AND daterange(m.starts_on, coalesce(m.ends_on, (m.completed_at AT TIME ZONE 'UTC')::date, greatest(m.starts_on, current_date)), '[]') && daterange(yr.a, yr.b, '[]'))))::int AS orgs_mentoring_model,
      (SELECT count(*) FROM events e JOIN event_reports r ON r.event_id = e.id JOIN node_orgs no ON no.org = e.organizer_organization_id
         WHERE no.node = n.id AND e.cancelled_at IS NULL AND to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY') = ${String(y)})::int AS events_held,
      (SELECT coalesce(sum(r.participants_count), 0) FROM events e JOIN event_reports r ON r.event_id = e.id JOIN node_orgs no ON no.org = e.organizer_organization_id
         WHERE no.node = n.id AND e.cancelled_at IS NULL AND to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY') = ${String(y)})::int AS event_participants,
      (SELECT count(*) FROM documents d JOIN node_orgs no ON no.org = d.owner_organization_id
         WHERE no.node = n.id AND d.kind = 'agreement' AND d.status IN ('approved', 'in_force', 'superseded')
           AND to_char(coalesce(d.doc_date, (d.created_at AT TIME ZONE 'UTC')::date), 'YYYY') = ${String(y)})::int AS agreements,
      (SELECT count(*) FROM practices pr JOIN node_orgs no ON no.org = pr.organization_id
         WHERE no.node = n.id AND pr.status = 'published' AND to_char(pr.published_at AT TIME ZONE 'UTC', 'YYYY') = ${String(y)})::int AS practices_published,
      (SELECT count(*) FROM people p JOIN enrollments e ON e.staff_id = p.staff_id, yr
         WHERE p.node = n.id AND e.status = 'completed' AND e.completed_on BETWEEN yr.a AND yr.b)::int AS courses_completed
    FROM nodes n`,
  );
  const pct = (a: string, b: string | null) => (r: Record<string, number>) => ({ numerator: r[a], denominator: b ? r[b] : null });
  const rules: Record<string, (r: Record<string, number>) => { numerator: number; denominator: number | null }> = {
    diagnosed: pct('diagnosed', 'staff'),
    learning_plan: pct('plan_on_diagnostic', 'staff'),
    federal_registry: pct('federal_on_diagnostic', 'staff_pedagogical'),
    management_quality: pct('orgs_management_quality', 'orgs'),
    young_specialists_supported: pct('young_supported', 'young'),
    mentoring_model: pct('orgs_mentoring_model', 'orgs'),
    events_held: pct('events_held', null),
    event_participants: pct('event_participants', null),
    agreements: pct('agreements', null),
    practices_published: pct('practices_published', null),
    courses_completed: pct('courses_completed', null),
  };
  return new Map(rows.map((r) => [r.node, Object.fromEntries(Object.entries(rules).map(([code, f]) => [code, f(r)]))]));
}

type Figures = Record<string, { numerator: number; denominator: number | null }>;

describe('efficiency indicators', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient;
  let regionId: string, muni1: string;

  /** The API's figures of the region, its municipalities and the organizations of the first
   *  municipality, as numerator and denominator. */
  async function fromApi(period: number) {
    const byMunicipality = await region.json(`/api/indicators/values?territoryId=${regionId}&period=${period}`);
    const byOrganization = await region.json(`/api/indicators/values?territoryId=${muni1}&period=${period}`);
    expect(byMunicipality.status).toBe(200);
    expect(byOrganization.status).toBe(200);
    const out = new Map<string, Figures>();
    for (const n of [byMunicipality.body.total, ...byMunicipality.body.children, ...byOrganization.body.children]) {
      out.set(n.id, Object.fromEntries(Object.entries(n.values as Record<string, { numerator: number; denominator: number | null }>).map(([k, v]) => [k, { numerator: v.numerator, denominator: v.denominator }])));
    }
    return out;
  }

  async function expectEqual(period: number) {
    const api = await fromApi(period);
    const want = await independent(app!, regionId, period, muni1);
    expect(api.size).toBe(want.size);
    for (const [node, figures] of want) expect(api.get(node), `node ${node}, ${period}`).toEqual(figures);
    return { api, want };
  }

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher] = await Promise.all(['region', 'municipal', 'school', 'teacher'].map((l) => app!.as(l)));
    const [g] = await queryRows<{ region: string; muni: string }>(
      app.database.db,
      sql`SELECT (SELECT territory_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'region') AS region,
                 (SELECT territory_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'municipal') AS muni`,
    );
    regionId = g.region;
    muni1 = g.muni;
  });
  afterAll(async () => app?.close());

  it('equals an independent query over the raw rows for every municipality of the demo region (and every organization of one), this year and last', async (ctx) => {
    if (!app) return ctx.skip();
    for (const period of [year, year - 1]) {
      const { want } = await expectEqual(period);
      // the demo region has something to count in every shipped indicator this year
      if (period === year) {
        const total = want.get(regionId)!;
        for (const code of ['diagnosed', 'learning_plan', 'federal_registry', 'young_specialists_supported', 'mentoring_model', 'events_held', 'courses_completed']) {
          expect(total[code].numerator, code).toBeGreaterThan(0);
        }
      }
    }
  });

  it('changes at once after writes: a result, a plan agreed, a position moved, a second post elsewhere, a person archived or deleted', async (ctx) => {
    if (!app) return ctx.skip();
    const db = app.database.db;
    const before = (await fromApi(year)).get(muni1)!;
    // a person of the municipality without a diagnostic this year gets a result
    const [p] = await queryRows<{ id: string; assessment_id: string; competency_id: string }>(
      db,
      sql`SELECT s.id, ac.assessment_id, ac.competency_id FROM staff s
          JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL JOIN organizations o ON o.id = sp.organization_id AND o.territory_id = ${muni1}
          CROSS JOIN LATERAL (SELECT ac.assessment_id, ac.competency_id FROM assessment_competencies ac JOIN assessments a ON a.id = ac.assessment_id WHERE a.year = ${year} LIMIT 1) ac
          WHERE s.archived_at IS NULL AND cardinality(s.organization_ids) = 1
            AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = s.id AND extract(year FROM r.measured_on) = ${year})
          LIMIT 1`,
    );
    await db.execute(sql`INSERT INTO assessment_results (assessment_id, staff_id, competency_id, score, measured_on, source) VALUES (${p.assessment_id}, ${p.id}, ${p.competency_id}, 40, ${`${year}-03-01`}, 'form')`);
    const afterResult = (await fromApi(year)).get(muni1)!;
    expect(afterResult.diagnosed.numerator).toBe(before.diagnosed.numerator + 1);
    await expectEqual(year);

    // a person of the municipality gets a draft route on their deficits; it counts once agreed
    const [draftFor] = await queryRows<{ id: string }>(
      db,
      sql`SELECT s.id FROM staff s JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL JOIN organizations o ON o.id = sp.organization_id AND o.territory_id = ${muni1}
          WHERE s.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM learning_plans lp WHERE lp.staff_id = s.id) LIMIT 1`,
    );
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO learning_plans (staff_id, title, status, period_from, period_to, deficits)
          VALUES (${draftFor.id}, 'Проверочный ИОМ', 'draft', ${`${year}-01-01`}, ${`${year}-12-31`}, '[{"competencyCode": "МТ.01", "score": 40, "threshold": 60}]'::jsonb) RETURNING id`,
    );
    const beforePlan = (await fromApi(year)).get(muni1)!;
    await db.execute(sql`UPDATE learning_plans SET status = 'agreed', tutor_agreed_at = now(), person_agreed_at = now() WHERE id = ${plan.id}`);
    expect((await fromApi(year)).get(muni1)!.learning_plan.numerator).toBe(beforePlan.learning_plan.numerator + 1);
    await expectEqual(year);

    // a person moves from the municipality to a school of another municipality
    const [move] = await queryRows<{ position: string; staff_id: string; org: string; territory: string }>(
      db,
      sql`SELECT sp.id AS position, sp.staff_id, o2.id AS org, o2.territory_id AS territory FROM staff_positions sp
          JOIN organizations o ON o.id = sp.organization_id AND o.territory_id = ${muni1}
          JOIN staff s ON s.id = sp.staff_id AND cardinality(s.organization_ids) = 1
          CROSS JOIN LATERAL (SELECT id, territory_id FROM organizations WHERE kind = 'school' AND territory_id <> ${muni1} AND territory_id IN (SELECT id FROM territories WHERE parent_id = ${regionId}) LIMIT 1) o2
          WHERE sp.end_date IS NULL AND EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = s.id AND extract(year FROM r.measured_on) = ${year})
          LIMIT 1`,
    );
    const beforeMove = (await fromApi(year)).get(muni1)!;
    await db.execute(sql`UPDATE staff_positions SET organization_id = ${move.org}, territory_id = ${move.territory} WHERE id = ${move.position}`);
    const afterMove = await fromApi(year);
    expect(afterMove.get(muni1)!.diagnosed.denominator).toBe(beforeMove.diagnosed.denominator! - 1);
    expect(afterMove.get(muni1)!.diagnosed.numerator).toBe(beforeMove.diagnosed.numerator - 1);
    await expectEqual(year);

    // archiving a person and deleting a result take them out; a published practice and an event report count
    await db.execute(sql`UPDATE staff SET archived_at = now() WHERE id = ${p.id}`);
    await db.execute(sql`DELETE FROM assessment_results WHERE staff_id = ${move.staff_id} AND extract(year FROM measured_on) = ${year}`);
    await db.execute(sql`UPDATE practices SET status = 'published', published_at = now() WHERE id = (SELECT id FROM practices WHERE status <> 'published' LIMIT 1)`);
    await db.execute(sql`UPDATE events SET cancelled_at = now() WHERE id = (SELECT event_id FROM event_reports LIMIT 1)`);
    await db.execute(sql`UPDATE mentorships SET status = 'cancelled', cancelled_at = now() WHERE id = (SELECT id FROM mentorships WHERE status = 'active' LIMIT 1)`);
    await expectEqual(year);
    await expectEqual(year - 1);

    // a person of the first municipality also takes a post in another one: each municipality
    // counts them, the region once; then a person is deleted with all their records
    const [second] = await queryRows<{ staff_id: string; org: string; territory: string }>(
      db,
      sql`SELECT sp.staff_id, o2.id AS org, o2.territory_id AS territory FROM staff_positions sp
          JOIN organizations o ON o.id = sp.organization_id AND o.territory_id = ${muni1}
          JOIN staff s ON s.id = sp.staff_id AND s.archived_at IS NULL
          CROSS JOIN LATERAL (SELECT id, territory_id FROM organizations WHERE kind = 'school' AND territory_id <> ${muni1} AND territory_id IN (SELECT id FROM territories WHERE parent_id = ${regionId}) LIMIT 1) o2
          WHERE sp.end_date IS NULL AND EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = s.id AND extract(year FROM r.measured_on) = ${year}) LIMIT 1`,
    );
    const beforeSecond = (await fromApi(year)).get(regionId)!;
    await db.execute(sql`INSERT INTO staff_positions (staff_id, organization_id, territory_id, title, staff_category) VALUES (${second.staff_id}, ${second.org}, ${second.territory}, 'Учитель (совместитель)', 'pedagogical')`);
    expect((await fromApi(year)).get(regionId)!.diagnosed).toEqual(beforeSecond.diagnosed);
    await expectEqual(year);
    const [gone] = await queryRows<{ id: string }>(
      db,
      sql`SELECT s.id FROM staff s JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL JOIN organizations o ON o.id = sp.organization_id AND o.territory_id = ${muni1}
          WHERE EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = s.id) AND EXISTS (SELECT 1 FROM enrollments e WHERE e.staff_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM users u WHERE u.staff_id = s.id) AND NOT EXISTS (SELECT 1 FROM learning_plan_items i WHERE i.mentor_staff_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM mentoring_programmes m WHERE m.curator_staff_id = s.id) AND NOT EXISTS (SELECT 1 FROM practice_authors a WHERE a.staff_id = s.id)
          LIMIT 1`,
    );
    // plan items point at enrollments: the plans go first (as clearLearningData does)
    await db.execute(sql`DELETE FROM learning_plans WHERE staff_id = ${gone.id}`);
    await db.execute(sql`DELETE FROM staff WHERE id = ${gone.id}`);
    await expectEqual(year);
    await expectEqual(year - 1);

    // a full rebuild gives the same counts as the triggers kept
    const live = await computeIndicatorValues(db, { territoryId: regionId, period: year });
    await rebuildIndicatorRollups(db);
    expect(await computeIndicatorValues(db, { territoryId: regionId, period: year })).toEqual(live);
  });

  it('answers each level in its scope: the region by municipality, the municipality by organization, the school its own; teachers get 403', async (ctx) => {
    if (!app) return ctx.skip();
    const r = await region.json(`/api/indicators/values?period=${year}`);
    expect(r.status).toBe(200);
    expect(r.body.territory.id).toBe(regionId);
    expect(r.body.childKind).toBe('municipality');
    expect(r.body.indicators.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['diagnosed', 'learning_plan', 'federal_registry', 'management_quality', 'young_specialists_supported', 'mentoring_model', 'events_held', 'agreements']),
    );
    // targets: the region's, inherited by its municipalities unless they set their own
    const diag = r.body.total.values.diagnosed;
    expect(diag.target).toBe(10);
    expect(['met', 'below']).toContain(diag.status);
    const m = await municipal.json(`/api/indicators/values?period=${year}`);
    expect(m.status).toBe(200);
    expect(m.body.territory.id).toBe(muni1);
    expect(m.body.childKind).toBe('organization');
    expect((await municipal.json(`/api/indicators/values?territoryId=${regionId}&period=${year}`)).status).toBe(404);
    const s = await school.json(`/api/indicators/values?period=${year}`);
    expect(s.status).toBe(200);
    expect(s.body.territory).toBeNull();
    expect(s.body.children.every((c: { kind: string }) => c.kind === 'organization')).toBe(true);
    expect((await teacher.json(`/api/indicators/values?period=${year}`)).status).toBe(403);
    const trend = await region.json(`/api/indicators/diagnosed/trend?from=${year - 2}&to=${year}`);
    expect(trend.status).toBe(200);
    expect(trend.body.items.map((i: { period: number }) => i.period)).toEqual([year - 2, year - 1, year]);
    expect(trend.body.items[2].numerator).toBe(r.body.total.values.diagnosed.numerator);
  });

  it('lets the region add its own computed and entered indicators and set targets; an organization enters its value', async (ctx) => {
    if (!app) return ctx.skip();
    const post = (c: TestClient, path: string, body: unknown, method = 'POST') => c.json(path, { method, body: JSON.stringify(body) });
    const created = await post(region, '/api/indicators', { code: 'courses_per_teacher', year, name: 'Курсов на одного педагога', unit: 'count', kind: 'computed', numerator: 'courses_completed', denominator: 'staff_pedagogical', factor: 1 });
    expect(created.status).toBe(201);
    expect((await post(municipal, '/api/indicators', { code: 'x_muni', year, name: 'Муниципальный показатель', unit: 'count', kind: 'entered' })).status).toBe(403);
    const entered = await post(region, '/api/indicators', { code: 'subject_match', year, name: 'Доля учителей, чьё образование соответствует предмету', unit: 'percent', kind: 'entered' });
    expect(entered.status).toBe(201);
    const schoolOrg = (await school.json(`/api/indicators/values?period=${year}`)).body.children[0].id;
    expect((await post(school, '/api/indicators/subject_match/entered', { period: year, organizationId: schoolOrg, value: 87.5 }, 'PUT')).status).toBe(200);
    expect((await post(school, '/api/indicators/diagnosed/entered', { period: year, organizationId: schoolOrg, value: 1 }, 'PUT')).status).toBe(409);
    expect((await post(region, '/api/indicators/subject_match/targets', { year, territoryId: regionId, value: 90 }, 'PUT')).status).toBe(200);
    expect((await post(municipal, '/api/indicators/subject_match/targets', { year, territoryId: muni1, value: 90 }, 'PUT')).status).toBe(403);
    const v = await school.json(`/api/indicators/values?period=${year}`);
    const own = v.body.children.find((c: { id: string }) => c.id === schoolOrg).values;
    expect(own.subject_match).toMatchObject({ value: 87.5, target: 90, status: 'below' });
    expect(own.courses_per_teacher.denominator).toBeGreaterThan(0);
    const list = await region.json(`/api/indicators?year=${year}`);
    expect(list.body.items.find((d: { code: string }) => d.code === 'subject_match').targets).toEqual([{ territoryId: regionId, year, value: 90, inherited: false }]);
  });
});
