import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const shot = (name: string) => `/tmp/mentoring-${name}.png`;

describe.skipIf(!baseUrl)('mentoring in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('a school administrator confirms a suggested mentor; the pair shows on the mentee’s card, to the mentor and in the young specialists list', async () => {
    const year = new Date().getFullYear();
    const page = await signIn(browser, baseUrl, 'school');
    const api = await apiAs(page, baseUrl);
    const me = await api<{ roles: { organizationId: string }[] }>('/api/auth/me');
    const { accounts } = await api<{ accounts: { login: string; displayName: string }[] }>('/api/auth/demo-accounts');
    const mentorName = accounts.find((a) => a.login === 'mentor')!.displayName;

    // a young mathematics teacher just hired by the school: no mentor, no account
    const mentee = await api<{ id: string }>('/api/staff', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        surname: 'Абакумова',
        name: 'Ангелина',
        patronymic: 'Игоревна',
        birthDate: `${year - 23}-05-20`,
        professionStartYear: year,
        positions: [{ organizationId: me.roles[0].organizationId, title: 'Учитель математики', staffCategory: 'pedagogical', subjects: ['Математика'] }],
      }),
    });
    const menteeName = 'Абакумова Ангелина Игоревна';
    const suggestions = await api<{ items: { staffId: string; candidates: { fullName: string }[] }[] }>('/api/mentorships/suggestions?limit=20');
    const mine = suggestions.items.find((s) => s.staffId === mentee.id);
    expect(mine?.candidates.map((c) => c.fullName), 'the demo mentor is suggested').toContain(mentorName);

    await page.getByRole('menuitem', { name: 'Наставничество' }).click();
    await page.getByRole('heading', { name: 'Наставничество' }).waitFor();
    await page.getByRole('tab', { name: 'Предложения' }).click();
    const confirm = page.getByRole('button', { name: `Подтвердить наставника ${mentorName} для ${menteeName}` });
    await confirm.waitFor();
    await page.screenshot({ path: shot('suggestions'), fullPage: false });
    await confirm.click();
    await page.getByRole('button', { name: 'Закрепить' }).click();
    // (a picture of the page if the confirmation does not come: what the administrator saw instead)
    await page
      .getByText(`Наставник ${mentorName} закреплён за ${menteeName}`)
      .waitFor()
      .catch(async (e) => {
        await page.screenshot({ path: shot('confirm-failed'), fullPage: true });
        throw e;
      });
    // the confirmed person leaves the suggestions
    await expect.poll(() => confirm.count()).toBe(0);
    // the school's programme and the manual form are there too
    await page.getByRole('tab', { name: 'Программы' }).click();
    await page.getByText(/^Найдено: \d+ программ/).waitFor();
    await page.screenshot({ path: shot('programmes'), fullPage: false });
    await page.getByRole('tab', { name: 'Пары', exact: true }).click();
    await page.getByRole('button', { name: 'Закрепить наставника' }).click();
    await page.getByRole('dialog').filter({ hasText: 'Новая наставническая пара' }).getByLabel('Наставляемый').waitFor();
    await page.screenshot({ path: shot('new-pair'), fullPage: false });
    await page.getByRole('button', { name: 'Отмена' }).click();

    // the pair on the mentee's card
    await page.goto(`${baseUrl}/staff/${mentee.id}`);
    await page.getByRole('heading', { name: menteeName }).waitFor();
    // the card titled «Наставничество» (the personal-data card names mentoring among its purposes)
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^Наставничество$/ }) });
    await card.getByRole('link', { name: mentorName }).waitFor();
    await expect.poll(() => card.getByText('Действует').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('staff-card'), fullPage: true });

    // and in the young specialists list, with support
    await page.getByRole('menuitem', { name: 'Молодые специалисты' }).click();
    await page.getByRole('heading', { name: 'Молодые специалисты' }).waitFor();
    await page.getByText(/^Найдено: /).waitFor();
    await page.screenshot({ path: shot('young-specialists'), fullPage: false });
    await page.getByPlaceholder('Фамилия, имя').fill('Абакумова Ангелина');
    const row = page.getByRole('row').filter({ hasText: menteeName });
    await row.getByText(mentorName).waitFor();
    await expect.poll(() => row.getByText('Наставник', { exact: true }).count()).toBe(1);
    await page.close();

    // the mentor's cabinet: the new mentee beside the demo teacher; a meeting goes into the log
    const mentorPage = await signIn(browser, baseUrl, 'mentor');
    await mentorPage.getByRole('menuitem', { name: 'Наставничество' }).click();
    const mentees = mentorPage.locator('.ant-card').filter({ hasText: 'Мои наставляемые' });
    await mentees.getByRole('link', { name: menteeName }).waitFor();
    expect(await mentees.locator('.ant-list-item').count()).toBeGreaterThanOrEqual(2);
    await mentorPage.screenshot({ path: shot('mentor-cabinet'), fullPage: true });
    await mentees.locator('.ant-list-item').filter({ hasText: menteeName }).getByRole('link', { name: 'Открыть пару' }).click();
    await mentorPage.getByRole('heading', { name: `${mentorName} → ${menteeName}` }).waitFor();
    await mentorPage.getByLabel('Тема').fill('Знакомство, план на первую четверть');
    await mentorPage.getByRole('button', { name: 'Записать встречу' }).click();
    await mentorPage.getByRole('cell', { name: 'Знакомство, план на первую четверть' }).waitFor();
    await mentorPage.screenshot({ path: shot('pair'), fullPage: true });
    await mentorPage.close();

    // the demo teacher, a mentee with an account, sees their mentor
    const teacherPage = await signIn(browser, baseUrl, 'teacher');
    await teacherPage.getByRole('menuitem', { name: 'Наставничество' }).click();
    await teacherPage.locator('.ant-card').filter({ hasText: 'Мой наставник' }).getByRole('link', { name: mentorName }).waitFor();
    await teacherPage.screenshot({ path: shot('teacher'), fullPage: false });
    await teacherPage.close();
  });
});
