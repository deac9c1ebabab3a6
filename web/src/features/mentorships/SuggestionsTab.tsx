// Suggested mentors for young specialists without one: the administrator confirms a candidate and
// the pair takes effect at once (ADR 0016).
import { App, Button, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { counted, years } from '../../app/format';
import { errorMessage } from '../../app/ErrorAlert';
import { useCreatePair } from './queries';
import type { MentorCandidate, MentorSuggestion } from './types';

function CandidateItem({ mentee, c }: { mentee: MentorSuggestion; c: MentorCandidate }) {
  const create = useCreatePair();
  const { message } = App.useApp();
  const confirm = async () => {
    try {
      await create.mutateAsync({ mentorStaffId: c.staffId, menteeStaffId: mentee.staffId, form: 'experienced_young', suggestionReason: c.reason, confirm: true });
      message.success(`Наставник ${c.fullName} закреплён за ${mentee.fullName}`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <List.Item
      actions={[
        <Popconfirm
          key="confirm"
          title="Закрепить наставника?"
          description={`${c.fullName} станет наставником ${mentee.fullName} с сегодняшнего дня.`}
          okText="Закрепить"
          cancelText="Отмена"
          onConfirm={confirm}
        >
          <Button type="primary" size="small" icon={<CheckOutlined />} loading={create.isPending} aria-label={`Подтвердить наставника ${c.fullName} для ${mentee.fullName}`}>
            Подтвердить
          </Button>
        </Popconfirm>,
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>
              {c.rank}. {c.fullName}
            </Typography.Text>
            <Tag color={c.scope === 'organization' ? 'green' : 'blue'}>{c.scope === 'organization' ? 'своя организация' : 'муниципалитет'}</Tag>
          </Flex>
        }
        description={c.reason}
      />
    </List.Item>
  );
}

export function SuggestionsTab() {
  const list = useKeysetList<MentorSuggestion>('/api/mentorships/suggestions', {}, 20);
  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Молодые специалисты без наставника и подходящие наставники: тот же предмет в своей организации, затем в муниципалитете, только со свободными местами. Пара вступает в силу после подтверждения администратором.
      </Typography.Paragraph>
      <PagedTable<MentorSuggestion>
        list={list}
        rowKey="staffId"
        totalLabel={(n) => `Без наставника: ${counted(n, ['молодой специалист', 'молодых специалиста', 'молодых специалистов'])}`}
        empty="У всех молодых специалистов есть наставник или предложенная пара."
        columns={[
          {
            title: 'Молодой специалист',
            key: 'name',
            width: 260,
            render: (_, s) => (
              <Flex vertical>
                <Link to={`/staff/${s.staffId}`}>{s.fullName}</Link>
                <Typography.Text type="secondary">
                  {s.organizations.join(', ')}; стаж {years(s.yearsInProfession)}
                </Typography.Text>
                <Typography.Text type="secondary">{s.subjects.join(', ') || 'предмет не указан'}</Typography.Text>
              </Flex>
            ),
          },
          {
            title: 'Предлагаемые наставники',
            key: 'candidates',
            render: (_, s) =>
              s.candidates.length ? (
                <List size="small" dataSource={s.candidates} rowKey="staffId" renderItem={(c) => <CandidateItem mentee={s} c={c} />} />
              ) : (
                <Typography.Text type="secondary">
                  {s.subjects.length
                    ? 'Нет коллег того же предмета со свободными местами: закрепите наставника вручную на вкладке «Пары» или увеличьте ёмкость наставника.'
                    : 'Предмет не указан в должности: закрепите наставника вручную на вкладке «Пары».'}
                </Typography.Text>
              ),
          },
        ]}
      />
    </Flex>
  );
}
