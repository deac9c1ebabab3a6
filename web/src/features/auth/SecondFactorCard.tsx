// «Второй фактор входа» on the sessions page: an administrator links an authenticator app (TOTP,
// ADR 0029), keeps recovery codes, and can turn it off with a code.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecondFactorEnrolmentDto, SecondFactorStatusDto } from '../../../../server/modules/auth/auth.api';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { counted, formatDateTime } from '../../app/format';

const statusKey = ['auth', 'second-factor'] as const;

/** One code field and a button: confirms, disables or renews, by the `path` it posts to. */
function CodeForm({ path, label, danger, onDone }: { path: string; label: string; danger?: boolean; onDone: (result: { recoveryCodes?: string[] } | undefined) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const { submit, saving, error } = useFormSubmit(form, (v: { code: string }) => api.post<{ recoveryCodes?: string[] }>(path, { code: v.code.trim() }), (r) => {
    form.resetFields();
    onDone(r);
  });
  return (
    <Form form={form} layout="inline" onFinish={submit} requiredMark={false} disabled={saving}>
      <Form.Item name="code" label="Код" rules={[{ required: true, whitespace: true, message: 'Введите код' }]}>
        <Input autoComplete="one-time-code" placeholder="123456" style={{ width: 200 }} />
      </Form.Item>
      <Button htmlType="submit" type={danger ? 'default' : 'primary'} danger={danger} loading={saving}>
        {label}
      </Button>
      {error !== null && <div style={{ width: '100%', marginTop: 8 }}><ErrorAlert error={error} /></div>}
    </Form>
  );
}

function RecoveryCodes({ codes, onClose }: { codes: string[] | null; onClose: () => void }) {
  return (
    <Modal open={!!codes} title="Коды восстановления" onCancel={onClose} footer={<Button type="primary" onClick={onClose}>Я сохранил(а) коды</Button>}>
      <Typography.Paragraph>
        Каждый код позволяет войти один раз, если телефона с приложением нет под рукой. Сохраните их в надёжном месте: система показывает их только сейчас и хранит лишь в виде хешей.
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: codes?.join('\n') }} code style={{ whiteSpace: 'pre', fontSize: 16 }}>
        {codes?.join('\n')}
      </Typography.Paragraph>
    </Modal>
  );
}

export function SecondFactorCard() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = useQuery({ queryKey: statusKey, queryFn: ({ signal }) => api.get<SecondFactorStatusDto>('/api/auth/second-factor', signal) });
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolmentDto | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: statusKey });
  const enrol = useMutation({ mutationFn: () => api.post<SecondFactorEnrolmentDto>('/api/auth/second-factor/enrol'), onSuccess: setEnrolment });

  if (status.error) return <ErrorAlert error={status.error} onRetry={() => status.refetch()} />;
  const s = status.data;
  if (!s || (!s.available && !s.enabled)) return null;
  return (
    <Card title="Второй фактор входа" style={{ marginTop: 16 }} loading={status.isLoading}>
      <RecoveryCodes codes={codes} onClose={() => setCodes(null)} />
      {s.enabled ? (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            title={`Включён ${s.enabledAt ? formatDateTime(s.enabledAt) : ''}`}
            description={`При входе, кроме пароля, система спрашивает код из приложения. Осталось ${counted(s.recoveryCodesLeft, ['код', 'кода', 'кодов'])} восстановления.`}
          />
          <div>
            <Typography.Title level={5}>Новые коды восстановления</Typography.Title>
            <Typography.Paragraph type="secondary">Прежние коды перестанут действовать. Введите код из приложения.</Typography.Paragraph>
            <CodeForm path="/api/auth/second-factor/recovery-codes" label="Получить новые коды" onDone={(r) => { setCodes(r?.recoveryCodes ?? null); refresh(); }} />
          </div>
          <div>
            <Typography.Title level={5}>Отключить второй фактор</Typography.Title>
            <Typography.Paragraph type="secondary">Введите код из приложения или один из кодов восстановления.</Typography.Paragraph>
            <CodeForm path="/api/auth/second-factor/disable" label="Отключить" danger onDone={() => { message.success('Второй фактор отключён'); refresh(); }} />
          </div>
        </Flex>
      ) : enrolment ? (
        <Flex vertical gap={16}>
          <Typography.Paragraph>
            1. Отсканируйте QR-код приложением-аутентификатором (Яндекс Ключ, Google Authenticator, FreeOTP и другие) или введите секрет вручную.
          </Typography.Paragraph>
          <Flex gap={24} wrap align="center">
            <img src={enrolment.qrCode} alt="QR-код для приложения-аутентификатора" width={200} height={200} style={{ imageRendering: 'pixelated' }} />
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">Секрет</Typography.Text>
              <Typography.Text code copyable style={{ fontSize: 16 }}>
                {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all', maxWidth: 420 }}>
                {enrolment.uri}
              </Typography.Text>
            </Flex>
          </Flex>
          <Typography.Paragraph>2. Введите шесть цифр, которые показывает приложение.</Typography.Paragraph>
          <CodeForm
            path="/api/auth/second-factor/confirm"
            label="Включить"
            onDone={(r) => {
              setEnrolment(null);
              setCodes(r?.recoveryCodes ?? null);
              refresh();
            }}
          />
        </Flex>
      ) : (
        <Flex vertical gap={12} align="start">
          <Typography.Paragraph style={{ margin: 0 }}>
            Учётная запись администратора открывает персональные данные многих работников. Второй фактор защищает её, даже если пароль узнал кто-то другой: при входе нужен ещё код из приложения на вашем телефоне.
          </Typography.Paragraph>
          {enrol.error && <ErrorAlert error={enrol.error} />}
          <Button type="primary" loading={enrol.isPending} onClick={() => enrol.mutate()}>
            Подключить приложение-аутентификатор
          </Button>
        </Flex>
      )}
    </Card>
  );
}
