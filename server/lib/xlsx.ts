import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { scanOfficeParts, UploadRejectedError } from './upload-check.js';

/** XLSX export (lists and import templates) and streaming import of a single worksheet. */

export type XlsxValue = string | number | boolean | Date | null | undefined;

export interface XlsxColumn<T> {
  key: string;
  header: string;
  width?: number;
  value: (row: T) => XlsxValue;
}

export interface TemplateColumn {
  header: string;
  width?: number;
  /** Shown as a cell note on the header and repeated on the «Инструкция» sheet. */
  note?: string;
  example?: string | number;
  /** Allowed values: the column gets a dropdown. */
  list?: string[];
}

export type ReadValue = string | number | Date | null;

export interface ReadXlsxResult {
  headers: string[];
  rows: { rowNumber: number; values: Record<string, ReadValue> }[];
}

const DATE_FMT = 'dd.mm.yyyy';
const MAX_CELL_CHARS = 32_767; // Excel's own limit; longer text makes Excel "repair" the file
const TEMPLATE_ROWS = 50_001; // validation range: header + the default import limit

// ---------------------------------------------------------------------------------------------
// Writing

/** OWASP CSV/formula injection: text that a spreadsheet could take for a formula gets a leading quote. */
function safeText(s: string): string {
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return t.length > MAX_CELL_CHARS ? t.slice(0, MAX_CELL_CHARS) : t;
}

function toCell(v: XlsxValue): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return safeText(v);
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'number') return Number.isFinite(v) ? v : null; // NaN would corrupt the XML
  return Number.isNaN(v.getTime()) ? null : v;
}

/** Excel forbids []:*?/\ in sheet names and cuts them at 31 characters. */
function sheetTitle(name: string): string {
  const s = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31);
  return s || 'Лист1';
}

const defaultWidth = (header: string) => Math.min(50, Math.max(10, header.length + 2));

const columnLetter = (n: number): string => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

// archiver's streams come from readable-stream 2, which has no public `writableNeedDrain`.
type DrainableStream = EventEmitter & { _writableState?: { needDrain?: boolean } };

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A list export. Dates are written by their UTC calendar day (pass `new Date('YYYY-MM-DD')` for
 * date-only fields). Rows are streamed: each one is committed and the zip output is drained as we go.
 */
