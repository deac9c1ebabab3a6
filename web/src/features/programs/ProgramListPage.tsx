// The catalogue of ДПО programmes: filters by the federal registry, format, kind and competency.
import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { queryString } from '../../app/api';
import { counted, formatDate } from '../../app/format';
import { programFormatLabels, programFormatOptions, programKindLabels, programKindOptions } from './labels';
import type { ProgramListItem } from './types';
import type { CompetencyCatalogDto } from '../../../../server/modules/competencies/competencies.api';

const filterKeys = ['q', 'inFederalRegistry', 'format', 'kind', 'competencyId', 'hasUpcomingCohorts'] as const;

export function useCompetencyOptions() {
  const { data } = useQuery({ queryKey: ['competencies', false], queryFn: ({ signal }) => api.get<CompetencyCatalogDto>('/api/competencies', signal), staleTime: 300_000 });
  return (data?.groups ?? []).map((g) => ({ label: g.name, options: g.competencies.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` })) }));
}

export function ProgramListPage() {
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<ProgramListItem>('/api/programs', filters);
  const competencyOptions = useCompetencyOptions();
  return (
    <>
      <PageHeader
        title="Программы ДПО"
        subtitle="Каталог программ повышения квалификации и переподготовки: федеральный реестр, программы ИРО и ЦНППМ, ближайшие группы"
        extra={<DownloadButton url={`/api/programs/export.xlsx${queryString(filters)}`} fileName="programs.xlsx">Выгрузить в Excel</DownloadButton>}
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Input.Search key={filters.q ?? ''} defaultValue={filters.q} placeholder="Слова из названия" aria-label="Поиск по названию" allowClear enterButton="Найти" onSearch={(q) => setFilters({ q: q.trim() })} style={{ width: 320, maxWidth: '100%' }} />
            <Select aria-label="Федеральный реестр" value={filters.inFederalRegistry ?? ''} onChange={(v: string) => setFilters({ inFederalRegistry: v })} style={{ width: 230 }} options={[{ value: '', label: 'Все программы' }, { value: 'true', label: 'Федеральный реестр' }, { value: 'false', label: 'Вне федерального реестра' }]} />
            <Select aria-label="Форма обучения" placeholder="Любая форма" allowClear value={filters.format} options={programFormatOptions} onChange={(format?: string) => setFilters({ format })} style={{ width: 170 }} />
            <Select aria-label="Вид программы" placeholder="Любой вид" allowClear value={filters.kind} options={programKindOptions} onChange={(kind?: string) => setFilters({ kind })} style={{ width: 260 }} />
            <Select aria-label="Компетенция" placeholder="Развивает компетенцию" allowClear showSearch={{ optionFilterProp: 'label' }} value={filters.competencyId} options={competencyOptions} onChange={(competencyId?: string) => setFilters({ competencyId })} style={{ width: 320 }} />
            <Select aria-label="Группы" value={filters.hasUpcomingCohorts ?? ''} onChange={(v: string) => setFilters({ hasUpcomingCohorts: v })} style={{ width: 220 }} options={[{ value: '', label: 'С группами и без' }, { value: 'true', label: 'Есть набор в группы' }]} />
          </Flex>
          <PagedTable<ProgramListItem>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['программа', 'программы', 'программ'])}`}
            empty={isActive() ? 'Ничего не нашлось: измените условия поиска.' : 'Каталог пуст. Программы добавляют ИРО, ЦНППМ и органы управления образованием (загрузкой из Excel или по одной).'}
            columns={[
              {
                title: 'Программа',
                key: 'title',
                render: (_, p) => (
                  <Flex vertical gap={2}>
                    <Link to={`/programs/${p.id}`}>{p.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>{p.providerName}</Typography.Text>
                    <Flex gap={4} wrap>
                      {p.inFederalRegistry && <Tag color="blue">федеральный реестр{p.registryNumber ? ` № ${p.registryNumber}` : ''}</Tag>}
                      {p.competencies.map((c) => <Tag key={c.id} title={c.name}>{c.code}</Tag>)}
                    </Flex>
                  </Flex>
                ),
              },
              { title: 'Вид', dataIndex: 'kind', width: 190, render: (k: ProgramListItem['kind']) => programKindLabels[k] },
              { title: 'Часов', dataIndex: 'hours', width: 80 },
              { title: 'Форма', dataIndex: 'format', width: 130, render: (f: ProgramListItem['format']) => programFormatLabels[f] },
              { title: 'Ближайшая группа', key: 'next', width: 170, render: (_, p) => (p.nextCohort ? <>{formatDate(p.nextCohort.startsOn)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>мест: {p.nextCohort.seatsLeft}</Typography.Text></> : <Typography.Text type="secondary">набора нет</Typography.Text>) },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
