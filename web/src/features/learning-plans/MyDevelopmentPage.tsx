// «Моё развитие»: the teacher's diagnostics and results per competency, open deficits, the
// current plan with its items (to agree and to report on), courses and certificates.
import { Alert, Card, Collapse, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { useKeysetList } from '../../app/useKeysetList';
import { formatDate } from '../../app/format';
import { EnrollmentTable } from '../programs/EnrollmentTable';
import { ExternalCourseButton } from '../programs/ExternalCourseButton';
import type { Enrollment } from '../programs/types';
import { DeficitTable } from './DeficitTable';
import { PlanItemsTable } from './PlanItemsTable';
import { PlanActions } from './LearningPlanPage';
import { formatPercent, planStatusColors, planStatusLabels } from './labels';
import { useLearningPlan, useStaffAssessments } from './queries';
import type { LearningPlanListItem, StaffAssessments } from './types';

type CompetencyRow = StaffAssessments['competencies'][number];

function Results({ data }: { data: StaffAssessments }) {
  return (
    <Table<CompetencyRow>
      size="small"
      rowKey="competencyId"
      dataSource={data.competencies}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: 'Результатов диагностики пока нет. Диагностику проводят ЦНППМ, муниципальная методическая служба или ваша школа.' }}
      expandable={{
        rowExpandable: (r) => r.history.length > 1,
        expandedRowRender: (r) => (
          <ul style={{ margin: 0 }}>
            {r.history.map((h) => (
              <li key={`${h.assessmentId}-${h.measuredOn}`}>
                {formatDate(h.measuredOn)} — {h.assessmentTitle}: {formatPercent(h.score)} (порог {h.threshold} %){h.deficit ? ', дефицит' : ''}
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        { title: 'Компетенция', key: 'name', render: (_, r) => <><Typography.Text strong>{r.code}</Typography.Text> {r.name}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{r.groupName}</Typography.Text></> },
        { title: 'Последний результат', key: 'score', width: 170, render: (_, r) => <Tag color={r.latest.deficit ? 'volcano' : 'green'}>{formatPercent(r.latest.score)}</Tag> },
        { title: 'Порог', key: 'threshold', width: 90, render: (_, r) => `${r.latest.threshold} %` },
        { title: 'Итог', key: 'deficit', width: 120, render: (_, r) => (r.latest.deficit ? <Typography.Text type="danger">дефицит</Typography.Text> : 'выше порога') },
        { title: 'Когда', key: 'when', width: 220, render: (_, r) => <>{formatDate(r.latest.measuredOn)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{r.latest.assessmentTitle}</Typography.Text></> },
      ]}
    />
  );
}

function CurrentPlan({ id }: { id: string }) {
  const { data: plan, error, refetch } = useLearningPlan(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!plan) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap justify="space-between">
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/learning-plans/${plan.id}`}>{plan.title}</Link>
          </Typography.Text>
          <Tag color={planStatusColors[plan.status]}>{planStatusLabels[plan.status]}</Tag>
          <Typography.Text type="secondary">
            {formatDate(plan.periodFrom)} — {formatDate(plan.periodTo)} · {plan.tutor ? `тьютор ${plan.tutor.displayName}` : 'тьютор не назначен'}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          <PlanActions plan={plan} />
        </Flex>
      </Flex>
      {plan.status === 'draft' && plan.actions.includes('agree') && <Alert type="info" showIcon title="Тьютор составил для вас ИОМ. Проверьте мероприятия и нажмите «Согласовать»." />}
      {plan.canReport && plan.items.some((i) => i.status === 'planned' || i.status === 'returned') && (
        <Typography.Text type="secondary">Выполнив мероприятие, нажмите «Отчитаться»: опишите, что сделано, и приложите подтверждающие файлы.</Typography.Text>
      )}
      <PlanItemsTable plan={plan} />
    </Flex>
  );
}

export function MyDevelopmentPage() {
  const me = useMe();
  const staffId = me.staffId!;
  const assessments = useStaffAssessments(staffId);
  const plans = useKeysetList<LearningPlanListItem>('/api/learning-plans', { staffId }, 20);
  const enrollments = useKeysetList<Enrollment>('/api/enrollments', { staffId });
  const open = plans.items.find((p) => p.status !== 'completed');
  const past = plans.items.filter((p) => p.status === 'completed');
  return (
    <>
      <PageHeader
        title="Моё развитие"
        subtitle="Результаты диагностики, профессиональные дефициты, индивидуальный образовательный маршрут и курсы"
        extra={
          <LinkButton icon={<BookOutlined />} to="/programs">
            Каталог программ ДПО
          </LinkButton>
        }
      />
      <Flex vertical gap={16}>
        <Card title="Индивидуальный образовательный маршрут">
          {plans.loading ? (
            <Skeleton active />
          ) : plans.error ? (
            <ErrorAlert error={plans.error} onRetry={plans.refetch} />
          ) : open ? (
            <CurrentPlan id={open.id} />
          ) : (
            <Empty description="Действующего ИОМ нет. Его составляет ваш тьютор по результатам диагностики; согласовать и отчитываться вы будете здесь." />
          )}
          {past.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
              Завершённые ИОМ:{' '}
              {past.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <Link to={`/learning-plans/${p.id}`}>{p.title}</Link>
                </span>
              ))}
            </Typography.Paragraph>
          )}
        </Card>
        {assessments.error ? (
          <ErrorAlert error={assessments.error} onRetry={() => void assessments.refetch()} />
        ) : !assessments.data ? (
          <Skeleton active />
        ) : assessments.data.competencies.length === 0 ? (
          <Card title="Диагностика и дефициты">
            <Empty description="Результатов диагностики пока нет. Диагностику проводят ЦНППМ, муниципальная методическая служба или ваша школа; после неё здесь появятся результаты по компетенциям и дефициты." />
          </Card>
        ) : (
          <>
            <Card title="Текущие профессиональные дефициты">
              <DeficitTable rows={assessments.data.deficits} empty="Открытых дефицитов нет: по последним результатам все компетенции не ниже порога." />
            </Card>
            <Card title="Результаты по компетенциям">
              <Results data={assessments.data} />
              {assessments.data.assessments.length > 0 && (
                <Collapse
                  ghost
                  style={{ marginTop: 8 }}
                  items={[
                    {
                      key: 'list',
                      label: `Пройденные диагностики: ${assessments.data.assessments.length}`,
                      children: (
                        <ul style={{ margin: 0 }}>
                          {assessments.data.assessments.map((a) => (
                            <li key={a.id}>
                              {formatDate(a.measuredOn)} — {a.title}: результатов {a.resultCount}, дефицитов {a.deficitCount}
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          </>
        )}
        <Card title="Курсы и удостоверения" extra={<ExternalCourseButton staffId={staffId} />}>
          <EnrollmentTable list={enrollments} showPerson={false} empty="Записей на обучение нет. Выберите курс в каталоге программ ДПО или добавьте курс, пройденный в другой организации." />
        </Card>
      </Flex>
    </>
  );
}
