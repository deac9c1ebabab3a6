/**
 * Parser of the deadline column («Сроки исполнения») of roadmaps («дорожная карта»).
 * The original text is kept verbatim; the parser turns it into control dates (occurrences).
 *
 * Pipeline: tokenize → lex (small pattern functions turn tokens into items: time spans,
 * markers, keywords) → attach years to the months before them → merge «X – Y» / «с X по Y»
 * ranges → apply «до / после / с» markers → evaluate each «далее» segment → clip to the period.
 *
 * Interpretation choices:
 * - Single date («01.10.2021», «25 июля 2021 г.»): from = to = the date, kind `date`.
 * - Due date («до X», «не позднее X», «в срок до X», «к X», «по X»): to = control date,
 *   from = 1 January of the control date's year, kind `date`. For a day X the control date is X.
 *   For a month/quarter/year: «не позднее / до конца / по X» → last day of X; plain «до X»
 *   is read literally as "before X starts" («до сентября 2022 г.» → 31.08.2022).
 * - Month, quarter, half-year, year, academic year («2021-2022 учебный год» =
 *   01.09.2021–31.08.2022), «X – Y» ranges: one window first..last day, kind `window`.
 *   «после X» → from the day after X to 31 Dec of period.to; «с X» → from the first day of X.
 * - No year given («сентябрь», «до 1 марта»): the first year of the period is assumed (note).
 * - Recurring («ежегодно», «раз в год», «N раз в год», «ежеквартально», «ежемесячно»):
 *   one occurrence per window per year. Windows are the months given, otherwise the whole
 *   year split into N equal parts (N must divide 12; quarters, half-years, months).
 *   Years: the years given («2021 – 2024 гг., ежегодно (декабрь)»), otherwise from the first
 *   year mentioned («Сентябрь 2021 г., ежегодно») or period.from, up to period.to; an end year
 *   («ежегодно до 2024 года») stops the repetition at its control date (here 31.12.2023).
 * - «не позднее ноября года, предшествующего году проведения» → for every period year y
 *   with y − 1 ≥ period.from: due 30 Nov of y − 1 (from 1 Jan of y − 1), kind `recurring`.
 * - Standing («постоянно», «в течение года», «в течение всего периода», «ежедневно»): kind
 *   `standing`, one whole-calendar-year occurrence per period year (academic years 01.09–31.08
 *   for «в течение учебного года», cut at the period edges), limited to the years given. A range of ≥ 2 years covering the whole
 *   period («в течение 2021-2024 гг.») is standing; a shorter one («в течение 2023, 2024
 *   годов») is a single window.
 * - «X, далее Y»: X's occurrences are kept and Y covers only the time after X ends:
 *   «далее ежегодно» repeats X's months (or Y's own) in later years (kind `recurring`),
 *   «далее постоянно / в течение года» adds standing yearly slices starting the day after X
 *   («июнь 2023, далее – постоянно» → June 2023, 01.07–31.12.2023, 2024; kind `standing`).
 * - On demand / someone else's schedule: kinds `on_demand` / `external` without occurrences;
 *   `external` keeps windows when a time is also given; the note names the schedule owner.
 * - Several signals: previous-year rule > recurring > standing > external > date/window >
 *   on_demand; the weaker ones only add a note («В течение года (по отдельному графику)»
 *   is `standing` with note «по отдельному графику»).
 * - Occurrences are clipped to 01.01.period.from–31.12.period.to (outside ones dropped),
 *   sorted by from, without duplicates.
 */

export type DeadlineKind = 'date' | 'window' | 'recurring' | 'standing' | 'on_demand' | 'external' | 'unknown';
export interface Occurrence {
  from: string;
  to: string;
} // ISO dates YYYY-MM-DD
export interface Period {
  from: number;
  to: number;
} // years of the roadmap, inclusive
export interface ParsedDeadline {
  text: string;
  kind: DeadlineKind;
  occurrences: Occurrence[];
  note?: string;
}

const UNKNOWN_NOTE = 'Не удалось распознать срок';

// ───────────────────────────── calendar ─────────────────────────────

