// Demo events calendar, annual calendars, communities and a contest (ADR 0017): generated in
// proportion to the loaded organizations — events and communities in JS from one read of the
// organizations, people attached by set-based SQL (hash sampling within the territory), so a
// country-sized load costs a few statements, not a query per row.

import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { events, eventCalendars, communities, communityPlans, communityMeetings, contests, contestStages } from '../../db/schema.js';
import { Random } from './demo-generator.js';
import type { EventFormat, EventKind } from '../../../common/events-dictionaries.js';

interface OrgRow {
  id: string;
  kind: string;
  short_name: string;
  territory_id: string;
  territory_kind: 'region' | 'municipality';
  region_id: string;
}

/** A Moscow wall-clock time as an instant. */
const moscow = (year: number, month: number, day: number, hour: number, minute = 0) => new Date(Date.UTC(year, month - 1, day, hour - 3, minute));

const regionalTopics: readonly (readonly [EventKind, string])[] = [
  ['conference', 'Региональная научно-практическая конференция «Современный урок: от дефицитов к результатам»'],
  ['seminar', 'Региональный семинар для тьюторов по сопровождению ИОМ'],
  ['webinar', 'Вебинар «Функциональная грамотность: формирование и оценка»'],
  ['pedagogical_readings', 'Региональные педагогические чтения'],
  ['master_class', 'Мастер-класс победителей конкурса «Учитель года»'],
  ['internship', 'Стажировка на базе региональной инновационной площадки'],
  ['burnout_prevention', 'Тренинг профилактики профессионального выгорания педагогов'],
  ['meeting', 'Совещание руководителей муниципальных методических служб'],
  ['skills_competition', 'Региональный этап конкурса «Учитель года»'],
];
const municipalTopics: readonly (readonly [EventKind, string])[] = [
  ['meeting', 'Августовское совещание педагогических работников'],
  ['seminar', 'Муниципальный семинар «Наставничество в образовательной организации»'],
  ['master_class', 'Мастер-класс «Приёмы формирующего оценивания»'],
  ['webinar', 'Вебинар для молодых педагогов'],
  ['pedagogical_readings', 'Муниципальные педагогические чтения'],
  ['burnout_prevention', 'Клуб профилактики профессионального выгорания'],
  ['skills_competition', 'Муниципальный этап конкурса «Учитель года»'],
  ['seminar', 'Семинар-практикум по подготовке к ГИА'],
  ['other', 'Фестиваль педагогических идей'],
];
const schoolTopics: readonly (readonly [EventKind, string])[] = [
  ['seminar', 'Педагогический совет «Результаты диагностики профессиональных дефицитов»'],
  ['master_class', 'Открытый урок и мастер-класс наставника'],
  ['meeting', 'Заседание методического совета'],
];
const subjectsForAssociations = ['Математика', 'Русский язык', 'Начальные классы', 'История', 'Английский язык', 'Физическая культура'] as const;
const formats: readonly (readonly [EventFormat, number])[] = [
  ['in_person', 6],
  ['online', 3],
  ['mixed', 2],
];

