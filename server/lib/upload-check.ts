import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from './errors.js';

/**
 * Pre-flight check of an uploaded .xlsx/.docx before any parser touches it. Everything here
 * reads only the ZIP central directory: nothing is inflated, so a zip bomb costs nothing.
 */

export type UploadRejectCode =
  | 'too_large'
  | 'not_zip'
  | 'bad_type'
  | 'encrypted'
  | 'too_many_entries'
  | 'unpacked_too_large'
  | 'bad_path'
  | 'dtd'
  | 'broken'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'bad_header'
  | 'no_sheet';

const STATUS: Partial<Record<UploadRejectCode, 413 | 415>> = {
  too_large: 413,
  unpacked_too_large: 413,
  too_many_entries: 413,
  not_zip: 415,
  bad_type: 415,
  encrypted: 415,
};

/** A file we refuse to process; `message` is shown to the user as is. */
export class UploadRejectedError extends AppError {
  declare readonly code: UploadRejectCode;
  constructor(code: UploadRejectCode, message: string) {
    super(STATUS[code] ?? 422, code, message);
    this.name = 'UploadRejectedError';
  }
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface OfficeUploadLimits {
  expect: 'xlsx' | 'docx';
  maxBytes?: number;
  maxEntries?: number;
  maxUnpackedBytes?: number;
}

const MiB = 1024 * 1024;
const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAIN_PART = { xlsx: 'xl/workbook.xml', docx: 'word/document.xml' } as const;
const KIND = { xlsx: 'книгой Excel (.xlsx)', docx: 'документом Word (.docx)' } as const;

const mb = (n: number) => `${Math.round((n / MiB) * 10) / 10} МБ`;

export function checkOfficeUpload(buf: Buffer, opts: OfficeUploadLimits): void {
  const maxBytes = opts.maxBytes ?? 20 * MiB;
  const maxEntries = opts.maxEntries ?? 5_000;
  const maxUnpacked = opts.maxUnpackedBytes ?? 200 * MiB;
  const kind = KIND[opts.expect];
  const ext = `.${opts.expect}`;

  if (buf.length > maxBytes) {
    throw new UploadRejectedError('too_large', `Файл слишком большой: ${mb(buf.length)}, допустимо не более ${mb(maxBytes)}.`);
  }
  if (buf.subarray(0, 8).equals(OLE2_MAGIC)) {
    // Password-protected OOXML is stored in a CFB container with an "EncryptedPackage" stream.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new UploadRejectedError(
        'encrypted',
        `Файл защищён паролем. Снимите пароль и сохраните файл в формате ${ext}.`,
      );
    }
    throw new UploadRejectedError(
      'bad_type',
      `Файл старого формата (.xls/.doc) не поддерживается. Откройте его и сохраните в формате ${ext}.`,
    );
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LFH_SIG) {
    throw new UploadRejectedError('not_zip', `Файл не является ${kind}. Сохраните его в формате ${ext}.`);
  }

  const entries = listZipEntries(buf, maxEntries);
  let unpacked = 0;
  for (const e of entries) {
    if (isUnsafePath(e.name)) {
      throw new UploadRejectedError('bad_path', 'Файл содержит недопустимые пути внутри архива и не может быть принят.');
    }
    if (e.flags & 0x1) {
      throw new UploadRejectedError('encrypted', `Файл зашифрован. Снимите пароль и сохраните файл в формате ${ext}.`);
    }
    unpacked += e.uncompressedSize;
  }
  const names = new Set(entries.map((e) => e.name));
  // Same name twice: streaming and directory-based readers would see different files.
  if (names.size !== entries.length) throw badDirectory();
  if (unpacked > maxUnpacked) {
    throw new UploadRejectedError(
      'unpacked_too_large',
      `Содержимое файла после распаковки слишком велико (${mb(unpacked)}, допустимо не более ${mb(maxUnpacked)}).`,
    );
  }

  if (!names.has(MAIN_PART[opts.expect])) {
    const other = opts.expect === 'xlsx' ? 'docx' : 'xlsx';
    throw new UploadRejectedError(
      'bad_type',
      names.has(MAIN_PART[other]) ? WRONG_KIND[opts.expect] : `Файл не является ${kind}. Сохраните его в формате ${ext}.`,
    );
  }
}

