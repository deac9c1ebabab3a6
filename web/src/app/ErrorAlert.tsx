// How any failed request is shown: the server's Russian message, and a way forward.
import { Alert, Button } from 'antd';
import { ApiError } from './api';

interface Props {
  error: unknown;
  /** «Повторить» for a failed load. */
  onRetry?: () => void;
  /** For a 409 on an edit: load the current version of the record. */
  onReload?: () => void;
  /** Messages of fields the form does not show (see applyFieldErrors). */
  extra?: string[];
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Что-то пошло не так. Обновите страницу и повторите.';
}

export function ErrorAlert({ error, onRetry, onReload, extra = [] }: Props) {
  const stale = error instanceof ApiError && error.isStaleVersion;
  const action =
    stale && onReload ? (
      <Button size="small" type="primary" onClick={onReload}>
        Загрузить актуальную версию
      </Button>
    ) : onRetry ? (
      <Button size="small" onClick={onRetry}>
        Повторить
      </Button>
    ) : undefined;
  return (
    <Alert
      type={stale ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={errorMessage(error)}
      description={extra.length ? extra.map((m) => <div key={m}>{m}</div>) : undefined}
      action={action}
    />
  );
}
