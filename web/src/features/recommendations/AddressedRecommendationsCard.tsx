// «Recommendations addressed to me» on the home page: those still waiting for our response.
import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../app/format';
import { recommendationColors, recommendationLabel } from './labels';
import type { Recommendation } from './types';

export function AddressedRecommendationsCard() {
  const { data, error, refetch } = useQuery({
    queryKey: ['/api/recommendations', 'home'],
    queryFn: ({ signal }) => api.get<Page<Recommendation>>('/api/recommendations?box=addressed&limit=50', signal),
  });
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const waiting = (data?.items ?? []).filter((r) => r.can.respond);
  if (!waiting.length) return null;
  return (
    <Card title="Адресные рекомендации: ждут нашего ответа" extra={<Link to="/recommendations?box=addressed">Все адресованные нам</Link>}>
      <List
        size="small"
        dataSource={waiting.slice(0, 5)}
        renderItem={(r) => (
          <List.Item>
            <Link to={`/recommendations/${r.id}`}>{r.title}</Link>
            <span>
              <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>срок {formatDate(r.dueDate)}</Typography.Text>{' '}
              <Tag color={recommendationColors[r.status]}>{recommendationLabel(r.status)}</Tag>
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
