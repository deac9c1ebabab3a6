import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { writeRoadmapDocx, writeRoadmapXlsx } from './roadmap-docx.js';
import { readRoadmapDocx, type ParsedSection } from './roadmap-reader.js';

const samples = path.resolve(process.cwd(), '../shared/samples');
const sample = (name: string) => fs.readFileSync(path.join(samples, name));
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

interface KeyActivity {
  number: string;
  title: string;
  responsible: string;
  deadline: string;
  result: string;
}
const answerKey = (name: string) => JSON.parse(sample(name).toString('utf8')) as { title: string; sections: { number: string; title: string; activities: KeyActivity[] }[] };

type Preview = { title: string; level: string; sections: { number: string; title: string; activities: any[] }[]; warnings: string[]; comparison: any; saved: { roadmapId: string; revisionNumber: number } | null };
const activitiesOf = (p: Preview) => p.sections.flatMap((s) => s.activities);
/** The answer key's fields of each activity, whitespace-normalized. */
const asKey = (p: Preview) =>
  activitiesOf(p).map((a) => ({ number: a.number, title: norm(a.title), responsible: norm(a.responsibleText), deadline: norm(a.deadline.text), result: norm(a.expectedResult) }));
const keyActivities = (name: string) =>
  answerKey(name).sections.flatMap((s) => s.activities.map((a) => ({ number: a.number, title: norm(a.title), responsible: norm(a.responsible), deadline: norm(a.deadline), result: norm(a.result) })));

async function importFile(client: TestClient, data: Buffer, name: string, query = 'dryRun=true') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  return client.json<Preview & { error?: { code: string; message: string } }>(`/api/roadmaps/import?${query}`, { method: 'POST', body: form });
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% отчёт об исполнении\n%%EOF\n');

async function report(client: TestClient, activityId: string, fields: Record<string, string>, files: [Buffer, string][] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [data, name] of files) form.append('files', new Blob([new Uint8Array(data)]), name);
  return client.json(`/api/roadmap-activities/${activityId}/reports`, { method: 'POST', body: form });
}

