// «Мероприятия»: the activity table with filters by section, responsible organization, status
// and year; overdue rows stand out.
import { Button, Flex, Input, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { counted } from '../../app/format';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useOrganizationName } from '../organizations/queries';
import { ExecutorList } from './ExecutorList';
import { KindTag, StatusTag } from './StatusTag';
import { WindowList } from './WindowList';
import { statusOptions, yearsOf } from './labels';
import type { Activity, Roadmap } from './types';

export const activityFilterKeys = ['sectionId', 'organizationId', 'status', 'year', 'q'] as const;
type Filters = Partial<Record<(typeof activityFilterKeys)[number], string>>;

interface Props {
  roadmap: Roadmap;
  filters: Filters;
  setFilters: (changes: Partial<Record<(typeof activityFilterKeys)[number], string | null | undefined>>) => void;
}

function ActivityFilters({ roadmap, filters, setFilters }: Props) {
  const organizationName = useOrganizationName(filters.organizationId ?? null);
  const active = activityFilterKeys.some((k) => filters[k]);
  return (
    <Flex gap={8} wrap align="center">
      <Input.Search
        key={filters.q ?? ''}
        defaultValue={filters.q}
        placeholder="Номер или слова из текста"
        aria-label="Поиск мероприятия"
        allowClear
        enterButton="Найти"
        onSearch={(q) => setFilters({ q: q.trim() })}
        style={{ width: 240, maxWidth: '100%' }}
      />
      <Select
        aria-label="Раздел"
        placeholder="Все разделы"
        allowClear
        value={filters.sectionId}
        options={roadmap.sections.map((s) => ({ value: s.id, label: [s.number, s.title].filter(Boolean).join('. ') }))}
        onChange={(sectionId?: string) => setFilters({ sectionId })}
        style={{ width: 200, maxWidth: '100%' }}
        popupMatchSelectWidth={false}
      />
      <OrganizationSelect
        aria-label="Ответственная организация"
        placeholder="Ответственная организация"
        allowClear
        value={filters.organizationId}
        known={filters.organizationId && organizationName ? [{ value: filters.organizationId, label: organizationName }] : []}
        onChange={(organizationId?: string) => setFilters({ organizationId })}
        style={{ width: 240, maxWidth: '100%' }}
      />
      <Select aria-label="Статус" placeholder="Любой статус" allowClear value={filters.status} options={statusOptions} onChange={(status?: string) => setFilters({ status })} style={{ width: 160 }} />
      <Select
        aria-label="Год"
        placeholder="Все годы"
        allowClear
        value={filters.year}
        options={yearsOf(roadmap.periodFrom, roadmap.periodTo).map((y) => ({ value: String(y), label: `${y} год` }))}
        onChange={(year?: string) => setFilters({ year })}
        style={{ width: 120 }}
      />
      {active && (
        <Button type="link" onClick={() => setFilters(Object.fromEntries(activityFilterKeys.map((k) => [k, null])))}>
          Сбросить фильтры
        </Button>
      )}
    </Flex>
  );
}

export function ActivitiesTab(props: Props) {
  const { roadmap, filters } = props;
  const query = Object.fromEntries(activityFilterKeys.map((k) => [k, filters[k]]));
  const list = useKeysetList<Activity>(`/api/roadmaps/${roadmap.id}/activities`, query, 100);
  const link = (a: Activity) => `/roadmaps/${roadmap.id}/activities/${a.id}`;
  return (
    <Flex vertical gap={12}>
      <ActivityFilters {...props} />
      <PagedTable<Activity>
        list={list}
        rowKey="id"
        className="rm-top"
        rowClassName={(a) => (a.status === 'overdue' ? 'rm-row-overdue' : '')}
        totalLabel={(n) => `Найдено: ${counted(n, ['мероприятие', 'мероприятия', 'мероприятий'])}`}
        empty={
          activityFilterKeys.some((k) => filters[k])
            ? 'Под эти условия мероприятий нет: измените фильтры или сбросьте их.'
            : 'В действующей редакции нет мероприятий. Загрузите исправленный документ кнопкой «Загрузить изменения».'
        }
        columns={[
          { title: '№', dataIndex: 'number', width: 70, render: (n: string, a) => <Link to={link(a)}>{n || '—'}</Link> },
          {
            title: 'Мероприятие',
            key: 'title',
            render: (_, a) => (
              <Flex vertical gap={2}>
                {a.group && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.group}
                  </Typography.Text>
                )}
                <Link to={link(a)}>{a.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Раздел {a.sectionNumber}. {a.sectionTitle}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: 'Ответственные', key: 'responsible', width: 280, render: (_, a) => <ExecutorList executors={a.responsible} limit={2} /> },
          {
            title: 'Срок',
            key: 'deadline',
            width: 240,
            render: (_, a) => (
              <Flex vertical gap={2}>
                <span>{a.deadline.text || '—'}</span>
                <div>
                  <KindTag kind={a.deadline.kind} note={a.deadline.note} />
                </div>
                <WindowList windows={a.occurrences} limit={2} empty="без контрольных дат" />
              </Flex>
            ),
          },
          { title: 'Статус', dataIndex: 'status', width: 150, render: (s: Activity['status']) => <StatusTag status={s} /> },
          { title: 'Отчёты', dataIndex: 'reportCount', width: 90, align: 'right', render: (n: number) => (n ? n : '—') },
        ]}
      />
    </Flex>
  );
}
