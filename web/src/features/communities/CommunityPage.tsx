// A community's card: members with their participation, work plans, meetings with protocols.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, List, Modal, Select, Table, Tabs, Tag, TimePicker, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { formatDate } from '../../app/format';
import { communityFocuses, communityKinds, communityMemberRoles, eventFormats, eventLevels } from '../../../../common/events-dictionaries';
import { eventWhen, moscowIso, optionsOf } from '../events/labels';
import type { CommunityDto, CommunityMemberDto, CommunityPlanDto, CommunityMeetingDto } from '../../../../server/modules/communities/communities.api';

const invalidate = (client: ReturnType<typeof useQueryClient>) => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/communities') });

function Members({ c }: { c: CommunityDto }) {
  const url = `/api/communities/${c.id}/members`;
  const { data, isLoading } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ meetings: number; items: CommunityMemberDto[] }>(url, signal) });
  return (
    <Table<CommunityMemberDto>
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data?.items ?? []}
      pagination={false}
      locale={{ emptyText: 'Участников пока нет' }}
      columns={[
        { title: 'Участник', dataIndex: 'fullName' },
        { title: 'Организация', dataIndex: 'organizationName', render: (v: string | null) => v ?? '—' },
        { title: 'Роль', dataIndex: 'role', width: 200, render: (r: CommunityMemberDto['role']) => <Tag color={r === 'member' ? 'default' : 'blue'}>{communityMemberRoles[r]}</Tag> },
        { title: 'В сообществе', key: 'dates', width: 190, render: (_, m) => (m.leftOn ? `${formatDate(m.joinedOn)} – ${formatDate(m.leftOn)}` : `с ${formatDate(m.joinedOn)}`) },
        { title: 'Участие в заседаниях', key: 'part', width: 170, render: (_, m) => `${m.meetingsAttended} из ${data?.meetings ?? 0}` },
      ]}
    />
  );
}

