// Roadmaps of the user's territory: what they are, whose, for which years, how execution goes.
import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { CloudUploadOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { LinkButton } from '../../app/LinkButton';
import { counted, formatDate } from '../../app/format';
import { useRoadmapAccess } from './access';
import { levelLabels, levelOptions, periodText } from './labels';
import type { RoadmapListItem } from './types';

const filterKeys = ['q', 'level', 'archived'] as const;

function Execution({ r }: { r: RoadmapListItem }) {
  return (
    <Flex vertical gap={2}>
      <span>{counted(r.activityCount, ['мероприятие', 'мероприятия', 'мероприятий'])}</span>
      {r.overdueCount > 0 ? (
        <Tag color="red" style={{ width: 'fit-content' }}>
          просрочено сроков: {r.overdueCount}
        </Tag>
      ) : (
        <Tag color="green" style={{ width: 'fit-content' }}>
          без просрочек
        </Tag>
      )}
    </Flex>
  );
}

export function RoadmapListPage() {
  const access = useRoadmapAccess();
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<RoadmapListItem>('/api/roadmaps', filters);
  return (
    <>
      <PageHeader
        title="Дорожные карты"
        subtitle="Планы мероприятий региона, муниципалитетов и организаций: сроки, исполнители, отчёты об исполнении"
        extra={
          <>
            <LinkButton icon={<FieldTimeOutlined />} to="/roadmaps/deadlines">
              Мои сроки
            </LinkButton>
            {access.imports && (
              <LinkButton type="primary" icon={<CloudUploadOutlined />} to="/roadmaps/import">
                Загрузить дорожную карту
              </LinkButton>
            )}
          </>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Input.Search
              key={filters.q ?? ''}
              defaultValue={filters.q}
              placeholder="Слова из названия"
              aria-label="Поиск по названию"
              allowClear
              enterButton="Найти"
              onSearch={(q) => setFilters({ q: q.trim() })}
              style={{ width: 340, maxWidth: '100%' }}
            />
            <Select
              aria-label="Уровень"
              placeholder="Все уровни"
              allowClear
              value={filters.level}
              options={levelOptions}
              onChange={(level?: string) => setFilters({ level })}
              style={{ width: 200 }}
            />
            <Select
              aria-label="Действующие или архивные"
              value={filters.archived ?? ''}
              options={[
                { value: '', label: 'Действующие' },
                { value: 'true', label: 'В архиве' },
              ]}
              onChange={(archived: string) => setFilters({ archived })}
              style={{ width: 160 }}
            />
          </Flex>
          <PagedTable<RoadmapListItem>
            list={list}
            rowKey="id"
            className="rm-top"
            totalLabel={(n) => `Найдено: ${counted(n, ['дорожная карта', 'дорожные карты', 'дорожных карт'])}`}
            empty={
              isActive()
                ? 'Ничего не нашлось: измените условия поиска.'
                : access.imports
                  ? 'Дорожных карт пока нет. Загрузите утверждённый документ Word или Excel кнопкой «Загрузить дорожную карту».'
                  : 'Дорожных карт вашей территории пока нет: их загружают администраторы министерства и органов управления образованием.'
            }
            columns={[
              {
                title: 'Название',
                key: 'title',
                render: (_, r) => (
                  <Flex vertical gap={2}>
                    <Link to={`/roadmaps/${r.id}`}>{r.title}</Link>
                    {r.approvedBy && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {r.approvedBy}
                      </Typography.Text>
                    )}
                    <div>
                      {r.parentRoadmapId && <Tag>сформирована из региональной</Tag>}
                      {r.archived && <Tag>В архиве</Tag>}
                    </div>
                  </Flex>
                ),
              },
              { title: 'Уровень', dataIndex: 'level', width: 130, render: (l: RoadmapListItem['level']) => levelLabels[l] },
              {
                title: 'Владелец',
                key: 'owner',
                width: 220,
                render: (_, r) => (
                  <>
                    {r.ownerOrganizationName}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                      {r.territoryName}
                    </Typography.Text>
                  </>
                ),
              },
              { title: 'Период', key: 'period', width: 100, render: (_, r) => periodText(r.periodFrom, r.periodTo) },
              {
                title: 'Редакция',
                key: 'revision',
                width: 120,
                render: (_, r) => (
                  <>
                    № {r.revisionNumber}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                      изменена {formatDate(r.updatedAt)}
                    </Typography.Text>
                  </>
                ),
              },
              { title: 'Исполнение', key: 'execution', width: 180, render: (_, r) => <Execution r={r} /> },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
