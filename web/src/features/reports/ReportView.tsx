// A report's sections on the page, from the same blocks the DOCX and the PDF print
// (common/report-layout.ts): facts, tables with totals, bar charts of value against target.
import { useEffect, useRef } from 'react';
import { Card, Descriptions, Flex, Table, Typography } from 'antd';
import * as echarts from 'echarts';
import { num, type ChartBar, type ReportBlock, type ReportDocument } from '../../../../common/report-layout';

function ReportChart({ bars, unit }: { bars: ChartBar[]; unit: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 48, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['Значение', 'Целевое значение'] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit === '%' ? ' %' : ''}` } },
      yAxis: { type: 'category', data: bars.map((b) => b.name), inverse: true, axisLabel: { width: 240, overflow: 'truncate' } },
      series: [
        {
          name: 'Значение',
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => num(typeof p.value === 'number' ? p.value : null) },
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.target !== null && b.value !== null && b.value < b.target ? '#fa8c16' : '#1677ff' } })),
        },
        { name: 'Целевое значение', type: 'scatter', symbol: 'rect', symbolSize: [3, 18], itemStyle: { color: '#cf1322' }, data: bars.flatMap((b) => (b.target === null ? [] : [[b.target, b.name]])) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, unit]);
  return <div ref={ref} role="img" aria-label="Диаграмма: значение показателя и целевое значение по составу" style={{ width: '100%', height: 70 + Math.max(bars.length, 3) * 26 }} />;
}

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'paragraph':
      return <Typography.Paragraph style={{ marginBottom: 0 }}>{block.text}</Typography.Paragraph>;
    case 'note':
      return <Typography.Text type="secondary">{block.text}</Typography.Text>;
    case 'subheading':
      return <Typography.Title level={5}>{block.text}</Typography.Title>;
    case 'facts':
      return (
        <Descriptions bordered size="small" column={1} styles={{ label: { width: '60%' } }} items={block.items.map((i, k) => ({ key: k, label: i.label, children: i.value }))} />
      );
    case 'table': {
      const rows = block.rows.map((r, k) => ({ key: k, cells: r }));
      return (
        <div>
          {block.caption && <Typography.Title level={5}>{block.caption}</Typography.Title>}
          <Table
            size="small"
            bordered
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 720 }}
            dataSource={rows}
            columns={block.columns.map((c, i) => ({ key: i, title: c.title, align: c.align, width: `${c.weight}%`, render: (_: unknown, r: { cells: string[] }) => r.cells[i] }))}
            summary={
              block.totals
                ? () => (
                    <Table.Summary.Row>
                      {block.totals!.map((t, i) => (
                        <Table.Summary.Cell key={i} index={i} align={block.columns[i].align}>
                          <Typography.Text strong>{t}</Typography.Text>
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  )
                : undefined
            }
          />
        </div>
      );
    }
    case 'chart':
      return (
        <div>
          <Typography.Title level={5}>{block.title}</Typography.Title>
          <ReportChart bars={block.bars} unit={block.unit} />
        </div>
      );
  }
}

export function ReportView({ doc }: { doc: ReportDocument }) {
  return (
    <Flex vertical gap={16}>
      <div>
        {doc.title.map((line, i) => (
          <Typography.Title key={i} level={i === 0 ? 3 : 5} style={{ margin: 0, textAlign: 'center' }}>
            {line}
          </Typography.Title>
        ))}
        {doc.meta.map((line) => (
          <Typography.Paragraph key={line} type="secondary" style={{ margin: 0, textAlign: 'center' }}>
            {line}
          </Typography.Paragraph>
        ))}
      </div>
      {doc.sections.map((s) => (
        <Card key={s.key} title={s.title} id={`section-${s.key}`}>
          <Flex vertical gap={16}>
            {s.blocks.map((b, i) => (
              <Block key={i} block={b} />
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
