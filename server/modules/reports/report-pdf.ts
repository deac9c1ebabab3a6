/**
 * A report as PDF (ADR 0027), drawn with pdfkit in the DejaVu fonts of the npm package
 * `dejavu-fonts-ttf` (Cyrillic everywhere, the same on every machine): tables that wrap their text
 * and repeat the header row on a new page, charts drawn with vector primitives, page numbers.
 */
import PDFDocument from 'pdfkit';
import type { ChartBar, ReportBlock, ReportDocument, TableColumn } from '../../../common/report-layout.js';
import { num } from '../../../common/report-layout.js';
import { chartColors, fontFile } from './report-chart.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const PAD = 3;
const TABLE_SIZE = 8.5;
const TEXT_SIZE = 10;
const LINE = '#8c8c8c';

const R = 'regular';
const B = 'bold';

/** The lowest y the content may reach on a page. */
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page when `height` does not fit below the cursor. */
function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function paragraph(doc: Doc, text: string, opts: { font?: string; size?: number; align?: 'left' | 'center' | 'right' | 'justify'; gap?: number; color?: string } = {}) {
  doc.font(opts.font ?? R).fontSize(opts.size ?? TEXT_SIZE).fillColor(opts.color ?? 'black');
  const width = contentWidth(doc);
  ensureRoom(doc, Math.min(doc.heightOfString(text, { width }), 60));
  doc.text(text, doc.page.margins.left, doc.y, { width, align: opts.align ?? 'left' });
  doc.moveDown(opts.gap ?? 0.4);
}

/** A table: column widths by weight, wrapped cells, the header repeated on every page it spans. */
function table(doc: Doc, columns: TableColumn[], rows: string[][], opts: { caption?: string; totals?: string[]; header?: boolean } = {}) {
  const width = contentWidth(doc);
  const x0 = doc.page.margins.left;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (width * c.weight) / total);
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(TABLE_SIZE);
    return Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = rowHeight(cells, font);
    let x = x0;
    const y = doc.y;
    cells.forEach((t, i) => {
      if (fill) doc.rect(x, y, widths[i], h).fill(fill);
      doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, widths[i], h).stroke();
      doc.fillColor('black').font(font).fontSize(TABLE_SIZE).text(t, x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: font === B && fill ? 'center' : (columns[i].align ?? 'left') });
      x += widths[i];
    });
    doc.x = x0;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.title);
  const headerHeight = rowHeight(header, B);
  if (opts.caption) {
    doc.font(B).fontSize(TEXT_SIZE);
    // the caption stays with the header and the first row
    ensureRoom(doc, doc.heightOfString(opts.caption, { width }) + headerHeight + (rows[0] ? rowHeight(rows[0], R) : 0) + 4);
    paragraph(doc, opts.caption, { font: B, gap: 0.2 });
  }
  if (opts.header !== false) {
    ensureRoom(doc, headerHeight + (rows[0] ? rowHeight(rows[0], R) : 0));
    drawRow(header, B, '#f0f0f0');
  }
  const all = opts.totals ? [...rows, opts.totals] : rows;
  all.forEach((cells, k) => {
    const font = opts.totals && k === all.length - 1 ? B : R;
    if (doc.y + rowHeight(cells, font) > bottom(doc)) {
      doc.addPage();
      if (opts.header !== false) drawRow(header, B, '#f0f0f0');
    }
    drawRow(cells, font);
  });
  doc.moveDown(0.8);
}

/** A «nice» upper bound of the scale: 1, 2, 2.5 or 5 times a power of ten. */
function niceMax(v: number) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = [1, 2, 2.5, 5, 10].find((k) => k * p >= v)!;
  return m * p;
}

const BAR_ROW = 16;

