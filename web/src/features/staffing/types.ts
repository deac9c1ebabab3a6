// Shapes of the staffing API (server/modules/staffing/staffing.api.ts), as the UI reads them.
export type {
  VacancyDto as Vacancy,
  VacancySummaryDto as VacancySummary,
  SubjectMatchDto as SubjectMatch,
  RetrainingItemDto as RetrainingItem,
  StaffEducationDto as StaffEducation,
} from '../../../../server/modules/staffing/staffing.api';
