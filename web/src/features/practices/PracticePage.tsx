// The card of a practice: its description and materials for everyone who sees it; the experts'
// panel (scores by criteria, decision) for the assigned experts and the region; assignment of
// experts for the regional administrator; revision and resubmission for the authors.
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { PageHeader } from '../../app/PageHeader';
import { useMe } from '../../app/auth';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { downloadFile } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { maxCriterionScore, practiceCriteria, practiceDecisions, practiceStatuses, type PracticeDecision } from '../../../../common/practices';
import { PracticeKindTag, PracticeStatusTag, formatScore, practiceScope } from './PracticeTags';
import { practiceApi, practiceKey, uploadPracticeFiles, usePractice, usePracticeAction, usePracticeExperts, type PracticeDto } from './queries';

export function PracticePage() {
  const { id = '' } = useParams();
  const { data: p, error, refetch } = usePractice(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!p) return <Card loading />;
  return (
    <>
      <PageHeader
        title={p.title}
        trail={[{ title: 'Банк практик', to: '/practices' }]}
        subtitle={`${p.organizationName} · ${p.territoryName}`}
        extra={
          <Space>
            <PracticeKindTag kind={p.kind} />
            <PracticeStatusTag status={p.status} />
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <About p={p} />
            <Materials p={p} />
            <Disseminations p={p} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <StatusPanel p={p} />
            {p.permissions.canAssign && <AssignExperts p={p} />}
            {(p.permissions.canSeeReviews || p.experts.length > 0) && <Expertise p={p} />}
            <History p={p} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function About({ p }: { p: PracticeDto }) {
  return (
    <Card title="О практике">
      <Descriptions
        column={1}
        size="small"
        items={[
          { label: 'Уровень и предмет', children: practiceScope(p) },
          { label: 'Авторы', children: p.authors.map((a) => `${a.fullName} (${a.organizationName})`).join('; ') },
          { label: 'Подана', children: formatDate(p.submittedAt) },
          ...(p.publishedAt ? [{ label: 'Опубликована', children: formatDate(p.publishedAt) }] : []),
          ...(p.keywords.length ? [{ label: 'Ключевые слова', children: p.keywords.map((k) => <Tag key={k}>{k}</Tag>) }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Описание
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
      {p.results && (
        <>
          <Typography.Title level={5}>Результаты</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.results}</Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

function Materials({ p }: { p: PracticeDto }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [uploading, setUploading] = useState(false);
  return (
    <Card
      title="Материалы"
      extra={
        p.permissions.canEdit && (
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(_file, list) => {
              // antd calls this per file with the whole batch: send the batch once
              if (_file !== list[0]) return false;
              setUploading(true);
              uploadPracticeFiles(p.id, list)
                .then((card) => client.setQueryData(practiceKey(p.id), card))
                .catch((e) => message.error(errorMessage(e)))
                .finally(() => setUploading(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              Приложить файлы
            </Button>
          </Upload>
        )
      }
    >
      {p.files.length === 0 ? (
        <Typography.Text type="secondary">Файлы не приложены</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={p.files}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="d" size="small" icon={<DownloadOutlined />} onClick={() => downloadFile(`/api/practices/${p.id}/files/${f.id}`, f.name).catch((e) => message.error(errorMessage(e)))}>
                  Скачать
                </Button>,
              ]}
            >
              {f.name} <Typography.Text type="secondary">· {Math.max(1, Math.round(f.size / 1024))} КБ</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function StatusPanel({ p }: { p: PracticeDto }) {
  const [open, setOpen] = useState(false);
  const resubmit = usePracticeAction(p.id, (v: { comment?: string }) => practiceApi.resubmit(p.id, { version: p.version, comment: v.comment || null }));
  return (
    <Card title="Состояние">
      <Flex vertical gap={8}>
        <div>
          <PracticeStatusTag status={p.status} /> {p.round > 1 && <Typography.Text type="secondary">раунд экспертизы {p.round}</Typography.Text>}
        </div>
        {p.decisionComment && (p.status === 'returned' || p.status === 'rejected') && (
          <Typography.Paragraph style={{ margin: 0 }}>
            <Typography.Text strong>{p.status === 'returned' ? 'Что доработать: ' : 'Причина отклонения: '}</Typography.Text>
            {p.decisionComment}
          </Typography.Paragraph>
        )}
        {p.status === 'submitted' && <Typography.Text type="secondary">Ожидает назначения экспертов администратором региона.</Typography.Text>}
        {p.permissions.canResubmit && (
          <Button type="primary" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
            Подать повторно
          </Button>
        )}
      </Flex>
      <Modal title="Подать практику повторно" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { comment?: string }) => resubmit.mutate(v, { onSuccess: () => setOpen(false) })}>
          <Form.Item name="comment" label="Что доработано">
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          {resubmit.error && <ErrorAlert error={resubmit.error} />}
          <Button type="primary" htmlType="submit" loading={resubmit.isPending} style={{ marginTop: 8 }}>
            Подать
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}

function AssignExperts({ p }: { p: PracticeDto }) {
  const experts = usePracticeExperts(true);
  const [chosen, setChosen] = useState<string[]>(p.experts.map((e) => e.userId));
  const assign = usePracticeAction(p.id, (ids: string[]) => practiceApi.assign(p.id, { version: p.version, expertUserIds: ids }));
  return (
    <Card title="Эксперты">
      <Flex vertical gap={8}>
        <Select
          mode="multiple"
          aria-label="Эксперты практики"
          placeholder="Выберите экспертов банка практик"
          value={chosen}
          onChange={setChosen}
          loading={experts.isPending}
          options={(experts.data?.items ?? []).map((e) => ({ value: e.userId, label: `${e.displayName}${e.workplace ? `, ${e.workplace}` : ''} · на экспертизе: ${e.activeReviews}` }))}
        />
        {assign.error && <ErrorAlert error={assign.error} />}
        <Button type="primary" onClick={() => assign.mutate(chosen)} loading={assign.isPending} style={{ alignSelf: 'flex-start' }}>
          Назначить
        </Button>
      </Flex>
    </Card>
  );
}

const criteria = Object.entries(practiceCriteria) as [keyof typeof practiceCriteria, string][];

function Expertise({ p }: { p: PracticeDto }) {
  const current = p.reviews.filter((r) => r.round === p.round);
  return (
    <Card title="Экспертиза" extra={p.averageScore != null && <Typography.Text strong>Средний балл: {formatScore(p.averageScore)}</Typography.Text>}>
      <Flex vertical gap={16}>
        <List
          size="small"
          header={<Typography.Text type="secondary">Назначенные эксперты</Typography.Text>}
          dataSource={p.experts}
          locale={{ emptyText: 'Эксперты не назначены' }}
          renderItem={(e) => (
            <List.Item>
              {e.displayName} {e.reviewed ? <Tag color="success">оценил</Tag> : <Tag>ожидается оценка</Tag>}
            </List.Item>
          )}
        />
        {p.permissions.canSeeReviews && current.length > 0 && (
          <List
            size="small"
            header={<Typography.Text type="secondary">Оценки текущего раунда</Typography.Text>}
            dataSource={current}
            renderItem={(r) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>{r.expertName}</Typography.Text>
                    <span>
                      {formatScore(r.average)} · {practiceDecisions[r.recommendation]}
                    </span>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {criteria.map(([code, label]) => `${label}: ${r.scores[code] ?? '—'}`).join(' · ')}
                  </Typography.Text>
                  {r.comment && <Typography.Text style={{ fontSize: 13 }}>{r.comment}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        )}
        {p.permissions.canReview && <ReviewForm p={p} />}
        {p.permissions.canDecide && <DecisionForm p={p} />}
      </Flex>
    </Card>
  );
}

function ReviewForm({ p }: { p: PracticeDto }) {
  const me = useMe();
  const mine = p.reviews.find((r) => r.round === p.round && r.expertUserId === me.id);
  const review = usePracticeAction(p.id, (v: { scores: Record<string, number>; recommendation: PracticeDecision; comment?: string }) => practiceApi.review(p.id, { ...v, comment: v.comment || null }));
  return (
    <Form
      layout="horizontal"
      labelCol={{ span: 14 }}
      wrapperCol={{ span: 10 }}
      aria-label="Оценка эксперта"
      initialValues={mine ? { scores: mine.scores, recommendation: mine.recommendation, comment: mine.comment } : { recommendation: 'publish' }}
      onFinish={(v) => review.mutate(v)}
    >
      <Typography.Title level={5}>Ваша оценка (0–{maxCriterionScore} по каждому критерию)</Typography.Title>
      {criteria.map(([code, label]) => (
        <Form.Item key={code} name={['scores', code]} label={label} rules={[{ required: true, message: 'Поставьте оценку' }]} style={{ marginBottom: 8 }}>
          <InputNumber min={0} max={maxCriterionScore} precision={0} aria-label={label} style={{ width: 80 }} />
        </Form.Item>
      ))}
      <Form.Item name="recommendation" label="Рекомендация" labelCol={{ span: 24 }} wrapperCol={{ span: 24 }}>
        <Radio.Group options={Object.entries(practiceDecisions).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="comment" label="Заключение" labelCol={{ span: 24 }} wrapperCol={{ span: 24 }}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {review.error && <ErrorAlert error={review.error} />}
      <Button type="primary" htmlType="submit" loading={review.isPending}>
        {mine ? 'Обновить оценку' : 'Сохранить оценку'}
      </Button>
    </Form>
  );
}

function DecisionForm({ p }: { p: PracticeDto }) {
  const [decision, setDecision] = useState<PracticeDecision | null>(null);
  const [comment, setComment] = useState('');
  const decide = usePracticeAction(p.id, (v: { decision: PracticeDecision; comment: string }) => practiceApi.decide(p.id, { version: p.version, decision: v.decision, comment: v.comment || null }));
  const pending = p.experts.filter((e) => !e.reviewed).length;
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        Решение
      </Typography.Title>
      {pending > 0 ? (
        <Typography.Text type="secondary">Решение можно принять, когда все эксперты выставят оценки (ожидается ещё {pending}).</Typography.Text>
      ) : (
        <Space wrap>
          <Button type="primary" onClick={() => setDecision('publish')}>
            Опубликовать
          </Button>
          <Button onClick={() => setDecision('revise')}>Вернуть на доработку</Button>
          <Button danger onClick={() => setDecision('reject')}>
            Отклонить
          </Button>
        </Space>
      )}
      <Modal
        title={decision ? practiceDecisions[decision] : ''}
        open={!!decision}
        okText="Подтвердить"
        cancelText="Отмена"
        confirmLoading={decide.isPending}
        onCancel={() => setDecision(null)}
        onOk={() => decision && decide.mutate({ decision, comment }, { onSuccess: () => setDecision(null) })}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <Typography.Text>
            {decision === 'publish' ? 'Практика появится в открытом каталоге.' : decision === 'revise' ? 'Авторы получат практику на доработку.' : 'Практика будет отклонена.'} Средний балл:{' '}
            {formatScore(p.averageScore)}
          </Typography.Text>
          <Input.TextArea
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={decision === 'publish' ? 'Комментарий (необязательно)' : 'Что доработать или почему отклонена (обязательно)'}
            aria-label="Комментарий к решению"
          />
          {decide.error && <ErrorAlert error={decide.error} />}
        </Flex>
      </Modal>
    </Flex>
  );
}

function History({ p }: { p: PracticeDto }) {
  return (
    <Card title="История">
      <Timeline
        items={p.history.map((h) => ({
          content: (
            <>
              <Typography.Text strong>{practiceStatuses[h.status]}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {formatDateTime(h.at)} · {h.actorName}
                </Typography.Text>
              </div>
              {h.comment && <div>{h.comment}</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}

function Disseminations({ p }: { p: PracticeDto }) {
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const add = async (v: { title: string; heldOn: Dayjs; place?: string; url?: string }) => {
    setError(null);
    try {
      await practiceApi.disseminate(p.id, { title: v.title, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place || null, url: v.url || null });
      form.resetFields();
      await client.invalidateQueries({ queryKey: practiceKey(p.id) });
    } catch (e) {
      setError(e);
    }
  };
  if (p.status !== 'published') return null;
  return (
    <Card title="Распространение опыта">
      {p.disseminations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Пока нет сведений о представлении практики" />
      ) : (
        <List
          size="small"
          dataSource={p.disseminations}
          renderItem={(d) => (
            <List.Item>
              <Flex vertical>
                <span>
                  {formatDate(d.heldOn)} — {d.title}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {[d.place, d.url].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {p.permissions.canDisseminate && (
        <Form form={form} layout="inline" onFinish={add} style={{ marginTop: 12, rowGap: 8 }} aria-label="Где представлена практика">
          <Form.Item name="title" rules={[{ required: true, message: 'Мероприятие' }]}>
            <Input placeholder="Мероприятие" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="heldOn" rules={[{ required: true, message: 'Дата' }]}>
            <DatePicker format="DD.MM.YYYY" placeholder="Дата" />
          </Form.Item>
          <Form.Item name="place">
            <Input placeholder="Место" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="url">
            <Input placeholder="Ссылка (https://…)" style={{ width: 200 }} />
          </Form.Item>
          <Button htmlType="submit">Добавить</Button>
          {error ? <ErrorAlert error={error} /> : null}
        </Form>
      )}
    </Card>
  );
}
