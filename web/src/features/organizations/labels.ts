// Russian labels of organization fields and flags, for cards, tables and forms alike.
import { organizationFunctions, organizationKinds, type OrganizationFunction, type OrganizationKind } from '../../../../common/dictionaries';
import type { Organization } from './types';

export const kindLabel = (kind: OrganizationKind) => organizationKinds[kind] ?? kind;
export const functionLabel = (f: OrganizationFunction) => organizationFunctions[f] ?? f;

export const kindOptions = Object.entries(organizationKinds).map(([value, label]) => ({ value, label }));
export const functionOptions = Object.entries(organizationFunctions).map(([value, label]) => ({ value, label }));

export const flags = [
  { key: 'lowResultsSchool', label: 'ШНОР', title: 'Школа с низкими образовательными результатами', color: 'orange' },
  { key: 'innovationSite', label: 'Инновационная площадка', title: 'Инновационная площадка', color: 'blue' },
  { key: 'internshipSite', label: 'Стажировочная площадка', title: 'Стажировочная площадка', color: 'purple' },
] as const satisfies readonly { key: keyof Organization; label: string; title: string; color: string }[];
