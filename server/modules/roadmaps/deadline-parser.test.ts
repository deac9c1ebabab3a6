import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeadline, type DeadlineKind, type Occurrence, type Period } from './deadline-parser.js';

const P: Period = { from: 2021, to: 2024 };
const UNKNOWN_NOTE = 'Не удалось распознать срок';
const YEARS = [2021, 2022, 2023, 2024];

/** '2021-09-01' (one day) or '2021-09-01..2021-09-30'. */
const occ = (s: string): Occurrence => {
  const [from, to = from] = s.split('..');
  return { from, to };
};
/** The same window in each year: each('09-01..09-30') → September of 2021..2024. */
const each = (mmdd: string, years = YEARS) =>
  years.map((y) => mmdd.split('..').map((p) => `${y}-${p}`).join('..'));
const wholeYears = (years = YEARS) => each('01-01..12-31', years);

type Row = [text: string, kind: DeadlineKind, occurrences: string[], note?: string, period?: Period];

const SEP_DEC = each('09-01..09-30');
const QUARTERS = YEARS.flatMap((y) =>
  ['01-01..03-31', '04-01..06-30', '07-01..09-30', '10-01..12-31'].map((q) => `${y}-${q.replace('..', `..${y}-`)}`),
);
const MONTH_ENDS = ['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'];
const MONTHLY = YEARS.flatMap((y) =>
  MONTH_ENDS.map((end) => {
    const e = y === 2024 && end === '02-28' ? '02-29' : end;
    return `${y}-${e.slice(0, 2)}-01..${y}-${e}`;
  }),
);
const HALVES = YEARS.flatMap((y) => [`${y}-01-01..${y}-06-30`, `${y}-07-01..${y}-12-31`]);
const PREV_YEAR = ['2021-01-01..2021-11-30', '2022-01-01..2022-11-30', '2023-01-01..2023-11-30'];
const PREV_NOTE = 'контрольный срок — в году, предшествующем году проведения мероприятия';

