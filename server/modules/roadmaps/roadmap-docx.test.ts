import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetText, writeRoadmapDocx, writeRoadmapXlsx, type RoadmapExport } from './roadmap-docx.js';
import { normalizeSpace, readRoadmapDocx, readRoadmapXlsx, type ParsedRoadmap, type ParsedSection } from './roadmap-reader.js';

const samples = path.resolve(process.cwd(), '../shared/samples');

interface AnswerKey {
  title: string;
  columns: string[];
  sections: {
    number: string;
    title: string;
    activities: { number: string; title: string; responsible: string; deadline: string; result: string }[];
  }[];
}
const answerKey = (name: string) => JSON.parse(readFileSync(path.join(samples, name), 'utf8')) as AnswerKey;

function keyToExport(key: AnswerKey): RoadmapExport {
  return {
    title: key.title,
    columns: key.columns,
    sections: key.sections.map((s) => ({
      number: s.number,
      title: s.title,
      activities: s.activities.map((a) => ({
        number: a.number,
        group: null,
        title: a.title,
        responsibleText: a.responsible,
        coExecutorsText: null,
        deadlineText: a.deadline,
        expectedResult: a.result,
      })),
    })),
  };
}

/** What survives a write/read round trip: the data, not the row numbers of the new file. */
function comparable(sections: ParsedSection[]) {
  return sections.map((s) => ({
    number: s.number,
    title: normalizeSpace(s.title),
    activities: s.activities.map((a) => ({
      number: a.number,
      group: a.group === null ? null : normalizeSpace(a.group) || null,
      title: normalizeSpace(a.title),
      responsibleText: normalizeSpace(a.responsibleText),
      coExecutorsText: a.coExecutorsText === null ? null : normalizeSpace(a.coExecutorsText) || null,
      deadlineText: normalizeSpace(a.deadlineText),
      expectedResult: normalizeSpace(a.expectedResult),
      ...(a.extra ? { extra: Object.fromEntries(Object.entries(a.extra).map(([k, v]) => [k, normalizeSpace(v)])) } : {}),
    })),
  }));
}

// ───────────── 2. answer keys written out and read back ─────────────

describe('answer keys round trip through the writers', () => {
  for (const key of ['roadmap-000.json', 'roadmap-002.json']) {
    it(`${key} → XLSX → reader`, async () => {
      const k = answerKey(key);
      const r = await readRoadmapXlsx(await writeRoadmapXlsx(keyToExport(k)));
      expect(r.title).toBe(k.title);
      expect(r.columns).toEqual(k.columns);
      expect(comparable(r.sections)).toEqual(comparable(keyToExport(k).sections));
      expect(r.warnings).toEqual([]);
    });

    it(`${key} → DOCX → reader`, async () => {
      const k = answerKey(key);
      const r = await readRoadmapDocx(await writeRoadmapDocx({ ...keyToExport(k), approvedBy: 'УТВЕРЖДЕН приказом от 01.09.2021 № 1' }));
      expect(r.title).toBe(k.title);
      expect(r.approvedBy).toBe('УТВЕРЖДЕН приказом от 01.09.2021 № 1');
      expect(r.columns).toEqual(k.columns);
      expect(comparable(r.sections)).toEqual(comparable(keyToExport(k).sections));
      expect(r.warnings).toEqual([]);
    });
  }
});

// ───────────── the official form ─────────────

const rich: RoadmapExport = {
  title: 'План мероприятий («дорожная карта»)\nпо развитию наставничества на 2024-2026 гг.',
  approvedBy: 'УТВЕРЖДЕН\nприказом от 01.02.2024 № 5',
  columns: ['№', 'Содержание деятельности', 'Исполнители', 'Срок', 'Результат'],
  sections: [
    {
      number: '1',
      title: 'Организация',
      activities: [
        { number: '1.1', group: 'Наставничество', title: 'Совет', responsibleText: 'УО', coExecutorsText: 'ОО', deadlineText: '2024', expectedResult: '=HYPERLINK("x")', extra: { Примечание: '-' } },
        { number: '1.2', group: 'Наставничество', title: 'Школа\nнаставника', responsibleText: '+7 отделов', coExecutorsText: null, deadlineText: '@2025', expectedResult: '- приказ', extra: { Примечание: 'есть' } },
        { number: '1.3', group: null, title: 'Отч\u0001ёт', responsibleText: 'ИРО', coExecutorsText: null, deadlineText: 'ежегодно', expectedResult: 'Отчёт', extra: { Примечание: '' } },
      ],
    },
  ],
};

/** A control character cannot be stored in XML: the writers drop it. */
const richAsStored: ParsedSection[] = JSON.parse(JSON.stringify(rich.sections).replace('\\u0001', ''));

describe('writeRoadmapDocx', () => {
  it('writes landscape A4, Times New Roman 12, a repeating header and section rows across the table', async () => {
    const buf = await writeRoadmapDocx(rich);
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:gridSpan w:val="8"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    const styles = await (await JSZip.loadAsync(buf)).file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:sz w:val="24"\/>/);

    const r = await readRoadmapDocx(buf);
    expect(r.title).toBe('План мероприятий («дорожная карта») по развитию наставничества на 2024-2026 гг.');
    expect(r.approvedBy).toBe('УТВЕРЖДЕН приказом от 01.02.2024 № 5');
    // Labels come from `columns` by meaning; the group, co-executor and extra columns are added.
    expect(r.columns).toEqual(['№', 'Системообразующий элемент', 'Содержание деятельности', 'Исполнители', 'Соисполнители', 'Срок', 'Результат', 'Примечание']);
    expect(comparable(r.sections)).toEqual(comparable(richAsStored));
    expect(r.warnings).toEqual([]);
  });
});

