// «Новая диагностика»: the organiser, target group, windows and the competencies measured, each
// with its deficit threshold (no official cut-off exists, so every procedure sets its own).
import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { staffCategories } from '../../../../common/dictionaries';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useCompetencyOptions } from '../programs/ProgramListPage';
import { toolOptions } from './labels';
import type { AssessmentDto } from '../../../../server/modules/assessments/assessments.api';

interface Values {
  title: string;
  tool: AssessmentDto['tool'];
  organizerOrganizationId: string;
  targetStaffCategory?: 'pedagogical' | 'managerial' | null;
  targetLowResultsSchools?: boolean;
  targetDescription?: string;
  windows: { range: [Dayjs, Dayjs] }[];
  competencies: { competencyId: string; threshold: number }[];
}

export function AssessmentCreateButton() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const competencyOptions = useCompetencyOptions();
  const create = useMutation({
    mutationFn: (v: Values) =>
      api.post<AssessmentDto>('/api/assessments', {
        title: v.title.trim(),
        tool: v.tool,
        organizerOrganizationId: v.organizerOrganizationId,
        targetStaffCategory: v.targetStaffCategory ?? null,
        targetLowResultsSchools: v.targetLowResultsSchools ?? false,
        targetDescription: v.targetDescription?.trim() || null,
        windows: v.windows.map((w) => ({ from: w.range[0].format('YYYY-MM-DD'), to: w.range[1].format('YYYY-MM-DD') })),
        competencies: v.competencies,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === '/api/assessments' }),
  });
  const { submit, saving, error, unmatched } = useFormSubmit(form, create.mutateAsync, (a) => {
    message.success('Диагностика создана');
    setOpen(false);
    navigate(`/assessments/${a.id}`);
  });
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Новая диагностика
      </Button>
      <Modal open={open} title="Новая диагностика" okText="Создать" cancelText="Отмена" onOk={() => form.submit()} onCancel={() => setOpen(false)} okButtonProps={{ loading: saving }} width={760} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ tool: 'regional', windows: [{}], competencies: [{ threshold: 60 }] }}>
          <Form.Item label="Название" name="title" rules={[{ required: true, whitespace: true, message: 'Назовите диагностику' }, { min: 3, message: 'Не короче 3 символов' }]}>
            <Input placeholder="Например: Региональная диагностика профессиональных дефицитов учителей математики" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item label="Инструмент" name="tool" rules={[{ required: true, message: 'Выберите инструмент' }]} style={{ width: 240 }}>
              <Select options={toolOptions} />
            </Form.Item>
            <Form.Item label="Организатор" name="organizerOrganizationId" rules={[{ required: true, message: 'Выберите организацию-организатора' }]} style={{ flex: '1 1 300px' }} extra="ЦНППМ, ЦОКО, орган управления или школа, которую вы администрируете">
              <OrganizationSelect placeholder="Начните вводить название" />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap align="center">
            <Form.Item label="Категория участников" name="targetStaffCategory" style={{ width: 260 }}>
              <Select allowClear placeholder="Все работники" options={Object.entries(staffCategories).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="targetLowResultsSchools" valuePropName="checked" style={{ marginTop: 24 }}>
              <Checkbox>Педагоги ШНОР</Checkbox>
            </Form.Item>
          </Flex>
          <Form.Item label="Целевая группа (пояснение)" name="targetDescription">
            <Input placeholder="Например: учителя математики 5–9 классов" />
          </Form.Item>
          <Form.List name="windows">
            {(fields, { add, remove }) => (
              <Form.Item label="Окна проведения" required>
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Flex key={f.key} gap={8}>
                      <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: 'Укажите даты окна' }]} noStyle>
                        <DatePicker.RangePicker format="DD.MM.YYYY" placeholder={['Начало', 'Окончание']} aria-label="Окно проведения" />
                      </Form.Item>
                      {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} aria-label="Убрать окно" onClick={() => remove(f.name)} />}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                    Ещё окно
                  </Button>
                </Flex>
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="competencies">
            {(fields, { add, remove }) => (
              <Form.Item label="Компетенции и порог дефицита, %" required extra="Результат ниже порога — дефицит">
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Flex key={f.key} gap={8}>
                      <Form.Item name={[f.name, 'competencyId']} rules={[{ required: true, message: 'Выберите компетенцию' }]} noStyle>
                        <Select showSearch={{ optionFilterProp: 'label' }} options={competencyOptions} placeholder="Компетенция" aria-label="Компетенция" style={{ flex: 1 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'threshold']} rules={[{ required: true, message: 'Порог' }]} noStyle>
                        <InputNumber min={0} max={100} suffix="%" aria-label="Порог дефицита" style={{ width: 110 }} />
                      </Form.Item>
                      {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} aria-label="Убрать компетенцию" onClick={() => remove(f.name)} />}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ threshold: 60 })} style={{ alignSelf: 'flex-start' }}>
                    Ещё компетенция
                  </Button>
                </Flex>
              </Form.Item>
            )}
          </Form.List>
          {error !== null && <ErrorAlert error={error} extra={unmatched} />}
        </Form>
      </Modal>
    </>
  );
}
