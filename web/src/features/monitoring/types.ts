// Shapes of the monitoring API (server/modules/monitoring/monitoring.api.ts), as the UI reads them.
export type {
  CampaignSummaryDto as CampaignSummary,
  CampaignDto as Campaign,
  DataFormDto as DataForm,
  AssignmentDto as Assignment,
  CompletenessDto as Completeness,
  SubmissionDto as Submission,
  MyAssignmentDto as MyAssignment,
} from '../../../../server/modules/monitoring/monitoring.api';
