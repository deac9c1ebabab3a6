import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Typography, type FormInstance } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
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

export function LoginPage() {
  const { login } = useAuth();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Вход — РСНМС';
  }, []);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.login.trim(), values.password);
    } catch (err) {
      setError(err);
      form.setFieldValue('password', '');
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
              <Card title="Вход в систему">
                <LoginForm form={form} error={error} busy={busy} onFinish={submit} />
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
