// What a revision changed: activities added, removed, and changed (only the changed fields,
// «было» struck through beside «стало»).
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fieldLabels } from './labels';
import type { ActivityChange, ComparisonLists, SnapshotActivity } from './types';

interface Props {
  comparison: ComparisonLists;
  /** For links to the activity cards (absent in the preview of unsaved changes). */
  roadmapId?: string;
}

function ActivityTitle({ number, title, activityId, roadmapId }: { number: string; title: string; activityId: string | null; roadmapId?: string }) {
  const text = `${number} ${title}`.trim();
  return roadmapId && activityId ? <Link to={`/roadmaps/${roadmapId}/activities/${activityId}`}>{text}</Link> : <span>{text}</span>;
}

function SnapshotList({ items, roadmapId }: { items: SnapshotActivity[]; roadmapId?: string }) {
  return (
    <Flex vertical gap={12}>
      {items.map((a) => (
        <div key={a.activityId ?? `${a.sectionNumber}|${a.number}|${a.title}`}>
          <ActivityTitle number={a.number} title={a.title} activityId={a.activityId} roadmapId={roadmapId} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            Раздел {[a.sectionNumber, a.sectionTitle].filter(Boolean).join('. ')} · Ответственные: {a.responsibleText || '—'} · Срок: {a.deadlineText || '—'}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

function ChangeTable({ change }: { change: ActivityChange }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={change.changes}
      scroll={{ x: 700 }}
      columns={[
        { title: 'Что изменилось', dataIndex: 'field', width: 200, render: (f: ActivityChange['changes'][number]['field']) => fieldLabels[f] ?? f },
        { title: 'Было', dataIndex: 'before', render: (v: string | null) => <span className="rm-before">{v || '—'}</span> },
        { title: 'Стало', dataIndex: 'after', render: (v: string | null) => <span className="rm-after">{v || '—'}</span> },
      ]}
    />
  );
}

export function ComparisonView({ comparison, roadmapId }: Props) {
  const { added, removed, changed } = comparison;
  if (!added.length && !removed.length && !changed.length)
    return <Empty description="Мероприятия в этих редакциях совпадают: ничего не добавлено, не исключено и не изменено." />;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Tag color="green">Добавлено: {added.length}</Tag>
        <Tag color="red">Исключено: {removed.length}</Tag>
        <Tag color="orange">Изменено: {changed.length}</Tag>
      </Flex>
      {added.length > 0 && (
        <Card size="small" title={`Добавленные мероприятия (${added.length})`}>
          <SnapshotList items={added} roadmapId={roadmapId} />
        </Card>
      )}
      {removed.length > 0 && (
        <Card size="small" title={`Исключённые мероприятия (${removed.length})`}>
          <SnapshotList items={removed} roadmapId={roadmapId} />
        </Card>
      )}
      {changed.length > 0 && (
        <Card size="small" title={`Изменённые мероприятия (${changed.length})`}>
          <Flex vertical gap={16}>
            {changed.map((c) => (
              <Flex key={c.activityId} vertical gap={6}>
                <Typography.Text strong>
                  <ActivityTitle number={c.number} title={c.title} activityId={c.activityId} roadmapId={roadmapId} />
                </Typography.Text>
                <ChangeTable change={c} />
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
