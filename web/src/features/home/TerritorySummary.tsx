// Municipalities of the user's scope side by side: where organizations and people are, and
// where they are still missing (a municipality with no data has not loaded it yet).
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { useTerritories } from '../territories/useTerritories';
import type { Territory } from '../territories/types';

export function TerritorySummary() {
  const me = useMe();
  const { data } = useTerritories();
  const scope = new Set(me.scope.territoryIds);
  const rows = (data ?? []).filter((t) => t.kind === 'municipality' && scope.has(t.id)).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  if (rows.length < 2) return null;
  return (
    <Card title="Муниципалитеты">
      <Table<Territory>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 600 }}
        columns={[
          {
            title: 'Муниципалитет',
            key: 'name',
            render: (_, t) => (
              <>
                <Link to={`/organizations?territoryId=${t.id}`}>{t.name}</Link>{' '}
                {t.organizationCount === 0 && <Tag color="orange">нет данных</Tag>}
              </>
            ),
          },
          {
            title: 'Организаций',
            dataIndex: 'organizationCount',
            align: 'right',
            width: 140,
            sorter: (a, b) => a.organizationCount - b.organizationCount,
            render: (n: number) => formatNumber(n),
          },
          {
            title: 'Работников',
            key: 'staff',
            align: 'right',
            width: 140,
            sorter: (a, b) => a.staffCount - b.staffCount,
            render: (_, t) => <Link to={`/staff?territoryId=${t.id}`}>{formatNumber(t.staffCount)}</Link>,
          },
        ]}
      />
    </Card>
  );
}
