// The card of a recommendation: its basis and text, the addressee's response (a form for the
// addressee) and the issuer's follow-up: accept, return with a comment, or close.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { recommendationActions, type RecommendationAction } from '../../../../common/monitoring';
import { recommendationColors, recommendationLabel } from './labels';
import type { Recommendation } from './types';
import { useIndicatorNames } from '../indicators/queries';

const key = (id: string) => ['/api/recommendations', id] as const;

function useWrite(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (write: () => Promise<Recommendation>) => write(),
    onSuccess: (r) => {
      qc.setQueryData(key(id), r);
      void qc.invalidateQueries({ queryKey: ['/api/recommendations'] });
    },
  });
}

function ResponseForm({ r }: { r: Recommendation }) {
  const [form] = Form.useForm<{ response: string }>();
  const { message } = App.useApp();
  const write = useWrite(r.id);
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: { response: string }) => write.mutateAsync(() => api.post<Recommendation>(`/api/recommendations/${r.id}/response`, { response: v.response.trim(), version: r.version })),
    () => message.success('Ответ отправлен'),
  );
  return (
    <Card title="Ответ на рекомендацию">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ response: r.status === 'returned' ? (r.response ?? '') : '' }}>
        <Form.Item label="Что сделано" name="response" rules={[{ required: true, whitespace: true, message: 'Опишите, что сделано' }, { min: 10, message: 'Не короче 10 символов' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder="Какие меры приняты, какими документами оформлены, каков результат" />
        </Form.Item>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving} style={{ marginTop: 8 }}>
          Отправить ответ
        </Button>
      </Form>
    </Card>
  );
}

function DecisionCard({ r }: { r: Recommendation }) {
  const { message } = App.useApp();
  const write = useWrite(r.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const act = (action: RecommendationAction) =>
    write.mutateAsync(() => api.post<Recommendation>(`/api/recommendations/${r.id}/decision`, { action, comment: comment.trim() || null, version: r.version })).then(
      (x) => {
        setError(null);
        message.success(recommendationLabel(x.status));
      },
      setError,
    );
  return (
    <Card title="Контроль исполнения">
      <Flex vertical gap={12}>
        <Input.TextArea aria-label="Комментарий к решению" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 2 }} placeholder="Комментарий (обязателен при возврате на доработку)" />
        {error !== null && <ErrorAlert error={error} />}
        <Flex gap={8} wrap>
          {r.status === 'responded' && (
            <>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => void act('accept')} loading={write.isPending}>
                {recommendationActions.accept}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => void act('return')} disabled={!comment.trim()}>
                {recommendationActions.return}
              </Button>
            </>
          )}
          <Button icon={<StopOutlined />} onClick={() => void act('close')}>
            {recommendationActions.close}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

export function RecommendationPage() {
  const { id = '' } = useParams();
  const { data: r, error, refetch } = useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get<Recommendation>(`/api/recommendations/${id}`, signal) });
  const { nameOf } = useIndicatorNames();
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!r) return <Skeleton active />;
  return (
    <>
      <PageHeader
        title={r.title}
        trail={[{ title: 'Адресные рекомендации', to: '/recommendations' }]}
        subtitle={
          <span>
            <Tag color={recommendationColors[r.status]}>{recommendationLabel(r.status)}</Tag>
            {r.overdue && <Tag color="error">срок истёк</Tag>}
          </span>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="Кому">{r.addressee.name}</Descriptions.Item>
            <Descriptions.Item label="От кого">{r.issuerName}</Descriptions.Item>
            <Descriptions.Item label="Срок исполнения">{formatDate(r.dueDate)}</Descriptions.Item>
            <Descriptions.Item label="Выдана">{formatDateTime(r.createdAt)}</Descriptions.Item>
            {r.indicatorCode && <Descriptions.Item label="Показатель">{nameOf(r.indicatorCode)}{r.period ? `, ${r.period} год` : ''}</Descriptions.Item>}
            {r.campaignId && (
              <Descriptions.Item label="Мониторинг">
                <Link to={`/monitoring/${r.campaignId}`}>{r.campaignTitle}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
        </Card>
        {r.response && (
          <Card title="Ответ адресата">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.response}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {formatDateTime(r.respondedAt)}
              {r.respondedByName ? `, ${r.respondedByName}` : ''}
            </Typography.Text>
          </Card>
        )}
        {r.followUpComment && <Alert type={r.status === 'returned' ? 'error' : 'info'} showIcon message={`Решение выдавшего (${formatDateTime(r.decidedAt)})`} description={r.followUpComment} />}
        {r.can.respond && <ResponseForm r={r} />}
        {r.can.decide && <DecisionCard r={r} />}
      </Flex>
    </>
  );
}
