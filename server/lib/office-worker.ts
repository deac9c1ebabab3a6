import { Worker } from 'node:worker_threads';
import { AppError } from './errors.js';
import { checkOfficeUpload, UploadRejectedError, type OfficeUploadLimits } from './upload-check.js';
import type { ReadXlsxResult } from './xlsx.js';
import type { OfficeJob, WorkerMessage } from './office-worker-jobs.js';
import type { ParsedRoadmap } from '../modules/roadmaps/roadmap-reader.js';

/**
 * Uploaded files are parsed in worker threads with a heap limit and a time limit (ADR 0022), so a
 * file that slips past the pre-check can cost at most one worker: out of memory, a crash or a
 * timeout ends that worker and answers 422; the server goes on. Workers are reused between jobs and
 * end themselves after a minute of idleness.
 */

export interface OfficeWorkerSettings {
  /** Wall-clock limit of one job, from the moment a worker takes it. */
  timeoutMs: number;
  /** V8 heap (old generation) of one worker. */
  memoryMb: number;
  /** Workers running at once; further jobs wait in a queue. */
  poolSize: number;
  /** Jobs allowed to wait; beyond that the upload is answered 429. */
  maxQueue: number;
}

const settings: OfficeWorkerSettings = { timeoutMs: 30_000, memoryMb: 256, poolSize: 2, maxQueue: 50 };
const IDLE_MS = 60_000;
const ENTRY = new URL('./office-worker.entry.mjs', import.meta.url);

export function configureOfficeWorkers(s: Partial<OfficeWorkerSettings>): void {
  Object.assign(settings, s);
}

interface Job {
  job: OfficeJob;
  onProgress?: (done: number) => void;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  current: (Job & { id: number; timer: NodeJS.Timeout }) | null;
  idle: NodeJS.Timeout | null;
}

const slots = new Set<Slot>();
const queue: Job[] = [];
let nextId = 1;

const unreadable = (why: string) => new UploadRejectedError('unreadable', `Файл не удалось прочитать: ${why}. Проверьте файл, пересохраните его в Excel или Word и загрузите снова.`);

function spawn(): Slot {
  const worker = new Worker(ENTRY, {
    // No inherited flags (test runners add their own); the heap limit is the point of the worker.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
  });
  const slot: Slot = { worker, current: null, idle: null };
  slots.add(slot);
  worker.on('message', (m: WorkerMessage) => {
    const cur = slot.current;
    if (!cur || m.id !== cur.id) return;
    if (m.type === 'progress') return cur.onProgress?.(m.done);
    finish(slot);
    if (m.type === 'done') return cur.resolve(m.result);
    const e = m.error;
    if (e.status && e.code) cur.reject(new AppError(e.status as AppError['status'], e.code, e.message));
    else if (e.name === 'RoadmapFormatError') cur.reject(new AppError(422, 'bad_roadmap', e.message));
    else cur.reject(unreadable('файл повреждён или имеет неподдерживаемое содержимое'));
  });
  const died = (why: string) => {
    if (!slots.delete(slot)) return;
    if (slot.idle) clearTimeout(slot.idle);
    const cur = slot.current;
    if (cur) {
      clearTimeout(cur.timer);
      slot.current = null;
      cur.reject(unreadable(why));
    }
    pump();
  };
  worker.on('error', (err: Error & { code?: string }) =>
    died(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `для его разбора не хватило памяти (предел ${settings.memoryMb} МБ)` : 'разбор завершился ошибкой'),
  );
  worker.on('exit', () => died('разбор прерван'));
  return slot;
}

function finish(slot: Slot) {
  if (slot.current) clearTimeout(slot.current.timer);
  slot.current = null;
  pump();
  if (!slot.current && slots.has(slot)) {
    slot.worker.unref();
    slot.idle = setTimeout(() => void slot.worker.terminate(), IDLE_MS).unref();
  }
}

function pump() {
  while (queue.length) {
    let slot = [...slots].find((s) => !s.current);
    if (!slot) {
      if (slots.size >= settings.poolSize) return;
      slot = spawn();
    }
    const job = queue.shift()!;
    const id = nextId++;
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.worker.ref();
    const s = slot;
    const timer = setTimeout(() => {
      // terminate() ends the worker wherever it is stuck; 'exit' would report "прерван", so answer first.
      const cur = s.current;
      s.current = null;
      slots.delete(s);
      void s.worker.terminate();
      cur?.reject(unreadable(`разбор занял больше ${Math.round(settings.timeoutMs / 1000)} с`));
      pump();
    }, settings.timeoutMs);
    slot.current = { ...job, id, timer };
    slot.worker.postMessage({ id, job: job.job });
  }
}

function run<T>(job: OfficeJob, onProgress?: (done: number) => void): Promise<T> {
  if (queue.length >= settings.maxQueue) {
    return Promise.reject(new AppError(429, 'busy', 'Сервер занят разбором других файлов. Повторите загрузку через минуту.'));
  }
  return new Promise<T>((resolve, reject) => {
    queue.push({ job, onProgress, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
}

/**
 * The whole pre-check of an uploaded Office file: the cheap part (magic bytes, central directory)
 * here, the rest (inflating every part with limits, DTD, rows and cells) in a worker.
 */
export async function inspectOfficeUpload(data: Buffer, limits: OfficeUploadLimits): Promise<void> {
  checkOfficeUpload(data, limits);
  await run<null>({ kind: 'scan', data, limits });
}

/** readXlsxRows (lib/xlsx.ts) in a worker. */
export function readXlsxRowsIsolated(
  data: Buffer,
  opts: { maxRows?: number; maxColumns?: number; sheet?: number; onProgress?: (rowsRead: number) => void } = {},
): Promise<ReadXlsxResult> {
  const { onProgress, ...rest } = opts;
  checkOfficeUpload(data, { expect: 'xlsx' });
  return run<ReadXlsxResult>({ kind: 'xlsx-rows', data, opts: rest }, onProgress);
}

/** The roadmap readers (modules/roadmaps/roadmap-reader.ts) in a worker. */
export function readRoadmapIsolated(data: Buffer, expect: 'docx' | 'xlsx'): Promise<ParsedRoadmap> {
  checkOfficeUpload(data, { expect });
  return run<ParsedRoadmap>({ kind: 'roadmap', data, expect });
}

/** Ends every worker (tests, shutdown). */
export async function stopOfficeWorkers(): Promise<void> {
  await Promise.all([...slots].map((s) => s.worker.terminate()));
}
