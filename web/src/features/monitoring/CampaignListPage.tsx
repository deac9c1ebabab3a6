// The year's plan-schedule of monitoring: campaigns by the start of collection, each with its
// reporting rate; an administrator of a region or municipality starts a new one here.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { formatDate } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useUrlFilters } from '../../app/useUrlFilters';
import { campaignLevels } from '../../../../common/monitoring';
import { campaignColors, campaignLabel } from './labels';
import { useCampaigns, useMonitoringWrite } from './queries';
import type { Campaign, CampaignSummary } from './types';

const thisYear = new Date().getFullYear();
const filterKeys = ['year'] as const;

export function RateCell({ c }: { c: CampaignSummary['counts'] }) {
  if (!c.assigned) return <Typography.Text type="secondary">нет назначенных</Typography.Text>;
  return (
    <Flex vertical gap={2} style={{ minWidth: 180 }}>
      <Progress percent={c.rate ?? 0} success={{ percent: c.assigned ? Math.round((c.onTime / c.assigned) * 1000) / 10 : 0 }} size="small" format={(p) => `${String(p).replace('.', ',')} %`} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        в срок {c.onTime} · с опозданием {c.late} · не сдано {c.missing} · ожидается {c.pending}
      </Typography.Text>
    </Flex>
  );
}

interface NewValues {
  title: string;
  periodLabel: string;
  year: number;
  collectFrom: Dayjs;
  deadline: Dayjs;
  description?: string;
}

function NewCampaignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NewValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const write = useMonitoringWrite<Campaign>();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: NewValues) =>
      write.mutateAsync(() =>
        api.post<Campaign>('/api/monitoring/campaigns', {
          title: v.title.trim(),
          periodLabel: v.periodLabel.trim(),
          year: v.year,
          collectFrom: v.collectFrom.format('YYYY-MM-DD'),
          deadline: v.deadline.format('YYYY-MM-DD'),
          description: v.description?.trim() || null,
        }),
      ),
    (c) => {
      message.success('Кампания создана как проект: добавьте формы и назначьте организации');
      navigate(`/monitoring/${c.id}?tab=forms`);
    },
  );
  return (
    <Modal open={open} title="Новая кампания мониторинга" onCancel={onClose} onOk={() => form.submit()} okText="Создать" cancelText="Отмена" confirmLoading={saving} width={640} destroyOnHidden>
      <Form<NewValues> form={form} layout="vertical" onFinish={submit} initialValues={{ year: thisYear, periodLabel: `${thisYear} год` }}>
        <Form.Item label="Название" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите название кампании' }, { min: 3, message: 'Не короче 3 символов' }]}>
          <Input placeholder="Мониторинг эффективности научно-методического сопровождения" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label="Год плана-графика" name="year" rules={[{ required: true, message: 'Укажите год' }]} style={{ width: 160 }}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="Отчётный период" name="periodLabel" rules={[{ required: true, whitespace: true, message: 'Укажите отчётный период' }]} style={{ flex: '1 1 220px' }}>
            <Input placeholder="2026 год, I полугодие 2026 г." />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item label="Начало сбора" name="collectFrom" rules={[{ required: true, message: 'Укажите дату начала сбора' }]} style={{ width: 200 }}>
            <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            label="Срок сдачи"
            name="deadline"
            dependencies={['collectFrom']}
            rules={[
              { required: true, message: 'Укажите срок сдачи' },
              ({ getFieldValue }) => ({
                validator: async (_r, v?: Dayjs) => {
                  const from = getFieldValue('collectFrom') as Dayjs | undefined;
                  if (v && from && v.isBefore(from, 'day')) throw new Error('Срок сдачи не может быть раньше начала сбора');
                },
              }),
            ]}
            style={{ width: 200 }}
          >
            <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item label="Описание" name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}

export function CampaignListPage() {
  const { can } = useAuth();
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const year = Number(filters.year) || thisYear;
  const { data, error, refetch, isPending } = useCampaigns(year);
  const [creating, setCreating] = useState(false);
  const canCreate = can.isAdmin && can.hasTerritoryScope;
  return (
    <>
      <PageHeader
        title="Мониторинг"
        subtitle="План-график мониторинга: кампании года, сроки и полнота сдачи данных"
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              Новая кампания
            </Button>
          )
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center">
            <Typography.Text>Год:</Typography.Text>
            <Select
              aria-label="Год плана-графика"
              value={year}
              style={{ width: 120 }}
              onChange={(v) => setFilters({ year: String(v) })}
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
            />
          </Flex>
          {error ? (
            <ErrorAlert error={error} onRetry={() => void refetch()} />
          ) : (
            <Table<CampaignSummary>
              rowKey="id"
              loading={isPending}
              dataSource={data?.items ?? []}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{ emptyText: canCreate ? 'Кампаний на этот год нет. Создайте первую кнопкой «Новая кампания».' : 'Кампаний мониторинга на этот год для вас нет.' }}
              columns={[
                {
                  title: 'Кампания',
                  key: 'title',
                  render: (_v, c) => (
                    <Flex vertical>
                      <Link to={`/monitoring/${c.id}`}>{c.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {campaignLevels[c.level]} · {c.ownerName} · {c.periodLabel}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: 'Сбор', key: 'dates', width: 200, render: (_v, c) => `${formatDate(c.collectFrom)} — ${formatDate(c.deadline)}` },
                { title: 'Статус', key: 'status', width: 130, render: (_v, c) => <Tag color={campaignColors[c.status]}>{campaignLabel(c.status)}</Tag> },
                { title: 'Полнота сдачи', key: 'rate', width: 300, render: (_v, c) => <RateCell c={c.counts} /> },
              ]}
            />
          )}
        </Flex>
      </Card>
      {canCreate && <NewCampaignModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
