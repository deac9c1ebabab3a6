// The map of the product. Routes a role may not use are not declared for it at all: such
// a link answers «Страница не найдена» rather than a page of refusals.
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton, Spin } from 'antd';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { LoginPage } from '../features/auth/LoginPage';
import { SessionsPage } from '../features/auth/SessionsPage';
import { HomePage } from '../features/home/HomePage';
import { TerritoriesPage } from '../features/territories/TerritoriesPage';
import { OrganizationPage } from '../features/organizations/OrganizationPage';
import { OrganizationEditPage, OrganizationCreatePage } from '../features/organizations/OrganizationEditPage';
import { StaffListPage } from '../features/staff/StaffListPage';
import { StaffPage } from '../features/staff/StaffPage';
import { StaffCreatePage, StaffEditPage } from '../features/staff/StaffEditPage';
import { ImportPage } from '../features/imports/ImportPage';
import { AuditPage } from '../features/audit/AuditPage';
import { PersonalDataAccessPage } from '../features/privacy/PersonalDataAccessPage';
import { RoadmapListPage } from '../features/roadmaps/RoadmapListPage';
import { RoadmapPage } from '../features/roadmaps/RoadmapPage';
import { ActivityPage } from '../features/roadmaps/ActivityPage';
import { DeadlinesPage } from '../features/roadmaps/DeadlinesPage';
import { RoadmapImportPage, RoadmapRevisionPage } from '../features/roadmaps/import/RoadmapImportPage';
import { MyDevelopmentPage } from '../features/learning-plans/MyDevelopmentPage';
import { TutorCabinetPage } from '../features/learning-plans/TutorCabinetPage';
import { LearningPlanPage } from '../features/learning-plans/LearningPlanPage';
import { PlanDraftPage, PlanEditPage } from '../features/learning-plans/PlanDraftPage';
import { CompetencyCatalogPage } from '../features/competencies/CompetencyCatalogPage';
import { AssessmentListPage } from '../features/assessments/AssessmentListPage';
import { AssessmentPage } from '../features/assessments/AssessmentPage';
import { ProgramListPage } from '../features/programs/ProgramListPage';
import { ProgramPage } from '../features/programs/ProgramPage';
import { EnrollmentsPage } from '../features/programs/EnrollmentsPage';
import { CoveragePage } from '../features/coverage/CoveragePage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { PracticeListPage } from '../features/practices/PracticeListPage';
import { PracticeFormPage } from '../features/practices/PracticeFormPage';
import { PracticePage } from '../features/practices/PracticePage';
import { PublicCatalogPage, PublicPracticePage } from '../features/practices/PublicCatalogPage';
import { ResourcesPage } from '../features/registries/ResourcesPage';
import { RegistriesPage } from '../features/registries/RegistriesPage';
import { DocumentListPage } from '../features/documents/DocumentListPage';
import { DocumentCreatePage } from '../features/documents/DocumentCreatePage';
import { DocumentPage } from '../features/documents/DocumentPage';
import { StaffingPage } from '../features/staffing/StaffingPage';
import { MentoringPage } from '../features/mentorships/MentoringPage';
import { PairPage } from '../features/mentorships/PairPage';
import { YoungSpecialistsPage } from '../features/mentorships/YoungSpecialistsPage';
import { EventsPage } from '../features/events/EventsPage';
import { EventPage } from '../features/events/EventPage';
import { CalendarsPage } from '../features/events/CalendarsPage';
import { ContestsPage } from '../features/events/ContestsPage';
import { CommunitiesPage } from '../features/communities/CommunitiesPage';
import { CommunityPage } from '../features/communities/CommunityPage';
import { CampaignListPage } from '../features/monitoring/CampaignListPage';
import { CampaignPage } from '../features/monitoring/CampaignPage';
import { SubmissionPage } from '../features/monitoring/SubmissionPage';
import { RecommendationListPage } from '../features/recommendations/RecommendationListPage';
import { RecommendationNewPage } from '../features/recommendations/RecommendationNewPage';
import { RecommendationPage } from '../features/recommendations/RecommendationPage';

