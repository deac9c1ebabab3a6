import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');

interface Summary {
  rows: { id: string; name: string; vacancies: number }[];
  total: { vacancies: number };
}

describe.skipIf(!baseUrl)('documents and staffing needs in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-documents-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a school uploads a local act, links it as evidence, reports a vacancy; the municipality sees it in the summary', async () => {
    const school = await signIn(browser, baseUrl, 'school');
    const schoolApi = await apiAs(school, baseUrl);
    const me = await schoolApi<{ roles: { organizationId: string; scopeName: string }[] }>('/api/auth/me');
    const schoolId = me.roles[0].organizationId;
    const schoolName = (await schoolApi<{ shortName: string }>(`/api/organizations/${schoolId}`)).shortName;
    // the school's own roadmap with the activity the act executes
    const roadmap = await schoolApi<{ id: string }>('/api/roadmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'План мероприятий школы по наставничеству',
        ownerOrganizationId: schoolId,
        level: 'organization',
        periodFrom: 2026,
        periodTo: 2027,
        sections: [{ number: '1', title: 'Организация наставничества', activities: [{ number: '1.1', title: 'Назначение ответственного за наставничество', responsible: [{ text: 'ОО', organizationId: schoolId }], deadline: { text: 'сентябрь 2026 г.' }, expectedResult: 'Локальный акт' }] }],
      }),
    });

    // ── a new local act with its file
    const pdf = path.join(dir, 'Приказ о назначении ответственного.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n% приказ о назначении ответственного за наставничество\n%%EOF\n');
    await school.getByRole('menuitem', { name: 'Документы' }).click();
    await school.getByRole('link', { name: 'Новый документ' }).click();
    await school.getByRole('heading', { name: 'Новый документ' }).waitFor();
    await school.getByLabel('Номер', { exact: true }).fill('45-о');
    await school.getByLabel('Дата документа').fill('01.09.2026');
    await school.getByLabel('Дата документа').press('Enter');
    await school.getByLabel('Наименование').fill('О назначении ответственного за организацию наставничества');
    // the issuer is the school the user administers, filled in by default
    await school.locator('.ant-select-content').filter({ hasText: schoolName }).first().waitFor();
    await school.locator('input[type=file]').setInputFiles(pdf);
    await school.getByRole('button', { name: 'Сохранить проект' }).click();
    await school.getByText('Документ сохранён как проект').waitFor();
    await school.getByRole('button', { name: /Приказ о назначении ответственного\.pdf/ }).waitFor();
    const documentId = new URL(school.url()).pathname.split('/')[2];

    // ── into force
    await school.getByRole('button', { name: 'Ввести в действие' }).click();
    await school.getByLabel('Комментарий').fill('Подписан директором');
    await school.getByRole('button', { name: 'Подтвердить' }).click();
    await school.getByText('Статус: действует').waitFor();

    // ── evidence: the roadmap activity and the organization
    await school.getByLabel('Дорожная карта').click();
    await school.locator('.ant-select-item-option').filter({ hasText: 'План мероприятий школы по наставничеству' }).click();
    await school.getByLabel('Мероприятие').click();
    await school.locator('.ant-select-item-option').filter({ hasText: 'Назначение ответственного за наставничество' }).click();
    await school.getByRole('button', { name: 'Связать с мероприятием' }).click();
    await school.getByText('Документ связан с мероприятием').waitFor();
    await school.getByLabel('Организация', { exact: true }).click();
    await school.getByLabel('Организация', { exact: true }).fill(schoolName.slice(0, 12));
    await school.locator('.ant-select-item-option').filter({ hasText: schoolName }).first().click();
    await school.getByRole('button', { name: 'Связать с организацией' }).click();
    await school.getByText('Документ связан с организацией').waitFor();
    await school.screenshot({ path: '/tmp/e2e-document-card.png', fullPage: true });
    const card = await schoolApi<{ status: string; file: { name: string } | null; activityLinks: unknown[]; organizationLinks: { organizationId: string; purpose: string }[] }>(`/api/documents/${documentId}`);
    expect(card.status).toBe('in_force');
    expect(card.file?.name).toBe('Приказ о назначении ответственного.pdf');
    expect(card.activityLinks).toHaveLength(1);
    expect(card.organizationLinks).toEqual([expect.objectContaining({ organizationId: schoolId, purpose: 'Ответственный назначен локальным актом' })]);

    // the activity card lists the act as evidence
    await school.getByRole('link', { name: /1\.1 Назначение ответственного/ }).click();
    await school.getByText('Документы-подтверждения').waitFor();
    await school.getByRole('link', { name: 'О назначении ответственного за организацию наставничества' }).waitFor();
    expect(school.url()).toContain(`/roadmaps/${roadmap.id}/activities/`);

    // ── a vacancy
    const municipal = await signIn(browser, baseUrl, 'municipal');
    const municipalApi = await apiAs(municipal, baseUrl);
    const before = await municipalApi<Summary>('/api/vacancies/summary');
    const count = (s: Summary) => s.rows.find((r) => r.id === schoolId)?.vacancies ?? 0;

    await school.getByRole('menuitem', { name: 'Кадровые потребности' }).click();
    await school.getByRole('button', { name: 'Сообщить о вакансии' }).click();
    const dialog = school.getByRole('dialog');
    await dialog.locator('.ant-select-content').filter({ hasText: schoolName }).first().waitFor();
    await dialog.getByLabel('Должность').fill('Учитель физики');
    await dialog.getByLabel('Предмет').fill('Физика');
    await dialog.getByLabel('Нагрузка, часов в неделю').fill('27');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await school.getByText('Вакансия добавлена').waitFor();
    await school.getByRole('cell', { name: 'Учитель физики' }).first().waitFor();
    await school.screenshot({ path: '/tmp/e2e-vacancies.png', fullPage: true });

    // ── the municipality sees it in the summary by organization
    await municipal.getByRole('menuitem', { name: 'Кадровые потребности' }).click();
    await municipal.getByRole('tab', { name: 'Свод вакансий' }).click();
    await municipal.getByText('Открытых вакансий', { exact: true }).waitFor();
    // the summary's row of the school (the vacancies list, leaving the page, has rows of positions)
    const row = municipal.getByRole('row').filter({ hasText: schoolName }).filter({ hasNotText: 'Учитель' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).innerText()).toBe(String(count(before) + 1));
    expect(count(await municipalApi<Summary>('/api/vacancies/summary'))).toBe(count(before) + 1);
    await municipal.screenshot({ path: '/tmp/e2e-vacancy-summary.png', fullPage: true });

    await municipal.getByRole('tab', { name: 'Соответствие образования' }).click();
    await municipal.getByText('Доля педагогов с образованием по профилю').waitFor();
    // the share itself, once the figures have loaded («88,6 %»)
    await municipal.locator('.ant-statistic-content').getByText(/^\d+(,\d)? %$/).waitFor();
    await municipal.screenshot({ path: '/tmp/e2e-subject-match.png', fullPage: true });
    await municipal.getByRole('tab', { name: 'Переподготовка' }).click();
    await municipal.getByText(/Нужна переподготовка: \d/).waitFor();
    await municipal.getByRole('cell', { name: /Учитель/ }).first().waitFor();
    await municipal.screenshot({ path: '/tmp/e2e-retraining.png', fullPage: true });

    await municipal.getByRole('menuitem', { name: 'Документы' }).click();
    await municipal.getByText(/Найдено: \d/).waitFor();
    await municipal.screenshot({ path: '/tmp/e2e-documents.png', fullPage: true });
  });
});
