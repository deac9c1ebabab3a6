import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { UploadRejectedError } from './upload-check.js';
import { cellDate, cellText, readXlsxRows, writeTemplateXlsx, writeXlsx, type XlsxColumn } from './xlsx.js';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function partText(buf: Buffer, name: string): Promise<string> {
  const file = (await JSZip.loadAsync(buf)).file(name);
  if (!file) throw new Error(`no part ${name}`);
  return file.async('string');
}

async function rejectionOf(p: Promise<unknown>): Promise<UploadRejectedError> {
  const e = await p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
  if (!(e instanceof UploadRejectedError)) throw e;
  return e;
}

async function exceljsBook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Лист1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Person {
  name: string;
  age: number | null;
  born: Date | null;
  active: boolean;
  note?: string;
}

const personColumns: XlsxColumn<Person>[] = [
  { key: 'name', header: 'ФИО', width: 30, value: (p) => p.name },
  { key: 'age', header: 'Стаж, лет', value: (p) => p.age },
  { key: 'born', header: 'Дата рождения', value: (p) => p.born },
  { key: 'active', header: 'Работает', value: (p) => p.active },
  { key: 'note', header: 'Примечание', value: (p) => p.note },
];

describe('writeXlsx → readXlsxRows', () => {
  it('round-trips Russian text, numbers, dates, booleans and blanks', async () => {
    const people: Person[] = [
      { name: 'Иванова Мария Петровна', age: 12, born: utc(1980, 2, 29), active: true, note: 'Учитель года — 2023' },
      { name: 'Ёлкин Пётр', age: 0.5, born: null, active: false },
      { name: 'Щукин Эдуард', age: -3, born: utc(2001, 12, 31), active: true, note: '  с пробелами  ' },
    ];
    const buf = await writeXlsx({ sheetName: 'Педагоги', columns: personColumns, rows: people });
    const res = await readXlsxRows(buf);
    expect(res.headers).toEqual(['ФИО', 'Стаж, лет', 'Дата рождения', 'Работает', 'Примечание']);
    expect(res.rows).toEqual([
      {
        rowNumber: 2,
        values: { ФИО: 'Иванова Мария Петровна', 'Стаж, лет': 12, 'Дата рождения': utc(1980, 2, 29), Работает: 'да', Примечание: 'Учитель года — 2023' },
      },
      { rowNumber: 3, values: { ФИО: 'Ёлкин Пётр', 'Стаж, лет': 0.5, 'Дата рождения': null, Работает: 'нет', Примечание: null } },
      {
        rowNumber: 4,
        values: { ФИО: 'Щукин Эдуард', 'Стаж, лет': -3, 'Дата рождения': utc(2001, 12, 31), Работает: 'да', Примечание: '  с пробелами  ' },
      },
    ]);
    expect(res.rows[0].values['Дата рождения']).toBeInstanceOf(Date);
  });

  it('accepts an async iterable of rows', async () => {
    async function* gen() {
      for (let i = 1; i <= 3; i++) yield { n: i };
    }
    const buf = await writeXlsx({ sheetName: 'A', columns: [{ key: 'n', header: 'N', value: (r: { n: number }) => r.n * 10 }], rows: gen() });
    expect((await readXlsxRows(buf)).rows.map((r) => r.values.N)).toEqual([10, 20, 30]);
  });

  it('writes the title, bold frozen header, autofilter, widths and the date format', async () => {
    const buf = await writeXlsx({
      sheetName: 'Список: 2024/25 [черновик]',
      title: 'Педагоги Кировской области',
      columns: personColumns,
      rows: [{ name: 'А', age: 1, born: utc(2020, 1, 2), active: true }],
    });
    const sheet = await partText(buf, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(sheet).toContain('<autoFilter ref="A2:E2"/>');
    expect(sheet).toContain('<mergeCell ref="A1:E1"/>');
    expect(sheet).toMatch(/<col min="1" max="1" width="30"/);
    expect(sheet).toMatch(/<col min="3" max="3" width="15"/); // «Дата рождения».length + 2
    expect(await partText(buf, 'xl/styles.xml')).toContain('formatCode="dd.mm.yyyy"');
    expect(await partText(buf, 'xl/workbook.xml')).toContain('name="Список  2024 25  черновик"');
    // The reader treats the first non-empty row as the header: here it is the title.
    const res = await readXlsxRows(buf);
    expect(res.headers).toEqual(['Педагоги Кировской области']);
    expect(res.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
  });
});

describe('formula injection', () => {
  const dangerous = ['=1+2', '@SUM(A1)', '+79001234567', '-2+3', '=HYPERLINK("http://evil","x")', '\t=1', '\r=1'];

  it('writes formula-like text with a leading quote and never as a formula', async () => {
    const values = [...dangerous, 'a=b', 'обычный текст'];
    const buf = await writeXlsx({
      sheetName: 'X',
      title: '=title',
      columns: [{ key: 'v', header: '=header', value: (v: string) => v }],
      rows: values,
    });
    const sheet = await partText(buf, 'xl/worksheets/sheet1.xml');
    expect(sheet).not.toMatch(/<f[\s>/]/);
    expect(sheet).toContain("&apos;=HYPERLINK(");
    const res = await readXlsxRows(buf);
    expect(res.headers).toEqual(["'=title"]);
    // XML parsing turns a bare CR into LF; the quote is still there.
    const quoted = dangerous.map((v) => `'${v}`.replace('\r', '\n'));
    expect(res.rows.map((r) => r.values["'=title"])).toEqual(["'=header", ...quoted, 'a=b', 'обычный текст']);
  });

  it('property: any text reads back unchanged, or quoted when it could start a formula', async () => {
    const text = fc.tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', ' ', 'Я', 'a', '1'), fc.string({ maxLength: 12 })).map(([a, b]) => a + b);
    const samples = fc.sample(text, 300);
    const buf = await writeXlsx({ sheetName: 'P', columns: [{ key: 'v', header: 'V', value: (v: string) => v }, { key: 'i', header: 'I', value: () => 1 }], rows: samples });
    const got = (await readXlsxRows(buf)).rows.map((r) => r.values.V);
    const quoted = samples.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s));
    const expected = quoted.map((s) => (s.trim() ? s : null)); // blank cells read as null
    expect(got).toEqual(expected);
  });
});

