// «Мои подопечные»: the tutor's people and what needs attention, with a way to their plan or to
// drafting one.
import { useState } from 'react';
import { Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { formatDate } from '../../app/format';
import { attentionColors, attentionLabels, planStatusColors, planStatusLabels } from './labels';
import { useTutorCabinet } from './queries';
import type { AttentionReason, TutorCabinet } from './types';

type Person = TutorCabinet['people'][number];

export function TutorCabinetPage() {
  const { data, error, refetch } = useTutorCabinet();
  const [reason, setReason] = useState<AttentionReason | null>(null);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const people = data ? (reason ? data.people.filter((p) => p.attention.includes(reason)) : data.people) : [];
  const reasons = data ? (Object.keys(attentionLabels) as AttentionReason[]).filter((r) => (data.summary[r] ?? 0) > 0) : [];
  return (
    <>
      <PageHeader title="Мои подопечные" subtitle="Закреплённые за вами работники и их ИОМ: что требует вашего внимания" />
      {!data ? (
        <Skeleton active />
      ) : (
        <Card>
          <Flex vertical gap={12}>
            {reasons.length > 0 && (
              <Flex gap={8} wrap align="center">
                <Typography.Text type="secondary">Требует внимания:</Typography.Text>
                {reasons.map((r) => (
                  <Tag.CheckableTag key={r} checked={reason === r} onChange={(on) => setReason(on ? r : null)} style={{ border: '1px solid #d9d9d9' }}>
                    {attentionLabels[r]}: {data.summary[r]}
                  </Tag.CheckableTag>
                ))}
              </Flex>
            )}
            <Table<Person>
              size="middle"
              rowKey="staffId"
              dataSource={people}
              pagination={people.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 960 }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={data.total === 0 ? 'За вами пока никто не закреплён. Подопечных назначает администратор организации работника.' : 'Под выбранный признак никто не подходит.'}
                  />
                ),
              }}
              columns={[
                {
                  title: 'Работник',
                  key: 'name',
                  render: (_, p) => (
                    <>
                      <Link to={`/staff/${p.staffId}`}>{p.fullName}</Link>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {p.organizations.join('; ')}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: 'Дефицитов', dataIndex: 'deficitCount', width: 110, render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
                {
                  title: 'ИОМ',
                  key: 'plan',
                  width: 260,
                  render: (_, p) =>
                    p.plan ? (
                      <Flex vertical gap={2}>
                        <Link to={`/learning-plans/${p.plan.id}`} aria-label={`ИОМ: ${p.fullName}`}>
                          <Tag color={planStatusColors[p.plan.status as keyof typeof planStatusColors]}>{planStatusLabels[p.plan.status as keyof typeof planStatusLabels] ?? p.plan.status}</Tag>
                          открыть
                        </Link>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          принято {p.plan.accepted} из {p.plan.items}
                          {p.plan.submitted ? `, на проверке ${p.plan.submitted}` : ''}
                          {p.plan.lastActivityAt ? `; движение ${formatDate(p.plan.lastActivityAt)}` : ''}
                        </Typography.Text>
                      </Flex>
                    ) : (
                      <LinkButton size="small" type={p.deficitCount > 0 ? 'primary' : 'default'} icon={<FileAddOutlined />} to={`/learning-plans/new?staffId=${p.staffId}`} aria-label={`Составить ИОМ: ${p.fullName}`}>
                        Составить ИОМ
                      </LinkButton>
                    ),
                },
                {
                  title: 'Требует внимания',
                  key: 'attention',
                  width: 300,
                  render: (_, p) =>
                    p.attention.length ? (
                      <Flex gap={4} wrap>
                        {p.attention.map((a) => (
                          <Tag key={a} color={attentionColors[a]}>
                            {attentionLabels[a]}
                          </Tag>
                        ))}
                      </Flex>
                    ) : (
                      <Typography.Text type="secondary">всё в порядке</Typography.Text>
                    ),
                },
              ]}
            />
          </Flex>
        </Card>
      )}
    </>
  );
}
