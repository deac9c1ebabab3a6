// Annual events calendars of the levels: formed by the owner, approved by the authority no later
// than 30 November of the year before; status, deadline, events and reports of each.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { formatDate } from '../../app/format';
import { useAuth } from '../../app/auth';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { calendarStatusColors, calendarStatuses, eventLevels, levelColors, optionsOf } from './labels';
import type { EventCalendar, EventCalendarDetail } from './types';

const actionLabels = { submit: 'Направить на утверждение', approve: 'Утвердить', return: 'Вернуть на доработку', reopen: 'Открыть для изменений' } as const;
type Action = keyof typeof actionLabels;

function Actions({ calendar }: { calendar: EventCalendar }) {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const { data } = useQuery({ queryKey: [`/api/event-calendars/${calendar.id}`], queryFn: ({ signal }) => api.get<EventCalendarDetail>(`/api/event-calendars/${calendar.id}`, signal) });
  const run = async (action: Action, extra: Record<string, string> = {}) => {
    try {
      await api.post(`/api/event-calendars/${calendar.id}/transition`, { version: calendar.version, action, ...extra });
      message.success(`${actionLabels[action]}: готово`);
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/event-calendars') });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const ask = (action: Action, field: 'reason' | 'approvalDocument', label: string) => {
    let value = '';
    modal.confirm({
      title: actionLabels[action],
      content: <Input.TextArea aria-label={label} placeholder={label} rows={3} onChange={(e) => (value = e.target.value)} />,
      okText: actionLabels[action],
      cancelText: 'Отмена',
      onOk: () => run(action, value ? { [field]: value } : {}),
    });
  };
  return (
    <Space wrap size={4}>
      {(data?.actions ?? []).map((a) => (
        <Button
          key={a}
          size="small"
          type={a === 'approve' || a === 'submit' ? 'primary' : 'default'}
          onClick={() => (a === 'approve' ? ask(a, 'approvalDocument', 'Реквизиты утверждающего документа (приказ от … № …)') : a === 'return' || a === 'reopen' ? ask(a, 'reason', 'Что нужно доработать') : run(a))}
        >
          {actionLabels[a as Action]}
        </Button>
      ))}
    </Space>
  );
}

function CreateCalendar({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { submit, saving, error, unmatched } = useFormSubmit(form, (v: { ownerOrganizationId: string; year: number; level: string }) => api.post('/api/event-calendars', v), async () => {
    await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/event-calendars') });
    onClose();
  });
  return (
    <Modal open title="Начать формирование календаря" okText="Создать" cancelText="Отмена" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose}>
      {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: new Date().getFullYear() + 1, level: 'municipal' }}>
        <Form.Item name="ownerOrganizationId" label="Организация, формирующая календарь" rules={[{ required: true, message: 'Выберите организацию' }]}>
          <OrganizationSelect aria-label="Организация" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="level" label="Уровень" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={optionsOf(eventLevels)} />
          </Form.Item>
          <Form.Item name="year" label="Год" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

export function CalendarsPage() {
  const { can } = useAuth();
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const url = `/api/event-calendars${year ? `?year=${year}` : ''}`;
  const { data, isLoading, error } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ items: EventCalendar[] }>(url, signal) });
  const thisYear = new Date().getFullYear();
  return (
    <>
      <PageHeader
        title="Годовые календари мероприятий"
        trail={[{ title: 'Календарь мероприятий', to: '/events' }]}
        subtitle="Календарь каждого уровня формируется и утверждается не позднее ноября года, предшествующего году проведения мероприятий."
        extra={
          can.isAdmin && (
            <Button type="primary" onClick={() => setCreating(true)}>
              Сформировать календарь
            </Button>
          )
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Select aria-label="Год" placeholder="Все годы" allowClear value={year} onChange={setYear} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} год` }))} style={{ width: 160 }} />
          {error ? <ErrorAlert error={error} /> : null}
          <Table<EventCalendar>
            rowKey="id"
            loading={isLoading}
            dataSource={data?.items ?? []}
            pagination={false}
            locale={{ emptyText: 'Календарей пока нет' }}
            columns={[
              { title: 'Год', dataIndex: 'year', width: 70 },
              {
                title: 'Календарь',
                key: 'title',
                render: (_, c) => (
                  <Flex vertical gap={2}>
                    <span>{c.title}</span>
                    <span>
                      <Tag color={levelColors[c.level]}>{eventLevels[c.level]}</Tag>
                      <Typography.Text type="secondary">{c.ownerName}</Typography.Text>
                    </span>
                    {c.returnReason && c.status === 'draft' && <Typography.Text type="warning">Возвращён: {c.returnReason}</Typography.Text>}
                  </Flex>
                ),
              },
              {
                title: 'Статус',
                key: 'status',
                width: 200,
                render: (_, c) => (
                  <Flex vertical gap={2}>
                    <Tag color={calendarStatusColors[c.status]} style={{ width: 'fit-content' }}>
                      {calendarStatuses[c.status]}
                    </Tag>
                    {c.approvedAt && <Typography.Text type="secondary">{formatDate(c.approvedAt)}{c.approvalDocument ? `, ${c.approvalDocument}` : ''}</Typography.Text>}
                  </Flex>
                ),
              },
              {
                title: 'Срок утверждения',
                key: 'deadline',
                width: 150,
                render: (_, c) => (
                  <>
                    {formatDate(c.deadline)}
                    {c.overdue && (
                      <Tag color="red" style={{ display: 'block', width: 'fit-content' }}>
                        {c.status === 'approved' ? 'утверждён с опозданием' : 'срок пропущен'}
                      </Tag>
                    )}
                  </>
                ),
              },
              {
                title: 'Мероприятия',
                key: 'events',
                width: 170,
                render: (_, c) => (
                  <Flex vertical>
                    <span>всего: {c.events}</span>
                    <Typography.Text type="secondary">проведено: {c.held}, отчётов: {c.reported}</Typography.Text>
                    {c.addedAfterApproval > 0 && <Typography.Text type="secondary">добавлено после утверждения: {c.addedAfterApproval}</Typography.Text>}
                  </Flex>
                ),
              },
              { title: 'Действия', key: 'actions', width: 220, render: (_, c) => <Actions calendar={c} /> },
            ]}
          />
        </Flex>
      </Card>
      {creating && <CreateCalendar onClose={() => setCreating(false)} />}
    </>
  );
}
