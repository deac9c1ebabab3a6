// Control windows in words, the first few and «ещё N».
import { Typography } from 'antd';
import { formatWindow } from './labels';
import type { Occurrence } from './types';

export function WindowList({ windows, limit = Infinity, empty = '—' }: { windows: Occurrence[]; limit?: number; empty?: string }) {
  if (windows.length === 0) return <Typography.Text type="secondary" style={{ fontSize: 13 }}>{empty}</Typography.Text>;
  const shown = windows.slice(0, limit);
  const rest = windows.length - shown.length;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {shown.map(formatWindow).join('; ')}
      {rest > 0 && `; ещё ${rest}`}
    </Typography.Text>
  );
}
