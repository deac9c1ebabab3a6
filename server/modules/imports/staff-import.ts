import type { ImportDefinition, RowError } from './imports.service.js';
import { RowReader, indexOrganizations, matchByInnOrName } from './import-cells.js';
import { personFields } from '../../../common/staff-schemas.js';
import { qualificationCategories, sexes, staffCategories, subjects } from '../../../common/dictionaries.js';
import { organizationsInWriteScope } from '../organizations/organizations.service.js';
import { territoryPaths } from '../territories/territories.service.js';
import { findExistingPeople, importStaff, personKey, type StaffImportRow } from '../staff/staff.service.js';
import { z } from 'zod';

const C = {
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  email: 'Электронная почта',
  phone: 'Телефон',
  professionStartYear: 'Год начала педагогической деятельности',
  qualificationCategory: 'Квалификационная категория',
  organization: 'Организация (ИНН или краткое наименование)',
  title: 'Должность',
  staffCategory: 'Категория',
  subjects: 'Преподаваемые предметы',
  educationMatchesSubject: 'Образование соответствует предмету',
  startDate: 'Дата начала работы в организации',
} as const;

// The column a person field's validation error belongs to.
const columnOfField: Record<string, string> = Object.fromEntries(Object.entries(C));

const personSchema = z.object(personFields);

