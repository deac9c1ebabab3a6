import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const shots = process.env.E2E_SCREENSHOTS ?? os.tmpdir();

describe.skipIf(!baseUrl)('bank of practices in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-practices-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a teacher submits with a file, the region assigns the expert, the expert scores and publishes, anyone finds it in the open catalog', async () => {
    const marker = `Геометрия в архитектуре родного города ${Date.now() % 100000}`;
    const file = path.join(dir, 'Технологическая карта урока.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n% технологическая карта\n%%EOF\n');

    // the teacher submits
    const teacher = await signIn(browser, baseUrl, 'teacher');
    await teacher.getByRole('link', { name: 'Банк практик' }).click();
    await teacher.getByRole('link', { name: 'Подать практику' }).click();
    await teacher.getByLabel('Название практики').fill(marker);
    await teacher.getByLabel('Описание').fill('Учащиеся 8 класса находят подобие и симметрию в зданиях родного города, составляют маршрут и защищают проекты.');
    await teacher.getByLabel('Результаты и эффекты').fill('Качество знаний по геометрии выросло с 48 до 61 %.');
    await teacher.locator('input[type=file]').setInputFiles(file);
    await teacher.screenshot({ path: path.join(shots, 'practices-1-form.png'), fullPage: true });
    await teacher.getByRole('button', { name: 'Подать практику' }).click();
    await teacher.getByText('Подана, ожидает экспертизы').first().waitFor();
    await teacher.getByText('Технологическая карта урока.pdf').waitFor();
    const practiceUrl = teacher.url();
    expect(practiceUrl).toMatch(/\/practices\/[0-9a-f-]{36}$/);
    await teacher.close();

    // the region assigns the expert
    const region = await signIn(browser, baseUrl, 'region');
    await region.goto(practiceUrl);
    const accounts = (await (await fetch(`${baseUrl}/api/auth/demo-accounts`)).json()).accounts as { login: string; displayName: string }[];
    const expertName = accounts.find((a) => a.login === 'expert')!.displayName;
    await region.getByLabel('Эксперты практики').click();
    await region.locator('.ant-select-item-option', { hasText: expertName }).click();
    await region.keyboard.press('Escape');
    await region.getByRole('button', { name: 'Назначить' }).click();
    await region.getByText('ожидается оценка').waitFor();
    await region.screenshot({ path: path.join(shots, 'practices-2-assigned.png'), fullPage: true });
    await region.close();

    // the expert finds it in their queue, scores by criteria and publishes
    const expert = await signIn(browser, baseUrl, 'expert');
    await expert.getByText('Практики на экспертизе').waitFor();
    await expert.screenshot({ path: path.join(shots, 'practices-3-expert-home.png') });
    await expert.getByRole('link', { name: 'Банк практик' }).click();
    await expert.getByText('Мне на экспертизу').waitFor();
    await expert.getByRole('link', { name: marker }).waitFor();
    await expert.screenshot({ path: path.join(shots, 'practices-3-queue.png') });
    await expert.getByRole('link', { name: marker }).click();
    for (const [label, score] of [['Актуальность', '5'], ['Новизна', '4'], ['Результативность', '5'], ['Возможность тиражирования', '4'], ['Методическая обоснованность', '5']]) {
      await expert.getByRole('spinbutton', { name: label }).fill(score);
    }
    await expert.getByLabel('Заключение').fill('Практика актуальна, результаты подтверждены.');
    await expert.getByRole('button', { name: 'Сохранить оценку' }).click();
    await expert.getByText('Средний балл: 4,60').waitFor();
    await expert.getByRole('button', { name: 'Опубликовать' }).click();
    await expert.getByRole('button', { name: 'Подтвердить' }).click();
    await expert.getByText('Опубликована').first().waitFor();
    await expert.screenshot({ path: path.join(shots, 'practices-3-published.png'), fullPage: true });
    await expert.close();

    // a browser without a session opens the open catalog and finds it
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}/practices-catalog`);
    await visitor.getByLabel('Поиск по каталогу').fill('архитектуре родного');
    await visitor.getByRole('button', { name: 'Найти' }).click();
    await visitor.getByRole('link', { name: marker }).waitFor();
    await visitor.waitForLoadState('networkidle');
    await visitor.screenshot({ path: path.join(shots, 'practices-4-catalog.png'), fullPage: true });
    await visitor.getByRole('link', { name: marker }).click();
    await visitor.getByRole('heading', { name: marker }).waitFor();
    expect(await visitor.getByRole('link', { name: /Технологическая карта урока\.pdf/ }).getAttribute('href')).toMatch(/^\/api\/public\/practices\/.+\/files\//);
    await expect(visitor.getByRole('button', { name: 'Войти' }).isVisible()).resolves.toBe(true);
    await visitor.screenshot({ path: path.join(shots, 'practices-5-public-card.png'), fullPage: true });
    expect((await context.cookies()).filter((c) => c.name === 'sid')).toEqual([]);
    await context.close();
  });

  it('shows the navigator of resources and the registry of sites', async () => {
    const page = await signIn(browser, baseUrl, 'teacher');
    await page.getByRole('link', { name: 'Навигатор ресурсов' }).click();
    await page.getByRole('link', { name: /Единое содержание общего образования/ }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'practices-6-resources.png'), fullPage: true });
    await page.getByRole('link', { name: 'Инновационные площадки' }).click();
    await page.getByText(/Найдено: \d+ площад/).waitFor();
    await page.screenshot({ path: path.join(shots, 'practices-7-sites.png'), fullPage: true });
    await page.close();
  });
});