describe('writeRoadmapXlsx', () => {
  it('freezes the header, merges section rows, wraps text and guards formula-like text', async () => {
    const buf = await writeRoadmapXlsx(rich);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buf).buffer);
    const ws = wb.worksheets[0];
    const headerRow = 5; // stamp, blank, title, blank, header
    expect(ws.getCell(headerRow, 1).value).toBe('№');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.getCell(headerRow + 1, 1).value).toBe('1. Организация');
    expect(ws.getCell(headerRow + 1, 8).isMerged).toBe(true);
    expect(ws.getCell(headerRow + 2, 3).alignment?.wrapText).toBe(true);
    // The group cell is merged over 1.1 and 1.2.
    expect(ws.getCell(headerRow + 3, 2).master.address).toBe(ws.getCell(headerRow + 2, 2).address);
    // Text that a spreadsheet could take for a formula is stored with a leading apostrophe…
    expect(ws.getCell(headerRow + 2, 7).value).toBe(`'=HYPERLINK("x")`);
    expect(ws.getCell(headerRow + 3, 4).value).toBe(`'+7 отделов`);
    expect(ws.getCell(headerRow + 3, 6).value).toBe(`'@2025`);
    expect(ws.getCell(headerRow + 2, 8).value).toBe(`'-`);
    expect(escapeSpreadsheetText('Министерство')).toBe('Министерство');
    // …and the reader removes exactly that prefix again.
    const r = await readRoadmapXlsx(buf);
    expect(r.title).toBe('План мероприятий («дорожная карта») по развитию наставничества на 2024-2026 гг.');
    expect(r.approvedBy).toBe('УТВЕРЖДЕН приказом от 01.02.2024 № 5');
    expect(comparable(r.sections)).toEqual(comparable(richAsStored));
    expect(r.warnings).toEqual([]);
  });
});

// ───────────── 6. property: any roadmap survives DOCX export and import ─────────────

const word = fc.constantFrom(
  'разработка', 'методического', 'сопровождения', 'педагогических', 'работников', 'МОУО', 'ИРО', 'ПК',
  '«Учитель года»', 'приказ', 'мониторинг', '2024', 'г.', '(далее – ЦНППМ)', 'и', 'в', 'течение', 'года,', 'план-график', '№ 5',
  // Text a spreadsheet could take for a formula.
  '- пункт', '=СУММ(A1)', '+7', '@МОУО',
);
/** Russian-like text; "\n" between words become separate paragraphs in the cell. */
const text = (min = 1) =>
  fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '\n', '  ')), { minLength: min, maxLength: 12 }).map((ws) =>
    ws.map(([w, sep], i) => (i ? sep : '') + w).join(''),
  );
const optional = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: null });

const roadmapArb: fc.Arbitrary<RoadmapExport> = fc
  .record({
    title: text(2).map((t) => `План мероприятий ${t}`),
    // Stamp lines must not start with «план…»: such a line is where the reader expects the title.
    approvedBy: optional(
      fc
        .array(fc.tuple(fc.constantFrom('Министерства', 'образования', 'и науки', 'от 01.09.2021'), fc.constantFrom(' ', '\n')), { maxLength: 4 })
        .map((ws) => `УТВЕРЖДЕН приказом ${ws.map(([w, sep]) => w + sep).join('')}№ 12`),
    ),
    sections: fc.array(
      fc.record({
        title: text(1),
        activities: fc.array(
          fc.record({
            group: optional(fc.constantFrom('Наставничество', 'Диагностика дефицитов')),
            title: text(1),
            responsibleText: text(0),
            coExecutorsText: optional(text(1)),
            deadlineText: text(0),
            expectedResult: text(0),
          }),
          { maxLength: 5 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((r) => ({
    ...r,
    sections: r.sections.map((s, i) => ({
      number: String(i + 1),
      title: s.title,
      activities: s.activities.map((a, k) => ({ ...a, number: `${i + 1}.${k + 1}` })),
    })),
  }));

describe('property: write then read', () => {
  it('reads back every generated roadmap unchanged (after whitespace normalization)', async () => {
    await fc.assert(
      fc.asyncProperty(roadmapArb, async (input) => {
        const r: ParsedRoadmap = await readRoadmapDocx(await writeRoadmapDocx(input));
        expect(r.title).toBe(normalizeSpace(input.title));
        expect(r.approvedBy).toBe(input.approvedBy ? normalizeSpace(input.approvedBy) : null);
        expect(comparable(r.sections)).toEqual(comparable(input.sections));
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('the same for XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(roadmapArb, async (input) => {
        const r = await readRoadmapXlsx(await writeRoadmapXlsx(input));
        expect(r.title).toBe(normalizeSpace(input.title));
        expect(r.approvedBy).toBe(input.approvedBy ? normalizeSpace(input.approvedBy) : null);
        expect(comparable(r.sections)).toEqual(comparable(input.sections));
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
