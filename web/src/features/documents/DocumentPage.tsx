// The document card: details and parties, the file, status changes along draft → approved → in force
// → superseded, links as evidence to roadmap activities and organizations, and the status history.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, List, Modal, Popconfirm, Result, Select, Skeleton, Timeline, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, queryString, type Page } from '../../app/api';
import { DownloadButton } from '../../app/DownloadButton';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useDebounced } from '../../app/useDebounced';
import { formatDate, formatDateTime } from '../../app/format';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import type { Activity, RoadmapListItem } from '../roadmaps/types';
import { StatusTag } from './DocumentListPage';
import { citation, kindLabels, levelLabels, statusLabels, transitionLabels } from './labels';
import { attachFile, documentWrites, useDocument, useDocumentWrite } from './queries';
import type { DocumentCard, DocumentListItem, DocumentStatus } from './types';

type Write = ReturnType<typeof useDocumentWrite>;

function Details({ d }: { d: DocumentCard }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 220 } }}
      items={[
        { key: 'kind', label: 'Вид', children: kindLabels[d.kind] },
        { key: 'number', label: 'Номер', children: d.number ?? '—' },
        { key: 'date', label: 'Дата', children: formatDate(d.docDate) },
        ...(d.validFrom ? [{ key: 'valid', label: 'Вступает в силу', children: formatDate(d.validFrom) }] : []),
        { key: 'status', label: 'Статус', children: <StatusTag status={d.status} /> },
        { key: 'level', label: 'Уровень', children: levelLabels[d.level] },
        { key: 'owner', label: 'Издал', children: <Link to={`/organizations/${d.ownerOrganizationId}`}>{d.ownerName}</Link> },
        { key: 'territory', label: 'Территория', children: d.territoryName },
        ...(d.parties.length
          ? [{ key: 'parties', label: 'Стороны', children: <ol style={{ margin: 0, paddingLeft: 20 }}>{d.parties.map((p, i) => <li key={i}>{p.organizationId ? <Link to={`/organizations/${p.organizationId}`}>{p.name}</Link> : p.name}</li>)}</ol> }]
          : []),
        ...(d.supersededBy ? [{ key: 'by', label: 'Заменён документом', children: <RelatedLink r={d.supersededBy} /> }] : []),
        ...(d.supersedes.length ? [{ key: 'replaces', label: 'Заменяет', children: <Flex vertical>{d.supersedes.map((r) => <RelatedLink key={r.id} r={r} />)}</Flex> }] : []),
        ...(d.summary ? [{ key: 'summary', label: 'Краткое содержание', children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span> }] : []),
      ]}
    />
  );
}

function RelatedLink({ r }: { r: DocumentCard['supersedes'][number] }) {
  return (
    <Link to={`/documents/${r.id}`}>
      {citation(r, formatDate)} «{r.title}»
    </Link>
  );
}

/** Documents to pick as the replacement: approved or in force, found by title or number. */
function ReplacementSelect(props: { value?: string; onChange?: (v: string) => void; exclude: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['/api/documents', 'replacement', q],
    queryFn: async ({ signal }) => {
      const [inForce, approved] = await Promise.all(
        ['in_force', 'approved'].map((status) => api.get<Page<DocumentListItem>>(`/api/documents${queryString({ q, status, limit: 20 })}`, signal)),
      );
      return [...inForce.items, ...approved.items];
    },
  });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder="Найдите документ по названию или номеру"
      options={(data ?? []).filter((d) => d.id !== props.exclude).map((d) => ({ value: d.id, label: `${citation(d, formatDate)} «${d.title}»` }))}
      notFoundContent={isFetching ? 'Поиск…' : 'Ничего не найдено'}
    />
  );
}

