import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { UploadRejectedError } from '../../lib/upload-check.js';
import {
  readRoadmapDocx,
  readRoadmapText,
  readRoadmapXlsx,
  RoadmapFormatError,
  type ParsedActivity,
  type ParsedRoadmap,
} from './roadmap-reader.js';

const samples = path.resolve(process.cwd(), '../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));

interface KeyActivity {
  number: string;
  title: string;
  responsible: string;
  deadline: string;
  result: string;
}
interface AnswerKey {
  title: string;
  columns: string[];
  sections: { number: string; title: string; activities: KeyActivity[] }[];
}
const answerKey = (name: string) => JSON.parse(sample(name).toString('utf8')) as AnswerKey;

/** The parsed roadmap in the answer key's shape, so that strings compare exactly. */
function asKey(r: ParsedRoadmap): Omit<AnswerKey, 'columns'> {
  return {
    title: r.title ?? '',
    sections: r.sections.map((s) => ({
      number: s.number,
      title: s.title,
      activities: s.activities.map((a) => ({
        number: a.number,
        title: a.title,
        responsible: a.responsibleText,
        deadline: a.deadlineText,
        result: a.expectedResult,
      })),
    })),
  };
}

const allActivities = (r: ParsedRoadmap): ParsedActivity[] => r.sections.flatMap((s) => s.activities);
const byNumber = (r: ParsedRoadmap, n: string): ParsedActivity => {
  const a = allActivities(r).find((x) => x.number === n);
  if (!a) throw new Error(`нет мероприятия ${n}`);
  return a;
};

// ───────────── 1. the real samples ─────────────

describe('real sample documents', () => {
  for (const [doc, key] of [
    ['roadmap-000.docx', 'roadmap-000.json'],
    ['roadmap-002.docx', 'roadmap-002.json'],
  ]) {
    it(`${doc} matches its answer key`, async () => {
      const expected = answerKey(key);
      const r = await readRoadmapDocx(sample(doc));
      const { title, sections } = expected;
      expect(asKey(r)).toEqual({ title, sections });
      expect(r.columns).toEqual(expected.columns);
      expect(r.warnings).toEqual([]);
      expect(r.periodFrom).toBe(2021);
      expect(r.periodTo).toBe(2024);
      for (const a of allActivities(r)) {
        expect(a.group).toBeNull();
        expect(a.coExecutorsText).toBeNull();
        expect(a.extra).toBeUndefined();
      }
    });
  }

  it('roadmap-000.docx: a cell of two paragraphs is joined with a space', async () => {
    const r = await readRoadmapDocx(sample('roadmap-000.docx'));
    expect(byNumber(r, '2.2').title).toBe(
      'Определение ответственного от Министерства за контроль мероприятия по формированию и ведению паспорта дополнительного профессионального педагогического образования (далее – паспорт ДПО). Определение ответственного за работу в Цифровой экосистеме дополнительного профессионального образования (далее – Цифровая экосистема ДПО)',
    );
    expect(r.periodText).toBe('на 2021-2024 гг.');
  });

  it('perm-krai text extraction (tabs, rows split across pages, <p> markup) matches the roadmap-000 answer key', () => {
    const expected = answerKey('roadmap-000.json');
    const r = readRoadmapText(sample('perm-krai-roadmap-2021.txt').toString('utf8'));
    expect(asKey(r)).toEqual({ title: expected.title, sections: expected.sections });
    expect(r.approvedBy).toBe(
      'УТВЕРЖДЕН приказом Министерства образования и науки Пермского края от 08 июня 2021 г. №26-01-06-679',
    );
    // Four rows continue the previous activity on the next page; each is reported.
    expect(r.warnings).toEqual([
      'Строка 57: не найден номер мероприятия, строка добавлена к предыдущему',
      'Строка 67: не найден номер мероприятия, строка добавлена к предыдущему',
      'Строка 73: не найден номер мероприятия, строка добавлена к предыдущему',
      'Строка 79: не найден номер мероприятия, строка добавлена к предыдущему',
    ]);
  });

  it('megion text: a table without sections, columns in another order', () => {
    const r = readRoadmapText(sample('megion-regulation-and-roadmap-2021.txt').toString('utf8'));
    expect(r.title).toBe(
      'Комплекс мер (дорожная карта) по созданию муниципальной системы научно-методического сопровождения педагогических работников и управленческих кадров образовательных организаций города Мегiona',
    );
    expect(r.columns).toEqual(['№ п/п', 'Наименование мероприятия', 'Ответственный', 'Результат', 'Срок']);
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0].number).toBe('');
    expect(allActivities(r).map((a) => a.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const first = byNumber(r, '3');
    expect(first.responsibleText).toBe('департамент образования и молодежной политики администрации города');
    expect(first.expectedResult).toBe('Приказ ДОиМП администрации города');
    expect(first.deadlineText).toBe('До 31.08.2021.');
    expect(byNumber(r, '5').deadlineText).toBe('До 01.10.2021');
    // The unnumbered row after 4 is kept (appended) and reported, not dropped.
    expect(byNumber(r, '4').title).toContain('города Мегiona Презентация проекта по созданию сетевых методических площадок');
    expect(r.warnings).toEqual(['Строка 335: не найден номер мероприятия, строка добавлена к предыдущему']);
  });

  it('lysva text is a PDF extraction without column separators and is refused with a clear message', () => {
    expect(() => readRoadmapText(sample('lysva-roadmap-2021.txt').toString('utf8'))).toThrow(RoadmapFormatError);
    expect(() => readRoadmapText(sample('lysva-roadmap-2021.txt').toString('utf8'))).toThrow(/Не найдена таблица дорожной карты/);
  });
});

// ───────────── 3. messy DOCX generated here ─────────────

type CellSpec = string | string[] | { p: string[] | string; span?: number; vMerge?: 'restart' | 'continue'; runs?: Paragraph[] };

function cell(spec: CellSpec): TableCell {
  const o = typeof spec === 'string' || Array.isArray(spec) ? { p: spec } : spec;
  const lines = typeof o.p === 'string' ? [o.p] : o.p;
  return new TableCell({
    columnSpan: o.span,
    verticalMerge: o.vMerge === 'restart' ? VerticalMergeType.RESTART : o.vMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    children: o.runs ?? lines.map((t) => new Paragraph(t)),
  });
}
const row = (cells: CellSpec[], tableHeader = false) => new TableRow({ tableHeader, children: cells.map(cell) });

async function docxOf(children: (Paragraph | Table)[], numbering?: ConstructorParameters<typeof Document>[0]['numbering']) {
  return Packer.toBuffer(new Document({ numbering, sections: [{ children }] }));
}

describe('messy Word tables', () => {
  const header8 = [
    '№ п/п',
    'Системообразующий элемент',
    'Мероприятие (содержание деятельности)',
    'Ответственные исполнители',
    'Соисполнители',
    'Срок исполнения',
    'Ожидаемый результат',
    'Ответственный субъект',
  ];

  async function messyDoc() {
    return docxOf([
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('УТВЕРЖДЕН')] }),
      new Paragraph('приказом Министерства образования'),
      new Paragraph('от 01.02.2022 № 123-п'),
      new Paragraph(''),
      new Paragraph({ children: [new TextRun({ text: 'ПЛАН МЕРОПРИЯТИЙ', bold: true })] }),
      new Paragraph('(«дорожная карта») по развитию наставничества'),
      new Paragraph('на 2022–2024 годы'),
      new Paragraph(''),
      new Table({
        rows: [
          row(header8, true),
          row(['1', '2', '3', '4', '5', '6', '7', '8'], true),
          row([{ p: '1. Нормативное обеспечение', span: 8 }]),
          row([
            '1.1.',
            { p: 'Выявление дефицитов', vMerge: 'restart' },
            ['Разработка положения', 'о методическом совете'],
            { p: 'Министерство образования', vMerge: 'restart' },
            'ИРО',
            'январь 2022 г.',
            'Положение утверждено',
            'Региональный уровень',
          ]),
          row(['1.2', { p: '', vMerge: 'continue' }, 'Создание совета', { p: '', vMerge: 'continue' }, '', 'февраль 2022 г.', 'Совет создан', 'Муниципальный уровень']),
          row(['1.3.', { p: '', vMerge: 'continue' }, 'Обучение наставников', { p: '', vMerge: 'continue' }, 'ОО', 'март 2022 г.', 'Обучено 100 человек', '']),
          // The header repeated in the middle of the table, as after a page break in a converted PDF.
          row(header8),
          row(['1.4.', '', 'Мониторинг наставничества', 'ИРО', '', 'ежегодно', 'Аналитическая', 'Региональный уровень']),
          // The same activity continued on the next page: no number, the rest of the texts.
          row(['', '', '(по итогам года)', '', '', '', 'справка', '']),
          row(['2.', '', 'Кадровое обеспечение', '', '', '', '', '']),
          row(['2.1', '', 'Конкурс «Наставник года»', 'МОУО', '', 'ежегодно, апрель', 'Определены победители', 'Муниципальный уровень']),
          row(['а)', '', 'Подпункт без нормального номера', 'МОУО', '', '2023', 'Итоги', '']),
        ],
      }),
    ]);
  }

  it('reads sections, merged cells, split rows, repeated headers and extra columns', async () => {
    const r = await readRoadmapDocx(await messyDoc());
    expect(r.title).toBe('ПЛАН МЕРОПРИЯТИЙ («дорожная карта») по развитию наставничества на 2022–2024 годы');
    expect(r.periodText).toBe('на 2022–2024 годы');
    expect([r.periodFrom, r.periodTo]).toEqual([2022, 2024]);
    expect(r.approvedBy).toBe('УТВЕРЖДЕН приказом Министерства образования от 01.02.2022 № 123-п');
    expect(r.columns).toEqual(header8);
    expect(r.sections.map((s) => [s.number, s.title, s.activities.map((a) => a.number)])).toEqual([
      ['1', 'Нормативное обеспечение', ['1.1', '1.2', '1.3', '1.4']],
      ['2', 'Кадровое обеспечение', ['2.1', 'а)']],
    ]);

    const a11 = byNumber(r, '1.1');
    // Several paragraphs in one cell are joined with a space.
    expect(a11.title).toBe('Разработка положения о методическом совете');
    expect(a11.coExecutorsText).toBe('ИРО');
    expect(a11.deadlineText).toBe('январь 2022 г.');
    expect(a11.expectedResult).toBe('Положение утверждено');
    expect(a11.extra).toEqual({ 'Ответственный субъект': 'Региональный уровень' });

    // One responsible and one system-forming item merged vertically over three activities.
    for (const n of ['1.1', '1.2', '1.3']) {
      expect(byNumber(r, n).responsibleText).toBe('Министерство образования');
      expect(byNumber(r, n).group).toBe('Выявление дефицитов');
    }
    expect(byNumber(r, '1.2').coExecutorsText).toBeNull();
    expect(byNumber(r, '1.3').coExecutorsText).toBe('ОО');
    expect(byNumber(r, '1.3').extra).toEqual({ 'Ответственный субъект': '' });

    // The row split across a page is merged into 1.4 with a space; the repeated header is skipped.
    const a14 = byNumber(r, '1.4');
    expect(a14.title).toBe('Мониторинг наставничества (по итогам года)');
    expect(a14.expectedResult).toBe('Аналитическая справка');
    expect(a14.responsibleText).toBe('ИРО');
    expect(a14.group).toBeNull();
    expect(a14.sourceRow).toBe(8);

    expect(byNumber(r, '2.1').title).toBe('Конкурс «Наставник года»');
    expect(byNumber(r, 'а)').title).toBe('Подпункт без нормального номера');
    expect(r.warnings).toEqual([
      'Строка 9: не найден номер мероприятия, строка добавлена к предыдущему',
      'Строка 12: номер «а)» не распознан, строка прочитана как мероприятие',
    ]);
  });

  it('reads Word list numbering, a group merged inside the title column, tracked changes and a table continued after a page break', async () => {
    const numbered = (text: string) => ({
      p: '',
      runs: [new Paragraph({ numbering: { reference: 'rm', level: 1 }, children: [new TextRun(text)] })],
    });
    const header = [
      '№',
      { p: 'Наименование мероприятия', span: 2 },
      'Ответственный исполнитель',
      'Сроки реализации',
      'Результат',
    ];
    const doc = await docxOf(
      [
        new Paragraph('Комплекс мер (дорожная карта)'),
        new Paragraph('по поддержке молодых педагогов на 2023-2025 гг.'),
        new Table({
          rows: [
            row(header, true),
            row([{ p: 'I. Организационные мероприятия', span: 6 }]),
            row([numbered(''), { p: 'Развитие наставничества', vMerge: 'restart' }, 'Подбор наставников', 'ОО', '2023', 'Списки']),
            row([
              numbered(''),
              { p: '', vMerge: 'continue' },
              {
                p: '',
                runs: [
                  new Paragraph({
                    children: [
                      new TextRun('Закрепление '),
                      new DeletedTextRun({ text: 'старых ', id: 1, author: 'A', date: '2023-01-01T00:00:00Z' }),
                      new InsertedTextRun({ text: 'новых', id: 2, author: 'A', date: '2023-01-01T00:00:00Z' }),
                      new TextRun({ text: 'педагогов', break: 1 }),
                    ],
                  }),
                ],
              },
              'ОО',
              '2023',
              'Приказы',
            ]),
            row([numbered(''), 'Поддержка молодых педагогов', 'Клуб молодых педагогов', 'МОУО', 'ежегодно', 'Заседания клуба']),
          ],
        }),
        new Paragraph('2'), // a page number between the parts of the table
        new Table({
          rows: [
            row(header, true),
            row([numbered(''), 'Поддержка молодых педагогов', 'Конкурс', 'МОУО', '2024', 'Победители']),
          ],
        }),
        // A section heading left outside the table by a converter, then the third part.
        new Paragraph('II. Методическое сопровождение'),
        new Table({ rows: [row(header, true), row(['2.1.', '', 'Семинар', 'ИРО', 'май', 'Проведён'])] }),
        new Paragraph('Приложение 2. Показатели'),
        new Table({ rows: [row(header, true), row(['1.', '', 'Другая дорожная карта', 'ИРО', 'май', 'Проведён'])] }),
      ],
      {
        config: [
          {
            reference: 'rm',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.' },
              { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.' },
            ],
          },
        ],
      },
    );
    const r = await readRoadmapDocx(doc);
    expect(r.title).toBe('Комплекс мер (дорожная карта) по поддержке молодых педагогов на 2023-2025 гг.');
    expect([r.periodFrom, r.periodTo]).toEqual([2023, 2025]);
    expect(r.columns).toEqual(['№', 'Наименование мероприятия', 'Ответственный исполнитель', 'Сроки реализации', 'Результат']);
    expect(r.sections.map((s) => [s.number, s.title, s.activities.length])).toEqual([
      ['I', 'Организационные мероприятия', 4],
      ['II', 'Методическое сопровождение', 1],
    ]);
    expect(allActivities(r).map((a) => [a.number, a.group, a.title, a.responsibleText, a.deadlineText, a.expectedResult])).toEqual([
      ['1.1', 'Развитие наставничества', 'Подбор наставников', 'ОО', '2023', 'Списки'],
      ['1.2', 'Развитие наставничества', 'Закрепление новых педагогов', 'ОО', '2023', 'Приказы'],
      ['1.3', 'Поддержка молодых педагогов', 'Клуб молодых педагогов', 'МОУО', 'ежегодно', 'Заседания клуба'],
      ['1.4', 'Поддержка молодых педагогов', 'Конкурс', 'МОУО', '2024', 'Победители'],
      ['2.1', null, 'Семинар', 'ИРО', 'май', 'Проведён'],
    ]);
    expect(r.warnings).toEqual([
      'Строка 1 следующей таблицы: таблица продолжена в отдельной таблице документа, части объединены',
      'Строка 1 следующей таблицы: таблица продолжена в отдельной таблице документа, части объединены',
      'Дальше в документе есть ещё одна таблица с колонками дорожной карты, она не прочитана: загрузите её отдельным файлом',
    ]);
  });

  it('reads a two-line header with sub-columns under «Сроки»', async () => {
    const doc = await docxOf([
      new Paragraph('План мероприятий'),
      new Table({
        rows: [
          row([{ p: '№ п/п', vMerge: 'restart' }, { p: 'Мероприятие', vMerge: 'restart' }, { p: 'Сроки', span: 2 }, { p: 'Ответственный', vMerge: 'restart' }, { p: 'Результат', vMerge: 'restart' }], true),
          row([{ p: '', vMerge: 'continue' }, { p: '', vMerge: 'continue' }, 'начало', 'окончание', { p: '', vMerge: 'continue' }, { p: '', vMerge: 'continue' }], true),
          row(['1.1.', 'Семинар', '2021', '2022', 'ИРО', 'Проведён']),
        ],
      }),
    ]);
    const r = await readRoadmapDocx(doc);
    expect(r.columns).toEqual(['№ п/п', 'Мероприятие', 'Сроки', 'Ответственный', 'Результат']);
    expect(allActivities(r).map((a) => [a.number, a.title, a.deadlineText, a.responsibleText, a.expectedResult])).toEqual([
      ['1.1', 'Семинар', '2021 – 2022', 'ИРО', 'Проведён'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('refuses a Word document without a roadmap table', async () => {
    const doc = await docxOf([new Paragraph('Просто письмо'), new Table({ rows: [row(['ФИО', 'Должность', 'Телефон'])] })]);
    await expect(readRoadmapDocx(doc)).rejects.toThrow(RoadmapFormatError);
    await expect(readRoadmapDocx(doc)).rejects.toThrow(/Не найдена таблица дорожной карты/);
  });
});

// ───────────── an Excel sheet as people make them ─────────────

describe('messy Excel sheet', () => {
  it('reads merged ranges, numeric numbers, dates, rich text and formulas on the first sheet with a header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Пояснения').addRow(['Эта вкладка без таблицы']);
    const ws = wb.addWorksheet('Дорожная карта');
    ws.addRow(['Дорожная карта по развитию наставничества на 2022-2023 гг.']);
    ws.mergeCells('A1:E1');
    ws.addRow([]);
    ws.addRow(['№', 'Наименование мероприятия', 'Ответственный исполнитель', 'Срок исполнения', 'Ожидаемый результат']);
    ws.addRow(['1.', 'Организация работы', null, null, null]); // a section row that is not merged
    ws.addRow([1.1, { richText: [{ text: 'Совещание ' }, { text: 'руководителей', font: { bold: true } }] }, 'Управление образования', new Date(Date.UTC(2022, 8, 15)), 'Протокол']);
    ws.addRow(['1.2.', 'Семинар', null, { formula: '"до "&"мая"', result: 'до мая' }, 'Материалы']);
    ws.addRow(['1.3.', 'Конкурс', null, 'ежегодно', 'Победители\nопределены']);
    ws.mergeCells('C5:C7'); // one responsible for three activities
    ws.addRow(['2.', 'Информирование', '', '', '']);
    ws.addRow(['2.1', 'Публикации', 'ИРО', 'в течение года', 'Новости']);
    ws.mergeCells('A10:B10');
    ws.getCell('A10').value = 'Итого: 4 мероприятия';
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);

    const r = await readRoadmapXlsx(buf);
    expect(r.title).toBe('Дорожная карта по развитию наставничества на 2022-2023 гг.');
    expect([r.periodFrom, r.periodTo]).toEqual([2022, 2023]);
    expect(r.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Организация работы'],
      ['2', 'Информирование'],
    ]);
    expect(allActivities(r).map((a) => [a.number, a.title, a.responsibleText, a.deadlineText, a.expectedResult, a.sourceRow])).toEqual([
      ['1.1', 'Совещание руководителей', 'Управление образования', '15.09.2022', 'Протокол', 5],
      ['1.2', 'Семинар', 'Управление образования', 'до мая', 'Материалы', 6],
      ['1.3', 'Конкурс', 'Управление образования', 'ежегодно', 'Победители определены', 7],
      ['2.1', 'Публикации', 'ИРО', 'в течение года', 'Новости', 9],
    ]);
    expect(r.warnings).toEqual(['Строка 10: строка итогов пропущена: «Итого: 4 мероприятия»']);
  });

  it('refuses a workbook without a roadmap sheet and a Word file given as Excel', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').addRow(['ФИО', 'Должность']);
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    await expect(readRoadmapXlsx(buf)).rejects.toThrow(/Не найдена таблица дорожной карты/);
    await expect(readRoadmapXlsx(sample('roadmap-000.docx'))).rejects.toThrow(/Загружен документ Word \(\.docx\), а нужна книга Excel/);
  });
});

