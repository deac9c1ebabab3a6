// Code values and their Russian labels, shared by the server (validation) and the UI (display).

export const organizationKinds = {
  ministry: 'Орган управления образованием субъекта РФ',
  development_institute: 'Институт развития образования',
  cnppm: 'ЦНППМ',
  coko: 'Центр оценки качества образования',
  municipal_authority: 'Муниципальный орган управления образованием',
  methodological_service: 'Муниципальная методическая служба',
  school: 'Общеобразовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  college: 'Профессиональная образовательная организация',
  additional_education: 'Организация дополнительного образования',
  university: 'Образовательная организация высшего образования',
  other: 'Иная организация',
} as const;
export type OrganizationKind = keyof typeof organizationKinds;
export const organizationKindCodes = Object.keys(organizationKinds) as [OrganizationKind, ...OrganizationKind[]];

/** Functions a subject performs in the system of scientific-methodological support. */
export const organizationFunctions = {
  governance: 'Управление и утверждение документов',
  diagnostics: 'Диагностика профессиональных дефицитов',
  upskilling: 'Реализация программ ДПО',
  tutoring: 'Тьюторское сопровождение ИОМ',
  methodological_support: 'Методическое сопровождение',
  mentoring: 'Наставничество',
  monitoring: 'Мониторинг и оценка качества',
  practices: 'Выявление и распространение лучших практик',
  internship: 'Стажировочная площадка',
  innovation: 'Инновационная площадка',
  networking: 'Сетевое взаимодействие',
} as const;
export type OrganizationFunction = keyof typeof organizationFunctions;
export const organizationFunctionCodes = Object.keys(organizationFunctions) as [OrganizationFunction, ...OrganizationFunction[]];

export const territoryKinds = { region: 'Регион', municipality: 'Муниципалитет' } as const;
export type TerritoryKind = keyof typeof territoryKinds;

export const staffCategories = { pedagogical: 'Педагогический работник', managerial: 'Управленческие кадры' } as const;
export type StaffCategory = keyof typeof staffCategories;

export const sexes = { male: 'Мужской', female: 'Женский' } as const;
export type Sex = keyof typeof sexes;

export const qualificationCategories = {
  none: 'Без категории',
  conformity: 'Соответствие занимаемой должности',
  first: 'Первая',
  highest: 'Высшая',
} as const;
export type QualificationCategory = keyof typeof qualificationCategories;
export const qualificationCategoryCodes = Object.keys(qualificationCategories) as [QualificationCategory, ...QualificationCategory[]];

export const roles = {
  regional_admin: 'Администратор региона',
  regional_methodologist: 'Региональный методист',
  municipal_admin: 'Администратор муниципалитета',
  organization_admin: 'Администратор организации',
  teacher: 'Педагог',
  tutor: 'Тьютор',
  mentor: 'Наставник',
  expert: 'Эксперт',
} as const;
export type Role = keyof typeof roles;
export const roleCodes = Object.keys(roles) as [Role, ...Role[]];

export const subjects = [
  'Русский язык',
  'Литература',
  'Математика',
  'Алгебра',
  'Геометрия',
  'Информатика',
  'Физика',
  'Химия',
  'Биология',
  'География',
  'История',
  'Обществознание',
  'Английский язык',
  'Немецкий язык',
  'Французский язык',
  'Физическая культура',
  'ОБЗР',
  'Музыка',
  'Изобразительное искусство',
  'Труд (технология)',
  'Начальные классы',
  'Родной язык',
] as const;

export const roadmapLevels = { regional: 'Региональная', municipal: 'Муниципальная', organization: 'Организации' } as const;
export type RoadmapLevelCode = keyof typeof roadmapLevels;

/** Status of a roadmap activity's control date (occurrence). */
export const occurrenceStatusLabels = {
  planned: 'Запланировано',
  due_soon: 'Срок подходит',
  overdue: 'Просрочено',
  done: 'Выполнено',
  not_applicable: 'Не требуется',
} as const;

