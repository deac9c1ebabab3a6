// Status of a control date and the kind of a deadline phrase, as coloured tags.
import { Tag, Tooltip } from 'antd';
import { kindColors, kindLabels, statusColors, statusLabels } from './labels';
import type { DeadlineKind, OccurrenceStatus } from './types';

export function StatusTag({ status }: { status: OccurrenceStatus | null }) {
  if (!status) return <Tag>без контрольных дат</Tag>;
  return <Tag color={statusColors[status]}>{statusLabels[status]}</Tag>;
}

/** An unknown phrase is red with the parser's note: the user must give the dates by hand. */
export function KindTag({ kind, note }: { kind: DeadlineKind; note?: string | null }) {
  const tag = <Tag color={kindColors[kind]}>{kindLabels[kind]}</Tag>;
  return note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}
