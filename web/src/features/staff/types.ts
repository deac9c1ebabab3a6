import type { QualificationCategory, Sex, StaffCategory } from '../../../../common/dictionaries';

export interface Position {
  id: string;
  organizationId: string;
  organizationName: string;
  territoryId: string;
  title: string;
  staffCategory: StaffCategory;
  subjects: string[];
  startDate: string | null;
  endDate: string | null;
  educationMatchesSubject: boolean | null;
}

export interface StaffListItem {
  id: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  sex: Sex | null;
  professionStartYear: number | null;
  qualificationCategory: QualificationCategory | null;
  age: number | null;
  yearsInProfession: number | null;
  youngSpecialist: boolean;
  positions: Position[];
  archived: boolean;
  version: number;
}

export interface StaffDetail extends StaffListItem {
  email: string | null;
  phone: string | null;
  snils: string | null;
  updatedAt: string;
}

export interface PositionInput {
  id?: string;
  organizationId: string;
  title: string;
  staffCategory: StaffCategory;
  subjects?: string[];
  startDate?: string | null;
  endDate?: string | null;
  educationMatchesSubject?: boolean | null;
}

/** What the create and edit forms send (the edit adds `version`). */
export interface StaffInput {
  surname: string;
  name: string;
  patronymic?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
  email?: string | null;
  phone?: string | null;
  snils?: string | null;
  professionStartYear?: number | null;
  qualificationCategory?: QualificationCategory | null;
  positions: PositionInput[];
}