interface Ymd {
  y: number;
  m: number;
  d: number;
}
interface Win {
  from: Ymd;
  to: Ymd;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const ord = (a: Ymd) => a.y * 10000 + a.m * 100 + a.d;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (a: Ymd) => `${pad(a.y, 4)}-${pad(a.m, 2)}-${pad(a.d, 2)}`;

function nextDay(a: Ymd): Ymd {
  if (a.d < daysIn(a.y, a.m)) return { ...a, d: a.d + 1 };
  return a.m < 12 ? { y: a.y, m: a.m + 1, d: 1 } : { y: a.y + 1, m: 1, d: 1 };
}

function yearsBetween(a: number, b: number): number[] {
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** A point of a window relative to a base year; d = 31 means "end of month" (clamped). */
interface Point {
  o: number;
  m: number;
  d: number;
}
/** A window that can be placed into any year («август-сентябрь», «до 1 сентября»). */
interface Pattern {
  from: Point;
  to: Point;
}

const cmpPoint = (a: Point, b: Point) => a.o - b.o || a.m - b.m || a.d - b.d;
const at = (p: Point, y: number): Ymd => ({ y: y + p.o, m: p.m, d: Math.min(p.d, daysIn(y + p.o, p.m)) });
const place = (p: Pattern, y: number): Win => ({ from: at(p.from, y), to: at(p.to, y) });
const monthsPattern = (m1: number, m2: number, wrap = 0): Pattern => ({
  from: { o: 0, m: m1, d: 1 },
  to: { o: wrap, m: m2, d: 31 },
});
const WHOLE_YEAR = monthsPattern(1, 12);

function prevPoint(p: Point): Point {
  if (p.d > 1) return { ...p, d: p.d - 1 };
  return p.m > 1 ? { o: p.o, m: p.m - 1, d: 31 } : { o: p.o - 1, m: 12, d: 31 };
}

/** The year split into `parts` equal windows (2 → half-years, 4 → quarters, 12 → months). */
function splitYear(parts: number): Pattern[] {
  const n = 12 % parts === 0 ? parts : 1;
  const len = 12 / n;
  return yearsBetween(0, n - 1).map((k) => monthsPattern(k * len + 1, (k + 1) * len));
}

// ───────────────────────────── tokenizer ─────────────────────────────

type TokKind = 'date' | 'num' | 'word' | 'dash' | ',' | '(' | ')' | ';' | '/';
interface Token {
  k: TokKind;
  w: string; // normalized text (lower case, ё → е)
  n: number; // numeric value of `num`
  date?: { d: number; m: number; y?: number };
  start: number;
  end: number;
}

// Dates first (so «01.09.2021» is one token), then numbers, words, dashes of any kind, punctuation.
// Everything else (dots, quotes, colons) separates tokens and is dropped.
const TOKEN_RE = /(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?!\d)|\d+|\p{L}+|[-\u2010-\u2015\u2212]|[(),;/]/gu;

// Latin look-alikes inside Cyrillic words (documents converted from PDF mix the scripts).
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в',
};

function normalizeWord(raw: string): string {
  let w = raw.toLowerCase().replace(/ё/g, 'е');
  if (/[a-z]/.test(w) && /[а-я]/.test(w)) w = w.replace(/[a-z]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c);
  // Roman numerals typed with the Cyrillic/Ukrainian «І».
  if (/^[iіv]+$/.test(w)) w = w.replace(/і/g, 'i');
  return w;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  for (const m of src.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const base = { w: raw, n: NaN, start: m.index, end: m.index + raw.length };
    if (m[1] !== undefined) {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      const y = m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y ?? 2024, mo);
      // An impossible date (31.02.2021) becomes a meaningless word rather than a guess.
      out.push(valid ? { ...base, k: 'date', date: { d, m: mo, y } } : { ...base, k: 'word', w: '#' });
    } else if (/^\d/.test(raw)) out.push({ ...base, k: 'num', n: Number(raw) });
    else if (/^\p{L}/u.test(raw)) out.push({ ...base, k: 'word', w: normalizeWord(raw) });
    else if (/^[(),;/]$/.test(raw)) out.push({ ...base, k: raw as TokKind });
    else out.push({ ...base, k: 'dash', w: '-' });
  }
  return out;
}

// ───────────────────────────── lexicon ─────────────────────────────

// Nominative, genitive, prepositional, dative forms and common abbreviations; index + 1 = month.
const MONTHS: RegExp[] = [
  /^(январ[ьяею]|янв)$/,
  /^(феврал[ьяею]|февр?)$/,
  /^(март[ауе]?|мар)$/,
  /^(апрел[ьяею]|апр)$/,
  /^(ма[йяею])$/,
  /^(июн[ьяею]?)$/,
  /^(июл[ьяею]?)$/,
  /^(август[ауе]?|авг)$/,
  /^(сентябр[ьяею]|сент?)$/,
  /^(октябр[ьяею]|окт)$/,
  /^(ноябр[ьяею]|нояб?)$/,
  /^(декабр[ьяею]|дек)$/,
];

function monthOf(t: Token | undefined): number | undefined {
  if (t?.k !== 'word') return undefined;
  const i = MONTHS.findIndex((re) => re.test(t.w));
  return i < 0 ? undefined : i + 1;
}

const YEAR_WORD = /^(г|гг|год|года|году|годов|годы|годах|годом)$/;
const ACADEMIC_WORD = /^уч(ебн[а-я]*)?$/;
const QUARTER_WORD = /^(квартал[а-я]*|кв)$/;
const HALF_WORD = /^(полугод[а-я]*|полгода)$/;
const ORDINAL_SUFFIX = /^(й|я|е|го|ого|ом|м|ое|ий|ая|ый)$/; // «1-й», «2-го»
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ORDINAL_WORDS: [RegExp, number][] = [
  [/^перв/, 1],
  [/^втор/, 2],
  [/^трет/, 3],
  [/^четв[её]рт/, 4],
];
const COUNT_WORDS: Record<string, number> = {
  один: 1, одного: 1, два: 2, двух: 2, дважды: 2, три: 3, трех: 3, трижды: 3, четыре: 4, четырех: 4, шесть: 6,
};

const isWord = (t: Token | undefined, w: string) => t?.k === 'word' && t.w === w;

function yearAt(t: Token | undefined): number | undefined {
  return t?.k === 'num' && t.w.length === 4 && t.n >= 1900 && t.n <= 2199 ? t.n : undefined;
}

function skipYearWords(toks: Token[], j: number): number {
  while (toks[j]?.k === 'word' && YEAR_WORD.test(toks[j].w)) j++;
  return j;
}

