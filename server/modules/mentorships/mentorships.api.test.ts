import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';

const today = todayIso();
const year = Number(today.slice(0, 4));
const pdf = Buffer.from('%PDF-1.4\n% положение о наставничестве\n%%EOF\n');

describe('mentoring', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient, mentor: TestClient;
  let schoolId: string, teacherId: string, mentorId: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const transition = async (client: TestClient, id: string, action: string, extra: Record<string, unknown> = {}) => {
    const { body } = await client.json(`/api/mentorships/${id}`);
    return post(client, `/api/mentorships/${id}/transition`, { version: body.version, action, ...extra });
  };
  /** A newly hired young mathematics teacher of the demo school. */
  const hireYoungTeacher = async (surname: string) => {
    const { status, body } = await post(school, '/api/staff', {
      surname,
      name: 'Ольга',
      birthDate: `${year - 24}-03-15`,
      professionStartYear: year,
      positions: [{ organizationId: schoolId, title: 'Учитель математики', staffCategory: 'pedagogical', subjects: ['Математика'] }],
    });
    expect(status).toBe(201);
    return body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2, mentor] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2', 'mentor'].map((l) => app!.as(l)));
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    mentorId = (await mentor.json('/api/auth/me')).body.staffId;
  });
  afterAll(async () => app?.close());

  it('counts exactly the people under 35 with at most 3 years in the profession (direct SQL)', async (t) => {
    if (!app) return t.skip();
    const db = app.database.db;
    // stated independently of the server's expression: age by PostgreSQL's age(), experience by subtraction
    const young = sql`s.archived_at IS NULL AND s.birth_date IS NOT NULL AND s.profession_start_year IS NOT NULL
      AND age(current_date, s.birth_date) < interval '35 years' AND extract(year from current_date) - s.profession_start_year <= 3`;
    const [all] = await queryRows<{ n: number; supported: number }>(
      db,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = s.id AND m.status = 'active')
            OR EXISTS (SELECT 1 FROM learning_plans p WHERE p.staff_id = s.id AND p.status IN ('agreed', 'in_progress'))
            OR EXISTS (SELECT 1 FROM tutor_assignments ta WHERE ta.staff_id = s.id))::int AS supported FROM staff s WHERE ${young}`,
    );
    expect(all.n).toBeGreaterThan(20);
    const { status, body } = await region.json('/api/young-specialists?limit=500');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.total).toBe(all.n);
    expect(body.items).toHaveLength(all.n);
    expect(body.summary).toMatchObject({ youngSpecialists: all.n, supported: all.supported, unsupported: all.n - all.supported });
    expect(body.items.every((p: { age: number; yearsInProfession: number }) => p.age < 35 && p.yearsInProfession <= 3)).toBe(true);
    // the split by support adds up and agrees with each row
    const withSupport = (await region.json('/api/young-specialists?support=with&limit=500')).body;
    const without = (await region.json('/api/young-specialists?support=without&limit=500')).body;
    expect(withSupport.total + without.total).toBe(all.n);
    expect(withSupport.total).toBe(all.supported);
    expect(withSupport.items.every((p: { supported: boolean; supportForms: string[] }) => p.supported && p.supportForms.length > 0)).toBe(true);
    expect(without.items.every((p: { supported: boolean; mentorName: string | null }) => !p.supported && p.mentorName === null)).toBe(true);
    // a school's administrator counts their school only
    const [own] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM staff s WHERE ${young} AND s.organization_ids @> ARRAY[${schoolId}]::uuid[]`);
    expect((await school.json('/api/young-specialists?limit=1')).body.total).toBe(own.n);
    // the demo teacher is a young specialist with the demo mentor
    const mine = (await school.json('/api/young-specialists?limit=500')).body.items.find((p: { staffId: string }) => p.staffId === teacherId);
    expect(mine.supportForms).toContain('mentor');
    // a teacher has no such list; another region's organization is not found
    expect((await teacher.json('/api/young-specialists')).status).toBe(403);
    const otherSchool = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    expect((await school.json(`/api/young-specialists?organizationId=${otherSchool}`)).status).toBe(404);
  });

  it('suggests mentors of the same subject with free places, and an administrator confirms one', async (t) => {
    if (!app) return t.skip();
    const newcomer = await hireYoungTeacher('Новикова');
    const find = async (client: TestClient) => {
      let cursor: string | null = null;
      do {
        const { body }: { body: any } = await client.json(`/api/mentorships/suggestions?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        const hit = body.items.find((s: { staffId: string }) => s.staffId === newcomer);
        if (hit) return hit;
        cursor = body.nextCursor;
      } while (cursor);
      return null;
    };
    const suggestion = await find(school);
    expect(suggestion).not.toBeNull();
    expect(suggestion.candidates.length).toBeGreaterThan(0);
    // the school's administrator sees colleagues of the school only, all with a free place and mathematics
    for (const c of suggestion.candidates) {
      expect(c.scope).toBe('organization');
      expect(c.load).toBeLessThan(c.capacity);
      expect(c.subjects).toContain('Математика');
    }
    const demoMentor = suggestion.candidates.find((c: { staffId: string }) => c.staffId === mentorId);
    expect(demoMentor, 'the demo mentor has a free place').toBeTruthy();
    expect(demoMentor.reason).toMatch(/^Тот же предмет \(Математика\); та же организация; свободно мест: 2 из 3/);

    // the municipality sees the same person with candidates ranked organization first
    const muni = await find(municipal);
    const scopes = muni.candidates.map((c: { scope: string }) => c.scope);
    expect(scopes).toEqual([...scopes].sort((a: string, b: string) => (a === b ? 0 : a === 'organization' ? -1 : 1)));

    // a teacher may not take a suggestion; the municipality may propose but not confirm for the school
    expect((await post(teacher, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: newcomer, form: 'experienced_young', confirm: true })).status).toBe(404);

    const { status, body: pair } = await post(school, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: newcomer, form: 'experienced_young', suggestionReason: demoMentor.reason, confirm: true });
    expect(status).toBe(201);
    expect(pair).toMatchObject({ status: 'active', startsOn: today, mentor: { staffId: mentorId }, mentee: { staffId: newcomer }, confirmedBy: expect.any(String) });
    expect(await find(school)).toBeNull();
    // both people's views: the mentor's own pairs and the mentee's card section
    const mine = (await mentor.json('/api/mentorships?mine=true&status=active')).body;
    expect(mine.items.map((p: { mentee: { staffId: string } }) => p.mentee.staffId)).toEqual(expect.arrayContaining([newcomer, teacherId]));
    expect(mine.items.find((p: { id: string }) => p.id === pair.id).myRole).toBe('mentor');
    const card = (await school.json(`/api/mentorships?staffId=${newcomer}`)).body;
    expect(card.items.map((p: { id: string }) => p.id)).toEqual([pair.id]);
    const young = (await school.json('/api/young-specialists?support=with&limit=500')).body.items.find((p: { staffId: string }) => p.staffId === newcomer);
    expect(young.mentorName).toBe(pair.mentor.fullName);
    // the same pair twice is refused; the teacher (neither party) does not see it
    expect((await post(school, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: newcomer, form: 'experienced_young' })).status).toBe(409);
    expect((await teacher.json(`/api/mentorships/${pair.id}`)).status).toBe(404);
    expect((await school2.json(`/api/mentorships/${pair.id}`)).status).toBe(404);
  });

  it('runs a pair: suggested → confirmed by the administrator → active → meetings → completed', async (t) => {
    if (!app) return t.skip();
    // room for the pairs of this test
    expect((await school.json(`/api/mentors/${mentorId}/capacity`, { method: 'PUT', body: JSON.stringify({ capacity: 6 }) })).status).toBe(200);
    const mentee = await hireYoungTeacher('Соколова');
    const future = `${year + 1}-01-11`;
    // proposed by the municipality with a later start: not in effect yet
    const { status, body: proposed } = await post(municipal, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: mentee, form: 'experienced_young', startsOn: future, plan: 'Проектирование уроков' });
    expect(status).toBe(201);
    expect(proposed.status).toBe('suggested');
    expect(proposed.actions).toEqual(expect.arrayContaining(['confirm', 'cancel']));
    const young = () => school.json('/api/young-specialists?support=without&limit=500').then((r) => r.body.items.find((p: { staffId: string }) => p.staffId === mentee));
    expect((await young()).mentorSuggested).toBe(true);
    // the mentor sees it but cannot confirm it or log a meeting yet
    expect((await mentor.json(`/api/mentorships/${proposed.id}`)).body.actions).toEqual([]);
    expect((await transition(mentor, proposed.id, 'confirm')).status).toBe(403);
    expect((await post(mentor, `/api/mentorships/${proposed.id}/meetings`, { heldOn: today, topic: 'Знакомство' })).status).toBe(409);
    expect((await transition(school, proposed.id, 'start')).status).toBe(409);

    const confirmed = await transition(school, proposed.id, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await young()).supported).toBe(false); // confirmed but not started: not yet support
    const started = await transition(mentor, proposed.id, 'start');
    expect(started.body.status).toBe('active');

    // meetings: by the mentor and the mentee's administrator; never in the future
    expect((await post(mentor, `/api/mentorships/${proposed.id}/meetings`, { heldOn: `${year + 2}-01-01`, topic: 'Будущая встреча' })).status).toBe(422);
    expect((await post(mentor, `/api/mentorships/${proposed.id}/meetings`, { heldOn: today, topic: 'Знакомство' })).status).toBe(422); // before the start
    expect((await post(teacher, `/api/mentorships/${proposed.id}/meetings`, { heldOn: today, topic: 'Чужая встреча' })).status).toBe(404);

    // a pair starting today takes meetings
    const other = await hireYoungTeacher('Петрова');
    const second = (await post(school, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: other, form: 'subject', confirm: true })).body;
    expect(second.status).toBe('active');
    const meeting = await post(mentor, `/api/mentorships/${second.id}/meetings`, { heldOn: today, topic: 'Разбор урока', notes: 'Сильные стороны и задачи', durationMinutes: 45 });
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({ heldOn: today, topic: 'Разбор урока', durationMinutes: 45 });
    expect((await mentor.json(`/api/mentorships/${second.id}/meetings`)).body).toHaveLength(1);
    expect((await school.json(`/api/mentorships/${second.id}`)).body).toMatchObject({ meetingCount: 1, lastMeetingOn: today });

    // the plan is edited with a version check
    const { body: current } = await mentor.json(`/api/mentorships/${second.id}`);
    expect((await mentor.json(`/api/mentorships/${second.id}`, { method: 'PATCH', body: JSON.stringify({ version: current.version, plan: 'Открытый урок в марте' }) })).status).toBe(200);
    expect((await mentor.json(`/api/mentorships/${second.id}`, { method: 'PATCH', body: JSON.stringify({ version: current.version, plan: 'Устаревшая правка' }) })).status).toBe(409);

    const done = await transition(mentor, second.id, 'complete', { outcomes: 'Проведён открытый урок' });
    expect(done.body).toMatchObject({ status: 'completed', outcomes: 'Проведён открытый урок', endsOn: today });
    expect((await post(mentor, `/api/mentorships/${second.id}/meetings`, { heldOn: today, topic: 'После завершения' })).status).toBe(409);
    expect((await transition(school, second.id, 'confirm')).status).toBe(409);

    // cancelling needs a reason and the administrator
    expect((await transition(mentor, proposed.id, 'cancel', { reason: 'Не нужно' })).status).toBe(403);
    expect((await transition(school, proposed.id, 'cancel')).status).toBe(422);
    expect((await transition(school, proposed.id, 'cancel', { reason: 'Наставляемый уволился' })).body.status).toBe('cancelled');
  });

  it('keeps a mentor within their capacity', async (t) => {
    if (!app) return t.skip();
    const { body: mentors } = await school.json('/api/mentors?limit=500');
    const me = mentors.items.find((m: { staffId: string }) => m.staffId === mentorId);
    expect(me).toMatchObject({ capacity: 6, free: 6 - me.load });
    const cap = await school.json(`/api/mentors/${mentorId}/capacity`, { method: 'PUT', body: JSON.stringify({ capacity: me.load }) });
    expect(cap.status).toBe(200);
    const mentee = await hireYoungTeacher('Козлова');
    const refused = await post(school, '/api/mentorships', { mentorStaffId: mentorId, menteeStaffId: mentee, form: 'experienced_young', confirm: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/нет свободных мест/);
    // nor is the full mentor suggested
    const { body } = await school.json('/api/mentorships/suggestions?limit=100');
    expect(body.items.flatMap((s: { candidates: { staffId: string }[] }) => s.candidates).some((c: { staffId: string }) => c.staffId === mentorId)).toBe(false);
    expect((await teacher.json(`/api/mentors/${mentorId}/capacity`, { method: 'PUT', body: JSON.stringify({ capacity: 5 }) })).status).toBe(404);
    expect((await school.json(`/api/mentors/${mentorId}/capacity`, { method: 'PUT', body: JSON.stringify({ capacity: 50 }) })).status).toBe(422);
  });

  it('keeps programmes with documents and team mentoring of low-results schools', async (t) => {
    if (!app) return t.skip();
    const created = await post(school, '/api/mentorships/programmes', { organizationId: schoolId, title: 'Программа наставничества на 2026–2028 годы', periodFrom: `${year}-09-01`, periodTo: `${year + 2}-08-31` });
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('kind', 'regulation');
    form.append('title', 'Положение о наставничестве');
    form.append('file', new Blob([new Uint8Array(pdf)]), 'положение.pdf');
    const withDoc = await school.json(`/api/mentorships/programmes/${created.body.id}/documents`, { method: 'POST', body: form });
    expect(withDoc.status).toBe(201);
    const doc = withDoc.body.documents[0];
    expect(doc).toMatchObject({ kind: 'regulation', title: 'Положение о наставничестве', fileName: 'положение.pdf' });
    const file = await teacher.request(`/api/mentorships/programmes/${created.body.id}/documents/${doc.id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await school2.request(`/api/mentorships/programmes/${created.body.id}/documents/${doc.id}`)).status).toBe(404);
    const bad = new FormData();
    bad.append('kind', 'order');
    bad.append('title', 'Приказ');
    bad.append('file', new Blob([new Uint8Array(Buffer.from('MZ not a document'))]), 'приказ.exe');
    expect((await school.json(`/api/mentorships/programmes/${created.body.id}/documents`, { method: 'POST', body: bad })).status).toBe(415);
    const byTeacher = await teacher.json(`/api/mentorships/programmes/${created.body.id}/documents`, { method: 'POST', body: form });
    expect(byTeacher.status, JSON.stringify(byTeacher.body)).toBe(403);
    const listed = (await school.json('/api/mentorships/programmes?limit=500')).body.items.map((p: { id: string }) => p.id);
    expect(listed).toContain(created.body.id);
    expect((await school2.json('/api/mentorships/programmes?limit=500')).body.items.map((p: { id: string }) => p.id)).not.toContain(created.body.id);

    // team mentoring: the demo pairs every low-results school with a strong school of its municipality
    const db = app.database.db;
    const [low] = await queryRows<{ id: string; territory_id: string }>(db, sql`SELECT id, territory_id FROM organizations WHERE low_results_school AND kind = 'school' ORDER BY id LIMIT 1`);
    const teams = (await region.json('/api/team-mentorships?limit=500')).body.items;
    expect(teams.some((x: { menteeOrganization: { id: string } }) => x.menteeOrganization.id === low.id)).toBe(true);
    const [strong] = await queryRows<{ id: string; staff_id: string }>(
      db,
      sql`SELECT o.id, p.staff_id FROM organizations o JOIN staff_positions p ON p.organization_id = o.id AND p.staff_category = 'managerial'
          WHERE o.kind = 'school' AND NOT o.low_results_school AND o.territory_id = ${low.territory_id} ORDER BY o.id, p.staff_id LIMIT 1`,
    );
    const body = { mentorOrganizationId: strong.id, menteeOrganizationId: low.id, mentorTeamStaffIds: [strong.staff_id], startsOn: today, plan: 'Совместный план' };
    expect((await post(school, '/api/team-mentorships', body)).status).toBe(404); // other schools are beyond a school's scope
    expect((await post(region, '/api/team-mentorships', { ...body, menteeOrganizationId: strong.id, mentorOrganizationId: low.id })).status).toBe(422);
    expect((await post(region, '/api/team-mentorships', { ...body, mentorTeamStaffIds: [teacherId] })).status).toBe(422);
    const team = await post(region, '/api/team-mentorships', body);
    expect(team.status).toBe(201);
    expect(team.body.mentorTeam.map((p: { staffId: string }) => p.staffId)).toEqual([strong.staff_id]);
    const done = await region.json(`/api/team-mentorships/${team.body.id}`, { method: 'PATCH', body: JSON.stringify({ version: team.body.version, status: 'completed', outcomes: 'Результаты ВПР выросли' }) });
    expect(done.body).toMatchObject({ status: 'completed', endsOn: today, outcomes: 'Результаты ВПР выросли' });
  });
});
