/**
 * Charts of the report as pictures for DOCX (ADR 0027): ECharts renders the chart on the server
 * to SVG (no browser, no canvas), resvg rasterizes it to PNG with the DejaVu font shipped by the
 * npm package `dejavu-fonts-ttf`, so Cyrillic labels look the same on every machine. The PDF
 * draws the same chart with vector primitives instead (report-pdf.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { ChartBar } from '../../../common/report-layout.js';

const require = createRequire(import.meta.url);
/** The TTF files of DejaVu, from the npm package. */
export const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const fontFile = (name: 'DejaVuSans' | 'DejaVuSans-Bold' | 'DejaVuSansCondensed' | 'DejaVuSansCondensed-Bold') => path.join(fontDir, `${name}.ttf`);

export const chartColors = { value: '#1677ff', below: '#fa8c16', target: '#cf1322' } as const;

/** The chart's height for its bars: horizontal bars, one row per child. */
export const chartHeight = (bars: number) => 70 + Math.max(bars, 3) * 22;

/** Horizontal bars of the value per child (orange under the target), the target as a red mark. */
export function chartSvg(bars: ChartBar[], unit: string, width = 1000): string {
  const height = chartHeight(bars.length);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const names = bars.map((b) => b.name);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'DejaVu Sans', fontSize: 12 },
      grid: { left: 8, right: 48, top: 34, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['Значение', 'Целевое значение'], textStyle: { fontFamily: 'DejaVu Sans' } },
      xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit === '%' ? ' %' : ''}` } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 340, overflow: 'truncate' } },
      series: [
        {
          name: 'Значение',
          type: 'bar',
          barMaxWidth: 16,
          data: bars.map((b) => ({ value: b.value ?? 0, itemStyle: { color: b.target !== null && b.value !== null && b.value < b.target ? chartColors.below : chartColors.value } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => (bars[p.dataIndex].value === null ? '—' : String(bars[p.dataIndex].value).replace('.', ',')) },
          itemStyle: { color: chartColors.value },
        },
        {
          name: 'Целевое значение',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [3, 18],
          itemStyle: { color: chartColors.target },
          data: bars.flatMap((b) => (b.target === null ? [] : [[b.target, b.name]])),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG at twice the size, for print. */
export function chartPng(bars: ChartBar[], unit: string, width = 1000): { png: Buffer; width: number; height: number } {
  const svg = chartSvg(bars, unit, width);
  const r = new Resvg(svg, {
    font: { fontFiles: [fontFile('DejaVuSans'), fontFile('DejaVuSans-Bold')], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: width * 2 },
    background: '#ffffff',
  });
  return { png: Buffer.from(r.render().asPng()), width, height: chartHeight(bars.length) };
}
