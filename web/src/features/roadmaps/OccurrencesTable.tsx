// Control dates of an activity with their statuses; the roadmap owner marks one done or not
// applicable (or takes the mark back).
import { App, Button, Flex, Table, Typography } from 'antd';
import { CheckOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/ErrorAlert';
import { formatWindow } from './labels';
import { useSetOccurrenceStatus } from './queries';
import { StatusTag } from './StatusTag';
import type { OccurrenceView } from './types';

interface Props {
  occurrences: OccurrenceView[];
  canEdit: boolean;
  empty: string;
}

function Actions({ o }: { o: OccurrenceView }) {
  const { message } = App.useApp();
  const set = useSetOccurrenceStatus();
  const mark = (status: 'done' | 'not_applicable' | null) =>
    set.mutate(
      { id: o.id, version: o.version, status },
      {
        onSuccess: () => message.success(status ? 'Отметка сохранена' : 'Отметка снята'),
        onError: (err) => message.error(errorMessage(err)),
      },
    );
  const when = formatWindow(o);
  if (o.status === 'done' || o.status === 'not_applicable')
    return (
      <Button size="small" icon={<UndoOutlined />} loading={set.isPending} onClick={() => mark(null)} aria-label={`Снять отметку: ${when}`}>
        Снять отметку
      </Button>
    );
  return (
    <Flex gap={6} wrap>
      <Button size="small" icon={<CheckOutlined />} loading={set.isPending} onClick={() => mark('done')} aria-label={`Выполнено: ${when}`}>
        Выполнено
      </Button>
      <Button size="small" icon={<StopOutlined />} disabled={set.isPending} onClick={() => mark('not_applicable')} aria-label={`Не требуется: ${when}`}>
        Не требуется
      </Button>
    </Flex>
  );
}

export function OccurrencesTable({ occurrences, canEdit, empty }: Props) {
  return (
    <Table<OccurrenceView>
      size="small"
      rowKey="id"
      dataSource={occurrences}
      pagination={occurrences.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
      rowClassName={(o) => (o.status === 'overdue' ? 'rm-row-overdue' : '')}
      locale={{ emptyText: empty }}
      scroll={{ x: 600 }}
      columns={[
        { title: 'Контрольный срок', key: 'window', render: (_, o) => formatWindow(o) },
        { title: 'Статус', dataIndex: 'status', width: 160, render: (s: OccurrenceView['status']) => <StatusTag status={s} /> },
        {
          title: 'Отметка',
          dataIndex: 'statusNote',
          render: (note: string | null) => (note ? note : <Typography.Text type="secondary">—</Typography.Text>),
        },
        ...(canEdit ? [{ title: 'Действия', key: 'actions', width: 300, render: (_: unknown, o: OccurrenceView) => <Actions o={o} /> }] : []),
      ]}
    />
  );
}
