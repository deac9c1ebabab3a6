// Codes and Russian labels of the bank of practices and the registries beside it (ADR 0018),
// shared by the server (validation) and the UI (display).

export const practiceKinds = { pedagogical: 'Педагогическая', managerial: 'Управленческая' } as const;
export type PracticeKind = keyof typeof practiceKinds;

/** Level of education the practice belongs to. */
export const practiceLevels = {
  preschool: 'Дошкольное образование',
  primary: 'Начальное общее образование',
  basic: 'Основное общее образование',
  secondary: 'Среднее общее образование',
  vocational: 'Среднее профессиональное образование',
  additional: 'Дополнительное образование',
  professional_development: 'Дополнительное профессиональное образование педагогов',
} as const;
export type PracticeLevel = keyof typeof practiceLevels;

export const practiceStatuses = {
  submitted: 'Подана, ожидает экспертизы',
  under_review: 'На экспертизе',
  returned: 'Возвращена на доработку',
  published: 'Опубликована',
  rejected: 'Отклонена',
} as const;
export type PracticeStatus = keyof typeof practiceStatuses;

/** Criteria of the expert review; each is scored 0…5. */
export const practiceCriteria = {
  relevance: 'Актуальность',
  novelty: 'Новизна',
  effectiveness: 'Результативность',
  reproducibility: 'Возможность тиражирования',
  methodology: 'Методическая обоснованность',
} as const;
export type PracticeCriterion = keyof typeof practiceCriteria;
export const practiceCriterionCodes = Object.keys(practiceCriteria) as [PracticeCriterion, ...PracticeCriterion[]];
export const maxCriterionScore = 5;

export const practiceDecisions = { publish: 'Опубликовать', revise: 'Вернуть на доработку', reject: 'Отклонить' } as const;
export type PracticeDecision = keyof typeof practiceDecisions;

/** Audiences of the navigator of educational resources. */
export const resourceAudiences = {
  teachers: 'Педагоги',
  managers: 'Руководители',
  methodologists: 'Методисты',
  young_specialists: 'Молодые специалисты',
  mentors: 'Наставники',
  tutors: 'Тьюторы',
} as const;
export type ResourceAudience = keyof typeof resourceAudiences;
export const resourceAudienceCodes = Object.keys(resourceAudiences) as [ResourceAudience, ...ResourceAudience[]];

export const siteKinds = { innovation: 'Инновационная площадка', internship: 'Стажировочная площадка' } as const;
export type SiteKind = keyof typeof siteKinds;

export const siteStatuses = {
  applied: 'Заявка на присвоение статуса',
  active: 'Статус присвоен',
  suspended: 'Деятельность приостановлена',
  closed: 'Статус прекращён',
} as const;
export type SiteStatus = keyof typeof siteStatuses;

export const codesOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
