// Step 2: the preview, editable. The roadmap's own fields on top, what the reader could not
// understand below them, then every section's activities. Saving sends the edited preview.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography, type FormInstance } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ErrorAlert, errorMessage } from '../../../app/ErrorAlert';
import { useDebounced } from '../../../app/useDebounced';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { counted } from '../../../app/format';
import { ComparisonView } from '../ComparisonView';
import { levelLabels, levelOptions } from '../labels';
import { parseDeadline, useCreateRoadmap, useReviseRoadmap } from '../queries';
import { PreviewSectionTable } from './PreviewSectionTable';
import { PreviewWarnings } from './PreviewWarnings';
import { activityTotal, contentInput, describeFieldError, draftSections, withParsedDeadline, type DraftActivity, type DraftSection } from './draft';
import type { Roadmap, RoadmapLevel, RoadmapPreview } from '../types';

interface Props {
  preview: RoadmapPreview;
  /** The roadmap an amended document is loaded into. */
  roadmap?: Roadmap;
  onSaved: (roadmap: Roadmap) => void;
  onRestart: () => void;
}

interface HeaderValues {
  title: string;
  level: RoadmapLevel;
  periodFrom: number;
  periodTo: number;
  approvedBy?: string;
}

const validYear = (y: unknown): y is number => typeof y === 'number' && y >= 1990 && y <= 2100;

/** Control dates follow the period: when it changes, every phrase not dated by hand is parsed again. */
function usePeriodReparse(form: FormInstance<HeaderValues>, initial: { from: number; to: number }, setSections: (f: (s: DraftSection[]) => DraftSection[]) => void, getSections: () => DraftSection[]) {
  const { message } = App.useApp();
  const from = Form.useWatch('periodFrom', form);
  const to = Form.useWatch('periodTo', form);
  const key = useDebounced(validYear(from) && validYear(to) && from <= to ? `${from}-${to}` : null, 600);
  const [period, setPeriod] = useState(initial);
  const [busy, setBusy] = useState(false);
  const done = useRef(`${initial.from}-${initial.to}`);
  useEffect(() => {
    if (!key || key === done.current) return;
    const [f, t] = key.split('-').map(Number);
    const next = { from: f, to: t };
    const texts = [...new Set(getSections().flatMap((s) => s.activities.filter((a) => !a.manualDates).map((a) => a.deadline.text)))];
    setBusy(true);
    Promise.all(texts.map((text) => parseDeadline(text, next).then((p) => [text, p] as const)))
      .then((pairs) => {
        const parsed = new Map(pairs);
        done.current = key;
        setPeriod(next);
        setSections((list) =>
          list.map((s) => ({ ...s, activities: s.activities.map((a) => (!a.manualDates && parsed.has(a.deadline.text) ? withParsedDeadline(a, parsed.get(a.deadline.text)!) : a)) })),
        );
      })
      .catch((err) => message.error(errorMessage(err)))
      .finally(() => setBusy(false));
  }, [key, getSections, setSections, message]);
  return { period, busy };
}

export function PreviewEditor({ preview, roadmap, onSaved, onRestart }: Props) {
  const [form] = Form.useForm<HeaderValues>();
  const [sections, setSections] = useState(() => draftSections(preview));
  const latest = useRef(sections);
  latest.current = sections;
  const getSections = useCallback(() => latest.current, []);
  const { period, busy } = usePeriodReparse(form, { from: preview.periodFrom, to: preview.periodTo }, setSections, getSections);
  const create = useCreateRoadmap();
  const revise = useReviseRoadmap(roadmap?.id ?? '');

  const save = (v: HeaderValues) => {
    const content = {
      title: v.title.trim(),
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      approvedBy: v.approvedBy?.trim() || null,
      columns: preview.columns,
      sourceFileName: preview.sourceFileName,
      sections: contentInput(sections),
    };
    return roadmap
      ? revise.mutateAsync({ ...content, version: roadmap.version })
      : create.mutateAsync({ ...content, level: v.level, ownerOrganizationId: preview.ownerOrganizationId });
  };
  const { submit, saving, error, unmatched } = useFormSubmit(form, save, onSaved);

  const updateActivity = (key: string, change: (a: DraftActivity) => DraftActivity) =>
    setSections((list) => list.map((s) => (s.activities.some((a) => a.key === key) ? { ...s, activities: s.activities.map((a) => (a.key === key ? change(a) : a)) } : s)));

  const unknown = sections.flatMap((s) => s.activities).filter((a) => a.deadline.kind === 'unknown' && !a.manualDates).length;
  return (
    <Form<HeaderValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ title: preview.title, level: preview.level, periodFrom: preview.periodFrom, periodTo: preview.periodTo, approvedBy: preview.approvedBy ?? undefined }}
    >
      <Flex vertical gap={16}>
        <Typography.Text>
          {preview.sourceFileName ? (
            <>
              Файл: <Typography.Text strong>{preview.sourceFileName}</Typography.Text> ·{' '}
            </>
          ) : null}
          {counted(sections.length, ['раздел', 'раздела', 'разделов'])}, {counted(activityTotal(sections), ['мероприятие', 'мероприятия', 'мероприятий'])}
          {unknown > 0 && `, нераспознанных сроков: ${unknown}`}
        </Typography.Text>
        <Card size="small" title="Дорожная карта">
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label="Название" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите название дорожной карты' }, { max: 2000, message: 'Не длиннее 2000 символов' }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {roadmap ? (
                <Form.Item label="Уровень и владелец">
                  {levelLabels[roadmap.level]} · {roadmap.ownerOrganizationName}
                </Form.Item>
              ) : (
                <Form.Item label="Уровень" name="level" extra={`Владелец: ${preview.ownerOrganizationName} (${preview.territoryName})`}>
                  <Select options={levelOptions} />
                </Form.Item>
              )}
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="Период с" name="periodFrom" rules={[{ required: true, message: 'Укажите год' }, { type: 'number', min: 1990, max: 2100, message: 'Год от 1990 до 2100' }]}>
                <InputNumber style={{ width: '100%' }} precision={0} controls={false} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label="по"
                name="periodTo"
                dependencies={['periodFrom']}
                rules={[
                  { required: true, message: 'Укажите год' },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v) => {
                      if (typeof v === 'number' && v < getFieldValue('periodFrom')) throw new Error('Раньше года начала');
                    },
                  }),
                ]}
                extra={busy ? 'Пересчёт контрольных дат…' : undefined}
              >
                <InputNumber style={{ width: '100%' }} precision={0} controls={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Утверждена (приказ)" name="approvedBy" extra="Например: «УТВЕРЖДЕН приказом Министерства от 25.06.2021 № 240»">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <PreviewWarnings warnings={preview.warnings} />
        {roadmap && preview.comparison && (
          <Card size="small" title="Что изменится относительно действующей редакции" extra={<Typography.Text type="secondary">по загруженному документу, без правок в таблице</Typography.Text>}>
            <ComparisonView comparison={preview.comparison} roadmapId={roadmap.id} />
          </Card>
        )}
        {sections.map((s, i) => (
          <PreviewSectionTable key={`${i}|${s.number}`} section={s} period={period} onUpdate={updateActivity} />
        ))}
        {error !== null && <ErrorAlert error={error} extra={unmatched.map((m) => describeFieldError(sections, m))} />}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={busy}>
            {roadmap ? 'Сохранить новую редакцию' : 'Сохранить дорожную карту'}
          </Button>
          <Button onClick={onRestart} disabled={saving}>
            Загрузить другой файл
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
