// Pairs an administrator sets up by hand (any form, not only young specialists): the mentee and the
// mentor are found by name among the people the administrator sees.
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, queryString, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import { errorMessage } from '../../app/ErrorAlert';
import { fullName } from '../../app/format';
import type { StaffListItem } from '../staff/types';
import { formNames } from './labels';
import { useCreatePair } from './queries';
import type { Mentorship } from './types';

function PersonSelect(props: { value?: string; onChange?: (v: string) => void; 'aria-label': string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['/api/staff', 'select', q],
    queryFn: ({ signal }) => api.get<Page<StaffListItem>>(`/api/staff${queryString({ q, limit: 20 })}`, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      {...props}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={isFetching}
      placeholder="Начните вводить фамилию"
      notFoundContent={q.length < 2 ? 'Введите не менее 2 букв' : 'Никого не найдено'}
      options={(data?.items ?? []).map((p) => ({ value: p.id, label: `${fullName(p)} — ${p.positions.map((x) => x.organizationName).join(', ')}` }))}
    />
  );
}

interface Values {
  menteeStaffId: string;
  mentorStaffId: string;
  form: Mentorship['form'];
  startsOn: Dayjs;
  plan?: string;
}

export function NewPairButton() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const create = useCreatePair();
  const { message } = App.useApp();
  const save = (v: Values) =>
    create.mutate(
      { menteeStaffId: v.menteeStaffId, mentorStaffId: v.mentorStaffId, form: v.form, startsOn: v.startsOn.format('YYYY-MM-DD'), plan: v.plan?.trim() || undefined, confirm: true },
      {
        onSuccess: () => {
          message.success('Пара закреплена');
          setOpen(false);
          form.resetFields();
        },
      },
    );
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Закрепить наставника
      </Button>
      <Modal title="Новая наставническая пара" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="Закрепить" cancelText="Отмена" confirmLoading={create.isPending} width={640}>
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ form: 'experienced_young', startsOn: dayjs() }}>
          <Form.Item name="menteeStaffId" label="Наставляемый" rules={[{ required: true, message: 'Выберите наставляемого' }]}>
            <PersonSelect aria-label="Наставляемый" />
          </Form.Item>
          <Form.Item name="mentorStaffId" label="Наставник" rules={[{ required: true, message: 'Выберите наставника' }]}>
            <PersonSelect aria-label="Наставник" />
          </Form.Item>
          <Form.Item name="form" label="Форма наставничества" rules={[{ required: true }]}>
            <Select options={Object.entries(formNames).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="startsOn" label="Начало" rules={[{ required: true, message: 'Укажите дату начала' }]}>
            <DatePicker format="DD.MM.YYYY" />
          </Form.Item>
          <Form.Item name="plan" label="Индивидуальный план">
            <Input.TextArea rows={3} placeholder="Что наставляемый осваивает и как" />
          </Form.Item>
          {create.error && <Typography.Text type="danger">{errorMessage(create.error)}</Typography.Text>}
        </Form>
      </Modal>
    </>
  );
}
