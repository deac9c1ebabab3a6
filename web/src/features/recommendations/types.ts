// Shapes of the recommendations API (server/modules/recommendations/recommendations.api.ts).
export type { RecommendationDto as Recommendation, RecommendationIssueDto as RecommendationIssue } from '../../../../server/modules/recommendations/recommendations.api';
