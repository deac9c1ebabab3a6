// «Менторство» (management teams of strong schools and schools with low results) and mentors'
// capacity and load.
import { App, Flex, InputNumber, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { counted, formatDate, years } from '../../app/format';
import { errorMessage } from '../../app/ErrorAlert';
import { teamStatusNames } from './labels';
import { useSetCapacity } from './queries';
import type { Mentor, TeamMentorship } from './types';

export function TeamTab() {
  const list = useKeysetList<TeamMentorship>('/api/team-mentorships', {});
  return (
    <PagedTable<TeamMentorship>
      list={list}
      rowKey="id"
      totalLabel={(n) => `Найдено: ${counted(n, ['пара организаций', 'пары организаций', 'пар организаций'])}`}
      empty="Менторство не назначено. Его назначает муниципалитет или регион школе с низкими образовательными результатами."
      columns={[
        { title: 'Школа с низкими результатами', key: 'mentee', width: 240, render: (_, t) => <Link to={`/organizations/${t.menteeOrganization.id}`}>{t.menteeOrganization.name}</Link> },
        { title: 'Школа-ментор', key: 'mentor', width: 240, render: (_, t) => <Link to={`/organizations/${t.mentorOrganization.id}`}>{t.mentorOrganization.name}</Link> },
        { title: 'Управленческая команда', key: 'team', render: (_, t) => t.mentorTeam.map((p) => p.fullName).join(', ') || '—' },
        { title: 'Период', key: 'period', width: 200, render: (_, t) => `${formatDate(t.startsOn)} – ${t.endsOn ? formatDate(t.endsOn) : '…'}` },
        { title: 'Статус', dataIndex: 'status', width: 120, render: (s: TeamMentorship['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{teamStatusNames[s]}</Tag> },
        { title: 'План и итоги', key: 'plan', width: 320, render: (_, t) => <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: 'ещё' }} style={{ margin: 0 }}>{[t.plan, t.outcomes && `Итоги: ${t.outcomes}`].filter(Boolean).join('. ') || '—'}</Typography.Paragraph> },
      ]}
    />
  );
}

function CapacityInput({ m }: { m: Mentor }) {
  const set = useSetCapacity();
  const { message } = App.useApp();
  if (!m.canEdit) return <>{m.capacity}</>;
  return (
    <InputNumber
      min={0}
      max={10}
      size="small"
      aria-label={`Ёмкость наставника ${m.fullName}`}
      defaultValue={m.capacity}
      disabled={set.isPending}
      onBlur={(e) => {
        const capacity = Number(e.target.value);
        if (!Number.isInteger(capacity) || capacity === m.capacity) return;
        set.mutate({ staffId: m.staffId, capacity }, { onSuccess: () => message.success('Ёмкость сохранена'), onError: (err) => message.error(errorMessage(err)) });
      }}
    />
  );
}

export function MentorsTab() {
  const list = useKeysetList<Mentor>('/api/mentors', {});
  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Ёмкость — сколько наставляемых человек ведёт одновременно (по умолчанию 2; 0 — не предлагать в наставники).
      </Typography.Paragraph>
      <PagedTable<Mentor>
        list={list}
        rowKey="staffId"
        totalLabel={(n) => `Найдено: ${counted(n, ['наставник', 'наставника', 'наставников'])}`}
        empty="Наставников пока нет."
        columns={[
          { title: 'Наставник', key: 'name', render: (_, m) => <Link to={`/staff/${m.staffId}`}>{m.fullName}</Link> },
          { title: 'Организация', key: 'org', render: (_, m) => m.organizations.join(', ') },
          { title: 'Стаж', dataIndex: 'yearsInProfession', width: 100, render: years },
          { title: 'Ёмкость', key: 'capacity', width: 110, render: (_, m) => <CapacityInput m={m} /> },
          { title: 'Занято', key: 'load', width: 100, render: (_, m) => <Tag color={m.free ? 'green' : 'orange'}>{`${m.load} из ${m.capacity}`}</Tag> },
          { title: 'Наставляемые', key: 'mentees', render: (_, m) => m.mentees.join(', ') || '—' },
        ]}
      />
    </Flex>
  );
}