const TABLE: Row[] = [
  // ── single dates
  ['25 июля 2021 г.', 'date', ['2021-07-25']],
  ['1 августа 2021 г.', 'date', ['2021-08-01']],
  ['15 сентября 2021 г.', 'date', ['2021-09-15']],
  ['01.10.2021', 'date', ['2021-10-01']],
  ['<p>01.10.2021</p>', 'date', ['2021-10-01']],
  ['1-го сентября 2022 года', 'date', ['2022-09-01']],
  ['31.12.24', 'date', ['2024-12-31']],
  ['29 февраля 2024 г.', 'date', ['2024-02-29']],
  // ── due dates: from = 1 January of the control date's year
  ['до 20.08.2021', 'date', ['2021-01-01..2021-08-20']],
  ['До 20.08.2021', 'date', ['2021-01-01..2021-08-20']],
  ['До 31.08.2021.', 'date', ['2021-01-01..2021-08-31']],
  ['<p>До 20.09.2021</p>', 'date', ['2021-01-01..2021-09-20']],
  ['до 01.10.2021', 'date', ['2021-01-01..2021-10-01']],
  ['не позднее 1 сентября 2022 г.', 'date', ['2022-01-01..2022-09-01']],
  ['НЕ ПОЗДНЕЕ 1 СЕНТЯБРЯ 2022 Г.', 'date', ['2022-01-01..2022-09-01']],
  ['в срок до 15.12.2021', 'date', ['2021-01-01..2021-12-15']],
  ['В срок до 15.12.2021 г.', 'date', ['2021-01-01..2021-12-15']],
  ['срок до 15 декабря 2021 года', 'date', ['2021-01-01..2021-12-15']],
  ['к 1 сентября 2023 г.', 'date', ['2023-01-01..2023-09-01']],
  ['не позже 10.01.2022', 'date', ['2022-01-01..2022-01-10']],
  ['до сентября 2022 г.', 'date', ['2022-01-01..2022-08-31']],
  ['не позднее сентября 2022 г.', 'date', ['2022-01-01..2022-09-30']],
  ['до конца 2022 года', 'date', ['2022-01-01..2022-12-31']],
  ['до 2023 года', 'date', ['2022-01-01..2022-12-31']],
  ['по 31.12.2021', 'date', ['2021-01-01..2021-12-31']],
  ['до конца IV квартала 2021 г.', 'date', ['2021-01-01..2021-12-31']],
  ['не позднее II квартала 2023 года', 'date', ['2023-01-01..2023-06-30']],
  ['до 01.03', 'date', ['2021-01-01..2021-03-01'], 'год не указан, принят 2021 г.'],
  // ── months and windows
  ['июнь 2021 г.', 'window', ['2021-06-01..2021-06-30']],
  ['Август 2021 г.', 'window', ['2021-08-01..2021-08-31']],
  ['Август 2021г.', 'window', ['2021-08-01..2021-08-31']],
  ['Сентябрь 2021 г.', 'window', ['2021-09-01..2021-09-30']],
  ['Октябрь 2021 г.', 'window', ['2021-10-01..2021-10-31']],
  ['в сентябре 2022 года', 'window', ['2022-09-01..2022-09-30']],
  ['СЕНТЯБРЬ 2022', 'window', ['2022-09-01..2022-09-30']],
  ['февраль 2024 г.', 'window', ['2024-02-01..2024-02-29']],
  ['июль-август 2021 г.', 'window', ['2021-07-01..2021-08-31']],
  ['июль – август 2021 г.', 'window', ['2021-07-01..2021-08-31']],
  ['июль –  август 2021 г.', 'window', ['2021-07-01..2021-08-31']],
  ['Июль—август 2021 года', 'window', ['2021-07-01..2021-08-31']],
  ['июль -август 2021 г.г.', 'window', ['2021-07-01..2021-08-31']],
  [
    'Сентябрь – декабрь 2021 (актуализация НПА по мере необходимости)',
    'window',
    ['2021-09-01..2021-12-31'],
    'также по мере необходимости',
  ],
  ['декабрь 2021 – январь 2022', 'window', ['2021-12-01..2022-01-31']],
  ['с 1 сентября по 31 декабря 2021 г.', 'window', ['2021-09-01..2021-12-31']],
  ['01.09.2021 - 31.12.2021', 'window', ['2021-09-01..2021-12-31']],
  ['май, ноябрь 2022 г.', 'window', ['2022-05-01..2022-05-31', '2022-11-01..2022-11-30']],
  ['IV квартал 2022 г.', 'window', ['2022-10-01..2022-12-31']],
  ['4 квартал 2022 г.', 'window', ['2022-10-01..2022-12-31']],
  ['в 4-м квартале 2022 года', 'window', ['2022-10-01..2022-12-31']],
  ['IV кв. 2022 г.', 'window', ['2022-10-01..2022-12-31']],
  ['І квартал 2023 года', 'window', ['2023-01-01..2023-03-31']], // Cyrillic «І»
  ['I-II квартал 2023 г.', 'window', ['2023-01-01..2023-06-30']],
  ['II и III кварталы 2022 года', 'window', ['2022-04-01..2022-06-30', '2022-07-01..2022-09-30']],
  ['1 полугодие 2023 года', 'window', ['2023-01-01..2023-06-30']],
  ['второе полугодие 2022 г.', 'window', ['2022-07-01..2022-12-31']],
  ['II полугодие 2022 года', 'window', ['2022-07-01..2022-12-31']],
  ['2021-2022 учебный год', 'window', ['2021-09-01..2022-08-31']],
  ['2022/2023 учебный год', 'window', ['2022-09-01..2023-08-31']],
  ['в 2023/24 уч. году', 'window', ['2023-09-01..2024-08-31']],
  ['в течение 2023, 2024 годов', 'window', ['2023-01-01..2024-12-31']],
  ['2022 год', 'window', ['2022-01-01..2022-12-31']],
  ['2022 г.', 'window', ['2022-01-01..2022-12-31']],
  ['В течение 2022 года', 'window', ['2022-01-01..2022-12-31']],
  ['2021, 2023 гг.', 'window', ['2021-01-01..2021-12-31', '2023-01-01..2023-12-31']],
  ['2022-2023 гг.', 'window', ['2022-01-01..2023-12-31']],
  ['После января 2022 г.', 'window', ['2022-02-01..2024-12-31']],
  ['после 2022 года', 'window', ['2023-01-01..2024-12-31']],
  ['с сентября 2022 г.', 'window', ['2022-09-01..2024-12-31']],
  ['сентябрь', 'window', ['2021-09-01..2021-09-30'], 'год не указан, принят 2021 г.'],
  ['ноябрь 2025 г.', 'window', [], 'срок вне периода дорожной карты'],
  // ── recurring
  ['ежегодно', 'recurring', wholeYears()],
  ['ЕЖЕГОДНО', 'recurring', wholeYears()],
  ['ежегодно (август-сентябрь)', 'recurring', each('08-01..09-30')],
  ['ежегодно (сентябрь)', 'recurring', SEP_DEC],
  ['Ежегодно (ноябрь)', 'recurring', each('11-01..11-30')],
  ['Ежегодно (декабрь)', 'recurring', each('12-01..12-31')],
  ['ежегодно в сентябре', 'recurring', SEP_DEC],
  ['май, ноябрь ежегодно', 'recurring', [...each('05-01..05-31'), ...each('11-01..11-30')].sort()],
  ['Май и ноябрь – ежегодно', 'recurring', [...each('05-01..05-31'), ...each('11-01..11-30')].sort()],
  [
    'февраль-март, сентябрь-ноябрь ежегодно',
    'recurring',
    [
      ...YEARS.map((y) => `${y}-02-01..${y}-03-31`),
      ...YEARS.map((y) => `${y}-09-01..${y}-11-30`),
    ].sort(),
  ],
  ['Ежегодно, январь-декабрь', 'recurring', wholeYears()],
  ['раз в год', 'recurring', wholeYears()],
  ['1 раз в год', 'recurring', wholeYears()],
  ['2 раза в год', 'recurring', HALVES],
  ['дважды в год', 'recurring', HALVES],
  ['ежеквартально', 'recurring', QUARTERS],
  ['раз в квартал', 'recurring', QUARTERS],
  ['ежемесячно', 'recurring', MONTHLY],
  ['Ноябрь-декабрь 2021 г. (далее –ежегодно)', 'recurring', each('11-01..12-31')],
  ['Ноябрь – декабрь 2021 г. (далее - ежегодно)', 'recurring', each('11-01..12-31')],
  ['Декабрь 2021 г. (далее –ежегодно)', 'recurring', each('12-01..12-31')],
  ['Сентябрь 2021 г., далее ежегодно', 'recurring', SEP_DEC],
  ['Сентябрь 2022 г., далее ежегодно', 'recurring', each('09-01..09-30', [2022, 2023, 2024])],
  ['2021 – 2024 гг., ежегодно (декабрь)', 'recurring', each('12-01..12-31')],
  ['2022-2023 гг., ежегодно (декабрь)', 'recurring', each('12-01..12-31', [2022, 2023])],
  ['до 01.09.2021, далее – ежегодно', 'recurring', each('01-01..09-01')],
  ['ежегодно, до 1 марта', 'recurring', each('01-01..03-01')],
  ['ежегодно, начиная с 2022 года', 'recurring', wholeYears([2022, 2023, 2024])],
  [
    'декабрь-январь ежегодно',
    'recurring',
    ['2021-12-01..2022-01-31', '2022-12-01..2023-01-31', '2023-12-01..2024-01-31', '2024-12-01..2024-12-31'],
  ],
  ['Ежегодно (по отдельному графику)', 'recurring', wholeYears(), 'по отдельному графику'],
  [
    'Сентябрь 2021 г., далее – ежегодно в декабре',
    'recurring',
    ['2021-09-01..2021-09-30', ...each('12-01..12-31')],
  ],
  ['ежегодно до 2024 года', 'recurring', wholeYears([2021, 2022, 2023])],
  [
    'Сентябрь 2021 г., далее ежегодно до 2023 года',
    'recurring',
    ['2021-09-01..2021-09-30', '2022-09-01..2022-09-30'],
  ],
  // relative: control date in the year before each period year (when that year is in the period)
  [
    'ежегодно (не позднее ноября года, предшествующего году проведения мероприятия)',
    'recurring',
    PREV_YEAR,
    PREV_NOTE,
  ],
  [
    'Ежегодно (не позднее ноября года, предшествующего году проведению мероприятия)',
    'recurring',
    PREV_YEAR,
    PREV_NOTE,
  ],
  [
    'ежегодно (не позднее ноября года, предшествующего его году проведения мероприятия)',
    'recurring',
    PREV_YEAR,
    PREV_NOTE,
  ],
  // ── standing: one whole-year occurrence per period year
  ['постоянно', 'standing', wholeYears()],
  ['Постоянно', 'standing', wholeYears()],
  ['В течение года', 'standing', wholeYears()],
  ['в течение года', 'standing', wholeYears()],
  ['В течение года (по отдельному графику)', 'standing', wholeYears(), 'по отдельному графику'],
  ['в течение всего периода', 'standing', wholeYears()],
  ['в течение всего периода реализации дорожной карты', 'standing', wholeYears()],
  ['в течение 2021-2024 гг.', 'standing', wholeYears()],
  ['В течение 2021 – 2024 г.г.', 'standing', wholeYears()],
  ['2021-2024 гг.', 'standing', wholeYears()],
  ['на постоянной основе', 'standing', wholeYears()],
  ['постоянно до 2023 г.', 'standing', wholeYears([2021, 2022])],
  ['с 2022 по 2024 год', 'window', ['2022-01-01..2024-12-31']],
  ['с 2022 по 2024 год', 'standing', wholeYears([2022, 2023, 2024]), undefined, { from: 2022, to: 2024 }],
  ['постоянно (2022-2023 гг.)', 'standing', wholeYears([2022, 2023])],
  ['с сентября 2022 г. постоянно', 'standing', ['2022-09-01..2022-12-31', ...wholeYears([2023, 2024])]],
  [
    'июнь 2023 года, далее – постоянно',
    'standing',
    ['2023-06-01..2023-06-30', '2023-07-01..2023-12-31', '2024-01-01..2024-12-31'],
  ],
  [
    'В срок до 01.11.2021 далее - в течение года',
    'standing',
    ['2021-01-01..2021-11-01', '2021-11-02..2021-12-31', ...wholeYears([2022, 2023, 2024])],
  ],
  [
    'в течение учебного года',
    'standing',
    [
      '2021-01-01..2021-08-31',
      '2021-09-01..2022-08-31',
      '2022-09-01..2023-08-31',
      '2023-09-01..2024-08-31',
      '2024-09-01..2024-12-31',
    ],
  ],
  // ── on demand
  ['по мере необходимости', 'on_demand', []],
  ['По мере необходимости', 'on_demand', []],
  ['по необходимости', 'on_demand', []],
  ['при необходимости', 'on_demand', []],
  ['по запросу', 'on_demand', []],
  ['по запросам образовательных организаций', 'on_demand', []],
  // ── someone else's schedule
  ['по отдельному графику', 'external', [], 'по отдельному графику'],
  ['По отдельному плану', 'external', [], 'по отдельному плану'],
  [
    'в сроки, определенные Академией Минпросвещения России',
    'external',
    [],
    'по графику: Академия Минпросвещения России',
  ],
  [
    'В сроки, установленные Министерством просвещения РФ',
    'external',
    [],
    'по графику: Министерство просвещения РФ',
  ],
  ['по плану МО ПК', 'external', [], 'по плану: МО ПК'],
  ['По плану МО ПК', 'external', [], 'по плану: МО ПК'],
  ['в соответствии с графиком Министерства', 'external', [], 'по графику: Министерство'],
  ['по графику ЦНППМ', 'external', [], 'по графику: ЦНППМ'],
  ['согласно графику ГАУ ДПО ИРО ПК', 'external', [], 'по графику: ГАУ ДПО ИРО ПК'],
  ['в соответствии с планом-графиком Департамента', 'external', [], 'по плану: Департамент'],
  ['по графику ЦНППМ, сентябрь 2022 г.', 'external', ['2022-09-01..2022-09-30'], 'по графику: ЦНППМ'],
  // ── other combinations
  [
    'до 01.10.2021, далее – по мере необходимости',
    'date',
    ['2021-01-01..2021-10-01'],
    'далее — по мере необходимости',
  ],
  // ── unknown
  ['', 'unknown', [], UNKNOWN_NOTE],
  ['   ', 'unknown', [], UNKNOWN_NOTE],
  ['после утверждения региональных документов', 'unknown', [], UNKNOWN_NOTE],
  ['по итогам конкурса', 'unknown', [], UNKNOWN_NOTE],
  ['—', 'unknown', [], UNKNOWN_NOTE],
  ['31.02.2021', 'unknown', [], UNKNOWN_NOTE],
  // ── other periods
  ['ежегодно', 'recurring', wholeYears([2022, 2023]), undefined, { from: 2022, to: 2023 }],
  ['Ежегодно (ноябрь)', 'recurring', ['2019-11-01..2019-11-30'], undefined, { from: 2019, to: 2019 }],
  [
    'ежегодно (не позднее ноября года, предшествующего году проведения мероприятия)',
    'recurring',
    ['2024-01-01..2024-11-30'],
    PREV_NOTE,
    { from: 2024, to: 2025 },
  ],
  ['01.10.2021', 'date', [], 'срок вне периода дорожной карты', { from: 2022, to: 2024 }],
  ['После января 2022 г.', 'window', ['2022-02-01..2022-12-31'], undefined, { from: 2021, to: 2022 }],
  ['в течение года', 'standing', wholeYears([2025, 2026, 2027]), undefined, { from: 2025, to: 2027 }],
  ['в течение 2021-2024 гг.', 'window', ['2021-01-01..2024-12-31'], undefined, { from: 2020, to: 2025 }],
];

