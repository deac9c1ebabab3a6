import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, requireActor, deps } from '../../lib/http.js';
import { attachment } from '../../lib/download.js';
import { todayIso } from '../../lib/dates.js';
import { annualReportLayout, systemPassportLayout } from '../../../common/report-layout.js';
import { exportReport, getAnnualReport } from './reports.service.js';
import { getSystemPassport } from './report-passport.js';

// the writers bring ECharts and PDFKit (≈ 0,8 s to load): loaded by the first report, not by every start
const writeReportDocx = async (...a: Parameters<typeof import('./report-docx.js').writeReportDocx>) => (await import('./report-docx.js')).writeReportDocx(...a);
const writeReportPdf = async (...a: Parameters<typeof import('./report-pdf.js').writeReportPdf>) => (await import('./report-pdf.js')).writeReportPdf(...a);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = 'application/pdf';

const Year = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .default(() => Number(todayIso().slice(0, 4)))
  .openapi({ description: 'Отчётный год; прошедший год — по данным на 31 декабря, текущий — на сегодня' });
const Level = z
  .object({ kind: z.enum(['region', 'municipality', 'organization']), id: z.uuid(), name: z.string(), territoryId: z.uuid(), parents: z.array(z.string()) })
  .openapi('ReportLevel');
const Section = z.record(z.string(), z.unknown());
/** What every report carries: its level, period and section titles. */
const ReportHead = z.object({
  level: Level,
  year: z.number().int(),
  asOf: z.string().openapi({ description: 'Дата, на которую взяты данные' }),
  closed: z.boolean().openapi({ description: 'Год завершён (данные на 31 декабря)' }),
  generatedAt: z.string(),
  sections: z.record(z.string(), z.string()).openapi({ description: 'Заголовки разделов по порядку' }),
});
const AnnualReport = ReportHead.extend({
  summary: Section,
  indicators: Section,
  roadmaps: Section,
  events: Section,
  courses: Section,
  mentoring: Section,
  documents: Section,
  recommendations: Section,
}).openapi('AnnualReport');
const SystemPassport = ReportHead.extend({
  staff: Section,
  programs: Section,
  infrastructure: Section,
  engagement: z.array(Section),
  resources: Section,
  results: Section,
}).openapi('SystemPassport');

const fileContent = (schema: z.ZodTypeAny, formats: Record<string, string>) => ({
  description: 'Отчёт: JSON, DOCX или PDF по параметру format',
  content: { 'application/json': { schema }, ...Object.fromEntries(Object.values(formats).map((mime) => [mime, { schema: z.string().openapi({ format: 'binary' }) }])) },
});

const tags = ['Отчёты'];

export const reportsApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/annual',
      tags,
      summary: 'Ежегодный отчёт уровня (регион, муниципалитет, организация): показатели, дорожные карты, мероприятия, курсы, наставничество, документы, рекомендации',
      request: {
        query: z.object({
          territoryId: z.uuid().optional().openapi({ description: 'Регион или муниципалитет; по умолчанию — верхняя территория области доступа' }),
          organizationId: z.uuid().optional().openapi({ description: 'Организация (вместо территории)' }),
          year: Year,
          format: z.enum(['json', 'docx', 'pdf']).default('json'),
        }),
      },
      responses: { 200: fileContent(AnnualReport, { docx: DOCX, pdf: PDF }), ...commonErrors },
    }),
    async (c) => {
      const { db } = deps(c);
      const actor = requireActor(c);
      const { format, ...q } = c.req.valid('query');
      const report = await getAnnualReport(db, actor, q);
      if (format === 'json') return c.json(report, 200);
      const layout = annualReportLayout(report);
      const data = format === 'docx' ? await writeReportDocx(layout) : await writeReportPdf(layout);
      await exportReport(db, actor, { kind: 'annual', format, level: report.level, year: report.year });
      return attachment(data, { mime: format === 'docx' ? DOCX : PDF, fileName: `${layout.fileName}.${format}` }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/system-passport',
      tags,
      summary: 'Паспорт региональной (муниципальной) системы научно-методического сопровождения: кадры, программы, инфраструктура, вовлечённость, ресурсы, результаты',
      request: {
        query: z.object({
          territoryId: z.uuid().optional().openapi({ description: 'Регион или муниципалитет; по умолчанию — верхняя территория области доступа' }),
          year: Year,
          format: z.enum(['json', 'docx']).default('json'),
        }),
      },
      responses: { 200: fileContent(SystemPassport, { docx: DOCX }), ...commonErrors },
    }),
    async (c) => {
      const { db } = deps(c);
      const actor = requireActor(c);
      const { format, ...q } = c.req.valid('query');
      const passport = await getSystemPassport(db, actor, q);
      if (format === 'json') return c.json(passport, 200);
      const layout = systemPassportLayout(passport);
      const data = await writeReportDocx(layout);
      await exportReport(db, actor, { kind: 'system_passport', format, level: passport.level, year: passport.year });
      return attachment(data, { mime: DOCX, fileName: `${layout.fileName}.docx` }) as never;
    },
  );
