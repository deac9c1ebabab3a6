// «Сообщества»: methodological associations, networking platforms, professional associations and
// network communities of the user's territory.
import { Card, Flex, Input, Segmented, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { counted } from '../../app/format';
import { communityFocuses, communityKinds, eventLevels } from '../../../../common/events-dictionaries';
import { levelColors, optionsOf } from '../events/labels';
import type { CommunityListItemDto as CommunityListItem } from '../../../../server/modules/communities/communities.api';

const filterKeys = ['q', 'kind', 'level', 'mine'] as const;

export function CommunitiesPage() {
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<CommunityListItem>('/api/communities', filters);
  return (
    <>
      <PageHeader title="Профессиональные сообщества" subtitle="Методические объединения, нетворкинг-площадки, профессиональные ассоциации и сетевые сообщества: состав, планы, заседания с протоколами" />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Input.Search key={filters.q ?? ''} defaultValue={filters.q} placeholder="Слова из названия" aria-label="Поиск по названию" allowClear enterButton="Найти" onSearch={(q) => setFilters({ q: q.trim() })} style={{ width: 320 }} />
            <Select aria-label="Вид сообщества" placeholder="Все виды" allowClear value={filters.kind} options={optionsOf(communityKinds)} onChange={(kind?: string) => setFilters({ kind })} style={{ width: 250 }} />
            <Select aria-label="Уровень" placeholder="Все уровни" allowClear value={filters.level} options={optionsOf(eventLevels)} onChange={(level?: string) => setFilters({ level })} style={{ width: 170 }} />
            <Segmented
              aria-label="Чьи сообщества"
              value={filters.mine ? 'mine' : 'all'}
              options={[
                { value: 'all', label: 'Все' },
                { value: 'mine', label: 'Мои' },
              ]}
              onChange={(v) => setFilters({ mine: v === 'mine' ? 'true' : undefined })}
            />
          </Flex>
          <PagedTable<CommunityListItem>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['сообщество', 'сообщества', 'сообществ'])}`}
            empty={isActive() ? 'Ничего не нашлось: измените условия поиска.' : 'Сообществ вашей территории пока нет.'}
            columns={[
              {
                title: 'Сообщество',
                key: 'name',
                render: (_, c) => (
                  <Flex vertical gap={2}>
                    <Link to={`/communities/${c.id}`}>{c.name}</Link>
                    <span>
                      <Tag>{communityKinds[c.kind]}</Tag>
                      <Tag color={levelColors[c.level]}>{eventLevels[c.level]}</Tag>
                      {c.focus && <Tag>{communityFocuses[c.focus]}</Tag>}
                    </span>
                  </Flex>
                ),
              },
              { title: 'Базовая организация', dataIndex: 'baseOrganizationName', width: 240 },
              { title: 'Руководитель', dataIndex: 'leaderName', width: 240, render: (v: string | null) => v ?? <Typography.Text type="secondary">не назначен</Typography.Text> },
              { title: 'Участники', dataIndex: 'members', width: 100 },
              { title: 'Заседания', dataIndex: 'meetings', width: 100 },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
