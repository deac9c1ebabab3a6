// A new event: level, kind, format, organizer, Moscow date and time, place or link, seats.
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, TimePicker } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { useFormSubmit, blankToNull } from '../../app/useFormSubmit';
import { ErrorAlert } from '../../app/ErrorAlert';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { eventFormats, eventKinds, eventLevels, moscowIso, optionsOf } from './labels';
import type { EventDetail } from './types';

interface Values {
  title: string;
  level: string;
  kind: string;
  format: string;
  organizerOrganizationId: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  place?: string;
  onlineUrl?: string;
  audience?: string;
  capacity?: number;
  description?: string;
}

export function EventFormModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const format = Form.useWatch('format', form);
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    ({ date, time, ...v }: Values) =>
      api.post<EventDetail>('/api/events', {
        ...blankToNull(v),
        startsAt: moscowIso(date.format('YYYY-MM-DD'), time[0].format('HH:mm')),
        endsAt: moscowIso(date.format('YYYY-MM-DD'), time[1].format('HH:mm')),
      }),
    async (e) => {
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/events') });
      navigate(`/events/${e.id}`);
    },
  );
  return (
    <Modal open title="Новое мероприятие" okText="Создать" cancelText="Отмена" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} width={680}>
      {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="Дата и время указываются по московскому времени." />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ level: 'municipal', format: 'in_person', kind: 'seminar' }}>
        <Form.Item name="title" label="Название" rules={[{ required: true, min: 3, message: 'Укажите название (не короче 3 символов)' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="organizerOrganizationId" label="Организатор" rules={[{ required: true, message: 'Выберите организацию-организатора' }]}>
          <OrganizationSelect aria-label="Организатор" placeholder="Начните вводить название" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 12 }}>
          <Form.Item name="level" label="Уровень" rules={[{ required: true }]}>
            <Select options={optionsOf(eventLevels)} />
          </Form.Item>
          <Form.Item name="kind" label="Вид" rules={[{ required: true }]}>
            <Select options={optionsOf(eventKinds)} />
          </Form.Item>
          <Form.Item name="format" label="Формат" rules={[{ required: true }]}>
            <Select options={optionsOf(eventFormats)} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="date" label="Дата" rules={[{ required: true, message: 'Укажите дату' }]}>
            <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="time" label="Время (МСК)" rules={[{ required: true, message: 'Укажите начало и окончание' }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} placeholder={['Начало', 'Окончание']} />
          </Form.Item>
        </div>
        {format !== 'online' && (
          <Form.Item name="place" label="Место проведения" rules={[{ required: true, message: 'Укажите место проведения' }]}>
            <Input />
          </Form.Item>
        )}
        {format !== 'in_person' && (
          <Form.Item name="onlineUrl" label="Ссылка для подключения" rules={[{ type: 'url', message: 'Некорректная ссылка' }]}>
            <Input placeholder="https://" />
          </Form.Item>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 12 }}>
          <Form.Item name="audience" label="Категория участников">
            <Input placeholder="Например, учителя математики" />
          </Form.Item>
          <Form.Item name="capacity" label="Количество мест" extra="Пусто — без ограничения">
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="description" label="Описание">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
