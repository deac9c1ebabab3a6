// Code values and Russian labels of the events calendar, contests and professional communities
// (ADR 0017): shared by the server (validation) and the UI (display).

const codes = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** The level of an event, an annual calendar, a community: who organizes it. */
export const eventLevels = { regional: 'Региональный', municipal: 'Муниципальный', organization: 'Организации' } as const;
export type EventLevel = keyof typeof eventLevels;
export const eventLevelCodes = codes(eventLevels);

export const eventKinds = {
  meeting: 'Совещание',
  seminar: 'Семинар',
  conference: 'Конференция',
  pedagogical_readings: 'Педагогические чтения',
  webinar: 'Вебинар',
  master_class: 'Мастер-класс',
  internship: 'Стажировка',
  burnout_prevention: 'Профилактика профессионального выгорания',
  skills_competition: 'Конкурс профессионального мастерства',
  other: 'Иное',
} as const;
export type EventKind = keyof typeof eventKinds;
export const eventKindCodes = codes(eventKinds);

export const eventFormats = { in_person: 'Очно', online: 'Дистанционно', mixed: 'Смешанный' } as const;
export type EventFormat = keyof typeof eventFormats;
export const eventFormatCodes = codes(eventFormats);

export const registrationStatuses = { registered: 'Зарегистрирован', waitlisted: 'Лист ожидания', cancelled: 'Отменена' } as const;
export type RegistrationStatus = keyof typeof registrationStatuses;
export const registrationStatusCodes = codes(registrationStatuses);

/** The annual calendar of a level: formed, sent for approval, approved (or returned). */
export const calendarStatuses = { draft: 'Формируется', submitted: 'На утверждении', approved: 'Утверждён' } as const;
export type CalendarStatus = keyof typeof calendarStatuses;
export const calendarStatusCodes = codes(calendarStatuses);

/** Contest stages, in the order winners move through them. */
export const contestStageLevels = { organization: 'Этап организации', municipal: 'Муниципальный этап', regional: 'Региональный этап', federal: 'Федеральный этап' } as const;
export type ContestStageLevel = keyof typeof contestStageLevels;
export const contestStageLevelCodes = codes(contestStageLevels);

export const contestResults = { participant: 'Участник', prize_winner: 'Призёр', winner: 'Победитель' } as const;
export type ContestResult = keyof typeof contestResults;
export const contestResultCodes = codes(contestResults);

export const communityKinds = {
  methodological_association: 'Методическое объединение',
  networking_platform: 'Нетворкинг-площадка',
  professional_association: 'Профессиональная ассоциация',
  network_community: 'Сетевое сообщество',
} as const;
export type CommunityKind = keyof typeof communityKinds;
export const communityKindCodes = codes(communityKinds);

/** The focus of a methodological association. */
export const communityFocuses = { subject: 'Предметное', inter_subject: 'Межпредметное', meta_subject: 'Метапредметное' } as const;
export type CommunityFocus = keyof typeof communityFocuses;
export const communityFocusCodes = codes(communityFocuses);

export const communityMemberRoles = { leader: 'Руководитель', deputy: 'Заместитель руководителя', member: 'Участник' } as const;
export type CommunityMemberRole = keyof typeof communityMemberRoles;
export const communityMemberRoleCodes = codes(communityMemberRoles);
