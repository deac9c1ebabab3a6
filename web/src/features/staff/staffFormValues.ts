// Between the API's shape of a person and the form's (dates as dayjs, empty as undefined).
import dayjs, { type Dayjs } from 'dayjs';
import type { QualificationCategory, Sex, StaffCategory } from '../../../../common/dictionaries';
import type { StaffDetail, StaffInput } from './types';

export interface PositionValues {
  id?: string;
  organizationId?: string;
  title?: string;
  staffCategory?: StaffCategory;
  subjects?: string[];
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  educationMatchesSubject?: boolean | null;
}

export interface StaffFormValues {
  surname: string;
  name: string;
  patronymic?: string;
  birthDate?: Dayjs | null;
  sex?: Sex | null;
  snils?: string;
  email?: string;
  phone?: string;
  professionStartYear?: number | null;
  qualificationCategory?: QualificationCategory | null;
  positions: PositionValues[];
}

const isoDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const date = (iso: string | null) => (iso ? dayjs(iso) : null);

export const emptyPosition = (organizationId?: string): PositionValues => ({ organizationId, staffCategory: 'pedagogical', subjects: [] });

export function formValuesOf(s: StaffDetail): StaffFormValues {
  return {
    surname: s.surname,
    name: s.name,
    patronymic: s.patronymic ?? undefined,
    birthDate: date(s.birthDate),
    sex: s.sex,
    snils: s.snils ?? undefined,
    email: s.email ?? undefined,
    phone: s.phone ?? undefined,
    professionStartYear: s.professionStartYear,
    qualificationCategory: s.qualificationCategory,
    positions: s.positions.map((p) => ({
      id: p.id,
      organizationId: p.organizationId,
      title: p.title,
      staffCategory: p.staffCategory,
      subjects: p.subjects,
      startDate: date(p.startDate),
      endDate: date(p.endDate),
      educationMatchesSubject: p.educationMatchesSubject,
    })),
  };
}

export function inputOf(v: StaffFormValues): StaffInput {
  return {
    surname: v.surname.trim(),
    name: v.name.trim(),
    patronymic: text(v.patronymic),
    birthDate: isoDate(v.birthDate),
    sex: v.sex ?? null,
    snils: text(v.snils),
    email: text(v.email),
    phone: text(v.phone),
    professionStartYear: v.professionStartYear ?? null,
    qualificationCategory: v.qualificationCategory ?? null,
    positions: v.positions.map((p) => ({
      // the id keeps an existing position (and its history) instead of replacing it
      ...(p.id ? { id: p.id } : {}),
      organizationId: p.organizationId ?? '',
      title: (p.title ?? '').trim(),
      staffCategory: p.staffCategory ?? 'pedagogical',
      subjects: p.subjects ?? [],
      startDate: isoDate(p.startDate),
      endDate: isoDate(p.endDate),
      educationMatchesSubject: p.educationMatchesSubject ?? null,
    })),
  };
}

/** «12345678901» or «123 456 789 01» → «123-456-789 01» while typing. */
export function formatSnilsInput(value: string | undefined): string {
  const d = (value ?? '').replace(/\D/g, '').slice(0, 11);
  if (d.length <= 3) return d;
  if (d.length <= 6) return `${d.slice(0, 3)}-${d.slice(3)}`;
  if (d.length <= 9) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}
