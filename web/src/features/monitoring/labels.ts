// Colours and labels of monitoring states: the same on every page (ADR 0026).
import { campaignStatuses, completenessStatuses, submissionStatuses, type CampaignStatus, type CompletenessStatus, type SubmissionStatus } from '../../../../common/monitoring';

/** On time — green, late — orange, missing — red, pending — grey. */
export const completenessColors: Record<CompletenessStatus, string> = { on_time: 'success', late: 'warning', missing: 'error', pending: 'default' };
export const completenessLabel = (s: CompletenessStatus) => completenessStatuses[s];

export const submissionColors: Record<SubmissionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved_municipal: 'cyan',
  approved_regional: 'success',
  returned: 'error',
};
export const submissionLabel = (s: SubmissionStatus) => submissionStatuses[s];

export const campaignColors: Record<CampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };
export const campaignLabel = (s: CampaignStatus) => campaignStatuses[s];