describe('writeTemplateXlsx', () => {
  const template = () =>
    writeTemplateXlsx({
      sheetName: 'Педагоги',
      columns: [
        { header: 'ФИО', width: 35, note: 'Фамилия, имя и отчество полностью', example: 'Иванов Иван Иванович' },
        { header: 'Должность', note: 'Выберите из списка', example: 'учитель', list: ['учитель', 'заместитель директора, методист', 'директор'] },
        { header: 'Стаж', example: 12 },
        { header: 'Регион', list: ['Кировская область', 'Республика Марий Эл'] },
      ],
      instructions: ['Один файл — одна организация.'],
    });

  it('has header notes, list validations, the example row and the instruction sheet', async () => {
    const buf = await template();
    const zip = await JSZip.loadAsync(buf);
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Педагоги', 'Инструкция', 'Списки']);
    expect(workbook).toMatch(/<sheet [^>]*name="Списки"[^>]*state="hidden"/);

    const comments = await zip.file('xl/comments1.xml')!.async('string');
    expect(comments).toMatch(/<comment ref="A1"[\s\S]*Фамилия, имя и отчество полностью/);
    expect(comments).toMatch(/<comment ref="B1"[\s\S]*Выберите из списка/);
    expect(comments).not.toContain('ref="C1"');

    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const validations = [...sheet.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g)].map((m) => [m[1], m[2]]);
    expect(validations).toEqual([
      ['B2:B50001', '&apos;Списки&apos;!$B$1:$B$3'],
      ['D2:D50001', '&apos;Списки&apos;!$D$1:$D$2'],
    ]);
    expect(sheet).toMatch(/<dataValidation [^>]*type="list"/);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"/);

    // The data sheet reads back as header + example row.
    const data = await readXlsxRows(buf);
    expect(data.headers).toEqual(['ФИО', 'Должность', 'Стаж', 'Регион']);
    expect(data.rows).toEqual([{ rowNumber: 2, values: { ФИО: 'Иванов Иван Иванович', Должность: 'учитель', Стаж: 12, Регион: null } }]);

    const help = await readXlsxRows(buf, { sheet: 2 });
    expect(help.headers).toEqual(['Инструкция по заполнению']);
    expect(help.rows.map((r) => r.values['Инструкция по заполнению'])).toEqual([
      'Один файл — одна организация.',
      'Заполняйте данные на листе «Педагоги», по одной записи в строке, начиная со второй строки.',
      'Вторая строка — пример заполнения: замените её своими данными или удалите.',
      'Не меняйте названия столбцов в первой строке. Даты указывайте в формате ДД.ММ.ГГГГ.',
      '«ФИО»: Фамилия, имя и отчество полностью',
      '«Должность»: Выберите из списка; значение выбирается из списка',
      '«Регион»: значение выбирается из списка',
    ]);
  });

  it('keeps list values with commas intact on the hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template()) as unknown as ArrayBuffer);
    const lists = wb.getWorksheet('Списки')!;
    expect([1, 2, 3].map((r) => lists.getCell(r, 2).value)).toEqual(['учитель', 'заместитель директора, методист', 'директор']);
    expect(wb.getWorksheet('Педагоги')!.getCell('A1').note).toBe('Фамилия, имя и отчество полностью');
  });
});

