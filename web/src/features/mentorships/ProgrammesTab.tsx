// Organizations' mentoring programmes with their documents (положение, программа, дорожная карта).
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useKeysetList } from '../../app/useKeysetList';
import { counted, formatDate } from '../../app/format';
import { errorMessage } from '../../app/ErrorAlert';
import { useAuth } from '../../app/auth';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { documentKindNames } from './labels';
import type { MentoringProgramme } from './types';

function NewProgrammeButton({ onSaved }: { onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ organizationId: string; title: string; period: [Dayjs, Dayjs] }>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { organizationId: string; title: string; period: [Dayjs, Dayjs] }) =>
      api.post<MentoringProgramme>('/api/mentorships/programmes', { organizationId: v.organizationId, title: v.title, periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success('Программа наставничества создана');
      setOpen(false);
      form.resetFields();
      onSaved();
    },
  });
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Добавить программу
      </Button>
      <Modal title="Программа наставничества" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="Создать" cancelText="Отмена" confirmLoading={save.isPending}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="organizationId" label="Организация" rules={[{ required: true, message: 'Выберите организацию' }]}>
            <OrganizationSelect placeholder="Начните вводить наименование" />
          </Form.Item>
          <Form.Item name="title" label="Наименование" rules={[{ required: true, min: 3, message: 'Укажите наименование (не короче 3 символов)' }]}>
            <Input placeholder="Программа наставничества на 2026–2028 годы" />
          </Form.Item>
          <Form.Item name="period" label="Срок реализации" rules={[{ required: true, message: 'Укажите срок' }]}>
            <DatePicker.RangePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
          </Form.Item>
          {save.error && <Typography.Text type="danger">{errorMessage(save.error)}</Typography.Text>}
        </Form>
      </Modal>
    </>
  );
}

function AddDocumentButton({ programme, onSaved }: { programme: MentoringProgramme; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ kind: string; title: string; file: { originFileObj: File }[] }>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { kind: string; title: string; file: { originFileObj: File }[] }) => {
      const data = new FormData();
      data.append('kind', v.kind);
      data.append('title', v.title);
      data.append('file', v.file[0].originFileObj);
      return uploadForm<MentoringProgramme>(`/api/mentorships/programmes/${programme.id}/documents`, data);
    },
    onSuccess: () => {
      message.success('Документ приложен');
      setOpen(false);
      form.resetFields();
      onSaved();
    },
  });
  return (
    <>
      <Button size="small" icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        Приложить документ
      </Button>
      <Modal title={`Документ: ${programme.title}`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="Приложить" cancelText="Отмена" confirmLoading={save.isPending}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'regulation' }}>
          <Form.Item name="kind" label="Вид документа" rules={[{ required: true }]}>
            <Select options={Object.entries(documentKindNames).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="Название" rules={[{ required: true, min: 3, message: 'Укажите название (не короче 3 символов)' }]}>
            <Input placeholder="Положение о наставничестве" />
          </Form.Item>
          <Form.Item name="file" label="Файл (PDF, DOCX, XLSX, JPEG, PNG, до 10 МБ)" valuePropName="fileList" getValueFromEvent={(e) => e?.fileList?.slice(-1)} rules={[{ required: true, message: 'Выберите файл' }]}>
            <Upload beforeUpload={() => false} maxCount={1}>
              <Button icon={<UploadOutlined />}>Выбрать файл</Button>
            </Upload>
          </Form.Item>
          {save.error && <Typography.Text type="danger">{errorMessage(save.error)}</Typography.Text>}
        </Form>
      </Modal>
    </>
  );
}

export function ProgrammesTab() {
  const { can } = useAuth();
  const list = useKeysetList<MentoringProgramme>('/api/mentorships/programmes', {});
  return (
    <Flex vertical gap={8}>
      {can.isAdmin && (
        <Flex justify="flex-end">
          <NewProgrammeButton onSaved={list.refetch} />
        </Flex>
      )}
      <PagedTable<MentoringProgramme>
        list={list}
        rowKey="id"
        totalLabel={(n) => `Найдено: ${counted(n, ['программа', 'программы', 'программ'])}`}
        empty="Программ наставничества пока нет. Добавьте программу организации и приложите положение."
        columns={[
          { title: 'Организация', key: 'org', width: 220, render: (_, p) => p.organization.name },
          { title: 'Программа', dataIndex: 'title' },
          { title: 'Срок', key: 'period', width: 200, render: (_, p) => `${formatDate(p.periodFrom)} – ${formatDate(p.periodTo)}` },
          { title: 'Куратор', key: 'curator', width: 200, render: (_, p) => p.curator?.fullName ?? '—' },
          { title: 'Пар', dataIndex: 'pairCount', width: 70 },
          {
            title: 'Документы',
            key: 'docs',
            width: 300,
            render: (_, p) => (
              <Space direction="vertical" size={4}>
                {p.documents.map((d) => (
                  <DownloadButton key={d.id} size="small" type="link" url={`/api/mentorships/programmes/${p.id}/documents/${d.id}`} fileName={d.fileName}>
                    {documentKindNames[d.kind]}: {d.title}
                  </DownloadButton>
                ))}
                {!p.documents.length && <Typography.Text type="secondary">Документов нет</Typography.Text>}
                {p.canEdit && <AddDocumentButton programme={p} onSaved={list.refetch} />}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
