// The event card: what, when, where; registration; for the organizer — registrations with
// attendance marking and the report after the event (place, dates, format, participants, photos,
// media and video links).
import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Flex, Form, Image, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import { api, uploadForm } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { formatDate } from '../../app/format';
import { eventFormats, eventKinds, eventLevels, eventWhen, levelColors, optionsOf, registrationStatuses } from './labels';
import { RegisterButton } from './EventsPage';
import type { EventDetail, EventRegistration } from './types';

function Registrations({ event }: { event: EventDetail }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const url = `/api/events/${event.id}/registrations`;
  const { data, isLoading, error } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ items: EventRegistration[]; canManage: boolean }>(url, signal) });
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const [saving, setSaving] = useState(false);
  const started = new Date(event.startsAt).getTime() <= Date.now();
  if (error) return <ErrorAlert error={error} />;
  const items = data?.items ?? [];
  const save = async () => {
    setSaving(true);
    try {
      await api.post(`/api/events/${event.id}/attendance`, { marks: Object.entries(marks).map(([registrationId, attended]) => ({ registrationId, attended })) });
      setMarks({});
      message.success('Посещение отмечено');
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/events') });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const manage = data?.canManage && started;
  return (
    <Card
      title={`Регистрации (${items.filter((r) => r.status !== 'cancelled').length})`}
      extra={
        manage && (
          <Button type="primary" disabled={Object.keys(marks).length === 0} loading={saving} onClick={save}>
            Сохранить отметки посещения
          </Button>
        )
      }
    >
      {data?.canManage && !started && <Typography.Paragraph type="secondary">Посещение отмечается после начала мероприятия.</Typography.Paragraph>}
      <Table<EventRegistration>
        rowKey="id"
        size="small"
        loading={isLoading}
        pagination={items.length > 50 ? { pageSize: 50 } : false}
        dataSource={items}
        locale={{ emptyText: 'Регистраций пока нет' }}
        columns={[
          { title: 'Участник', dataIndex: 'fullName' },
          { title: 'Организация', dataIndex: 'organizationName', render: (v: string | null) => v ?? '—' },
          {
            title: 'Статус',
            key: 'status',
            width: 190,
            render: (_, r) => (
              <Tag color={r.status === 'registered' ? 'green' : r.status === 'waitlisted' ? 'gold' : 'default'}>
                {registrationStatuses[r.status]}
                {r.waitlistPosition ? ` № ${r.waitlistPosition}` : ''}
              </Tag>
            ),
          },
          {
            title: 'Присутствовал(а)',
            key: 'attended',
            width: 150,
            render: (_, r) =>
              r.status !== 'registered' ? '—' : manage ? (
                <Checkbox
                  aria-label={`Присутствовал(а): ${r.fullName}`}
                  checked={marks[r.id] ?? r.attended ?? false}
                  onChange={(e) => setMarks((m) => ({ ...m, [r.id]: e.target.checked }))}
                />
              ) : r.attended === null ? (
                'не отмечено'
              ) : r.attended ? (
                'да'
              ) : (
                'нет'
              ),
          },
        ]}
      />
    </Card>
  );
}

interface ReportValues {
  place: string;
  dates: [Dayjs, Dayjs];
  format: string;
  participantsCount: number;
  summary?: string;
  mediaLinks?: string;
  videoLinks?: string;
}

function ReportForm({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const [form] = Form.useForm<ReportValues>();
  const client = useQueryClient();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const report = event.report;
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: ReportValues) => {
      const data = new FormData();
      data.append('place', v.place);
      data.append('startsOn', v.dates[0].format('YYYY-MM-DD'));
      data.append('endsOn', v.dates[1].format('YYYY-MM-DD'));
      data.append('format', v.format);
      data.append('participantsCount', String(v.participantsCount));
      if (v.summary) data.append('summary', v.summary);
      if (v.mediaLinks) data.append('mediaLinks', v.mediaLinks);
      if (v.videoLinks) data.append('videoLinks', v.videoLinks);
      if (report) {
        data.append('version', String(report.version));
        for (const p of report.photos) data.append('keepFileIds', p.id);
      }
      for (const p of photos) if (p.originFileObj) data.append('photos', p.originFileObj);
      return uploadForm(`/api/events/${event.id}/report`, data);
    },
    async () => {
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/events') });
      onDone();
    },
  );
  const day = (iso: string) => dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(iso)));
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        place: report?.place ?? event.place ?? (event.format === 'online' ? 'Онлайн' : ''),
        dates: report ? [dayjs(report.startsOn), dayjs(report.endsOn)] : [day(event.startsAt), day(event.endsAt)],
        format: report?.format ?? event.format,
        participantsCount: report?.participantsCount ?? event.attended,
        summary: report?.summary ?? '',
        mediaLinks: report?.mediaLinks.join('\n') ?? '',
        videoLinks: report?.videoLinks.join('\n') ?? '',
      }}
    >
      {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', gap: 12 }}>
        <Form.Item name="place" label="Место проведения" rules={[{ required: true, message: 'Укажите место проведения' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="format" label="Формат" rules={[{ required: true }]}>
          <Select options={optionsOf(eventFormats)} />
        </Form.Item>
        <Form.Item name="participantsCount" label="Число участников" rules={[{ required: true, message: 'Укажите число участников' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="dates" label="Сроки проведения" rules={[{ required: true, message: 'Укажите даты' }]}>
        <DatePicker.RangePicker format="DD.MM.YYYY" />
      </Form.Item>
      <Form.Item name="summary" label="Краткие итоги">
        <Input.TextArea rows={3} />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Form.Item name="mediaLinks" label="Ссылки на публикации в СМИ и на сайтах" extra="По одной в строке">
          <Input.TextArea rows={2} placeholder="https://" />
        </Form.Item>
        <Form.Item name="videoLinks" label="Ссылки на видео" extra="По одной в строке">
          <Input.TextArea rows={2} placeholder="https://" />
        </Form.Item>
      </div>
      <Form.Item label="Фотографии" extra="JPEG или PNG, до 10 МБ каждая; прежние фото сохраняются">
        <Upload accept="image/jpeg,image/png" multiple listType="picture" fileList={photos} beforeUpload={() => false} onChange={({ fileList }) => setPhotos(fileList)}>
          <Button icon={<UploadOutlined />}>Добавить фото</Button>
        </Upload>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {report ? 'Сохранить отчёт' : 'Подать отчёт'}
        </Button>
        <Button onClick={onDone}>Отмена</Button>
      </Space>
    </Form>
  );
}

function Report({ event }: { event: EventDetail }) {
  const [editing, setEditing] = useState(false);
  const started = new Date(event.startsAt).getTime() <= Date.now();
  const r = event.report;
  return (
    <Card
      title="Отчёт о проведении"
      extra={event.canEdit && started && !editing && <Button onClick={() => setEditing(true)}>{r ? 'Исправить отчёт' : 'Подать отчёт'}</Button>}
    >
      {editing ? (
        <ReportForm event={event} onDone={() => setEditing(false)} />
      ) : r ? (
        <Flex vertical gap={12} data-testid="event-report">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'place', label: 'Место проведения', children: r.place },
              { key: 'dates', label: 'Сроки', children: r.startsOn === r.endsOn ? formatDate(r.startsOn) : `${formatDate(r.startsOn)} – ${formatDate(r.endsOn)}` },
              { key: 'format', label: 'Формат', children: eventFormats[r.format] },
              { key: 'count', label: 'Число участников', children: r.participantsCount },
              { key: 'summary', label: 'Итоги', span: 2, children: r.summary ?? '—' },
              {
                key: 'media',
                label: 'Публикации',
                span: 2,
                children: r.mediaLinks.length ? r.mediaLinks.map((l) => <div key={l}><a href={l} target="_blank" rel="noreferrer">{l}</a></div>) : '—',
              },
              { key: 'video', label: 'Видео', span: 2, children: r.videoLinks.length ? r.videoLinks.map((l) => <div key={l}><a href={l} target="_blank" rel="noreferrer">{l}</a></div>) : '—' },
            ]}
          />
          {r.photos.length > 0 && (
            <Image.PreviewGroup>
              <Flex gap={8} wrap>
                {r.photos.map((p) => (
                  <Image key={p.id} width={160} height={110} style={{ objectFit: 'cover' }} src={`/api/events/${event.id}/report/photos/${p.id}`} alt={p.name} />
                ))}
              </Flex>
            </Image.PreviewGroup>
          )}
        </Flex>
      ) : (
        <Empty description={started ? 'Отчёт ещё не подан' : 'Отчёт подаётся после проведения мероприятия'} />
      )}
    </Card>
  );
}

export function EventPage() {
  const { id } = useParams();
  const url = `/api/events/${id}`;
  const { data: e, error, refetch } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<EventDetail>(url, signal) });
  if (error) return <ErrorAlert error={error} onRetry={() => refetch()} />;
  if (!e) return <Card loading />;
  return (
    <>
      <PageHeader
        title={e.title}
        trail={[{ title: 'Календарь мероприятий', to: '/events' }]}
        subtitle={
          <Space wrap>
            <Tag color={levelColors[e.level]}>{eventLevels[e.level]} уровень</Tag>
            <Tag>{eventKinds[e.kind]}</Tag>
            <Tag>{eventFormats[e.format]}</Tag>
            {e.cancelled && <Tag color="red">Отменено</Tag>}
          </Space>
        }
        extra={<RegisterButton event={e} />}
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'when', label: 'Когда', children: eventWhen(e.startsAt, e.endsAt) },
              { key: 'org', label: 'Организатор', children: e.organizerName },
              { key: 'place', label: 'Место', children: e.place ?? '—' },
              { key: 'url', label: 'Подключение', children: e.onlineUrl ? <a href={e.onlineUrl} target="_blank" rel="noreferrer">{e.onlineUrl}</a> : '—' },
              { key: 'aud', label: 'Участники', children: e.audience ?? '—' },
              { key: 'seats', label: 'Места', children: e.capacity === null ? `без ограничения (зарегистрировано ${e.registered})` : `${e.registered} из ${e.capacity}${e.waitlisted ? `, в листе ожидания ${e.waitlisted}` : ''}` },
              { key: 'desc', label: 'Описание', span: 2, children: e.description ?? '—' },
            ]}
          />
        </Card>
        <Registrations event={e} />
        <Report event={e} />
      </Flex>
    </>
  );
}
