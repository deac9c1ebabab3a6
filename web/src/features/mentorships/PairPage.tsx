// One mentoring pair: who, in which form and for how long, the personal plan, the meetings log and
// the outcomes; the steps of its workflow for those who may take them.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Result, Skeleton, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { formatDate, formatDateTime } from '../../app/format';
import { actionNames, formNames } from './labels';
import { PairStatusTag } from './PairsTable';
import { useAddMeeting, usePair, usePairTransition, useUpdatePair } from './queries';
import type { MentorshipDetail, MentorshipMeeting } from './types';

function Actions({ p }: { p: MentorshipDetail }) {
  const move = usePairTransition(p.id);
  const { message } = App.useApp();
  const [closing, setClosing] = useState<'complete' | 'cancel' | null>(null);
  const [text, setText] = useState('');
  const run = async (action: MentorshipDetail['actions'][number], extra: { outcomes?: string; reason?: string } = {}) => {
    try {
      await move.mutateAsync({ version: p.version, action, ...extra });
      message.success(`Готово: ${actionNames[action].toLowerCase()}`);
      setClosing(null);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      {p.actions.map((a) =>
        a === 'complete' || a === 'cancel' ? (
          <Button key={a} danger={a === 'cancel'} onClick={() => (setText(a === 'complete' ? (p.outcomes ?? '') : ''), setClosing(a))}>
            {actionNames[a]}
          </Button>
        ) : (
          <Popconfirm key={a} title={a === 'confirm' ? 'Подтвердить пару? Она вступит в силу.' : 'Начать наставничество?'} okText={actionNames[a]} cancelText="Отмена" onConfirm={() => run(a)}>
            <Button type="primary" loading={move.isPending}>
              {actionNames[a]}
            </Button>
          </Popconfirm>
        ),
      )}
      <Modal
        open={closing !== null}
        title={closing === 'complete' ? 'Завершить наставничество' : 'Отменить пару'}
        okText={closing === 'complete' ? 'Завершить' : 'Отменить пару'}
        cancelText="Назад"
        confirmLoading={move.isPending}
        okButtonProps={{ disabled: closing === 'cancel' && !text.trim() }}
        onCancel={() => setClosing(null)}
        onOk={() => run(closing!, closing === 'complete' ? { outcomes: text.trim() || undefined } : { reason: text.trim() })}
      >
        <Typography.Paragraph>{closing === 'complete' ? 'Итоги наставничества (что освоено, какие результаты):' : 'Причина отмены (обязательно):'}</Typography.Paragraph>
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label={closing === 'complete' ? 'Итоги' : 'Причина отмены'} />
      </Modal>
    </>
  );
}

function PlanCard({ p }: { p: MentorshipDetail }) {
  const update = useUpdatePair(p.id);
  const [plan, setPlan] = useState(p.plan ?? '');
  const { message } = App.useApp();
  const dirty = plan !== (p.plan ?? '');
  return (
    <Card title="Индивидуальный план">
      {p.canEdit && p.status !== 'completed' && p.status !== 'cancelled' ? (
        <Flex vertical gap={8}>
          <Input.TextArea rows={4} value={plan} onChange={(e) => setPlan(e.target.value)} aria-label="План наставничества" placeholder="Что наставляемый осваивает и как: темы, открытые уроки, посещения, сроки" />
          <Flex gap={8}>
            <Button
              type="primary"
              disabled={!dirty}
              loading={update.isPending}
              onClick={() => update.mutate({ version: p.version, plan: plan.trim() || null }, { onSuccess: () => message.success('План сохранён'), onError: (e) => message.error(errorMessage(e)) })}
            >
              Сохранить план
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.plan || 'План не заполнен.'}</Typography.Paragraph>
      )}
    </Card>
  );
}

