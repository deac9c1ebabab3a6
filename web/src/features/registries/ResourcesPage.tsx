// «Навигатор ресурсов»: curated links of the region by topic and audience; the region's
// administrator and methodologists keep it.
import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Menu, Modal, Row, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { api, queryString } from '../../app/api';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { resourceAudiences, type ResourceAudience } from '../../../../common/practices';
import type { EducationalResourceDto } from '../../../../server/modules/registries/registries.api';

interface ResourcePage {
  items: EducationalResourceDto[];
  nextCursor: string | null;
  total: number;
  canCreate: boolean;
  topics: { topic: string; count: number }[];
}

const keys = ['q', 'topic', 'audience'] as const;
const audienceOptions = Object.entries(resourceAudiences).map(([value, label]) => ({ value, label }));

export function ResourcesPage() {
  const { filters, setFilters } = useUrlFilters(keys);
  const query = useInfiniteQuery({
    queryKey: ['/api/resources', filters],
    queryFn: ({ pageParam, signal }) => api.get<ResourcePage>(`/api/resources${queryString({ ...filters, limit: 100, cursor: pageParam })}`, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [editing, setEditing] = useState<EducationalResourceDto | 'new' | null>(null);
  const byTopic = [...new Set(items.map((i) => i.topic))].map((topic) => ({ topic, items: items.filter((i) => i.topic === topic) }));
  return (
    <>
      <PageHeader
        title="Навигатор образовательных ресурсов"
        subtitle="Проверенные ресурсы для педагогов, руководителей и методистов по темам"
        extra={
          first?.canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              Добавить ресурс
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6}>
          <Card size="small" title="Темы" styles={{ body: { padding: 0 } }}>
            <Menu
              selectedKeys={[filters.topic ?? '']}
              onClick={({ key }) => setFilters({ topic: key || undefined })}
              items={[{ key: '', label: 'Все темы' }, ...(first?.topics ?? []).map((t) => ({ key: t.topic, label: `${t.topic} (${t.count})` }))]}
              style={{ borderInlineEnd: 'none' }}
            />
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18}>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Input.Search allowClear defaultValue={filters.q} placeholder="Поиск по названию и описанию" aria-label="Поиск ресурсов" onSearch={(q) => setFilters({ q })} style={{ width: 340 }} />
            <Select allowClear placeholder="Для кого" aria-label="Аудитория" value={filters.audience} options={audienceOptions} onChange={(audience) => setFilters({ audience })} style={{ width: 220 }} />
          </Flex>
          {query.error ? (
            <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <Flex vertical gap={16}>
              <Typography.Text type="secondary">{first ? `Найдено: ${counted(first.total, ['ресурс', 'ресурса', 'ресурсов'])}` : 'Загрузка…'}</Typography.Text>
              {first && items.length === 0 && <Empty description="Ресурсы не найдены" />}
              {byTopic.map((g) => (
                <section key={g.topic}>
                  <Typography.Title level={4} style={{ fontSize: 18 }}>
                    {g.topic}
                  </Typography.Title>
                  <Row gutter={[12, 12]}>
                    {g.items.map((r) => (
                      <Col key={r.id} xs={24} lg={12}>
                        <ResourceCard r={r} onEdit={() => setEditing(r)} />
                      </Col>
                    ))}
                  </Row>
                </section>
              ))}
              {query.hasNextPage && <Button onClick={() => void query.fetchNextPage()}>Показать ещё</Button>}
            </Flex>
          )}
        </Col>
      </Row>
      {editing && <ResourceModal resource={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ResourceCard({ r, onEdit }: { r: EducationalResourceDto; onEdit: () => void }) {
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const remove = () =>
    modal.confirm({
      title: 'Исключить ресурс из навигатора?',
      okText: 'Исключить',
      cancelText: 'Отмена',
      onOk: () =>
        api
          .patch(`/api/resources/${r.id}`, { version: r.version, archived: true })
          .then(() => client.invalidateQueries({ queryKey: ['/api/resources'] }))
          .catch((e) => message.error(errorMessage(e))),
    });
  return (
    <Card
      size="small"
      title={
        <a href={r.url} target="_blank" rel="noreferrer noopener">
          <LinkOutlined /> {r.title}
        </a>
      }
      extra={
        r.canEdit && (
          <Flex gap={4}>
            <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Изменить «${r.title}»`} onClick={onEdit} />
            <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Исключить «${r.title}»`} onClick={remove} />
          </Flex>
        )
      }
      style={{ height: '100%' }}
    >
      {r.description && <Typography.Paragraph style={{ marginBottom: 8 }}>{r.description}</Typography.Paragraph>}
      <Flex gap={4} wrap>
        {r.audiences.map((a) => (
          <Tag key={a}>{resourceAudiences[a]}</Tag>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.url}
      </Typography.Text>
    </Card>
  );
}

interface ResourceValues {
  title: string;
  url: string;
  topic: string;
  audiences: ResourceAudience[];
  description?: string;
}

function ResourceModal({ resource, onClose }: { resource: EducationalResourceDto | null; onClose: () => void }) {
  const [form] = Form.useForm<ResourceValues>();
  const client = useQueryClient();
  const { submit, saving, error, unmatched } = useFormSubmit<ResourceValues, unknown>(
    form,
    (v) => (resource ? api.patch(`/api/resources/${resource.id}`, { ...v, description: v.description || null, version: resource.version }) : api.post('/api/resources', { ...v, description: v.description || null })),
    () => {
      void client.invalidateQueries({ queryKey: ['/api/resources'] });
      onClose();
    },
  );
  return (
    <Modal title={resource ? 'Изменить ресурс' : 'Новый ресурс'} open onCancel={onClose} onOk={() => form.submit()} okText="Сохранить" cancelText="Отмена" confirmLoading={saving} destroyOnHidden>
      <Form<ResourceValues> form={form} layout="vertical" onFinish={submit} initialValues={resource ?? { audiences: ['teachers'] }}>
        <Form.Item name="title" label="Название" rules={[{ required: true, message: 'Укажите название' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="url" label="Адрес" rules={[{ required: true, message: 'Укажите ссылку' }]}>
          <Input placeholder="https://…" />
        </Form.Item>
        <Form.Item name="topic" label="Тема" rules={[{ required: true, message: 'Укажите тему' }]}>
          <Input maxLength={200} placeholder="Например: Функциональная грамотность" />
        </Form.Item>
        <Form.Item name="audiences" label="Для кого" rules={[{ required: true, message: 'Выберите аудиторию' }]}>
          <Select mode="multiple" options={audienceOptions} />
        </Form.Item>
        <Form.Item name="description" label="Описание">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      </Form>
    </Modal>
  );
}
