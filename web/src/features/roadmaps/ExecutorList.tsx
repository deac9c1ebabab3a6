// Executors as the document names them, with the organizations they are linked to.
import { Flex, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { plural } from '../../app/format';
import { groupExecutors } from './groupExecutors';
import { kindsText } from './labels';
import type { Executor } from './types';

interface Props {
  executors: Executor[];
  /** In a table row: at most this many organizations per wording, then «и ещё N». */
  limit?: number;
}

export function ExecutorList({ executors, limit = Infinity }: Props) {
  if (executors.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {groupExecutors(executors).map((g) => (
        <div key={g.text}>
          <Typography.Text>{g.text}</Typography.Text>
          <Linked names={g.linked.map((e) => ({ id: e.organizationId!, name: e.organizationName ?? e.text }))} limit={limit} />
          {g.linked.length === 0 && <Unlinked kinds={g.kinds} compact={limit !== Infinity} />}
        </div>
      ))}
    </Flex>
  );
}

/** A group executor («ОО») addresses organizations of some kinds; in a table row the kinds go to a tooltip. */
function Unlinked({ kinds, compact }: { kinds: string[]; compact: boolean }) {
  const style = { display: 'block', fontSize: 13 };
  if (!kinds.length)
    return (
      <Typography.Text type="secondary" style={style}>
        не связан с организацией
      </Typography.Text>
    );
  const text = kindsText(kinds).toLowerCase();
  return compact ? (
    <Tooltip title={text}>
      <Typography.Text type="secondary" style={style}>
        группа организаций ({kinds.length} {plural(kinds.length, ['вид', 'вида', 'видов'])})
      </Typography.Text>
    </Tooltip>
  ) : (
    <Typography.Text type="secondary" style={style}>
      группа организаций: {text}
    </Typography.Text>
  );
}

function Linked({ names, limit }: { names: { id: string; name: string }[]; limit: number }) {
  if (!names.length) return null;
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
      →{' '}
      {shown.map((o, i) => (
        <span key={o.id}>
          {i > 0 && ', '}
          <Link to={`/organizations/${o.id}`}>{o.name}</Link>
        </span>
      ))}
      {rest > 0 && ` и ещё ${rest} ${plural(rest, ['организация', 'организации', 'организаций'])}`}
    </Typography.Text>
  );
}
