// Enrollments with their steps: who asked, who approved, certificate; the buttons are the
// actions the server says the user may take now.
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { ErrorAlert } from '../../app/ErrorAlert';
import { counted, formatDate } from '../../app/format';
import type { KeysetList } from '../../app/useKeysetList';
import { enrollmentActionLabels, enrollmentStatusColors, enrollmentStatusLabels } from './labels';
import { useChangeEnrollment } from './queries';
import type { Enrollment, EnrollmentAction } from './types';

interface CompleteValues {
  certificateNumber: string;
  certificateDate: Dayjs;
  completedOn: Dayjs;
}

function EnrollmentActions({ e, self }: { e: Enrollment; self: boolean }) {
  const { message } = App.useApp();
  const change = useChangeEnrollment();
  const [completing, setCompleting] = useState(false);
  const [form] = Form.useForm<CompleteValues>();
  const run = async (action: EnrollmentAction, extra: Partial<{ certificateNumber: string; certificateDate: string; completedOn: string }> = {}) => {
    const done = await change.mutateAsync({ id: e.id, version: e.version, action, ...extra }).catch(() => null);
    if (done) {
      message.success(`${enrollmentActionLabels[action]}: ${enrollmentStatusLabels[done.status].toLowerCase()}`);
      setCompleting(false);
    }
  };
  if (e.actions.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {e.actions.map((a) => (
        <Button key={a} size="small" type={a === 'approve' || a === 'enroll' || a === 'complete' ? 'primary' : 'default'} danger={a === 'reject' || a === 'drop'} onClick={() => (a === 'complete' ? setCompleting(true) : void run(a))} loading={change.isPending && change.variables?.action === a && a !== 'complete'}>
          {self && a === 'drop' ? 'Отозвать заявку' : enrollmentActionLabels[a]}
        </Button>
      ))}
      {change.error && !completing && <ErrorAlert error={change.error} />}
      <Modal open={completing} title={`Завершить обучение: ${e.fullName}`} okText="Завершить" cancelText="Отмена" onOk={() => form.submit()} onCancel={() => setCompleting(false)} okButtonProps={{ loading: change.isPending }} destroyOnHidden>
        <Form<CompleteValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void run('complete', { certificateNumber: v.certificateNumber.trim(), certificateDate: v.certificateDate.format('YYYY-MM-DD'), completedOn: v.completedOn.format('YYYY-MM-DD') })}
        >
          <Form.Item label="Номер удостоверения" name="certificateNumber" rules={[{ required: true, whitespace: true, message: 'Укажите номер удостоверения' }]}>
            <Input />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item label="Дата выдачи" name="certificateDate" rules={[{ required: true, message: 'Укажите дату' }]}>
              <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
            </Form.Item>
            <Form.Item label="Дата окончания обучения" name="completedOn" rules={[{ required: true, message: 'Укажите дату' }]}>
              <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
            </Form.Item>
          </Flex>
          {change.error && <ErrorAlert error={change.error} />}
        </Form>
      </Modal>
    </Flex>
  );
}

export function EnrollmentTable({ list, empty, showPerson }: { list: KeysetList<Enrollment>; empty: string; showPerson: boolean }) {
  return (
    <PagedTable<Enrollment>
      list={list}
      rowKey="id"
      empty={empty}
      totalLabel={(n) => `Найдено: ${counted(n, ['запись', 'записи', 'записей'])}`}
      columns={[
        ...(showPerson ? [{ title: 'Работник', key: 'person', width: 200, render: (_: unknown, e: Enrollment) => <Link to={`/staff/${e.staffId}`}>{e.fullName}</Link> }] : []),
        {
          title: 'Программа',
          key: 'title',
          render: (_, e) => (
            <Flex vertical gap={2}>
              {e.program ? <Link to={`/programs/${e.program.id}`}>{e.title}</Link> : e.title}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {[e.program?.providerName ?? e.external?.provider, e.program?.hours ?? e.external?.hours ? `${e.program?.hours ?? e.external?.hours} ч` : null, e.cohort ? `группа ${formatDate(e.cohort.startsOn)} — ${formatDate(e.cohort.endsOn)}` : e.kind === 'external' ? 'пройден в другой организации' : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              {e.inFederalRegistry && <Tag color="blue" style={{ width: 'fit-content' }}>федеральный реестр</Tag>}
            </Flex>
          ),
        },
        {
          title: 'Статус',
          key: 'status',
          width: 190,
          render: (_, e) => (
            <Flex vertical gap={2}>
              <Tag color={enrollmentStatusColors[e.status]} style={{ width: 'fit-content' }}>
                {enrollmentStatusLabels[e.status]}
                {e.waitlistPosition ? ` (№ ${e.waitlistPosition})` : ''}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                подана {formatDate(e.requestedAt)}
                {e.decidedByName ? `; решение: ${e.decidedByName}` : ''}
              </Typography.Text>
              {e.statusNote && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{e.statusNote}</Typography.Text>}
            </Flex>
          ),
        },
        {
          title: 'Удостоверение',
          key: 'certificate',
          width: 170,
          render: (_, e) =>
            e.certificate ? (
              <Flex vertical gap={2}>
                <span>№ {e.certificate.number ?? '—'} от {formatDate(e.certificate.date)}</span>
                {e.certificate.file && (
                  <DownloadButton size="small" icon={<PaperClipOutlined />} url={`/api/enrollments/${e.id}/certificate`} fileName={e.certificate.file.name} style={{ alignSelf: 'flex-start' }}>
                    Файл
                  </DownloadButton>
                )}
              </Flex>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        { title: 'Действия', key: 'actions', width: 200, render: (_, e) => <EnrollmentActions e={e} self={!showPerson} /> },
      ]}
    />
  );
}
