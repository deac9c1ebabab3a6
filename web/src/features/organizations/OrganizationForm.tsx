// The fields of an organization, shared by «Добавить организацию» and «Изменить».
import { Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useTerritories } from '../territories/useTerritories';
import { OrganizationSelect, type OrganizationOption } from './OrganizationSelect';
import { flags, functionOptions, kindOptions } from './labels';
import type { OrganizationInput } from './types';

interface Props {
  form: FormInstance<OrganizationInput>;
  initialValues: Partial<OrganizationInput>;
  parentOption?: OrganizationOption;
  onFinish: (values: OrganizationInput) => void;
  saving: boolean;
  error: unknown;
  unmatched: string[];
  onReload?: () => void;
  submitText: string;
  onCancel: () => void;
  /** Extra notice above the fields (e.g. the version being edited). */
  notice?: ReactNode;
}

export function OrganizationForm({ form, initialValues, parentOption, onFinish, saving, error, unmatched, onReload, submitText, onCancel, notice }: Props) {
  const { data: territories } = useTerritories();
  return (
    <Form<OrganizationInput> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError disabled={saving}>
      <Card>
        <Flex vertical gap={16}>
          {notice}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label="Краткое наименование"
                name="shortName"
                rules={[{ required: true, whitespace: true, message: 'Укажите краткое наименование' }, { min: 2, max: 300, message: 'От 2 до 300 символов' }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Тип организации" name="kind" rules={[{ required: true, message: 'Выберите тип' }]}>
                <Select options={kindOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                label="Полное наименование"
                name="fullName"
                rules={[{ required: true, whitespace: true, message: 'Укажите полное наименование' }, { min: 3, max: 1000, message: 'От 3 до 1000 символов' }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Территория" name="territoryId" rules={[{ required: true, message: 'Выберите территорию' }]}>
                <Select
                  loading={!territories}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(territories ?? []).map((t) => ({ value: t.id, label: t.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Учредитель / вышестоящая организация" name="parentId">
                <OrganizationSelect allowClear placeholder="Начните вводить название или ИНН" known={parentOption ? [parentOption] : []} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="ИНН" name="inn" rules={[{ pattern: /^\d{10}(\d{2})?$/, message: 'ИНН состоит из 10 или 12 цифр' }]}>
                <Input inputMode="numeric" maxLength={12} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label="Адрес" name="address" rules={[{ max: 1000, message: 'Не длиннее 1000 символов' }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="Признаки">
                <Flex gap={24} wrap>
                  {flags.map((f) => (
                    <Form.Item key={f.key} name={f.key} valuePropName="checked" noStyle>
                      <Checkbox>{f.title}</Checkbox>
                    </Form.Item>
                  ))}
                </Flex>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="Функции в системе сопровождения" name="functions">
                <Select mode="multiple" options={functionOptions} allowClear placeholder="Выберите одну или несколько" />
              </Form.Item>
            </Col>
          </Row>
          {/* next to the button just pressed, where the eye is */}
          {error !== null && <ErrorAlert error={error} extra={unmatched} onReload={onReload} />}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={saving}>
              {submitText}
            </Button>
            <Button onClick={onCancel} disabled={false}>
              Отмена
            </Button>
          </Flex>
        </Flex>
      </Card>
    </Form>
  );
}
