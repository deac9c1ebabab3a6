// Mentoring pairs as a table (administrators) — filters by status and form live in the URL.
import { Flex, Input, Select, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useDebounced } from '../../app/useDebounced';
import { counted, formatDate } from '../../app/format';
import { formNames, statusColors, statusNames } from './labels';
import type { Mentorship } from './types';
import { useAuth } from '../../app/auth';
import { NewPairButton } from './NewPairButton';

const keys = ['status', 'form', 'q'] as const;

export function PairStatusTag({ status }: { status: Mentorship['status'] }) {
  return <Tag color={statusColors[status]}>{statusNames[status]}</Tag>;
}

export function PairsTable() {
  const { filters, setFilters } = useUrlFilters(keys);
  const q = useDebounced(filters.q?.trim());
  const list = useKeysetList<Mentorship>('/api/mentorships', { status: filters.status, form: filters.form, q });
  const { can } = useAuth();
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        {can.isAdmin && <NewPairButton />}
        <Input.Search
          allowClear
          placeholder="Фамилия наставника или наставляемого"
          aria-label="Поиск по фамилии"
          style={{ width: 320 }}
          defaultValue={filters.q}
          onChange={(e) => setFilters({ q: e.target.value })}
        />
        <Select
          allowClear
          aria-label="Статус пары"
          placeholder="Любой статус"
          style={{ width: 200 }}
          value={filters.status}
          onChange={(v) => setFilters({ status: v })}
          options={Object.entries(statusNames).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          aria-label="Форма наставничества"
          placeholder="Любая форма"
          style={{ width: 380 }}
          value={filters.form}
          onChange={(v) => setFilters({ form: v })}
          options={Object.entries(formNames).map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      <PagedTable<Mentorship>
        list={list}
        rowKey="id"
        totalLabel={(n) => `Найдено: ${counted(n, ['пара', 'пары', 'пар'])}`}
        empty="Пар нет. Закрепите наставников на вкладке «Предложения» — там подобраны кандидаты для молодых специалистов."
        columns={[
          { title: 'Наставник', key: 'mentor', render: (_, p) => <Link to={`/staff/${p.mentor.staffId}`}>{p.mentor.fullName}</Link> },
          { title: 'Наставляемый', key: 'mentee', render: (_, p) => <Link to={`/staff/${p.mentee.staffId}`}>{p.mentee.fullName}</Link> },
          { title: 'Форма', dataIndex: 'form', width: 240, render: (f: Mentorship['form']) => formNames[f] },
          { title: 'Организация', key: 'org', render: (_, p) => p.organization.name },
          { title: 'Статус', dataIndex: 'status', width: 130, render: (s: Mentorship['status']) => <PairStatusTag status={s} /> },
          { title: 'Период', key: 'period', width: 200, render: (_, p) => `${formatDate(p.startsOn)} – ${p.endsOn ? formatDate(p.endsOn) : '…'}` },
          { title: 'Встреч', dataIndex: 'meetingCount', width: 90 },
          { title: '', key: 'open', width: 100, render: (_, p) => <Link to={`/mentoring/pairs/${p.id}`}>Открыть</Link> },
        ]}
      />
    </Flex>
  );
}
