// The editor of one data form: its fields with types and validation rules. While the campaign is a
// project the running body edits it; afterwards the form is shown read-only.
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { checkFormFields, fieldTypes, prefillSources, type DataFormField } from '../../../../common/monitoring';
import { useMonitoringWrite } from './queries';
import type { Campaign, DataForm } from './types';

const typeOptions = Object.entries(fieldTypes).map(([value, label]) => ({ value, label }));
const prefillOptions = Object.entries(prefillSources).map(([value, label]) => ({ value, label }));

function rulesOf(f: DataFormField): string {
  const parts: string[] = [];
  if (f.required) parts.push('обязательное');
  if (f.min != null) parts.push(`от ${f.min}`);
  if (f.max != null) parts.push(`до ${f.max}`);
  if (f.options?.length) parts.push(`варианты: ${f.options.join(', ')}`);
  return parts.join('; ') || '—';
}

export function FieldsTable({ fields }: { fields: DataFormField[] }) {
  return (
    <Table<DataFormField>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={fields}
      columns={[
        { title: 'Поле', dataIndex: 'label' },
        { title: 'Код', dataIndex: 'key', width: 160 },
        { title: 'Тип', key: 'type', width: 150, render: (_v, f) => fieldTypes[f.type] },
        { title: 'Правила', key: 'rules', render: (_v, f) => rulesOf(f) },
        { title: 'Из системы', key: 'prefill', render: (_v, f) => (f.prefill ? <Tag color="blue">{prefillSources[f.prefill]}</Tag> : '—') },
      ]}
    />
  );
}

interface Values {
  title: string;
  fields: (Omit<DataFormField, 'options'> & { options?: string[] })[];
}

const emptyField = { key: '', label: '', type: 'number', required: true } as const;

export function FormEditor({ campaign, form: dataForm, onDone }: { campaign: Campaign; form?: DataForm; onDone?: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const write = useMonitoringWrite<Campaign>();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: Values) => {
      const fields = v.fields.map((f) => ({
        ...f,
        key: f.key.trim(),
        label: f.label.trim(),
        min: f.min ?? null,
        max: f.max ?? null,
        options: f.type === 'choice' ? (f.options ?? []) : null,
        prefill: f.prefill ?? null,
      }));
      const body = { title: v.title.trim(), fields };
      return write.mutateAsync(() =>
        dataForm ? api.put<Campaign>(`/api/monitoring/forms/${dataForm.id}`, { ...body, version: dataForm.version }) : api.post<Campaign>(`/api/monitoring/campaigns/${campaign.id}/forms`, body),
      );
    },
    () => {
      message.success('Форма сохранена');
      if (!dataForm) form.resetFields();
      onDone?.();
    },
  );
  const remove = useMonitoringWrite<Campaign>();
  return (
    <Card
      size="small"
      title={dataForm ? dataForm.title : 'Новая форма'}
      extra={
        dataForm && (
          <Popconfirm title="Удалить форму?" okText="Удалить" cancelText="Отмена" onConfirm={() => remove.mutateAsync(() => api.delete<Campaign>(`/api/monitoring/forms/${dataForm.id}`))}>
            <Button danger icon={<DeleteOutlined />}>
              Удалить форму
            </Button>
          </Popconfirm>
        )
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={dataForm ? { title: dataForm.title, fields: dataForm.fields.map((f) => ({ ...f, options: f.options ?? undefined })) } : { title: '', fields: [emptyField] }}
      >
        <Form.Item label="Название формы" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите название формы' }]}>
          <Input placeholder="Сведения образовательной организации" />
        </Form.Item>
        <Form.List
          name="fields"
          rules={[
            {
              validator: async (_r, fields: Values['fields']) => {
                const issue = checkFormFields((fields ?? []).map((f) => ({ ...f, key: f?.key ?? '', options: f?.options ?? null })) as DataFormField[])[0];
                if (issue) throw new Error(`Поле ${Number(issue.field.split('.')[1]) + 1}: ${issue.message}`);
              },
            },
          ]}
        >
          {(fields, { add, remove: removeField }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" type="inner" title={`Поле ${i + 1}`} extra={<Button size="small" icon={<DeleteOutlined />} aria-label={`Удалить поле ${i + 1}`} onClick={() => removeField(f.name)} />}>
                  <Flex gap={8} wrap>
                    <Form.Item label="Название" name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: 'Укажите название поля' }]} style={{ flex: '2 1 260px' }}>
                      <Input />
                    </Form.Item>
                    <Form.Item label="Код" name={[f.name, 'key']} rules={[{ required: true, message: 'Укажите код' }, { pattern: /^[a-z][a-z0-9_]{0,49}$/, message: 'Латиница, цифры и «_»' }]} style={{ width: 170 }}>
                      <Input placeholder="staff_total" />
                    </Form.Item>
                    <Form.Item label="Тип" name={[f.name, 'type']} style={{ width: 170 }}>
                      <Select options={typeOptions} />
                    </Form.Item>
                    <Form.Item label="Обязательное" name={[f.name, 'required']} valuePropName="checked" style={{ width: 120 }}>
                      <Checkbox />
                    </Form.Item>
                  </Flex>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['fields', f.name, 'type']);
                      return (
                        <Flex gap={8} wrap>
                          {['number', 'percent', 'text'].includes(type) && (
                            <>
                              <Form.Item label={type === 'text' ? 'Мин. длина' : 'Минимум'} name={[f.name, 'min']} style={{ width: 130 }}>
                                <InputNumber style={{ width: '100%' }} />
                              </Form.Item>
                              <Form.Item label={type === 'text' ? 'Макс. длина' : 'Максимум'} name={[f.name, 'max']} style={{ width: 130 }}>
                                <InputNumber style={{ width: '100%' }} />
                              </Form.Item>
                            </>
                          )}
                          {type === 'choice' && (
                            <Form.Item label="Варианты" name={[f.name, 'options']} style={{ flex: '1 1 300px' }} extra="Введите вариант и нажмите Enter">
                              <Select mode="tags" open={false} />
                            </Form.Item>
                          )}
                          {['number', 'percent'].includes(type) && (
                            <Form.Item label="Заполнять из системы" name={[f.name, 'prefill']} style={{ flex: '1 1 300px' }}>
                              <Select allowClear options={prefillOptions} placeholder="Не заполнять" />
                            </Form.Item>
                          )}
                        </Flex>
                      );
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ ...emptyField })} style={{ width: 'fit-content' }}>
                Добавить поле
              </Button>
            </Flex>
          )}
        </Form.List>
        {error !== null && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} extra={unmatched} />
          </div>
        )}
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            Сохранить форму
          </Button>
          {!dataForm && <Typography.Text type="secondary">Поля можно менять, пока сбор не начат</Typography.Text>}
        </Flex>
      </Form>
    </Card>
  );
}
