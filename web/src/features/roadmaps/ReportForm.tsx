// «Отчёт об исполнении» by an organization that executes the activity: what was done, links or
// details of documents, evidence files; optionally it closes a control date.
import { useState } from 'react';
import { App, Button, Checkbox, Flex, Form, Input, Progress, Select, Upload, type UploadFile } from 'antd';
import { SendOutlined, UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { formatWindow, statusLabels } from './labels';
import { useCreateReport } from './queries';
import type { ActivityCard } from './types';

interface Values {
  organizationId: string;
  occurrenceId?: string;
  text: string;
  links?: string;
  files?: UploadFile[];
  completes?: boolean;
}

const MAX_FILES = 10;
const MAX_BYTES = 10 * 1024 * 1024;
const accept = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

export function ReportForm({ activity }: { activity: ActivityCard }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [percent, setPercent] = useState<number | null>(null);
  const create = useCreateReport(activity.id);
  const open = activity.occurrences.filter((o) => o.status !== 'done' && o.status !== 'not_applicable');
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    async (v: Values) => {
      setPercent(v.files?.length ? 0 : null);
      try {
        return await create.mutateAsync({
          input: {
            organizationId: v.organizationId,
            occurrenceId: v.occurrenceId,
            text: v.text.trim(),
            links: v.links ?? '',
            completes: v.completes ?? false,
            files: (v.files ?? []).map((f) => f.originFileObj as File),
          },
          onProgress: setPercent,
        });
      } finally {
        setPercent(null);
      }
    },
    () => {
      message.success('Отчёт отправлен');
      form.resetFields();
    },
  );
  const orgs = activity.reportingOrganizations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ organizationId: orgs[0]?.value, completes: false }} style={{ maxWidth: 820 }}>
      <Form.Item label="От имени организации" name="organizationId" rules={[{ required: true, message: 'Выберите организацию' }]} hidden={orgs.length === 1} extra={orgs.length > 1 ? 'Организации, которые вы администрируете и которым адресовано мероприятие' : undefined}>
        <Select options={orgs} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item label="Что сделано" name="text" rules={[{ required: true, whitespace: true, message: 'Опишите, что сделано' }, { max: 10000, message: 'Не длиннее 10 000 символов' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder="Например: утверждено положение о муниципальной методической службе (приказ от 12.09.2021 № 45)" />
      </Form.Item>
      <Form.Item label="Ссылки и реквизиты документов" name="links" extra="По одной в строке, не больше 20">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder="https://… или «Приказ от 12.09.2021 № 45»" />
      </Form.Item>
      <Form.Item
        label="Подтверждающие файлы"
        name="files"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        extra={`PDF, JPEG, PNG, DOCX, XLSX; до ${MAX_FILES} файлов по 10 МБ`}
        rules={[
          {
            validator: async (_r, list?: UploadFile[]) => {
              if ((list?.length ?? 0) > MAX_FILES) throw new Error(`Не больше ${MAX_FILES} файлов`);
              const big = list?.find((f) => (f.size ?? 0) > MAX_BYTES);
              if (big) throw new Error(`Файл «${big.name}» больше 10 МБ`);
            },
          },
        ]}
      >
        {/* files go with the report, not one by one */}
        <Upload multiple accept={accept} beforeUpload={() => false}>
          <Button icon={<UploadOutlined />}>Выбрать файлы</Button>
        </Upload>
      </Form.Item>
      <Form.Item name="completes" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox disabled={open.length === 0}>
          {open.length ? 'Мероприятие исполнено — отметить контрольный срок выполненным' : 'Все контрольные сроки закрыты: отчёт будет без отметки исполнения'}
        </Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={['completes']}>
        {({ getFieldValue }) =>
          getFieldValue('completes') && (
            <Form.Item label="Какой срок" name="occurrenceId" extra="Если не выбрать — ближайший незакрытый">
              <Select
                allowClear
                placeholder="Ближайший незакрытый"
                options={open.map((o) => ({ value: o.id, label: `${formatWindow(o)} — ${statusLabels[o.status].toLowerCase()}` }))}
                style={{ maxWidth: 420 }}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      {percent !== null && <Progress percent={percent} size="small" aria-label="Передача файлов" style={{ maxWidth: 420 }} />}
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} extra={unmatched} />
        </div>
      )}
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving}>
          Отправить отчёт
        </Button>
      </Flex>
    </Form>
  );
}
