import type { ImportDefinition, RowError } from './imports.service.js';
import { RowReader, indexOrganizations, matchByInnOrName, nameKey } from './import-cells.js';
import { organizationKinds, organizationFunctions, type OrganizationFunction } from '../../../common/dictionaries.js';
import { organizationsInWriteScope, importOrganizations, type OrganizationImportRow } from '../organizations/organizations.service.js';
import { territoriesByName } from '../territories/territories.service.js';
import { canWriteAt } from '../../lib/access.js';

const C = {
  shortName: 'Краткое наименование',
  fullName: 'Полное наименование',
  kind: 'Тип организации',
  territory: 'Территория (муниципалитет или регион)',
  inn: 'ИНН',
  address: 'Адрес',
  parent: 'Учредитель / вышестоящая организация (ИНН или краткое наименование)',
  lowResultsSchool: 'ШНОР',
  innovationSite: 'Инновационная площадка',
  internshipSite: 'Стажировочная площадка',
  functions: 'Функции в системе',
} as const;

export const organizationsImport: ImportDefinition<OrganizationImportRow> = {
  title: 'Организации',
  columns: [
    { header: C.shortName, required: true, width: 30, example: 'МАОУ «СОШ № 3»' },
    { header: C.fullName, required: true, width: 50, example: 'Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»' },
    { header: C.kind, required: true, width: 30, list: Object.values(organizationKinds) },
    { header: C.territory, required: true, width: 28, example: 'Лысьвенский городской округ' },
    { header: C.inn, width: 14, note: '10 цифр; используется для поиска организации в других загрузках' },
    { header: C.address, width: 40 },
    { header: C.parent, width: 30, note: 'Для школ и детских садов — муниципальный орган управления образованием' },
    { header: C.lowResultsSchool, width: 8, list: ['да', 'нет'] },
    { header: C.innovationSite, width: 12, list: ['да', 'нет'] },
    { header: C.internshipSite, width: 12, list: ['да', 'нет'] },
    { header: C.functions, width: 40, note: `Через точку с запятой: ${Object.values(organizationFunctions).join('; ')}` },
  ],
  entity: 'organization',
  instructions: [
    'Одна организация — одна строка. Столбцы со звёздочкой (*) обязательны.',
    'Территория указывается названием так, как оно записано в системе.',
    'Повтором считается организация с тем же ИНН или с тем же кратким наименованием на той же территории.',
  ],

  async validate(db, actor, rows, progress) {
    const existing = await organizationsInWriteScope(db, actor);
    const { byInn, byName } = indexOrganizations(existing);
    const territories = await territoriesByName(db, actor);
    const territoryByName = new Map(territories.map((t) => [nameKey(t.name), t]));
    const errors: RowError[] = [];
    const accepted: OrganizationImportRow[] = [];
    const seen = new Map<string, number>();
    rows.forEach(({ rowNumber, values }, i) => {
      const r = new RowReader(rowNumber, values);
      const shortName = r.text(C.shortName, { required: true });
      const fullName = r.text(C.fullName, { required: true });
      const kind = r.choice(C.kind, organizationKinds);
      if (!kind && !r.errors.some((e) => e.column === C.kind)) r.error(C.kind, 'Обязательное поле не заполнено');
      const territoryText = r.text(C.territory, { required: true });
      const territory = territoryText ? territoryByName.get(nameKey(territoryText)) : undefined;
      if (territoryText && !territory) r.error(C.territory, `Территория «${territoryText}» не найдена`);
      else if (territory && !canWriteAt(actor, { territoryIds: [territory.id], organizationIds: [] })) r.error(C.territory, 'Территория вне вашей области администрирования');
      const inn = r.text(C.inn)?.replace(/\s/g, '') ?? null;
      if (inn && !/^\d{10}(\d{2})?$/.test(inn)) r.error(C.inn, 'ИНН состоит из 10 или 12 цифр');
      const parentText = r.text(C.parent);
      const parent = parentText ? matchByInnOrName(parentText, byInn, byName) : {};
      if (parent.problem) r.error(C.parent, parent.problem);
      const functions: OrganizationFunction[] = [];
      for (const f of r.list(C.functions)) {
        const code = (Object.entries(organizationFunctions) as [OrganizationFunction, string][]).find(([, label]) => nameKey(label) === nameKey(f))?.[0];
        if (code) functions.push(code);
        else r.error(C.functions, `Неизвестная функция «${f}»`);
      }
      const lowResultsSchool = r.yesNo(C.lowResultsSchool) ?? false;
      const innovationSite = r.yesNo(C.innovationSite) ?? false;
      const internshipSite = r.yesNo(C.internshipSite) ?? false;
      const address = r.text(C.address);

      // duplicates: same INN or same short name in the same territory, in the file or the registry
      const keys = [inn ? `inn:${inn}` : null, shortName && territory ? `name:${territory.id}:${nameKey(shortName)}` : null].filter((k): k is string => !!k);
      const inFile = keys.map((k) => seen.get(k)).find((n) => n !== undefined);
      if (inFile !== undefined) r.error(C.shortName, `Дубликат строки ${inFile}`);
      else if ((inn && byInn.has(inn)) || (shortName && territory && (byName.get(nameKey(shortName)) ?? []).some((o) => o.territoryId === territory.id)))
        r.error(C.shortName, 'Такая организация уже есть в реестре');
      keys.forEach((k) => seen.has(k) || seen.set(k, rowNumber));

      if (r.errors.length) errors.push(...r.errors);
      else {
        const id = crypto.randomUUID();
        accepted.push({
          id,
          kind: kind!,
          shortName: shortName!,
          fullName: fullName!,
          territoryId: territory!.id,
          parentId: parent.found?.id ?? null,
          path: [...(parent.found?.path ?? []), id],
          inn,
          address,
          lowResultsSchool,
          innovationSite,
          internshipSite,
          functions,
        });
      }
      if (i % 1000 === 0) progress(i);
    });
    progress(rows.length);
    return { rows: accepted, errors };
  },

  async commit(db, _actor, rows) {
    const ids = await importOrganizations(db, rows);
    return { ids, territoryIds: [...new Set(rows.map((r) => r.territoryId))], organizationIds: ids };
  },
};
