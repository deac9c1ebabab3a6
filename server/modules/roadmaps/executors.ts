/**
 * Recognizing responsible executors in the wording of a roadmap cell («Министерство, ГАУ ДПО ИРО
 * ПК, МОУО»): splitting the cell into executors, the abbreviations the document itself defines
 * («… (далее – МОУО)»), and a dictionary of common ones. Pure: linking to real organizations is the
 * import service's job, this only says what kind of subject each mention names.
 */
import type { OrganizationKind } from '../../../common/dictionaries.js';

/** What a mention names: one organization of a kind, a group of organizations (ОО: every school
 *  of the territory), a group that is not an organization of the registry (МО), or nothing known. */
export type ExecutorClass =
  | { type: 'organization'; kind: OrganizationKind }
  | { type: 'group'; kinds: OrganizationKind[] }
  | { type: 'association' }
  | { type: 'unknown' };

export interface ExecutorMention {
  /** The document's own wording of this executor. */
  text: string;
  /** The full name behind an abbreviation the document defines, if any. */
  fullName: string | null;
  class: ExecutorClass;
}

/** «(далее – МОУО)», «(далее - ОО)», «(далее МОУО)», «(далее по тексту – ИРО)». */
const DEFINITION = /\(\s*далее(?:\s+по\s+тексту)?\s*[-–—]?\s*[«"]?([^()«»"]+?)[»"]?\s*\)/iu;

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[«»"„“”]/g, '').replace(/\s+/g, ' ').trim();

const INSTITUTIONS: OrganizationKind[] = ['school', 'kindergarten', 'college', 'additional_education'];

// Order matters: a ЦНППМ is a «структурное подразделение ИРО», so it is tested before the institute;
// «… администрации города» makes a «департамент образования» municipal before the ministry rule.
const RULES: [RegExp, ExecutorClass][] = [
  [/цнппм|центр\S* непрерывного повышения профессионального мастерства/, { type: 'organization', kind: 'cnppm' }],
  [/цоко|центр\S* оценки качества/, { type: 'organization', kind: 'coko' }],
  [/(^|[^а-я])(иро|ипк|ипкро)([^а-я]|$)|институт\S* развития образования|институт\S* повышения квалификации/, { type: 'organization', kind: 'development_institute' }],
  [/(департамент|управлени|отдел|комитет)\S*.* образовани.*администрац/, { type: 'organization', kind: 'municipal_authority' }],
  [
    /^(министерств|минобр|минпрос|мо пк$|мон( |$))|департамент\S* (образования|по образованию).*(края|области|республики|автономного округа|г\.? ?(москвы|санкт-петербурга|севастополя))/,
    { type: 'organization', kind: 'ministry' },
  ],
  [
    /(^|[^а-я])(моуо|омсу|уо|моуо пк)([^а-я]|$)|управлени\S* образовани|отдел\S* образовани|комитет\S* (по )?образовани|департамент\S* (образования|по образованию)|муниципальн\S* орган\S* управлени|органы местного самоуправления|муниципальное управление в сфере образования/,
    { type: 'organization', kind: 'municipal_authority' },
  ],
  [/(^|[^а-я])(ммс|имц|цро)([^а-я]|$)|методическ\S* служб|информационно-методическ\S* центр|центр\S* развития образования/, { type: 'organization', kind: 'methodological_service' }],
  [/(^|[^а-я])(доо|доу)([^а-я]|$)|дошкольн\S* образовательн/, { type: 'group', kinds: ['kindergarten'] }],
  [/(^|[^а-я])(поо|спо)([^а-я]|$)|профессиональн\S* образовательн/, { type: 'group', kinds: ['college'] }],
  [/(^|[^а-я])(удо|одо)([^а-я]|$)|организац\S* дополнительного образования/, { type: 'group', kinds: ['additional_education'] }],
  [/(^|[^а-я])(оо|оу|оош|сош)([^а-я]|$)|образовательн\S* (организац|учрежден)|общеобразовательн|школ/, { type: 'group', kinds: INSTITUTIONS }],
  [/^(мо|рмо|шмо|ммо|гмо)$|методическ\S* объединени|профессиональн\S* сообществ/, { type: 'association' }],
];

export function classifyExecutor(...names: (string | null)[]): ExecutorClass {
  for (const name of names) {
    if (!name) continue;
    const n = norm(name);
    for (const [re, cls] of RULES) if (re.test(n)) return cls;
  }
  return { type: 'unknown' };
}

/** Splits a cell at commas and semicolons outside quotes and parentheses. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '«') quote++;
    else if (ch === '»') quote = Math.max(0, quote - 1);
    if ((ch === ',' || ch === ';') && depth === 0 && quote === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The abbreviations a document defines in its executor cells: abbreviation → full name. */
export function collectDefinitions(cells: string[]): Map<string, string> {
  const defs = new Map<string, string>();
  for (const cell of cells) {
    for (const item of splitExecutorCell(cell, defs)) {
      const m = DEFINITION.exec(item);
      if (m) defs.set(norm(m[1]), item.slice(0, m.index).trim());
    }
  }
  return defs;
}

const isKnown = (part: string, defs: Map<string, string>) => defs.has(norm(part)) || classifyExecutor(part).type !== 'unknown';
const startsLower = (s: string) => /^\p{Ll}/u.test(s);

/**
 * Executors of one cell. A long defined name has commas of its own («органы муниципальных районов,
 * муниципальных и городских округов …, осуществляющие … (далее – МОУО)»): a part that starts with a
 * lowercase letter continues the previous one, unless that one is a complete name already (a known
 * abbreviation, or a definition just closed) — and only when it closes a definition itself or
 * reads as a continuation («муниципальных и городских округов», «осуществляющие …»).
 * «МОУО и ОО» splits when both sides are known.
 */
export function splitExecutorCell(cell: string, defs: Map<string, string> = new Map()): string[] {
  const items: string[] = [];
  for (const part of splitTopLevel(cell)) {
    const prev = items[items.length - 1];
    const continues =
      prev !== undefined && startsLower(part) && !isKnown(prev, defs) && !DEFINITION.test(prev) && (DEFINITION.test(part) || CONTINUATION.test(part));
    if (continues) {
      items[items.length - 1] = `${prev}, ${part}`;
      continue;
    }
    const halves = part.split(/\s+и\s+/);
    if (halves.length === 2 && halves.every((h) => h.split(' ').length <= 3 && isKnown(h, defs))) items.push(...halves);
    else items.push(part);
  }
  return items;
}

/** Words that go on with a name rather than start a new one. */
const CONTINUATION = /^(муниципальн|городск|сельск|осуществляющ|реализующ|подведомственн|находящ|расположенн)/i;

/** Executors of one cell, each with what it names. */
export function recognizeExecutors(cell: string, defs: Map<string, string>): ExecutorMention[] {
  return splitExecutorCell(cell, defs).map((text) => {
    const m = DEFINITION.exec(text);
    const abbreviation = m ? m[1] : null;
    const nameInText = m ? text.slice(0, m.index).trim() : text;
    const fullName = m ? nameInText : (defs.get(norm(text)) ?? null);
    return { text, fullName: fullName && fullName !== text ? fullName : null, class: classifyExecutor(fullName, nameInText, abbreviation) };
  });
}

/** Text comparison of organization names: case, «ё», quotes and spacing do not matter. */
export const normalizeName = norm;
