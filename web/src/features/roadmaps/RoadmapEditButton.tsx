// The owner corrects the roadmap's title and the details of the approving order, or archives
// it; the wording of activities changes only with a new revision.
import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ArchiveButton } from '../../app/ArchiveButton';
import { ErrorAlert, errorMessage } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useUpdateRoadmap } from './queries';
import type { Roadmap } from './types';

interface Values {
  title: string;
  approvedBy?: string;
}

export function RoadmapEditButton({ roadmap, onReload }: { roadmap: Roadmap; onReload: () => void }) {
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateRoadmap(roadmap.id);
  const { submit, saving, error, unmatched, clearError } = useFormSubmit(
    form,
    (v: Values) => update.mutateAsync({ version: roadmap.version, title: v.title.trim(), approvedBy: v.approvedBy?.trim() || null }),
    () => {
      message.success('Изменения сохранены');
      setOpen(false);
    },
  );
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        Реквизиты
      </Button>
      <ArchiveButton
        archived={roadmap.archived}
        what="дорожную карту"
        loading={update.isPending}
        onConfirm={(archived) => update.mutateAsync({ version: roadmap.version, archived }).catch((err) => message.error(errorMessage(err)))}
      />
      <Modal
        open={open}
        title="Название и реквизиты приказа"
        okText="Сохранить"
        cancelText="Отмена"
        okButtonProps={{ loading: saving }}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          clearError();
        }}
        destroyOnHidden
        width={640}
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ title: roadmap.title, approvedBy: roadmap.approvedBy ?? undefined }} preserve={false}>
          <Form.Item label="Название" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите название' }, { max: 2000, message: 'Не длиннее 2000 символов' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item label="Утверждена (приказ)" name="approvedBy" rules={[{ max: 2000, message: 'Не длиннее 2000 символов' }]} extra="Например: «УТВЕРЖДЕН приказом Министерства от 25.06.2021 № 240»">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          {error !== null && (
            <ErrorAlert
              error={error}
              extra={unmatched}
              onReload={() => {
                clearError();
                setOpen(false);
                onReload();
              }}
            />
          )}
        </Form>
      </Modal>
    </>
  );
}
