// In demo mode the login page lists the demo accounts; choosing one fills the form.
import { Button, Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { roles } from '../../../../common/dictionaries';

interface DemoAccount {
  login: string;
  role: string;
  displayName: string;
  scope: string;
}

/** The server may send a role code or its label: show the label either way. */
const roleLabel = (role: string) => (roles as Record<string, string>)[role] ?? role;

export function DemoAccounts({ onPick }: { onPick: (login: string) => void }) {
  const { data } = useQuery({
    queryKey: ['auth', 'demo-accounts'],
    queryFn: ({ signal }) => api.get<{ demo: boolean; accounts: DemoAccount[] }>('/api/auth/demo-accounts', signal),
    staleTime: Infinity,
  });
  if (!data?.demo || data.accounts.length === 0) return null;
  return (
    <Card title="Демонстрационные учётные записи">
      <Typography.Paragraph type="secondary">
        Пароль у всех: <Typography.Text code>demo</Typography.Text>. Выберите запись, чтобы подставить логин и пароль, затем нажмите «Войти».
      </Typography.Paragraph>
      <Table<DemoAccount>
        size="small"
        rowKey="login"
        pagination={false}
        dataSource={data.accounts}
        onRow={(a) => ({ onClick: () => onPick(a.login), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: 'Логин',
            dataIndex: 'login',
            render: (login: string) => (
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={(e) => {
                  e.stopPropagation();
                  onPick(login);
                }}
              >
                {login}
              </Button>
            ),
          },
          { title: 'Роль', dataIndex: 'role', render: roleLabel },
          { title: 'Пользователь', dataIndex: 'displayName', responsive: ['md'] },
          { title: 'Область доступа', dataIndex: 'scope' },
        ]}
      />
    </Card>
  );
}
