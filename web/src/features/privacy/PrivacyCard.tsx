// The block «Обработка персональных данных» on a person's card (ADR 0028): legal basis and purpose,
// the consent history (given / withdrawn, text version, who recorded it), blocking and destruction.
// The person records their own consent; an administrator over them records a paper one; the
// regional administrator sets the basis, blocks, unblocks and destroys.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { DownloadButton } from '../../app/DownloadButton';
import { formatDate, formatDateTime } from '../../app/format';
import type { DestructionAct, PrivacyCard as Card_ } from './types';

type Consent = Card_['consents'][number];
const legalBasisOptions = [
  { value: 'law', label: 'Исполнение полномочий, возложенных законом (п. 2 ч. 1 ст. 6 152-ФЗ)' },
  { value: 'consent', label: 'Согласие субъекта (п. 1 ч. 1 ст. 6 152-ФЗ)' },
  { value: 'contract', label: 'Трудовой договор (п. 5 ч. 1 ст. 6 152-ФЗ)' },
  { value: 'public_interest', label: 'Осуществление функций органа власти (п. 4 ч. 1 ст. 6 152-ФЗ)' },
];

type Dialog = null | 'consent' | 'basis' | 'block' | 'destroy';

export function PrivacyCard({ staffId, fullName, own }: { staffId: string; fullName: string; own: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['privacy', staffId];
  const { data, error, refetch, isPending } = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Card_>(`/api/staff/${staffId}/privacy`, signal) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const done = (text: string) => (r: Card_) => {
    qc.setQueryData(key, r);
    message.success(text);
    setDialog(null);
  };
  const consent = useMutation({
    mutationFn: (v: { status: 'given' | 'withdrawn'; textVersion: string; effectiveOn: Dayjs; note?: string }) =>
      api.post<Card_>(`/api/staff/${staffId}/privacy/consents`, { ...v, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), note: v.note?.trim() || null }),
    onSuccess: done('Запись о согласии внесена'),
  });
  const basis = useMutation({
    mutationFn: (v: { legalBasis: string; purpose: string }) => api.put<Card_>(`/api/staff/${staffId}/privacy/basis`, { ...v, version: data?.basisVersion ?? 0 }),
    onSuccess: done('Основание обработки сохранено'),
  });
  const block = useMutation({ mutationFn: (v: { reason: string }) => api.post<Card_>(`/api/staff/${staffId}/privacy/block`, v), onSuccess: done('Обработка заблокирована') });
  const unblock = useMutation({ mutationFn: () => api.post<Card_>(`/api/staff/${staffId}/privacy/unblock`), onSuccess: done('Блокирование снято') });
  const destroy = useMutation({
    mutationFn: (v: { basis: string }) => api.post<DestructionAct>(`/api/staff/${staffId}/privacy/destroy`, { basis: v.basis, confirm: true }),
    onSuccess: (act) => {
      message.success(`Персональные данные уничтожены, составлен акт № ${act.number}`);
      setDialog(null);
      void qc.invalidateQueries();
    },
  });
  const pending = consent.error ?? basis.error ?? block.error ?? unblock.error ?? destroy.error;

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const open = (d: Dialog, values: Record<string, unknown> = {}) => {
    [consent, basis, block, destroy].forEach((m) => m.reset());
    form.resetFields();
    form.setFieldsValue(values);
    setDialog(d);
  };
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'consent') consent.mutate(v as never);
    if (dialog === 'basis') basis.mutate(v as never);
    if (dialog === 'block') block.mutate(v as never);
    if (dialog === 'destroy') destroy.mutate(v as never);
  };
  const titles: Record<Exclude<Dialog, null>, string> = {
    consent: 'Запись о согласии на обработку персональных данных',
    basis: 'Основание и цель обработки',
    block: 'Заблокировать обработку персональных данных',
    destroy: 'Уничтожить персональные данные',
  };
  return (
    <Card
      title="Обработка персональных данных"
      loading={isPending}
      extra={
        data && (
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} onClick={() => open('consent', { status: 'given', effectiveOn: dayjs(), textVersion: data.consent?.textVersion })}>
              {own ? 'Моё согласие' : 'Внести согласие'}
            </Button>
            {data.canAdminister && (
              <>
                <Button onClick={() => open('basis', { legalBasis: data.legalBasis, purpose: data.purpose })}>Основание</Button>
                {data.blocked ? (
                  <Button icon={<UnlockOutlined />} loading={unblock.isPending} onClick={() => unblock.mutate()}>
                    Снять блокирование
                  </Button>
                ) : (
                  <Button icon={<LockOutlined />} onClick={() => open('block')}>
                    Заблокировать
                  </Button>
                )}
                <Button danger icon={<DeleteOutlined />} onClick={() => open('destroy')}>
                  Уничтожить
                </Button>
              </>
            )}
          </Flex>
        )
      }
    >
      {data && (
        <Flex vertical gap={12}>
          {pending && !dialog && <ErrorAlert error={pending} />}
          {data.blocked && (
            <Alert
              type="error"
              showIcon
              title={`Обработка заблокирована ${formatDateTime(data.blocked.blockedAt)}${data.blocked.blockedBy ? ` (${data.blocked.blockedBy})` : ''}`}
              description={`Основание: ${data.blocked.reason}. Работник скрыт из списков, поиска и выгрузок, изменения о нём не принимаются, вход в систему закрыт. Данные сохранены.`}
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 220 } }}
            items={[
              { key: 'basis', label: 'Правовое основание', children: data.legalBasisName },
              { key: 'purpose', label: 'Цель обработки', children: data.purpose },
              {
                key: 'consent',
                label: 'Согласие',
                children: data.consent ? (
                  <>
                    <Tag color={data.consent.status === 'given' ? 'green' : 'red'}>{data.consent.status === 'given' ? 'дано' : 'отозвано'}</Tag>
                    {formatDate(data.consent.effectiveOn)}, редакция текста «{data.consent.textVersion}»
                  </>
                ) : (
                  'не внесено'
                ),
              },
            ]}
          />
          {data.consents.length > 0 && (
            <Table<Consent>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.consents}
              columns={[
                { title: 'Согласие', dataIndex: 'status', render: (s: Consent['status']) => <Tag color={s === 'given' ? 'green' : 'red'}>{s === 'given' ? 'дано' : 'отозвано'}</Tag> },
                { title: 'Дата', dataIndex: 'effectiveOn', render: formatDate },
                { title: 'Редакция текста', dataIndex: 'textVersion' },
                { title: 'Примечание', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
                { title: 'Внесено', key: 'rec', render: (_, c) => `${formatDateTime(c.recordedAt)}${c.recordedBy ? `, ${c.recordedBy}` : ''}` },
              ]}
            />
          )}
          {data.destructionActs.map((a) => (
            <DownloadButton key={a.id} url={`/api/privacy/destruction-acts/${a.id}/export.docx`} fileName={`Акт уничтожения № ${a.number}.docx`}>
              Акт уничтожения № {a.number} от {formatDate(a.actDate)}
            </DownloadButton>
          ))}
        </Flex>
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? titles[dialog] : ''}
        okText={dialog === 'destroy' ? 'Уничтожить' : 'Сохранить'}
        okButtonProps={{ danger: dialog === 'destroy' || dialog === 'block' }}
        cancelText="Отмена"
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={consent.isPending || basis.isPending || block.isPending || destroy.isPending}
        destroyOnHidden
      >
        {pending && <ErrorAlert error={pending} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          {dialog === 'consent' && (
            <>
              <Form.Item name="status" label="Согласие" rules={[{ required: true }]}>
                <Radio.Group options={[{ value: 'given', label: 'Дано' }, { value: 'withdrawn', label: 'Отозвано' }]} />
              </Form.Item>
              <Form.Item name="textVersion" label="Редакция текста согласия" rules={[{ required: true, whitespace: true, message: 'Укажите редакцию текста, например «2026-1»' }, { max: 50 }]}>
                <Input placeholder="2026-1" />
              </Form.Item>
              <Form.Item name="effectiveOn" label="Дата (по документу)" rules={[{ required: true, message: 'Укажите дату' }]}>
                <DatePicker format="DD.MM.YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
              <Form.Item name="note" label="Примечание" rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} placeholder="Например: заявление от 01.03.2026 № 12" />
              </Form.Item>
              <Typography.Text type="secondary">Прежние записи не меняются: история согласий хранится целиком.</Typography.Text>
            </>
          )}
          {dialog === 'basis' && (
            <>
              <Form.Item name="legalBasis" label="Правовое основание" rules={[{ required: true }]}>
                <Select options={legalBasisOptions} />
              </Form.Item>
              <Form.Item name="purpose" label="Цель обработки" rules={[{ required: true, whitespace: true, min: 5, message: 'Опишите цель обработки' }, { max: 1000 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog === 'block' && (
            <>
              <Typography.Paragraph>
                Работник {fullName} исчезнет из списков, поиска, выгрузок и подбора для всех, кроме администраторов региона; изменения о нём перестанут приниматься; его учётная запись не сможет
                войти, открытые сеансы завершатся. Данные сохраняются.
              </Typography.Paragraph>
              <Form.Item name="reason" label="Основание блокирования" rules={[{ required: true, whitespace: true, min: 5, message: 'Укажите основание (не короче 5 символов)' }, { max: 1000 }]}>
                <Input.TextArea rows={2} placeholder="Например: запрос субъекта от 01.03.2026 о недостоверности данных" />
              </Form.Item>
            </>
          )}
          {dialog === 'destroy' && (
            <>
              <Alert
                type="error"
                showIcon
                title="Действие необратимо"
                description={`ФИО, дата рождения, СНИЛС, контакты, файлы и упоминания работника ${fullName} будут стёрты во всех хранилищах; записи о диагностике, обучении и мероприятиях останутся обезличенными. Будет составлен акт с выпиской из журнала аудита.`}
              />
              <Form.Item name="basis" label="Основание уничтожения" style={{ marginTop: 12 }} rules={[{ required: true, whitespace: true, min: 5, message: 'Укажите основание (не короче 5 символов)' }, { max: 1000 }]}>
                <Input.TextArea rows={2} placeholder="Например: отзыв согласия, заявление от 01.03.2026" />
              </Form.Item>
              <Form.Item name="confirm" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('Подтвердите уничтожение'))) }]}>
                <Checkbox>Подтверждаю уничтожение персональных данных</Checkbox>
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
