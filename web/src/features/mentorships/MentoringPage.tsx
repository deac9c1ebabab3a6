// «Наставничество»: the user's own pairs (a mentor's cabinet, a mentee's mentor) and, for
// administrators, pairs, suggestions, programmes, team mentoring and mentors of their scope.
import { Card, Empty, Flex, List, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useAuth, useMe } from '../../app/auth';
import { useKeysetList } from '../../app/useKeysetList';
import { formatDate } from '../../app/format';
import { formNames } from './labels';
import { PairsTable, PairStatusTag } from './PairsTable';
import { SuggestionsTab } from './SuggestionsTab';
import { ProgrammesTab } from './ProgrammesTab';
import { MentorsTab, TeamTab } from './TeamAndMentorsTabs';
import type { Mentorship } from './types';

/** The pairs where the user is the mentor or the mentee. */
export function MyPairs() {
  const me = useMe();
  const list = useKeysetList<Mentorship>('/api/mentorships', { mine: true }, 100, !!me.staffId);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  const mentees = list.items.filter((p) => p.myRole === 'mentor');
  const mentors = list.items.filter((p) => p.myRole === 'mentee');
  const section = (title: string, pairs: Mentorship[], other: (p: Mentorship) => { staffId: string; fullName: string }) =>
    pairs.length > 0 && (
      <Card title={title} key={title}>
        <List
          dataSource={pairs}
          rowKey="id"
          renderItem={(p) => (
            <List.Item actions={[<Link key="open" to={`/mentoring/pairs/${p.id}`}>Открыть пару</Link>]}>
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <Link to={`/staff/${other(p).staffId}`}>{other(p).fullName}</Link>
                    <PairStatusTag status={p.status} />
                  </Flex>
                }
                description={`${formNames[p.form]}; ${p.organization.name}; с ${formatDate(p.startsOn)}${p.endsOn ? ` по ${formatDate(p.endsOn)}` : ''}; встреч: ${p.meetingCount}${p.lastMeetingOn ? `, последняя ${formatDate(p.lastMeetingOn)}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
    );
  if (list.loading) return <Card loading />;
  if (!mentees.length && !mentors.length)
    return (
      <Card>
        <Empty description="Вы не участвуете в наставнических парах. Наставника закрепляет администратор вашей организации." />
      </Card>
    );
  return (
    <Flex vertical gap={16}>
      {section('Мои наставляемые', mentees, (p) => p.mentee)}
      {section('Мой наставник', mentors, (p) => p.mentor)}
    </Flex>
  );
}

const tabs = ['pairs', 'suggestions', 'programmes', 'team', 'mentors', 'mine'] as const;

export function MentoringPage() {
  const { can } = useAuth();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  if (!can.browsesOrganizations) {
    return (
      <>
        <PageHeader title="Наставничество" subtitle="Ваши наставнические пары, план и журнал встреч" />
        <MyPairs />
      </>
    );
  }
  const tab = tabs.find((t) => t === params.get('tab')) ?? 'pairs';
  return (
    <>
      <PageHeader title="Наставничество" subtitle="Целевая модель наставничества: пары, предложения наставников, программы, менторство школ" />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'pairs', label: 'Пары', children: <PairsTable /> },
          { key: 'suggestions', label: 'Предложения', children: <SuggestionsTab /> },
          { key: 'programmes', label: 'Программы', children: <ProgrammesTab /> },
          { key: 'team', label: 'Менторство', children: <TeamTab /> },
          { key: 'mentors', label: 'Наставники', children: <MentorsTab /> },
          ...(me.staffId ? [{ key: 'mine', label: 'Мои пары', children: <MyPairs /> }] : []),
        ]}
      />
      <Typography.Text type="secondary">Молодые специалисты и их сопровождение — в разделе <Link to="/young-specialists">«Молодые специалисты»</Link>.</Typography.Text>
    </>
  );
}
