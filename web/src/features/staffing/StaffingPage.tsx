// «Кадровые потребности»: vacancies reported by organizations, their summary by municipality or
// organization, the share of teachers whose education matches their subjects, and who needs
// retraining (ADR 0019).
import { useState } from 'react';
import { App, AutoComplete, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Progress, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, queryString } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DownloadButton } from '../../app/DownloadButton';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDate, formatNumber } from '../../app/format';
import { subjects } from '../../../../common/dictionaries';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useDefaultOwner } from '../documents/useDefaultOwner';
import type { RetrainingItem, SubjectMatch, Vacancy, VacancySummary } from './types';

const filterKeys = ['tab', 'territoryId', 'q', 'subject', 'status'] as const;
type Filters = ReturnType<typeof useUrlFilters<(typeof filterKeys)[number]>>;
const subjectOptions = subjects.map((s) => ({ value: s, label: s }));

// ───────────── vacancies ─────────────

interface VacancyValues {
  organizationId: string;
  position: string;
  subject?: string;
  hours: number;
  openSince: Dayjs;
  comment?: string;
}

function VacancyForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<VacancyValues>();
  const owner = useDefaultOwner();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: VacancyValues) =>
      api.post<Vacancy>('/api/vacancies', {
        organizationId: v.organizationId,
        position: v.position.trim(),
        subject: v.subject?.trim() || null,
        hours: v.hours,
        openSince: v.openSince.format('YYYY-MM-DD'),
        comment: v.comment?.trim() || null,
      }),
    () => {
      message.success('Вакансия добавлена');
      void qc.invalidateQueries({ queryKey: ['/api/vacancies'] });
      void qc.invalidateQueries({ queryKey: ['staffing'] });
      form.resetFields();
      onClose();
    },
  );
  return (
    <Modal open={open} title="Сообщить о вакансии" okText="Сохранить" cancelText="Отмена" onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form<VacancyValues> form={form} layout="vertical" onFinish={submit} initialValues={{ organizationId: owner?.value, position: 'Учитель', hours: 18, openSince: dayjs() }}>
        <Form.Item label="Организация" name="organizationId" rules={[{ required: true, message: 'Выберите организацию' }]}>
          <OrganizationSelect placeholder="Организация, которую вы администрируете" known={owner ? [owner] : []} />
        </Form.Item>
        <Form.Item label="Должность" name="position" rules={[{ required: true, whitespace: true, message: 'Укажите должность' }, { min: 2 }, { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Предмет" name="subject" rules={[{ max: 100 }]}>
          <AutoComplete options={subjectOptions} placeholder="Например, Математика" filterOption={(input, o) => (o?.value ?? '').toLowerCase().includes(input.toLowerCase())} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item label="Нагрузка, часов в неделю" name="hours" rules={[{ required: true, message: 'Укажите нагрузку' }]}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
          <Form.Item label="Открыта с" name="openSince" rules={[{ required: true, message: 'Укажите дату' }]}>
            <DatePicker format="DD.MM.YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Flex>
        <Form.Item label="Примечание" name="comment" rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Например: предоставляется служебное жильё" />
        </Form.Item>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}

function CloseButton({ v }: { v: Vacancy }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: () => api.patch<Vacancy>(`/api/vacancies/${v.id}`, { version: v.version, status: v.status === 'open' ? 'closed' : 'open' }),
    onSuccess: (r) => {
      message.success(r.status === 'closed' ? 'Вакансия закрыта' : 'Вакансия открыта снова');
      void qc.invalidateQueries({ queryKey: ['/api/vacancies'] });
      void qc.invalidateQueries({ queryKey: ['staffing'] });
    },
    onError: (err) => message.error(err.message),
  });
  return (
    <Button size="small" loading={change.isPending} onClick={() => change.mutate()}>
      {v.status === 'open' ? 'Закрыть' : 'Открыть снова'}
    </Button>
  );
}

function VacanciesTab({ f }: { f: Filters }) {
  const { can } = useAuth();
  const [adding, setAdding] = useState(false);
  const query = { territoryId: f.filters.territoryId, q: f.filters.q, subject: f.filters.subject, status: f.filters.status };
  const list = useKeysetList<Vacancy>('/api/vacancies', query);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Input.Search
            key={f.filters.q ?? ''}
            defaultValue={f.filters.q}
            placeholder="Должность или организация"
            aria-label="Поиск по должности или организации"
            allowClear
            enterButton="Найти"
            onSearch={(q) => f.setFilters({ q: q.trim() })}
            style={{ width: 320 }}
          />
          <Select aria-label="Предмет" placeholder="Все предметы" allowClear value={f.filters.subject} options={subjectOptions} onChange={(subject?: string) => f.setFilters({ subject })} style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} />
          <Select
            aria-label="Состояние"
            value={f.filters.status ?? 'open'}
            options={[
              { value: 'open', label: 'Открытые' },
              { value: 'closed', label: 'Закрытые' },
              { value: 'all', label: 'Все' },
            ]}
            onChange={(status: string) => f.setFilters({ status: status === 'open' ? undefined : status })}
            style={{ width: 150 }}
          />
        </Flex>
        <Space>
          <DownloadButton url={`/api/vacancies/export.xlsx${queryString(query)}`} fileName="Вакансии.xlsx">
            Выгрузить в Excel
          </DownloadButton>
          {can.isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              Сообщить о вакансии
            </Button>
          )}
        </Space>
      </Flex>
      <PagedTable<Vacancy>
        list={list}
        rowKey="id"
        totalLabel={(n) => `Найдено: ${counted(n, ['вакансия', 'вакансии', 'вакансий'])}`}
        empty={can.isAdmin ? 'Вакансий нет. Сообщите о вакансии кнопкой «Сообщить о вакансии».' : 'Вакансий нет.'}
        columns={[
          {
            title: 'Организация',
            key: 'org',
            render: (_, v) => (
              <>
                <Link to={`/organizations/${v.organizationId}`}>{v.organizationName}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {v.territoryName}
                </Typography.Text>
              </>
            ),
          },
          { title: 'Должность', dataIndex: 'position', width: 220 },
          { title: 'Предмет', dataIndex: 'subject', width: 180, render: (s: string | null) => s ?? '—' },
          { title: 'Часов в неделю', dataIndex: 'hours', width: 110, align: 'right' },
          { title: 'Открыта с', dataIndex: 'openSince', width: 120, render: (d: string) => formatDate(d) },
          {
            title: 'Состояние',
            key: 'status',
            width: 150,
            render: (_, v) => (v.status === 'open' ? <Tag color="orange">Открыта</Tag> : <Tag>Закрыта {formatDate(v.closedOn)}</Tag>),
          },
          { title: '', key: 'actions', width: 130, render: (_, v) => v.canEdit && <CloseButton v={v} /> },
        ]}
      />
      <VacancyForm open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}

