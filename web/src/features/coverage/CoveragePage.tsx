// Coverage of the learning chain for administrators: per municipality (or organization) how many
// people were diagnosed, have deficits, have a plan, completed a federal registry programme; a
// click on a figure lists the people behind it.
import { Button, Card, Flex, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useUrlFilters } from '../../app/useUrlFilters';
import { formatNumber } from '../../app/format';
import { CoveragePeopleDrawer, isPeopleFilter, peopleFilterTitles, type PeopleFilter } from './CoveragePeopleDrawer';
import type { LearningCoverageDto } from '../../../../server/modules/coverage/coverage.api';

type Row = LearningCoverageDto['rows'][number];
type Figures = LearningCoverageDto['total'];

const filterKeys = ['territoryId', 'year', 'filter', 'rowId', 'rowName', 'q'] as const;

const thisYear = new Date().getFullYear();
const yearOptions = [{ value: '', label: 'За всё время' }, ...[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: `${thisYear - d} год` }))];

export function CoveragePage() {
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: ['coverage', filters.territoryId, filters.year],
    queryFn: ({ signal }) => api.get<LearningCoverageDto>(`/api/learning-coverage${queryString({ territoryId: filters.territoryId, year: filters.year })}`, signal),
  });
  const open = (row: { id: string; name: string }, filter: PeopleFilter) => setFilters({ filter, rowId: row.id, rowName: row.name, q: undefined });
  const figure = (filter: PeopleFilter, value: number, row: Row | null, share?: number) =>
    row ? (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(row, filter)} aria-label={`${peopleFilterTitles[filter]}, ${row.name}: ${value}`}>
        {formatNumber(value)}
        {share !== undefined && <Typography.Text type="secondary" style={{ marginLeft: 6 }}>({formatNumber(share)} %)</Typography.Text>}
      </Button>
    ) : (
      <Typography.Text strong>
        {formatNumber(value)}
        {share !== undefined && <Typography.Text type="secondary" style={{ marginLeft: 6 }}>({formatNumber(share)} %)</Typography.Text>}
      </Typography.Text>
    );
  const col = (title: string, filter: PeopleFilter, pick: (f: Figures) => number, share?: (f: Figures) => number) => ({
    title,
    key: filter,
    width: 128,
    align: 'right' as const,
    render: (_: unknown, r: Row | (Figures & { id: '__total'; name: string })) => (r.id === '__total' ? figure(filter, pick(r), null, share?.(r)) : figure(filter, pick(r), r as Row, share?.(r))),
  });
  return (
    <>
      <PageHeader
        title="Охват: диагностика, ИОМ, программы федерального реестра"
        documentTitle="Охват"
        subtitle="Показатели 1–3: доля работников, прошедших диагностику, получивших ИОМ и завершивших программу федерального реестра. Нажмите на число — откроется список людей."
      />
      <Card>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : !data ? (
          <Skeleton active />
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={8} wrap align="center">
              {filters.territoryId && (
                <Button icon={<ArrowLeftOutlined />} onClick={() => setFilters({ territoryId: undefined })}>
                  Все муниципалитеты
                </Button>
              )}
              <Select aria-label="Год диагностики" value={filters.year ?? ''} options={yearOptions} onChange={(year: string) => setFilters({ year })} style={{ width: 160 }} />
              <Tag>{data.groupBy === 'municipality' ? 'по муниципалитетам' : 'по организациям'}</Tag>
            </Flex>
            <Table<Row | (Figures & { id: '__total'; name: string })>
              size="middle"
              rowKey="id"
              loading={isFetching}
              pagination={false}
              scroll={{ x: 1000 }}
              dataSource={[...data.rows, { ...data.total, id: '__total', name: 'Итого (различных людей)' }]}
              locale={{ emptyText: 'В вашей области доступа нет работников.' }}
              columns={[
                {
                  title: data.groupBy === 'municipality' ? 'Муниципалитет' : 'Организация',
                  key: 'name',
                  render: (_, r) =>
                    r.id === '__total' ? <Typography.Text strong>{r.name}</Typography.Text> : data.groupBy === 'municipality' ? <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setFilters({ territoryId: r.id })}>{r.name}</Button> : r.name,
                },
                col('Работников', 'all', (f) => f.staff),
                col('Прошли диагностику', 'diagnosed', (f) => f.diagnosed, (f) => f.shares.diagnosed),
                col('С дефицитами', 'with_deficits', (f) => f.withDeficits),
                col('Дефициты без ИОМ', 'deficits_no_plan', (f) => f.deficitsWithoutPlan),
                col('Есть ИОМ', 'with_plan', (f) => f.withPlan, (f) => f.shares.withPlan),
                col('Завершили программу ФР', 'completed_federal', (f) => f.completedFederal, (f) => f.shares.completedFederal),
              ]}
            />
            <Typography.Text type="secondary">Доли — от числа работников строки. ИОМ считается с момента согласования (черновик ещё не маршрут).</Typography.Text>
          </Flex>
        )}
      </Card>
      {data && isPeopleFilter(filters.filter) && filters.rowId && (
        <CoveragePeopleDrawer
          filter={filters.filter}
          scope={data.groupBy === 'municipality' ? { territoryId: filters.rowId } : { organizationId: filters.rowId }}
          scopeName={filters.rowName ?? ''}
          year={filters.year}
          q={filters.q}
          onQ={(q) => setFilters({ q })}
          onClose={() => setFilters({ filter: undefined, rowId: undefined, rowName: undefined, q: undefined })}
        />
      )}
    </>
  );
}