// ───────────── 4. pasted text ─────────────

describe('pasted text', () => {
  it('reads a small tab-separated table with quoted cells, a split row and a heading line without tabs', () => {
    const text = [
      'План мероприятий по развитию наставничества на 2023 год',
      '',
      '№\tМероприятие\tИсполнители\tСрок исполнения\tОжидаемый результат\tСоисполнители',
      '1.\tОрганизационные мероприятия\t\t\t\t',
      '1.1.\t"Создание совета',
      'наставников"\tУО\tмарт 2023\tПриказ\tОО',
      '1.2\tМониторинг\tИРО\tежегодно\t"Отчёт ""Итоги"""\t',
      '\tв школах\t\t\tи справка\t',
      '2. Информационное обеспечение',
      '2.1.\t"Наставник" года\tМОУО\tв течение года\t=новости на сайте\t',
      'Исполнитель: Иванова И.И.',
    ].join('\r\n');
    const r = readRoadmapText(text);
    expect(r.title).toBe('План мероприятий по развитию наставничества на 2023 год');
    expect([r.periodText, r.periodFrom, r.periodTo]).toEqual(['на 2023 год', 2023, 2023]);
    expect(r.columns).toEqual(['№', 'Мероприятие', 'Исполнители', 'Срок исполнения', 'Ожидаемый результат', 'Соисполнители']);
    expect(r.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Организационные мероприятия'],
      ['2', 'Информационное обеспечение'],
    ]);
    expect(allActivities(r).map((a) => [a.number, a.title, a.responsibleText, a.coExecutorsText, a.deadlineText, a.expectedResult])).toEqual([
      ['1.1', 'Создание совета наставников', 'УО', 'ОО', 'март 2023', 'Приказ'],
      ['1.2', 'Мониторинг в школах', 'ИРО', null, 'ежегодно', 'Отчёт "Итоги" и справка'],
      ['2.1', '"Наставник" года', 'МОУО', null, 'в течение года', '=новости на сайте'],
    ]);
    expect(byNumber(r, '1.2').sourceRow).toBe(7);
    expect(r.warnings).toEqual([
      'Строка 8: не найден номер мероприятия, строка добавлена к предыдущему',
      'Строка 11: строка без разбиения на колонки пропущена: «Исполнитель: Иванова И.И.»',
    ]);
  });

  it('reports a missing title and refuses text without a roadmap header', () => {
    const r = readRoadmapText('№ п/п\tМероприятие\tОтветственный\tСрок\n1.1\tСовещание\tМОУО\tмай');
    expect(r.title).toBeNull();
    expect(r.warnings).toEqual([
      'Не найдено название документа (абзац перед таблицей со словами «план», «дорожная карта» или «комплекс мер»)',
    ]);
    expect(allActivities(r).map((a) => a.title)).toEqual(['Совещание']);
    expect(() => readRoadmapText('просто текст\nбез таблицы')).toThrow(RoadmapFormatError);
  });
});

