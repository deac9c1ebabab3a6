import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Typography, type FormInstance } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useLocation } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import type { LoginRedirectState } from '../../app/routes';
import { DemoAccounts } from './DemoAccounts';

interface Credentials {
  login: string;
  password: string;
}

function LoginForm({ form, error, busy, onFinish }: { form: FormInstance<Credentials>; error: unknown; busy: boolean; onFinish: (v: Credentials) => void }) {
  const redirected = !!(useLocation().state as LoginRedirectState | null)?.from;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
      {redirected && !error && <Alert type="info" showIcon title="Войдите, чтобы продолжить работу." style={{ marginBottom: 16 }} />}
      <Form.Item label="Логин" name="login" rules={[{ required: true, whitespace: true, message: 'Введите логин' }, { max: 100, message: 'Не длиннее 100 символов' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
      </Form.Item>
      <Form.Item label="Пароль" name="password" rules={[{ required: true, message: 'Введите пароль' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
      </Form.Item>
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        Войти
      </Button>
    </Form>
  );
}

/** The second step of the sign-in, when the account has a second factor (ADR 0029). */
function CodeForm({ error, busy, onFinish, onBack }: { error: unknown; busy: boolean; onFinish: (v: { code: string }) => void; onBack: () => void }) {
  return (
    <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
      <Typography.Paragraph>Для этой учётной записи включён второй фактор. Введите шесть цифр из приложения-аутентификатора или один из кодов восстановления.</Typography.Paragraph>
      <Form.Item label="Код подтверждения" name="code" rules={[{ required: true, whitespace: true, message: 'Введите код' }, { max: 40, message: 'Не длиннее 40 символов' }]}>
        <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" autoFocus size="large" />
      </Form.Item>
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Flex gap={8}>
        <Button onClick={onBack} size="large">
          Назад
        </Button>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          Подтвердить
        </Button>
      </Flex>
    </Form>
  );
}

export function LoginPage() {
  const { login } = useAuth();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Login and password kept for the second step, when the server asks for a code. */
  const [pending, setPending] = useState<Credentials | null>(null);

  useEffect(() => {
    document.title = 'Вход — РСНМС';
  }, []);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.login.trim(), values.password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'second_factor_required') setPending(values);
      else setError(err);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async ({ code }: { code: string }) => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      await login(pending.login.trim(), pending.password, code.trim());
    } catch (err) {
      setError(err);
      // a wrong password since (or a lock) sends the user back to the first step
      if (!(err instanceof ApiError && err.code === 'bad_second_factor')) setPending(null);
    } finally {
      setBusy(false);
    }
  };

  // a demo account fills both fields; focus goes to «Войти» so Enter signs in
  const fill = (account: string) => {
    form.setFieldsValue({ login: account, password: 'demo' });
    form.setFields([
      { name: 'login', errors: [] },
      { name: 'password', errors: [] },
    ]);
    setError(null);
    document.querySelector<HTMLButtonElement>('form button[type="submit"]')?.focus();
  };

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: '48px 24px', background: '#f5f7fa' }}>
      <Row gutter={[32, 24]} style={{ width: '100%', maxWidth: 1240 }} align="top">
        <Col xs={24} lg={10}>
          <Flex vertical gap={24}>
            <header>
              <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
                РСНМС
              </Typography.Title>
              <Typography.Paragraph type="secondary" style={{ fontSize: 16, margin: 0 }}>
                Информационная система научно-методического сопровождения педагогических работников и управленческих кадров
              </Typography.Paragraph>
            </header>
            <main>
              <Card title={pending ? 'Подтверждение входа' : 'Вход в систему'}>
                {pending ? (
                  <CodeForm
                    error={error}
                    busy={busy}
                    onFinish={submitCode}
                    onBack={() => {
                      setPending(null);
                      setError(null);
                    }}
                  />
                ) : (
                  <LoginForm form={form} error={error} busy={busy} onFinish={submit} />
                )}
              </Card>
            </main>
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <DemoAccounts onPick={fill} />
        </Col>
      </Row>
    </Flex>
  );
}
