import { recommendationStatuses, type RecommendationStatus } from '../../../../common/monitoring';

export const recommendationColors: Record<RecommendationStatus, string> = { issued: 'processing', responded: 'purple', returned: 'error', accepted: 'success', closed: 'default' };
export const recommendationLabel = (s: RecommendationStatus) => recommendationStatuses[s];