function StatusActions({ d, write }: { d: DocumentCard; write: Write }) {
  const { message } = App.useApp();
  const [target, setTarget] = useState<DocumentStatus | null>(null);
  const [form] = Form.useForm<{ comment?: string; supersededById?: string }>();
  if (!d.allowedStatuses.length) return null;
  const run = async (v: { comment?: string; supersededById?: string }) => {
    try {
      await write.mutateAsync(() => documentWrites.status(d.id, { version: d.version, status: target!, comment: v.comment?.trim() || null, supersededById: v.supersededById ?? null }));
      message.success(`Статус: ${statusLabels[target!].toLowerCase()}`);
      setTarget(null);
      form.resetFields();
    } catch {
      /* shown in the dialog */
    }
  };
  return (
    <>
      <Flex gap={8} wrap>
        {d.allowedStatuses.map((s) => (
          <Button key={s} type={s === 'in_force' || s === 'approved' ? 'primary' : 'default'} danger={s === 'superseded'} onClick={() => (write.reset(), setTarget(s))}>
            {transitionLabels[s]}
          </Button>
        ))}
      </Flex>
      <Modal open={target !== null} title={target ? transitionLabels[target] : ''} okText="Подтвердить" cancelText="Отмена" onCancel={() => setTarget(null)} onOk={() => form.submit()} confirmLoading={write.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={run}>
          {target === 'superseded' && (
            <Form.Item label="Заменяющий документ" name="supersededById" rules={[{ required: true, message: 'Выберите документ, который заменяет этот' }]}>
              <ReplacementSelect exclude={d.id} />
            </Form.Item>
          )}
          <Form.Item label="Комментарий" name="comment" rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Например: подписан руководителем" />
          </Form.Item>
          {write.error && <ErrorAlert error={write.error} extra={write.error instanceof ApiError ? write.error.fields.map((f) => f.message) : []} />}
        </Form>
      </Modal>
    </>
  );
}

function EditDetails({ d, write }: { d: DocumentCard; write: Write }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; number?: string; docDate?: Dayjs; validFrom?: Dayjs; summary?: string }>();
  const save = async (v: { title: string; number?: string; docDate?: Dayjs; validFrom?: Dayjs; summary?: string }) => {
    try {
      await write.mutateAsync(() =>
        documentWrites.update(d.id, {
          version: d.version,
          title: v.title.trim(),
          number: v.number?.trim() || null,
          docDate: v.docDate?.format('YYYY-MM-DD') ?? null,
          validFrom: v.validFrom?.format('YYYY-MM-DD') ?? null,
          summary: v.summary?.trim() || null,
        }),
      );
      message.success('Реквизиты сохранены');
      setOpen(false);
    } catch {
      /* shown in the dialog */
    }
  };
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => (write.reset(), setOpen(true))}>
        Изменить реквизиты
      </Button>
      <Modal open={open} title="Реквизиты документа" okText="Сохранить" cancelText="Отмена" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={write.isPending} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ title: d.title, number: d.number ?? undefined, docDate: d.docDate ? dayjs(d.docDate) : undefined, validFrom: d.validFrom ? dayjs(d.validFrom) : undefined, summary: d.summary ?? undefined }}
        >
          <Form.Item label="Наименование" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите наименование' }, { min: 3 }, { max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item label="Номер" name="number" rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="Дата документа" name="docDate">
              <DatePicker format="DD.MM.YYYY" />
            </Form.Item>
            <Form.Item label="Вступает в силу" name="validFrom">
              <DatePicker format="DD.MM.YYYY" />
            </Form.Item>
          </Flex>
          <Form.Item label="Краткое содержание" name="summary" rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          {write.error && <ErrorAlert error={write.error} />}
        </Form>
      </Modal>
    </>
  );
}

