// Demo monitoring and targeted recommendations (ADR 0026), in the region of the demo accounts:
// this year's plan-schedule (a campaign collecting now over every school of the region, its
// submissions in every state, reminders; a planned one for the autumn; last year's, closed) and a
// few recommendations in each follow-up state. Set-based SQL; states are decided by hashes of the
// ids, so the same data load gives the same picture; dates are relative to the day of loading.

import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { dataForms, monitoringCampaigns } from '../monitoring/monitoring.schema.js';
import { recommendations } from '../recommendations/recommendations.schema.js';
import type { DataFormField } from '../../../common/monitoring.js';

/** A deterministic number 0…2^28 from a text. */
const h = (expr: ReturnType<typeof sql>) => sql`(('x' || left(md5(${expr}), 7))::bit(28)::int)`;
const day = (n: number) => todayIso(new Date(Date.now() + n * 86_400_000));

export const demoMonitoringFields: DataFormField[] = [
  { key: 'staff_total', label: 'Численность работников', type: 'number', required: true, min: 0, prefill: 'staff_total' },
  { key: 'staff_pedagogical', label: 'Численность педагогических работников', type: 'number', required: true, min: 0, prefill: 'staff_pedagogical' },
  { key: 'diagnosed_share', label: 'Доля прошедших диагностику профессиональных дефицитов, %', type: 'percent', required: true, prefill: 'diagnosed_share' },
  { key: 'mentoring_model', label: 'Реализуется целевая модель наставничества', type: 'choice', required: true, options: ['Да', 'Нет', 'В стадии внедрения'] },
  { key: 'mentors', label: 'Число наставников', type: 'number', required: true, min: 0, max: 500 },
  { key: 'methodical_events', label: 'Проведено внутришкольных методических мероприятий', type: 'number', required: false, min: 0 },
  { key: 'comment', label: 'Трудности и предложения', type: 'text', required: false, max: 2000, hint: 'Что мешает достижению показателей, какая помощь нужна' },
  { key: 'mentoring_order', label: 'Приказ о внедрении целевой модели наставничества', type: 'file', required: false },
];

