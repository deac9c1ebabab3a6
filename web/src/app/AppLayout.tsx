// The shell around every page after login: menu by role on the left, the user on top.
import { useState, type ReactNode } from 'react';
import { Button, Flex, Grid, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  BarChartOutlined,
  BookOutlined,
  BulbOutlined,
  ExperimentOutlined,
  RiseOutlined,
  SolutionOutlined,
  TagsOutlined,
  UserSwitchOutlined,
  UsergroupAddOutlined,
  BankOutlined,
  CloudUploadOutlined,
  CompassOutlined,
  FileTextOutlined,
  FileDoneOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  ReadOutlined,
  TeamOutlined,
  TrophyOutlined,
  HeartOutlined,
  StarOutlined,
  CalendarOutlined,
  CommentOutlined,
  DashboardOutlined,
  ProjectOutlined,
  FundProjectionScreenOutlined,
  FlagOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { describeRole, organizationsSectionTitle, useAuth, useMe } from './auth';
import { useMyWorkplaces } from '../features/staff/queries';

type MenuItem = Required<MenuProps>['items'][number];

type Section = 'me' | 'people' | 'learning' | 'support' | 'management';

/** Menu sections, in this order: a flat list of two dozen pages is hard to scan. */
const sectionTitles: Record<Section, string | null> = {
  me: null,
  people: 'Кадры',
  learning: 'Развитие педагогов',
  support: 'Сопровождение',
  management: 'Управление',
};

function useMenuItems(): { items: MenuItem[]; keys: string[] } {
  const me = useMe();
  const { can } = useAuth();
  const workplaces = useMyWorkplaces(can.browsesOrganizations ? null : me.staffId);
  const entries: { section: Section; key: string; icon: ReactNode; label: ReactNode }[] = [];
  const add = (section: Section, key: string, icon: ReactNode, label: ReactNode) => entries.push({ section, key, icon, label });
  add('me', '/', <HomeOutlined />, 'Главная');
  if (me.staffId) add('me', `/staff/${me.staffId}`, <IdcardOutlined />, 'Мой профиль');
  if (me.staffId) add('me', '/my-development', <RiseOutlined />, 'Моё развитие');
  if (can.isTutor) add('me', '/tutor-cabinet', <UserSwitchOutlined />, 'Мои подопечные');

  if (can.browsesOrganizations) add('people', '/organizations', <ApartmentOutlined />, organizationsSectionTitle(can));
  else if (workplaces[0]) add('people', `/organizations/${workplaces[0].organizationId}`, <BankOutlined />, 'Моя организация');
  // a tutor reaches their people through the cabinet; the registry is for those who browse it
  if (can.browsesOrganizations) add('people', '/staff', <TeamOutlined />, 'Реестр работников');
  if (can.browsesOrganizations) add('people', '/young-specialists', <StarOutlined />, 'Молодые специалисты');
  if (can.browsesOrganizations) add('people', '/staffing', <UsergroupAddOutlined />, 'Кадровые потребности');

  if (can.browsesOrganizations) {
    add('learning', '/coverage', <BarChartOutlined />, 'Охват: диагностика и ИОМ');
    add('learning', '/assessments', <ExperimentOutlined />, 'Диагностика');
  }
  add('learning', '/programs', <BookOutlined />, 'Программы ДПО');
  if (can.isAdmin) add('learning', '/enrollments', <SolutionOutlined />, 'Заявки на обучение');
  add('learning', '/competencies', <TagsOutlined />, 'Справочник компетенций');

  add('support', '/mentoring', <HeartOutlined />, 'Наставничество');
  add('support', '/events', <CalendarOutlined />, 'Календарь мероприятий');
  add('support', '/communities', <CommentOutlined />, 'Сообщества');
  add('support', '/contests', <TrophyOutlined />, 'Конкурсы');
  // the bank of practices and the registries beside it are for everyone (ADR 0018)
  add('support', '/practices', <ProjectOutlined />, 'Банк практик');
  add('support', '/resources', <CompassOutlined />, 'Навигатор ресурсов');
  add('support', '/innovation-sites', <BulbOutlined />, 'Инновационные площадки');

  // indicators against targets for everyone who reads a territory or an organization (ADR 0030)
  if (can.browsesOrganizations) add('management', '/indicators', <DashboardOutlined />, 'Показатели');
  // every role reads the roadmaps of its territory and reports on what it is addressed
  add('management', '/roadmaps', <NodeIndexOutlined />, 'Дорожные карты');
  add('management', '/documents', <FileTextOutlined />, 'Документы');
  // monitoring and recommendations are for those with a read scope: administrators and methodologists (ADR 0026)
  if (can.browsesOrganizations) {
    add('management', '/monitoring', <FundProjectionScreenOutlined />, 'Мониторинг');
    add('management', '/recommendations', <FlagOutlined />, 'Адресные рекомендации');
  }
  if (can.browsesOrganizations) add('management', '/reports', <FileDoneOutlined />, 'Отчёты');
  if (can.isAdmin) {
    add('management', '/imports', <CloudUploadOutlined />, 'Загрузка из Excel');
    add('management', '/audit', <AuditOutlined />, 'Журнал аудита');
    add('management', '/privacy', <SafetyCertificateOutlined />, 'Персональные данные');
  }

  const itemOf = (e: (typeof entries)[number]): MenuItem => ({ key: e.key, icon: e.icon, label: <Link to={e.key}>{e.label}</Link> });
  const items: MenuItem[] = (Object.keys(sectionTitles) as Section[]).flatMap((section): MenuItem[] => {
    const own = entries.filter((e) => e.section === section).map(itemOf);
    const title = sectionTitles[section];
    return !own.length ? [] : title ? [{ type: 'group', key: `section-${section}`, label: title, children: own }] : own;
  });
  items.push({
    key: 'api-docs',
    icon: <ReadOutlined />,
    label: (
      <a href="/api/docs" target="_blank" rel="noreferrer">
        Справка по API
      </a>
    ),
  });
  return { items, keys: entries.map((e) => e.key) };
}

/** The menu item of the current page: the longest key the path starts with. */
function selectedKey(pathname: string, keys: string[]): string[] {
  const match = keys.filter((k) => (k === '/' ? pathname === '/' : pathname === k || pathname.startsWith(`${k}/`))).sort((a, b) => b.length - a.length)[0];
  return match ? [match] : [];
}

function UserBox() {
  const me = useMe();
  const wide = Grid.useBreakpoint().md;
  const { logout } = useAuth();
  const navigate = useNavigate();
  const roles = me.roles.map(describeRole).join('; ') || 'Без роли';
  return (
    <Flex align="center" gap={16} style={{ minWidth: 0 }}>
      {/* on a phone the header keeps only «Выйти»: the name is on the home page */}
      {wide && (
        <Flex vertical align="end" style={{ minWidth: 0, lineHeight: 1.3 }}>
          <Link to="/sessions" title="Мои сеансы">
            <Typography.Text strong ellipsis style={{ maxWidth: 360 }}>
              {me.displayName}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: roles }} style={{ maxWidth: 420, fontSize: 12 }}>
            {roles}
          </Typography.Text>
        </Flex>
      )}
      <Button
        icon={<LogoutOutlined />}
        onClick={async () => {
          await logout();
          navigate('/login', { replace: true });
        }}
      >
        Выйти
      </Button>
    </Flex>
  );
}

export function AppLayout() {
  const { pathname } = useLocation();
  const { items, keys } = useMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const padding = Grid.useBreakpoint().md ? 24 : 12;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        Перейти к содержанию
      </a>
      {/* sticky: the menu stays in view while a long list scrolls */}
      <Layout.Sider
        width={264}
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}`, position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to="/" aria-label="РСНМС — на главную" style={{ display: 'block', padding: collapsed ? '16px 8px' : '16px 24px', color: token.colorText }}>
          <Typography.Text strong style={{ fontSize: collapsed ? 14 : 20, color: token.colorPrimary }}>
            РСНМС
          </Typography.Text>
          {!collapsed && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, lineHeight: 1.3 }}>
              научно-методическое сопровождение педагогов
            </Typography.Text>
          )}
        </Link>
        <nav aria-label="Разделы системы">
          <Menu mode="inline" items={items} selectedKeys={selectedKey(pathname, keys)} style={{ borderInlineEnd: 'none' }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, padding: `0 ${padding}px`, display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 64 }}
        >
          <UserBox />
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding, maxWidth: 1440, width: '100%', outline: 'none' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
