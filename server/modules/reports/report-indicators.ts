import type { Db } from '../../db/client.js';
import { computeIndicatorValues, type IndicatorValue } from '../indicators/indicators.service.js';
import { indicatorStatuses, indicatorUnits } from '../../../common/indicators.js';
import type { ReportLevel } from './report-level.js';
import type { ReportPeriod } from './report-period.js';

/**
 * Section 2 of the annual report: each indicator in force for the year against its target, for
 * the level itself and for each of its children (municipalities of a region, organizations of a
 * municipality). Computed by the indicators module (ADR 0024) — the same figures as the dashboard.
 */
export interface IndicatorRow {
  code: string;
  number: string | null;
  name: string;
  unit: string;
  unitName: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: IndicatorValue['status'];
  statusName: string;
}
export interface IndicatorSection {
  childKind: 'region' | 'municipality' | 'organization';
  items: IndicatorRow[];
  children: { id: string; name: string; values: Record<string, Pick<IndicatorValue, 'value' | 'target' | 'status'>> }[];
}

export async function indicatorSection(db: Db, level: ReportLevel, p: ReportPeriod): Promise<IndicatorSection> {
  const v =
    level.kind === 'organization'
      ? await computeIndicatorValues(db, { territoryId: null, organizationIds: [level.id], period: p.year })
      : await computeIndicatorValues(db, { territoryId: level.id, period: p.year });
  const items = v.indicators.map((d) => {
    const x = v.total.values[d.code];
    return {
      code: d.code,
      number: d.number,
      name: d.name,
      unit: d.unit,
      unitName: (indicatorUnits as Record<string, string>)[d.unit] ?? d.unit,
      numerator: x?.numerator ?? 0,
      denominator: x?.denominator ?? null,
      value: x?.value ?? null,
      target: x?.target ?? null,
      status: x?.status ?? 'no_data',
      statusName: indicatorStatuses[x?.status ?? 'no_data'],
    };
  });
  const children =
    level.kind === 'organization'
      ? []
      : v.children.map((c) => ({
          id: c.id,
          name: c.name,
          values: Object.fromEntries(Object.entries(c.values).map(([code, x]) => [code, { value: x.value, target: x.target, status: x.status }])),
        }));
  return { childKind: v.childKind, items, children };
}
