// Efficiency indicators (ADR 0024): building blocks, statuses and units, shared by the server and the UI.

/** The counts an indicator's rule is built from, per node (organization, municipality, region,
 *  country) and period. Person counts are of distinct people; rules are in docs/indicators.md. */
export const indicatorBlocks = {
  staff: 'Педагогические работники и управленческие кадры (текущие должности)',
  staff_pedagogical: 'Педагогические работники',
  staff_managerial: 'Управленческие кадры',
  diagnosed: 'Прошли диагностику в периоде',
  plan_on_diagnostic: 'Построен ИОМ по результатам диагностики в периоде',
  federal_on_diagnostic: 'Педагоги, завершившие программу федерального реестра из своего ИОМ (нарастающим итогом)',
  managers_quality: 'Управленцы, завершившие программу по управленческим компетенциям в периоде',
  young: 'Молодые специалисты (до 35 лет, первые 3 года работы)',
  young_supported: 'Молодые специалисты в формах сопровождения: наставник, ИОМ, тьютор',
  courses_completed: 'Завершённые курсы (зачисления)',
  orgs: 'Образовательные организации',
  orgs_management_quality: 'Организации, управленцы которых повысили квалификацию в управлении качеством',
  orgs_mentoring_model: 'Организации, реализующие целевую модель наставничества',
  events_held: 'Проведённые мероприятия (с отчётом)',
  event_participants: 'Участники проведённых мероприятий (по отчётам)',
  agreements: 'Заключённые соглашения',
  practices_published: 'Опубликованные практики',
} as const;
export type IndicatorBlock = keyof typeof indicatorBlocks;
export const indicatorBlockCodes = Object.keys(indicatorBlocks) as [IndicatorBlock, ...IndicatorBlock[]];

/** The numerator of an entered indicator: the value entered for the organization or territory. */
export const enteredBlock = 'entered';

export const indicatorUnits = { percent: '%', count: 'ед.', people: 'чел.' } as const;

export const indicatorStatuses = { met: 'Достигнуто', below: 'Ниже целевого', no_target: 'Нет целевого значения', no_data: 'Нет данных' } as const;
export type IndicatorStatus = keyof typeof indicatorStatuses;

export const indicatorPeriodicities = { year: 'Год', half_year: 'Полугодие' } as const;

/** The first year of the cumulative indicator 3 (the same constant is in the migration). */
export const indicatorBaseYear = 2021;
