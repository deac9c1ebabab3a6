import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');

/** Today and the current hour in Moscow (UTC+3). */
function moscowNow() {
  const d = new Date(Date.now() + 3 * 3600_000);
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/e2e-events-${name}.png`, fullPage: true });

describe.skipIf(!baseUrl)('events calendar in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('municipal creates an event, the teacher registers, municipal marks attendance and files the report with a photo', async () => {
    const municipal = await signIn(browser, baseUrl!, 'municipal');
    const api = await apiAs(municipal, baseUrl!);
    const me = await api('/api/auth/me');
    const authority = (await api(`/api/organizations?kind=municipal_authority&territoryId=${me.roles[0].territoryId}`)).items[0];

    await municipal.getByRole('link', { name: 'Календарь мероприятий' }).click();
    await municipal.getByRole('heading', { name: 'Календарь мероприятий' }).waitFor();
    await municipal.locator('.events-day li').first().waitFor();
    await shot(municipal, 'month');

    // the new event, starting an hour ago (Moscow time) so that attendance and the report are open
    const title = `Семинар «Наставничество» ${Date.now()}`;
    await municipal.getByRole('button', { name: 'Новое мероприятие' }).click();
    const dialog = municipal.getByRole('dialog', { name: 'Новое мероприятие' });
    await dialog.getByLabel('Название').fill(title);
    await dialog.getByLabel('Организатор').fill(authority.shortName.slice(0, 12));
    await municipal.locator('.ant-select-item-option').filter({ hasText: authority.shortName }).first().click();
    const { date, hour } = moscowNow();
    await dialog.getByLabel('Дата').fill(date.split('-').reverse().join('.'));
    await dialog.getByLabel('Дата').press('Enter');
    const start = `${String(Math.max(0, hour - 1)).padStart(2, '0')}:00`;
    await dialog.getByPlaceholder('Начало').click();
    await dialog.getByPlaceholder('Начало').fill(start);
    await dialog.getByPlaceholder('Начало').press('Enter');
    await dialog.getByPlaceholder('Окончание').fill('23:55');
    await dialog.getByPlaceholder('Окончание').press('Enter');
    await dialog.getByLabel('Место проведения').fill('МБОУ СОШ, актовый зал');
    await dialog.getByLabel('Количество мест').fill('30');
    await shot(municipal, 'create');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await municipal.getByRole('heading', { name: title }).waitFor();
    const eventUrl = municipal.url();
    expect(eventUrl).toMatch(/\/events\/[0-9a-f-]{36}$/);
    expect(await municipal.getByText(`${date.split('-').reverse().join('.')} ${start}–23:55 (МСК)`).count()).toBe(1);

    // the teacher registers
    const teacher = await signIn(browser, baseUrl!, 'teacher');
    await teacher.goto(eventUrl);
    await teacher.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await teacher.getByText('Вы зарегистрированы', { exact: true }).first().waitFor();
    const teacherName = (await (await apiAs(teacher, baseUrl!))('/api/auth/me')).displayName as string;

    // municipal marks attendance
    await municipal.reload();
    const mark = municipal.getByLabel(`Присутствовал(а): ${teacherName}`);
    await mark.check();
    await municipal.getByRole('button', { name: 'Сохранить отметки посещения' }).click();
    await municipal.getByText('Посещение отмечено').waitFor();

    // and files the report with a photo and a media link
    await municipal.getByRole('button', { name: 'Подать отчёт' }).click();
    await municipal.getByLabel('Число участников').fill('24');
    await municipal.getByLabel('Краткие итоги').fill('Рассмотрены формы наставничества, проведён практикум.');
    await municipal.getByLabel('Ссылки на публикации в СМИ и на сайтах').fill('https://uo.example.ru/news/seminar');
    await municipal.locator('input[type=file]').setInputFiles({ name: 'семинар.png', mimeType: 'image/png', buffer: png });
    await municipal.getByRole('button', { name: 'Подать отчёт' }).click();
    const report = municipal.getByTestId('event-report');
    await report.waitFor();
    expect(await report.getByText('24', { exact: true }).count()).toBe(1);
    expect(await report.getByRole('link', { name: 'https://uo.example.ru/news/seminar' }).count()).toBe(1);
    const img = report.getByRole('img', { name: 'семинар.png' });
    await img.waitFor();
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await shot(municipal, 'card');

    // the teacher sees the report and their attendance
    await teacher.reload();
    await teacher.getByTestId('event-report').getByText('Рассмотрены формы наставничества, проведён практикум.').waitFor();
    const regs = await (await apiAs(teacher, baseUrl!))(`/api/events/${eventUrl.split('/').pop()}/registrations`);
    expect(regs.items[0]).toMatchObject({ status: 'registered', attended: true });

    // the list view with «my registrations», and the subscription address
    await teacher.goto(`${baseUrl}/events?view=list&mine=true`);
    await teacher.getByRole('link', { name: title }).waitFor();
    await teacher.getByRole('button', { name: 'Подписка' }).click();
    await teacher.getByRole('button', { name: 'Мои мероприятия' }).click();
    const feedUrl = (await teacher.getByTestId('feed-url').innerText()).trim();
    const ics = await (await fetch(feedUrl)).text();
    expect(ics).toContain(title.replace(/[,;]/g, '\\$&'));
    await shot(teacher, 'subscription');
    await teacher.close();
    await municipal.close();
  });

  it('shows annual calendars, communities and contests', async () => {
    const region = await signIn(browser, baseUrl!, 'region');
    await region.getByRole('link', { name: 'Календарь мероприятий' }).click();
    await region.getByRole('link', { name: 'Годовые календари' }).click();
    await region.getByRole('heading', { name: 'Годовые календари мероприятий' }).waitFor();
    await region.getByText('Утверждён').first().waitFor();
    await shot(region, 'calendars');
    await region.getByRole('link', { name: 'Сообщества' }).click();
    await region.getByRole('link', { name: /ММО учителей/ }).first().click();
    await region.getByRole('tab', { name: 'Заседания' }).click();
    await region.getByRole('link', { name: /Протокол № 1/ }).first().waitFor();
    await shot(region, 'community');
    await region.getByRole('link', { name: 'Конкурсы' }).click();
    await region.getByRole('tab', { name: /Региональный этап/ }).click();
    await region.getByRole('tabpanel').getByText('Победитель').first().waitFor();
    await shot(region, 'contests');
    await region.close();
  });
});