// ───────────── summaries ─────────────

function useScoped<T>(path: string, territoryId: string | undefined) {
  return useQuery({ queryKey: ['staffing', path, territoryId], queryFn: ({ signal }) => api.get<T>(`${path}${queryString({ territoryId })}`, signal) });
}

/** The row name: a municipality of a region opens its organizations. */
function GroupName({ row, groupBy, base, f }: { row: { id: string; name: string }; groupBy: 'municipality' | 'organization'; base: string | null; f: Filters }) {
  if (groupBy === 'organization') return <Link to={`/organizations/${row.id}`}>{row.name}</Link>;
  if (row.id === base) return <>{row.name} (организации регионального подчинения)</>;
  return (
    <Typography.Link onClick={() => f.setFilters({ territoryId: row.id })} aria-label={`Открыть муниципалитет ${row.name}`}>
      {row.name}
    </Typography.Link>
  );
}

function BackToRegion({ f }: { f: Filters }) {
  return f.filters.territoryId ? (
    <Button onClick={() => f.setFilters({ territoryId: undefined })} style={{ width: 'fit-content' }}>
      ← Ко всей области доступа
    </Button>
  ) : null;
}

const groupTitle = (g: 'municipality' | 'organization') => (g === 'municipality' ? 'Муниципалитет' : 'Организация');

