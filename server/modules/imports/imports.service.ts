import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importBatches, type importKinds } from './imports.schema.js';
import { isAdministrator, type Actor } from '../../lib/access.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { inspectOfficeUpload, readXlsxRowsIsolated } from '../../lib/office-worker.js';
import { writeTemplateXlsx, cellText, type ReadValue } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { staffImport } from './staff-import.js';
import { organizationsImport } from './organizations-import.js';
import { assessmentResultsImport } from './assessment-results-import.js';
import { programsImport } from './programs-import.js';

export type ImportKind = (typeof importKinds)[number];

/** What a batch is loaded into: the diagnostic of a results file. */
export interface ImportParams {
  assessmentId?: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** What one kind of import knows: its template, how to read a row, and how to save the rows. */
export interface ImportDefinition<Row> {
  title: string;
  columns: { header: string; required?: boolean; width?: number; note?: string; example?: string | number; list?: string[] }[];
  instructions: string[];
  /** What the audit log calls the records: `<entity>.import`. */
  entity: string;
  /** Checks the batch's parameters before the file is stored (404 for a record out of scope …). */
  checkParams?(db: Db, actor: Actor, params: ImportParams): Promise<void>;
  /** Checks every row against the registry and the actor's scope; returns rows or errors. */
  validate(
    db: Db,
    actor: Actor,
    rows: { rowNumber: number; values: Record<string, ReadValue> }[],
    progress: (done: number) => void,
    params: ImportParams,
  ): Promise<{ rows: Row[]; errors: RowError[] }>;
  /** Writes all rows in the caller's transaction; returns the created ids. */
  commit(db: Db, actor: Actor, rows: Row[], batch: { id: string; params: ImportParams }): Promise<{ ids: string[]; territoryIds: string[]; organizationIds: string[] }>;
}

const definitions: Record<ImportKind, ImportDefinition<unknown>> = {
  staff: staffImport as ImportDefinition<unknown>,
  organizations: organizationsImport as ImportDefinition<unknown>,
  assessment_results: assessmentResultsImport as ImportDefinition<unknown>,
  programs: programsImport as ImportDefinition<unknown>,
};

/** Progress of the work under way, by batch id; the final state lives in the database. */
const progress = new Map<string, { phase: 'reading' | 'validating'; done: number; total: number }>();

const MAX_ROWS = 50_000;
const MAX_ERRORS_SHOWN = 2_000;

export function templateFor(kind: ImportKind) {
  const d = definitions[kind];
  return writeTemplateXlsx({
    sheetName: d.title,
    columns: d.columns.map((c) => ({ ...c, header: c.required ? `${c.header}*` : c.header })),
    instructions: d.instructions,
  });
}

function requireImporter(actor: Actor) {
  if (!isAdministrator(actor)) throw forbidden('Загружать данные могут администраторы региона, муниципалитета или организации');
}

/** Accepts the file and starts reading it in the background; the caller polls the batch. */
export async function startImport(db: Db, actor: Actor, kind: ImportKind, file: { name: string; data: Buffer }, params: ImportParams = {}) {
  requireImporter(actor);
  await definitions[kind].checkParams?.(db, actor, params);
  // The whole pre-check (ADR 0022) before anything is stored: a hostile file is answered 4xx at once.
  await inspectOfficeUpload(file.data, { expect: 'xlsx' });
  const [batch] = await db.insert(importBatches).values({ kind, userId: actor.userId, fileName: file.name.slice(0, 255), status: 'parsing', params }).returning();
  progress.set(batch.id, { phase: 'reading', done: 0, total: 0 });
  const done = runPreview(db, actor, batch.id, kind, file.data, params).finally(() => progress.delete(batch.id));
  return { id: batch.id, done };
}

async function runPreview(db: Db, actor: Actor, id: string, kind: ImportKind, data: Buffer, params: ImportParams) {
  try {
    const sheet = await readXlsxRowsIsolated(data, { maxRows: MAX_ROWS, onProgress: (n) => progress.set(id, { phase: 'reading', done: n, total: 0 }) });
    const d = definitions[kind];
    const missing = d.columns.filter((c) => c.required && !sheet.headers.some((h) => normalizeHeader(h) === normalizeHeader(c.header)));
    if (missing.length) {
      throw new AppError(422, 'bad_template', `В файле нет обязательных столбцов: ${missing.map((c) => `«${c.header}»`).join(', ')}. Скачайте шаблон и заполните его.`);
    }
    const rows = sheet.rows.map((r) => ({ rowNumber: r.rowNumber, values: byTemplateHeader(d, r.values) })).filter((r) => !isTemplateExample(d, r.values));
    const total = rows.length;
    progress.set(id, { phase: 'validating', done: 0, total });
    const result = await d.validate(db, actor, rows, (n) => progress.set(id, { phase: 'validating', done: n, total }), params);
    const errorRows = new Set(result.errors.map((e) => e.row)).size;
    await db
      .update(importBatches)
      .set({ status: 'preview', totalRows: total, errorRows, rows: result.rows as never, errors: result.errors as never })
      .where(eq(importBatches.id, id));
  } catch (err) {
    const message = err instanceof AppError ? err.message : 'Не удалось прочитать файл';
    await db.update(importBatches).set({ status: 'failed', failure: message }).where(eq(importBatches.id, id));
  }
}

/** The template's example row, left in by the user, is not data. */
function isTemplateExample(d: ImportDefinition<unknown>, values: Record<string, ReadValue>) {
  const withExample = d.columns.filter((c) => c.example !== undefined);
  return withExample.length > 0 && withExample.every((c) => cellText(values[c.header]) === String(c.example));
}

const normalizeHeader = (h: string) => h.replace(/\*/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

function byTemplateHeader(d: ImportDefinition<unknown>, values: Record<string, ReadValue>) {
  const out: Record<string, ReadValue> = {};
  for (const [h, v] of Object.entries(values)) {
    const col = d.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(h));
    if (col) out[col.header] = v;
  }
  return out;
}

async function loadOwn(db: Db, actor: Actor, id: string) {
  const [b] = await db.select().from(importBatches).where(and(eq(importBatches.id, id), eq(importBatches.userId, actor.userId)));
  if (!b) throw notFound('Загрузка');
  return b;
}

/** The state of a batch: progress while reading, then the preview (rows and errors). */
export async function getImport(db: Db, actor: Actor, id: string, opts: { previewRows: number }) {
  const b = await loadOwn(db, actor, id);
  const rows = (b.rows as unknown[] | null) ?? [];
  const errors = (b.errors as RowError[] | null) ?? [];
  return {
    id: b.id,
    kind: b.kind,
    params: (b.params as ImportParams | null) ?? {},
    fileName: b.fileName,
    status: b.status,
    progress: progress.get(b.id) ?? null,
    totalRows: b.totalRows,
    validRows: rows.length,
    errorRows: b.errorRows,
    errors: errors.slice(0, MAX_ERRORS_SHOWN),
    errorsTruncated: errors.length > MAX_ERRORS_SHOWN,
    preview: rows.slice(0, opts.previewRows),
    failure: b.failure,
    createdAt: b.createdAt.toISOString(),
    committedAt: b.committedAt?.toISOString() ?? null,
  };
}

/** All or nothing: refused while any row has an error; otherwise one transaction. */
export async function commitImport(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    // the row lock makes a double click wait and then see «already committed»
    const [batch] = await tx.select().from(importBatches).where(and(eq(importBatches.id, id), eq(importBatches.userId, actor.userId))).for('update');
    if (!batch) throw notFound('Загрузка');
    requireImporter(actor);
    if (batch.status === 'committed') throw new AppError(409, 'already_committed', 'Эта загрузка уже сохранена');
    if (batch.status !== 'preview') throw new AppError(409, 'not_ready', 'Файл ещё обрабатывается или не был прочитан');
    if (batch.errorRows > 0) throw new AppError(422, 'has_errors', `В файле ${batch.errorRows} строк с ошибками: исправьте их и загрузите файл заново. Ничего не сохранено.`);
    const rows = (batch.rows as unknown[]) ?? [];
    const d = definitions[batch.kind];
    const result = await d.commit(t, actor, rows, { id, params: (batch.params as ImportParams | null) ?? {} });
    await tx.update(importBatches).set({ status: 'committed', committedAt: new Date(), rows: null }).where(eq(importBatches.id, id));
    await recordAudit(t, actor, {
      action: `${d.entity}.import`,
      entity: d.entity,
      entityId: id,
      territoryIds: result.territoryIds,
      organizationIds: result.organizationIds,
      after: { fileName: batch.fileName, count: result.ids.length, ids: result.ids },
    });
    return { id, created: result.ids.length };
  });
}
