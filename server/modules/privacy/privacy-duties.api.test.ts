import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { openDatabase, queryRows, type Db } from '../../db/client.js';
import { createUser } from '../auth/auth.service.js';
import { recordAudit, verifyAuditChain } from '../audit/audit.service.js';
import { formatSnils } from '../../../common/snils.js';
import { noPersonalData, personalDataStores } from './personal-data-registry.js';
import { purgeExpired } from './privacy.service.js';

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

/** Every declared store (both lists of the registry), searched for each value: in the row as
 *  text and inside stored file contents. Returns the occurrences per table and value. */
async function scanStores(db: Db, values: string[]) {
  const tables = [...Object.keys(personalDataStores), ...Object.keys(noPersonalData)];
  const hits: { table: string; value: string; rows: number }[] = [];
  for (const table of tables) {
    for (const value of values) {
      const like = `%${value.toLowerCase()}%`;
      const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.raw(`"${table}"`)} t WHERE lower(to_jsonb(t)::text) LIKE ${like}`);
      if (n) hits.push({ table, value, rows: n });
    }
  }
  for (const value of values) {
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM stored_files WHERE position(convert_to(${value}, 'UTF8') in content) > 0`);
    if (n) hits.push({ table: 'stored_files.content', value, rows: n });
  }
  return hits;
}

