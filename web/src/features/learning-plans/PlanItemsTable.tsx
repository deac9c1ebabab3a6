// The items of a plan: form, kind, deadline, expected result, status, the report with its
// evidence files and the tutor's decision; actions for whoever may act on the item now.
import { Flex, Table, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../app/DownloadButton';
import { formatDate, formatDateTime } from '../../app/format';
import { formLabels, itemStatusColors, itemStatusLabels, kindLabels } from './labels';
import { ReportButton, ReviewButtons } from './ItemActions';
import type { LearningPlan, LearningPlanItem } from './types';

function Report({ item }: { item: LearningPlanItem }) {
  if (!item.report) return <Typography.Text type="secondary">Отчёта нет</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{item.report.text}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {formatDateTime(item.report.reportedAt)}
      </Typography.Text>
      {item.report.files.map((f) => (
        <DownloadButton key={f.id} size="small" type="link" icon={<PaperClipOutlined />} url={`/api/learning-plan-items/${item.id}/files/${f.id}`} fileName={f.name} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', alignSelf: 'flex-start' }}>
          {f.name}
        </DownloadButton>
      ))}
      {item.review?.comment && (
        <Typography.Text type={item.status === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
          Тьютор{item.review.reviewerName ? ` (${item.review.reviewerName})` : ''}: {item.review.comment}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function PlanItemsTable({ plan }: { plan: LearningPlan }) {
  return (
    <Table<LearningPlanItem>
      size="middle"
      rowKey="id"
      dataSource={plan.items}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: plan.canEdit ? 'Мероприятий нет: добавьте их кнопкой «Изменить мероприятия».' : 'Мероприятий нет.' }}
      columns={[
        { title: '№', dataIndex: 'position', width: 44, render: (_: number, __, i) => i + 1 },
        {
          title: 'Мероприятие',
          key: 'title',
          render: (_, i) => (
            <Flex vertical gap={4}>
              <span>{i.title}</span>
              <Flex gap={4} wrap>
                {i.competencies.map((c) => (
                  <Tag key={c.id} title={c.name}>
                    {c.code}
                  </Tag>
                ))}
                {i.program?.inFederalRegistry && <Tag color="blue">федеральный реестр</Tag>}
                {i.enrollment && <Tag color="cyan">заявка на обучение подана</Tag>}
              </Flex>
              {i.mentor && <Typography.Text type="secondary" style={{ fontSize: 13 }}>Наставник: {i.mentor.fullName}</Typography.Text>}
              {i.organization && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{i.organization.name}</Typography.Text>}
              {i.explanation && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{i.explanation}</Typography.Text>}
            </Flex>
          ),
        },
        {
          title: 'Вид, форма, срок',
          key: 'kind',
          width: 170,
          render: (_, i) => (
            <Flex vertical gap={2}>
              <span>{kindLabels[i.kind]}</span>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{formLabels[i.form]} обучение</Typography.Text>
              <Typography.Text type={i.overdue ? 'danger' : undefined} style={{ fontSize: 13 }}>
                до {formatDate(i.deadline)}
                {i.overdue ? ' — просрочено' : ''}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: 'Ожидаемый результат', dataIndex: 'expectedResult', width: 200 },
        {
          title: 'Статус',
          key: 'status',
          width: 150,
          render: (_, i) => (
            <Flex vertical gap={6} align="flex-start">
              <Tag color={itemStatusColors[i.status]}>{itemStatusLabels[i.status]}</Tag>
              {plan.canReport && (i.status === 'planned' || i.status === 'returned') && <ReportButton item={i} />}
              {plan.canReview && i.status === 'submitted' && <ReviewButtons item={i} />}
            </Flex>
          ),
        },
        { title: 'Отчёт и подтверждения', key: 'report', width: 230, render: (_, i) => <Report item={i} /> },
      ]}
    />
  );
}
