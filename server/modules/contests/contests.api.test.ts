import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';

describe('contests of professional skill', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let ministry: string;
  let teacherId: string;
  let colleague: string;
  let otherMuniPerson: string;

  const post = (c: TestClient, path: string, body: unknown) => c.json(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (c: TestClient, path: string, body: unknown) => c.json(path, { method: 'PATCH', body: JSON.stringify(body) });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    const db = app.database.db;
    [{ id: ministry }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'ministry' LIMIT 1`);
    const schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    const school2Id = (await school2.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    [{ id: colleague }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${schoolId}]::uuid[] AND id <> ${teacherId} ORDER BY surname, id LIMIT 1`);
    [{ id: otherMuniPerson }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${school2Id}]::uuid[] ORDER BY surname, id LIMIT 1`);
  });
  afterAll(async () => app?.close());

  it('moves the winners from stage to stage: organization → municipal → regional → federal', async (t) => {
    if (!app) return t.skip();
    const bad = await post(region, '/api/contests', { title: 'Учитель года', year: 2027, organizerOrganizationId: ministry, stages: [{ level: 'regional' }, { level: 'regional' }] });
    expect(bad.status).toBe(422);
    expect((await post(school, '/api/contests', { title: 'Учитель года', year: 2027, organizerOrganizationId: ministry, stages: [{ level: 'regional' }] })).status).toBe(422);
    const created = await post(region, '/api/contests', {
      title: 'Учитель года — 2027',
      year: 2027,
      organizerOrganizationId: ministry,
      // given out of order: kept in the order of levels
      stages: [{ level: 'regional', startsOn: '2027-03-01', endsOn: '2027-03-31' }, { level: 'organization' }, { level: 'federal' }, { level: 'municipal', startsOn: '2027-01-15', endsOn: '2027-02-15' }],
    });
    expect(created.status).toBe(201);
    const stages = created.body.stages as { id: string; level: string }[];
    expect(stages.map((s) => s.level)).toEqual(['organization', 'municipal', 'regional', 'federal']);
    const [orgStage, muniStage, regStage, fedStage] = stages.map((s) => s.id);

    // the school nominates its people to the first stage; not to a later one; the teacher nominates nobody
    const t1 = await post(school, `/api/contest-stages/${orgStage}/entries`, { staffId: teacherId });
    expect(t1.status).toBe(201);
    const c1 = await post(school, `/api/contest-stages/${orgStage}/entries`, { staffId: colleague });
    expect((await post(school, `/api/contest-stages/${orgStage}/entries`, { staffId: teacherId })).status).toBe(409);
    expect((await post(school, `/api/contest-stages/${muniStage}/entries`, { staffId: colleague })).status).toBe(403);
    expect((await post(teacher, `/api/contest-stages/${orgStage}/entries`, { staffId: teacherId })).status).toBe(403);
    expect((await post(school, `/api/contest-stages/${orgStage}/entries`, { staffId: otherMuniPerson })).status).toBe(404);
    const o1 = await post(school2, `/api/contest-stages/${orgStage}/entries`, { staffId: otherMuniPerson });
    expect(o1.status).toBe(201);

    // first-stage entries are read with the person: school2 does not see the teacher
    expect((await school2.json(`/api/contest-stages/${orgStage}/entries`)).body.items.map((e: { staffId: string }) => e.staffId)).toEqual([otherMuniPerson]);

    // results: the school records its own; the winner and the other school's winner move on
    expect((await patch(school2, `/api/contest-entries/${t1.body.id}`, { version: 1, result: 'winner' })).status).toBe(404);
    const w = await patch(school, `/api/contest-entries/${t1.body.id}`, { version: t1.body.version, score: 87.5, place: 1, result: 'winner' });
    expect(w.body).toMatchObject({ score: 87.5, place: 1, result: 'winner' });
    expect((await patch(school, `/api/contest-entries/${t1.body.id}`, { version: t1.body.version, place: 2 })).status).toBe(409);
    await patch(school, `/api/contest-entries/${c1.body.id}`, { version: c1.body.version, score: 60, place: 2, result: 'participant' });
    await patch(school2, `/api/contest-entries/${o1.body.id}`, { version: o1.body.version, score: 90, place: 1, result: 'winner' });

    // the school promotes its winner only; school2 then its own
    expect((await post(school, `/api/contest-stages/${orgStage}/promote`, {})).body).toEqual({ promoted: 1, nextStageId: muniStage });
    expect((await post(school, `/api/contest-stages/${orgStage}/promote`, {})).body.promoted).toBe(0);
    expect((await post(school2, `/api/contest-stages/${orgStage}/promote`, {})).body.promoted).toBe(1);
    const muni = (await region.json(`/api/contest-stages/${muniStage}/entries`)).body.items as { id: string; staffId: string; version: number }[];
    expect(muni.map((e) => e.staffId).sort()).toEqual([teacherId, otherMuniPerson].sort());
    // a promoted winner's result is locked
    expect((await patch(school, `/api/contest-entries/${t1.body.id}`, { version: w.body.version, result: 'participant' })).status).toBe(409);

    // the municipal stage: the municipality records and promotes its own people only; the school cannot
    const tm = muni.find((e) => e.staffId === teacherId)!;
    expect((await patch(school, `/api/contest-entries/${tm.id}`, { version: tm.version, result: 'winner' })).status).toBe(403);
    expect((await patch(municipal, `/api/contest-entries/${tm.id}`, { version: tm.version, result: 'winner', place: 1 })).status).toBe(200);
    const om = muni.find((e) => e.staffId === otherMuniPerson)!;
    expect((await patch(region, `/api/contest-entries/${om.id}`, { version: om.version, result: 'participant' })).status).toBe(200);
    expect((await post(municipal, `/api/contest-stages/${muniStage}/promote`, {})).body.promoted).toBe(1);
    // regional and federal stages are the organizer's
    const reg = (await region.json(`/api/contest-stages/${regStage}/entries`)).body.items as { id: string; staffId: string; version: number }[];
    expect(reg.map((e) => e.staffId)).toEqual([teacherId]);
    expect((await patch(municipal, `/api/contest-entries/${reg[0].id}`, { version: reg[0].version, result: 'winner' })).status).toBe(403);
    expect((await post(municipal, `/api/contest-stages/${regStage}/promote`, {})).status).toBe(403);
    await patch(region, `/api/contest-entries/${reg[0].id}`, { version: reg[0].version, result: 'winner', place: 1, score: 95 });
    expect((await post(region, `/api/contest-stages/${regStage}/promote`, {})).body.promoted).toBe(1);
    expect((await post(region, `/api/contest-stages/${fedStage}/promote`, {})).status).toBe(409);
    // regional results are public within the region: school2 sees the regional winner
    expect((await school2.json(`/api/contest-stages/${regStage}/entries`)).body.items[0]).toMatchObject({ staffId: teacherId, result: 'winner', canEdit: false });
    const card = (await teacher.json(`/api/contests/${created.body.id}`)).body;
    expect(card.stages.map((s: { entries: number; promoted: number }) => [s.entries, s.promoted])).toEqual([[3, 2], [2, 1], [1, 1], [1, 0]]);
    expect(card.canEdit).toBe(false);
  });
});
