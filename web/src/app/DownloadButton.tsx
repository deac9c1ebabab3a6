// Downloads a file from the API with the session; failures are shown, not swallowed.
import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile } from './api';
import { errorMessage } from './ErrorAlert';

interface Props extends Omit<ButtonProps, 'onClick' | 'loading'> {
  url: string;
  fileName: string;
  children: ReactNode;
}

export function DownloadButton({ url, fileName, children, ...buttonProps }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(url, fileName);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} {...buttonProps} loading={busy} onClick={run}>
      {children}
    </Button>
  );
}