describe('readXlsxRows', () => {
  it('reads rich text, formula results, hyperlinks, skips empty rows and finds the table', async () => {
    const buf = await exceljsBook((ws) => {
      ws.getCell('B3').value = '  ФИО  ';
      ws.getCell('C3').value = 'Дата';
      ws.getCell('D3').value = 'Сумма';
      ws.getCell('E3').value = 'Сайт';
      ws.getCell('F3').value = 'Флаг';
      ws.getCell('B4').value = { richText: [{ text: 'Ива', font: { bold: true } }, { text: 'нов' }] };
      ws.getCell('C4').value = { formula: 'DATE(2024,3,1)', result: utc(2024, 3, 1) };
      ws.getCell('C4').numFmt = 'dd.mm.yyyy';
      ws.getCell('D4').value = { formula: '1+2', result: 3 };
      ws.getCell('E4').value = { text: 'школа', hyperlink: 'https://example.org' };
      ws.getCell('F4').value = false;
      ws.getCell('B6').value = '   ';
      ws.getCell('G6').value = 'за пределами таблицы';
      ws.getCell('B7').value = 'Петров';
      ws.getCell('C7').value = utc(2023, 12, 31);
      ws.getCell('E7').value = { error: '#N/A' };
    });
    const res = await readXlsxRows(buf);
    expect(res.headers).toEqual(['ФИО', 'Дата', 'Сумма', 'Сайт', 'Флаг']);
    expect(res.rows).toEqual([
      { rowNumber: 4, values: { ФИО: 'Иванов', Дата: utc(2024, 3, 1), Сумма: 3, Сайт: 'школа', Флаг: 'нет' } },
      { rowNumber: 7, values: { ФИО: 'Петров', Дата: utc(2023, 12, 31), Сумма: null, Сайт: '#N/A', Флаг: null } },
    ]);
  });

  it('reports progress and reads an empty sheet as nothing', async () => {
    const seen: number[] = [];
    const buf = await writeXlsx({ sheetName: 'A', columns: [{ key: 'n', header: 'N', value: (n: number) => n }], rows: Array.from({ length: 2_500 }, (_, i) => i) });
    expect((await readXlsxRows(buf, { onProgress: (n) => seen.push(n) })).rows).toHaveLength(2_500);
    expect(seen).toEqual([1_000, 2_000, 2_500]);
    expect(await readXlsxRows(await exceljsBook(() => {}))).toEqual({ headers: [], rows: [] });
  });

  it('keeps a «__proto__» header as an ordinary key', async () => {
    const res = await readXlsxRows(await exceljsBook((ws) => ws.addRows([['__proto__', 'b'], ['x', 'y']])));
    expect(Object.keys(res.rows[0].values)).toEqual(['__proto__', 'b']);
    expect(res.rows[0].values['__proto__']).toBe('x');
  });

  it('writes and reads back 20,000 rows quickly', async () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) => ({
      name: `Педагог №${i + 1}`,
      age: i % 45,
      born: utc(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)),
      active: i % 3 !== 0,
      note: i % 7 === 3 ? '=подозрительно' : undefined,
    }));
    let t = performance.now();
    const buf = await writeXlsx({ sheetName: 'Педагоги', columns: personColumns, rows });
    const writeMs = performance.now() - t;
    t = performance.now();
    const res = await readXlsxRows(buf);
    const readMs = performance.now() - t;
    console.log(`20 000 строк: запись ${writeMs.toFixed(0)} мс, чтение ${readMs.toFixed(0)} мс, файл ${(buf.length / 1024).toFixed(0)} КБ`);
    expect(res.rows).toHaveLength(n);
    expect(res.rows[n - 1]).toEqual({
      rowNumber: n + 1,
      values: { ФИО: `Педагог №${n}`, 'Стаж, лет': (n - 1) % 45, 'Дата рождения': rows[n - 1].born, Работает: 'да', Примечание: null },
    });
    expect(res.rows[3].values['Примечание']).toBe("'=подозрительно");
    expect(res.rows[4].values['Примечание']).toBeNull();
  });

  it('streams 100,000 rows from a generator', async () => {
    function* gen() {
      for (let i = 1; i <= 100_000; i++) yield i;
    }
    const buf = await writeXlsx({ sheetName: 'Много', columns: [{ key: 'n', header: 'N', value: (i: number) => i }, { key: 's', header: 'S', value: (i: number) => `строка ${i}` }], rows: gen() });
    const sheet = await partText(buf, 'xl/worksheets/sheet1.xml');
    expect(sheet.match(/<row /g)).toHaveLength(100_001);
    expect(sheet).toMatch(/<row r="100001"[^>]*><c r="A100001"[^>]*><v>100000<\/v><\/c><c r="B100001"[^>]*><v>строка 100000<\/v>/);
  });

  describe('limits and broken files (each must fail fast, not hang)', () => {
    const numbers = (rows: number, cols = 1) =>
      exceljsBook((ws) => {
        ws.addRow(Array.from({ length: cols }, (_, c) => `Столбец ${c + 1}`));
        for (let r = 0; r < rows; r++) ws.addRow(Array.from({ length: cols }, (_, c) => r * cols + c));
      });

    it('rejects more rows than maxRows, naming the limit', { timeout: 10_000 }, async () => {
      expect((await readXlsxRows(await numbers(10), { maxRows: 10 })).rows).toHaveLength(10);
      const e = await rejectionOf(readXlsxRows(await numbers(11), { maxRows: 10 }));
      expect(e.code).toBe('too_many_rows');
      expect(e.message).toBe('В файле больше 10 строк данных — это предел для одной загрузки. Разделите файл на части.');
      const big = await rejectionOf(readXlsxRows(await numbers(50_001)));
      expect(big.code).toBe('too_many_rows');
      expect(big.message).toMatch(/^В файле больше 50\s000 строк данных/);
    });

    it('rejects more columns than maxColumns', { timeout: 10_000 }, async () => {
      expect((await readXlsxRows(await numbers(1, 100))).headers).toHaveLength(100);
      const e = await rejectionOf(readXlsxRows(await numbers(1, 101)));
      expect(e.code).toBe('too_many_columns');
      expect(e.message).toBe('В таблице 101 столбцов, допустимо не более 100. Удалите лишние столбцы.');
      expect((await rejectionOf(readXlsxRows(await numbers(1, 6), { maxColumns: 5 }))).code).toBe('too_many_columns');
    });

    it('rejects empty and duplicate header names', { timeout: 10_000 }, async () => {
      const dup = await rejectionOf(readXlsxRows(await exceljsBook((ws) => ws.addRows([['ФИО', 'Дата', ' ФИО '], ['a', 'b', 'c']]))));
      expect(dup.code).toBe('bad_header');
      expect(dup.message).toBe('Заголовок «ФИО» повторяется (ячейки A1 и C1). Названия столбцов должны быть разными.');
      const gap = await rejectionOf(readXlsxRows(await exceljsBook((ws) => ws.addRows([['ФИО', null, 'Дата'], ['a', 'b', 'c']]))));
      expect(gap.code).toBe('bad_header');
      expect(gap.message).toBe('Пустой заголовок столбца в ячейке B1. Заполните его или удалите столбец.');
    });

    it('rejects a missing sheet', { timeout: 10_000 }, async () => {
      const e = await rejectionOf(readXlsxRows(await numbers(1), { sheet: 3 }));
      expect(e.code).toBe('no_sheet');
      expect(e.message).toBe('В книге нет листа № 3.');
    });

    it('rejects what the upload check rejects, before parsing', { timeout: 10_000 }, async () => {
      expect((await rejectionOf(readXlsxRows(Buffer.from('ФИО;Дата')))).code).toBe('not_zip');
      const docx = new JSZip();
      docx.file('word/document.xml', '<w:document/>');
      const e = await rejectionOf(readXlsxRows(await docx.generateAsync({ type: 'nodebuffer' })));
      expect(e.code).toBe('bad_type');
    });

    it('rejects corrupt compressed data as broken (exceljs alone would hang here)', { timeout: 10_000 }, async () => {
      const buf = await numbers(3_000, 3);
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      const at = buf.indexOf(name); // first occurrence: the local file header
      const dataAt = at + name.length + buf.readUInt16LE(at - 2);
      for (let i = 200; i < 260; i++) buf[dataAt + i] ^= 0x5a;
      const e = await rejectionOf(readXlsxRows(buf));
      expect(e.code).toBe('broken');
      expect(e.message).toBe('Файл повреждён или не является книгой Excel (.xlsx).');
    });

    it('rejects malformed XML and a DOCTYPE inside a part', { timeout: 10_000 }, async () => {
      const zip = await JSZip.loadAsync(await numbers(2));
      zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>x</v></row></sheetData>');
      expect((await rejectionOf(readXlsxRows(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })))).code).toBe('broken');
      zip.file('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>');
      expect((await rejectionOf(readXlsxRows(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })))).code).toBe('dtd');
      zip.remove('xl/worksheets/sheet1.xml');
      expect((await rejectionOf(readXlsxRows(await zip.generateAsync({ type: 'nodebuffer' })))).code).toBe('broken');
    });

    it('property: randomly damaged files resolve or reject with UploadRejectedError, never hang', { timeout: 60_000 }, async () => {
      const base = await numbers(200, 4);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), async (edits) => {
          const buf = Buffer.from(base);
          for (const [at, v] of edits) buf[at] = v;
          const outcome = await readXlsxRows(buf).then(
            (r) => r,
            (e: unknown) => e,
          );
          if (outcome instanceof Error) expect(outcome).toBeInstanceOf(UploadRejectedError);
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe('cellText / cellDate', () => {
  it('cellText flattens and trims cell values', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  Иванов  ')).toBe('Иванов');
    expect(cellText(42)).toBe('42');
    expect(cellText(0.1)).toBe('0.1');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText(true)).toBe('да');
    expect(cellText(utc(2024, 3, 5))).toBe('05.03.2024');
    expect(cellText(new Date('invalid'))).toBe('');
    expect(cellText({ richText: [{ text: ' Пе' }, { text: 'тров ' }] })).toBe('Петров');
    expect(cellText({ formula: 'A1', result: 7 })).toBe('7');
    expect(cellText({ text: 'сайт', hyperlink: 'https://x' })).toBe('сайт');
  });

  it('cellDate accepts Date, dd.mm.yyyy and yyyy-mm-dd', () => {
    expect(cellDate(utc(2024, 2, 29))).toBe('2024-02-29');
    expect(cellDate('01.09.2024')).toBe('2024-09-01');
    expect(cellDate(' 1.9.2024 ')).toBe('2024-09-01');
    expect(cellDate('2024-09-01')).toBe('2024-09-01');
    expect(cellDate({ formula: 'TODAY()', result: utc(2025, 1, 15) })).toBe('2025-01-15');
    expect(cellDate(null)).toBeNull();
    expect(cellDate('   ')).toBeNull();
  });

  it('cellDate returns undefined for anything it cannot trust', () => {
    for (const bad of ['31.02.2024', '29.02.2023', '2024-13-01', '00.01.2024', '1.1.24', '2024/01/01', 'вчера', '01.01.0999', 45_000, true, new Date('x')]) {
      expect(cellDate(bad), String(bad)).toBeUndefined();
    }
  });

  it('property: every real date survives text and Date forms', () => {
    fc.assert(
      fc.property(fc.date({ min: utc(1900, 1, 1), max: utc(2199, 12, 31), noInvalidDate: true }), (d) => {
        const day = utc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        const iso = day.toISOString().slice(0, 10);
        expect(cellDate(day)).toBe(iso);
        expect(cellDate(iso)).toBe(iso);
        expect(cellDate(cellText(day))).toBe(iso);
      }),
    );
  });
});

describe('long Cyrillic text across stream chunks', () => {
  it('reads every letter back intact from a large sheet', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      name: `МАОУ «Средняя общеобразовательная школа № ${i}» г. Северокамска — ёжик ${'щ'.repeat(i % 7)}`,
      emoji: i % 100 === 0 ? 'Учитель 👩‍🏫' : 'Учитель',
    }));
    const buf = await writeXlsx({
      sheetName: 'Лист',
      columns: [
        { key: 'name', header: 'Наименование', value: (r: (typeof rows)[number]) => r.name },
        { key: 'emoji', header: 'Должность', value: (r) => r.emoji },
      ],
      rows,
    });
    const read = await readXlsxRows(buf);
    expect(read.rows.map((r) => r.values['Наименование'])).toEqual(rows.map((r) => r.name));
    expect(read.rows.map((r) => r.values['Должность'])).toEqual(rows.map((r) => r.emoji));
  });
});
