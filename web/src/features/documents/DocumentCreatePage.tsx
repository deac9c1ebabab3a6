// A new document: its details, the issuer, the parties of an agreement and the file. It is saved as a
// draft; approval and coming into force are done on its card.
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Progress, Select, Space, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { kindOptions, levelOptions } from './labels';
import { attachFile, documentKey, useCreateDocument } from './queries';
import { useDefaultOwner } from './useDefaultOwner';
import type { DocumentInput } from './types';

interface Values {
  kind: DocumentInput['kind'];
  title: string;
  number?: string;
  docDate?: Dayjs;
  validFrom?: Dayjs;
  ownerOrganizationId: string;
  level?: DocumentInput['level'];
  summary?: string;
  parties?: { organizationId?: string; name?: string }[];
  file?: UploadFile[];
}

const accept = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const MAX_BYTES = 20 * 1024 * 1024;
const iso = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : null);

export function DocumentCreatePage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const owner = useDefaultOwner();
  const create = useCreateDocument();
  const qc = useQueryClient();
  const [percent, setPercent] = useState<number | null>(null);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (owner && !form.getFieldValue('ownerOrganizationId')) form.setFieldValue('ownerOrganizationId', owner.value);
  }, [owner, form]);

  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    async (v: Values) => {
      const input: DocumentInput = {
        kind: v.kind,
        title: v.title.trim(),
        number: v.number?.trim() || null,
        docDate: iso(v.docDate),
        validFrom: iso(v.validFrom),
        ownerOrganizationId: v.ownerOrganizationId,
        level: v.level,
        summary: v.summary?.trim() || null,
        parties: v.kind === 'agreement' ? (v.parties ?? []).map((p) => ({ organizationId: p.organizationId ?? null, name: p.name?.trim() || null })) : undefined,
      };
      const created = await create.mutateAsync({ input });
      const file = v.file?.[0]?.originFileObj as File | undefined;
      if (!file) return created;
      setPercent(0);
      try {
        return await attachFile(created.id, file, setPercent);
      } catch (err) {
        // the document is saved; the file can be attached again on its card
        message.error('Документ сохранён, но файл не принят: приложите его на карточке документа');
        navigate(`/documents/${created.id}`);
        throw err;
      } finally {
        setPercent(null);
      }
    },
    (doc) => {
      // the card opens with the file attached after the create answered
      qc.setQueryData(documentKey(doc.id), doc);
      message.success('Документ сохранён как проект');
      navigate(`/documents/${doc.id}`);
    },
  );

  return (
    <>
      <PageHeader title="Новый документ" trail={[{ title: 'Документы', to: '/documents' }]} subtitle="Документ сохраняется как проект; утвердить и ввести его в действие можно на карточке" />
      <Card>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'local_act', parties: [{}, {}] }} style={{ maxWidth: 860 }}>
          <Flex gap={16} wrap>
            <Form.Item label="Вид документа" name="kind" rules={[{ required: true, message: 'Выберите вид документа' }]} style={{ width: 240 }}>
              <Select options={kindOptions} />
            </Form.Item>
            <Form.Item label="Номер" name="number" rules={[{ max: 100, message: 'Не длиннее 100 символов' }]} style={{ width: 160 }}>
              <Input placeholder="12-о" />
            </Form.Item>
            <Form.Item label="Дата документа" name="docDate" style={{ width: 180 }}>
              <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="Вступает в силу" name="validFrom" style={{ width: 180 }}>
              <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item label="Наименование" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите наименование документа' }, { min: 3, message: 'Не короче 3 символов' }, { max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="О назначении ответственного за научно-методическое сопровождение педагогических работников" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item label="Издал (организация)" name="ownerOrganizationId" rules={[{ required: true, message: 'Выберите организацию, издавшую документ' }]} style={{ flex: '1 1 360px' }} extra="Организация, которую вы администрируете">
              <OrganizationSelect placeholder="Начните вводить наименование" known={owner ? [owner] : []} />
            </Form.Item>
            <Form.Item label="Уровень" name="level" style={{ width: 220 }} extra="По умолчанию — по издателю">
              <Select allowClear placeholder="По издателю" options={levelOptions} />
            </Form.Item>
          </Flex>
          {kind === 'agreement' && (
            <Form.Item label="Стороны соглашения" required extra="Организация из реестра или наименование стороны (например, федеральной организации); для утверждения нужно не менее двух сторон">
              <Form.List name="parties">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {fields.map((f, i) => (
                      <Space.Compact key={f.key} style={{ width: '100%' }}>
                        <Form.Item name={[f.name, 'organizationId']} noStyle>
                          <OrganizationSelect allowClear placeholder={`Сторона ${i + 1}: организация из реестра`} style={{ width: '50%' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} noStyle>
                          <Input placeholder="или наименование стороны" aria-label={`Сторона ${i + 1}: наименование`} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={`Удалить сторону ${i + 1}`} onClick={() => remove(f.name)} />
                      </Space.Compact>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 'fit-content' }}>
                      Добавить сторону
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
          )}
          <Form.Item label="Краткое содержание" name="summary" rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Form.Item
            label="Файл документа"
            name="file"
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            extra="PDF, JPEG, PNG, DOCX, XLSX; до 20 МБ"
            rules={[
              {
                validator: async (_r, list?: UploadFile[]) => {
                  if ((list?.[0]?.size ?? 0) > MAX_BYTES) throw new Error('Файл больше 20 МБ');
                },
              },
            ]}
          >
            <Upload accept={accept} maxCount={1} beforeUpload={() => false}>
              <Button icon={<UploadOutlined />}>Выбрать файл</Button>
            </Upload>
          </Form.Item>
          {percent !== null && <Progress percent={percent} size="small" aria-label="Передача файла" style={{ maxWidth: 420 }} />}
          {error !== null && (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={error} extra={unmatched} />
            </div>
          )}
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            Сохранить проект
          </Button>
        </Form>
      </Card>
    </>
  );
}
