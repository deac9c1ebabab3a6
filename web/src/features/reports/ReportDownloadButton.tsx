// Downloads a report file with its progress: «Формируется…» while the server builds it, then the
// share received.
import { useState } from 'react';
import { App, Button, Progress, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile } from '../../app/api';
import { errorMessage } from '../../app/ErrorAlert';

export function ReportDownloadButton({ url, fileName, label }: { url: string; fileName: string; label: string }) {
  const { message } = App.useApp();
  const [state, setState] = useState<{ received: number; total: number | null } | null>(null);
  const run = async () => {
    setState({ received: 0, total: null });
    try {
      await downloadFile(url, fileName, (received, total) => setState({ received, total }));
      message.success(`Файл «${fileName}» сохранён`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setState(null);
    }
  };
  const percent = state?.total ? Math.round((state.received / state.total) * 100) : null;
  return (
    <Space>
      <Button icon={<DownloadOutlined />} loading={state !== null} onClick={run}>
        {state === null ? label : state.received === 0 ? 'Формируется…' : 'Загрузка…'}
      </Button>
      {state !== null && (
        <Progress
          type="line"
          size="small"
          style={{ width: 140, margin: 0 }}
          status="active"
          percent={percent ?? (state.received > 0 ? 90 : 10)}
          showInfo={percent !== null}
          aria-label={`Ход формирования файла ${label}`}
        />
      )}
    </Space>
  );
}
