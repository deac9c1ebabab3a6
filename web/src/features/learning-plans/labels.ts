// Russian names and colours of learning plan codes.
import type { AttentionReason, Effect, ItemForm, ItemKind, ItemStatus, PlanAction, PlanStatus } from './types';

export const planStatusLabels: Record<PlanStatus, string> = { draft: 'Черновик', agreed: 'Согласован', in_progress: 'Выполняется', completed: 'Завершён' };
export const planStatusColors: Record<PlanStatus, string> = { draft: 'default', agreed: 'blue', in_progress: 'processing', completed: 'green' };

export const formLabels: Record<ItemForm, string> = { formal: 'Формальное', non_formal: 'Неформальное', informal: 'Информальное' };
export const kindLabels: Record<ItemKind, string> = {
  course: 'Курсы ДПО',
  internship: 'Стажировка',
  master_class: 'Мастер-класс',
  mentoring: 'Наставничество',
  association: 'Методическое объединение',
  self_education: 'Самообразование',
  event: 'Мероприятие',
};
export const itemStatusLabels: Record<ItemStatus, string> = { planned: 'Запланировано', submitted: 'Отчёт на проверке', accepted: 'Принято', returned: 'Возвращено на доработку' };
export const itemStatusColors: Record<ItemStatus, string> = { planned: 'default', submitted: 'gold', accepted: 'green', returned: 'red' };

export const effectLabels: Record<Effect, string> = { closed: 'Закрыт', open: 'Не закрыт', not_remeasured: 'Повторной диагностики не было' };
export const effectColors: Record<Effect, string> = { closed: 'green', open: 'red', not_remeasured: 'default' };

export const actionLabels: Record<PlanAction, string> = { agree: 'Согласовать', start: 'Начать выполнение', complete: 'Завершить ИОМ', reopen: 'Вернуть в работу' };

export const attentionLabels: Record<AttentionReason, string> = {
  no_diagnostic: 'Не проходил диагностику',
  no_plan: 'Есть дефициты, нет ИОМ',
  awaiting_agreement: 'Черновик ждёт вашего согласования',
  reports_to_review: 'Отчёты на проверке',
  overdue_items: 'Просрочены мероприятия',
  no_progress: 'ИОМ без движения 30 дней',
};
export const attentionColors: Record<AttentionReason, string> = {
  no_diagnostic: 'default',
  no_plan: 'orange',
  awaiting_agreement: 'blue',
  reports_to_review: 'gold',
  overdue_items: 'red',
  no_progress: 'purple',
};

export const formOptions = (Object.keys(formLabels) as ItemForm[]).map((value) => ({ value, label: formLabels[value] }));
export const kindOptions = (Object.keys(kindLabels) as ItemKind[]).map((value) => ({ value, label: kindLabels[value] }));

/** «МТ.01 «Проектирование учебного занятия»». */
export const competencyTitle = (c: { code: string; name: string }) => `${c.code} «${c.name}»`;

/** «45 % при пороге 60 %». */
export const scoreText = (score: number, threshold: number) => `${formatPercent(score)} при пороге ${threshold} %`;
export const formatPercent = (n: number) => `${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(n)} %`;
