// The organizations of the chosen territory: search, filters, sorting, keyset paging, export.
import { Button, Flex, Input, Select, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { LinkButton } from '../../app/LinkButton';
import { SortSelect } from '../../app/SortSelect';
import { queryString } from '../../app/api';
import { counted } from '../../app/format';
import { kindLabel, kindOptions } from './labels';
import { OrganizationFlags } from './OrganizationFlags';
import type { Organization } from './types';

export const organizationFilterKeys = ['territoryId', 'q', 'kind', 'lowResultsSchool', 'archived', 'sort'] as const;
/** The filters «Сбросить фильтры» resets: the territory is chosen in the tree and stays. */
const resettable = ['q', 'kind', 'lowResultsSchool', 'archived'] as const;

const lowResultsOptions = [
  { value: '', label: 'Все организации' },
  { value: 'true', label: 'Только ШНОР' },
  { value: 'false', label: 'Кроме ШНОР' },
];

export function OrganizationsList({ showTerritory }: { showTerritory: boolean }) {
  const { can } = useAuth();
  const { filters, setFilters, isActive, clear } = useUrlFilters(organizationFilterKeys);
  const active = isActive(resettable);
  const list = useKeysetList<Organization>('/api/organizations', filters);

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder="Название или ИНН"
          aria-label="Поиск организации по названию или ИНН"
          allowClear
          enterButton="Найти"
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Select
          aria-label="Тип организации"
          placeholder="Тип организации"
          allowClear
          value={filters.kind}
          options={kindOptions}
          onChange={(kind?: string) => setFilters({ kind })}
          style={{ width: 280, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
        />
        <Select
          aria-label="ШНОР"
          value={filters.lowResultsSchool ?? ''}
          options={lowResultsOptions}
          onChange={(v: string) => setFilters({ lowResultsSchool: v })}
          style={{ width: 180, maxWidth: '100%' }}
        />
        <Segmented
          aria-label="Действующие или архивные"
          value={filters.archived === 'true' ? 'true' : ''}
          options={[
            { value: '', label: 'Действующие' },
            { value: 'true', label: 'В архиве' },
          ]}
          onChange={(v) => setFilters({ archived: v })}
        />
        {active && (
          <Button type="link" onClick={() => clear(resettable)}>
            Сбросить фильтры
          </Button>
        )}
      </Flex>
      <Flex gap={8} wrap align="center" justify="space-between">
        <SortSelect
          value={filters.sort}
          options={[
            { value: 'name', label: 'по названию' },
            { value: 'updated', label: 'недавно изменённые' },
          ]}
          onChange={(sort) => setFilters({ sort })}
        />
        <Flex gap={8} wrap>
          <DownloadButton url={`/api/organizations/export.xlsx${queryString(filters)}`} fileName="organizations.xlsx" disabled={list.total === 0}>
            Выгрузить в Excel
          </DownloadButton>
          {can.createsOrganizations && (
            <LinkButton type="primary" icon={<PlusOutlined />} to={`/organizations/new${queryString({ territoryId: filters.territoryId })}`}>
              Добавить организацию
            </LinkButton>
          )}
        </Flex>
      </Flex>
      <PagedTable<Organization>
        list={list}
        rowKey="id"
        scroll={{ x: 760 }}
        totalLabel={(n) => `Найдено: ${counted(n, ['организация', 'организации', 'организаций'])}`}
        empty={active ? 'Ничего не найдено: измените условия поиска или сбросьте фильтры.' : 'Организаций пока нет. Администратор может загрузить их из Excel.'}
        columns={[
          {
            title: 'Организация и тип',
            key: 'name',
            render: (_, o) => (
              <Flex vertical>
                <Link to={`/organizations/${o.id}`} title={o.fullName}>
                  {o.shortName}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {kindLabel(o.kind)}
                </Typography.Text>
              </Flex>
            ),
          },
          ...(showTerritory ? [{ title: 'Территория', dataIndex: 'territoryName', width: 160, render: (t: string | null) => t ?? '—' }] : []),
          { title: 'ИНН', dataIndex: 'inn', width: 110, render: (inn: string | null) => inn ?? '—' },
          { title: 'Признаки', key: 'flags', width: 130, render: (_: unknown, o: Organization) => <OrganizationFlags organization={o} compact /> },
        ]}
      />
    </Flex>
  );
}