/** Ordinal 1..4 as «1», «1-й», «IV», «первое»; returns value and next index. */
function ordinalAt(toks: Token[], j: number): { n: number; next: number } | undefined {
  const t = toks[j];
  let n: number | undefined;
  if (t?.k === 'num' && t.n >= 1 && t.n <= 4 && t.w.length === 1) n = t.n;
  else if (t?.k === 'word') n = ROMAN[t.w] ?? ORDINAL_WORDS.find(([re]) => re.test(t.w))?.[1];
  if (n === undefined) return undefined;
  let next = j + 1;
  if (toks[next]?.k === 'dash' && toks[next + 1]?.k === 'word' && ORDINAL_SUFFIX.test(toks[next + 1].w)) next += 2;
  return { n, next };
}

/**
 * Matches a keyword sequence such as 'в течение всего? учебного года' at i.
 * Words are space-separated, alternatives use '|', '?' marks an optional word, a trailing '*'
 * matches a prefix. Commas between words are skipped («в сроки, определенные»).
 * Returns the index after the match or -1.
 */
function seq(toks: Token[], i: number, pattern: string): number {
  let j = i;
  for (const part of pattern.split(' ')) {
    const optional = part.endsWith('?');
    const alts = (optional ? part.slice(0, -1) : part).split('|');
    let p = j;
    if (p > i) while (toks[p]?.k === ',') p++;
    const t = toks[p];
    const ok =
      t?.k === 'word' && alts.some((a) => (a.endsWith('*') ? t.w.startsWith(a.slice(0, -1)) : t.w === a));
    if (ok) j = p + 1;
    else if (!optional) return -1;
  }
  return j;
}

function firstSeq(toks: Token[], i: number, patterns: string[]): number {
  for (const p of patterns) {
    const j = seq(toks, i, p);
    if (j > i) return j;
  }
  return -1;
}

// ───────────────────────────── items ─────────────────────────────

type Unit = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'academic' | 'range';
interface Span {
  unit: Unit;
  pat: Pattern;
  years: number[] | null; // base years; null = the text gave no year
  bare?: boolean; // a plain year or year range («2022 год», «2021-2024 гг.»)
  due?: boolean; // converted by «до / не позднее»
  until?: boolean; // «до 2024 года»: in a recurring or standing phrase it ends the repetition
}

type Item =
  | { t: 'span'; span: Span }
  | { t: 'years'; runs: [number, number][] }
  | { t: 'rec'; perYear: number }
  | { t: 'standing'; academic: boolean }
  | { t: 'onDemand' }
  | { t: 'external'; note: string }
  | { t: 'prev' }
  | { t: 'then' }
  | { t: 'due'; endOf: boolean }
  | { t: 'after' }
  | { t: 'since' }
  | { t: 'to' }
  | { t: 'bound'; span: Span; after: boolean }
  | { t: 'sep'; c: string };

interface Match {
  items: Item[];
  next: number;
}
type Matcher = (toks: Token[], i: number, src: string) => Match | null;

const keywords =
  (patterns: string[], make: () => Item): Matcher =>
  (toks, i) => {
    const j = firstSeq(toks, i, patterns);
    return j < 0 ? null : { items: [make()], next: j };
  };

const matchThen = keywords(['далее', 'в дальнейшем', 'затем'], () => ({ t: 'then' }));

const matchOnDemand = keywords(
  [
    'по|в мере|случае необходимости|потребности',
    'по|при необходимости|потребности',
    'по запросу|запросам|заявке|заявкам|требованию',
    'по мере поступления',
  ],
  () => ({ t: 'onDemand' }),
);

const matchStanding: Matcher = (toks, i) => {
  const academic = firstSeq(toks, i, ['в|на течение|протяжении всего? учебного года']);
  if (academic > i) return { items: [{ t: 'standing', academic: true }], next: academic };
  const j = firstSeq(toks, i, [
    'в|на течение|протяжении всего? календарного? года',
    'в|на течение|протяжении всего? периода|срока',
    'за? весь период|срок',
    'на постоянной основе',
    'постоянно|систематически|регулярно|ежедневно|еженедельно|круглогодично|бессрочно',
  ]);
  return j < 0 ? null : { items: [{ t: 'standing', academic: false }], next: j };
};

const UNITS_PER_YEAR: [string, number][] = [
  ['год|года|году', 1],
  ['полугодие|полгода', 2],
  ['квартал', 4],
  ['месяц', 12],
];

const matchRecurrence: Matcher = (toks, i) => {
  const simple: [string, number][] = [
    ['ежегодно', 1],
    ['ежеквартально', 4],
    ['ежемесячно', 12],
    ['каждый|каждого год|года', 1],
    ['каждый|каждого квартал|квартала', 4],
    ['каждый|каждого месяц|месяца', 12],
  ];
  for (const [p, perYear] of simple) {
    const j = seq(toks, i, p);
    if (j > i) return { items: [{ t: 'rec', perYear }], next: j };
  }
  // «раз в год», «2 раза в год», «дважды в год», «1 раз в полугодие»
  const t = toks[i];
  const count = t?.k === 'num' ? t.n : t?.k === 'word' ? COUNT_WORDS[t.w] : undefined;
  const hasCount = count !== undefined && count >= 1 && count <= 12;
  const j = hasCount ? i + 1 : i;
  const k = seq(toks, j, isWord(t, 'дважды') || isWord(t, 'трижды') ? 'в' : 'раз|раза в');
  if (k < 0) return null;
  for (const [p, units] of UNITS_PER_YEAR) {
    const end = seq(toks, k, p);
    if (end > k) return { items: [{ t: 'rec', perYear: (hasCount ? count : 1) * units }], next: end };
  }
  return null;
};

