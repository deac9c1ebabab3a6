// The person's mentoring on their card: pairs where they mentor or are mentored (a mentee without an
// account is seen here by their administrators).
import { Card, List, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useKeysetList } from '../../app/useKeysetList';
import { formatDate } from '../../app/format';
import { formNames } from './labels';
import { PairStatusTag } from './PairsTable';
import type { Mentorship } from './types';

export function StaffMentoringCard({ staffId }: { staffId: string }) {
  const list = useKeysetList<Mentorship>('/api/mentorships', { staffId }, 50);
  if (list.error || (!list.loading && list.items.length === 0)) return null;
  return (
    <Card title="Наставничество" loading={list.loading}>
      <List
        dataSource={list.items}
        rowKey="id"
        renderItem={(p) => {
          const mentoring = p.mentor.staffId === staffId;
          const other = mentoring ? p.mentee : p.mentor;
          return (
            <List.Item actions={[<Link key="open" to={`/mentoring/pairs/${p.id}`}>Открыть пару</Link>]}>
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text>{mentoring ? 'Наставник для' : 'Наставник:'}</Typography.Text>
                    <Link to={`/staff/${other.staffId}`}>{other.fullName}</Link>
                    <PairStatusTag status={p.status} />
                  </Flex>
                }
                description={`${formNames[p.form]}; с ${formatDate(p.startsOn)}${p.endsOn ? ` по ${formatDate(p.endsOn)}` : ''}; встреч: ${p.meetingCount}`}
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