describe('parseDeadline: table of phrases', () => {
  it('has at least 100 phrases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(TABLE)('%s → %s', (text, kind, expected, note, period) => {
    const r = parseDeadline(text, period ?? P);
    expect(r.text).toBe(text);
    expect(r.kind).toBe(kind);
    expect(r.occurrences).toEqual(expected.map(occ));
    if (note !== undefined) expect(r.note).toBe(note);
  });

  it('leaves note out when there is nothing to explain', () => {
    expect(parseDeadline('25 июля 2021 г.', P)).toEqual({
      text: '25 июля 2021 г.',
      kind: 'date',
      occurrences: [{ from: '2021-07-25', to: '2021-07-25' }],
    });
  });

  it('keeps the text verbatim, including spaces and line breaks', () => {
    const text = '  Ноябрь – декабрь 2021\nг. (далее - ежегодно) ';
    const r = parseDeadline(text, P);
    expect(r.text).toBe(text);
    expect(r.kind).toBe('recurring');
    expect(r.occurrences).toEqual(each('11-01..12-31').map(occ));
  });

  it('accepts a reversed period and a period without years', () => {
    expect(parseDeadline('ежегодно', { from: 2022, to: 2021 }).occurrences).toEqual(
      wholeYears([2021, 2022]).map(occ),
    );
    const r = parseDeadline('ежегодно', { from: Number.NaN, to: 2024 });
    expect(r.kind).toBe('recurring');
    expect(r.occurrences).toEqual([]);
  });
});

