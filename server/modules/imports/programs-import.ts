import type { ImportDefinition, RowError } from './imports.service.js';
import { RowReader, indexOrganizations, matchByInnOrName, nameKey } from './import-cells.js';
import { AppError } from '../../lib/errors.js';
import { subjects as knownSubjects } from '../../../common/dictionaries.js';
import { organizationsInReadScope } from '../organizations/organizations.service.js';
import { liveCompetencies } from '../competencies/competencies.service.js';
import { defaultProgramOwner, existingProgramKeys, importPrograms, minimumHours, type ProgramImportRow } from '../programs/programs.service.js';

const C = {
  title: 'Наименование программы',
  kind: 'Вид программы',
  hours: 'Объём, часов',
  format: 'Форма обучения',
  provider: 'Организация-исполнитель (ИНН или наименование)',
  inRegistry: 'В федеральном реестре',
  registryNumber: 'Номер в федеральном реестре',
  annotation: 'Аннотация',
  competencies: 'Компетенции (коды через ;)',
  audience: 'Целевая аудитория',
  audienceCategory: 'Категория слушателей',
  subjects: 'Предметы (через ;)',
} as const;

const kinds = { upskilling: 'Повышение квалификации', retraining: 'Профессиональная переподготовка' } as const;
const formats = { in_person: 'Очная', distance: 'Дистанционная', blended: 'Смешанная' } as const;
const audiences = { all: 'Все', pedagogical: 'Педагогические работники', managerial: 'Управленческие кадры' } as const;

/** Title and provider, normalized: the same programme of the same provider is a duplicate. */
const programKey = (title: string, provider: string) => `${nameKey(title)}|${nameKey(provider)}`;

/**
 * The programme catalog from a spreadsheet (a registry extract or a provider's plan). The entries
 * are kept by the importer's organization; a provider found among the organizations the importer
 * sees is linked, any other is kept as written.
 */