export async function loadMonitoringDemo(db: Db): Promise<void> {
  const [place] = await queryRows<{ region_id: string; ministry_id: string; muni_id: string | null; school_id: string | null }>(
    db,
    sql`SELECT t.id AS region_id, m.id AS ministry_id,
          (SELECT r.territory_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'municipal' LIMIT 1) AS muni_id,
          (SELECT r.organization_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'school' LIMIT 1) AS school_id
        FROM territories t JOIN organizations m ON m.territory_id = t.id AND m.kind = 'ministry'
        WHERE t.kind = 'region' ORDER BY (t.id = (SELECT r.territory_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'region' LIMIT 1)) DESC, t.name LIMIT 1`,
  );
  if (!place) return;
  const year = new Date().getFullYear();
  const regionId = place.region_id;
  const ministry = place.ministry_id;
  const [admin] = await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE login = 'region'`);
  const createdBy = admin?.id ?? null;
  const campaign = (c: { title: string; description: string; year: number; periodLabel: string; collectFrom: string; deadline: string; status: 'draft' | 'open' | 'closed' }) => ({
    ...c,
    level: 'regional' as const,
    ownerOrganizationId: ministry,
    territoryId: regionId,
    createdBy,
  });
  const [current, planned, previous] = await db
    .insert(monitoringCampaigns)
    .values([
      campaign({
        title: `Мониторинг эффективности научно-методического сопровождения педагогических работников за ${year} год`,
        description: 'Сбор сведений образовательных организаций для расчёта показателей РСНМС. Численность и доля прошедших диагностику заполняются из реестра, проверьте их.',
        year,
        periodLabel: `${year} год`,
        collectFrom: day(-40),
        deadline: day(10),
        status: 'open',
      }),
      campaign({
        title: `Мониторинг реализации целевой модели наставничества (II полугодие ${year} г.)`,
        description: 'Плановый мониторинг: формы готовятся.',
        year,
        periodLabel: `II полугодие ${year} г.`,
        collectFrom: day(60),
        deadline: day(80),
        status: 'draft',
      }),
      campaign({
        title: `Мониторинг эффективности научно-методического сопровождения педагогических работников за ${year - 1} год`,
        description: 'Завершённый мониторинг прошлого года.',
        year: year - 1,
        periodLabel: `${year - 1} год`,
        collectFrom: day(-400),
        deadline: day(-370),
        status: 'closed',
      }),
    ])
    .returning({ id: monitoringCampaigns.id });
  const forms = await db
    .insert(dataForms)
    .values([
      { campaignId: current.id, title: 'Сведения образовательной организации', position: 0, fields: demoMonitoringFields },
      { campaignId: planned.id, title: 'Наставничество в организации', position: 0, fields: demoMonitoringFields.filter((f) => ['staff_pedagogical', 'mentoring_model', 'mentors', 'mentoring_order'].includes(f.key)) },
      { campaignId: previous.id, title: 'Сведения образовательной организации', position: 0, fields: demoMonitoringFields },
    ])
    .returning({ id: dataForms.id });

  // every school of the region; the municipality of the demo account keeps the general deadline
  // (ahead), the others had an earlier one (passed)
  await db.execute(sql`INSERT INTO monitoring_assignments (campaign_id, organization_id, territory_id, deadline, created_at)
    SELECT c.id, o.id, o.territory_id,
      CASE WHEN c.id = ${previous.id} THEN ${day(-370)}::date WHEN o.territory_id = ${place.muni_id} THEN ${day(10)}::date ELSE ${day(-5)}::date END,
      now() - interval '40 days'
    FROM organizations o CROSS JOIN (VALUES (${current.id}::uuid), (${previous.id}::uuid)) c(id)
    WHERE o.kind = 'school' AND o.archived_at IS NULL AND o.territory_id IN (SELECT id FROM territories WHERE ${regionId} = ANY(path))`);

  // the state of each by its rank (in a hashed order) within the demo municipality or outside it, so
  // even the small demo shows every state; the demo school stays a draft, to be filled in
  const states = ['untouched', 'submitted', 'returned', 'approved_municipal', 'submitted', 'approved_regional', 'draft', 'approved_municipal', 'submitted', 'untouched'];
  const bucket = h(sql`a.organization_id::text || 'monitoring'`);
  const state = sql`CASE WHEN a.campaign_id = ${previous.id} THEN (CASE WHEN a.n % 10 = 0 THEN 'missing' ELSE 'approved_regional' END)
      WHEN a.organization_id = ${place.school_id} THEN 'draft'
      ELSE (${sql.param(states)}::text[])[1 + (a.n - 1) % ${states.length}] END`;
  const values = (formId: string) => sql`jsonb_build_object(${formId}::text, jsonb_build_object(
      'staff_total', x.staff, 'staff_pedagogical', x.pedagogical,
      'diagnosed_share', round((10 + ${bucket} % 35)::numeric, 1),
      'mentoring_model', (ARRAY['Да', 'Да', 'Нет', 'В стадии внедрения'])[1 + ${bucket} % 4],
      'mentors', 1 + ${bucket} % 6, 'methodical_events', 2 + ${bucket} % 9))`;
  // submitted ones: a few days before the deadline, or — every other one past its deadline — late
  const firstOn = sql`CASE WHEN a.deadline < CURRENT_DATE AND a.n % 2 = 0 THEN a.deadline + 2 ELSE least(a.deadline, CURRENT_DATE) - (1 + ${bucket} % 7) END`;
  await db.execute(sql`INSERT INTO monitoring_submissions (assignment_id, values, status, first_submitted_at, first_submitted_on, submitted_at, return_comment, updated_at)
    SELECT a.id,
      CASE WHEN st IN ('untouched', 'missing') THEN '{}'::jsonb ELSE CASE WHEN a.campaign_id = ${current.id} THEN ${values(forms[0].id)} ELSE ${values(forms[2].id)} END END,
      CASE WHEN st IN ('untouched', 'missing') THEN 'draft' ELSE st END,
      CASE WHEN st IN ('untouched', 'missing', 'draft') THEN NULL ELSE (${firstOn})::timestamptz + interval '11 hours' END,
      CASE WHEN st IN ('untouched', 'missing', 'draft') THEN NULL ELSE ${firstOn} END,
      CASE WHEN st IN ('untouched', 'missing', 'draft') THEN NULL ELSE (${firstOn})::timestamptz + interval '11 hours' END,
      CASE WHEN st = 'returned' THEN 'Проверьте численность педагогических работников: она расходится с реестром' END,
      now()
    FROM (SELECT ma.*, row_number() OVER (PARTITION BY ma.campaign_id, ma.territory_id IS NOT DISTINCT FROM ${place.muni_id}::uuid ORDER BY md5(ma.organization_id::text)) AS n
          FROM monitoring_assignments ma WHERE ma.campaign_id IN (${current.id}, ${previous.id})) a
    JOIN LATERAL (SELECT count(DISTINCT p.staff_id)::int AS staff, count(DISTINCT p.staff_id) FILTER (WHERE p.staff_category = 'pedagogical')::int AS pedagogical
                  FROM staff_positions p WHERE p.organization_id = a.organization_id AND p.end_date IS NULL) x ON true
    CROSS JOIN LATERAL (SELECT ${state} AS st) s`);
  await db.execute(sql`INSERT INTO monitoring_submission_events (assignment_id, action, status, comment, actor_user_id, at)
    SELECT s.assignment_id, 'submit', 'submitted', NULL, NULL, s.first_submitted_at FROM monitoring_submissions s JOIN monitoring_assignments a ON a.id = s.assignment_id
      WHERE a.campaign_id = ${current.id} AND s.first_submitted_at IS NOT NULL
    UNION ALL
    SELECT s.assignment_id, 'return', 'returned', s.return_comment, ${createdBy}::uuid, s.first_submitted_at + interval '1 day' FROM monitoring_submissions s JOIN monitoring_assignments a ON a.id = s.assignment_id
      WHERE a.campaign_id = ${current.id} AND s.status = 'returned'`);
  // reminders to those whose deadline has passed without data
  await db.execute(sql`INSERT INTO monitoring_reminders (assignment_id, message, sent_by, sent_at)
    SELECT a.id, 'Срок сдачи формы мониторинга истёк: просим заполнить и отправить её как можно скорее.', ${createdBy}::uuid, now() - interval '1 day'
    FROM monitoring_assignments a JOIN monitoring_submissions s ON s.assignment_id = a.id
    WHERE a.campaign_id = ${current.id} AND s.first_submitted_on IS NULL AND a.deadline < CURRENT_DATE`);

  // recommendations: the region to three municipalities, the demo municipality to two of its schools
  const munis = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM territories WHERE parent_id = ${regionId} ORDER BY (id = ${place.muni_id}) DESC, name LIMIT 3`,
  );
  const [authority] = place.muni_id
    ? await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE territory_id = ${place.muni_id} AND kind = 'municipal_authority' LIMIT 1`)
    : [];
  const schools = place.muni_id
    ? await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE territory_id = ${place.muni_id} AND kind = 'school' AND archived_at IS NULL ORDER BY (id = ${place.school_id}) DESC, short_name LIMIT 2`)
    : [];
  const fromRegion = {
    issuerOrganizationId: ministry,
    issuerTerritoryId: regionId,
    campaignId: previous.id,
    period: year - 1,
    createdBy,
  };
  const rows: (typeof recommendations.$inferInsert)[] = [];
  const [m1, m2, m3] = munis;
  if (m1)
    rows.push({
      ...fromRegion,
      addresseeTerritoryId: m1.id,
      subjectTerritoryId: m1.id,
      title: 'Обеспечить построение ИОМ по результатам диагностики',
      text: 'По итогам мониторинга доля педагогов с индивидуальным образовательным маршрутом, построенным на основе диагностики, ниже целевого значения. Рекомендуется организовать работу тьюторов ЦНППМ и муниципальной методической службы по построению ИОМ для всех педагогов с выявленными дефицитами.',
      indicatorCode: 'learning_plan',
      dueDate: day(25),
      status: 'issued',
    });
  if (m2)
    rows.push({
      ...fromRegion,
      addresseeTerritoryId: m2.id,
      subjectTerritoryId: m2.id,
      title: 'Увеличить охват диагностикой профессиональных дефицитов',
      text: 'Доля педагогических и управленческих кадров, прошедших диагностику, ниже 10 %. Рекомендуется включить диагностику в план-график муниципальной методической службы и информировать школы о сроках.',
      indicatorCode: 'diagnosed',
      dueDate: day(-3),
      status: 'responded',
      response: 'Утверждён график диагностики на первое полугодие, направлены письма в школы; диагностику прошли 86 педагогов.',
      respondedAt: new Date(Date.now() - 2 * 86_400_000),
    });
  if (m3)
    rows.push({
      ...fromRegion,
      addresseeTerritoryId: m3.id,
      subjectTerritoryId: m3.id,
      title: 'Внедрить целевую модель наставничества во всех школах',
      text: 'Не во всех школах муниципалитета реализуется целевая модель наставничества. Рекомендуется утвердить положения о наставничестве и закрепить наставников за молодыми специалистами.',
      indicatorCode: 'mentoring_model',
      dueDate: day(-30),
      status: 'accepted',
      response: 'Во всех школах изданы приказы о внедрении целевой модели наставничества, за 42 молодыми специалистами закреплены наставники.',
      respondedAt: new Date(Date.now() - 40 * 86_400_000),
      followUpComment: 'Исполнение принято',
      decidedAt: new Date(Date.now() - 35 * 86_400_000),
    });
  if (authority && place.muni_id)
    for (const [i, s] of schools.entries())
      rows.push({
        issuerOrganizationId: authority.id,
        issuerTerritoryId: place.muni_id,
        addresseeOrganizationId: s.id,
        subjectTerritoryId: place.muni_id,
        campaignId: current.id,
        period: year,
        title: i === 0 ? 'Закрепить наставников за молодыми специалистами' : 'Представить план методической работы на второе полугодие',
        text:
          i === 0
            ? 'По данным мониторинга не все молодые специалисты школы включены в формы наставничества. Рекомендуется закрепить наставников и утвердить персонализированные программы наставничества.'
            : 'Рекомендуется включить в план методической работы мероприятия по устранению профессиональных дефицитов, выявленных диагностикой.',
        indicatorCode: i === 0 ? 'young_specialists_supported' : null,
        dueDate: day(20 + i * 10),
        status: 'issued',
        createdBy,
      });
  if (rows.length) await db.insert(recommendations).values(rows);
}