const WRONG_KIND = {
  xlsx: 'Загружен документ Word (.docx), а нужна книга Excel (.xlsx).',
  docx: 'Загружена книга Excel (.xlsx), а нужен документ Word (.docx).',
} as const;

const badDirectory = () => new UploadRejectedError('broken', 'Файл повреждён: не удаётся прочитать оглавление архива.');

function isUnsafePath(name: string): boolean {
  return (
    /^[\\/]/.test(name) ||
    /^[a-zA-Z]:/.test(name) ||
    name.includes('\0') ||
    name.split(/[\\/]/).includes('..')
  );
}

/** Locates the End Of Central Directory record (it sits in the last 22 + up to 65535 comment bytes). */
function findEocd(buf: Buffer): { at: number; total: number; cdSize: number; cdOffset: number } {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= stop; at--) {
    if (buf.readUInt32LE(at) !== EOCD_SIG) continue;
    // The comment length must reach exactly the end of the file, otherwise it is a stray match.
    if (at + 22 + buf.readUInt16LE(at + 20) !== buf.length) continue;
    return { at, total: buf.readUInt16LE(at + 10), cdSize: buf.readUInt32LE(at + 12), cdOffset: buf.readUInt32LE(at + 16) };
  }
  throw badDirectory();
}

/**
 * Entries listed in the central directory, parsed by hand. The declared count is checked against
 * `maxEntries` before walking, so a huge directory is never even read.
 */
export function listZipEntries(buf: Buffer, maxEntries = Infinity): ZipEntry[] {
  const { at: eocd, total, cdSize, cdOffset } = findEocd(buf);
  if (total > maxEntries) {
    throw new UploadRejectedError(
      'too_many_entries',
      `Файл содержит слишком много частей (${total}, допустимо не более ${maxEntries}).`,
    );
  }
  if (cdOffset + cdSize > eocd) throw badDirectory();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) throw badDirectory();
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const end = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (end > eocd) throw badDirectory();
    entries.push({
      // Bit 11 = UTF-8 name; legacy names are CP437, latin1 is close enough for path checks.
      name: buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
      flags,
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p = end;
  }
  return entries;
}

const inflateRaw = promisify(zlib.inflateRaw);

/**
 * Inflates one entry, trusting nothing: the output may not exceed the declared size (nor `maxBytes`),
 * must match it exactly, and XML parts with a DOCTYPE are refused (entity expansion attacks).
 */
export async function readZipEntryLimited(buf: Buffer, entry: ZipEntry, maxBytes = 200 * MiB): Promise<Buffer> {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH_SIG) throw badDirectory();
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + entry.compressedSize > buf.length) throw badDirectory();
  if (entry.uncompressedSize > maxBytes) {
    throw new UploadRejectedError('unpacked_too_large', `Часть файла «${entry.name}» слишком велика.`);
  }
  const raw = buf.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      // +1 byte so that "longer than declared" is detectable instead of silently cut.
      data = await inflateRaw(raw, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch {
      throw broken(entry.name);
    }
  } else throw broken(entry.name);
  if (data.length !== entry.uncompressedSize) throw broken(entry.name);
  if (/\.(xml|rels)$/i.test(entry.name) && data.includes('<!DOCTYPE')) {
    throw new UploadRejectedError('dtd', 'Файл содержит недопустимые XML-конструкции (DOCTYPE) и не может быть принят.');
  }
  return data;
}

const broken = (name: string) => new UploadRejectedError('broken', `Файл повреждён: не удаётся распаковать часть «${name}».`);
