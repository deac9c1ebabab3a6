import type { ImportDefinition, RowError } from './imports.service.js';
import { RowReader, nameKey } from './import-cells.js';
import { AppError } from '../../lib/errors.js';
import { todayIso, ruDate } from '../../lib/dates.js';
import { isValidSnils } from '../../../common/snils.js';
import { assessmentForImport, storedResultKeys, importResults, type ResultImportRow } from '../assessments/assessments.service.js';
import { liveCompetencies } from '../competencies/competencies.service.js';
import { peopleInWriteScope, nameMatchKey, fullNameOf, type MatchedPerson } from '../staff/staff.service.js';

const C = {
  snils: 'СНИЛС',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  competency: 'Компетенция (код или наименование)',
  score: 'Результат, %',
  measuredOn: 'Дата диагностики',
} as const;

const codeKey = (s: string) => s.toUpperCase().replace(/Ё/g, 'Е').replace(/\s+/g, '');

/** «112-233-445 95» from either that form or eleven bare digits; null when it is neither. */
function normalizeSnils(text: string): string | null {
  const d = text.replace(/\D/g, '');
  if (d.length !== 11) return null;
  const formatted = `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
  return isValidSnils(formatted) ? formatted : null;
}

interface ReadRow {
  rowNumber: number;
  snils: string | null;
  surname: string;
  fullName: string;
  fullNameKey: string;
  birthDate: string | null;
  competencyId: string;
  competencyCode: string;
  score: number;
  measuredOn: string;
}

/**
 * Results of a diagnostic, one row per person and competency. People are matched within the
 * importer's write scope by СНИЛС, or — without it — by full name and birth date (ADR 0010).
 * Unknown people, scores outside 0–100, competencies outside the procedure and duplicates are row
 * errors; while any remains, nothing is written.
 */
export const assessmentResultsImport: ImportDefinition<ResultImportRow> = {
  title: 'Результаты диагностики',
  entity: 'assessment_result',
  columns: [
    { header: C.snils, width: 16, example: '112-233-445 95', note: 'По СНИЛС работник находится однозначно; без СНИЛС — по ФИО и дате рождения' },
    { header: C.surname, required: true, width: 18, example: 'Иванова' },
    { header: C.name, required: true, width: 14, example: 'Мария' },
    { header: C.patronymic, width: 18, example: 'Петровна' },
    { header: C.birthDate, width: 14, note: 'ДД.ММ.ГГГГ; обязательна, если не указан СНИЛС' },
    { header: C.competency, required: true, width: 30, example: 'МТ.01', note: 'Код из справочника компетенций (МТ.01) или наименование' },
    { header: C.score, required: true, width: 12, example: 67.5, note: 'От 0 до 100' },
    { header: C.measuredOn, width: 14, note: 'ДД.ММ.ГГГГ; по умолчанию — сегодня или окончание последнего окна диагностики' },
  ],
  instructions: [
    'Одна строка — результат одного работника по одной компетенции. Столбцы со звёздочкой (*) обязательны.',
    'Работник ищется среди работников вашей области администрирования: по СНИЛС, а если он не указан — по фамилии, имени, отчеству и дате рождения.',
    'Компетенция указывается кодом или наименованием и должна входить в диагностику, в которую загружается файл.',
    'Результат — процент от 0 до 100. Повтор (тот же работник и та же компетенция в файле или уже загруженный результат) — ошибка строки.',
    'Перед сохранением система покажет все ошибки по строкам; пока ошибки есть, ничего не сохраняется.',
  ],

  async checkParams(db, actor, params) {
    if (!params.assessmentId) throw new AppError(422, 'no_assessment', 'Укажите диагностику, в которую загружаются результаты (assessmentId)');
    await assessmentForImport(db, actor, params.assessmentId);
  },

  async validate(db, actor, rows, progress, params) {
    const assessment = await assessmentForImport(db, actor, params.assessmentId!);
    const measured = new Map<string, (typeof assessment.competencies)[number]>();
    for (const c of assessment.competencies) {
      measured.set(codeKey(c.code), c);
      measured.set(nameKey(c.name), c);
    }
    const catalog = new Map<string, string>();
    for (const c of await liveCompetencies(db)) {
      catalog.set(codeKey(c.code), c.code);
      catalog.set(nameKey(c.name), c.code);
    }
    const today = todayIso();
    const lastWindowEnd = assessment.windows.map((w) => w.to).sort().at(-1)!;
    const defaultDate = lastWindowEnd < today ? lastWindowEnd : today;

    const errors: RowError[] = [];
    const read: ReadRow[] = [];
    rows.forEach(({ rowNumber, values }, i) => {
      const r = new RowReader(rowNumber, values);
      const snilsText = r.text(C.snils);
      const snils = snilsText ? normalizeSnils(snilsText) : null;
      if (snilsText && !snils) r.error(C.snils, `Неверный СНИЛС «${snilsText}»: формат 123-456-789 01 и верная контрольная сумма`);
      const surname = r.text(C.surname, { required: true });
      const name = r.text(C.name, { required: true });
      const patronymic = r.text(C.patronymic);
      const birthDate = r.date(C.birthDate);
      if (!snilsText && !birthDate && !r.errors.some((e) => e.column === C.birthDate)) r.error(C.birthDate, 'Укажите СНИЛС или дату рождения, чтобы найти работника');
      const competencyText = r.text(C.competency, { required: true });
      const competency = competencyText ? (measured.get(codeKey(competencyText)) ?? measured.get(nameKey(competencyText))) : undefined;
      if (competencyText && !competency) {
        const known = catalog.get(codeKey(competencyText)) ?? catalog.get(nameKey(competencyText));
        r.error(C.competency, known ? `Компетенция ${known} не входит в диагностику «${assessment.title}»` : `Неизвестная компетенция «${competencyText}»`);
      }
      const score = r.decimal(C.score);
      if (score === null && !r.errors.some((e) => e.column === C.score)) r.error(C.score, 'Обязательное поле не заполнено');
      if (score !== null && (score < 0 || score > 100)) r.error(C.score, `Результат должен быть от 0 до 100 %, указано ${String(score).replace('.', ',')}`);
      const measuredOn = r.date(C.measuredOn) ?? defaultDate;
      if (measuredOn > today) r.error(C.measuredOn, 'Дата диагностики не может быть в будущем');
      if (r.errors.length) errors.push(...r.errors);
      else {
        read.push({
          rowNumber,
          snils,
          surname: surname!,
          fullName: fullNameOf({ surname: surname!, name: name!, patronymic }),
          fullNameKey: nameMatchKey({ surname: surname!, name: name!, patronymic }),
          birthDate,
          competencyId: competency!.id,
          competencyCode: competency!.code,
          score: Math.round(score! * 10) / 10,
          measuredOn,
        });
      }
      if (i % 1000 === 0) progress(i);
    });

    // people: one query for the whole file, within the importer's write scope
    const found = await peopleInWriteScope(db, actor, {
      snils: [...new Set(read.flatMap((r) => (r.snils ? [r.snils] : [])))],
      nameDates: read.flatMap((r) => (!r.snils && r.birthDate ? [{ fullName: r.fullNameKey, birthDate: r.birthDate }] : [])),
    });
    const bySnils = new Map<string, MatchedPerson>();
    const byNameDate = new Map<string, MatchedPerson[]>();
    for (const p of found) {
      if (p.snils) bySnils.set(p.snils, p);
      if (p.birthDate) {
        const k = `${nameMatchKey(p)}|${p.birthDate}`;
        byNameDate.set(k, [...(byNameDate.get(k) ?? []), p]);
      }
    }
    const matched: { row: ReadRow; person: MatchedPerson }[] = [];
    for (const row of read) {
      const error = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
      if (row.snils) {
        const p = bySnils.get(row.snils);
        if (!p) error(C.snils, `Работник со СНИЛС ${row.snils} не найден среди работников вашей области`);
        else if (nameKey(p.surname) !== nameKey(row.surname)) error(C.surname, `СНИЛС ${row.snils} принадлежит работнику «${fullNameOf(p)}», а не «${row.surname}»`);
        else matched.push({ row, person: p });
        continue;
      }
      const hits = byNameDate.get(`${row.fullNameKey}|${row.birthDate}`) ?? [];
      if (hits.length === 1) matched.push({ row, person: hits[0] });
      else if (hits.length > 1) error(C.snils, `Несколько работников с такими ФИО и датой рождения: укажите СНИЛС`);
      else error(C.surname, `Работник «${row.fullName}», дата рождения ${ruDate(row.birthDate!)}, не найден среди работников вашей области`);
    }

    // duplicates: inside the file (the first row wins), then against stored results
    const stored = await storedResultKeys(db, assessment.id, matched.map((m) => m.person.id));
    const firstRow = new Map<string, number>();
    const accepted: ResultImportRow[] = [];
    for (const { row, person } of matched) {
      const key = `${person.id}:${row.competencyId}`;
      const dup = firstRow.get(key);
      if (dup !== undefined) {
        errors.push({ row: row.rowNumber, column: C.competency, message: `Дубликат строки ${dup}: результат этого работника по компетенции ${row.competencyCode} уже есть в файле` });
        continue;
      }
      firstRow.set(key, row.rowNumber);
      if (stored.has(key)) {
        errors.push({ row: row.rowNumber, column: C.competency, message: `Результат работника «${fullNameOf(person)}» по компетенции ${row.competencyCode} уже загружен в эту диагностику` });
        continue;
      }
      accepted.push({ staffId: person.id, competencyId: row.competencyId, score: row.score, measuredOn: row.measuredOn, fullName: fullNameOf(person), competencyCode: row.competencyCode });
    }
    progress(rows.length);
    errors.sort((a, b) => a.row - b.row);
    return { rows: accepted, errors };
  },

  async commit(db, actor, rows, batch) {
    return importResults(db, actor, batch.params.assessmentId!, batch.id, rows);
  },
};