const matchPrevYear: Matcher = (toks, i) =>
  seq(toks, i, 'предшеству*|предыдущ*') > i ? { items: [{ t: 'prev' }], next: i + 1 } : null;

const matchMarker: Matcher = (toks, i) => {
  const table: [string, Item][] = [
    ['не позднее|позже', { t: 'due', endOf: true }],
    ['до|к конца|концу|окончания', { t: 'due', endOf: true }],
    ['в? срок? до|к', { t: 'due', endOf: false }],
    ['после', { t: 'after' }],
    ['по окончании|истечении', { t: 'after' }],
    ['начиная? с|со', { t: 'since' }],
  ];
  for (const [p, item] of table) {
    const j = seq(toks, i, p);
    if (j > i) return { items: [item], next: j };
  }
  // «по» only before a time («с 1 сентября по 31 декабря»); «по графику» etc. are matched earlier.
  const nx = toks[i + 1];
  if (isWord(toks[i], 'по') && (nx?.k === 'date' || nx?.k === 'num' || monthOf(nx) !== undefined)) {
    return { items: [{ t: 'to' }], next: i + 1 };
  }
  return null;
};

// Owner of an external schedule: words after the trigger up to punctuation or a time/keyword.
const OWNER_STOP = new Set([
  'до', 'не', 'на', 'в', 'во', 'с', 'со', 'к', 'после', 'по', 'при', 'далее', 'ежегодно', 'ежеквартально',
  'ежемесячно', 'постоянно', 'начиная', 'раз', 'срок', 'сроки', 'течение',
]);

function ownerAt(toks: Token[], j: number, src: string): { owner: string; next: number } {
  const start = j;
  let last = -1;
  while (j < toks.length) {
    const t = toks[j];
    const isOwnerWord = t.k === 'word' && !OWNER_STOP.has(t.w) && monthOf(t) === undefined && !YEAR_WORD.test(t.w);
    if (isOwnerWord) last = j;
    else if (!(t.k === 'dash' && last === j - 1)) break; // hyphenated names: «научно-методического»
    j++;
  }
  if (last < start) return { owner: '', next: start };
  return { owner: nominative(src.slice(toks[start].start, toks[last].end)), next: last + 1 };
}

// Light normalization of the first owner word to the nominative case: the trigger puts it into
// the instrumental («определенные Академией») or genitive («по графику Министерства»).
const NOMINATIVE_ENDINGS: [RegExp, string][] = [
  [/ией$/, 'ия'],
  [/ии$/, 'ия'],
  [/ством$/, 'ство'],
  [/ства$/, 'ство'],
  [/([бвгджзклмнпрстфхцчшщ])ом$/, '$1'],
  [/([бвгджзклмнпрстфхцчшщ])а$/, '$1'],
  [/ой$/, 'а'],
  [/ы$/, 'а'],
];

function nominative(owner: string): string {
  const m = /^([А-ЯЁа-яё][а-яё]{4,})(.*)$/su.exec(owner);
  if (!m) return owner; // abbreviations («МО ПК», «ЦНППМ») stay as written
  const [, word, rest] = m;
  const rule = NOMINATIVE_ENDINGS.find(([re]) => re.test(word));
  return (rule ? word.replace(rule[0], rule[1]) : word) + rest;
}

const matchExternal: Matcher = (toks, i, src) => {
  const separate = seq(toks, i, 'по отдельному|отдельным|особому графику|графикам|плану|планам|расписанию');
  if (separate > i) {
    const noun = toks[separate - 1].w.startsWith('план') ? 'плану' : 'графику';
    return { items: [{ t: 'external', note: `по отдельному ${noun}` }], next: separate };
  }
  const triggers: [string, string][] = [
    ['в сроки определенные*|определяемые*|установленные*|утвержденные*|согласованные*', 'по графику'],
    ['в соответствии с графиком*|календарем|расписанием|сроками', 'по графику'],
    ['в соответствии с планом*', 'по плану'],
    ['согласно|по графику|графикам|календарю|расписанию', 'по графику'],
    ['согласно|по плану|планам', 'по плану'],
    ['по согласованию с|со', 'по согласованию'],
  ];
  for (const [p, prefix] of triggers) {
    let j = seq(toks, i, p);
    if (j < 0) continue;
    // «по плану-графику», «в соответствии с планом-графиком»
    if (toks[j]?.k === 'dash' && toks[j + 1]?.k === 'word' && toks[j + 1].w.startsWith('график')) j += 2;
    const { owner, next } = ownerAt(toks, j, src);
    return { items: [{ t: 'external', note: owner ? `${prefix}: ${owner}` : prefix }], next };
  }
  return null;
};

