import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';

const pdf = Buffer.from('%PDF-1.4\n% протокол заседания\n%%EOF\n');

describe('professional communities', () => {
  let app: TestApp | null;
  let municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let authority: string;
  let schoolId: string;
  let teacherId: string;
  let people: string[];

  const post = (c: TestClient, path: string, body: unknown) => c.json(path, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [municipal, school, teacher, school2] = await Promise.all(['municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    const db = app.database.db;
    const me = (await municipal.json('/api/auth/me')).body;
    [{ id: authority }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'municipal_authority' AND territory_id = ${me.roles[0].territoryId}`);
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    people = (await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${schoolId}]::uuid[] AND id <> ${teacherId} ORDER BY surname, id LIMIT 3`)).map((r) => r.id);
  });
  afterAll(async () => app?.close());

  it('keeps a municipal methodological association with members, a plan and a meeting with its protocol', async (t) => {
    if (!app) return t.skip();
    const wrong = await post(municipal, '/api/communities', { name: 'Площадка', kind: 'networking_platform', level: 'municipal', focus: 'subject', baseOrganizationId: authority });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields[0].message).toContain('методических объединений');
    expect((await post(school2, '/api/communities', { name: 'ММО учителей математики', kind: 'methodological_association', level: 'municipal', baseOrganizationId: authority })).status).toBe(422);
    const created = await post(municipal, '/api/communities', { name: 'ММО учителей математики', kind: 'methodological_association', level: 'municipal', focus: 'subject', subjects: ['Математика'], baseOrganizationId: authority });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await school2.json(`/api/communities/${id}`)).status).toBe(404);

    // the municipality appoints the leader; the teacher joins themself but cannot add others (nor lead)
    const leader = await post(municipal, `/api/communities/${id}/members`, { staffId: people[0], role: 'leader' });
    expect(leader.status).toBe(201);
    expect((await post(teacher, `/api/communities/${id}/members`, { staffId: people[1] })).status).toBe(404);
    expect((await post(teacher, `/api/communities/${id}/members`, { role: 'leader' })).status).toBe(403);
    const self = await post(teacher, `/api/communities/${id}/members`, {});
    expect(self.status).toBe(201);
    expect((await post(teacher, `/api/communities/${id}/members`, {})).status).toBe(409);
    await post(school, `/api/communities/${id}/members`, { staffId: people[1] });
    // the school administrator is not the base organization's: managing members is refused
    expect((await post(school, `/api/communities/${id}/members`, { staffId: people[2], role: 'deputy' })).status).toBe(403);
    const card = (await teacher.json(`/api/communities/${id}`)).body;
    expect(card).toMatchObject({ members: 3, canEdit: false, canManage: false, myMembershipId: self.body.id });
    expect(card.leaderStaffId).toBe(people[0]);

    const plan = await post(municipal, `/api/communities/${id}/plans`, { period: '2026/2027 учебный год', title: 'План работы ММО', items: ['Заседание 1: анализ ВПР', 'Открытые уроки'], approvedOn: '2026-09-01' });
    expect(plan.status).toBe(201);
    expect((await post(teacher, `/api/communities/${id}/plans`, { period: '2026', title: 'План', items: ['x'] })).status).toBe(403);
    expect((await teacher.json(`/api/communities/${id}/plans`)).body.items[0].items).toHaveLength(2);

    // a meeting with a protocol: participants must be members
    const meeting = (participants: string[], file = true) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ heldAt: '2026-10-15T15:00:00+03:00', topic: 'Анализ результатов ВПР по математике', format: 'in_person', place: 'МБОУ СОШ № 1', decisions: 'Провести практикум', protocolNumber: '1' })) form.append(k, v);
      for (const p of participants) form.append('participantIds', p);
      if (file) form.append('protocol', new Blob([new Uint8Array(pdf)]), 'протокол №1.pdf');
      return form;
    };
    expect((await municipal.json(`/api/communities/${id}/meetings`, { method: 'POST', body: meeting([people[2]]) })).status).toBe(422);
    expect((await teacher.request(`/api/communities/${id}/meetings`, { method: 'POST', body: meeting([teacherId]) })).status).toBe(403);
    const m = await municipal.json(`/api/communities/${id}/meetings`, { method: 'POST', body: meeting([teacherId, people[0]]) });
    expect(m.status).toBe(201);
    expect(m.body.protocolFiles[0]).toMatchObject({ name: 'протокол №1.pdf', mime: 'application/pdf' });
    expect(m.body.heldAt).toBe('2026-10-15T12:00:00.000Z');
    // the leader records the next meeting themself (as a leader, not an administrator): via the leader's membership
    const file = await teacher.request(`/api/community-meetings/${m.body.id}/files/${m.body.protocolFiles[0].id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await school2.request(`/api/community-meetings/${m.body.id}/files/${m.body.protocolFiles[0].id}`)).status).toBe(404);

    // members' participation
    const members = (await teacher.json(`/api/communities/${id}/members`)).body;
    expect(members.meetings).toBe(1);
    const attended = Object.fromEntries(members.items.map((x: { staffId: string; meetingsAttended: number }) => [x.staffId, x.meetingsAttended]));
    expect(attended).toEqual({ [people[0]]: 1, [teacherId]: 1, [people[1]]: 0 });

    // the teacher leaves; then cannot be a participant
    expect((await teacher.json(`/api/community-members/${self.body.id}`, { method: 'PATCH', body: JSON.stringify({ leave: true }) })).body.leftOn).not.toBeNull();
    expect((await municipal.json(`/api/communities/${id}/meetings`, { method: 'POST', body: meeting([teacherId], false) })).status).toBe(422);
    const mine = (await teacher.json('/api/communities?mine=true')).body.items.map((c: { id: string }) => c.id);
    expect(mine).not.toContain(id);
    expect((await school2.json('/api/communities?limit=500')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });
});