// ── answer keys and sample documents ──

const SAMPLES = path.resolve(process.cwd(), '../shared/samples');

interface AnswerKey {
  sections: { activities: { deadline: string }[] }[];
}

const answerKeyDeadlines = (file: string): string[] => {
  const key = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as AnswerKey;
  return key.sections.flatMap((s) => s.activities.map((a) => a.deadline));
};

describe('parseDeadline: real roadmaps', () => {
  for (const file of ['roadmap-000.json', 'roadmap-002.json']) {
    it(`recognizes every deadline of ${file}`, () => {
      const deadlines = answerKeyDeadlines(file);
      expect(deadlines.length).toBeGreaterThan(10);
      for (const text of deadlines) {
        const r = parseDeadline(text, P); // both roadmaps cover 2021–2024
        expect({ text, kind: r.kind }).not.toEqual({ text, kind: 'unknown' });
        expect(r.text).toBe(text);
        for (const o of r.occurrences) {
          expect(o.from <= o.to).toBe(true);
          expect(o.from >= '2021-01-01' && o.to <= '2024-12-31').toBe(true);
        }
      }
    });
  }

  it('gives the expected kind for each answer-key deadline of the Lysva roadmap', () => {
    const kinds = answerKeyDeadlines('roadmap-002.json').map((t) => parseDeadline(t, P).kind);
    expect(kinds).toEqual([
      'window', // июль – август 2021 г.
      'window', // Сентябрь – декабрь 2021 (актуализация НПА по мере необходимости)
      'recurring', // Ежегодно (не позднее ноября года, предшествующего …)
      'window', // Август 2021г.
      'window', // После января 2022 г.
      'window', // Октябрь 2021 г.
      'recurring', // Ноябрь – декабрь 2021 г. (далее - ежегодно)
      'recurring', // Декабрь 2021 г. (далее - ежегодно)
      'standing', // В течение года
      'external', // По плану МО ПК
      'standing', // В течение года (по отдельному графику)
      'recurring', // Ежегодно (ноябрь)
      'recurring', // Ежегодно (декабрь)
      'recurring', // раз в год
      'recurring', // раз в год
    ]);
  });

  it('recognizes the «Срок» column of the Megion roadmap text', () => {
    const text = readFileSync(path.join(SAMPLES, 'megion-regulation-and-roadmap-2021.txt'), 'utf8');
    const header = text.indexOf('№ п/п\tНаименование мероприятия');
    expect(header).toBeGreaterThan(0);
    const rows = text
      .slice(header)
      .split('\n')
      .slice(1)
      .filter((line) => line.includes('\t'))
      .map((line) => line.split('\t').at(-1)!.trim());
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const cell of rows) expect([cell, parseDeadline(cell, P).kind]).not.toEqual([cell, 'unknown']);
  });
});

