import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, commonErrors, jsonOk, requireActor, deps, fileOk, IdParam } from '../../lib/http.js';
import { AppError } from '../../lib/errors.js';
import { startImport, getImport, commitImport, templateFor } from './imports.service.js';
import { importKinds } from './imports.schema.js';

const KindEnum = z.enum(importKinds).openapi('ImportKind', { description: 'staff — работники; organizations — организации; assessment_results — результаты диагностики (нужен assessmentId); programs — программы ДПО' });
const Kind = z.object({ kind: KindEnum.openapi({ param: { name: 'kind', in: 'path' } }) });
const Params = z.object({ assessmentId: z.uuid().optional().openapi({ description: 'Для assessment_results: диагностика, в которую загружаются результаты' }) });

const ImportState = z
  .object({
    id: z.uuid(),
    kind: KindEnum,
    params: Params,
    fileName: z.string(),
    status: z.enum(['parsing', 'preview', 'committed', 'failed']),
    progress: z.object({ phase: z.enum(['reading', 'validating']), done: z.number().int(), total: z.number().int() }).nullable(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    errorsTruncated: z.boolean(),
    preview: z.array(z.unknown()),
    failure: z.string().nullable(),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
  })
  .openapi('ImportBatch');

const Upload = z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) });

const tags = ['Загрузка из XLSX'];

export const importsApi = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/api/imports/{kind}/template.xlsx', tags, summary: 'Шаблон XLSX для загрузки', request: { params: Kind }, responses: { 200: fileOk('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Шаблон'), ...commonErrors } }),
    async (c) => {
      requireActor(c);
      const { kind } = c.req.valid('param');
      const buf = await templateFor(kind);
      return new Response(new Uint8Array(buf), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${kind}-template.xlsx"`,
        },
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/imports/{kind}',
      tags,
      summary: 'Загрузить файл: чтение и проверка идут в фоне, ничего не сохраняется до подтверждения',
      request: { params: Kind, query: Params, body: { required: true, content: { 'multipart/form-data': { schema: Upload } } } },
      responses: { 202: jsonOk(z.object({ id: z.uuid() }), 'Файл принят, идёт проверка'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { db, config } = deps(c);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new AppError(422, 'no_file', 'Выберите файл XLSX для загрузки');
      if (file.size > config.uploadMaxBytes) throw new AppError(413, 'too_large', `Файл больше ${Math.round(config.uploadMaxBytes / 1048576)} МБ`);
      const { id } = await startImport(db, actor, c.req.valid('param').kind, { name: file.name, data: Buffer.from(await file.arrayBuffer()) }, c.req.valid('query'));
      return c.json({ id }, 202);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/api/imports/{id}', tags, summary: 'Ход проверки и предпросмотр загрузки', request: { params: IdParam, query: z.object({ previewRows: z.coerce.number().int().min(0).max(1000).default(100) }) }, responses: { 200: jsonOk(ImportState), ...commonErrors } }),
    async (c) => c.json(await getImport(deps(c).db, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/api/imports/{id}/commit', tags, summary: 'Сохранить проверенную загрузку целиком (одной транзакцией)', request: { params: IdParam }, responses: { 200: jsonOk(z.object({ id: z.uuid(), created: z.number().int() })), ...commonErrors } }),
    async (c) => c.json(await commitImport(deps(c).db, requireActor(c), c.req.valid('param').id), 200),
  );

// The wire shapes, for the web UI's type-only imports. The registry import pages handle their own
// kinds (staff, organizations); a results file is uploaded from its diagnostic's page.
export type AnyImportBatchDto = z.infer<typeof ImportState>;
export type ImportBatchDto = Omit<AnyImportBatchDto, 'kind'> & { kind: 'staff' | 'organizations' };
