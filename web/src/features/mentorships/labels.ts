// Russian names of the mentoring codes.
import type { Mentorship, MentoringProgramme, TeamMentorship } from './types';
import { mentorshipFormNames } from '../../../../common/dictionaries';

export const formNames: Record<Mentorship['form'], string> = mentorshipFormNames;

export const statusNames: Record<Mentorship['status'], string> = {
  suggested: 'Предложена',
  confirmed: 'Подтверждена',
  active: 'Действует',
  completed: 'Завершена',
  cancelled: 'Отменена',
};

export const statusColors: Record<Mentorship['status'], string> = {
  suggested: 'gold',
  confirmed: 'blue',
  active: 'green',
  completed: 'default',
  cancelled: 'red',
};

export const actionNames: Record<Mentorship['actions'][number], string> = {
  confirm: 'Подтвердить',
  start: 'Начать',
  complete: 'Завершить',
  cancel: 'Отменить',
};

export const documentKindNames: Record<MentoringProgramme['documents'][number]['kind'], string> = {
  regulation: 'Положение',
  programme: 'Программа',
  roadmap: 'Дорожная карта',
  order: 'Приказ',
  other: 'Иной документ',
};

export const teamStatusNames: Record<TeamMentorship['status'], string> = { active: 'Действует', completed: 'Завершено' };

export const supportNames = { mentor: 'Наставник', learning_plan: 'ИОМ', tutor: 'Тьютор' } as const;
