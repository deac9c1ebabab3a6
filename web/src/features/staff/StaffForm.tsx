// The person form of «Добавить работника» and «Изменить»: personal data and positions.
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { zodRule } from '../../app/zodRule';
import { personFields, snilsSchema } from '../../../../common/staff-schemas';
import { OrganizationSelect, type OrganizationOption } from '../organizations/OrganizationSelect';
import { categoryOptions, qualificationOptions, sexOptions, subjectOptions, yesNoOptions } from './labels';
import { emptyPosition, formatSnilsInput, type StaffFormValues } from './staffFormValues';

const thisYear = new Date().getFullYear();
const dateFormat = 'DD.MM.YYYY';
const isoOf = (d: unknown) => (d as Dayjs).format('YYYY-MM-DD');

const nameRules = (label: string, required: boolean) => [
  ...(required ? [{ required: true, whitespace: true, message: `Укажите ${label}` }] : []),
  { max: 100, message: 'Не длиннее 100 символов' },
  zodRule(personFields.name),
];

function PersonFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item label="Фамилия" name="surname" rules={nameRules('фамилию', true)}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label="Имя" name="name" rules={nameRules('имя', true)}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label="Отчество" name="patronymic" rules={nameRules('отчество', false)}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label="Дата рождения" name="birthDate" rules={[zodRule(personFields.birthDate, isoOf)]}>
          <DatePicker format={dateFormat} placeholder="ДД.ММ.ГГГГ" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label="Пол" name="sex">
          <Select options={sexOptions} allowClear placeholder="Не указан" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          label="СНИЛС"
          name="snils"
          normalize={formatSnilsInput}
          rules={[zodRule(snilsSchema)]}
          extra="Формат: 123-456-789 01"
        >
          <Input inputMode="numeric" placeholder="123-456-789 01" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          label="Год начала стажа"
          tooltip="Год начала педагогической деятельности: от него считаются стаж и статус молодого специалиста"
          name="professionStartYear"
          rules={[{ type: 'number', min: 1940, max: thisYear, message: `Год от 1940 до ${thisYear}` }]}
        >
          <InputNumber style={{ width: '100%' }} min={1940} max={thisYear} precision={0} controls={false} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label="Электронная почта" name="email" rules={[zodRule(personFields.email)]}>
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label="Телефон" name="phone" rules={[zodRule(personFields.phone)]}>
          <Input type="tel" placeholder="+7 912 345-67-89" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label="Квалификационная категория" name="qualificationCategory">
          <Select options={qualificationOptions} allowClear placeholder="Не указана" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function PositionFields({ name, known }: { name: number; known: OrganizationOption[] }) {
  return (
    <Row gutter={16}>
      <Form.Item name={[name, 'id']} hidden>
        <Input />
      </Form.Item>
      <Col xs={24} md={12}>
        <Form.Item label="Организация" name={[name, 'organizationId']} rules={[{ required: true, message: 'Выберите организацию' }]}>
          <OrganizationSelect placeholder="Начните вводить название или ИНН" known={known} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="Должность"
          name={[name, 'title']}
          rules={[{ required: true, whitespace: true, message: 'Укажите должность' }, { min: 2, max: 300, message: 'От 2 до 300 символов' }]}
        >
          <Input placeholder="Например: учитель математики" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label="Категория" name={[name, 'staffCategory']} rules={[{ required: true, message: 'Выберите категорию' }]}>
          <Select options={categoryOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item label="Преподаваемые предметы" name={[name, 'subjects']} rules={[{ type: 'array', max: 20, message: 'Не больше 20 предметов' }]}>
          <Select mode="multiple" options={subjectOptions} allowClear placeholder="Выберите из списка" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Дата начала работы" name={[name, 'startDate']}>
          <DatePicker format={dateFormat} placeholder="ДД.ММ.ГГГГ" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          label="Дата окончания"
          name={[name, 'endDate']}
          dependencies={[['positions', name, 'startDate']]}
          extra="Если работник ушёл с должности"
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, end: Dayjs | null) => {
                const start: Dayjs | null = getFieldValue(['positions', name, 'startDate']);
                if (end && start && end.isBefore(start, 'day')) throw new Error('Окончание раньше начала работы');
              },
            }),
          ]}
        >
          <DatePicker format={dateFormat} placeholder="ДД.ММ.ГГГГ" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Образование соответствует предмету" name={[name, 'educationMatchesSubject']}>
          <Select options={yesNoOptions} allowClear placeholder="Не указано" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function PositionsList({ known }: { known: OrganizationOption[] }) {
  return (
    <Form.List
      name="positions"
      rules={[
        {
          validator: async (_, positions?: unknown[]) => {
            if (!positions || positions.length === 0) throw new Error('Добавьте хотя бы одну должность');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={12}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              title={`Должность ${index + 1}`}
              extra={
                fields.length > 1 && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`Удалить должность ${index + 1}`}>
                    Удалить
                  </Button>
                )
              }
            >
              <PositionFields name={field.name} known={known} />
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < 10 && (
            <Button icon={<PlusOutlined />} onClick={() => add(emptyPosition())} style={{ alignSelf: 'flex-start' }}>
              Добавить должность
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

interface Props {
  form: FormInstance<StaffFormValues>;
  initialValues: Partial<StaffFormValues>;
  /** Names of organizations already chosen, for the selects' labels. */
  knownOrganizations: OrganizationOption[];
  onFinish: (values: StaffFormValues) => void;
  saving: boolean;
  error: unknown;
  unmatched: string[];
  onReload?: () => void;
  submitText: string;
  onCancel: () => void;
  notice?: ReactNode;
}

export function StaffForm({ form, initialValues, knownOrganizations, onFinish, saving, error, unmatched, onReload, submitText, onCancel, notice }: Props) {
  return (
    <Form<StaffFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError disabled={saving}>
      <Flex vertical gap={16}>
        {notice}
        <Card title="Личные данные">
          <PersonFields />
        </Card>
        <Card title="Должности">
          <PositionsList known={knownOrganizations} />
        </Card>
        {/* next to the button just pressed, where the eye is */}
        {error !== null && <ErrorAlert error={error} extra={unmatched} onReload={onReload} />}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {submitText}
          </Button>
          <Button onClick={onCancel}>Отмена</Button>
        </Flex>
      </Flex>
    </Form>
  );
}
