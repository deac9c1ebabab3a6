// «Мои сеансы»: where the account is signed in, with a way to end a forgotten session.
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionDto } from '../../../../server/modules/auth/auth.api';
import { api } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { counted, formatDateTime } from '../../app/format';
import { SecondFactorCard } from './SecondFactorCard';

/** A readable browser name from the User-Agent, enough to tell one's devices apart. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'Неизвестное устройство';
  const browser = /YaBrowser/.test(userAgent) ? 'Яндекс Браузер' : /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom/.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Браузер';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return system ? `${browser}, ${system}` : browser;
}

export function SessionsPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: ({ signal }) => api.get<{ items: SessionDto[] }>('/api/auth/sessions', signal) });
  const refresh = () => client.invalidateQueries({ queryKey: ['sessions'] });
  const endOne = useMutation({ mutationFn: (id: string) => api.delete(`/api/auth/sessions/${id}`), onSuccess: refresh });
  const endOthers = useMutation({
    mutationFn: () => api.post<{ ended: number }>('/api/auth/sessions/end-others'),
    onSuccess: ({ ended }) => {
      message.success(`Завершено: ${counted(ended, ['сеанс', 'сеанса', 'сеансов'])}`);
      refresh();
    },
  });
  const items = sessions.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Мои сеансы"
        subtitle="Где выполнен вход под вашей учётной записью. Если сеанс вам незнаком, завершите его и смените пароль."
        extra={[
          <Button key="others" danger disabled={items.length < 2} loading={endOthers.isPending} onClick={() => endOthers.mutate()}>
            Завершить все, кроме текущего
          </Button>,
        ]}
      />
      {sessions.error ? (
        <ErrorAlert error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Card>
          <Table<SessionDto>
            rowKey="id"
            loading={sessions.isLoading}
            dataSource={items}
            pagination={false}
            columns={[
              {
                title: 'Устройство',
                render: (_, s) => (
                  <>
                    <Typography.Text>{deviceOf(s.userAgent)}</Typography.Text> {s.current && <Tag color="green">текущий</Tag>}
                  </>
                ),
              },
              { title: 'Адрес', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
              { title: 'Вход', dataIndex: 'createdAt', render: formatDateTime },
              { title: 'Последнее действие', dataIndex: 'lastSeenAt', render: formatDateTime },
              {
                title: '',
                align: 'right',
                render: (_, s) =>
                  !s.current && (
                    <Button size="small" onClick={() => endOne.mutate(s.id)} loading={endOne.isPending && endOne.variables === s.id}>
                      Завершить
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <SecondFactorCard />
    </>
  );
}