export async function writeXlsx<T>(opts: {
  sheetName: string;
  title?: string;
  columns: XlsxColumn<T>[];
  rows: Iterable<T> | AsyncIterable<T>;
}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c)); // read continuously, or the zip stalls on backpressure
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });

  const n = opts.columns.length;
  const headerRow = opts.title ? 2 : 1;
  const ws = wb.addWorksheet(sheetTitle(opts.sheetName), { views: [{ state: 'frozen', ySplit: headerRow }] });
  ws.columns = opts.columns.map((c) => ({ key: c.key, width: c.width ?? defaultWidth(c.header) }));
  if (opts.title) {
    const r = ws.addRow([safeText(opts.title)]);
    r.font = { bold: true, size: 14 };
    if (n > 1) ws.mergeCells(1, 1, 1, n);
    r.commit();
  }
  const h = ws.addRow(opts.columns.map((c) => safeText(c.header)));
  h.font = { bold: true };
  h.commit();
  if (n > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  // exceljs pipes the sheet XML into archiver ignoring backpressure, so a fast source would pile the
  // whole uncompressed sheet up in memory (~150 bytes a row). Waiting for 'drain' keeps it bounded.
  const sink = (ws as unknown as { stream?: { pipes?: DrainableStream[] } }).stream?.pipes?.[0];

  let count = 0;
  for await (const item of opts.rows) {
    const values = opts.columns.map((c) => toCell(c.value(item)));
    const r = ws.addRow(values);
    values.forEach((v, i) => {
      if (v instanceof Date) r.getCell(i + 1).numFmt = DATE_FMT;
    });
    r.commit();
    if (++count % 100 === 0) {
      if (sink?._writableState?.needDrain) await once(sink, 'drain');
      else if (count % 1_000 === 0) await tick(); // stay fair to other requests
    }
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** An import template: noted headers, an example row, dropdowns and an «Инструкция» sheet. */
export async function writeTemplateXlsx(opts: {
  sheetName: string;
  columns: TemplateColumn[];
  instructions?: string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = sheetTitle(opts.sheetName);
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet('Инструкция');
  const lists = opts.columns.some((c) => c.list?.length) ? wb.addWorksheet('Списки', { state: 'hidden' }) : null;

  ws.columns = opts.columns.map((c) => ({ width: c.width ?? defaultWidth(c.header) }));
  const header = ws.getRow(1);
  const example = ws.getRow(2);
  header.font = { bold: true };
  example.font = { italic: true, color: { argb: 'FF808080' } };
  opts.columns.forEach((c, i) => {
    const col = i + 1;
    const cell = header.getCell(col);
    cell.value = safeText(c.header);
    if (c.note) cell.note = c.note;
    if (c.example !== undefined) example.getCell(col).value = toCell(c.example);
    if (lists && c.list?.length) {
      // Values go to a hidden sheet: an inline list is limited to 255 characters and breaks on commas.
      c.list.forEach((v, j) => (lists.getCell(j + 1, col).value = v));
      const L = columnLetter(col);
      dataValidations(ws).add(`${L}2:${L}${TEMPLATE_ROWS}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'Списки'!$${L}$1:$${L}$${c.list.length}`],
        showErrorMessage: true,
        errorTitle: 'Недопустимое значение',
        error: 'Выберите значение из списка.',
      });
    }
  });

  const lines = [
    ...(opts.instructions ?? []),
    `Заполняйте данные на листе «${title}», по одной записи в строке, начиная со второй строки.`,
    'Вторая строка — пример заполнения: замените её своими данными или удалите.',
    'Не меняйте названия столбцов в первой строке. Даты указывайте в формате ДД.ММ.ГГГГ.',
    ...opts.columns.flatMap((c) =>
      c.note || c.list?.length ? [`«${c.header}»: ${[c.note, c.list?.length ? 'значение выбирается из списка' : ''].filter(Boolean).join('; ')}`] : [],
    ),
  ];
  help.getColumn(1).width = 110;
  help.getCell(1, 1).value = 'Инструкция по заполнению';
  help.getCell(1, 1).font = { bold: true, size: 14 };
  lines.forEach((line, i) => {
    const cell = help.getCell(i + 2, 1);
    cell.value = safeText(line);
    cell.alignment = { wrapText: true, vertical: 'top' };
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Present at runtime but missing from exceljs's typings.
const dataValidations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Parts are inflated here (with size limits) and handed to exceljs as a stored zip in a fixed order.
 * Why: exceljs's streaming reader hangs forever on corrupt deflate data, and with Excel's usual part
 * order (sheets before sharedStrings) it spools every sheet to a temp file first.
 */
function storedZip(parts: [string, Buffer][]): Readable {
  function* chunks() {
    for (const [name, data] of parts) {
      const n = Buffer.from(name, 'utf8');
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(20, 4); // version needed
      h.writeUInt16LE(0x800, 6); // UTF-8 name, stored, no data descriptor
      h.writeUInt32LE(zlib.crc32(data), 14);
      h.writeUInt32LE(data.length, 18);
      h.writeUInt32LE(data.length, 22);
      h.writeUInt16LE(n.length, 26);
      yield Buffer.concat([h, n]);
      for (let i = 0; i < data.length; i += 65_536) yield data.subarray(i, i + 65_536);
    }
    // An empty End Of Central Directory record lets the unzipper finish cleanly.
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    yield eocd;
  }
  return Readable.from(chunks());
}

interface ReaderInternals {
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
}

const READER_OPTS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;

const brokenFile = () => new UploadRejectedError('broken', 'Файл повреждён или не является книгой Excel (.xlsx).');

/**
 * Reads one worksheet (`sheet` is 1-based in the workbook's tab order, hidden tabs included). The first
 * non-empty row is the header; cells outside the header's columns are ignored, empty rows skipped,
 * blank text becomes null and booleans «да»/«нет». Every failure is an `UploadRejectedError`.
 */
export async function readXlsxRows(
  buf: Buffer,
  opts: { maxRows?: number; maxColumns?: number; sheet?: number; onProgress?: (rowsRead: number) => void } = {},
): Promise<ReadXlsxResult> {
  const maxRows = opts.maxRows ?? 50_000;
  const maxColumns = opts.maxColumns ?? 100;
  const sheetNo = opts.sheet ?? 1;
  try {
    // Inflates and inspects every part first (sizes, CRC, DTD, rows and cells); throws before exceljs runs.
    const parts = scanOfficeParts(buf, { expect: 'xlsx', maxRows: Math.max(maxRows * 2, 1_000) });
    const part = async (name: string) => {
      const data = parts.get(name);
      return data && data.length > 0 ? data : undefined;
    };
    const workbook = await part('xl/workbook.xml');
    const rels = await part('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) throw brokenFile();

    // Pass 1: just the workbook and its relationships, to find which part is the wanted sheet.
    const meta = new ExcelJS.stream.xlsx.WorkbookReader(storedZip([['xl/workbook.xml', workbook], ['xl/_rels/workbook.xml.rels', rels]]), READER_OPTS);
    for await (const _ of meta) void _; // this pass has no worksheets; it only fills meta's model
    const { model, workbookRels, properties } = meta as unknown as ReaderInternals;
    const sheet = model?.sheets?.[sheetNo - 1];
    if (!sheet) throw new UploadRejectedError('no_sheet', `В книге нет листа № ${sheetNo}.`);
    const target = workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (!target) throw brokenFile();
    const sheetPart = await part(target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`));
    if (!sheetPart) throw brokenFile();

    // Pass 2: strings and styles (styles are needed to tell dates from numbers) before the one sheet.
    const styles = await part('xl/styles.xml');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(
      storedZip([
        ['xl/workbook.xml', workbook],
        ['xl/_rels/workbook.xml.rels', rels],
        // Always present, or exceljs would spool the sheet to a temp file waiting for it.
        ['xl/sharedStrings.xml', asciiXml((await part('xl/sharedStrings.xml')) ?? Buffer.from('<sst/>'))],
        ...(styles ? ([['xl/styles.xml', styles]] as [string, Buffer][]) : []),
        ['xl/worksheets/sheet1.xml', asciiXml(sheetPart)],
      ]),
      READER_OPTS,
    );
    const date1904 = properties?.model?.date1904 === true;

    let header: { first: number; names: string[] } | null = null;
    const rows: ReadXlsxResult['rows'] = [];
    for await (const ws of reader) {
      for await (const row of ws) {
        if (!header) {
          header = readHeader(row, maxColumns);
          continue;
        }
        const { first, names } = header;
        const cells = names.map((h, i) => {
          const cell = row.getCell(first + i);
          return [h, readValue(cell.value, cell.numFmt, date1904)] as const;
        });
        if (cells.every(([, v]) => v === null)) continue;
        if (rows.length >= maxRows) {
          throw new UploadRejectedError(
            'too_many_rows',
            `В файле больше ${maxRows.toLocaleString('ru-RU')} строк данных — это предел для одной загрузки. Разделите файл на части.`,
          );
        }
        // fromEntries defines own properties, so even a «__proto__» header is just a key.
        rows.push({ rowNumber: row.number, values: Object.fromEntries(cells) });
        if (rows.length % 1000 === 0) opts.onProgress?.(rows.length);
      }
    }
    opts.onProgress?.(rows.length);
    return { headers: header?.names ?? [], rows };
  } catch (e) {
    // One wording for every kind of damage: part names mean nothing to the user.
    if (e instanceof UploadRejectedError && e.code !== 'broken') throw e;
    throw brokenFile();
  }
}

/**
 * exceljs's streaming reader decodes each chunk of a part to text on its own, so a Cyrillic letter
 * split between two chunks turns into «��» (seen on 20,000-row files). Spelling every non-ASCII
 * character as a numeric character reference makes the bytes pure ASCII: any split is harmless,
 * and the XML parser turns the references back into the same text.
 */
function asciiXml(xml: Buffer): Buffer {
  return Buffer.from(
    xml.toString('utf8').replace(/[^\x00-\x7F]+/gu, (run) => {
      let out = '';
      for (const c of run) out += `&#${c.codePointAt(0)};`;
      return out;
    }),
    'latin1',
  );
}

/**
 * Header = the first non-empty row, trimmed; empty columns to its left and right are not part of the
 * table (users often leave column A blank). Returns null (keep looking) for an empty row.
 */
function readHeader(row: ExcelJS.Row, maxColumns: number): { first: number; names: string[] } | null {
  const texts: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) texts.push(cellText(row.getCell(c).value));
  while (texts.length && !texts[texts.length - 1]) texts.pop();
  const first = texts.findIndex(Boolean) + 1;
  if (!first) return null;
  const names = texts.slice(first - 1);
  if (names.length > maxColumns) {
    throw new UploadRejectedError(
      'too_many_columns',
      `В таблице ${names.length} столбцов, допустимо не более ${maxColumns}. Удалите лишние столбцы.`,
    );
  }
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const where = `${columnLetter(first + i)}${row.number}`;
    if (!name) throw new UploadRejectedError('bad_header', `Пустой заголовок столбца в ячейке ${where}. Заполните его или удалите столбец.`);
    const prev = seen.get(name);
    if (prev) {
      throw new UploadRejectedError(
        'bad_header',
        `Заголовок «${name}» повторяется (ячейки ${prev} и ${where}). Названия столбцов должны быть разными.`,
      );
    }
    seen.set(name, where);
  });
  return { first, names };
}

// exceljs's own test for a date number format: strip [colour]/"literal" parts, look for date letters.
const isDateFmt = (fmt: string | undefined) => !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]|"[^"]*"/g, ''));

