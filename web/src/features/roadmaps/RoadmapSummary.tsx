// The roadmap's card above the tabs: level, owner, period, approving order, cascade links,
// execution by status (a click filters the table) and the history of revisions.
import { Button, Card, Collapse, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../app/format';
import { levelLabels, periodText, revisionKindLabels, revisionsInOrder, statusColors, statusLabels } from './labels';
import type { OccurrenceStatus, Revision, Roadmap } from './types';

interface Props {
  roadmap: Roadmap;
  onStatus: (status: OccurrenceStatus) => void;
  onCompare: (from: string, to: string) => void;
}

const order: OccurrenceStatus[] = ['overdue', 'due_soon', 'planned', 'done', 'not_applicable'];

function Execution({ counts, onStatus }: { counts: Roadmap['statusCounts']; onStatus: Props['onStatus'] }) {
  const total = order.reduce((n, s) => n + (counts[s] ?? 0), 0);
  if (total === 0) return <Typography.Text type="secondary">Контрольных дат нет</Typography.Text>;
  const relevant = total - (counts.not_applicable ?? 0);
  const percent = relevant ? Math.round(((counts.done ?? 0) / relevant) * 100) : 100;
  return (
    <Flex vertical gap={6}>
      <Progress percent={percent} size="small" status={counts.overdue ? 'exception' : undefined} format={(p) => `${p}% выполнено`} style={{ maxWidth: 420 }} />
      <Flex gap={6} wrap>
        {order
          .filter((s) => counts[s])
          .map((s) => (
            <Button key={s} size="small" onClick={() => onStatus(s)} aria-label={`${statusLabels[s]}: ${counts[s]}. Показать мероприятия`}>
              <Tag color={statusColors[s]} style={{ margin: 0 }}>
                {statusLabels[s]}
              </Tag>
              {counts[s]}
            </Button>
          ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Число контрольных дат по статусам
      </Typography.Text>
    </Flex>
  );
}

function RevisionList({ revisions, onCompare }: { revisions: Revision[]; onCompare: Props['onCompare'] }) {
  const newestFirst = revisionsInOrder(revisions).reverse();
  return (
    <Flex vertical gap={10}>
      {newestFirst.map((v) => (
        <Flex key={v.id} gap={8} wrap align="baseline">
          <Typography.Text strong>№ {v.number}</Typography.Text>
          <Typography.Text>{revisionKindLabels[v.kind]}</Typography.Text>
          <Typography.Text type="secondary">
            {formatDateTime(v.createdAt)}
            {v.createdByName && `, ${v.createdByName}`}
            {v.sourceFileName && `, файл «${v.sourceFileName}»`}
          </Typography.Text>
          {v.approvedBy && <Typography.Text type="secondary">{v.approvedBy}</Typography.Text>}
          {v.number > 1 && (
            <>
              <Tag color="green">+{v.added}</Tag>
              <Tag color="red">−{v.removed}</Tag>
              <Tag color="orange">изм. {v.changed}</Tag>
              <Button type="link" size="small" onClick={() => onCompare(String(v.number - 1), String(v.number))}>
                Сравнить с предыдущей
              </Button>
            </>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

export function RoadmapSummary({ roadmap: r, onStatus, onCompare }: Props) {
  const current = revisionsInOrder(r.revisions).at(-1);
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'level', label: 'Уровень', children: levelLabels[r.level] },
          { key: 'owner', label: 'Владелец', children: <Link to={`/organizations/${r.ownerOrganizationId}`}>{r.ownerOrganizationName}</Link> },
          { key: 'period', label: 'Период', children: `${periodText(r.periodFrom, r.periodTo)} гг.` },
          { key: 'approved', label: 'Утверждена', children: r.approvedBy ?? 'реквизиты приказа не указаны' },
          {
            key: 'revision',
            label: 'Действующая редакция',
            // an amendment is approved by its own order («О внесении изменений …»)
            children: current ? [`№ ${current.number} от ${formatDate(current.createdAt)}`, current.kind === 'amendment' ? current.approvedBy : null].filter(Boolean).join(', ') : `№ ${r.revisionNumber}`,
          },
          { key: 'territory', label: 'Территория', children: r.territoryName },
          ...(r.parent
            ? [{ key: 'parent', label: 'Сформирована из', span: 'filled' as const, children: <Link to={`/roadmaps/${r.parent.id}`}>{r.parent.title}</Link> }]
            : []),
          ...(r.children.length
            ? [
                {
                  key: 'children',
                  label: 'Муниципальные дорожные карты',
                  span: 'filled' as const,
                  children: (
                    <Flex gap={8} wrap>
                      {r.children.map((c) => (
                        <Link key={c.id} to={`/roadmaps/${c.id}`}>
                          {c.territoryName}
                        </Link>
                      ))}
                    </Flex>
                  ),
                },
              ]
            : []),
          { key: 'execution', label: 'Исполнение', span: 'filled' as const, children: <Execution counts={r.statusCounts} onStatus={onStatus} /> },
        ]}
      />
      <Collapse
        ghost
        size="small"
        items={[{ key: 'revisions', label: `История редакций (${r.revisions.length})`, children: <RevisionList revisions={r.revisions} onCompare={onCompare} /> }]}
      />
    </Card>
  );
}
