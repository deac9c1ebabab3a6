// «Исполнение по муниципалитетам»: for a regional roadmap, a matrix of municipalities × the
// activities addressed to them, each cell the municipality's status and reports; a cell leads to
// the municipality's own activity where its roadmap was formed by cascade.
import { Empty, Flex, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, ExclamationOutlined, FileTextOutlined, MinusOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { statusColors, statusLabels } from './labels';
import { useRollup } from './queries';
import type { OccurrenceStatus, Roadmap, Rollup, RollupCell } from './types';

const glyph: Record<OccurrenceStatus, ReactNode> = {
  overdue: <ExclamationOutlined />,
  due_soon: <ClockCircleOutlined />,
  planned: <ScheduleOutlined />,
  done: <CheckOutlined />,
  not_applicable: <MinusOutlined />,
};

type Row = Rollup['municipalities'][number] & { cells: Map<string, RollupCell> };

function describe(cell: RollupCell): string {
  const parts = [cell.status ? statusLabels[cell.status].toLowerCase() : 'без контрольных дат', `контрольных дат: ${cell.total}, выполнено ${cell.done}, просрочено ${cell.overdue}`];
  parts.push(cell.reports ? `отчётов: ${cell.reports}, последний ${formatDateTime(cell.lastReportAt)}` : 'отчётов нет');
  if (!cell.childActivityId) parts.push('по региональной карте');
  return parts.join('; ');
}

function Cell({ cell, municipality, activity, roadmapId }: { cell: RollupCell | undefined; municipality: string; activity: Rollup['activities'][number]; roadmapId: string }) {
  if (!cell) return <Typography.Text type="secondary" aria-label="не адресовано">·</Typography.Text>;
  const text = describe(cell);
  const to = cell.childActivityId ? `/roadmaps/${cell.childRoadmapId}/activities/${cell.childActivityId}` : `/roadmaps/${roadmapId}/activities/${activity.activityId}`;
  return (
    <Tooltip title={`${activity.number}: ${text}`}>
      <Link to={to} aria-label={`${municipality}, мероприятие ${activity.number}: ${text}`}>
        <Tag color={cell.status ? statusColors[cell.status] : undefined} style={{ margin: 0 }}>
          {cell.status ? glyph[cell.status] : '—'}
          {cell.reports > 0 && (
            <>
              {' '}
              <FileTextOutlined /> {cell.reports}
            </>
          )}
        </Tag>
      </Link>
    </Tooltip>
  );
}

function Totals({ row }: { row: Row }) {
  const cells = [...row.cells.values()];
  const count = (s: OccurrenceStatus) => cells.filter((c) => c.status === s).length;
  const reports = cells.reduce((n, c) => n + c.reports, 0);
  return (
    <Flex gap={4} wrap>
      {count('overdue') > 0 && <Tag color="red">просрочено: {count('overdue')}</Tag>}
      {count('done') > 0 && <Tag color="green">выполнено: {count('done')}</Tag>}
      <Tag>отчётов: {reports}</Tag>
    </Flex>
  );
}

function Legend() {
  return (
    <Flex gap={12} wrap>
      {(Object.keys(glyph) as OccurrenceStatus[]).map((s) => (
        <Tag key={s} color={statusColors[s]} icon={glyph[s]}>
          {statusLabels[s]}
        </Tag>
      ))}
      <Typography.Text type="secondary">
        <FileTextOutlined /> — число отчётов об исполнении; «—» — без контрольных дат; «·» — мероприятие не адресовано муниципалитету
      </Typography.Text>
    </Flex>
  );
}

export function RollupTab({ roadmap }: { roadmap: Roadmap }) {
  const { data, error, refetch } = useRollup(roadmap.id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  const activities = data.activities.filter((a) => a.cells.length > 0);
  if (!data.municipalities.length || !activities.length)
    return (
      <Empty description="Мероприятий, адресованных муниципалитетам, нет: в ответственных исполнителях не указаны органы управления образованием муниципалитетов (МОУО) или их организации. Свяжите исполнителей при загрузке изменений." />
    );
  const rows: Row[] = data.municipalities.map((m) => ({
    ...m,
    cells: new Map(activities.flatMap((a) => a.cells.filter((c) => c.territoryId === m.territoryId).map((c) => [a.activityId, c] as const))),
  }));
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Статус каждого муниципалитета по мероприятиям, адресованным муниципалитетам: по его муниципальной дорожной карте, если она сформирована из региональной, иначе — по отчётам его организаций.
      </Typography.Paragraph>
      <Legend />
      <Table<Row>
        size="small"
        rowKey="territoryId"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: 'Муниципалитет',
            key: 'name',
            fixed: 'left',
            width: 240,
            render: (_, m) => (
              <Flex vertical gap={2}>
                <span>{m.name}</span>
                {m.roadmapId ? (
                  <Link to={`/roadmaps/${m.roadmapId}`} style={{ fontSize: 13 }}>
                    муниципальная дорожная карта
                  </Link>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    муниципальная карта не сформирована
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          ...activities.map((a) => ({
            title: (
              <Tooltip title={a.title}>
                <span>{a.number}</span>
              </Tooltip>
            ),
            key: a.activityId,
            width: 64,
            align: 'center' as const,
            render: (_: unknown, m: Row) => <Cell cell={m.cells.get(a.activityId)} municipality={m.name} activity={a} roadmapId={roadmap.id} />,
          })),
          { title: 'Итого', key: 'totals', width: 220, render: (_, m) => <Totals row={m} /> },
        ]}
      />
    </Flex>
  );
}
