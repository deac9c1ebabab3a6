// The one HTTP client of the UI: JSON in and out, the session cookie, and errors as ApiError.
import type { FormInstance } from 'antd';

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isStaleVersion() {
    return this.status === 409 && this.code === 'stale_version';
  }
}

/** A keyset page as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the defined, non-empty values only (an empty filter means «all»). */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Called on any 401, so the shell can send the user to the login page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: FieldIssue[] } } | null = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or a crash page */
  }
  const fallback =
    res.status === 429
      ? 'Слишком много попыток. Подождите и повторите.'
      : res.status >= 500
        ? 'Сервер временно недоступен. Повторите попытку позже.'
        : `Ошибка запроса (${res.status})`;
  return new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? fallback, body?.error?.fields ?? []);
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение и повторите.');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    // the login form itself answers 401 for a wrong password: that is not an expired session
    if (res.status === 401 && url !== '/api/auth/login') onUnauthorized();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, undefined, signal),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
};

/** Multipart upload with progress (fetch cannot report upload progress, XHR can). */
export function uploadForm<T>(url: string, form: FormData, onProgress: (percent: number) => void = () => {}, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение и повторите.'));
    xhr.onload = async () => {
      const res = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': 'application/json' } });
      if (xhr.status >= 200 && xhr.status < 300) resolve((await res.json()) as T);
      else {
        if (xhr.status === 401) onUnauthorized();
        reject(await errorFrom(res));
      }
    };
    xhr.send(form);
  });
}

/** One file in the field `file`, with progress. */
export function uploadFile<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<T>(url, form, onProgress);
}

/** Downloads a file (an XLSX export or template) with the session; API errors surface as ApiError. */
export async function downloadFile(url: string, fallbackName: string, onProgress?: (received: number, total: number | null) => void): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение и повторите.');
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    throw await errorFrom(res);
  }
  const blob = onProgress ? await readWithProgress(res, onProgress) : await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The body of a download chunk by chunk, telling how much has arrived (of how much, when known). */
async function readWithProgress(res: Response, onProgress: (received: number, total: number | null) => void): Promise<Blob> {
  const total = Number(res.headers.get('content-length')) || null;
  const reader = res.body?.getReader();
  if (!reader) return res.blob();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? undefined });
}

/** `positions.0.title` → ['positions', 0, 'title'], the name path of an antd Form.List field. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Puts the server's field messages under the form's fields. Returns the messages that match
 *  no field of the form, so the caller can show them above it. */
export function applyFieldErrors(form: FormInstance, err: unknown): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  // getFieldsError() lists every field the form has registered (rendered)
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const known: { name: (string | number)[]; errors: string[] }[] = [];
  const unknown: string[] = [];
  for (const f of err.fields) {
    const name = namePath(f.field);
    if (registered.has(JSON.stringify(name))) known.push({ name, errors: [f.message] });
    else unknown.push(f.field && f.field !== '(запрос)' ? `${f.field}: ${f.message}` : f.message);
  }
  form.setFields(known);
  return unknown;
}