function MeetingForm({ p }: { p: MentorshipDetail }) {
  const add = useAddMeeting(p.id);
  const [form] = Form.useForm<{ heldOn: Dayjs; topic: string; notes?: string; durationMinutes?: number }>();
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ heldOn: dayjs(), durationMinutes: 45 }}
      onFinish={(v) =>
        add.mutate(
          { heldOn: v.heldOn.format('YYYY-MM-DD'), topic: v.topic, notes: v.notes || null, durationMinutes: v.durationMinutes ?? null },
          {
            onSuccess: () => {
              message.success('Встреча записана');
              form.resetFields(['topic', 'notes']);
            },
            onError: (e) => message.error(errorMessage(e)),
          },
        )
      }
      style={{ rowGap: 8 }}
    >
      <Form.Item name="heldOn" label="Дата" rules={[{ required: true, message: 'Укажите дату' }]}>
        <DatePicker format="DD.MM.YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(p.startsOn), 'day')} />
      </Form.Item>
      <Form.Item name="topic" label="Тема" rules={[{ required: true, min: 3, message: 'Укажите тему (не короче 3 символов)' }]}>
        <Input style={{ width: 320 }} placeholder="Разбор открытого урока" />
      </Form.Item>
      <Form.Item name="durationMinutes" label="Минут">
        <InputNumber min={5} max={600} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item name="notes" label="Заметки">
        <Input style={{ width: 320 }} placeholder="Договорённости, задачи" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          Записать встречу
        </Button>
      </Form.Item>
    </Form>
  );
}

export function PairPage() {
  const { id = '' } = useParams();
  const { data: p, error, refetch } = usePair(id);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="Пара не найдена" subTitle="Её нет или она вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!p) return <Skeleton active />;
  return (
    <>
      <PageHeader
        title={`${p.mentor.fullName} → ${p.mentee.fullName}`}
        documentTitle="Наставническая пара"
        trail={[{ title: 'Наставничество', to: '/mentoring' }]}
        subtitle={formNames[p.form]}
        extra={<Actions p={p} />}
      />
      <Flex vertical gap={16}>
        {p.status === 'suggested' && <Alert type="info" showIcon title="Пара предложена и ещё не действует: её подтверждает администратор организации наставляемого." />}
        <Card>
          <Descriptions
            bordered
            column={{ xs: 1, lg: 2 }}
            styles={{ label: { width: 200 } }}
            items={[
              { key: 'mentor', label: 'Наставник', children: <Link to={`/staff/${p.mentor.staffId}`}>{p.mentor.fullName}</Link> },
              { key: 'mentee', label: 'Наставляемый', children: <Link to={`/staff/${p.mentee.staffId}`}>{p.mentee.fullName}</Link> },
              { key: 'status', label: 'Статус', children: <PairStatusTag status={p.status} /> },
              { key: 'org', label: 'Организация', children: <Link to={`/organizations/${p.organization.id}`}>{p.organization.name}</Link> },
              { key: 'period', label: 'Срок', children: `${formatDate(p.startsOn)} – ${p.endsOn ? formatDate(p.endsOn) : 'не ограничен'}` },
              { key: 'confirmed', label: 'Подтверждена', children: p.confirmedAt ? `${formatDateTime(p.confirmedAt)}${p.confirmedBy ? `, ${p.confirmedBy}` : ''}` : '—' },
              ...(p.suggestionReason ? [{ key: 'reason', label: 'Почему предложен', children: p.suggestionReason, span: 'filled' as const }] : []),
              ...(p.outcomes ? [{ key: 'outcomes', label: 'Итоги', children: p.outcomes, span: 'filled' as const }] : []),
              ...(p.cancelReason ? [{ key: 'cancel', label: 'Причина отмены', children: p.cancelReason, span: 'filled' as const }] : []),
            ]}
          />
        </Card>
        <PlanCard key={p.version} p={p} />
        <Card title={`Журнал встреч (${p.meetings.length})`}>
          <Flex vertical gap={12}>
            {p.canLogMeeting && <MeetingForm p={p} />}
            <Table<MentorshipMeeting>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={p.meetings}
              locale={{ emptyText: 'Встреч ещё не было' }}
              columns={[
                { title: 'Дата', dataIndex: 'heldOn', width: 120, render: formatDate },
                { title: 'Тема', dataIndex: 'topic' },
                { title: 'Заметки', dataIndex: 'notes', render: (n: string | null) => n ?? '—' },
                { title: 'Минут', dataIndex: 'durationMinutes', width: 90, render: (n: number | null) => n ?? '—' },
                { title: 'Записал', dataIndex: 'author', width: 220, render: (a: string | null) => a ?? 'загружено' },
              ]}
            />
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