function SummaryTab({ f }: { f: Filters }) {
  const { data, error, refetch, isPending } = useScoped<VacancySummary>('/api/vacancies/summary', f.filters.territoryId);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <Flex vertical gap={16}>
      <BackToRegion f={f} />
      <Flex gap={32} wrap>
        <Statistic title="Открытых вакансий" value={data?.total.vacancies ?? 0} loading={isPending} />
        <Statistic title="Часов в неделю" value={data?.total.hours ?? 0} loading={isPending} groupSeparator=" " />
        <Statistic title="Организаций с вакансиями" value={data?.total.organizations ?? 0} loading={isPending} />
      </Flex>
      <Table
        size="middle"
        rowKey="id"
        loading={isPending}
        pagination={false}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: 'Открытых вакансий нет.' }}
        columns={[
          { title: data ? groupTitle(data.groupBy) : '', key: 'name', render: (_, r) => data && <GroupName row={r} groupBy={data.groupBy} base={data.territoryId} f={f} /> },
          { title: 'Вакансий', dataIndex: 'vacancies', width: 120, align: 'right' },
          { title: 'Часов в неделю', dataIndex: 'hours', width: 140, align: 'right', render: (n: number) => formatNumber(n) },
          ...(data?.groupBy === 'municipality' ? [{ title: 'Организаций', dataIndex: 'organizations', width: 130, align: 'right' as const }] : []),
        ]}
        summary={() =>
          data && data.rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>Итого</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{formatNumber(data.total.vacancies)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong>{formatNumber(data.total.hours)}</strong>
              </Table.Summary.Cell>
              {data.groupBy === 'municipality' && (
                <Table.Summary.Cell index={3} align="right">
                  <strong>{formatNumber(data.total.organizations)}</strong>
                </Table.Summary.Cell>
              )}
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        По предметам
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => r.subject ?? ''}
        pagination={false}
        dataSource={data?.bySubject ?? []}
        columns={[
          { title: 'Предмет', dataIndex: 'subject', render: (s: string | null) => s ?? 'Без предмета' },
          { title: 'Вакансий', dataIndex: 'vacancies', width: 120, align: 'right' },
          { title: 'Часов в неделю', dataIndex: 'hours', width: 140, align: 'right' },
        ]}
        style={{ maxWidth: 640 }}
      />
    </Flex>
  );
}

const shareText = (s: number | null) => (s === null ? '—' : `${String(s).replace('.', ',')} %`);

function MatchTab({ f }: { f: Filters }) {
  const { data, error, refetch, isPending } = useScoped<SubjectMatch>('/api/staffing/subject-match', f.filters.territoryId);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const figures = [
    { title: 'Педагогов, ведущих предметы', dataIndex: 'teachers', width: 130, align: 'right' as const, render: formatNumber },
    { title: 'Образование соответствует', dataIndex: 'matching', width: 130, align: 'right' as const, render: formatNumber },
    { title: 'Нужна переподготовка', dataIndex: 'mismatching', width: 130, align: 'right' as const, render: formatNumber },
    { title: 'Нет сведений', dataIndex: 'unknown', width: 110, align: 'right' as const, render: formatNumber },
    { title: 'Доля соответствия', dataIndex: 'share', width: 170, render: (s: number | null) => (s === null ? '—' : <Progress percent={s} size="small" format={() => shareText(s)} />) },
  ];
  return (
    <Flex vertical gap={16}>
      <BackToRegion f={f} />
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 900 }}>
        Предмет подтверждён, если специальность или квалификация диплома (высшее, среднее профессиональное образование, профессиональная переподготовка) соответствует предмету по справочнику; если
        дипломы не внесены — по отметке организации в должности. Доля считается от педагогов, о которых есть сведения.
      </Typography.Paragraph>
      <Flex gap={32} wrap>
        <Statistic title="Доля педагогов с образованием по профилю" value={shareText(data?.total.share ?? null)} loading={isPending} />
        <Statistic title="Педагогов, ведущих предметы" value={data?.total.teachers ?? 0} loading={isPending} groupSeparator=" " />
        <Statistic title="Нужна переподготовка" value={data?.total.mismatching ?? 0} loading={isPending} groupSeparator=" " />
        <Statistic title="Нет сведений" value={data?.total.unknown ?? 0} loading={isPending} groupSeparator=" " />
      </Flex>
      <Table
        size="middle"
        rowKey="id"
        loading={isPending}
        pagination={false}
        dataSource={data?.rows ?? []}
        scroll={{ x: 900 }}
        columns={[{ title: data ? groupTitle(data.groupBy) : '', key: 'name', render: (_, r) => data && <GroupName row={r} groupBy={data.groupBy} base={data.territoryId} f={f} /> }, ...figures]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        По предметам
      </Typography.Title>
      <Table size="small" rowKey="subject" pagination={false} dataSource={data?.bySubject ?? []} scroll={{ x: 900 }} columns={[{ title: 'Предмет', dataIndex: 'subject' }, ...figures]} />
    </Flex>
  );
}

