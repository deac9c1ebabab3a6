import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';
import { peopleRows, toXlsx } from '../support/staff-xlsx.js';

const baseUrl = inject('e2eBaseUrl');

describe.skipIf(!baseUrl)('in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('logs in, finds a person by surname and edits them', async () => {
    const page = await signIn(browser, baseUrl, 'region');
    const api = await apiAs(page, baseUrl);
    const { items } = await api<{ items: { id: string; surname: string; name: string; patronymic: string | null }[] }>('/api/staff?limit=1&sort=birthDate');
    const person = items[0];
    const fullName = [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');

    await page.getByRole('menuitem', { name: 'Реестр работников' }).click();
    await page.getByPlaceholder('Фамилия, имя или СНИЛС').fill(`${person.surname} ${person.name}`);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('link', { name: fullName }).first().click();
    await page.getByRole('heading', { name: fullName }).waitFor();

    await page.getByRole('link', { name: 'Изменить' }).click();
    const phone = page.getByLabel('Телефон');
    await phone.fill('+7 912 111-22-33');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('+7 912 111-22-33').waitFor();

    const saved = await api<{ phone: string; version: number }>(`/api/staff/${person.id}`);
    expect(saved.phone).toBe('+7 912 111-22-33');
    await page.close();
  });

  it('imports 500 staff from XLSX: 3 bad rows are shown and nothing is written; the fixed file imports', async () => {
    const page = await signIn(browser, baseUrl, 'school');
    const api = await apiAs(page, baseUrl);
    const me = await api<{ roles: { organizationId: string }[] }>('/api/auth/me');
    const school = await api<{ shortName: string }>(`/api/organizations/${me.roles[0].organizationId}`);
    const before = (await api<{ total: number }>('/api/staff?limit=1')).total;

    const rows = peopleRows(500, school.shortName, 7);
    rows[4]['СНИЛС'] = '112-233-445 96';
    rows[250]['Должность'] = '';
    rows[400]['Дата рождения'] = '32.13.1990';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-xlsx-'));
    const bad = path.join(dir, 'работники-с-ошибками.xlsx');
    const good = path.join(dir, 'работники.xlsx');
    fs.writeFileSync(bad, await toXlsx(rows));
    fs.writeFileSync(good, await toXlsx(peopleRows(500, school.shortName, 7)));

    await page.getByRole('menuitem', { name: 'Загрузка из Excel' }).click();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByText('Ничего не сохранено').waitFor({ timeout: 60_000 });
    const errorTable = page.locator('table').filter({ hasText: 'Ошибка' });
    await expect.poll(() => errorTable.locator('tbody tr.ant-table-row').count()).toBe(3);
    await page.getByText('Неверная контрольная сумма СНИЛС').waitFor();
    expect((await api<{ total: number }>('/api/staff?limit=1')).total).toBe(before);

    await page.getByRole('button', { name: 'Загрузить исправленный файл' }).click();
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('button', { name: /Сохранить 500 записей/ }).click({ timeout: 60_000 });
    await page.getByText(/Сохранено: 500/).waitFor({ timeout: 60_000 });
    expect((await api<{ total: number }>('/api/staff?limit=1')).total).toBe(before + 500);
    await page.close();
  });
});
