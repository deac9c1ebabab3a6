import { cellDate, cellText, type ReadValue } from '../../lib/xlsx.js';
import type { RowError } from './imports.service.js';

/** Reads typed values out of one spreadsheet row, collecting Russian errors per column. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    readonly rowNumber: number,
    private readonly values: Record<string, ReadValue>,
  ) {}

  error(column: string, message: string) {
    this.errors.push({ row: this.rowNumber, column, message });
  }

  text(column: string, opts: { required?: boolean } = {}): string | null {
    // our own exports neutralize formulas with a leading apostrophe: take it off again
    const t = cellText(this.values[column]).replace(/\s+/g, ' ').trim().replace(/^'(?=[=+\-@])/, '');
    if (!t) {
      if (opts.required) this.error(column, 'Обязательное поле не заполнено');
      return null;
    }
    return t;
  }

  date(column: string): string | null {
    const v = this.values[column];
    const d = cellDate(v);
    if (d === undefined) {
      this.error(column, `Не удалось распознать дату «${cellText(v)}»: ожидается ДД.ММ.ГГГГ`);
      return null;
    }
    return d;
  }

  integer(column: string): number | null {
    const t = this.text(column);
    if (t === null) return null;
    const n = Number(t);
    if (!Number.isInteger(n)) {
      this.error(column, `Ожидается целое число, указано «${t}»`);
      return null;
    }
    return n;
  }

  /** A decimal number: «67,5», «67.5», «67 %» or a numeric cell. */
  decimal(column: string): number | null {
    const t = this.text(column);
    if (t === null) return null;
    const n = Number(t.replace(/\s|%/g, '').replace(',', '.'));
    if (!Number.isFinite(n) || !/\d/.test(t)) {
      this.error(column, `Ожидается число, указано «${t}»`);
      return null;
    }
    return n;
  }

  /** A value from a list of Russian labels (case-insensitive, a prefix is enough: «м» → «мужской»). */
  choice<T extends string>(column: string, labels: Record<T, string>, aliases: Record<string, T> = {}): T | null {
    const t = this.text(column)?.toLowerCase();
    if (!t) return null;
    if (aliases[t]) return aliases[t];
    const hits = (Object.entries(labels) as [T, string][]).filter(([code, label]) => code === t || label.toLowerCase() === t || label.toLowerCase().startsWith(t));
    if (hits.length !== 1) {
      this.error(column, `Недопустимое значение «${t}»: укажите одно из — ${Object.values(labels).join(', ')}`);
      return null;
    }
    return hits[0][0];
  }

  yesNo(column: string): boolean | null {
    const t = this.text(column)?.toLowerCase();
    if (!t) return null;
    if (['да', 'д', 'yes', '1', 'true', 'истина'].includes(t)) return true;
    if (['нет', 'н', 'no', '0', 'false', 'ложь'].includes(t)) return false;
    this.error(column, `Ожидается «да» или «нет», указано «${t}»`);
    return null;
  }

  list(column: string): string[] {
    return (this.text(column) ?? '')
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

/** Case- and spacing-insensitive key for matching names written by people. */
export const nameKey = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[«»"']/g, '').replace(/\s+/g, ' ').trim();

/** Finds a record by exact INN or by normalized name; ambiguity is an error, not a guess. */
export function matchByInnOrName<T extends { id: string; inn: string | null; shortName: string; fullName: string }>(
  text: string,
  byInn: Map<string, T>,
  byName: Map<string, T[]>,
): { found?: T; problem?: string } {
  const digits = text.replace(/\s/g, '');
  if (/^\d{10}(\d{2})?$/.test(digits)) {
    const o = byInn.get(digits);
    return o ? { found: o } : { problem: `Организация с ИНН ${digits} не найдена среди организаций вашей области` };
  }
  const hits = byName.get(nameKey(text)) ?? [];
  if (hits.length === 1) return { found: hits[0] };
  if (hits.length > 1) return { problem: `Наименование «${text}» неоднозначно: укажите ИНН` };
  return { problem: `Организация «${text}» не найдена среди организаций вашей области` };
}

export function indexOrganizations<T extends { id: string; inn: string | null; shortName: string; fullName: string }>(orgs: T[]) {
  const byInn = new Map<string, T>();
  const byName = new Map<string, T[]>();
  for (const o of orgs) {
    if (o.inn) byInn.set(o.inn, o);
    for (const n of new Set([nameKey(o.shortName), nameKey(o.fullName)])) byName.set(n, [...(byName.get(n) ?? []), o]);
  }
  return { byInn, byName };
}