/** «IV квартал», «1-2 квартал», «I и II квартал», «первое полугодие», «во 2 полугодии». */
const matchQuarterOrHalf: Matcher = (toks, i) => {
  const first = ordinalAt(toks, i);
  if (!first) return null;
  const ranges: [number, number][] = [[first.n, first.n]];
  let j = first.next;
  for (;;) {
    const sep = toks[j];
    const isSep = sep?.k === 'dash' || sep?.k === ',' || isWord(sep, 'и');
    const nx = isSep ? ordinalAt(toks, j + 1) : undefined;
    if (!nx) break;
    if (sep.k === 'dash') ranges[ranges.length - 1][1] = nx.n;
    else ranges.push([nx.n, nx.n]);
    j = nx.next;
  }
  const w = toks[j]?.k === 'word' ? toks[j].w : '';
  const unit = QUARTER_WORD.test(w) ? 'quarter' : HALF_WORD.test(w) ? 'half' : null;
  if (!unit) return null;
  const size = unit === 'quarter' ? 3 : 6;
  if (ranges.some(([a, b]) => a > b || b * size > 12)) return null;
  const items: Item[] = ranges.map(([a, b]) => ({
    t: 'span',
    span: { unit, pat: monthsPattern((a - 1) * size + 1, b * size), years: null },
  }));
  return { items, next: j + 1 };
};

const daySpan = (d: number, m: number, y?: number): Item => ({
  t: 'span',
  span: { unit: 'day', pat: { from: { o: 0, m, d }, to: { o: 0, m, d } }, years: y === undefined ? null : [y] },
});

/** «01.10.2021», «20.08», «1 сентября», «1-го сентября». */
const matchDay: Matcher = (toks, i) => {
  const t = toks[i];
  if (t.k === 'date' && t.date) return { items: [daySpan(t.date.d, t.date.m, t.date.y)], next: i + 1 };
  if (t.k !== 'num' || t.n < 1 || t.n > 31 || t.w.length > 2) return null;
  let j = i + 1;
  if (toks[j]?.k === 'dash' && toks[j + 1]?.k === 'word' && ORDINAL_SUFFIX.test(toks[j + 1].w)) j += 2;
  const m = monthOf(toks[j]);
  if (m === undefined || t.n > daysIn(2024, m)) return null;
  return { items: [daySpan(t.n, m)], next: j + 1 };
};

/** «сентябрь», «в сентябре», «июль – август», «декабрь-январь» (wraps into the next year). */
const matchMonth: Matcher = (toks, i) => {
  const m1 = monthOf(toks[i]);
  if (m1 === undefined) return null;
  const m2 = toks[i + 1]?.k === 'dash' ? monthOf(toks[i + 2]) : undefined;
  const pat = m2 === undefined ? monthsPattern(m1, m1) : monthsPattern(m1, m2, m2 < m1 ? 1 : 0);
  return { items: [{ t: 'span', span: { unit: 'month', pat, years: null } }], next: m2 === undefined ? i + 1 : i + 3 };
};

/** «2022 год», «2021-2024 гг.», «2023, 2024 годов», «2021/22», «2021-2022 учебный год». */
const matchYears: Matcher = (toks, i) => {
  const y1 = yearAt(toks[i]);
  if (y1 === undefined) return null;
  const runs: [number, number][] = [[y1, y1]];
  let j = skipYearWords(toks, i + 1);
  for (;;) {
    const sep = toks[j];
    const last = runs[runs.length - 1];
    if (sep?.k === 'dash' || sep?.k === '/') {
      const nx = toks[j + 1];
      // «2021/22»: a two-digit end year
      const y2 = yearAt(nx) ?? (nx?.k === 'num' && nx.w.length === 2 ? last[0] - (last[0] % 100) + nx.n : undefined);
      if (y2 !== undefined && y2 >= last[0]) {
        last[1] = y2;
        j = skipYearWords(toks, j + 2);
        continue;
      }
    } else if (sep?.k === ',' || isWord(sep, 'и')) {
      const y = yearAt(toks[j + 1]);
      if (y !== undefined) {
        runs.push([y, y]);
        j = skipYearWords(toks, j + 2);
        continue;
      }
    }
    break;
  }
  if (toks[j]?.k === 'word' && ACADEMIC_WORD.test(toks[j].w)) {
    const items: Item[] = runs.map(([a, b]) => ({
      t: 'span',
      span: { unit: 'academic', pat: { from: { o: 0, m: 9, d: 1 }, to: { o: Math.max(1, b - a), m: 8, d: 31 } }, years: [a] },
    }));
    return { items, next: skipYearWords(toks, j + 1) };
  }
  return { items: [{ t: 'years', runs: mergeRuns(runs) }], next: j };
};

/** Sorted, contiguous years joined: 2023, 2024 → [2023, 2024]. */
function mergeRuns(runs: [number, number][]): [number, number][] {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const matchSeparator: Matcher = (toks, i) => {
  const t = toks[i];
  if (t.k === ',' || t.k === '(' || t.k === ')' || t.k === ';') return { items: [{ t: 'sep', c: t.k }], next: i + 1 };
  if (t.k === 'dash') return { items: [{ t: 'sep', c: '-' }], next: i + 1 };
  if (isWord(t, 'и')) return { items: [{ t: 'sep', c: ',' }], next: i + 1 };
  return null;
};

// Order matters: multi-word keywords first («по мере необходимости» before «по» + date).
const MATCHERS: Matcher[] = [
  matchThen,
  matchExternal,
  matchOnDemand,
  matchStanding,
  matchRecurrence,
  matchPrevYear,
  matchMarker,
  matchQuarterOrHalf,
  matchDay,
  matchMonth,
  matchYears,
  matchSeparator,
];

/** Turns tokens into items; tokens no matcher recognizes (remarks such as «актуализация НПА») are skipped. */
function lex(toks: Token[], src: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < toks.length) {
    let next = i + 1;
    for (const matcher of MATCHERS) {
      const r = matcher(toks, i, src);
      if (r && r.next > i) {
        items.push(...r.items);
        next = r.next;
        break;
      }
    }
    i = next;
  }
  return items;
}