function RetrainingTab({ f }: { f: Filters }) {
  const query = { territoryId: f.filters.territoryId, subject: f.filters.subject, q: f.filters.q };
  const list = useKeysetList<RetrainingItem>('/api/staffing/retraining', query);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Input.Search key={f.filters.q ?? ''} defaultValue={f.filters.q} placeholder="ФИО" aria-label="Поиск по ФИО" allowClear enterButton="Найти" onSearch={(q) => f.setFilters({ q: q.trim() })} style={{ width: 300 }} />
          <Select aria-label="Предмет без профильного образования" placeholder="Все предметы" allowClear value={f.filters.subject} options={subjectOptions} onChange={(subject?: string) => f.setFilters({ subject })} style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} />
        </Flex>
        <DownloadButton url={`/api/staffing/retraining/export.xlsx${queryString(query)}`} fileName="Переподготовка.xlsx">
          Выгрузить в Excel
        </DownloadButton>
      </Flex>
      <PagedTable<RetrainingItem>
        list={list}
        rowKey="staffId"
        totalLabel={(n) => `Нужна переподготовка: ${counted(n, ['педагог', 'педагога', 'педагогов'])}`}
        empty="Нет педагогов, чьё образование не соответствует преподаваемым предметам."
        columns={[
          { title: 'ФИО', key: 'name', render: (_, r) => <Link to={`/staff/${r.staffId}`}>{r.fullName}</Link> },
          { title: 'Организация', key: 'org', width: 260, render: (_, r) => r.organizations.join('; ') },
          { title: 'Должность', key: 'pos', width: 200, render: (_, r) => r.positions.join('; ') },
          { title: 'Предметы без профильного образования', key: 'uncovered', width: 240, render: (_, r) => r.uncoveredSubjects.map((s) => <Tag key={s} color="orange">{s}</Tag>) },
          { title: 'Образование', dataIndex: 'education', width: 260, render: (e: string | null) => e ?? <Typography.Text type="secondary">не внесено (по отметке организации)</Typography.Text> },
        ]}
      />
    </Flex>
  );
}

export function StaffingPage() {
  const f = useUrlFilters(filterKeys);
  const tab = f.filters.tab ?? 'vacancies';
  return (
    <>
      <PageHeader title="Кадровые потребности" subtitle="Вакансии организаций, свод по муниципалитетам и организациям, соответствие образования преподаваемым предметам" />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(t) => f.setFilters({ tab: t === 'vacancies' ? undefined : t, q: undefined, subject: undefined, status: undefined })}
          items={[
            { key: 'vacancies', label: 'Вакансии', children: tab === 'vacancies' && <VacanciesTab f={f} /> },
            { key: 'summary', label: 'Свод вакансий', children: tab === 'summary' && <SummaryTab f={f} /> },
            { key: 'match', label: 'Соответствие образования', children: tab === 'match' && <MatchTab f={f} /> },
            { key: 'retraining', label: 'Переподготовка', children: tab === 'retraining' && <RetrainingTab f={f} /> },
          ]}
        />
      </Card>
    </>
  );
}
