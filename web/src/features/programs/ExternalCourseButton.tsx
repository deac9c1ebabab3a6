// «Курс пройден в другой организации»: the certificate goes to the employer for approval.
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Upload, type UploadFile } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useRecordExternalCourse } from './queries';

interface Values {
  title: string;
  provider?: string;
  hours?: number | null;
  completedOn: Dayjs;
  certificateNumber: string;
  certificateDate: Dayjs;
  file?: UploadFile[];
}

export function ExternalCourseButton({ staffId }: { staffId: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const record = useRecordExternalCourse();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: Values) =>
      record.mutateAsync({
        staffId,
        title: v.title.trim(),
        provider: v.provider?.trim() || undefined,
        hours: v.hours ?? undefined,
        completedOn: v.completedOn.format('YYYY-MM-DD'),
        certificateNumber: v.certificateNumber.trim(),
        certificateDate: v.certificateDate.format('YYYY-MM-DD'),
        file: v.file?.[0]?.originFileObj as File | undefined,
      }),
    () => {
      message.success('Курс отправлен на согласование работодателю');
      setOpen(false);
      form.resetFields();
    },
  );
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Курс пройден в другой организации
      </Button>
      <Modal open={open} title="Курс, пройденный в другой организации" okText="Отправить на согласование" cancelText="Отмена" onOk={() => form.submit()} onCancel={() => setOpen(false)} okButtonProps={{ loading: saving }} width={640} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item label="Название программы" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите название программы' }, { max: 1000, message: 'Не длиннее 1000 символов' }]}>
            <Input placeholder="Например: Формирование функциональной грамотности обучающихся" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item label="Организация" name="provider" style={{ flex: '1 1 300px' }}>
              <Input placeholder="Кто проводил обучение" />
            </Form.Item>
            <Form.Item label="Часов" name="hours" rules={[{ type: 'number', min: 1, max: 5000, message: 'От 1 до 5000' }]}>
              <InputNumber min={1} max={5000} style={{ width: 120 }} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item label="Дата окончания" name="completedOn" rules={[{ required: true, message: 'Укажите дату окончания' }]}>
              <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
            </Form.Item>
            <Form.Item label="Номер удостоверения" name="certificateNumber" rules={[{ required: true, whitespace: true, message: 'Укажите номер удостоверения' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="Дата удостоверения" name="certificateDate" rules={[{ required: true, message: 'Укажите дату удостоверения' }]}>
              <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
            </Form.Item>
          </Flex>
          <Form.Item label="Скан удостоверения" name="file" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)} extra="PDF, JPEG или PNG до 10 МБ">
            <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} beforeUpload={() => false}>
              <Button icon={<UploadOutlined />}>Выбрать файл</Button>
            </Upload>
          </Form.Item>
          {error !== null && <ErrorAlert error={error} extra={unmatched} />}
        </Form>
      </Modal>
    </>
  );
}
