// The person card: personal data, derived figures, positions; edit and archive for admins.
import { Alert, Card, Descriptions, Flex, Result, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { DownloadButton } from '../../app/DownloadButton';
import { PageHeader } from '../../app/PageHeader';
import { StaffLearningCard } from '../learning-plans/StaffLearningCard';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { ArchiveButton } from '../../app/ArchiveButton';
import { formatDate, formatDateTime, fullName, years } from '../../app/format';
import { qualificationCategories, sexes, staffCategories } from '../../../../common/dictionaries';
import { useStaff, useUpdateStaff } from './queries';
import type { Position, StaffDetail } from './types';
import { EducationCard } from '../staffing/EducationCard';
import { StaffMentoringCard } from '../mentorships/StaffMentoringCard';
import { PrivacyCard } from '../privacy/PrivacyCard';

function PersonDetails({ s }: { s: StaffDetail }) {
  return (
    <Descriptions
      bordered
      column={{ xs: 1, lg: 2 }}
      styles={{ label: { width: 220 } }}
      items={[
        { key: 'name', label: 'ФИО', children: fullName(s), span: 'filled' },
        { key: 'birthDate', label: 'Дата рождения', children: s.birthDate ? `${formatDate(s.birthDate)} (${years(s.age)})` : '—' },
        { key: 'sex', label: 'Пол', children: s.sex ? sexes[s.sex] : '—' },
        { key: 'snils', label: 'СНИЛС', children: s.snils ?? '—' },
        { key: 'qualification', label: 'Квалификационная категория', children: s.qualificationCategory ? qualificationCategories[s.qualificationCategory] : '—' },
        { key: 'email', label: 'Электронная почта', children: s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : '—' },
        { key: 'phone', label: 'Телефон', children: s.phone ?? '—' },
        {
          key: 'start',
          label: 'Начало педагогической деятельности',
          children: s.professionStartYear ? `${s.professionStartYear} г. (стаж ${years(s.yearsInProfession)})` : '—',
        },
        { key: 'updated', label: 'Запись изменена', children: `${formatDateTime(s.updatedAt)} (версия ${s.version})` },
      ]}
    />
  );
}

function PositionsTable({ positions }: { positions: Position[] }) {
  return (
    <Table<Position>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={positions}
      scroll={{ x: 900 }}
      locale={{ emptyText: 'Должностей нет' }}
      columns={[
        { title: 'Должность', dataIndex: 'title' },
        { title: 'Организация', key: 'org', render: (_, p) => <Link to={`/organizations/${p.organizationId}`}>{p.organizationName}</Link> },
        { title: 'Категория', dataIndex: 'staffCategory', render: (c: Position['staffCategory']) => staffCategories[c] },
        { title: 'Предметы', dataIndex: 'subjects', width: 200, render: (list: string[]) => list.join(', ') || '—' },
        {
          title: 'Образование по предмету',
          dataIndex: 'educationMatchesSubject',
          render: (v: boolean | null) => (v === null ? '—' : v ? 'соответствует' : <Tag color="orange">не соответствует</Tag>),
        },
        { title: 'Начало работы', dataIndex: 'startDate', render: formatDate },
        { title: 'Окончание', dataIndex: 'endDate', render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">работает</Tag>) },
      ]}
    />
  );
}

export function StaffPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { can } = useAuth();
  const { data: s, error, refetch } = useStaff(id);
  const archive = useUpdateStaff(id);

  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title="Работник не найден" subTitle="Его нет в реестре или он вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!s) return <Skeleton active />;

  const name = fullName(s);
  const own = me.staffId === s.id;
  return (
    <>
      <PageHeader
        title={name}
        trail={can.browsesOrganizations ? [{ title: 'Реестр работников', to: '/staff' }] : can.isTutor ? [{ title: 'Мои подопечные', to: '/tutor-cabinet' }] : undefined}
        subtitle={own ? 'Это ваша карточка' : undefined}
        extra={
          <>
            {(own || can.isAdmin) && (
              // 152-ФЗ: everything held on the person and who read their card, as one file
              <DownloadButton url={`/api/staff/${s.id}/personal-data`} fileName={`персональные-данные-${s.id}.json`}>
                {own ? 'Мои персональные данные' : 'Персональные данные (152-ФЗ)'}
              </DownloadButton>
            )}
            {can.isAdmin && (
            <>
              <LinkButton type="primary" icon={<EditOutlined />} to={`/staff/${s.id}/edit`}>
                Изменить
              </LinkButton>
              <ArchiveButton
                archived={s.archived}
                what={`работника ${name}`}
                loading={archive.isPending}
                onConfirm={(archived) => archive.mutateAsync({ version: s.version, archived })}
              />
              <LinkButton icon={<HistoryOutlined />} to={`/audit?entityId=${s.id}`}>
                История
              </LinkButton>
            </>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        {archive.error && (
          <ErrorAlert
            error={archive.error}
            onReload={() => {
              archive.reset();
              void refetch();
            }}
          />
        )}
        {s.archived && <Alert type="warning" showIcon title="Работник в архиве: его нет в списках и сводках. Вернуть можно кнопкой «Вернуть из архива»." />}
        {s.youngSpecialist && (
          <Flex gap={8} wrap>
            <Tooltip title="Моложе 35 лет и не более 3 лет в профессии">
              <Tag color="green" style={{ fontSize: 14, padding: '2px 10px' }}>
                Молодой специалист
              </Tag>
            </Tooltip>
          </Flex>
        )}
        <Card title="Личные данные">
          <PersonDetails s={s} />
        </Card>
        <Card title="Должности">
          <PositionsTable positions={s.positions} />
        </Card>
        {/* their own chain is in «Моё развитие»; here it is for the tutor and the administrators */}
        {!own && (can.isAdmin || can.isTutor || can.browsesOrganizations) && <StaffLearningCard staffId={s.id} />}
        <EducationCard staffId={s.id} canEdit={can.isAdmin && !s.archived} />
        <StaffMentoringCard staffId={s.id} />
        {(own || can.isAdmin) && <PrivacyCard staffId={s.id} fullName={name} own={own} />}
        {!own && (
          <Typography.Text type="secondary">Просмотр карточки фиксируется в журнале аудита.</Typography.Text>
        )}
      </Flex>
    </>
  );
}
