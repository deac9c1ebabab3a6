// One section of the editable preview: every activity with its number, wording, executors,
// deadline and result. Rows whose deadline was not understood are highlighted.
import { Flex, Table, Typography } from 'antd';
import { CommitText } from './CommitText';
import { DeadlineEditor } from './DeadlineEditor';
import { ExecutorsEditor } from './ExecutorsEditor';
import type { DraftActivity, DraftSection } from './draft';

interface Props {
  section: DraftSection;
  period: { from: number; to: number };
  onUpdate: (key: string, change: (a: DraftActivity) => DraftActivity) => void;
}

const whereOf = (a: DraftActivity) => `мероприятие ${a.number || 'без номера'}`;

export function PreviewSectionTable({ section, period, onUpdate }: Props) {
  return (
    <Table<DraftActivity>
      size="small"
      rowKey="key"
      dataSource={section.activities}
      pagination={false}
      className="rm-top"
      scroll={{ x: 1000 }}
      rowClassName={(a) => (a.deadline.kind === 'unknown' && !a.manualDates ? 'rm-row-unknown' : '')}
      title={() => (
        <Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>
          {[section.number, section.title].filter(Boolean).join('. ')}
        </Typography.Title>
      )}
      locale={{ emptyText: 'В разделе нет мероприятий' }}
      columns={[
        {
          title: '№',
          key: 'number',
          width: 76,
          render: (_, a) => <CommitText short value={a.number} aria-label={`Номер (${whereOf(a)})`} onCommit={(number) => onUpdate(a.key, (x) => ({ ...x, number }))} />,
        },
        {
          title: 'Мероприятие',
          key: 'title',
          render: (_, a) => (
            <Flex vertical gap={4}>
              {a.group && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.group}
                </Typography.Text>
              )}
              <CommitText value={a.title} aria-label={`Текст (${whereOf(a)})`} onCommit={(title) => onUpdate(a.key, (x) => ({ ...x, title }))} />
            </Flex>
          ),
        },
        {
          title: 'Ответственные исполнители',
          key: 'responsible',
          width: 270,
          render: (_, a) => (
            <Flex vertical gap={8}>
              <ExecutorsEditor where={whereOf(a)} executors={a.responsible} onChange={(responsible) => onUpdate(a.key, (x) => ({ ...x, responsible }))} />
              {a.coExecutors.length > 0 && (
                <>
                  <Typography.Text strong style={{ fontSize: 13 }}>
                    Соисполнители
                  </Typography.Text>
                  <ExecutorsEditor where={`${whereOf(a)}, соисполнители`} executors={a.coExecutors} onChange={(coExecutors) => onUpdate(a.key, (x) => ({ ...x, coExecutors }))} />
                </>
              )}
            </Flex>
          ),
        },
        { title: 'Срок исполнения', key: 'deadline', width: 210, render: (_, a) => <DeadlineEditor activity={a} period={period} onUpdate={(change) => onUpdate(a.key, change)} /> },
        {
          title: 'Планируемый результат',
          key: 'result',
          width: 200,
          render: (_, a) => (
            <CommitText value={a.expectedResult} aria-label={`Планируемый результат (${whereOf(a)})`} onCommit={(expectedResult) => onUpdate(a.key, (x) => ({ ...x, expectedResult }))} />
          ),
        },
      ]}
    />
  );
}