// ───────────────────────────── item passes ─────────────────────────────

const bareYearSpan = ([a, b]: [number, number]): Span => ({
  unit: 'year',
  bare: true,
  pat: { from: { o: 0, m: 1, d: 1 }, to: { o: b - a, m: 12, d: 31 } },
  years: [a],
});

/** A year gives its year to the year-less months before it: «май, ноябрь 2022» → both in 2022. */
function attachYears(items: Item[]): Item[] {
  const out: Item[] = [];
  let pending: Span[] = [];
  for (const it of items) {
    if (it.t === 'years') {
      if (pending.length) {
        const years = it.runs.flatMap(([a, b]) => yearsBetween(a, b));
        for (const s of pending) s.years = years;
        pending = [];
      } else out.push(...it.runs.map((run): Item => ({ t: 'span', span: bareYearSpan(run) })));
      continue;
    }
    if (it.t === 'span' && it.span.years === null) pending.push(it.span);
    if (it.t === 'sep' && it.c !== ',' && it.c !== '-') pending = []; // parentheses end a list
    out.push(it);
  }
  return out;
}

function mergeSpans(a: Span, b: Span): Span | null {
  if ((a.years && a.years.length !== 1) || (b.years && b.years.length !== 1)) return null;
  const ya = a.years?.[0] ?? b.years?.[0];
  const yb = b.years?.[0] ?? ya;
  let to: Point = { ...b.pat.to, o: b.pat.to.o + (ya !== undefined && yb !== undefined ? yb - ya : 0) };
  if (cmpPoint(to, a.pat.from) < 0) {
    if (a.years && b.years) return null; // «2022 – 2021»: not a range
    to = { ...to, o: to.o + 1 }; // «сентябрь – май» runs into the next year
  }
  const bare = a.bare && b.bare; // «с 2022 по 2024 год» is a year range like «2022-2024 гг.»
  return { unit: bare ? 'year' : 'range', bare, pat: { from: a.pat.from, to }, years: ya === undefined ? null : [ya] };
}

/** «декабрь 2021 – январь 2022», «01.09.2021 - 31.12.2021», «с 1 сентября по 31 декабря». */
function mergeRanges(items: Item[]): Item[] {
  const out: Item[] = [];
  const isConnector = (x: Item | undefined) => (x?.t === 'sep' && x.c === '-') || x?.t === 'to';
  for (let i = 0; i < items.length; i++) {
    const [a, b, c, d] = items.slice(i, i + 4);
    if (a?.t === 'span' && isConnector(b) && c?.t === 'span') {
      const merged = mergeSpans(a.span, c.span);
      if (merged) {
        out.push({ t: 'span', span: merged });
        i += 2;
        continue;
      }
    }
    if (a?.t === 'since' && b?.t === 'span' && (c?.t === 'to' || c?.t === 'due') && d?.t === 'span') {
      const merged = mergeSpans(b.span, d.span);
      if (merged) {
        out.push({ t: 'span', span: merged });
        i += 3;
        continue;
      }
    }
    // A lone «по 31.12.2021» means "up to and including".
    out.push(a.t === 'to' ? { t: 'due', endOf: true } : a);
  }
  return out;
}

function toDue(s: Span, endOf: boolean): Span {
  const to = endOf || s.unit === 'day' ? s.pat.to : prevPoint(s.pat.from);
  return { unit: 'day', due: true, until: s.bare, pat: { from: { o: to.o, m: 1, d: 1 }, to }, years: s.years };
}

/** «до / после / с» act on the span right after them; a marker without a span is dropped. */
function applyMarkers(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const next = items[i + 1];
    if (it.t !== 'due' && it.t !== 'after' && it.t !== 'since') {
      out.push(it);
      continue;
    }
    if (next?.t !== 'span') continue;
    out.push(it.t === 'due' ? { t: 'span', span: toDue(next.span, it.endOf) } : { t: 'bound', span: next.span, after: it.t === 'after' });
    i++;
  }
  return out;
}

// ───────────────────────────── evaluation ─────────────────────────────

interface Segment {
  spans: Span[];
  bounds: { span: Span; after: boolean }[];
  perYear?: number;
  standing?: { academic: boolean };
  onDemand: boolean;
  external: string[];
  prev: boolean;
}

function segmentOf(raw: Item[]): Segment {
  const items = applyMarkers(mergeRanges(attachYears(raw)));
  const seg: Segment = { spans: [], bounds: [], onDemand: false, external: [], prev: false };
  for (const it of items) {
    if (it.t === 'span') seg.spans.push(it.span);
    else if (it.t === 'bound') seg.bounds.push({ span: it.span, after: it.after });
    else if (it.t === 'rec') seg.perYear ??= it.perYear;
    else if (it.t === 'standing') seg.standing = { academic: (seg.standing?.academic ?? false) || it.academic };
    else if (it.t === 'onDemand') seg.onDemand = true;
    else if (it.t === 'external') seg.external.push(it.note);
    else if (it.t === 'prev') seg.prev = true;
  }
  return seg;
}

