import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { peopleRows, snils, toXlsx } from '../../../tests/support/staff-xlsx.js';

async function upload(client: TestClient, kind: string, data: Buffer, name = 'file.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await client.request(`/api/imports/${kind}`, { method: 'POST', body: form });
  const body = await res.json();
  if (res.status !== 202) return { status: res.status, body };
  for (;;) {
    const state = await client.json(`/api/imports/${body.id}?previewRows=5`);
    if (state.body.status !== 'parsing') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('XLSX import of staff', () => {
  let app: TestApp | null;
  let school: TestClient;
  let schoolName: string;
  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    school = await app.as('school');
    const me = (await school.json('/api/auth/me')).body;
    schoolName = (await school.json(`/api/organizations/${me.roles[0].organizationId}`)).body.shortName;
  });
  afterAll(async () => app?.close());

  it('offers a template with the columns, notes and an instruction sheet', async (t) => {
    if (!app) return t.skip();
    const res = await school.request('/api/imports/staff/template.xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const headers = (wb.worksheets[0].getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toContain('Фамилия*');
    expect(headers).toContain('СНИЛС');
    expect(wb.worksheets.map((w) => w.name)).toContain('Инструкция');
  });

  it('reports bad rows of a 500-row file, writes nothing, then imports the fixed file', async (t) => {
    if (!app) return t.skip();
    const before = (await school.json('/api/staff?limit=1')).body.total;
    const rows = peopleRows(500, schoolName, 1);
    rows[10]['СНИЛС'] = '112-233-445 96'; // wrong checksum
    rows[200]['Организация (ИНН или краткое наименование)'] = 'Школа, которой нет';
    rows[499]['Дата рождения'] = '31.02.1990';
    const state = await upload(school, 'staff', await toXlsx(rows));
    expect(state.body.status).toBe('preview');
    expect(state.body.totalRows).toBe(500);
    expect(state.body.errorRows).toBe(3);
    const byRow = new Map(state.body.errors.map((e: { row: number; column: string; message: string }) => [e.row, e]));
    // sheet rows: header is row 1, so data index i is row i + 2
    expect(byRow.get(12)).toMatchObject({ column: 'СНИЛС', message: 'Неверная контрольная сумма СНИЛС' });
    expect(byRow.get(202)).toMatchObject({ column: 'Организация (ИНН или краткое наименование)' });
    expect(byRow.get(501)).toMatchObject({ column: 'Дата рождения' });
    const commit = await school.json(`/api/imports/${state.body.id}/commit`, { method: 'POST' });
    expect(commit.status).toBe(422);
    expect((await school.json('/api/staff?limit=1')).body.total).toBe(before);

    const fixed = peopleRows(500, schoolName, 1);
    const ok = await upload(school, 'staff', await toXlsx(fixed));
    expect(ok.body.errorRows).toBe(0);
    expect(ok.body.validRows).toBe(500);
    const done = await school.json(`/api/imports/${ok.body.id}/commit`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(500);
    expect((await school.json('/api/staff?limit=1')).body.total).toBe(before + 500);
    // committing twice does not import twice
    expect((await school.json(`/api/imports/${ok.body.id}/commit`, { method: 'POST' })).status).toBe(409);

    // the same file again: every row is a duplicate of someone in the registry
    const again = await upload(school, 'staff', await toXlsx(fixed.slice(0, 20)));
    expect(again.body.errorRows).toBe(20);
    expect(again.body.errors[0].message).toMatch(/уже есть в реестре/);
  });

  it('finds duplicates inside one file by SNILS or by full name and birth date', async (t) => {
    if (!app) return t.skip();
    const rows = peopleRows(3, schoolName, 2);
    rows[1]['СНИЛС'] = rows[0]['СНИЛС'];
    rows[2] = { ...rows[0], СНИЛС: snils(123_456_789) };
    const state = await upload(school, 'staff', await toXlsx(rows));
    expect(state.body.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [3, 'Дубликат строки 2: тот же человек уже есть в файле'],
      [4, 'Дубликат строки 2: тот же человек уже есть в файле'],
    ]);
  });

  it('rejects a file that is not an XLSX workbook', async (t) => {
    if (!app) return t.skip();
    const state = await upload(school, 'staff', Buffer.from('Фамилия;Имя\nИванова;Анна\n'), 'staff.csv');
    expect(state.status).toBe(415);
    expect(state.body.error.message).toMatch(/xlsx/i);
  });

  it('imports 20,000 rows (preview and commit) and reports the time', async (t) => {
    if (!app) return t.skip();
    const file = await toXlsx(peopleRows(20_000, schoolName, 3));
    const started = performance.now();
    const state = await upload(school, 'staff', file);
    const previewMs = performance.now() - started;
    expect(state.body.errors.slice(0, 3)).toEqual([]);
    expect(state.body.errorRows).toBe(0);
    const commitStarted = performance.now();
    const done = await school.json(`/api/imports/${state.body.id}/commit`, { method: 'POST' });
    const commitMs = performance.now() - commitStarted;
    expect(done.body.created).toBe(20_000);
    console.log(`[${process.env.TEST_DB}] 20,000-row staff XLSX (${(file.length / 1048576).toFixed(1)} MB): preview ${(previewMs / 1000).toFixed(1)} s, commit ${(commitMs / 1000).toFixed(1)} s`);
  }, 300_000);
});
