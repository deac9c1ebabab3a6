// The expert's home: practices under review assigned to them, those still waiting for their scores first.
import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { counted } from '../../app/format';
import type { PracticeListItemDto } from './queries';

export function ExpertQueueCard() {
  const { data, error, refetch } = useQuery({
    queryKey: ['/api/practices', 'expert-queue'],
    queryFn: ({ signal }) => api.get<Page<PracticeListItemDto>>('/api/practices?scope=assigned&status=under_review&limit=100', signal),
  });
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const waiting = (data?.items ?? []).filter((p) => !p.reviewedByMe);
  return (
    <Card
      title="Практики на экспертизе"
      loading={!data}
      extra={<Link to="/practices?scope=assigned">Все назначенные</Link>}
    >
      <Typography.Paragraph type="secondary">
        {waiting.length ? `Ждут вашей оценки: ${counted(waiting.length, ['практика', 'практики', 'практик'])}` : 'Все назначенные вам практики оценены.'}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={[...waiting, ...(data?.items ?? []).filter((p) => p.reviewedByMe)].slice(0, 8)}
        renderItem={(p) => (
          <List.Item>
            <Link to={`/practices/${p.id}`}>{p.title}</Link> {p.reviewedByMe ? <Tag color="success">оценено</Tag> : <Tag color="processing">ждёт оценки</Tag>}
          </List.Item>
        )}
      />
    </Card>
  );
}
