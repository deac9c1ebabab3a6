import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
/** Where to leave screenshots for a person to look at (optional). */
const shots = process.env.REPORT_SCREENSHOTS;

describe.skipIf(!baseUrl)('reports in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-reports-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the region opens «Отчёты», reads the annual report section by section, downloads its PDF and opens the system passport', async () => {
    const page = await signIn(browser, baseUrl, 'region');
    await page.getByRole('menuitem', { name: 'Отчёты' }).click();
    await page.getByRole('heading', { name: 'Отчёты', level: 2 }).waitFor();
    for (const title of ['1. Общие сведения', '2. Показатели эффективности', '3. Исполнение дорожных карт', '8. Адресные рекомендации']) {
      await page.getByText(title, { exact: true }).first().waitFor();
    }
    await page.getByText('Таблица показателей: значение и целевое значение').waitFor();
    await page.locator('[role="img"] canvas').first().waitFor();
    if (shots) await page.screenshot({ path: path.join(shots, 'reports-annual.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать PDF' }).click();
    const file = await download;
    const saved = path.join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('tab', { name: 'Паспорт системы' }).click();
    await page.getByText('1. Кадровый состав', { exact: true }).waitFor();
    await page.getByText('3. Инфраструктура системы', { exact: true }).waitFor();
    if (shots) await page.screenshot({ path: path.join(shots, 'reports-passport.png'), fullPage: true });
    await page.close();
  });

  it('a teacher has no «Отчёты»', async () => {
    const page = await signIn(browser, baseUrl, 'teacher');
    await expect(page.getByRole('menuitem', { name: 'Отчёты' }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/reports`);
    await page.getByText('Страница не найдена').waitFor();
    await page.close();
  });
});
