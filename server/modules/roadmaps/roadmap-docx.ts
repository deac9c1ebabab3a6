/**
 * Writing a roadmap back out in the official appendix form: the approval stamp, the title and one
 * table «№ п/п | Мероприятие (содержание деятельности) | Ответственные исполнители | Сроки
 * исполнения | Планируемый результат», with section rows across the table. DOCX for printing and
 * signing, XLSX for editing. Both files read back through roadmap-reader.ts to the same data.
 */
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { columnRole, type ColumnRole, type ParsedActivity, type ParsedSection } from './roadmap-reader.js';

export interface RoadmapExport {
  title: string;
  approvedBy?: string | null;
  /** Header labels to use (e.g. the source document's); matched to columns by meaning, not position. */
  columns?: string[];
  sections: ParsedSection[];
}

const DEFAULT_HEADERS: Record<ColumnRole, string> = {
  number: '№ п/п',
  group: 'Системообразующий элемент',
  title: 'Мероприятие (содержание деятельности)',
  responsible: 'Ответственные исполнители',
  coExecutors: 'Соисполнители',
  deadline: 'Сроки исполнения',
  result: 'Планируемый результат',
};

/** Relative column widths; the number column is narrow, the activity text gets the most room. */
const WEIGHTS: Record<ColumnRole, number> = {
  number: 6,
  group: 14,
  title: 32,
  responsible: 20,
  coExecutors: 14,
  deadline: 13,
  result: 25,
};
const EXTRA_WEIGHT = 14;

interface ExportColumn {
  role: ColumnRole | null;
  header: string;
  weight: number;
  value: (a: ParsedActivity) => string;
}

/**
 * The five official columns always; a group column, a «Соисполнители» column and extra columns only
 * when some activity has such data, so nothing read from a richer table is lost on export.
 */
function exportColumns(r: RoadmapExport): ExportColumn[] {
  const headers = { ...DEFAULT_HEADERS };
  const labelled = new Set<ColumnRole>();
  for (const h of r.columns ?? []) {
    const hit = columnRole(h);
    if (hit && !labelled.has(hit.role)) {
      headers[hit.role] = h;
      labelled.add(hit.role);
    }
  }
  const activities = r.sections.flatMap((s) => s.activities);
  const roleColumn = (role: ColumnRole, value: (a: ParsedActivity) => string): ExportColumn => ({
    role,
    header: headers[role],
    weight: WEIGHTS[role],
    value,
  });
  const columns: ExportColumn[] = [roleColumn('number', (a) => formatNumber(a.number))];
  if (activities.some((a) => a.group)) columns.push(roleColumn('group', (a) => a.group ?? ''));
  columns.push(roleColumn('title', (a) => a.title), roleColumn('responsible', (a) => a.responsibleText));
  if (activities.some((a) => a.coExecutorsText)) columns.push(roleColumn('coExecutors', (a) => a.coExecutorsText ?? ''));
  columns.push(roleColumn('deadline', (a) => a.deadlineText), roleColumn('result', (a) => a.expectedResult));
  const extraKeys = [...new Set(activities.flatMap((a) => Object.keys(a.extra ?? {})))];
  for (const key of extraKeys) {
    columns.push({ role: null, header: key, weight: EXTRA_WEIGHT, value: (a) => a.extra?.[key] ?? '' });
  }
  return columns;
}

/** Control characters are not allowed in XML 1.0: one stray \x0B from a database would corrupt the file. */
function xmlSafe(s: string): string {
  return s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '');
}

/** «1.1» is printed «1.1.» as in the official form; anything else as it is. */
function formatNumber(n: string): string {
  return /^\d+(\.\d+)*$/.test(n) ? `${n}.` : n;
}

function sectionHeading(s: ParsedSection): string {
  return [formatNumber(s.number), s.title].filter(Boolean).join(' ');
}

/** Sections without number and title (activities read from a table without sections) get no row. */
function hasHeadingRow(s: ParsedSection): boolean {
  return Boolean(s.number || s.title);
}

/** For each activity of a section: how the group cell is merged with its neighbours. */
function groupMerges(activities: ParsedActivity[]): ('restart' | 'continue' | null)[] {
  return activities.map((a, i) => {
    if (!a.group) return null;
    const prev = activities[i - 1];
    if (prev?.group === a.group) return 'continue';
    return activities[i + 1]?.group === a.group ? 'restart' : null;
  });
}

// ───────────────────────────── DOCX ─────────────────────────────

const FONT = 'Times New Roman';
const FONT_SIZE = 24; // half-points: 12 pt
const A4 = { width: 11906, height: 16838 }; // portrait twips; docx swaps them for landscape
const MARGIN = 1134; // 2 cm
const TABLE_WIDTH = A4.height - 2 * MARGIN;

interface CellOptions {
  bold?: boolean;
  center?: boolean;
  vMerge?: 'restart' | 'continue' | null;
}
const VERTICAL_MERGE = { restart: VerticalMergeType.RESTART, continue: VerticalMergeType.CONTINUE };

/** One paragraph per line: text that had several paragraphs keeps them. */
function paragraphs(text: string, opts: CellOptions = {}): Paragraph[] {
  return xmlSafe(text).split('\n').map(
    (line) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold: opts.bold })],
      }),
  );
}