/** What a deadline phrase was understood as. */
export const deadlineKinds = {
  date: 'Дата',
  window: 'Период',
  recurring: 'Ежегодно / периодически',
  standing: 'Постоянно',
  on_demand: 'По мере необходимости',
  external: 'По графику другой организации',
  unknown: 'Не распознан',
} as const;

// ───────────── documents (ADR 0019) ─────────────

export const documentKinds = {
  order: 'Приказ',
  directive: 'Распоряжение',
  regulation: 'Положение',
  agreement: 'Соглашение',
  local_act: 'Локальный акт',
  plan: 'План, программа',
  other: 'Иной документ',
} as const;
export type DocumentKind = keyof typeof documentKinds;

export const documentStatuses = { draft: 'Проект', approved: 'Утверждён', in_force: 'Действует', superseded: 'Утратил силу' } as const;
export type DocumentStatus = keyof typeof documentStatuses;

export const documentLevels = { regional: 'Региональный', municipal: 'Муниципальный', organization: 'Организации' } as const;

/** Allowed status changes: a draft is approved, an approved document comes into force (or goes back
 *  to a draft), a document in force is superseded by another one. */
export const documentTransitions: Record<DocumentStatus, DocumentStatus[]> = {
  draft: ['approved', 'in_force'],
  approved: ['in_force', 'draft'],
  in_force: ['superseded'],
  superseded: [],
};

// ───────────── staffing (ADR 0019) ─────────────

export const educationLevels = { higher: 'Высшее', secondary_vocational: 'Среднее профессиональное', retraining: 'Профессиональная переподготовка' } as const;
export type EducationLevel = keyof typeof educationLevels;

/**
 * «Education matches the subject» (ADR 0019): a subject taught is covered when the specialty or
 * qualification of one of the person's diplomas (higher, secondary vocational, retraining)
 * contains one of the subject's stems, compared in lower case. A subject outside this dictionary
 * is covered when the specialty contains the subject's own name.
 */
export const subjectEducationStems: Record<(typeof subjects)[number], string[]> = {
  'Русский язык': ['русск', 'филолог'],
  Литература: ['литератур', 'филолог', 'русск'],
  Математика: ['математ'],
  Алгебра: ['математ'],
  Геометрия: ['математ'],
  Информатика: ['информатик', 'информационн', 'программн'],
  Физика: ['физик'],
  Химия: ['хими'],
  Биология: ['биолог'],
  География: ['географ'],
  История: ['истори'],
  Обществознание: ['обществозн', 'истори', 'юриспруденц', 'правовед'],
  'Английский язык': ['английск', 'иностранн', 'лингвист'],
  'Немецкий язык': ['немецк', 'иностранн', 'лингвист'],
  'Французский язык': ['французск', 'иностранн', 'лингвист'],
  'Физическая культура': ['физическ', 'физкульт', 'спорт'],
  ОБЗР: ['безопасност', 'обж', 'обзр'],
  Музыка: ['музык'],
  'Изобразительное искусство': ['изобразительн', 'художеств', 'живопис'],
  'Труд (технология)': ['технолог', 'труд'],
  'Начальные классы': ['начальн'],
  'Родной язык': ['родн', 'филолог'],
};

/** The rule in one function, used by the tests and the UI hint; the server applies the same
 *  stems in SQL. */
export function educationCoversSubject(subject: string, education: { specialty: string; qualification?: string | null }[]): boolean {
  const stems = (subjectEducationStems as Record<string, string[]>)[subject] ?? [subject.toLowerCase()];
  return education.some((e) => {
    const text = `${e.specialty} ${e.qualification ?? ''}`.toLowerCase();
    return stems.some((s) => text.includes(s));
  });
}

// ───────────── mentoring and programmes: names the server's reports print too ─────────────

export const mentorshipFormNames = {
  experienced_young: 'Опытный педагог – молодой специалист',
  competence: 'Педагог с компетенцией – педагог, которому она нужна',
  subject: 'Предметная пара',
  manager: 'Руководитель – руководитель',
} as const;

export const programKindNames = { upskilling: 'Повышение квалификации', retraining: 'Профессиональная переподготовка' } as const;
