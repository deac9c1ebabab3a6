// The deadline of one activity in the preview: the document's phrase (editing it parses it
// again), what it was understood as, and its control dates, which can be given by hand.
import { useState } from 'react';
import { App, Button, Flex, Spin, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/ErrorAlert';
import { KindTag } from '../StatusTag';
import { WindowList } from '../WindowList';
import { parseDeadline } from '../queries';
import { CommitText } from './CommitText';
import { DatesModal } from './DatesModal';
import { withManualDates, withParsedDeadline, type DraftActivity } from './draft';

interface Props {
  activity: DraftActivity;
  period: { from: number; to: number };
  onUpdate: (change: (a: DraftActivity) => DraftActivity) => void;
}

export function DeadlineEditor({ activity, period, onUpdate }: Props) {
  const { message } = App.useApp();
  const [parsing, setParsing] = useState(false);
  const [editing, setEditing] = useState(false);
  const d = activity.deadline;
  const where = `мероприятие ${activity.number || 'без номера'}`;

  const reparse = async (text: string) => {
    setParsing(true);
    try {
      const parsed = await parseDeadline(text, period);
      onUpdate((a) => withParsedDeadline(a, parsed));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setParsing(false);
    }
  };

  const unknown = d.kind === 'unknown' && !activity.manualDates;
  return (
    <Flex vertical gap={4}>
      <CommitText value={d.text} aria-label={`Срок исполнения (${where})`} status={unknown ? 'warning' : undefined} onCommit={(text) => void reparse(text)} />
      <Flex gap={4} wrap align="center">
        {parsing ? <Spin size="small" /> : <KindTag kind={d.kind} note={d.note} />}
        {activity.manualDates && <Typography.Text type="secondary" style={{ fontSize: 12 }}>даты заданы вручную</Typography.Text>}
      </Flex>
      {unknown ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          Срок не распознан: уточните формулировку или задайте контрольные даты
        </Typography.Text>
      ) : (
        <WindowList windows={d.occurrences} limit={3} empty="без контрольных дат" />
      )}
      <Button size="small" type="link" icon={<CalendarOutlined />} onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start', padding: 0 }}>
        Контрольные даты
      </Button>
      {editing && (
        <DatesModal
          title={`Контрольные даты: ${where}`}
          initial={d.occurrences}
          period={period}
          manual={activity.manualDates}
          onCancel={() => setEditing(false)}
          onSave={(dates) => {
            onUpdate((a) => withManualDates(a, dates));
            setEditing(false);
          }}
          onReset={() => {
            setEditing(false);
            void reparse(d.text);
          }}
        />
      )}
    </Flex>
  );
}
