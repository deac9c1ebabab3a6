import { Button, Card, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDateTime } from '../../app/format';
import { AuditDiff, changesOf } from './AuditDiff';
import { actionLabel, actionOptions, entityLabels } from './labels';

interface AuditRecord {
  id: number;
  at: string;
  login: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const filterKeys = ['action', 'kind', 'login', 'from', 'to', 'entity', 'entityId'] as const;

const kindOptions = [
  { value: 'access', label: 'Просмотры и выгрузки' },
  { value: 'read', label: 'Только просмотры' },
  { value: 'export', label: 'Только выгрузки' },
];

/** Links to the record the entry is about, when the UI has a page for it. */
const entityPath: Record<string, string> = { staff: '/staff', organization: '/organizations' };

/** The record's name as the entry saved it (a person's full name, an organization's short name). */
function recordName(r: AuditRecord): string | null {
  const snapshot = (r.after ?? r.before) as Record<string, unknown> | null;
  if (!snapshot || typeof snapshot !== 'object') return null;
  if (typeof snapshot.surname === 'string') return [snapshot.surname, snapshot.name, snapshot.patronymic].filter((x) => typeof x === 'string' && x).join(' ');
  if (typeof snapshot.shortName === 'string') return snapshot.shortName;
  if (typeof snapshot.fileName === 'string') return `файл «${snapshot.fileName}»`;
  return null;
}

function EntityCell({ r }: { r: AuditRecord }) {
  const label = entityLabels[r.entity] ?? r.entity;
  const name = recordName(r);
  const base = entityPath[r.entity];
  // an import's entityId is the upload batch, not a record
  const linked = r.entityId && base && !r.action.endsWith('.import');
  return (
    <Flex vertical>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {linked ? <Link to={`${base}/${r.entityId}`}>{name ?? 'открыть карточку'}</Link> : name}
    </Flex>
  );
}

function Filters() {
  const { filters, setFilters, isActive, clear } = useUrlFilters(filterKeys);
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  return (
    <Flex gap={8} wrap align="center">
      <Select
        aria-label="Действие"
        placeholder="Все действия"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.action}
        options={actionOptions}
        onChange={(action?: string) => setFilters({ action })}
        style={{ width: 300, maxWidth: '100%' }}
      />
      <Select
        aria-label="Вид действий"
        placeholder="Любые действия"
        allowClear
        value={filters.kind}
        options={kindOptions}
        onChange={(kind?: string) => setFilters({ kind })}
        style={{ width: 220, maxWidth: '100%' }}
      />
      <Input.Search
        key={filters.login ?? ''}
        defaultValue={filters.login}
        placeholder="Логин пользователя"
        aria-label="Логин пользователя"
        allowClear
        onSearch={(login) => setFilters({ login: login.trim() })}
        style={{ width: 220, maxWidth: '100%' }}
      />
      <DatePicker.RangePicker
        aria-label="Период"
        format="DD.MM.YYYY"
        value={range}
        allowEmpty={[false, false]}
        onChange={(v) =>
          setFilters({
            // whole days in the user's time zone, sent with the offset
            from: v?.[0]?.startOf('day').format() ?? undefined,
            to: v?.[1]?.endOf('day').format() ?? undefined,
          })
        }
      />
      {filters.entityId && (
        <Tag closable onClose={() => setFilters({ entity: undefined, entityId: undefined })}>
          Только записи об объекте {filters.entityId.slice(0, 8)}…
        </Tag>
      )}
      {isActive() && (
        <Button type="link" onClick={() => clear()}>
          Сбросить фильтры
        </Button>
      )}
    </Flex>
  );
}

export function AuditPage() {
  const { filters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<AuditRecord>('/api/audit', filters);
  return (
    <>
      <PageHeader title="Журнал аудита" subtitle="Кто, когда и откуда читал и менял данные в вашей области администрирования. Записи журнала не изменяются." />
      <Card>
        <Flex vertical gap={12}>
          <Filters />
          <PagedTable<AuditRecord>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['запись', 'записи', 'записей'])}`}
            empty={isActive() ? 'За выбранный период и с этими условиями записей нет.' : 'Журнал пока пуст.'}
            expandable={{
              rowExpandable: (r) => changesOf(r.before, r.after).length > 0,
              expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
            }}
            columns={[
              { title: 'Время', dataIndex: 'at', render: formatDateTime, width: 180 },
              { title: 'Пользователь', dataIndex: 'login', render: (l: string | null) => l ?? <Typography.Text type="secondary">система</Typography.Text> },
              { title: 'Действие', dataIndex: 'action', render: actionLabel },
              { title: 'Объект', key: 'entity', render: (_, r) => <EntityCell r={r} /> },
              { title: 'IP-адрес', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
