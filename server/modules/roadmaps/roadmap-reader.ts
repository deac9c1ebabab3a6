/**
 * Reading roadmap tables («дорожная карта», «план мероприятий») from DOCX, XLSX and pasted text.
 *
 * Every source is first turned into one small table model (rows of cells with text, gridSpan and
 * vMerge, plus the paragraphs before the table); a single interpreter then finds the header row,
 * maps columns by their Russian names and walks the rows into sections and activities. Whatever the
 * interpreter does not understand becomes a Russian warning instead of being dropped.
 *
 * Uploaded files are untrusted: the ZIP container is checked and unpacked here with hard limits
 * (entry count, declared and real sizes, path names) and XML with a DTD is refused outright.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { scanOfficeParts } from '../../lib/upload-check.js';

// ───────────────────────────── public types ─────────────────────────────

export interface ParsedActivity {
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  deadlineText: string;
  expectedResult: string;
  extra?: Record<string, string>;
  sourceRow?: number;
}
export interface ParsedSection {
  number: string;
  title: string;
  activities: ParsedActivity[];
}
export interface ParsedRoadmap {
  title: string | null;
  periodText: string | null;
  periodFrom: number | null;
  periodTo: number | null;
  approvedBy: string | null;
  columns: string[];
  sections: ParsedSection[];
  warnings: string[];
}

/** The file is not a readable roadmap (or is hostile); the message is for the user, in Russian. */
export class RoadmapFormatError extends Error {
  override readonly name = 'RoadmapFormatError';
}

/** The table model every source is converted to before interpretation. */
export interface RawCell {
  text: string;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}
export interface RawRow {
  cells: RawCell[];
  /** Marked as a repeating header row (w:tblHeader). */
  repeatHeader: boolean;
  /** Row number as the user sees it: table row (DOCX), sheet row (XLSX) or line (text). */
  sourceRow: number;
}
export interface RawTable {
  rows: RawRow[];
}
export type RawBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: RawTable };

export const LIMITS = {
  zipEntries: 2_000,
  unpackedBytes: 100 * 1024 * 1024,
  tableRows: 10_000,
  sheetColumns: 200,
  textChars: 5_000_000,
} as const;

// ───────────────────────────── public entry points ─────────────────────────────

export async function readRoadmapDocx(buf: Buffer): Promise<ParsedRoadmap> {
  const zip = new SafeZip(buf, 'docx');
  const mainPart = documentPartName(zip);
  const xml = zip.text(mainPart);
  if (xml === null) throw new RoadmapFormatError('В файле нет основного текста документа Word (word/document.xml)');
  const numbering = loadNumbering(zip, mainPart);
  const blocks = docxBlocks(parseXml(xml), numbering);
  return interpretRoadmap(blocks);
}

export async function readRoadmapXlsx(buf: Buffer): Promise<ParsedRoadmap> {
  // exceljs unpacks the file itself; the pre-check first inflates every part with limits and refuses DTDs.
  new SafeZip(buf, 'xlsx');
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like «Buffer»; hand it a plain ArrayBuffer copy.
    await wb.xlsx.load(new Uint8Array(buf).buffer);
  } catch {
    throw new RoadmapFormatError('Не удалось прочитать книгу Excel: файл повреждён или имеет неподдерживаемый формат');
  }
  for (const ws of wb.worksheets) {
    const blocks: RawBlock[] = [{ kind: 'table', table: sheetTable(ws) }];
    if (findHeader(blocks)) return interpretRoadmap(blocks);
  }
  throw noHeaderError();
}

export function readRoadmapText(text: string): ParsedRoadmap {
  if (text.length > LIMITS.textChars) {
    throw new RoadmapFormatError('Слишком большой текст: вставьте только таблицу дорожной карты');
  }
  return interpretRoadmap([{ kind: 'table', table: textTable(text) }], LIMITS.tableRows);
}

// ───────────────────────────── text helpers ─────────────────────────────

