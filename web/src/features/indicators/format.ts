// How an indicator's figures read: «12,5 %», «1 204», and its state against the target.
import type { IndicatorDefinition, IndicatorStatus, IndicatorValue, NodeKind } from './types';

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
  met: { label: 'Цель достигнута', tag: 'success', color: '#389e0d' },
  below: { label: 'Ниже цели', tag: 'error', color: '#cf1322' },
  no_target: { label: 'Цель не задана', tag: 'default', color: '#1677ff' },
  no_data: { label: 'Нет данных', tag: 'default', color: '#bfbfbf' },
};

/** «на 3,4 п. п. ниже цели» / «цель 10 %»: the distance a reader asks for first. */
export function gapText(v: IndicatorValue, unit: string): string | null {
  if (v.value == null || v.target == null) return null;
  const diff = v.value - v.target;
  const points = unit === 'percent' ? `${shareFormat.format(Math.abs(diff))}\u00a0п.\u00a0п.` : shareFormat.format(Math.abs(diff));
  if (diff === 0) return 'ровно на цели';
  return diff > 0 ? `на ${points} выше цели` : `на ${points} ниже цели`;
}

export const childKindTitles: Record<NodeKind, { one: string; many: string; forms: readonly [string, string, string] }> = {
  region: { one: 'Регион', many: 'Регионы', forms: ['регион', 'региона', 'регионов'] },
  municipality: { one: 'Муниципалитет', many: 'Муниципалитеты', forms: ['муниципалитет', 'муниципалитета', 'муниципалитетов'] },
  organization: { one: 'Организация', many: 'Организации', forms: ['организация', 'организации', 'организаций'] },
};

/** Years a reader picks from: this one and four before it. */
export function periodOptions(now = new Date().getFullYear()) {
  return [0, 1, 2, 3, 4].map((d) => ({ value: now - d, label: `${now - d} год` }));
}