// ── property tests ──

const NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const PREPOSITIONAL = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** Spelling variants the parser must not care about. */
interface Style {
  dash: string;
  year: string; // suffix after a single year
  years: string; // suffix after a year range
  caps: 'lower' | 'upper' | 'first' | 'asis';
}
const CANONICAL: Style = { dash: '-', year: ' г.', years: ' гг.', caps: 'asis' };
const styleArb: fc.Arbitrary<Style> = fc.record({
  dash: fc.constantFrom('-', '–', '—', ' - ', ' – ', ' —  ', '- ', ' –'),
  year: fc.constantFrom(' г.', ' г', 'г.', ' года', ' год', ''),
  years: fc.constantFrom(' гг.', ' г.г.', ' годов', ' годы', 'гг', ''),
  caps: fc.constantFrom('lower', 'upper', 'first', 'asis'),
});
const applyCaps = (s: string, caps: Style['caps']) =>
  caps === 'lower' ? s.toLowerCase() : caps === 'upper' ? s.toUpperCase() : caps === 'first' ? s[0].toUpperCase() + s.slice(1) : s;

/** A phrase of one supported pattern: its kind and how to spell it in a given style. */
interface Phrase {
  kind: DeadlineKind;
  render: (s: Style) => string;
}

const yearArb = fc.integer({ min: 2015, max: 2032 });
const monthArb = fc.integer({ min: 0, max: 11 });
const dayOf = (m: number, d: number) => Math.min(d, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]);
const pad2 = (n: number) => String(n).padStart(2, '0');

