import { parentPort } from 'node:worker_threads';
import { AppError } from './errors.js';
import { scanOfficeParts, type OfficeUploadLimits } from './upload-check.js';

/**
 * What runs inside the parsing worker: the deep part of the pre-check and the parsers of uploaded
 * files. Parsers are imported on first use, so a worker that only checks never loads exceljs.
 */

export type OfficeJob =
  | { kind: 'scan'; data: Uint8Array; limits: OfficeUploadLimits }
  | { kind: 'xlsx-rows'; data: Uint8Array; opts: { maxRows?: number; maxColumns?: number; sheet?: number } }
  | { kind: 'roadmap'; data: Uint8Array; expect: 'docx' | 'xlsx' };

export type WorkerMessage =
  | { type: 'progress'; id: number; done: number }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: { name: string; status?: number; code?: string; message: string } };

async function run(job: OfficeJob, progress: (done: number) => void): Promise<unknown> {
  // Structured clone hands over a Uint8Array; the parsers want a Buffer over the same bytes.
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  switch (job.kind) {
    case 'scan':
      scanOfficeParts(data, { ...job.limits, keep: false });
      return null;
    case 'xlsx-rows': {
      const { readXlsxRows } = await import('./xlsx.js');
      return readXlsxRows(data, { ...job.opts, onProgress: progress });
    }
    case 'roadmap': {
      const { readRoadmapDocx, readRoadmapXlsx } = await import('../modules/roadmaps/roadmap-reader.js');
      return job.expect === 'docx' ? readRoadmapDocx(data) : readRoadmapXlsx(data);
    }
  }
}

const port = parentPort;
if (port) {
  port.on('message', async ({ id, job }: { id: number; job: OfficeJob }) => {
    try {
      const result = await run(job, (done) => port.postMessage({ type: 'progress', id, done } satisfies WorkerMessage));
      port.postMessage({ type: 'done', id, result } satisfies WorkerMessage);
    } catch (e) {
      const err = e as Error;
      const error =
        err instanceof AppError
          ? { name: err.name, status: err.status, code: err.code, message: err.message }
          : { name: err?.name ?? 'Error', message: String(err?.message ?? err) };
      port.postMessage({ type: 'failed', id, error } satisfies WorkerMessage);
    }
  });
}