/** Horizontal bars of the value per child, the target as a red mark; split over pages if long. */
function chart(doc: Doc, title: string, unit: string, bars: ChartBar[]) {
  const width = contentWidth(doc);
  const x0 = doc.page.margins.left;
  const labelWidth = width * 0.34;
  const plotX = x0 + labelWidth + 6;
  const plotWidth = width - labelWidth - 40;
  const max = niceMax(Math.max(...bars.flatMap((b) => [b.value ?? 0, b.target ?? 0]), unit === '%' ? 10 : 1));
  const scale = (v: number) => plotX + (Math.min(v, max) / max) * plotWidth;
  const legendHeight = 16;
  const axisHeight = 14;
  // a chart that fits a page is never split: it starts on a new page instead
  doc.font(B).fontSize(TEXT_SIZE);
  const whole = doc.heightOfString(title, { width }) + 4 + legendHeight + axisHeight + 8 + BAR_ROW * bars.length;
  const pageRoom = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  if (whole <= pageRoom) ensureRoom(doc, whole);
  let i = 0;
  let first = true;
  while (i < bars.length || first) {
    doc.font(B).fontSize(TEXT_SIZE);
    const titleHeight = first ? doc.heightOfString(title, { width }) + 4 : 0;
    ensureRoom(doc, titleHeight + legendHeight + axisHeight + BAR_ROW * Math.min(3, bars.length - i) + 8);
    if (first) paragraph(doc, title, { font: B, gap: 0.2 });
    const fits = Math.max(1, Math.floor((bottom(doc) - doc.y - legendHeight - axisHeight - 8) / BAR_ROW));
    const chunk = bars.slice(i, i + fits);
    // legend
    let y = doc.y;
    doc.rect(plotX, y + 3, 10, 8).fill(chartColors.value);
    doc.fillColor('black').font(R).fontSize(TABLE_SIZE).text('Значение', plotX + 14, y + 2, { lineBreak: false });
    doc.rect(plotX + 80, y + 3, 10, 8).fill(chartColors.below);
    doc.fillColor('black').text('Ниже целевого', plotX + 94, y + 2, { lineBreak: false });
    doc.rect(plotX + 180, y + 1, 2.5, 12).fill(chartColors.target);
    doc.fillColor('black').text('Целевое значение', plotX + 188, y + 2, { lineBreak: false });
    y += legendHeight;
    const plotTop = y;
    const plotBottom = y + chunk.length * BAR_ROW;
    // grid and axis labels
    for (let t = 0; t <= 4; t++) {
      const v = (max * t) / 4;
      const x = scale(v);
      doc.lineWidth(0.4).strokeColor('#d9d9d9').moveTo(x, plotTop).lineTo(x, plotBottom).stroke();
      doc.fillColor('#595959').font(R).fontSize(7.5).text(`${num(v)}${unit === '%' ? ' %' : ''}`, x - 20, plotBottom + 3, { width: 40, align: 'center', lineBreak: false });
    }
    chunk.forEach((b, k) => {
      const rowY = plotTop + k * BAR_ROW;
      doc.fillColor('black').font(R).fontSize(TABLE_SIZE).text(b.name, x0, rowY + 3, { width: labelWidth, height: BAR_ROW - 2, ellipsis: true, lineBreak: false, align: 'right' });
      const below = b.target !== null && b.value !== null && b.value < b.target;
      if (b.value !== null && b.value > 0) doc.rect(plotX, rowY + 3, scale(b.value) - plotX, BAR_ROW - 6).fill(below ? chartColors.below : chartColors.value);
      doc.fillColor('black').fontSize(7.5).text(b.value === null ? '—' : num(b.value), (b.value !== null ? scale(b.value) : plotX) + 3, rowY + 4, { lineBreak: false });
      if (b.target !== null) doc.rect(scale(b.target) - 1.2, rowY + 1, 2.4, BAR_ROW - 2).fill(chartColors.target);
    });
    doc.lineWidth(0.6).strokeColor('#595959').moveTo(plotX, plotTop).lineTo(plotX, plotBottom).stroke();
    doc.x = x0;
    doc.y = plotBottom + axisHeight + 6;
    i += chunk.length;
    first = false;
    if (i < bars.length) doc.addPage();
  }
  doc.moveDown(0.6);
}

function block(doc: Doc, b: ReportBlock) {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(doc, b.text, { align: 'justify' });
    case 'note':
      return paragraph(doc, b.text, { color: '#595959' });
    case 'subheading':
      return paragraph(doc, b.text, { font: B });
    case 'facts':
      return table(doc, [{ title: 'Сведения', weight: 70 }, { title: 'Значение', weight: 30, align: 'right' }], b.items.map((i) => [i.label, i.value]), { header: false });
    case 'table':
      return table(doc, b.columns, b.rows, { caption: b.caption, totals: b.totals });
    case 'chart':
      return chart(doc, b.title, b.unit, b.bars);
  }
}

export function writeReportPdf(d: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: d.title.join(' '), Creator: 'РСНМС' }, lang: 'ru-RU' });
  doc.registerFont(R, fontFile('DejaVuSans'));
  doc.registerFont(B, fontFile('DejaVuSans-Bold'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.moveDown(2);
  d.title.forEach((line, i) => paragraph(doc, line, { font: B, size: i === 0 ? 18 : 13, align: 'center', gap: 0.3 }));
  doc.moveDown(0.5);
  d.meta.forEach((line) => paragraph(doc, line, { align: 'center', color: '#595959', gap: 0.1 }));
  doc.moveDown(1.5);
  for (const s of d.sections) {
    // a heading never stays alone at the foot of a page
    ensureRoom(doc, 90);
    paragraph(doc, s.title, { font: B, size: 13, gap: 0.5 });
    for (const b of s.blocks) block(doc, b);
  }
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    doc.font(R).fontSize(8).fillColor('#8c8c8c').text(`${p + 1} / ${range.count}`, MARGIN, doc.page.height - 32, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}