function FileBlock({ d, editable }: { d: DocumentCard; editable: boolean }) {
  const { message } = App.useApp();
  const write = useDocumentWrite(d.id);
  return (
    <Flex gap={12} align="center" wrap>
      {d.file ? (
        <DownloadButton url={`/api/documents/${d.id}/file`} fileName={d.file.name}>
          {d.file.name} ({Math.max(1, Math.round(d.file.size / 1024))} КБ)
        </DownloadButton>
      ) : (
        <Typography.Text type="secondary">Файл не приложен.</Typography.Text>
      )}
      {editable && (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            write.mutate(() => attachFile(d.id, file), {
              onSuccess: () => message.success('Файл приложен'),
              onError: (err) => message.error(errorMessage(err)),
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={write.isPending}>
            {d.file ? 'Заменить файл' : 'Приложить файл'}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}

/** Picks a roadmap, then one of its activities. */
function ActivityPicker({ onPick }: { onPick: (activityId: string | undefined) => void }) {
  const [roadmapId, setRoadmapId] = useState<string>();
  const roadmaps = useQuery({ queryKey: ['/api/roadmaps', 'picker'], queryFn: ({ signal }) => api.get<Page<RoadmapListItem>>('/api/roadmaps?limit=200', signal) });
  const activities = useQuery({
    queryKey: ['roadmaps', 'picker-activities', roadmapId],
    queryFn: ({ signal }) => api.get<Page<Activity>>(`/api/roadmaps/${roadmapId}/activities?limit=500`, signal),
    enabled: !!roadmapId,
  });
  return (
    <>
      <Select
        aria-label="Дорожная карта"
        placeholder="Дорожная карта"
        loading={roadmaps.isPending}
        value={roadmapId}
        onChange={(v: string) => (setRoadmapId(v), onPick(undefined))}
        options={(roadmaps.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent="Дорожных карт нет"
        style={{ width: 300 }}
      />
      <Select
        aria-label="Мероприятие"
        placeholder="Мероприятие"
        disabled={!roadmapId}
        loading={activities.isFetching}
        onChange={(v: string) => onPick(v)}
        options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 360 }}
      />
    </>
  );
}

/** Links of the document with a remove action for its writers. */
function LinkList<T extends { id: string }>(props: { items: T[]; empty: string; canEdit: boolean; confirm: string; removeLabel: (l: T) => string; onRemove: (l: T) => void; render: (l: T) => ReactNode }) {
  return (
    <List
      size="small"
      locale={{ emptyText: props.empty }}
      dataSource={props.items}
      renderItem={(l) => (
        <List.Item
          actions={
            props.canEdit
              ? [
                  <Popconfirm key="del" title={props.confirm} okText="Удалить" cancelText="Отмена" onConfirm={() => props.onRemove(l)}>
                    <Button size="small" icon={<DeleteOutlined />} aria-label={props.removeLabel(l)} />
                  </Popconfirm>,
                ]
              : []
          }
        >
          {props.render(l)}
        </List.Item>
      )}
    />
  );
}

function Links({ d, write }: { d: DocumentCard; write: Write }) {
  const { message } = App.useApp();
  const [activityId, setActivityId] = useState<string>();
  const [note, setNote] = useState('');
  const [organizationId, setOrganizationId] = useState<string>();
  const [purpose, setPurpose] = useState('Ответственный назначен локальным актом');
  const act = (fn: () => Promise<DocumentCard>, done: string, reset: () => void) =>
    write.mutate(fn, { onSuccess: () => (message.success(done), reset()), onError: (err) => message.error(errorMessage(err)) });
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={5}>Мероприятия дорожных карт</Typography.Title>
        <LinkList
          items={d.activityLinks}
          empty="Документ не связан с мероприятиями."
          canEdit={d.canEdit}
          confirm="Удалить связь с мероприятием?"
          removeLabel={(l) => `Удалить связь с мероприятием ${l.number}`}
          onRemove={(l) => act(() => documentWrites.unlinkActivity(l.id), 'Связь удалена', () => {})}
          render={(l) => (
            <Flex vertical>
              <Link to={`/roadmaps/${l.roadmapId}/activities/${l.activityId}`}>
                {l.number} {l.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {l.roadmapTitle}
                {l.note ? ` · ${l.note}` : ''}
              </Typography.Text>
            </Flex>
          )}
        />
        {d.canEdit && (
          <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
            <ActivityPicker onPick={setActivityId} />
            <Input aria-label="Примечание к связи" placeholder="Примечание (необязательно)" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 260 }} />
            <Button icon={<LinkOutlined />} disabled={!activityId} loading={write.isPending} onClick={() => act(() => documentWrites.linkActivity(d.id, { activityId: activityId!, note: note.trim() || null }), 'Документ связан с мероприятием', () => setNote(''))}>
              Связать с мероприятием
            </Button>
          </Flex>
        )}
      </div>
      <div>
        <Typography.Title level={5}>Организации</Typography.Title>
        <LinkList
          items={d.organizationLinks}
          empty="Документ не связан с организациями."
          canEdit={d.canEdit}
          confirm="Удалить связь с организацией?"
          removeLabel={(l) => `Удалить связь с организацией ${l.organizationName}`}
          onRemove={(l) => act(() => documentWrites.unlinkOrganization(l.id), 'Связь удалена', () => {})}
          render={(l) => (
            <Flex vertical>
              <Link to={`/organizations/${l.organizationId}`}>{l.organizationName}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {l.purpose}
              </Typography.Text>
            </Flex>
          )}
        />
        {d.canEdit && (
          <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
            <OrganizationSelect aria-label="Организация" placeholder="Организация" value={organizationId} onChange={setOrganizationId} known={[{ value: d.ownerOrganizationId, label: d.ownerName }]} style={{ width: 320 }} />
            <Input aria-label="Что подтверждает документ" placeholder="Что подтверждает документ" value={purpose} onChange={(e) => setPurpose(e.target.value)} style={{ width: 360 }} />
            <Button
              icon={<LinkOutlined />}
              disabled={!organizationId || purpose.trim().length < 3}
              loading={write.isPending}
              onClick={() => act(() => documentWrites.linkOrganization(d.id, { organizationId: organizationId!, purpose: purpose.trim() }), 'Документ связан с организацией', () => setOrganizationId(undefined))}
            >
              Связать с организацией
            </Button>
          </Flex>
        )}
      </div>
    </Flex>
  );
}

function History({ d }: { d: DocumentCard }) {
  return (
    <Timeline
      items={d.history.map((h, i) => ({
        key: i,
        content: (
          <>
            <Typography.Text strong>{h.fromStatus ? `${statusLabels[h.fromStatus]} → ${statusLabels[h.toStatus]}` : `Создан: ${statusLabels[h.toStatus].toLowerCase()}`}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {formatDateTime(h.changedAt)}
              {h.changedBy ? ` · ${h.changedBy}` : ''}
            </Typography.Text>
            {h.comment && <div>{h.comment}</div>}
          </>
        ),
      }))}
    />
  );
}

export function DocumentPage() {
  const { id = '' } = useParams();
  const { data: d, error, refetch } = useDocument(id);
  const write = useDocumentWrite(id);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="Документ не найден" subTitle="Его нет или он вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!d) return <Skeleton active />;
  const editable = d.canEdit && (d.status === 'draft' || d.status === 'approved');
  return (
    <>
      <PageHeader
        title={d.title}
        documentTitle={citation(d, formatDate)}
        subtitle={<>{citation(d, formatDate)} · <StatusTag status={d.status} /></>}
        trail={[{ title: 'Документы', to: '/documents' }]}
        extra={editable && <EditDetails d={d} write={write} />}
      />
      <Flex vertical gap={16}>
        <Details d={d} />
        <Card size="small" title="Файл документа">
          <FileBlock d={d} editable={editable} />
        </Card>
        {d.canEdit && d.allowedStatuses.length > 0 && (
          <Card size="small" title="Статус">
            <StatusActions d={d} write={write} />
          </Card>
        )}
        <Card size="small" title="Подтверждает исполнение">
          <Links d={d} write={write} />
        </Card>
        <Card size="small" title="История статусов">
          <History d={d} />
        </Card>
      </Flex>
    </>
  );
}
