import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/access.js';
import { checkOfficeUpload, listZipEntries, UploadRejectedError } from '../../lib/upload-check.js';
import { inspectOfficeUpload } from '../../lib/office-worker.js';
import { storedFiles } from './files.schema.js';

/**
 * The generic file store. A module that attaches files calls `storeFiles` inside its own
 * transaction and keeps the ids; reading goes through that module, which decides access.
 */

export interface UploadedFile {
  name: string;
  data: Buffer;
}

export interface StoredFileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface FileLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Evidence of execution: scans, photos, signed documents. */
export const evidenceLimits: FileLimits = { maxFiles: 10, maxBytes: 10 * 1024 * 1024 };

const OFFICE_MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const OFFICE_KIND: Record<string, 'docx' | 'xlsx'> = { [OFFICE_MIME.docx]: 'docx', [OFFICE_MIME.xlsx]: 'xlsx' };

export const acceptedFileTypes = 'PDF, JPEG, PNG, DOCX, XLSX';

/** The type by the content's signature (the client's name and MIME type are not trusted).
 *  Office files get the same pre-flight check as imports (zip bombs, paths, encryption). */
export function sniffFileType(data: Buffer): string | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 4 && data.readUInt32LE(0) === 0x04034b50) {
    let names: Set<string>;
    try {
      names = new Set(listZipEntries(data, 5_000).map((e) => e.name));
    } catch {
      return null;
    }
    const expect = names.has('word/document.xml') ? 'docx' : names.has('xl/workbook.xml') ? 'xlsx' : null;
    if (!expect) return null;
    checkOfficeUpload(data, { expect });
    return OFFICE_MIME[expect];
  }
  return null;
}

/** A name safe to show and to send back: no directories, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\x00-\x1f\x7f]/g, '').trim().slice(-200) || 'файл';
}

/** Checks every file first (count, size, type), so one bad file rejects the lot before anything is stored. */
export function checkFiles(files: UploadedFile[], limits: FileLimits): string[] {
  if (files.length > limits.maxFiles) {
    throw new UploadRejectedError('too_many_entries', `Можно приложить не более ${limits.maxFiles} файлов`);
  }
  return files.map((f) => {
    const name = cleanFileName(f.name);
    if (f.data.length === 0) throw new UploadRejectedError('broken', `Файл «${name}» пуст`);
    if (f.data.length > limits.maxBytes) {
      throw new UploadRejectedError('too_large', `Файл «${name}» больше ${Math.round(limits.maxBytes / 1048576)} МБ`);
    }
    const mime = sniffFileType(f.data);
    if (!mime) throw new UploadRejectedError('bad_type', `Файл «${name}» не принят: допустимы ${acceptedFileTypes}`);
    return mime;
  });
}

/** Stores checked files in the caller's transaction. */
export async function storeFiles(db: Db, actor: Actor, files: UploadedFile[], limits: FileLimits): Promise<StoredFileMeta[]> {
  const mimes = checkFiles(files, limits);
  if (!files.length) return [];
  // Office files also get the deep part of the pre-check (every part inflated with limits, no DTD):
  // they are stored as they are and opened later by other people.
  for (const [i, f] of files.entries()) {
    const kind = OFFICE_KIND[mimes[i]];
    if (kind) await inspectOfficeUpload(f.data, { expect: kind, maxBytes: limits.maxBytes });
  }
  const rows = await db
    .insert(storedFiles)
    .values(
      files.map((f, i) => ({
        name: cleanFileName(f.name),
        mime: mimes[i],
        size: f.data.length,
        sha256: createHash('sha256').update(f.data).digest('hex'),
        content: f.data,
        uploadedBy: actor.userId,
      })),
    )
    .returning({ id: storedFiles.id, name: storedFiles.name, mime: storedFiles.mime, size: storedFiles.size });
  return rows;
}

export async function filesMeta(db: Db, ids: string[]): Promise<StoredFileMeta[]> {
  if (!ids.length) return [];
  return db.select({ id: storedFiles.id, name: storedFiles.name, mime: storedFiles.mime, size: storedFiles.size }).from(storedFiles).where(inArray(storedFiles.id, ids));
}

/** The content of one file; the caller has already checked access through the owning record. */
export async function readStoredFile(db: Db, id: string) {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row ?? null;
}

/** The files of a multipart form field (one or repeated), empty parts skipped. */
export async function formFiles(value: unknown): Promise<UploadedFile[]> {
  const files = [value].flat().filter((f): f is File => f instanceof File && f.size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })));
}
