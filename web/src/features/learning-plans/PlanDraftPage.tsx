// «Составить ИОМ»: the draft from the person's deficits (suggestions ranked and explained by the
// server), edited and saved; and the same editor for a saved draft.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { counted } from '../../app/format';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DeficitTable } from './DeficitTable';
import { PlanEditor, toItemInput, type CompetencyOption, type EditorItem } from './PlanEditor';
import { useCreatePlan, useLearningPlan, usePlanDraft, useUpdatePlan } from './queries';
import type { LearningPlan, LearningPlanDraft } from './types';

interface Header {
  title: string;
  period: [Dayjs, Dayjs];
}

function suggestionsToItems(draft: LearningPlanDraft): EditorItem[] {
  return draft.suggestions.map((s) => ({
    key: `s${s.rank}`,
    selected: s.recommended,
    form: s.form,
    kind: s.kind,
    title: s.title,
    competencyIds: s.competencyIds,
    explanation: s.explanation,
    programId: s.programId,
    cohortId: s.cohortId,
    organizationId: s.organizationId,
    mentorStaffId: s.mentorStaffId,
    deadline: s.deadline,
    expectedResult: s.expectedResult,
    addressesDeficit: s.addressesDeficit,
    recommended: s.recommended,
    hours: s.hours,
    inFederalRegistry: s.inFederalRegistry,
  }));
}

function planToItems(plan: LearningPlan): EditorItem[] {
  return plan.items.map((i) => ({
    key: i.id,
    id: i.id,
    selected: true,
    form: i.form,
    kind: i.kind,
    title: i.title,
    competencyIds: i.competencies.map((c) => c.id),
    explanation: i.explanation,
    programId: i.program?.id ?? null,
    cohortId: i.cohort?.id ?? null,
    organizationId: i.organization?.id ?? null,
    mentorStaffId: i.mentor?.staffId ?? null,
    deadline: i.deadline,
    expectedResult: i.expectedResult,
    inFederalRegistry: i.program?.inFederalRegistry,
  }));
}