export async function generateEventsDemo(db: Db, seed: number, now = new Date()): Promise<void> {
  const year = now.getFullYear();
  const r = new Random(seed, 17);
  const orgs = await queryRows<OrgRow>(
    db,
    sql`SELECT o.id, o.kind, o.short_name, o.territory_id, t.kind AS territory_kind, coalesce(t.path[1], t.id) AS region_id
        FROM organizations o JOIN territories t ON t.id = o.territory_id
        WHERE o.archived_at IS NULL AND o.kind IN ('ministry', 'cnppm', 'development_institute', 'municipal_authority', 'methodological_service', 'school')
        ORDER BY o.id`,
  );
  const byKind = (kind: string) => orgs.filter((o) => o.kind === kind);
  const ministries = byKind('ministry');
  const authorities = byKind('municipal_authority');
  const services = new Map(byKind('methodological_service').map((o) => [o.territory_id, o]));
  const regionalHosts = new Map<string, OrgRow>();
  for (const o of [...byKind('cnppm'), ...byKind('development_institute')]) if (!regionalHosts.has(o.region_id)) regionalHosts.set(o.region_id, o);
  const schools = byKind('school');

  // ── events across the year at all levels ──
  const eventRows: (typeof events.$inferInsert)[] = [];
  const addEvent = (org: OrgRow, level: 'regional' | 'municipal' | 'organization', kind: EventKind, title: string, month: number, capacity: number | null) => {
    const day = r.int(1, 28);
    const hour = r.pick([10, 11, 14, 15]);
    const format = kind === 'webinar' ? 'online' : r.weighted(formats);
    const days = kind === 'conference' || kind === 'internship' ? r.int(1, 3) : 1;
    eventRows.push({
      id: r.uuid(),
      title,
      level,
      kind,
      format,
      organizerOrganizationId: org.id,
      territoryId: org.territory_id,
      startsAt: moscow(year, month, day, hour),
      endsAt: moscow(year, month, day + days - 1, hour + r.int(2, 4)),
      place: format === 'online' ? null : `${org.short_name}, ${r.pick(['актовый зал', 'конференц-зал', 'кабинет 21', 'библиотека'])}`,
      onlineUrl: format === 'in_person' ? null : `https://sferum.ru/?call_link=demo-${eventRows.length}`,
      audience: r.pick(['Педагогические работники', 'Учителя-предметники', 'Молодые педагоги', 'Заместители директоров по УВР', 'Руководители ОО']),
      capacity,
      createdAt: moscow(year - 1, 11, r.int(1, 20), 9),
    });
  };
  const months = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
  for (const m of ministries) {
    const host = regionalHosts.get(m.region_id) ?? m;
    regionalTopics.forEach(([kind, title], i) => addEvent(kind === 'meeting' ? m : host, 'regional', kind, title, months[(i * 3) % months.length], r.chance(0.3) ? null : r.pick([60, 100, 150, 300])));
  }
  for (const a of authorities) {
    const host = services.get(a.territory_id) ?? a;
    municipalTopics.forEach(([kind, title], i) => {
      if (i > 2 && !r.chance(0.7)) return;
      addEvent(kind === 'meeting' ? a : host, 'municipal', kind, title, kind === 'meeting' ? 8 : months[(i * 2 + r.int(0, 3)) % months.length], r.pick([null, 30, 40, 60]));
    });
  }
  for (const s of schools) if (r.chance(0.25)) {
    const [kind, title] = r.pick(schoolTopics);
    addEvent(s, 'organization', kind, title, r.pick(months), null);
  }
  await bulkInsert(db, events, eventRows);

  // People to draw from: pedagogical staff numbered within each territory and organization, so a
  // draw of k people costs k index lookups, whatever the size of the region.
  await db.execute(sql`CREATE TEMP TABLE demo_people ON COMMIT DROP AS
    SELECT x.scope, x.staff_id, row_number() OVER (PARTITION BY x.scope ORDER BY x.staff_id)::int AS n
    FROM (SELECT unnest(s.territory_ids || s.organization_ids) AS scope, s.id AS staff_id FROM staff s
          WHERE s.archived_at IS NULL AND EXISTS (SELECT 1 FROM staff_positions sp WHERE sp.staff_id = s.id AND sp.end_date IS NULL AND sp.staff_category = 'pedagogical')) x`);
  await db.execute(sql`CREATE INDEX ON demo_people (scope, n)`);
  await db.execute(sql`CREATE TEMP TABLE demo_scopes ON COMMIT DROP AS SELECT scope, count(*)::int AS cnt FROM demo_people GROUP BY scope`);
  // registrations: up to the capacity (at most 40) from the organizer's territory; attendance for what has passed
  await db.execute(sql`INSERT INTO event_registrations (event_id, staff_id, status, registered_at, attended, attendance_marked_at)
    SELECT d.event_id, d.staff_id, 'registered', d.starts_at - interval '10 days',
      CASE WHEN d.ends_at < ${now.toISOString()}::timestamptz THEN (abs(hashtext(d.staff_id::text || d.event_id::text)::bigint) % 100) < 85 END,
      CASE WHEN d.ends_at < ${now.toISOString()}::timestamptz THEN d.ends_at + interval '1 day' END
    FROM (SELECT DISTINCT e.id AS event_id, dp.staff_id, e.starts_at, e.ends_at
          FROM events e JOIN demo_scopes sc ON sc.scope = e.territory_id
          CROSS JOIN LATERAL generate_series(0, least(coalesce(e.capacity, 40), 40, sc.cnt) - 1) g
          JOIN demo_people dp ON dp.scope = e.territory_id AND dp.n = 1 + ((abs(hashtext(e.id::text)::bigint) + g * 7919) % sc.cnt)) d`);
  // the shared demo photo of reports and the demo protocol of meetings (stored once)
  const [{ id: photoId }] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO stored_files (name, mime, size, sha256, content) VALUES ('фото.png', 'image/png', 67,
          encode(sha256(decode('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex')), 'hex'),
          decode('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex')) RETURNING id`,
  );
  const [{ id: protocolId }] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO stored_files (name, mime, size, sha256, content) VALUES ('протокол.pdf', 'application/pdf', 15,
          encode(sha256(convert_to(${'%PDF-1.4\n%%EOF\n'}, 'UTF8')), 'hex'), convert_to(${'%PDF-1.4\n%%EOF\n'}, 'UTF8')) RETURNING id`,
  );
  await db.execute(sql`INSERT INTO event_reports (event_id, place, starts_on, ends_on, format, participants_count, summary, media_links, video_links, photo_file_ids, filed_at)
    SELECT e.id, coalesce(e.place, 'Онлайн'), (e.starts_at AT TIME ZONE 'Europe/Moscow')::date, (e.ends_at AT TIME ZONE 'Europe/Moscow')::date, e.format,
      (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.attended) + abs(hashtext(e.id::text)::bigint) % 7,
      'Мероприятие проведено в соответствии с планом; участники получили методические материалы.',
      ARRAY['https://minobr.example.ru/news/' || substr(e.id::text, 1, 8)],
      CASE WHEN e.format <> 'in_person' THEN ARRAY['https://rutube.ru/video/' || substr(md5(e.id::text), 1, 16)] ELSE ARRAY[]::text[] END,
      ARRAY[${photoId}::uuid], e.ends_at + interval '3 days'
    FROM events e WHERE e.ends_at < ${now.toISOString()}::timestamptz - interval '3 days' AND (abs(hashtext(e.id::text)::bigint) % 10) < 8`);

  // ── annual calendars: this year's approved (some late), next year's being formed ──
  const calendarRows: (typeof eventCalendars.$inferInsert)[] = [];
  const addCalendars = (org: OrgRow, level: 'regional' | 'municipal', label: string) => {
    const late = r.chance(0.15);
    calendarRows.push({
      id: r.uuid(),
      level,
      ownerOrganizationId: org.id,
      territoryId: org.territory_id,
      year,
      title: `Календарь мероприятий ${label} на ${year} год`,
      status: 'approved',
      deadline: `${year - 1}-11-30`,
      submittedAt: moscow(year - 1, 11, r.int(10, 20), 10),
      approvedAt: late ? moscow(year - 1, 12, r.int(5, 20), 12) : moscow(year - 1, 11, r.int(21, 29), 12),
      approvalDocument: `Приказ от ${late ? '15.12' : '25.11'}.${year - 1} № ${r.int(100, 999)}`,
    });
    const next = r.weighted([['draft', 3], ['submitted', 3], ['approved', 2]] as const);
    calendarRows.push({
      id: r.uuid(),
      level,
      ownerOrganizationId: org.id,
      territoryId: org.territory_id,
      year: year + 1,
      title: `Календарь мероприятий ${label} на ${year + 1} год`,
      status: next,
      deadline: `${year}-11-30`,
      submittedAt: next === 'draft' ? null : moscow(year, 11, r.int(5, 15), 10),
      approvedAt: next === 'approved' ? moscow(year, 11, r.int(16, 20), 12) : null,
      approvalDocument: next === 'approved' ? `Приказ от 20.11.${year} № ${r.int(100, 999)}` : null,
    });
  };
  for (const m of ministries) addCalendars(m, 'regional', 'региона');
  for (const a of authorities) addCalendars(a, 'municipal', 'муниципалитета');
  await bulkInsert(db, eventCalendars, calendarRows);

  // ── communities: municipal subject associations, a networking platform, regional
  //    associations, school methodological associations ──
  const communityRows: (typeof communities.$inferInsert)[] = [];
  for (const m of ministries) {
    const host = regionalHosts.get(m.region_id) ?? m;
    communityRows.push({ id: r.uuid(), name: 'Региональная ассоциация учителей математики', kind: 'professional_association', level: 'regional', subjects: ['Математика'], baseOrganizationId: host.id, territoryId: host.territory_id });
    communityRows.push({ id: r.uuid(), name: 'Региональное сетевое сообщество молодых педагогов', kind: 'network_community', level: 'regional', baseOrganizationId: host.id, territoryId: host.territory_id });
  }
  for (const a of authorities) {
    const host = services.get(a.territory_id) ?? a;
    for (const subject of subjectsForAssociations.slice(0, r.int(3, subjectsForAssociations.length))) {
      communityRows.push({ id: r.uuid(), name: `ММО учителей: ${subject}`, kind: 'methodological_association', level: 'municipal', focus: 'subject', subjects: [subject], baseOrganizationId: host.id, territoryId: host.territory_id });
    }
    communityRows.push({ id: r.uuid(), name: 'ММО «Функциональная грамотность»', kind: 'methodological_association', level: 'municipal', focus: 'meta_subject', baseOrganizationId: host.id, territoryId: host.territory_id });
    const base = schools.find((s) => s.territory_id === a.territory_id && r.chance(0.5)) ?? host;
    communityRows.push({ id: r.uuid(), name: `Нетворкинг-площадка «Школа наставника» (${base.short_name})`, kind: 'networking_platform', level: 'municipal', baseOrganizationId: base.id, territoryId: base.territory_id });
  }
  for (const s of schools) if (r.chance(0.3)) {
    communityRows.push({ id: r.uuid(), name: 'ШМО учителей естественно-научного цикла', kind: 'methodological_association', level: 'organization', focus: 'inter_subject', baseOrganizationId: s.id, territoryId: s.territory_id });
  }
  await bulkInsert(db, communities, communityRows.map((c) => ({ subjects: [], ...c })));
  // members: up to 25 pedagogical staff of the base organization (school associations) or of the
  // territory; the first one drawn leads
  await db.execute(sql`INSERT INTO community_members (community_id, staff_id, role, joined_on)
    SELECT d.community_id, d.staff_id, CASE WHEN d.first THEN 'leader' ELSE 'member' END, make_date(${year - 1}::int, 9, 1)
    FROM (SELECT DISTINCT ON (c.id, dp.staff_id) c.id AS community_id, dp.staff_id, g = 0 AS first
          FROM communities c JOIN demo_scopes sc ON sc.scope = CASE WHEN c.level = 'organization' THEN c.base_organization_id ELSE c.territory_id END
          CROSS JOIN LATERAL generate_series(0, least(25, sc.cnt) - 1) g
          JOIN demo_people dp ON dp.scope = sc.scope AND dp.n = 1 + ((abs(hashtext(c.id::text)::bigint) + g * 7919) % sc.cnt)
          ORDER BY c.id, dp.staff_id, g) d`);
  const planRows: (typeof communityPlans.$inferInsert)[] = [];
  const meetingRows: (typeof communityMeetings.$inferInsert)[] = [];
  for (const c of communityRows) {
    planRows.push({
      id: r.uuid(),
      communityId: c.id!,
      period: `${year}/${year + 1} учебный год`,
      title: `План работы: ${c.name}`,
      items: ['Анализ результатов диагностики и ВПР', 'Открытые уроки и взаимопосещение', 'Обобщение опыта: выступления на педагогических чтениях', 'Подведение итогов года'],
      approvedOn: `${year}-09-01`,
    });
    for (const [month, topic] of [[2, 'Анализ результатов диагностики профессиональных дефицитов'], [4, 'Открытые уроки: обмен опытом'], [10, 'Планирование работы на учебный год']] as const) {
      meetingRows.push({
        id: r.uuid(),
        communityId: c.id!,
        heldAt: moscow(year, month, r.int(5, 25), 15),
        topic,
        format: r.weighted(formats),
        place: 'Методический кабинет',
        decisions: 'Принять к сведению; подготовить выступления к следующему заседанию.',
        protocolNumber: String(month === 2 ? 1 : month === 4 ? 2 : 3),
        protocolFileIds: [protocolId],
      });
    }
  }
  await bulkInsert(db, communityPlans, planRows);
  await bulkInsert(db, communityMeetings, meetingRows);
  await db.execute(sql`INSERT INTO community_meeting_participants (meeting_id, staff_id)
    SELECT mt.id, m.staff_id FROM community_meetings mt JOIN community_members m ON m.community_id = mt.community_id
    WHERE (abs(hashtext(mt.id::text || m.staff_id::text)::bigint) % 10) < 7`);

  // ── a contest with stages per region: school winners → municipal winners → the regional winner ──
  const contestRows: (typeof contests.$inferInsert)[] = [];
  const stageRows: (typeof contestStages.$inferInsert)[] = [];
  for (const m of ministries) {
    const id = r.uuid();
    contestRows.push({ id, title: `Учитель года — ${year}`, year, organizerOrganizationId: m.id, territoryId: m.territory_id, description: 'Конкурс профессионального мастерства педагогических работников' });
    (['organization', 'municipal', 'regional', 'federal'] as const).forEach((level, i) =>
      stageRows.push({ id: r.uuid(), contestId: id, level, ordinal: i, startsOn: `${year}-0${i + 1}-10`, endsOn: `${year}-0${i + 2}-05` }),
    );
  }
  await bulkInsert(db, contests, contestRows);
  await bulkInsert(db, contestStages, stageRows);
  // one teacher from every fourth school of the region, scored by a hash; the best of each
  // municipality wins and goes on; the best of those wins the regional stage
  await db.execute(sql`INSERT INTO contest_entries (stage_id, staff_id, organization_id, score)
    SELECT st.id, p.staff_id, p.organization_id, 50 + abs(hashtext(p.staff_id::text)::bigint) % 50
    FROM contest_stages st JOIN contests c ON c.id = st.contest_id AND st.level = 'organization'
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (o.id) sp.staff_id, o.id AS organization_id FROM organizations o JOIN territories t ON t.id = o.territory_id
        JOIN staff_positions sp ON sp.organization_id = o.id AND sp.end_date IS NULL AND sp.title LIKE 'Учитель%'
      WHERE o.kind = 'school' AND (t.id = c.territory_id OR c.territory_id = ANY(t.path)) AND (abs(hashtext(o.id::text)::bigint) % 4) = 0
      ORDER BY o.id, sp.staff_id) p
    -- a teacher of two such schools enters once (bigger regions have some)
    ON CONFLICT (stage_id, staff_id) DO NOTHING`);
  // every school sends its one teacher on; municipalities then the regional stage pick their winner
  await db.execute(sql`UPDATE contest_entries e SET place = 1, result = 'winner', promoted_at = now() FROM contest_stages st WHERE st.id = e.stage_id AND st.level = 'organization'`);
  await promoteDemo(db, 'organization', 'municipal');
  await rankStage(db, 'municipal', true);
  await promoteDemo(db, 'municipal', 'regional');
  await rankStage(db, 'regional', false);
  await promoteDemo(db, 'regional', 'federal');
}

