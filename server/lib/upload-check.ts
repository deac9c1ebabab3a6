import zlib from 'node:zlib';
import { AppError } from './errors.js';

/**
 * The one pre-check of an uploaded .xlsx/.docx, before any parser touches it (ADR 0022).
 *
 * Two stages. `checkOfficeUpload` reads only the magic bytes and the ZIP central directory: nothing is
 * inflated, so it is cheap enough for the request thread and a zip bomb costs nothing there.
 * `scanOfficeParts` then inflates every part with hard limits and looks inside the XML (DOCTYPE,
 * declared and real numbers of rows and cells); it is meant to run in the parsing worker
 * (lib/office-worker.ts), and the parts it returns are what the parsers read.
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
  | 'too_many_cells'
  | 'unreadable'
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
  crc32: number;
}

export interface OfficeUploadLimits {
  expect: 'xlsx' | 'docx';
  maxBytes?: number;
  maxEntries?: number;
  maxUnpackedBytes?: number;
  /** Rows of one worksheet or of the tables of a document (declared by <dimension> and actually written). */
  maxRows?: number;
  /** Cells of one worksheet, shared strings, or table cells of a document. */
  maxCells?: number;
}

/** Defaults of the pre-check; a caller may only tighten them. */
export const UPLOAD_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxEntries: 5_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRows: 100_000,
  maxCells: 2_000_000,
} as const;

const MiB = 1024 * 1024;
const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAIN_PART = { xlsx: 'xl/workbook.xml', docx: 'word/document.xml' } as const;
const KIND = { xlsx: 'книгой Excel (.xlsx)', docx: 'документом Word (.docx)' } as const;

const mb = (n: number) => `${Math.round((n / MiB) * 10) / 10} МБ`;

export function checkOfficeUpload(buf: Buffer, opts: OfficeUploadLimits): void {
  const maxBytes = opts.maxBytes ?? UPLOAD_LIMITS.maxBytes;
  const maxEntries = opts.maxEntries ?? UPLOAD_LIMITS.maxEntries;
  const maxUnpacked = opts.maxUnpackedBytes ?? UPLOAD_LIMITS.maxUnpackedBytes;
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
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new UploadRejectedError('bad_type', `Загружен PDF, а нужен файл в формате ${ext}. PDF не поддерживается.`);
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
  // ZIP64 (more than 65,535 parts or 4 GiB) is never needed for a form or a document we accept.
  if (total === 0xffff || cdOffset === 0xffffffff) throw zip64();
  if (cdOffset + cdSize > eocd) throw badDirectory();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) throw badDirectory();
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const end = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (end > eocd) throw badDirectory();
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw zip64();
    entries.push({
      // Bit 11 = UTF-8 name; legacy names are CP437, latin1 is close enough for path checks.
      name: buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
      flags,
      method: buf.readUInt16LE(p + 10),
      compressedSize,
      uncompressedSize,
      localOffset: buf.readUInt32LE(p + 42),
      crc32: buf.readUInt32LE(p + 16),
    });
    p = end;
  }
  return entries;
}

const zip64 = () =>
  new UploadRejectedError('unpacked_too_large', 'Файл слишком велик: архивы в формате ZIP64 (более 4 ГБ или 65 535 частей) не принимаются.');

/**
 * Inflates one entry, trusting nothing: the local header must agree with the central directory, the
 * output may not exceed the declared size (nor `maxBytes`), must match it exactly and its CRC-32.
 * Synchronous on purpose: it runs in the parsing worker, where blocking is harmless.
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, maxBytes: number = UPLOAD_LIMITS.maxUnpackedBytes): Buffer {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH_SIG) throw badDirectory();
  const nameLen = buf.readUInt16LE(p + 26);
  const start = p + 30 + nameLen + buf.readUInt16LE(p + 28);
  if (start + entry.compressedSize > buf.length) throw badDirectory();
  // A streaming reader believes the local header, a directory reader the central one: they must agree.
  const localName = buf.toString(entry.flags & 0x800 ? 'utf8' : 'latin1', p + 30, p + 30 + nameLen);
  const sizesInDescriptor = (buf.readUInt16LE(p + 6) & 0x8) !== 0;
  if (
    localName !== entry.name ||
    buf.readUInt16LE(p + 8) !== entry.method ||
    (!sizesInDescriptor && (buf.readUInt32LE(p + 18) !== entry.compressedSize || buf.readUInt32LE(p + 22) !== entry.uncompressedSize))
  ) {
    throw broken(entry.name);
  }
  if (entry.uncompressedSize > maxBytes) {
    throw new UploadRejectedError('unpacked_too_large', `Часть файла «${entry.name}» слишком велика.`);
  }
  const raw = buf.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      // +1 byte so that "longer than declared" is detectable instead of silently cut.
      data = zlib.inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch {
      throw broken(entry.name);
    }
  } else throw broken(entry.name);
  if (data.length !== entry.uncompressedSize || zlib.crc32(data) !== entry.crc32) throw broken(entry.name);
  if (isXmlPart(entry.name)) checkXmlPart(entry.name, data);
  return data;
}

/** `readZipEntry` for callers that prefer a promise. */
export async function readZipEntryLimited(buf: Buffer, entry: ZipEntry, maxBytes: number = UPLOAD_LIMITS.maxUnpackedBytes): Promise<Buffer> {
  return readZipEntry(buf, entry, maxBytes);
}

const broken = (name: string) => new UploadRejectedError('broken', `Файл повреждён: не удаётся распаковать часть «${name}».`);

