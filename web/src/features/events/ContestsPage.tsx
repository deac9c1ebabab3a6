// «Конкурсы»: competitions of professional skill with stages; participants and results of each
// stage; winners move on to the next stage.
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { formatDate } from '../../app/format';
import { contestResults, contestStageLevels } from './labels';
import type { Contest, ContestEntryList, ContestListItem } from './types';

const resultColors = { winner: 'gold', prize_winner: 'blue', participant: 'default' } as const;

function StageEntries({ stageId, last }: { stageId: string; last: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const url = `/api/contest-stages/${stageId}/entries`;
  const { data, isLoading, error } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<ContestEntryList>(url, signal) });
  if (error) return <ErrorAlert error={error} />;
  const promote = async () => {
    try {
      const r = await api.post<{ promoted: number }>(`/api/contest-stages/${stageId}/promote`, {});
      message.success(r.promoted ? `На следующий этап переведено: ${r.promoted}` : 'Новых победителей для перевода нет');
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/contest') });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const canPromote = !last && (data?.items ?? []).some((e) => e.canEdit && e.result === 'winner' && !e.promoted);
  return (
    <Flex vertical gap={8}>
      {canPromote && (
        <Button type="primary" style={{ width: 'fit-content' }} onClick={promote}>
          Перевести победителей на следующий этап
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={(data?.items.length ?? 0) > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: 'Участников пока нет' }}
        columns={[
          { title: 'Место', dataIndex: 'place', width: 70, render: (v: number | null) => v ?? '—' },
          { title: 'Участник', dataIndex: 'fullName' },
          { title: 'Организация', dataIndex: 'organizationName' },
          { title: 'Баллы', dataIndex: 'score', width: 90, render: (v: number | null) => v ?? '—' },
          {
            title: 'Итог',
            key: 'result',
            width: 220,
            render: (_, e) => (
              <>
                {e.result ? <Tag color={resultColors[e.result]}>{contestResults[e.result]}</Tag> : '—'}
                {e.promoted && <Tag color="green">прошёл(ла) на следующий этап</Tag>}
              </>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function ContestCard({ id }: { id: string }) {
  const { data, error } = useQuery({ queryKey: [`/api/contests/${id}`], queryFn: ({ signal }) => api.get<Contest>(`/api/contests/${id}`, signal) });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Card loading />;
  return (
    <Card title={data.title} extra={<Typography.Text type="secondary">Организатор: {data.organizerName}</Typography.Text>}>
      {data.description && <Typography.Paragraph>{data.description}</Typography.Paragraph>}
      <Tabs
        items={data.stages.map((s) => ({
          key: s.id,
          label: `${contestStageLevels[s.level]} (${s.entries})`,
          children: (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">
                {s.startsOn ? `Сроки: ${formatDate(s.startsOn)} – ${formatDate(s.endsOn)}. ` : ''}Участников: {s.entries}, победителей: {s.winners}, переведено дальше: {s.promoted}
              </Typography.Text>
              <StageEntries stageId={s.id} last={s.last} />
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

export function ContestsPage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['/api/contests'], queryFn: ({ signal }) => api.get<{ items: ContestListItem[] }>('/api/contests', signal) });
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? data?.items[0]?.id ?? null;
  return (
    <>
      <PageHeader title="Конкурсы профессионального мастерства" subtitle="Этапы: организации → муниципальный → региональный → федеральный. Победители этапа проходят на следующий." />
      {error ? <ErrorAlert error={error} /> : null}
      <Flex gap={16} align="start" wrap>
        <Card style={{ width: 320 }} loading={isLoading}>
          <List
            dataSource={data?.items ?? []}
            locale={{ emptyText: 'Конкурсов пока нет' }}
            renderItem={(c) => (
              <List.Item onClick={() => setSelected(c.id)} style={{ cursor: 'pointer', fontWeight: c.id === current ? 600 : 400 }}>
                <List.Item.Meta
                  title={
                    <a href={`#contest-${c.id}`} onClick={(e) => (e.preventDefault(), setSelected(c.id))}>
                      {c.title}
                    </a>
                  }
                  description={`${c.year} год · ${c.organizerName}`}
                />
              </List.Item>
            )}
          />
        </Card>
        <div style={{ flex: 1, minWidth: 420 }}>{current ? <ContestCard id={current} /> : <Empty description="Выберите конкурс" />}</div>
      </Flex>
    </>
  );
}
