// «Банк практик»: what the user may see of the bank, with the expert's queue and «my practices».
import { Flex, Input, Segmented, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDate } from '../../app/format';
import { LinkButton } from '../../app/LinkButton';
import { useMe } from '../../app/auth';
import { practiceKinds, practiceStatuses } from '../../../../common/practices';
import { PracticeKindTag, PracticeStatusTag, enumOptions, formatScore, practiceScope } from './PracticeTags';
import type { PracticeListItemDto } from './queries';

const keys = ['q', 'status', 'kind', 'scope'] as const;

export function PracticeListPage() {
  const me = useMe();
  const isExpert = me.roles.some((r) => r.role === 'expert');
  const { filters, setFilters } = useUrlFilters(keys);
  const scope = filters.scope ?? (isExpert ? 'assigned' : 'all');
  const list = useKeysetList<PracticeListItemDto>('/api/practices', { q: filters.q, status: filters.status, kind: filters.kind, scope });
  const scopes = [
    { value: 'all', label: 'Все доступные' },
    { value: 'mine', label: 'Мои практики' },
    ...(isExpert ? [{ value: 'assigned', label: 'Мне на экспертизу' }] : []),
  ];
  return (
    <>
      <PageHeader
        title="Банк практик"
        subtitle="Успешные педагогические и управленческие практики: подача, экспертиза, публикация"
        extra={
          <>
            <LinkButton to="/practices-catalog">Открытый каталог</LinkButton>
            <LinkButton to="/practices/new" type="primary" icon={<PlusOutlined />}>
              Подать практику
            </LinkButton>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented value={scope} options={scopes} onChange={(v) => setFilters({ scope: String(v) })} />
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder="Название, автор, организация, ключевые слова"
          aria-label="Поиск практик"
          onSearch={(q) => setFilters({ q })}
          style={{ width: 360 }}
        />
        <Select allowClear placeholder="Состояние" aria-label="Состояние" value={filters.status} options={enumOptions(practiceStatuses)} onChange={(status) => setFilters({ status })} style={{ width: 240 }} />
        <Select allowClear placeholder="Вид практики" aria-label="Вид практики" value={filters.kind} options={enumOptions(practiceKinds)} onChange={(kind) => setFilters({ kind })} style={{ width: 200 }} />
      </Flex>
      <PagedTable<PracticeListItemDto>
        list={list}
        rowKey="id"
        totalLabel={(n) => `Найдено: ${counted(n, ['практика', 'практики', 'практик'])}`}
        empty={scope === 'assigned' ? 'Вам пока не назначены практики на экспертизу' : 'Практик не найдено. Подайте первую — кнопка «Подать практику».'}
        columns={[
          {
            title: 'Практика',
            key: 'title',
            render: (_, p) => (
              <Flex vertical gap={2}>
                <Link to={`/practices/${p.id}`}>{p.title}</Link>
                <span>
                  <PracticeKindTag kind={p.kind} />
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {practiceScope(p)}
                  </Typography.Text>
                </span>
              </Flex>
            ),
          },
          { title: 'Авторы', key: 'authors', width: 200, render: (_, p) => p.authors.join(', ') },
          { title: 'Организация', dataIndex: 'organizationName', width: 220 },
          {
            title: 'Состояние',
            key: 'status',
            width: 190,
            render: (_, p) => (
              <Flex vertical gap={2} align="start">
                <PracticeStatusTag status={p.status} />
                {p.status === 'under_review' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Оценок: {p.reviewsCount} из {p.expertsCount}
                    {p.assignedToMe && !p.reviewedByMe ? ' · ждёт вашей оценки' : ''}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { title: 'Балл', key: 'score', width: 70, render: (_, p) => formatScore(p.averageScore) },
          { title: 'Подана', key: 'submittedAt', width: 100, render: (_, p) => formatDate(p.submittedAt) },
        ]}
      />
    </>
  );
}