interface Result {
  kind: DeadlineKind;
  occ: Win[];
  notes: string[];
  patterns: Pattern[]; // what «далее ежегодно» repeats
}

interface Ctx {
  from: number;
  to: number;
}

/** Spans that give the months of a repetition (not plain years, not an end year). */
const shapedOf = (seg: Segment) => seg.spans.filter((s) => !s.bare && !s.until);
const bareYearsOf = (seg: Segment) =>
  [...new Set(seg.spans.filter((s) => s.bare).flatMap((s) => yearsBetween(s.years![0], s.years![0] + s.pat.to.o)))].sort(
    (a, b) => a - b,
  );

/** «ежегодно до 2024 года»: the earliest end-year control date, if any. */
function untilOf(seg: Segment, P: Ctx): Ymd | undefined {
  const ends = seg.spans.filter((s) => s.until).map((s) => at(s.pat.to, s.years?.[0] ?? P.to));
  return ends.length ? ends.reduce((a, b) => (ord(a) <= ord(b) ? a : b)) : undefined;
}

function limitTo(occ: Win[], until: Ymd | undefined): Win[] {
  if (!until) return occ;
  return occ.filter((w) => ord(w.from) <= ord(until)).map((w) => (ord(w.to) > ord(until) ? { ...w, to: until } : w));
}

function boundDate(b: { span: Span; after: boolean }, P: Ctx): Ymd {
  const y = b.span.years?.[0] ?? P.from;
  return b.after ? nextDay(at(b.span.pat.to, y)) : at(b.span.pat.from, y);
}

/** Whole-year (or academic-year) slices of a standing duty, starting not earlier than `start`. */
function slices(years: number[], academic: boolean, start?: Ymd): Win[] {
  if (!years.length) return [];
  const wins = academic
    ? yearsBetween(years[0] - 1, years[years.length - 1]).map((y) => place(monthsPattern(9, 8, 1), y))
    : years.map((y) => place(WHOLE_YEAR, y));
  if (!start) return wins;
  return wins.filter((w) => ord(w.to) >= ord(start)).map((w) => (ord(w.from) < ord(start) ? { ...w, from: start } : w));
}

function windowsOf(seg: Segment, P: Ctx): Win[] {
  const spanWins = seg.spans.flatMap((s) => (s.years ?? [P.from]).map((y) => place(s.pat, y)));
  const boundWins = seg.bounds.map((b) => ({ from: boundDate(b, P), to: { y: P.to, m: 12, d: 31 } }));
  return [...spanWins, ...boundWins];
}

function sideNotes(seg: Segment, P: Ctx, kind: DeadlineKind): string[] {
  const notes = [...seg.external];
  if (seg.onDemand && kind !== 'on_demand') notes.push('также по мере необходимости');
  const yearless = seg.spans.some((s) => s.years === null) || seg.bounds.some((b) => b.span.years === null);
  if (yearless && (kind === 'date' || kind === 'window' || kind === 'external')) {
    notes.push(`год не указан, принят ${P.from} г.`);
  }
  return notes;
}

function evaluate(seg: Segment, P: Ctx): Result {
  const shaped = shapedOf(seg);
  const until = untilOf(seg, P);
  const bareYears = bareYearsOf(seg);
  const patterns = shaped.length
    ? shaped.map((s) => s.pat)
    : seg.spans.length
      ? [WHOLE_YEAR]
      : seg.perYear
        ? splitYear(seg.perYear)
        : [];
  const result = (kind: DeadlineKind, occ: Win[], extra: string[] = []): Result => ({
    kind,
    occ,
    notes: [...extra, ...sideNotes(seg, P, kind)],
    patterns,
  });
  const bounds = seg.bounds.map((b) => boundDate(b, P));
  const start = bounds.length ? bounds.reduce((a, b) => (ord(a) <= ord(b) ? a : b)) : undefined;

  if (seg.prev && (seg.perYear || shaped.length)) {
    const pats = shaped.length ? shaped.map((s) => s.pat) : [WHOLE_YEAR];
    const occ = yearsBetween(P.from, P.to - 1).flatMap((y) => pats.map((p) => place(p, y)));
    return result('recurring', occ, ['контрольный срок — в году, предшествующем году проведения мероприятия']);
  }

  if (seg.perYear) {
    const pats = shaped.length ? shaped.map((s) => s.pat) : splitYear(seg.perYear);
    const dated = [...shaped.flatMap((s) => s.years ?? []), ...bounds.map((b) => b.y)];
    const years = bareYears.length ? bareYears : yearsBetween(dated.length ? Math.min(...dated) : P.from, P.to);
    const occ = years.flatMap((y) => pats.map((p) => place(p, y)));
    return result('recurring', limitTo(start ? slicesFrom(occ, start) : occ, until));
  }

  const wholePeriod = !shaped.length && bareYears.length >= 2 && bareYears[0] <= P.from && bareYears[bareYears.length - 1] >= P.to;
  if (seg.standing || wholePeriod) {
    const years = bareYears.length ? bareYears : yearsBetween(P.from, P.to);
    const datedStarts = shaped.filter((s) => s.years).map((s) => at(s.pat.from, s.years![0]));
    const first = [...(start ? [start] : []), ...datedStarts].sort((a, b) => ord(a) - ord(b))[0];
    return result('standing', limitTo(slices(years, seg.standing?.academic ?? false, first), until));
  }

  if (seg.external.length) return result('external', windowsOf(seg, P));

  if (seg.spans.length || seg.bounds.length) {
    const dateLike = !seg.bounds.length && seg.spans.every((s) => s.due || s.unit === 'day');
    return result(dateLike ? 'date' : 'window', windowsOf(seg, P));
  }

  if (seg.onDemand) return result('on_demand', []);
  return result('unknown', []);
}

