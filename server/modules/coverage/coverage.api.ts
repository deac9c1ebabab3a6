import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, PageQuery, jsonOk, pageOf, requireActor, deps, fileOk } from '../../lib/http.js';
import { xlsxResponse } from '../../lib/xlsx-response.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCoverage, findCoveragePeople, getTutorCabinet, coverageFilters, attentionReasons, type CoveragePeopleQuery } from './coverage.service.js';

const Figures = z.object({
  staff: z.number().int(),
  diagnosed: z.number().int().openapi({ description: 'Прошли диагностику' }),
  withDeficits: z.number().int().openapi({ description: 'Есть открытые дефициты' }),
  withPlan: z.number().int().openapi({ description: 'Есть согласованный ИОМ' }),
  deficitsWithoutPlan: z.number().int().openapi({ description: 'Есть дефициты, нет ИОМ' }),
  completedFederal: z.number().int().openapi({ description: 'Завершили программу федерального реестра' }),
  shares: z.object({ diagnosed: z.number(), withPlan: z.number(), completedFederal: z.number() }).openapi({ description: 'Доли от числа работников, %' }),
});
const Coverage = z
  .object({
    groupBy: z.enum(['municipality', 'organization']),
    territoryId: z.uuid().nullable(),
    year: z.number().int().nullable(),
    rows: z.array(Figures.extend({ id: z.uuid(), name: z.string() })),
    total: Figures,
  })
  .openapi('LearningCoverage');
const Filter = z.enum(coverageFilters).openapi('CoverageFilter', {
  description: 'diagnosed — прошли диагностику; no_diagnostic — не проходили; with_deficits — есть дефициты; deficits_no_plan — есть дефициты, нет ИОМ; with_plan — есть ИОМ; completed_federal — завершили программу федерального реестра',
});
const Person = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    organizations: z.array(z.string()),
    lastDiagnosticOn: z.string().nullable(),
    deficitCount: z.number().int(),
    plan: z.object({ id: z.uuid(), status: z.string() }).nullable(),
    completedFederal: z.number().int(),
  })
  .openapi('CoveragePerson');
const PeopleFilters = z.object({
  filter: Filter.optional(),
  territoryId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().max(200).optional(),
});
const Attention = z.enum(attentionReasons).openapi('TutorAttention', {
  description: 'no_diagnostic — не проходил диагностику; no_plan — есть дефициты, нет ИОМ; awaiting_agreement — черновик ждёт согласования тьютора; reports_to_review — отчёты на проверке; overdue_items — просроченные мероприятия; no_progress — ИОМ без движения 30 дней',
});
const TutorCabinet = z
  .object({
    people: z.array(
      z.object({
        staffId: z.uuid(),
        fullName: z.string(),
        organizations: z.array(z.string()),
        deficitCount: z.number().int(),
        plan: z
          .object({ id: z.uuid(), status: z.string(), items: z.number().int(), accepted: z.number().int(), submitted: z.number().int(), overdue: z.number().int(), lastActivityAt: z.string().nullable() })
          .nullable(),
        attention: z.array(Attention),
      }),
    ),
    summary: z.record(Attention, z.number().int()),
    total: z.number().int(),
  })
  .openapi('TutorCabinet');

const tags = ['Охват и кабинеты'];

export const coverageApi = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/learning-coverage',
      tags,
      summary: 'Охват по муниципалитетам региона (или организациям муниципалитета): диагностика, ИОМ, программы федерального реестра',
      request: { query: z.object({ territoryId: z.uuid().optional().openapi({ description: 'Регион — строки по муниципалитетам; муниципалитет — по организациям. По умолчанию — верхняя территория области доступа' }), year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: jsonOk(Coverage), ...commonErrors },
    }),
    async (c) => c.json(await getCoverage(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/learning-coverage/people',
      tags,
      summary: 'Работники за показателем охвата: кто без диагностики, у кого дефициты без ИОМ, кто завершил что',
      request: { query: PeopleFilters.extend({ limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor }) },
      responses: { 200: jsonOk(pageOf(Person, 'CoveragePeoplePage')), ...commonErrors },
    }),
    async (c) => c.json(await findCoveragePeople(deps(c).db, requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/learning-coverage/people/export.xlsx', tags, summary: 'Выгрузка списка работников за показателем охвата в XLSX', request: { query: PeopleFilters }, responses: { 200: fileOk('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Файл XLSX'), ...commonErrors } }),
    async (c) => {
      const actor = requireActor(c);
      const { db } = deps(c);
      const filters: Omit<CoveragePeopleQuery, 'limit' | 'cursor'> = c.req.valid('query');
      await findCoveragePeople(db, actor, { ...filters, limit: 1 }); // access and parameters are checked before the file starts
      await recordAudit(db, actor, { action: 'coverage.export', entity: 'staff', territoryIds: actor.read.territoryIds, organizationIds: actor.read.organizationIds, after: filters });
      async function* rows() {
        let cursor: string | undefined;
        do {
          const page = await findCoveragePeople(db, actor, { ...filters, limit: 500, cursor });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      const planNames: Record<string, string> = { draft: 'Черновик', agreed: 'Согласован', in_progress: 'Выполняется', completed: 'Завершён' };
      type Row = z.infer<typeof Person>;
      return xlsxResponse('coverage.xlsx', {
        sheetName: 'Охват',
        title: 'Работники: диагностика, ИОМ, программы федерального реестра',
        rows: rows(),
        columns: [
          { key: 'fullName', header: 'ФИО', width: 36, value: (p: Row) => p.fullName },
          { key: 'organizations', header: 'Организация', width: 40, value: (p) => p.organizations.join('; ') },
          { key: 'lastDiagnosticOn', header: 'Последняя диагностика', width: 14, value: (p) => (p.lastDiagnosticOn ? new Date(`${p.lastDiagnosticOn}T00:00:00Z`) : null) },
          { key: 'deficitCount', header: 'Дефицитов', width: 11, value: (p) => p.deficitCount },
          { key: 'plan', header: 'ИОМ', width: 14, value: (p) => (p.plan ? planNames[p.plan.status] : 'Нет') },
          { key: 'completedFederal', header: 'Программ федерального реестра завершено', width: 16, value: (p) => p.completedFederal },
        ],
      });
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/tutor-cabinet', tags, summary: 'Кабинет тьютора: закреплённые работники и что требует внимания', responses: { 200: jsonOk(TutorCabinet), ...commonErrors } }),
    async (c) => c.json(await getTutorCabinet(deps(c).db, requireActor(c)), 200),
  );

// The wire shapes, for the web UI's type-only imports.
export type LearningCoverageDto = z.infer<typeof Coverage>;
export type CoveragePersonDto = z.infer<typeof Person>;
export type TutorCabinetDto = z.infer<typeof TutorCabinet>;
