// Step 1: the file. Only .xlsx is taken; the upload itself shows its progress.
import { useState } from 'react';
import { App, Flex, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { uploadFile } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import type { ImportKind } from './types';

interface Props {
  kind: ImportKind;
  /** Query of the upload, e.g. `?assessmentId=…` for results of a diagnostic. */
  query?: string;
  onUploaded: (batchId: string) => void;
}

export function ImportUpload({ kind, query = '', onUploaded }: Props) {
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  return (
    <Flex vertical gap={12}>
      <Upload.Dragger
        name="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        maxCount={1}
        showUploadList={{ showRemoveIcon: false }}
        beforeUpload={(file) => {
          if (!/\.xlsx$/i.test(file.name)) {
            message.error('Нужен файл Excel в формате .xlsx (старый .xls и .csv не принимаются)');
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          setError(null);
          uploadFile<{ id: string }>(`/api/imports/${kind}${query}`, file as File, (percent) => onProgress?.({ percent }))
            .then((res) => {
              onSuccess?.(res);
              onUploaded(res.id);
            })
            .catch((err: Error) => {
              setError(err);
              onError?.(err);
            });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Перетащите файл сюда или нажмите, чтобы выбрать</p>
        <p className="ant-upload-hint">Один файл .xlsx, заполненный по шаблону. Ничего не сохраняется, пока вы не проверите предпросмотр.</p>
      </Upload.Dragger>
      {error !== null && <ErrorAlert error={error} />}
      <Typography.Text type="secondary">Первая строка листа — заголовки столбцов шаблона; обязательные столбцы отмечены звёздочкой.</Typography.Text>
    </Flex>
  );
}