/** Occurrences that end before `start` are dropped, one that spans it starts at it. */
function slicesFrom(occ: Win[], start: Ymd): Win[] {
  return occ.filter((w) => ord(w.to) >= ord(start)).map((w) => (ord(w.from) < ord(start) ? { ...w, from: start } : w));
}

/** «X, далее Y»: Y only covers the time after X ends. */
function continueWith(head: Result, seg: Segment, P: Ctx): Result {
  if (!head.occ.length) {
    const r = evaluate(seg, P);
    return { ...r, kind: r.kind === 'unknown' ? head.kind : r.kind, notes: [...head.notes, ...r.notes] };
  }
  const end = head.occ.map((w) => w.to).reduce((a, b) => (ord(a) >= ord(b) ? a : b));
  const firstYear = head.occ.reduce((y, w) => Math.min(y, w.from.y), Infinity);
  const until = untilOf(seg, P);
  const bareYears = bareYearsOf(seg);
  const shaped = shapedOf(seg);
  const notes = [...head.notes, ...seg.external, ...(seg.onDemand ? ['далее — по мере необходимости'] : [])];

  if (seg.perYear) {
    const pats = shaped.length ? shaped.map((s) => s.pat) : head.patterns.length ? head.patterns : splitYear(seg.perYear);
    const years = bareYears.length ? bareYears : yearsBetween(firstYear, P.to);
    const later = years.flatMap((y) => pats.map((p) => place(p, y))).filter((w) => ord(w.from) > ord(end));
    return { kind: 'recurring', occ: [...head.occ, ...limitTo(later, until)], notes, patterns: pats };
  }
  if (seg.standing) {
    const years = bareYears.length ? bareYears : yearsBetween(P.from, P.to);
    const occ = [...head.occ, ...limitTo(slices(years, seg.standing.academic, nextDay(end)), until)];
    return { kind: 'standing', occ, notes, patterns: head.patterns };
  }
  const r = evaluate(seg, P);
  if (!r.occ.length) return { ...head, notes };
  const simple = (k: DeadlineKind) => k === 'date' || k === 'window';
  const kind = head.kind === r.kind ? r.kind : simple(head.kind) && simple(r.kind) ? 'window' : r.kind;
  return { kind, occ: [...head.occ, ...r.occ], notes: [...head.notes, ...r.notes], patterns: r.patterns };
}

// ───────────────────────────── entry point ─────────────────────────────

function normalizePeriod(p: Period): Ctx {
  let a = Math.trunc(Number(p?.from));
  let b = Math.trunc(Number(p?.to));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { from: 1, to: 0 }; // empty: no occurrences
  if (a > b) [a, b] = [b, a];
  // ISO dates need 4-digit years; the clamp also bounds the loops.
  return { from: Math.max(a, 1), to: Math.min(b, 9999) };
}

function clip(w: Win, P: Ctx): Win | null {
  const lo: Ymd = { y: P.from, m: 1, d: 1 };
  const hi: Ymd = { y: P.to, m: 12, d: 31 };
  const from = ord(w.from) < ord(lo) ? lo : w.from;
  const to = ord(w.to) > ord(hi) ? hi : w.to;
  return ord(from) <= ord(to) ? { from, to } : null;
}

function splitAtThen(items: Item[]): Item[][] {
  const parts: Item[][] = [[]];
  for (const it of items) {
    if (it.t === 'then') parts.push([]);
    else parts[parts.length - 1].push(it);
  }
  return parts;
}

export function parseDeadline(text: string, period: Period): ParsedDeadline {
  const P = normalizePeriod(period);
  const src = typeof text === 'string' ? text.normalize('NFC') : '';
  const [head, ...rest] = splitAtThen(lex(tokenize(src), src)).map(segmentOf);
  let res = evaluate(head, P);
  for (const seg of rest) res = continueWith(res, seg, P);

  const seen = new Set<string>();
  const occurrences: Occurrence[] = [];
  const clipped = res.occ
    .map((w) => clip(w, P))
    .filter((w): w is Win => w !== null)
    .sort((a, b) => ord(a.from) - ord(b.from) || ord(a.to) - ord(b.to));
  for (const w of clipped) {
    const o = { from: iso(w.from), to: iso(w.to) };
    const key = `${o.from}/${o.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    occurrences.push(o);
  }

  const notes = [...new Set(res.notes)];
  if (res.kind === 'unknown') notes.unshift(UNKNOWN_NOTE);
  if (res.occ.length && !occurrences.length) notes.push('срок вне периода дорожной карты');
  const out: ParsedDeadline = { text, kind: res.kind, occurrences };
  if (notes.length) out.note = notes.join('; ');
  return out;
}
