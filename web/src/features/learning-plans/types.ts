// The wire shapes of learning plans and cabinets, taken from the server's response schemas.
export type {
  LearningPlanDto as LearningPlan,
  LearningPlanDraftDto as LearningPlanDraft,
  LearningPlanItemDto as LearningPlanItem,
  LearningPlanListItemDto as LearningPlanListItem,
} from '../../../../server/modules/learning-plans/learning-plans.api';
export type { TutorCabinetDto as TutorCabinet } from '../../../../server/modules/coverage/coverage.api';
export type { StaffAssessmentsDto as StaffAssessments } from '../../../../server/modules/assessments/assessments.api';
import type { LearningPlanDto, LearningPlanDraftDto } from '../../../../server/modules/learning-plans/learning-plans.api';
import type { TutorCabinetDto } from '../../../../server/modules/coverage/coverage.api';

export type PlanStatus = LearningPlanDto['status'];
export type PlanAction = LearningPlanDto['actions'][number];
export type ItemForm = LearningPlanDto['items'][number]['form'];
export type ItemKind = LearningPlanDto['items'][number]['kind'];
export type ItemStatus = LearningPlanDto['items'][number]['status'];
export type Effect = LearningPlanDto['deficits'][number]['effect'];
export type Suggestion = LearningPlanDraftDto['suggestions'][number];
export type AttentionReason = TutorCabinetDto['people'][number]['attention'][number];

/** One item as the plan editor sends it (POST /api/learning-plans, PATCH …). */
export interface ItemInput {
  form: ItemForm;
  kind: ItemKind;
  title: string;
  competencyIds?: string[];
  explanation?: string | null;
  programId?: string | null;
  cohortId?: string | null;
  organizationId?: string | null;
  mentorStaffId?: string | null;
  deadline?: string | null;
  expectedResult: string;
}
