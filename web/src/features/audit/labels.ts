// Russian names of audit actions, entities and record fields.
import {
  organizationFunctions,
  organizationKinds,
  qualificationCategories,
  sexes,
  staffCategories,
} from '../../../../common/dictionaries';

export const actionLabels: Record<string, string> = {
  'auth.login': 'Вход в систему',
  'auth.login_failed': 'Неудачная попытка входа',
  'auth.logout': 'Выход из системы',
  'staff.read': 'Просмотр карточки работника',
  'staff.create': 'Добавление работника',
  'staff.update': 'Изменение карточки работника',
  'staff.archive': 'Перенос работника в архив',
  'staff.export': 'Выгрузка реестра работников',
  'staff.import': 'Загрузка работников из Excel',
  'organization.create': 'Добавление организации',
  'organization.update': 'Изменение организации',
  'organization.archive': 'Перенос организации в архив',
  'organization.export': 'Выгрузка списка организаций',
  'organization.import': 'Загрузка организаций из Excel',
  'territory.create': 'Добавление муниципалитета',
  'territory.update': 'Изменение территории',
};
export const actionLabel = (action: string) => actionLabels[action] ?? action;
export const actionOptions = Object.entries(actionLabels).map(([value, label]) => ({ value, label }));

export const entityLabels: Record<string, string> = {
  staff: 'Работник',
  organization: 'Организация',
  territory: 'Территория',
  user: 'Пользователь',
};

export const fieldLabels: Record<string, string> = {
  surname: 'Фамилия',
  name: 'Имя / наименование',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  email: 'Электронная почта',
  phone: 'Телефон',
  professionStartYear: 'Год начала педагогической деятельности',
  qualificationCategory: 'Квалификационная категория',
  positions: 'Должности',
  organizationId: 'Организация',
  organizationName: 'Организация',
  title: 'Должность',
  staffCategory: 'Категория',
  subject: 'Предмет',
  subjects: 'Предметы',
  startDate: 'Начало работы',
  endDate: 'Окончание работы',
  educationMatchesSubject: 'Образование соответствует предмету',
  kind: 'Тип',
  fullName: 'Полное наименование',
  shortName: 'Краткое наименование',
  territoryId: 'Территория',
  territoryName: 'Территория',
  parentId: 'Вышестоящая организация',
  inn: 'ИНН',
  address: 'Адрес',
  lowResultsSchool: 'ШНОР',
  innovationSite: 'Инновационная площадка',
  internshipSite: 'Стажировочная площадка',
  functions: 'Функции',
  archived: 'В архиве',
  version: 'Версия',
  code: 'Код',
  q: 'Поиск',
  youngSpecialist: 'Молодой специалист',
  age: 'Возраст',
  yearsInProfession: 'Стаж, лет',
  archivedAt: 'В архиве с',
  limit: 'Число строк',
  sort: 'Сортировка',
  fileName: 'Файл',
  count: 'Количество записей',
  ids: 'Созданные записи',
  updatedAt: 'Изменено',
};

/** Code values shown by their Russian names, by field. */
export const valueLabels: Record<string, Record<string, string>> = {
  kind: { ...organizationKinds, region: 'Регион', municipality: 'Муниципалитет' },
  functions: organizationFunctions,
  staffCategory: staffCategories,
  qualificationCategory: qualificationCategories,
  sex: sexes,
};
