/**
 * The house style of the DOCX documents the system writes (a learning plan, a report, a
 * passport): Times New Roman 12 pt, A4 with 2 cm margins, fixed-width tables with a bold header
 * row repeated on every page.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';

export const DOCX_FONT = 'Times New Roman';
export const DOCX_FONT_SIZE = 24; // half-points: 12 pt
export const A4 = { width: 11906, height: 16838 }; // portrait twips
export const DOCX_MARGIN = 1134; // 2 cm
/** The text width of a landscape and of a portrait A4 page. */
export const LANDSCAPE_WIDTH = A4.height - 2 * DOCX_MARGIN;
export const PORTRAIT_WIDTH = A4.width - 2 * DOCX_MARGIN;

/** The default styles: the font, single spacing, no space after paragraphs. */
export const docxStyles = { default: { document: { run: { font: DOCX_FONT, size: DOCX_FONT_SIZE }, paragraph: { spacing: { after: 0, line: 240 } } } } };

/** Control characters are not allowed in XML 1.0: one stray \x0B from a database would corrupt the file. */
export const xmlSafe = (s: string) => s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '');

export interface TextOptions {
  bold?: boolean;
  italics?: boolean;
  center?: boolean;
  right?: boolean;
  /** half-points */
  size?: number;
}

/** One paragraph per line: text that had several lines keeps them. */
export function docText(value: string, opts: TextOptions = {}): Paragraph[] {
  const alignment = opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return xmlSafe(value)
    .split('\n')
    .map((line) => new Paragraph({ alignment, children: [new TextRun({ text: line, bold: opts.bold, italics: opts.italics, size: opts.size })] }));
}

/** A table of text with relative column widths; the first column centred when `centerFirst`. */
export function docTable(
  headers: string[],
  weights: number[],
  rows: string[][],
  opts: { width?: number; size?: number; centerFirst?: boolean; align?: ('left' | 'right' | 'center' | undefined)[]; boldLast?: boolean } = {},
): Table {
  const width = opts.width ?? LANDSCAPE_WIDTH;
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((width * w) / total));
  const cell = (value: string, i: number, o: TextOptions = {}) =>
    new TableCell({ width: { size: widths[i], type: WidthType.DXA }, verticalAlign: VerticalAlignTable.TOP, children: docText(value, { size: opts.size, ...o }) });
  const aligned = (i: number): TextOptions => {
    const a = opts.align?.[i] ?? (opts.centerFirst && i === 0 ? 'center' : 'left');
    return { center: a === 'center', right: a === 'right' };
  };
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, { bold: true, center: true })) }),
      ...rows.map((r, k) => new TableRow({ children: r.map((v, i) => cell(v, i, { ...aligned(i), bold: opts.boldLast && k === rows.length - 1 })) })),
    ],
  });
}
