import { qualificationCategories, sexes, staffCategories, subjects } from '../../../../common/dictionaries';

export const optionsOf = (dict: Record<string, string>) => Object.entries(dict).map(([value, label]) => ({ value, label }));

export const categoryOptions = optionsOf(staffCategories);
export const qualificationOptions = optionsOf(qualificationCategories);
export const sexOptions = optionsOf(sexes);
export const subjectOptions = subjects.map((s) => ({ value: s, label: s }));

export const yesNoOptions = [
  { value: true, label: 'да' },
  { value: false, label: 'нет' },
];
