import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.skipIf(!baseUrl)('monitoring campaigns and targeted recommendations in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a form assigned to three schools: one submits on time in the browser, one late, one not at all — completeness shows 1 / 1 / 1', async () => {
    const region = await signIn(browser, baseUrl, 'region');
    const regionApi = await apiAs(region, baseUrl);
    const municipal = await signIn(browser, baseUrl, 'municipal');
    const muniApi = await apiAs(municipal, baseUrl);
    const school = await signIn(browser, baseUrl, 'school');
    const schoolApi = await apiAs(school, baseUrl);
    const muniId = (await muniApi<{ roles: { territoryId: string }[] }>('/api/auth/me')).roles[0].territoryId;
    const schoolId = (await schoolApi<{ roles: { organizationId: string }[] }>('/api/auth/me')).roles[0].organizationId;
    const others = (await muniApi<{ items: { id: string; kind: string }[] }>(`/api/organizations?territoryId=${muniId}&kind=school&limit=20`)).items.filter((o) => o.id !== schoolId);
    const [lateSchool, silentSchool] = others;

    // the region sets up the campaign: the school's deadline is ahead, the two others' has passed
    const title = 'Мониторинг наставничества (браузерная проверка)';
    const campaign = await regionApi<{ id: string; version: number }>(
      '/api/monitoring/campaigns',
      json({
        title,
        year: new Date().getFullYear(),
        periodLabel: 'I полугодие',
        collectFrom: day(-20),
        deadline: day(10),
        forms: [
          {
            title: 'Наставничество в школе',
            fields: [
              { key: 'staff_total', label: 'Численность работников', type: 'number', required: true, prefill: 'staff_total' },
              { key: 'mentored_share', label: 'Доля молодых специалистов с наставником', type: 'percent', required: true },
              { key: 'model', label: 'Целевая модель наставничества', type: 'choice', required: true, options: ['Да', 'Нет'] },
            ],
          },
        ],
      }),
    );
    await regionApi(`/api/monitoring/campaigns/${campaign.id}/assignments`, json({ organizationIds: [schoolId] }));
    await regionApi(`/api/monitoring/campaigns/${campaign.id}/assignments`, json({ organizationIds: [lateSchool.id, silentSchool.id], deadline: day(-3) }));
    await regionApi(`/api/monitoring/campaigns/${campaign.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'open', version: campaign.version }) });

    // ── the school: the form is on its home page, prefilled with what the system knows
    await school.goto(`${baseUrl}/`);
    await school.getByText('Мониторинг: формы к заполнению').waitFor();
    await school.getByRole('link', { name: title }).click();
    await school.getByText('Наставничество в школе').waitFor();
    const staffInput = school.getByLabel('Численность работников', { exact: true });
    const known = (await school.getByText(/из системы: \d+/).first().textContent())!.replace(/\D/g, '');
    expect(await staffInput.inputValue()).toBe(known);
    // a wrong value is refused as one types, in Russian
    await school.getByLabel('Доля молодых специалистов с наставником').fill('140');
    await school.getByText('«Доля молодых специалистов с наставником»: значение не может быть больше 100').waitFor();
    await school.getByLabel('Доля молодых специалистов с наставником').fill('75');
    await school.getByRole('button', { name: 'Отправить' }).click();
    await school.getByText('Заполните поле «Целевая модель наставничества»').waitFor();
    await school.getByLabel('Целевая модель наставничества').click();
    await school.locator('.ant-select-item-option').filter({ hasText: 'Да' }).click();
    await school.getByRole('button', { name: 'Отправить' }).click();
    await school.getByText('Данные отправлены').waitFor();
    await school.getByText('Сдано в срок').first().waitFor();

    // ── the neighbouring school sends after its deadline (the municipality fills in for it)
    const lateAssignment = (await muniApi<{ items: { id: string; organizationId: string }[] }>(`/api/monitoring/campaigns/${campaign.id}/assignments`)).items.find((a) => a.organizationId === lateSchool.id)!;
    const card = await muniApi<{ version: number; forms: { id: string }[] }>(`/api/monitoring/assignments/${lateAssignment.id}/submission`);
    await muniApi(`/api/monitoring/assignments/${lateAssignment.id}/submission/transition`, json({ action: 'submit', version: card.version, values: { [card.forms[0].id]: { staff_total: 30, mentored_share: 50, model: 'Нет' } } }));

    // ── the region reads the reporting rate: one on time, one late, one missing
    await region.goto(`${baseUrl}/monitoring`);
    await region.getByRole('link', { name: title }).click();
    await region.getByRole('tab', { name: 'Полнота сдачи' }).waitFor();
    const muniName = (await regionApi<{ name: string }>(`/api/territories/${muniId}`)).name;
    const row = region.getByRole('row').filter({ hasText: muniName }).first();
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // municipality, assigned, on time, late, missing, pending, %
    expect(cells).toEqual([muniName, '3', '1', '1', '1', '0', '66,7 %']);
    await region.getByText('Сдано с опозданием').first().waitFor();
    await region.getByText('Не сдано, срок истёк').first().waitFor();

    // ── and reminds the school that has sent nothing
    await region.getByRole('button', { name: /Напомнить не отправившим \(1\)/ }).click();
    await region.getByText(/Напоминание записано: 1/).waitFor();
  });

  it('the region issues a recommendation to a municipality, the municipality responds, the region sees the response', async () => {
    const region = await signIn(browser, baseUrl, 'region');
    const municipal = await signIn(browser, baseUrl, 'municipal');
    const muniApi = await apiAs(municipal, baseUrl);
    const muniId = (await muniApi<{ roles: { territoryId: string }[] }>('/api/auth/me')).roles[0].territoryId;

    // opened from the dashboard with the municipality, the indicator and the period
    await region.goto(`${baseUrl}/recommendations/new?territoryId=${muniId}&indicatorCode=learning_plan&period=2026`);
    await region.getByRole('heading', { name: 'Новая рекомендация' }).waitFor();
    expect(await region.getByLabel('Тема').inputValue()).toMatch(/learning_plan|ИОМ|маршрут/);
    expect(await region.getByLabel('Период').inputValue()).toBe('2026');
    await region.getByLabel('Тема').fill('Построить ИОМ для педагогов с дефицитами (браузерная проверка)');
    await region.getByLabel('Текст рекомендации').fill('Организовать построение индивидуальных образовательных маршрутов по итогам диагностики для всех педагогов с выявленными дефицитами.');
    await region.getByRole('button', { name: 'Выдать рекомендацию' }).click();
    await region.getByText('Рекомендация выдана').waitFor();
    await region.getByText('Выдана', { exact: true }).first().waitFor();
    const cardUrl = region.url();

    // ── the municipality finds it among those addressed to it and responds
    await municipal.getByRole('menuitem', { name: 'Адресные рекомендации' }).click();
    await municipal.getByRole('link', { name: 'Построить ИОМ для педагогов с дефицитами (браузерная проверка)' }).click();
    await municipal.getByLabel('Что сделано').fill('Тьюторы ЦНППМ построили ИОМ для 64 педагогов; график сопровождения утверждён приказом управления образования.');
    await municipal.getByRole('button', { name: 'Отправить ответ' }).click();
    await municipal.getByText('Ответ отправлен').waitFor();
    await municipal.getByText('Получен ответ').first().waitFor();

    // ── the region sees the response and accepts the execution
    await region.goto(cardUrl);
    await region.getByText('Тьюторы ЦНППМ построили ИОМ для 64 педагогов').waitFor();
    await region.getByRole('button', { name: 'Принять исполнение' }).click();
    await region.getByText('Исполнение принято').first().waitFor();
  });
});