const isXmlPart = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/** XML as text for scanning: UTF-16 parts (with a BOM) are re-encoded, everything else is read byte-wise. */
function scannable(data: Buffer): Buffer {
  if (data[0] === 0xff && data[1] === 0xfe) return Buffer.from(data.subarray(2).toString('utf16le'), 'utf8');
  if (data[0] === 0xfe && data[1] === 0xff) return Buffer.from(Buffer.from(data.subarray(2)).swap16().toString('utf16le'), 'utf8');
  return data;
}

const SCAN_CHUNK = 1024 * 1024;
const SCAN_OVERLAP = 64; // longer than any pattern below, so a match split between chunks is still seen

/**
 * Counts matches of a global regex over a buffer in 1 MiB windows (a whole part as one string could
 * be larger than the worker's heap); stops early once `stopAfter` is exceeded.
 */
function countMatches(data: Buffer, re: RegExp, stopAfter = Infinity): number {
  let n = 0;
  for (let off = 0; off < data.length; off += SCAN_CHUNK) {
    const own = Math.min(SCAN_CHUNK, data.length - off);
    const text = data.toString('latin1', off, Math.min(data.length, off + own + SCAN_OVERLAP));
    re.lastIndex = 0;
    for (let m = re.exec(text); m && m.index < own; m = re.exec(text)) {
      if (++n > stopAfter) return n;
    }
  }
  return n;
}

const DTD = /<!\s{0,16}(?:DOCTYPE|ENTITY)/gi;

function checkXmlPart(name: string, data: Buffer): void {
  // Office XML never needs a DTD; it is the vehicle of entity expansion (billion laughs) and XXE.
  if (countMatches(scannable(data), DTD, 0) > 0) {
    throw new UploadRejectedError('dtd', 'Файл содержит недопустимые XML-конструкции (DOCTYPE/ENTITY) и не может быть принят.');
  }
}

// An element by its local name, with or without a namespace prefix: <row …>, <x:row>, <w:tr>.
const tag = (local: string) => new RegExp(`<(?:[A-Za-z_][\\w.-]{0,20}:)?${local}[\\s/>]`, 'g');
const ROW = tag('row');
const CELL = tag('c');
const SHARED_STRING = tag('si');
const TABLE_ROW = tag('tr');
const TABLE_CELL = tag('tc');
const DIMENSION = /<(?:[A-Za-z_][\w.-]{0,20}:)?dimension\s[^>]{0,200}?ref\s*=\s*["']([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?["']/;

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const fmt = (n: number) => n.toLocaleString('ru-RU');

function tooManyRows(declared: boolean, n: number, max: number) {
  return new UploadRejectedError(
    'too_many_rows',
    `В файле ${declared ? 'заявлено' : 'более'} ${fmt(n)} строк, допустимо не более ${fmt(max)}. Разделите файл на части.`,
  );
}

function tooManyCells(declared: boolean, n: number, max: number) {
  return new UploadRejectedError(
    'too_many_cells',
    `В файле ${declared ? 'заявлено' : 'более'} ${fmt(n)} ячеек, допустимо не более ${fmt(max)}. Удалите лишние данные или разделите файл.`,
  );
}

/** Bounds of one worksheet: the declared <dimension>, then the rows and cells actually written. */
function checkWorksheet(data: Buffer, maxRows: number, maxCells: number): void {
  const dim = DIMENSION.exec(data.toString('latin1', 0, Math.min(data.length, 64 * 1024)));
  if (dim) {
    const [, c1, r1, c2 = c1, r2 = r1] = dim;
    const rows = Math.abs(Number(r2) - Number(r1)) + 1;
    const cells = rows * (Math.abs(colNumber(c2) - colNumber(c1)) + 1);
    if (rows > maxRows) throw tooManyRows(true, rows, maxRows);
    if (cells > maxCells) throw tooManyCells(true, cells, maxCells);
  }
  if (countMatches(data, ROW, maxRows) > maxRows) throw tooManyRows(false, maxRows, maxRows);
  if (countMatches(data, CELL, maxCells) > maxCells) throw tooManyCells(false, maxCells, maxCells);
}

/**
 * Inflates and inspects every part (after `checkOfficeUpload`): real sizes and CRCs, no DTD in any
 * XML part, bounded rows and cells of worksheets, shared strings and document tables. Returns the
 * parts by name, for the parser to read instead of the original archive.
 */
export function scanOfficeParts(buf: Buffer, opts: OfficeUploadLimits & { keep?: boolean }): Map<string, Buffer> {
  checkOfficeUpload(buf, opts);
  const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;
  const maxCells = opts.maxCells ?? UPLOAD_LIMITS.maxCells;
  const parts = new Map<string, Buffer>();
  for (const e of listZipEntries(buf, opts.maxEntries ?? UPLOAD_LIMITS.maxEntries)) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue; // a directory entry
    const data = readZipEntry(buf, e, opts.maxUnpackedBytes);
    const name = e.name.toLowerCase();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) checkWorksheet(data, maxRows, maxCells);
    else if (name === 'xl/sharedstrings.xml' && countMatches(data, SHARED_STRING, maxCells) > maxCells) throw tooManyCells(false, maxCells, maxCells);
    else if (/^word\/[^/]+\.xml$/.test(name)) {
      if (countMatches(data, TABLE_ROW, maxRows) > maxRows) throw tooManyRows(false, maxRows, maxRows);
      if (countMatches(data, TABLE_CELL, maxCells) > maxCells) throw tooManyCells(false, maxCells, maxCells);
    }
    // A check alone keeps nothing: each part becomes garbage as soon as it is inspected.
    if (opts.keep !== false) parts.set(e.name, data);
  }
  return parts;
}
