import { z } from 'zod';
import { qualificationCategoryCodes } from './dictionaries.js';
import { isValidSnils } from './snils.js';

// The rules for a person's fields, shared by the API, the XLSX import and the web forms.

const personName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Обязательное поле')
    .max(max)
    .regex(/^[А-Яа-яЁёA-Za-z][А-Яа-яЁёA-Za-z\s'’-]*$/, 'Допустимы буквы, пробел, дефис и апостроф');

export const snilsSchema = z
  .string()
  .trim()
  .regex(/^\d{3}-\d{3}-\d{3} \d{2}$/, 'СНИЛС записывается как 123-456-789 01')
  .refine(isValidSnils, 'Неверная контрольная сумма СНИЛС');

const thisYear = new Date().getFullYear();

export const isoDateSchema = z.iso.date('Дата в формате ГГГГ-ММ-ДД');

export const personFields = {
  surname: personName(100),
  name: personName(100),
  patronymic: personName(100).nullish(),
  birthDate: isoDateSchema.refine((d) => d >= '1920-01-01' && d <= `${thisYear - 16}-12-31`, 'Дата рождения вне допустимого диапазона').nullish(),
  sex: z.enum(['male', 'female']).nullish(),
  email: z.email('Неверный адрес электронной почты').max(200).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s()-]{7,20}$/, 'Неверный номер телефона')
    .nullish(),
  snils: snilsSchema.nullish(),
  professionStartYear: z.number().int().min(1940).max(thisYear).nullish(),
  qualificationCategory: z.enum(qualificationCategoryCodes).nullish(),
};

export const positionInputSchema = z.strictObject({
  id: z.uuid().optional(),
  organizationId: z.uuid('Выберите организацию'),
  title: z.string().trim().min(2, 'Укажите должность').max(300),
  staffCategory: z.enum(['pedagogical', 'managerial']),
  subjects: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  startDate: isoDateSchema.nullish(),
  endDate: isoDateSchema.nullish(),
  educationMatchesSubject: z.boolean().nullish(),
});

export const staffCreateSchema = z.strictObject({ ...personFields, positions: z.array(positionInputSchema).min(1).max(10) });
export type StaffCreateInput = z.infer<typeof staffCreateSchema>;
