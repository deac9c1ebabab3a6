// How an indicator's figures read: «12,5 %», «1 204», and its state against the target.
import { indicatorStatuses } from '../../../../common/indicators';
import type { IndicatorDefinition, IndicatorStatus, IndicatorValue, IndicatorValues } from './types';

const shareFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/** «12,5 %» for a share (a non-breaking space before the sign), «1 204» for a count. */
export function formatIndicator(value: number | null | undefined, unit: string): string {
  if (value == null) return '—';
  return unit === 'percent' ? `${shareFormat.format(value)}\u00a0%` : shareFormat.format(value);
}

export const isShare = (d: Pick<IndicatorDefinition, 'unit'>) => d.unit === 'percent';

/** «Показатель 1. Доля …» when the passport numbers it. */
export const indicatorTitle = (d: Pick<IndicatorDefinition, 'number' | 'name'>) => (d.number ? `${d.number}. ${d.name}` : d.name);

export interface StatusLook {
  label: string;
  /** antd Tag colour */
  tag: string;
  /** the same in the charts */
  color: string;
}

export const statusLook: Record<IndicatorStatus, StatusLook> = {
  met: { label: indicatorStatuses.met, tag: 'success', color: '#389e0d' },
  below: { label: indicatorStatuses.below, tag: 'error', color: '#cf1322' },
  no_target: { label: indicatorStatuses.no_target, tag: 'default', color: '#1677ff' },
  no_data: { label: indicatorStatuses.no_data, tag: 'default', color: '#8c8c8c' },
};

/** «на 3,4 п. п. ниже целевого»: the distance a reader asks for first. */
export function gapText(v: IndicatorValue, unit: string): string | null {
  if (v.value == null || v.target == null) return null;
  const diff = v.value - v.target;
  const points = unit === 'percent' ? `${shareFormat.format(Math.abs(diff))}\u00a0п.\u00a0п.` : shareFormat.format(Math.abs(diff));
  if (diff === 0) return 'равно целевому';
  return diff > 0 ? `на ${points} выше целевого` : `на ${points} ниже целевого`;
}

export const childKindTitles: Record<IndicatorValues['childKind'], { one: string; many: string; forms: readonly [string, string, string] }> = {
  region: { one: 'Регион', many: 'Регионы', forms: ['регион', 'региона', 'регионов'] },
  municipality: { one: 'Муниципалитет', many: 'Муниципалитеты', forms: ['муниципалитет', 'муниципалитета', 'муниципалитетов'] },
  organization: { one: 'Организация', many: 'Организации', forms: ['организация', 'организации', 'организаций'] },
};

/** Years a reader picks from: this one and four before it. */
export function periodOptions(now = new Date().getFullYear()) {
  return [0, 1, 2, 3, 4].map((d) => ({ value: now - d, label: `${now - d} год` }));
}