function EditorCard({ header, items, setItems, competencies, saving, error, onSave, saveLabel }: {
  header: Header;
  items: EditorItem[];
  setItems: (items: EditorItem[]) => void;
  competencies: CompetencyOption[];
  saving: boolean;
  error: unknown;
  onSave: (h: Header) => void;
  saveLabel: string;
}) {
  const [form] = Form.useForm<Header>();
  const chosen = items.filter((i) => i.selected).length;
  return (
    <Card title="Мероприятия ИОМ">
      <Form<Header> form={form} layout="vertical" initialValues={header} onFinish={onSave}>
        <Flex gap={12} wrap>
          <Form.Item label="Название" name="title" rules={[{ required: true, whitespace: true, message: 'Назовите ИОМ' }, { min: 3, message: 'Не короче 3 символов' }]} style={{ flex: '1 1 420px' }}>
            <Input />
          </Form.Item>
          <Form.Item label="Период" name="period" rules={[{ required: true, message: 'Укажите период' }]}>
            <DatePicker.RangePicker format="DD.MM.YYYY" placeholder={['Начало', 'Окончание']} />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary">
          Отмеченные мероприятия войдут в ИОМ. Звёздочкой помечен лучший вариант для каждого дефицита; любое мероприятие можно изменить или добавить своё.
        </Typography.Paragraph>
        <PlanEditor items={items} onChange={setItems} competencies={competencies} />
        {error !== null && error !== undefined && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        <Flex gap={12} align="center" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={chosen === 0}>
            {saveLabel}
          </Button>
          <Typography.Text type="secondary">Выбрано: {counted(chosen, ['мероприятие', 'мероприятия', 'мероприятий'])}</Typography.Text>
        </Flex>
      </Form>
    </Card>
  );
}

const competenciesOf = (rows: { competencyId: string; code: string; name: string }[]): CompetencyOption[] => rows.map((d) => ({ id: d.competencyId, code: d.code, name: d.name }));

export function PlanDraftPage() {
  const [params] = useSearchParams();
  const staffId = params.get('staffId');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { can } = useAuth();
  const draft = usePlanDraft(staffId);
  const create = useCreatePlan();
  const [items, setItems] = useState<EditorItem[] | null>(null);
  useEffect(() => {
    if (draft.data && items === null) setItems(suggestionsToItems(draft.data));
  }, [draft.data, items]);

  if (!staffId) return <ErrorAlert error={new ApiError(404, 'not_found', 'Не указан работник, для которого составляется ИОМ')} />;
  if (draft.error) return <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  if (!draft.data || !items) return <Skeleton active />;
  const d = draft.data;
  const existing = create.error instanceof ApiError && create.error.code === 'plan_exists' ? create.error.fields[0]?.message : undefined;
  return (
    <>
      <PageHeader title="Составить ИОМ" subtitle={d.fullName} trail={[can.isTutor ? { title: 'Мои подопечные', to: '/tutor-cabinet' } : can.browsesOrganizations ? { title: 'Охват', to: '/coverage' } : { title: 'Моё развитие', to: '/my-development' }]} />
      <Flex vertical gap={16}>
        <Card title="Дефициты по результатам диагностики">
          <DeficitTable rows={d.deficits} empty="Открытых дефицитов нет: ИОМ можно составить по зоне роста или из своих мероприятий." />
          {d.growthZone.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              Зона роста (результат чуть выше порога): {d.growthZone.map((g) => `${g.code} ${g.name}`).join('; ')}
            </Typography.Paragraph>
          )}
        </Card>
        {d.suggestions.length === 0 && d.deficits.length === 0 && <Empty description="Предложений нет: у работника нет результатов диагностики ниже порога. Добавьте мероприятия вручную." />}
        {existing && (
          <Alert type="warning" showIcon title="У работника уже есть действующий ИОМ" action={<Button size="small" onClick={() => navigate(`/learning-plans/${existing}`)}>Открыть</Button>} />
        )}
        <EditorCard
          header={{ title: d.title, period: [dayjs(d.periodFrom), dayjs(d.periodTo)] }}
          items={items}
          setItems={setItems}
          competencies={competenciesOf([...d.deficits, ...d.growthZone])}
          saving={create.isPending}
          error={existing ? null : create.error}
          saveLabel="Сохранить черновик ИОМ"
          onSave={async (h) => {
            const plan = await create
              .mutateAsync({ staffId, title: h.title.trim(), periodFrom: h.period[0].format('YYYY-MM-DD'), periodTo: h.period[1].format('YYYY-MM-DD'), items: items.filter((i) => i.selected).map(toItemInput) })
              .catch(() => null);
            if (plan) {
              message.success('Черновик ИОМ сохранён');
              navigate(`/learning-plans/${plan.id}`);
            }
          }}
        />
      </Flex>
    </>
  );
}

export function PlanEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const plan = useLearningPlan(id);
  const update = useUpdatePlan(id ?? '');
  const [items, setItems] = useState<EditorItem[] | null>(null);
  useEffect(() => {
    if (plan.data && items === null) setItems(planToItems(plan.data));
  }, [plan.data, items]);
  if (plan.error) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data || !items) return <Skeleton active />;
  const p = plan.data;
  if (!p.canEdit) return <Alert type="info" showIcon title="ИОМ уже согласован: мероприятия не меняются. Изменить маршрут можно новым ИОМ после завершения." />;
  return (
    <>
      <PageHeader title="Изменить черновик ИОМ" subtitle={p.fullName} trail={[{ title: p.title, to: `/learning-plans/${p.id}` }]} documentTitle="Изменить черновик ИОМ" />
      <Flex vertical gap={16}>
        <Card title="Дефициты на момент составления">
          <DeficitTable rows={p.deficits} empty="Дефицитов на момент составления не было." />
        </Card>
        <EditorCard
          header={{ title: p.title, period: [dayjs(p.periodFrom), dayjs(p.periodTo)] }}
          items={items}
          setItems={setItems}
          competencies={competenciesOf(p.deficits)}
          saving={update.isPending}
          error={update.error}
          saveLabel="Сохранить изменения"
          onSave={async (h) => {
            const saved = await update
              .mutateAsync({ version: p.version, title: h.title.trim(), periodFrom: h.period[0].format('YYYY-MM-DD'), periodTo: h.period[1].format('YYYY-MM-DD'), items: items.filter((i) => i.selected).map(toItemInput) })
              .catch(() => null);
            if (saved) {
              message.success('Изменения сохранены; отметки о согласовании сняты');
              navigate(`/learning-plans/${p.id}`);
            }
          }}
        />
      </Flex>
    </>
  );
}
