import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';
import { readRoadmapDocx } from '../../server/modules/roadmaps/roadmap-reader.js';
import { writeRoadmapDocx } from '../../server/modules/roadmaps/roadmap-docx.js';

const baseUrl = inject('e2eBaseUrl');
const sample = path.resolve(process.cwd(), '../shared/samples/roadmap-000.docx');

interface Executor {
  text: string;
  organizationId: string | null;
  organizationName: string | null;
}
interface ActivityItem {
  id: string;
  number: string;
  responsible: Executor[];
}

/** The amended document: the sample with activity 1.2 removed, 2.1 moved to October, 3.4 added. */
async function amendedDocx(dir: string): Promise<string> {
  const parsed = await readRoadmapDocx(fs.readFileSync(sample));
  const sections = parsed.sections.map((s) => ({ ...s, activities: [...s.activities] }));
  sections[0].activities = sections[0].activities.filter((a) => a.number !== '1.2');
  sections[1].activities = sections[1].activities.map((a) => (a.number === '2.1' ? { ...a, deadlineText: 'Октябрь 2021 г.' } : a));
  sections[2].activities.push({
    number: '3.4',
    group: null,
    title: 'Ежегодный анализ исполнения плана мероприятий и подготовка предложений по его корректировке',
    responsibleText: 'Министерство',
    coExecutorsText: null,
    deadlineText: 'ежегодно (декабрь)',
    expectedResult: 'Аналитическая справка',
  });
  const file = path.join(dir, 'изменения-в-дорожную-карту.docx');
  fs.writeFileSync(
    file,
    await writeRoadmapDocx({ title: parsed.title ?? '', approvedBy: 'УТВЕРЖДЕН приказом Министерства от 10.01.2022 № 5 (в редакции изменений)', columns: parsed.columns, sections }),
  );
  return file;
}

const roadmapIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2];

describe.skipIf(!baseUrl)('roadmaps in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-roadmaps-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the regional roadmap, cascades it, takes a report, rolls it up and compares an amendment', async () => {
    // ── the region imports the DOCX and fixes an executor the reader could not link
    const region = await signIn(browser, baseUrl, 'region');
    const regionApi = await apiAs(region, baseUrl);
    await region.getByRole('menuitem', { name: 'Дорожные карты' }).click();
    await region.getByRole('link', { name: 'Загрузить дорожную карту' }).click();
    await region.locator('input[type=file]').setInputFiles(sample);
    await region.getByRole('button', { name: 'Сохранить дорожную карту' }).waitFor({ timeout: 60_000 });
    await region.getByText(/Исполнитель «ЦОПМКП».*не найден/).waitFor();

    const link = region.getByLabel('Связать «ЦОПМКП» (мероприятие 3.3) с организацией');
    await link.click();
    await link.fill('ЦНППМ');
    const option = region.locator('.ant-select-item-option').filter({ hasText: 'ЦНППМ' }).first();
    // an option's title is the organization's short name (its territory is shown below it)
    const cnppm = (await option.getAttribute('title'))!;
    await option.click();
    await region.locator('.ant-tag').filter({ hasText: cnppm }).first().waitFor();

    await region.getByRole('button', { name: 'Сохранить дорожную карту' }).click();
    await region.getByRole('tab', { name: 'Мероприятия' }).waitFor();
    const regionalId = roadmapIdOf(region);
    const { items: regional } = await regionApi<{ items: ActivityItem[] }>(`/api/roadmaps/${regionalId}/activities?limit=100`);
    expect(regional).toHaveLength(18);
    const fixed = regional.find((a) => a.number === '3.3')!;
    expect(fixed.responsible.find((e) => e.text === 'ЦОПМКП')?.organizationName).toBe(cnppm);

    // ── the municipality forms its own roadmap from the regional one
    const municipal = await signIn(browser, baseUrl, 'municipal');
    const municipalApi = await apiAs(municipal, baseUrl);
    const me = await municipalApi<{ roles: { scopeName: string }[] }>('/api/auth/me');
    const municipality = me.roles[0].scopeName;
    await municipal.goto(`${baseUrl}/roadmaps/${regionalId}`);
    await municipal.getByRole('button', { name: 'Создать муниципальную дорожную карту' }).click();
    await municipal.getByRole('button', { name: 'Сформировать' }).click();
    await municipal.getByText('Сформирована из').waitFor();
    const municipalId = roadmapIdOf(municipal);
    expect(municipalId).not.toBe(regionalId);

    // ── and reports on activity 1.4 with an evidence file, closing its control date
    await municipal.getByRole('link', { name: '1.4', exact: true }).click();
    await municipal.getByRole('heading', { name: 'Мероприятие 1.4' }).waitFor();
    const evidence = path.join(dir, 'приказ-45.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await municipal.getByLabel('Что сделано').fill('Критерии и показатели утверждены приказом управления образования');
    await municipal.getByLabel('Ссылки и реквизиты документов').fill('Приказ от 12.09.2021 № 45');
    await municipal.locator('input[type=file]').setInputFiles(evidence);
    await municipal.getByText('Мероприятие исполнено').click();
    await municipal.getByRole('button', { name: 'Отправить отчёт' }).click();
    await municipal.getByText('Отчёт отправлен').waitFor();
    await municipal.getByRole('button', { name: /приказ-45\.pdf/ }).waitFor();

    // ── the region sees it in the roll-up by municipality
    await region.reload();
    await region.getByRole('tab', { name: 'Исполнение по муниципалитетам' }).click();
    await region.getByRole('link', { name: new RegExp(`^${municipality}, мероприятие 1\\.4: выполнено.*отчётов: 1`) }).waitFor();
    const rollup = await regionApi<{ activities: { number: string; cells: { childRoadmapId: string | null; reports: number; status: string }[] }[] }>(
      `/api/roadmaps/${regionalId}/rollup`,
    );
    const cell = rollup.activities.find((a) => a.number === '1.4')!.cells.find((c) => c.childRoadmapId === municipalId)!;
    expect(cell).toMatchObject({ reports: 1, status: 'done' });

    // ── an amended document becomes revision 2 and the comparison shows what changed
    await region.getByRole('link', { name: 'Загрузить изменения' }).click();
    await region.locator('input[type=file]').setInputFiles(await amendedDocx(dir));
    await region.getByText('Что изменится относительно действующей редакции').waitFor({ timeout: 60_000 });
    await region.getByRole('button', { name: 'Сохранить новую редакцию' }).click();
    await region.getByText('Сравнить редакцию').waitFor();
    for (const text of ['Добавлено: 1', 'Исключено: 1', 'Изменено: 1']) await region.getByText(text).waitFor();
    await region.locator('.rm-before', { hasText: 'Август 2021 г.' }).waitFor();
    await region.locator('.rm-after', { hasText: 'Октябрь 2021 г.' }).waitFor();
    await region.getByText(/^3\.4 Ежегодный анализ исполнения/).waitFor();

    const comparison = await regionApi<{ added: { number: string }[]; removed: { number: string }[]; changed: { number: string; changes: { field: string }[] }[] }>(
      `/api/roadmaps/${regionalId}/compare`,
    );
    expect(comparison.added.map((a) => a.number)).toEqual(['3.4']);
    expect(comparison.removed.map((a) => a.number)).toEqual(['1.2']);
    expect(comparison.changed.map((c) => [c.number, c.changes.map((x) => x.field)])).toEqual([['2.1', ['deadline']]]);
    await municipal.close();
    await region.close();
  });
});
