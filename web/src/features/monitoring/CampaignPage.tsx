// The card of a campaign: the reporting-rate table (coloured on time / late / missing), the
// organizations with their states and reminders, the forms, and the assignment of organizations.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Modal, Input, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { BellOutlined, CheckCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useUrlFilters } from '../../app/useUrlFilters';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useTerritories } from '../territories/useTerritories';
import { campaignLevels, completenessStatuses } from '../../../../common/monitoring';
import { organizationKinds as organizationKindsLabel } from '../../../../common/dictionaries';
import { campaignColors, campaignLabel, completenessColors, completenessLabel, submissionColors, submissionLabel } from './labels';
import { useCampaign, useCompleteness, useMonitoringWrite } from './queries';
import { FieldsTable, FormEditor } from './FormEditor';
import type { Assignment, Campaign, Completeness } from './types';

type Row = Completeness['rows'][number];
const pct = (n: number | null) => (n == null ? '—' : `${String(n).replace('.', ',')} %`);
const tabKeys = ['tab', 'territoryId'] as const;

function CompletenessTab({ campaign }: { campaign: Campaign }) {
  const { filters, setFilters } = useUrlFilters(tabKeys);
  const { data, error, refetch } = useCompleteness(campaign.id, filters.territoryId);
  const { message } = App.useApp();
  const remind = useMonitoringWrite<{ reminded: number }>();
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  const toRemind = data.organizations.filter((o) => o.status === 'draft' || o.status === 'returned');
  const cell = (n: number, status: keyof typeof completenessColors) => (n ? <Tag color={completenessColors[status]}>{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>);
  const sendReminders = (ids?: string[]) =>
    remind.mutateAsync(() => api.post<{ reminded: number }>(`/api/monitoring/campaigns/${campaign.id}/reminders`, { assignmentIds: ids })).then(
      (r) => message.success(r.reminded ? `Напоминание записано: ${r.reminded}. Организации увидят его на главной странице` : 'Напоминать некому'),
      (e: Error) => message.error(e.message),
    );
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        На {formatDate(data.asOf)}. «Не сдано» — срок истёк, данных нет; «ожидается» — срок ещё не истёк. Своевременность считается по первой отправке.
        {filters.territoryId && (
          <>
            {' '}
            <a onClick={() => setFilters({ territoryId: undefined })}>Все муниципалитеты</a>
          </>
        )}
      </Typography.Text>
      <Table<Row>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={data.rows}
        scroll={{ x: 900 }}
        aria-label="Полнота сдачи"
        columns={[
          {
            title: data.groupBy === 'municipality' ? 'Муниципалитет' : 'Организация',
            dataIndex: 'name',
            render: (name: string, r) => (data.groupBy === 'municipality' ? <a onClick={() => setFilters({ territoryId: r.id })}>{name}</a> : name),
          },
          { title: 'Назначено', dataIndex: 'assigned', width: 110, align: 'right' },
          { title: 'В срок', dataIndex: 'onTime', width: 110, align: 'right', render: (n: number) => cell(n, 'on_time') },
          { title: 'С опозданием', dataIndex: 'late', width: 130, align: 'right', render: (n: number) => cell(n, 'late') },
          { title: 'Не сдано', dataIndex: 'missing', width: 110, align: 'right', render: (n: number) => cell(n, 'missing') },
          { title: 'Ожидается', dataIndex: 'pending', width: 110, align: 'right', render: (n: number) => cell(n, 'pending') },
          { title: 'Сдано, %', dataIndex: 'rate', width: 110, align: 'right', render: pct },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>Итого</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong>{data.total.assigned}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{cell(data.total.onTime, 'on_time')}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{cell(data.total.late, 'late')}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{cell(data.total.missing, 'missing')}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{cell(data.total.pending, 'pending')}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <strong>{pct(data.total.rate)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Card
        size="small"
        title="Организации"
        extra={
          campaign.status === 'open' &&
          toRemind.length > 0 && (
            <Button icon={<BellOutlined />} onClick={() => void sendReminders()} loading={remind.isPending}>
              Напомнить не отправившим ({toRemind.length})
            </Button>
          )
        }
      >
        <AssignmentsTable items={data.organizations} onRemind={campaign.status === 'open' ? (id) => void sendReminders([id]) : undefined} />
      </Card>
    </Flex>
  );
}

function AssignmentsTable({ items, onRemind }: { items: Assignment[]; onRemind?: (id: string) => void }) {
  return (
    <Table<Assignment>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      columns={[
        { title: 'Организация', key: 'org', width: 380, render: (_v, a) => <Link to={`/monitoring/assignments/${a.id}`}>{a.organizationName}</Link> },
        { title: 'Территория', dataIndex: 'territoryName', width: 200 },
        { title: 'Срок', dataIndex: 'deadline', width: 110, render: formatDate },
        { title: 'Сдано', key: 'completeness', width: 200, render: (_v, a) => <Tag color={completenessColors[a.completeness]}>{completenessLabel(a.completeness)}{a.firstSubmittedOn ? ` ${formatDate(a.firstSubmittedOn)}` : ''}</Tag> },
        { title: 'Состояние', key: 'status', width: 200, render: (_v, a) => <Tag color={submissionColors[a.status]}>{submissionLabel(a.status)}</Tag> },
        {
          title: 'Напоминания',
          key: 'reminders',
          width: 190,
          render: (_v, a) => (
            <Flex gap={4} align="center" wrap>
              {a.reminders > 0 && <Typography.Text type="secondary">{a.reminders}, посл. {formatDateTime(a.lastReminderAt).slice(0, 10)}</Typography.Text>}
              {onRemind && (a.status === 'draft' || a.status === 'returned') && (
                <Button size="small" icon={<BellOutlined />} aria-label={`Напомнить: ${a.organizationName}`} onClick={() => onRemind(a.id)} />
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}

interface AssignValues {
  organizationIds?: string[];
  territoryIds?: string[];
  organizationKinds?: string[];
  deadline?: Dayjs;
}

function AssignCard({ campaign }: { campaign: Campaign }) {
  const [form] = Form.useForm<AssignValues>();
  const { message } = App.useApp();
  const territories = useTerritories();
  const write = useMonitoringWrite<{ added: number; alreadyAssigned: number }>();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: AssignValues) =>
      write.mutateAsync(() =>
        api.post<{ added: number; alreadyAssigned: number }>(`/api/monitoring/campaigns/${campaign.id}/assignments`, {
          organizationIds: v.organizationIds ?? [],
          territoryIds: v.territoryIds ?? [],
          organizationKinds: v.organizationKinds?.length ? v.organizationKinds : undefined,
          deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
        }),
      ),
    (r) => {
      message.success(`Назначено организаций: ${r.added}${r.alreadyAssigned ? `; уже были назначены: ${r.alreadyAssigned}` : ''}`);
      form.resetFields();
    },
  );
  const munis = (territories.data ?? []).filter((t) => t.kind === 'municipality' && (t.id === campaign.territoryId || t.parentId === campaign.territoryId));
  return (
    <Card size="small" title="Назначить организации">
      <Form<AssignValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="Организации" name="organizationIds">
          <OrganizationSelect mode="multiple" placeholder="Начните вводить наименование" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label="Или все организации муниципалитетов" name="territoryIds" style={{ flex: '1 1 320px' }}>
            <Select mode="multiple" allowClear options={munis.map((t) => ({ value: t.id, label: t.name }))} placeholder="Муниципалитеты" optionFilterProp="label" />
          </Form.Item>
          <Form.Item label="Виды организаций" name="organizationKinds" style={{ flex: '1 1 240px' }} extra="По умолчанию — школы">
            <Select mode="multiple" allowClear options={Object.entries(organizationKindsLabel).map(([value, label]) => ({ value, label }))} optionFilterProp="label" />
          </Form.Item>
          <Form.Item label="Срок сдачи" name="deadline" style={{ width: 200 }} extra={`По умолчанию — ${formatDate(campaign.deadline)}`}>
            <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
        <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 8 }}>
          Назначить
        </Button>
      </Form>
    </Card>
  );
}

function FormsTab({ campaign }: { campaign: Campaign }) {
  const editable = campaign.canEdit && campaign.status === 'draft';
  return (
    <Flex vertical gap={16}>
      {campaign.forms.length === 0 && !editable && <Empty description="В кампании нет форм" />}
      {campaign.forms.map((f) =>
        editable ? (
          <FormEditor key={`${f.id}-${f.version}`} campaign={campaign} form={f} />
        ) : (
          <Card key={f.id} size="small" title={f.title}>
            <FieldsTable fields={f.fields} />
          </Card>
        ),
      )}
      {editable && <FormEditor campaign={campaign} />}
    </Flex>
  );
}

function StatusButtons({ campaign }: { campaign: Campaign }) {
  const { message } = App.useApp();
  const write = useMonitoringWrite<Campaign>();
  if (!campaign.canEdit) return null;
  const change = (status: Campaign['status'], text: string) =>
    Modal.confirm({
      title: text,
      okText: 'Подтвердить',
      cancelText: 'Отмена',
      onOk: () =>
        write.mutateAsync(() => api.patch<Campaign>(`/api/monitoring/campaigns/${campaign.id}`, { status, version: campaign.version })).then(
          () => message.success('Статус кампании изменён'),
          (e: Error) => message.error(e.message),
        ),
    });
  if (campaign.status === 'draft')
    return (
      <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => change('open', 'Начать сбор? Формы после этого менять нельзя.')}>
        Начать сбор
      </Button>
    );
  if (campaign.status === 'open')
    return (
      <Button icon={<StopOutlined />} onClick={() => change('closed', 'Завершить сбор? Организации больше не смогут отправлять данные.')}>
        Завершить сбор
      </Button>
    );
  return (
    <Button icon={<CheckCircleOutlined />} onClick={() => change('open', 'Возобновить сбор?')}>
      Возобновить сбор
    </Button>
  );
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const { data: campaign, error, refetch } = useCampaign(id);
  const { filters, setFilters } = useUrlFilters(tabKeys);
  const [tab, setTab] = useState(filters.tab ?? 'completeness');
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!campaign) return <Skeleton active />;
  return (
    <>
      <PageHeader
        title={campaign.title}
        trail={[{ title: 'Мониторинг', to: `/monitoring?year=${campaign.year}` }]}
        subtitle={
          <span>
            <Tag color={campaignColors[campaign.status]}>{campaignLabel(campaign.status)}</Tag> {campaignLevels[campaign.level]} · {campaign.ownerName}
          </span>
        }
        extra={<StatusButtons campaign={campaign} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="Отчётный период">{campaign.periodLabel}</Descriptions.Item>
          <Descriptions.Item label="Сбор">
            {formatDate(campaign.collectFrom)} — {formatDate(campaign.deadline)}
          </Descriptions.Item>
          <Descriptions.Item label="Территория">{campaign.territoryName}</Descriptions.Item>
          {campaign.description && <Descriptions.Item label="Описание" span={3}>{campaign.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setFilters({ tab: k });
        }}
        items={[
          { key: 'completeness', label: 'Полнота сдачи', children: <CompletenessTab campaign={campaign} /> },
          { key: 'forms', label: `Формы (${campaign.forms.length})`, children: <FormsTab campaign={campaign} /> },
          ...(campaign.canEdit && campaign.status !== 'closed' ? [{ key: 'assign', label: 'Назначить организации', children: <AssignCard campaign={campaign} /> }] : []),
        ]}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16 }}>
        {completenessStatuses.on_time} — зелёный, {completenessStatuses.late.toLowerCase()} — оранжевый, {completenessStatuses.missing.toLowerCase()} — красный.
      </Typography.Text>
    </>
  );
}
