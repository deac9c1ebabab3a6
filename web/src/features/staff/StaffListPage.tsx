import { Card, Flex, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { queryString } from '../../app/api';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { DownloadButton } from '../../app/DownloadButton';
import { LinkButton } from '../../app/LinkButton';
import { SortSelect } from '../../app/SortSelect';
import { counted, formatDate, fullName, years } from '../../app/format';
import { qualificationCategories } from '../../../../common/dictionaries';
import { StaffFilters, staffFilterKeys } from './StaffFilters';
import type { StaffListItem } from './types';

const sortOptions = [
  { value: 'name', label: 'по фамилии' },
  { value: 'birthDate', label: 'по дате рождения' },
  { value: 'updated', label: 'недавно изменённые' },
];

const current = (s: StaffListItem) => s.positions.filter((p) => !p.endDate);

function PersonCell({ s }: { s: StaffListItem }) {
  return (
    <Flex vertical gap={2}>
      <Link to={`/staff/${s.id}`}>{fullName(s)}</Link>
      <div>
        {s.youngSpecialist && <Tag color="green">Молодой специалист</Tag>}
        {s.archived && <Tag>В архиве</Tag>}
      </div>
    </Flex>
  );
}

function PositionsCell({ s }: { s: StaffListItem }) {
  const list = current(s);
  if (list.length === 0) return <Typography.Text type="secondary">нет действующих должностей</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {list.map((p) => (
        <div key={p.id}>
          {p.title}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            {p.organizationName}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

export function StaffListPage() {
  const { can } = useAuth();
  const { filters, setFilters } = useUrlFilters(staffFilterKeys);
  const list = useKeysetList<StaffListItem>('/api/staff', filters);
  return (
    <>
      <PageHeader
        title={can.browsesOrganizations ? 'Реестр работников' : 'Мои подопечные'}
        subtitle="Педагогические работники и управленческие кадры вашей области доступа"
        extra={
          <>
            <DownloadButton url={`/api/staff/export.xlsx${queryString(filters)}`} fileName="staff.xlsx" disabled={list.total === 0}>
              Выгрузить в Excel
            </DownloadButton>
            {can.isAdmin && (
              <LinkButton type="primary" icon={<UserAddOutlined />} to={`/staff/new${queryString({ organizationId: filters.organizationId })}`}>
                Добавить работника
              </LinkButton>
            )}
          </>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <StaffFilters filters={filters} setFilters={setFilters} />
          <SortSelect value={filters.sort} options={sortOptions} onChange={(sort) => setFilters({ sort })} />
          <PagedTable<StaffListItem>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['работник', 'работника', 'работников'])}`}
            empty={
              Object.values(filters).some(Boolean)
                ? 'Никого не нашлось: измените условия поиска или сбросьте фильтры.'
                : can.isAdmin
                  ? 'В реестре пока никого нет. Загрузите работников из Excel или добавьте вручную.'
                  : 'В реестре пока никого нет.'
            }
            columns={[
              { title: 'ФИО', key: 'name', render: (_, s) => <PersonCell s={s} /> },
              {
                title: 'Дата рождения',
                key: 'birthDate',
                render: (_, s) => (
                  <>
                    {formatDate(s.birthDate)}
                    {s.age !== null && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {years(s.age)}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              { title: 'Должность и организация', key: 'positions', render: (_, s) => <PositionsCell s={s} /> },
              {
                title: 'Предметы',
                key: 'subjects',
                width: 200,
                render: (_, s) => [...new Set(current(s).flatMap((p) => p.subjects))].join(', ') || '—',
              },
              { title: 'Стаж', key: 'experience', render: (_, s) => <span style={{ whiteSpace: 'nowrap' }}>{years(s.yearsInProfession)}</span> },
              {
                title: 'Квалификация',
                dataIndex: 'qualificationCategory',
                render: (q: StaffListItem['qualificationCategory']) => (q ? qualificationCategories[q] : '—'),
              },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
