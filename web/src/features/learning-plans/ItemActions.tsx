// What a person does with an item (report with evidence files) and what the tutor does with a
// report (accept, or return with a comment).
import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Progress, Upload, type UploadFile } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useReportItem, useReviewItem } from './queries';
import type { LearningPlanItem } from './types';

const MAX_FILES = 10;
const MAX_BYTES = 10 * 1024 * 1024;
const accept = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

interface ReportValues {
  text: string;
  files?: UploadFile[];
}

function ReportModal({ item, onClose }: { item: LearningPlanItem; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const [percent, setPercent] = useState<number | null>(null);
  const report = useReportItem();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    async (v: ReportValues) => {
      setPercent(v.files?.length ? 0 : null);
      try {
        return await report.mutateAsync({ itemId: item.id, text: v.text.trim(), files: (v.files ?? []).map((f) => f.originFileObj as File), onProgress: setPercent });
      } finally {
        setPercent(null);
      }
    },
    () => {
      message.success('Отчёт отправлен тьютору');
      onClose();
    },
  );
  return (
    <Modal open title={`Отчёт: ${item.title}`} okText="Отправить отчёт" okButtonProps={{ icon: <SendOutlined />, loading: saving }} cancelText="Отмена" onOk={() => form.submit()} onCancel={onClose} width={680} destroyOnHidden>
      <Form<ReportValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="Что сделано" name="text" rules={[{ required: true, whitespace: true, message: 'Опишите, что сделано' }, { max: 10000, message: 'Не длиннее 10 000 символов' }]} extra={`Ожидаемый результат: ${item.expectedResult}`}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="Например: прошла курсы, получила удостоверение; провела открытый урок 12.03" />
        </Form.Item>
        <Form.Item
          label="Подтверждающие файлы"
          name="files"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          extra={`PDF, JPEG, PNG, DOCX, XLSX; до ${MAX_FILES} файлов по 10 МБ`}
          rules={[
            {
              validator: async (_r, list?: UploadFile[]) => {
                if ((list?.length ?? 0) > MAX_FILES) throw new Error(`Не больше ${MAX_FILES} файлов`);
                const big = list?.find((f) => (f.size ?? 0) > MAX_BYTES);
                if (big) throw new Error(`Файл «${big.name}» больше 10 МБ`);
              },
            },
          ]}
        >
          <Upload multiple accept={accept} beforeUpload={() => false}>
            <Button icon={<UploadOutlined />}>Выбрать файлы</Button>
          </Upload>
        </Form.Item>
        {percent !== null && <Progress percent={percent} size="small" aria-label="Передача файлов" />}
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}

export function ReportButton({ item }: { item: LearningPlanItem }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} aria-label={`Отчитаться: ${item.title}`}>
        {item.status === 'returned' ? 'Отчитаться повторно' : 'Отчитаться'}
      </Button>
      {open && <ReportModal item={item} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ReviewButtons({ item }: { item: LearningPlanItem }) {
  const { message } = App.useApp();
  const review = useReviewItem();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const decide = async (decision: 'accept' | 'return') => {
    const done = await review.mutateAsync({ itemId: item.id, version: item.version, decision, comment: comment.trim() || null }).catch(() => null);
    if (done) {
      message.success(decision === 'accept' ? 'Отчёт принят' : 'Отчёт возвращён на доработку');
      setReturning(false);
    }
  };
  return (
    <Flex gap={6} wrap>
      <Button size="small" type="primary" icon={<CheckOutlined />} loading={review.isPending && !returning} onClick={() => void decide('accept')} aria-label={`Принять отчёт: ${item.title}`}>
        Принять
      </Button>
      <Button size="small" icon={<RollbackOutlined />} onClick={() => setReturning(true)} aria-label={`Вернуть отчёт: ${item.title}`}>
        Вернуть
      </Button>
      {review.error && !returning && <ErrorAlert error={review.error} />}
      <Modal
        open={returning}
        title="Вернуть отчёт на доработку"
        okText="Вернуть"
        cancelText="Отмена"
        okButtonProps={{ disabled: !comment.trim(), loading: review.isPending }}
        onOk={() => void decide('return')}
        onCancel={() => setReturning(false)}
      >
        <Flex vertical gap={8}>
          <Input.TextArea aria-label="Что доработать" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3 }} maxLength={4000} placeholder="Что нужно доработать" />
          {review.error && <ErrorAlert error={review.error} />}
        </Flex>
      </Modal>
    </Flex>
  );
}
