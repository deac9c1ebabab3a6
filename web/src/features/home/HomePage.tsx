import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, CloudUploadOutlined, RiseOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { MyCard } from './MyCard';
import { TerritorySummary } from './TerritorySummary';
import { IndicatorSummary } from './IndicatorSummary';
import { OverdueBanner } from '../roadmaps/OverdueBanner';
import { ExpertQueueCard } from '../practices/ExpertQueueCard';
import { MyMonitoringCard } from '../monitoring/MyMonitoringCard';
import { AddressedRecommendationsCard } from '../recommendations/AddressedRecommendationsCard';

interface Overview {
  organizations: number;
  staff: number;
  youngSpecialists: number;
  lowResultsSchools: number;
}

interface Figure {
  key: keyof Overview;
  title: string;
  hint: string;
  to: string;
  icon: ReactNode;
}

const figures: Figure[] = [
  { key: 'organizations', title: 'Организации', hint: 'в вашей области доступа', to: '/organizations', icon: <ApartmentOutlined /> },
  { key: 'staff', title: 'Работники', hint: 'педагоги и управленцы', to: '/staff', icon: <TeamOutlined /> },
  { key: 'youngSpecialists', title: 'Молодые специалисты', hint: 'до 35 лет, стаж до 3 лет', to: '/staff?youngSpecialist=true', icon: <RiseOutlined /> },
  { key: 'lowResultsSchools', title: 'ШНОР', hint: 'школы с низкими результатами', to: '/organizations?lowResultsSchool=true', icon: <WarningOutlined /> },
];

function FigureCard({ figure, value }: { figure: Figure; value: number }) {
  return (
    <Link to={figure.to} aria-label={`${figure.title}: ${value}. Открыть список`} style={{ display: 'block', height: '100%' }}>
      <Card hoverable style={{ height: '100%' }}>
        <Statistic title={figure.title} value={value} prefix={figure.icon} groupSeparator=" " />
        <Typography.Text type="secondary">{figure.hint}</Typography.Text>
      </Card>
    </Link>
  );
}

/** What to do when the scope is still empty: the next step, not a blank page. */
function NextStep({ overview }: { overview: Overview }) {
  const { can } = useAuth();
  if (overview.organizations > 0 && overview.staff > 0) return null;
  const missing = overview.organizations === 0 ? 'organizations' : 'staff';
  const text =
    missing === 'organizations'
      ? 'В вашей области пока нет организаций. Загрузите их списком из Excel по шаблону — затем можно будет загрузить работников.'
      : 'Организации есть, а работников пока нет. Загрузите реестр работников из Excel по шаблону.';
  return (
    <Card>
      <Empty
        description={can.isAdmin ? text : 'В вашей области пока нет данных. Их загружает администратор региона, муниципалитета или организации.'}
      >
        {can.isAdmin && (
          <LinkButton type="primary" icon={<CloudUploadOutlined />} to={`/imports?kind=${missing}`}>
            {missing === 'organizations' ? 'Загрузить организации из Excel' : 'Загрузить работников из Excel'}
          </LinkButton>
        )}
      </Empty>
    </Card>
  );
}

function ScopeOverview() {
  const { data, error, refetch } = useQuery({ queryKey: ['overview'], queryFn: ({ signal }) => api.get<Overview>('/api/overview', signal) });
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={24} sm={12} xl={6}>
            <FigureCard figure={f} value={data[f.key]} />
          </Col>
        ))}
      </Row>
      <NextStep overview={data} />
    </Flex>
  );
}

export function HomePage() {
  const me = useMe();
  const { can } = useAuth();
  const scopes = [...new Set(me.roles.map((r) => r.scopeName).filter(Boolean))].join(', ');
  return (
    <>
      <PageHeader title="Главная" subtitle={scopes && can.browsesOrganizations ? `Область доступа: ${scopes}` : undefined} />
      <Flex vertical gap={24}>
        <OverdueBanner />
        {can.isAdmin && <MyMonitoringCard />}
        {can.isAdmin && <AddressedRecommendationsCard />}
        {can.browsesOrganizations && <ScopeOverview />}
        {can.browsesOrganizations && <IndicatorSummary />}
        {can.hasTerritoryScope && <TerritorySummary />}
        {me.roles.some((r) => r.role === 'expert') && <ExpertQueueCard />}
        {me.staffId && <MyCard staffId={me.staffId} />}
        {!can.browsesOrganizations && !me.staffId && (
          <Empty description="Учётная запись не связана с карточкой работника, и у неё нет области доступа. Обратитесь к администратору." />
        )}
      </Flex>
    </>
  );
}
