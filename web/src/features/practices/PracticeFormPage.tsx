// «Подать практику»: the description, the authors (the user and co-authors from anywhere),
// the organization it comes from, and the materials. The files go up after the practice is made.
import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Flex, Form, Input, Radio, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useMe } from '../../app/auth';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useMyWorkplaces } from '../staff/queries';
import { subjects } from '../../../../common/dictionaries';
import { practiceKinds, practiceLevels } from '../../../../common/practices';
import { enumOptions } from './PracticeTags';
import { practiceApi, uploadPracticeFiles } from './queries';

interface Values {
  title: string;
  kind: string;
  subject?: string;
  level: string;
  description: string;
  results?: string;
  keywords?: string[];
  organizationId: string;
  meAuthor: boolean;
  coauthors?: { fullName: string; organizationName: string }[];
}

export function PracticeFormPage() {
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const workplaces = useMyWorkplaces(me.staffId);
  const ownOrg = me.roles.find((r) => r.organizationId)?.organizationId ?? workplaces[0]?.organizationId;
  const known = workplaces.map((w) => ({ value: w.organizationId, label: w.organizationName }));
  // the workplaces arrive after the first render: offer the first one once it is known
  useEffect(() => {
    if (ownOrg && !form.getFieldValue('organizationId')) form.setFieldValue('organizationId', ownOrg);
  }, [form, ownOrg]);

  const { submit, saving, error, unmatched } = useFormSubmit<Values, string>(
    form,
    async (v) => {
      const authors = [...(v.meAuthor && me.staffId ? [{ staffId: me.staffId }] : []), ...(v.coauthors ?? []).filter((a) => a?.fullName)];
      const created = await practiceApi.create({
        title: v.title,
        kind: v.kind,
        subject: v.subject ?? null,
        level: v.level,
        description: v.description,
        results: v.results || null,
        keywords: v.keywords ?? [],
        organizationId: v.organizationId,
        authors,
      });
      const chosen = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      if (chosen.length) await uploadPracticeFiles(created.id, chosen);
      return created.id;
    },
    (id) => {
      void client.invalidateQueries({ queryKey: ['/api/practices'] });
      navigate(`/practices/${id}`);
    },
  );

  return (
    <>
      <PageHeader title="Подать практику" trail={[{ title: 'Банк практик', to: '/practices' }]} subtitle="После подачи администратор региона назначит экспертов; результат экспертизы появится в карточке практики" />
      <Card style={{ maxWidth: 960 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'pedagogical', level: 'basic', meAuthor: !!me.staffId, organizationId: ownOrg, coauthors: [] }}
          requiredMark="optional"
        >
          <Form.Item name="title" label="Название практики" rules={[{ required: true, message: 'Укажите название' }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="kind" label="Вид практики" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={enumOptions(practiceKinds)} />
            </Form.Item>
            <Form.Item name="level" label="Уровень образования" rules={[{ required: true, message: 'Выберите уровень' }]} style={{ minWidth: 320 }}>
              <Select options={enumOptions(practiceLevels)} />
            </Form.Item>
            <Form.Item name="subject" label="Предмет" style={{ minWidth: 240 }}>
              <Select allowClear showSearch placeholder="Если практика предметная" options={subjects.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="organizationId" label="Организация, от которой подаётся практика" rules={[{ required: true, message: 'Выберите организацию' }]}>
            <OrganizationSelect known={known} placeholder="Начните вводить название" aria-label="Организация" />
          </Form.Item>
          <Form.Item name="description" label="Описание" extra="Цель, этапы, формы и методы, ресурсы, условия переноса в другие организации" rules={[{ required: true, message: 'Опишите практику' }]}>
            <Input.TextArea rows={6} maxLength={20000} showCount />
          </Form.Item>
          <Form.Item name="results" label="Результаты и эффекты">
            <Input.TextArea rows={3} maxLength={10000} />
          </Form.Item>
          <Form.Item name="keywords" label="Ключевые слова" extra="Введите слово и нажмите Enter">
            <Select mode="tags" tokenSeparators={[',']} open={false} aria-label="Ключевые слова" />
          </Form.Item>

          <Typography.Title level={5}>Авторы</Typography.Title>
          {me.staffId && (
            <Form.Item name="meAuthor" valuePropName="checked">
              <Checkbox>Я — автор практики ({me.displayName})</Checkbox>
            </Form.Item>
          )}
          <Form.List name="coauthors">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item name={[field.name, 'fullName']} rules={[{ required: true, message: 'ФИО автора' }]} style={{ marginBottom: 0 }}>
                      <Input placeholder="Фамилия Имя Отчество" aria-label="ФИО соавтора" style={{ width: 300 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'organizationName']} rules={[{ required: true, message: 'Организация автора' }]} style={{ marginBottom: 0 }}>
                      <Input placeholder="Организация" aria-label="Организация соавтора" style={{ width: 320 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label="Убрать соавтора" onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ fullName: '', organizationName: '' })} style={{ alignSelf: 'flex-start' }}>
                  Добавить соавтора
                </Button>
              </Flex>
            )}
          </Form.List>

          <Form.Item label="Материалы практики" extra="PDF, DOCX, XLSX, JPEG, PNG — до 10 файлов по 10 МБ">
            <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<UploadOutlined />}>Выбрать файлы</Button>
            </Upload>
          </Form.Item>
          {error ? <ErrorAlert error={error} extra={unmatched} /> : null}
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              Подать практику
            </Button>
            <Button onClick={() => navigate('/practices')}>Отмена</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
