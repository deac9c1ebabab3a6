// Deficits of a person: competency, score against the procedure's threshold, which diagnostic
// measured it, and — in a plan — whether a later diagnostic closed it.
import { Table, Tag, Typography } from 'antd';
import { formatDate } from '../../app/format';
import { effectColors, effectLabels, formatPercent, scoreText } from './labels';
import type { Effect } from './types';

export interface DeficitRow {
  competencyId: string;
  code: string;
  name: string;
  score: number;
  threshold: number;
  measuredOn: string;
  assessmentTitle: string;
  effect?: Effect;
  laterScore?: { score: number; threshold: number; measuredOn: string; assessmentTitle: string } | null;
}

export function DeficitTable({ rows, empty, withEffect = false }: { rows: DeficitRow[]; empty: string; withEffect?: boolean }) {
  return (
    <Table<DeficitRow>
      size="small"
      rowKey="competencyId"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: empty }}
      columns={[
        { title: 'Компетенция', key: 'name', render: (_, d) => <><Typography.Text strong>{d.code}</Typography.Text> {d.name}</> },
        { title: 'Результат', key: 'score', width: 190, render: (_, d) => <Tag color="volcano">{scoreText(d.score, d.threshold)}</Tag> },
        { title: 'Диагностика', key: 'assessment', width: 260, render: (_, d) => <>{d.assessmentTitle}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{formatDate(d.measuredOn)}</Typography.Text></> },
        ...(withEffect
          ? [
              {
                title: 'После ИОМ',
                key: 'effect',
                width: 220,
                render: (_: unknown, d: DeficitRow) =>
                  d.effect ? (
                    <>
                      <Tag color={effectColors[d.effect]}>{effectLabels[d.effect]}</Tag>
                      {d.laterScore && (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                          {formatPercent(d.laterScore.score)} — {formatDate(d.laterScore.measuredOn)}
                        </Typography.Text>
                      )}
                    </>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
