/** A file download answer. The name goes in `filename*` (UTF-8, for Cyrillic names) and, for old
 *  clients, as an ASCII fallback in `filename`; quotes and control characters never reach the header. */
export function attachment(data: Buffer | Uint8Array, opts: { mime: string; fileName: string }): Response {
  const clean = opts.fileName.replace(/[\x00-\x1f\x7f"\\/]/g, '_').trim() || 'file';
  // Cyrillic has no ASCII form: old clients get a neutral name with the right extension.
  const ascii = /^[\x20-\x7e]+$/.test(clean) ? clean : `file${/\.[a-z0-9]{1,5}$/i.exec(clean)?.[0] ?? ''}`;
  return new Response(new Uint8Array(data), {
    status: 200,
    headers: {
      'content-type': opts.mime,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`,
      'cache-control': 'no-store',
    },
  });
}
