// Russian labels of organization fields and flags, for cards, tables and forms alike.
import { organizationFunctions, organizationKinds, type OrganizationFunction, type OrganizationKind } from '../../../../common/dictionaries';
import type { Organization } from './types';

export const kindLabel = (kind: OrganizationKind) => organizationKinds[kind] ?? kind;
export const functionLabel = (f: OrganizationFunction) => organizationFunctions[f] ?? f;

export const kindOptions = Object.entries(organizationKinds).map(([value, label]) => ({ value, label }));
export const functionOptions = Object.entries(organizationFunctions).map(([value, label]) => ({ value, label }));

/** `short` fits a table cell; `title` is the full wording for cards, forms and tooltips. */
export const flags = [
  { key: 'lowResultsSchool', short: 'ШНОР', title: 'Школа с низкими образовательными результатами', color: 'orange' },
  { key: 'innovationSite', short: 'Инновационная', title: 'Инновационная площадка', color: 'blue' },
  { key: 'internshipSite', short: 'Стажировочная', title: 'Стажировочная площадка', color: 'purple' },
] as const satisfies readonly { key: keyof Organization; short: string; title: string; color: string }[];