const phraseArb: fc.Arbitrary<Phrase> = fc.oneof(
  // dates and due dates
  fc.tuple(fc.integer({ min: 1, max: 31 }), monthArb, yearArb).map(([d, m, y]): Phrase => ({
    kind: 'date',
    render: (s) => `${dayOf(m, d)} ${GENITIVE[m]} ${y}${s.year}`,
  })),
  fc.tuple(fc.integer({ min: 1, max: 31 }), monthArb, yearArb).map(([d, m, y]): Phrase => ({
    kind: 'date',
    render: () => `${pad2(dayOf(m, d))}.${pad2(m + 1)}.${y}`,
  })),
  fc
    .tuple(fc.constantFrom('до', 'не позднее', 'в срок до', 'к'), fc.integer({ min: 1, max: 28 }), monthArb, yearArb)
    .map(([due, d, m, y]): Phrase => ({
      kind: 'date',
      render: (s) => `${due} ${d} ${GENITIVE[m]} ${y}${s.year}`,
    })),
  // windows
  fc.tuple(fc.constantFrom(NOMINATIVE, PREPOSITIONAL), monthArb, yearArb).map(([forms, m, y]): Phrase => ({
    kind: 'window',
    render: (s) => `${forms === PREPOSITIONAL ? 'в ' : ''}${forms[m]} ${y}${s.year}`,
  })),
  fc.tuple(monthArb, monthArb, yearArb).map(([a, b, y]): Phrase => ({
    kind: 'window',
    render: (s) => `${NOMINATIVE[Math.min(a, b)]}${s.dash}${NOMINATIVE[Math.max(a, b)]} ${y}${s.year}`,
  })),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean(), yearArb).map(([q, roman, y]): Phrase => ({
    kind: 'window',
    render: (s) => `${roman ? ROMAN[q] : q + 1} квартал ${y}${s.year}`,
  })),
  fc.tuple(fc.integer({ min: 1, max: 2 }), yearArb).map(([h, y]): Phrase => ({
    kind: 'window',
    render: (s) => `${h} полугодие ${y}${s.year}`,
  })),
  yearArb.map((y): Phrase => ({ kind: 'window', render: (s) => `${y}${s.dash}${y + 1} учебный год` })),
  yearArb.map((y): Phrase => ({ kind: 'window', render: (s) => `после ${GENITIVE[0]} ${y}${s.year}` })),
  // recurring
  monthArb.map((m): Phrase => ({ kind: 'recurring', render: () => `ежегодно (${NOMINATIVE[m]})` })),
  fc.tuple(monthArb, monthArb).map(([a, b]): Phrase => ({
    kind: 'recurring',
    render: (s) => `ежегодно (${NOMINATIVE[a]}${s.dash}${NOMINATIVE[b]})`,
  })),
  fc.tuple(monthArb, monthArb).map(([a, b]): Phrase => ({
    kind: 'recurring',
    render: () => `${NOMINATIVE[a]}, ${NOMINATIVE[b]} ежегодно`,
  })),
  fc.tuple(monthArb, yearArb).map(([m, y]): Phrase => ({
    kind: 'recurring',
    render: (s) => `${NOMINATIVE[m]} ${y}${s.year} (далее${s.dash}ежегодно)`,
  })),
  fc.tuple(fc.integer({ min: 1, max: 28 }), monthArb, yearArb).map(([d, m, y]): Phrase => ({
    kind: 'recurring',
    render: (s) => `до ${pad2(d)}.${pad2(m + 1)}.${y}, далее${s.dash}ежегодно`,
  })),
  fc.tuple(yearArb, fc.integer({ min: 0, max: 4 }), monthArb).map(([y, len, m]): Phrase => ({
    kind: 'recurring',
    render: (s) => `${y}${s.dash}${y + len}${s.years}, ежегодно (${NOMINATIVE[m]})`,
  })),
  fc
    .constantFrom('ежегодно', 'раз в год', '2 раза в год', 'ежеквартально', 'ежемесячно', 'ежегодно (не позднее ноября года, предшествующего году проведения мероприятия)')
    .map((t): Phrase => ({ kind: 'recurring', render: () => t })),
  // standing
  fc
    .constantFrom('постоянно', 'в течение года', 'в течение всего периода', 'В течение года (по отдельному графику)')
    .map((t): Phrase => ({ kind: 'standing', render: () => t })),
  fc.tuple(monthArb, yearArb).map(([m, y]): Phrase => ({
    kind: 'standing',
    render: (s) => `${NOMINATIVE[m]} ${y}${s.year}, далее${s.dash}постоянно`,
  })),
  // on demand, external
  fc
    .constantFrom('по мере необходимости', 'по необходимости', 'по запросу')
    .map((t): Phrase => ({ kind: 'on_demand', render: () => t })),
  fc
    .constantFrom(
      'по отдельному графику',
      'в сроки, определенные Академией Минпросвещения России',
      'по плану МО ПК',
      'в соответствии с графиком Министерства',
      'по графику ЦНППМ',
    )
    .map((t): Phrase => ({ kind: 'external', render: () => t })),
);

