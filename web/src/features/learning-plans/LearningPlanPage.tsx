// A learning plan: deficits and their effect, items with reports, agreement and the workflow
// buttons the user may press now, DOCX for signatures.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Progress, Skeleton, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { DownloadButton } from '../../app/DownloadButton';
import { LinkButton } from '../../app/LinkButton';
import { useAuth, useMe } from '../../app/auth';
import { formatDate, formatDateTime } from '../../app/format';
import { DeficitTable } from './DeficitTable';
import { PlanItemsTable } from './PlanItemsTable';
import { actionLabels, planStatusColors, planStatusLabels } from './labels';
import { useLearningPlan, useTransition } from './queries';
import type { LearningPlan, PlanAction } from './types';

function Agreement({ plan }: { plan: LearningPlan }) {
  const mark = (at: string | null) => (at ? <Tag color="green">согласовано {formatDateTime(at)}</Tag> : <Tag>не согласовано</Tag>);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'person', label: `Работник: ${plan.fullName}`, children: mark(plan.personAgreedAt) },
        { key: 'tutor', label: plan.tutor ? `Тьютор: ${plan.tutor.displayName}` : 'Тьютор не назначен', children: plan.tutor ? mark(plan.tutorAgreedAt) : <Typography.Text type="secondary">без тьютора согласовать нельзя</Typography.Text> },
      ]}
    />
  );
}

export function PlanActions({ plan }: { plan: LearningPlan }) {
  const { message } = App.useApp();
  const transition = useTransition(plan.id);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (action: PlanAction) => {
    const done = await transition.mutateAsync({ version: plan.version, action, reason: action === 'reopen' ? reason.trim() : undefined }).catch(() => null);
    if (done) {
      message.success(action === 'agree' ? (done.status === 'agreed' ? 'ИОМ согласован обеими сторонами' : 'Ваше согласование отмечено') : `${actionLabels[action]}: готово`);
      setReopening(false);
    }
  };
  return (
    <>
      {plan.canEdit && (
        <LinkButton icon={<EditOutlined />} to={`/learning-plans/${plan.id}/edit`}>
          Изменить мероприятия
        </LinkButton>
      )}
      {plan.actions.map((a) => (
        <Button key={a} type={a === 'agree' || a === 'complete' ? 'primary' : 'default'} loading={transition.isPending && transition.variables?.action === a} onClick={() => (a === 'reopen' ? setReopening(true) : void run(a))}>
          {actionLabels[a]}
        </Button>
      ))}
      <DownloadButton url={`/api/learning-plans/${plan.id}/export.docx`} fileName={`ИОМ ${plan.fullName}.docx`}>
        Скачать DOCX
      </DownloadButton>
      {transition.error && !reopening && (
        <div style={{ flexBasis: '100%' }}>
          <ErrorAlert error={transition.error} />
        </div>
      )}
      <Modal open={reopening} title="Вернуть ИОМ в работу" okText="Вернуть" cancelText="Отмена" okButtonProps={{ disabled: !reason.trim() }} onOk={() => void run('reopen')} onCancel={() => setReopening(false)}>
        <Input.TextArea aria-label="Причина" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Причина возврата" autoSize={{ minRows: 3 }} />
      </Modal>
    </>
  );
}

function Hint({ plan }: { plan: LearningPlan }) {
  const me = useMe();
  const isPerson = me.staffId === plan.staffId;
  if (plan.status === 'draft') {
    if (plan.actions.includes('agree'))
      return <Alert type="info" showIcon title={isPerson ? 'Проверьте мероприятия и согласуйте ИОМ: он начнёт действовать, когда согласуете и вы, и тьютор.' : 'Проверьте мероприятия и согласуйте ИОМ. Работник согласует его в своём кабинете «Моё развитие».'} />;
    return <Alert type="info" showIcon title={!plan.personAgreedAt ? 'Ждём согласования работника (в его кабинете «Моё развитие»).' : 'Ждём согласования тьютора.'} />;
  }
  if (plan.canReport && plan.items.some((i) => i.status === 'planned' || i.status === 'returned'))
    return <Alert type="info" showIcon title="Выполнив мероприятие, отчитайтесь по нему кнопкой «Отчитаться»: опишите, что сделано, и приложите подтверждающие файлы." />;
  if (plan.canReview && plan.progress.submitted > 0) return <Alert type="warning" showIcon title={`Отчётов на проверке: ${plan.progress.submitted}. Примите их или верните с комментарием.`} />;
  return null;
}

export function LearningPlanPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const me = useMe();
  const { data: plan, error, refetch } = useLearningPlan(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!plan) return <Skeleton active />;
  const trail = me.staffId === plan.staffId ? [{ title: 'Моё развитие', to: '/my-development' }] : can.browsesOrganizations ? [{ title: 'Охват', to: '/coverage' }] : [{ title: 'Мои подопечные', to: '/tutor-cabinet' }];
  const p = plan.progress;
  return (
    <>
      <PageHeader
        title={plan.title}
        subtitle={
          <>
            {plan.fullName} · {formatDate(plan.periodFrom)} — {formatDate(plan.periodTo)} <Tag color={planStatusColors[plan.status]} style={{ marginLeft: 8 }}>{planStatusLabels[plan.status]}</Tag>
          </>
        }
        trail={trail}
        extra={<PlanActions plan={plan} />}
      />
      <Flex vertical gap={16}>
        <Hint plan={plan} />
        {plan.reopenReason && <Alert type="warning" showIcon title={`Возвращён в работу ${formatDateTime(plan.reopenedAt)}: ${plan.reopenReason}`} />}
        <Card title="Согласование">
          <Agreement plan={plan} />
        </Card>
        <Card
          title="Дефициты и эффект"
          extra={
            <Typography.Text type="secondary">
              закрыто: {plan.effect.closed} · не закрыто: {plan.effect.open} · без повторной диагностики: {plan.effect.notRemeasured}
            </Typography.Text>
          }
        >
          <DeficitTable rows={plan.deficits} withEffect empty="Дефицитов на момент составления не было." />
        </Card>
        <Card
          title="Мероприятия"
          extra={
            p.total > 0 && (
              <Flex align="center" gap={8} style={{ minWidth: 260 }}>
                <Typography.Text type="secondary">принято {p.accepted} из {p.total}</Typography.Text>
                <Progress percent={Math.round((p.accepted / p.total) * 100)} size="small" style={{ width: 120, margin: 0 }} aria-label="Принято мероприятий" />
              </Flex>
            )
          }
        >
          <PlanItemsTable plan={plan} />
        </Card>
      </Flex>
    </>
  );
}
