// «Мои сроки»: control dates of activities addressed to the user's organizations (their own
// organization, workplace, or the authority of the territory they administer), nearest first.
import { Card, Flex, Segmented, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { useAuth } from '../../app/auth';
import { counted } from '../../app/format';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useOrganizationName } from '../organizations/queries';
import { formatWindow, middleTitle } from './labels';
import { StatusTag } from './StatusTag';
import type { Deadline } from './types';
import './roadmaps.css';

const keys = ['status', 'year', 'organizationId'] as const;

const statusChoices = [
  { value: '', label: 'Открытые' },
  { value: 'overdue', label: 'Просроченные' },
  { value: 'due_soon', label: 'Срок подходит' },
  { value: 'done', label: 'Выполненные' },
  { value: 'all', label: 'Все' },
];

const thisYear = new Date().getFullYear();
const yearOptions = Array.from({ length: 8 }, (_, i) => thisYear - 5 + i).map((y) => ({ value: String(y), label: `${y} год` }));

export function DeadlinesPage() {
  const { can } = useAuth();
  const { filters, setFilters } = useUrlFilters(keys);
  const list = useKeysetList<Deadline>('/api/roadmap-deadlines', filters);
  const organizationName = useOrganizationName(filters.organizationId ?? null);
  return (
    <>
      <PageHeader
        title="Мои сроки"
        subtitle={
          filters.organizationId
            ? `Контрольные сроки мероприятий дорожных карт для организации «${organizationName ?? '…'}»`
            : 'Контрольные сроки мероприятий дорожных карт, адресованных вашим организациям'
        }
        trail={[{ title: 'Дорожные карты', to: '/roadmaps' }]}
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap align="center">
            {/* on a phone the choices scroll sideways instead of leaving the card */}
            <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
              <Segmented aria-label="Какие сроки показать" value={filters.status ?? ''} options={statusChoices} onChange={(status) => setFilters({ status })} />
            </div>
            <Select aria-label="Год" placeholder="Все годы" allowClear value={filters.year} options={yearOptions} onChange={(year?: string) => setFilters({ year })} style={{ width: 140 }} />
            {can.browsesOrganizations && (
              <OrganizationSelect
                aria-label="Организация"
                placeholder="Мои организации"
                allowClear
                value={filters.organizationId}
                known={filters.organizationId && organizationName ? [{ value: filters.organizationId, label: organizationName }] : []}
                onChange={(organizationId?: string) => setFilters({ organizationId })}
                style={{ width: 320, maxWidth: '100%' }}
              />
            )}
          </Flex>
          <PagedTable<Deadline>
            list={list}
            rowKey={(d) => `${d.occurrenceId}|${d.organizationId}`}
            className="rm-top"
            rowClassName={(d) => (d.status === 'overdue' ? 'rm-row-overdue' : '')}
            totalLabel={(n) => `Найдено: ${counted(n, ['контрольный срок', 'контрольных срока', 'контрольных сроков'])}`}
            empty={
              filters.status === 'overdue'
                ? 'Просроченных сроков нет.'
                : 'Сроков нет: вашим организациям не адресовано открытых мероприятий дорожных карт. Посмотрите «Все» или откройте дорожные карты.'
            }
            columns={[
              {
                title: 'Контрольный срок',
                key: 'window',
                width: 220,
                render: (_, d) => (
                  <Flex vertical gap={4}>
                    <span>{formatWindow(d)}</span>
                    <div>
                      <StatusTag status={d.status} />
                    </div>
                  </Flex>
                ),
              },
              {
                title: 'Мероприятие',
                key: 'activity',
                render: (_, d) => (
                  <Flex vertical gap={2}>
                    <Link to={`/roadmaps/${d.roadmapId}/activities/${d.activityId}`}>
                      {d.number} {d.title}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      Срок по документу: {d.deadlineText}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: 'Дорожная карта',
                key: 'roadmap',
                width: 300,
                render: (_, d) => (
                  <Link to={`/roadmaps/${d.roadmapId}`} title={d.roadmapTitle}>
                    {middleTitle(d.roadmapTitle)}
                  </Link>
                ),
              },
              { title: 'Организация', dataIndex: 'organizationName', width: 240 },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
