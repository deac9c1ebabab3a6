// The signed-in person's own card on the home page: who I am, where I work, where to go.
import { Card, Descriptions, Flex, Skeleton, Tag } from 'antd';
import { BankOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { fullName, years } from '../../app/format';
import { useMyWorkplaces, useStaff } from '../staff/queries';
import { qualificationCategories } from '../../../../common/dictionaries';

export function MyCard({ staffId }: { staffId: string }) {
  const { can } = useAuth();
  const { data, error, refetch } = useStaff(staffId);
  const workplaces = useMyWorkplaces(staffId);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  const current = data.positions.filter((p) => !p.endDate);
  return (
    <Card title="Моя карточка">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: 'ФИО', children: fullName(data) },
          { key: 'position', label: 'Должность', children: current.map((p) => `${p.title} — ${p.organizationName}`).join('; ') || '—' },
          { key: 'experience', label: 'Педагогический стаж', children: years(data.yearsInProfession) },
          {
            key: 'category',
            label: 'Квалификационная категория',
            children: data.qualificationCategory ? qualificationCategories[data.qualificationCategory] : '—',
          },
        ]}
      />
      {data.youngSpecialist && <Tag color="green">Молодой специалист</Tag>}
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <LinkButton type="primary" icon={<IdcardOutlined />} to={`/staff/${staffId}`}>
          Мой профиль
        </LinkButton>
        {!can.browsesOrganizations &&
          workplaces.map((p) => (
            <LinkButton key={p.organizationId} icon={<BankOutlined />} to={`/organizations/${p.organizationId}`}>
              {workplaces.length > 1 ? p.organizationName : 'Моя организация'}
            </LinkButton>
          ))}
        {can.browsesStaff && !can.browsesOrganizations && (
          <LinkButton icon={<TeamOutlined />} to={can.isTutor ? '/tutor-cabinet' : '/staff'}>
            Мои подопечные
          </LinkButton>
        )}
      </Flex>
    </Card>
  );
}