export async function writeRoadmapDocx(r: RoadmapExport): Promise<Buffer> {
  const columns = exportColumns(r);
  const totalWeight = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((TABLE_WIDTH * c.weight) / totalWeight));
  const cell = (text: string, i: number, opts: CellOptions = {}) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.TOP,
      verticalMerge: opts.vMerge ? VERTICAL_MERGE[opts.vMerge] : undefined,
      // A continued cell shows the text of the cell above; its own paragraph stays empty.
      children: paragraphs(opts.vMerge === 'continue' ? '' : text, opts),
    });

  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true, // repeated on every page
      children: columns.map((c, i) => cell(c.header, i, { bold: true, center: true })),
    }),
  ];
  for (const section of r.sections) {
    if (hasHeadingRow(section)) {
      rows.push(
        new TableRow({
          children: [
            new TableCell({
              columnSpan: columns.length,
              width: { size: TABLE_WIDTH, type: WidthType.DXA },
              children: paragraphs(sectionHeading(section), { bold: true, center: true }),
            }),
          ],
        }),
      );
    }
    const merges = groupMerges(section.activities);
    section.activities.forEach((a, k) => {
      rows.push(
        new TableRow({
          children: columns.map((c, i) =>
            cell(c.value(a), i, { vMerge: c.role === 'group' ? merges[k] : null, center: c.role === 'number' }),
          ),
        }),
      );
    });
  }

  const preamble: Paragraph[] = [];
  if (r.approvedBy) {
    // The approval stamp sits in the right part of the page, as on signed appendices.
    for (const line of r.approvedBy.split('\n')) {
      preamble.push(new Paragraph({ indent: { left: Math.round(TABLE_WIDTH * 0.65) }, children: [new TextRun(line)] }));
    }
    preamble.push(new Paragraph({}));
  }
  preamble.push(...paragraphs(r.title, { bold: true, center: true }), new Paragraph({}));

  const doc = new Document({
    styles: {
      default: {
        document: { run: { font: FONT, size: FONT_SIZE }, paragraph: { spacing: { after: 0, line: 240 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          ...preamble,
          new Table({
            width: { size: TABLE_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            rows,
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ───────────────────────────── XLSX ─────────────────────────────

/**
 * Formula injection. exceljs writes strings as shared strings, which Excel, LibreOffice and Google
 * Sheets never evaluate on opening; the risk is a later copy or CSV export re-reading «=…» as a formula.
 * We follow the OWASP recommendation and prefix text starting with = + - @ (or tab / CR) with an
 * apostrophe. It costs a visible «'» in such cells (a dash list «- …» among them); in exchange the file
 * is safe in any program. readRoadmapXlsx removes exactly this prefix, so our own exports re-import
 * verbatim. (Excel's own quotePrefix cell style would hide the mark, but exceljs cannot write it.)
 */
export function escapeSpreadsheetText(s: string): string {
  const text = xmlSafe(s);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Approximate character widths for the XLSX columns (same proportions as the DOCX table). */
const XLSX_WIDTH_PER_WEIGHT = 1.6;

export async function writeRoadmapXlsx(r: RoadmapExport): Promise<Buffer> {
  const columns = exportColumns(r);
  const n = columns.length;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Дорожная карта', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ width: Math.round(c.weight * XLSX_WIDTH_PER_WEIGHT) }));
  const font = { name: FONT, size: 12 };
  const wrap = { wrapText: true, vertical: 'top' as const };

  const bannerRow = (text: string, opts: { bold?: boolean; center?: boolean } = {}) => {
    const row = ws.addRow([escapeSpreadsheetText(text)]);
    ws.mergeCells(row.number, 1, row.number, n);
    const c = row.getCell(1);
    c.font = { ...font, bold: opts.bold };
    c.alignment = { ...wrap, horizontal: opts.center ? 'center' : 'left' };
    return row;
  };

  if (r.approvedBy) {
    bannerRow(r.approvedBy);
    ws.addRow([]);
  }
  bannerRow(r.title, { bold: true, center: true });
  ws.addRow([]);

  const header = ws.addRow(columns.map((c) => escapeSpreadsheetText(c.header)));
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { ...wrap, horizontal: 'center', vertical: 'middle' };
  });
  ws.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];

  const border = { style: 'thin' as const };
  for (const section of r.sections) {
    if (hasHeadingRow(section)) bannerRow(sectionHeading(section), { bold: true, center: true });
    const merges = groupMerges(section.activities);
    const groupCol = columns.findIndex((c) => c.role === 'group') + 1;
    let groupStart = 0;
    section.activities.forEach((a, k) => {
      const row = ws.addRow(columns.map((c) => escapeSpreadsheetText(c.value(a))));
      row.eachCell({ includeEmpty: true }, (c) => {
        c.font = font;
        c.alignment = wrap;
      });
      if (groupCol > 0) {
        if (merges[k] === 'restart') groupStart = row.number;
        const last = merges[k] !== null && merges[k + 1] !== 'continue';
        if (last && groupStart && row.number > groupStart) ws.mergeCells(groupStart, groupCol, row.number, groupCol);
      }
    });
  }
  // Thin borders over the whole table, header included.
  for (let rn = header.number; rn <= ws.rowCount; rn++) {
    for (let cn = 1; cn <= n; cn++) ws.getCell(rn, cn).border = { top: border, left: border, bottom: border, right: border };
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
