// Control dates typed by hand, for a phrase the parser could not understand or understood
// differently from what the roadmap means. Each date is a window: one day or «from – to».
import { useState } from 'react';
import { Button, DatePicker, Flex, Modal, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Occurrence } from '../types';

interface Props {
  title: string;
  initial: Occurrence[];
  period: { from: number; to: number };
  manual: boolean;
  onSave: (dates: Occurrence[]) => void;
  onCancel: () => void;
  /** Back to the dates parsed from the phrase. */
  onReset: () => void;
}

type Row = [Dayjs, Dayjs] | null;
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

export function DatesModal({ title, initial, period, manual, onSave, onCancel, onReset }: Props) {
  const [rows, setRows] = useState<Row[]>(() => (initial.length ? initial.map((o) => [dayjs(o.from), dayjs(o.to)]) : [null]));
  const set = (i: number, row: Row) => setRows((list) => list.map((r, k) => (k === i ? row : r)));
  const filled = rows.filter((r): r is [Dayjs, Dayjs] => r !== null);
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      width={560}
      footer={[
        manual && (
          <Button key="reset" onClick={onReset}>
            Вернуть распознанные
          </Button>
        ),
        <Button key="cancel" onClick={onCancel}>
          Отмена
        </Button>,
        <Button key="save" type="primary" onClick={() => onSave(filled.map(([from, to]) => ({ from: iso(from), to: iso(to) })))}>
          Применить
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        Для даты или срока «до» выберите один и тот же день дважды; для месяца или периода — первый и последний день. Период дорожной карты: {period.from}–{period.to}.
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {rows.map((r, i) => (
          <Flex key={i} gap={8} align="center">
            <DatePicker.RangePicker
              value={r}
              format="DD.MM.YYYY"
              placeholder={['Начало', 'Контрольная дата']}
              aria-label={`Контрольная дата ${i + 1}`}
              onChange={(v) => set(i, v && v[0] && v[1] ? [v[0], v[1]] : null)}
              defaultPickerValue={[dayjs(`${period.from}-01-01`), dayjs(`${period.from}-01-01`)]}
            />
            <Button icon={<DeleteOutlined />} aria-label={`Убрать контрольную дату ${i + 1}`} onClick={() => setRows((list) => list.filter((_, k) => k !== i))} />
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setRows((list) => [...list, null])} style={{ alignSelf: 'flex-start' }}>
          Добавить контрольную дату
        </Button>
      </Flex>
    </Modal>
  );
}