/** Collapse every run of whitespace (newlines, tabs, NBSP…) to one space and trim. */
export function normalizeSpace(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

function joinText(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

function shorten(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

// ───────────────────────────── safe ZIP ─────────────────────────────

/**
 * The parts of an uploaded archive, after the one pre-check of every upload (lib/upload-check.ts):
 * limits on entries and sizes, paths, real sizes and CRCs, no DTD anywhere, bounded tables. Nothing
 * here inflates on its own.
 */
class SafeZip {
  private readonly parts: Map<string, Buffer>;

  constructor(buf: Buffer, expect: 'docx' | 'xlsx') {
    this.parts = scanOfficeParts(buf, { expect, maxEntries: LIMITS.zipEntries, maxUnpackedBytes: LIMITS.unpackedBytes });
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** Entry as XML text, or null when absent. */
  text(name: string): string | null {
    const data = this.find(name);
    return data === undefined ? null : decodeXmlBytes(data);
  }

  private find(name: string): Buffer | undefined {
    // OPC part names are case-insensitive.
    const exact = this.parts.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [n, data] of this.parts) if (n.toLowerCase() === lower) return data;
    return undefined;
  }
}

// ───────────────────────────── safe XML ─────────────────────────────

function decodeXmlBytes(bytes: Buffer): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  else text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // A DTD was already refused by the pre-check (scanOfficeParts), in any encoding.
  return text;
}

/** Decode the five predefined XML entities and numeric character references, in one pass. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return s.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (m, name?: string, dec?: string, hex?: string) => {
    if (name) return named[name];
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** preserveOrder node: `{ tag: children, ':@': attrs }` or `{ '#text': string }`. */
type XNode = Record<string, unknown>;

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false, // entities are decoded by decodeXmlEntities, never expanded from a DTD
  htmlEntities: false,
  trimValues: false, // spaces inside w:t matter
  parseTagValue: false, // «1.1» must stay a string
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function parseXml(xml: string): XNode[] {
  try {
    return xmlParser.parse(xml) as XNode[];
  } catch {
    throw new RoadmapFormatError('Файл повреждён: XML не удалось разобрать');
  }
}

function tagOf(n: XNode): string {
  for (const k in n) if (k !== ':@') return k;
  return '';
}

function kids(n: XNode): XNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function attr(n: XNode, name: string): string | undefined {
  const a = n[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return v === undefined ? undefined : decodeXmlEntities(String(v));
}

function child(n: XNode, tag: string): XNode | undefined {
  return kids(n).find((k) => tagOf(k) === tag);
}

/** Walk into content wrappers (content controls, custom XML, smart tags) that only group elements. */
function flattenWrappers(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === 'sdt') out.push(...flattenWrappers(kids(child(n, 'sdtContent') ?? {})));
    else if (t === 'customXml' || t === 'smartTag') out.push(...flattenWrappers(kids(n)));
    else out.push(n);
  }
  return out;
}

// ───────────────────────────── DOCX → table model ─────────────────────────────

function documentPartName(zip: SafeZip): string {
  const rels = zip.text('_rels/.rels');
  if (rels) {
    for (const n of deepFind(parseXml(rels), 'Relationship')) {
      if ((attr(n, 'Type') ?? '').endsWith('/officeDocument')) {
        const target = (attr(n, 'Target') ?? '').replace(/^\//, '');
        if (target && zip.has(target)) return target;
      }
    }
  }
  return 'word/document.xml';
}

function deepFind(nodes: XNode[], tag: string, out: XNode[] = []): XNode[] {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    deepFind(kids(n), tag, out);
  }
  return out;
}

/**
 * Word's automatic list numbering. Ministries often number the «№ п/п» column with a Word list,
 * so the digits are not in the text at all; without this the rows would have no numbers.
 */
class ListNumbering {
  private readonly counters = new Map<string, number[]>();
  private readonly started = new Set<string>();

  constructor(
    private readonly nums: Map<string, { abstractId: string; overrides: Map<number, number> }>,
    private readonly abstracts: Map<string, Map<number, { start: number; fmt: string; text: string }>>,
  ) {}

  label(numId: string, ilvl: number): string | null {
    const num = this.nums.get(numId);
    const levels = num && this.abstracts.get(num.abstractId);
    if (!num || !levels) return null;
    // Instances of one abstract list share counters in Word unless they restart with startOverride.
    const key = num.overrides.size ? `num:${numId}` : `abs:${num.abstractId}`;
    const startOf = (l: number) => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
    let c = this.counters.get(key);
    if (!c || (num.overrides.size && !this.started.has(key))) {
      c = [];
      this.counters.set(key, c);
      this.started.add(key);
    }
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl] + 1;
    c.length = ilvl + 1; // deeper levels restart
    const lvl = levels.get(ilvl);
    if (!lvl || lvl.fmt === 'bullet' || lvl.fmt === 'none') return null;
    return lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatListNumber(c[l] ?? startOf(l), levels.get(l)?.fmt ?? 'decimal');
    });
  }
}

