// The list of items of a plan being drafted: the tutor ticks the suggestions to keep, edits
// any of them, adds their own, and saves. Each suggestion keeps its explanation, so it is
// clear which deficit it closes.
import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate } from '../../app/format';
import { formLabels, formOptions, kindLabels, kindOptions } from './labels';
import type { ItemInput } from './types';

export interface EditorItem extends ItemInput {
  key: string;
  id?: string;
  selected: boolean;
  addressesDeficit?: boolean;
  recommended?: boolean;
  hours?: number | null;
  inFederalRegistry?: boolean;
}

export interface CompetencyOption {
  id: string;
  code: string;
  name: string;
}

interface ItemValues {
  title: string;
  form: ItemInput['form'];
  kind: ItemInput['kind'];
  competencyIds?: string[];
  deadline?: Dayjs | null;
  expectedResult: string;
}

function ItemModal({ item, competencies, onSave, onCancel }: { item: EditorItem | 'new'; competencies: CompetencyOption[]; onSave: (v: ItemValues) => void; onCancel: () => void }) {
  const [form] = Form.useForm<ItemValues>();
  const initial: Partial<ItemValues> =
    item === 'new'
      ? { form: 'informal', kind: 'self_education', competencyIds: [] }
      : { title: item.title, form: item.form, kind: item.kind, competencyIds: item.competencyIds ?? [], deadline: item.deadline ? dayjs(item.deadline) : null, expectedResult: item.expectedResult };
  return (
    <Modal open title={item === 'new' ? 'Новое мероприятие' : 'Изменить мероприятие'} okText="Готово" cancelText="Отмена" onOk={() => form.submit()} onCancel={onCancel} width={720} destroyOnHidden>
      <Form<ItemValues> form={form} layout="vertical" initialValues={initial} onFinish={onSave}>
        <Form.Item label="Мероприятие" name="title" rules={[{ required: true, whitespace: true, message: 'Назовите мероприятие' }, { min: 3, message: 'Не короче 3 символов' }, { max: 2000, message: 'Не длиннее 2000 символов' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Например: изучение методических рекомендаций по формирующему оцениванию" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label="Форма обучения" name="form" rules={[{ required: true, message: 'Выберите форму' }]} style={{ minWidth: 200 }}>
            <Select options={formOptions} />
          </Form.Item>
          <Form.Item label="Вид" name="kind" rules={[{ required: true, message: 'Выберите вид' }]} style={{ minWidth: 240 }}>
            <Select options={kindOptions} />
          </Form.Item>
          <Form.Item label="Срок" name="deadline">
            <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
          </Form.Item>
        </Flex>
        <Form.Item label="Компетенции" name="competencyIds" extra="Какие дефициты закрывает мероприятие">
          <Select mode="multiple" allowClear options={competencies.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} optionFilterProp="label" placeholder="Выберите компетенции" />
        </Form.Item>
        <Form.Item label="Ожидаемый результат" name="expectedResult" rules={[{ required: true, whitespace: true, message: 'Укажите ожидаемый результат' }, { min: 3, message: 'Не короче 3 символов' }, { max: 2000, message: 'Не длиннее 2000 символов' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Например: разработан и проведён открытый урок" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Props {
  items: EditorItem[];
  onChange: (items: EditorItem[]) => void;
  competencies: CompetencyOption[];
}

export function PlanEditor({ items, onChange, competencies }: Props) {
  const [editing, setEditing] = useState<EditorItem | 'new' | null>(null);
  const byId = new Map(competencies.map((c) => [c.id, c]));
  const save = (v: ItemValues) => {
    const fields = { title: v.title.trim(), form: v.form, kind: v.kind, competencyIds: v.competencyIds ?? [], deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null, expectedResult: v.expectedResult.trim() };
    if (editing === 'new') onChange([...items, { key: `new-${Date.now()}`, selected: true, ...fields }]);
    else if (editing) onChange(items.map((i) => (i.key === editing.key ? { ...i, ...fields, selected: true } : i)));
    setEditing(null);
  };
  return (
    <Flex vertical gap={12}>
      <Table<EditorItem>
        size="middle"
        rowKey="key"
        dataSource={items}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: 'Мероприятий нет. Добавьте своё кнопкой «Добавить мероприятие».' }}
        rowSelection={{
          selectedRowKeys: items.filter((i) => i.selected).map((i) => i.key),
          onChange: (keys) => onChange(items.map((i) => ({ ...i, selected: keys.includes(i.key) }))),
          getCheckboxProps: (i) => ({ 'aria-label': `Включить в ИОМ: ${i.title}` }),
          columnTitle: 'В ИОМ',
          columnWidth: 70,
        }}
        columns={[
          {
            title: 'Мероприятие',
            key: 'title',
            render: (_, i) => (
              <Flex vertical gap={4}>
                <span>
                  {i.recommended && (
                    <Tooltip title="Лучший вариант для этого дефицита">
                      <StarFilled style={{ color: '#faad14', marginRight: 6 }} aria-label="Рекомендуется" />
                    </Tooltip>
                  )}
                  {i.title}
                </span>
                {i.explanation && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {i.explanation}
                  </Typography.Text>
                )}
                <Space size={4} wrap>
                  {(i.competencyIds ?? []).map((id) => byId.get(id)).filter((c) => !!c).map((c) => (
                    <Tag key={c.id} color={i.addressesDeficit === false ? 'default' : 'volcano'}>
                      {c.code}
                    </Tag>
                  ))}
                  {i.inFederalRegistry && <Tag color="blue">федеральный реестр</Tag>}
                </Space>
              </Flex>
            ),
          },
          { title: 'Форма и вид', key: 'kind', width: 190, render: (_, i) => <>{kindLabels[i.kind]}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{formLabels[i.form]}</Typography.Text></> },
          { title: 'Срок', dataIndex: 'deadline', width: 110, render: (d: string | null) => formatDate(d) },
          { title: 'Ожидаемый результат', dataIndex: 'expectedResult', width: 260 },
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_, i) => <Button type="text" icon={<EditOutlined />} aria-label={`Изменить: ${i.title}`} onClick={() => setEditing(i)} />,
          },
        ]}
      />
      <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ alignSelf: 'flex-start' }}>
        Добавить мероприятие
      </Button>
      {editing && <ItemModal item={editing} competencies={competencies} onSave={save} onCancel={() => setEditing(null)} />}
    </Flex>
  );
}

/** What the API takes from an editor row. */
export function toItemInput(i: EditorItem): ItemInput & { id?: string } {
  return {
    ...(i.id ? { id: i.id } : {}),
    form: i.form,
    kind: i.kind,
    title: i.title,
    competencyIds: i.competencyIds ?? [],
    explanation: i.explanation ?? null,
    programId: i.programId ?? null,
    cohortId: i.cohortId ?? null,
    organizationId: i.organizationId ?? null,
    mentorStaffId: i.mentorStaffId ?? null,
    deadline: i.deadline ?? null,
    expectedResult: i.expectedResult,
  };
}