// ───────────── 5. hostile input ─────────────

async function zipOf(files: Record<string, string | Buffer>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE'): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

describe('hostile files', { timeout: 20_000 }, () => {
  const expectRefused = async (p: Promise<unknown>, message: RegExp) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    // The container is judged by the one pre-check of every upload (UploadRejectedError, ADR 0022),
    // the content by the reader (RoadmapFormatError); both carry a Russian message for the user.
    expect(err instanceof RoadmapFormatError || err instanceof UploadRejectedError).toBe(true);
    expect((err as Error).message).toMatch(message);
  };

  it('not a zip at all, and a PDF or an old .doc are named', async () => {
    await expectRefused(readRoadmapDocx(Buffer.from('просто текст')), /не является документом Word/);
    await expectRefused(readRoadmapDocx(Buffer.from('%PDF-1.7 ...')), /PDF не поддерживается/);
    await expectRefused(readRoadmapXlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), /старого формата \(\.xls\/\.doc\)/);
    await expectRefused(readRoadmapDocx(Buffer.from("PK\x03\x04garbage")), /не является документом Word/);
  });

  it('a zip entry named ../evil or with an absolute path', async () => {
    const good = await zipOf({ 'word/document.xml': '<w:document/>', 'xx/evil': 'x' });
    // Patch the name in place (same length) in both the local and the central header.
    const evil = Buffer.from(good.toString('latin1').replaceAll('xx/evil', '../evil'), 'latin1');
    await expectRefused(readRoadmapDocx(evil), /недопустимые пути внутри архива/);
    const abs = Buffer.from(good.toString('latin1').replaceAll('xx/evil', '/x/evil'), 'latin1');
    await expectRefused(readRoadmapXlsx(abs), /недопустимые пути внутри архива/);
  });

  it('a zip with 3,000 entries', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`word/media/f${i}.txt`] = 'x';
    await expectRefused(readRoadmapDocx(await zipOf(files, 'STORE')), /слишком много частей \(\d{4}, допустимо не более 2000\)/);
  });

  it('a document.xml with a DOCTYPE (billion laughs) or an external entity', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>';
    const zip = await JSZip.loadAsync(sample('roadmap-000.docx'));
    zip.file('word/document.xml', lol);
    await expectRefused(readRoadmapDocx(await zip.generateAsync({ type: 'nodebuffer' })), /DOCTYPE\/ENTITY/);

    const xxe = await zipOf({
      'xl/workbook.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook>&e;</workbook>',
    });
    await expectRefused(readRoadmapXlsx(xxe), /DOCTYPE\/ENTITY/);
  });

  it('a zip bomb: declared size over 100 MB, or a header that lies about the size', async () => {
    const big = deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 0x20)); // 20 MB of spaces, ~20 KB packed
    // The archive is built by hand around the packed bytes so that the declared size can be set freely.
    const bomb = (declared: number) => {
      const name = Buffer.from('word/document.xml');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(big.length, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(big.length, 20);
      central.writeUInt32LE(declared, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(0, 42);
      const cdOffset = local.length + name.length + big.length;
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(0x06054b50, 0);
      eocd.writeUInt16LE(1, 8);
      eocd.writeUInt16LE(1, 10);
      eocd.writeUInt32LE(central.length + name.length, 12);
      eocd.writeUInt32LE(cdOffset, 16);
      return Buffer.concat([local, name, big, central, name, eocd]);
    };
    await expectRefused(readRoadmapDocx(bomb(150 * 1024 * 1024)), /после распаковки слишком велико \(150 МБ, допустимо не более 100 МБ\)/);
    await expectRefused(readRoadmapDocx(bomb(1000)), /не удаётся распаковать часть «word\/document\.xml»/);
  });

  it('a table over 10,000 rows', async () => {
    const header =
      '<w:tr>' +
      ['№ п/п', 'Мероприятие', 'Ответственные исполнители', 'Сроки', 'Результат'].map((t) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`).join('') +
      '</w:tr>';
    const body = '<w:tr><w:tc><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:tc></w:tr>'.repeat(10_001);
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>${header}${body}</w:tbl></w:body></w:document>`;
    await expectRefused(readRoadmapDocx(await zipOf({ 'word/document.xml': xml })), /более 10000 строк/);
    expect(() => readRoadmapText('x\n'.repeat(10_001))).toThrow(/более 10000 строк/);
  });

  it('entities are decoded, never expanded: &amp;lt; stays literal text', async () => {
    const cells = ['№ п/п', 'Мероприятие', 'Ответственные исполнители', 'Сроки', 'Результат'];
    const tr = (texts: string[]) => `<w:tr>${texts.map((t) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      '<w:p><w:r><w:t>План мероприятий</w:t></w:r></w:p><w:tbl>' +
      tr(cells) +
      tr(['1.1.', 'A &amp;lt; B &amp; &#1071; &#x44F; &quot;q&quot; &apos;s&apos;', 'ИРО &lt;ПК&gt;', 'май', '']) +
      '</w:tbl></w:body></w:document>';
    const r = await readRoadmapDocx(await zipOf({ 'word/document.xml': xml }));
    expect(byNumber(r, '1.1').title).toBe('A &lt; B & Я я "q" \'s\'');
    expect(byNumber(r, '1.1').responsibleText).toBe('ИРО <ПК>');
  });
});
