// The competency catalog: groups, competencies and the labour functions of the professional
// standard «Педагог»; a regional administrator edits it (each edit is a new revision).
import { useState } from 'react';
import { App, Button, Card, Checkbox, Collapse, Flex, Form, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit, blankToNull } from '../../app/useFormSubmit';
import { formatDate } from '../../app/format';
import type { CompetencyCatalogDto, CompetencyDto } from '../../../../server/modules/competencies/competencies.api';

type Group = CompetencyCatalogDto['groups'][number];
type Audience = Group['audience'];
const audienceLabels: Record<Audience, string> = { all: 'Все работники', pedagogical: 'Педагогические работники', managerial: 'Управленческие кадры' };

interface CompetencyValues {
  groupId: string;
  code?: string;
  name: string;
  description?: string | null;
  labourFunctionCodes?: string[];
  retired?: boolean;
}
interface GroupValues {
  code: string;
  name: string;
  description?: string | null;
  audience: Audience;
}

function CompetencyModal({ catalog, competency, groupId, onClose }: { catalog: CompetencyCatalogDto; competency: CompetencyDto | null; groupId?: string; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CompetencyValues>();
  const save = useMutation({
    mutationFn: (v: CompetencyValues) => {
      const body = blankToNull({ ...v, labourFunctionCodes: undefined });
      return competency
        ? api.patch<CompetencyDto>(`/api/competencies/${competency.id}`, { version: competency.version, groupId: v.groupId, name: body.name, description: body.description, labourFunctionCodes: v.labourFunctionCodes ?? [], retired: v.retired ?? false })
        : api.post<CompetencyDto>('/api/competencies', { groupId: v.groupId, code: v.code, name: body.name, description: body.description, labourFunctionCodes: v.labourFunctionCodes ?? [] });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['competencies'] }),
  });
  const { submit, saving, error, unmatched } = useFormSubmit(form, save.mutateAsync, () => {
    message.success('Справочник сохранён: создана новая редакция');
    onClose();
  });
  const initial: Partial<CompetencyValues> = competency
    ? { groupId: competency.groupId, code: competency.code, name: competency.name, description: competency.description, labourFunctionCodes: competency.labourFunctionCodes, retired: competency.retired }
    : { groupId, labourFunctionCodes: [] };
  return (
    <Modal open title={competency ? `Компетенция ${competency.code}` : 'Новая компетенция'} okText="Сохранить" cancelText="Отмена" onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ loading: saving }} width={680} destroyOnHidden>
      <Form<CompetencyValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Flex gap={12}>
          <Form.Item label="Код" name="code" rules={[{ required: true, whitespace: true, message: 'Укажите код' }]} extra={competency ? 'Код не меняется' : 'Например: МТ.07'}>
            <Input disabled={!!competency} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="Группа" name="groupId" rules={[{ required: true, message: 'Выберите группу' }]} style={{ flex: 1 }}>
            <Select options={catalog.groups.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` }))} />
          </Form.Item>
        </Flex>
        <Form.Item label="Наименование" name="name" rules={[{ required: true, whitespace: true, message: 'Укажите наименование' }, { min: 3, message: 'Не короче 3 символов' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Описание" name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item label="Трудовые функции стандарта «Педагог»" name="labourFunctionCodes">
          <Select mode="multiple" allowClear options={catalog.labourFunctions.map((f) => ({ value: f.code, label: `${f.code} ${f.name}` }))} optionFilterProp="label" />
        </Form.Item>
        {competency && (
          <Form.Item name="retired" valuePropName="checked" extra="Исключённая компетенция пропадает из справочника; результаты и ИОМ сохраняются">
            <Checkbox>Исключена из справочника</Checkbox>
          </Form.Item>
        )}
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}

function GroupModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GroupValues>();
  const save = useMutation({ mutationFn: (v: GroupValues) => api.post('/api/competency-groups', blankToNull({ ...v })), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['competencies'] }) });
  const { submit, saving, error, unmatched } = useFormSubmit(form, save.mutateAsync, () => {
    message.success('Группа добавлена');
    onClose();
  });
  return (
    <Modal open title="Новая группа компетенций" okText="Сохранить" cancelText="Отмена" onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ loading: saving }} destroyOnHidden>
      <Form<GroupValues> form={form} layout="vertical" initialValues={{ audience: 'all' }} onFinish={submit}>
        <Form.Item label="Код" name="code" rules={[{ required: true, whitespace: true, message: 'Укажите код' }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="Наименование" name="name" rules={[{ required: true, whitespace: true, message: 'Укажите наименование' }, { min: 3, message: 'Не короче 3 символов' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Для кого" name="audience">
          <Select options={(Object.keys(audienceLabels) as Audience[]).map((value) => ({ value, label: audienceLabels[value] }))} />
        </Form.Item>
        <Form.Item label="Описание" name="description">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}

export function CompetencyCatalogPage() {
  const [includeRetired, setIncludeRetired] = useState(false);
  const [editing, setEditing] = useState<{ competency: CompetencyDto | null; groupId?: string } | null>(null);
  const [addingGroup, setAddingGroup] = useState(false);
  const { data, error, refetch } = useQuery({
    queryKey: ['competencies', includeRetired],
    queryFn: ({ signal }) => api.get<CompetencyCatalogDto>(`/api/competencies${queryString({ includeRetired: includeRetired || undefined })}`, signal),
  });
  const functionName = new Map(data?.labourFunctions.map((f) => [f.code, f.name]));
  return (
    <>
      <PageHeader
        title="Справочник компетенций"
        subtitle={data ? `Редакция № ${data.revision.number} от ${formatDate(data.revision.createdAt)}: ${data.revision.summary}` : 'Компетенции, которые измеряет диагностика и развивают ИОМ и программы ДПО'}
        extra={
          data?.canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setAddingGroup(true)}>
              Добавить группу
            </Button>
          )
        }
      />
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Checkbox checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)}>
            Показать исключённые
          </Checkbox>
          {data.groups.map((g) => (
            <Card
              key={g.id}
              title={
                <Flex gap={8} align="center" wrap>
                  <span>
                    {g.code}. {g.name}
                  </span>
                  <Tag>{audienceLabels[g.audience]}</Tag>
                  {g.retired && <Tag color="red">исключена</Tag>}
                </Flex>
              }
              extra={
                data.canEdit && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ competency: null, groupId: g.id })}>
                    Компетенция
                  </Button>
                )
              }
            >
              <Table<CompetencyDto>
                size="small"
                rowKey="id"
                dataSource={g.competencies}
                pagination={false}
                scroll={{ x: 720 }}
                locale={{ emptyText: 'В группе нет компетенций.' }}
                columns={[
                  { title: 'Код', dataIndex: 'code', width: 90 },
                  { title: 'Компетенция', key: 'name', render: (_, c) => <>{c.name}{c.retired && <Tag color="red" style={{ marginLeft: 8 }}>исключена</Tag>}{c.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{c.description}</Typography.Text>}</> },
                  {
                    title: 'Трудовые функции',
                    key: 'functions',
                    width: 300,
                    render: (_, c) =>
                      c.labourFunctionCodes.length ? (
                        <Flex gap={4} wrap>
                          {c.labourFunctionCodes.map((code) => (
                            <Tag key={code} title={functionName.get(code)}>
                              {code}
                            </Tag>
                          ))}
                        </Flex>
                      ) : (
                        <Typography.Text type="secondary">—</Typography.Text>
                      ),
                  },
                  ...(data.canEdit ? [{ title: '', key: 'edit', width: 50, render: (_: unknown, c: CompetencyDto) => <Button type="text" icon={<EditOutlined />} aria-label={`Изменить ${c.code}`} onClick={() => setEditing({ competency: c })} /> }] : []),
                ]}
              />
            </Card>
          ))}
          <Collapse
            items={[
              {
                key: 'functions',
                label: 'Трудовые функции профессионального стандарта «Педагог» (01.001)',
                children: (
                  <Table
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={data.labourFunctions}
                    columns={[
                      { title: 'Код', dataIndex: 'code', width: 90 },
                      { title: 'Трудовая функция', dataIndex: 'name' },
                      { title: 'Обобщённая функция', key: 'g', render: (_, f) => `${f.generalizedCode}. ${f.generalizedName}` },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Flex>
      )}
      {editing && data && <CompetencyModal catalog={data} competency={editing.competency} groupId={editing.groupId} onClose={() => setEditing(null)} />}
      {addingGroup && <GroupModal onClose={() => setAddingGroup(false)} />}
    </>
  );
}