const periodArb: fc.Arbitrary<Period> = fc
  .tuple(fc.integer({ min: 2015, max: 2032 }), fc.integer({ min: 0, max: 8 }))
  .map(([from, len]) => ({ from, to: from + len }));

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isRealDate = (s: string) => {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};
const KINDS: DeadlineKind[] = ['date', 'window', 'recurring', 'standing', 'on_demand', 'external', 'unknown'];

/** The contract every result must satisfy, whatever the input. */
function expectValid(text: string, period: Period) {
  const r = parseDeadline(text, period);
  expect(r.text).toBe(text);
  expect(KINDS).toContain(r.kind);
  const lo = `${Math.min(period.from, period.to)}-01-01`;
  const hi = `${Math.max(period.from, period.to)}-12-31`;
  r.occurrences.forEach((o, i) => {
    expect(isRealDate(o.from) && isRealDate(o.to)).toBe(true);
    expect(o.from <= o.to).toBe(true);
    expect(o.from >= lo && o.to <= hi).toBe(true);
    const prev = r.occurrences[i - 1];
    if (prev) expect(prev.from < o.from || (prev.from === o.from && prev.to < o.to)).toBe(true); // sorted, unique
  });
  if (r.kind === 'unknown' || r.kind === 'on_demand') expect(r.occurrences).toEqual([]);
  if (r.kind === 'unknown') expect(r.note).toBe(UNKNOWN_NOTE);
  return r;
}

