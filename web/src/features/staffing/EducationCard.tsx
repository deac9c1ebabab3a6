// A person's diplomas on their card: what the «education matches the subject» rule reads (ADR 0019).
// Administrators edit the list; everyone who reads the person sees it.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { educationLevels } from '../../../../common/dictionaries';
import type { StaffEducation } from './types';

type Item = StaffEducation['items'][number];
const levelOptions = Object.entries(educationLevels).map(([value, label]) => ({ value, label }));

export function EducationCard({ staffId, canEdit }: { staffId: string; canEdit: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['staffing', 'education', staffId];
  const { data, error, refetch, isPending } = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<StaffEducation>(`/api/staff/${staffId}/education`, signal) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ items: Item[] }>();
  const save = useMutation({
    mutationFn: (items: Item[]) => api.put<StaffEducation>(`/api/staff/${staffId}/education`, { items }),
    onSuccess: (r) => {
      qc.setQueryData(key, r);
      void qc.invalidateQueries({ queryKey: ['/api/staffing/retraining'] });
      void qc.invalidateQueries({ queryKey: ['staffing', '/api/staffing/subject-match'] });
      message.success('Сведения об образовании сохранены');
      setOpen(false);
    },
  });
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const blank = (s?: string | null) => (s?.trim() ? s.trim() : null);
  return (
    <Card
      title="Образование"
      extra={
        canEdit && (
          <Button icon={<EditOutlined />} onClick={() => (save.reset(), form.setFieldsValue({ items: data?.items ?? [] }), setOpen(true))}>
            Изменить
          </Button>
        )
      }
    >
      <Table<Item>
        size="small"
        rowKey={(r) => `${r.level}:${r.specialty}:${r.graduationYear}`}
        loading={isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Дипломы не внесены: соответствие образования предмету определяется по отметке в должности.' }}
        columns={[
          { title: 'Уровень', dataIndex: 'level', width: 240, render: (l: Item['level']) => educationLevels[l] },
          { title: 'Специальность (направление, программа)', dataIndex: 'specialty' },
          { title: 'Квалификация', dataIndex: 'qualification', render: (q: string | null) => q ?? '—' },
          { title: 'Организация', dataIndex: 'institution', render: (q: string | null) => q ?? '—' },
          { title: 'Год окончания', dataIndex: 'graduationYear', width: 130, render: (y: number | null) => y ?? '—' },
        ]}
      />
      <Modal open={open} width={1080} title="Образование" okText="Сохранить" cancelText="Отмена" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Typography.Paragraph type="secondary">
          Предмет считается подтверждённым, если специальность или квалификация содержит его профиль (например, «Педагогическое образование (профиль «Математика»)» подтверждает математику,
          алгебру и геометрию).
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate((v.items ?? []).map((i) => ({ ...i, institution: blank(i.institution), qualification: blank(i.qualification), specialty: i.specialty.trim(), graduationYear: i.graduationYear ?? null })))}
        >
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: 'Уровень' }]} style={{ width: 200, flex: 'none', marginBottom: 0 }}>
                      <Select options={levelOptions} aria-label={`Диплом ${i + 1}: уровень`} placeholder="Уровень" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'specialty']} rules={[{ required: true, whitespace: true, message: 'Укажите специальность' }, { min: 2 }, { max: 500 }]} style={{ flex: '1 1 220px', marginBottom: 0 }}>
                      <Input aria-label={`Диплом ${i + 1}: специальность`} placeholder="Специальность" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'qualification']} rules={[{ max: 500 }]} style={{ width: 150, flex: 'none', marginBottom: 0 }}>
                      <Input aria-label={`Диплом ${i + 1}: квалификация`} placeholder="Квалификация" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'institution']} rules={[{ max: 500 }]} style={{ width: 200, flex: 'none', marginBottom: 0 }}>
                      <Input aria-label={`Диплом ${i + 1}: организация`} placeholder="Образовательная организация" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'graduationYear']} style={{ width: 90, flex: 'none', marginBottom: 0 }}>
                      <InputNumber aria-label={`Диплом ${i + 1}: год окончания`} placeholder="Год" min={1940} max={new Date().getFullYear()} precision={0} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={`Удалить диплом ${i + 1}`} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ level: 'higher' })} style={{ width: 'fit-content' }}>
                  Добавить диплом
                </Button>
              </Flex>
            )}
          </Form.List>
          {save.error && (
            <div style={{ marginTop: 12 }}>
              <ErrorAlert error={save.error} />
            </div>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
