// Staff XLSX files filled as a school would fill the import template, for the API and browser tests.
import { writeXlsx } from '../../server/lib/xlsx.js';
import { staffImport } from '../../server/modules/imports/staff-import.js';
import { formatSnils } from '../../common/snils.js';

export const snils = formatSnils;

const surnames = ['Соколова', 'Лебедева', 'Козлова', 'Новикова', 'Морозова', 'Волкова', 'Зайцева', 'Павлова', 'Семёнова', 'Голубева'];
const names = ['Анна', 'Мария', 'Елена', 'Ольга', 'Татьяна', 'Наталья', 'Ирина', 'Светлана'];
const patronymics = ['Ивановна', 'Петровна', 'Сергеевна', 'Алексеевна', 'Дмитриевна'];

export function peopleRows(count: number, org: string, seed: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = seed * 1_000_000 + i;
    return {
      // the seed shifts the name, the index the birth day: no two generated people coincide
      Фамилия: surnames[(i + seed) % surnames.length],
      Имя: names[(i >> 3) % names.length],
      Отчество: patronymics[(i >> 5) % patronymics.length],
      'Дата рождения': new Date(Date.UTC(1955, 0, 1 + (i % 19_000))),
      Пол: 'женский',
      СНИЛС: snils(100_000_000 + n),
      'Электронная почта': `teacher${n}@school.example.ru`,
      Телефон: '+7 912 345-67-89',
      'Год начала педагогической деятельности': 1985 + (i % 35),
      'Квалификационная категория': ['первая', 'высшая', 'без категории'][i % 3],
      'Организация (ИНН или краткое наименование)': org,
      Должность: 'Учитель',
      Категория: 'педагогический работник',
      'Преподаваемые предметы': 'Математика; Информатика',
      'Образование соответствует предмету': i % 9 ? 'да' : 'нет',
      'Дата начала работы в организации': '01.09.2020',
    } as Record<string, unknown>;
  });
}

export function toXlsx(rows: Record<string, unknown>[]) {
  return writeXlsx({
    sheetName: 'Работники',
    columns: staffImport.columns.map((c) => ({ key: c.header, header: c.header, value: (r: Record<string, unknown>) => r[c.header] as never })),
    rows,
  });
}

