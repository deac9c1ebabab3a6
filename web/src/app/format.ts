// Russian formats of dates, numbers and counted nouns.
import dayjs from 'dayjs';
import 'dayjs/locale/ru';

dayjs.locale('ru');

const numberFormat = new Intl.NumberFormat('ru-RU');

export const formatNumber = (n: number | null | undefined) => (n == null ? '—' : numberFormat.format(n));

/** «2024-03-14» → «14.03.2024». */
export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('DD.MM.YYYY') : '—');

export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('DD.MM.YYYY HH:mm:ss') : '—');

/** plural(5, ['запись', 'записи', 'записей']) → «записей». */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** «12 000 записей». */
export const counted = (n: number, forms: readonly [string, string, string]) => `${formatNumber(n)} ${plural(n, forms)}`;

export const fullName = (p: { surname: string; name: string; patronymic: string | null }) =>
  [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

/** «45 лет». */
export const years = (n: number | null) => (n == null ? '—' : counted(n, ['год', 'года', 'лет']));
