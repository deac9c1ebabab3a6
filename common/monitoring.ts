// Monitoring campaigns and targeted recommendations (ADR 0026): codes, Russian labels and the
// validation of a data form's values, shared by the server (the rule) and the UI (inline errors).

export const fieldTypes = {
  number: 'Число',
  percent: 'Процент',
  text: 'Текст',
  choice: 'Выбор из списка',
  file: 'Файл',
} as const;
export type FieldType = keyof typeof fieldTypes;
export const fieldTypeCodes = Object.keys(fieldTypes) as [FieldType, ...FieldType[]];

/** What the system already knows about an organization and fills in for it (ADR 0026). */
export const prefillSources = {
  staff_total: 'Численность работников (по реестру)',
  staff_pedagogical: 'Численность педагогических работников (по реестру)',
  diagnosed: 'Прошли диагностику в году кампании (человек)',
  diagnosed_share: 'Доля прошедших диагностику в году кампании, %',
  with_plan: 'Имеют ИОМ, построенный в году кампании (человек)',
  completed_federal: 'Завершили программы ФР ДПП в году кампании (человек)',
} as const;
export type PrefillSource = keyof typeof prefillSources;
export const prefillSourceCodes = Object.keys(prefillSources) as [PrefillSource, ...PrefillSource[]];

export interface DataFormField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number | null;
  max?: number | null;
  options?: string[] | null;
  prefill?: PrefillSource | null;
  hint?: string | null;
}

/** A file field holds the id of a stored file and its name. */
export interface FileValue {
  fileId: string;
  name: string;
}
export type FieldValue = number | string | FileValue | null;
/** Values of one data form, by field key. */
export type FormValues = Record<string, FieldValue>;

export const campaignStatuses = { draft: 'Проект', open: 'Идёт сбор', closed: 'Завершена' } as const;
export type CampaignStatus = keyof typeof campaignStatuses;

export const campaignLevels = { regional: 'Региональный', municipal: 'Муниципальный' } as const;
export type CampaignLevel = keyof typeof campaignLevels;

export const submissionStatuses = {
  draft: 'Заполняется',
  submitted: 'Отправлена',
  approved_municipal: 'Принята муниципалитетом',
  approved_regional: 'Принята регионом',
  returned: 'Возвращена на доработку',
} as const;
export type SubmissionStatus = keyof typeof submissionStatuses;

/** Completeness of one organization: its first submission against its deadline, as of today. */
export const completenessStatuses = {
  on_time: 'Сдано в срок',
  late: 'Сдано с опозданием',
  missing: 'Не сдано, срок истёк',
  pending: 'Ожидается, срок не истёк',
} as const;
export type CompletenessStatus = keyof typeof completenessStatuses;

export const submissionActions = { submit: 'Отправить', approve: 'Принять', return: 'Вернуть на доработку' } as const;
export type SubmissionAction = keyof typeof submissionActions;

export const recommendationStatuses = {
  issued: 'Выдана',
  responded: 'Получен ответ',
  returned: 'Ответ возвращён на доработку',
  accepted: 'Исполнение принято',
  closed: 'Снята с контроля',
} as const;
export type RecommendationStatus = keyof typeof recommendationStatuses;

export const recommendationActions = { accept: 'Принять исполнение', return: 'Вернуть на доработку', close: 'Снять с контроля' } as const;
export type RecommendationAction = keyof typeof recommendationActions;

export interface FieldIssue {
  field: string;
  message: string;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const fmt = (n: number) => String(n).replace('.', ',');

/** The message for one field's value, or null when it is valid. `forSubmit` checks the required
 *  fields too; a draft may be saved incomplete but never with a wrong value. */
export function checkFieldValue(field: DataFormField, value: unknown, forSubmit: boolean): string | null {
  if (isBlank(value)) return forSubmit && field.required ? `Заполните поле «${field.label}»` : null;
  switch (field.type) {
    case 'number':
    case 'percent': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `«${field.label}»: введите число`;
      const min = field.min ?? (field.type === 'percent' ? 0 : null);
      const max = field.max ?? (field.type === 'percent' ? 100 : null);
      if (min !== null && value < min) return `«${field.label}»: значение не может быть меньше ${fmt(min)}`;
      if (max !== null && value > max) return `«${field.label}»: значение не может быть больше ${fmt(max)}`;
      return null;
    }
    case 'text': {
      if (typeof value !== 'string') return `«${field.label}»: введите текст`;
      const len = value.trim().length;
      if (field.min != null && len < field.min) return `«${field.label}»: не короче ${field.min} символов`;
      if (len > (field.max ?? 5000)) return `«${field.label}»: не длиннее ${field.max ?? 5000} символов`;
      return null;
    }
    case 'choice':
      if (typeof value !== 'string' || !(field.options ?? []).includes(value)) return `«${field.label}»: выберите значение из списка`;
      return null;
    case 'file': {
      const f = value as Partial<FileValue>;
      if (typeof f !== 'object' || typeof f.fileId !== 'string' || typeof f.name !== 'string') return `«${field.label}»: приложите файл`;
      return null;
    }
  }
}

/** Every problem of a form's values: unknown keys, wrong values, and (on submit) empty required
 *  fields. Field names are `<prefix><key>` so the UI can put each message under its input. */
export function checkFormValues(fields: DataFormField[], values: FormValues, forSubmit: boolean, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) if (!known.has(key)) issues.push({ field: `${prefix}${key}`, message: `Поля «${key}» нет в форме` });
  for (const f of fields) {
    const message = checkFieldValue(f, values[f.key], forSubmit);
    if (message) issues.push({ field: `${prefix}${f.key}`, message });
  }
  return issues;
}

/** Problems of a form's design: keys unique and well-formed, a choice has options, min ≤ max. */
export function checkFormFields(fields: DataFormField[], prefix = 'fields'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (!/^[a-z][a-z0-9_]{0,49}$/.test(f.key)) issues.push({ field: `${prefix}.${i}.key`, message: 'Код поля — латинские строчные буквы, цифры и «_», начиная с буквы' });
    else if (seen.has(f.key)) issues.push({ field: `${prefix}.${i}.key`, message: `Код поля «${f.key}» повторяется` });
    seen.add(f.key);
    if (f.type === 'choice' && (f.options ?? []).filter((o) => o.trim()).length < 2) issues.push({ field: `${prefix}.${i}.options`, message: 'Для выбора из списка укажите не менее двух вариантов' });
    if (f.min != null && f.max != null && f.min > f.max) issues.push({ field: `${prefix}.${i}.max`, message: 'Максимум не может быть меньше минимума' });
    if (f.prefill && !['number', 'percent'].includes(f.type)) issues.push({ field: `${prefix}.${i}.prefill`, message: 'Из системы заполняются только числовые поля' });
  });
  return issues;
}
