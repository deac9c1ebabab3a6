// Russian names of programme and enrollment codes.
import { programKindNames } from '../../../../common/dictionaries';
import type { EnrollmentAction, EnrollmentStatus, ProgramFormat, ProgramKind } from './types';

export const programKindLabels: Record<ProgramKind, string> = programKindNames;
export const programFormatLabels: Record<ProgramFormat, string> = { in_person: 'Очная', distance: 'Дистанционная', blended: 'Смешанная' };
export const enrollmentStatusLabels: Record<EnrollmentStatus, string> = {
  requested: 'Заявка подана',
  waitlisted: 'Лист ожидания',
  approved: 'Согласовано',
  enrolled: 'Зачислен',
  completed: 'Обучение завершено',
  dropped: 'Отчислен / заявка отозвана',
  rejected: 'Отклонено',
};
export const enrollmentStatusColors: Record<EnrollmentStatus, string> = {
  requested: 'gold',
  waitlisted: 'orange',
  approved: 'blue',
  enrolled: 'processing',
  completed: 'green',
  dropped: 'default',
  rejected: 'red',
};
export const enrollmentActionLabels: Record<EnrollmentAction, string> = { approve: 'Согласовать', reject: 'Отклонить', enroll: 'Зачислить', complete: 'Завершить обучение', drop: 'Отчислить / отозвать' };

export const programKindOptions = (Object.keys(programKindLabels) as ProgramKind[]).map((value) => ({ value, label: programKindLabels[value] }));
export const programFormatOptions = (Object.keys(programFormatLabels) as ProgramFormat[]).map((value) => ({ value, label: programFormatLabels[value] }));
export const enrollmentStatusOptions = (Object.keys(enrollmentStatusLabels) as EnrollmentStatus[]).map((value) => ({ value, label: enrollmentStatusLabels[value] }));
