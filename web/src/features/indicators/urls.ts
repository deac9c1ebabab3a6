// Addresses of the dashboard's views and of the recommendation form it leads to.
import { queryString } from '../../app/api';
import type { NodeRef } from './records';

const thisYear = new Date().getFullYear();

/** The address of a dashboard view. */
export function dashboardUrl(q: { territoryId?: string; organizationId?: string; period?: number; indicator?: string }): string {
  return `/indicators${queryString({ territoryId: q.territoryId, organizationId: q.organizationId, period: q.period === thisYear ? undefined : q.period, indicator: q.indicator })}`;
}

/** Where «Выдать рекомендацию» leads: the prefilled form of the monitoring module. */
export function recommendationUrl(node: NodeRef, indicatorCode: string, period: number): string {
  const addressee = node.kind === 'organization' ? { organizationId: node.id } : { territoryId: node.id };
  return `/recommendations/new${queryString({ ...addressee, indicatorCode, period })}`;
}

