import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';

const pdf = Buffer.from('%PDF-1.4\n% приказ о назначении ответственного\n%%EOF\n');

describe('documents: workflow, file, parties, evidence links', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let schoolId: string, ministryId: string, instituteId: string, authorityId: string;

  const post = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (client: TestClient, path: string, body: unknown) => client.json(path, { method: 'PATCH', body: JSON.stringify(body) });
  const upload = (client: TestClient, id: string, data: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    return client.json(`/api/documents/${id}/file`, { method: 'PUT', body: form });
  };
  const status = (client: TestClient, doc: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) =>
    post(client, `/api/documents/${doc.id}/status`, { version: doc.version, status: to, ...extra });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    const muni = (await municipal.json('/api/auth/me')).body.roles[0].territoryId;
    const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(app!.database.db, q))[0].id;
    ministryId = await one(sql`SELECT id FROM organizations WHERE kind = 'ministry' ORDER BY id LIMIT 1`);
    instituteId = await one(sql`SELECT id FROM organizations WHERE kind = 'development_institute' ORDER BY id LIMIT 1`);
    authorityId = await one(sql`SELECT id FROM organizations WHERE kind = 'municipal_authority' AND territory_id = ${muni}`);
  });
  afterAll(async () => app?.close());

  it('demo data holds documents at every level, agreements with two parties and linked local acts', async (t) => {
    if (!app) return t.skip();
    const byLevel = await queryRows<{ level: string; kind: string; n: number }>(app.database.db, sql`SELECT level, kind, count(*)::int AS n FROM documents GROUP BY 1, 2`);
    const n = (level: string, kind: string) => byLevel.find((r) => r.level === level && r.kind === kind)?.n ?? 0;
    expect(n('regional', 'order')).toBeGreaterThan(0);
    expect(n('regional', 'agreement')).toBeGreaterThan(0);
    expect(n('municipal', 'order')).toBeGreaterThan(0);
    expect(n('organization', 'local_act')).toBeGreaterThan(0);
    const [{ bad }] = await queryRows<{ bad: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS bad FROM documents d WHERE d.kind = 'agreement' AND (SELECT count(*) FROM document_parties p WHERE p.document_id = d.id) <> 2`,
    );
    expect(bad).toBe(0);
    // the superseded regional order points at the order that replaced it
    const { body } = await region.json('/api/documents?status=superseded&level=regional');
    expect(body.total).toBeGreaterThan(0);
    const old = (await region.json(`/api/documents/${body.items[0].id}`)).body;
    expect(old.supersededBy).toMatchObject({ status: 'in_force' });
    // the school sees its own local act linked to it as evidence
    const acts = (await school.json(`/api/documents?linkedOrganizationId=${schoolId}&kind=local_act`)).body;
    for (const item of acts.items) expect(item.ownerOrganizationId).toBe(schoolId);
  });

  it('a school local act: draft, file, approval rules, in force and locked, visible by hierarchy', async (t) => {
    if (!app) return t.skip();
    const created = await post(school, '/api/documents', { kind: 'local_act', title: 'О назначении ответственного за наставничество', ownerOrganizationId: schoolId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', level: 'organization', canEdit: true, allowedStatuses: ['approved', 'in_force'], file: null });
    let doc = created.body;

    // a text file pretending to be a PDF is refused; a real PDF is stored and read back
    expect((await upload(school, doc.id, Buffer.from('просто текст'), 'акт.pdf')).status).toBeGreaterThanOrEqual(400);
    const uploaded = await upload(school, doc.id, pdf, 'Приказ № 12.pdf');
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.file).toMatchObject({ name: 'Приказ № 12.pdf', mime: 'application/pdf' });
    doc = uploaded.body;
    const file = await teacher.request(`/api/documents/${doc.id}/file`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    // approval needs a number and a date
    const early = await status(school, doc, 'in_force');
    expect(early.status).toBe(422);
    expect(early.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['docDate', 'number']);
    doc = (await patch(school, `/api/documents/${doc.id}`, { version: doc.version, number: '12-о', docDate: '2026-09-01' })).body;
    expect(doc.number).toBe('12-о');
    const inForce = await status(school, doc, 'in_force', { comment: 'Подписан директором' });
    expect(inForce.status).toBe(200);
    doc = inForce.body;
    expect(doc.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['draft', 'in_force']);
    expect(doc.history[1]).toMatchObject({ fromStatus: 'draft', comment: 'Подписан директором' });

    // a document in force is not edited, its file not replaced; a wrong transition is refused
    expect((await patch(school, `/api/documents/${doc.id}`, { version: doc.version, title: 'Другое' })).status).toBe(409);
    expect((await upload(school, doc.id, pdf, 'другой.pdf')).status).toBe(409);
    expect((await status(school, doc, 'approved')).status).toBe(409);
    expect((await patch(school, `/api/documents/${doc.id}`, { version: 1, title: 'Другое' })).status).toBe(409);

    // hierarchy: the teacher and the municipality read it, the other municipality's school does not
    expect((await teacher.json(`/api/documents/${doc.id}`)).body.canEdit).toBe(false);
    expect((await municipal.json(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await school2.json(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await school2.request(`/api/documents/${doc.id}/file`)).status).toBe(404);
    expect((await status(teacher, doc, 'superseded')).status).toBe(403);
    const listed = (await school2.json('/api/documents?limit=500&kind=local_act')).body.items.map((d: { id: string }) => d.id);
    expect(listed).not.toContain(doc.id);

    // the write is audited
    const audit = (await school.json(`/api/audit?entityId=${doc.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['document.create', 'document.file', 'document.update', 'document.status']));
  });

  it('supersedes a document by a newer one and keeps both ends of the link', async (t) => {
    if (!app) return t.skip();
    const make = async (title: string, number: string) => {
      const d = (await post(region, '/api/documents', { kind: 'order', title, number, docDate: '2026-01-15', ownerOrganizationId: ministryId })).body;
      expect(d.level).toBe('regional');
      return (await status(region, d, 'in_force')).body;
    };
    const older = await make('Об утверждении плана мероприятий', '01-1');
    const newer = await make('Об утверждении плана мероприятий (в новой редакции)', '01-2');
    expect((await status(region, older, 'superseded')).status).toBe(422);
    expect((await status(region, older, 'superseded', { supersededById: older.id })).status).toBe(422);
    const done = await status(region, older, 'superseded', { supersededById: newer.id });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'superseded', supersededBy: { id: newer.id }, allowedStatuses: [] });
    expect((await school2.json(`/api/documents/${newer.id}`)).body.supersedes.map((d: { id: string }) => d.id)).toEqual([older.id]);
    // a regional body cannot issue a «municipal» document
    expect((await post(region, '/api/documents', { kind: 'order', title: 'Проверка уровня', ownerOrganizationId: ministryId, level: 'municipal' })).status).toBe(422);
    // nobody issues on behalf of an organization they do not administer
    expect((await post(school, '/api/documents', { kind: 'order', title: 'Чужой приказ', ownerOrganizationId: ministryId })).status).toBe(422);
  });

  it('an agreement needs two parties: registry organizations or free-text ones', async (t) => {
    if (!app) return t.skip();
    const created = await post(region, '/api/documents', {
      kind: 'agreement',
      title: 'Трёхстороннее соглашение о научно-методическом сопровождении',
      number: 'С-7',
      docDate: '2026-03-01',
      ownerOrganizationId: instituteId,
      parties: [{ organizationId: instituteId }],
    });
    expect(created.status).toBe(201);
    const refused = await status(region, created.body, 'approved');
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].field).toBe('parties');
    expect((await patch(region, `/api/documents/${created.body.id}`, { version: created.body.version, parties: [{ name: '' }] })).status).toBe(422);
    const updated = await patch(region, `/api/documents/${created.body.id}`, {
      version: created.body.version,
      parties: [{ organizationId: instituteId }, { organizationId: authorityId }, { name: 'ФГАОУ ДПО «Академия Минпросвещения России»' }],
    });
    expect(updated.body.parties.map((p: { organizationId: string | null }) => p.organizationId)).toEqual([instituteId, authorityId, null]);
    expect((await status(region, updated.body, 'approved')).status).toBe(200);
    // the municipality finds the agreement it is a party of
    const found = (await municipal.json(`/api/documents?linkedOrganizationId=${authorityId}&kind=agreement&limit=500`)).body.items.map((d: { id: string }) => d.id);
    expect(found).toContain(created.body.id);
  });

  it('links a document as evidence to a roadmap activity and to an organization; the activity lists it', async (t) => {
    if (!app) return t.skip();
    const roadmap = await post(school, '/api/roadmaps', {
      title: 'Дорожная карта школы по наставничеству',
      ownerOrganizationId: schoolId,
      level: 'organization',
      periodFrom: 2026,
      periodTo: 2027,
      sections: [{ number: '1', title: 'Организация', activities: [{ number: '1.1', title: 'Назначить ответственного', responsible: [{ text: 'ОО', organizationId: schoolId }], deadline: { text: 'сентябрь 2026 г.' }, expectedResult: 'Локальный акт' }] }],
    });
    expect(roadmap.status).toBe(201);
    const activityId = (await school.json(`/api/roadmaps/${roadmap.body.id}/activities`)).body.items[0].id as string;
    const doc = (await post(school, '/api/documents', { kind: 'local_act', title: 'О назначении ответственного (для связи)', ownerOrganizationId: schoolId })).body;

    const linked = await post(school, `/api/documents/${doc.id}/activity-links`, { activityId, note: 'Исполнение п. 1.1' });
    expect(linked.status).toBe(201);
    expect(linked.body.activityLinks).toMatchObject([{ activityId, number: '1.1', roadmapId: roadmap.body.id, note: 'Исполнение п. 1.1' }]);
    expect((await post(school, `/api/documents/${doc.id}/activity-links`, { activityId })).status).toBe(409);
    // an activity the actor cannot see is refused as a field error, not revealed
    const foreign = await queryRows<{ id: string }>(app.database.db, sql`SELECT a.id FROM roadmap_activities a JOIN roadmaps r ON r.id = a.roadmap_id WHERE r.owner_organization_id <> ${schoolId} AND r.level = 'organization' LIMIT 1`);
    if (foreign[0]) expect((await post(school2, `/api/documents/${doc.id}/activity-links`, { activityId: foreign[0].id })).status).toBe(404);

    const org = await post(school, `/api/documents/${doc.id}/organization-links`, { organizationId: schoolId, purpose: 'Ответственный назначен локальным актом' });
    expect(org.status).toBe(201);
    expect(org.body.organizationLinks).toMatchObject([{ organizationId: schoolId, purpose: 'Ответственный назначен локальным актом' }]);
    expect((await post(school, `/api/documents/${doc.id}/organization-links`, { organizationId: ministryId, purpose: 'х' })).status).toBe(422);

    // the activity card's list: documents linked to it, visible to the reader
    for (const client of [school, municipal, region]) {
      const { body } = await client.json(`/api/documents?activityId=${activityId}`);
      expect(body.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    }

    // unlinking: the writers only
    const linkId = linked.body.activityLinks[0].id;
    expect((await teacher.json(`/api/document-activity-links/${linkId}`, { method: 'DELETE' })).status).toBe(403);
    expect((await school2.json(`/api/document-activity-links/${linkId}`, { method: 'DELETE' })).status).toBe(404);
    const removed = await school.json(`/api/document-activity-links/${linkId}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.body.activityLinks).toEqual([]);
    expect((await school.json(`/api/documents?activityId=${activityId}`)).body.total).toBe(0);
    const orgLink = org.body.organizationLinks[0].id;
    expect((await school.json(`/api/document-organization-links/${orgLink}`, { method: 'DELETE' })).body.organizationLinks).toEqual([]);
  });
});