/** Flattens exceljs cell values: rich text → string, formula → cached result, hyperlink → text. */
function plain(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v as string | number | boolean | Date;
  const o = v as { richText?: { text?: string }[]; result?: unknown; formula?: unknown; sharedFormula?: unknown; text?: unknown; error?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
  if ('error' in o) return String(o.error);
  if ('text' in o) return plain(o.text);
  return null;
}

function readValue(v: unknown, numFmt: string | undefined, date1904: boolean): ReadValue {
  const p = plain(v);
  if (p === null) return null;
  if (typeof p === 'string') return p.trim() ? p : null;
  if (typeof p === 'boolean') return p ? 'да' : 'нет';
  if (p instanceof Date) return Number.isNaN(p.getTime()) ? null : p;
  if (!Number.isFinite(p)) return null; // an error result of a formula arrives as NaN
  // The streaming reader converts plain date cells but leaves formula results (=TODAY()) as serials.
  if (typeof v === 'object' && isDateFmt(numFmt)) {
    return new Date(Math.round((p - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000));
  }
  return p;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Trimmed text of a cell value; dates as dd.mm.yyyy, booleans as «да»/«нет». */
export function cellText(v: unknown): string {
  const p = plain(v);
  if (p === null) return '';
  if (p instanceof Date) {
    return Number.isNaN(p.getTime()) ? '' : `${pad(p.getUTCDate())}.${pad(p.getUTCMonth() + 1)}.${p.getUTCFullYear()}`;
  }
  if (typeof p === 'boolean') return p ? 'да' : 'нет';
  if (typeof p === 'number') return Number.isFinite(p) ? String(p) : '';
  return p.trim();
}

/**
 * ISO date (YYYY-MM-DD) of a cell: a Date, or text «dd.mm.yyyy» / «yyyy-mm-dd». Returns null for an
 * empty cell and undefined for anything else (the caller reports the row). Bare numbers are refused
 * on purpose: 2024 is far more likely a year typed into the wrong column than an Excel serial.
 */
export function cellDate(v: unknown): string | null | undefined {
  const p = plain(v);
  if (p === null || (typeof p === 'string' && !p.trim())) return null;
  let y: number, m: number, d: number;
  if (p instanceof Date) {
    if (Number.isNaN(p.getTime())) return undefined;
    [y, m, d] = [p.getUTCFullYear(), p.getUTCMonth() + 1, p.getUTCDate()];
  } else if (typeof p === 'string') {
    const s = p.trim();
    const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (ru) [d, m, y] = [+ru[1], +ru[2], +ru[3]];
    else if (iso) [y, m, d] = [+iso[1], +iso[2], +iso[3]];
    else return undefined;
    const t = new Date(Date.UTC(y, m - 1, d));
    // Date.UTC rolls 31.02 over to March; a real date survives the round trip.
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  } else return undefined;
  if (y < 1000 || y > 9999) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}
