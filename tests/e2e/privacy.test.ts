import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');

describe.skipIf(!baseUrl)('personal data in the browser (ADR 0028)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('records a consent on the card, blocks and unblocks the person; the access page lists who can read personal data', async () => {
    const page = await signIn(browser, baseUrl, 'region');
    const api = await apiAs(page, baseUrl);
    const { items } = await api<{ items: { id: string; surname: string; name: string; patronymic: string | null }[] }>('/api/staff?limit=3&sort=name');
    const person = items[2];
    await page.goto(`${baseUrl}/staff/${person.id}`);
    const card = page.locator('.ant-card').filter({ hasText: 'Обработка персональных данных' });
    await card.getByText('Исполнение полномочий, возложенных законом').waitFor();

    await card.getByRole('button', { name: 'Внести согласие' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Редакция текста согласия').fill('2026-э2е');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await card.getByRole('cell', { name: '2026-э2е', exact: true }).waitFor();

    await card.getByRole('button', { name: 'Заблокировать' }).click();
    await page.getByRole('dialog').getByLabel('Основание блокирования').fill('Запрос субъекта о недостоверности');
    await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
    await card.getByText(/Обработка заблокирована/).waitFor();
    expect((await api<{ blocked: unknown }>(`/api/staff/${person.id}/privacy`)).blocked).not.toBeNull();
    await card.getByRole('button', { name: 'Снять блокирование' }).click();
    await card.getByRole('button', { name: 'Заблокировать' }).waitFor();

    await page.getByRole('menuitem', { name: 'Персональные данные' }).click();
    await page.getByRole('heading', { name: 'Доступ к персональным данным' }).waitFor();
    await page.getByText('Администратор организации').first().waitFor();
    await page.getByText('Акты уничтожения персональных данных').waitFor();
    await page.close();
  });
});
