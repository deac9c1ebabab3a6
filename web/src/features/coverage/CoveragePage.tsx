// Coverage of the learning chain for administrators: per municipality (or organization) how many
// people were diagnosed, have deficits, have a plan, completed a federal registry programme; a
// click on a figure lists the people behind it.
import { Button, Card, Drawer, Flex, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDate, formatNumber } from '../../app/format';
import { planStatusLabels } from '../learning-plans/labels';
import type { CoveragePersonDto, LearningCoverageDto } from '../../../../server/modules/coverage/coverage.api';

type Row = LearningCoverageDto['rows'][number];
type Figures = LearningCoverageDto['total'];
type Filter = 'all' | 'diagnosed' | 'no_diagnostic' | 'with_deficits' | 'deficits_no_plan' | 'with_plan' | 'completed_federal';

const filterTitles: Record<Filter, string> = {
  all: 'Все работники',
  diagnosed: 'Прошли диагностику',
  no_diagnostic: 'Не проходили диагностику',
  with_deficits: 'Есть дефициты',
  deficits_no_plan: 'Есть дефициты, нет ИОМ',
  with_plan: 'Есть ИОМ',
  completed_federal: 'Завершили программу федерального реестра',
};

const filterKeys = ['territoryId', 'year', 'filter', 'rowId', 'rowName', 'q'] as const;

const thisYear = new Date().getFullYear();
const yearOptions = [{ value: '', label: 'За всё время' }, ...[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: `${thisYear - d} год` }))];

function People({ filter, groupBy, rowId, rowName, year, q, onQ, onClose }: { filter: Filter; groupBy: 'municipality' | 'organization'; rowId: string; rowName: string; year?: string; q?: string; onQ: (q: string) => void; onClose: () => void }) {
  const params = { filter: filter === 'all' ? undefined : filter, [groupBy === 'municipality' ? 'territoryId' : 'organizationId']: rowId, year, q };
  const list = useKeysetList<CoveragePersonDto>('/api/learning-coverage/people', params);
  return (
    <Drawer open width={960} title={`${filterTitles[filter]} — ${rowName}`} onClose={onClose} extra={<DownloadButton url={`/api/learning-coverage/people/export.xlsx${queryString(params)}`} fileName="coverage.xlsx">Выгрузить в Excel</DownloadButton>}>
      <Flex vertical gap={12}>
        <Input.Search key={q ?? ''} defaultValue={q} placeholder="Фамилия, имя" aria-label="Поиск по ФИО" allowClear enterButton="Найти" onSearch={(v) => onQ(v.trim())} style={{ maxWidth: 360 }} />
        <PagedTable<CoveragePersonDto>
          list={list}
          rowKey="staffId"
          scroll={{ x: 800 }}
          totalLabel={(n) => `Найдено: ${counted(n, ['работник', 'работника', 'работников'])}`}
          empty="Никого: под этот показатель в выбранной строке никто не подходит."
          columns={[
            { title: 'Работник', key: 'name', render: (_, p) => <><Link to={`/staff/${p.staffId}`}>{p.fullName}</Link><Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{p.organizations.join('; ')}</Typography.Text></> },
            { title: 'Последняя диагностика', dataIndex: 'lastDiagnosticOn', width: 130, render: formatDate },
            { title: 'Дефицитов', dataIndex: 'deficitCount', width: 100 },
            {
              title: 'ИОМ',
              key: 'plan',
              width: 150,
              render: (_, p) =>
                p.plan ? (
                  <Link to={`/learning-plans/${p.plan.id}`}>{planStatusLabels[p.plan.status as keyof typeof planStatusLabels] ?? p.plan.status}</Link>
                ) : p.deficitCount > 0 ? (
                  <Link to={`/learning-plans/new?staffId=${p.staffId}`}>Составить ИОМ</Link>
                ) : (
                  <Typography.Text type="secondary">нет</Typography.Text>
                ),
            },
            { title: 'Программ федерального реестра', dataIndex: 'completedFederal', width: 120 },
          ]}
        />
      </Flex>
    </Drawer>
  );
}

export function CoveragePage() {
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: ['coverage', filters.territoryId, filters.year],
    queryFn: ({ signal }) => api.get<LearningCoverageDto>(`/api/learning-coverage${queryString({ territoryId: filters.territoryId, year: filters.year })}`, signal),
  });
  const open = (row: { id: string; name: string }, filter: Filter) => setFilters({ filter, rowId: row.id, rowName: row.name, q: undefined });
  const figure = (filter: Filter, value: number, row: Row | null, share?: number) =>
    row ? (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(row, filter)} aria-label={`${filterTitles[filter]}, ${row.name}: ${value}`}>
        {formatNumber(value)}
        {share !== undefined && <Typography.Text type="secondary" style={{ marginLeft: 6 }}>({formatNumber(share)} %)</Typography.Text>}
      </Button>
    ) : (
      <Typography.Text strong>
        {formatNumber(value)}
        {share !== undefined && <Typography.Text type="secondary" style={{ marginLeft: 6 }}>({formatNumber(share)} %)</Typography.Text>}
      </Typography.Text>
    );
  const col = (title: string, filter: Filter, pick: (f: Figures) => number, share?: (f: Figures) => number) => ({
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
      {data && filters.filter && filters.rowId && (
        <People
          filter={filters.filter as Filter}
          groupBy={data.groupBy}
          rowId={filters.rowId}
          rowName={filters.rowName ?? ''}
          year={filters.year}
          q={filters.q}
          onQ={(q) => setFilters({ q })}
          onClose={() => setFilters({ filter: undefined, rowId: undefined, rowName: undefined, q: undefined })}
        />
      )}
    </>
  );
}
