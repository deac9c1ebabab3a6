// «Доступ к персональным данным» for administrators (ADR 0028): who can read or change personal data
// within the administrator's scope, derived from role assignments; the retention periods; and, for
// the regional administrator, the acts of destruction with their DOCX.
import { Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { DownloadButton } from '../../app/DownloadButton';
import { useMe } from '../../app/auth';
import { formatDate, formatNumber } from '../../app/format';
import type { DestructionActList, PersonalDataAccess } from './types';

type Row = PersonalDataAccess['items'][number];
type Act = DestructionActList['items'][number];
const retentionActions = { delete: 'удаление строк', erase_audit: 'стирание персональной части записей', destroy_person: 'уничтожение с актом' } as const;

export function PersonalDataAccessPage() {
  const me = useMe();
  const regional = me.roles.some((r) => r.role === 'regional_admin');
  const [q, setQ] = useState('');
  const access = useQuery({ queryKey: ['privacy', 'access'], queryFn: ({ signal }) => api.get<PersonalDataAccess>('/api/privacy/access', signal) });
  const acts = useQuery({ queryKey: ['privacy', 'acts'], enabled: regional, queryFn: ({ signal }) => api.get<DestructionActList>('/api/privacy/destruction-acts', signal) });
  const needle = q.trim().toLowerCase();
  const rows = (access.data?.items ?? []).filter((r) => !needle || `${r.displayName} ${r.login} ${r.roleName} ${r.scopeName}`.toLowerCase().includes(needle));
  return (
    <>
      <PageHeader title="Доступ к персональным данным" subtitle="По назначенным ролям в вашей области; просмотр перечня фиксируется в журнале аудита" />
      <Flex vertical gap={16}>
        {access.error && <ErrorAlert error={access.error} onRetry={() => void access.refetch()} />}
        <Card title={`Кто имеет доступ (${formatNumber(rows.length)})`} extra={<Input.Search allowClear placeholder="ФИО, логин, роль, организация" onChange={(e) => setQ(e.target.value)} style={{ width: 320 }} />}>
          <Table<Row>
            size="small"
            rowKey={(r) => `${r.userId}:${r.role}:${r.scopeName}`}
            loading={access.isPending}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: 'В вашей области нет назначенных ролей с доступом к персональным данным' }}
            columns={[
              { title: 'Пользователь', key: 'user', render: (_, r) => (<>{r.displayName} <Typography.Text type="secondary">({r.login})</Typography.Text>{r.blocked && <Tag color="red" style={{ marginLeft: 8 }}>заблокирован</Tag>}</>) },
              { title: 'Роль', dataIndex: 'roleName' },
              { title: 'Область', key: 'scope', render: (_, r) => `${r.scopeKind === 'territory' ? 'Территория' : 'Организация'}: ${r.scopeName}` },
              { title: 'Доступ', key: 'access', render: (_, r) => (r.people === null ? r.access : `${r.access} (${formatNumber(r.people)})`) },
            ]}
          />
        </Card>
        <Card title="Сроки хранения">
          <Table
            size="small"
            rowKey="table"
            pagination={false}
            dataSource={access.data?.retention ?? []}
            columns={[
              { title: 'Хранилище', dataIndex: 'purpose' },
              { title: 'Срок', dataIndex: 'period' },
              { title: 'По истечении', dataIndex: 'action', render: (a: keyof typeof retentionActions) => retentionActions[a] },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            Сроки применяются автоматически сервером раз в сутки и командой npm run privacy:purge.
          </Typography.Paragraph>
        </Card>
        {regional && (
          <Card title="Акты уничтожения персональных данных">
            {acts.error && <ErrorAlert error={acts.error} onRetry={() => void acts.refetch()} />}
            <Table<Act>
              size="small"
              rowKey="id"
              loading={acts.isPending}
              dataSource={acts.data?.items ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              locale={{ emptyText: 'Актов нет' }}
              columns={[
                { title: '№', dataIndex: 'number', width: 70 },
                { title: 'Дата', dataIndex: 'actDate', width: 120, render: formatDate },
                { title: 'Основание', dataIndex: 'basis' },
                { title: 'Выполнил', dataIndex: 'performedBy', render: (p: string | null) => p ?? 'по сроку хранения' },
                { title: 'Строк', dataIndex: 'rows', width: 90, render: formatNumber },
                { title: 'Записей аудита', dataIndex: 'auditRowsErased', width: 140, render: formatNumber },
                { title: '', key: 'docx', width: 140, render: (_, a) => <DownloadButton size="small" url={`/api/privacy/destruction-acts/${a.id}/export.docx`} fileName={`Акт уничтожения № ${a.number}.docx`}>DOCX</DownloadButton> },
              ]}
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