/** Scores a stage by a hash, ranks it (per municipality or overall), marks the winners promoted. */
async function rankStage(db: Db, level: string, perMunicipality: boolean) {
  await db.execute(sql`UPDATE contest_entries e SET score = 60 + abs(hashtext(e.id::text)::bigint) % 40 FROM contest_stages st WHERE st.id = e.stage_id AND st.level = ${level}`);
  await db.execute(sql`WITH ranked AS (
      SELECT e.id, rank() OVER (PARTITION BY e.stage_id, ${perMunicipality ? sql`o.territory_id` : sql`1`} ORDER BY e.score DESC, e.id) AS place
      FROM contest_entries e JOIN organizations o ON o.id = e.organization_id JOIN contest_stages st ON st.id = e.stage_id AND st.level = ${level})
    UPDATE contest_entries e SET place = ranked.place, result = CASE WHEN ranked.place = 1 THEN 'winner' WHEN ranked.place <= 3 THEN 'prize_winner' ELSE 'participant' END,
      promoted_at = CASE WHEN ranked.place = 1 THEN now() END
    FROM ranked WHERE ranked.id = e.id`);
}

/** Entries marked promoted at `from` get their entry at the next stage `to` of the same contest. */
async function promoteDemo(db: Db, from: string, to: string) {
  await db.execute(sql`INSERT INTO contest_entries (stage_id, staff_id, organization_id, promoted_from_id, score)
    SELECT nx.id, e.staff_id, e.organization_id, e.id, e.score FROM contest_entries e
    JOIN contest_stages st ON st.id = e.stage_id AND st.level = ${from}
    JOIN contest_stages nx ON nx.contest_id = st.contest_id AND nx.level = ${to}
    WHERE e.promoted_at IS NOT NULL`);
}
