// «Сравнение редакций»: any two revisions side by side, by default the previous and the current.
import { Empty, Flex, Select, Skeleton, Typography } from 'antd';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { formatDate } from '../../app/format';
import { ComparisonView } from './ComparisonView';
import { revisionKindLabels, revisionsInOrder } from './labels';
import { useComparison } from './queries';
import type { Roadmap } from './types';

interface Props {
  roadmap: Roadmap;
  from: string | undefined;
  to: string | undefined;
  setRange: (from: string | undefined, to: string | undefined) => void;
}

function Comparison({ roadmap, from, to }: Pick<Props, 'roadmap' | 'from' | 'to'>) {
  const { data, error, refetch } = useComparison(roadmap.id, from, to);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        Редакция № {data.from.number} от {formatDate(data.from.createdAt)}
        {data.from.approvedBy && ` (${data.from.approvedBy})`} → редакция № {data.to.number} от {formatDate(data.to.createdAt)}
        {data.to.approvedBy && ` (${data.to.approvedBy})`}
      </Typography.Text>
      <ComparisonView comparison={data} roadmapId={roadmap.id} />
    </Flex>
  );
}

export function CompareTab({ roadmap, from, to, setRange }: Props) {
  if (roadmap.revisions.length < 2)
    return (
      <Empty description="У дорожной карты одна редакция: сравнивать пока не с чем. Когда выйдет приказ о внесении изменений, загрузите новую редакцию документа.">
        {roadmap.canEdit && (
          <LinkButton type="primary" to={`/roadmaps/${roadmap.id}/revise`}>
            Загрузить изменения
          </LinkButton>
        )}
      </Empty>
    );
  const revisions = revisionsInOrder(roadmap.revisions);
  const options = revisions.map((v) => ({ value: String(v.number), label: `№ ${v.number} от ${formatDate(v.createdAt)}`, title: revisionKindLabels[v.kind] }));
  const last = revisions[revisions.length - 1].number;
  const toValue = to ?? String(last);
  const fromValue = from ?? String(Number(toValue) - 1);
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <Typography.Text>Сравнить редакцию</Typography.Text>
        <Select aria-label="Прежняя редакция" value={fromValue} options={options} onChange={(v: string) => setRange(v, toValue)} style={{ width: 200 }} />
        <Typography.Text>с редакцией</Typography.Text>
        <Select aria-label="Новая редакция" value={toValue} options={options} onChange={(v: string) => setRange(fromValue, v)} style={{ width: 200 }} />
      </Flex>
      <Comparison roadmap={roadmap} from={fromValue} to={toValue} />
    </Flex>
  );
}