function formatListNumber(n: number, fmt: string): string {
  const letters = (alphabet: string) =>
    alphabet[(n - 1) % alphabet.length].repeat(Math.floor((n - 1) / alphabet.length) + 1);
  switch (fmt) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return toRoman(n);
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperLetter':
      return letters('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters('abcdefghijklmnopqrstuvwxyz');
    case 'russianUpper':
      return letters('АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ');
    case 'russianLower':
      return letters('абвгдежзиклмнопрстуфхцчшщэюя');
    default:
      return String(n);
  }
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

function loadNumbering(zip: SafeZip, mainPart: string): ListNumbering | null {
  const dir = mainPart.includes('/') ? mainPart.slice(0, mainPart.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${mainPart.slice(dir.length)}.rels`;
  let target = `${dir}numbering.xml`;
  const rels = zip.text(relsName);
  if (rels) {
    for (const n of deepFind(parseXml(rels), 'Relationship')) {
      if ((attr(n, 'Type') ?? '').endsWith('/numbering') && attr(n, 'TargetMode') !== 'External') {
        const t = attr(n, 'Target') ?? '';
        target = t.startsWith('/') ? t.slice(1) : dir + t;
      }
    }
  }
  const xml = zip.text(target);
  if (!xml) return null;
  const root = parseXml(xml);
  const abstracts = new Map<string, Map<number, { start: number; fmt: string; text: string }>>();
  for (const a of deepFind(root, 'abstractNum')) {
    const levels = new Map<number, { start: number; fmt: string; text: string }>();
    for (const l of kids(a).filter((k) => tagOf(k) === 'lvl')) {
      const val = (tag: string) => {
        const c = child(l, tag);
        return c ? attr(c, 'val') : undefined;
      };
      levels.set(Number(attr(l, 'ilvl') ?? 0), {
        start: Number(val('start') ?? 1),
        fmt: val('numFmt') ?? 'decimal',
        text: val('lvlText') ?? '',
      });
    }
    abstracts.set(attr(a, 'abstractNumId') ?? '', levels);
  }
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  for (const n of deepFind(root, 'num')) {
    const abs = child(n, 'abstractNumId');
    const overrides = new Map<number, number>();
    for (const o of kids(n).filter((k) => tagOf(k) === 'lvlOverride')) {
      const so = child(o, 'startOverride');
      if (so) overrides.set(Number(attr(o, 'ilvl') ?? 0), Number(attr(so, 'val') ?? 1));
    }
    nums.set(attr(n, 'numId') ?? '', { abstractId: (abs && attr(abs, 'val')) ?? '', overrides });
  }
  return new ListNumbering(nums, abstracts);
}

/** Elements whose text is not part of what the reader sees (deletions, field codes, drawings). */
const SKIPPED_IN_RUNS = new Set([
  'pPr', 'rPr', 'del', 'moveFrom', 'delText', 'instrText', 'drawing', 'pict', 'object', 'Fallback',
  'footnoteReference', 'endnoteReference', 'commentReference', 'fldData',
]);

function runText(nodes: XNode[], out: string[]): void {
  for (const n of nodes) {
    switch (tagOf(n)) {
      case 't':
        for (const k of kids(n)) if ('#text' in k) out.push(decodeXmlEntities(String(k['#text'])));
        break;
      case 'tab':
      case 'ptab':
        out.push('\t');
        break;
      case 'br':
      case 'cr':
        out.push(' ');
        break;
      case 'noBreakHyphen':
        out.push('-');
        break;
      case '#text':
        break; // whitespace between elements, not document text
      default:
        if (!SKIPPED_IN_RUNS.has(tagOf(n))) runText(kids(n), out);
    }
  }
}

function paragraphText(p: XNode, numbering: ListNumbering | null): string {
  const out: string[] = [];
  runText(kids(p), out);
  const text = out.join('');
  const numPr = child(child(p, 'pPr') ?? {}, 'numPr');
  if (numPr && numbering) {
    const numId = attr(child(numPr, 'numId') ?? {}, 'val');
    const ilvl = Number(attr(child(numPr, 'ilvl') ?? {}, 'val') ?? 0);
    const label = numId && numId !== '0' ? numbering.label(numId, ilvl) : null;
    if (label) return `${label} ${text}`;
  }
  return text;
}

class DocxWalker {
  private rowCount = 0;

  constructor(private readonly numbering: ListNumbering | null) {}

  blocks(nodes: XNode[], out: RawBlock[] = []): RawBlock[] {
    for (const n of flattenWrappers(nodes)) {
      const t = tagOf(n);
      if (t === 'p') out.push({ kind: 'paragraph', text: normalizeSpace(paragraphText(n, this.numbering)) });
      else if (t === 'tbl') out.push({ kind: 'table', table: this.table(n) });
    }
    return out;
  }

  private table(tbl: XNode): RawTable {
    const rows: RawRow[] = [];
    for (const tr of flattenWrappers(kids(tbl)).filter((k) => tagOf(k) === 'tr')) {
      if (++this.rowCount > LIMITS.tableRows) {
        throw new RoadmapFormatError(`Слишком большая таблица: более ${LIMITS.tableRows} строк`);
      }
      rows.push(this.row(tr, rows.length + 1));
    }
    return { rows };
  }

  private row(tr: XNode, sourceRow: number): RawRow {
    const trPr = child(tr, 'trPr');
    const header = trPr && child(trPr, 'tblHeader');
    const repeatHeader = header !== undefined && !['0', 'false', 'off'].includes(attr(header, 'val') ?? '');
    const cells: RawCell[] = [];
    const gridBefore = Number(attr(child(trPr ?? {}, 'gridBefore') ?? {}, 'val') ?? 0);
    if (gridBefore > 0) cells.push({ text: '', gridSpan: gridBefore, vMerge: null });
    for (const tc of flattenWrappers(kids(tr)).filter((k) => tagOf(k) === 'tc')) {
      const tcPr = child(tc, 'tcPr') ?? {};
      const gridSpan = Math.max(1, Number(attr(child(tcPr, 'gridSpan') ?? {}, 'val') ?? 1) || 1);
      const vm = child(tcPr, 'vMerge');
      const vMerge = vm ? (attr(vm, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const text = normalizeSpace(this.cellParagraphs(kids(tc)).join(' '));
      // Legacy horizontal merge (w:hMerge) from old Word versions: fold into the previous cell.
      const hm = child(tcPr, 'hMerge');
      const prev = cells[cells.length - 1];
      if (hm && attr(hm, 'val') !== 'restart' && prev) {
        prev.gridSpan += gridSpan;
        prev.text = joinText(prev.text, text);
        continue;
      }
      cells.push({ text, gridSpan, vMerge });
    }
    return { cells, repeatHeader, sourceRow };
  }

  private cellParagraphs(nodes: XNode[]): string[] {
    const out: string[] = [];
    for (const n of flattenWrappers(nodes)) {
      const t = tagOf(n);
      if (t === 'p') out.push(paragraphText(n, this.numbering));
      else if (t === 'tbl') {
        // A table nested in a cell: keep its text in reading order.
        for (const tr of flattenWrappers(kids(n)).filter((k) => tagOf(k) === 'tr'))
          for (const tc of flattenWrappers(kids(tr)).filter((k) => tagOf(k) === 'tc')) {
            out.push(...this.cellParagraphs(kids(tc)));
          }
      }
    }
    return out;
  }
}

function docxBlocks(root: XNode[], numbering: ListNumbering | null): RawBlock[] {
  const doc = root.find((n) => tagOf(n) === 'document');
  const body = doc && child(doc, 'body');
  if (!body) throw new RoadmapFormatError('Файл повреждён: в документе Word нет тела документа');
  return new DocxWalker(numbering).blocks(kids(body));
}

// ───────────────────────────── XLSX → table model ─────────────────────────────

function sheetTable(ws: Worksheet): RawTable {
  if (ws.rowCount > LIMITS.tableRows) {
    throw new RoadmapFormatError(`Слишком большой лист «${shorten(ws.name, 40)}»: более ${LIMITS.tableRows} строк`);
  }
  const colCount = Math.min(ws.columnCount, LIMITS.sheetColumns);
  // Merged ranges: remember, for every row a range covers, where it starts.
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  for (const ref of ws.model.merges ?? []) {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
    if (!m) continue;
    const range = { top: +m[2], left: colIndex(m[1]), bottom: +m[4], right: colIndex(m[3]) };
    for (let r = range.top; r <= range.bottom; r++) merges.set(`${r}:${range.left}`, range);
  }
  const rows: RawRow[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= colCount; ) {
      const range = merges.get(`${r}:${c}`);
      const span = range ? Math.min(range.right, colCount) - c + 1 : 1;
      if (range && r > range.top) {
        cells.push({ text: '', gridSpan: span, vMerge: 'continue' });
      } else {
        const text = row ? normalizeSpace(xlsxCellText(row.getCell(c).value)) : '';
        cells.push({ text, gridSpan: span, vMerge: range && range.bottom > range.top ? 'restart' : null });
      }
      c += span;
    }
    rows.push({ cells, repeatHeader: false, sourceRow: r });
  }
  return { rows };
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Our XLSX writer guards formula-like text with a leading apostrophe; undo exactly that. */
export function unescapeSpreadsheetText(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function xlsxCellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return unescapeSpreadsheetText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(v.getUTCDate())}.${pad(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return xlsxCellText(v.text as CellValue);
  if ('formula' in v || 'sharedFormula' in v) return xlsxCellText((v.result ?? null) as CellValue);
  if ('error' in v) return String(v.error);
  return '';
}

// ───────────────────────────── pasted text → table model ─────────────────────────────

/**
 * Tab-separated rows as Word or Excel put them on the clipboard. Excel quotes a cell that holds
 * line breaks or quotes («"a""b"»); a quote counts as such only when it closes before a tab or a
 * line end, so Russian text that merely starts with a quote mark is kept as is.
 */
function textTable(text: string): RawTable {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: RawRow[] = [];
  let line = 1;
  let i = 0;
  while (i <= src.length) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      const quoted = src[i] === '"' ? closingQuote(src, i) : -1;
      if (quoted >= 0) {
        field = src.slice(i + 1, quoted).replace(/""/g, '"');
        line += (field.match(/\n/g) ?? []).length;
        i = quoted + 1;
      } else {
        const end = nextDelimiter(src, i);
        field = src.slice(i, end);
        i = end;
      }
      fields.push(field);
      if (src[i] === '\t') {
        i++;
        continue;
      }
      break;
    }
    i++; // the newline (or past the end)
    line++;
    if (rows.length >= LIMITS.tableRows) {
      throw new RoadmapFormatError(`Слишком большая таблица: более ${LIMITS.tableRows} строк`);
    }
    rows.push({
      cells: fields.map((f) => ({ text: normalizeSpace(cleanPastedField(f)), gridSpan: 1, vMerge: null })),
      repeatHeader: false,
      sourceRow: startLine,
    });
  }
  return { rows };
}

function nextDelimiter(s: string, from: number): number {
  for (let j = from; j < s.length; j++) if (s[j] === '\t' || s[j] === '\n') return j;
  return s.length;
}

function closingQuote(s: string, open: number): number {
  for (let j = open + 1; j < s.length; j++) {
    if (s[j] !== '"') continue;
    if (s[j + 1] === '"') {
      j++;
      continue;
    }
    return j + 1 === s.length || s[j + 1] === '\t' || s[j + 1] === '\n' ? j : -1;
  }
  return -1;
}

/** Remove the markup that text extractions leave around cell text: <p>…</p>, <br>, **bold**. */
function cleanPastedField(s: string): string {
  return s
    .replace(/<\/p>\s*<p>|<br\s*\/?>/gi, ' ')
    .replace(/<\/?p>/gi, '')
    .replace(/\*\*/g, '');
}

// ───────────────────────────── column roles ─────────────────────────────

export type ColumnRole = 'number' | 'group' | 'title' | 'responsible' | 'coExecutors' | 'deadline' | 'result';

/** Per role: header patterns, most specific first; the first that matches gives the score. */
const ROLE_PATTERNS: [ColumnRole, [RegExp, number][]][] = [
  ['number', [[/^(№|n|no|n°|номер)(\s|\.|$)|п\s*\/\s*п/, 12]]],
  ['responsible', [[/ответственн\S*\s+исполнител/, 12], [/субъект/, 7], [/ответственн/, 10], [/исполнител/, 9]]],
  ['coExecutors', [[/соисполнител/, 13]]],
  ['title', [[/мероприяти/, 10], [/содержание/, 8], [/наименование/, 7], [/действи/, 5], [/деятельност/, 3]]],
  ['group', [[/системообразующ/, 12], [/^направлени/, 8], [/компонент|элемент/, 6], [/^(задач|блок|цел)/, 6]]],
  ['deadline', [[/срок/, 10], [/дата/, 8], [/период/, 6]]],
  ['result', [[/результат/, 10], [/показател/, 7], [/итог/, 6], [/форм\S*\s+(отчетност|завершени|представлени)/, 6]]],
];

/** The role a header text most likely names, with its score; null for an unknown column. */
export function columnRole(header: string): { role: ColumnRole; score: number } | null {
  const h = normalizeSpace(header).toLowerCase().replace(/ё/g, 'е');
  if (!h) return null;
  let best: { role: ColumnRole; score: number } | null = null;
  for (const [role, patterns] of ROLE_PATTERNS) {
    const hit = patterns.find(([re]) => re.test(h));
    if (hit && (!best || hit[1] > best.score)) best = { role, score: hit[1] };
  }
  return best;
}

// ───────────────────────────── interpreter ─────────────────────────────

/** A cell placed on the table grid; `inherited` cells continue a vertical merge from above. */
interface LaidCell {
  start: number;
  end: number;
  text: string;
  inherited: boolean;
  vMerge: RawCell['vMerge'];
}
interface LaidRow {
  cells: LaidCell[];
  source: RawRow;
}

function layoutTable(table: RawTable): LaidRow[] {
  const out: LaidRow[] = [];
  let prev: LaidRow | undefined;
  for (const row of table.rows) {
    const cells: LaidCell[] = [];
    let col = 0;
    for (const cell of row.cells) {
      const span = Math.max(1, Math.floor(cell.gridSpan) || 1);
      let text = cell.text;
      let inherited = false;
      if (cell.vMerge === 'continue') {
        const above = prev?.cells.find((c) => c.start <= col && col < c.end);
        if (above) {
          text = above.text;
          inherited = true;
        }
      }
      cells.push({ start: col, end: col + span, text, inherited, vMerge: cell.vMerge });
      col += span;
    }
    prev = { cells, source: row };
    out.push(prev);
  }
  return out;
}

interface Column {
  header: string;
  start: number;
  end: number;
  role: ColumnRole | null;
  /** Key in `extra` for columns without a role. */
  key: string;
}
interface HeaderMatch {
  blockIndex: number;
  rowIndex: number;
  rows: LaidRow[];
  columns: Column[];
}

/** In Word and Excel the header is near the top of a table; pasted text may start with a whole order. */
const HEADER_SEARCH_ROWS = 50;

function matchHeader(row: LaidRow): Column[] | null {
  const cells = row.cells.filter((c) => !c.inherited && c.text !== '');
  if (cells.length < 3) return null;
  const scored = cells.map((c) => ({ cell: c, hit: columnRole(c.text) }));
  // Each role goes to its best-scoring column (leftmost on ties); the others become extra columns.
  const owner = new Map<ColumnRole, (typeof scored)[number]>();
  for (const s of scored) {
    if (!s.hit) continue;
    const cur = owner.get(s.hit.role);
    if (!cur || s.hit.score > (cur.hit?.score ?? 0)) owner.set(s.hit.role, s);
  }
  if (!owner.has('title')) return null;
  const core = (['number', 'responsible', 'deadline', 'result'] as ColumnRole[]).filter((r) => owner.has(r));
  if (core.length < 2) return null;
  const used = new Set<string>();
  return scored.map((s, i) => {
    const role = s.hit && owner.get(s.hit.role) === s ? s.hit.role : null;
    let key = s.cell.text || `Колонка ${i + 1}`;
    for (let k = 2; used.has(key); k++) key = `${s.cell.text} (${k})`;
    used.add(key);
    return { header: s.cell.text, start: s.cell.start, end: s.cell.end, role, key };
  });
}

function findHeader(blocks: RawBlock[], searchRows = HEADER_SEARCH_ROWS): HeaderMatch | null {
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind !== 'table') continue;
    const rows = layoutTable(block.table);
    for (let r = 0; r < Math.min(rows.length, searchRows); r++) {
      const columns = matchHeader(rows[r]);
      if (columns) return { blockIndex: b, rowIndex: r, rows, columns };
    }
  }
  return null;
}

function noHeaderError(): RoadmapFormatError {
  return new RoadmapFormatError(
    'Не найдена таблица дорожной карты: нет строки заголовков с колонками «Мероприятие», «Ответственные исполнители», «Сроки», «Результат»',
  );
}

const NUMBER_RE = /^(\d{1,3}(?:\.\d{1,3})*)[.)]?$/;
const ROMAN_RE = /^([IVXLC]{1,7})[.)]?$/;
/** «1. Нормативное обеспечение», «II. …», «Раздел 3: …» → number and title. */
const HEADING_RE =
  /^(?:(?:раздел|направление|задача|блок)\s+)?(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7})(?:[.):]\s*|\s+)(\S.*)$/iu;

function parseNumber(raw: string): { text: string; levels: number } | null {
  const compact = raw.replace(/\s+/g, '');
  const m = NUMBER_RE.exec(compact) ?? ROMAN_RE.exec(compact);
  return m ? { text: m[1], levels: m[1].split('.').length } : null;
}

function parseHeading(text: string): { number: string; title: string } | null {
  const m = HEADING_RE.exec(text);
  return m ? { number: m[1], title: m[2].trim() } : null;
}

/** Text of one row by column: `all` includes vertically merged values, `own` only this row's cells. */
interface RowValues {
  all: Map<string, string>;
  own: Map<string, string>;
  /** Cells of the title column beyond the last: a «system-forming» item merged in that column. */
  titleLead: string;
  outside: string[];
}

const ROLE_KEY = (c: Column) => (c.role ? `@${c.role}` : c.key);

function rowValues(row: LaidRow, columns: Column[]): RowValues {
  const all = new Map<string, string>();
  const own = new Map<string, string>();
  const titleCells: LaidCell[] = [];
  const outside: string[] = [];
  for (const cell of row.cells) {
    const col = columns.find((c) => c.start <= cell.start && cell.start < c.end);
    if (!col) {
      if (!cell.inherited && cell.text) outside.push(cell.text);
      continue;
    }
    if (col.role === 'title') titleCells.push(cell);
    const key = ROLE_KEY(col);
    // Sub-columns under one header: «Сроки» over «начало | окончание» reads «2021 – 2022».
    const join = (a: string, b: string) => (col.role === 'deadline' && a && b ? `${a} – ${b}` : joinText(a, b));
    all.set(key, join(all.get(key) ?? '', cell.text));
    if (!cell.inherited) own.set(key, join(own.get(key) ?? '', cell.text));
  }
  let titleLead = '';
  if (titleCells.length > 1) {
    const last = titleCells[titleCells.length - 1];
    titleLead = joinText(...titleCells.slice(0, -1).map((c) => c.text));
    all.set('@title', last.text);
    own.set('@title', last.inherited ? '' : last.text);
  }
  return { all, own, titleLead, outside };
}

/** Walks the body rows of the table and builds sections and activities. */
class RoadmapBuilder {
  readonly sections: ParsedSection[] = [];
  readonly warnings: string[] = [];
  private section: ParsedSection | null = null;
  /** The section opened for activities that come before any section row. */
  private implicitSection = false;
  private activity: ParsedActivity | null = null;
  private readonly seenNumbers = new Set<string>();
  private readonly hasNumberColumn: boolean;
  private readonly titleColumn: Column;
  private readonly headerKey: string;
  private underHeader = true;

  constructor(
    private readonly columns: Column[],
    headerRow: LaidRow,
  ) {
    this.hasNumberColumn = columns.some((c) => c.role === 'number');
    this.titleColumn = columns.find((c) => c.role === 'title')!;
    this.headerKey = headerSignature(headerRow);
    if (!this.hasNumberColumn) {
      this.warnings.push('В таблице нет колонки с номерами мероприятий («№ п/п»): мероприятия прочитаны без номеров');
    }
  }

  readRow(row: LaidRow): void {
    const own = row.cells.filter((c) => !c.inherited && c.text !== '');
    // Rows right under the header that continue its vertically merged cells are a second header line.
    const title = this.titleColumn;
    if (this.underHeader && row.cells.some((c) => c.inherited && c.start <= title.start && title.start < c.end)) return;
    this.underHeader = false;
    // Nothing to read: empty rows, «--» rule lines of text extractions, the closing quote of an amended appendix.
    if (own.every((c) => !/[\p{L}\p{N}]/u.test(c.text))) return;
    if (row.source.repeatHeader || headerSignature(row) === this.headerKey || isColumnNumbering(own)) return;

    const v = rowValues(row, this.columns);
    if (v.outside.length) this.warn(row, `текст за пределами колонок таблицы не прочитан: «${shorten(v.outside.join(' '))}»`);

    // A banner row: one cell across the table, or a line of pasted text without tabs.
    const lone = own.length === 1 ? own[0] : null;
    if (lone && (lone.end - lone.start >= 2 || row.cells.length === 1)) {
      const heading = parseHeading(lone.text);
      if (/^(итого|всего)/i.test(lone.text)) this.warn(row, `строка итогов пропущена: «${shorten(lone.text)}»`);
      else if (heading) this.startSection(heading.number, heading.title);
      else if (lone.end - lone.start >= 2) this.startSection('', lone.text);
      else this.warn(row, `строка без разбиения на колонки пропущена: «${shorten(lone.text)}»`);
      return;
    }
    if (this.hasNumberColumn) this.readNumberedRow(row, v);
    else this.readUnnumberedRow(row, v);
  }

  private readNumberedRow(row: LaidRow, v: RowValues): void {
    const numRaw = v.own.get('@number') ?? '';
    const titleText = v.own.get('@title') ?? '';
    const onlyTitle = [...v.own].every(([k, t]) => k === '@number' || k === '@title' || t === '');

    if (numRaw === '') {
      if (this.activity) {
        this.warn(row, 'не найден номер мероприятия, строка добавлена к предыдущему');
        this.appendToActivity(v);
      } else if (this.section && onlyTitle && titleText) {
        this.warn(row, 'строка без номера добавлена к названию раздела');
        this.section.title = joinText(this.section.title, titleText);
      } else {
        this.warn(row, 'мероприятие без номера');
        this.addActivity(row, '', v);
      }
      return;
    }
    const num = parseNumber(numRaw);
    if (!num) {
      // «1. Нормативное обеспечение» typed into the number cell alone is a section heading.
      const heading = parseHeading(numRaw);
      if (heading && onlyTitle && !titleText) {
        this.startSection(heading.number, heading.title);
        return;
      }
      this.warn(row, `номер «${shorten(numRaw, 30)}» не распознан, строка прочитана как мероприятие`);
      this.addActivity(row, numRaw, v);
      return;
    }
    // «1.» with only a title is a section, unless the table numbers its activities 1, 2, 3 without sections.
    const numberedActivities = this.implicitSection && this.section!.activities.some((a) => !a.number.includes('.'));
    if (num.levels === 1 && onlyTitle && titleText && !numberedActivities) {
      this.startSection(num.text, titleText);
      return;
    }
    this.addActivity(row, num.text, v);
  }

  /** Without a number column a row with a title is an activity and a row without one continues it. */
  private readUnnumberedRow(row: LaidRow, v: RowValues): void {
    if (v.own.get('@title')) this.addActivity(row, '', v);
    else if (this.activity) {
      this.warn(row, 'нет названия мероприятия, строка добавлена к предыдущему');
      this.appendToActivity(v);
    } else this.warn(row, `строка без названия мероприятия пропущена: «${shorten(rowPlainText(row))}»`);
  }

  private warn(row: LaidRow, message: string): void {
    this.warnings.push(`Строка ${row.source.sourceRow}: ${message}`);
  }

  private startSection(number: string, title: string): void {
    this.section = { number, title, activities: [] };
    this.sections.push(this.section);
    this.implicitSection = false;
    this.activity = null;
  }

  private addActivity(row: LaidRow, number: string, v: RowValues): void {
    if (!this.section) {
      this.startSection('', '');
      this.implicitSection = true;
    }
    const section = this.section!;
    const get = (role: ColumnRole) => v.all.get(`@${role}`) ?? '';
    const group = joinText(get('group'), v.titleLead);
    const activity: ParsedActivity = {
      number,
      group: group || null,
      title: get('title'),
      responsibleText: get('responsible'),
      coExecutorsText: this.columns.some((c) => c.role === 'coExecutors') ? get('coExecutors') || null : null,
      deadlineText: get('deadline'),
      expectedResult: get('result'),
      sourceRow: row.source.sourceRow,
    };
    const extraColumns = this.columns.filter((c) => !c.role);
    if (extraColumns.length) {
      activity.extra = Object.fromEntries(extraColumns.map((c) => [c.key, v.all.get(c.key) ?? '']));
    }
    if (number) {
      const top = number.split('.')[0];
      if (number.includes('.') && /^\d+$/.test(section.number) && top !== section.number) {
        this.warn(row, `номер мероприятия ${number} не соответствует разделу ${section.number}`);
      }
      if (this.seenNumbers.has(number)) this.warn(row, `номер мероприятия ${number} повторяется`);
      this.seenNumbers.add(number);
    }
    section.activities.push(activity);
    this.activity = activity;
  }

  /** Append a row's own text (the rest of a row split across pages) to the current activity. */
  private appendToActivity(v: RowValues): void {
    const a = this.activity!;
    const own = (role: ColumnRole) => v.own.get(`@${role}`) ?? '';
    a.title = joinText(a.title, own('title'));
    a.responsibleText = joinText(a.responsibleText, own('responsible'));
    a.deadlineText = joinText(a.deadlineText, own('deadline'));
    a.expectedResult = joinText(a.expectedResult, own('result'));
    if (own('coExecutors')) a.coExecutorsText = joinText(a.coExecutorsText ?? '', own('coExecutors'));
    if (own('group')) a.group = joinText(a.group ?? '', own('group'));
    if (a.extra) for (const key of Object.keys(a.extra)) a.extra[key] = joinText(a.extra[key], v.own.get(key) ?? '');
  }
}

/** Interpret the table model of a document as a roadmap. */
export function interpretRoadmap(blocks: RawBlock[], headerSearchRows = HEADER_SEARCH_ROWS): ParsedRoadmap {
  const header = findHeader(blocks, headerSearchRows);
  if (!header) throw noHeaderError();
  const b = new RoadmapBuilder(header.columns, header.rows[header.rowIndex]);
  const warnings: string[] = [];
  for (const row of tableBody(blocks, header, warnings)) b.readRow(row);

  const { title, approvedBy } = readPreamble(preambleOf(blocks, header));
  if (!title) {
    warnings.push('Не найдено название документа (абзац перед таблицей со словами «план», «дорожная карта» или «комплекс мер»)');
  }
  return {
    title,
    ...readPeriod(title ?? ''),
    approvedBy,
    columns: header.columns.map((c) => c.header),
    sections: b.sections,
    warnings: [...b.warnings, ...warnings],
  };
}

/** Paragraphs before the table, including rows above the header: they carry the title and approval stamp. */
function preambleOf(blocks: RawBlock[], header: HeaderMatch): string[] {
  const out: string[] = [];
  for (const block of blocks.slice(0, header.blockIndex)) {
    if (block.kind === 'paragraph') out.push(block.text);
    else for (const row of layoutTable(block.table)) out.push(rowPlainText(row));
  }
  for (const row of header.rows.slice(0, header.rowIndex)) out.push(rowPlainText(row));
  return out;
}

/**
 * The rows under the header. A table broken by a converter into one table per page continues in the
 * next table of the same width; a section heading typed as a paragraph between two parts becomes a
 * section row.
 */
function tableBody(blocks: RawBlock[], header: HeaderMatch, warnings: string[]): LaidRow[] {
  const body = header.rows.slice(header.rowIndex + 1);
  const width = tableWidth(header.rows);
  const headingsBetween: LaidRow[] = [];
  let next = header.blockIndex + 1;
  for (; next < blocks.length; next++) {
    const block = blocks[next];
    if (block.kind === 'paragraph') {
      if (/^[\s\d\-–—.]*$/.test(block.text)) continue; // empty lines and page numbers between the parts
      if (!parseHeading(block.text)) break;
      headingsBetween.push(bannerRow(block.text, width));
      continue;
    }
    const rows = layoutTable(block.table);
    if (tableWidth(rows) !== width) break;
    if (rows[0]) {
      warnings.push(
        `Строка ${rows[0].source.sourceRow} следующей таблицы: таблица продолжена в отдельной таблице документа, части объединены`,
      );
    }
    body.push(...headingsBetween.splice(0), ...rows);
  }
  if (findHeader(blocks.slice(next))) {
    warnings.push('Дальше в документе есть ещё одна таблица с колонками дорожной карты, она не прочитана: загрузите её отдельным файлом');
  }
  return body;
}

/** A section heading found outside the table, as if it were a row across the table. */
function bannerRow(text: string, width: number): LaidRow {
  return {
    cells: [{ start: 0, end: width, text, inherited: false, vMerge: null }],
    source: { cells: [{ text, gridSpan: width, vMerge: null }], repeatHeader: false, sourceRow: 0 },
  };
}

function tableWidth(rows: LaidRow[]): number {
  return rows.reduce((w, r) => Math.max(w, r.cells.at(-1)?.end ?? 0), 0);
}

function rowPlainText(row: LaidRow): string {
  return joinText(...row.cells.filter((c) => !c.inherited).map((c) => c.text));
}

function headerSignature(row: LaidRow): string {
  return row.cells
    .filter((c) => !c.inherited)
    .map((c) => c.text.toLowerCase().replace(/\s+/g, ''))
    .join('|');
}

/** The «1 | 2 | 3 | 4 | 5» row under the header that numbers the columns. */
function isColumnNumbering(own: LaidCell[]): boolean {
  return own.length >= 3 && own.every((c, i) => c.text.replace(/\.$/, '') === String(i + 1));
}


// ───────────────────────────── title, approval, period ─────────────────────────────

const TITLE_WORDS = /план|дорожн\S*\s+карт|комплекс\S*\s+мер/i;
const TITLE_START = /^[\s«"(*]*(план|дорожн\S*\s+карт|комплекс\S*\s+мер)/i;
// \b does not work with Cyrillic in JS regexps, hence the explicit look-ahead.
const APPROVED_START = /^[«"„\s]*утвержд[её]н[аоы]?(?![а-яё])/i;

function readPreamble(paragraphs: string[]): { title: string | null; approvedBy: string | null } {
  // The approval stamp: «УТВЕРЖДЕН(А) приказом … от … № …», possibly over several lines. It ends at
  // an empty line once its number is given (before that, empty lines are PDF-extraction gaps) or where
  // the title begins; a line with «№» is never the title («(в ред. приказа от … № …)»).
  const approvedIdx = new Set<number>();
  let approvedBy: string | null = null;
  const startIdx = paragraphs.findLastIndex((p) => APPROVED_START.test(p));
  if (startIdx >= 0) {
    const parts: string[] = [];
    let numbered = false;
    for (let i = startIdx; i < paragraphs.length && parts.length < 8; i++) {
      const p = paragraphs[i];
      const hasNumber = /№\s*\S/.test(p);
      if (!p && numbered) break;
      if (!p) continue;
      if (i > startIdx && TITLE_START.test(p) && !hasNumber) break;
      parts.push(p);
      approvedIdx.add(i);
      numbered ||= hasNumber;
    }
    approvedBy = normalizeSpace(parts.join(' ').replace(/^[«"„\s]+/, '').replace(/[»"]\s*$/, '')) || null;
  }

  // The title: in the last block of consecutive non-empty paragraphs that names a plan.
  const blocks: number[][] = [];
  let cur: number[] = [];
  paragraphs.forEach((p, i) => {
    if (p && !approvedIdx.has(i)) cur.push(i);
    else if (cur.length) (blocks.push(cur), (cur = []));
  });
  if (cur.length) blocks.push(cur);
  const block = blocks.findLast((bl) => bl.some((i) => TITLE_WORDS.test(paragraphs[i])));
  if (!block) return { title: null, approvedBy };
  let from = block.findIndex((i) => TITLE_START.test(paragraphs[i]));
  if (from < 0) from = block.findIndex((i) => TITLE_WORDS.test(paragraphs[i]));
  const title = normalizeSpace(block.slice(from).map((i) => paragraphs[i]).join(' '));
  return { title: title || null, approvedBy };
}

function readPeriod(text: string): Pick<ParsedRoadmap, 'periodText' | 'periodFrom' | 'periodTo'> {
  const none = { periodText: null, periodFrom: null, periodTo: null };
  const years = /(?:на\s+)?((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)/iu;
  const suffix = /(?:\s*(?:гг\.|г\.\s*г\.|годы|годов|годах|года|год|г\.))?/iu;
  const range = new RegExp(years.source + suffix.source, 'iu').exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return from <= to ? { periodText: range[0].trim(), periodFrom: from, periodTo: to } : none;
  }
  const single = /на\s+((?:19|20)\d\d)\s*(?:год|г\.)/iu.exec(text);
  if (single) return { periodText: single[0].trim(), periodFrom: Number(single[1]), periodTo: Number(single[1]) };
  return none;
}
