// On a person's card (for their tutor and administrators): open deficits and the plan, with the
// way to draft one.
import { Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { LinkButton } from '../../app/LinkButton';
import { useKeysetList } from '../../app/useKeysetList';
import { formatDate } from '../../app/format';
import { planStatusColors, planStatusLabels, scoreText } from './labels';
import { useStaffAssessments } from './queries';
import type { LearningPlanListItem } from './types';

export function StaffLearningCard({ staffId }: { staffId: string }) {
  const assessments = useStaffAssessments(staffId);
  const plans = useKeysetList<LearningPlanListItem>('/api/learning-plans', { staffId }, 20);
  const open = plans.items.find((p) => p.status !== 'completed');
  return (
    <Card title="Диагностика и ИОМ">
      {!assessments.data || plans.loading ? (
        assessments.error ? <Typography.Text type="secondary">Сведения о диагностике недоступны.</Typography.Text> : <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={8}>
          {assessments.data.deficits.length ? (
            <Flex vertical gap={4}>
              <Typography.Text>Открытые дефициты:</Typography.Text>
              {assessments.data.deficits.map((d) => (
                <Typography.Text key={d.competencyId}>
                  <Typography.Text strong>{d.code}</Typography.Text> {d.name} — <Tag color="volcano">{scoreText(d.score, d.threshold)}</Tag>
                  <Typography.Text type="secondary">{formatDate(d.measuredOn)}</Typography.Text>
                </Typography.Text>
              ))}
            </Flex>
          ) : (
            <Typography.Text type="secondary">{assessments.data.competencies.length ? 'Открытых дефицитов нет.' : 'Диагностику не проходил.'}</Typography.Text>
          )}
          {open ? (
            <Typography.Text>
              ИОМ: <Link to={`/learning-plans/${open.id}`}>{open.title}</Link> <Tag color={planStatusColors[open.status]}>{planStatusLabels[open.status]}</Tag>
              <Typography.Text type="secondary">принято {open.acceptedCount} из {open.itemCount}</Typography.Text>
            </Typography.Text>
          ) : (
            <LinkButton icon={<FileAddOutlined />} to={`/learning-plans/new?staffId=${staffId}`} style={{ alignSelf: 'flex-start' }}>
              Составить ИОМ
            </LinkButton>
          )}
        </Flex>
      )}
    </Card>
  );
}