export const staffImport: ImportDefinition<StaffImportRow> = {
  title: 'Работники',
  columns: [
    { header: C.surname, required: true, width: 18, example: 'Иванова' },
    { header: C.name, required: true, width: 14, example: 'Мария' },
    { header: C.patronymic, width: 18, example: 'Петровна' },
    { header: C.birthDate, width: 14, example: '14.03.1990', note: 'ДД.ММ.ГГГГ' },
    { header: C.sex, width: 10, list: Object.values(sexes) },
    { header: C.snils, width: 16, example: '112-233-445 95', note: 'Формат 123-456-789 01; проверяется контрольная сумма' },
    { header: C.email, width: 24, example: 'ivanova@school.example.ru' },
    { header: C.phone, width: 18, example: '+7 912 345-67-89' },
    { header: C.professionStartYear, width: 14, example: 2015 },
    { header: C.qualificationCategory, width: 22, list: Object.values(qualificationCategories) },
    { header: C.organization, required: true, width: 36, note: 'ИНН или краткое наименование организации вашей области', example: 'МАОУ «СОШ № 3»' },
    { header: C.title, required: true, width: 30, example: 'Учитель математики' },
    { header: C.staffCategory, required: true, width: 24, list: Object.values(staffCategories), example: staffCategories.pedagogical },
    { header: C.subjects, width: 28, note: `Через точку с запятой, например: ${subjects.slice(2, 4).join('; ')}`, example: 'Математика; Информатика' },
    { header: C.educationMatchesSubject, width: 14, list: ['да', 'нет'] },
    { header: C.startDate, width: 14, note: 'ДД.ММ.ГГГГ' },
  ],
  entity: 'staff',
  instructions: [
    'Один работник — одна строка. Столбцы со звёздочкой (*) обязательны.',
    'Организация указывается ИНН или кратким наименованием так, как оно записано в системе; загружать можно только в организации вашей области администрирования.',
    'Повторы не загружаются: человек с тем же СНИЛС или с теми же ФИО и датой рождения уже в реестре или выше в файле считается дубликатом.',
    'Перед сохранением система покажет все ошибки по строкам; пока ошибки есть, ничего не сохраняется.',
  ],

  async validate(db, actor, rows, progress) {
    const orgs = await organizationsInWriteScope(db, actor);
    const { byInn, byName } = indexOrganizations(orgs);
    const paths = await territoryPaths(db, [...new Set(orgs.map((o) => o.territoryId))]);
    const errors: RowError[] = [];
    const candidates: { rowNumber: number; row: StaffImportRow }[] = [];

    rows.forEach(({ rowNumber, values }, i) => {
      const r = new RowReader(rowNumber, values);
      const raw = {
        surname: r.text(C.surname, { required: true }),
        name: r.text(C.name, { required: true }),
        patronymic: r.text(C.patronymic),
        birthDate: r.date(C.birthDate),
        sex: r.choice(C.sex, sexes, { м: 'male', ж: 'female', муж: 'male', жен: 'female' }),
        snils: r.text(C.snils),
        email: r.text(C.email),
        phone: r.text(C.phone),
        professionStartYear: r.integer(C.professionStartYear),
        qualificationCategory: r.choice(C.qualificationCategory, qualificationCategories),
      };
      const parsed = personSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          // a missing required value is already reported by the reader
          if (raw[field as keyof typeof raw] !== null || !['surname', 'name'].includes(field)) r.error(columnOfField[field] ?? field, issue.message);
        }
      }
      const orgText = r.text(C.organization, { required: true });
      const org = orgText ? matchByInnOrName(orgText, byInn, byName) : {};
      if (org.problem) r.error(C.organization, org.problem);
      const title = r.text(C.title, { required: true });
      const staffCategory = r.choice(C.staffCategory, staffCategories, { педагогический: 'pedagogical', управленческий: 'managerial' });
      if (!staffCategory && !r.errors.some((e) => e.column === C.staffCategory)) r.error(C.staffCategory, 'Обязательное поле не заполнено');
      const position = {
        organizationId: org.found?.id ?? '',
        territoryId: org.found?.territoryId ?? '',
        title: title ?? '',
        staffCategory: staffCategory ?? 'pedagogical',
        subjects: r.list(C.subjects),
        educationMatchesSubject: r.yesNo(C.educationMatchesSubject),
        startDate: r.date(C.startDate),
      };
      if (r.errors.length || !parsed.success || !org.found) {
        errors.push(...r.errors);
      } else {
        const person = parsed.data;
        candidates.push({
          rowNumber,
          row: { ...person, positions: [position], territoryIds: paths.get(org.found.territoryId) ?? [org.found.territoryId] },
        });
      }
      if (i % 1000 === 0) progress(i);
    });

    // duplicates: inside the file first, then against the registry, with one query per kind
    const firstRow = new Map<string, number>();
    const unique: typeof candidates = [];
    for (const c of candidates) {
      const keys = [c.row.snils ? `snils:${c.row.snils}` : null, personKey(c.row)].filter((k): k is string => !!k);
      const dup = keys.map((k) => firstRow.get(k)).find((n) => n !== undefined);
      if (dup !== undefined) {
        errors.push({ row: c.rowNumber, column: c.row.snils && firstRow.get(`snils:${c.row.snils}`) ? C.snils : C.surname, message: `Дубликат строки ${dup}: тот же человек уже есть в файле` });
        continue;
      }
      keys.forEach((k) => firstRow.set(k, c.rowNumber));
      unique.push(c);
    }
    const existing = await findExistingPeople(db, {
      snils: unique.flatMap((c) => (c.row.snils ? [c.row.snils] : [])),
      nameDates: unique.flatMap((c) => (c.row.birthDate ? [{ fullName: `${c.row.surname} ${c.row.name} ${c.row.patronymic ?? ''}`.toLowerCase(), birthDate: c.row.birthDate }] : [])),
    });
    const accepted: StaffImportRow[] = [];
    for (const c of unique) {
      if (c.row.snils && existing.has(`snils:${c.row.snils}`)) {
        errors.push({ row: c.rowNumber, column: C.snils, message: 'Работник с таким СНИЛС уже есть в реестре' });
      } else if (personKey(c.row) && existing.has(personKey(c.row)!)) {
        errors.push({ row: c.rowNumber, column: C.surname, message: 'Работник с такими ФИО и датой рождения уже есть в реестре' });
      } else accepted.push(c.row);
    }
    progress(rows.length);
    errors.sort((a, b) => a.row - b.row);
    return { rows: accepted, errors };
  },

  async commit(db, _actor, rows) {
    const people = await importStaff(db, rows);
    return {
      ids: people.map((p) => p.id),
      territoryIds: [...new Set(people.flatMap((p) => p.territoryIds))],
      organizationIds: [...new Set(people.flatMap((p) => p.organizationIds))],
    };
  },
};
