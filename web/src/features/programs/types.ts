export type {
  ProgramListItemDto as ProgramListItem,
  ProgramDto as Program,
  CohortDto as Cohort,
  EnrollmentDto as Enrollment,
} from '../../../../server/modules/programs/programs.api';
import type { EnrollmentDto, ProgramDto } from '../../../../server/modules/programs/programs.api';

export type EnrollmentStatus = EnrollmentDto['status'];
export type EnrollmentAction = EnrollmentDto['actions'][number];
export type ProgramKind = ProgramDto['kind'];
export type ProgramFormat = ProgramDto['format'];
