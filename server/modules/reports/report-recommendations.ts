import type { Db } from '../../db/client.js';
import { listRecommendationsForReport } from '../recommendations/recommendations.service.js';
import { recommendationStatuses } from '../../../common/monitoring.js';
import type { ReportLevel } from './report-level.js';
import type { ReportPeriod } from './report-period.js';

/**
 * Section 8 of the annual report: the targeted recommendations of the year (ADR 0026) issued
 * within the level or addressed to it, with the addressee's response and the follow-up status.
 * An organization's report keeps those addressed to it.
 */
export type RecommendationSection = {
  total: number;
  open: number;
  overdue: number;
  items: (Awaited<ReturnType<typeof listRecommendationsForReport>>[number] & { statusName: string })[];
};

export async function recommendationSection(db: Db, level: ReportLevel, p: ReportPeriod): Promise<RecommendationSection> {
  const all = await listRecommendationsForReport(db, { territoryId: level.territoryId, period: p.year });
  const items = (level.kind === 'organization' ? all.filter((r) => r.addresseeName === level.name) : all).map((r) => ({
    ...r,
    statusName: (recommendationStatuses as Record<string, string>)[r.status] ?? r.status,
  }));
  return { total: items.length, open: items.filter((r) => r.status !== 'accepted' && r.status !== 'closed').length, overdue: items.filter((r) => r.overdue).length, items };
}