// the dashboard brings ECharts, which no other page needs: it loads when first opened
const IndicatorsPage = lazy(() => import('../features/indicators/IndicatorsPage').then((m) => ({ default: m.IndicatorsPage })));
const lazyPage = (page: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{page}</Suspense>;

export interface LoginRedirectState {
  from?: string;
}

function RequireAuth() {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) {
    const state: LoginRedirectState = { from: location.pathname === '/' ? undefined : location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

function LoginRoute() {
  const { me } = useAuth();
  const state = useLocation().state as LoginRedirectState | null;
  return me ? <Navigate to={state?.from ?? '/'} replace /> : <LoginPage />;
}

export function AppRoutes() {
  const { loading, can, me } = useAuth();
  if (loading) return <Spin fullscreen description="Загрузка…" />;
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* the open catalog of practices answers without login (ADR 0018) */}
      <Route path="/practices-catalog" element={<PublicCatalogPage />} />
      <Route path="/practices-catalog/:id" element={<PublicPracticePage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="sessions" element={<SessionsPage />} />
          {can.browsesOrganizations && <Route path="organizations" element={<TerritoriesPage />} />}
          {can.browsesOrganizations && <Route path="territories" element={<Navigate to="/organizations" replace />} />}
          {can.createsOrganizations && <Route path="organizations/new" element={<OrganizationCreatePage />} />}
          <Route path="organizations/:id" element={<OrganizationPage />} />
          {can.isAdmin && <Route path="organizations/:id/edit" element={<OrganizationEditPage />} />}
          {can.browsesStaff && <Route path="staff" element={<StaffListPage />} />}
          {can.isAdmin && <Route path="staff/new" element={<StaffCreatePage />} />}
          <Route path="staff/:id" element={<StaffPage />} />
          {can.isAdmin && <Route path="staff/:id/edit" element={<StaffEditPage />} />}
          {can.isAdmin && <Route path="imports" element={<ImportPage />} />}
          {can.isAdmin && <Route path="audit" element={<AuditPage />} />}
          {can.browsesOrganizations && <Route path="monitoring" element={<CampaignListPage />} />}
          {can.browsesOrganizations && <Route path="monitoring/:id" element={<CampaignPage />} />}
          {can.browsesOrganizations && <Route path="monitoring/assignments/:id" element={<SubmissionPage />} />}
          {can.browsesOrganizations && <Route path="recommendations" element={<RecommendationListPage />} />}
          {can.isAdmin && can.hasTerritoryScope && <Route path="recommendations/new" element={<RecommendationNewPage />} />}
          {can.browsesOrganizations && <Route path="recommendations/:id" element={<RecommendationPage />} />}
          {can.isAdmin && <Route path="privacy" element={<PersonalDataAccessPage />} />}
          <Route path="roadmaps" element={<RoadmapListPage />} />
          <Route path="roadmaps/deadlines" element={<DeadlinesPage />} />
          {can.isAdmin && <Route path="roadmaps/import" element={<RoadmapImportPage />} />}
          <Route path="roadmaps/:id" element={<RoadmapPage />} />
          {can.isAdmin && <Route path="roadmaps/:id/revise" element={<RoadmapRevisionPage />} />}
          <Route path="roadmaps/:id/activities/:activityId" element={<ActivityPage />} />
          {me?.staffId && <Route path="my-development" element={<MyDevelopmentPage />} />}
          {can.isTutor && <Route path="tutor-cabinet" element={<TutorCabinetPage />} />}
          <Route path="learning-plans/new" element={<PlanDraftPage />} />
          <Route path="learning-plans/:id" element={<LearningPlanPage />} />
          <Route path="learning-plans/:id/edit" element={<PlanEditPage />} />
          <Route path="competencies" element={<CompetencyCatalogPage />} />
          {can.browsesOrganizations && <Route path="assessments" element={<AssessmentListPage />} />}
          {can.browsesOrganizations && <Route path="assessments/:id" element={<AssessmentPage />} />}
          <Route path="programs" element={<ProgramListPage />} />
          <Route path="programs/:id" element={<ProgramPage />} />
          {can.isAdmin && <Route path="enrollments" element={<EnrollmentsPage />} />}
          {can.browsesOrganizations && <Route path="coverage" element={<CoveragePage />} />}
          {can.browsesOrganizations && <Route path="reports" element={<ReportsPage tab="annual" />} />}
          {can.browsesOrganizations && <Route path="reports/passport" element={<ReportsPage tab="passport" />} />}
          {can.browsesOrganizations && <Route path="indicators" element={lazyPage(<IndicatorsPage />)} />}
          <Route path="practices" element={<PracticeListPage />} />
          <Route path="practices/new" element={<PracticeFormPage />} />
          <Route path="practices/:id" element={<PracticePage />} />
          <Route path="resources" element={<ResourcesPage />} />
          <Route path="innovation-sites" element={<RegistriesPage />} />
          <Route path="documents" element={<DocumentListPage />} />
          {can.isAdmin && <Route path="documents/new" element={<DocumentCreatePage />} />}
          <Route path="documents/:id" element={<DocumentPage />} />
          {can.browsesOrganizations && <Route path="staffing" element={<StaffingPage />} />}
          <Route path="mentoring" element={<MentoringPage />} />
          <Route path="mentoring/pairs/:id" element={<PairPage />} />
          {can.browsesOrganizations && <Route path="young-specialists" element={<YoungSpecialistsPage />} />}
          <Route path="events" element={<EventsPage />} />
          <Route path="events/calendars" element={<CalendarsPage />} />
          <Route path="events/:id" element={<EventPage />} />
          <Route path="contests" element={<ContestsPage />} />
          <Route path="communities" element={<CommunitiesPage />} />
          <Route path="communities/:id" element={<CommunityPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
