// «Молодые специалисты»: people under 35 in their first three years (ADR 0004), with and without
// any form of support (ADR 0016), filters in the URL and an XLSX export of the same selection.
import { Card, Col, Flex, Input, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useInfiniteQuery, keepPreviousData } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useDebounced } from '../../app/useDebounced';
import { counted, formatNumber, years } from '../../app/format';
import type { KeysetList } from '../../app/useKeysetList';
import { subjects } from '../../../../common/dictionaries';
import { supportNames } from './labels';
import type { YoungSpecialist, YoungSpecialistPage } from './types';

const keys = ['support', 'subject', 'q'] as const;

/** The keyset list plus the page's summary (counts over the whole filtered set). */
function useYoungSpecialists(filters: Record<string, string | undefined>) {
  const query = useInfiniteQuery({
    queryKey: ['/api/young-specialists', filters],
    queryFn: ({ pageParam, signal }) => api.get<YoungSpecialistPage>(`/api/young-specialists${queryString({ ...filters, limit: 50, cursor: pageParam })}`, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const list: KeysetList<YoungSpecialist> = {
    items: query.data?.pages.flatMap((p) => p.items) ?? [],
    total: query.data?.pages[0]?.total,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    loading: query.isPending,
    loadingMore: query.isFetchingNextPage,
    refreshing: query.isPlaceholderData,
    error: query.error,
    refetch: () => void query.refetch(),
  };
  return { list, summary: query.data?.pages[0]?.summary };
}

export function YoungSpecialistsPage() {
  const { filters, setFilters } = useUrlFilters(keys);
  const q = useDebounced(filters.q?.trim());
  const params = { support: filters.support, subject: filters.subject, q };
  const { list, summary } = useYoungSpecialists(params);
  return (
    <>
      <PageHeader
        title="Молодые специалисты"
        subtitle="Педагоги моложе 35 лет, работающие в профессии не более 3 лет, и формы их сопровождения: наставник, ИОМ, тьютор"
        extra={
          <DownloadButton url={`/api/young-specialists/export.xlsx${queryString(params)}`} fileName="Молодые специалисты.xlsx">
            Выгрузить в Excel
          </DownloadButton>
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="Молодых специалистов" value={summary ? formatNumber(summary.youngSpecialists) : '—'} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="С сопровождением" value={summary ? formatNumber(summary.supported) : '—'} valueStyle={{ color: '#389e0d' }} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="Без сопровождения" value={summary ? formatNumber(summary.unsupported) : '—'} valueStyle={{ color: summary?.unsupported ? '#cf1322' : undefined }} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="Охвачено сопровождением" value={summary ? summary.supportedShare.toLocaleString('ru-RU', { maximumFractionDigits: 1 }) : '—'} suffix={summary ? '%' : undefined} />
            </Card>
          </Col>
        </Row>
        <Flex gap={8} wrap align="center">
          <Segmented
            aria-label="Сопровождение"
            value={filters.support ?? 'all'}
            onChange={(v) => setFilters({ support: v === 'all' ? undefined : String(v) })}
            options={[
              { value: 'all', label: 'Все' },
              { value: 'with', label: 'С сопровождением' },
              { value: 'without', label: 'Без сопровождения' },
            ]}
          />
          <Select allowClear showSearch aria-label="Предмет" placeholder="Любой предмет" style={{ width: 220 }} value={filters.subject} onChange={(v) => setFilters({ subject: v })} options={subjects.map((s) => ({ value: s, label: s }))} />
          <Input.Search allowClear aria-label="Поиск по ФИО" placeholder="Фамилия, имя" style={{ width: 260 }} defaultValue={filters.q} onChange={(e) => setFilters({ q: e.target.value })} />
          {filters.support === 'without' && (
            <Typography.Text>
              Подобрать наставников: <Link to="/mentoring?tab=suggestions">предложения наставников</Link>
            </Typography.Text>
          )}
        </Flex>
        <PagedTable<YoungSpecialist>
          list={list}
          rowKey="staffId"
          totalLabel={(n) => `Найдено: ${counted(n, ['человек', 'человека', 'человек'])}`}
          empty="Молодых специалистов по этим условиям нет."
          columns={[
            { title: 'ФИО', key: 'name', render: (_, p) => <Link to={`/staff/${p.staffId}`}>{p.fullName}</Link> },
            { title: 'Возраст', dataIndex: 'age', width: 100, render: years },
            { title: 'Стаж', dataIndex: 'yearsInProfession', width: 100, render: years },
            { title: 'Организация', key: 'org', render: (_, p) => p.organizations.join(', ') },
            { title: 'Предметы', key: 'subjects', width: 200, render: (_, p) => p.subjects.join(', ') || '—' },
            {
              title: 'Сопровождение',
              key: 'support',
              width: 220,
              render: (_, p) =>
                p.supported ? (
                  <Flex gap={4} wrap>
                    {p.supportForms.map((f) => (
                      <Tag key={f} color="green">
                        {supportNames[f]}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  <Flex gap={4} wrap>
                    <Tag color="red">нет</Tag>
                    {p.mentorSuggested && <Tag color="gold">пара ждёт подтверждения</Tag>}
                  </Flex>
                ),
            },
            { title: 'Наставник', dataIndex: 'mentorName', width: 240, render: (n: string | null) => n ?? '—' },
          ]}
        />
      </Flex>
    </>
  );
}
