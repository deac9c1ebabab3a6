// An organization's data in a campaign: the forms to fill in (with what the system already knows
// filled in for it, and each rule checked as one types), save as a draft or send; the
// municipality and the region accept it or return it with a comment.
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Tag, Timeline, Typography, Upload } from 'antd';
import { BellOutlined, CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api, uploadForm } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { checkFieldValue, submissionActions, type DataFormField, type FileValue, type FormValues } from '../../../../common/monitoring';
import { completenessColors, completenessLabel, submissionColors, submissionLabel } from './labels';
import { useMonitoringWrite, useSubmission } from './queries';
import type { Submission } from './types';

type Values = { values: Record<string, FormValues> };

function FileInput({ assignmentId, value, onChange, disabled }: { assignmentId: string; value?: FileValue | null; onChange?: (v: FileValue | null) => void; disabled: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Flex gap={8} align="center" wrap>
      {value ? (
        <a href={`/api/monitoring/assignments/${assignmentId}/files/${value.fileId}`} target="_blank" rel="noreferrer">
          {value.name}
        </a>
      ) : (
        <Typography.Text type="secondary">файл не приложен</Typography.Text>
      )}
      {!disabled && (
        <Upload
          showUploadList={false}
          accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
          beforeUpload={(file) => {
            const form = new FormData();
            form.append('file', file);
            setBusy(true);
            uploadForm<FileValue>(`/api/monitoring/assignments/${assignmentId}/files`, form)
              .then((v) => onChange?.(v), (e: Error) => message.error(e.message))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {value ? 'Заменить файл' : 'Приложить файл'}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}

/** The input of one field; the form passes `value` and `onChange` through. */
function FieldInput({ field, assignmentId, disabled, value, onChange }: { field: DataFormField; assignmentId: string; disabled: boolean; value?: unknown; onChange?: (v: unknown) => void }) {
  const common = { disabled, onChange, 'aria-label': field.label };
  switch (field.type) {
    case 'number':
      return <InputNumber {...common} value={value as number | null} style={{ width: 220 }} decimalSeparator="," />;
    case 'percent':
      return <InputNumber {...common} value={value as number | null} style={{ width: 220 }} decimalSeparator="," suffix="%" />;
    case 'text':
      return <Input.TextArea disabled={disabled} aria-label={field.label} value={(value as string | null) ?? ''} onChange={(e) => onChange?.(e.target.value)} autoSize={{ minRows: 1, maxRows: 6 }} />;
    case 'choice':
      return <Select {...common} value={value as string | null} allowClear style={{ maxWidth: 360 }} options={(field.options ?? []).map((o) => ({ value: o, label: o }))} placeholder="Выберите" />;
    case 'file':
      return <FileInput assignmentId={assignmentId} disabled={disabled} value={value as FileValue | null} onChange={onChange} />;
  }
}

function DecisionButtons({ s }: { s: Submission }) {
  const { message } = App.useApp();
  const write = useMonitoringWrite<Submission>();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  if (!s.can.approve) return null;
  const act = (action: 'approve' | 'return') =>
    write.mutateAsync(() => api.post<Submission>(`/api/monitoring/assignments/${s.id}/submission/transition`, { action, comment: action === 'return' ? comment : null, version: s.version })).then(
      (r) => {
        message.success(`Состояние: ${submissionLabel(r.status).toLowerCase()}`);
        setReturning(false);
      },
      (e: Error) => message.error(e.message),
    );
  return (
    <>
      <Button type="primary" icon={<CheckOutlined />} onClick={() => void act('approve')} loading={write.isPending}>
        {s.nextApprover === 'region' ? 'Принять (регион)' : 'Принять (муниципалитет)'}
      </Button>
      <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
        {submissionActions.return}
      </Button>
      <Modal open={returning} title="Вернуть на доработку" okText="Вернуть" cancelText="Отмена" onOk={() => void act('return')} okButtonProps={{ disabled: !comment.trim() }} onCancel={() => setReturning(false)}>
        <Form layout="vertical">
          <Form.Item label="Что исправить" required help={!comment.trim() ? 'Комментарий обязателен' : undefined}>
            <Input.TextArea aria-label="Что исправить" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function SubmissionPage() {
  const { id = '' } = useParams();
  const { data: s, error, refetch } = useSubmission(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!s) return <Skeleton active />;
  return <SubmissionForm key={`${s.id}-${s.version}`} s={s} />;
}

function SubmissionForm({ s }: { s: Submission }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const write = useMonitoringWrite<Submission>();
  const sending = useRef(false);
  const disabled = !s.can.edit;
  const initial: Values = {
    values: Object.fromEntries(s.forms.map((f) => [f.id, Object.fromEntries(f.fields.map((x) => [x.key, s.values[f.id]?.[x.key] ?? s.prefill[f.id]?.[x.key] ?? null]))])),
  };
  const clean = (v: Values) =>
    Object.fromEntries(s.forms.map((f) => [f.id, Object.fromEntries(f.fields.flatMap((x) => { const val = v.values?.[f.id]?.[x.key]; return val === undefined || val === null || val === '' ? [] : [[x.key, val]]; }))]));
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: Values) =>
      write.mutateAsync(() =>
        sending.current
          ? api.post<Submission>(`/api/monitoring/assignments/${s.id}/submission/transition`, { action: 'submit', values: clean(v), version: s.version })
          : api.put<Submission>(`/api/monitoring/assignments/${s.id}/submission`, { values: clean(v), version: s.version }),
      ),
    (r) => message.success(r.status === 'submitted' ? 'Данные отправлены' : 'Черновик сохранён'),
  );
  const run = async (send: boolean) => {
    sending.current = send;
    try {
      await form.validateFields();
    } catch {
      message.error(send ? 'Форма заполнена не полностью или с ошибками: исправьте отмеченные поля' : 'Исправьте отмеченные поля');
      return;
    }
    await submit(form.getFieldsValue(true));
  };
  return (
    <>
      <PageHeader
        title={s.organizationName}
        trail={[
          { title: 'Мониторинг', to: '/monitoring' },
          { title: s.campaign.title, to: `/monitoring/${s.campaign.id}` },
        ]}
        subtitle={
          <Flex gap={8} wrap align="center">
            <span>
              {s.campaign.periodLabel} · срок {formatDate(s.deadline)}
            </span>
            <Tag color={submissionColors[s.status]}>{submissionLabel(s.status)}</Tag>
            <Tag color={completenessColors[s.completeness]}>{completenessLabel(s.completeness)}</Tag>
          </Flex>
        }
        extra={<DecisionButtons s={s} />}
      />
      <Flex vertical gap={16}>
        {s.status === 'returned' && s.returnComment && <Alert type="error" showIcon message="Возвращено на доработку" description={s.returnComment} />}
        {s.reminderList.slice(0, 3).map((r) => (
          <Alert key={r.sentAt} type="warning" showIcon icon={<BellOutlined />} message={`Напоминание от ${formatDateTime(r.sentAt)}`} description={r.message} />
        ))}
        {!disabled && Object.keys(s.prefill).length > 0 && (
          <Alert type="info" showIcon message="Поля с пометкой «из системы» заполнены по данным реестра и диагностик. Проверьте их; исправленное значение сохранится." />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={() => undefined} disabled={disabled}>
          {s.forms.map((f) => (
            <Card key={f.id} title={f.title} style={{ marginBottom: 16 }}>
              {f.fields.map((x) => {
                const known = s.prefill[f.id]?.[x.key];
                return (
                  <Form.Item
                    key={x.key}
                    label={
                      <span>
                        {x.label} {known !== undefined && <Tag color="blue">из системы: {String(known).replace('.', ',')}</Tag>}
                      </span>
                    }
                    name={['values', f.id, x.key]}
                    required={x.required}
                    extra={x.hint ?? undefined}
                    rules={[
                      {
                        validator: async (_r, v) => {
                          const m = checkFieldValue(x, v, sending.current);
                          if (m) throw new Error(m);
                        },
                      },
                    ]}
                  >
                    <FieldInput field={x} assignmentId={s.id} disabled={disabled} />
                  </Form.Item>
                );
              })}
            </Card>
          ))}
        </Form>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
        {!disabled && (
          <Flex gap={8} wrap>
            <Button icon={<SaveOutlined />} onClick={() => void run(false)} loading={saving && !sending.current}>
              Сохранить черновик
            </Button>
            <Button type="primary" icon={<SendOutlined />} onClick={() => void run(true)} loading={saving && sending.current}>
              Отправить
            </Button>
          </Flex>
        )}
        {s.history.length > 0 && (
          <Card size="small" title="История">
            <Timeline
              items={s.history.map((h) => ({
                color: h.status === 'returned' ? 'red' : h.status === 'submitted' ? 'blue' : 'green',
                children: (
                  <span>
                    {formatDateTime(h.at)} — {submissionLabel(h.status)}
                    {h.actorName ? ` (${h.actorName})` : ''}
                    {h.comment ? `: ${h.comment}` : ''}
                  </span>
                ),
              }))}
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
