import { Alert, Card, Descriptions, Flex, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, queryString, type Page } from '../../app/api';
import { organizationsSectionTitle, useAuth } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { ArchiveButton } from '../../app/ArchiveButton';
import { counted, formatDateTime } from '../../app/format';
import { functionLabel, kindLabel } from './labels';
import { OrganizationFlags } from './OrganizationFlags';
import { useOrganization, useOrganizationName, useUpdateOrganization } from './queries';
import type { Organization } from './types';

/** «Работников: 42» with a link to them; the count is the total of a one-row page. */
function StaffLink({ organizationId }: { organizationId: string }) {
  const { data } = useQuery({
    queryKey: ['/api/staff', 'count', organizationId],
    queryFn: ({ signal }) => api.get<Page<unknown>>(`/api/staff${queryString({ organizationId, limit: 1 })}`, signal),
  });
  return (
    <LinkButton icon={<TeamOutlined />} to={`/staff?organizationId=${organizationId}`}>
      {data ? `Работники: ${counted(data.total, ['человек', 'человека', 'человек'])}` : 'Работники организации'}
    </LinkButton>
  );
}

function ParentLink({ id }: { id: string | null }) {
  const name = useOrganizationName(id);
  if (!id) return <>—</>;
  return name ? <Link to={`/organizations/${id}`}>{name}</Link> : <Typography.Text type="secondary">вне вашей области доступа</Typography.Text>;
}

function Details({ o }: { o: Organization }) {
  return (
    <Descriptions
      bordered
      column={1}
      styles={{ label: { width: 260 } }}
      items={[
        { key: 'fullName', label: 'Полное наименование', children: o.fullName },
        { key: 'shortName', label: 'Краткое наименование', children: o.shortName },
        { key: 'kind', label: 'Тип организации', children: kindLabel(o.kind) },
        { key: 'territory', label: 'Территория', children: o.territoryName ?? '—' },
        { key: 'parent', label: 'Учредитель / вышестоящая организация', children: <ParentLink id={o.parentId} /> },
        { key: 'inn', label: 'ИНН', children: o.inn ?? '—' },
        { key: 'address', label: 'Адрес', children: o.address ?? '—' },
        {
          key: 'flags',
          label: 'Признаки',
          children: o.lowResultsSchool || o.innovationSite || o.internshipSite || o.archived ? <OrganizationFlags organization={o} /> : 'нет',
        },
        {
          key: 'functions',
          label: 'Функции в системе сопровождения',
          children: o.functions.length ? (
            <Space size={[4, 4]} wrap>
              {o.functions.map((f) => (
                <Tag key={f}>{functionLabel(f)}</Tag>
              ))}
            </Space>
          ) : (
            'не указаны'
          ),
        },
        { key: 'updated', label: 'Изменена', children: `${formatDateTime(o.updatedAt)} (версия ${o.version})` },
      ]}
    />
  );
}

export function OrganizationPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { data: o, error, refetch } = useOrganization(id);
  const archive = useUpdateOrganization(id);

  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title="Организация не найдена" subTitle="Её нет или она вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!o) return <Skeleton active />;

  return (
    <>
      <PageHeader
        title={o.shortName}
        trail={can.browsesOrganizations ? [{ title: organizationsSectionTitle(can), to: '/organizations' }] : undefined}
        subtitle={kindLabel(o.kind)}
        extra={
          <>
            {can.browsesStaff && <StaffLink organizationId={o.id} />}
            {can.isAdmin && (
              <>
                <LinkButton type="primary" icon={<EditOutlined />} to={`/organizations/${o.id}/edit`}>
                  Изменить
                </LinkButton>
                <ArchiveButton
                  archived={o.archived}
                  what={`организацию «${o.shortName}»`}
                  loading={archive.isPending}
                  onConfirm={(archived) => archive.mutateAsync({ version: o.version, archived })}
                />
                <LinkButton icon={<HistoryOutlined />} to={`/audit?entityId=${o.id}`}>
                  История
                </LinkButton>
              </>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        {archive.error && (
          <ErrorAlert
            error={archive.error}
            onReload={() => {
              archive.reset();
              void refetch();
            }}
          />
        )}
        {o.archived && <Alert type="warning" showIcon title="Организация в архиве: её нет в списках и сводках." />}
        <Card>
          <Details o={o} />
        </Card>
      </Flex>
    </>
  );
}
