import path from 'node:path';
import fs from 'node:fs';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';
import type { IndicatorValuesDto } from '../../server/modules/indicators/indicators.api.js';

const baseUrl = inject('e2eBaseUrl');
const shots = process.env.E2E_SHOTS_DIR; // set it to look at the pages after a run

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `indicators-${name}.png`), fullPage: true });
}

/** Russian number formats, written here independently of the UI's formatter. */
const ru = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 1 }).replace(/\u202f/g, '\u00a0');
const share = (n: number) => `${ru(n)}\u00a0%`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!baseUrl)('indicators dashboard in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('region sees the values against targets, drills into a municipality under target, opens the people without a diagnostic and issues a recommendation; the municipality responds', async () => {
    const year = new Date().getFullYear();
    const region = await signIn(browser, baseUrl, 'region');
    const municipal = await signIn(browser, baseUrl, 'municipal');
    const asRegion = await apiAs(region, baseUrl);
    const municipalMe = await (await apiAs(municipal, baseUrl))<{ roles: { territoryId: string | null }[] }>('/api/auth/me');
    const municipalityId = municipalMe.roles[0].territoryId!;

    // what the server computes now, to check the page against
    const values = await asRegion<IndicatorValuesDto>(`/api/indicators/values?period=${year}`);
    const municipality = values.children.find((c) => c.id === municipalityId)!;
    expect(municipality, 'the municipal account’s municipality is a row of the region').toBeDefined();
    const under = values.indicators.find((d) => municipality.values[d.code]?.status === 'below');
    expect(under, 'the demo municipality is under target on some indicator').toBeDefined();
    const diagnosed = values.indicators.find((d) => d.code === 'diagnosed')!;
    const title = (d: { number: string | null; name: string }) => (d.number ? `${d.number}. ${d.name}` : d.name);
    const card = (page: Page, d: { number: string | null; name: string }) =>
      page.locator('.ant-card').filter({ has: page.getByRole('button', { name: title(d), exact: true }) });

    // ── the dashboard of the region: every indicator with its value, coloured against its target
    await region.getByRole('menuitem', { name: 'Показатели' }).click();
    await region.getByRole('heading', { name: 'Показатели эффективности' }).waitFor();
    await region.getByRole('heading', { name: `${values.territory!.name} · ${year} год` }).waitFor();
    for (const d of values.indicators) {
      const v = values.total.values[d.code];
      const text = await card(region, d).innerText();
      expect(text, d.code).toContain(v.value == null ? '—' : d.unit === 'percent' ? share(v.value) : ru(v.value));
      expect(text, d.code).toContain({ met: 'Достигнуто', below: 'Ниже целевого', no_target: 'Нет целевого значения', no_data: 'Нет данных' }[v.status]);
    }
    await shot(region, '1-region');

    // ── the indicator under target: the municipalities ranked, ours marked below the target
    await card(region, under!).getByRole('button', { name: title(under!), exact: true }).click();
    await region.getByRole('button', { name: title(under!), exact: true, pressed: true }).waitFor();
    const row = region.getByRole('row').filter({ has: region.getByRole('link', { name: municipality.name, exact: true }) });
    await row.getByText('Ниже целевого').waitFor();
    expect(await row.innerText()).toContain(share(municipality.values[under!.code].value!));
    await shot(region, '2-ranking');

    // ── drill into the municipality: its organizations, the way back up in the breadcrumbs
    await row.getByRole('link', { name: municipality.name, exact: true }).click();
    await region.getByRole('heading', { name: `${municipality.name} · ${year} год` }).waitFor();
    await region.getByRole('navigation', { name: 'Уровни показателей' }).getByRole('link', { name: values.territory!.name }).waitFor();
    expect(new URL(region.url()).searchParams.get('territoryId')).toBe(municipalityId);
    await region.getByRole('tab', { name: /^Рейтинг: организации/ }).waitFor();
    await shot(region, '3-municipality');

    // ── the people behind indicator 1: those without a diagnostic this year, as many as the figure says
    const d1 = municipality.values.diagnosed;
    const missing = d1.denominator! - d1.numerator;
    expect(missing).toBeGreaterThan(0);
    await card(region, diagnosed).getByRole('button', { name: `Без диагностики в ${year} году, ${municipality.name}: ${ru(missing)}. Открыть список` }).click();
    const drawer = region.getByRole('dialog').filter({ hasText: `Не проходили диагностику — ${municipality.name}` });
    await drawer.getByText(new RegExp(`^Найдено: ${escape(ru(missing))} работник`)).waitFor();
    await drawer.getByRole('link').first().waitFor();
    await shot(region, '4-people');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: 'Закрыть' })).first().click();
    await drawer.waitFor({ state: 'hidden' });

    // ── «Выдать рекомендацию» on the municipality's card for the indicator under target
    await card(region, under!).getByRole('link', { name: `Выдать рекомендацию: ${municipality.name}, ${title(under!)}` }).click();
    await region.waitForURL(/\/recommendations\/new\?/, { waitUntil: 'commit' });
    const target = new URL(region.url());
    expect(Object.fromEntries(target.searchParams)).toEqual({ territoryId: municipalityId, indicatorCode: under!.code, period: String(year) });

    // ── the form comes prefilled with the addressee, the indicator and the period; region issues it
    await region.getByRole('heading', { name: 'Новая рекомендация' }).waitFor();
    const form = region.locator('form');
    await form.getByText(municipality.name, { exact: true }).waitFor();
    await expect.poll(() => form.getByLabel('Период').inputValue()).toBe(String(year));
    const marker = `проверка ${Date.now()}`;
    const topic = `Поднять показатель «${under!.name.slice(0, 40)}» (${marker})`;
    await form.getByLabel('Тема').fill(topic);
    await form.getByLabel('Текст рекомендации').fill('Составить план мер по достижению целевого значения и представить его в министерство.');
    await shot(region, '5-recommendation-form');
    await form.getByRole('button', { name: 'Выдать рекомендацию' }).click();
    await region.getByText('Рекомендация выдана').waitFor();
    await region.waitForURL(/\/recommendations\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    const recommendationId = new URL(region.url()).pathname.split('/')[2];
    const issued = await asRegion<{ status: string; indicatorCode: string; period: number; addressee: { name: string } }>(`/api/recommendations/${recommendationId}`);
    expect(issued).toMatchObject({ status: 'issued', indicatorCode: under!.code, period: year, addressee: { name: municipality.name } });

    // ── the municipality sees it among those addressed to it and responds
    await municipal.getByRole('menuitem', { name: 'Адресные рекомендации' }).click();
    await municipal.getByRole('heading', { name: 'Адресные рекомендации' }).waitFor();
    await municipal.getByText('Адресованные нам', { exact: true }).click();
    // the demo has recommendations of its own: find ours by its topic
    await municipal.getByRole('searchbox', { name: 'Поиск' }).or(municipal.getByLabel('Поиск', { exact: true })).first().fill(marker);
    await municipal.getByRole('link', { name: topic }).click();
    await municipal.getByRole('heading', { name: topic }).waitFor();
    await municipal.getByLabel('Что сделано').fill('План мер утверждён приказом управления образованием, направлен в школы; обучение запланировано на квартал.');
    await municipal.getByRole('button', { name: 'Отправить ответ' }).click();
    await municipal.getByText('Ответ отправлен').waitFor();
    await shot(municipal, '6-response');
    const answered = await asRegion<{ status: string; response: string | null }>(`/api/recommendations/${recommendationId}`);
    expect(answered.status).toBe('responded');
    expect(answered.response).toContain('План мер утверждён');
    await Promise.all([region.close(), municipal.close()]);
  });
});
