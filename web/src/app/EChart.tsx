// One ECharts chart: only the parts the product draws are bundled (line, bar, the target line),
// rendered as SVG and resized with its box. For screen readers it is one image with a caption; a
// chart is never the only way to a figure: the page shows the same numbers in a table beside it.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

interface Props {
  option: ChartOption;
  height: number;
  /** What the chart shows, for those who do not see it. */
  label: string;
  /** A click on a bar or a point, by its data index. */
  onSelect?: (dataIndex: number) => void;
}

export function EChart({ option, height, label, onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (p) => select.current?.(p.dataIndex));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // the page's own font, named: ECharts measures labels with it to fit them in the grid
    const fontFamily = box.current ? getComputedStyle(box.current).fontFamily : undefined;
    chart.current?.setOption({ textStyle: { fontFamily }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: onSelect ? 'pointer' : undefined }} />;
}
