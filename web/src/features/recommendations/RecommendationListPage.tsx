// Targeted recommendations: those addressed to us, those we issued, everything in scope; with the
// follow-up status and the overdue ones marked.
import { Card, Flex, Input, Segmented, Select, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth';
import { LinkButton } from '../../app/LinkButton';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { counted, formatDate } from '../../app/format';
import { useDebounced } from '../../app/useDebounced';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { recommendationStatuses } from '../../../../common/monitoring';
import { recommendationColors, recommendationLabel } from './labels';
import { useIndicatorNames } from '../indicators/queries';
import type { Recommendation } from './types';

const keys = ['box', 'status', 'overdue', 'q'] as const;
const boxes = [
  { value: 'addressed', label: 'Адресованные нам' },
  { value: 'issued', label: 'Выданные' },
  { value: 'all', label: 'Все' },
];

export function RecommendationListPage() {
  const { can } = useAuth();
  const me = useMe();
  const { filters, setFilters } = useUrlFilters(keys);
  // the region mostly issues; a municipality and a school mostly answer
  const box = filters.box ?? (me.roles.some((r) => r.role === 'regional_admin') ? 'issued' : 'addressed');
  const q = useDebounced(filters.q ?? '');
  const list = useKeysetList<Recommendation>('/api/recommendations', { box, status: filters.status, overdue: filters.overdue, q });
  const { nameOf } = useIndicatorNames();
  return (
    <>
      <PageHeader
        title="Адресные рекомендации"
        subtitle="Рекомендации по итогам мониторинга: срок, ответ адресата и контроль исполнения"
        extra={
          can.isAdmin &&
          can.hasTerritoryScope && (
            <LinkButton type="primary" icon={<PlusOutlined />} to="/recommendations/new">
              Выдать рекомендацию
            </LinkButton>
          )
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Segmented aria-label="Какие рекомендации" value={box} options={boxes} onChange={(v) => setFilters({ box: String(v) })} />
            <Select
              aria-label="Статус"
              allowClear
              placeholder="Любой статус"
              style={{ width: 240 }}
              value={filters.status}
              onChange={(v) => setFilters({ status: v })}
              options={Object.entries(recommendationStatuses).map(([value, label]) => ({ value, label }))}
            />
            <Flex gap={6} align="center">
              <Switch aria-label="Только просроченные" checked={filters.overdue === 'true'} onChange={(v) => setFilters({ overdue: v ? 'true' : undefined })} />
              <Typography.Text>Только просроченные</Typography.Text>
            </Flex>
            <Input.Search aria-label="Поиск" placeholder="Поиск по теме и тексту" allowClear style={{ width: 280 }} defaultValue={filters.q} onChange={(e) => setFilters({ q: e.target.value })} />
          </Flex>
          <PagedTable<Recommendation>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['рекомендация', 'рекомендации', 'рекомендаций'])}`}
            empty={box === 'addressed' ? 'Вам пока не адресовано рекомендаций' : 'Рекомендаций нет'}
            columns={[
              {
                title: 'Тема',
                key: 'title',
                render: (_v, r) => (
                  <Flex vertical>
                    <Link to={`/recommendations/${r.id}`}>{r.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[r.indicatorCode && `показатель «${nameOf(r.indicatorCode)}»`, r.period && `период ${r.period}`, r.campaignTitle].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { title: 'Кому', key: 'to', width: 240, render: (_v, r) => r.addressee.name },
              { title: 'От кого', dataIndex: 'issuerName', width: 220 },
              {
                title: 'Срок',
                key: 'due',
                width: 140,
                render: (_v, r) => (r.overdue ? <Tag color="error">{formatDate(r.dueDate)} просрочено</Tag> : formatDate(r.dueDate)),
              },
              { title: 'Статус', key: 'status', width: 200, render: (_v, r) => <Tag color={recommendationColors[r.status]}>{recommendationLabel(r.status)}</Tag> },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
