import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
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

export function LoginPage() {
  const { login } = useAuth();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const redirected = !!(useLocation().state as LoginRedirectState | null)?.from;

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

  const fill = (account: string) => {
    form.setFieldsValue({ login: account, password: 'demo' });
    setError(null);
    form.getFieldInstance('password')?.focus?.();
  };

  return (
    <Flex justify="center" align="flex-start" style={{ minHeight: '100vh', padding: '48px 16px', background: '#f5f7fa' }}>
      <Flex vertical gap={24} style={{ width: '100%', maxWidth: 760 }}>
        <header>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
            РСНМС
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 16, margin: 0 }}>
            Информационная система научно-методического сопровождения педагогических работников и управленческих кадров
          </Typography.Paragraph>
        </header>
        <main>
          <Card title="Вход в систему" style={{ maxWidth: 440 }}>
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
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
          </Card>
        </main>
        <DemoAccounts onPick={fill} />
      </Flex>
    </Flex>
  );
}