describe('personal-data duties: consent, blocking, destruction, retention (152-ФЗ, ADR 0028)', () => {
  let app: TestApp | null;
  let db: Db;
  let region: TestClient, municipal: TestClient, school: TestClient, school2: TestClient, teacher: TestClient;
  let teacherStaffId: string;
  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    db = app.database.db;
    [region, municipal, school, school2, teacher] = await Promise.all(['region', 'municipal', 'school', 'school2', 'teacher'].map((l) => app!.as(l)));
    teacherStaffId = (await teacher.json('/api/auth/me')).body.staffId;
  }, 120_000);
  afterAll(async () => app?.close());

  it('keeps consent as a versioned history; the legal basis is set by the regional administrator', async (t) => {
    if (!app) return t.skip();
    const url = `/api/staff/${teacherStaffId}/privacy`;
    let card = (await teacher.json(url)).body;
    expect(card.legalBasis).toBe('law');
    expect(card.consents).toEqual([]);

    let res = await teacher.json(`${url}/consents`, json({ status: 'given', textVersion: '2025-1', effectiveOn: '2025-09-01' }));
    expect(res.status).toBe(200);
    res = await school.json(`${url}/consents`, json({ status: 'withdrawn', textVersion: '2025-1', effectiveOn: '2026-01-15', note: 'Заявление об отзыве' }));
    expect(res.status).toBe(200);
    res = await school.json(`${url}/consents`, json({ status: 'given', textVersion: '2026-2', effectiveOn: '2026-02-01' }));
    card = res.body;
    expect(card.consents.map((c: { status: string; textVersion: string }) => `${c.status}:${c.textVersion}`)).toEqual(['given:2026-2', 'withdrawn:2025-1', 'given:2025-1']);
    expect(card.consent.textVersion).toBe('2026-2');
    expect(card.consents[2].recordedBy).toBeTruthy();
    expect(card.consents.every((c: { recordedAt: string }) => !Number.isNaN(Date.parse(c.recordedAt)))).toBe(true);
    console.log(`consent history of the demo teacher: ${card.consents.length} versions`);

    // a date in the future is refused; nobody outside the person's administrators sees the card
    expect((await teacher.json(`${url}/consents`, json({ status: 'given', textVersion: '1', effectiveOn: '2999-01-01' }))).status).toBe(422);
    expect((await school2.json(url)).status).toBe(404);

    // the legal basis: only the regional administrator; a stale version is refused
    expect((await school.json(`${url}/basis`, { method: 'PUT', body: JSON.stringify({ legalBasis: 'contract', purpose: 'Учёт кадров школы', version: 0 }) })).status).toBe(403);
    res = await region.json(`${url}/basis`, { method: 'PUT', body: JSON.stringify({ legalBasis: 'contract', purpose: 'Учёт кадров и повышение квалификации', version: 0 }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ legalBasis: 'contract', basisVersion: 1 });
    expect((await region.json(`${url}/basis`, { method: 'PUT', body: JSON.stringify({ legalBasis: 'law', purpose: 'Иная цель обработки', version: 0 }) })).status).toBe(409);
  });

  it('blocking hides the person from an ordinary administrator, refuses writes, ends their sessions; unblocking restores', async (t) => {
    if (!app) return t.skip();
    const list = (await school.json('/api/staff?limit=50')).body.items as { id: string; surname: string; name: string; patronymic: string | null; version: number }[];
    const person = list.find((p) => p.id !== teacherStaffId)!;
    await createUser(db, { login: 'blocked.person', password: 'demo', displayName: `${person.surname} ${person.name}`, staffId: person.id, roles: [] });
    const own = await app.as('blocked.person');
    expect((await own.request('/api/auth/me')).status).toBe(200);

    expect((await school.json(`/api/staff/${person.id}/privacy/block`, json({ reason: 'Требование субъекта о блокировании' }))).status).toBe(403);
    const res = await region.json(`/api/staff/${person.id}/privacy/block`, json({ reason: 'Требование субъекта о блокировании' }));
    expect(res.status).toBe(200);
    expect(res.body.blocked.reason).toBe('Требование субъекта о блокировании');

    // the account is out: its session ended, a new sign-in is refused
    expect((await own.request('/api/auth/me')).status).toBe(401);
    await expect(app.as('blocked.person')).rejects.toThrow(/401/);

    // hidden from the school administrator's list, search, card and export
    const hidden = async (client: TestClient) => {
      const all = (await client.json('/api/staff?limit=500')).body.items.map((p: { id: string }) => p.id);
      const found = (await client.json(`/api/staff?q=${encodeURIComponent(person.surname)}&limit=500`)).body.items.map((p: { id: string }) => p.id);
      const card = (await client.request(`/api/staff/${person.id}`)).status;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await (await client.request('/api/staff/export.xlsx')).arrayBuffer()) as never);
      const cells: string[] = [];
      wb.worksheets[0].eachRow((row) => cells.push((row.values as unknown[]).join('|')));
      const fullName = [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');
      return { inList: all.includes(person.id), inSearch: found.includes(person.id), card, inExport: cells.some((c) => c.includes(fullName) || c.includes(`${person.surname}|${person.name}`)) };
    };
    expect(await hidden(school)).toEqual({ inList: false, inSearch: false, card: 404, inExport: false });
    expect((await municipal.json(`/api/staff/${person.id}`)).status).toBe(404);
    expect((await school.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: person.version, email: 'x@example.ru' }) })).status).toBe(404);
    // the privacy administrator still sees them; a write is refused with a clear message
    const seen = await region.json(`/api/staff/${person.id}`);
    expect(seen.status).toBe(200);
    const write = await region.json(`/api/staff/${person.id}`, { method: 'PATCH', body: JSON.stringify({ version: seen.body.version, email: 'x@example.ru' }) });
    expect(write.status).toBe(409);
    expect(write.body.error).toMatchObject({ code: 'processing_blocked' });
    expect(write.body.error.message).toMatch(/заблокирована/);
    // a write straight to the database about them is refused as well
    await expect(db.execute(sql`UPDATE staff_positions SET title = 'Учитель' WHERE staff_id = ${person.id}`)).rejects.toThrow();
    console.log('blocked person: hidden from list, search, card, export of the school administrator; write refused: 409');

    expect((await region.json(`/api/staff/${person.id}/privacy/unblock`, { method: 'POST' })).status).toBe(200);
    expect((await hidden(school)).inList).toBe(true);
    expect((await (await app.as('blocked.person')).request('/api/auth/me')).status).toBe(200);
  });

  it('destroys a person with a full history: 0 traces in every declared store, audit chain intact, act in DOCX; export under 10 s', async (t) => {
    if (!app) return t.skip();
    const id = teacherStaffId;
    const person = {
      surname: 'Щукинаградская',
      name: 'Евлампия',
      patronymic: 'Феоктистовна',
      birthDate: '1971-02-13',
      email: 'evlampia.shch@example.ru',
      phone: '+7 913 555-01-77',
      snils: formatSnils(271_828_182),
    };
    const before = (await school.json(`/api/staff/${id}`)).body;
    const oldName = [before.surname, before.name, before.patronymic].filter(Boolean).join(' ');
    const oldEmail = before.email as string | null;
    expect((await school.json(`/api/staff/${id}`, { method: 'PATCH', body: JSON.stringify({ version: before.version, ...person }) })).status).toBe(200);
    // the person's own account, under a login of their own
    await db.execute(sql`UPDATE users SET login = 'evlampia.shch' WHERE staff_id = ${id}`);
    const self = await app.as('evlampia.shch');
    expect((await self.request(`/api/staff/${id}/privacy`)).status).toBe(200);
    const userIds = (await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE staff_id = ${id}`)).map((u) => u.id);

    // a full history: a row in every declared store the demo region has rows in, as another
    // person's row copied onto this one (diagnostics, plan, enrollments, mentoring, events,
    // communities, contests, practice authorship, education…)
    const filled: string[] = [];
    for (const [table, store] of Object.entries(personalDataStores)) {
      for (const link of store.subject ?? []) {
        const subjectIds = link.via === 'staff' ? [id] : userIds;
        const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.raw(`"${table}"`)} WHERE ${sql.raw(`"${link.column}"`)} = ANY(${sql.param(subjectIds)}::uuid[])`);
        if (n > 0) {
          filled.push(table);
          continue;
        }
        if (table === 'audit_log' || table === 'destruction_acts' || table === 'personal_data_blocks') continue;
        try {
          await db.transaction(async (tx) => {
            await tx.execute(sql`INSERT INTO ${sql.raw(`"${table}"`)} SELECT (jsonb_populate_record(NULL::${sql.raw(`"${table}"`)}, to_jsonb(x) || jsonb_build_object('id', gen_random_uuid(), 'position', 99, ${link.column}::text, ${subjectIds[0]}::text))).* FROM ${sql.raw(`"${table}"`)} x WHERE x.${sql.raw(`"${link.column}"`)} IS NOT NULL LIMIT 1`);
          });
          const [{ m }] = await queryRows<{ m: number }>(db, sql`SELECT count(*)::int AS m FROM ${sql.raw(`"${table}"`)} WHERE ${sql.raw(`"${link.column}"`)} = ${subjectIds[0]}`);
          if (m) filled.push(table);
        } catch (err) {
          // a unique rule or a missing source row: the store stays without a row
          console.log(`no copied row in ${table}: ${((err as { cause?: Error }).cause ?? (err as Error)).message}`);
        }
      }
    }
    const fullName = `${person.surname} ${person.name} ${person.patronymic}`;
    // their name where other modules keep it as text, and files about them
    await db.execute(sql`UPDATE practice_authors SET full_name = ${fullName} WHERE staff_id = ${id}`);
    await db.execute(sql`UPDATE progress_reports SET author_name = ${fullName} WHERE author_user_id = ANY(${sql.param(userIds)}::uuid[])`);
    await db.execute(sql`UPDATE roadmap_activities SET responsible_text = ${`Ответственный: ${person.surname} Е. Ф., заместитель директора`} WHERE id = (SELECT id FROM roadmap_activities LIMIT 1)`);
    await db.execute(sql`UPDATE mentorship_meetings SET notes = ${`Встреча с ${fullName}, тел. ${person.phone}`} WHERE id = (SELECT id FROM mentorship_meetings LIMIT 1)`);
    // and in other cases, as Russian text names people: «с Щукинаградской Евлампией Феоктистовной», «доклад Щукинаградской Е. Ф.»
    await db.execute(sql`UPDATE mentorship_meetings SET notes = ${`Открытый урок провела с Щукинаградской Евлампией Феоктистовной; доклад Щукинаградской Е. Ф. одобрен`} WHERE id = (SELECT id FROM mentorship_meetings ORDER BY id DESC LIMIT 1)`);
    const [file] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO stored_files (name, mime, size, sha256, content, uploaded_by)
          VALUES (${`Удостоверение ${person.surname}.pdf`}, 'application/pdf', 64, 'x', convert_to(${`%PDF-1.4 ${fullName} СНИЛС ${person.snils}`}, 'UTF8'), ${userIds[0]}) RETURNING id`,
    );
    await db.execute(sql`UPDATE enrollments SET certificate_file_id = ${file.id}, certificate_number = 'УД-0042' WHERE staff_id = ${id}`);
    await db.execute(sql`INSERT INTO import_batches (kind, user_id, file_name, status, rows) SELECT 'staff', u.id, 'кадры.xlsx', 'preview', ${JSON.stringify([{ surname: person.surname, name: person.name, birthDate: person.birthDate, snils: person.snils }])}::jsonb FROM users u WHERE u.login = 'school'`);
    console.log(`history of the person: rows in ${new Set(filled).size} declared stores (${[...new Set(filled)].join(', ')})`);
    for (const table of ['staff', 'users', 'sessions', 'assessment_results', 'learning_plans', 'enrollments', 'mentorships', 'event_registrations', 'practice_authors', 'audit_log']) expect(filled).toContain(table);

    // the subject export of that person
    const started = performance.now();
    const exp = await self.request(`/api/staff/${id}/personal-data`);
    const ms = performance.now() - started;
    expect(exp.status).toBe(200);
    const exported = await exp.json();
    console.log(`subject export of a person with a full history: ${exported.stores.length} stores, ${exported.stores.reduce((n: number, s: { rows: unknown[] }) => n + s.rows.length, 0)} rows, ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);

    const values = [fullName, person.surname, `${person.surname} Е. Ф.`, `${person.surname} Е.Ф.`, 'Щукинаградской Евлампией Феоктистовной', 'Щукинаградской Е. Ф.', person.snils, person.birthDate, '13.02.1971', person.email, person.phone, 'evlampia.shch', oldName, ...(oldEmail ? [oldEmail] : [])];
    const beforeScan = await scanStores(db, values);
    expect(beforeScan.length).toBeGreaterThan(5);

    // only the regional administrator destroys; confirmation is required
    expect((await school.json(`/api/staff/${id}/privacy/destroy`, json({ basis: 'Отзыв согласия, заявление', confirm: true }))).status).toBe(403);
    expect((await region.json(`/api/staff/${id}/privacy/destroy`, json({ basis: 'Отзыв согласия, заявление' }))).status).toBe(422);
    const countsBefore = await queryRows<{ results: number; plans: number; enrollments: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM assessment_results WHERE staff_id = ${id}) AS results, (SELECT count(*)::int FROM learning_plans WHERE staff_id = ${id}) AS plans, (SELECT count(*)::int FROM enrollments WHERE staff_id = ${id}) AS enrollments`,
    );
    const destroyed = await region.json(`/api/staff/${id}/privacy/destroy`, json({ basis: 'Отзыв согласия на обработку, заявление от 01.03.2026', confirm: true }));
    expect(destroyed.status).toBe(200);
    const act = destroyed.body;
    expect(act.number).toBe(1);
    expect(act.stores.length).toBeGreaterThan(5);
    expect(act.auditRowsErased).toBeGreaterThan(0);
    expect(act.auditExtract.map((e: { action: string }) => e.action)).toContain('privacy.destroy');

    const traces = await scanStores(db, values);
    console.log(`destruction act № ${act.number}: ${act.stores.reduce((n: number, s: { rows: number }) => n + s.rows, 0)} rows in ${act.stores.length} stores, ${act.auditRowsErased} audit rows erased; occurrences before ${beforeScan.reduce((n, h) => n + h.rows, 0)}, after: ${traces.reduce((n, h) => n + h.rows, 0)} (scan of ${Object.keys(personalDataStores).length + Object.keys(noPersonalData).length} declared stores × ${values.length} values)`);
    expect(traces).toEqual([]);

    // references stay: the same rows, anonymous; the card reads «Удалено»
    expect(
      await queryRows(
        db,
        sql`SELECT (SELECT count(*)::int FROM assessment_results WHERE staff_id = ${id}) AS results, (SELECT count(*)::int FROM learning_plans WHERE staff_id = ${id}) AS plans, (SELECT count(*)::int FROM enrollments WHERE staff_id = ${id}) AS enrollments`,
      ),
    ).toEqual(countsBefore);
    const [card] = await queryRows<{ surname: string; snils: string | null; birth_date: string | null; archived: boolean }>(db, sql`SELECT surname, snils, birth_date, archived_at IS NOT NULL AS archived FROM staff WHERE id = ${id}`);
    expect(card).toEqual({ surname: 'Удалено', snils: null, birth_date: null, archived: true });
    await expect(app.as('evlampia.shch')).rejects.toThrow(/401/);

    // the audit chain still verifies (as `npm run audit:verify` does), with the erased rows counted
    const chain = await verifyAuditChain(db);
    expect(chain.breaks).toEqual([]);
    expect(chain.erased).toBeGreaterThanOrEqual(act.auditRowsErased);
    console.log(`audit chain after destruction: ${chain.rows} rows, ${chain.erased} with the personal part erased, ${chain.breaks.length} breaks`);
    // and an edit of an erased row's chained fields is still found
    const [erasedRow] = await queryRows<{ chain_seq: string; action: string }>(db, sql`SELECT chain_seq, action FROM audit_log WHERE erased_at IS NOT NULL ORDER BY chain_seq LIMIT 1`);
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`UPDATE audit_log SET action = 'staff.tampered' WHERE chain_seq = ${erasedRow.chain_seq}`);
    expect((await verifyAuditChain(db)).breaks.map((b) => b.reason)).toEqual(['содержимое записи изменено']);
    await db.execute(sql`UPDATE audit_log SET action = ${erasedRow.action} WHERE chain_seq = ${erasedRow.chain_seq}`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    expect((await verifyAuditChain(db)).breaks).toEqual([]);

    // the act: listed, in DOCX with the audit extract, without the person's name
    const acts = (await region.json('/api/privacy/destruction-acts')).body.items;
    expect(acts.map((a: { number: number }) => a.number)).toContain(1);
    const docx = await region.request(`/api/privacy/destruction-acts/${act.id}/export.docx`);
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Акт № 1');
    expect(xml).toContain('Выписка из журнала аудита');
    expect(xml).toContain(act.auditExtract.at(-1).hash);
    expect(xml).not.toContain(person.surname);
    expect((await school.request(`/api/privacy/destruction-acts/${act.id}/export.docx`)).status).toBe(404);
  }, 180_000);

  it('applies retention periods: expired sessions, import drafts, failed sign-ins, people archived over 5 years', async (t) => {
    if (!app) return t.skip();
    const [someone] = await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE surname <> 'Удалено' AND archived_at IS NULL ORDER BY id LIMIT 1`);
    await db.execute(sql`UPDATE staff SET archived_at = now() - interval '6 years' WHERE id = ${someone.id}`);
    await db.execute(sql`INSERT INTO sessions (id, user_id, expires_at) SELECT 'old-session-1', id, now() - interval '40 days' FROM users WHERE login = 'school'`);
    await db.execute(sql`INSERT INTO import_batches (kind, user_id, file_name, status, created_at) SELECT 'staff', id, 'старый.xlsx', 'preview', now() - interval '8 days' FROM users WHERE login = 'school'`);
    await db.execute(sql`INSERT INTO audit_log (at, login, ip, action, entity, entity_id) VALUES (now() - interval '2 years', 'guess.login', '203.0.113.7', 'auth.login_failed', 'user', 'guess.login')`);
    const liveSessions = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions WHERE expires_at > now()`))[0].n;

    const report = await purgeExpired(db);
    const rows = Object.fromEntries(report.map((r) => [r.table, r.rows]));
    console.log(`retention purge: ${report.map((r) => `${r.table} ${r.rows}`).join(', ')}`);
    expect(rows.sessions).toBeGreaterThanOrEqual(1);
    expect(rows.import_batches).toBeGreaterThanOrEqual(1);
    expect(rows.audit_log).toBe(1);
    expect(rows.staff).toBe(1);
    expect((await queryRows(db, sql`SELECT 1 FROM sessions WHERE id = 'old-session-1'`)).length).toBe(0);
    expect((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions WHERE expires_at > now()`))[0].n).toBe(liveSessions);
    expect(await queryRows(db, sql`SELECT login, ip FROM audit_log WHERE action = 'auth.login_failed' AND at < now() - interval '1 year'`)).toEqual([{ login: null, ip: null }]);
    expect((await queryRows<{ surname: string }>(db, sql`SELECT surname FROM staff WHERE id = ${someone.id}`))[0].surname).toBe('Удалено');
    expect((await queryRows(db, sql`SELECT 1 FROM destruction_acts WHERE staff_id = ${someone.id} AND performed_by IS NULL`)).length).toBe(1);
    expect((await verifyAuditChain(db)).breaks).toEqual([]);
    // a second run finds nothing more to do
    expect((await purgeExpired(db)).reduce((n, r) => n + r.rows, 0)).toBe(0);
  }, 120_000);

  it('lists who can access personal data, by role assignments within the administrator\'s scope', async (t) => {
    if (!app) return t.skip();
    const regionList = (await region.json('/api/privacy/access')).body;
    const schoolList = (await school.json('/api/privacy/access')).body;
    const logins = (l: { items: { login: string }[] }) => new Set(l.items.map((i) => i.login));
    expect(logins(regionList)).toEqual(expect.objectContaining({}));
    for (const login of ['region', 'municipal', 'school', 'school2', 'tutor']) expect(logins(regionList).has(login), login).toBe(true);
    expect(logins(schoolList).has('school')).toBe(true);
    expect(logins(schoolList).has('region')).toBe(false);
    expect(logins(schoolList).has('school2')).toBe(false);
    expect(regionList.retention.map((r: { table: string }) => r.table)).toEqual(expect.arrayContaining(['sessions', 'import_batches', 'staff', 'audit_log']));
    expect((await (await app.as('tutor')).request('/api/privacy/access')).status).toBe(403);
    console.log(`access list: region ${regionList.items.length} assignments, school ${schoolList.items.length}`);
  });

  it('runs as `npm run privacy:purge`; `npm run audit:verify` passes after the destruction it makes', async (t) => {
    if (!app) return t.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-purge-'));
    const cli = (script: string) => spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
    try {
      // a person archived six years ago, with their card in the audit
      const database = await openDatabase({ dataDir: dir });
      const [p] = await queryRows<{ id: string }>(database.db, sql`INSERT INTO staff (surname, name, email, archived_at) VALUES ('Старохранова', 'Агния', 'agnia.old@example.ru', now() - interval '6 years') RETURNING id`);
      await recordAudit(database.db, { userId: null, login: 'cli', ip: null } as never, { action: 'staff.create', entity: 'staff', entityId: p.id, after: { surname: 'Старохранова', name: 'Агния', email: 'agnia.old@example.ru' } });
      await database.close();

      const purge = cli('scripts/privacy-purge.ts');
      expect(purge.stderr).toBe('');
      expect(purge.status).toBe(0);
      expect(purge.stdout).toContain('staff (5 лет после увольнения (перевода в архив)): уничтожены данные работников — 1');
      const verify = cli('scripts/audit-verify.ts');
      console.log(`npm run audit:verify after a destruction by npm run privacy:purge:\n${verify.stdout.trim()}`);
      expect(verify.status).toBe(0);
      expect(verify.stdout).toContain('Цепочка цела.');
      expect(verify.stdout).toMatch(/стёртой по актам уничтожения и срокам хранения: [1-9]/);

      const check = await openDatabase({ dataDir: dir });
      expect(await scanStores(check.db, ['Старохранова', 'agnia.old@example.ru'])).toEqual([]);
      await check.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