export const programsImport: ImportDefinition<ProgramImportRow> = {
  title: 'Программы ДПО',
  entity: 'program',
  columns: [
    { header: C.title, required: true, width: 50, example: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя' },
    { header: C.kind, required: true, width: 26, list: Object.values(kinds), example: kinds.upskilling },
    { header: C.hours, required: true, width: 10, example: 36, note: 'Повышение квалификации — не менее 16 часов, переподготовка — не менее 250' },
    { header: C.format, required: true, width: 16, list: Object.values(formats), example: formats.distance },
    { header: C.provider, required: true, width: 36, example: 'ГАУ ДПО «ИРО ПК»', note: 'ИНН или наименование; организация не из реестра сохраняется как написано' },
    { header: C.inRegistry, width: 10, list: ['да', 'нет'] },
    { header: C.registryNumber, width: 18, note: 'Обязателен, если программа в федеральном реестре' },
    { header: C.annotation, width: 50 },
    { header: C.competencies, width: 24, example: 'НП.02; МТ.01', note: 'Коды из справочника компетенций: по ним программа предлагается при дефиците' },
    { header: C.audience, width: 36, example: 'Учителя начальных классов и учителя-предметники' },
    { header: C.audienceCategory, width: 22, list: Object.values(audiences) },
    { header: C.subjects, width: 24, note: `Например: ${knownSubjects.slice(2, 4).join('; ')}` },
  ],
  instructions: [
    'Одна программа — одна строка. Столбцы со звёздочкой (*) обязательны.',
    'Запись о программах ведёт ваша организация (или орган управления вашей территории).',
    'Повтором считается программа с тем же номером федерального реестра или с тем же наименованием у того же исполнителя — в файле или в каталоге.',
    'Перед сохранением система покажет все ошибки по строкам; пока ошибки есть, ничего не сохраняется.',
  ],

  async validate(db, actor, rows, progress) {
    const ownerOrganizationId = await defaultProgramOwner(db, actor);
    if (!ownerOrganizationId) throw new AppError(422, 'no_owner', 'Не найдена организация, которая будет вести записи о программах');
    const { byInn, byName } = indexOrganizations(await organizationsInReadScope(db, actor));
    const codes = new Map((await liveCompetencies(db)).map((c) => [c.code.toUpperCase().replace(/Ё/g, 'Е'), c.id]));
    const errors: RowError[] = [];
    const read: { rowNumber: number; row: ProgramImportRow }[] = [];
    rows.forEach(({ rowNumber, values }, i) => {
      const r = new RowReader(rowNumber, values);
      const title = r.text(C.title, { required: true });
      const kind = r.choice(C.kind, kinds, { пк: 'upskilling', пп: 'retraining', повышение: 'upskilling', переподготовка: 'retraining' });
      if (!kind && !r.errors.some((e) => e.column === C.kind)) r.error(C.kind, 'Обязательное поле не заполнено');
      const hours = r.integer(C.hours);
      if (hours === null && !r.errors.some((e) => e.column === C.hours)) r.error(C.hours, 'Обязательное поле не заполнено');
      if (kind && hours !== null && hours < minimumHours[kind]) r.error(C.hours, `${kinds[kind]} — не менее ${minimumHours[kind]} часов, указано ${hours}`);
      const format = r.choice(C.format, formats, { заочная: 'distance', 'очно-заочная': 'blended', смешанная: 'blended' });
      if (!format && !r.errors.some((e) => e.column === C.format)) r.error(C.format, 'Обязательное поле не заполнено');
      const providerText = r.text(C.provider, { required: true });
      let provider: { id: string | null; name: string } | null = null;
      if (providerText) {
        const m = matchByInnOrName(providerText, byInn, byName);
        if (m.found) provider = { id: m.found.id, name: m.found.shortName };
        else if (/^\d{10}(\d{2})?$/.test(providerText.replace(/\s/g, ''))) r.error(C.provider, m.problem!);
        else provider = { id: null, name: providerText };
      }
      const inFederalRegistry = r.yesNo(C.inRegistry) ?? false;
      const registryNumber = r.text(C.registryNumber);
      if (inFederalRegistry && !registryNumber) r.error(C.registryNumber, 'Укажите номер программы в федеральном реестре');
      const competencyIds: string[] = [];
      for (const code of r.list(C.competencies)) {
        const id = codes.get(code.toUpperCase().replace(/Ё/g, 'Е'));
        if (id) competencyIds.push(id);
        else r.error(C.competencies, `Неизвестный код компетенции «${code}»`);
      }
      const audienceCategory = r.choice(C.audienceCategory, audiences, { педагогические: 'pedagogical', управленческие: 'managerial' }) ?? 'all';
      if (r.errors.length) errors.push(...r.errors);
      else {
        read.push({
          rowNumber,
          row: {
            title: title!,
            kind: kind!,
            hours: hours!,
            format: format!,
            ownerOrganizationId,
            providerOrganizationId: provider!.id,
            providerName: provider!.name,
            inFederalRegistry,
            registryNumber,
            annotation: r.text(C.annotation),
            audience: r.text(C.audience),
            audienceCategory,
            subjects: r.list(C.subjects),
            competencyIds,
          },
        });
      }
      if (i % 1000 === 0) progress(i);
    });

    // duplicates: the registry number or title + provider, in the file (first row wins) and in the catalog
    const stored = await existingProgramKeys(db, {
      registryNumbers: read.flatMap((x) => (x.row.registryNumber ? [x.row.registryNumber] : [])),
      titles: read.map((x) => x.row.title.toLowerCase()),
    });
    const storedNumbers = new Set(stored.flatMap((s) => (s.registryNumber ? [s.registryNumber] : [])));
    const storedKeys = new Set(stored.map((s) => programKey(s.title, s.providerName)));
    const seen = new Map<string, number>();
    const accepted: ProgramImportRow[] = [];
    for (const { rowNumber, row } of read) {
      const keys = [row.registryNumber ? `n:${row.registryNumber}` : null, `t:${programKey(row.title, row.providerName)}`].filter((k): k is string => !!k);
      const dup = keys.map((k) => seen.get(k)).find((n) => n !== undefined);
      keys.forEach((k) => seen.has(k) || seen.set(k, rowNumber));
      if (dup !== undefined) errors.push({ row: rowNumber, column: C.title, message: `Дубликат строки ${dup}` });
      else if (row.registryNumber && storedNumbers.has(row.registryNumber)) errors.push({ row: rowNumber, column: C.registryNumber, message: `Программа с номером ${row.registryNumber} уже есть в каталоге` });
      else if (storedKeys.has(programKey(row.title, row.providerName))) errors.push({ row: rowNumber, column: C.title, message: 'Такая программа этого исполнителя уже есть в каталоге' });
      else accepted.push(row);
    }
    progress(rows.length);
    errors.sort((a, b) => a.row - b.row);
    return { rows: accepted, errors };
  },

  async commit(db, actor, rows) {
    return importPrograms(db, actor, rows);
  },
};
