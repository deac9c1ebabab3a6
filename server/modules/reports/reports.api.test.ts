import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import mammoth from 'mammoth';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { annualSections } from './reports.service.js';
import { passportSections } from './report-passport.js';

/** The year the fixture lives in: the last closed one, so later records must not change it. */
const Y = Number(todayIso().slice(0, 4)) - 1;

/** Text of a PDF in content order (cells stay whole), whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const collapse = (s: string) => s.replace(/\s+/g, ' ');

describe('annual reports and the system passport', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, tutor: TestClient, school2: TestClient;
  let regionId: string, muni1: string, muni2: string, schoolId: string, school2Id: string;
  /** The fixture organization and its people. */
  const F = randomUUID();
  const people = { young: randomUUID(), senior: randomUUID(), head: randomUUID(), left: randomUUID() };

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, tutor, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'tutor', 'school2'].map((l) => app!.as(l)));
    const me = async (c: TestClient) => (await c.json('/api/auth/me')).body.roles[0];
    regionId = (await me(region)).territoryId;
    muni1 = (await me(municipal)).territoryId;
    schoolId = (await me(school)).organizationId;
    school2Id = (await me(school2)).organizationId;
    const db = app.database.db;
    [{ territory_id: muni2 }] = await queryRows<{ territory_id: string }>(db, sql`SELECT territory_id FROM organizations WHERE id = ${school2Id}`);

    // ── a small organization of muni1 with a known year ${Y}, and records after it that must not count
    const d = (md: string, year = Y) => `${year}-${md}`;
    await db.execute(sql`INSERT INTO organizations (id, kind, full_name, short_name, territory_id, path, functions)
      VALUES (${F}, 'school', 'Школа для отчёта', 'Школа для отчёта', ${muni1}, ARRAY[${F}]::uuid[], ARRAY['mentoring']::text[])`);
    const person = async (id: string, surname: string, birth: string, start: number, qualification: string | null, category: string, from: string, to: string | null) => {
      await db.execute(sql`INSERT INTO staff (id, surname, name, birth_date, profession_start_year, qualification_category, sex, organization_ids, territory_ids)
        VALUES (${id}, ${surname}, 'Отчётный', ${birth}::date, ${start}, ${qualification}, 'female', ${to ? sql`ARRAY[]::uuid[]` : sql`ARRAY[${F}]::uuid[]`}, ${to ? sql`ARRAY[]::uuid[]` : sql`ARRAY[${muni1}, ${regionId}]::uuid[]`})`);
      await db.execute(sql`INSERT INTO staff_positions (staff_id, organization_id, territory_id, title, staff_category, start_date, end_date)
        VALUES (${id}, ${F}, ${muni1}, 'Должность', ${category}, ${from}::date, ${to}::date)`);
    };
    await person(people.young, 'Молодая', `${Y - 25}-05-01`, Y - 1, null, 'pedagogical', d('09-01', Y - 1), null);
    await person(people.senior, 'Опытная', '1970-01-01', 1992, 'highest', 'pedagogical', '2000-09-01', null);
    await person(people.head, 'Директор', '1980-01-01', 2002, 'first', 'managerial', '2010-09-01', null);
    await person(people.left, 'Уволенная', '1985-01-01', 2008, 'first', 'pedagogical', '2010-09-01', d('06-30', Y - 1));

    // mentoring: the young teacher with the senior one since February
    await db.execute(sql`INSERT INTO mentorships (organization_id, territory_id, mentor_staff_id, mentee_staff_id, form, status, starts_on)
      VALUES (${F}, ${muni1}, ${people.senior}, ${people.young}, 'experienced_young', 'active', ${d('02-01')}::date)`);

    // courses: a federal-registry one and another in the year, one more the next January
    const federal = randomUUID();
    const other = randomUUID();
    await db.execute(sql`INSERT INTO programs (id, title, kind, hours, format, owner_organization_id, provider_name, in_federal_registry, registry_number)
      VALUES (${federal}, 'Программа реестра для отчёта', 'upskilling', 36, 'distance', ${F}, 'ЦНППМ', true, ${`ОТЧ-${F.slice(0, 8)}`}),
             (${other}, 'Программа не из реестра', 'upskilling', 16, 'distance', ${F}, 'ЦНППМ', false, null)`);
    await db.execute(sql`INSERT INTO enrollments (staff_id, program_id, status, completed_on) VALUES
      (${people.young}, ${federal}, 'completed', ${d('05-10')}::date),
      (${people.senior}, ${other}, 'completed', ${d('06-01')}::date),
      (${people.head}, ${federal}, 'completed', ${`${Y + 1}-01-01`}::date)`);

    // events: a seminar held with a report, a cancelled one, one the next year
    const held = randomUUID();
    await db.execute(sql`INSERT INTO events (id, title, level, kind, format, organizer_organization_id, territory_id, starts_at, ends_at, cancelled_at) VALUES
      (${held}, 'Семинар для отчёта', 'organization', 'seminar', 'in_person', ${F}, ${muni1}, ${d('03-10T10:00:00Z')}::timestamptz, ${d('03-10T12:00:00Z')}::timestamptz, NULL),
      (${randomUUID()}, 'Отменённый семинар', 'organization', 'seminar', 'in_person', ${F}, ${muni1}, ${d('04-10T10:00:00Z')}::timestamptz, ${d('04-10T12:00:00Z')}::timestamptz, ${d('04-01T10:00:00Z')}::timestamptz),
      (${randomUUID()}, 'Семинар следующего года', 'organization', 'master_class', 'online', ${F}, ${muni1}, ${`${Y + 1}-01-01T10:00:00Z`}::timestamptz, ${`${Y + 1}-01-01T12:00:00Z`}::timestamptz, NULL)`);
    await db.execute(sql`INSERT INTO event_reports (event_id, place, starts_on, ends_on, format, participants_count, filed_at)
      VALUES (${held}, 'Актовый зал', ${d('03-10')}::date, ${d('03-10')}::date, 'in_person', 25, ${d('03-11T09:00:00Z')}::timestamptz)`);
    await db.execute(sql`INSERT INTO event_registrations (event_id, staff_id, status, attended, attendance_marked_at)
      VALUES (${held}, ${people.young}, 'registered', true, ${d('03-11T09:00:00Z')}::timestamptz)`);

    // documents: an order and an agreement of the year, an order of the next year
    const agreement = randomUUID();
    await db.execute(sql`INSERT INTO documents (id, kind, title, number, doc_date, status, level, owner_organization_id, territory_id) VALUES
      (${randomUUID()}, 'order', 'Приказ о наставничестве', '5', ${d('04-01')}::date, 'in_force', 'organization', ${F}, ${muni1}),
      (${agreement}, 'agreement', 'Соглашение о сетевом взаимодействии', '7', ${d('09-01')}::date, 'in_force', 'organization', ${F}, ${muni1}),
      (${randomUUID()}, 'order', 'Приказ следующего года', '1', ${`${Y + 1}-01-01`}::date, 'draft', 'organization', ${F}, ${muni1})`);
    await db.execute(sql`INSERT INTO document_parties (document_id, organization_id, name, position) VALUES (${agreement}, ${F}, 'Школа для отчёта', 0), (${agreement}, NULL, 'Институт развития образования', 1)`);

    // roadmap of the organization: done in time, overdue, and done only after the year
    const rm = randomUUID();
    const rev = randomUUID();
    const sec = randomUUID();
    const [a1, a2] = [randomUUID(), randomUUID()];
    await db.execute(sql`INSERT INTO roadmaps (id, title, level, owner_organization_id, territory_id, period_from, period_to) VALUES (${rm}, 'План школы для отчёта', 'organization', ${F}, ${muni1}, ${Y}, ${Y})`);
    await db.execute(sql`INSERT INTO roadmap_revisions (id, roadmap_id, number, kind, summary, snapshot) VALUES (${rev}, ${rm}, 1, 'initial', '{}'::jsonb, '[]'::jsonb)`);
    await db.execute(sql`INSERT INTO roadmap_sections (id, roadmap_id, number, title, position) VALUES (${sec}, ${rm}, '1', 'Раздел', 1)`);
    await db.execute(sql`INSERT INTO roadmap_activities (id, roadmap_id, section_id, number, title, responsible_text, deadline_text, deadline_kind, expected_result, position, created_revision_id) VALUES
      (${a1}, ${rm}, ${sec}, '1.1', 'Утвердить положение о наставничестве', 'Директор', 'март', 'window', 'Положение', 1, ${rev}),
      (${a2}, ${rm}, ${sec}, '1.2', 'Провести методический семинар', 'Заместитель директора', 'июнь, октябрь', 'window', 'Семинар', 2, ${rev})`);
    await db.execute(sql`INSERT INTO activity_occurrences (activity_id, roadmap_id, starts_on, due_on, status, status_changed_at) VALUES
      (${a1}, ${rm}, ${d('03-01')}::date, ${d('03-31')}::date, 'done', ${d('03-30T10:00:00Z')}::timestamptz),
      (${a2}, ${rm}, ${d('06-01')}::date, ${d('06-30')}::date, NULL, NULL),
      (${a2}, ${rm}, ${d('10-01')}::date, ${d('10-01')}::date, 'done', ${`${Y + 1}-01-10T10:00:00Z`}::timestamptz)`);
  });
  afterAll(async () => app?.close());

  it('figures of an organization’s report equal the fixture’s direct counts, and later records do not change a past year', async (t) => {
    if (!app) return t.skip();
    const { status, body: r } = await region.json(`/api/reports/annual?organizationId=${F}&year=${Y}`);
    expect(status).toBe(200);
    expect(r.level).toMatchObject({ kind: 'organization', id: F, name: 'Школа для отчёта' });
    expect(r.asOf).toBe(`${Y}-12-31`);
    expect(r.summary).toEqual({ organizations: 1, staff: 3, pedagogical: 2, managerial: 1, youngSpecialists: 1 });
    expect(r.courses).toMatchObject({ completions: 2, people: 2, federalCompletions: 1, federalPeople: 1, federalShare: 50 });
    expect(r.courses.programs.map((p: { title: string }) => p.title).sort()).toEqual(['Программа не из реестра', 'Программа реестра для отчёта']);
    expect(r.mentoring).toMatchObject({ pairs: 1, mentors: 1, mentees: 1, youngSpecialists: 1, youngSupported: 1, youngSupportedShare: 100 });
    expect(r.events).toMatchObject({ held: 1, planned: 0, participants: 25, reported: 1, attendees: 1 });
    expect(r.events.byKind).toEqual([{ kind: 'seminar', label: 'Семинар', held: 1, planned: 0, participants: 25 }]);
    expect(r.documents).toMatchObject({ total: 2, agreementsTotal: 1 });
    expect(r.documents.agreements).toEqual([
      expect.objectContaining({ title: 'Соглашение о сетевом взаимодействии', number: '7', docDate: `${Y}-09-01`, parties: ['Школа для отчёта', 'Институт развития образования'] }),
    ]);
    expect(r.roadmaps.items).toEqual([expect.objectContaining({ title: 'План школы для отчёта', activities: 2, occurrences: 3, done: 1, overdue: 2, open: 0 })]);
    expect(r.roadmaps.overdue.map((o: { number: string; dueOn: string }) => `${o.number} ${o.dueOn}`)).toEqual([`1.2 ${Y}-06-30`, `1.2 ${Y}-10-01`]);

    // the same figures by independent counts over the fixture organization
    const db = app.database.db;
    const [direct] = await queryRows<Record<string, number>>(
      db,
      sql`SELECT
        (SELECT count(*)::int FROM staff_positions WHERE organization_id = ${F} AND (end_date IS NULL OR end_date >= ${`${Y}-12-31`}::date)) AS staff,
        (SELECT count(*)::int FROM enrollments e JOIN staff_positions p ON p.staff_id = e.staff_id AND p.organization_id = ${F} AND p.end_date IS NULL
          WHERE e.status = 'completed' AND extract(year FROM e.completed_on) = ${Y}) AS completions,
        (SELECT coalesce(sum(rep.participants_count), 0)::int FROM events ev JOIN event_reports rep ON rep.event_id = ev.id
          WHERE ev.organizer_organization_id = ${F} AND ev.cancelled_at IS NULL AND extract(year FROM ev.starts_at) = ${Y}) AS participants,
        (SELECT count(*)::int FROM documents WHERE owner_organization_id = ${F} AND extract(year FROM doc_date) = ${Y}) AS documents`,
    );
    expect({ staff: r.summary.staff, completions: r.courses.completions, participants: r.events.participants, documents: r.documents.total }).toEqual(direct);

    // the current year sees what came after: the January course and the late «done»
    const now = (await region.json(`/api/reports/annual?organizationId=${F}&year=${Y + 1}`)).body;
    expect(now.courses.completions).toBe(1);
    expect(now.closed).toBe(false);
    // built again, the past year is the same report
    const again = (await region.json(`/api/reports/annual?organizationId=${F}&year=${Y}`)).body;
    expect({ ...again, generatedAt: null }).toEqual({ ...r, generatedAt: null });
  });

  it('a municipality’s and a region’s report count the fixture among their organizations', async (t) => {
    if (!app) return t.skip();
    const muni = (await municipal.json(`/api/reports/annual?territoryId=${muni1}&year=${Y}`)).body;
    const reg = (await region.json(`/api/reports/annual?year=${Y}`)).body;
    expect(muni.level).toMatchObject({ kind: 'municipality', id: muni1 });
    expect(reg.level).toMatchObject({ kind: 'region', id: regionId });
    const db = app.database.db;
    const count = async (territory: SQL) =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`SELECT count(DISTINCT p.staff_id)::int AS n FROM staff_positions p JOIN organizations o ON o.id = p.organization_id JOIN staff s ON s.id = p.staff_id
              WHERE o.territory_id IN ${territory} AND o.archived_at IS NULL AND s.archived_at IS NULL
                AND (p.start_date IS NULL OR p.start_date <= ${`${Y}-12-31`}::date) AND (p.end_date IS NULL OR p.end_date >= ${`${Y}-12-31`}::date)`,
        )
      )[0].n;
    expect(muni.summary.staff).toBe(await count(sql`(SELECT ${muni1}::uuid)`));
    expect(reg.summary.staff).toBe(await count(sql`(SELECT id FROM territories WHERE ${regionId} = ANY(path))`));
    expect(reg.summary.staff).toBeGreaterThan(muni.summary.staff);
    expect(muni.roadmaps.items.some((x: { title: string }) => x.title === 'План школы для отчёта')).toBe(true);
    expect(reg.indicators.children.map((c: { id: string }) => c.id)).toContain(muni1);
  });

  it('reads reports within the scope only: 404 outside it, 403 to a teacher and a tutor', async (t) => {
    if (!app) return t.skip();
    const st = async (c: TestClient, q: string) => (await c.request(`/api/reports/annual?${q}&year=${Y}`)).status;
    expect(await st(municipal, `territoryId=${muni1}`)).toBe(200);
    expect(await st(municipal, `territoryId=${muni2}`)).toBe(404);
    expect(await st(municipal, `territoryId=${regionId}`)).toBe(404);
    expect(await st(school, `organizationId=${schoolId}`)).toBe(200);
    expect(await st(school, `organizationId=${school2Id}`)).toBe(404);
    expect(await st(school, `territoryId=${muni1}`)).toBe(404);
    expect(await st(school2, `organizationId=${F}`)).toBe(404);
    expect(await st(teacher, `organizationId=${schoolId}`)).toBe(403);
    expect(await st(tutor, `territoryId=${regionId}`)).toBe(403);
    expect((await region.request(`/api/reports/annual?year=${Y + 2}`)).status).toBe(422);
    expect((await school.request(`/api/reports/system-passport?year=${Y}`)).status).toBe(404);
  });

  it('writes the annual report as DOCX and PDF whose text holds the indicator table and every section, and the PDF renders to an image', async (t) => {
    if (!app) return t.skip();
    const json = (await region.json(`/api/reports/annual?year=${Y}`)).body;
    expect(json.indicators.items.length).toBeGreaterThan(0);
    const names: string[] = json.indicators.items.map((i: { name: string }) => i.name);

    const docx = await region.request(`/api/reports/annual?year=${Y}&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toContain('.docx');
    const { value: docxText } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
    const dt = collapse(docxText);
    expect(dt).toContain('Ежегодный отчёт');
    expect(dt).toContain('Таблица показателей: значение и целевое значение');
    for (const title of Object.values(annualSections)) expect(dt).toContain(title);
    for (const name of names) expect(dt).toContain(collapse(name));

    const pdf = await region.request(`/api/reports/annual?year=${Y}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pt = pdfText(bytes);
    expect(pt).toContain('Ежегодный отчёт');
    expect(pt).toContain('Таблица показателей: значение и целевое значение');
    for (const title of Object.values(annualSections)) expect(pt).toContain(title);
    for (const name of names) expect(pt).toContain(collapse(name));

    // page 1 as an image: a real picture, not a blank page
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-png-'));
    try {
      fs.writeFileSync(path.join(dir, 'r.pdf'), bytes);
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path.join(dir, 'r.pdf'), path.join(dir, 'page')]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
      const image = fs.readFileSync(path.join(dir, png));
      expect(image.subarray(1, 4).toString()).toBe('PNG');
      expect(image.length).toBeGreaterThan(5_000);
      if (process.env.REPORT_SNAPSHOT_DIR) fs.writeFileSync(path.join(process.env.REPORT_SNAPSHOT_DIR, 'annual.pdf'), bytes);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // the export is in the audit
    const [{ n }] = await queryRows<{ n: number }>(app.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.export' AND login = 'region' AND entity_id = ${regionId}`);
    expect(n).toBe(2);
  });

  it('builds the system passport as a page and a DOCX', async (t) => {
    if (!app) return t.skip();
    const { status, body: p } = await region.json(`/api/reports/system-passport?year=${Y}`);
    expect(status).toBe(200);
    expect(p.staff.total).toBe(p.staff.byAge.reduce((s: number, a: { count: number }) => s + a.count, 0));
    expect(p.staff.total).toBe(p.staff.byQualification.reduce((s: number, a: { count: number }) => s + a.count, 0));
    expect(p.infrastructure.organizations).toBeGreaterThan(0);
    expect(p.engagement.map((e: { code: string }) => e.code)).toContain('diagnosed');
    // the fixture school of muni1 is in the municipal passport: 3 people, one young specialist of those
    const muni = (await municipal.json(`/api/reports/system-passport?territoryId=${muni1}&year=${Y}`)).body;
    expect(muni.level.kind).toBe('municipality');
    const docx = await municipal.request(`/api/reports/system-passport?territoryId=${muni1}&year=${Y}&format=docx`);
    expect(docx.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
    const text = collapse(value);
    expect(text).toContain('Паспорт');
    for (const title of Object.values(passportSections)) expect(text).toContain(title);
    expect((await municipal.request(`/api/reports/system-passport?territoryId=${muni2}&year=${Y}`)).status).toBe(404);
  });
});
