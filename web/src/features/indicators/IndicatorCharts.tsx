// The two charts of the dashboard: an indicator over the years beside its target, and the
// children ranked by it with the target line. Both have the same numbers in a table nearby.
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../app/EChart';
import { formatIndicator, statusLook } from './format';
import type { TrendPoint } from './queries';
import type { IndicatorDefinition, NodeValues } from './types';

const axisLabel = (unit: string) => ({ formatter: (v: number) => formatIndicator(v, unit) });

export function TrendChart({ indicator, points, nodeName }: { indicator: IndicatorDefinition; points: TrendPoint[]; nodeName: string }) {
  const { unit } = indicator;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatIndicator(v as number | null, unit) },
      xAxis: { type: 'category', data: points.map((p) => `${p.period}`), boundaryGap: true },
      yAxis: { type: 'value', min: 0, max: unit === 'percent' ? 100 : undefined, axisLabel: axisLabel(unit) },
      series: [
        {
          name: 'Значение',
          type: 'line',
          data: points.map((p) => p.value),
          symbolSize: 8,
          lineStyle: { width: 3 },
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'top', formatter: (p) => formatIndicator(p.value as number | null, unit) },
          connectNulls: false,
        },
        {
          name: 'Цель',
          type: 'line',
          data: points.map((p) => p.target),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: '#fa8c16' },
          step: 'middle',
        },
      ],
    }),
    [points, unit],
  );
  const described = points.map((p) => `${p.period}: ${formatIndicator(p.value, unit)}${p.target != null ? ` (цель ${formatIndicator(p.target, unit)})` : ''}`).join('; ');
  return <EChart option={option} height={260} label={`Динамика по годам, ${nodeName}. ${described}`} />;
}

/** At most this many bars: beyond it a chart stops being read; the table has them all. */
export const RANKING_BARS = 20;

/** Children ranked, the best on top; with more than RANKING_BARS, the lowest of them (those who
 *  need attention). A click on a bar drills into that child. */
export function RankingChart({ indicator, rows, target, onSelect }: { indicator: IndicatorDefinition; rows: NodeValues[]; target: number | null; onSelect: (row: NodeValues) => void }) {
  const { unit, code } = indicator;
  // ECharts draws a category axis bottom-up: ascending order puts the best on top
  const sorted = useMemo(() => [...rows].sort((a, b) => (a.values[code]?.value ?? -1) - (b.values[code]?.value ?? -1)).slice(0, RANKING_BARS), [rows, code]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 64, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatIndicator(v as number | null, unit) },
      xAxis: { type: 'value', min: 0, max: unit === 'percent' ? 100 : undefined, axisLabel: axisLabel(unit) },
      yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 240, overflow: 'truncate' } },
      series: [
        {
          name: indicator.name,
          type: 'bar',
          barMaxWidth: 22,
          data: sorted.map((r) => {
            const v = r.values[code];
            return { value: v?.value ?? 0, itemStyle: { color: statusLook[v?.status ?? 'no_data'].color } };
          }),
          label: { show: true, position: 'right', formatter: (p) => formatIndicator(sorted[p.dataIndex].values[code]?.value ?? null, unit) },
          markLine:
            target == null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
                  label: { formatter: `цель ${formatIndicator(target, unit)}`, position: 'end', color: '#d46b08' },
                  data: [{ xAxis: target }],
                },
        },
      ],
    }),
    [sorted, unit, code, target, indicator.name],
  );
  const below = sorted.filter((r) => r.values[code]?.status === 'below').length;
  return (
    <EChart
      option={option}
      height={Math.max(160, sorted.length * 30 + 60)}
      label={`Рейтинг${rows.length > sorted.length ? `, ${sorted.length} с наименьшими значениями из ${rows.length}` : ''}: ниже цели — ${below}. Те же числа — в таблице ниже.`}
      onSelect={(i) => onSelect(sorted[i])}
    />
  );
}