describe('parseDeadline: properties', () => {
  it('phrases of the supported grammar: valid occurrences, expected kind, text verbatim', () => {
    fc.assert(
      fc.property(phraseArb, styleArb, periodArb, (phrase, style, period) => {
        const text = applyCaps(phrase.render(style), style.caps);
        const r = expectValid(text, period);
        expect(r.kind).toBe(phrase.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('dashes, spaces, year suffixes and capitalization do not change the result', () => {
    fc.assert(
      fc.property(phraseArb, styleArb, periodArb, (phrase, style, period) => {
        const variant = parseDeadline(applyCaps(phrase.render(style), style.caps), period);
        const canonical = parseDeadline(phrase.render(CANONICAL), period);
        expect({ kind: variant.kind, occurrences: variant.occurrences }).toEqual({
          kind: canonical.kind,
          occurrences: canonical.occurrences,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('a recurring month gives exactly one occurrence per period year', () => {
    fc.assert(
      fc.property(monthArb, periodArb, (m, period) => {
        const r = parseDeadline(`ежегодно (${NOMINATIVE[m]})`, period);
        expect(r.occurrences.map((o) => o.from)).toEqual(
          Array.from({ length: period.to - period.from + 1 }, (_, i) => `${period.from + i}-${pad2(m + 1)}-01`),
        );
      }),
    );
  });

  it('arbitrary strings never throw and give a valid result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), periodArb, (text, period) => {
        expectValid(text, period);
      }),
      { numRuns: 2000 },
    );
  });

  // Word salad from the parser's own vocabulary reaches far more code paths than random text.
  const VOCAB = [
    'до', 'не', 'позднее', 'в', 'срок', 'после', 'с', 'по', 'далее', 'ежегодно', 'раз', '2', 'раза', 'год', 'года',
    'г.', 'гг.', 'квартал', 'IV', 'I', 'полугодие', 'учебный', 'течение', 'всего', 'периода', 'постоянно', 'мере',
    'необходимости', 'графику', 'плану', 'отдельному', 'предшествующего', 'ноября', 'сентябрь', 'декабрь', 'январь',
    'май', '1', '15', '31', '2021', '2024', '2030', '1999', '01.09.2021', '31.12.2024', '29.02', '(', ')', ',', '-',
    '–', ';', '/', 'и', 'конца', 'ежемесячно', 'ежеквартально', 'начиная', 'МО', 'ПК', 'Академией',
  ];
  it('word salad from the vocabulary never throws and gives a valid result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...VOCAB), { maxLength: 12 }),
        fc.constantFrom(' ', '', '  '),
        periodArb,
        (words, sep, period) => {
          expectValid(words.join(sep), period);
        },
      ),
      { numRuns: 3000 },
    );
    // 3,000 runs take about a second alone; a loaded 2-core machine needs more
  }, 60_000);
});
