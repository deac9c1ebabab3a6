/**
 * A report (annual report, system passport) as DOCX in the house style (lib/docx.ts): the title,
 * then each section with its tables and charts; charts are PNG pictures (report-chart.ts).
 */
import { AlignmentType, Document, ImageRun, Packer, PageNumber, Paragraph, Footer, TextRun, HeadingLevel } from 'docx';
import { A4, DOCX_MARGIN, PORTRAIT_WIDTH, docTable, docText, docxStyles } from '../../lib/docx.js';
import type { ReportBlock, ReportDocument } from '../../../common/report-layout.js';
import { chartPng } from './report-chart.js';

const SMALL = 20; // 10 pt in tables
const TWIPS_PER_PIXEL = 15; // 96 dpi
const space = () => new Paragraph({ spacing: { after: 120 } });

function block(b: ReportBlock): (Paragraph | ReturnType<typeof docTable>)[] {
  switch (b.kind) {
    case 'paragraph':
      return [...docText(b.text), space()];
    case 'note':
      return [...docText(b.text, { italics: true }), space()];
    case 'subheading':
      return docText(b.text, { bold: true });
    case 'facts':
      return [docTable(['Сведения', 'Значение'], [70, 30], b.items.map((i) => [i.label, i.value]), { width: PORTRAIT_WIDTH, size: SMALL, align: [undefined, 'right'] }), space()];
    case 'table':
      return [
        ...(b.caption ? docText(b.caption, { bold: true, size: SMALL + 2 }) : []),
        docTable(
          b.columns.map((c) => c.title),
          b.columns.map((c) => c.weight),
          b.totals ? [...b.rows, b.totals] : b.rows,
          { width: PORTRAIT_WIDTH, size: SMALL, align: b.columns.map((c) => c.align), boldLast: Boolean(b.totals) },
        ),
        space(),
      ];
    case 'chart': {
      const { png, width, height } = chartPng(b.bars, b.unit);
      // fit the page's text width
      const maxWidth = PORTRAIT_WIDTH / TWIPS_PER_PIXEL;
      const scale = Math.min(1, maxWidth / width);
      return [
        ...docText(b.title, { bold: true, size: SMALL + 2 }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(width * scale), height: Math.round(height * scale) }, altText: { name: b.title, title: b.title, description: b.title } })] }),
        space(),
      ];
    }
  }
}

export async function writeReportDocx(d: ReportDocument): Promise<Buffer> {
  const children = [
    ...d.title.flatMap((line, i) => docText(line, { bold: true, center: true, size: i === 0 ? 32 : 28 })),
    new Paragraph({}),
    ...d.meta.flatMap((line) => docText(line, { center: true, italics: true })),
    new Paragraph({}),
    ...d.sections.flatMap((s) => [new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.title, bold: true, size: 28, font: 'Times New Roman', color: '000000' })] }), ...s.blocks.flatMap(block)]),
  ];
  const doc = new Document({
    title: d.title.join(' '),
    creator: 'РСНМС',
    styles: docxStyles,
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: { top: DOCX_MARGIN, bottom: DOCX_MARGIN, left: DOCX_MARGIN, right: DOCX_MARGIN } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SMALL })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
