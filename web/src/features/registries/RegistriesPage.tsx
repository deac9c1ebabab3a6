// «Инновационные площадки»: the registry of innovation and internship sites, kept by the region.
// Professional communities have their own section («Сообщества», ADR 0017).
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { api } from '../../app/api';
import { counted, formatDate } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useMe } from '../../app/auth';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { siteKinds, siteStatuses, type SiteStatus } from '../../../../common/practices';
import { enumOptions } from '../practices/PracticeTags';
import type { InnovationSiteDto } from '../../../../server/modules/registries/registries.api';

const statusColors: Record<SiteStatus, string> = { applied: 'default', active: 'success', suspended: 'warning', closed: 'error' };

export function RegistriesPage() {
  return (
    <>
      <PageHeader title="Инновационные и стажировочные площадки" subtitle="Реестр площадок региона: статус, период, тема, распорядительный акт" />
      <SitesTab />
    </>
  );
}

function SitesTab() {
  const { filters, setFilters } = useUrlFilters(['q', 'kind', 'status'] as const);
  const list = useKeysetList<InnovationSiteDto>('/api/innovation-sites', filters);
  const [editing, setEditing] = useState<InnovationSiteDto | 'new' | null>(null);
  const me = useMe();
  const canCreate = me.roles.some((r) => r.role === 'regional_admin');
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear defaultValue={filters.q} placeholder="Организация или тема" aria-label="Поиск площадок" onSearch={(q) => setFilters({ q })} style={{ width: 320 }} />
        <Select allowClear placeholder="Вид площадки" aria-label="Вид площадки" value={filters.kind} options={enumOptions(siteKinds)} onChange={(kind) => setFilters({ kind })} style={{ width: 240 }} />
        <Select allowClear placeholder="Статус" aria-label="Статус" value={filters.status} options={enumOptions(siteStatuses)} onChange={(status) => setFilters({ status })} style={{ width: 260 }} />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Внести площадку
          </Button>
        )}
      </Flex>
      <PagedTable<InnovationSiteDto>
        list={list}
        rowKey="id"
        totalLabel={(n) => `Найдено: ${counted(n, ['площадка', 'площадки', 'площадок'])}`}
        empty="Площадок не найдено"
        onRow={(s) => (s.canEdit ? { onClick: () => setEditing(s), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: 'Организация', dataIndex: 'organizationName', width: 300 },
          { title: 'Территория', dataIndex: 'territoryName', width: 200 },
          { title: 'Вид', key: 'kind', width: 140, render: (_, s) => siteKinds[s.kind] },
          { title: 'Тема', dataIndex: 'topic' },
          { title: 'Период', key: 'period', width: 130, render: (_, s) => `${formatDate(s.periodFrom)} — ${s.periodTo ? formatDate(s.periodTo) : 'бессрочно'}` },
          { title: 'Статус', key: 'status', width: 170, render: (_, s) => <Tag color={statusColors[s.status]}>{siteStatuses[s.status]}</Tag> },
        ]}
      />
      {editing && <SiteModal site={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface SiteValues {
  organizationId: string;
  kind: string;
  status: string;
  topic: string;
  period: [Dayjs, Dayjs | null];
  orderRef?: string;
}

function SiteModal({ site, onClose }: { site: InnovationSiteDto | null; onClose: () => void }) {
  const [form] = Form.useForm<SiteValues>();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const done = () => {
    void client.invalidateQueries({ queryKey: ['/api/innovation-sites'] });
    onClose();
  };
  const { submit, saving, error, unmatched } = useFormSubmit<SiteValues, unknown>(
    form,
    (v) => {
      const body = { kind: v.kind, status: v.status, topic: v.topic, periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1]?.format('YYYY-MM-DD') ?? null, orderRef: v.orderRef || null };
      return site ? api.patch(`/api/innovation-sites/${site.id}`, { ...body, version: site.version }) : api.post('/api/innovation-sites', { ...body, organizationId: v.organizationId });
    },
    done,
  );
  const initial = site
    ? { ...site, orderRef: site.orderRef ?? undefined, period: [dayjs(site.periodFrom), site.periodTo ? dayjs(site.periodTo) : null] as [Dayjs, Dayjs | null] }
    : { kind: 'innovation', status: 'active' };
  const exclude = () =>
    modal.confirm({
      title: 'Исключить площадку из реестра?',
      okText: 'Исключить',
      cancelText: 'Отмена',
      onOk: () => api.patch(`/api/innovation-sites/${site!.id}`, { version: site!.version, archived: true }).then(done).catch((e) => message.error(errorMessage(e))),
    });
  return (
    <Modal
      title={site ? site.organizationName : 'Новая площадка'}
      open
      onCancel={onClose}
      footer={[
        site && (
          <Button key="x" danger onClick={exclude}>
            Исключить
          </Button>
        ),
        <Button key="c" onClick={onClose}>
          Отмена
        </Button>,
        <Button key="s" type="primary" loading={saving} onClick={() => form.submit()}>
          Сохранить
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form<SiteValues> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        {!site && (
          <Form.Item name="organizationId" label="Организация" rules={[{ required: true, message: 'Выберите организацию' }]}>
            <OrganizationSelect placeholder="Начните вводить название" aria-label="Организация" />
          </Form.Item>
        )}
        <Form.Item name="kind" label="Вид" rules={[{ required: true }]}>
          <Select options={enumOptions(siteKinds)} />
        </Form.Item>
        <Form.Item name="status" label="Статус" rules={[{ required: true }]}>
          <Select options={enumOptions(siteStatuses)} />
        </Form.Item>
        <Form.Item name="topic" label="Тема" rules={[{ required: true, message: 'Укажите тему' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="period" label="Период" rules={[{ required: true, message: 'Укажите начало периода' }]}>
          <DatePicker.RangePicker format="DD.MM.YYYY" allowEmpty={[false, true]} placeholder={['Начало', 'Окончание']} />
        </Form.Item>
        <Form.Item name="orderRef" label="Распорядительный акт">
          <Input maxLength={500} placeholder="Распоряжение министерства от … № …" />
        </Form.Item>
        {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      </Form>
    </Modal>
  );
}
