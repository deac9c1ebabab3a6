import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import JSZip from 'jszip';
import { launchBrowser, signIn, apiAs } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const shots = process.env.E2E_SHOTS_DIR; // set it to look at the pages after a run

type Api = Awaited<ReturnType<typeof apiAs>>;
interface Plan {
  id: string;
  status: string;
  version: number;
  tutor: { userId: string } | null;
  actions: string[];
  items: { id: string; title: string; status: string; version: number }[];
}

const today = new Date().toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

function reportForm(text: string) {
  const form = new FormData();
  form.append('text', text);
  return form;
}

/** The teacher may have an open plan from demo data or an earlier run: walk it to completion
 *  through the API (agree, report, accept, complete), since a person has one open plan. */
async function closeOpenPlans(staffId: string, tutorUserId: string, as: { region: Api; teacher: Api; tutor: Api }) {
  const { items } = await as.region<{ items: { id: string; status: string }[] }>(`/api/learning-plans?staffId=${staffId}&limit=100`);
  for (const { id } of items.filter((p) => p.status !== 'completed')) {
    let plan = await as.region<Plan>(`/api/learning-plans/${id}`);
    const post = (api: Api, url: string, body: unknown) => api<Plan>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (plan.tutor?.userId !== tutorUserId)
      plan = await as.region<Plan>(`/api/learning-plans/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: plan.version, tutorUserId }) });
    if (plan.status === 'draft') {
      for (const api of [as.teacher, as.tutor]) {
        plan = await api<Plan>(`/api/learning-plans/${id}`);
        if (plan.actions.includes('agree')) plan = await post(api, `/api/learning-plans/${id}/transition`, { version: plan.version, action: 'agree' });
      }
    }
    for (const item of plan.items.filter((i) => i.status !== 'accepted')) {
      let current = item;
      if (item.status === 'planned' || item.status === 'returned') current = await as.teacher(`/api/learning-plan-items/${item.id}/report`, { method: 'POST', body: reportForm('Выполнено') });
      await post(as.tutor, `/api/learning-plan-items/${item.id}/review`, { version: current.version, decision: 'accept' });
    }
    plan = await as.tutor<Plan>(`/api/learning-plans/${id}`);
    if (plan.status === 'agreed') plan = await post(as.tutor, `/api/learning-plans/${id}/transition`, { version: plan.version, action: 'start' });
    await post(as.tutor, `/api/learning-plans/${id}/transition`, { version: plan.version, action: 'complete' });
  }
}

/** The text of a DOCX's main part, tags stripped. */
async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:tab\/>|<\/w:p>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

describe.skipIf(!baseUrl)('learning chain in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-learning-'));
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tutor drafts a plan from deficits, both agree, the teacher reports with a file, the tutor accepts, the DOCX names deficits and items', async () => {
    // ── setup through the API: a diagnostic where the teacher scores under the thresholds
    const region = await signIn(browser, baseUrl, 'region');
    const tutor = await signIn(browser, baseUrl, 'tutor');
    const teacher = await signIn(browser, baseUrl, 'teacher');
    const as = { region: await apiAs(region, baseUrl), tutor: await apiAs(tutor, baseUrl), teacher: await apiAs(teacher, baseUrl) };
    const teacherMe = await as.teacher<{ staffId: string }>('/api/auth/me');
    const tutorMe = await as.tutor<{ id: string }>('/api/auth/me');
    const staffId = teacherMe.staffId;
    const catalog = await as.region<{ groups: { code: string; competencies: { id: string; code: string; name: string }[] }[] }>('/api/competencies');
    const measured = catalog.groups.flatMap((g) => g.competencies).slice(0, 2);
    expect(measured).toHaveLength(2);
    const { items: centres } = await as.region<{ items: { id: string }[] }>('/api/organizations?kind=cnppm&limit=1');
    const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const assessment = await as.region<{ id: string }>(
      '/api/assessments',
      json({ title: 'Диагностика для проверки ИОМ в браузере', tool: 'regional', organizerOrganizationId: centres[0].id, windows: [{ from: monthAgo, to: today }], competencies: measured.map((c) => ({ competencyId: c.id, threshold: 60 })) }),
    );
    const saved = await as.region<{ deficitCount: number; fullName: string }>(
      `/api/assessments/${assessment.id}/results`,
      json({ staffId, measuredOn: today, scores: measured.map((c, i) => ({ competencyId: c.id, score: 35 + i * 10 })) }),
    );
    expect(saved.deficitCount).toBe(2);
    const fullName = saved.fullName;
    await closeOpenPlans(staffId, tutorMe.id, as);

    // ── the tutor sees the teacher in «Мои подопечные» and drafts the plan from the deficits
    await tutor.getByRole('menuitem', { name: 'Мои подопечные' }).click();
    await tutor.getByRole('heading', { name: 'Мои подопечные' }).waitFor();
    await tutor.getByText('Есть дефициты, нет ИОМ').first().waitFor();
    await shot(tutor, '1-tutor-cabinet');
    await tutor.getByRole('link', { name: `Составить ИОМ: ${fullName}` }).click();
    await tutor.getByRole('heading', { name: 'Составить ИОМ' }).waitFor();
    for (const c of measured) await tutor.getByRole('cell', { name: new RegExp(`${c.code}.*${c.name.slice(0, 20)}`) }).first().waitFor();
    await tutor.getByText(/^Закрывает дефицит/).first().waitFor();
    await shot(tutor, '2-plan-draft');
    await tutor.getByRole('button', { name: 'Сохранить черновик ИОМ' }).click();
    await tutor.getByText('Черновик ИОМ сохранён').waitFor();
    await tutor.getByRole('button', { name: 'Согласовать' }).click();
    await tutor.getByText('Ваше согласование отмечено').waitFor();
    const planId = new URL(tutor.url()).pathname.split('/')[2];
    let plan = await as.tutor<Plan>(`/api/learning-plans/${planId}`);
    expect(plan.status).toBe('draft');
    expect(plan.items.length).toBeGreaterThanOrEqual(2);
    const first = plan.items[0];

    // ── the teacher agrees in «Моё развитие» and reports on the first item with a file
    await teacher.getByRole('menuitem', { name: 'Моё развитие' }).click();
    await teacher.getByRole('heading', { name: 'Моё развитие' }).waitFor();
    await teacher.getByRole('button', { name: 'Согласовать' }).click();
    await teacher.getByText('ИОМ согласован обеими сторонами').waitFor();
    await teacher.getByRole('button', { name: `Отчитаться: ${first.title}` }).click();
    const evidence = path.join(dir, 'сертификат-участника.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await teacher.getByLabel('Что сделано').fill('Мероприятие выполнено, подтверждение приложено');
    await teacher.locator('.ant-modal input[type=file]').setInputFiles(evidence);
    await teacher.getByRole('button', { name: 'Отправить отчёт' }).click();
    await teacher.getByText('Отчёт отправлен тьютору').waitFor();
    await teacher.getByRole('button', { name: /сертификат-участника\.pdf/ }).waitFor();
    await shot(teacher, '3-my-development');

    // ── the tutor accepts the report on the plan page
    await tutor.reload();
    await tutor.getByText('Отчётов на проверке: 1').waitFor();
    await tutor.getByRole('button', { name: `Принять отчёт: ${first.title}` }).click();
    await tutor.getByText('Отчёт принят').waitFor();
    await shot(tutor, '4-plan');
    plan = await as.tutor<Plan>(`/api/learning-plans/${planId}`);
    expect(plan.status).toBe('in_progress');
    expect(plan.items.find((i) => i.id === first.id)!.status).toBe('accepted');

    // ── the DOCX for signatures names the deficits and the items
    const [download] = await Promise.all([tutor.waitForEvent('download'), tutor.getByRole('button', { name: 'Скачать DOCX' }).click()]);
    const file = path.join(dir, 'plan.docx');
    await download.saveAs(file);
    const text = await docxText(file);
    for (const c of measured) expect(text).toContain(c.name);
    for (const i of plan.items) expect(text).toContain(i.title);

    if (shots) {
      for (const [page, url, name] of [
        [region, '/coverage', '5-coverage'],
        [region, `/assessments/${assessment.id}`, '6-assessment'],
        [region, '/competencies', '7-competencies'],
        [region, '/programs', '8-programs'],
        [region, '/enrollments', '9-enrollments'],
      ] as const) {
        await page.goto(`${baseUrl}${url}`, { timeout: 60_000 });
        await page.waitForLoadState('networkidle', { timeout: 60_000 });
        await shot(page, name);
      }
      await region.goto(`${baseUrl}/coverage`);
      await region.getByRole('button', { name: /^Прошли диагностику, .*: [1-9]/ }).first().click();
      await region.getByText('Найдено:').waitFor();
      await shot(region, '10-coverage-people');
    }
    await Promise.all([region.close(), tutor.close(), teacher.close()]);
  }, 120_000);
});