describe('roadmaps', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let orgs: { ministry: string; institute: string; cnppm: string; authorities: Map<string, string>; services: Map<string, string>; muni1: string; muni2: string; school2Org: string };
  let regionalId: string;

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    const db = app.database.db;
    const rows = await queryRows<{ id: string; kind: string; territory_id: string }>(db, sql`SELECT id, kind, territory_id FROM organizations WHERE kind NOT IN ('school', 'kindergarten', 'additional_education')`);
    const one = (kind: string) => rows.find((r) => r.kind === kind)!.id;
    const [{ territory_id: muni1 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT r.territory_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'municipal'`);
    const [{ organization_id: school2Org }] = await queryRows<{ organization_id: string }>(db, sql`SELECT r.organization_id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.login = 'school2'`);
    const [{ territory_id: muni2 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT territory_id FROM organizations WHERE id = ${school2Org}`);
    const byTerritory = (kind: string) => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.territory_id, r.id]));
    orgs = {
      ministry: one('ministry'),
      institute: one('development_institute'),
      cnppm: one('cnppm'),
      authorities: byTerritory('municipal_authority'),
      services: byTerritory('methodological_service'),
      muni1,
      muni2,
      school2Org,
    };
    // the demo region's own roadmap and its cascade (demo-roadmaps.ts): the checks below count only what they make
    demo = new Set((await queryRows<{ id: string }>(db, sql`SELECT id FROM roadmaps`)).map((r) => r.id));
    demoOccurrenceAudits = await auditActions(region, 'roadmap_occurrence');
  });
  afterAll(async () => app?.close());
  let demo: Set<string>;
  let demoOccurrenceAudits: string[];
  const ours = (ids: string[]) => ids.filter((id) => !demo.has(id));
  const auditActions = async (c: TestClient, entity: string) => (await c.json(`/api/audit?entity=${entity}&limit=200`)).body.items.map((e: { action: string }) => e.action) as string[];

  it('previews the sample roadmaps exactly as their answer keys and saves nothing', async (t) => {
    if (!app) return t.skip();
    for (const [doc, key, client] of [
      ['roadmap-000.docx', 'roadmap-000.json', region],
      ['roadmap-002.docx', 'roadmap-002.json', municipal],
    ] as const) {
      const { status, body } = await importFile(client, sample(doc), doc);
      expect(status, doc).toBe(200);
      expect(norm(body.title)).toBe(norm(answerKey(key).title));
      expect(body.sections.map((s) => [s.number, s.title])).toEqual(answerKey(key).sections.map((s) => [s.number, s.title]));
      expect(asKey(body)).toEqual(keyActivities(key));
      for (const a of activitiesOf(body)) {
        expect(a.deadline.kind, `${doc} ${a.number} «${a.deadline.text}»`).not.toBe('unknown');
        expect(a.deadline.occurrences.every((o: { from: string; to: string }) => o.from <= o.to && o.from >= '2021-01-01' && o.to <= '2024-12-31')).toBe(true);
      }
      expect(body.saved).toBeNull();
    }
    expect((await region.json('/api/roadmaps')).body.total).toBe(demo.size);
  });

  it('links executors to the organizations of the demo region', async (t) => {
    if (!app) return t.skip();
    const regional = (await importFile(region, sample('roadmap-000.docx'), 'roadmap-000.docx')).body;
    const by = (n: string) => activitiesOf(regional).find((a) => a.number === n);
    const linked = (n: string) => by(n).responsible.map((e: { text: string; organizationId: string | null }) => [e.text, e.organizationId]);
    expect(regional.level).toBe('regional');
    // defined in the document: «Министерство образования и науки Пермского края (далее – Министерство)»
    expect(linked('1.2')).toEqual([['Министерство', orgs.ministry]]);
    expect(linked('1.3')[1][1]).toBe(orgs.institute);
    // «Структурное подразделение … ИРО ПК - Центр непрерывного повышения профессионального мастерства…» is the ЦНППМ
    expect(linked('2.2')[1][1]).toBe(orgs.cnppm);
    // «МОУО» in a regional roadmap is every municipality's education authority
    expect(new Set(linked('2.4').map(([, id]: [string, string]) => id))).toEqual(new Set(orgs.authorities.values()));
    expect(linked('2.4').every(([text]: [string]) => text === 'МОУО')).toBe(true);
    // «ОО» is a group of organizations; the unknown «ЦОПМКП» stays text and is reported
    expect(by('2.9').responsible.find((e: { text: string }) => e.text === 'ОО')).toMatchObject({ organizationId: null, match: 'group', kinds: expect.arrayContaining(['school']) });
    expect(by('2.6').responsible.find((e: { text: string }) => e.text === 'ЦОПМКП')).toMatchObject({ organizationId: null, match: null });
    expect(regional.warnings.some((w) => w.includes('«ЦОПМКП»'))).toBe(true);

    const municipalPreview = (await importFile(municipal, sample('roadmap-002.docx'), 'roadmap-002.docx')).body;
    const m = (n: string) => activitiesOf(municipalPreview).find((a) => a.number === n).responsible;
    expect(municipalPreview.level).toBe('municipal');
    expect(m('1.1')).toMatchObject([{ text: 'МОУО', organizationId: orgs.authorities.get(orgs.muni1) }]);
    expect(m('2.6')).toMatchObject([{ text: 'ММС', organizationId: orgs.services.get(orgs.muni1) }]);
    expect(m('3.4')).toMatchObject([{ text: 'Управление образования администрации ЛГО', organizationId: orgs.authorities.get(orgs.muni1) }]);
  });

  it('reads pasted text and an XLSX rendering to the same activities as the DOCX', async (t) => {
    if (!app) return t.skip();
    const text = sample('perm-krai-roadmap-2021.txt').toString('utf8');
    const pasted = await region.json<Preview>('/api/roadmaps/import?dryRun=true', { method: 'POST', body: JSON.stringify({ text }) });
    expect(pasted.status).toBe(200);
    expect(asKey(pasted.body)).toEqual(keyActivities('roadmap-000.json'));

    const parsed = await readRoadmapDocx(sample('roadmap-000.docx'));
    const xlsx = await writeRoadmapXlsx({ title: parsed.title!, columns: parsed.columns, sections: parsed.sections });
    const fromXlsx = await importFile(region, xlsx, 'roadmap-000.xlsx');
    expect(fromXlsx.status).toBe(200);
    expect(asKey(fromXlsx.body)).toEqual(keyActivities('roadmap-000.json'));
  });

  it('refuses what is not a roadmap with a clear message and saves nothing', async (t) => {
    if (!app) return t.skip();
    const old = await importFile(region, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'план.doc');
    expect(old.status).toBe(415);
    expect(old.body.error!.message).toMatch(/\.docx/);
    const letter = await writeRoadmapDocx({ title: 'Письмо', sections: [] });
    const noTable = await importFile(region, letter, 'letter.docx');
    expect(noTable.status).toBe(422);
    expect(noTable.body.error!.code).toBe('bad_roadmap');
    expect((await region.json('/api/roadmaps/import?dryRun=true', { method: 'POST', body: JSON.stringify({ text: '' }) })).status).toBe(422);
    expect((await teacher.json('/api/roadmaps/import?dryRun=true', { method: 'POST', body: JSON.stringify({ text: 'x' }) })).status).toBe(403);
    expect((await region.json('/api/roadmaps')).body.total).toBe(demo.size);
  });

  it('saves a roadmap; its DOCX export re-imports to the same activities, XLSX export carries the status', async (t) => {
    if (!app) return t.skip();
    const saved = await importFile(region, sample('roadmap-000.docx'), 'roadmap-000.docx', '');
    expect(saved.status).toBe(201);
    regionalId = saved.body.saved!.roadmapId;
    const card = (await region.json(`/api/roadmaps/${regionalId}`)).body;
    expect(card).toMatchObject({ level: 'regional', ownerOrganizationId: orgs.ministry, periodFrom: 2021, periodTo: 2024, revisionNumber: 1, activityCount: 18, canEdit: true });
    expect(card.revisions).toMatchObject([{ number: 1, kind: 'initial', sourceFileName: 'roadmap-000.docx', added: 18 }]);

    const docx = await region.request(`/api/roadmaps/${regionalId}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const again = await importFile(region, Buffer.from(await docx.arrayBuffer()), 'export.docx');
    expect(norm(again.body.title)).toBe(norm(answerKey('roadmap-000.json').title));
    expect(asKey(again.body)).toEqual(keyActivities('roadmap-000.json'));

    const xlsx = await region.request(`/api/roadmaps/${regionalId}/export.xlsx?withStatus=true`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('Статус исполнения');
    expect(cells).toContain('Просрочено'); // 2021 dates are long past
    const fromXlsx = await importFile(region, Buffer.from(await (await region.request(`/api/roadmaps/${regionalId}/export.xlsx`)).arrayBuffer()), 'export.xlsx');
    expect(asKey(fromXlsx.body)).toEqual(keyActivities('roadmap-000.json'));
  });

  it('lists activities with filters and keyset paging, and gives the timeline', async (t) => {
    if (!app) return t.skip();
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: any } = await region.json(`/api/roadmaps/${regionalId}/activities?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...body.items);
      cursor = body.nextCursor;
      expect(body.total).toBe(18);
    } while (cursor);
    expect(all.map((a) => a.number)).toEqual(keyActivities('roadmap-000.json').map((a) => a.number));
    const card = (await region.json(`/api/roadmaps/${regionalId}`)).body;
    const section3 = card.sections.find((s: { number: string }) => s.number === '3');
    expect((await region.json(`/api/roadmaps/${regionalId}/activities?sectionId=${section3.id}`)).body.items.map((a: any) => a.number)).toEqual(['3.1', '3.2', '3.3']);
    const ofCnppm = (await region.json(`/api/roadmaps/${regionalId}/activities?organizationId=${orgs.cnppm}`)).body.items.map((a: any) => a.number);
    expect(ofCnppm).toEqual(['2.2']);
    const ofAuthority = (await region.json(`/api/roadmaps/${regionalId}/activities?organizationId=${orgs.authorities.get(orgs.muni1)}`)).body.items.map((a: any) => a.number);
    expect(ofAuthority).toEqual(['1.4', '1.5', '2.4', '2.6', '2.7', '2.8', '2.9', '3.2']);
    // a school is addressed through the group «ОО»
    const [{ id: aSchool }] = await queryRows<{ id: string }>(app!.database.db, sql`SELECT id FROM organizations WHERE kind = 'school' LIMIT 1`);
    expect((await region.json(`/api/roadmaps/${regionalId}/activities?organizationId=${aSchool}`)).body.items.map((a: any) => a.number)).toEqual(['1.4', '1.5', '2.9']);
    const in2023 = (await region.json(`/api/roadmaps/${regionalId}/activities?year=2023&limit=100`)).body.items;
    expect(in2023.map((a: any) => a.number)).not.toContain('1.1'); // «25 июля 2021 г.»
    expect(in2023.every((a: any) => a.occurrences.every((o: any) => o.from <= '2023-12-31' && o.to >= '2023-01-01'))).toBe(true);
    expect((await region.json(`/api/roadmaps/${regionalId}/activities?status=overdue&limit=100`)).body.total).toBe(all.filter((a) => a.status === 'overdue').length);
    expect((await region.json(`/api/roadmaps/${regionalId}/activities?status=done`)).body.total).toBe(0);

    const timeline = (await region.json(`/api/roadmaps/${regionalId}/timeline?year=2022`)).body;
    expect(timeline).toMatchObject({ from: '2022-01-01', to: '2022-12-31' });
    expect(timeline.sections.map((s: any) => s.number)).toEqual(['1', '2', '3']);
    const a36 = timeline.sections[2].activities.find((a: any) => a.number === '3.1'); // ежегодно (август-сентябрь)
    expect(a36.occurrences.map((o: any) => [o.from, o.to])).toEqual([['2022-08-01', '2022-09-30']]);
  });

  let childRoadmapId: string;
  let child24: string;

  it('cascades a municipal roadmap, takes a report with a file from the municipality and rolls it up', async (t) => {
    if (!app) return t.skip();
    const authority = orgs.authorities.get(orgs.muni1)!;
    // schools do not even see the authority; the school's own organization is not a municipal owner
    expect((await school2.json(`/api/roadmaps/${regionalId}/cascade`, { method: 'POST', body: JSON.stringify({ ownerOrganizationId: authority }) })).status).toBe(422);
    expect((await school.json(`/api/roadmaps/${regionalId}/cascade`, { method: 'POST', body: JSON.stringify({ ownerOrganizationId: authority }) })).status).toBe(422);
    expect((await teacher.json(`/api/roadmaps/${regionalId}/cascade`, { method: 'POST', body: JSON.stringify({ ownerOrganizationId: authority }) })).status).toBe(403);
    const created = await municipal.json(`/api/roadmaps/${regionalId}/cascade`, { method: 'POST', body: JSON.stringify({ ownerOrganizationId: authority }) });
    expect(created.status).toBe(201);
    childRoadmapId = created.body.id;
    expect(created.body).toMatchObject({ level: 'municipal', parentRoadmapId: regionalId, territoryId: orgs.muni1, ownerOrganizationId: authority, activityCount: 8 });
    expect((await municipal.json(`/api/roadmaps/${regionalId}/cascade`, { method: 'POST', body: JSON.stringify({ ownerOrganizationId: authority }) })).status).toBe(409);

    const items = (await municipal.json(`/api/roadmaps/${childRoadmapId}/activities`)).body.items;
    expect(items.map((a: any) => a.number)).toEqual(['1.4', '1.5', '2.4', '2.6', '2.7', '2.8', '2.9', '3.2']);
    const mirrored = items.find((a: any) => a.number === '2.4');
    child24 = mirrored.id;
    expect(mirrored.responsible).toMatchObject([{ text: 'МОУО', organizationId: authority }]);
    expect(mirrored.deadline.text).toBe('Сентябрь 2021 г.');
    const parent24 = (await region.json(`/api/roadmaps/${regionalId}/activities?q=2.4`)).body.items[0];
    expect(mirrored.parentActivityId).toBe(parent24.id);

    // others may not report on it; the municipality's administrator may
    expect((await school.json(`/api/roadmap-activities/${child24}`)).status).toBe(200);
    expect((await report(school, child24, { text: 'Отчёт школы' })).status).toBe(403);
    expect((await report(teacher, child24, { text: 'Отчёт учителя' })).status).toBe(403);
    const filed = await report(municipal, child24, { text: 'Положение утверждено приказом УО', completes: 'true', links: 'https://example.ru/prikaz-15.pdf\nПриказ от 10.09.2021 № 15' }, [[pdf, 'приказ.pdf']]);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ organizationId: authority, completes: true, links: ['https://example.ru/prikaz-15.pdf', 'Приказ от 10.09.2021 № 15'], files: [{ name: 'приказ.pdf', mime: 'application/pdf', size: pdf.length }] });
    const download = await municipal.request(`/api/progress-reports/${filed.body.id}/files/${filed.body.files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const card = (await municipal.json(`/api/roadmap-activities/${child24}`)).body;
    expect(card.occurrences).toMatchObject([{ from: '2021-09-01', to: '2021-09-30', status: 'done' }]);
    expect(card.reports).toHaveLength(1);
    expect(card.parent).toMatchObject({ activityId: parent24.id, roadmapId: regionalId });
    expect(card.reportingOrganizations.map((o: any) => o.id)).toContain(authority);

    const rollup = (await region.json(`/api/roadmaps/${regionalId}/rollup`)).body;
    expect(rollup.municipalities).toHaveLength(3);
    const cell = rollup.activities.find((a: any) => a.number === '2.4').cells.find((c: any) => c.territoryId === orgs.muni1);
    expect(cell).toMatchObject({ childActivityId: child24, childRoadmapId, status: 'done', total: 1, done: 1, reports: 1 });
    const other = rollup.activities.find((a: any) => a.number === '2.4').cells.find((c: any) => c.territoryId === orgs.muni2);
    expect(other).toMatchObject({ childActivityId: null, status: 'overdue', reports: 0 });
    // the municipality sees only its own column of the regional roll-up
    const own = (await municipal.json(`/api/roadmaps/${regionalId}/rollup`)).body;
    expect(own.municipalities.map((m: any) => m.territoryId)).toEqual([orgs.muni1]);
    expect((await region.json(`/api/roadmap-activities/${parent24.id}`)).body.children).toMatchObject([{ activityId: child24, territoryId: orgs.muni1, status: 'done' }]);

    // school2 (another municipality) sees nothing of municipality 1's roadmap
    for (const p of [`/api/roadmaps/${childRoadmapId}`, `/api/roadmaps/${childRoadmapId}/activities`, `/api/roadmap-activities/${child24}`, `/api/progress-reports/${filed.body.id}/files/${filed.body.files[0].id}`]) {
      const res = await school2.request(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('Положение утверждено');
    }
    expect((await report(school2, child24, { text: 'чужой отчёт' })).status).toBe(404);
    expect(ours((await school2.json('/api/roadmaps')).body.items.map((r: any) => r.id))).toEqual([regionalId]);
  });

  it('shows each organization its deadlines, once, and the overdue ones for the login banner', async (t) => {
    if (!app) return t.skip();
    const mine = (await municipal.json('/api/roadmap-deadlines?status=all&limit=500')).body;
    const authority = orgs.authorities.get(orgs.muni1)!;
    expect(mine.items.every((d: any) => d.organizationId === authority)).toBe(true);
    // the regional activities mirrored in the municipal roadmap are listed from there only
    expect(new Set(ours(mine.items.map((d: any) => d.roadmapId)))).toEqual(new Set([childRoadmapId]));
    expect(mine.items.find((d: any) => d.activityId === child24)).toMatchObject({ status: 'done', from: '2021-09-01', to: '2021-09-30' });
    const banner = (await municipal.json('/api/roadmap-deadlines/summary')).body;
    expect(banner.overdue).toBe(mine.items.filter((d: any) => d.status === 'overdue').length);
    expect(banner.items.length).toBe(Math.min(5, banner.overdue));
    // a municipality that has not cascaded sees the regional activities addressed to its authority
    const other = (await region.json(`/api/roadmap-deadlines?organizationId=${orgs.authorities.get(orgs.muni2)}&status=all&limit=500`)).body;
    expect(new Set(ours(other.items.map((d: any) => d.roadmapId)))).toEqual(new Set([regionalId]));
    expect((await school2.json(`/api/roadmap-deadlines?organizationId=${authority}`)).status).toBe(404);
    // the ministry's deadlines are the regional administrator's
    const ministry = (await region.json('/api/roadmap-deadlines?status=overdue&limit=1')).body;
    expect(ministry.total).toBeGreaterThan(0);
    expect(ministry.items[0].organizationId).toBe(orgs.ministry);
  });

  it('imports an amended document as a new revision and lists exactly what changed; reports stay', async (t) => {
    if (!app) return t.skip();
    const activities = (await region.json(`/api/roadmaps/${regionalId}/activities?limit=100`)).body.items;
    const a25 = activities.find((a: any) => a.number === '2.5');
    expect((await report(region, a25.id, { text: 'Исполнено Министерством', completes: 'true' })).status).toBe(201);

    const key = answerKey('roadmap-000.json');
    const sections: ParsedSection[] = key.sections.map((s) => ({
      number: s.number,
      title: s.title,
      activities: s.activities
        .filter((a) => a.number !== '1.6')
        .map((a) => ({ number: a.number, group: null, title: a.title, responsibleText: a.responsible, coExecutorsText: null, deadlineText: a.number === '2.3' ? '1 октября 2021 г.' : a.deadline, expectedResult: a.result })),
    }));
    sections[2].activities.push({ number: '3.4', group: null, title: 'Публикация ежегодного отчёта о реализации Плана', responsibleText: 'Министерство', coExecutorsText: null, deadlineText: 'ежегодно (декабрь)', expectedResult: 'Отчёт на сайте Министерства' });
    const amended = await writeRoadmapDocx({ title: key.title, approvedBy: 'УТВЕРЖДЕН приказом Министерства от 15.03.2022 № 26-01-06-300 (в редакции изменений)', sections });

    const preview = await importFile(region, amended, 'изменения.docx', `dryRun=true&roadmapId=${regionalId}`);
    expect(preview.status).toBe(200);
    const summary = (c: any) => ({ added: c.added.map((a: any) => a.number), removed: c.removed.map((a: any) => a.number), changed: c.changed.map((a: any) => [a.number, a.changes.map((x: any) => x.field)]) });
    expect(summary(preview.body.comparison)).toEqual({ added: ['3.4'], removed: ['1.6'], changed: [['2.3', ['deadline']]] });
    expect((await region.json(`/api/roadmaps/${regionalId}`)).body.revisionNumber).toBe(1);

    // only the owner's administrators amend it
    expect((await importFile(municipal, amended, 'изменения.docx', `roadmapId=${regionalId}`)).status).toBe(403);
    expect((await importFile(school2, amended, 'изменения.docx', `roadmapId=${childRoadmapId}`)).status).toBe(404);
    const saved = await importFile(region, amended, 'изменения.docx', `roadmapId=${regionalId}`);
    expect(saved.status).toBe(201);
    expect(saved.body.saved).toEqual({ roadmapId: regionalId, revisionNumber: 2 });

    const cmp = (await region.json(`/api/roadmaps/${regionalId}/compare`)).body;
    expect(summary(cmp)).toEqual({ added: ['3.4'], removed: ['1.6'], changed: [['2.3', ['deadline']]] });
    expect(cmp.changed[0].changes[0]).toEqual({ field: 'deadline', before: '15 сентября 2021 г.', after: '1 октября 2021 г.' });
    expect(cmp).toMatchObject({ from: { number: 1 }, to: { number: 2, approvedBy: expect.stringContaining('26-01-06-300') } });

    const card = (await region.json(`/api/roadmaps/${regionalId}`)).body;
    expect(card.revisions.map((r: any) => [r.number, r.kind, r.added, r.removed, r.changed])).toEqual([
      [2, 'amendment', 1, 1, 1],
      [1, 'initial', 18, 0, 0],
    ]);
    expect(card.activityCount).toBe(18);
    // the same activities keep their ids, reports and cascaded children
    const after = (await region.json(`/api/roadmaps/${regionalId}/activities?limit=100`)).body.items;
    expect(after.find((a: any) => a.number === '2.5')).toMatchObject({ id: a25.id, reportCount: 1, status: 'done' });
    const a23 = after.find((a: any) => a.number === '2.3');
    expect(a23.id).toBe(activities.find((a: any) => a.number === '2.3').id);
    expect(a23.occurrences.map((o: any) => o.to)).toEqual(['2021-10-01']);
    expect((await municipal.json(`/api/roadmap-activities/${child24}`)).body.parent.activityId).toBe(activities.find((a: any) => a.number === '2.4').id);
    const removed = (await region.json(`/api/roadmap-activities/${activities.find((a: any) => a.number === '1.6').id}`)).body;
    expect(removed.removed).toBe(true);
    expect(removed.history.map((h: any) => [h.revisionNumber, h.change])).toEqual([
      [1, 'added'],
      [2, 'removed'],
    ]);
    expect((await region.json(`/api/roadmap-activities/${a23.id}`)).body.history.map((h: any) => h.change)).toEqual(['added', 'changed']);
    // a stale preview cannot overwrite the newer revision
    expect((await importFile(region, amended, 'изменения.docx', `roadmapId=${regionalId}&version=1`)).status).toBe(409);
  });

  it('saves an edited preview: a corrected responsible, typed control dates; refuses foreign organizations', async (t) => {
    if (!app) return t.skip();
    const preview = (await importFile(municipal, sample('roadmap-002.docx'), 'roadmap-002.docx')).body as any;
    const a26 = preview.sections[1].activities.find((a: any) => a.number === '2.6');
    a26.responsible = [{ text: 'ММС', organizationId: orgs.authorities.get(orgs.muni1) }];
    const a27 = preview.sections[1].activities.find((a: any) => a.number === '2.7'); // «По плану МО ПК»
    a27.deadline.occurrences = [{ from: '2022-03-01', to: '2022-03-31' }];
    const body = { ...preview, ownerOrganizationId: preview.ownerOrganizationId };
    const foreign = structuredClone(body);
    foreign.sections[0].activities[0].responsible[0].organizationId = orgs.school2Org;
    const refused = await municipal.json('/api/roadmaps', { method: 'POST', body: JSON.stringify(foreign) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].field).toBe('sections.0.activities.0.responsible.0.organizationId');

    const created = await municipal.json('/api/roadmaps', { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ level: 'municipal', territoryId: orgs.muni1, activityCount: 15 });
    const items = (await municipal.json(`/api/roadmaps/${created.body.id}/activities?limit=100`)).body.items;
    expect(items.find((a: any) => a.number === '2.6').responsible).toMatchObject([{ text: 'ММС', organizationId: orgs.authorities.get(orgs.muni1) }]);
    expect(items.find((a: any) => a.number === '2.7')).toMatchObject({ deadline: { manual: true }, occurrences: [{ from: '2022-03-01', to: '2022-03-31' }] });
    // the region reads the municipal roadmap, the other municipality does not
    expect((await region.json(`/api/roadmaps/${created.body.id}`)).status).toBe(200);
    expect((await school2.json(`/api/roadmaps/${created.body.id}`)).status).toBe(404);
  });

  it('marks control dates and edits roadmaps with versions; parses deadlines on demand', async (t) => {
    if (!app) return t.skip();
    const a = (await region.json(`/api/roadmaps/${regionalId}/activities?q=1.1`)).body.items[0];
    const occ = a.occurrences[0];
    expect((await municipal.json(`/api/roadmap-occurrences/${occ.id}`, { method: 'PATCH', body: JSON.stringify({ version: occ.version, status: 'done' }) })).status).toBe(403);
    expect((await school2.json(`/api/roadmap-occurrences/${occ.id}`, { method: 'PATCH', body: JSON.stringify({ version: occ.version, status: 'done' }) })).status).toBe(403);
    const marked = await region.json(`/api/roadmap-occurrences/${occ.id}`, { method: 'PATCH', body: JSON.stringify({ version: occ.version, status: 'not_applicable', note: 'Концепция утверждена ранее' }) });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ status: 'not_applicable', statusNote: 'Концепция утверждена ранее', version: occ.version + 1 });
    expect((await region.json(`/api/roadmap-occurrences/${occ.id}`, { method: 'PATCH', body: JSON.stringify({ version: occ.version, status: null }) })).status).toBe(409);

    const card = (await region.json(`/api/roadmaps/${regionalId}`)).body;
    expect(card.statusCounts.not_applicable).toBe(1);
    const renamed = await region.json(`/api/roadmaps/${regionalId}`, { method: 'PATCH', body: JSON.stringify({ version: card.version, approvedBy: 'УТВЕРЖДЕН приказом от 08.06.2021 № 26-01-06-679' }) });
    expect(renamed.status).toBe(200);
    expect(renamed.body.approvedBy).toContain('26-01-06-679');
    expect((await region.json(`/api/roadmaps/${regionalId}`, { method: 'PATCH', body: JSON.stringify({ version: card.version, title: 'x' }) })).status).toBe(409);
    expect((await municipal.json(`/api/roadmaps/${regionalId}`, { method: 'PATCH', body: JSON.stringify({ version: renamed.body.version, title: 'x' }) })).status).toBe(403);

    const parsed = await teacher.json('/api/deadlines/parse', { method: 'POST', body: JSON.stringify({ text: 'До 20.08.2021', period: { from: 2021, to: 2024 } }) });
    expect(parsed.body).toEqual({ text: 'До 20.08.2021', kind: 'date', occurrences: [{ from: '2021-01-01', to: '2021-08-20' }] });
    const yearly = await teacher.json('/api/deadlines/parse', { method: 'POST', body: JSON.stringify({ text: 'май, ноябрь ежегодно', period: { from: 2023, to: 2024 } }) });
    expect(yearly.body.kind).toBe('recurring');
    expect(yearly.body.occurrences).toHaveLength(4);
    expect((await teacher.json('/api/deadlines/parse', { method: 'POST', body: JSON.stringify({ text: 'x', period: { from: 2024, to: 2021 } }) })).status).toBe(422);
  });

  it('rejects evidence files that are not documents or images', async (t) => {
    if (!app) return t.skip();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    const res = await report(municipal, child24, { text: 'С вложением' }, [[exe, 'отчёт.pdf']]);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/PDF, JPEG, PNG, DOCX, XLSX/);
    expect((await municipal.json(`/api/roadmap-activities/${child24}`)).body.reports).toHaveLength(1);
  });

  it('audits every write, where the administrators of the place see it', async (t) => {
    if (!app) return t.skip();
    const actions = auditActions;
    expect(new Set(await actions(region, 'roadmap'))).toEqual(new Set(['roadmap.create', 'roadmap.cascade', 'roadmap.revise', 'roadmap.update', 'roadmap.export']));
    expect(await actions(region, 'roadmap_occurrence')).toEqual(['roadmap_occurrence.update', ...demoOccurrenceAudits]);
    expect((await actions(municipal, 'progress_report')).length).toBe(1);
    expect(new Set(await actions(municipal, 'roadmap'))).toEqual(new Set(['roadmap.cascade', 'roadmap.create']));
    expect(await actions(school2, 'roadmap')).toEqual([]);
  });
});