function Plans({ c }: { c: CommunityDto }) {
  const url = `/api/communities/${c.id}/plans`;
  const { data, isLoading } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ items: CommunityPlanDto[] }>(url, signal) });
  return (
    <List
      loading={isLoading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: 'Планов работы пока нет' }}
      renderItem={(p) => (
        <List.Item>
          <List.Item.Meta
            title={`${p.title} — ${p.period}`}
            description={
              <>
                {p.approvedOn && <div>Утверждён {formatDate(p.approvedOn)}</div>}
                <ol style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {p.items.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ol>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

interface MeetingValues {
  date: Dayjs;
  time: Dayjs;
  topic: string;
  format: string;
  place?: string;
  decisions?: string;
  protocolNumber?: string;
  participantIds?: string[];
}

function MeetingForm({ c, onClose }: { c: CommunityDto; onClose: () => void }) {
  const [form] = Form.useForm<MeetingValues>();
  const client = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const members = useQuery({ queryKey: [`/api/communities/${c.id}/members`], queryFn: ({ signal }) => api.get<{ items: CommunityMemberDto[] }>(`/api/communities/${c.id}/members`, signal) });
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: MeetingValues) => {
      const data = new FormData();
      data.append('heldAt', moscowIso(v.date.format('YYYY-MM-DD'), v.time.format('HH:mm')));
      data.append('topic', v.topic);
      data.append('format', v.format);
      for (const k of ['place', 'decisions', 'protocolNumber'] as const) if (v[k]) data.append(k, v[k]!);
      for (const p of v.participantIds ?? []) data.append('participantIds', p);
      for (const f of files) if (f.originFileObj) data.append('protocol', f.originFileObj);
      return uploadForm(`/api/communities/${c.id}/meetings`, data);
    },
    async () => {
      await invalidate(client);
      onClose();
    },
  );
  return (
    <Modal open title="Заседание" okText="Сохранить" cancelText="Отмена" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} width={640}>
      {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ format: 'in_person' }}>
        <Flex gap={12}>
          <Form.Item name="date" label="Дата" rules={[{ required: true, message: 'Укажите дату' }]}>
            <DatePicker format="DD.MM.YYYY" />
          </Form.Item>
          <Form.Item name="time" label="Время (МСК)" rules={[{ required: true, message: 'Укажите время' }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="format" label="Формат" style={{ flex: 1 }}>
            <Select options={optionsOf(eventFormats)} />
          </Form.Item>
        </Flex>
        <Form.Item name="topic" label="Тема" rules={[{ required: true, min: 3, message: 'Укажите тему заседания' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="place" label="Место">
          <Input />
        </Form.Item>
        <Form.Item name="decisions" label="Решения">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="participantIds" label="Присутствовали">
          <Select mode="multiple" optionFilterProp="label" options={(members.data?.items ?? []).filter((m) => !m.leftOn).map((m) => ({ value: m.staffId, label: m.fullName }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="protocolNumber" label="№ протокола">
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="Протокол (PDF, DOCX, скан)">
            <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<UploadOutlined />}>Приложить файл</Button>
            </Upload>
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function Meetings({ c }: { c: CommunityDto }) {
  const url = `/api/communities/${c.id}/meetings`;
  const { data, isLoading } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ items: CommunityMeetingDto[] }>(url, signal) });
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={8}>
      {c.canManage && (
        <Button type="primary" style={{ width: 'fit-content' }} onClick={() => setAdding(true)}>
          Записать заседание
        </Button>
      )}
      <List
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Заседаний пока нет' }}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={`${eventWhen(m.heldAt, m.heldAt).split(' ')[0]} — ${m.topic}`}
              description={
                <Flex vertical gap={2}>
                  <span>
                    {eventFormats[m.format]}
                    {m.place ? `, ${m.place}` : ''} · присутствовали: {m.participants.length}
                  </span>
                  {m.decisions && <span>Решения: {m.decisions}</span>}
                  {m.protocolFiles.map((f) => (
                    <a key={f.id} href={`/api/community-meetings/${m.id}/files/${f.id}`}>
                      Протокол{m.protocolNumber ? ` № ${m.protocolNumber}` : ''}: {f.name}
                    </a>
                  ))}
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      {adding && <MeetingForm c={c} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

export function CommunityPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const url = `/api/communities/${id}`;
  const { data: c, error, refetch } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<CommunityDto>(url, signal) });
  if (error) return <ErrorAlert error={error} onRetry={() => refetch()} />;
  if (!c) return <Card loading />;
  const join = async () => {
    try {
      await api.post(`/api/communities/${c.id}/members`, {});
      message.success('Вы вступили в сообщество');
      await invalidate(client);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <PageHeader
        title={c.name}
        trail={[{ title: 'Сообщества', to: '/communities' }]}
        subtitle={
          <span>
            <Tag>{communityKinds[c.kind]}</Tag>
            <Tag>{eventLevels[c.level]} уровень</Tag>
            {c.focus && <Tag>{communityFocuses[c.focus]}</Tag>}
          </span>
        }
        extra={
          c.myMembershipId ? (
            <Tag color="green">Вы участник</Tag>
          ) : (
            <Button type="primary" onClick={join}>
              Вступить
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'base', label: 'Базовая организация', children: c.baseOrganizationName },
              { key: 'leader', label: 'Руководитель', children: c.leaderName ?? 'не назначен' },
              { key: 'subjects', label: 'Предметы', children: c.subjects.length ? c.subjects.join(', ') : '—' },
              { key: 'counts', label: 'Состав', children: `${c.members} участников, ${c.meetings} заседаний` },
              { key: 'desc', label: 'Описание', span: 2, children: c.description ?? <Typography.Text type="secondary">—</Typography.Text> },
            ]}
          />
        </Card>
        <Card>
          <Tabs
            items={[
              { key: 'members', label: 'Участники', children: <Members c={c} /> },
              { key: 'plans', label: 'Планы работы', children: <Plans c={c} /> },
              { key: 'meetings', label: 'Заседания', children: <Meetings c={c} /> },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
